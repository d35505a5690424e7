/* tb-outbox-press.c: the press: the checks before a row is queued
 * (opt-out, texting hours, the demo rule, who pressed), Send, Retry and
 * a manual opt-out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-outbox"

#include "config.h"

#include <inttypes.h>

#include "tb-outbox.h"
#include "tb-outbox-private.h"

#include <glib/gi18n.h>

#include "tb-texting-hours.h"

/* The contact's zone list: as stored, else from its ZIP and phone. */
char *
tb_outbox_contact_zones (TbContact *contact)
{
  const char *zones = tb_contact_get_time_zone (contact);

  if (zones != NULL && *zones != '\0')
    return g_strdup (zones);
  return tb_time_zones_for_contact (tb_contact_get_zip (contact),
                                    tb_contact_get_phone (contact));
}

gboolean
tb_outbox_check_hours (TbContact  *contact,
                       TbCampaign *campaign,
                       gint64      now,
                       gint64     *opens_at_out,
                       gint64     *seconds_left_out,
                       GError    **error)
{
  TbTextingWindow window = {
    tb_campaign_get_hours_start_min (campaign),
    tb_campaign_get_hours_end_min (campaign),
  };
  g_autofree char *zones = tb_outbox_contact_zones (contact);
  g_autofree char *name = tb_contact_dup_display_name (contact);
  g_autoptr(TbTextingHoursReason) reason = NULL;
  g_autofree char *why = NULL;
  TbTextingHoursVerdict verdict = { 0 };
  g_autoptr(GError) local_error = NULL;

  if (!tb_texting_hours_check (zones, &window, now, &verdict, &local_error))
    {
      g_set_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS,
                   _("Campaign “%s” has no valid texting window: %s"),
                   tb_campaign_get_name (campaign), local_error->message);
      return FALSE;
    }

  if (verdict.status == TB_TEXTING_HOURS_OPEN)
    {
      if (seconds_left_out != NULL)
        *seconds_left_out = verdict.seconds_left;
      return TRUE;
    }

  if (opens_at_out != NULL)
    *opens_at_out = verdict.next_allowed;
  reason = tb_texting_hours_explain (zones, &window, now, NULL);
  why = reason != NULL ? tb_texting_hours_reason_format (reason) : NULL;
  g_set_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS,
               _("Outside texting hours for %s (%s): %s"),
               name, tb_contact_get_phone (contact),
               why != NULL ? why : _("the window is closed"));
  return FALSE;
}

/* Every press names a texter (promise 6). */
static gboolean
check_signed_in (TbOutbox    *self,
                 const char  *message,
                 GError     **error)
{
  if (self->texter_id > 0)
    return TRUE;
  g_set_error_literal (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_SIGNED_IN, message);
  return FALSE;
}

/* The checks of a press: opt-out, texting hours, the demo rule. */
static gboolean
check_contact (TbOutbox    *self,
               TbContact   *contact,
               TbCampaign  *campaign,
               gint64       now,
               gint64      *opens_at_out,
               GError     **error)
{
  g_autofree char *name = tb_contact_dup_display_name (contact);
  g_autoptr(GError) local_error = NULL;
  gboolean opted_out;

  if (tb_campaign_get_is_demo (campaign) && !tb_provider_is_simulator (self->provider))
    {
      g_set_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_DEMO_CAMPAIGN,
                   _("“%s” is a demo campaign: it is only sent through the simulator, not %s"),
                   tb_campaign_get_name (campaign),
                   tb_provider_get_display_name (self->provider));
      return FALSE;
    }

  opted_out = tb_store_is_opted_out (self->store, tb_contact_get_phone (contact), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (opted_out || tb_contact_get_status (contact) == TB_CONTACT_STATUS_OPTED_OUT)
    {
      g_set_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT,
                   _("%s (%s) has opted out: nothing more can be sent to this number"),
                   name, tb_contact_get_phone (contact));
      return FALSE;
    }

  return tb_outbox_check_hours (contact, campaign, now, opens_at_out, NULL, error);
}

static gboolean
load_contact (TbOutbox    *self,
              gint64       contact_id,
              TbContact  **contact_out,
              TbCampaign **campaign_out,
              GError     **error)
{
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GError) local_error = NULL;

  contact = tb_store_contact_get (self->store, contact_id, &local_error);
  if (contact == NULL)
    {
      if (g_error_matches (local_error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND))
        g_set_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NO_SUCH_CONTACT,
                     _("There is no contact with id %" PRId64), contact_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  campaign = tb_store_campaign_get (self->store, tb_contact_get_campaign_id (contact), error);
  if (campaign == NULL)
    return FALSE;

  *contact_out = g_steal_pointer (&contact);
  *campaign_out = g_steal_pointer (&campaign);
  return TRUE;
}

static gboolean
check_body (const char  *body,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (body != NULL ? body : ""));

  if (*stripped != '\0')
    return TRUE;
  g_set_error_literal (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_EMPTY_BODY,
                       _("The message is empty"));
  return FALSE;
}

/* A first text goes once. The store refuses a second one in the
 * transaction that would queue it; this says so before anything is written. */
static gboolean
check_first_text (TbOutbox   *self,
                  TbContact  *contact,
                  GError    **error)
{
  gboolean had_first = tb_contact_get_status (contact) != TB_CONTACT_STATUS_NEEDS_FIRST_TEXT;

  if (!had_first)
    {
      g_autoptr(GPtrArray) thread = tb_store_message_list_for_contact (self->store,
                                                                      tb_contact_get_id (contact),
                                                                      error);

      if (thread == NULL)
        return FALSE;
      for (guint i = 0; i < thread->len && !had_first; i++)
        had_first = tb_message_get_is_first (g_ptr_array_index (thread, i));
    }
  if (!had_first)
    return TRUE;
  g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED,
               _("%s has had its first text already"), tb_contact_get_phone (contact));
  return FALSE;
}

static gint64
submit (TbOutbox    *self,
        gint64       contact_id,
        const char  *body,
        const char  *press_id,
        gboolean     first_text,
        GError     **error)
{
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 now;
  gint64 message_id;

  g_return_val_if_fail (TB_IS_OUTBOX (self), 0);
  g_return_val_if_fail (press_id != NULL && *press_id != '\0', 0);

  if (!check_signed_in (self, _("Nobody is signed in: sign in before sending"), error)
      || !check_body (body, error)
      || !load_contact (self, contact_id, &contact, &campaign, error))
    return 0;

  now = tb_outbox_now (self);
  if (!check_contact (self, contact, campaign, now, NULL, error))
    return 0;

  if (first_text)
    message_id = tb_store_message_queue_first_text (self->store, contact_id, body,
                                                    self->texter_id, now, press_id,
                                                    &local_error);
  else
    message_id = tb_store_message_queue_outbound (self->store, contact_id, body,
                                                  self->texter_id, now, press_id,
                                                  &local_error);
  if (message_id <= 0)
    {
      /* The trigger's verdict, should the list have changed since the check. */
      if (g_error_matches (local_error, TB_STORE_ERROR, TB_STORE_ERROR_OPTED_OUT))
        g_set_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT,
                     _("%s has opted out: nothing more can be sent to this number"),
                     tb_contact_get_phone (contact));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  /* The store wrote the audit row (who pressed Send) with the message. */
  tb_outbox_add_job (self, message_id, TB_OUTBOX_JOB_SEND);
  tb_outbox_schedule_pump (self);
  return message_id;
}

gboolean
tb_outbox_check_contact (TbOutbox  *self,
                         gint64     contact_id,
                         gint64    *opens_at_out,
                         GError   **error)
{
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;

  g_return_val_if_fail (TB_IS_OUTBOX (self), FALSE);

  if (!load_contact (self, contact_id, &contact, &campaign, error))
    return FALSE;
  return check_contact (self, contact, campaign, tb_outbox_now (self), opens_at_out, error);
}

gboolean
tb_outbox_check_press (TbOutbox    *self,
                       gint64       contact_id,
                       const char  *body,
                       gboolean     first_text,
                       GError     **error)
{
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;

  g_return_val_if_fail (TB_IS_OUTBOX (self), FALSE);

  return check_body (body, error)
         && load_contact (self, contact_id, &contact, &campaign, error)
         && check_contact (self, contact, campaign, tb_outbox_now (self), NULL, error)
         && (!first_text || check_first_text (self, contact, error));
}

gint64
tb_outbox_submit (TbOutbox    *self,
                  gint64       contact_id,
                  const char  *body,
                  const char  *press_id,
                  GError     **error)
{
  return submit (self, contact_id, body, press_id, FALSE, error);
}

gint64
tb_outbox_submit_first_text (TbOutbox    *self,
                             gint64       contact_id,
                             const char  *body,
                             const char  *press_id,
                             GError     **error)
{
  return submit (self, contact_id, body, press_id, TRUE, error);
}

gboolean
tb_outbox_retry (TbOutbox  *self,
                 gint64     message_id,
                 GError   **error)
{
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autofree char *press_id = NULL;
  gint64 now;

  g_return_val_if_fail (TB_IS_OUTBOX (self), FALSE);

  if (!check_signed_in (self, _("Nobody is signed in: sign in before sending"), error))
    return FALSE;

  message = tb_store_message_get (self->store, message_id, error);
  if (message == NULL)
    return FALSE;
  if (tb_message_get_direction (message) != TB_MESSAGE_DIRECTION_OUT ||
      tb_message_get_state (message) != TB_MESSAGE_STATE_FAILED)
    {
      g_set_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_RETRYABLE,
                   _("Message %" PRId64 " is %s, not failed: only a failed message can be retried"),
                   message_id, tb_message_state_to_string (tb_message_get_state (message)));
      return FALSE;
    }

  if (!load_contact (self, tb_message_get_contact_id (message), &contact, &campaign, error))
    return FALSE;
  now = tb_outbox_now (self);
  if (!check_contact (self, contact, campaign, now, NULL, error))
    return FALSE;

  press_id = g_uuid_string_random ();
  if (!tb_store_message_retry (self->store, message_id, self->texter_id, now, press_id, error))
    return FALSE;

  tb_store_audit_add (self->store, self->texter_id, "send_retry",
                      tb_contact_get_phone (contact), NULL, NULL);
  tb_outbox_recount_failed (self);
  tb_outbox_add_job (self, message_id, TB_OUTBOX_JOB_SEND);
  tb_outbox_emit_changed (self, message_id);
  tb_outbox_schedule_pump (self);
  return TRUE;
}

gboolean
tb_outbox_opt_out (TbOutbox  *self,
                   gint64     contact_id,
                   GError   **error)
{
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;

  g_return_val_if_fail (TB_IS_OUTBOX (self), FALSE);

  if (!check_signed_in (self, _("Nobody is signed in: sign in before opting a contact out"), error))
    return FALSE;
  if (!load_contact (self, contact_id, &contact, &campaign, error))
    return FALSE;
  if (!tb_store_opt_out_add (self->store, tb_contact_get_phone (contact),
                             TB_OPT_OUT_SOURCE_MANUAL, 0, self->texter_id, error))
    return FALSE;

  /* The store failed this phone's queued rows: the next pass reports them
   * now rather than when their turn under the rate limit comes. */
  for (GList *l = self->jobs.head; l != NULL; l = l->next)
    {
      TbOutboxJob *job = l->data;

      if (job->kind == TB_OUTBOX_JOB_SEND && !job->in_flight && job->attempts == 0)
        job->not_before = 0;
    }
  tb_outbox_schedule_pump (self);
  return TRUE;
}
