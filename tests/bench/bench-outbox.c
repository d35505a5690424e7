/* bench-outbox.c: what a Send press costs on the main thread
 *
 *   bench-outbox [N]
 *
 * Times N tb_outbox_submit() calls (the whole press: texter, opt-out and
 * texting-hours checks, the queued row) against the store's bare insert
 * (tb_store_message_queue_outbound) in the same process, then how long the
 * outbox takes to send them all through the simulator with no rate limit.
 * Prints figures; never fails for being slow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdlib.h>

#include "tb-session.h"
#include "tb-session-test-util.h"
#include "tb-simulator-provider.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
print_figures (const char *what,
               GArray     *times,
               double     *median_out)
{
  gint64 *t = (gint64 *) (gpointer) times->data;
  guint n = times->len;

  g_array_sort (times, compare_gint64);
  *median_out = (double) t[n / 2];
  g_print ("%-34s median %7.1f us   p90 %7.1f us   p99 %7.1f us   max %7.1f us\n",
           what, (double) t[n / 2], (double) t[n * 9 / 10], (double) t[n * 99 / 100],
           (double) t[n - 1]);
}

static gint64
make_campaign (TbStore *store,
               guint    n,
               GArray  *contact_ids)
{
  g_autoptr(GError) error = NULL;
  gint64 campaign_id;

  campaign_id = tb_store_campaign_create (store, "Bench", NULL, "+15005550006", FALSE, &error);
  g_assert_no_error (error);
  tb_store_campaign_update (store, campaign_id, NULL, NULL, NULL, 0, 24 * 60, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *phone = g_strdup_printf ("+1303%07u", 2000000 + i);
      gint64 id = tb_store_contact_add (store, campaign_id, phone, "Bench", "Person", "80202",
                                        "America/Denver", NULL, &error);

      g_assert_no_error (error);
      g_array_append_val (contact_ids, id);
    }
  return campaign_id;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("textbank-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pressed = g_array_new (FALSE, FALSE, sizeof (gint64));
  TbOutbox *outbox;
  double bare_median, press_median;
  gint64 texter_id;
  gint64 start;

  g_assert_no_error (error);
  n = MAX (n, 10);
  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  /* Twice n contacts: the first half for the bare inserts. */
  make_campaign (store, 2 * n, contacts);

  simulator = tb_simulator_provider_new (1);
  session = tb_session_new (store, TB_PROVIDER (simulator));
  outbox = tb_session_get_outbox (session);
  tb_outbox_set_rate_per_second (outbox, 0);
  tb_session_sign_in_by_name (session, "Bench", &error);
  g_assert_no_error (error);
  texter_id = tb_session_get_texter_id (session);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *press = g_strdup_printf ("bare-%u", i);
      gint64 t0 = g_get_monotonic_time (), dt;

      tb_store_message_queue_outbound (store, g_array_index (contacts, gint64, i), "Hello", texter_id,
                                       g_get_real_time (), press, &error);
      dt = g_get_monotonic_time () - t0;
      g_assert_no_error (error);
      g_array_append_val (bare, dt);
    }

  /* The presses, with no main loop running: the network work waits. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *press = g_strdup_printf ("press-%u", i);
      gint64 t0 = g_get_monotonic_time (), dt;

      tb_outbox_submit (outbox, g_array_index (contacts, gint64, n + i), "Hello", press, &error);
      dt = g_get_monotonic_time () - t0;
      g_assert_no_error (error);
      g_array_append_val (pressed, dt);
    }

  g_print ("%u presses, %u contacts, SQLite file in %s\n", n, 2 * n, g_get_tmp_dir ());
  print_figures ("store insert alone (reference)", bare, &bare_median);
  print_figures ("tb_outbox_submit (the press)", pressed, &press_median);
  g_print ("press / reference: %.2f\n", press_median / MAX (bare_median, 1.0));

  start = g_get_monotonic_time ();
  while (!tb_outbox_is_idle (outbox))
    g_main_context_iteration (NULL, TRUE);
  g_print ("sent %u through the simulator (no rate limit) in %.0f ms: %.0f messages/s\n", n,
           (g_get_monotonic_time () - start) / 1000.0,
           n / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC));

  g_clear_object (&session);
  g_clear_object (&store);
  test_remove_tree (dir);
  return 0;
}
