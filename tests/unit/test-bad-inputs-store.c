/* test-bad-inputs-store.c: a database file that is full, read-only or
 * locked by another process (docs/BAD-INPUTS.md)
 *
 * Each case writes contacts first, then meets the fault: the error names
 * what is wrong, and the contacts from before are all still there once the
 * fault is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-store-helpers.h"
#include "tb-store-private.h"

#define CONTACTS_BEFORE 20

static void
assert_contacts_kept (TbStore *store,
                      gint64   campaign_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY,
                                                     NULL, 0, 1000, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, >=, CONTACTS_BEFORE);
  for (guint i = 0; i < CONTACTS_BEFORE; i++)
    {
      TbContact *contact = g_ptr_array_index (page, i);
      g_autofree char *phone = g_strdup_printf ("+1512555%04u", i);

      g_assert_cmpstr (tb_contact_get_phone (contact), ==, phone);
    }
}

static gint64
add_one (TbStore    *store,
         gint64      campaign_id,
         guint       n,
         GError    **error)
{
  g_autofree char *phone = g_strdup_printf ("+1512555%04u", n);
  g_autofree char *fields = g_strdup_printf ("{\"note\": \"%0200u\"}", n);

  return tb_store_contact_add (store, campaign_id, phone, "Extra", "Contact", "78701",
                               "America/Chicago", fields, error);
}

/* The disk fills: SQLite's page limit on the store's own connection makes
 * it answer SQLITE_FULL exactly as a full disk does. */
static void
test_full (StoreFixture  *fixture,
           gconstpointer  data)
{
  sqlite3 *db = tb_store_get_db (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 pages;
  guint n;

  add_contacts (fixture, 0, CONTACTS_BEFORE);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 2);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);

  for (n = CONTACTS_BEFORE; n < CONTACTS_BEFORE + 5000; n++)
    if (add_one (fixture->store, fixture->campaign_id, n, &error) == 0)
      break;
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_FULL);
  g_test_message ("full after %u more contacts: %s", n - CONTACTS_BEFORE, error->message);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);

  /* What was there is there; the failed contact is not half-written. */
  assert_contacts_kept (fixture->store, fixture->campaign_id);
  g_assert_cmpint (tb_store_contact_count (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY,
                                           NULL, &error), ==, n);
  g_assert_no_error (error);

  /* Room again: writing works again on the same store. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (add_one (fixture->store, fixture->campaign_id, n, &error), >, 0);
  g_assert_no_error (error);
}

/* Another program holds an exclusive transaction: the store waits out its
 * busy timeout, then says who is in the way; nothing is lost, and the
 * write goes through once the other program lets go. */
static void
test_locked_by_another_process (StoreFixture  *fixture,
                                gconstpointer  data)
{
  const char *script =
    "import sqlite3, sys, time\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "db.execute(\"INSERT INTO setting (key, value) VALUES ('held', 'yes')\")\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "db.execute('ROLLBACK')\n";
  const char *argv[] = { "python3", "-c", script, fixture->path, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int in_fd, out_fd;
  char line[16] = { 0 };
  gint64 start, waited;
  int status;

  add_contacts (fixture, 0, CONTACTS_BEFORE);

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, &in_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);
  for (gsize got = 0; got < sizeof line - 1 && strchr (line, '\n') == NULL; got++)
    g_assert_cmpint (read (out_fd, line + got, 1), ==, 1);
  g_assert_cmpstr (line, ==, "locked\n");

  start = g_get_monotonic_time ();
  g_assert_cmpint (add_one (fixture->store, fixture->campaign_id, CONTACTS_BEFORE, &error), ==, 0);
  waited = g_get_monotonic_time () - start;
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_BUSY);
  g_test_message ("locked: after %.1f s: %s", waited / 1e6, error->message);
  g_assert_nonnull (strstr (error->message, "another program"));
  /* It waited for the lock before giving up. */
  g_assert_cmpint (waited, >=, 4 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Reading still works, and shows everything from before. */
  assert_contacts_kept (fixture->store, fixture->campaign_id);

  /* The other program lets go: the same write goes through. */
  g_assert_cmpint (write (in_fd, "\n", 1), ==, 1);
  close (in_fd);
  close (out_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_spawn_close_pid (pid);

  g_assert_cmpint (add_one (fixture->store, fixture->campaign_id, CONTACTS_BEFORE, &error), >, 0);
  g_assert_no_error (error);
  assert_contacts_kept (fixture->store, fixture->campaign_id);
}

/* A file that cannot be written. Root writes through file permissions, so
 * as root the opening runs in a child that drops to nobody. */
static void
test_read_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-bad-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = NULL;
  gint64 campaign_id;
  pid_t pid;
  int status;

  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  campaign_id = tb_store_campaign_create (store, "Kept", NULL, "+15125550000", FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < CONTACTS_BEFORE; i++)
    {
      g_assert_cmpint (add_one (store, campaign_id, i, &error), >, 0);
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) child_error = NULL;
      g_autoptr(TbStore) child_store = NULL;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (3);
      child_store = tb_store_open (path, &child_error);
      if (child_store != NULL)
        _exit (4);
      if (!g_error_matches (child_error, TB_STORE_ERROR, TB_STORE_ERROR_READ_ONLY) &&
          !g_error_matches (child_error, TB_STORE_ERROR, TB_STORE_ERROR_CANT_OPEN))
        _exit (5);
      g_printerr ("# read-only: %s\n", child_error->message);
      _exit (strstr (child_error->message, path) != NULL ? 0 : 6);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* Writable again: everything is there. */
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  assert_contacts_kept (store, campaign_id);
  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bad-inputs/database/full", StoreFixture, NULL, store_fixture_set_up, test_full,
              store_fixture_tear_down);
  g_test_add ("/bad-inputs/database/locked-by-another-process", StoreFixture, NULL,
              store_fixture_set_up, test_locked_by_another_process, store_fixture_tear_down);
  g_test_add_func ("/bad-inputs/database/read-only", test_read_only);

  return g_test_run ();
}
