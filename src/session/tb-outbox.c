/* tb-outbox.c: the send state machine: the object, its settings and
 * counters, and resuming after a start (the press is in tb-outbox-press.c,
 * the network work in tb-outbox-send.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-outbox"

#include "config.h"

#include <inttypes.h>

#include "tb-outbox.h"
#include "tb-outbox-private.h"

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

gint64
tb_outbox_now (TbOutbox *self)
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

void
tb_outbox_set_failed_count (TbOutbox *self,
                  guint     n_failed)
{
  if (n_failed != self->n_failed)
    {
      self->n_failed = n_failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }
}

/* The failed count is of what a retry could still send: reads it again
 * (a failure is rare, so exact beats counting up and down). */
void
tb_outbox_recount_failed (TbOutbox *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tb_store_message_count_retryable (self->store, &error);

  if (n < 0)
    {
      g_warning ("Cannot count the failed messages: %s", error->message);
      return;
    }
  tb_outbox_set_failed_count (self, (guint) n);
}

/* A number opted out (or an admin undid one): its failed messages leave
 * the count (or come back). Nothing to read while nothing failed and a
 * number opts out, the usual case. */
static void
on_opt_outs_changed (TbStore    *store,
                     const char *phone,
                     TbOutbox   *self)
{
  if (self->n_failed > 0 || !tb_store_is_opted_out (store, phone, NULL))
    tb_outbox_recount_failed (self);
}

void
tb_outbox_emit_failed (TbOutbox     *self,
                       gint64        message_id,
                       const GError *error)
{
  tb_outbox_recount_failed (self);
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
      if (self->store != NULL)
        self->opt_outs_changed_id = g_signal_connect (self->store, "opt-outs-changed",
                                                      G_CALLBACK (on_opt_outs_changed), self);
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
  if (self->store != NULL)
    g_clear_signal_handler (&self->opt_outs_changed_id, self->store);
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

void
tb_outbox_resume (TbOutbox *self)
{
  g_autoptr(GPtrArray) sending = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) queued = NULL;
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

  tb_outbox_recount_failed (self);

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
