/* tb-access-secrets.c: the admin passphrase and the texters' PINs
 *
 * Hashing and verifying run in worker threads (tb-auth.c); each outcome is
 * rate limited per scope and audited on the caller's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-access"

#include "config.h"

#include "tb-access.h"
#include "tb-access-private.h"

#include <glib/gi18n.h>

/* The finish of the boolean async calls. */
static gboolean
propagate_boolean (TbAccess      *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The outcome of a guess, on the store's thread: rate limit, audit. */
static gboolean
record_guess (TbAccess    *self,
              const char  *scope,
              const char  *audit_action,
              gint64       audit_texter_id,
              gboolean     right,
              GError     **error)
{
  g_autoptr(GError) store_error = NULL;

  if (right)
    {
      if (!tb_auth_limit_reset (self->store, scope, &store_error))
        g_warning ("Could not reset the rate limit of %s: %s", scope, store_error->message);
      return TRUE;
    }

  if (tb_auth_limit_fail (self->store, scope, tb_access_now (self), &store_error) < 0)
    g_warning ("Could not record a wrong guess for %s: %s", scope, store_error->message);
  tb_store_audit_add (self->store, audit_texter_id, audit_action, scope, NULL, NULL);
  return FALSE;
}

static gboolean
finish_admin_guess (TbAccess  *self,
                    gboolean   right,
                    GError   **error)
{
  if (!record_guess (self, TB_AUTH_SCOPE_ADMIN, "admin_unlock_failed", self->texter_id,
                     right, NULL))
    return FALSE;
  tb_access_unlock_admin_now (self);
  tb_access_audit (self, "admin_unlock", NULL, NULL);
  return TRUE;
}

/* The admin may set this passphrase now (or no passphrase is set yet). */
static gboolean
may_set_passphrase (TbAccess    *self,
                    const char  *passphrase,
                    GError     **error)
{
  return tb_access_check_admin (self, TB_ADMIN_ACTION_WORKSTATION_SETTINGS, error)
         && tb_auth_passphrase_is_valid (passphrase, error);
}

static gboolean
store_admin_hash (TbAccess    *self,
                  const char  *hash,
                  GError     **error)
{
  if (!tb_store_setting_set (self->store, TB_ACCESS_SETTING_ADMIN_HASH, hash, error))
    return FALSE;
  self->has_passphrase = TRUE;
  tb_access_audit (self, "admin_passphrase_set", NULL, NULL);
  /* Whoever set it stays admin for the usual time. */
  tb_access_unlock_admin_now (self);
  return TRUE;
}

static void
set_passphrase_hashed_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  g_autofree char *hash = NULL;
  GError *error = NULL;

  hash = tb_auth_hash_secret_finish (result, &error);
  if (hash == NULL)
    g_task_return_error (task, error);
  /* The admin may have been locked while the hash was computed. */
  else if (!tb_access_check_admin (self, TB_ADMIN_ACTION_WORKSTATION_SETTINGS, &error)
           || !store_admin_hash (self, hash, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* A verification's answer. TRUE for a guess, right or wrong (*right; a
 * wrong one's error in *wrong_error); FALSE once the task has returned any
 * other error, which is no guess. */
static gboolean
take_guess (GTask         *task,
            GAsyncResult  *result,
            gboolean      *right,
            GError       **wrong_error)
{
  GError *error = NULL;

  *right = tb_auth_verify_secret_finish (result, &error);
  if (!*right && !g_error_matches (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET))
    {
      g_task_return_error (task, error);
      return FALSE;
    }
  if (error != NULL)
    g_propagate_error (wrong_error, error);
  return TRUE;
}

static void
unlock_verified_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  g_autoptr(GError) wrong = NULL;
  gboolean right;

  if (!take_guess (task, result, &right, &wrong))
    return;
  finish_admin_guess (self, right, NULL);
  if (right)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&wrong));
}

static void
pin_verified_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  gint64 texter_id = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  g_autofree char *scope = tb_auth_texter_scope (texter_id);
  gboolean right;

  if (!take_guess (task, result, &right, NULL))
    return;
  record_guess (self, scope, "pin_failed", texter_id, right, NULL);
  if (right)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET,
                             "%s", _("That is not the right PIN"));
}

static void
add_texter_hashed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  const char *name = g_task_get_task_data (task);
  g_autofree char *hash = NULL;
  GError *error = NULL;
  gint64 id;

  if (result != NULL)
    {
      hash = tb_auth_hash_secret_finish (result, &error);
      if (hash == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  id = tb_store_texter_add (self->store, name, hash, FALSE, &error);
  if (id <= 0)
    {
      g_task_return_error (task, error);
      return;
    }
  tb_access_audit (self, "texter_add", name, hash != NULL ? "with PIN" : NULL);
  g_task_return_int (task, id);
}

/* The stored admin hash, once the rate limit allows a guess. TRUE with
 * *hash NULL when no passphrase is set: the admin is then unlocked. */
static gboolean
read_admin_hash (TbAccess  *self,
                 char     **hash,
                 GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stored = tb_store_setting_get (self->store, TB_ACCESS_SETTING_ADMIN_HASH,
                                                  &local_error);

  *hash = NULL;
  if (stored == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stored == NULL)
    {
      self->has_passphrase = FALSE;
      tb_access_unlock_admin_now (self);
      return TRUE;
    }
  if (!tb_auth_limit_check (self->store, TB_AUTH_SCOPE_ADMIN, tb_access_now (self), NULL, error))
    return FALSE;
  *hash = g_steal_pointer (&stored);
  return TRUE;
}

gboolean
tb_access_has_admin_passphrase (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), TRUE);

  return self->has_passphrase;
}

void
tb_access_set_admin_passphrase_async (TbAccess            *self,
                                      const char          *passphrase,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_set_admin_passphrase_async);

  if (!may_set_passphrase (self, passphrase, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  tb_auth_hash_secret_async (passphrase, cancellable, set_passphrase_hashed_cb,
                             g_steal_pointer (&task));
}

gboolean
tb_access_set_admin_passphrase_finish (TbAccess      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return propagate_boolean (self, result, error);
}

gboolean
tb_access_set_admin_passphrase (TbAccess    *self,
                                const char  *passphrase,
                                GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  if (!may_set_passphrase (self, passphrase, error))
    return FALSE;
  hash = tb_auth_hash_secret (passphrase, error);
  return hash != NULL && store_admin_hash (self, hash, error);
}

void
tb_access_unlock_admin_async (TbAccess            *self,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *hash = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_unlock_admin_async);

  if (!read_admin_hash (self, &hash, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (hash == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  tb_auth_verify_secret_async (hash, passphrase, cancellable, unlock_verified_cb,
                               g_steal_pointer (&task));
}

gboolean
tb_access_unlock_admin_finish (TbAccess      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_boolean (self, result, error);
}

gboolean
tb_access_unlock_admin (TbAccess    *self,
                        const char  *passphrase,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  gboolean right;

  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  if (!read_admin_hash (self, &hash, error))
    return FALSE;
  if (hash == NULL)
    return TRUE;

  right = tb_auth_verify_secret (hash, passphrase, &local_error);
  /* Any error but a wrong passphrase is not a guess: no audit, no count. */
  if ((!right && !g_error_matches (local_error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET))
      || !finish_admin_guess (self, right, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
tb_access_verify_pin_async (TbAccess            *self,
                            gint64               texter_id,
                            const char          *pin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(TbTexter) texter = NULL;
  g_autofree char *scope = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_verify_pin_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) texter_id), NULL);

  texter = tb_store_texter_get (self->store, texter_id, &error);
  if (texter == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (texter->pin_hash == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  scope = tb_auth_texter_scope (texter_id);
  if (!tb_auth_limit_check (self->store, scope, tb_access_now (self), NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  tb_auth_verify_secret_async (texter->pin_hash, pin != NULL ? pin : "", cancellable,
                               pin_verified_cb, g_steal_pointer (&task));
}

gboolean
tb_access_verify_pin_finish (TbAccess      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return propagate_boolean (self, result, error);
}

void
tb_access_add_texter_async (TbAccess            *self,
                            const char          *name,
                            const char          *pin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *stripped = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_add_texter_async);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_task_return_new_error (task, TB_ACCESS_ERROR, TB_ACCESS_ERROR_INVALID_NAME,
                               "%s", _("A texter needs a name"));
      return;
    }
  g_task_set_task_data (task, g_steal_pointer (&stripped), g_free);

  if (pin == NULL || *pin == '\0')
    {
      add_texter_hashed_cb (NULL, NULL, g_steal_pointer (&task));
      return;
    }
  if (!tb_auth_pin_is_valid (pin, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  tb_auth_hash_secret_async (pin, cancellable, add_texter_hashed_cb, g_steal_pointer (&task));
}

gint64
tb_access_add_texter_finish (TbAccess      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  GError *local_error = NULL;
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  return id;
}
