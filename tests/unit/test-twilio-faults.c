/* test-twilio-faults.c: the Twilio provider against a fake Twilio on loopback
 *
 * Every fault ends with no crash, a clear error with its code, the right
 * classification, and the fake's record of what it received.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "tb-provider-fixtures.h"

#define OUR_NUMBER "+12025550100"
#define CONTACT "+12025550142"
/* The ValidityPeriod (seconds) every send here asks for. */
#define VALIDITY 3600

typedef struct {
  TbFakeTwilio     *fake;
  TbTwilioProvider *twilio;
  TbProvider       *provider;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->fake = tb_fake_twilio_new ();
  fixture->twilio = tb_test_twilio_for_fake (fixture->fake);
  fixture->provider = TB_PROVIDER (fixture->twilio);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->twilio);
  g_clear_pointer (&fixture->fake, tb_fake_twilio_free);
}

/* ------------------------------------------------------------------------ */

static const char *
form_field (const TbFakeTwilioRequest *request,
            const char                *name)
{
  return request->form != NULL ? g_hash_table_lookup (request->form, name) : NULL;
}

/* ------------------------------------------------------------------------ */
/* The happy paths                                                           */
/* ------------------------------------------------------------------------ */

static void
test_send_ok (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER,
                                                            "Hi Ana, it's Sam — will you vote?", VALIDITY,
                                                            &error);
  g_autoptr(GPtrArray) requests = NULL;
  TbFakeTwilioRequest *request;
  g_autofree char *expected_auth = NULL;
  g_autofree char *encoded = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message->sid, "SM"));
  g_assert_cmpint (message->status, ==, TB_PROVIDER_MESSAGE_STATUS_QUEUED);
  g_assert_cmpstr (message->status_string, ==, "queued");
  g_assert_cmpuint (message->num_segments, ==, 1);
  g_assert_cmpstr (message->to, ==, CONTACT);
  g_assert_cmpstr (message->from, ==, OUR_NUMBER);
  g_assert_cmpint (message->direction, ==, TB_PROVIDER_DIRECTION_OUTBOUND_API);
  g_assert_cmpint (message->date_created, >, 0);
  g_assert_cmpint (message->error_code, ==, 0);

  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);
  requests = tb_fake_twilio_get_requests (fixture->fake);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/2010-04-01/Accounts/" TB_FAKE_TWILIO_ACCOUNT_SID "/Messages.json");
  g_assert_cmpstr (form_field (request, "To"), ==, CONTACT);
  g_assert_cmpstr (form_field (request, "From"), ==, OUR_NUMBER);
  g_assert_null (form_field (request, "MessagingServiceSid"));
  g_assert_cmpstr (form_field (request, "Body"), ==, "Hi Ana, it's Sam — will you vote?");
  g_assert_cmpstr (form_field (request, "ValidityPeriod"), ==, G_STRINGIFY (VALIDITY));

  encoded = g_base64_encode ((const guchar *) TB_FAKE_TWILIO_ACCOUNT_SID ":" TB_FAKE_TWILIO_AUTH_TOKEN,
                             strlen (TB_FAKE_TWILIO_ACCOUNT_SID ":" TB_FAKE_TWILIO_AUTH_TOKEN));
  expected_auth = g_strconcat ("Basic ", encoded, NULL);
  g_assert_cmpstr (request->authorization, ==, expected_auth);

  g_assert_false (tb_provider_is_simulator (fixture->provider));
  g_assert_true (g_str_has_prefix (tb_provider_get_display_name (fixture->provider), "Twilio AC00"));
}

static void
test_send_messaging_service (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *service = "MG0123456789abcdef0123456789abcdef";
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = tb_test_send_sync (fixture->provider, CONTACT, service, "Hello", VALIDITY, &error);
  g_autoptr(GPtrArray) requests = tb_fake_twilio_get_requests (fixture->fake);
  TbFakeTwilioRequest *request = g_ptr_array_index (requests, 0);

  g_assert_no_error (error);
  g_assert_cmpint (message->status, ==, TB_PROVIDER_MESSAGE_STATUS_ACCEPTED);
  g_assert_cmpstr (message->messaging_service_sid, ==, service);
  g_assert_cmpstr (form_field (request, "MessagingServiceSid"), ==, service);
  g_assert_null (form_field (request, "From"));
}

static void
test_send_api_key (void)
{
  const char *key_sid = "SK0123456789abcdef0123456789abcdef";
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  g_autoptr(TbCredentials) credentials = tb_credentials_new_api_key (TB_FAKE_TWILIO_ACCOUNT_SID, key_sid,
                                                                     "key-secret");
  g_autoptr(TbTwilioProvider) twilio = tb_twilio_provider_new (credentials, tb_fake_twilio_get_base_url (fake));
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  tb_fake_twilio_set_auth (fake, key_sid, "key-secret");
  message = tb_test_send_sync (TB_PROVIDER (twilio), CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);

  /* The path names the account, the basic auth the key. */
  requests = tb_fake_twilio_get_requests (fake);
  g_assert_cmpstr (((TbFakeTwilioRequest *) g_ptr_array_index (requests, 0))->path, ==,
                   "/2010-04-01/Accounts/" TB_FAKE_TWILIO_ACCOUNT_SID "/Messages.json");
}

static void
test_fetch_status (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) sent = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  g_autoptr(TbProviderMessage) fetched = NULL;

  g_assert_no_error (error);
  g_assert_true (tb_fake_twilio_set_status (fixture->fake, sent->sid, "delivered", 0));
  fetched = tb_test_fetch_sync (fixture->provider, sent->sid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetched->sid, ==, sent->sid);
  g_assert_cmpint (fetched->status, ==, TB_PROVIDER_MESSAGE_STATUS_DELIVERED);
  g_assert_true (tb_provider_message_status_is_final (fetched->status));
  g_assert_cmpint (fetched->date_sent, >, 0);

  g_assert_true (tb_fake_twilio_set_status (fixture->fake, sent->sid, "undelivered", 30006));
  g_clear_pointer (&fetched, tb_provider_message_free);
  fetched = tb_test_fetch_sync (fixture->provider, sent->sid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetched->status, ==, TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED);
  g_assert_cmpint (fetched->error_code, ==, 30006);
}

static void
test_fetch_not_found (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) fetched = tb_test_fetch_sync (fixture->provider, "SM00000000000000000000000000000999", &error);

  g_assert_null (fetched);
  g_assert_error (error, TB_PROVIDER_ERROR, 20404);
  g_assert_nonnull (strstr (error->message, "20404"));
}

/* A chain of 3 pages: 5 inbound messages to our number, 2 per page, and
 * noise that the filters must keep out. */
static void
test_list_three_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 now = g_get_real_time ();
  g_autoptr(TbProviderMessage) sent = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("reply %d", i);
      g_autofree char *sid = tb_fake_twilio_add_inbound (fixture->fake, CONTACT, OUR_NUMBER, body,
                                                         now - (5 - i) * G_USEC_PER_SEC);
      g_assert_nonnull (sid);
    }
  g_free (tb_fake_twilio_add_inbound (fixture->fake, CONTACT, "+12025550199", "to another number", now));
  sent = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER, "outbound", VALIDITY, &error);
  g_assert_no_error (error);

  query->to = g_strdup (OUR_NUMBER);
  query->direction = TB_PROVIDER_DIRECTION_INBOUND;
  query->sent_since = now - (gint64) 3600 * G_USEC_PER_SEC;
  query->page_size = 2;
  messages = tb_test_list_sync (fixture->provider, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 5);
  for (guint i = 0; i < messages->len; i++)
    {
      TbProviderMessage *message = g_ptr_array_index (messages, i);
      g_autofree char *body = g_strdup_printf ("reply %u", 4 - i);

      /* newest first, as Twilio lists them */
      g_assert_cmpstr (message->body, ==, body);
      g_assert_cmpint (message->direction, ==, TB_PROVIDER_DIRECTION_INBOUND);
      g_assert_cmpint (message->status, ==, TB_PROVIDER_MESSAGE_STATUS_RECEIVED);
      g_assert_cmpstr (message->to, ==, OUR_NUMBER);
      g_assert_cmpstr (message->from, ==, CONTACT);
    }

  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_LIST), ==, 3);
  requests = tb_fake_twilio_get_requests (fixture->fake);
  {
    TbFakeTwilioRequest *first = g_ptr_array_index (requests, 1);
    TbFakeTwilioRequest *third = g_ptr_array_index (requests, 3);

    g_assert_nonnull (strstr (first->query, "To=%2B12025550100"));
    g_assert_nonnull (strstr (first->query, "DateSent%3E="));
    g_assert_nonnull (strstr (first->query, "PageSize=2"));
    g_assert_nonnull (strstr (third->query, "Page=2"));
  }

  /* max_messages stops early */
  query->max_messages = 3;
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = tb_test_list_sync (fixture->provider, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 3);
}

static void
test_list_since_and_from (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  gint64 now = g_get_real_time ();
  g_autoptr(TbProviderMessage) first = NULL;
  g_autoptr(TbProviderMessage) second = NULL;

  /* Two days ago: Twilio's day filter drops it. */
  g_free (tb_fake_twilio_add_inbound (fixture->fake, CONTACT, OUR_NUMBER, "old", now - (gint64) 2 * 86400 * G_USEC_PER_SEC));
  first = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER, "one", VALIDITY, &error);
  g_assert_no_error (error);
  second = tb_test_send_sync (fixture->provider, "+12025550143", OUR_NUMBER, "two", VALIDITY, &error);
  g_assert_no_error (error);

  /* The outbox's reconciliation: what went to this contact from us since the press. */
  query->to = g_strdup (CONTACT);
  query->from = g_strdup (OUR_NUMBER);
  query->direction = TB_PROVIDER_DIRECTION_OUTBOUND_API;
  query->sent_since = now - 60 * G_USEC_PER_SEC;
  messages = tb_test_list_sync (fixture->provider, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (((TbProviderMessage *) g_ptr_array_index (messages, 0))->sid, ==, first->sid);
  /* still queued (no date_sent): found because the date is checked here,
   * not by a DateSent filter, which would leave it out */
  g_assert_cmpint (((TbProviderMessage *) g_ptr_array_index (messages, 0))->date_sent, ==, 0);
  {
    g_autoptr(GPtrArray) requests = tb_fake_twilio_get_requests (fixture->fake);
    TbFakeTwilioRequest *last = g_ptr_array_index (requests, requests->len - 1);

    g_assert_cmpint (last->kind, ==, TB_FAKE_TWILIO_REQUEST_LIST);
    g_assert_null (strstr (last->query, "DateSent"));
    g_assert_nonnull (strstr (last->query, "From=%2B12025550100"));
  }

  /* An instant after the press: nothing. */
  query->sent_since = g_get_real_time () + 60 * G_USEC_PER_SEC;
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = tb_test_list_sync (fixture->provider, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 0);
}

static void
test_account_check (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (tb_test_check_credentials (fixture->twilio, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Fake Twilio account");
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 0);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_ACCOUNT), ==, 1);
}

static void
test_invalid_argument (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER, "", VALIDITY, &error);

  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  message = tb_test_send_sync (fixture->provider, CONTACT, NULL, "Hi", VALIDITY, &error);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, CONTACT));
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_ANY), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Twilio's JSON errors                                                      */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char          *name;
  guint                http_status;
  int                  twilio_code;
  guint                retry_after;
  int                  expected_code;
  TbProviderErrorKind  expected_kind;
  gboolean             retryable;
  const char          *message_part;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "opted-out-21610", 400, 21610, 0, 21610, TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT, FALSE, "opted out" },
  { "invalid-21211", 400, 21211, 0, 21211, TB_PROVIDER_ERROR_KIND_INVALID_NUMBER, FALSE, "21211" },
  { "not-mobile-21614", 400, 21614, 0, 21614, TB_PROVIDER_ERROR_KIND_INVALID_NUMBER, FALSE, "not a mobile" },
  { "unreachable-21612", 400, 21612, 0, 21612, TB_PROVIDER_ERROR_KIND_INVALID_NUMBER, FALSE, "21612" },
  { "too-long-21617", 400, 21617, 0, 21617, TB_PROVIDER_ERROR_KIND_BODY_TOO_LONG, FALSE, "too long" },
  { "auth-20003", 401, 20003, 0, 20003, TB_PROVIDER_ERROR_KIND_AUTH, FALSE, "credentials" },
  { "rate-limit-retry-after", 429, 20429, 7, 20429, TB_PROVIDER_ERROR_KIND_RATE_LIMITED, TRUE, "retry after 7 s" },
  { "rate-limit-no-retry-after", 429, 20429, 0, 20429, TB_PROVIDER_ERROR_KIND_RATE_LIMITED, TRUE, "20429" },
  { "server-500", 500, 20500, 0, 20500, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, FALSE, "may or may not" },
  { "unavailable-503", 503, 20503, 0, 20503, TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED, TRUE, "did not take" },
};

static void
test_twilio_error (gconstpointer data)
{
  const ErrorCase *test = data;
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  g_autoptr(TbTwilioProvider) twilio = tb_test_twilio_for_fake (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  tb_fake_twilio_set_error (fake, test->http_status, test->twilio_code, "Twilio says no", test->retry_after);
  tb_fake_twilio_add_fault (fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_ERROR, 1);

  message = tb_test_send_sync (TB_PROVIDER (twilio), CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, test->expected_code);
  g_test_message ("%s: %s", test->name, error->message);
  g_assert_cmpint (tb_provider_error_classify (error), ==, test->expected_kind);
  g_assert_cmpint (tb_provider_error_is_retryable (error), ==, test->retryable);
  g_assert_cmpuint (tb_provider_error_get_retry_after (error), ==, test->retry_after);
  g_assert_cmpuint (tb_provider_error_get_http_status (error), ==, test->http_status);
  g_assert_nonnull (strstr (error->message, test->message_part));
  g_assert_nonnull (strstr (error->message, "Twilio says no"));
  g_assert_null (strstr (error->message, TB_FAKE_TWILIO_AUTH_TOKEN));
  /* Nothing was stored, and exactly one request was made. */
  g_assert_cmpuint (tb_fake_twilio_count_messages (fake), ==, 0);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);

  /* The fault was for one request: the next one goes through. */
  g_clear_error (&error);
  message = tb_test_send_sync (TB_PROVIDER (twilio), CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fake), ==, 1);
}

static void
test_wrong_credentials (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  g_autoptr(TbCredentials) credentials = tb_credentials_new_auth_token (TB_FAKE_TWILIO_ACCOUNT_SID,
                                                                        "a-wrong-secret-token");
  g_autoptr(TbTwilioProvider) twilio = tb_twilio_provider_new (credentials, tb_fake_twilio_get_base_url (fake));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_false (tb_test_check_credentials (twilio, &name, &error));
  g_assert_error (error, TB_PROVIDER_ERROR, 20003);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_AUTH);
  g_assert_null (strstr (error->message, "a-wrong-secret-token"));
  g_assert_null (name);
}

/* ------------------------------------------------------------------------ */
/* Transport faults                                                          */
/* ------------------------------------------------------------------------ */

/* A fault the fake answers with, and what the provider makes of it. */
typedef enum {
  CALL_SEND,
  CALL_FETCH,
  CALL_LIST,
} Call;

#define ANY_KIND (-1)

typedef struct {
  const char              *name;
  Call                     call;
  TbFakeTwilioRequestKind  fault_on;
  TbFakeTwilioFault        fault;
  guint                    times;           /* 0: every request */
  int                      expected_code;   /* in TB_PROVIDER_ERROR */
  int                      expected_kind;   /* a TbProviderErrorKind, or ANY_KIND */
  const char              *message_parts[2];
  guint                    http_status;     /* 0: not checked */
  TbFakeTwilioRequestKind  counted;         /* the requests counted … */
  guint                    n_requests;      /* … and how many there must be (0: not checked) */
  int                      n_stored;        /* messages the fake holds after, or -1 */
  guint                    max_seconds;     /* 0: not checked */
} FaultCase;

static const FaultCase fault_cases[] = {
  /* timeout 1 s: well under the 4 s overall deadline */
  { "hung-server", CALL_SEND, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_HANG, 1,
    TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_SEND, 1, -1, 4 },
  /* The client cannot tell this from a reset after the read: it must
   * reconcile. */
  { "reset-before-store", CALL_SEND, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_RESET_BEFORE_STORE, 1,
    -1, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_SEND, 1, 0, 0 },
  /* Twilio answered 201: it took the message, so reconcile, never re-send. */
  { "malformed-json", CALL_SEND, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_MALFORMED_JSON, 1,
    TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, { "not valid JSON", NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, 1, 0 },
  /* 201 with nothing after it: the message was taken, so reconcile. */
  { "empty-body", CALL_SEND, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_EMPTY_BODY, 1,
    TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, { "no body", NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, 1, 0 },
  { "wrong-json-types/send", CALL_SEND, TB_FAKE_TWILIO_REQUEST_ANY, TB_FAKE_TWILIO_FAULT_WRONG_JSON_TYPES, 0,
    TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, { "wrong type", NULL }, 201,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, -1, 0 },
  { "wrong-json-types/list", CALL_LIST, TB_FAKE_TWILIO_REQUEST_ANY, TB_FAKE_TWILIO_FAULT_WRONG_JSON_TYPES, 0,
    TB_PROVIDER_ERROR_BAD_RESPONSE, ANY_KIND, { "messages", NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, -1, 0 },
  { "wrong-json-types/fetch", CALL_FETCH, TB_FAKE_TWILIO_REQUEST_ANY, TB_FAKE_TWILIO_FAULT_WRONG_JSON_TYPES, 0,
    TB_PROVIDER_ERROR_BAD_RESPONSE, ANY_KIND, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, -1, 0 },
  { "html", CALL_SEND, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_HTML, 1,
    TB_PROVIDER_ERROR_HTTP, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, { "502", "text/html" }, 502,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, -1, 0 },
  { "huge-body", CALL_FETCH, TB_FAKE_TWILIO_REQUEST_FETCH, TB_FAKE_TWILIO_FAULT_HUGE_BODY, 1,
    TB_PROVIDER_ERROR_RESPONSE_TOO_LARGE, ANY_KIND, { "5242880", NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, -1, 0 },
  /* No Content-Length: the cap applies while reading. */
  { "huge-chunked-body", CALL_FETCH, TB_FAKE_TWILIO_REQUEST_FETCH, TB_FAKE_TWILIO_FAULT_HUGE_CHUNKED, 1,
    TB_PROVIDER_ERROR_RESPONSE_TOO_LARGE, ANY_KIND, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_ANY, 0, -1, 0 },
  /* never followed: the credentials stay home */
  { "next-page-elsewhere", CALL_LIST, TB_FAKE_TWILIO_REQUEST_LIST, TB_FAKE_TWILIO_FAULT_NEXT_PAGE_ELSEWHERE, 0,
    TB_PROVIDER_ERROR_BAD_RESPONSE, ANY_KIND, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_LIST, 1, -1, 0 },
  /* the first page, then its own link once; the repeat is refused */
  { "next-page-loop", CALL_LIST, TB_FAKE_TWILIO_REQUEST_LIST, TB_FAKE_TWILIO_FAULT_NEXT_PAGE_LOOP, 0,
    TB_PROVIDER_ERROR_BAD_RESPONSE, ANY_KIND, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_LIST, 2, -1, 0 },
  /* the first request and three redirects */
  { "redirect-loop/list", CALL_LIST, TB_FAKE_TWILIO_REQUEST_ANY, TB_FAKE_TWILIO_FAULT_REDIRECT_LOOP, 0,
    TB_PROVIDER_ERROR_TOO_MANY_REDIRECTS, ANY_KIND, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_LIST, 4, -1, 0 },
  /* A send is never redirected, not even once. */
  { "redirect-loop/send", CALL_SEND, TB_FAKE_TWILIO_REQUEST_ANY, TB_FAKE_TWILIO_FAULT_REDIRECT_LOOP, 0,
    TB_PROVIDER_ERROR_TOO_MANY_REDIRECTS, ANY_KIND, { NULL, NULL }, 0,
    TB_FAKE_TWILIO_REQUEST_SEND, 1, -1, 0 },
};

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *test = data;
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GError) error = NULL;
  gpointer answer = NULL;
  gint64 start = g_get_monotonic_time ();

  tb_fake_twilio_add_fault (fixture->fake, test->fault_on, test->fault, test->times);
  switch (test->call)
    {
    case CALL_SEND:
      answer = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
      break;
    case CALL_FETCH:
      answer = tb_test_fetch_sync (fixture->provider, "SM00000000000000000000000000000001", &error);
      break;
    case CALL_LIST:
      answer = tb_test_list_sync (fixture->provider, query, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_null (answer);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", test->name, error->message);
  if (test->expected_code >= 0)
    g_assert_error (error, TB_PROVIDER_ERROR, test->expected_code);
  if (test->expected_kind != ANY_KIND)
    g_assert_cmpint (tb_provider_error_classify (error), ==, test->expected_kind);
  for (guint i = 0; i < G_N_ELEMENTS (test->message_parts); i++)
    if (test->message_parts[i] != NULL)
      g_assert_nonnull (strstr (error->message, test->message_parts[i]));
  if (test->http_status != 0)
    g_assert_cmpuint (tb_provider_error_get_http_status (error), ==, test->http_status);
  if (test->n_requests > 0)
    g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, test->counted), ==, test->n_requests);
  if (test->n_stored >= 0)
    g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, (guint) test->n_stored);
  if (test->max_seconds > 0)
    g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64) test->max_seconds * G_USEC_PER_SEC);
}

/* An answer that keeps coming, a byte at a time: each read succeeds within
 * the 1 s timeout, so only the deadline for the whole exchange (4 s) ends
 * it. */
static void
test_trickling_answer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_TRICKLE, 1);
  message = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NO_ANSWER);
  g_test_message ("trickle after %.1f s: %s", elapsed / 1e6, error->message);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED);
  g_assert_cmpint (elapsed, >=, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 8 * G_USEC_PER_SEC);
}

static void
test_reset_after_read (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GPtrArray) found = NULL;
  gint64 pressed = g_get_real_time ();

  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND,
                            TB_FAKE_TWILIO_FAULT_RESET_AFTER_READ, 1);
  message = tb_test_send_sync (fixture->provider, CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NO_ANSWER);
  g_test_message ("reset: %s", error->message);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED);
  g_assert_false (tb_provider_error_is_retryable (error));

  /* libsoup did not re-send the POST: the fake holds exactly one message. */
  g_assert_cmpuint (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fixture->fake), ==, 1);

  /* Reconciliation finds it by listing. */
  g_clear_error (&error);
  query->to = g_strdup (CONTACT);
  query->from = g_strdup (OUR_NUMBER);
  query->sent_since = pressed - 5 * G_USEC_PER_SEC;
  found = tb_test_list_sync (fixture->provider, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((TbProviderMessage *) g_ptr_array_index (found, 0))->body, ==, "Hello");
}

/* A loopback port that was free a moment ago and has no listener. */
static guint
unused_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

/* A base URL with a password (a proxy's) never shows in an error message
 * (promise 5: errors reach logs and toasts). */
static void
test_no_password_in_errors (void)
{
  g_autoptr(TbTwilioProvider) twilio = NULL;
  g_autoptr(TbProviderMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = g_strdup_printf ("http://proxyuser:S3cretPass@127.0.0.1:%u/?token=S3cretQuery", unused_port ());

  twilio = tb_test_twilio_new (TB_FAKE_TWILIO_ACCOUNT_SID, TB_FAKE_TWILIO_AUTH_TOKEN, url, 1);
  message = tb_test_send_sync (TB_PROVIDER (twilio), CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  g_assert_null (message);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_null (strstr (error->message, "S3cret"));
  g_assert_null (strstr (error->message, "proxyuser"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_connection_refused (void)
{
  g_autoptr(TbTwilioProvider) twilio = NULL;
  g_autoptr(TbProviderMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());

  twilio = tb_test_twilio_new (TB_FAKE_TWILIO_ACCOUNT_SID, TB_FAKE_TWILIO_AUTH_TOKEN, url, 1);
  message = tb_test_send_sync (TB_PROVIDER (twilio), CONTACT, OUR_NUMBER, "Hello", VALIDITY, &error);
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NOT_SENT);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED);
  g_assert_true (tb_provider_error_is_retryable (error));
  g_assert_nonnull (strstr (error->message, "nothing was sent"));
}

/* A cap smaller than an ordinary answer (the 404 JSON). */
static void
test_small_response_cap (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  tb_twilio_provider_set_max_response_size (fixture->twilio, 100);
  message = tb_test_fetch_sync (fixture->provider, "SM00000000000000000000000000000001", &error);
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_RESPONSE_TOO_LARGE);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TbOutgoingMessage) outgoing = tb_outgoing_message_new (CONTACT, OUR_NUMBER, "Hello", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  tb_twilio_provider_set_timeout (fixture->twilio, 30);
  tb_fake_twilio_add_fault (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_HANG, 1);
  tb_provider_send_async (fixture->provider, outgoing, cancellable, tb_test_keep_result, &result);
  while (tb_fake_twilio_count_requests (fixture->fake, TB_FAKE_TWILIO_REQUEST_SEND) == 0)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  message = tb_provider_send_finish (fixture->provider, tb_test_wait_for (&result), &error);
  g_assert_null (message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (tb_provider_error_classify (error), ==, TB_PROVIDER_ERROR_KIND_CANCELLED);
}

/* The provider goes away while a request is in flight. */
static void
test_dispose_in_flight (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  TbTwilioProvider *twilio = tb_test_twilio_for_fake (fake);
  g_autoptr(TbOutgoingMessage) outgoing = tb_outgoing_message_new (CONTACT, OUR_NUMBER, "Hello", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  tb_fake_twilio_add_fault (fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_HANG, 1);
  tb_provider_send_async (TB_PROVIDER (twilio), outgoing, NULL, tb_test_keep_result, &result);
  while (tb_fake_twilio_count_requests (fake, TB_FAKE_TWILIO_REQUEST_SEND) == 0)
    g_main_context_iteration (NULL, FALSE);
  /* The task holds a reference: the request ends by the timeout. */
  g_object_unref (twilio);
  tb_test_wait_for (&result);
  message = tb_provider_send_finish (TB_PROVIDER (g_async_result_get_source_object (result)), result, &error);
  g_object_unref (g_async_result_get_source_object (result)); /* get_source_object's ref */
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NO_ANSWER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/twilio/send/ok", test_send_ok);
  ADD ("/twilio/send/messaging-service", test_send_messaging_service);
  g_test_add_func ("/twilio/send/api-key", test_send_api_key);
  ADD ("/twilio/send/invalid-argument", test_invalid_argument);
  ADD ("/twilio/fetch/status", test_fetch_status);
  ADD ("/twilio/fetch/not-found", test_fetch_not_found);
  ADD ("/twilio/list/three-pages", test_list_three_pages);
  ADD ("/twilio/list/since-and-from", test_list_since_and_from);
  ADD ("/twilio/account/check", test_account_check);
  g_test_add_func ("/twilio/account/wrong-credentials", test_wrong_credentials);

  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/twilio/error/%s", error_cases[i].name);

      g_test_add_data_func (path, &error_cases[i], test_twilio_error);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/twilio/fault/%s", fault_cases[i].name);

      g_test_add (path, Fixture, &fault_cases[i], fixture_set_up, test_fault, fixture_tear_down);
    }
  ADD ("/twilio/fault/trickling-answer", test_trickling_answer);
  ADD ("/twilio/fault/reset-after-read", test_reset_after_read);
  g_test_add_func ("/twilio/fault/connection-refused", test_connection_refused);
  g_test_add_func ("/twilio/fault/no-password-in-errors", test_no_password_in_errors);
  ADD ("/twilio/fault/small-response-cap", test_small_response_cap);
  ADD ("/twilio/fault/cancel", test_cancel);
  g_test_add_func ("/twilio/fault/dispose-in-flight", test_dispose_in_flight);

#undef ADD

  return g_test_run ();
}
