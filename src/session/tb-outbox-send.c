/* tb-outbox-send.c: the outbox's network work: send, classify the outcome,
 * retry what certainly did not arrive, reconcile what may have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-outbox"

#include "config.h"

#include "tb-outbox-private.h"

#include <glib/gi18n.h>

/* Outbound messages listed from this long before the press still count:
 * the provider's clock and ours may differ. */
#define RECONCILE_SKEW_USEC (10 * 60 * G_USEC_PER_SEC)
/* The tag a contact gets when the provider calls its number invalid. */
#define INVALID_NUMBER_TAG "invalid number"

TbMessageState
tb_outbox_state_for_status (TbProviderMessageStatus status)
{
  switch (status)
    {
    case TB_PROVIDER_MESSAGE_STATUS_SENT:
      return TB_MESSAGE_STATE_SENT;
    case TB_PROVIDER_MESSAGE_STATUS_DELIVERED:
    case TB_PROVIDER_MESSAGE_STATUS_READ:
      return TB_MESSAGE_STATE_DELIVERED;
    case TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED:
      return TB_MESSAGE_STATE_UNDELIVERED;
    case TB_PROVIDER_MESSAGE_STATUS_FAILED:
    case TB_PROVIDER_MESSAGE_STATUS_CANCELED:
      return TB_MESSAGE_STATE_FAILED;
    case TB_PROVIDER_MESSAGE_STATUS_UNKNOWN:
    case TB_PROVIDER_MESSAGE_STATUS_ACCEPTED:
    case TB_PROVIDER_MESSAGE_STATUS_SCHEDULED:
    case TB_PROVIDER_MESSAGE_STATUS_QUEUED:
    case TB_PROVIDER_MESSAGE_STATUS_SENDING:
    case TB_PROVIDER_MESSAGE_STATUS_RECEIVING:
    case TB_PROVIDER_MESSAGE_STATUS_RECEIVED:
    default:
      return TB_MESSAGE_STATE_ACCEPTED;
    }
}

/* What goes in message.error_code: the provider's code as digits
 * ("21610"), or a name for Textbank's own refusals. */
static char *
error_code_string (const GError *error)
{
  if (error->domain == TB_PROVIDER_ERROR)
    return g_strdup_printf ("%d", error->code);
  if (error->domain == TB_OUTBOX_ERROR)
    {
      switch ((TbOutboxError) error->code)
        {
        case TB_OUTBOX_ERROR_OPTED_OUT:
          return g_strdup ("opted_out");
        case TB_OUTBOX_ERROR_OUTSIDE_HOURS:
          return g_strdup ("outside_hours");
        case TB_OUTBOX_ERROR_DEMO_CAMPAIGN:
          return g_strdup ("demo_campaign");
        case TB_OUTBOX_ERROR_NOT_RECEIVED:
          return g_strdup ("not_received");
        case TB_OUTBOX_ERROR_NOT_SIGNED_IN:
        case TB_OUTBOX_ERROR_NO_SUCH_CONTACT:
        case TB_OUTBOX_ERROR_EMPTY_BODY:
        case TB_OUTBOX_ERROR_NOT_RETRYABLE:
        default:
          break;
        }
    }
  return g_strdup_printf ("%s:%d", g_quark_to_string (error->domain), error->code);
}

/* Marks the row failed with the error, tells the UI, ends the job. */
static void
fail_job (TbOutbox     *self,
          TbOutboxJob  *job,
          const GError *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = error_code_string (reason);
  gint64 message_id = job->message_id;

  if (!tb_store_message_set_state (self->store, message_id, TB_MESSAGE_STATE_FAILED,
                                   NULL, code, reason->message, &error))
    g_warning ("Message %" G_GINT64_FORMAT " failed (%s) but cannot be marked so: %s",
               message_id, reason->message, error->message);

  tb_outbox_remove_job (self, job);
  tb_outbox_emit_failed (self, message_id, reason);
  tb_outbox_emit_changed (self, message_id);
}

static void
drop_job (TbOutbox    *self,
          TbOutboxJob *job)
{
  tb_outbox_remove_job (self, job);
}

/* A row of ours that the store failed underneath us: the UI hears it like
 * any other failure. */
static void
emit_failed_elsewhere (TbOutbox  *self,
                       TbMessage *message)
{
  g_autoptr(GError) reason = NULL;
  const char *text = tb_message_get_error_text (message);

  if (g_strcmp0 (tb_message_get_error_code (message), "opted_out") == 0)
    reason = g_error_new (TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT,
                          _("%s opted out before the message went out: it was not sent"),
                          tb_message_get_phone (message));
  else
    reason = g_error_new (TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_RETRYABLE,
                          _("The message to %s failed before it went out: %s"),
                          tb_message_get_phone (message),
                          text != NULL ? text : _("no reason given"));
  tb_outbox_emit_failed (self, tb_message_get_id (message), reason);
  tb_outbox_emit_changed (self, tb_message_get_id (message));
}

static gint64
backoff_usec (guint attempts)
{
  guint shift = MIN (attempts > 0 ? attempts - 1 : 0, 16);
  gint64 seconds = MIN ((gint64) 1 << shift, TB_OUTBOX_MAX_BACKOFF_SECONDS);

  return seconds * G_USEC_PER_SEC;
}

static void
mark_invalid_number (TbOutbox  *self,
                     TbMessage *message,
                     const char *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 contact_id = tb_message_get_contact_id (message);
  gint64 tag_id;

  tag_id = tb_store_tag_ensure (self->store, INVALID_NUMBER_TAG, &error);
  if (tag_id <= 0 ||
      !tb_store_contact_tag_add (self->store, contact_id, tag_id,
                                 tb_message_get_texter_id (message), &error) ||
      !tb_store_contact_set_status (self->store, contact_id, TB_CONTACT_STATUS_CLOSED, &error))
    {
      g_warning ("Cannot mark contact %" G_GINT64_FORMAT " as an invalid number: %s",
                 contact_id, error->message);
      return;
    }
  tb_store_audit_add (self->store, tb_message_get_texter_id (message), "invalid_number",
                      tb_message_get_phone (message), reason, NULL);
}

static void
handle_send_error (TbOutbox     *self,
                   TbOutboxJob  *job,
                   TbMessage    *message,
                   const GError *error)
{
  g_autoptr(GError) local_error = NULL;
  TbProviderErrorKind kind = tb_provider_error_classify (error);
  gint64 now = tb_outbox_now (self);

  switch (kind)
    {
    case TB_PROVIDER_ERROR_KIND_CANCELLED:
    case TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED:
      {
        g_autofree char *code = error_code_string (error);

        /* It may be at the provider: ask, never send again blindly. */
        if (!tb_store_message_set_state (self->store, job->message_id, TB_MESSAGE_STATE_UNKNOWN,
                                         NULL, code, error->message, &local_error))
          g_warning ("Message %" G_GINT64_FORMAT ": %s", job->message_id, local_error->message);
        job->kind = TB_OUTBOX_JOB_RECONCILE;
        job->since = now;
        job->not_before = now;
        tb_outbox_emit_changed (self, job->message_id);
        return;
      }

    case TB_PROVIDER_ERROR_KIND_RATE_LIMITED:
    case TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED:
      {
        gint64 delay = MAX (backoff_usec (job->attempts),
                            (gint64) tb_provider_error_get_retry_after (error) * G_USEC_PER_SEC);

        /* The provider certainly does not have it: the row stays `sending`
         * (a crash now leads to reconciliation, which finds nothing). */
        if (now + delay - job->first_attempt <= (gint64) self->retry_window * G_USEC_PER_SEC)
          {
            g_debug ("Message %" G_GINT64_FORMAT ": %s; retry %u in %" G_GINT64_FORMAT " ms",
                     job->message_id, error->message, job->attempts + 1, delay / 1000);
            job->not_before = now + delay;
            return;
          }
        fail_job (self, job, error);
        return;
      }

    case TB_PROVIDER_ERROR_KIND_AUTH:
      {
        g_autoptr(GError) rejected = NULL;

        /* Every other send would fail the same way: wait for new settings. */
        self->paused = TRUE;
        rejected = g_error_new (error->domain, error->code,
                                _("%s rejected the credentials (%s). Check the account and token "
                                  "in the provider settings; the queued messages wait until then."),
                                tb_provider_get_display_name (self->provider), error->message);
        fail_job (self, job, rejected);
        tb_outbox_emit_credentials_rejected (self, rejected);
        return;
      }

    case TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT:
      if (!tb_store_opt_out_add (self->store, tb_message_get_phone (message),
                                 TB_OPT_OUT_SOURCE_CARRIER, job->message_id,
                                 tb_message_get_texter_id (message), &local_error))
        g_warning ("Cannot record the carrier's opt-out of %s: %s",
                   tb_message_get_phone (message), local_error->message);
      fail_job (self, job, error);
      return;

    case TB_PROVIDER_ERROR_KIND_INVALID_NUMBER:
      mark_invalid_number (self, message, error->message);
      fail_job (self, job, error);
      return;

    case TB_PROVIDER_ERROR_KIND_OTHER:
    case TB_PROVIDER_ERROR_KIND_BODY_TOO_LONG:
    case TB_PROVIDER_ERROR_KIND_NOT_DELIVERED_NO_RETRY:
    default:
      fail_job (self, job, error);
      return;
    }
}

/* A request of the job's came back after its outbox was disposed: frees
 * the job. A row left `sending` is reconciled at the next start. */
static gboolean
job_orphaned (TbOutboxJob *job)
{
  if (job->outbox != NULL)
    return FALSE;
  tb_outbox_job_free (job);
  return TRUE;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  TbOutboxJob *job = user_data;
  TbOutbox *self = job->outbox;
  g_autoptr(TbProviderMessage) sent = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;

  sent = tb_provider_send_finish (TB_PROVIDER (source), result, &error);

  if (job_orphaned (job))
    return;

  job->in_flight = FALSE;
  self->in_flight--;

  message = tb_store_message_get (self->store, job->message_id, &store_error);
  if (message == NULL)
    {
      g_warning ("Message %" G_GINT64_FORMAT " vanished while sending: %s",
                 job->message_id, store_error->message);
      drop_job (self, job);
      tb_outbox_schedule_pump (self);
      return;
    }

  if (sent != NULL)
    {
      TbMessageState state = tb_outbox_state_for_status (sent->status);
      g_autofree char *code = sent->error_code != 0 ? g_strdup_printf ("%d", sent->error_code) : NULL;

      TbMessageStateChange change = {
        job->message_id, state, sent->sid, code, sent->error_message,
        sent->num_segments > 0 ? (int) sent->num_segments : 0,
      };

      /* The id and the segments in one statement: one commit. */
      if (!tb_store_message_change_state (self->store, &change, &store_error))
        {
          g_warning ("Message %" G_GINT64_FORMAT " was accepted as %s but cannot be marked so: %s",
                     job->message_id, sent->sid, store_error->message);
          /* It did go out: never leave it to a reconciliation that would
           * call it lost. Accepted, without the id another row holds. */
          g_clear_error (&store_error);
          if (!tb_store_message_set_state (self->store, job->message_id, TB_MESSAGE_STATE_ACCEPTED,
                                           NULL, NULL, _("Accepted, but the provider gave an id "
                                                         "another message already has"),
                                           &store_error))
            g_warning ("Message %" G_GINT64_FORMAT ": %s", job->message_id, store_error->message);
        }
      drop_job (self, job);
      tb_outbox_emit_changed (self, tb_message_get_id (message));
    }
  else
    {
      handle_send_error (self, job, message, error);
    }

  tb_outbox_schedule_pump (self);
}

static void
claim_synced_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TbOutboxJob *job = user_data;
  TbOutbox *self = job->outbox;
  g_autoptr(TbOutgoingMessage) outgoing = g_steal_pointer (&job->outgoing);
  g_autoptr(TbProvider) provider = g_steal_pointer (&job->provider);
  g_autoptr(GError) error = NULL;
  gboolean synced = tb_store_sync_finish (TB_STORE (source), result, &error);

  if (job_orphaned (job))
    return;
  job->in_flight = FALSE;
  self->in_flight--;
  if (!synced)
    {
      /* Not surely on disk: asked now, the provider could send it twice
       * after a power cut. The texter sees why and can retry. */
      fail_job (self, job, error);
      tb_outbox_schedule_pump (self);
      return;
    }
  /* A STOP that came in while the claim was synced. */
  if (tb_store_is_opted_out (self->store, outgoing->to, NULL))
    {
      g_set_error (&error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT,
                   _("%s opted out before the message went out: it was not sent"), outgoing->to);
      fail_job (self, job, error);
      tb_outbox_schedule_pump (self);
      return;
    }
  /* The session switched providers meanwhile: the row names the old one.
   * Our `sending` row goes round again, recording the new provider and
   * syncing that, so a lost answer is looked for where it was sent. */
  if (provider != self->provider)
    {
      job->not_before = 0;
      tb_outbox_schedule_pump (self);
      return;
    }
  job->in_flight = TRUE;
  self->in_flight++;
  tb_provider_send_async (provider, outgoing, job->cancellable, send_cb, job);
}

void
tb_outbox_start_send (TbOutbox    *self,
                      TbOutboxJob *job)
{
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(TbOutgoingMessage) outgoing = NULL;
  g_autoptr(GError) error = NULL;
  TbMessageState state;
  const char *sender;
  gint64 now = tb_outbox_now (self);
  gint64 seconds_left = -1;
  gint64 wait = 0;
  guint validity;

  self->n_job_loads++;
  message = tb_store_message_get (self->store, job->message_id, &error);
  if (message == NULL)
    {
      g_warning ("Cannot read message %" G_GINT64_FORMAT " to send it: %s",
                 job->message_id, error->message);
      drop_job (self, job);
      return;
    }

  /* Only a queued row is sent, or our own `sending` row waiting for a
   * retry; anything else was finished elsewhere. */
  state = tb_message_get_state (message);
  if (state == TB_MESSAGE_STATE_FAILED && job->attempts == 0)
    {
      /* Failed while it waited in our queue (an opt-out fails that phone's
       * queued rows in the store): say so, never leave it looking queued. */
      tb_outbox_remove_job (self, job);
      emit_failed_elsewhere (self, message);
      return;
    }
  if (state != TB_MESSAGE_STATE_QUEUED &&
      !(state == TB_MESSAGE_STATE_SENDING && job->attempts > 0))
    {
      drop_job (self, job);
      return;
    }

  contact = tb_store_contact_get (self->store, tb_message_get_contact_id (message), &error);
  if (contact != NULL)
    campaign = tb_store_campaign_get (self->store, tb_contact_get_campaign_id (contact), &error);
  if (campaign == NULL)
    {
      fail_job (self, job, error);
      return;
    }

  /* The press was checked; these can have changed since (a STOP came in,
   * the window closed while the message waited, the provider changed). */
  if (tb_store_is_opted_out (self->store, tb_contact_get_phone (contact), NULL))
    {
      g_set_error (&error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT,
                   _("%s opted out before the message went out: it was not sent"),
                   tb_contact_get_phone (contact));
      fail_job (self, job, error);
      return;
    }
  if (tb_campaign_get_is_demo (campaign) && !tb_provider_is_simulator (self->provider))
    {
      g_set_error (&error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_DEMO_CAMPAIGN,
                   _("“%s” is a demo campaign: it is only sent through the simulator, not %s"),
                   tb_campaign_get_name (campaign), tb_provider_get_display_name (self->provider));
      fail_job (self, job, error);
      return;
    }
  if (!tb_outbox_check_hours (contact, campaign, now, NULL, &seconds_left, &error))
    {
      fail_job (self, job, error);
      return;
    }

  sender = tb_campaign_get_sender (campaign);
  if (!tb_outbox_take_token (self, sender, &wait))
    {
      job->not_before = now + wait;
      g_free (job->paced_sender);
      job->paced_sender = g_strdup (sender != NULL ? sender : "");
      return;
    }
  g_clear_pointer (&job->paced_sender, g_free);

  g_free (job->sender);
  job->sender = g_strdup (sender);
  g_free (job->provider_name);
  job->provider_name = g_strdup (tb_provider_is_simulator (self->provider) ? "simulator" : "twilio");

  /* Committed before the request: a crash from here on leads to
   * reconciliation, never to a second send. The claim records the provider
   * in the same commit; a retry of our own `sending` row only updates it. */
  if (state == TB_MESSAGE_STATE_QUEUED
      ? !tb_store_message_claim_for (self->store, job->message_id, job->provider_name, sender, &error)
      : !tb_store_message_set_provider (self->store, job->message_id, job->provider_name,
                                        sender, 0, &error))
    {
      /* INVALID_STATE: another program claimed it first; it sends it. */
      if (g_error_matches (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE))
        g_debug ("Message %" G_GINT64_FORMAT " is not ours to send: %s",
                 job->message_id, error->message);
      else
        g_warning ("Cannot mark message %" G_GINT64_FORMAT " as sending, so it is not sent: %s",
                   job->message_id, error->message);
      drop_job (self, job);
      return;
    }
  tb_outbox_emit_changed (self, job->message_id);

  /* A message still undelivered when the window closes expires. */
  validity = seconds_left < 0 ? TB_OUTBOX_MAX_VALIDITY_SECONDS
                              : (guint) MIN (seconds_left, TB_OUTBOX_MAX_VALIDITY_SECONDS);
  outgoing = tb_outgoing_message_new (tb_contact_get_phone (contact), sender,
                                      tb_message_get_body (message), MAX (validity, 1));

  job->in_flight = TRUE;
  job->attempts++;
  if (job->first_attempt == 0)
    job->first_attempt = now;
  self->in_flight++;
  /* The claim on disk before the request (promise 3 across a power cut),
   * synced in a worker: on a busy or spinning disk an fsync on the main
   * thread held the window 10-100 ms. */
  job->outgoing = g_steal_pointer (&outgoing);
  job->provider = g_object_ref (self->provider);
  tb_store_sync_async (self->store, job->cancellable, claim_synced_cb, job);
}

static gint64
reconcile_interval (TbOutbox *self)
{
  return CLAMP ((gint64) self->settle_time * G_USEC_PER_SEC / 4,
                G_USEC_PER_SEC, 30 * G_USEC_PER_SEC);
}

/* The provider's message that is ours: same body, outbound, and no other
 * row of ours has its id. The list is newest first: take the oldest. */
static TbProviderMessage *
find_ours (TbOutbox  *self,
           TbMessage *message,
           GPtrArray *listed)
{
  TbProviderMessage *found = NULL;

  for (guint i = 0; i < listed->len; i++)
    {
      TbProviderMessage *candidate = g_ptr_array_index (listed, i);
      g_autoptr(TbMessage) other = NULL;

      if (candidate->sid == NULL || candidate->direction == TB_PROVIDER_DIRECTION_INBOUND)
        continue;
      if (g_strcmp0 (candidate->body, tb_message_get_body (message)) != 0)
        continue;
      other = tb_store_message_get_by_provider_id (self->store, candidate->sid, NULL);
      if (other != NULL && tb_message_get_id (other) != tb_message_get_id (message))
        continue;
      found = candidate;
    }

  return found;
}

static void
reconcile_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TbOutboxJob *job = user_data;
  TbOutbox *self = job->outbox;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  TbProviderMessage *ours;
  gint64 now;

  listed = tb_provider_list_messages_finish (TB_PROVIDER (source), result, &error);

  if (job_orphaned (job))
    return;

  job->in_flight = FALSE;
  now = tb_outbox_now (self);

  message = tb_store_message_get (self->store, job->message_id, NULL);
  if (message == NULL || tb_message_get_state (message) != TB_MESSAGE_STATE_UNKNOWN)
    {
      drop_job (self, job);
      tb_outbox_schedule_pump (self);
      return;
    }

  if (listed == NULL)
    {
      /* Cannot tell yet: it stays unknown, and we ask again. */
      g_debug ("Message %" G_GINT64_FORMAT ": cannot list the provider's messages: %s",
               job->message_id, error->message);
      job->not_before = now + reconcile_interval (self);
      tb_outbox_schedule_pump (self);
      return;
    }

  ours = find_ours (self, message, listed);
  if (ours != NULL)
    {
      TbMessageState state = tb_outbox_state_for_status (ours->status);
      g_autofree char *code = ours->error_code != 0 ? g_strdup_printf ("%d", ours->error_code) : NULL;
      g_autoptr(GError) store_error = NULL;

      g_debug ("Message %" G_GINT64_FORMAT " reached the provider as %s",
               job->message_id, ours->sid);
      /* Clear the no-answer note unless the provider gave an error. */
      if (!tb_store_message_set_state (self->store, job->message_id, state, ours->sid,
                                       code != NULL ? code : "",
                                       ours->error_message != NULL ? ours->error_message : "",
                                       &store_error))
        g_warning ("Message %" G_GINT64_FORMAT ": cannot adopt %s: %s",
                   job->message_id, ours->sid, store_error->message);
      drop_job (self, job);
      tb_outbox_emit_changed (self, tb_message_get_id (message));
    }
  else if (now - job->since >= (gint64) self->settle_time * G_USEC_PER_SEC)
    {
      g_autoptr(GError) reason = NULL;

      g_set_error (&reason, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_RECEIVED,
                   _("The provider has no record of the message to %s after the connection "
                     "was lost: it was not sent. Press Retry to send it."),
                   tb_message_get_phone (message));
      fail_job (self, job, reason);
    }
  else
    {
      job->not_before = now + reconcile_interval (self);
    }

  tb_outbox_schedule_pump (self);
}

void
tb_outbox_start_reconcile (TbOutbox    *self,
                           TbOutboxJob *job)
{
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbProviderListQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  const char *our_phone;

  message = tb_store_message_get (self->store, job->message_id, &error);
  if (message == NULL || tb_message_get_state (message) != TB_MESSAGE_STATE_UNKNOWN)
    {
      drop_job (self, job);
      return;
    }

  our_phone = tb_message_get_our_phone (message);
  query = tb_provider_list_query_new ();
  query->to = g_strdup (tb_message_get_phone (message));
  if (our_phone != NULL && g_str_has_prefix (our_phone, "+"))
    query->from = g_strdup (our_phone);
  query->sent_since = MAX (0, tb_message_get_pressed_at (message) - RECONCILE_SKEW_USEC);
  query->direction = TB_PROVIDER_DIRECTION_OUTBOUND_API;

  job->in_flight = TRUE;
  tb_provider_list_messages_async (self->provider, query, job->cancellable, reconcile_cb, job);
}
