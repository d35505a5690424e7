/* test-store-raw.h: SQLite straight, around the store, as another program
 * (or a damaged file) would meet it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>
#include <glib.h>

static inline char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline int
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static inline char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Runs SQL on a separate plain connection, as another program would. */
static inline int
exec_raw (const char  *path,
          const char  *sql,
          char       **message_out)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (message_out != NULL)
    *message_out = g_strdup (message);
  sqlite3_free (message);
  sqlite3_close (db);
  return rc;
}

/* Fails (SQLITE_CORRUPT_VTAB) when the names' full-text index differs
 * from the contact rows it indexes. */
#define TEST_NAME_INDEX_CHECK_SQL \
  "INSERT INTO contact_name (contact_name, rank) VALUES ('integrity-check', 1)"
