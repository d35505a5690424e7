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
  STORE_TEST_ADD ("/store/search/model-count", test_model_search_count);
  STORE_TEST_ADD ("/store/search/model-count-fails", test_model_count_fails);
  STORE_TEST_ADD ("/store/search/model-dispose-while-counting", test_model_dispose_while_counting);

  return g_test_run ();
}
