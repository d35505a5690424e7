/* tb-access-idle.c: the idle lock of a shared workstation
 *
 * After "idle-timeout" without input the workstation locks; a sign-in
 * unlocks it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-access"

#include "config.h"

#include "tb-access.h"
#include "tb-access-private.h"


static gboolean
idle_timer_cb (gpointer user_data)
{
  TbAccess *self = user_data;
  gint64 idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;

  self->idle_timer = 0;
  /* Input since the timer was set moves the deadline instead of restarting
   * the timer on every event. */
  if (idle_ms < self->idle_timeout_ms)
    tb_access_schedule_idle_timer (self, self->idle_timeout_ms - (guint) idle_ms);
  else
    tb_access_lock (self);
  return G_SOURCE_REMOVE;
}

void
tb_access_schedule_idle_timer (TbAccess *self,
                     guint     delay_ms)
{
  g_clear_handle_id (&self->idle_timer, g_source_remove);
  if (self->locked || self->texter_id == 0 || self->idle_timeout_ms == 0)
    return;
  self->idle_timer = g_timeout_add (MAX (delay_ms, 1), idle_timer_cb, self);
  g_source_set_name_by_id (self->idle_timer, "[textbank] idle lock");
}

void
tb_access_note_activity (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  self->last_activity = g_get_monotonic_time ();
  if (self->idle_timer == 0)
    tb_access_schedule_idle_timer (self, self->idle_timeout_ms);
}

void
tb_access_lock (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  g_clear_handle_id (&self->idle_timer, g_source_remove);
  tb_access_lock_admin (self);
  if (self->locked)
    return;
  self->locked = TRUE;
  tb_access_update_admin_unlocked (self);
  g_debug ("workstation locked");
  tb_access_notify (self, TB_ACCESS_PROP_LOCKED);
  tb_access_audit (self, "lock", NULL, NULL);
  tb_access_emit_idle_locked (self);
}

void
tb_access_unlock (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  if (self->locked)
    {
      self->locked = FALSE;
      tb_access_update_admin_unlocked (self);
      tb_access_notify (self, TB_ACCESS_PROP_LOCKED);
    }
  tb_access_note_activity (self);
}

gboolean
tb_access_get_locked (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  return self->locked;
}
