/* test-contract.c: the Twilio provider against Prism serving Twilio's spec
 *
 * Run by run-prism.sh, which sets TB_PRISM_URL. Prism runs with --errors:
 * a request that does not match Twilio's OpenAPI spec (path, auth, form
 * fields, their types and patterns) is answered with an error, so each
 * successful call here is a request the spec accepts. The answers are
 * generated from the spec's own examples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tb-provider-fixtures.h"

#define ACCOUNT "AC0123456789abcdef0123456789abcdef"
#define OUR_NUMBER "+12025550100"
#define CONTACT "+12025550142"
#define SERVICE "MG0123456789abcdef0123456789abcdef"

typedef struct {
  TbTwilioProvider *twilio;
  TbProvider       *provider;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *url = g_getenv ("TB_PRISM_URL");

  g_assert_nonnull (url);
  fixture->twilio = tb_test_twilio_new (ACCOUNT, "contract-test-token", url, 10);
  fixture->provider = TB_PROVIDER (fixture->twilio);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->twilio);
}

static TbProviderMessage *
send_sync (TbProvider  *provider,
           const char  *from,
           GError     **error)
{
  return tb_test_send_sync (provider, CONTACT, from, "Hi Ana, will you vote? Reply STOP to opt out", 14400,
                            error);
}

static void
assert_message_from_example (const TbProviderMessage *message)
{
  g_assert_nonnull (message->sid);
  g_assert_cmpuint (strlen (message->sid), ==, 34);
  g_assert_true (g_str_has_prefix (message->sid, "SM") || g_str_has_prefix (message->sid, "MM"));
  g_assert_cmpint (message->status, !=, TB_PROVIDER_MESSAGE_STATUS_UNKNOWN);
  g_assert_cmpint (message->direction, !=, TB_PROVIDER_DIRECTION_UNKNOWN);
  g_assert_cmpint (message->date_created, >, 0);
}

static void
test_send_from_number (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = send_sync (fixture->provider, OUR_NUMBER, &error);

  g_assert_no_error (error);
  assert_message_from_example (message);
  g_assert_cmpint (message->status, ==, TB_PROVIDER_MESSAGE_STATUS_QUEUED);
  /* num_segments is a string in Twilio's JSON */
  g_assert_cmpuint (message->num_segments, ==, 1);
  g_assert_cmpint (message->error_code, ==, 0);
}

static void
test_send_messaging_service (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = send_sync (fixture->provider, SERVICE, &error);

  g_assert_no_error (error);
  assert_message_from_example (message);
}

static void
test_fetch_status (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  message = tb_test_fetch_sync (fixture->provider, "SM0123456789abcdef0123456789abcdef", &error);
  g_assert_no_error (error);
  assert_message_from_example (message);
  g_test_message ("status %s, error code %d", message->status_string, message->error_code);
}

/* The spec's list example holds one outbound and one inbound message and
 * a next_page_uri; asking for two inbound messages makes the provider
 * follow that link, so the second request Prism validates is the one the
 * provider built from Twilio's next_page_uri. */
static void
test_list_inbound_paged (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  query->to = g_strdup ("+18182008801");  /* the number in the spec's example */
  query->direction = TB_PROVIDER_DIRECTION_INBOUND;
  query->sent_since = (gint64) 1546300800 * G_USEC_PER_SEC;  /* 2019-01-01 */
  query->max_messages = 2;
  messages = tb_test_list_sync (fixture->provider, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  for (guint i = 0; i < messages->len; i++)
    {
      TbProviderMessage *message = g_ptr_array_index (messages, i);

      assert_message_from_example (message);
      g_assert_cmpint (message->direction, ==, TB_PROVIDER_DIRECTION_INBOUND);
    }
}

/* The reconciliation query: to and from, since an instant. */
static void
test_list_reconciliation (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  query->to = g_strdup ("+18182008801");
  query->from = g_strdup ("+12019235161");
  query->direction = TB_PROVIDER_DIRECTION_OUTBOUND_API;
  query->sent_since = (gint64) 1546300800 * G_USEC_PER_SEC;
  query->max_messages = 1;
  messages = tb_test_list_sync (fixture->provider, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpint (((TbProviderMessage *) g_ptr_array_index (messages, 0))->direction, ==,
                   TB_PROVIDER_DIRECTION_OUTBOUND_API);
}

static void
test_account_check (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (tb_test_check_credentials (fixture->twilio, &name, &error));
  g_assert_no_error (error);
  g_assert_nonnull (name);
}

/* Prism really validates: a request against the spec fails. */
static void
test_prism_rejects_a_bad_request (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbProviderMessage) message = NULL;

  /* The spec's pattern for a message SID is SM/MM + 32 hex digits. */
  message = tb_test_fetch_sync (fixture->provider, "not-a-sid", &error);
  g_assert_null (message);
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_HTTP);
  g_test_message ("rejected: %s", error->message);
  g_assert_cmpuint (tb_provider_error_get_http_status (error), ==, 422);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("TB_PRISM_URL") == NULL)
    {
      g_print ("1..0 # SKIP run it through tests/contract/run-prism.sh (TB_PRISM_URL is not set)\n");
      return 0;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/contract/send/from-number", test_send_from_number);
  ADD ("/contract/send/messaging-service", test_send_messaging_service);
  ADD ("/contract/fetch-status", test_fetch_status);
  ADD ("/contract/list/inbound-paged", test_list_inbound_paged);
  ADD ("/contract/list/reconciliation", test_list_reconciliation);
  ADD ("/contract/account-check", test_account_check);
  ADD ("/contract/prism-rejects-a-bad-request", test_prism_rejects_a_bad_request);

#undef ADD

  return g_test_run ();
}
