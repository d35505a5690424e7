/* test-webhook.c: the webhook receiver over real HTTP on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "tb-io-count.h"
#include "tb-session-test-util.h"
#include "tb-simulator-provider.h"
#include "tb-webhook.h"

#define TOKEN "webhook-test-token"
#define SENDER "+15005550006"

typedef struct {
  char        *dir;
  TbStore     *store;
  TbProvider  *simulator;
  TbInboxSync *sync;
  TbWebhook   *webhook;
  SoupSession *client;
  gint64       contacts[2];
  guint        received;
  guint        status_changed;
  guint        rejected;
} Fixture;

static void
on_received (TbWebhook *webhook,
             gint64     message_id,
             Fixture   *fixture)
{
  fixture->received++;
}

static void
on_status_changed (TbWebhook *webhook,
                   gint64     message_id,
                   Fixture   *fixture)
{
  fixture->status_changed++;
}

static void
on_rejected (TbWebhook  *webhook,
             const char *reason,
             Fixture    *fixture)
{
  g_assert_null (strstr (reason, TOKEN));
  g_assert_null (strstr (reason, "HookPass"));
  g_assert_null (strstr (reason, "hookuser"));
  fixture->rejected++;
}

static void
make_webhook (Fixture    *fixture,
              const char *public_base_url)
{
  g_autoptr(GError) error = NULL;

  fixture->webhook = tb_webhook_new (fixture->sync, fixture->store, TOKEN, public_base_url);
  g_signal_connect (fixture->webhook, "message-received", G_CALLBACK (on_received), fixture);
  g_signal_connect (fixture->webhook, "status-changed", G_CALLBACK (on_status_changed), fixture);
  g_signal_connect (fixture->webhook, "rejected", G_CALLBACK (on_rejected), fixture);
  g_assert_true (tb_webhook_listen (fixture->webhook, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_webhook_get_port (fixture->webhook), >, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = test_store_new (&fixture->dir);
  test_campaign_new (fixture->store, SENDER, 0, 24 * 60, 2, fixture->contacts);
  fixture->simulator = TB_PROVIDER (tb_simulator_provider_new (3));
  fixture->sync = tb_inbox_sync_new (fixture->store, fixture->simulator);
  fixture->client = soup_session_new ();
  make_webhook (fixture, data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->webhook);
  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->simulator);
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/* POSTs the form (NULL-terminated name, value pairs) to path, signed over
 * signed_url (NULL: the real URL; "": no signature). Returns the status. */
static guint
post (Fixture    *fixture,
      const char *method,
      const char *path,
      const char *signed_url,
      ...)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", tb_webhook_get_port (fixture->webhook), path);
  g_autofree char *signature = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *encoded = NULL;
  va_list args;

  va_start (args, signed_url);
  for (const char *name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (form, (gpointer) name, va_arg (args, char *));
  va_end (args);

  encoded = soup_form_encode_hash (form);
  body = g_bytes_new (encoded, strlen (encoded));
  msg = soup_message_new (method, url);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  if (signed_url == NULL || *signed_url != '\0')
    {
      signature = tb_webhook_compute_signature (TOKEN, signed_url != NULL ? signed_url : url, form);
      soup_message_headers_append (soup_message_get_request_headers (msg), "X-Twilio-Signature", signature);
    }

  soup_session_send_and_read_async (fixture->client, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  return soup_message_get_status (msg);
}

static guint
count_thread (Fixture *fixture,
              guint    i)
{
  g_autoptr(GPtrArray) thread = tb_store_message_list_for_contact (fixture->store, fixture->contacts[i], NULL);

  return thread->len;
}

static void
test_signature_vector (void)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *signature = NULL;

  /* The example of Twilio's request-validation documentation. */
  g_hash_table_insert (params, "CallSid", "CA1234567890ABCDE");
  g_hash_table_insert (params, "Caller", "+14158675309");
  g_hash_table_insert (params, "Digits", "1234");
  g_hash_table_insert (params, "From", "+14158675309");
  g_hash_table_insert (params, "To", "+18005551212");
  signature = tb_webhook_compute_signature ("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params);
  g_assert_cmpstr (signature, ==, "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
}

static void
test_incoming_message (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) contact = NULL;

  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMweb1", "From", "+12025550100",
                          "To", SENDER, "Body", "Yes, I'll be there", NULL), ==, 200);
  g_assert_cmpuint (fixture->received, ==, 1);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 1);
  contact = tb_store_contact_get (fixture->store, fixture->contacts[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_contact_get_status (contact), ==, TB_CONTACT_STATUS_NEEDS_REPLY);

  /* Twilio retries, or polling lists it too: still one row. */
  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMweb1", "From", "+12025550100",
                          "To", SENDER, "Body", "Yes, I'll be there", NULL), ==, 200);
  g_assert_cmpuint (fixture->received, ==, 1);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 1);
}

/* Twilio does not send a message again once answered 200: the message is
 * on disk (the WAL synced, in a worker) before the answer, not only
 * committed. */
static void
test_incoming_synced (Fixture       *fixture,
                      gconstpointer  data)
{
  guint64 syncs = tb_io_count_get ()->syncs[TB_IO_WAL];
  guint64 main_thread_syncs = tb_io_count_get ()->main_thread_syncs[TB_IO_WAL];

  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMsync1", "From", "+12025550100",
                          "To", SENDER, "Body", "Count me in", NULL), ==, 200);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 1);
  g_assert_cmpuint (tb_io_count_get ()->syncs[TB_IO_WAL], >, syncs);
  /* The fsync ran in a worker: the main loop went on meanwhile. */
  g_assert_cmpuint (tb_io_count_get ()->main_thread_syncs[TB_IO_WAL], ==, main_thread_syncs);
}

/* A message the store cannot take is answered with an error, not 200:
 * Twilio's debugger shows it and polling lists the message again. */
static void
test_store_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *db = NULL;

  /* Another program makes every inbound insert fail. */
  g_assert_cmpint (sqlite3_open (tb_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse_inbound BEFORE INSERT ON message "
                                     "WHEN NEW.direction = 0 BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_test_expect_message ("tb-webhook", G_LOG_LEVEL_WARNING, "*Cannot store the message SMfail1*refused*");
  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMfail1", "From", "+12025550100",
                          "To", SENDER, "Body", "Hello?", NULL), ==, 500);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (fixture->received, ==, 0);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 0);

  /* Once it can, the same message (Twilio's retry, or polling) is stored. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse_inbound;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMfail1", "From", "+12025550100",
                          "To", SENDER, "Body", "Hello?", NULL), ==, 200);
  g_assert_cmpuint (fixture->received, ==, 1);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 1);
}

/* The disk will not sync: the message is in the database (the window
 * shows it) but not surely on disk, so Twilio is answered with an error;
 * its retry, or polling, finds it stored and gets 200 once it is synced. */
static void
test_sync_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  tb_io_count_fail_syncs (TRUE);
  g_test_expect_message ("tb-webhook", G_LOG_LEVEL_WARNING, "*Cannot write the message SMdisk1*disk*");
  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMdisk1", "From", "+12025550100",
                          "To", SENDER, "Body", "Still there?", NULL), ==, 500);
  g_test_assert_expected_messages ();
  tb_io_count_fail_syncs (FALSE);
  g_assert_cmpuint (fixture->received, ==, 1);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 1);

  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMdisk1", "From", "+12025550100",
                          "To", SENDER, "Body", "Still there?", NULL), ==, 200);
  g_assert_cmpuint (fixture->received, ==, 1);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 1);
}

static void
test_stop_keyword (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMweb2", "From", "+12025550101",
                          "To", SENDER, "Body", "STOP", NULL), ==, 200);
  g_assert_true (tb_store_is_opted_out (fixture->store, "+12025550101", NULL));
}

static void
test_bad_signatures (Fixture       *fixture,
                     gconstpointer  data)
{
  /* Signed for another URL, not signed at all, a GET, an unknown path. */
  g_assert_cmpuint (post (fixture, "POST", "/sms", "http://elsewhere.example/sms", "MessageSid", "SMbad1",
                          "From", "+12025550100", "To", SENDER, "Body", "STOP", NULL), ==, 403);
  g_assert_cmpuint (post (fixture, "POST", "/sms", "", "MessageSid", "SMbad2",
                          "From", "+12025550100", "To", SENDER, "Body", "STOP", NULL), ==, 403);
  g_assert_cmpuint (fixture->rejected, ==, 2);
  g_assert_cmpuint (post (fixture, "GET", "/sms", NULL, NULL), ==, 405);
  g_assert_cmpuint (post (fixture, "POST", "/other", NULL, "MessageSid", "SMbad3", NULL), ==, 404);

  g_assert_cmpuint (fixture->received, ==, 0);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 0);
  g_assert_false (tb_store_is_opted_out (fixture->store, "+12025550100", NULL));
}

static void
test_status_callback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTexter) texter = NULL;
  gint64 texter_id, id;

  texter_id = tb_store_texter_add (fixture->store, "Ada", NULL, FALSE, &error);
  g_assert_no_error (error);
  id = tb_store_message_queue_outbound (fixture->store, fixture->contacts[1], "Hi", texter_id,
                                        g_get_real_time (), "press", &error);
  g_assert_no_error (error);
  tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_ACCEPTED, "SMout1", NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (post (fixture, "POST", "/status", NULL, "MessageSid", "SMout1",
                          "MessageStatus", "sent", NULL), ==, 200);
  g_assert_cmpint (test_message_state (fixture->store, id), ==, TB_MESSAGE_STATE_SENT);
  g_assert_cmpuint (post (fixture, "POST", "/status", NULL, "MessageSid", "SMout1",
                          "MessageStatus", "undelivered", "ErrorCode", "30006", NULL), ==, 200);
  g_assert_cmpint (test_message_state (fixture->store, id), ==, TB_MESSAGE_STATE_UNDELIVERED);
  /* Late and out of order: a final state does not move back. */
  g_assert_cmpuint (post (fixture, "POST", "/status", NULL, "MessageSid", "SMout1",
                          "MessageStatus", "sent", NULL), ==, 200);
  g_assert_cmpint (test_message_state (fixture->store, id), ==, TB_MESSAGE_STATE_UNDELIVERED);
  g_assert_cmpuint (fixture->status_changed, ==, 2);
  /* An id we never sent: accepted quietly, nothing changes. */
  g_assert_cmpuint (post (fixture, "POST", "/status", NULL, "MessageSid", "SMnever",
                          "MessageStatus", "delivered", NULL), ==, 200);
}

static void
test_public_url (Fixture       *fixture,
                 gconstpointer  data)
{
  /* Behind a proxy Twilio signs the public URL, not the local one. */
  g_assert_cmpuint (post (fixture, "POST", "/sms", "https://office.example.org/textbank/sms",
                          "MessageSid", "SMpub1", "From", "+12025550100", "To", SENDER,
                          "Body", "Hello", NULL), ==, 200);
  g_assert_cmpuint (post (fixture, "POST", "/sms", NULL, "MessageSid", "SMpub2", "From", "+12025550100",
                          "To", SENDER, "Body", "Hello", NULL), ==, 403);
  g_assert_cmpuint (count_thread (fixture, 0), ==, 1);
}

/* Twilio allows user:password@ in a webhook URL (HTTP basic auth at the
 * proxy): a rejection's reason names the URL without them. */
static void
test_public_url_password (Fixture       *fixture,
                          gconstpointer  data)
{
  g_assert_cmpuint (post (fixture, "POST", "/sms", "", "MessageSid", "SMpw1", "From", "+12025550100",
                          "To", SENDER, "Body", "Hello", NULL), ==, 403);
  g_assert_cmpuint (fixture->rejected, ==, 1);
  g_assert_cmpuint (post (fixture, "POST", "/sms", "https://hookuser:HookPass@office.example.org/textbank/sms",
                          "MessageSid", "SMpw2", "From", "+12025550100", "To", SENDER,
                          "Body", "Hello", NULL), ==, 200);
}

static void
test_session_webhook (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TbStore) store = test_store_new (&dir);
  g_autoptr(TbSession) session = tb_session_new (store, NULL);
  guint port;

  g_assert_null (tb_session_get_webhook (session));
  g_assert_true (tb_session_start_webhook (session, TOKEN, 0, TRUE, NULL, &error));
  g_assert_no_error (error);
  port = tb_webhook_get_port (tb_session_get_webhook (session));
  g_assert_cmpuint (port, >, 0);

  /* The port is taken now: a second receiver on it fails with the reason. */
  {
    g_autoptr(TbWebhook) other = tb_webhook_new (tb_session_get_inbox_sync (session), store, TOKEN, NULL);

    g_assert_false (tb_webhook_listen (other, port, TRUE, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "Cannot listen"));
    g_clear_error (&error);
  }

  tb_session_stop_webhook (session);
  g_assert_null (tb_session_get_webhook (session));
  g_clear_object (&session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tb_io_count_install ();

  g_test_add_func ("/webhook/signature-vector", test_signature_vector);
  g_test_add_func ("/webhook/session", test_session_webhook);
  g_test_add ("/webhook/incoming-message", Fixture, NULL, fixture_set_up, test_incoming_message,
              fixture_tear_down);
  g_test_add ("/webhook/incoming-synced", Fixture, NULL, fixture_set_up, test_incoming_synced,
              fixture_tear_down);
  g_test_add ("/webhook/store-failure", Fixture, NULL, fixture_set_up, test_store_failure,
              fixture_tear_down);
  g_test_add ("/webhook/sync-failure", Fixture, NULL, fixture_set_up, test_sync_failure,
              fixture_tear_down);
  g_test_add ("/webhook/stop-keyword", Fixture, NULL, fixture_set_up, test_stop_keyword,
              fixture_tear_down);
  g_test_add ("/webhook/bad-signatures", Fixture, NULL, fixture_set_up, test_bad_signatures,
              fixture_tear_down);
  g_test_add ("/webhook/status-callback", Fixture, NULL, fixture_set_up, test_status_callback,
              fixture_tear_down);
  g_test_add ("/webhook/public-url", Fixture, "https://office.example.org/textbank/", fixture_set_up,
              test_public_url, fixture_tear_down);
  g_test_add ("/webhook/public-url-password", Fixture, "https://hookuser:HookPass@office.example.org/textbank/",
              fixture_set_up, test_public_url_password, fixture_tear_down);

  return g_test_run ();
}
