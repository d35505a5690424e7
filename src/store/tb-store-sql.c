/* tb-store-sql.c: the SQLite shapes every store file shares: reading
 * columns, binding, stepping, transactions, errors in words, and the
 * query helpers (by id, insert, one row, a list of rows)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tb-store-private.h"

char *
tb_column_dup (sqlite3_stmt *stmt,
               int           column,
               const char   *fallback)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  if (text == NULL)
    return g_strdup (fallback);
  return g_strdup ((const char *) text);
}

void
tb_cached_stmt_release (TbCachedStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

int
tb_bind_text (sqlite3_stmt *stmt,
              int           index,
              const char   *value)
{
  if (value == NULL)
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

int
tb_bind_id (sqlite3_stmt *stmt,
            int           index,
            gint64        id)
{
  if (id == 0)
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_int64 (stmt, index, id);
}

gboolean
tb_store_set_error (GError    **error,
                    sqlite3    *db,
                    int         rc,
                    const char *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int extended = db != NULL ? sqlite3_extended_errcode (db) : rc;
  TbStoreError code;
  const char *reason;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      if (strstr (detail, "opted out") != NULL)
        {
          code = TB_STORE_ERROR_OPTED_OUT;
          reason = _("the phone number is on the opt-out list");
        }
      else if (strstr (detail, "invalid state change") != NULL)
        {
          code = TB_STORE_ERROR_INVALID_STATE;
          reason = _("that message state change is not allowed");
        }
      else if (strstr (detail, "message.contact_id") != NULL)
        {
          code = TB_STORE_ERROR_ALREADY_TEXTED;
          reason = _("the contact has had its first text already");
        }
      else if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
        {
          code = TB_STORE_ERROR_DUPLICATE;
          reason = _("it already exists");
        }
      else if (extended == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          code = TB_STORE_ERROR_NOT_FOUND;
          reason = _("it refers to something that does not exist");
        }
      else
        {
          code = TB_STORE_ERROR_CONSTRAINT;
          reason = _("a rule of the database refused it");
        }
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = TB_STORE_ERROR_CORRUPT;
      reason = _("the file is not a Textbank database, or it is damaged");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = TB_STORE_ERROR_READ_ONLY;
      reason = _("the database file cannot be written");
      break;
    case SQLITE_FULL:
      code = TB_STORE_ERROR_FULL;
      reason = _("the disk is full");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = TB_STORE_ERROR_BUSY;
      reason = _("another program is holding the database");
      break;
    case SQLITE_CANTOPEN:
      code = TB_STORE_ERROR_CANT_OPEN;
      reason = _("the database file cannot be opened");
      break;
    case SQLITE_IOERR:
      code = TB_STORE_ERROR_FAILED;
      reason = _("reading or writing the file failed");
      break;
    default:
      code = TB_STORE_ERROR_FAILED;
      reason = _("the database refused it");
      break;
    }

  g_set_error (error, TB_STORE_ERROR, code, _("%s: %s (%s)"), what, reason, detail);
  return FALSE;
}

gboolean
tb_db_exec (sqlite3    *db,
            const char *sql,
            const char *what,
            GError    **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return tb_store_set_error (error, db, rc, what);
  return TRUE;
}

gboolean
tb_db_begin (sqlite3  *db,
             GError  **error)
{
  return tb_db_exec (db, "BEGIN IMMEDIATE;", _("Could not start a transaction"), error);
}

gboolean
tb_db_commit (sqlite3  *db,
              GError  **error)
{
  return tb_db_exec (db, "COMMIT;", _("Could not save the changes"), error);
}

void
tb_db_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
}

gboolean
tb_db_is_opted_out (sqlite3     *db,
                    const char  *phone,
                    gboolean    *opted_out,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM opt_out WHERE phone = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      tb_bind_text (stmt, 1, phone);
      rc = sqlite3_step (stmt);
    }
  *opted_out = rc == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tb_store_set_error (error, db, rc, _("Could not read the opt-out list"));
  return TRUE;
}

gboolean
tb_step_done (sqlite3      *db,
              sqlite3_stmt *stmt,
              const char   *what,
              GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tb_store_set_error (error, db, rc, what);
  return TRUE;
}

gboolean
tb_check_changed (sqlite3     *db,
                  const char  *what,
                  gint64       id,
                  GError     **error)
{
  if (sqlite3_changes (db) > 0)
    return TRUE;
  g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
               _("There is no %s with id %" PRId64), what, id);
  return FALSE;
}

gint64
tb_now (void)
{
  return g_get_real_time ();
}

gboolean
tb_set_not_found (GError       **error,
                  TbRecordKind   kind,
                  gint64         id)
{
  /* Whole sentences, so a translation can agree with the noun. */
  switch (kind)
    {
    case TB_RECORD_CAMPAIGN:
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no campaign with id %" PRId64), id);
      break;
    case TB_RECORD_CANNED_REPLY:
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no canned reply with id %" PRId64), id);
      break;
    case TB_RECORD_CONTACT:
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no contact with id %" PRId64), id);
      break;
    case TB_RECORD_MESSAGE:
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no message with id %" PRId64), id);
      break;
    case TB_RECORD_TEXTER:
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no texter with id %" PRId64), id);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

TbCachedStmt *
tb_store_prepare_for_id (TbStore     *self,
                         const char  *sql,
                         gint64       id,
                         GError     **error)
{
  TbCachedStmt *stmt = tb_store_prepare (self, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

gboolean
tb_store_step_changed (TbStore       *self,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       const char    *noun,
                       gint64         id,
                       GError       **error)
{
  sqlite3 *db = tb_store_get_db (self);

  return tb_step_done (db, stmt, what, error) && tb_check_changed (db, noun, id, error);
}

gboolean
tb_store_exec_for_id (TbStore     *self,
                      const char  *sql,
                      gint64       id,
                      const char  *what,
                      const char  *noun,
                      GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = tb_store_prepare_for_id (self, sql, id, error);

  return stmt != NULL && tb_store_step_changed (self, stmt, what, noun, id, error);
}

gint64
tb_store_step_insert (TbStore       *self,
                      sqlite3_stmt  *stmt,
                      const char    *what,
                      GError       **error)
{
  sqlite3 *db = tb_store_get_db (self);

  if (!tb_step_done (db, stmt, what, error))
    return 0;
  return sqlite3_last_insert_rowid (db);
}

gpointer
tb_store_get_for_id (TbStore       *self,
                     const char    *sql,
                     gint64         id,
                     TbRowReader    read_row,
                     TbRecordKind   kind,
                     const char    *what,
                     GError       **error)
{
  g_autoptr(TbCachedStmt) stmt = tb_store_prepare_for_id (self, sql, id, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_row (stmt);
  if (rc == SQLITE_DONE)
    tb_set_not_found (error, kind, id);
  else
    tb_store_set_error (error, tb_store_get_db (self), rc, what);
  return NULL;
}

GPtrArray *
tb_store_read_rows (TbStore         *self,
                    sqlite3_stmt    *stmt,
                    TbRowReader      read_row,
                    GDestroyNotify   free_row,
                    const char      *what,
                    GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, what);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
tb_store_list_for_id (TbStore         *self,
                      const char      *sql,
                      gint64           id,
                      TbRowReader      read_row,
                      GDestroyNotify   free_row,
                      const char      *what,
                      GError         **error)
{
  g_autoptr(TbCachedStmt) stmt = tb_store_prepare_for_id (self, sql, id, error);

  if (stmt == NULL)
    return NULL;
  return tb_store_read_rows (self, stmt, read_row, free_row, what, error);
}
