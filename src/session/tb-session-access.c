/* tb-session-access.c: TbSession's side of the shared workstation (issue 8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-session"

#include "config.h"

#include "tb-session.h"
#include "tb-session-private.h"

#include <glib/gi18n.h>

static void
pin_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbSession *self = g_task_get_source_object (task);
  gint64 texter_id = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  GError *error = NULL;

  if (!tb_access_verify_pin_finish (TB_ACCESS (source), result, &error)
      || !tb_session_sign_in_pin_checked (self, texter_id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

gboolean
tb_session_get_admin_unlocked (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);

  return tb_access_get_admin_unlocked (tb_session_get_access (self));
}

gboolean
tb_session_get_locked (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);

  return tb_access_get_locked (tb_session_get_access (self));
}

gboolean
tb_session_check_admin (TbSession      *self,
                        TbAdminAction   action,
                        GError        **error)
{
  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);

  return tb_access_check_admin (tb_session_get_access (self), action, error);
}

void
tb_session_sign_in_with_pin_async (TbSession           *self,
                                   gint64               texter_id,
                                   const char          *pin,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TB_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_session_sign_in_with_pin_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) texter_id), NULL);
  tb_access_verify_pin_async (tb_session_get_access (self), texter_id, pin, cancellable,
                              pin_checked_cb, g_steal_pointer (&task));
}

gboolean
tb_session_sign_in_with_pin_finish (TbSession     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tb_session_remove_opt_out (TbSession   *self,
                           const char  *phone,
                           GError     **error)
{
  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);
  g_return_val_if_fail (phone != NULL, FALSE);

  if (!tb_session_check_admin (self, TB_ADMIN_ACTION_OPT_OUT_UNDO, error))
    return FALSE;
  /* The store writes the audit entry in the same transaction. */
  return tb_store_opt_out_remove (tb_session_get_store (self), phone,
                                  tb_session_get_texter_id (self), error);
}

TbTexterStats *
tb_session_shift_summary (TbSession  *self,
                          GError    **error)
{
  TbAccess *access;

  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  access = tb_session_get_access (self);
  if (tb_session_get_texter_id (self) == 0)
    {
      g_set_error_literal (error, TB_SESSION_ERROR, TB_SESSION_ERROR_NO_SUCH_TEXTER,
                           _("Nobody is signed in"));
      return NULL;
    }
  return tb_access_shift_summary (access, tb_session_get_texter_id (self),
                                  tb_access_get_texter_since (access), error);
}
