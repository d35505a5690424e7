/* bench-stats.c: how long the stats page's refresh blocks the main loop on a
 * big campaign, against the same figures read on the main thread (what the
 * page did before its reads moved to a worker) in the same process
 *
 *   bench-stats [CONTACTS [SENDS]]
 *
 * The page's refresh only starts a worker's read: the figures are the
 * refresh call itself, the longest main-loop iteration until the figures
 * are drawn (drawing them included), and how long that took.
 *
 * Prints figures; never fails for being slow. Needs a display (xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-stats-page.h"
#include "tb-store-import.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint contacts = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint sends = argc > 2 ? (guint) atoi (argv[2]) : 20000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tb-bench-stats-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "contacts.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("first_name,last_name,phone,zip\n");
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) call_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) block_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_thread_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) page = NULL;
  GtkWidget *window, *stats;
  gint64 campaign_id, texter_id, after_id = 0, start;
  guint sent = 0;

  gtk_init ();
  adw_init ();

  for (guint i = 0; i < contacts; i++)
    g_string_append_printf (csv, "P%u,Q%u,+1512%03u%04u,78701\n", i, i % 97, 200 + i / 10000, i % 10000);
  g_file_set_contents (csv_path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);

  store = tb_store_open (db_path, &error);
  g_assert_no_error (error);
  campaign_id = tb_store_campaign_create (store, "Bench", "", "+15125550100", FALSE, &error);
  g_assert_no_error (error);
  texter_id = tb_store_texter_add (store, "Bench texter", NULL, FALSE, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (csv_path);
  report = tb_store_import_sync (store, campaign_id, file, NULL, NULL, &error);
  g_assert_no_error (error);

  /* First texts spread over the last 12 hours. */
  while (sent < sends)
    {
      page = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, NULL, after_id, 1000,
                                    &error);
      g_assert_no_error (error);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len && sent < sends; i++, sent++)
        {
          TbContact *contact = g_ptr_array_index (page, i);
          g_autofree char *press = g_strdup_printf ("press-%u", sent);

          tb_store_message_queue_first_text (store, tb_contact_get_id (contact), "Hi", texter_id,
                                             g_get_real_time () - (gint64) (sent % 720) * 60 * G_USEC_PER_SEC,
                                             press, &error);
          g_assert_no_error (error);
          after_id = tb_contact_get_id (contact);
        }
      g_clear_pointer (&page, g_ptr_array_unref);
    }

  window = gtk_window_new ();
  stats = tb_stats_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), stats);
  gtk_window_present (GTK_WINDOW (window));
  tb_stats_page_set_campaign (TB_STATS_PAGE (stats), store, campaign_id);

  while (tb_stats_page_is_refresh_pending (TB_STATS_PAGE (stats)))
    g_main_context_iteration (NULL, TRUE);

  for (guint round = 0; round < 9; round++)
    {
      double ms, longest = 0;

      start = g_get_monotonic_time ();
      tb_stats_page_refresh (TB_STATS_PAGE (stats));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (call_times, ms);
      /* Only iterations that dispatched something count: a blocking
       * iteration would count the idle wait for the worker. */
      while (tb_stats_page_is_refresh_pending (TB_STATS_PAGE (stats)))
        {
          gint64 before = g_get_monotonic_time ();

          if (g_main_context_iteration (NULL, FALSE))
            longest = MAX (longest, (g_get_monotonic_time () - before) / 1000.0);
          else
            g_usleep (100);
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (drawn_times, ms);
      g_array_append_val (block_times, longest);

      /* The reference: the reads the page made on the main thread before,
       * in its usual refresh (the figures and the sends of the current hour;
       * it read the 11 hours before again only every 5 minutes). */
      start = g_get_monotonic_time ();
      {
        TbQueueCounts counts;
        TbCampaignStats campaign_stats;
        g_autoptr(GPtrArray) texters = NULL;

        tb_store_contact_counts (store, campaign_id, &counts, NULL);
        tb_store_stats_campaign (store, campaign_id, 0, &campaign_stats, NULL);
        texters = tb_store_stats_texters (store, campaign_id, 0, NULL);
        tb_store_stats_campaign (store, campaign_id, g_get_real_time () - (gint64) 1800 * G_USEC_PER_SEC,
                                 &campaign_stats, NULL);
      }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (main_thread_times, ms);
    }
  /* Where the time goes. */
  {
    TbCampaignStats campaign_stats;
    g_autoptr(GPtrArray) texters = NULL;

    start = g_get_monotonic_time ();
    tb_store_stats_campaign (store, campaign_id, 0, &campaign_stats, NULL);
    printf ("  campaign figures, all time: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0);
    start = g_get_monotonic_time ();
    tb_store_stats_campaign (store, campaign_id, g_get_real_time () - (gint64) 3600 * G_USEC_PER_SEC, &campaign_stats, NULL);
    printf ("  campaign figures, last hour: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0);
    start = g_get_monotonic_time ();
    texters = tb_store_stats_texters (store, campaign_id, 0, NULL);
    printf ("  texter figures: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  }
  g_array_sort (call_times, compare_doubles);
  g_array_sort (block_times, compare_doubles);
  g_array_sort (drawn_times, compare_doubles);
  g_array_sort (main_thread_times, compare_doubles);

#define MEDIAN(array) g_array_index ((array), double, (array)->len / 2)
  printf ("campaign: %u contacts, %u first texts over 12 hours\n", contacts, sent);
  printf ("stats page refresh (medians of %u rounds): the call %.3f ms; longest main-loop iteration "
          "until drawn %.2f ms (max %.2f); figures drawn after %.2f ms\n",
          call_times->len, MEDIAN (call_times), MEDIAN (block_times),
          g_array_index (block_times, double, block_times->len - 1), MEDIAN (drawn_times));
  printf ("reference, the same figures read on the main thread: median %.2f ms\n", MEDIAN (main_thread_times));
  printf ("ratio, main thread blocked now / before: %.3f\n",
          MAX (MEDIAN (call_times), MEDIAN (block_times)) / MAX (MEDIAN (main_thread_times), 0.001));
#undef MEDIAN

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
    g_unlink (db_path);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (csv_path);
    g_rmdir (dir);
  }

  return 0;
}
