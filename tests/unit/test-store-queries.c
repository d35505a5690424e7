/* test-store-queries.c: the queue queries, their plans, the list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-store-helpers.h"
#include "test-store-raw.h"
#include "tb-contact-list-model.h"
#include "tb-store-private.h"
#include "tb-thread-model.h"

/* Many contacts fast: one transaction of plain SQL through the real
 * schema (triggers and indexes included). Ids are consecutive. */
static gint64
bulk_add (StoreFixture *fixture,
          gint64        campaign_id,
          guint         count)
{
  sqlite3 *db = tb_store_get_db (fixture->store);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 first;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT coalesce (max (id), 0) + 1 FROM contact", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  first = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  sql = g_strdup_printf ("BEGIN;"
                         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %u) "
                         "INSERT INTO contact (campaign_id, phone, first_name, last_name, updated_at) "
                         "SELECT %" G_GINT64_FORMAT ", printf ('+1%%010d', 2000000000 + i), "
                         "  'F' || i, 'L' || i, 1 FROM n;"
                         "COMMIT;",
                         count, campaign_id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  return first;
}

static void
test_next_and_pages (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) next = NULL;
  g_autoptr(GPtrArray) page = NULL;
  TbQueueCounts counts;
  gint64 first = bulk_add (fixture, fixture->campaign_id, 1000);
  gint64 other = tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error);
  gint64 id;

  add_contacts (fixture, 1, 3); /* +15125550001..3, named First1.. */
  bulk_add (fixture, other, 10);

  g_assert_true (tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error));
  g_assert_cmpint (counts.total, ==, 1003);
  g_assert_cmpint (counts.by_status[TB_CONTACT_STATUS_NEEDS_FIRST_TEXT], ==, 1003);
  g_assert_cmpint (tb_store_contact_count (fixture->store, other, TB_CONTACT_STATUS_ANY, NULL, &error), ==, 10);

  next = tb_store_contact_next_first_text (fixture->store, fixture->campaign_id, 0, &error);
  g_assert_cmpint (tb_contact_get_id (next), ==, first);
  /* Skip: the next after it. */
  id = tb_contact_get_id (next);
  g_clear_object (&next);
  next = tb_store_contact_next_first_text (fixture->store, fixture->campaign_id, id, &error);
  g_assert_cmpint (tb_contact_get_id (next), ==, first + 1);
  g_clear_object (&next);
  /* After a send the first one is no longer offered. */
  tb_store_message_queue_outbound (fixture->store, first, "hi", fixture->texter_id, 0, "q1", &error);
  g_assert_no_error (error);
  next = tb_store_contact_next_first_text (fixture->store, fixture->campaign_id, 0, &error);
  g_assert_cmpint (tb_contact_get_id (next), ==, first + 1);
  g_clear_object (&next);
  next = tb_store_contact_next_first_text (fixture->store, fixture->campaign_id, G_MAXINT64 - 1, &error);
  g_assert_no_error (error);
  g_assert_null (next);

  /* Keyset pages walk the whole queue exactly once. */
  {
    gint64 after = 0;
    guint total = 0;

    while (TRUE)
      {
        g_autoptr(GPtrArray) rows = tb_store_contact_page (fixture->store, fixture->campaign_id,
                                                           TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, NULL,
                                                           after, 128, &error);
        g_assert_no_error (error);
        if (rows->len == 0)
          break;
        for (guint i = 0; i < rows->len; i++)
          {
            g_assert_cmpint (tb_contact_get_id (rows->pdata[i]), >, after);
            after = tb_contact_get_id (rows->pdata[i]);
          }
        total += rows->len;
      }
    g_assert_cmpuint (total, ==, 1002);
  }

  page = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_WAITING, NULL, 0, 10, &error);
  g_assert_cmpuint (page->len, ==, 1);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* seek: the id 500 rows after the start. */
  g_assert_cmpint (tb_store_contact_seek (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL,
                                          0, 500, &error), ==, first + 500);
  g_assert_cmpint (tb_store_contact_seek (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL,
                                          0, 5000, &error), ==, 0);
}

typedef struct {
  const char *search;
  guint       expected;
} SearchCase;

static void
test_search (StoreFixture  *fixture,
             gconstpointer  data)
{
  static const SearchCase cases[] = {
    { "first1", 1 },          /* First1 only: First10.. are not added */
    { "FIRST", 3 },           /* a prefix, any case */
    { "last2", 1 },
    { "First2 Last2", 1 },
    { "First2 Last3", 0 },
    { "512555", 3 },          /* phone digits without the country code */
    { "(512) 555-0002", 1 },
    { "+1512555000", 3 },
    { "+44", 0 },
    { "%", 0 },               /* LIKE wildcards are literal */
    { "_irst1", 0 },
    { "", 3 },
    { "   ", 3 },
  };
  g_autoptr(GError) error = NULL;

  add_contacts (fixture, 1, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) rows = tb_store_contact_page (fixture->store, fixture->campaign_id,
                                                         TB_CONTACT_STATUS_NEEDS_FIRST_TEXT,
                                                         cases[i].search, 0, 100, &error);

      g_test_message ("search “%s”", cases[i].search);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, cases[i].expected);
      g_assert_cmpint (tb_store_contact_count (fixture->store, fixture->campaign_id,
                                               TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, cases[i].search, &error),
                       ==, cases[i].expected);
    }
}

static guint
search_count (StoreFixture *fixture,
              const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY,
                                                     text, 0, 100, &error);
  gint64 counted;

  g_assert_no_error (error);
  counted = tb_store_contact_count (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (counted, ==, rows->len);
  return rows->len;
}

/* Names through the full-text contact_name: a prefix of the whole first
 * or last name, case folded for every letter, accents kept; a contact
 * matching by both names comes once, and a rename or a delete moves the
 * index with the row. */
static void
test_search_names (StoreFixture  *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *first;
    const char *last;
  } people[] = {
    { "José", "Núñez" }, { "ÉMILE", "Zola" }, { "anne-marie", "O'Brien" },
    { "Lee", "Lee" }, { "", "Solo" }, { "Mary", "" }, { "Leon", "Marley" },
    { "Robert \"Bob\"", "Van der Berg" }, { "Ann", "Smith, Jr." },
  };
  static const SearchCase cases[] = {
    { "jos", 1 }, { "JOSÉ", 1 }, { "josé", 1 }, { "jose", 0 },  /* any case, accents kept */
    { "Núñ", 1 }, { "NÚÑEZ", 1 }, { "nunez", 0 },
    { "Émile", 1 }, { "émile", 1 }, { "ÉmIlE zOlA", 1 },
    { "lee", 1 }, { "Lee Lee", 1 },                /* both names: once */
    { "le", 2 }, { "mar", 2 },                     /* Leon; Mary and Marley */
    { "Mary Marley", 0 }, { "Leon Mar", 1 }, { "Marley Leon", 0 },  /* first, then last */
    { "solo", 1 }, { "o'b", 1 }, { "ANNE-MARIE o", 1 }, { "anne-marie z", 0 }, { "anne m", 0 },
    { "van", 1 }, { "Robert Van der", 1 }, { "berg", 0 },  /* a prefix of the whole name */
    { "bob", 1 }, { "\"bob", 1 }, { "\"", 0 }, { "*", 0 }, { "a*", 2 },  /* quotes, FTS5 syntax */
    { "smith,", 1 }, { "ann smith,", 1 }, { "an", 2 },
    { "AND", 0 }, { "NEAR(", 0 }, { "{first_name}", 0 }, { "first_name:", 0 },
  };
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (people)];
  gint64 other;
  sqlite3 *db = tb_store_get_db (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *phone = g_strdup_printf ("+1512555%04u", i);

      ids[i] = tb_store_contact_add (fixture->store, fixture->campaign_id, phone, people[i].first,
                                     people[i].last, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  /* Another campaign's namesake is never found here. */
  other = tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error);
  tb_store_contact_add (fixture->store, other, "+15125550000", "José", "Núñez", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("search “%s”", cases[i].search);
      g_assert_cmpuint (search_count (fixture, cases[i].search), ==, cases[i].expected);
    }
  g_assert_cmpint (sqlite3_exec (db, TEST_NAME_INDEX_CHECK_SQL, NULL, NULL, NULL), ==, SQLITE_OK);

  /* A rename through the store: the old name is gone, the new one found. */
  g_assert_true (tb_store_contact_set_name (fixture->store, ids[0], "Pedro", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (fixture, "jos"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "núñ"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "PEDRO"), ==, 1);
  g_assert_true (tb_store_contact_set_name (fixture->store, ids[3], "Lee", "Ang", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (fixture, "lee"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "Lee Ang"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "Lee Lee"), ==, 0);
  g_assert_false (tb_store_contact_set_name (fixture->store, 999999, "No", "One", &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (db, TEST_NAME_INDEX_CHECK_SQL, NULL, NULL, NULL), ==, SQLITE_OK);

  /* A deleted contact, and a deleted campaign's contacts, leave nothing
   * in the index (integrity-check compares it with the rows). */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM contact WHERE last_name = 'Solo'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (search_count (fixture, "solo"), ==, 0);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM campaign WHERE name = 'Other'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, TEST_NAME_INDEX_CHECK_SQL, NULL, NULL, NULL), ==, SQLITE_OK);
  /* The check fails on an index that lost a row. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO contact_name (contact_name, rowid, first_name, last_name)"
                                     " SELECT 'delete', id, first_name, last_name FROM contact WHERE first_name = 'Mary'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (search_count (fixture, "mary"), ==, 0);
  g_assert_cmpint (sqlite3_exec (db, TEST_NAME_INDEX_CHECK_SQL, NULL, NULL, NULL), !=, SQLITE_OK);
  /* …and so does the store's check. */
  {
    g_auto(GStrv) problems = NULL;
    int version = 0;

    g_assert_true (tb_store_check (fixture->store, &version, &problems, &error));
    g_assert_no_error (error);
    g_assert_nonnull (problems);
    g_assert_cmpuint (g_strv_length (problems), ==, 1);
    g_assert_nonnull (strstr (problems[0], "contact_name"));
  }
}

/* Every contact and message query the store prepared uses an index and
 * needs no sort: checked on the statements of the real code. */
static void
test_query_plans (StoreFixture  *fixture,
                  gconstpointer  data)
{
  /* A sort is fine only where the rows are few by construction (the
   * contacts sharing one phone, and a search's matches). */
  static const struct {
    const char *sql_part;
    gboolean    sort_ok;
    const char *index;       /* the plan must name it, when set */
  } must_use_index[] = {
    { "status = 0 AND id > ?2", FALSE, "contact_queue" },  /* next first text */
    { "contact.status = ?2 AND contact.id > ?3 ORDER BY contact.id LIMIT ?4", FALSE, "contact_queue" }, /* a page */
    { "SELECT contact.id FROM contact INDEXED BY contact_queue WHERE contact.campaign_id = ?1 AND contact.status = ?2 AND contact.id > ?3", FALSE, "contact_queue" }, /* seek */
    { "FROM contact_count", FALSE, NULL },
    { "WHERE contact_id = ?1 ORDER BY at, id", FALSE, "message_contact" }, /* a conversation */
    { "direction = 1 AND state = ?1", FALSE, "message_outbox" },  /* the outbox */
    { "WHERE phone >= ?5", FALSE, "sqlite_autoindex_contact_1" },  /* phone search */
    { "FROM contact_name WHERE contact_name MATCH ?5", FALSE, "contact_name VIRTUAL TABLE" }, /* name search count */
    /* A page of a name search walks the full-text matches in id order:
     * no sort, so it stops after the page. */
    { "FROM contact_name CROSS JOIN contact", FALSE, "contact_name VIRTUAL TABLE" },
    /* A common phone prefix walks the queue, or the campaign, in id order. */
    { "INDEXED BY contact_queue WHERE contact.campaign_id = ?1 AND contact.status = ?2 AND contact.id > ?3 AND ((+contact.phone", FALSE, "contact_queue" },
    { "NOT INDEXED WHERE contact.campaign_id = ?1 AND contact.id > ?3 AND ((+contact.phone", FALSE, "INTEGER PRIMARY KEY" },
    { "FROM opt_out WHERE phone", FALSE, NULL },
    { "WHERE contact.phone = ?1", TRUE, "sqlite_autoindex_contact_1" },  /* matching a reply */
    /* A name search in a small queue (here empty) walks the queue's index
     * and tests each contact against the matches, collected once. */
    { "AND +contact.id IN (SELECT rowid FROM contact_name", FALSE, "contact_queue" },
    /* A search's page by its ids: primary keys, already in order. */
    { "IN (SELECT value FROM json_each (?1)) ORDER BY contact.id", FALSE, "INTEGER PRIMARY KEY" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TbContact) next = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = tb_store_get_db (fixture->store);
  TbQueueCounts counts;
  gint64 first;

  first = bulk_add (fixture, fixture->campaign_id, 10000);  /* more phones under +1200 than are collected */
  sqlite3_exec (db, "ANALYZE;", NULL, NULL, NULL);

  next = tb_store_contact_next_first_text (fixture->store, fixture->campaign_id, 0, &error);
  rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, NULL, 100, 50, &error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* Statistics that say every contact is in one queue must not make a
   * small queue walk the whole campaign. */
  rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_REPLY, NULL, 0, 50, &error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, "512", 0, 50, &error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, "F12", 0, 50, &error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_REPLY, "F12", 0, 50, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  tb_store_contact_count (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, "F12", &error);
  rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, "+1200", 0, 50, &error);
  g_assert_cmpuint (rows->len, ==, 50);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, "1200", 0, 50, &error);
  g_assert_cmpuint (rows->len, ==, 50);
  g_clear_pointer (&rows, g_ptr_array_unref);
  tb_store_contact_seek (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, NULL, 0, 1000, &error);
  {
    const gint64 ids[] = { first, first + 7, first + 300 };

    rows = tb_store_contact_get_many (fixture->store, ids, G_N_ELEMENTS (ids), &error);
    g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (ids));
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error);
  rows = tb_store_message_list_for_contact (fixture->store, first, &error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tb_store_message_list_by_state (fixture->store, TB_MESSAGE_STATE_QUEUED, 10, &error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  tb_store_is_opted_out (fixture->store, "+15125550001", &error);
  tb_store_message_insert_inbound (fixture->store, "+12000000007", NULL, "hi", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (must_use_index); i++)
    {
      gboolean found = FALSE;

      for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
        {
          const char *sql = sqlite3_sql (stmt);
          g_autofree char *explain = NULL;
          g_autoptr(GString) plan = g_string_new (NULL);
          sqlite3_stmt *eqp = NULL;

          if (sql == NULL || strstr (sql, must_use_index[i].sql_part) == NULL || g_str_has_prefix (sql, "EXPLAIN"))
            continue;
          found = TRUE;
          explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
          g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &eqp, NULL), ==, SQLITE_OK);
          while (sqlite3_step (eqp) == SQLITE_ROW)
            g_string_append_printf (plan, "%s\n", sqlite3_column_text (eqp, 3));
          sqlite3_finalize (eqp);

          g_test_message ("%s\n-> %s", sql, plan->str);
          if (!must_use_index[i].sort_ok)
            g_assert_null (strstr (plan->str, "TEMP B-TREE"));
          /* A SCAN of a table is a full read; SEARCH uses a key. */
          g_assert_null (strstr (plan->str, "SCAN contact\n"));
          g_assert_null (strstr (plan->str, "SCAN message\n"));
          g_assert_nonnull (strstr (plan->str, "SEARCH"));
          if (must_use_index[i].index != NULL)
            g_assert_nonnull (strstr (plan->str, must_use_index[i].index));
          break;
        }
      g_assert_true (found);
    }
}

/* ---- The list models ------------------------------------------------- */

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint count;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->count++;
}

static gint64
item_id (GListModel *model,
         guint       position)
{
  g_autoptr(TbContact) contact = g_list_model_get_item (model, position);

  g_assert_nonnull (contact);
  return tb_contact_get_id (contact);
}

static void
test_model_million (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(TbContactListModel) model = NULL;
  gint64 first;
  gint64 start = g_get_monotonic_time ();

  first = bulk_add (fixture, fixture->campaign_id, 1000000);
  g_test_message ("1M contacts added in %.1f s", (g_get_monotonic_time () - start) / 1e6);

  model = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000000);
  g_assert_cmpuint (tb_contact_list_model_get_n_loaded_pages (model), ==, 0);

  g_assert_cmpint (item_id (G_LIST_MODEL (model), 0), ==, first);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 500000), ==, first + 500000);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 999999), ==, first + 999999);
  g_assert_cmpint (item_id (G_LIST_MODEL (model), 999998), ==, first + 999998);
  g_assert_cmpuint (tb_contact_list_model_get_n_loaded_pages (model), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 1000000));
  g_assert_null (tb_contact_list_model_get_error (model));
}

static void
test_model_follows_store (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContactListModel) model = NULL;
  g_autoptr(TbContactListModel) waiting = NULL;
  ItemsChanged record = { 0 };
  ItemsChanged waiting_record = { 0 };
  gint64 first = bulk_add (fixture, fixture->campaign_id, 1000);
  GListModel *list;

  model = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  waiting = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_WAITING);
  list = G_LIST_MODEL (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &record);
  g_signal_connect (waiting, "items-changed", G_CALLBACK (on_items_changed), &waiting_record);

  /* Touch a few pages, then more than the cache holds. */
  for (guint p = 0; p < 1000; p += 50)
    item_id (list, p);
  g_assert_cmpuint (tb_contact_list_model_get_n_loaded_pages (model), <=, 8);
  item_id (list, 0);
  item_id (list, 205);

  /* A first text moves contact 205 out: exactly that row goes. */
  tb_store_message_queue_outbound (fixture->store, first + 205, "hi", fixture->texter_id, 0, "m1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record.count, ==, 1);
  g_assert_cmpuint (record.position, ==, 205);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 999);
  g_assert_cmpint (item_id (list, 205), ==, first + 206);
  g_assert_cmpint (item_id (list, 998), ==, first + 999);
  /* … and shows up in the waiting queue. */
  g_assert_cmpuint (waiting_record.count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (waiting)), ==, 1);
  g_assert_cmpint (item_id (G_LIST_MODEL (waiting), 0), ==, first + 205);

  /* A change in place: the row is replaced. */
  item_id (G_LIST_MODEL (waiting), 0);
  tb_store_message_insert_inbound (fixture->store, "+12000000205", NULL, "yes", "in-1", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (waiting)), ==, 0);
  g_assert_cmpuint (waiting_record.removed, ==, 1);

  record.count = 0;
  tb_store_contact_set_status (fixture->store, first + 205, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record.count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  g_assert_cmpint (item_id (list, 205), ==, first + 205);

  /* An opt-out of a loaded row. */
  record.count = 0;
  tb_store_opt_out_add (fixture->store, "+12000000003", TB_OPT_OUT_SOURCE_MANUAL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 999);
  g_assert_cmpint (item_id (list, 3), ==, first + 4);

  /* Another campaign's change is ignored. */
  record.count = 0;
  {
    gint64 other = tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error);

    tb_store_contact_add (fixture->store, other, "+15125550001", NULL, NULL, NULL, NULL, NULL, &error);
  }
  g_assert_cmpuint (record.count, ==, 0);

  /* Search narrows, then clears. */
  tb_contact_list_model_set_search (model, "F12");
  /* read in a worker: the rows stay until its answer */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 999);
  while (tb_contact_list_model_is_counting (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 11); /* F12, F120..F129 */
  g_assert_cmpint (item_id (list, 0), ==, first + 12);
  tb_contact_list_model_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 999);
  tb_contact_list_model_set_status (model, TB_CONTACT_STATUS_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  g_assert_cmpint (tb_contact_list_model_find_loaded (model, first + 7), ==, -1);
  item_id (list, 7);
  g_assert_cmpint (tb_contact_list_model_find_loaded (model, first + 7), ==, 7);

  g_signal_handlers_disconnect_by_data (model, &record);
  g_signal_handlers_disconnect_by_data (waiting, &waiting_record);
}

/* Rows leave at the start, at page edges, before a page that is not
 * loaded and at the end: the loaded pages shift (none is dropped and no
 * page is reloaded), and every position still holds the right contact. */
static void
test_model_removal_shifts_pages (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TbContactListModel) model = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 first = bulk_add (fixture, fixture->campaign_id, 1000);
  const guint leaving[] = { 0, 199, 199, 200, 398, 399, 250, 450, 599, 985, 0 };
  GListModel *list;

  for (gint64 i = 0; i < 1000; i++)
    {
      gint64 id = first + i;

      g_array_append_val (expected, id);
    }
  model = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  list = G_LIST_MODEL (model);
  /* Pages 0, 1, 2 and 4 (the last, short one); page 3 is not loaded. */
  item_id (list, 0);
  item_id (list, 200);
  item_id (list, 400);
  item_id (list, 990);
  g_assert_cmpuint (tb_contact_list_model_get_n_loaded_pages (model), ==, 4);

  for (gsize i = 0; i < G_N_ELEMENTS (leaving); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *press = g_strdup_printf ("press-%zu", i);
      gint64 id = g_array_index (expected, gint64, leaving[i]);

      tb_store_message_queue_outbound (fixture->store, id, "hi", fixture->texter_id, 0, press, &error);
      g_assert_no_error (error);
      g_array_remove_index (expected, leaving[i]);

      g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected->len);
      g_assert_cmpint (tb_contact_list_model_find_loaded (model, id), ==, -1);
      /* Still loaded, shifted: the first rows and the last ones. */
      g_assert_cmpuint (tb_contact_list_model_get_n_loaded_pages (model), ==, 4);
      for (guint p = 0; p < 600; p++)
        g_assert_cmpint (tb_contact_list_model_find_loaded (model, g_array_index (expected, gint64, p)), ==, p);
      for (guint p = 800; p < expected->len; p++)
        g_assert_cmpint (tb_contact_list_model_find_loaded (model, g_array_index (expected, gint64, p)), ==, p);
    }

  /* Every row, page 3 included (found from the starts kept). */
  for (guint p = 0; p < expected->len; p++)
    g_assert_cmpint (item_id (list, p), ==, g_array_index (expected, gint64, p));
  g_assert_null (g_list_model_get_item (list, expected->len));
  g_assert_null (tb_contact_list_model_get_error (model));
}

/* Runs the idle that applies the store's changes to a thread model. */
static void
apply_thread_changes (TbThreadModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (tb_thread_model_has_pending (model));
}

static void
test_thread_model (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbThreadModel) model = NULL;
  g_autoptr(TbMessage) message = NULL;
  ItemsChanged record = { 0 };
  gint64 contact;
  gint64 m1, m2;
  GListModel *list;

  add_contacts (fixture, 1, 2);
  {
    g_autoptr(TbContact) c = tb_store_contact_next_first_text (fixture->store, fixture->campaign_id, 0, &error);
    contact = tb_contact_get_id (c);
  }
  m1 = tb_store_message_queue_outbound (fixture->store, contact, "one", fixture->texter_id, 1000, "t1", &error);
  g_assert_no_error (error);

  model = tb_thread_model_new (fixture->store, contact);
  list = G_LIST_MODEL (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &record);

  tb_store_message_set_state (fixture->store, m1, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error);
  /* Applied from an idle, before the next frame. */
  g_assert_true (tb_thread_model_has_pending (model));
  g_assert_cmpuint (record.count, ==, 0);
  apply_thread_changes (model);
  g_assert_cmpuint (record.count, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);
  message = g_list_model_get_item (list, 0);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_SENDING);
  g_clear_object (&message);

  /* A reply at a later time is appended; one with an earlier time goes
   * in its place. */
  tb_store_message_insert_inbound (fixture->store, "+15125550001", NULL, "two", "r2", 3000, NULL, NULL, &error);
  apply_thread_changes (model);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);
  m2 = tb_store_message_insert_inbound (fixture->store, "+15125550001", NULL, "early", "r1", 500, NULL, NULL, &error);
  g_assert_no_error (error);
  apply_thread_changes (model);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  message = g_list_model_get_item (list, 0);
  g_assert_cmpint (tb_message_get_id (message), ==, m2);
  g_clear_object (&message);

  /* Another contact's messages do not show. */
  record.count = 0;
  tb_store_message_insert_inbound (fixture->store, "+15125550002", NULL, "other", "r3", 0, NULL, NULL, &error);
  g_assert_false (tb_thread_model_has_pending (model));
  apply_thread_changes (model);
  g_assert_cmpuint (record.count, ==, 0);

  /* A change still waiting when the contact changes is dropped: the
   * model shows the new contact's conversation and nothing of the old. */
  tb_store_message_queue_outbound (fixture->store, contact, "three", fixture->texter_id, 4000, "t3", &error);
  g_assert_no_error (error);
  g_assert_true (tb_thread_model_has_pending (model));
  record.count = 0;
  tb_thread_model_set_contact_id (model, 0);
  g_assert_false (tb_thread_model_has_pending (model));
  g_assert_cmpuint (record.count, ==, 1);   /* the reload to no one */
  apply_thread_changes (model);
  g_assert_cmpuint (record.count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  tb_thread_model_set_contact_id (model, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  tb_thread_model_set_contact_id (model, contact);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_assert_null (tb_thread_model_get_error (model));
  g_signal_handlers_disconnect_by_data (model, &record);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/queries/next-and-pages", test_next_and_pages);
  STORE_TEST_ADD ("/store/queries/search", test_search);
  STORE_TEST_ADD ("/store/queries/search-names", test_search_names);
  STORE_TEST_ADD ("/store/queries/plans", test_query_plans);
  STORE_TEST_ADD ("/store/models/million", test_model_million);
  STORE_TEST_ADD ("/store/models/follows-store", test_model_follows_store);
  STORE_TEST_ADD ("/store/models/removal-shifts-pages", test_model_removal_shifts_pages);
  STORE_TEST_ADD ("/store/models/thread", test_thread_model);

  return g_test_run ();
}
