/* tb-composer-state.c: why the composer's Send is disabled, and when to ask again
 *
 * Outside the contact's texting hours (with the local time and when the
 * window opens), opted out, nobody signed in; re-checked just after every
 * minute, since texting hours open and close on the minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-composer-private.h"
#include "tb-texting-hours.h"

static char *
outside_hours_reason (TbComposer *self)
{
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;
  g_autoptr(TbTextingHoursReason) reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  if (self->campaign != NULL)
    {
      window.start_minute = tb_campaign_get_hours_start_min (self->campaign);
      window.end_minute = tb_campaign_get_hours_end_min (self->campaign);
    }

  reason = tb_texting_hours_explain (tb_contact_get_time_zone (self->contact), &window,
                                     tb_session_now (self->session), &error);
  if (reason == NULL)
    return g_strdup_printf (_("Outside texting hours: %s"), error->message);

  sentence = tb_texting_hours_reason_format (reason);
  /* Translators: %s is e.g. "8:02 PM in Phoenix; opens 9:00 AM". */
  return g_strdup_printf (_("Outside texting hours: %s"), sentence);
}

void
tb_composer_update_state (TbComposer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  gboolean contact_ok = FALSE;
  gint64 opens_at = 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.skip", self->contact != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.opt-out",
                                 self->contact != NULL &&
                                 tb_contact_get_status (self->contact) != TB_CONTACT_STATUS_OPTED_OUT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.wrong-number",
                                 self->contact != NULL &&
                                 tb_contact_get_status (self->contact) != TB_CONTACT_STATUS_OPTED_OUT);

  if (self->contact == NULL || self->session == NULL)
    {
      tb_composer_set_notice (self, NULL, NULL, NULL);
      tb_send_guard_set_allowed (self->guard, FALSE);
      return;
    }

  gtk_text_view_set_editable (self->text_view,
                              tb_contact_get_status (self->contact) != TB_CONTACT_STATUS_OPTED_OUT);

  if (tb_contact_get_status (self->contact) == TB_CONTACT_STATUS_OPTED_OUT)
    {
      tb_composer_set_notice (self, "action-unavailable-symbolic", "opted-out",
                               _("This person opted out. Textbank will never text this number again."));
      tb_send_guard_set_allowed (self->guard, FALSE);
      return;
    }

  contact_ok = tb_outbox_check_contact (tb_session_get_outbox (self->session),
                                        tb_contact_get_id (self->contact), &opens_at, &error);
  if (!contact_ok)
    {
      if (g_error_matches (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS))
        {
          reason = outside_hours_reason (self);
          tb_composer_set_notice (self, "preferences-system-time-symbolic", NULL, reason);
        }
      else if (g_error_matches (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT))
        tb_composer_set_notice (self, "action-unavailable-symbolic", "opted-out",
                    _("This number is on the opt-out list. Textbank will never text it again."));
      else if (g_error_matches (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_SIGNED_IN))
        tb_composer_set_notice (self, "system-users-symbolic", NULL,
                    _("Sign in to send: every message records who sent it."));
      else
        tb_composer_set_notice (self, "dialog-warning-symbolic", NULL, error->message);

      tb_send_guard_set_allowed (self->guard, FALSE);
      return;
    }

  tb_composer_set_notice (self, NULL, NULL, NULL);
  text = tb_composer_dup_text (self);
  g_strstrip (text);
  tb_send_guard_set_allowed (self->guard, *text != '\0');
}

static gboolean
on_minute_tick (gpointer user_data)
{
  TbComposer *self = user_data;

  self->minute_timeout = 0;
  tb_composer_update_state (self);
  tb_composer_schedule_minute_tick (self);

  return G_SOURCE_REMOVE;
}

/* Texting hours change on the minute: re-check just after each one. */
void
tb_composer_schedule_minute_tick (TbComposer *self)
{
  gint64 now = g_get_real_time ();
  guint ms = (guint) ((60 * G_USEC_PER_SEC - now % (60 * G_USEC_PER_SEC)) / 1000) + 50;

  g_clear_handle_id (&self->minute_timeout, g_source_remove);
  self->minute_timeout = g_timeout_add (ms, on_minute_tick, self);
}
