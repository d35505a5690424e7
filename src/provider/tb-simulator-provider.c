/* tb-simulator-provider.c: the default provider, a local simulated carrier
 *
 * Every random choice about a message (its id, whether it fails, its
 * delays, whether and what the recipient replies) is drawn from one seeded
 * GRand when it is sent, in a fixed order. The status is then a pure
 * function of the clock, so the same seed and the same calls give the same
 * story whatever the time steps, and tests need no sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-simulator"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tb-simulator-provider.h"

/* Where replies go when a send named a messaging service, not a number. */
#define SIMULATED_SERVICE_NUMBER "+15005550006"

enum {
  PROP_0,
  PROP_SEED,
  N_PROPS,
  PROP_DISPLAY_NAME = N_PROPS,
  PROP_IS_SIMULATOR,
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char                *sid;
  char                *to;
  char                *from;
  char                *messaging_service_sid;
  char                *body;
  TbProviderDirection  direction;
  gint64               created;
  gint64               sent_at;    /* outbound: becomes "sent" */
  gint64               final_at;   /* outbound: becomes delivered / undelivered */
  gboolean             landline;   /* undelivered with 30006 */
  gint64               reply_at;   /* 0: no reply */
  const char          *reply;
  gboolean             replied;    /* the reply is in the list */
} SimMessage;

typedef struct {
  GError   *error;
  gboolean  still_stored;
} PushedError;

struct _TbSimulatorProvider
{
  GObject              parent_instance;

  guint32              seed;
  GRand               *rand;
  TbSimulatorSettings  settings;
  TbClockFunc          clock;
  gpointer             clock_data;
  GDestroyNotify       clock_destroy;

  GPtrArray           *messages;     /* SimMessage, in order of creation */
  GPtrArray           *pending_replies; /* SimMessage (in messages) whose reply is still to come */
  GHashTable          *by_sid;       /* sid → SimMessage */
  GHashTable          *opted_out;    /* phone numbers that replied STOP */
  GQueue               pushed_errors;
  guint                n_sent;
  guint                n_injected;
  gboolean             offline;
};

static void tb_simulator_provider_iface_init (TbProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TbSimulatorProvider, tb_simulator_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TB_TYPE_PROVIDER, tb_simulator_provider_iface_init))

/* While the simulated network is down, a request never reaches the carrier. */
static gboolean
return_if_offline (TbSimulatorProvider *self,
                   GTask               *task)
{
  if (!self->offline)
    return FALSE;

  g_task_return_error (task,
    tb_provider_error_new (TB_PROVIDER_ERROR_NOT_SENT, TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED, 0, 0,
                           _("Simulator: the simulated network is down; nothing reached the carrier")));
  return TRUE;
}

/* The replies a simulated supporter may send; STOP is drawn separately. */
static const char * const replies[] = {
  "Yes",
  "yes!",
  "Sure, count me in",
  "When is it?",
  "Where do I vote?",
  "Can you tell me more about this?",
  "No thanks",
  "Wrong number",
  "who is this?",
};

static void
sim_message_free (SimMessage *message)
{
  g_free (message->sid);
  g_free (message->to);
  g_free (message->from);
  g_free (message->messaging_service_sid);
  g_free (message->body);
  g_free (message);
}

static void
pushed_error_free (PushedError *pushed)
{
  g_error_free (pushed->error);
  g_free (pushed);
}

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static char *
draw_sid (TbSimulatorProvider *self)
{
  return g_strdup_printf ("SM%08x%08x%08x%08x",
                          g_rand_int (self->rand), g_rand_int (self->rand),
                          g_rand_int (self->rand), g_rand_int (self->rand));
}

static gint64
draw_delay (TbSimulatorProvider *self,
            gint64               min,
            gint64               max)
{
  if (max <= min)
    return MAX (min, 0);
  return min + (gint64) (g_rand_double (self->rand) * (double) (max - min));
}

/* A number's own fate, in [0, 1): the same for every send to it under a
 * seed, so an invalid number or a landline stays one when tried again. */
static double
number_fate (TbSimulatorProvider *self,
             const char          *number,
             guint64              salt)
{
  guint64 x = 14695981039346656037ULL;  /* FNV-1a, then splitmix64 */

  for (const char *p = number; *p; p++)
    x = (x ^ (guchar) *p) * 1099511628211ULL;
  x ^= ((guint64) self->seed << 32) ^ salt;
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return (double) (x >> 11) / (double) (1ULL << 53);
}

static gboolean
looks_like_e164 (const char *number)
{
  gsize length;

  if (number == NULL || number[0] != '+' || number[1] < '1' || number[1] > '9')
    return FALSE;
  length = strlen (number + 1);
  if (length < 8 || length > 15)
    return FALSE;
  for (const char *p = number + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static SimMessage *
add_message (TbSimulatorProvider *self,
             SimMessage          *message)
{
  g_ptr_array_add (self->messages, message);
  g_hash_table_insert (self->by_sid, message->sid, message);
  return message;
}

/* Brings the replies whose time has come into the list, in the order the
 * messages they answer were sent. */
static void
advance (TbSimulatorProvider *self)
{
  gint64 now = tb_simulator_provider_now (self);
  guint kept = 0;

  for (guint i = 0; i < self->pending_replies->len; i++)
    {
      SimMessage *message = g_ptr_array_index (self->pending_replies, i);
      SimMessage *reply;

      if (message->reply_at > now)
        {
          self->pending_replies->pdata[kept++] = message;
          continue;
        }

      message->replied = TRUE;
      reply = g_new0 (SimMessage, 1);
      /* Derived from the original id: no draw, so the order of polls
       * cannot change what later sends draw. */
      reply->sid = g_strdup_printf ("SM%.24sfeed%.4s", message->sid + 2, message->sid + 30);
      /* A drawn id with "feed" in that place would give the reply the
       * original's own id (about 1 in 65,536 sends): change the marker. */
      for (guint marker = 0; g_hash_table_contains (self->by_sid, reply->sid); marker++)
        {
          g_free (reply->sid);
          reply->sid = g_strdup_printf ("SM%.24sfe%02x%.4s", message->sid + 2, marker & 0xff, message->sid + 30);
        }
      reply->to = g_strdup (message->from);
      reply->from = g_strdup (message->to);
      reply->body = g_strdup (message->reply);
      reply->direction = TB_PROVIDER_DIRECTION_INBOUND;
      reply->created = message->reply_at;
      add_message (self, reply);

      if (g_ascii_strcasecmp (message->reply, "STOP") == 0)
        g_hash_table_add (self->opted_out, g_strdup (message->to));
    }
  g_ptr_array_set_size (self->pending_replies, kept);
}

static TbProviderMessage *
to_provider_message (TbSimulatorProvider *self,
                     const SimMessage    *message)
{
  TbProviderMessage *result = tb_provider_message_new ();
  gint64 now = tb_simulator_provider_now (self);

  result->sid = g_strdup (message->sid);
  result->to = g_strdup (message->to);
  result->from = g_strdup (message->from);
  result->messaging_service_sid = g_strdup (message->messaging_service_sid);
  result->body = g_strdup (message->body);
  result->direction = message->direction;
  result->date_created = message->created;
  result->num_segments = 1;

  if (message->direction == TB_PROVIDER_DIRECTION_INBOUND)
    {
      result->status = TB_PROVIDER_MESSAGE_STATUS_RECEIVED;
      result->date_sent = message->created;
      result->date_updated = message->created;
    }
  else if (now < message->sent_at)
    {
      result->status = TB_PROVIDER_MESSAGE_STATUS_QUEUED;
      result->date_updated = message->created;
    }
  else if (now < message->final_at)
    {
      result->status = TB_PROVIDER_MESSAGE_STATUS_SENT;
      result->date_sent = message->sent_at;
      result->date_updated = message->sent_at;
    }
  else if (message->landline)
    {
      result->status = TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED;
      result->error_code = TB_PROVIDER_ERROR_TWILIO_LANDLINE;
      result->error_message = g_strdup (_("Unreachable destination handset: the number is a landline"));
      result->date_sent = message->sent_at;
      result->date_updated = message->final_at;
    }
  else
    {
      result->status = TB_PROVIDER_MESSAGE_STATUS_DELIVERED;
      result->date_sent = message->sent_at;
      result->date_updated = message->final_at;
    }
  result->status_string = g_strdup (tb_provider_message_status_to_string (result->status));
  return result;
}

/* ------------------------------------------------------------------------ */
/* TbProvider                                                                */
/* ------------------------------------------------------------------------ */

static const char *
tb_simulator_provider_get_display_name (TbProvider *provider)
{
  return _("Simulator");
}

static gboolean
tb_simulator_provider_is_simulator (TbProvider *provider)
{
  return TRUE;
}

static void
tb_simulator_provider_send_async (TbProvider              *provider,
                                  const TbOutgoingMessage *outgoing,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  TbSimulatorProvider *self = TB_SIMULATOR_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PushedError *pushed = NULL;
  SimMessage *message;
  gboolean invalid;
  gint64 now;

  g_task_set_source_tag (task, tb_simulator_provider_send_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (return_if_offline (self, task))
    return;
  /* From here on the carrier has the message: report what happened to it. */
  g_task_set_check_cancellable (task, FALSE);

  if (outgoing->to == NULL || *outgoing->to == '\0' || outgoing->body == NULL || *outgoing->body == '\0' ||
      ((outgoing->from == NULL || *outgoing->from == '\0') && outgoing->messaging_service_sid == NULL))
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT,
                               _("The message has no recipient, sender or text; nothing was sent"));
      return;
    }

  advance (self);
  pushed = g_queue_pop_head (&self->pushed_errors);
  if (pushed != NULL && !pushed->still_stored)
    {
      g_task_return_error (task, g_error_copy (pushed->error));
      pushed_error_free (pushed);
      return;
    }

  /* The same draws for every send, in the same order. */
  now = tb_simulator_provider_now (self);
  message = g_new0 (SimMessage, 1);
  message->sid = draw_sid (self);
  invalid = number_fate (self, outgoing->to, 1) < self->settings.invalid_number_rate;
  message->landline = number_fate (self, outgoing->to, 2) < self->settings.landline_rate;
  message->sent_at = now + draw_delay (self, self->settings.sent_delay_min, self->settings.sent_delay_max);
  message->final_at = message->sent_at +
                      draw_delay (self, self->settings.delivery_delay_min, self->settings.delivery_delay_max);
  if (g_rand_double (self->rand) < self->settings.reply_rate)
    {
      message->reply_at = message->final_at +
                          draw_delay (self, self->settings.reply_delay_min, self->settings.reply_delay_max);
      if (g_rand_double (self->rand) < self->settings.opt_out_rate)
        message->reply = "STOP";
      else
        message->reply = replies[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (replies))];
    }
  else
    {
      /* Keep the number of draws the same either way. */
      g_rand_double (self->rand);
      g_rand_int (self->rand);
    }

  if (!looks_like_e164 (outgoing->to) || invalid)
    {
      g_autofree char *to = g_strdup (outgoing->to);

      sim_message_free (message);
      g_clear_pointer (&pushed, pushed_error_free);
      g_task_return_error (task,
        tb_provider_error_new (TB_PROVIDER_ERROR_TWILIO_INVALID_TO, TB_PROVIDER_ERROR_KIND_OTHER, 400, 0,
                               _("Simulator error 21211: “%s” is not a valid phone number. "
                                 "The number is not a valid phone number: correct the contact's phone."),
                               to));
      return;
    }
  if (g_hash_table_contains (self->opted_out, outgoing->to))
    {
      sim_message_free (message);
      g_clear_pointer (&pushed, pushed_error_free);
      g_task_return_error (task,
        tb_provider_error_new (TB_PROVIDER_ERROR_TWILIO_OPTED_OUT, TB_PROVIDER_ERROR_KIND_OTHER, 400, 0,
                               _("Simulator error 21610: %s replied STOP. The recipient has opted out "
                                 "with the carrier: they cannot be texted."),
                               outgoing->to));
      return;
    }

  message->to = g_strdup (outgoing->to);
  message->from = g_strdup (outgoing->from != NULL ? outgoing->from : SIMULATED_SERVICE_NUMBER);
  message->messaging_service_sid = g_strdup (outgoing->messaging_service_sid);
  message->body = g_strdup (outgoing->body);
  message->direction = TB_PROVIDER_DIRECTION_OUTBOUND_API;
  message->created = now;
  if (message->landline)
    {
      /* A landline never answers. */
      message->reply_at = 0;
      message->reply = NULL;
    }
  add_message (self, message);
  if (message->reply_at != 0)
    g_ptr_array_add (self->pending_replies, message);
  self->n_sent++;

  if (pushed != NULL)
    {
      /* Taken, but the answer is "lost". */
      g_task_return_error (task, g_error_copy (pushed->error));
      pushed_error_free (pushed);
      return;
    }
  g_task_return_pointer (task, to_provider_message (self, message), (GDestroyNotify) tb_provider_message_free);
}

static void
tb_simulator_provider_fetch_status_async (TbProvider          *provider,
                                          const char          *sid,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  TbSimulatorProvider *self = TB_SIMULATOR_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SimMessage *message;

  g_task_set_source_tag (task, tb_simulator_provider_fetch_status_async);
  if (return_if_offline (self, task))
    return;
  advance (self);
  message = g_hash_table_lookup (self->by_sid, sid);
  if (message == NULL)
    g_task_return_error (task,
      tb_provider_error_new (TB_PROVIDER_ERROR_TWILIO_NOT_FOUND, TB_PROVIDER_ERROR_KIND_OTHER, 404, 0,
                             _("Simulator error 20404: no message %s"), sid));
  else
    g_task_return_pointer (task, to_provider_message (self, message), (GDestroyNotify) tb_provider_message_free);
}

static gboolean
list_wants (const TbProviderListQuery *query,
            const SimMessage          *message)
{
  if (!tb_provider_list_query_wants_direction (query, message->direction))
    return FALSE;
  if (query->sent_since > 0 && message->created < query->sent_since)
    return FALSE;
  if (query->to != NULL && g_strcmp0 (query->to, message->to) != 0)
    return FALSE;
  if (query->from != NULL && g_strcmp0 (query->from, message->from) != 0)
    return FALSE;
  return TRUE;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TbProviderMessage *x = *(const TbProviderMessage * const *) a;
  const TbProviderMessage *y = *(const TbProviderMessage * const *) b;

  return x->date_created > y->date_created ? -1 : (x->date_created < y->date_created ? 1 : 0);
}

static void
tb_simulator_provider_list_messages_async (TbProvider                *provider,
                                           const TbProviderListQuery *query,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data)
{
  TbSimulatorProvider *self = TB_SIMULATOR_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_provider_message_free);

  g_task_set_source_tag (task, tb_simulator_provider_list_messages_async);
  if (return_if_offline (self, task))
    {
      g_ptr_array_unref (result);
      return;
    }
  advance (self);

  /* Newest first, like Twilio. Walking backwards gives creation order
   * reversed; replies are created when they are seen, not when they were
   * sent, so sort by time (a stable sort keeps ties in that order). */
  for (guint i = self->messages->len; i > 0; i--)
    {
      SimMessage *message = g_ptr_array_index (self->messages, i - 1);

      if (!list_wants (query, message))
        continue;
      g_ptr_array_add (result, to_provider_message (self, message));
    }
  g_ptr_array_sort (result, compare_newest_first);
  if (query->max_messages > 0 && result->len > query->max_messages)
    g_ptr_array_set_size (result, query->max_messages);

  g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

static void
tb_simulator_provider_iface_init (TbProviderInterface *iface)
{
  iface->get_display_name = tb_simulator_provider_get_display_name;
  iface->is_simulator = tb_simulator_provider_is_simulator;
  iface->send_async = tb_simulator_provider_send_async;
  iface->fetch_status_async = tb_simulator_provider_fetch_status_async;
  iface->list_messages_async = tb_simulator_provider_list_messages_async;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
tb_simulator_provider_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TbSimulatorProvider *self = TB_SIMULATOR_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, tb_simulator_provider_get_display_name (TB_PROVIDER (self)));
      break;
    case PROP_IS_SIMULATOR:
      g_value_set_boolean (value, TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_simulator_provider_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TbSimulatorProvider *self = TB_SIMULATOR_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint (value);
      g_rand_set_seed (self->rand, self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_simulator_provider_finalize (GObject *object)
{
  TbSimulatorProvider *self = TB_SIMULATOR_PROVIDER (object);

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  g_queue_clear_full (&self->pushed_errors, (GDestroyNotify) pushed_error_free);
  g_hash_table_unref (self->by_sid);
  g_hash_table_unref (self->opted_out);
  g_ptr_array_unref (self->pending_replies);
  g_ptr_array_unref (self->messages);
  g_rand_free (self->rand);

  G_OBJECT_CLASS (tb_simulator_provider_parent_class)->finalize (object);
}

static void
tb_simulator_provider_class_init (TbSimulatorProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_simulator_provider_get_property;
  object_class->set_property = tb_simulator_provider_set_property;
  object_class->finalize = tb_simulator_provider_finalize;

  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_DISPLAY_NAME, "display-name");
  g_object_class_override_property (object_class, PROP_IS_SIMULATOR, "is-simulator");
}

static void
tb_simulator_provider_init (TbSimulatorProvider *self)
{
  self->rand = g_rand_new_with_seed (0);
  tb_simulator_settings_init_default (&self->settings);
  self->clock = real_clock;
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_message_free);
  self->pending_replies = g_ptr_array_new ();
  self->by_sid = g_hash_table_new (g_str_hash, g_str_equal);
  self->opted_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->pushed_errors);
}

void
tb_simulator_settings_init_default (TbSimulatorSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->invalid_number_rate = 0.02;
  settings->landline_rate = 0.05;
  settings->reply_rate = 0.30;
  settings->opt_out_rate = 0.10;
  settings->sent_delay_min = G_USEC_PER_SEC / 2;
  settings->sent_delay_max = 3 * G_USEC_PER_SEC;
  settings->delivery_delay_min = 1 * G_USEC_PER_SEC;
  settings->delivery_delay_max = 10 * G_USEC_PER_SEC;
  settings->reply_delay_min = 10 * G_USEC_PER_SEC;
  settings->reply_delay_max = 120 * G_USEC_PER_SEC;
}

guint32
tb_simulator_seed_from_environment (void)
{
  const char *seed = g_getenv ("TEXTBANK_SIMULATOR_SEED");

  return seed != NULL && *seed != '\0' ? (guint32) g_ascii_strtoull (seed, NULL, 10) : g_random_int ();
}

TbSimulatorProvider *
tb_simulator_provider_new (guint32 seed)
{
  return tb_simulator_provider_new_full (seed, NULL);
}

TbSimulatorProvider *
tb_simulator_provider_new_full (guint32                    seed,
                                const TbSimulatorSettings *settings)
{
  TbSimulatorProvider *self = g_object_new (TB_TYPE_SIMULATOR_PROVIDER, "seed", seed, NULL);

  if (settings != NULL)
    self->settings = *settings;
  return self;
}

void
tb_simulator_provider_set_clock (TbSimulatorProvider *self,
                                 TbClockFunc          clock,
                                 gpointer             user_data,
                                 GDestroyNotify       destroy)
{
  g_return_if_fail (TB_IS_SIMULATOR_PROVIDER (self));

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
  self->clock_destroy = clock != NULL ? destroy : NULL;
}

gint64
tb_simulator_provider_now (TbSimulatorProvider *self)
{
  g_return_val_if_fail (TB_IS_SIMULATOR_PROVIDER (self), 0);

  return self->clock (self->clock_data);
}

char *
tb_simulator_provider_inject_inbound (TbSimulatorProvider *self,
                                      const char          *from,
                                      const char          *to,
                                      const char          *body)
{
  SimMessage *message;

  g_return_val_if_fail (TB_IS_SIMULATOR_PROVIDER (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL && body != NULL, NULL);

  message = g_new0 (SimMessage, 1);
  /* Numbered, not drawn: injecting must not change what sends draw. */
  message->sid = g_strdup_printf ("SM%028" G_GINT64_MODIFIER "xbeef", (gint64) ++self->n_injected);
  message->from = g_strdup (from);
  message->to = g_strdup (to);
  message->body = g_strdup (body);
  message->direction = TB_PROVIDER_DIRECTION_INBOUND;
  message->created = tb_simulator_provider_now (self);
  add_message (self, message);
  {
    g_autofree char *keyword = g_strstrip (g_strdup (body));

    if (g_ascii_strcasecmp (keyword, "STOP") == 0)
      g_hash_table_add (self->opted_out, g_strdup (from));
  }
  return g_strdup (message->sid);
}

void
tb_simulator_provider_push_send_error (TbSimulatorProvider *self,
                                       const GError        *error,
                                       gboolean             still_stored)
{
  PushedError *pushed;

  g_return_if_fail (TB_IS_SIMULATOR_PROVIDER (self));
  g_return_if_fail (error != NULL);

  pushed = g_new0 (PushedError, 1);
  pushed->error = g_error_copy (error);
  pushed->still_stored = still_stored;
  g_queue_push_tail (&self->pushed_errors, pushed);
}

void
tb_simulator_provider_set_offline (TbSimulatorProvider *self,
                                   gboolean             offline)
{
  g_return_if_fail (TB_IS_SIMULATOR_PROVIDER (self));

  self->offline = !!offline;
}

guint
tb_simulator_provider_get_n_sent (TbSimulatorProvider *self)
{
  g_return_val_if_fail (TB_IS_SIMULATOR_PROVIDER (self), 0);

  return self->n_sent;
}

guint
tb_simulator_provider_get_n_messages (TbSimulatorProvider *self)
{
  g_return_val_if_fail (TB_IS_SIMULATOR_PROVIDER (self), 0);

  advance (self);
  return self->messages->len;
}
