/* bench-store-queries.c: the texting screen's queries at a million contacts
 *
 *   bench-store-queries [CONTACTS] [RUNS]
 *
 * Builds a campaign of CONTACTS (default 1,000,000) in a temporary
 * database, then times each query RUNS times (default 2000) and prints the
 * median and the 99th percentile. The reference, timed the same way in the
 * same process, is a lookup of one contact by its primary key: the cheapest
 * query SQLite can answer. Prints figures only; never fails for being slow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-contact-list-model.h"
#include "tb-store-private.h"

typedef gint64 (*QueryFunc) (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
time_query (const char *name,
            QueryFunc   func,
            TbStore    *store,
            gint64      campaign_id,
            gint64      n,
            guint       runs,
            double      reference)
{
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (double), runs);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  double median, p99;

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      func (store, campaign_id, n, rand);
      elapsed = (double) (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, elapsed);
    }
  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, runs / 2);
  p99 = g_array_index (times, double, (runs * 99) / 100);
  if (reference > 0)
    printf ("%-34s median %7.3f ms  p99 %7.3f ms  %6.1fx the reference\n", name, median, p99, median / reference);
  else
    printf ("%-34s median %7.3f ms  p99 %7.3f ms  (reference)\n", name, median, p99);
  return median;
}

static gint64
by_primary_key (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(TbContact) contact = tb_store_contact_get (store, g_rand_int_range (rand, 1, (gint32) n), NULL);
  return contact != NULL;
}

static gint64
next_first_text (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(TbContact) contact =
    tb_store_contact_next_first_text (store, campaign_id, g_rand_int_range (rand, 0, (gint32) n), NULL);
  return contact != NULL;
}

static gint64
page_of_200 (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, NULL,
                           g_rand_int_range (rand, 0, (gint32) n), 200, NULL);
  return page->len;
}

static gint64
page_of_waiting (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_WAITING, NULL,
                           g_rand_int_range (rand, 0, (gint32) n), 200, NULL);
  return page->len;
}

static gint64
counts (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  TbQueueCounts counts;
  tb_store_contact_counts (store, campaign_id, &counts, NULL);
  return counts.total;
}

static gint64
phone_search (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autofree char *prefix = g_strdup_printf ("200%03d", g_rand_int_range (rand, 0, 1000));
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, prefix, 0, 50, NULL);
  return page->len;
}

static gint64
name_search (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autofree char *prefix = g_strdup_printf ("F%d", g_rand_int_range (rand, 1000, 100000));
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, prefix, 0, 50, NULL);
  return page->len;
}

static gint64
queue_first_text (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  static guint presses;
  g_autoptr(TbContact) contact = tb_store_contact_next_first_text (store, campaign_id, 0, NULL);
  g_autofree char *press = g_strdup_printf ("bench-%u", presses++);

  return tb_store_message_queue_first_text (store, tb_contact_get_id (contact), "Hi there, it's Ada",
                                            1, 0, press, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gint64 n = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 1000000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-store-queries-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "textbank.db", NULL);
  g_autoptr(TbStore) store = NULL;
  g_autofree char *sql = NULL;
  gint64 campaign_id;
  gint64 start;
  double reference;

  g_assert_no_error (error);
  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  campaign_id = tb_store_campaign_create (store, "Bench", NULL, NULL, FALSE, &error);
  tb_store_texter_add (store, "Ada", NULL, FALSE, &error);
  g_assert_no_error (error);

  /* A million contacts, a tenth of them already texted (waiting). */
  start = g_get_monotonic_time ();
  sql = g_strdup_printf ("BEGIN;"
                         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %" G_GINT64_FORMAT ") "
                         "INSERT INTO contact (campaign_id, phone, first_name, last_name, status, updated_at) "
                         "SELECT %" G_GINT64_FORMAT ", printf ('+1%%010d', 2000000000 + i), 'F' || i, 'L' || i,"
                         "  CASE WHEN i %% 10 = 3 THEN 1 ELSE 0 END, 1 FROM n;"
                         "COMMIT; ANALYZE;",
                         n, campaign_id);
  if (sqlite3_exec (tb_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (tb_store_get_db (store)));
  printf ("# %" G_GINT64_FORMAT " contacts built in %.1f s; %u runs each\n",
          n, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC, runs);

  reference = time_query ("contact by primary key", by_primary_key, store, campaign_id, n, runs, 0);
  time_query ("next contact needing a first text", next_first_text, store, campaign_id, n, runs, reference);
  time_query ("page of 200, needs first text", page_of_200, store, campaign_id, n, runs, reference);
  time_query ("page of 200, waiting", page_of_waiting, store, campaign_id, n, runs, reference);
  time_query ("counts per queue", counts, store, campaign_id, n, runs, reference);
  time_query ("search by phone prefix (50)", phone_search, store, campaign_id, n, runs, reference);
  time_query ("search by name prefix (50)", name_search, store, campaign_id, n, runs, reference);
  time_query ("queue a first text (one press)", queue_first_text, store, campaign_id, n, MIN (runs, 1000u), reference);

  /* The list model: open the queue, jump to the middle and the end. */
  {
    g_autoptr(TbContactListModel) model = NULL;
    g_autoptr(GObject) item = NULL;
    gint64 t0 = g_get_monotonic_time ();

    model = tb_contact_list_model_new (store, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
    item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    printf ("%-34s %7.3f ms (n_items %u)\n", "list model: open + first row",
            (double) (g_get_monotonic_time () - t0) / 1000.0, g_list_model_get_n_items (G_LIST_MODEL (model)));
    g_clear_object (&item);
    t0 = g_get_monotonic_time ();
    item = g_list_model_get_item (G_LIST_MODEL (model), g_list_model_get_n_items (G_LIST_MODEL (model)) / 2);
    printf ("%-34s %7.3f ms\n", "list model: jump to the middle", (double) (g_get_monotonic_time () - t0) / 1000.0);
    g_clear_object (&item);
    t0 = g_get_monotonic_time ();
    item = g_list_model_get_item (G_LIST_MODEL (model), g_list_model_get_n_items (G_LIST_MODEL (model)) / 2 + 300);
    printf ("%-34s %7.3f ms\n", "list model: next page from there", (double) (g_get_monotonic_time () - t0) / 1000.0);
    printf ("%-34s %u\n", "list model: pages held", tb_contact_list_model_get_n_loaded_pages (model));
  }

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
  return 0;
}
