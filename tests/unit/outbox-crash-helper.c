/* outbox-crash-helper.c: the child of test-outbox-crash
 *
 *   outbox-crash-helper DATABASE API_BASE N PRESS_INTERVAL_MS
 *
 * Presses Send for N contacts (press ids "crash-press-I", so a press made
 * again after a restart is the same press) and sends them to a fake Twilio,
 * resuming whatever an earlier run left. The parent kills it at random
 * points; a run that is not killed exits 0 once nothing is in flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "tb-fake-twilio.h"
#include "tb-session.h"
#include "tb-twilio-provider.h"

#define SENDER "+12025550199"

static gint64
ensure_campaign (TbStore *store,
                 guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = tb_store_campaign_list (store, TB_CAMPAIGN_STATE_ANY, &error);
  gint64 campaign_id;

  g_assert_no_error (error);
  if (campaigns->len > 0)
    {
      campaign_id = tb_campaign_get_id (g_ptr_array_index (campaigns, 0));
    }
  else
    {
      campaign_id = tb_store_campaign_create (store, "Crash test", NULL, SENDER, FALSE, &error);
      g_assert_no_error (error);
      tb_store_campaign_update (store, campaign_id, NULL, NULL, NULL, 0, 24 * 60, &error);
      g_assert_no_error (error);
    }

  /* A run killed half way through this left some: the rest are added. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *phone = g_strdup_printf ("+1303555%04u", 1000 + i);
      g_autoptr(GError) local_error = NULL;

      if (tb_store_contact_add (store, campaign_id, phone, "Crash", "Test", "80202",
                                "America/Denver", NULL, &local_error) <= 0)
        g_assert_error (local_error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE);
    }
  return campaign_id;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbCredentials) credentials = NULL;
  g_autoptr(TbTwilioProvider) twilio = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  TbOutbox *outbox;
  gint64 campaign_id;
  gint64 press_interval;
  gint64 end;
  guint n;

  if (argc != 5)
    {
      g_printerr ("usage: %s DATABASE API_BASE N PRESS_INTERVAL_MS\n", argv[0]);
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  press_interval = (gint64) g_ascii_strtoull (argv[4], NULL, 10) * 1000;

  store = tb_store_open (argv[1], &error);
  g_assert_no_error (error);
  campaign_id = ensure_campaign (store, n);

  credentials = tb_credentials_new_auth_token (TB_FAKE_TWILIO_ACCOUNT_SID, TB_FAKE_TWILIO_AUTH_TOKEN);
  twilio = tb_twilio_provider_new (credentials, argv[2]);
  tb_twilio_provider_set_timeout (twilio, 2);

  session = tb_session_new (store, TB_PROVIDER (twilio));
  outbox = tb_session_get_outbox (session);
  tb_outbox_set_rate_per_second (outbox, 0);
  tb_outbox_set_settle_time (outbox, 1);
  tb_inbox_sync_set_interval (tb_session_get_inbox_sync (session), 0);
  tb_session_sign_in_by_name (session, "Crash tester", &error);
  g_assert_no_error (error);

  /* What an earlier run left: sending -> unknown -> reconciled; queued -> sent. */
  tb_session_start (session);

  contacts = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, n, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      TbContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *body = g_strdup_printf ("Crash test message %u", i);
      g_autofree char *press_id = g_strdup_printf ("crash-press-%u", i);

      /* The queue shows only people who still need their text. */
      if (tb_contact_get_status (contact) != TB_CONTACT_STATUS_NEEDS_FIRST_TEXT)
        continue;
      if (tb_outbox_submit (outbox, tb_contact_get_id (contact), body, press_id, &error) <= 0)
        {
          g_printerr ("press %u refused: %s\n", i, error->message);
          return 1;
        }
      /* Presses and sends interleave, as when a person works through a queue. */
      end = g_get_monotonic_time () + press_interval;
      do
        {
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (200);
        }
      while (g_get_monotonic_time () < end);
    }

  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!tb_outbox_is_idle (outbox))
    {
      if (g_get_monotonic_time () > end)
        {
          g_printerr ("still %u messages in flight after 60 s\n", tb_outbox_get_sending (outbox));
          return 3;
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return 0;
}
