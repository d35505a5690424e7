/* test-token-leak.c: the provider's auth token never reaches the database
 * file, the logs or the exports (promise 5)
 *
 * Runs inside tests/keyring-session.sh (a private D-Bus session with its own
 * gnome-keyring-daemon). A distinctive fake token is stored through
 * tb-credentials, read back from the keyring, and used for a real send and
 * a sync against the fake Twilio server on loopback, with every log message
 * (G_MESSAGES_DEBUG=all) captured. Then the database file and its -wal,
 * the captured logs, the contacts/messages CSVs and the audit CSV are
 * searched for the token, its base64 Basic-auth form and its hex half.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tb-credentials.h"
#include "tb-fake-twilio.h"
#include "tb-session.h"
#include "tb-store-export.h"
#include "tb-twilio-provider.h"

#define TOKEN "T0kEnLeAkCaNaRy5f3a9c1e7b2d4f60"
#define OUR_NUMBER "+15125550000"
#define CONTACT_PHONE "+15125550142"

static GString *captured_logs;
static GMutex log_lock;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append_printf (captured_logs, "%s=%s ", fields[i].key, (const char *) fields[i].value);
      else
        {
          g_string_append_printf (captured_logs, "%s=", fields[i].key);
          g_string_append_len (captured_logs, fields[i].value, fields[i].length);
          g_string_append_c (captured_logs, ' ');
        }
    }
  g_string_append_c (captured_logs, '\n');
  g_mutex_unlock (&log_lock);

  /* Warnings and worse are still shown (and fatal); debug output would
   * only clutter the TAP stream. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return *slot;
}

/* The forms of the secret a leak could take. */
static GPtrArray *
secret_forms (void)
{
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *basic = g_strconcat (TB_FAKE_TWILIO_ACCOUNT_SID, ":", TOKEN, NULL);

  g_ptr_array_add (forms, g_strdup (TOKEN));
  g_ptr_array_add (forms, g_base64_encode ((const guchar *) basic, strlen (basic)));
  /* A cut-off or split token: its second half alone. */
  g_ptr_array_add (forms, g_strdup (TOKEN + strlen (TOKEN) / 2));
  return forms;
}

static gboolean
contains_secret (const char *what,
                 const char *data,
                 gsize       length)
{
  g_autoptr(GPtrArray) forms = secret_forms ();

  for (guint i = 0; i < forms->len; i++)
    {
      const char *form = forms->pdata[i];

      if (memmem (data, length, form, strlen (form)) != NULL)
        {
          g_test_message ("%s contains the secret form %s", what, form);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
file_contains_secret (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_test_message ("searched %s (%" G_GSIZE_FORMAT " bytes)", path, length);
  return contains_secret (path, contents, length);
}

static gboolean
message_accepted (TbStore *store,
                  gint64   message_id)
{
  g_autoptr(TbMessage) message = tb_store_message_get (store, message_id, NULL);

  return message != NULL && tb_message_get_provider_id (message) != NULL;
}

/* The search itself can fail: a file holding the token is found. */
static void
test_search_finds_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("textbank-token-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "planted", NULL);
  g_autofree char *basic = g_strconcat (TB_FAKE_TWILIO_ACCOUNT_SID, ":", TOKEN, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) basic, strlen (basic));
  g_autofree char *planted = g_strdup_printf ("x Authorization: Basic %s y", encoded);

  g_assert_true (g_file_set_contents (path, planted, -1, &error));
  g_assert_true (file_contains_secret (path));
  g_assert_true (contains_secret ("token", "...." TOKEN "....", strlen (TOKEN) + 8));
  g_assert_false (contains_secret ("other", "nothing here", 12));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_token_never_leaks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbFakeTwilio) fake = NULL;
  g_autoptr(TbCredentials) stored = NULL;
  g_autoptr(TbCredentials) looked_up = NULL;
  g_autoptr(GAsyncResult) store_result = NULL;
  g_autoptr(GAsyncResult) lookup_result = NULL;
  g_autoptr(GAsyncResult) poll_result = NULL;
  g_autoptr(GAsyncResult) clear_result = NULL;
  g_autoptr(TbTwilioProvider) twilio = NULL;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GBytes) audit_csv = NULL;
  g_autoptr(GFile) contacts_file = NULL;
  g_autoptr(GFile) messages_file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *contacts_path = NULL;
  g_autofree char *messages_path = NULL;
  g_autofree char *audit_path = NULL;
  g_autofree char *basic = g_strconcat (TB_FAKE_TWILIO_ACCOUNT_SID, ":", TOKEN, NULL);
  g_autofree char *expected_auth = NULL;
  g_autofree char *encoded = NULL;
  gint64 campaign_id, contact_id, message_id;
  gboolean token_used = FALSE;
  gboolean leaked = FALSE;
  TbExportCounts counts;

  if (g_strcmp0 (g_getenv ("TB_TEST_KEYRING"), "1") != 0)
    {
      g_test_skip ("needs tests/keyring-session.sh (TB_TEST_KEYRING=1)");
      return;
    }

  /* The token goes into the keyring and is read back from it. */
  stored = tb_credentials_new_auth_token (TB_FAKE_TWILIO_ACCOUNT_SID, TOKEN);
  tb_credentials_store_async (stored, NULL, done_cb, &store_result);
  g_assert_true (tb_credentials_store_finish (wait_result (&store_result), &error));
  g_assert_no_error (error);
  tb_credentials_lookup_async (NULL, done_cb, &lookup_result);
  looked_up = tb_credentials_lookup_finish (wait_result (&lookup_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_credentials_get_password (looked_up), ==, TOKEN);

  fake = tb_fake_twilio_new ();
  tb_fake_twilio_set_auth (fake, TB_FAKE_TWILIO_ACCOUNT_SID, TOKEN);
  twilio = tb_twilio_provider_new (looked_up, tb_fake_twilio_get_base_url (fake));

  dir = g_dir_make_tmp ("textbank-token-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "textbank.db", NULL);
  wal_path = g_strconcat (db_path, "-wal", NULL);
  store = tb_store_open (db_path, &error);
  g_assert_no_error (error);
  campaign_id = tb_store_campaign_create (store, "Leak check", NULL, OUR_NUMBER, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_campaign_update (store, campaign_id, NULL, NULL, NULL, 0, 1440, &error));
  contact_id = tb_store_contact_add (store, campaign_id, CONTACT_PHONE, "Lee", "Kaye", "78701",
                                     "America/Chicago", NULL, &error);
  g_assert_no_error (error);

  session = tb_session_new (store, TB_PROVIDER (twilio));
  tb_inbox_sync_set_interval (tb_session_get_inbox_sync (session), 0);
  tb_session_start (session);
  g_assert_true (tb_session_sign_in_by_name (session, "Leak Tester", &error));
  g_assert_true (tb_session_open_campaign (session, campaign_id, &error));

  /* A send… */
  message_id = tb_outbox_submit_first_text (tb_session_get_outbox (session), contact_id,
                                            "Hi Lee, can we count on your vote?", "leak-press-1",
                                            &error);
  g_assert_no_error (error);
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (!message_accepted (store, message_id))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
  }
  g_assert_cmpuint (tb_fake_twilio_count_sent_to (fake, CONTACT_PHONE), ==, 1);

  /* … and a sync that brings a reply and the delivery status. */
  g_free (tb_fake_twilio_add_inbound (fake, CONTACT_PHONE, OUR_NUMBER, "Yes, count me in", 0));
  tb_inbox_sync_poll_async (tb_session_get_inbox_sync (session), NULL, done_cb, &poll_result);
  g_assert_true (tb_inbox_sync_poll_finish (tb_session_get_inbox_sync (session),
                                            wait_result (&poll_result), NULL, &error));
  g_assert_no_error (error);

  /* The token was really used: the fake saw it in Basic auth. */
  encoded = g_base64_encode ((const guchar *) basic, strlen (basic));
  expected_auth = g_strconcat ("Basic ", encoded, NULL);
  requests = tb_fake_twilio_get_requests (fake);
  for (guint i = 0; i < requests->len; i++)
    {
      TbFakeTwilioRequest *request = requests->pdata[i];

      if (g_strcmp0 (request->authorization, expected_auth) == 0)
        token_used = TRUE;
    }
  g_assert_true (token_used);

  /* The exports: contacts, messages, and the audit log. */
  contacts_path = g_build_filename (dir, "contacts.csv", NULL);
  messages_path = g_build_filename (dir, "messages.csv", NULL);
  audit_path = g_build_filename (dir, "audit.csv", NULL);
  contacts_file = g_file_new_for_path (contacts_path);
  messages_file = g_file_new_for_path (messages_path);
  g_assert_true (tb_store_export_sync (store, campaign_id, contacts_file, messages_file, &counts,
                                       NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.messages, >=, 2);
  audit_csv = tb_access_audit_csv (tb_session_get_access (session), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (audit_path, g_bytes_get_data (audit_csv, NULL),
                                      (gssize) g_bytes_get_size (audit_csv), &error));

  /* Search while the database is still open, so the -wal is there too. */
  g_assert_true (g_file_test (db_path, G_FILE_TEST_EXISTS));
  leaked |= file_contains_secret (db_path);
  leaked |= file_contains_secret (wal_path);
  leaked |= file_contains_secret (contacts_path);
  leaked |= file_contains_secret (messages_path);
  leaked |= file_contains_secret (audit_path);
  g_mutex_lock (&log_lock);
  g_test_message ("searched %" G_GSIZE_FORMAT " bytes of captured logs", captured_logs->len);
  g_assert_cmpuint (captured_logs->len, >, 0);
  leaked |= contains_secret ("the logs", captured_logs->str, captured_logs->len);
  g_mutex_unlock (&log_lock);
  g_assert_false (leaked);

  /* Once more after closing (a checkpoint moves the WAL into the file). */
  g_clear_object (&session);
  g_clear_object (&store);
  g_assert_false (file_contains_secret (db_path));
  g_assert_false (file_contains_secret (wal_path));

  tb_credentials_clear_async (NULL, done_cb, &clear_result);
  g_assert_true (tb_credentials_clear_finish (wait_result (&clear_result), NULL));

  g_unlink (contacts_path);
  g_unlink (messages_path);
  g_unlink (audit_path);
  g_unlink (wal_path);
  {
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (shm);
  }
  g_unlink (db_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Every debug message too, as a support log would have them. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_logs = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-leak/search-finds-token", test_search_finds_token);
  g_test_add_func ("/token-leak/never-in-db-logs-exports", test_token_never_leaks);

  return g_test_run ();
}
