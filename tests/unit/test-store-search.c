/* test-store-search.c: a search's pages, its count in a worker, and the
 * list model that shows the first page before the count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-store-helpers.h"
#include "tb-contact-list-model.h"
#include "tb-store-private.h"

#define N_CONTACTS 10000

/* N_CONTACTS contacts F<i> L<i>, phone +12000000000 + i, every seventh
 * one WAITING, one in fifty more NEEDING A REPLY (a small queue); and 300 namesakes with the same phones in another
 * campaign, which no search here may return. Ids are consecutive. */
static gint64
add_many (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = tb_store_get_db (fixture->store);
  gint64 other = tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("BEGIN;"
                         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %d) "
                         "INSERT INTO contact (campaign_id, phone, first_name, last_name, status, updated_at) "
                         "SELECT %" G_GINT64_FORMAT ", printf ('+1%%010d', 2000000000 + i), 'F' || i, 'L' || i,"
                         "  CASE WHEN i %% 7 = 3 THEN 1 WHEN i %% 50 = 5 THEN 2 ELSE 0 END, 1 FROM n;"
                         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 300) "
                         "INSERT INTO contact (campaign_id, phone, first_name, last_name, updated_at) "
                         "SELECT %" G_GINT64_FORMAT ", printf ('+1%%010d', 2000000000 + i * 7), 'F' || i, 'L' || i, 1 FROM n;"
                         "COMMIT;",
                         N_CONTACTS, fixture->campaign_id, other);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  return 1;
}

/* Every count task, cancelled or not, holds the store until its callback
 * has run here and its worker has let go of it. */
static void
wait_for_tasks (StoreFixture *fixture)
{
  while (g_atomic_int_get (&G_OBJECT (fixture->store)->ref_count) > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Whether a contact matches, by the rules of the test data (ASCII names). */
static gboolean
matches (TbContact  *contact,
         const char *search)
{
  g_autofree char *digits = NULL;
  const char *space = strchr (search, ' ');

  if (g_ascii_isdigit (search[0]) || search[0] == '+')
    {
      const char *phone = tb_contact_get_phone (contact);

      if (search[0] == '+')
        return g_str_has_prefix (phone, search);
      digits = g_strconcat ("+", search, NULL);
      if (g_str_has_prefix (phone, digits))
        return TRUE;
      g_free (digits);
      digits = g_strconcat ("+1", search, NULL);
      return g_str_has_prefix (phone, digits);
    }
  if (space != NULL)
    {
      g_autofree char *first = g_strndup (search, space - search);

      return g_str_has_prefix (tb_contact_get_first_name (contact), first) &&
             g_str_has_prefix (tb_contact_get_last_name (contact), space + 1);
    }
  return g_str_has_prefix (tb_contact_get_first_name (contact), search) ||
         g_str_has_prefix (tb_contact_get_last_name (contact), search);
}

/* Keyset pages of every plan (the full-text walk, a collected phone
 * prefix, a phone prefix walked in id order) give, page by page, exactly
 * the contacts the count counts, in id order, each matching, in the
 * campaign and queue, with page starts where seek puts them. */
static void
test_search_pages (StoreFixture  *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *search;
    gint64      expected_any;
  } cases[] = {
    { "F", N_CONTACTS },          /* every contact: the full-text walk */
    { "F1", 1111 },               /* F1, F10.., F100.., F1000.. */
    { "L99", 111 },
    { "F12 L12", 111 },           /* F12 L12, F120 L120.., F1200 L1200.. */
    { "F12 L13", 0 },
    { "+1200", N_CONTACTS },      /* more phones than are collected: walked */
    { "1200", N_CONTACTS },       /* the same, typed without the country code */
    { "+12000001", 1000 },        /* collected */
    { "2000009", 1000 },
    { "+1999", 0 },
  };
  /* A queue of 14% of the campaign walks the name matches; one of 1.7%
   * and an empty one collect them. */
  static const TbContactStatus statuses[] = {
    TB_CONTACT_STATUS_ANY, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, TB_CONTACT_STATUS_WAITING,
    TB_CONTACT_STATUS_NEEDS_REPLY, TB_CONTACT_STATUS_CLOSED,
  };
  g_autoptr(GError) error = NULL;

  add_many (fixture);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
      {
        gint64 count = tb_store_contact_count (fixture->store, fixture->campaign_id, statuses[s],
                                               cases[c].search, &error);
        gint64 after = 0;
        gint64 seen = 0;

        g_test_message ("search “%s”, queue %d", cases[c].search, statuses[s]);
        g_assert_no_error (error);
        if (statuses[s] == TB_CONTACT_STATUS_ANY)
          g_assert_cmpint (count, ==, cases[c].expected_any);
        while (TRUE)
          {
            g_autoptr(GPtrArray) rows = tb_store_contact_page (fixture->store, fixture->campaign_id, statuses[s],
                                                               cases[c].search, after, 997, &error);

            g_assert_no_error (error);
            if (rows->len == 0)
              break;
            /* The page starts where seek says it does. */
            g_assert_cmpint (tb_store_contact_seek (fixture->store, fixture->campaign_id, statuses[s],
                                                    cases[c].search, after, 0, &error),
                             ==, tb_contact_get_id (rows->pdata[0]));
            for (guint i = 0; i < rows->len; i++)
              {
                TbContact *contact = rows->pdata[i];

                g_assert_cmpint (tb_contact_get_id (contact), >, after);
                g_assert_cmpint (tb_contact_get_campaign_id (contact), ==, fixture->campaign_id);
                if (statuses[s] != TB_CONTACT_STATUS_ANY)
                  g_assert_cmpint (tb_contact_get_status (contact), ==, statuses[s]);
                g_assert_true (matches (contact, cases[c].search));
                after = tb_contact_get_id (contact);
              }
            seen += rows->len;
          }
        g_assert_cmpint (seen, ==, count);
      }
}

typedef struct {
  gboolean done;
  gint64   count;
  GError  *error;
} CountResult;

static void
on_count (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CountResult *out = user_data;

  out->count = tb_store_contact_count_finish (TB_STORE (source), result, &out->error);
  out->done = TRUE;
}

static gint64
count_async (StoreFixture    *fixture,
             TbContactStatus  status,
             const char      *search,
             GCancellable    *cancellable,
             gboolean         cancel_after_start,
             GError         **error)
{
  CountResult out = { FALSE, 0, NULL };

  tb_store_contact_count_async (fixture->store, fixture->campaign_id, status, search, cancellable, on_count, &out);
  if (cancel_after_start)
    g_cancellable_cancel (cancellable);
  while (!out.done)
    g_main_context_iteration (NULL, TRUE);
  if (out.error != NULL)
    g_propagate_error (error, out.error);
  return out.count;
}

/* The worker's count is the store's count; a cancelled one (before or
 * while it runs) fails with CANCELLED; a query that fails says so. */
static void
test_count_async (StoreFixture  *fixture,
                  gconstpointer  data)
{
  static const char *searches[] = { NULL, "", "F", "F1", "L99", "F12 L12", "+1200", "2000009", "+1999" };
  static const TbContactStatus statuses[] = { TB_CONTACT_STATUS_ANY, TB_CONTACT_STATUS_WAITING };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = tb_store_get_db (fixture->store);

  add_many (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
      {
        gint64 expected = tb_store_contact_count (fixture->store, fixture->campaign_id, statuses[s],
                                                  searches[i], &error);

        g_assert_no_error (error);
        g_assert_cmpint (count_async (fixture, statuses[s], searches[i], NULL, FALSE, &error), ==, expected);
        g_assert_no_error (error);
      }

  /* Cancelled before it starts, and right after. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_cmpint (count_async (fixture, TB_CONTACT_STATUS_ANY, "F", cancellable, FALSE, &error), ==, -1);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_assert_cmpint (count_async (fixture, TB_CONTACT_STATUS_ANY, "F", cancellable, TRUE, &error), ==, -1);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* A count whose query fails: the name index is gone. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE contact_name", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_async (fixture, TB_CONTACT_STATUS_ANY, "F", NULL, FALSE, &error), ==, -1);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_nonnull (strstr (error->message, "count"));
  wait_for_tasks (fixture);
}

/* ---- The ids of a search, in a worker ----------------------------------- */

typedef struct {
  GArray       *ids;       /* every id delivered, in order */
  guint         batches;
  guint         first_len;
  gboolean      done;
  gint64        n;
  GError       *error;
  GCancellable *cancel_at_second;  /* cancelled by the second batch */
  gboolean      after_cancel;      /* a batch came after that */
} Found;

static void
on_found_ids (const gint64 *ids,
              guint         n_ids,
              gpointer      user_data)
{
  Found *found = user_data;

  g_assert_cmpuint (n_ids, >, 0);
  if (found->cancel_at_second != NULL && g_cancellable_is_cancelled (found->cancel_at_second))
    found->after_cancel = TRUE;
  if (found->batches++ == 0)
    found->first_len = n_ids;
  g_array_append_vals (found->ids, ids, n_ids);
  if (found->cancel_at_second != NULL && found->batches == 2)
    g_cancellable_cancel (found->cancel_at_second);
}

static void
on_found_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Found *found = user_data;

  found->n = tb_store_contact_find_finish (TB_STORE (source), result, &found->error);
  found->done = TRUE;
}

static void
find_ids (StoreFixture    *fixture,
          TbContactStatus  status,
          const char      *search,
          guint            first_batch,
          GCancellable    *cancellable,
          Found           *found)
{
  found->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  tb_store_contact_find_async (fixture->store, fixture->campaign_id, status, search, first_batch,
                               on_found_ids, found, cancellable, on_found_done, found);
  while (!found->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
found_clear (Found *found)
{
  g_clear_pointer (&found->ids, g_array_unref);
  g_clear_error (&found->error);
  memset (found, 0, sizeof *found);
}

/* The worker's ids are exactly what a brute-force pass over the
 * campaign's contacts (read back from the file, matched in C) finds, in
 * id order, for every plan and queue (small and empty ones too), in
 * batches: the first one first_batch long (or all), and the count is
 * theirs. */
static void
test_find_ids (StoreFixture  *fixture,
               gconstpointer  data)
{
  static const char *searches[] = {
    NULL, "F", "F1", "L99", "F12 L12", "F12 L13", "+1200", "1200", "+12000001", "2000009", "+1999",
  };
  static const TbContactStatus statuses[] = {
    TB_CONTACT_STATUS_ANY, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, TB_CONTACT_STATUS_WAITING,
    TB_CONTACT_STATUS_NEEDS_REPLY, TB_CONTACT_STATUS_CLOSED,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  add_many (fixture);
  all = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, N_CONTACTS);

  for (guint c = 0; c < G_N_ELEMENTS (searches); c++)
    for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
      {
        g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
        Found found = { 0 };

        for (guint i = 0; i < all->len; i++)
          {
            TbContact *contact = all->pdata[i];
            gint64 id = tb_contact_get_id (contact);

            if ((statuses[s] == TB_CONTACT_STATUS_ANY || tb_contact_get_status (contact) == statuses[s]) &&
                (searches[c] == NULL || matches (contact, searches[c])))
              g_array_append_val (expected, id);
          }

        g_test_message ("search “%s”, queue %d: %u", searches[c], statuses[s], expected->len);
        find_ids (fixture, statuses[s], searches[c], 100, NULL, &found);
        g_assert_no_error (found.error);
        g_assert_cmpint (found.n, ==, expected->len);
        g_assert_cmpmem (found.ids->data, found.ids->len * sizeof (gint64),
                         expected->data, expected->len * sizeof (gint64));
        g_assert_cmpuint (found.first_len, ==, MIN (100, expected->len));
        if (searches[c] != NULL)
          g_assert_cmpint (found.n, ==, tb_store_contact_count (fixture->store, fixture->campaign_id, statuses[s],
                                                                searches[c], &error));
        found_clear (&found);
      }
}

/* Cancelled before it runs, and by the second of many batches: no batch
 * comes after the cancel, and finish says CANCELLED; a query that fails
 * says what failed. */
static void
test_find_cancelled (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) midway = g_cancellable_new ();
  sqlite3 *db = tb_store_get_db (fixture->store);
  Found found = { 0 };

  add_many (fixture);
  g_cancellable_cancel (before);
  find_ids (fixture, TB_CONTACT_STATUS_ANY, "F", 200, before, &found);
  g_assert_error (found.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (found.batches, ==, 0);
  found_clear (&found);

  tb_store_set_find_batch_for_testing (100);
  found.cancel_at_second = midway;
  find_ids (fixture, TB_CONTACT_STATUS_ANY, "F", 200, midway, &found);
  tb_store_set_find_batch_for_testing (0);
  g_assert_error (found.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (found.batches, ==, 2);
  g_assert_cmpuint (found.ids->len, ==, 300);
  g_assert_false (found.after_cancel);
  found_clear (&found);

  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE contact_name", NULL, NULL, NULL), ==, SQLITE_OK);
  find_ids (fixture, TB_CONTACT_STATUS_ANY, "F", 200, NULL, &found);
  g_assert_nonnull (found.error);
  g_assert_false (g_error_matches (found.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_nonnull (strstr (found.error->message, "search the contacts"));
  g_assert_cmpint (found.n, ==, -1);
  found_clear (&found);
  wait_for_tasks (fixture);
}

/* Rows by id: each at its id's index, NULL for a contact that is gone
 * (deleted, or never was). */
static void
test_get_many (StoreFixture  *fixture,
               gconstpointer  data)
{
  const gint64 ids[] = { 2, 5, 6, 9, 4000, N_CONTACTS * 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  add_many (fixture);
  g_assert_cmpint (sqlite3_exec (tb_store_get_db (fixture->store), "DELETE FROM contact WHERE id = 6",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  rows = tb_store_contact_get_many (fixture->store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      if (ids[i] == 6 || ids[i] == N_CONTACTS * 10)
        g_assert_null (rows->pdata[i]);
      else
        g_assert_cmpint (tb_contact_get_id (rows->pdata[i]), ==, ids[i]);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tb_store_contact_get_many (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* ---- The list model ------------------------------------------------------ */

typedef struct {
  guint shadow;        /* n_items as the signals tell it */
  guint signals;
  guint counts_landed; /* notify::counting to FALSE */
  guint first_size;    /* n_items after the first signal since signals = 0 */
} ModelRecord;

static void
on_items_changed (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  ModelRecord *record)
{
  /* What a GtkListView checks: the change fits the old size, and the new
   * size is what the model says now. */
  g_assert_cmpuint (position + removed, <=, record->shadow);
  record->shadow = record->shadow - removed + added;
  g_assert_cmpuint (record->shadow, ==, g_list_model_get_n_items (model));
  if (record->signals++ == 0)
    record->first_size = record->shadow;
}

static void
on_counting (TbContactListModel *model,
             GParamSpec         *pspec,
             ModelRecord        *record)
{
  if (!tb_contact_list_model_is_counting (model))
    record->counts_landed++;
}

static void
wait_for_count (TbContactListModel *model)
{
  while (tb_contact_list_model_is_counting (model))
    g_main_context_iteration (NULL, TRUE);
}

static gint64
item_id (GListModel *model,
         guint       position)
{
  g_autoptr(TbContact) contact = g_list_model_get_item (model, position);

  g_assert_nonnull (contact);
  return tb_contact_get_id (contact);
}

/* A search is read in a worker: the previous rows stay until its first
 * page arrives, the rest is added at the end; a new search while counting
 * cancels the count, so only the last search's rows land. */
static void
test_model_search_count (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(TbContactListModel) model = NULL;
  ModelRecord record = { 0, 0, 0, 0 };
  GListModel *list;

  add_many (fixture);
  model = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY);
  list = G_LIST_MODEL (model);
  record.shadow = g_list_model_get_n_items (list);
  g_assert_cmpuint (record.shadow, ==, N_CONTACTS);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &record);
  g_signal_connect (model, "notify::counting", G_CALLBACK (on_counting), &record);

  tb_contact_list_model_set_search (model, "F1");
  g_assert_true (tb_contact_list_model_is_counting (model));
  g_assert_false (tb_contact_list_model_shows_search (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CONTACTS);
  g_assert_cmpuint (record.signals, ==, 0);
  wait_for_count (model);
  g_assert_true (tb_contact_list_model_shows_search (model));
  /* The first page alone replaced every row, then the rest came. */
  g_assert_cmpuint (record.first_size, ==, TB_CONTACT_LIST_MODEL_PAGE_SIZE);
  g_assert_cmpuint (record.signals, ==, 2);
  g_assert_cmpint (item_id (list, 0), ==, 2);  /* F1 */
  g_assert_cmpint (item_id (list, 1), ==, 11); /* F10 */
  g_assert_cmpuint (record.counts_landed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1111);
  g_assert_cmpint (item_id (list, 1110), ==, 2000);  /* F1999 */
  g_assert_null (tb_contact_list_model_get_error (model));
  /* A search's positions are known without loading their page. */
  g_assert_cmpuint (tb_contact_list_model_get_n_loaded_pages (model), ==, 2);
  g_assert_cmpint (tb_contact_list_model_find_loaded (model, 1490), ==, 600);  /* F1489 */
  g_assert_cmpint (tb_contact_list_model_find_loaded (model, 3), ==, -1);      /* F2 */

  /* Fewer than a page: all in one batch. */
  record.signals = 0;
  tb_contact_list_model_set_search (model, "F12 L12");
  wait_for_count (model);
  g_assert_cmpuint (record.signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 111);

  /* The text changes mid-count, twice: the first two counts are
   * cancelled and never land. */
  record.counts_landed = 0;
  tb_contact_list_model_set_search (model, "F");
  g_assert_true (tb_contact_list_model_is_counting (model));
  tb_contact_list_model_set_search (model, "+1200");
  g_assert_true (tb_contact_list_model_is_counting (model));
  tb_contact_list_model_set_search (model, "L2");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 111);
  wait_for_count (model);
  /* Let any stale callback run. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (record.counts_landed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1111);
  g_assert_cmpint (item_id (list, 0), ==, 3);  /* L2 */

  /* A change to the campaign while counting starts over. */
  tb_contact_list_model_set_search (model, "F");
  tb_store_contact_set_name (fixture->store, 1, "G0", "M0", NULL);
  g_assert_true (tb_contact_list_model_is_counting (model));
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CONTACTS - 1);
  g_assert_cmpint (item_id (list, 0), ==, 2);

  /* A change once the search is shown: the rows stay until the new
   * answer is complete, which then replaces them at once. */
  record.signals = 0;
  tb_store_contact_set_name (fixture->store, 2, "G1", "M1", NULL);
  g_assert_true (tb_contact_list_model_is_counting (model));
  g_assert_true (tb_contact_list_model_shows_search (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CONTACTS - 1);
  wait_for_count (model);
  g_assert_cmpuint (record.signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CONTACTS - 2);
  g_assert_cmpint (item_id (list, 0), ==, 3);
  tb_store_contact_set_name (fixture->store, 1, "F0", "L0", NULL);
  tb_store_contact_set_name (fixture->store, 2, "F1", "L1", NULL);
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CONTACTS);
  g_assert_cmpint (item_id (list, 0), ==, 1);
  tb_store_contact_set_name (fixture->store, 1, "G0", "M0", NULL);
  wait_for_count (model);

  /* Cleared: the whole campaign, no count needed. */
  tb_contact_list_model_set_search (model, NULL);
  g_assert_false (tb_contact_list_model_is_counting (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CONTACTS);
  g_assert_cmpuint (record.shadow, ==, N_CONTACTS);
  g_signal_handlers_disconnect_by_data (model, &record);
  g_clear_object (&model);
  wait_for_tasks (fixture);
}

typedef struct {
  ModelRecord record;
  guint       grew_while_counting;  /* items-changed past a page, counting */
  gboolean    all_match;            /* the search matches every contact */
} ScrollRecord;

static void
on_items_changed_scroll (GListModel   *model,
                         guint         position,
                         guint         removed,
                         guint         added,
                         ScrollRecord *scroll)
{
  guint n = g_list_model_get_n_items (model);

  if (scroll->all_match && n > TB_CONTACT_LIST_MODEL_PAGE_SIZE &&
      tb_contact_list_model_is_counting (TB_CONTACT_LIST_MODEL (model)))
    {
      /* A list view scrolled to the rows just added reads them now. */
      g_assert_cmpint (item_id (model, n - 1), ==, n);
      g_assert_cmpint (item_id (model, TB_CONTACT_LIST_MODEL_PAGE_SIZE + 50), ==, TB_CONTACT_LIST_MODEL_PAGE_SIZE + 51);
      scroll->grew_while_counting++;
    }
}

/* While the search is still read, each batch adds rows at the end and
 * they can be read at once: a list scrolls past the first page while
 * counting. A new search's text cancels the old one: none of the old
 * one's batches still queued reach the model. */
static void
test_model_scroll_while_counting (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(TbContactListModel) model = NULL;
  ScrollRecord scroll = { { 0, 0, 0, 0 }, 0, TRUE };
  GListModel *list;

  add_many (fixture);
  tb_store_set_find_batch_for_testing (TB_CONTACT_LIST_MODEL_PAGE_SIZE);
  model = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY);
  list = G_LIST_MODEL (model);
  scroll.record.shadow = g_list_model_get_n_items (list);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &scroll.record);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_scroll), &scroll);
  g_signal_connect (model, "notify::counting", G_CALLBACK (on_counting), &scroll.record);

  tb_contact_list_model_set_search (model, "F");
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CONTACTS);
  /* 50 batches: the first replaced the rows, each other one grew them. */
  g_assert_cmpuint (scroll.record.signals, ==, N_CONTACTS / TB_CONTACT_LIST_MODEL_PAGE_SIZE);
  g_assert_cmpuint (scroll.grew_while_counting, ==, N_CONTACTS / TB_CONTACT_LIST_MODEL_PAGE_SIZE - 1);

  /* The first page of "F1" is shown, then the text changes while its
   * other batches may be queued: only the new search's rows arrive. */
  scroll.all_match = FALSE;
  tb_contact_list_model_set_search (model, "F1");
  while (!tb_contact_list_model_shows_search (model))
    g_main_context_iteration (NULL, TRUE);
  scroll.record.signals = 0;
  scroll.grew_while_counting = 0;
  tb_contact_list_model_set_search (model, "F12 L12");
  wait_for_count (model);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (scroll.record.signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 111);
  g_assert_cmpint (item_id (list, 110), ==, 1300);  /* F1299 */
  tb_store_set_find_batch_for_testing (0);
  g_signal_handlers_disconnect_by_data (model, &scroll.record);
  g_signal_handlers_disconnect_by_data (model, &scroll);
  g_clear_object (&model);
  wait_for_tasks (fixture);
}

/* A model dropped while it counts: the count is cancelled and its
 * callback never touches the freed model (ASan would see it). */
static void
test_model_dispose_while_counting (StoreFixture  *fixture,
                                   gconstpointer  data)
{
  TbContactListModel *model;

  add_many (fixture);
  model = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY);
  tb_contact_list_model_set_search (model, "F");
  g_assert_true (tb_contact_list_model_is_counting (model));
  g_assert_finalize_object (model);
  wait_for_tasks (fixture);
}

/* A count that fails (the worker cannot open the file, moved away):
 * the first page stays, the error is kept, and counting ends. */
static void
test_model_count_fails (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(TbContactListModel) model = NULL;
  g_autofree char *moved = g_strconcat (fixture->path, ".moved", NULL);
  ModelRecord record = { 0, 0, 0, 0 };
  const GError *error;

  add_many (fixture);
  model = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY);
  record.shadow = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &record);
  g_signal_connect (model, "notify::counting", G_CALLBACK (on_counting), &record);

  g_assert_cmpint (g_rename (fixture->path, moved), ==, 0);
  g_test_expect_message ("tb-store", G_LOG_LEVEL_WARNING, "Contact list: Could not open the database*");
  tb_contact_list_model_set_search (model, "F");
  g_assert_true (tb_contact_list_model_is_counting (model));
  wait_for_count (model);
  g_test_assert_expected_messages ();
  g_assert_cmpint (g_rename (moved, fixture->path), ==, 0);

  g_assert_cmpuint (record.counts_landed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, TB_CONTACT_LIST_MODEL_PAGE_SIZE);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 199), ==, 200);
  error = tb_contact_list_model_get_error (model);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "open the database"));

  /* Back in place: the next search counts again. */
  tb_contact_list_model_set_search (model, "F1");
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1111);
  g_signal_handlers_disconnect_by_data (model, &record);
  g_clear_object (&model);
  wait_for_tasks (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/search/pages", test_search_pages);
  STORE_TEST_ADD ("/store/search/count-async", test_count_async);
  STORE_TEST_ADD ("/store/search/find-ids", test_find_ids);
  STORE_TEST_ADD ("/store/search/find-cancelled", test_find_cancelled);
  STORE_TEST_ADD ("/store/search/get-many", test_get_many);
  STORE_TEST_ADD ("/store/search/model-count", test_model_search_count);
  STORE_TEST_ADD ("/store/search/model-scroll-while-counting", test_model_scroll_while_counting);
  STORE_TEST_ADD ("/store/search/model-count-fails", test_model_count_fails);
  STORE_TEST_ADD ("/store/search/model-dispose-while-counting", test_model_dispose_while_counting);

  return g_test_run ();
}
