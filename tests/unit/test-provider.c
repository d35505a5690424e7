/* test-provider.c: provider records, error classification, Twilio JSON parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tb-provider.h"
#include "tb-twilio-private.h"
#include "tb-twilio-provider.h"

typedef struct {
  int                 code;
  guint               http_status;
  TbProviderErrorKind kind;
  gboolean            retryable;
} ClassifyCase;

static const ClassifyCase classify_cases[] = {
  { 20003, 401, TB_PROVIDER_ERROR_KIND_AUTH, FALSE },
  { 21610, 400, TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT, FALSE },
  { 21211, 400, TB_PROVIDER_ERROR_KIND_INVALID_NUMBER, FALSE },
  { 21614, 400, TB_PROVIDER_ERROR_KIND_INVALID_NUMBER, FALSE },
  { 21612, 400, TB_PROVIDER_ERROR_KIND_INVALID_NUMBER, FALSE },
  { 21617, 400, TB_PROVIDER_ERROR_KIND_BODY_TOO_LONG, FALSE },
  { 20429, 429, TB_PROVIDER_ERROR_KIND_RATE_LIMITED, TRUE },
  { 30006, 0, TB_PROVIDER_ERROR_KIND_NOT_DELIVERED_NO_RETRY, FALSE },
  { 20503, 503, TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED, TRUE },
  { TB_PROVIDER_ERROR_NOT_SENT, 0, TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED, TRUE },
  { TB_PROVIDER_ERROR_NO_ANSWER, 0, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, FALSE },
  { TB_PROVIDER_ERROR_HTTP, 429, TB_PROVIDER_ERROR_KIND_RATE_LIMITED, TRUE },
  { TB_PROVIDER_ERROR_HTTP, 503, TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED, TRUE },
  { TB_PROVIDER_ERROR_HTTP, 500, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, FALSE },
  { TB_PROVIDER_ERROR_HTTP, 502, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, FALSE },
  { TB_PROVIDER_ERROR_HTTP, 404, TB_PROVIDER_ERROR_KIND_OTHER, FALSE },
  { TB_PROVIDER_ERROR_HTTP, 401, TB_PROVIDER_ERROR_KIND_AUTH, FALSE },
  { TB_PROVIDER_ERROR_HTTP, 403, TB_PROVIDER_ERROR_KIND_AUTH, FALSE },
  { TB_PROVIDER_ERROR_BAD_RESPONSE, 201, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, FALSE },
  { TB_PROVIDER_ERROR_INVALID_ARGUMENT, 0, TB_PROVIDER_ERROR_KIND_OTHER, FALSE },
  { 21606, 400, TB_PROVIDER_ERROR_KIND_OTHER, FALSE },
  { 20500, 500, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, FALSE },
};

static void
test_classify (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (classify_cases); i++)
    {
      const ClassifyCase *test = &classify_cases[i];
      g_autoptr(GError) error = tb_provider_error_new (test->code, TB_PROVIDER_ERROR_KIND_OTHER,
                                                       test->http_status, 3, "case %" G_GSIZE_FORMAT, i);
      g_autoptr(GError) copy = g_error_copy (error);

      g_test_message ("code %d, HTTP %u", test->code, test->http_status);
      g_assert_cmpint (tb_provider_error_classify (error), ==, test->kind);
      g_assert_cmpint (tb_provider_error_is_retryable (error), ==, test->retryable);
      /* the extra data survives a copy */
      g_assert_cmpint (tb_provider_error_classify (copy), ==, test->kind);
      g_assert_cmpuint (tb_provider_error_get_retry_after (copy), ==, 3);
      g_assert_cmpuint (tb_provider_error_get_http_status (copy), ==, test->http_status);
      g_assert_cmpstr (tb_provider_error_kind_to_string (test->kind), !=, NULL);
    }
}

static void
test_classify_other_domains (void)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_autoptr(GError) plain = g_error_new_literal (TB_PROVIDER_ERROR, 21610, "set without extra data");
  g_autoptr(GError) explicit_kind = tb_provider_error_new (TB_PROVIDER_ERROR_BAD_RESPONSE,
                                                           TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, 0, 0, "x");

  g_assert_cmpint (tb_provider_error_classify (NULL), ==, TB_PROVIDER_ERROR_KIND_OTHER);
  g_assert_cmpint (tb_provider_error_classify (cancelled), ==, TB_PROVIDER_ERROR_KIND_CANCELLED);
  g_assert_false (tb_provider_error_is_retryable (cancelled));
  /* unknown: the safe guess is that it may have arrived */
  g_assert_cmpint (tb_provider_error_classify (io), ==, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED);
  g_assert_cmpuint (tb_provider_error_get_retry_after (io), ==, 0);
  g_assert_cmpint (tb_provider_error_classify (plain), ==, TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT);
  g_assert_cmpuint (tb_provider_error_get_retry_after (plain), ==, 0);
  g_assert_cmpint (tb_provider_error_classify (explicit_kind), ==, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED);
}

static void
test_status_strings (void)
{
  for (int status = TB_PROVIDER_MESSAGE_STATUS_UNKNOWN; status <= TB_PROVIDER_MESSAGE_STATUS_CANCELED; status++)
    g_assert_cmpint (tb_provider_message_status_from_string (tb_provider_message_status_to_string (status)),
                     ==, status);
  g_assert_cmpint (tb_provider_message_status_from_string ("DELIVERED"), ==, TB_PROVIDER_MESSAGE_STATUS_DELIVERED);
  g_assert_cmpint (tb_provider_message_status_from_string ("partially_delivered"), ==,
                   TB_PROVIDER_MESSAGE_STATUS_UNKNOWN);
  g_assert_cmpint (tb_provider_message_status_from_string (NULL), ==, TB_PROVIDER_MESSAGE_STATUS_UNKNOWN);
  g_assert_cmpstr (tb_provider_message_status_to_string (999), ==, "unknown");
  g_assert_true (tb_provider_message_status_is_final (TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED));
  g_assert_true (tb_provider_message_status_is_final (TB_PROVIDER_MESSAGE_STATUS_RECEIVED));
  g_assert_false (tb_provider_message_status_is_final (TB_PROVIDER_MESSAGE_STATUS_SENT));
  g_assert_false (tb_provider_message_status_is_final (TB_PROVIDER_MESSAGE_STATUS_QUEUED));

  for (int direction = 0; direction <= TB_PROVIDER_DIRECTION_OUTBOUND_REPLY; direction++)
    g_assert_cmpint (tb_provider_direction_from_string (tb_provider_direction_to_string (direction)), ==, direction);
  g_assert_cmpint (tb_provider_direction_from_string ("sideways"), ==, TB_PROVIDER_DIRECTION_UNKNOWN);
}

static void
test_records (void)
{
  g_autoptr(TbOutgoingMessage) by_number = tb_outgoing_message_new ("+12025550142", "+12025550100", "Hi", 60);
  g_autoptr(TbOutgoingMessage) by_service = tb_outgoing_message_new ("+12025550142",
                                                                     "MG0123456789abcdef0123456789abcdef", "Hi", 0);
  g_autoptr(TbOutgoingMessage) not_a_service = tb_outgoing_message_new ("+12025550142", "MG123", "Hi", 0);
  g_autoptr(TbOutgoingMessage) copy = tb_outgoing_message_copy (by_service);
  g_autoptr(TbProviderMessage) message = tb_provider_message_new ();
  g_autoptr(TbProviderMessage) message_copy = NULL;
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(TbProviderListQuery) query_copy = NULL;

  g_assert_cmpstr (by_number->from, ==, "+12025550100");
  g_assert_null (by_number->messaging_service_sid);
  g_assert_cmpuint (by_number->validity_period, ==, 60);
  g_assert_null (by_service->from);
  g_assert_cmpstr (by_service->messaging_service_sid, ==, "MG0123456789abcdef0123456789abcdef");
  g_assert_cmpstr (not_a_service->from, ==, "MG123");
  g_assert_cmpstr (copy->messaging_service_sid, ==, by_service->messaging_service_sid);
  g_assert_true (copy->messaging_service_sid != by_service->messaging_service_sid);

  message->sid = g_strdup ("SM1");
  message->body = g_strdup ("hello");
  message->error_code = 30006;
  message->date_sent = 42;
  message_copy = tb_provider_message_copy (message);
  g_assert_cmpstr (message_copy->sid, ==, "SM1");
  g_assert_cmpstr (message_copy->body, ==, "hello");
  g_assert_cmpint (message_copy->error_code, ==, 30006);
  g_assert_cmpint (message_copy->date_sent, ==, 42);
  g_assert_true (message_copy->body != message->body);

  query->to = g_strdup ("+12025550100");
  query->direction = TB_PROVIDER_DIRECTION_INBOUND;
  query->page_size = 2;
  query_copy = tb_provider_list_query_copy (query);
  g_assert_cmpstr (query_copy->to, ==, "+12025550100");
  g_assert_null (query_copy->from);
  g_assert_cmpuint (query_copy->page_size, ==, 2);

  g_assert_true (g_type_is_a (TB_TYPE_PROVIDER_MESSAGE, G_TYPE_BOXED));
  g_assert_true (g_type_is_a (TB_TYPE_OUTGOING_MESSAGE, G_TYPE_BOXED));
  g_assert_true (g_type_is_a (TB_TYPE_PROVIDER_LIST_QUERY, G_TYPE_BOXED));
}

static void
test_dates (void)
{
  g_assert_cmpint (tb_twilio_parse_date ("Thu, 30 Jul 2015 20:12:31 +0000"), ==, (gint64) 1438287151 * G_USEC_PER_SEC);
  /* another offset is converted to UTC */
  g_assert_cmpint (tb_twilio_parse_date ("Thu, 30 Jul 2015 22:12:31 +0200"), ==, (gint64) 1438287151 * G_USEC_PER_SEC);
  g_assert_cmpint (tb_twilio_parse_date ("2015-07-30T20:12:31Z"), ==, (gint64) 1438287151 * G_USEC_PER_SEC);
  g_assert_cmpint (tb_twilio_parse_date (NULL), ==, 0);
  g_assert_cmpint (tb_twilio_parse_date (""), ==, 0);
  g_assert_cmpint (tb_twilio_parse_date ("yesterday"), ==, 0);
}

static void
test_retry_after (void)
{
  gint64 now = (gint64) 1438287151 * G_USEC_PER_SEC;

  g_assert_cmpuint (tb_twilio_parse_retry_after ("7", now), ==, 7);
  g_assert_cmpuint (tb_twilio_parse_retry_after (" 120 ", now), ==, 120);
  g_assert_cmpuint (tb_twilio_parse_retry_after (NULL, now), ==, 0);
  g_assert_cmpuint (tb_twilio_parse_retry_after ("", now), ==, 0);
  g_assert_cmpuint (tb_twilio_parse_retry_after ("soon", now), ==, 0);
  g_assert_cmpuint (tb_twilio_parse_retry_after ("99999999999999", now), ==, G_MAXUINT);
  /* an HTTP date 30 s ahead */
  g_assert_cmpuint (tb_twilio_parse_retry_after ("Thu, 30 Jul 2015 20:13:01 GMT", now), ==, 30);
  /* a date in the past: now */
  g_assert_cmpuint (tb_twilio_parse_retry_after ("Thu, 30 Jul 2015 20:00:00 GMT", now), ==, 0);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_parse_message (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"status\": \"undelivered\", \"num_segments\": \"2\","
    " \"error_code\": 30006, \"error_message\": \"Landline\", \"to\": \"+12025550142\","
    " \"from\": \"+12025550100\", \"body\": \"Hi\", \"direction\": \"outbound-api\","
    " \"date_created\": \"Thu, 30 Jul 2015 20:12:31 +0000\", \"date_sent\": null,"
    " \"messaging_service_sid\": null, \"price\": null}");
  g_autoptr(JsonNode) numbers_as_numbers = parse_json ("{\"sid\": \"SM1\", \"num_segments\": 3, \"error_code\": \"21610\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = tb_twilio_parse_message (node, &error);
  g_autoptr(TbProviderMessage) other = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (message->sid, ==, "SM0123456789abcdef0123456789abcdef");
  g_assert_cmpint (message->status, ==, TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED);
  g_assert_cmpuint (message->num_segments, ==, 2);
  g_assert_cmpint (message->error_code, ==, 30006);
  g_assert_cmpstr (message->error_message, ==, "Landline");
  g_assert_cmpint (message->direction, ==, TB_PROVIDER_DIRECTION_OUTBOUND_API);
  g_assert_cmpint (message->date_created, ==, (gint64) 1438287151 * G_USEC_PER_SEC);
  g_assert_cmpint (message->date_sent, ==, 0);
  g_assert_null (message->messaging_service_sid);

  other = tb_twilio_parse_message (numbers_as_numbers, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->num_segments, ==, 3);
  g_assert_cmpint (other->error_code, ==, 21610);
}

static void
test_parse_message_errors (void)
{
  const char *cases[] = {
    "{\"status\": \"queued\"}",
    "{\"sid\": \"\"}",
    "{\"sid\": 12}",
    "{\"sid\": \"SM1\", \"status\": [\"queued\"]}",
    "{\"sid\": \"SM1\", \"num_segments\": \"two\"}",
    "{\"sid\": \"SM1\", \"error_code\": {}}",
    "[1, 2]",
    "\"SM1\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_json (cases[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbProviderMessage) message = tb_twilio_parse_message (node, &error);

      g_test_message ("%s → %s", cases[i], error != NULL ? error->message : "(no error)");
      g_assert_null (message);
      g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE);
    }
}

static void
test_error_from_response (void)
{
  g_autoptr(JsonNode) twilio = parse_json ("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\","
                                           " \"more_info\": \"https://www.twilio.com/docs/errors/21610\", \"status\": 400}");
  g_autoptr(JsonNode) odd = parse_json ("{\"code\": \"abc\", \"message\": 5}");
  g_autoptr(GError) error = tb_twilio_error_from_response (400, "Bad Request", twilio, 0);
  g_autoptr(GError) no_body = tb_twilio_error_from_response (429, "Too Many Requests", NULL, 12);
  g_autoptr(GError) odd_error = tb_twilio_error_from_response (400, "Bad Request", odd, 0);

  g_assert_error (error, TB_PROVIDER_ERROR, 21610);
  g_assert_nonnull (strstr (error->message, "21610"));
  g_assert_nonnull (strstr (error->message, "unsubscribed recipient"));
  g_assert_nonnull (strstr (error->message, "opted out"));

  g_assert_error (no_body, TB_PROVIDER_ERROR, 20429);
  g_assert_cmpuint (tb_provider_error_get_retry_after (no_body), ==, 12);
  g_assert_cmpint (tb_provider_error_classify (no_body), ==, TB_PROVIDER_ERROR_KIND_RATE_LIMITED);

  g_assert_error (odd_error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_HTTP);
  g_assert_nonnull (strstr (odd_error->message, "400"));
}

/* Twilio's documented request-validation example, with both caller
 * numbers the example has been published with. */
static void
test_webhook_signature (void)
{
  const char *url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  struct {
    const char *caller;
    const char *signature;
  } cases[] = {
    { "+14158675309", "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
    { "+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc=" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *signature = NULL;

      g_hash_table_insert (params, (char *) "To", (char *) "+18005551212");
      g_hash_table_insert (params, (char *) "From", (char *) cases[i].caller);
      g_hash_table_insert (params, (char *) "Digits", (char *) "1234");
      g_hash_table_insert (params, (char *) "CallSid", (char *) "CA1234567890ABCDE");
      g_hash_table_insert (params, (char *) "Caller", (char *) cases[i].caller);

      signature = tb_twilio_compute_signature ("12345", url, params);
      g_assert_cmpstr (signature, ==, cases[i].signature);
      g_assert_true (tb_twilio_signature_is_valid ("12345", url, params, cases[i].signature));
      g_assert_false (tb_twilio_signature_is_valid ("12346", url, params, cases[i].signature));
      g_assert_false (tb_twilio_signature_is_valid ("12345", "https://mycompany.com/myapp.php?foo=1&bar=3",
                                                    params, cases[i].signature));
      g_assert_false (tb_twilio_signature_is_valid ("12345", url, params, ""));
      g_assert_false (tb_twilio_signature_is_valid ("12345", url, params, NULL));
      g_assert_false (tb_twilio_signature_is_valid ("", url, params, cases[i].signature));

      /* a changed parameter */
      g_hash_table_insert (params, (char *) "Digits", (char *) "1235");
      g_assert_false (tb_twilio_signature_is_valid ("12345", url, params, cases[i].signature));
    }
}

/* Which directions a list query lets through, every pair. */
static void
test_list_query_direction (void)
{
  static const struct {
    TbProviderDirection query;
    TbProviderDirection message;
    gboolean            wanted;
  } cases[] = {
    { TB_PROVIDER_DIRECTION_UNKNOWN, TB_PROVIDER_DIRECTION_UNKNOWN, TRUE },
    { TB_PROVIDER_DIRECTION_UNKNOWN, TB_PROVIDER_DIRECTION_INBOUND, TRUE },
    { TB_PROVIDER_DIRECTION_UNKNOWN, TB_PROVIDER_DIRECTION_OUTBOUND_API, TRUE },
    { TB_PROVIDER_DIRECTION_INBOUND, TB_PROVIDER_DIRECTION_INBOUND, TRUE },
    { TB_PROVIDER_DIRECTION_INBOUND, TB_PROVIDER_DIRECTION_UNKNOWN, FALSE },
    { TB_PROVIDER_DIRECTION_INBOUND, TB_PROVIDER_DIRECTION_OUTBOUND_API, FALSE },
    { TB_PROVIDER_DIRECTION_INBOUND, TB_PROVIDER_DIRECTION_OUTBOUND_REPLY, FALSE },
    { TB_PROVIDER_DIRECTION_OUTBOUND_API, TB_PROVIDER_DIRECTION_INBOUND, FALSE },
    { TB_PROVIDER_DIRECTION_OUTBOUND_API, TB_PROVIDER_DIRECTION_OUTBOUND_API, TRUE },
    { TB_PROVIDER_DIRECTION_OUTBOUND_API, TB_PROVIDER_DIRECTION_OUTBOUND_CALL, TRUE },
    { TB_PROVIDER_DIRECTION_OUTBOUND_API, TB_PROVIDER_DIRECTION_UNKNOWN, TRUE },
    { TB_PROVIDER_DIRECTION_OUTBOUND_REPLY, TB_PROVIDER_DIRECTION_INBOUND, FALSE },
    { TB_PROVIDER_DIRECTION_OUTBOUND_REPLY, TB_PROVIDER_DIRECTION_OUTBOUND_API, TRUE },
  };
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      query->direction = cases[i].query;
      g_test_message ("query %d, message %d", cases[i].query, cases[i].message);
      g_assert_cmpint (tb_provider_list_query_wants_direction (query, cases[i].message), ==, cases[i].wanted);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/provider/error/classify", test_classify);
  g_test_add_func ("/provider/error/other-domains", test_classify_other_domains);
  g_test_add_func ("/provider/status-strings", test_status_strings);
  g_test_add_func ("/provider/records", test_records);
  g_test_add_func ("/provider/list-query-direction", test_list_query_direction);
  g_test_add_func ("/provider/twilio/dates", test_dates);
  g_test_add_func ("/provider/twilio/retry-after", test_retry_after);
  g_test_add_func ("/provider/twilio/parse-message", test_parse_message);
  g_test_add_func ("/provider/twilio/parse-message-errors", test_parse_message_errors);
  g_test_add_func ("/provider/twilio/error-from-response", test_error_from_response);
  g_test_add_func ("/provider/twilio/webhook-signature", test_webhook_signature);

  return g_test_run ();
}
