/* bench-provider.c: what a send costs in the provider layer
 *
 *   bench-provider [N]
 *
 * Sends N messages to the fake Twilio on loopback, first as bare libsoup
 * POSTs (the reference, measured in the same process), then through
 * TbTwilioProvider (form building, the request machinery, JSON parsing),
 * and prints both and their ratio. Then N sends through the simulator and
 * a list of everything it holds. Prints figures; never fails for being
 * slow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "tb-provider-fixtures.h"
#include "tb-simulator-provider.h"
#include "tb-twilio-provider.h"

#define OUR_NUMBER "+12025550100"

static double
bench_bare_soup (const char *base_url,
                 guint       n)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base_url, "/2010-04-01/Accounts/" TB_FAKE_TWILIO_ACCOUNT_SID "/Messages.json", NULL);
  g_autofree char *credentials = g_base64_encode ((const guchar *) TB_FAKE_TWILIO_ACCOUNT_SID ":" TB_FAKE_TWILIO_AUTH_TOKEN,
                                                  strlen (TB_FAKE_TWILIO_ACCOUNT_SID ":" TB_FAKE_TWILIO_AUTH_TOKEN));
  g_autofree char *authorization = g_strconcat ("Basic ", credentials, NULL);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *form = g_strdup_printf ("To=%%2B1202555%04u&From=%%2B12025550100&Body=Hello", i % 10000);
      gsize length = strlen (form);
      g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&form), length);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", body);
      answer = soup_session_send_and_read (session, message, NULL, &error);
      if (answer == NULL || soup_message_get_status (message) != 201)
        g_error ("bare POST %u failed: %s", i, error != NULL ? error->message : "unexpected status");
    }
  return (double) (g_get_monotonic_time () - start) / n;
}

static double
bench_twilio_provider (const char *base_url,
                       guint       n)
{
  g_autoptr(TbCredentials) credentials = tb_credentials_new_auth_token (TB_FAKE_TWILIO_ACCOUNT_SID,
                                                                        TB_FAKE_TWILIO_AUTH_TOKEN);
  g_autoptr(TbTwilioProvider) twilio = tb_twilio_provider_new (credentials, base_url);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *to = g_strdup_printf ("+1202555%04u", i % 10000);
      g_autoptr(TbOutgoingMessage) outgoing = tb_outgoing_message_new (to, OUR_NUMBER, "Hello", 0);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TbProviderMessage) message = NULL;

      tb_provider_send_async (TB_PROVIDER (twilio), outgoing, NULL, tb_test_keep_result, &result);
      message = tb_provider_send_finish (TB_PROVIDER (twilio), tb_test_wait_for (&result), &error);
      if (message == NULL)
        g_error ("send %u failed: %s", i, error->message);
    }
  return (double) (g_get_monotonic_time () - start) / n;
}

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
bench_simulator (guint n)
{
  gint64 clock = (gint64) 1767225600 * G_USEC_PER_SEC;
  g_autoptr(TbSimulatorProvider) simulator = tb_simulator_provider_new (1);
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  g_autoptr(GPtrArray) inbound = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double per_send;
  double list_ms;

  tb_simulator_provider_set_clock (simulator, fake_clock, &clock, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *to = g_strdup_printf ("+1202555%04u", i % 10000);
      g_autoptr(TbOutgoingMessage) outgoing = tb_outgoing_message_new (to, OUR_NUMBER, "Hello", 0);
      g_autoptr(GAsyncResult) send_result = NULL;
      g_autoptr(TbProviderMessage) message = NULL;
      g_autoptr(GError) send_error = NULL;

      tb_provider_send_async (TB_PROVIDER (simulator), outgoing, NULL, tb_test_keep_result, &send_result);
      message = tb_provider_send_finish (TB_PROVIDER (simulator), tb_test_wait_for (&send_result), &send_error);
      clock += G_USEC_PER_SEC / 10;
    }
  per_send = (double) (g_get_monotonic_time () - start) / n;

  clock += (gint64) 3600 * G_USEC_PER_SEC;
  query->to = g_strdup (OUR_NUMBER);
  query->direction = TB_PROVIDER_DIRECTION_INBOUND;
  start = g_get_monotonic_time ();
  inbound = tb_test_list_sync (TB_PROVIDER (simulator), query, &error);
  g_assert_no_error (error);
  list_ms = (double) (g_get_monotonic_time () - start) / 1000.0;

  g_print ("simulator send:                 %8.1f us per send (%u sends)\n", per_send, n);
  g_print ("simulator list of %u replies among %u messages: %.1f ms\n",
           inbound->len, tb_simulator_provider_get_n_messages (simulator), list_ms);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 500;
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  double bare;
  double provider;

  if (n == 0)
    n = 1;

  /* warm up both paths once */
  bench_bare_soup (tb_fake_twilio_get_base_url (fake), 1);
  bench_twilio_provider (tb_fake_twilio_get_base_url (fake), 1);

  bare = bench_bare_soup (tb_fake_twilio_get_base_url (fake), n);
  provider = bench_twilio_provider (tb_fake_twilio_get_base_url (fake), n);

  g_print ("bare libsoup POST (reference): %8.1f us per request (%u requests, loopback fake)\n", bare, n);
  g_print ("TbTwilioProvider send:          %8.1f us per send\n", provider);
  g_print ("ratio provider / reference:     %8.2f\n", provider / bare);
  g_print ("the fake stored %u messages\n", tb_fake_twilio_count_messages (fake));

  bench_simulator (n * 20);
  return 0;
}
