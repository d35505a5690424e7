/* test-inbox-sync.c: replies, keywords and delivery status, with the
 * simulator (and the fake Twilio for failures) and a real SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-provider-fixtures.h"
#include "tb-session-test-util.h"
#include "tb-simulator-provider.h"
#include "tb-twilio-provider.h"

#include <sqlite3.h>

#include "tb-store-private.h"

#define SENDER "+15005550006"
#define STRANGER "+13105550142"
#define N_CONTACTS 4

/* ---- A provider that refuses the credentials for one message ---------- */

/* Passes everything to the simulator, except that fetching the status of
 * `refused_sid` fails as if the credentials had been revoked. */
#define TEST_TYPE_REFUSING_PROVIDER (test_refusing_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestRefusingProvider, test_refusing_provider, TEST, REFUSING_PROVIDER, GObject)

enum {
  PROP_0,
  PROP_DISPLAY_NAME,
  PROP_IS_SIMULATOR,
};

struct _TestRefusingProvider
{
  GObject     parent_instance;
  TbProvider *inner;
  char       *refused_sid;
};

static void test_refusing_provider_iface_init (TbProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestRefusingProvider, test_refusing_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TB_TYPE_PROVIDER, test_refusing_provider_iface_init))

static const char *
refusing_get_display_name (TbProvider *provider)
{
  return tb_provider_get_display_name (TEST_REFUSING_PROVIDER (provider)->inner);
}

static gboolean
refusing_is_simulator (TbProvider *provider)
{
  return TRUE;
}

/* Results from the inner provider carry it as their source object, and
 * the session layer finishes them there. */
static void
refusing_send_async (TbProvider *provider, const TbOutgoingMessage *message, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  tb_provider_send_async (TEST_REFUSING_PROVIDER (provider)->inner, message, cancellable, callback, user_data);
}

static TbProviderMessage *
refusing_send_finish (TbProvider *provider, GAsyncResult *result, GError **error)
{
  return tb_provider_send_finish (TEST_REFUSING_PROVIDER (provider)->inner, result, error);
}

static void
refusing_fetch_status_async (TbProvider *provider, const char *sid, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  TestRefusingProvider *self = TEST_REFUSING_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (sid, self->refused_sid) != 0)
    {
      tb_provider_fetch_status_async (self->inner, sid, cancellable, callback, user_data);
      return;
    }
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_return_error (task, tb_provider_error_new (20003, TB_PROVIDER_ERROR_KIND_AUTH, 401, 0,
                                                    "Authenticate"));
}

static TbProviderMessage *
refusing_fetch_status_finish (TbProvider *provider, GAsyncResult *result, GError **error)
{
  if (g_task_is_valid (result, provider))
    return g_task_propagate_pointer (G_TASK (result), error);
  return tb_provider_fetch_status_finish (TEST_REFUSING_PROVIDER (provider)->inner, result, error);
}

static void
refusing_list_messages_async (TbProvider *provider, const TbProviderListQuery *query,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  tb_provider_list_messages_async (TEST_REFUSING_PROVIDER (provider)->inner, query, cancellable,
                                   callback, user_data);
}

static GPtrArray *
refusing_list_messages_finish (TbProvider *provider, GAsyncResult *result, GError **error)
{
  return tb_provider_list_messages_finish (TEST_REFUSING_PROVIDER (provider)->inner, result, error);
}

static void
test_refusing_provider_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TestRefusingProvider *self = TEST_REFUSING_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, tb_provider_get_display_name (self->inner));
      break;
    case PROP_IS_SIMULATOR:
      g_value_set_boolean (value, TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_refusing_provider_finalize (GObject *object)
{
  TestRefusingProvider *self = TEST_REFUSING_PROVIDER (object);

  g_clear_object (&self->inner);
  g_clear_pointer (&self->refused_sid, g_free);
  G_OBJECT_CLASS (test_refusing_provider_parent_class)->finalize (object);
}

static void
test_refusing_provider_class_init (TestRefusingProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_refusing_provider_get_property;
  object_class->finalize = test_refusing_provider_finalize;
  g_object_class_override_property (object_class, PROP_DISPLAY_NAME, "display-name");
  g_object_class_override_property (object_class, PROP_IS_SIMULATOR, "is-simulator");
}

static void
test_refusing_provider_iface_init (TbProviderInterface *iface)
{
  iface->get_display_name = refusing_get_display_name;
  iface->is_simulator = refusing_is_simulator;
  iface->send_async = refusing_send_async;
  iface->send_finish = refusing_send_finish;
  iface->fetch_status_async = refusing_fetch_status_async;
  iface->fetch_status_finish = refusing_fetch_status_finish;
  iface->list_messages_async = refusing_list_messages_async;
  iface->list_messages_finish = refusing_list_messages_finish;
}

static void
test_refusing_provider_init (TestRefusingProvider *self)
{
}

typedef struct {
  char                *dir;
  TbStore             *store;
  TbSimulatorProvider *simulator;
  TbSession           *session;
  TbOutbox            *outbox;
  TbInboxSync         *sync;
  gint64               now;
  gint64               contacts[N_CONTACTS];
  guint                likely_signals;
  guint                synced_signals;
  guint                failed_signals;
} Fixture;

static void
on_likely_opt_out (TbInboxSync *sync,
                   gint64       message_id,
                   Fixture     *fixture)
{
  fixture->likely_signals++;
}

static void
on_synced (TbInboxSync             *sync,
           const TbInboxSyncReport *report,
           Fixture                 *fixture)
{
  fixture->synced_signals++;
}

static void
on_sync_failed (TbInboxSync  *sync,
                const GError *error,
                Fixture      *fixture)
{
  fixture->failed_signals++;
}

static void
set_up_with (Fixture                   *fixture,
             const TbSimulatorSettings *settings)
{
  g_autoptr(GError) error = NULL;

  fixture->now = g_get_real_time ();
  fixture->store = test_store_new (&fixture->dir);
  test_campaign_new (fixture->store, SENDER, 0, 24 * 60, N_CONTACTS, fixture->contacts);
  fixture->simulator = tb_simulator_provider_new_full (7, settings);
  tb_simulator_provider_set_clock (fixture->simulator, test_clock, &fixture->now, NULL);
  fixture->session = tb_session_new (fixture->store, TB_PROVIDER (fixture->simulator));
  tb_session_set_clock (fixture->session, test_clock, &fixture->now);
  fixture->outbox = tb_session_get_outbox (fixture->session);
  tb_outbox_set_rate_per_second (fixture->outbox, 0);
  fixture->sync = tb_session_get_inbox_sync (fixture->session);
  g_signal_connect (fixture->sync, "likely-opt-out", G_CALLBACK (on_likely_opt_out), fixture);
  g_signal_connect (fixture->sync, "synced", G_CALLBACK (on_synced), fixture);
  g_signal_connect (fixture->sync, "sync-failed", G_CALLBACK (on_sync_failed), fixture);
  tb_session_sign_in_by_name (fixture->session, "Ada", &error);
  g_assert_no_error (error);
}

static void
quiet_settings (TbSimulatorSettings *settings)
{
  tb_simulator_settings_init_default (settings);
  settings->invalid_number_rate = 0;
  settings->landline_rate = 0;
  settings->reply_rate = 0;
  settings->sent_delay_min = settings->sent_delay_max = G_USEC_PER_SEC;
  settings->delivery_delay_min = settings->delivery_delay_max = 2 * G_USEC_PER_SEC;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  TbSimulatorSettings settings;

  quiet_settings (&settings);
  set_up_with (fixture, &settings);
}

static void
fixture_set_up_stop_replies (Fixture       *fixture,
                             gconstpointer  data)
{
  TbSimulatorSettings settings;

  /* Every delivered message gets a reply, and every reply is STOP. */
  quiet_settings (&settings);
  settings.reply_rate = 1.0;
  settings.opt_out_rate = 1.0;
  settings.reply_delay_min = settings.reply_delay_max = 30 * G_USEC_PER_SEC;
  set_up_with (fixture, &settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->simulator);
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
poll_once (TbInboxSync       *sync,
           TbInboxSyncReport *report,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_inbox_sync_poll_async (sync, NULL, tb_test_keep_result, &result);
  return tb_inbox_sync_poll_finish (sync, tb_test_wait_for (&result), report, error);
}

static TbInboxSyncReport
poll_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TbInboxSyncReport report = { 0 };

  g_assert_true (poll_once (fixture->sync, &report, &error));
  g_assert_no_error (error);
  return report;
}

static const char *
phone_of (Fixture *fixture,
          guint    i,
          char     buffer[16])
{
  g_snprintf (buffer, 16, "+120255501%02u", i);
  return buffer;
}

static TbContactStatus
contact_status (Fixture *fixture,
                guint    i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) contact = tb_store_contact_get (fixture->store, fixture->contacts[i], &error);

  g_assert_no_error (error);
  return tb_contact_get_status (contact);
}

static void
inject (Fixture    *fixture,
        const char *from,
        const char *body)
{
  g_autofree char *sid = tb_simulator_provider_inject_inbound (fixture->simulator, from, SENDER, body);

  g_assert_nonnull (sid);
}

/* A reply from contacts[contact], then one round. */
static TbInboxSyncReport
receive (Fixture    *fixture,
         guint       contact,
         const char *body)
{
  char phone[16];

  inject (fixture, phone_of (fixture, contact, phone), body);
  return poll_ok (fixture);
}

/* What one reply does to the contact, by its words. */
typedef struct {
  const char      *name;
  guint            contact;
  const char      *body;
  guint            opt_outs;        /* in the round's report */
  guint            likely_opt_outs; /* likewise, and "likely-opt-out" signals */
  gboolean         opted_out;
  TbContactStatus  status;
  const char      *tag;             /* the contact's one tag, or NULL for none */
} ReplyCase;

static const ReplyCase reply_cases[] = {
  { "answer", 0, "Sure, count me in!", 0, 0, FALSE, TB_CONTACT_STATUS_NEEDS_REPLY, NULL },
  { "stop", 1, "Stop", 1, 0, TRUE, TB_CONTACT_STATUS_OPTED_OUT, NULL },
  /* Not applied: a person decides. */
  { "likely-opt-out", 2, "please stop texting me", 0, 1, FALSE, TB_CONTACT_STATUS_NEEDS_REPLY, "likely opt-out" },
};

static void
test_reply (Fixture       *fixture,
            gconstpointer  data)
{
  const ReplyCase *test = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  TbInboxSyncReport report = receive (fixture, test->contact, test->body);
  char phone[16];

  g_assert_cmpuint (report.inbound_seen, ==, 1);
  g_assert_cmpuint (report.inbound_stored, ==, 1);
  g_assert_cmpuint (report.unknown_senders, ==, 0);
  g_assert_cmpuint (report.opt_outs, ==, test->opt_outs);
  g_assert_cmpuint (report.likely_opt_outs, ==, test->likely_opt_outs);
  g_assert_cmpuint (fixture->likely_signals, ==, test->likely_opt_outs);
  g_assert_cmpint (tb_store_is_opted_out (fixture->store, phone_of (fixture, test->contact, phone), NULL),
                   ==, test->opted_out);
  g_assert_cmpint (contact_status (fixture, test->contact), ==, test->status);
  tags = tb_store_contact_tag_list (fixture->store, fixture->contacts[test->contact], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, test->tag != NULL ? 1 : 0);
  if (test->tag != NULL)
    g_assert_cmpstr (((TbTag *) g_ptr_array_index (tags, 0))->name, ==, test->tag);
}

static void
test_statuses (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TbInboxSyncReport report;
  gint64 first, second;

  first = tb_outbox_submit (fixture->outbox, fixture->contacts[0], "One", "s1", &error);
  g_assert_no_error (error);
  second = tb_outbox_submit (fixture->outbox, fixture->contacts[1], "Two", "s2", &error);
  g_assert_no_error (error);
  g_assert_true (test_iterate_until (test_outbox_is_idle, fixture->outbox, 5000));
  g_assert_cmpint (test_message_state (fixture->store, first), ==, TB_MESSAGE_STATE_ACCEPTED);

  report = poll_ok (fixture);
  g_assert_cmpuint (report.statuses_checked, ==, 2);
  g_assert_cmpuint (report.statuses_changed, ==, 0);

  fixture->now += 3 * G_USEC_PER_SEC / 2;
  report = poll_ok (fixture);
  g_assert_cmpuint (report.statuses_changed, ==, 2);
  g_assert_cmpint (test_message_state (fixture->store, first), ==, TB_MESSAGE_STATE_SENT);

  fixture->now += 5 * G_USEC_PER_SEC;
  report = poll_ok (fixture);
  g_assert_cmpuint (report.statuses_changed, ==, 2);
  g_assert_cmpint (test_message_state (fixture->store, first), ==, TB_MESSAGE_STATE_DELIVERED);
  g_assert_cmpint (test_message_state (fixture->store, second), ==, TB_MESSAGE_STATE_DELIVERED);

  /* Final: nobody asks again. */
  report = poll_ok (fixture);
  g_assert_cmpuint (report.statuses_checked, ==, 0);
  g_assert_cmpuint (fixture->synced_signals, ==, 4);
}

static int
count_commit (void *data)
{
  (*(guint *) data)++;
  return 0;
}

/* A round's status changes are written in one transaction (one commit
 * appends each shared page to the WAL once), not one each. */
static void
test_statuses_one_commit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = tb_store_get_db (fixture->store);
  TbInboxSyncReport report;
  gint64 ids[N_CONTACTS];
  guint commits = 0;

  for (guint i = 0; i < N_CONTACTS; i++)
    {
      g_autofree char *press = g_strdup_printf ("one-commit-%u", i);

      ids[i] = tb_outbox_submit (fixture->outbox, fixture->contacts[i], "Hello", press, &error);
      g_assert_no_error (error);
    }
  g_assert_true (test_iterate_until (test_outbox_is_idle, fixture->outbox, 5000));
  /* Past every receipt's delay: each message has a new status. */
  fixture->now += 20 * G_USEC_PER_SEC;

  sqlite3_commit_hook (db, count_commit, &commits);
  report = poll_ok (fixture);
  sqlite3_commit_hook (db, NULL, NULL);
  g_assert_cmpuint (report.statuses_checked, ==, N_CONTACTS);
  g_assert_cmpuint (report.statuses_changed, ==, N_CONTACTS);
  g_assert_cmpuint (commits, ==, 1);
  for (guint i = 0; i < N_CONTACTS; i++)
    g_assert_cmpint (test_message_state (fixture->store, ids[i]), ==, TB_MESSAGE_STATE_DELIVERED);
}

/* A round that ends on refused credentials still writes the statuses it
 * fetched before the refusal (they wait for one transaction). */
static void
test_statuses_kept_when_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestRefusingProvider) refusing = g_object_new (TEST_TYPE_REFUSING_PROVIDER, NULL);
  g_autoptr(TbInboxSync) sync = NULL;
  g_autoptr(TbMessage) second = NULL;
  TbInboxSyncReport report = { 0 };
  gint64 ids[2];

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *press = g_strdup_printf ("refused-%u", i);

      ids[i] = tb_outbox_submit (fixture->outbox, fixture->contacts[i], "Hello", press, &error);
      g_assert_no_error (error);
      /* In press order: the first one's status is asked for first. */
      fixture->now += G_USEC_PER_SEC;
    }
  g_assert_true (test_iterate_until (test_outbox_is_idle, fixture->outbox, 5000));
  fixture->now += 20 * G_USEC_PER_SEC;

  second = tb_store_message_get (fixture->store, ids[1], &error);
  g_assert_no_error (error);
  refusing->inner = g_object_ref (TB_PROVIDER (fixture->simulator));
  refusing->refused_sid = g_strdup (tb_message_get_provider_id (second));
  sync = tb_inbox_sync_new (fixture->store, TB_PROVIDER (refusing));
  tb_inbox_sync_set_clock (sync, test_clock, &fixture->now);

  g_assert_false (poll_once (sync, &report, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_AUTH);
  g_assert_cmpint (test_message_state (fixture->store, ids[0]), ==, TB_MESSAGE_STATE_DELIVERED);
  g_assert_cmpint (test_message_state (fixture->store, ids[1]), ==, TB_MESSAGE_STATE_ACCEPTED);
}

static void
test_reply_stored_once (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  TbInboxSyncReport report;

  receive (fixture, 0, "Sure, count me in!");
  /* The next round lists it again (the overlap): still one row. */
  report = poll_ok (fixture);
  g_assert_cmpuint (report.inbound_seen, ==, 1);
  g_assert_cmpuint (report.inbound_stored, ==, 0);
  thread = tb_store_message_list_for_contact (fixture->store, fixture->contacts[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 1);
  g_assert_cmpstr (tb_message_get_body (g_ptr_array_index (thread, 0)), ==, "Sure, count me in!");
  g_assert_cmpint (tb_message_get_direction (g_ptr_array_index (thread, 0)), ==, TB_MESSAGE_DIRECTION_IN);
}

static void
test_stop_and_start (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) opt_outs = NULL;
  TbInboxSyncReport report;
  char phone[16];

  report = receive (fixture, 1, "Stop");
  g_assert_cmpuint (report.opt_outs, ==, 1);
  opt_outs = tb_store_opt_out_list (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opt_outs->len, ==, 1);
  g_assert_cmpint (((TbOptOut *) g_ptr_array_index (opt_outs, 0))->source, ==, TB_OPT_OUT_SOURCE_KEYWORD);

  /* Nothing more can be sent. */
  g_assert_cmpint (tb_outbox_submit (fixture->outbox, fixture->contacts[1], "Hi", "after-stop", &error), ==, 0);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT);
  g_clear_error (&error);

  /* A second poll does not apply the same STOP twice. */
  report = poll_ok (fixture);
  g_assert_cmpuint (report.opt_outs, ==, 0);

  fixture->now += G_USEC_PER_SEC;
  report = receive (fixture, 1, "START");
  g_assert_cmpuint (report.opt_ins, ==, 1);
  g_assert_false (tb_store_is_opted_out (fixture->store, phone_of (fixture, 1, phone), NULL));
  g_assert_cmpint (tb_outbox_submit (fixture->outbox, fixture->contacts[1], "Welcome back", "after-start",
                                     &error), >, 0);
  g_assert_no_error (error);
}

static void
test_unknown_sender_kept (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  TbInboxSyncReport report;

  inject (fixture, STRANGER, "Who is this?");
  report = poll_ok (fixture);
  g_assert_cmpuint (report.inbound_stored, ==, 1);
  g_assert_cmpuint (report.unknown_senders, ==, 1);
  report = poll_ok (fixture);
  g_assert_cmpuint (report.inbound_stored, ==, 0);

  unknown = tb_store_unknown_sender_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unknown->len, ==, 1);
  g_assert_cmpstr (tb_message_get_phone (g_ptr_array_index (unknown, 0)), ==, STRANGER);
  g_assert_cmpstr (tb_message_get_body (g_ptr_array_index (unknown, 0)), ==, "Who is this?");
}

static void
exec_on_file (Fixture    *fixture,
              const char *sql)
{
  g_autofree char *path = g_build_filename (fixture->dir, "textbank.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A reply the store could not take in one round is listed again in the
 * next, even when the round also stored a reply much newer than the overlap
 * (the newest seen must not move past it). */
static void
test_unstored_listed_again (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  TbInboxSyncReport report;
  char phone[16];

  inject (fixture, phone_of (fixture, 0, phone), "Poison");
  fixture->now += 10 * 60 * G_USEC_PER_SEC;
  inject (fixture, phone_of (fixture, 1, phone), "Hello back");
  exec_on_file (fixture,
                "CREATE TRIGGER test_refuse BEFORE INSERT ON message WHEN NEW.body = 'Poison' "
                "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;");

  g_test_expect_message ("tb-inbox-sync", G_LOG_LEVEL_WARNING, "Cannot store the message*");
  report = poll_ok (fixture);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (report.inbound_stored, ==, 1);

  exec_on_file (fixture, "DROP TRIGGER test_refuse;");
  fixture->now += 10 * 60 * G_USEC_PER_SEC;
  report = poll_ok (fixture);
  g_assert_cmpuint (report.inbound_stored, ==, 1);
  messages = tb_store_message_list_for_contact (fixture->store, fixture->contacts[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (tb_message_get_body (g_ptr_array_index (messages, 0)), ==, "Poison");
}

static void
test_simulated_stop_reply (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TbInboxSyncReport report;
  char phone[16];
  gint64 id;

  id = tb_outbox_submit (fixture->outbox, fixture->contacts[3], "Will you vote?", "sim-stop", &error);
  g_assert_no_error (error);
  g_assert_true (test_iterate_until (test_outbox_is_idle, fixture->outbox, 5000));

  /* Delivered after 3 s; the reply 30 s later. */
  fixture->now += 40 * G_USEC_PER_SEC;
  report = poll_ok (fixture);
  g_assert_cmpuint (report.inbound_stored, ==, 1);
  g_assert_cmpuint (report.opt_outs, ==, 1);
  g_assert_cmpint (test_message_state (fixture->store, id), ==, TB_MESSAGE_STATE_DELIVERED);
  g_assert_true (tb_store_is_opted_out (fixture->store, phone_of (fixture, 3, phone), NULL));
  g_assert_cmpint (contact_status (fixture, 3), ==, TB_CONTACT_STATUS_OPTED_OUT);
}

static gboolean
synced_twice (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->synced_signals >= 2;
}

static void
test_periodic (Fixture       *fixture,
               gconstpointer  data)
{
  char phone[16];

  inject (fixture, phone_of (fixture, 0, phone), "Hello?");
  tb_inbox_sync_set_interval (fixture->sync, 1);
  tb_session_start (fixture->session);
  /* The first round at once, the next a second later. */
  g_assert_true (test_iterate_until (synced_twice, fixture, 5000));
  g_assert_cmpint (contact_status (fixture, 0), ==, TB_CONTACT_STATUS_NEEDS_REPLY);
  tb_inbox_sync_stop (fixture->sync);
}

static void
test_sync_failure (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  g_autoptr(TbCredentials) credentials = tb_credentials_new_auth_token (TB_FAKE_TWILIO_ACCOUNT_SID,
                                                                        TB_FAKE_TWILIO_AUTH_TOKEN);
  g_autoptr(TbTwilioProvider) twilio = tb_twilio_provider_new (credentials,
                                                               tb_fake_twilio_get_base_url (fake));
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbInboxSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sid = NULL;
  TbInboxSyncReport report = { 0 };
  gint64 contacts[1];
  Fixture counts = { 0 };

  store = test_store_new (&dir);
  test_campaign_new (store, SENDER, 0, 24 * 60, 1, contacts);
  sync = tb_inbox_sync_new (store, TB_PROVIDER (twilio));
  g_signal_connect (sync, "sync-failed", G_CALLBACK (on_sync_failed), &counts);
  sid = tb_fake_twilio_add_inbound (fake, "+12025550100", SENDER, "Yes!", 0);

  /* A proxy answers with an HTML page: the round fails, nothing is lost. */
  tb_fake_twilio_add_fault (fake, TB_FAKE_TWILIO_REQUEST_LIST, TB_FAKE_TWILIO_FAULT_HTML, 1);
  g_assert_false (poll_once (sync, &report, &error));
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_HTTP);
  g_clear_error (&error);
  g_assert_cmpuint (counts.failed_signals, ==, 1);
  g_assert_cmpuint (report.inbound_stored, ==, 0);
  g_assert_false (tb_inbox_sync_get_online (sync));

  g_assert_true (poll_once (sync, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inbound_stored, ==, 1);
  g_assert_true (tb_inbox_sync_get_online (sync));
  thread = tb_store_message_list_for_contact (store, contacts[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 1);
  g_assert_cmpstr (tb_message_get_provider_id (g_ptr_array_index (thread, 0)), ==, sid);

  g_clear_pointer (&thread, g_ptr_array_unref);
  g_clear_object (&sync);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)

  ADD ("/inbox-sync/statuses", fixture_set_up, test_statuses);
  ADD ("/inbox-sync/statuses-one-commit", fixture_set_up, test_statuses_one_commit);
  ADD ("/inbox-sync/statuses-kept-when-refused", fixture_set_up, test_statuses_kept_when_refused);
  for (gsize i = 0; i < G_N_ELEMENTS (reply_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/inbox-sync/reply/%s", reply_cases[i].name);

      g_test_add (path, Fixture, &reply_cases[i], fixture_set_up, test_reply, fixture_tear_down);
    }
  ADD ("/inbox-sync/reply-stored-once", fixture_set_up, test_reply_stored_once);
  ADD ("/inbox-sync/stop-and-start", fixture_set_up, test_stop_and_start);
  ADD ("/inbox-sync/unknown-sender-kept", fixture_set_up, test_unknown_sender_kept);
  ADD ("/inbox-sync/unstored-listed-again", fixture_set_up, test_unstored_listed_again);
  ADD ("/inbox-sync/simulated-stop-reply", fixture_set_up_stop_replies, test_simulated_stop_reply);
  ADD ("/inbox-sync/periodic", fixture_set_up, test_periodic);
  g_test_add_func ("/inbox-sync/failure", test_sync_failure);

#undef ADD

  return g_test_run ();
}
