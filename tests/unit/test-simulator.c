/* test-simulator.c: the simulated carrier, on a fake clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tb-provider-fixtures.h"
#include "tb-simulator-provider.h"

#define OUR_NUMBER "+12025550100"
#define START_TIME ((gint64) 1767225600 * G_USEC_PER_SEC) /* 2026-01-01 00:00 UTC */
#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static TbProviderMessage *
send_sync (TbProvider  *provider,
           const char  *to,
           const char  *body,
           GError     **error)
{
  return tb_test_send_sync (provider, to, OUR_NUMBER, body, 0, error);
}

static TbProviderMessage *
fetch_sync (TbProvider *provider,
            const char *sid)
{
  g_autoptr(GError) error = NULL;
  TbProviderMessage *message = tb_test_fetch_sync (provider, sid, &error);

  g_assert_no_error (error);
  return message;
}

static GPtrArray *
list_inbound (TbProvider *provider,
              gint64      since)
{
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  query->to = g_strdup (OUR_NUMBER);
  query->direction = TB_PROVIDER_DIRECTION_INBOUND;
  query->sent_since = since;
  messages = tb_test_list_sync (provider, query, &error);
  g_assert_no_error (error);
  return messages;
}

static char *
contact_number (guint i)
{
  /* the fictional 555-01XX range, spread over a few area codes */
  static const char * const areas[] = { "202", "312", "415", "512", "617" };

  return g_strdup_printf ("+1%s55501%02u", areas[i % G_N_ELEMENTS (areas)], i % 100);
}

/* The default settings with every number valid and a mobile, and replies at
 * this rate. */
static void
every_number_mobile (TbSimulatorSettings *settings,
                     double               reply_rate)
{
  tb_simulator_settings_init_default (settings);
  settings->invalid_number_rate = 0;
  settings->landline_rate = 0;
  settings->reply_rate = reply_rate;
}

static TbSimulatorProvider *
new_simulator (guint32                    seed,
               const TbSimulatorSettings *settings,
               gint64                    *clock)
{
  TbSimulatorProvider *simulator = tb_simulator_provider_new_full (seed, settings);

  tb_simulator_provider_set_clock (simulator, fake_clock, clock, NULL);
  return simulator;
}

/* The whole story of 60 sends, replies and receipts, as text. */
static char *
run_story (guint32 seed)
{
  gint64 clock = START_TIME;
  g_autoptr(TbSimulatorProvider) simulator = new_simulator (seed, NULL, &clock);
  TbProvider *provider = TB_PROVIDER (simulator);
  g_autoptr(GPtrArray) sids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inbound = NULL;
  GString *story = g_string_new (NULL);

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *to = contact_number (i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbProviderMessage) message = send_sync (provider, to, "Hi, will you vote?", &error);

      if (message != NULL)
        {
          g_string_append_printf (story, "%s %s\n", message->sid, message->status_string);
          g_ptr_array_add (sids, g_strdup (message->sid));
        }
      else
        g_string_append_printf (story, "error %d\n", error->code);
      clock += SECONDS (1);
    }

  clock += SECONDS (600);
  for (guint i = 0; i < sids->len; i++)
    {
      g_autoptr(TbProviderMessage) message = fetch_sync (provider, g_ptr_array_index (sids, i));

      g_string_append_printf (story, "%s %s %d\n", message->sid, message->status_string, message->error_code);
    }
  inbound = list_inbound (provider, START_TIME);
  for (guint i = 0; i < inbound->len; i++)
    {
      TbProviderMessage *message = g_ptr_array_index (inbound, i);

      g_string_append_printf (story, "reply %s %s %s %" G_GINT64_FORMAT "\n",
                              message->sid, message->from, message->body, message->date_created);
    }
  return g_string_free (story, FALSE);
}

static void
test_determinism (void)
{
  g_autofree char *first = run_story (42);
  g_autofree char *again = run_story (42);
  g_autofree char *other = run_story (43);

  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
  /* with the default rates, 60 sends give some replies */
  g_assert_nonnull (strstr (first, "reply SM"));
}

static void
test_ids (void)
{
  gint64 clock = START_TIME;
  g_autoptr(TbSimulatorProvider) simulator = new_simulator (7, NULL, &clock);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TbSimulatorSettings settings;

  tb_simulator_settings_init_default (&settings);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *to = contact_number (i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbProviderMessage) message = send_sync (TB_PROVIDER (simulator), to, "Hello", &error);

      if (message == NULL)
        continue;
      g_assert_cmpuint (strlen (message->sid), ==, 34);
      g_assert_true (g_str_has_prefix (message->sid, "SM"));
      for (const char *p = message->sid + 2; *p; p++)
        g_assert_true (g_ascii_isxdigit (*p));
      g_assert_false (g_hash_table_contains (seen, message->sid));
      g_hash_table_add (seen, g_strdup (message->sid));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, tb_simulator_provider_get_n_sent (simulator));
}

static void
test_receipts_follow_the_clock (void)
{
  gint64 clock = START_TIME;
  TbSimulatorSettings settings;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(TbProviderMessage) sent = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    gint64                  after;
    TbProviderMessageStatus status;
  } steps[] = {
    { 0, TB_PROVIDER_MESSAGE_STATUS_QUEUED },
    { SECONDS (1) - 1, TB_PROVIDER_MESSAGE_STATUS_QUEUED },
    { SECONDS (1), TB_PROVIDER_MESSAGE_STATUS_SENT },
    { SECONDS (3) - 1, TB_PROVIDER_MESSAGE_STATUS_SENT },
    { SECONDS (3), TB_PROVIDER_MESSAGE_STATUS_DELIVERED },
    { SECONDS (3600), TB_PROVIDER_MESSAGE_STATUS_DELIVERED },
  };

  every_number_mobile (&settings, 0);
  settings.sent_delay_min = settings.sent_delay_max = SECONDS (1);
  settings.delivery_delay_min = settings.delivery_delay_max = SECONDS (2);
  simulator = new_simulator (1, &settings, &clock);

  sent = send_sync (TB_PROVIDER (simulator), "+12025550142", "Hello", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sent->status, ==, TB_PROVIDER_MESSAGE_STATUS_QUEUED);
  g_assert_cmpint (sent->date_created, ==, START_TIME);

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(TbProviderMessage) fetched = NULL;

      clock = START_TIME + steps[i].after;
      fetched = fetch_sync (TB_PROVIDER (simulator), sent->sid);
      g_assert_cmpint (fetched->status, ==, steps[i].status);
      g_assert_cmpstr (fetched->status_string, ==, tb_provider_message_status_to_string (steps[i].status));
    }
}

static void
test_failure_rates (void)
{
  gint64 clock = START_TIME;
  TbSimulatorSettings settings;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(GPtrArray) sids = g_ptr_array_new_with_free_func (g_free);
  guint invalid = 0;
  guint landlines = 0;
  const guint n = 1000;

  tb_simulator_settings_init_default (&settings);
  settings.invalid_number_rate = 0.2;
  settings.landline_rate = 0.3;
  settings.reply_rate = 0;
  simulator = new_simulator (99, &settings, &clock);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *to = g_strdup_printf ("+1202555%04u", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbProviderMessage) message = send_sync (TB_PROVIDER (simulator), to, "Hello", &error);
      g_autoptr(TbProviderMessage) again = NULL;
      g_autoptr(GError) again_error = NULL;

      /* a number keeps its fate */
      again = send_sync (TB_PROVIDER (simulator), to, "Hello again", &again_error);
      g_assert_cmpint (message == NULL, ==, again == NULL);

      if (message == NULL)
        {
          g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TWILIO_INVALID_TO);
          g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_INVALID_NUMBER);
          g_assert_nonnull (strstr (error->message, to));
          invalid++;
        }
      else
        {
          g_ptr_array_add (sids, g_strdup (message->sid));
          g_ptr_array_add (sids, g_strdup (again->sid));
        }
    }

  clock += SECONDS (3600);
  for (guint i = 0; i < sids->len; i++)
    {
      g_autoptr(TbProviderMessage) message = fetch_sync (TB_PROVIDER (simulator), g_ptr_array_index (sids, i));

      if (i % 2 == 1)
        {
          /* the second send to the same number: the same outcome */
          g_autoptr(TbProviderMessage) first = fetch_sync (TB_PROVIDER (simulator), g_ptr_array_index (sids, i - 1));

          g_assert_cmpint (first->status, ==, message->status);
        }
      if (message->status == TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED)
        {
          g_assert_cmpint (message->error_code, ==, 30006);
          landlines++;
        }
      else
        g_assert_cmpint (message->status, ==, TB_PROVIDER_MESSAGE_STATUS_DELIVERED);
    }

  landlines /= 2;
  g_test_message ("invalid %u / %u numbers, landlines %u / %u", invalid, n, landlines, sids->len / 2);
  /* 20 % ± 4 %, 30 % ± 5 % */
  g_assert_cmpuint (invalid, >=, 160);
  g_assert_cmpuint (invalid, <=, 240);
  g_assert_cmpfloat ((double) landlines / (sids->len / 2), >=, 0.25);
  g_assert_cmpfloat ((double) landlines / (sids->len / 2), <=, 0.35);
}

static void
test_replies_and_stop (void)
{
  gint64 clock = START_TIME;
  TbSimulatorSettings settings;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(GPtrArray) inbound = NULL;
  g_autoptr(TbProviderMessage) first = NULL;
  g_autoptr(TbProviderMessage) again = NULL;
  g_autoptr(GError) error = NULL;

  every_number_mobile (&settings, 1.0);
  settings.opt_out_rate = 1.0;
  settings.reply_delay_min = settings.reply_delay_max = SECONDS (60);
  simulator = new_simulator (5, &settings, &clock);

  first = send_sync (TB_PROVIDER (simulator), "+12025550142", "Hello", &error);
  g_assert_no_error (error);

  /* Before the delay, nothing. */
  clock += SECONDS (30);
  inbound = list_inbound (TB_PROVIDER (simulator), START_TIME);
  g_assert_cmpuint (inbound->len, ==, 0);
  g_clear_pointer (&inbound, g_ptr_array_unref);

  clock += SECONDS (3600);
  inbound = list_inbound (TB_PROVIDER (simulator), START_TIME);
  g_assert_cmpuint (inbound->len, ==, 1);
  {
    TbProviderMessage *reply = g_ptr_array_index (inbound, 0);

    g_assert_cmpstr (reply->body, ==, "STOP");
    g_assert_cmpstr (reply->from, ==, "+12025550142");
    g_assert_cmpstr (reply->to, ==, OUR_NUMBER);
    g_assert_cmpint (reply->direction, ==, TB_PROVIDER_DIRECTION_INBOUND);
    g_assert_cmpint (reply->status, ==, TB_PROVIDER_MESSAGE_STATUS_RECEIVED);
    g_assert_cmpstr (reply->sid, !=, first->sid);
    g_assert_cmpint (reply->date_created, >, first->date_created);
  }

  /* The carrier now refuses that number, as Twilio does after STOP. */
  again = send_sync (TB_PROVIDER (simulator), "+12025550142", "Hello again", &error);
  g_assert_null (again);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TWILIO_OPTED_OUT);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT);

  /* A list since later than the reply leaves it out. */
  g_clear_pointer (&inbound, g_ptr_array_unref);
  inbound = list_inbound (TB_PROVIDER (simulator), clock);
  g_assert_cmpuint (inbound->len, ==, 0);
}

/* Found by the soak test: a reply's id is derived from the original's, and
 * a drawn id with "feed" in the marker's place gave the reply the original's
 * own id, so the store took the reply for the outbound message and dropped
 * it. Sends until such an id is drawn, then checks every id in the list is
 * distinct. */
static void
test_reply_id_never_taken (void)
{
  gint64 clock = START_TIME;
  TbSimulatorSettings settings;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *marked_sid = NULL;
  guint sends = 0;

  every_number_mobile (&settings, 1.0);
  settings.opt_out_rate = 0;
  simulator = new_simulator (3, &settings, &clock);

  /* Everyone replies; a fresh simulator every 1000 sends keeps each list
   * short. Stop at an id with "feed" where a reply's marker goes. */
  while (marked_sid == NULL && sends < 300000)
    {
      g_autofree char *to = NULL;
      g_autoptr(TbProviderMessage) sent = NULL;

      if (sends > 0 && sends % 1000 == 0)
        {
          g_clear_object (&simulator);
          simulator = new_simulator (3 + sends, &settings, &clock);
        }
      to = contact_number (sends % 1000);
      sent = send_sync (TB_PROVIDER (simulator), to, "Hello", &error);
      g_assert_no_error (error);
      sends++;
      if (strncmp (sent->sid + 26, "feed", 4) == 0)
        marked_sid = g_strdup (sent->sid);
    }
  g_assert_nonnull (marked_sid);
  g_test_message ("an id with the marker after %u sends: %s", sends, marked_sid);

  clock += SECONDS (24 * 3600);
  all = tb_test_list_sync (TB_PROVIDER (simulator), query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2 * (sends - (sends - 1) / 1000 * 1000));
  for (guint i = 0; i < all->len; i++)
    {
      TbProviderMessage *message = g_ptr_array_index (all, i);

      g_assert_false (g_hash_table_contains (seen, message->sid));
      g_hash_table_add (seen, message->sid);
    }
}

static void
test_reply_mix (void)
{
  gint64 clock = START_TIME;
  TbSimulatorSettings settings;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(GPtrArray) inbound = NULL;
  g_autoptr(GHashTable) bodies = g_hash_table_new (g_str_hash, g_str_equal);
  guint stops = 0;

  every_number_mobile (&settings, 0.5);
  simulator = new_simulator (11, &settings, &clock);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *to = g_strdup_printf ("+1202555%04u", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbProviderMessage) message = send_sync (TB_PROVIDER (simulator), to, "Hello", &error);

      g_assert_no_error (error);
    }
  clock += SECONDS (3600);
  inbound = list_inbound (TB_PROVIDER (simulator), START_TIME);
  g_test_message ("%u replies to 200 sends", inbound->len);
  g_assert_cmpuint (inbound->len, >=, 70);
  g_assert_cmpuint (inbound->len, <=, 130);
  for (guint i = 0; i < inbound->len; i++)
    {
      TbProviderMessage *reply = g_ptr_array_index (inbound, i);

      g_hash_table_add (bodies, reply->body);
      if (g_str_equal (reply->body, "STOP"))
        stops++;
      /* newest first */
      if (i > 0)
        g_assert_cmpint (((TbProviderMessage *) g_ptr_array_index (inbound, i - 1))->date_created, >=,
                         reply->date_created);
    }
  g_assert_cmpuint (stops, >, 0);
  g_assert_true (g_hash_table_contains (bodies, "who is this?") || g_hash_table_contains (bodies, "Wrong number"));
  g_assert_cmpuint (g_hash_table_size (bodies), >=, 5);
}

static void
test_invalid_format (void)
{
  g_autoptr(TbSimulatorProvider) simulator = tb_simulator_provider_new (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = send_sync (TB_PROVIDER (simulator), "555-0142", "Hello", &error);

  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TWILIO_INVALID_TO);
  g_assert_nonnull (strstr (error->message, "555-0142"));
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator), ==, 0);
}

static void
test_pushed_errors (void)
{
  gint64 clock = START_TIME;
  g_autoptr(TbSimulatorProvider) simulator = new_simulator (3, NULL, &clock);
  g_autoptr(GError) lost = tb_provider_error_new (TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_OTHER,
                                                  0, 0, "the answer was lost");
  g_autoptr(GError) refused = tb_provider_error_new (TB_PROVIDER_ERROR_NOT_SENT, TB_PROVIDER_ERROR_KIND_OTHER,
                                                     0, 0, "connection refused");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GPtrArray) found = NULL;

  tb_simulator_provider_push_send_error (simulator, lost, TRUE);
  tb_simulator_provider_push_send_error (simulator, refused, FALSE);

  message = send_sync (TB_PROVIDER (simulator), "+12025550142", "one", &error);
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NO_ANSWER);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator), ==, 1);
  g_clear_error (&error);

  message = send_sync (TB_PROVIDER (simulator), "+12025550143", "two", &error);
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NOT_SENT);
  g_assert_true (tb_provider_error_is_retryable (error));
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator), ==, 1);
  g_clear_error (&error);

  /* Reconciliation finds the first one. */
  query->to = g_strdup ("+12025550142");
  query->from = g_strdup (OUR_NUMBER);
  query->sent_since = START_TIME;
  found = tb_test_list_sync (TB_PROVIDER (simulator), query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((TbProviderMessage *) g_ptr_array_index (found, 0))->body, ==, "one");
}

static void
test_inject_inbound (void)
{
  gint64 clock = START_TIME;
  g_autoptr(TbSimulatorProvider) simulator = new_simulator (3, NULL, &clock);
  g_autofree char *sid = tb_simulator_provider_inject_inbound (simulator, "+13125550100", OUR_NUMBER, " stop ");
  g_autoptr(GPtrArray) inbound = list_inbound (TB_PROVIDER (simulator), START_TIME);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  g_assert_cmpuint (strlen (sid), ==, 34);
  g_assert_cmpuint (inbound->len, ==, 1);
  g_assert_cmpstr (((TbProviderMessage *) g_ptr_array_index (inbound, 0))->sid, ==, sid);
  g_assert_cmpstr (((TbProviderMessage *) g_ptr_array_index (inbound, 0))->body, ==, " stop ");

  message = send_sync (TB_PROVIDER (simulator), "+13125550100", "Hello", &error);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TWILIO_OPTED_OUT);
}

static void
test_identity (void)
{
  g_autoptr(TbSimulatorProvider) simulator = tb_simulator_provider_new (0);
  g_autofree char *name = NULL;
  gboolean is_simulator = FALSE;

  g_assert_true (tb_provider_is_simulator (TB_PROVIDER (simulator)));
  g_assert_cmpstr (tb_provider_get_display_name (TB_PROVIDER (simulator)), ==, "Simulator");
  g_object_get (simulator, "display-name", &name, "is-simulator", &is_simulator, NULL);
  g_assert_cmpstr (name, ==, "Simulator");
  g_assert_true (is_simulator);
  /* The real clock by default */
  g_assert_cmpint (ABS (tb_simulator_provider_now (simulator) - g_get_real_time ()), <, SECONDS (5));
}

static void
test_cancelled_before (void)
{
  g_autoptr(TbSimulatorProvider) simulator = tb_simulator_provider_new (0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TbOutgoingMessage) outgoing = tb_outgoing_message_new ("+12025550142", OUR_NUMBER, "Hi", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  g_cancellable_cancel (cancellable);
  tb_provider_send_async (TB_PROVIDER (simulator), outgoing, cancellable, tb_test_keep_result, &result);
  message = tb_provider_send_finish (TB_PROVIDER (simulator), tb_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator), ==, 0);
}

/* Offline: every kind of request fails before reaching the carrier, with
 * an error that says a retry is safe; back online, all works again. */
static void
test_offline (void)
{
  gint64 clock = START_TIME;
  TbSimulatorSettings settings;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  TbProvider *provider;
  g_autoptr(TbProviderMessage) before = NULL;
  g_autoptr(TbProviderMessage) sent = NULL;
  g_autoptr(TbProviderMessage) refused = NULL;
  g_autoptr(TbProviderMessage) status = NULL;
  g_autoptr(TbProviderMessage) after = NULL;
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GAsyncResult) fetch_result = NULL;
  g_autoptr(GAsyncResult) list_result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  tb_simulator_settings_init_default (&settings);
  settings.invalid_number_rate = 0;
  simulator = new_simulator (5, &settings, &clock);
  provider = TB_PROVIDER (simulator);

  before = send_sync (provider, "+12025550142", "Before", &error);
  g_assert_no_error (error);

  tb_simulator_provider_set_offline (simulator, TRUE);
  refused = send_sync (provider, "+12025550143", "While offline", &error);
  g_assert_null (refused);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NOT_SENT);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED);
  g_assert_nonnull (strstr (error->message, "network is down"));
  g_clear_error (&error);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator), ==, 1);

  tb_provider_fetch_status_async (provider, before->sid, NULL, tb_test_keep_result, &fetch_result);
  status = tb_provider_fetch_status_finish (provider, tb_test_wait_for (&fetch_result), &error);
  g_assert_null (status);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NOT_SENT);
  g_clear_error (&error);

  tb_provider_list_messages_async (provider, query, NULL, tb_test_keep_result, &list_result);
  listed = tb_provider_list_messages_finish (provider, tb_test_wait_for (&list_result), &error);
  g_assert_null (listed);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NOT_SENT);
  g_clear_error (&error);

  tb_simulator_provider_set_offline (simulator, FALSE);
  after = send_sync (provider, "+12025550143", "Back online", &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator), ==, 2);
}

/* The app and the command line take their seed from the environment when
 * it is set, so a run (a test, a bug report) can be repeated. */
static void
test_seed_from_environment (void)
{
  g_setenv ("TEXTBANK_SIMULATOR_SEED", "4242", TRUE);
  g_assert_cmpuint (tb_simulator_seed_from_environment (), ==, 4242);
  g_setenv ("TEXTBANK_SIMULATOR_SEED", "", TRUE);
  {
    /* Unset (or empty): random, so two draws differ but for 1 in 2^32. */
    guint32 a = tb_simulator_seed_from_environment ();
    guint32 b = tb_simulator_seed_from_environment ();
    guint32 c = tb_simulator_seed_from_environment ();

    g_assert_true (a != b || b != c);
  }
  g_unsetenv ("TEXTBANK_SIMULATOR_SEED");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simulator/determinism", test_determinism);
  g_test_add_func ("/simulator/seed-from-environment", test_seed_from_environment);
  g_test_add_func ("/simulator/ids", test_ids);
  g_test_add_func ("/simulator/receipts-follow-the-clock", test_receipts_follow_the_clock);
  g_test_add_func ("/simulator/failure-rates", test_failure_rates);
  g_test_add_func ("/simulator/replies-and-stop", test_replies_and_stop);
  g_test_add_func ("/simulator/reply-mix", test_reply_mix);
  g_test_add_func ("/simulator/reply-id-never-taken", test_reply_id_never_taken);
  g_test_add_func ("/simulator/invalid-format", test_invalid_format);
  g_test_add_func ("/simulator/pushed-errors", test_pushed_errors);
  g_test_add_func ("/simulator/inject-inbound", test_inject_inbound);
  g_test_add_func ("/simulator/identity", test_identity);
  g_test_add_func ("/simulator/cancelled-before", test_cancelled_before);
  g_test_add_func ("/simulator/offline", test_offline);

  return g_test_run ();
}
