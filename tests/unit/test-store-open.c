/* test-store-open.c: opening, migrating and checking a database file, and
 * refusing files it must not touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "test-store-helpers.h"
#include "test-store-raw.h"
#include "tb-store-private.h"

static void
test_open_fresh (StoreFixture  *fixture,
                 gconstpointer  data)
{
  sqlite3 *db = tb_store_get_db (fixture->store);
  g_autofree char *journal = query_text (db, "PRAGMA journal_mode;");
  g_autofree char *default_path = tb_store_default_path ();

  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (db, "PRAGMA user_version;"), ==, TB_STORE_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys;"), ==, 1);
  g_assert_cmpstr (journal, ==, "wal");
  /* Every connection cuts a grown WAL back (soak-short once left 2.2 GiB). */
  g_assert_cmpint (query_int (db, "PRAGMA journal_size_limit;"), ==, TB_STORE_WAL_SIZE_LIMIT);
  {
    g_autoptr(GError) error = NULL;
    sqlite3 *worker = tb_store_open_worker_db (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (query_int (worker, "PRAGMA journal_size_limit;"), ==, TB_STORE_WAL_SIZE_LIMIT);
    sqlite3_close (worker);
  }
  g_assert_true (g_str_has_suffix (default_path, "/textbank/textbank.db"));
  g_assert_cmpstr (tb_store_get_path (fixture->store), ==, fixture->path);
}

/* An empty SQLite file is version 0: it migrates to the current one; a
 * reopen migrates nothing and keeps the data. */
static void
test_migrate_from_0 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v0.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  GStrv problems = NULL;
  gint64 id;
  int version = -1;

  g_assert_cmpint (exec_raw (path, "PRAGMA user_version = 0;", NULL), ==, SQLITE_OK);
  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  id = tb_store_campaign_create (store, "Kept", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_check (store, &version, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpint (version, ==, TB_STORE_VERSION);
  g_clear_object (&store);

  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  campaign = tb_store_campaign_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_campaign_get_name (campaign), ==, "Kept");

  g_clear_object (&store);
  remove_tree (dir);
}

/* A failing migration step rolls back: the file keeps its version. */
static void
test_migrate_failure_rolls_back (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clash.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;
  sqlite3 *db = NULL;

  /* A version-0 file that already has a table the first step creates. */
  g_assert_cmpint (exec_raw (path, "CREATE TABLE campaign (x);", NULL), ==, SQLITE_OK);
  store = tb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "version 1"));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version;"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'setting';"), ==, 0);
  sqlite3_close (db);
  remove_tree (dir);
}

/* A version-1 file at path (the two name indexes, no contact_name) with
 * count contacts in one campaign, written as a 1.x release did. */
static void
make_version_1 (const char *path,
                guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  g_assert_true (tb_store_migrate_to (db, 0, 1, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO campaign (name, created_at) VALUES ('Old', 1);"
                         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %u) "
                         "INSERT INTO contact (campaign_id, phone, first_name, last_name, updated_at) "
                         "SELECT 1, printf ('+1%%010d', 2000000000 + i), 'F' || i, 'L' || i, 1 FROM n;"
                         "INSERT INTO contact (campaign_id, phone, first_name, last_name, updated_at) VALUES"
                         "  (1, '+15125550001', 'José', 'Núñez', 1), (1, '+15125550002', '', 'Solo', 1),"
                         "  (1, '+15125550003', 'Émile', '', 1);",
                         count);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version;"), ==, 1);
  sqlite3_close (db);
}

/* A 1.x file full of contacts: version 2 indexes every name for search,
 * drops the two name indexes, and keeps every contact and count. */
static void
test_migrate_from_1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;
  GStrv problems = NULL;
  TbQueueCounts counts;
  int version = -1;
  sqlite3 *db;

  make_version_1 (path, 20000);
  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  db = tb_store_get_db (store);
  g_assert_cmpint (query_int (db, "PRAGMA user_version;"), ==, TB_STORE_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema"
                                  " WHERE name IN ('contact_first_name', 'contact_last_name')"), ==, 0);
  g_assert_cmpint (sqlite3_exec (db, TEST_NAME_INDEX_CHECK_SQL, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tb_store_contact_counts (store, 1, &counts, &error));
  g_assert_cmpint (counts.total, ==, 20003);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "f1234", &error), ==, 11);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "L19999", &error), ==, 1);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "F5 L5", &error), ==, 1111);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "JOSÉ", &error), ==, 1);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "núñez", &error), ==, 1);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "solo", &error), ==, 1);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "émile", &error), ==, 1);
  g_assert_no_error (error);
  /* New contacts after the migration are found too. */
  tb_store_contact_add (store, 1, "+15125550009", "Zoë", "Kim", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_store_contact_count (store, 1, TB_CONTACT_STATUS_ANY, "zo", &error), ==, 1);
  g_assert_true (tb_store_check (store, &version, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpint (version, ==, TB_STORE_VERSION);

  g_clear_object (&store);
  remove_tree (dir);
}

/* The second step fails (a table of that name is in the way): it rolls
 * back whole, and the 1.x file keeps its version, indexes and contacts. */
static void
test_migrate_2_failure_rolls_back (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;
  sqlite3 *db = NULL;

  make_version_1 (path, 100);
  g_assert_cmpint (exec_raw (path, "CREATE TABLE contact_name (x);", NULL), ==, SQLITE_OK);
  store = tb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "version 2"));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version;"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema"
                                  " WHERE name IN ('contact_first_name', 'contact_last_name')"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'contact_name_%'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM contact"), ==, 103);
  sqlite3_close (db);
  remove_tree (dir);
}

/* Opening path is refused with code, the message mentions what it should
 * (mention2 may be NULL), and the file is left exactly as it was. */
static void
assert_open_refused (const char   *path,
                     int           code,
                     const char   *mention1,
                     const char   *mention2)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = tb_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, TB_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, mention1));
  if (mention2 != NULL)
    g_assert_nonnull (strstr (error->message, mention2));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_newer_version_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);

  g_assert_cmpint (exec_raw (path, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL),
                   ==, SQLITE_OK);
  assert_open_refused (path, TB_STORE_ERROR_NEWER_VERSION, "newer version", "99");
  /* Not switched to WAL either: no -wal file appeared. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  remove_tree (dir);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *garbage = g_strnfill (4096, 'x');

  g_assert_true (g_file_set_contents (path, garbage, 4096, NULL));
  assert_open_refused (path, TB_STORE_ERROR_CORRUPT, path, NULL);
  remove_tree (dir);
}

static void
test_cannot_open (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "plain-file", NULL);
  g_autofree char *below_file = g_build_filename (file, "textbank.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;

  /* The database's folder would have to be inside a plain file. */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  store = tb_store_open (below_file, &error);
  g_assert_null (store);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CANT_OPEN);
  g_assert_nonnull (strstr (error->message, file));

  /* The path is a folder. */
  g_clear_error (&error);
  store = tb_store_open (dir, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == TB_STORE_ERROR);
  remove_tree (dir);
}

/* Makes a file read-only even for root (who writes through permissions):
 * chmod, and as root the immutable attribute. FALSE when neither works. */
static gboolean
make_read_only (const char *path,
                gboolean    read_only)
{
  if (geteuid () != 0)
    return g_chmod (path, read_only ? 0444 : 0644) == 0;
  else
    {
      const char *argv[] = { "chattr", read_only ? "+i" : "-i", path, NULL };
      int status = -1;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, NULL))
        return FALSE;
      return g_spawn_check_wait_status (status, NULL);
    }
}

static void
test_read_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;

  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  tb_store_campaign_create (store, "Kept", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  if (!make_read_only (path, TRUE))
    {
      g_test_skip ("cannot make a file read-only here (root without chattr +i)");
      remove_tree (dir);
      return;
    }

  assert_open_refused (path, TB_STORE_ERROR_READ_ONLY, "read-only", path);
  g_assert_true (make_read_only (path, FALSE));
  remove_tree (dir);
}

/* tb_store_check () reports what the integrity and foreign key checks
 * find, and nothing on a sound file. */
static void
test_check_finds_problems (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  int version = -1;

  g_assert_true (tb_store_check (fixture->store, &version, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpint (version, ==, TB_STORE_VERSION);

  /* Another program, without foreign keys, leaves a dangling reference. */
  g_assert_cmpint (exec_raw (fixture->path,
                             "PRAGMA foreign_keys = OFF;"
                             "INSERT INTO script (campaign_id, kind, title, position) VALUES (4242, 1, 'x', 0);",
                             NULL), ==, SQLITE_OK);
  g_assert_true (tb_store_check (fixture->store, &version, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_true (g_str_has_prefix (problems[0], "row "));
  g_assert_nonnull (strstr (problems[0], " of script refers to a missing row of campaign"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/open/fresh", test_open_fresh);
  g_test_add_func ("/store/open/migrate-from-0", test_migrate_from_0);
  g_test_add_func ("/store/open/migrate-failure-rolls-back", test_migrate_failure_rolls_back);
  g_test_add_func ("/store/open/migrate-from-1", test_migrate_from_1);
  g_test_add_func ("/store/open/migrate-2-failure-rolls-back", test_migrate_2_failure_rolls_back);
  g_test_add_func ("/store/open/newer-version-refused", test_newer_version_refused);
  g_test_add_func ("/store/open/not-a-database", test_not_a_database);
  g_test_add_func ("/store/open/cannot-open", test_cannot_open);
  g_test_add_func ("/store/open/read-only", test_read_only);
  STORE_TEST_ADD ("/store/check/finds-problems", test_check_finds_problems);

  return g_test_run ();
}
