/* tb-inbox-sync.c: polls the provider for replies and delivery status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-inbox-sync"

#include "config.h"

#include "tb-inbox-sync.h"
#include "tb-inbox-sync-private.h"

#include <glib/gi18n.h>

#include "tb-keywords.h"
#include "tb-outbox-private.h"

/* The store setting that remembers the newest inbound message seen. */
#define LAST_SEEN_SETTING "inbox_sync.last_seen_at"
/* A first round looks this far back. */
#define FIRST_ROUND_LOOKBACK_USEC ((gint64) 24 * 3600 * G_USEC_PER_SEC)
/* Outbound messages asked about per round and state, oldest first. */
#define STATUS_BATCH 200
/* Status changes a round keeps before writing them in one transaction. */
#define STATUS_FLUSH 50
/* The tag of a contact whose reply looks like an opt-out. */
#define LIKELY_OPT_OUT_TAG "likely opt-out"

enum {
  PROP_0,
  PROP_INTERVAL,
  PROP_ONLINE,
  N_PROPS
};

enum {
  SYNCED,
  SYNC_FAILED,
  LIKELY_OPT_OUT,
  N_SIGNALS
};

struct _TbInboxSync
{
  GObject       parent_instance;

  TbStore      *store;
  TbProvider   *provider;
  TbClockFunc   clock;
  gpointer      clock_data;
  guint         interval;
  guint         timer_id;
  GCancellable *cancellable;
  gboolean      polling;
  gboolean      online;
};

typedef struct {
  TbStore           *store;       /* ours, so a round outlives a dispose */
  TbProvider        *provider;
  char              *provider_name;
  GPtrArray         *recipients;  /* of char*; a NULL entry lists every number */
  guint              next_recipient;
  GPtrArray         *pending;     /* of TbMessage whose status may move */
  guint              next_pending;
  gint64             since;
  gint64             newest_seen;
  gint64             oldest_unstored; /* 0 when every message was stored */
  GArray            *statuses;    /* of PendingStatus, not yet written */
  TbInboxSyncReport  report;
} PollData;

/* A status the provider gave, written with the round's others. */
typedef struct {
  gint64          message_id;
  TbMessageState  state;
  char           *error_code;
  char           *error_text;
} PendingStatus;

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TbInboxSync, tb_inbox_sync, G_TYPE_OBJECT)

static void list_next_recipient (GTask *task);
static void fetch_next_status (GTask *task);

static void
poll_data_free (PollData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->provider);
  g_clear_pointer (&data->provider_name, g_free);
  g_clear_pointer (&data->recipients, g_ptr_array_unref);
  g_clear_pointer (&data->pending, g_ptr_array_unref);
  g_clear_pointer (&data->statuses, g_array_unref);
  g_free (data);
}

static void
pending_status_clear (gpointer data)
{
  PendingStatus *status = data;

  g_clear_pointer (&status->error_code, g_free);
  g_clear_pointer (&status->error_text, g_free);
}

/* Writes the round's status changes in one transaction: each commit
 * appends every page it touched to the WAL, and a round's messages share
 * their pages (adjacent rows, the same index pages). A crash before this
 * loses only statuses the next round asks for again. */
static void
flush_statuses (PollData *data)
{
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint applied;

  if (data->statuses == NULL || data->statuses->len == 0)
    return;
  changes = g_array_sized_new (FALSE, FALSE, sizeof (TbMessageStateChange), data->statuses->len);
  for (guint i = 0; i < data->statuses->len; i++)
    {
      PendingStatus *status = &g_array_index (data->statuses, PendingStatus, i);
      TbMessageStateChange change = {
        status->message_id, status->state, NULL, status->error_code, status->error_text, 0,
      };

      g_array_append_val (changes, change);
    }
  applied = tb_store_message_change_states (data->store, (TbMessageStateChange *) (gpointer) changes->data,
                                            changes->len, &error);
  if (error != NULL)
    g_warning ("Cannot save %u message statuses: %s", changes->len, error->message);
  data->report.statuses_changed += applied;
  g_array_set_size (data->statuses, 0);
}

static gint64
sync_now (TbInboxSync *self)
{
  return self->clock (self->clock_data);
}

static const char *
provider_name (TbProvider *provider)
{
  return tb_provider_is_simulator (provider) ? "simulator" : "twilio";
}

/* Our numbers, from the campaigns' senders. A messaging service (or a
 * campaign with none) means we cannot name them: list every number. */
static GPtrArray *
collect_recipients (TbInboxSync  *self,
                    GError      **error)
{
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func (g_free);
  gboolean any = FALSE;

  campaigns = tb_store_campaign_list (self->store, TB_CAMPAIGN_STATE_ACTIVE, error);
  if (campaigns == NULL)
    return NULL;

  for (guint i = 0; i < campaigns->len; i++)
    {
      const char *sender = tb_campaign_get_sender (g_ptr_array_index (campaigns, i));

      if (sender == NULL || !g_str_has_prefix (sender, "+"))
        any = TRUE;
      else if (!g_ptr_array_find_with_equal_func (recipients, sender, g_str_equal, NULL))
        g_ptr_array_add (recipients, g_strdup (sender));
    }

  if (any || recipients->len == 0)
    {
      g_ptr_array_set_size (recipients, 0);
      g_ptr_array_add (recipients, NULL);
    }
  return g_steal_pointer (&recipients);
}

static void
flag_likely_opt_out (TbStore *store,
                     gint64   contact_id)
{
  g_autoptr(GError) error = NULL;
  gint64 tag_id;

  if (contact_id <= 0)
    return;
  tag_id = tb_store_tag_ensure (store, LIKELY_OPT_OUT_TAG, &error);
  if (tag_id <= 0 || !tb_store_contact_tag_add (store, contact_id, tag_id, 0, &error))
    g_warning ("Cannot flag contact %" G_GINT64_FORMAT " for a possible opt-out: %s",
               contact_id, error->message);
}

/* Opt-out and opt-in keywords in a new inbound message. */
static void
apply_keywords (TbInboxSync       *self,
                TbStore           *store,
                const char        *phone,
                const char        *body,
                gint64             message_id,
                gint64             contact_id,
                TbInboxSyncReport *report)
{
  g_autoptr(GError) error = NULL;
  gboolean opted_out = tb_store_is_opted_out (store, phone, NULL);

  switch (tb_keywords_classify (body, opted_out))
    {
    case TB_KEYWORD_OPT_OUT:
      if (!tb_store_opt_out_add (store, phone, TB_OPT_OUT_SOURCE_KEYWORD,
                                 message_id, 0, &error))
        g_warning ("Cannot record the opt-out of %s: %s", phone, error->message);
      else if (!opted_out)
        report->opt_outs++;
      break;

    case TB_KEYWORD_OPT_IN:
      if (opted_out)
        {
          if (!tb_store_opt_out_remove (store, phone, 0, &error))
            g_warning ("Cannot lift the opt-out of %s: %s", phone, error->message);
          else
            {
              report->opt_ins++;
              tb_store_audit_add (store, 0, "opt_in_keyword", phone, body, NULL);
            }
        }
      break;

    case TB_KEYWORD_LIKELY_OPT_OUT:
      /* Not applied: a person reads it and decides. */
      report->likely_opt_outs++;
      flag_likely_opt_out (store, contact_id);
      g_signal_emit (self, signals[LIKELY_OPT_OUT], 0, message_id);
      break;

    case TB_KEYWORD_HELP:
    case TB_KEYWORD_NONE:
    default:
      break;
    }
}

gint64
tb_inbox_sync_take_inbound (TbInboxSync             *self,
                            TbStore                 *store,
                            const TbProviderMessage *inbound,
                            gint64                   at,
                            TbInboxSyncReport       *report,
                            GError                 **error)
{
  const char *body = inbound->body != NULL ? inbound->body : "";
  gboolean duplicate = FALSE;
  gint64 contact_id = 0;
  gint64 message_id;

  report->inbound_seen++;
  message_id = tb_store_message_insert_inbound (store, inbound->from, inbound->to, body,
                                                inbound->sid, at, &duplicate, &contact_id, error);
  if (message_id <= 0 || duplicate)
    return message_id;

  report->inbound_stored++;
  if (contact_id == 0)
    report->unknown_senders++;
  apply_keywords (self, store, inbound->from, body, message_id, contact_id, report);
  return message_id;
}

static void
store_inbound (TbInboxSync       *self,
               PollData          *data,
               GPtrArray         *listed)
{
  for (guint i = 0; i < listed->len; i++)
    {
      TbProviderMessage *inbound = g_ptr_array_index (listed, i);
      g_autoptr(GError) error = NULL;
      gint64 at;

      if (inbound->direction != TB_PROVIDER_DIRECTION_INBOUND || inbound->sid == NULL)
        continue;

      at = inbound->date_sent != 0 ? inbound->date_sent : inbound->date_created;
      if (at == 0)
        at = sync_now (self);
      if (tb_inbox_sync_take_inbound (self, data->store, inbound, at, &data->report, &error) <= 0)
        {
          /* Not lost: the next round lists from before it again, however
           * much newer the others of this round are (finish_round). */
          g_warning ("Cannot store the message %s from %s: %s",
                     inbound->sid, inbound->from, error->message);
          if (data->oldest_unstored == 0 || at < data->oldest_unstored)
            data->oldest_unstored = at;
          continue;
        }
      data->newest_seen = MAX (data->newest_seen, at);
    }
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbInboxSync *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  listed = tb_provider_list_messages_finish (TB_PROVIDER (source), result, &error);
  if (listed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  store_inbound (self, data, listed);
  list_next_recipient (g_steal_pointer (&task));
}

static void
list_next_recipient (GTask *task)
{
  PollData *data = g_task_get_task_data (task);
  g_autoptr(TbProviderListQuery) query = NULL;
  const char *to;

  if (data->next_recipient >= data->recipients->len)
    {
      fetch_next_status (task);
      return;
    }

  to = g_ptr_array_index (data->recipients, data->next_recipient++);
  query = tb_provider_list_query_new ();
  query->to = g_strdup (to);
  query->direction = TB_PROVIDER_DIRECTION_INBOUND;
  query->sent_since = data->since;
  tb_provider_list_messages_async (data->provider, query, g_task_get_cancellable (task),
                                   list_cb, task);
}

gboolean
tb_inbox_sync_apply_status (TbStore                 *store,
                            TbMessage               *message,
                            TbProviderMessageStatus  status,
                            int                      error_code,
                            const char              *error_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  TbMessageState from = tb_message_get_state (message);
  TbMessageState to = tb_outbox_state_for_status (status);

  if (to == from || !tb_message_state_can_change (from, to))
    return FALSE;

  if (error_code != 0)
    code = g_strdup_printf ("%d", error_code);
  if (!tb_store_message_set_state (store, tb_message_get_id (message), to, NULL,
                                   code, error_message, &error))
    {
      g_warning ("Message %" G_GINT64_FORMAT ": cannot move to %s: %s",
                 tb_message_get_id (message), tb_message_state_to_string (to), error->message);
      return FALSE;
    }
  return TRUE;
}

/* Keeps a status for flush_statuses() when it moves the message on. */
static void
queue_status (PollData                *data,
              TbMessage               *message,
              const TbProviderMessage *status)
{
  TbMessageState from = tb_message_get_state (message);
  TbMessageState to = tb_outbox_state_for_status (status->status);
  PendingStatus pending;

  if (to == from || !tb_message_state_can_change (from, to))
    return;
  pending.message_id = tb_message_get_id (message);
  pending.state = to;
  pending.error_code = status->error_code != 0 ? g_strdup_printf ("%d", status->error_code) : NULL;
  pending.error_text = g_strdup (status->error_message);
  if (data->statuses == NULL)
    {
      data->statuses = g_array_new (FALSE, FALSE, sizeof (PendingStatus));
      g_array_set_clear_func (data->statuses, pending_status_clear);
    }
  g_array_append_val (data->statuses, pending);
  if (data->statuses->len >= STATUS_FLUSH)
    flush_statuses (data);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PollData *data = g_task_get_task_data (task);
  TbMessage *message = g_ptr_array_index (data->pending, data->next_pending - 1);
  g_autoptr(TbProviderMessage) status = NULL;
  g_autoptr(GError) error = NULL;

  status = tb_provider_fetch_status_finish (TB_PROVIDER (source), result, &error);
  if (status == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          tb_provider_error_classify (error) == TB_PROVIDER_ERROR_KIND_AUTH)
        {
          flush_statuses (data);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* One message the provider cannot tell about does not stop the rest. */
      g_debug ("No status for %s: %s", tb_message_get_provider_id (message), error->message);
    }
  else
    queue_status (data, message, status);

  fetch_next_status (g_steal_pointer (&task));
}

static void
finish_round (GTask *task)
{
  PollData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  flush_statuses (data);
  if (data->oldest_unstored != 0)
    data->newest_seen = MIN (data->newest_seen, data->oldest_unstored);
  if (data->newest_seen > data->since + TB_INBOX_SYNC_OVERLAP_SECONDS * G_USEC_PER_SEC)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, data->newest_seen);

      if (!tb_store_setting_set (data->store, LAST_SEEN_SETTING, value, &error))
        g_warning ("Cannot remember the newest message seen: %s", error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
fetch_next_status (GTask *task)
{
  PollData *data = g_task_get_task_data (task);

  while (data->next_pending < data->pending->len)
    {
      TbMessage *message = g_ptr_array_index (data->pending, data->next_pending++);

      /* Ask the provider that carried it, by its id. */
      if (tb_message_get_provider_id (message) == NULL ||
          g_strcmp0 (tb_message_get_provider (message), data->provider_name) != 0)
        continue;

      data->report.statuses_checked++;
      tb_provider_fetch_status_async (data->provider, tb_message_get_provider_id (message),
                                      g_task_get_cancellable (task), fetch_cb, task);
      return;
    }

  finish_round (task);
}

static gboolean
collect_pending (TbInboxSync  *self,
                 PollData     *data,
                 GError      **error)
{
  static const TbMessageState states[] = { TB_MESSAGE_STATE_ACCEPTED, TB_MESSAGE_STATE_SENT };

  data->pending = g_ptr_array_new_with_free_func (g_object_unref);
  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(GPtrArray) messages = tb_store_message_list_by_state (self->store, states[i],
                                                                      STATUS_BATCH, error);

      if (messages == NULL)
        return FALSE;
      for (guint j = 0; j < messages->len; j++)
        g_ptr_array_add (data->pending, g_object_ref (g_ptr_array_index (messages, j)));
    }
  return TRUE;
}

static void
set_online (TbInboxSync *self,
            gboolean     online)
{
  if (self->online != online)
    {
      self->online = online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
}

static void
emit_result (TbInboxSync             *self,
             gboolean                 ok,
             const TbInboxSyncReport *report,
             const GError            *error)
{
  if (ok || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_online (self, ok);
  if (ok)
    g_signal_emit (self, signals[SYNCED], 0, report);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[SYNC_FAILED], 0, error);
}

static void
periodic_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TbInboxSync *self = TB_INBOX_SYNC (source);

  self->polling = FALSE;
  tb_inbox_sync_poll_finish (self, result, NULL, NULL);
}

static gboolean
tick_cb (gpointer user_data)
{
  TbInboxSync *self = user_data;

  if (!self->polling)
    {
      self->polling = TRUE;
      tb_inbox_sync_poll_async (self, self->cancellable, periodic_cb, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
first_tick_cb (gpointer user_data)
{
  TbInboxSync *self = user_data;

  tick_cb (self);
  self->timer_id = g_timeout_add_seconds (self->interval, tick_cb, self);
  return G_SOURCE_REMOVE;
}

static void
tb_inbox_sync_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TbInboxSync *self = TB_INBOX_SYNC (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_inbox_sync_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TbInboxSync *self = TB_INBOX_SYNC (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      tb_inbox_sync_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_inbox_sync_dispose (GObject *object)
{
  TbInboxSync *self = TB_INBOX_SYNC (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->provider);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tb_inbox_sync_parent_class)->dispose (object);
}

static void
tb_inbox_sync_finalize (GObject *object)
{
  TbInboxSync *self = TB_INBOX_SYNC (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tb_inbox_sync_parent_class)->finalize (object);
}

static void
tb_inbox_sync_class_init (TbInboxSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_inbox_sync_get_property;
  object_class->set_property = tb_inbox_sync_set_property;
  object_class->dispose = tb_inbox_sync_dispose;
  object_class->finalize = tb_inbox_sync_finalize;

  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 24 * 3600,
                       TB_INBOX_SYNC_DEFAULT_INTERVAL_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SYNC_FAILED] =
    g_signal_new ("sync-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[LIKELY_OPT_OUT] =
    g_signal_new ("likely-opt-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
tb_inbox_sync_init (TbInboxSync *self)
{
  self->clock = tb_clock_real_time;
  self->interval = TB_INBOX_SYNC_DEFAULT_INTERVAL_SECONDS;
  self->online = TRUE;
  self->cancellable = g_cancellable_new ();
}

TbInboxSync *
tb_inbox_sync_new (TbStore    *store,
                   TbProvider *provider)
{
  TbInboxSync *self;

  g_return_val_if_fail (TB_IS_STORE (store), NULL);
  g_return_val_if_fail (TB_IS_PROVIDER (provider), NULL);

  self = g_object_new (TB_TYPE_INBOX_SYNC, NULL);
  self->store = g_object_ref (store);
  self->provider = g_object_ref (provider);
  return self;
}

void
tb_inbox_sync_set_provider (TbInboxSync *self,
                            TbProvider  *provider)
{
  g_return_if_fail (TB_IS_INBOX_SYNC (self));
  g_return_if_fail (TB_IS_PROVIDER (provider));

  g_set_object (&self->provider, provider);
}

void
tb_inbox_sync_set_clock (TbInboxSync *self,
                         TbClockFunc  clock,
                         gpointer     clock_data)
{
  g_return_if_fail (TB_IS_INBOX_SYNC (self));

  self->clock = clock != NULL ? clock : tb_clock_real_time;
  self->clock_data = clock != NULL ? clock_data : NULL;
}

void
tb_inbox_sync_set_interval (TbInboxSync *self,
                            guint        seconds)
{
  gboolean running;

  g_return_if_fail (TB_IS_INBOX_SYNC (self));

  if (self->interval == seconds)
    return;

  running = self->timer_id != 0;
  self->interval = seconds;
  if (running)
    {
      tb_inbox_sync_stop (self);
      if (seconds > 0)
        tb_inbox_sync_start (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

gboolean
tb_inbox_sync_get_online (TbInboxSync *self)
{
  g_return_val_if_fail (TB_IS_INBOX_SYNC (self), FALSE);

  return self->online;
}

guint
tb_inbox_sync_get_interval (TbInboxSync *self)
{
  g_return_val_if_fail (TB_IS_INBOX_SYNC (self), 0);

  return self->interval;
}

void
tb_inbox_sync_start (TbInboxSync *self)
{
  g_return_if_fail (TB_IS_INBOX_SYNC (self));

  if (self->timer_id != 0 || self->interval == 0)
    return;
  self->timer_id = g_idle_add (first_tick_cb, self);
}

void
tb_inbox_sync_stop (TbInboxSync *self)
{
  g_return_if_fail (TB_IS_INBOX_SYNC (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
}

void
tb_inbox_sync_poll_async (TbInboxSync         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_seen = NULL;
  PollData *data;

  g_return_if_fail (TB_IS_INBOX_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_inbox_sync_poll_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The inbox sync was shut down");
      return;
    }

  data = g_new0 (PollData, 1);
  data->store = g_object_ref (self->store);
  data->provider = g_object_ref (self->provider);
  data->provider_name = g_strdup (provider_name (self->provider));
  g_task_set_task_data (task, data, (GDestroyNotify) poll_data_free);

  last_seen = tb_store_setting_get (self->store, LAST_SEEN_SETTING, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (last_seen != NULL)
    data->since = g_ascii_strtoll (last_seen, NULL, 10) - TB_INBOX_SYNC_OVERLAP_SECONDS * G_USEC_PER_SEC;
  else
    data->since = sync_now (self) - FIRST_ROUND_LOOKBACK_USEC;
  data->since = MAX (data->since, 0);
  data->newest_seen = data->since;

  data->recipients = collect_recipients (self, &error);
  if (data->recipients == NULL || !collect_pending (self, data, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  list_next_recipient (g_steal_pointer (&task));
}

gboolean
tb_inbox_sync_poll_finish (TbInboxSync        *self,
                           GAsyncResult       *result,
                           TbInboxSyncReport  *report_out,
                           GError            **error)
{
  PollData *data;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TB_IS_INBOX_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (report_out != NULL)
    *report_out = data->report;
  emit_result (self, ok, &data->report, local_error);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}
