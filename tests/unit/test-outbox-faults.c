/* test-outbox-faults.c: the outbox against a fake Twilio on loopback
 *
 * Each provider fault ends with no crash, a clear error, and nothing lost:
 * every press ends accepted or failed (with its reason), and the fake holds
 * each message at most once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-provider-fixtures.h"
#include "tb-outbox-fixture.h"

#include <string.h>

#define SENDER "+12025550199"
#define N_CONTACTS 3

typedef struct {
  TbTestOutbox      base;
  TbFakeTwilio     *fake;
  TbTwilioProvider *twilio;
  guint             credentials_rejected;
} Fixture;

static void
on_credentials_rejected (TbOutbox     *outbox,
                         const GError *error,
                         Fixture      *fixture)
{
  fixture->credentials_rejected++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* Near the real time: the fake dates its messages by the real clock. */
  tb_test_outbox_init (&fixture->base, g_get_real_time (), SENDER, 0, 24 * 60, N_CONTACTS);
  fixture->fake = tb_fake_twilio_new ();
  fixture->twilio = tb_test_twilio_for_fake (fixture->fake);
  tb_test_outbox_start_session (&fixture->base, TB_PROVIDER (fixture->twilio));
  tb_outbox_set_retry_window (fixture->base.outbox, 120);
  g_signal_connect (fixture->base.outbox, "credentials-rejected",
                    G_CALLBACK (on_credentials_rejected), fixture);
  tb_test_outbox_sign_in (&fixture->base, "Ada");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tb_test_outbox_clear (&fixture->base);
  g_clear_object (&fixture->twilio);
  g_clear_pointer (&fixture->fake, tb_fake_twilio_free);
}

/* What the fake holds for contacts[contact]. */
static guint
sent_to (Fixture *fixture,
         guint    contact)
{
  return tb_fake_twilio_count_sent_to (fixture->fake, tb_test_outbox_contact_phone (&fixture->base, contact));
}

static gint64
submit (Fixture    *fixture,
        guint       contact,
        const char *press_id)
{
  return tb_test_outbox_submit (&fixture->base, contact, "Hello from the outbox", press_id);
}

static void
test_ok (Fixture       *fixture,
         gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  TbFakeTwilioRequest *request;
  gint64 id = submit (fixture, 0, "ok");

  tb_test_outbox_run_until_idle (&fixture->base);
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpstr (tb_message_get_provider (message), ==, "twilio");
  g_assert_cmpuint (sent_to (fixture, 0), ==, 1);

  /* ValidityPeriod: the window never closes here, so the 4 hour cap. */
  requests = tb_fake_twilio_get_requests (fixture->fake);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpint (request->kind, ==, TB_FAKE_TWILIO_REQUEST_SEND);
  g_assert_cmpstr (g_hash_table_lookup (request->form, "ValidityPeriod"), ==, "14400");
  g_assert_cmpstr (g_hash_table_lookup (request->form, "From"), ==, SENDER);
}

static void
test_validity_is_window_left (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  TbFakeTwilioRequest *request;

  /* 20:00 in New York with a 9-21 window: one hour left. */
  local = g_date_time_new (zone, 2026, 11, 27, 20, 0, 0);
  fixture->base.now = g_date_time_to_unix (local) * G_USEC_PER_SEC;
  tb_store_campaign_update (fixture->base.store, fixture->base.campaign_id, NULL, NULL, NULL,
                            9 * 60, 21 * 60, &error);
  g_assert_no_error (error);
  submit (fixture, 0, "validity");
  tb_test_outbox_run_until_idle (&fixture->base);

  requests = tb_fake_twilio_get_requests (fixture->fake);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (g_hash_table_lookup (request->form, "ValidityPeriod"), ==, "3600");
}

static void
test_opted_out_21610 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  tb_fake_twilio_set_error (fixture->fake, 400, 21610,
                            "Attempt to send to unsubscribed recipient", 0);
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_ERROR, 1);
  id = submit (fixture, 1, "stop-carrier");
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "21610");
  g_assert_true (tb_store_is_opted_out (fixture->base.store,
                                        tb_test_outbox_contact_phone (&fixture->base, 1), NULL));
  contact = tb_store_contact_get (fixture->base.store, fixture->base.contacts[1], &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_contact_get_status (contact), ==, TB_CONTACT_STATUS_OPTED_OUT);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (fixture->base.failures, 0), TB_PROVIDER_ERROR, 21610);

  /* And the next press is refused before any request. */
  g_assert_cmpint (tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[1], "Again", "again",
                                     &error), ==, 0);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 0);
}

static void
test_credentials_20003 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  gint64 first, second;

  tb_fake_twilio_set_auth (fixture->fake, TB_FAKE_TWILIO_ACCOUNT_SID, "another-token");
  first = submit (fixture, 0, "auth-1");
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, first);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "20003");
  g_assert_nonnull (strstr (tb_message_get_error_text (message), "rejected the credentials"));
  g_assert_cmpuint (fixture->credentials_rejected, ==, 1);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);

  /* Sending waits for new settings; nothing is lost meanwhile. */
  second = submit (fixture, 1, "auth-2");
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, second), ==, TB_MESSAGE_STATE_QUEUED);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);

  tb_fake_twilio_set_auth (fixture->fake, TB_FAKE_TWILIO_ACCOUNT_SID, TB_FAKE_TWILIO_AUTH_TOKEN);
  g_clear_object (&fixture->twilio);
  fixture->twilio = tb_test_twilio_for_fake (fixture->fake);
  tb_session_set_provider (fixture->base.session, TB_PROVIDER (fixture->twilio));
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpint (test_message_state (fixture->base.store, second), ==, TB_MESSAGE_STATE_ACCEPTED);
}

static void
check_rate_limited (Fixture *fixture,
                    guint    retry_after)
{
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  tb_fake_twilio_set_error (fixture->fake, 429, 20429, "Too Many Requests", retry_after);
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_ERROR, 2);
  id = submit (fixture, 0, "busy");

  /* First answer 429: waiting for the back-off, still not sent. */
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);
  fixture->base.now += (MAX (1, retry_after) * G_TIME_SPAN_SECOND) - 1;
  tb_outbox_kick (fixture->base.outbox);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);

  /* Second try: 429 again; the back-off doubles (or the header's). */
  fixture->base.now += 1;
  tb_outbox_kick (fixture->base.outbox);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 2);
  tb_test_outbox_advance (&fixture->base, (MAX (2, retry_after) * G_TIME_SPAN_SECOND));

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 3);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
  g_assert_cmpuint (fixture->base.failures->len, ==, 0);
}

static void
test_rate_limited_retry_after (Fixture       *fixture,
                               gconstpointer  data)
{
  check_rate_limited (fixture, 5);
}

static void
test_rate_limited_no_header (Fixture       *fixture,
                             gconstpointer  data)
{
  check_rate_limited (fixture, 0);
}

static void
test_rate_limited_gives_up (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  /* Always 429: automatic retries stop after the retry window. */
  tb_outbox_set_retry_window (fixture->base.outbox, 10);
  tb_fake_twilio_set_error (fixture->fake, 429, 20429, "Too Many Requests", 3);
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_ERROR, 0);
  id = submit (fixture, 0, "always-busy");
  for (guint i = 0; i < 10 && !tb_outbox_is_idle (fixture->base.outbox); i++)
    {
      test_run_until_waiting (fixture->base.outbox);
      fixture->base.now += 3 * G_TIME_SPAN_SECOND;
      tb_outbox_kick (fixture->base.outbox);
    }
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "20429");
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), >=, 2);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), <=, 5);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 0);

  /* A person's Retry sends it once the provider is well again. */
  tb_fake_twilio_clear_faults (fixture->fake);
  g_assert_true (tb_outbox_retry (fixture->base.outbox, id, NULL));
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
}

static void
test_server_error_500 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  /* A 500 may come after Twilio took it: unknown, then reconciled. */
  tb_fake_twilio_set_error (fixture->fake, 500, 20500, "Internal Server Error", 0);
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_ERROR, 1);
  id = submit (fixture, 0, "500");
  test_wait_for_state (fixture->base.store, id, TB_MESSAGE_STATE_UNKNOWN);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_UNKNOWN);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_LIST), >=, 1);

  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "not_received");
  g_assert_nonnull (strstr (tb_message_get_error_text (message), "Retry"));
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
}

/* The next send gets a 503: the press waits in `sending` for its
 * automatic retry. */
static gint64
submit_into_503 (Fixture    *fixture,
                 guint       contact,
                 const char *press_id)
{
  gint64 id;

  tb_fake_twilio_set_error (fixture->fake, 503, 20503, "Service Unavailable", 0);
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_ERROR, 1);
  id = submit (fixture, contact, press_id);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);
  return id;
}

/* The retry falls due and is stopped with error_code: nothing is sent. */
static void
assert_retry_stopped (Fixture    *fixture,
                      gint64      id,
                      const char *error_code)
{
  g_autoptr(TbMessage) message = NULL;

  tb_test_outbox_advance (&fixture->base, 2 * G_TIME_SPAN_SECOND);
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, error_code);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 0);
}

static void
test_service_unavailable_503 (Fixture       *fixture,
                              gconstpointer  data)
{
  /* 503: refused before processing, so retried automatically. */
  gint64 id = submit_into_503 (fixture, 0, "503");

  tb_test_outbox_advance (&fixture->base, G_TIME_SPAN_SECOND);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
}

/* Promise 2 at send time: a message waiting for its retry (503) past the
 * end of the window fails instead of going out late. */
static void
test_retry_after_window_closes (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2026, 11, 27, 20, 59, 59);
  gint64 id;

  fixture->base.now = g_date_time_to_unix (local) * G_USEC_PER_SEC;
  tb_store_campaign_update (fixture->base.store, fixture->base.campaign_id, NULL, NULL, NULL,
                            9 * 60, 21 * 60, &error);
  g_assert_no_error (error);
  id = submit_into_503 (fixture, 0, "late-retry");
  assert_retry_stopped (fixture, id, "outside_hours");
}

/* Promise 1 at send time: an opt-out recorded while a message waits for
 * its retry stops it (the store only fails queued rows; this one is
 * `sending`). */
static void
test_retry_after_opt_out (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = submit_into_503 (fixture, 1, "opt-out-retry");

  g_assert_true (tb_store_opt_out_add (fixture->base.store, tb_test_outbox_contact_phone (&fixture->base, 1),
                                       TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error));
  g_assert_no_error (error);
  assert_retry_stopped (fixture, id, "opted_out");
}

static void
test_hung_server (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_HANG, 1);
  id = submit (fixture, 2, "hang");
  /* The provider's timeout is 1 s. */
  test_wait_for_state (fixture->base.store, id, TB_MESSAGE_STATE_UNKNOWN);
  /* While it is being reconciled it may have arrived: no Retry. */
  g_assert_false (tb_outbox_retry (fixture->base.outbox, id, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_RETRYABLE);
  g_clear_error (&error);
  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "not_received");
  g_assert_cmpuint (sent_to (fixture, 2), ==, 0);

  g_assert_true (tb_outbox_retry (fixture->base.outbox, id, NULL));
  /* Retry pressed again (auto-repeat): the row is queued, not failed. */
  g_assert_false (tb_outbox_retry (fixture->base.outbox, id, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_RETRYABLE);
  g_clear_error (&error);
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (sent_to (fixture, 2), ==, 1);
}

static void
check_stored_but_no_answer (Fixture           *fixture,
                            TbFakeTwilioFault  fault)
{
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, fault, 1);
  id = submit (fixture, 0, "stored");
  tb_test_outbox_run_until_idle (&fixture->base);

  /* Reconciled by listing: the fake's id adopted, never sent twice. */
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_true (g_str_has_prefix (tb_message_get_provider_id (message), "SM"));
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
  g_assert_cmpuint (sent_to (fixture, 0), ==, 1);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_LIST), >=, 1);
  g_assert_cmpuint (fixture->base.failures->len, ==, 0);
}

static void
test_reset_after_read (Fixture       *fixture,
                       gconstpointer  data)
{
  check_stored_but_no_answer (fixture, TB_FAKE_TWILIO_FAULT_RESET_AFTER_READ);
}

static void
test_malformed_json (Fixture       *fixture,
                     gconstpointer  data)
{
  check_stored_but_no_answer (fixture, TB_FAKE_TWILIO_FAULT_MALFORMED_JSON);
}

static void
test_reset_before_store (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 id;

  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND,
                            TB_FAKE_TWILIO_FAULT_RESET_BEFORE_STORE, 1);
  id = submit (fixture, 0, "reset-early");
  test_wait_for_state (fixture->base.store, id, TB_MESSAGE_STATE_UNKNOWN);
  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 0);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(TbTwilioProvider) nowhere = NULL;
  g_autofree char *base = NULL;
  gint64 id;

  /* A port that was free a moment ago: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  base = g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  nowhere = tb_test_twilio_new (TB_FAKE_TWILIO_ACCOUNT_SID, TB_FAKE_TWILIO_AUTH_TOKEN, base, 1);
  tb_session_set_provider (fixture->base.session, TB_PROVIDER (nowhere));
  id = submit (fixture, 0, "refused");
  test_run_until_waiting (fixture->base.outbox);
  /* Certainly not sent: retried automatically, no reconciliation needed. */
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);

  tb_session_set_provider (fixture->base.session, TB_PROVIDER (fixture->twilio));
  tb_test_outbox_advance (&fixture->base, 2 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
}

static gint64
crashed_row (Fixture    *fixture,
             guint       contact,
             const char *press_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = tb_store_message_queue_outbound (fixture->base.store, fixture->base.contacts[contact],
                                        "Hello from the outbox",
                                        tb_session_get_texter_id (fixture->base.session),
                                        fixture->base.now, press_id, &error);
  g_assert_no_error (error);
  tb_store_message_set_provider (fixture->base.store, id, "twilio", SENDER, 0, &error);
  g_assert_no_error (error);
  tb_store_message_set_state (fixture->base.store, id, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  TbProviderMessage **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = tb_provider_send_finish (TB_PROVIDER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_startup_reconcile (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TbOutgoingMessage) outgoing = NULL;
  g_autoptr(TbProviderMessage) sent = NULL;
  g_autoptr(TbMessage) message = NULL;
  gint64 reached, lost;

  /* Two rows a crash left `sending`: the first reached Twilio (the request
   * went out just before the crash), the second did not. */
  reached = crashed_row (fixture, 0, "crash-reached");
  lost = crashed_row (fixture, 1, "crash-lost");
  outgoing = tb_outgoing_message_new (tb_test_outbox_contact_phone (&fixture->base, 0), SENDER,
                                      "Hello from the outbox", 0);
  tb_provider_send_async (TB_PROVIDER (fixture->twilio), outgoing, NULL, sent_cb, &sent);
  while (sent == NULL)
    g_main_context_iteration (NULL, TRUE);

  tb_session_start (fixture->base.session);
  g_assert_cmpint (test_message_state (fixture->base.store, reached), ==, TB_MESSAGE_STATE_UNKNOWN);
  g_assert_cmpint (test_message_state (fixture->base.store, lost), ==, TB_MESSAGE_STATE_UNKNOWN);
  test_wait_for_state (fixture->base.store, reached, TB_MESSAGE_STATE_ACCEPTED);
  message = tb_test_outbox_get_message (&fixture->base, reached);
  g_assert_cmpstr (tb_message_get_provider_id (message), ==, sent->sid);

  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (test_message_state (fixture->base.store, lost), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);
}

static void
test_reconcile_list_fails (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 id;

  /* The answer is lost and the listing fails too: it stays unknown (we
   * cannot tell), and is settled once the provider answers again. */
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND,
                            TB_FAKE_TWILIO_FAULT_RESET_AFTER_READ, 1);
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_LIST, TB_FAKE_TWILIO_FAULT_HTML, 2);
  id = submit (fixture, 0, "list-fails");
  test_wait_for_state (fixture->base.store, id, TB_MESSAGE_STATE_UNKNOWN);
  test_run_until_waiting (fixture->base.outbox);
  fixture->base.now += 61 * G_TIME_SPAN_SECOND;
  tb_outbox_kick (fixture->base.outbox);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_UNKNOWN);
  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/outbox/faults/ok", test_ok);
  ADD ("/outbox/faults/validity-is-window-left", test_validity_is_window_left);
  ADD ("/outbox/faults/400-21610-opted-out", test_opted_out_21610);
  ADD ("/outbox/faults/401-20003-credentials", test_credentials_20003);
  ADD ("/outbox/faults/429-retry-after", test_rate_limited_retry_after);
  ADD ("/outbox/faults/429-no-header", test_rate_limited_no_header);
  ADD ("/outbox/faults/429-gives-up", test_rate_limited_gives_up);
  ADD ("/outbox/faults/500", test_server_error_500);
  ADD ("/outbox/faults/503", test_service_unavailable_503);
  ADD ("/outbox/faults/503-then-window-closes", test_retry_after_window_closes);
  ADD ("/outbox/faults/503-then-opt-out", test_retry_after_opt_out);
  ADD ("/outbox/faults/hung-server", test_hung_server);
  ADD ("/outbox/faults/reset-after-read", test_reset_after_read);
  ADD ("/outbox/faults/reset-before-store", test_reset_before_store);
  ADD ("/outbox/faults/malformed-json", test_malformed_json);
  ADD ("/outbox/faults/connection-refused", test_connection_refused);
  ADD ("/outbox/faults/startup-reconcile", test_startup_reconcile);
  ADD ("/outbox/faults/reconcile-list-fails", test_reconcile_list_fails);

#undef ADD

  return g_test_run ();
}
