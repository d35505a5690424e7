/* tb-outbox.c: the send state machine: the object, the press and Retry
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

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROVIDER,
  PROP_TEXTER_ID,
  PROP_RATE_PER_SECOND,
  PROP_RETRY_WINDOW,
  PROP_SETTLE_TIME,
  PROP_SENDING,
  PROP_FAILED,
  N_PROPS
};

enum {
  MESSAGE_FAILED,
  CREDENTIALS_REJECTED,
  MESSAGE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TbOutbox, tb_outbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-outbox-error-quark, tb_outbox_error)

static gint64
outbox_now (TbOutbox *self)
{
  return self->clock (self->clock_data);
}

void
tb_outbox_update_counts (TbOutbox *self)
{
  guint sending = g_queue_get_length (&self->jobs);

  if (sending != self->n_sending)
    {
      self->n_sending = sending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
    }
}

static void
set_failed_count (TbOutbox *self,
                  guint     n_failed)
{
  if (n_failed != self->n_failed)
    {
      self->n_failed = n_failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }
}

void
tb_outbox_emit_failed (TbOutbox     *self,
                       gint64        message_id,
                       const GError *error)
{
  set_failed_count (self, self->n_failed + 1);
  g_signal_emit (self, signals[MESSAGE_FAILED], 0, message_id, error);
}

void
tb_outbox_emit_changed (TbOutbox *self,
                        gint64    message_id)
{
  g_signal_emit (self, signals[MESSAGE_CHANGED], 0, message_id);
}

void
tb_outbox_emit_credentials_rejected (TbOutbox     *self,
                                     const GError *error)
{
  g_signal_emit (self, signals[CREDENTIALS_REJECTED], 0, error);
}

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
  g_autofree char *stripped = NULL;
  gint64 now;
  gint64 message_id;

  g_return_val_if_fail (TB_IS_OUTBOX (self), 0);
  g_return_val_if_fail (press_id != NULL && *press_id != '\0', 0);

  if (self->texter_id <= 0)
    {
      g_set_error_literal (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_SIGNED_IN,
                           _("Nobody is signed in: sign in before sending"));
      return 0;
    }

  stripped = g_strstrip (g_strdup (body != NULL ? body : ""));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_EMPTY_BODY,
                           _("The message is empty"));
      return 0;
    }

  if (!load_contact (self, contact_id, &contact, &campaign, error))
    return 0;

  now = outbox_now (self);
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

  /* Who pressed Send, in the audit trail too (issue 8). */
  {
    g_autofree char *detail = g_strdup_printf ("message %" PRId64, message_id);

    tb_store_audit_add (self->store, self->texter_id, first_text ? "send_first_text" : "send",
                        tb_contact_get_phone (contact), detail, NULL);
  }
  tb_outbox_add_job (self, message_id, TB_OUTBOX_JOB_SEND);
  tb_outbox_schedule_pump (self);
  return message_id;
}

static void
tb_outbox_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TbOutbox *self = TB_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;
    case PROP_TEXTER_ID:
      g_value_set_int64 (value, self->texter_id);
      break;
    case PROP_RATE_PER_SECOND:
      g_value_set_double (value, self->rate_per_second);
      break;
    case PROP_RETRY_WINDOW:
      g_value_set_uint (value, self->retry_window);
      break;
    case PROP_SETTLE_TIME:
      g_value_set_uint (value, self->settle_time);
      break;
    case PROP_SENDING:
      g_value_set_uint (value, self->n_sending);
      break;
    case PROP_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_outbox_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TbOutbox *self = TB_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROVIDER:
      tb_outbox_set_provider (self, g_value_get_object (value));
      break;
    case PROP_TEXTER_ID:
      tb_outbox_set_texter_id (self, g_value_get_int64 (value));
      break;
    case PROP_RATE_PER_SECOND:
      tb_outbox_set_rate_per_second (self, g_value_get_double (value));
      break;
    case PROP_RETRY_WINDOW:
      tb_outbox_set_retry_window (self, g_value_get_uint (value));
      break;
    case PROP_SETTLE_TIME:
      tb_outbox_set_settle_time (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_outbox_dispose (GObject *object)
{
  TbOutbox *self = TB_OUTBOX (object);

  self->disposed = TRUE;
  /* In-flight callbacks see the cancellation and never touch self. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->pump_idle_id, g_source_remove);
  /* A job in flight is freed by its callback, which finds no outbox. */
  while (!g_queue_is_empty (&self->jobs))
    {
      TbOutboxJob *job = g_queue_pop_head (&self->jobs);

      if (job->in_flight)
        job->outbox = NULL;
      else
        tb_outbox_job_free (job);
    }
  g_clear_object (&self->provider);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tb_outbox_parent_class)->dispose (object);
}

static void
tb_outbox_finalize (GObject *object)
{
  TbOutbox *self = TB_OUTBOX (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->buckets, g_hash_table_unref);

  G_OBJECT_CLASS (tb_outbox_parent_class)->finalize (object);
}

static void
tb_outbox_class_init (TbOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_outbox_get_property;
  object_class->set_property = tb_outbox_set_property;
  object_class->dispose = tb_outbox_dispose;
  object_class->finalize = tb_outbox_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, TB_TYPE_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTER_ID] =
    g_param_spec_int64 ("texter-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE_PER_SECOND] =
    g_param_spec_double ("rate-per-second", NULL, NULL, 0, 1000,
                         TB_OUTBOX_DEFAULT_RATE_PER_SECOND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_WINDOW] =
    g_param_spec_uint ("retry-window", NULL, NULL, 0, 24 * 3600,
                       TB_OUTBOX_DEFAULT_RETRY_WINDOW_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTLE_TIME] =
    g_param_spec_uint ("settle-time", NULL, NULL, 0, 24 * 3600,
                       TB_OUTBOX_DEFAULT_SETTLE_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENDING] =
    g_param_spec_uint ("sending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED] =
    g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MESSAGE_FAILED] =
    g_signal_new ("message-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_ERROR);
  signals[CREDENTIALS_REJECTED] =
    g_signal_new ("credentials-rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[MESSAGE_CHANGED] =
    g_signal_new ("message-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
tb_outbox_init (TbOutbox *self)
{
  self->cancellable = g_cancellable_new ();
  self->clock = tb_clock_real_time;
  self->rate_per_second = TB_OUTBOX_DEFAULT_RATE_PER_SECOND;
  self->retry_window = TB_OUTBOX_DEFAULT_RETRY_WINDOW_SECONDS;
  self->settle_time = TB_OUTBOX_DEFAULT_SETTLE_SECONDS;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->jobs);
}

TbOutbox *
tb_outbox_new (TbStore    *store,
               TbProvider *provider)
{
  g_return_val_if_fail (TB_IS_STORE (store), NULL);
  g_return_val_if_fail (TB_IS_PROVIDER (provider), NULL);

  return g_object_new (TB_TYPE_OUTBOX, "store", store, "provider", provider, NULL);
}

void
tb_outbox_set_provider (TbOutbox   *self,
                        TbProvider *provider)
{
  g_return_if_fail (TB_IS_OUTBOX (self));
  g_return_if_fail (provider == NULL || TB_IS_PROVIDER (provider));

  if (g_set_object (&self->provider, provider))
    {
      /* New credentials, or a new provider: sending may go on. */
      self->paused = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER]);
      tb_outbox_schedule_pump (self);
    }
}

void
tb_outbox_set_texter_id (TbOutbox *self,
                         gint64    texter_id)
{
  g_return_if_fail (TB_IS_OUTBOX (self));

  if (self->texter_id != texter_id)
    {
      self->texter_id = texter_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTER_ID]);
    }
}

gint64
tb_outbox_get_texter_id (TbOutbox *self)
{
  g_return_val_if_fail (TB_IS_OUTBOX (self), 0);

  return self->texter_id;
}

void
tb_outbox_set_clock (TbOutbox    *self,
                     TbClockFunc  clock,
                     gpointer     clock_data)
{
  g_return_if_fail (TB_IS_OUTBOX (self));

  self->clock = clock != NULL ? clock : tb_clock_real_time;
  self->clock_data = clock != NULL ? clock_data : NULL;
  g_hash_table_remove_all (self->buckets);
}

void
tb_outbox_set_rate_per_second (TbOutbox *self,
                               double    rate)
{
  g_return_if_fail (TB_IS_OUTBOX (self));
  g_return_if_fail (rate >= 0);

  if (self->rate_per_second != rate)
    {
      self->rate_per_second = rate;
      g_hash_table_remove_all (self->buckets);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_PER_SECOND]);
    }
}

void
tb_outbox_set_retry_window (TbOutbox *self,
                            guint     seconds)
{
  g_return_if_fail (TB_IS_OUTBOX (self));

  if (self->retry_window != seconds)
    {
      self->retry_window = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_WINDOW]);
    }
}

void
tb_outbox_set_settle_time (TbOutbox *self,
                           guint     seconds)
{
  g_return_if_fail (TB_IS_OUTBOX (self));

  if (self->settle_time != seconds)
    {
      self->settle_time = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTLE_TIME]);
    }
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
  return check_contact (self, contact, campaign, outbox_now (self), opens_at_out, error);
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

  if (self->texter_id <= 0)
    {
      g_set_error_literal (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_SIGNED_IN,
                           _("Nobody is signed in: sign in before sending"));
      return FALSE;
    }

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
  now = outbox_now (self);
  if (!check_contact (self, contact, campaign, now, NULL, error))
    return FALSE;

  press_id = g_uuid_string_random ();
  if (!tb_store_message_retry (self->store, message_id, self->texter_id, now, press_id, error))
    return FALSE;

  tb_store_audit_add (self->store, self->texter_id, "send_retry",
                      tb_contact_get_phone (contact), NULL, NULL);
  if (self->n_failed > 0)
    set_failed_count (self, self->n_failed - 1);
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

  if (self->texter_id <= 0)
    {
      g_set_error_literal (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_SIGNED_IN,
                           _("Nobody is signed in: sign in before opting a contact out"));
      return FALSE;
    }
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

void
tb_outbox_resume (TbOutbox *self)
{
  g_autoptr(GPtrArray) sending = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) queued = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TB_IS_OUTBOX (self));

  /* A row left `sending` may or may not have reached the provider. */
  sending = tb_store_message_list_by_state (self->store, TB_MESSAGE_STATE_SENDING, 0, &error);
  if (sending == NULL)
    g_warning ("Cannot list the messages left sending: %s", error->message);
  for (guint i = 0; sending != NULL && i < sending->len; i++)
    {
      TbMessage *message = g_ptr_array_index (sending, i);
      gint64 id = tb_message_get_id (message);

      if (tb_outbox_find_job (self, id) != NULL)
        continue;
      g_clear_error (&error);
      if (!tb_store_message_set_state (self->store, id, TB_MESSAGE_STATE_UNKNOWN,
                                       NULL, NULL, NULL, &error))
        g_warning ("Message %" PRId64 ": %s", id, error->message);
    }

  g_clear_error (&error);
  unknown = tb_store_message_list_by_state (self->store, TB_MESSAGE_STATE_UNKNOWN, 0, &error);
  if (unknown == NULL)
    g_warning ("Cannot list the messages in an unknown state: %s", error->message);
  for (guint i = 0; unknown != NULL && i < unknown->len; i++)
    tb_outbox_add_job (self, tb_message_get_id (g_ptr_array_index (unknown, i)),
                       TB_OUTBOX_JOB_RECONCILE);

  g_clear_error (&error);
  queued = tb_store_message_list_by_state (self->store, TB_MESSAGE_STATE_QUEUED, 0, &error);
  if (queued == NULL)
    g_warning ("Cannot list the queued messages: %s", error->message);
  for (guint i = 0; queued != NULL && i < queued->len; i++)
    tb_outbox_add_job (self, tb_message_get_id (g_ptr_array_index (queued, i)),
                       TB_OUTBOX_JOB_SEND);

  g_clear_error (&error);
  failed = tb_store_message_list_by_state (self->store, TB_MESSAGE_STATE_FAILED, 0, &error);
  if (failed != NULL)
    set_failed_count (self, failed->len);

  tb_outbox_schedule_pump (self);
}

void
tb_outbox_kick (TbOutbox *self)
{
  g_return_if_fail (TB_IS_OUTBOX (self));

  tb_outbox_pump (self);
}

guint
tb_outbox_get_sending (TbOutbox *self)
{
  g_return_val_if_fail (TB_IS_OUTBOX (self), 0);

  return self->n_sending;
}

guint
tb_outbox_get_failed (TbOutbox *self)
{
  g_return_val_if_fail (TB_IS_OUTBOX (self), 0);

  return self->n_failed;
}

gboolean
tb_outbox_is_idle (TbOutbox *self)
{
  g_return_val_if_fail (TB_IS_OUTBOX (self), TRUE);

  return g_queue_is_empty (&self->jobs);
}

gboolean
tb_outbox_is_waiting (TbOutbox *self)
{
  g_return_val_if_fail (TB_IS_OUTBOX (self), TRUE);

  if (self->pump_idle_id != 0)
    return FALSE;
  for (GList *l = self->jobs.head; l != NULL; l = l->next)
    if (((TbOutboxJob *) l->data)->in_flight)
      return FALSE;
  return TRUE;
}
