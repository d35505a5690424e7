/* bench-store-queries.c: the texting screen's queries at a million contacts
 *
 *   bench-store-queries [CONTACTS] [RUNS] [DB]
 *
 * Builds a campaign of CONTACTS (default 1,000,000) in a temporary
 * database (or in DB, kept and reused by later runs: a million contacts
 * take a while to build), then times each query RUNS times (default 2000) and prints the
 * median and the 99th percentile. First names are 33 common ones (as in
 * the generated import file: `mar` matches 4 in 33, `j` 7, `a` 4); last
 * names are unique (a rare name); a third of the phones are +1206.
 * Searches are timed fewer times (SLOW_RUNS), and so is the query the
 * store used before (every match collected before the first page,
 * printed as "old:"), in the same process. The reference, timed the same way in the
 * same process, is a lookup of one contact by its primary key: the cheapest
 * query SQLite can answer. Prints figures only; never fails for being slow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tb-contact-list-model.h"
#include "tb-store-private.h"

typedef gint64 (*QueryFunc) (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand);

#define SLOW_RUNS 30u

static const char *first_names[] = {
  "Maria", "Mark", "Marcus", "Martha", "James", "John", "Jennifer", "Joseph", "Jessica", "Julia",
  "Jose", "Anna", "Aaron", "Amy", "Andrew", "Robert", "Michael", "William", "David", "Richard",
  "Thomas", "Charles", "Daniel", "Matthew", "Linda", "Susan", "Karen", "Nancy", "Lisa", "Betty",
  "Sandra", "Donna", "Carol",
};

/* The search the next SearchFunc times. */
static const char *bench_search;

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
  g_autofree char *prefix = g_strdup_printf ("%03d00", g_rand_int_range (rand, 300, 900));
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, prefix, 0, 50, NULL);
  return page->len;
}

static gint64
name_search (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autofree char *prefix = g_strdup_printf ("L%d", g_rand_int_range (rand, 1000, 100000));
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, prefix, 0, 50, NULL);
  return page->len;
}

/* bench_search's first page of 50, in the whole campaign. */
static gint64
search_first_page (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, bench_search, 0, 50, NULL);
  return page->len;
}

/* …in the queue of contacts needing a first text, 200 rows (the list
 * model's page). */
static gint64
search_queue_page (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, bench_search, 0,
                           TB_CONTACT_LIST_MODEL_PAGE_SIZE, NULL);
  return page->len;
}

/* …in a queue with no contact (needs a reply): every match is looked at. */
static gint64
search_empty_queue_page (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_NEEDS_REPLY, bench_search, 0,
                           TB_CONTACT_LIST_MODEL_PAGE_SIZE, NULL);
  return page->len;
}

/* A later page of 50: keyset from a random id. */
static gint64
search_later_page (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  g_autoptr(GPtrArray) page =
    tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, bench_search,
                           g_rand_int_range (rand, 0, (gint32) (n / 2)), 50, NULL);
  return page->len;
}

/* The exact count, as the worker runs it (here on the store's connection). */
static gint64
search_count (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  return tb_store_contact_count (store, campaign_id, TB_CONTACT_STATUS_ANY, bench_search, NULL);
}

/* The first page as the store read it before: every match collected
 * (id IN (…)) before the first row. */
static gint64
old_first_page (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  sqlite3 *db = tb_store_get_db (store);
  gboolean phone = bench_search[0] == '+';
  g_autofree char *match = g_strdup_printf ("\"%s\"*", bench_search);
  const char *sql = phone
    ? "SELECT " TB_CONTACT_SQL_COLUMNS " FROM contact WHERE contact.campaign_id = ?1"
      " AND contact.id IN (SELECT id FROM contact WHERE phone >= ?2 AND phone < ?2 || ';' AND campaign_id = ?1)"
      " AND contact.id > 0 ORDER BY contact.id LIMIT 50"
    : "SELECT " TB_CONTACT_SQL_COLUMNS " FROM contact WHERE contact.campaign_id = ?1"
      " AND contact.id IN (SELECT rowid FROM contact_name WHERE contact_name MATCH ?2 AND rowid > 0)"
      " AND contact.id > 0 ORDER BY contact.id LIMIT 50";
  sqlite3_stmt *stmt = NULL;
  gint64 rows = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_text (stmt, 2, phone ? bench_search : match, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (stmt);
  return rows;
}

/* Runs the main loop until done (a model's condition), returning the
 * longest single dispatch: how long the main thread was busy at once. */
static double
dispatch_until (gboolean (*done) (TbContactListModel *model),
                TbContactListModel *model)
{
  double longest = 0;

  while (!done (model))
    {
      gint64 d0;

      if (!g_main_context_pending (NULL))
        {
          g_usleep (100);
          continue;
        }
      d0 = g_get_monotonic_time ();
      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, (double) (g_get_monotonic_time () - d0) / 1000.0);
    }
  return longest;
}

static gboolean
search_shown (TbContactListModel *model)
{
  return tb_contact_list_model_shows_search (model);
}

static gboolean
search_read (TbContactListModel *model)
{
  return !tb_contact_list_model_is_counting (model);
}

/* The list model on a search, as typing sets it: the main thread's time
 * for the keystroke and for the first page (read by id), and when the
 * first rows and the last arrive from the worker. */
static void
time_model_search (TbStore    *store,
                   gint64      campaign_id,
                   const char *search)
{
  g_autoptr(TbContactListModel) model = tb_contact_list_model_new (store, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  g_autoptr(GObject) item = NULL;
  g_autofree char *name = g_strdup_printf ("list model: search `%s`", search);
  gint64 t0 = g_get_monotonic_time ();
  double keystroke_ms, first_ms, page_ms, total_ms, longest;
  gint64 t1;

  tb_contact_list_model_set_search (model, search);
  keystroke_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  longest = dispatch_until (search_shown, model);
  first_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  t1 = g_get_monotonic_time ();
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  page_ms = (double) (g_get_monotonic_time () - t1) / 1000.0;
  longest = MAX (longest, dispatch_until (search_read, model));
  total_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  printf ("%-34s keystroke %6.3f ms, first page read %6.3f ms, longest dispatch %6.3f ms (main thread); "
          "first rows after %7.3f ms, all %u after %8.3f ms\n", name,
          keystroke_ms, page_ms, longest, first_ms, g_list_model_get_n_items (G_LIST_MODEL (model)), total_ms);
}

/* Typing "m", "ma", "mar", "mari", "maria" one frame apart, reading the
 * first row whenever it changes as a list view would: the longest the
 * main thread was busy at once; the earlier searches are cancelled. */
static void
time_model_typing (TbStore *store,
                   gint64   campaign_id)
{
  static const char *typed[] = { "m", "ma", "mar", "mari", "maria" };
  g_autoptr(TbContactListModel) model = tb_contact_list_model_new (store, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  double worst = 0;
  gint64 t0;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gint64 start = g_get_monotonic_time ();

      tb_contact_list_model_set_search (model, typed[i]);
      worst = MAX (worst, (double) (g_get_monotonic_time () - start) / 1000.0);
      /* a frame later */
      while (g_get_monotonic_time () - start < 16000)
        {
          gint64 d0 = g_get_monotonic_time ();
          g_autoptr(GObject) item = NULL;

          if (!g_main_context_pending (NULL))
            {
              g_usleep (100);
              continue;
            }
          g_main_context_iteration (NULL, FALSE);
          item = g_list_model_get_item (G_LIST_MODEL (model), 0);
          worst = MAX (worst, (double) (g_get_monotonic_time () - d0) / 1000.0);
        }
    }
  t0 = g_get_monotonic_time ();
  worst = MAX (worst, dispatch_until (search_read, model));
  printf ("%-34s longest main thread block %7.3f ms, %u rows %7.3f ms after the last\n", "list model: typing `maria`",
          worst, g_list_model_get_n_items (G_LIST_MODEL (model)),
          (double) (g_get_monotonic_time () - t0) / 1000.0);
}

/* ---- Typing in the search box, per queue ------------------------------ */

#define SEARCH_RUNS 9u

typedef struct {
  TbContactStatus status;
  const char     *name;
} BenchQueue;

static const BenchQueue bench_queues[] = {
  { TB_CONTACT_STATUS_ANY, "all (1M)" },
  { TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, "needs first text (89%)" },
  { TB_CONTACT_STATUS_WAITING, "waiting (10%)" },
  { TB_CONTACT_STATUS_CLOSED, "closed (0.9%)" },
  { TB_CONTACT_STATUS_NEEDS_REPLY, "needs reply (empty)" },
};

typedef struct {
  gint64 t0;
  double first_rows_ms;  /* until the first items-changed */
} Typed;

/* What a list view does with the first rows: reads the visible ones. */
static void
on_bench_items_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Typed      *typed)
{
  if (position == 0 && typed->first_rows_ms < 0)
    {
      for (guint i = 0; i < MIN (added, 30u); i++)
        g_clear_object (&(GObject *) { g_list_model_get_item (model, i) });
      typed->first_rows_ms = (double) (g_get_monotonic_time () - typed->t0) / 1000.0;
    }
}

static double
median_of (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

/* The first page of 200 as the list model read it on the main thread
 * before: a name search in a queue under an eighth of the campaign
 * collected every match (`id IN (…)`) and looked each up in the queue;
 * any other search is read as tb_store_contact_page() still reads it. */
static guint
old_model_first_page (TbStore         *store,
                      gint64           campaign_id,
                      TbContactStatus  status,
                      const char      *search)
{
  sqlite3 *db = tb_store_get_db (store);
  g_autofree char *match = g_strdup_printf ("\"%s\"*", search);
  sqlite3_stmt *stmt = NULL;
  TbQueueCounts counts;
  guint rows = 0;

  tb_store_contact_counts (store, campaign_id, &counts, NULL);
  if (search[0] == '+' || status == TB_CONTACT_STATUS_ANY || counts.by_status[status] * 8 >= counts.total)
    {
      g_autoptr(GPtrArray) page = tb_store_contact_page (store, campaign_id, status, search, 0,
                                                         TB_CONTACT_LIST_MODEL_PAGE_SIZE, NULL);
      return page->len;
    }
  if (sqlite3_prepare_v2 (db, "SELECT " TB_CONTACT_SQL_COLUMNS " FROM contact INDEXED BY contact_queue"
                              " WHERE contact.campaign_id = ?1 AND contact.status = ?2"
                              " AND contact.id IN (SELECT rowid FROM contact_name WHERE contact_name MATCH ?3 AND rowid > 0)"
                              " AND contact.id > 0 ORDER BY contact.id LIMIT 200", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_text (stmt, 3, match, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(TbContact) contact = tb_contact_new_from_row (stmt);
      rows++;
    }
  sqlite3_finalize (stmt);
  return rows;
}

static void
time_search_per_queue (TbStore          *store,
                       gint64            campaign_id,
                       const char       *search,
                       const BenchQueue *queue,
                       guint             runs)
{
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync_page = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keystroke = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) block = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_rows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_rows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(TbContactListModel) model = tb_contact_list_model_new (store, campaign_id, queue->status);
  g_autofree char *name = g_strdup_printf ("`%s`, %s", search, queue->name);
  Typed typed = { 0, -1 };
  guint rows = 0;
  double b, k;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_bench_items_changed), &typed);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) page = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms, longest;

      /* Before: the first page of 200 on the main thread, as the list
       * read it (the count then went to a worker). */
      old_model_first_page (store, campaign_id, queue->status, search);
      ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (before, ms);

      /* The same page read now (a fallback of the model, and the CLI). */
      t0 = g_get_monotonic_time ();
      page = tb_store_contact_page (store, campaign_id, queue->status, search, 0,
                                    TB_CONTACT_LIST_MODEL_PAGE_SIZE, NULL);
      ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (sync_page, ms);

      /* Now: the keystroke, then every main loop dispatch until the last
       * row is known (the longest is what a frame waits for). */
      tb_contact_list_model_set_search (model, NULL);
      typed.first_rows_ms = -1;
      typed.t0 = t0 = g_get_monotonic_time ();
      tb_contact_list_model_set_search (model, search);
      ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (keystroke, ms);
      longest = ms;
      while (tb_contact_list_model_is_counting (model))
        {
          gint64 d0;

          if (!g_main_context_pending (NULL))
            {
              g_usleep (100);
              continue;
            }
          d0 = g_get_monotonic_time ();
          g_main_context_iteration (NULL, FALSE);
          longest = MAX (longest, (double) (g_get_monotonic_time () - d0) / 1000.0);
        }
      ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (all_rows, ms);
      g_array_append_val (block, longest);
      g_array_append_val (first_rows, typed.first_rows_ms);
      rows = g_list_model_get_n_items (G_LIST_MODEL (model));
    }
  b = median_of (before);
  k = median_of (block);
  printf ("%-38s before %7.3f ms | now: keystroke %6.3f ms, longest block %6.3f ms (%5.1fx shorter), "
          "first rows after %7.3f ms (-1: none), all %7u after %8.3f ms | the page alone now %7.3f ms\n",
          name, b, median_of (keystroke), k, b / k, median_of (first_rows), rows, median_of (all_rows),
          median_of (sync_page));
  g_signal_handlers_disconnect_by_data (model, &typed);
}

static gint64
queue_first_text (TbStore *store, gint64 campaign_id, gint64 n, GRand *rand)
{
  static guint presses;
  g_autoptr(TbContact) contact = tb_store_contact_next_first_text (store, campaign_id, 0, NULL);
  g_autofree char *press = g_strdup_printf ("bench-%" G_GINT64_FORMAT "-%u", g_get_real_time (), presses++);

  return tb_store_message_queue_first_text (store, tb_contact_get_id (contact), "Hi there, it's Ada",
                                            1, 0, press, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gint64 n = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 1000000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2000;
  const char *kept = argc > 3 ? argv[3] : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TbStore) store = NULL;
  g_autofree char *sql = NULL;
  gboolean reuse = kept != NULL && g_file_test (kept, G_FILE_TEST_EXISTS);
  gint64 campaign_id;
  gint64 start;
  double reference;

  if (kept != NULL)
    path = g_strdup (kept);
  else
    {
      dir = g_dir_make_tmp ("bench-store-queries-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "textbank.db", NULL);
    }
  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  if (reuse)
    {
      g_autoptr(GPtrArray) campaigns = tb_store_campaign_list (store, TB_CAMPAIGN_STATE_ANY, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (campaigns->len, >, 0);
      campaign_id = tb_campaign_get_id (campaigns->pdata[0]);
      n = tb_store_contact_count (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, &error);
      g_assert_no_error (error);
      printf ("# %s: %" G_GINT64_FORMAT " contacts, kept from an earlier run; %u runs each\n", path, n, runs);
    }
  else
    {
      campaign_id = tb_store_campaign_create (store, "Bench", NULL, NULL, FALSE, &error);
      tb_store_texter_add (store, "Ada", NULL, FALSE, &error);
      g_assert_no_error (error);

      /* A million contacts, a tenth of them already texted (waiting), one
       * in a hundred closed (a small queue); nobody needs a reply (an
       * empty one). */
      start = g_get_monotonic_time ();
      {
        g_autoptr(GString) names = g_string_new ("[");

        for (guint i = 0; i < G_N_ELEMENTS (first_names); i++)
          g_string_append_printf (names, "%s\"%s\"", i > 0 ? "," : "", first_names[i]);
        g_string_append_c (names, ']');
        sql = g_strdup_printf ("BEGIN;"
                               "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %" G_GINT64_FORMAT ") "
                               "INSERT INTO contact (campaign_id, phone, first_name, last_name, status, updated_at) "
                               "SELECT %" G_GINT64_FORMAT ","
                               "  printf ('+1%%03d%%07d', CASE WHEN i %% 3 = 0 THEN 206 ELSE 300 + i %% 600 END, i),"
                               "  json_extract ('%s', printf ('$[%%d]', i %% %u)), 'L' || i,"
                               "  CASE WHEN i %% 10 = 3 THEN 1 WHEN i %% 100 = 7 THEN 3 ELSE 0 END, 1 FROM n;"
                               "COMMIT; ANALYZE;",
                               n, campaign_id, names->str, (guint) G_N_ELEMENTS (first_names));
      }
      if (sqlite3_exec (tb_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
        g_error ("%s", sqlite3_errmsg (tb_store_get_db (store)));
      printf ("# %" G_GINT64_FORMAT " contacts built in %.1f s; %u runs each\n",
              n, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC, runs);
    }

  /* The search box, per queue: the first page on the main thread as the
   * list read it before, against the list model reading it in a worker. */
  {
    static const char *typed[] = { "mar", "j", "+1206" };

    printf ("# typing a search, per queue: the main thread's longest block (median of %u)\n", MIN (runs, SEARCH_RUNS));
    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      for (guint q = 0; q < G_N_ELEMENTS (bench_queues); q++)
        time_search_per_queue (store, campaign_id, typed[i], &bench_queues[q], MIN (runs, SEARCH_RUNS));
  }
  if (g_getenv ("BENCH_SEARCH_ONLY") != NULL)
    return 0;

  reference = time_query ("contact by primary key", by_primary_key, store, campaign_id, n, runs, 0);
  time_query ("next contact needing a first text", next_first_text, store, campaign_id, n, runs, reference);
  time_query ("page of 200, needs first text", page_of_200, store, campaign_id, n, runs, reference);
  time_query ("page of 200, waiting", page_of_waiting, store, campaign_id, n, runs, reference);
  time_query ("counts per queue", counts, store, campaign_id, n, runs, reference);
  time_query ("search by phone prefix (50)", phone_search, store, campaign_id, n, runs, reference);
  time_query ("search by name prefix (50)", name_search, store, campaign_id, n, runs, reference);
  {
    static const char *searches[] = { "mar", "j", "a", "+1206", "+1", "L123456" };
    guint slow = MIN (runs, SLOW_RUNS);

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autofree char *first = g_strdup_printf ("search `%s`: first 50", searches[i]);
        g_autofree char *queue = g_strdup_printf ("search `%s`: queue, first 200", searches[i]);
        g_autofree char *later = g_strdup_printf ("search `%s`: later 50", searches[i]);
        g_autofree char *empty = g_strdup_printf ("search `%s`: empty queue", searches[i]);
        g_autofree char *count = g_strdup_printf ("search `%s`: count (%" G_GINT64_FORMAT ")", searches[i],
                                                  tb_store_contact_count (store, campaign_id, TB_CONTACT_STATUS_ANY,
                                                                          searches[i], NULL));
        g_autofree char *old = g_strdup_printf ("old: search `%s`: first 50", searches[i]);

        bench_search = searches[i];
        time_query (first, search_first_page, store, campaign_id, n, slow, reference);
        time_query (queue, search_queue_page, store, campaign_id, n, slow, reference);
        time_query (later, search_later_page, store, campaign_id, n, slow, reference);
        time_query (empty, search_empty_queue_page, store, campaign_id, n, MIN (slow, 5u), reference);
        time_query (count, search_count, store, campaign_id, n, MIN (slow, 5u), reference);
        if (strcmp (searches[i], "+1") != 0)
          time_query (old, old_first_page, store, campaign_id, n, MIN (slow, 5u), reference);
      }
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      time_model_search (store, campaign_id, searches[i]);
    time_model_typing (store, campaign_id);
  }
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
  if (dir != NULL)
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
