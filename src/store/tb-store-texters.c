/* tb-store-texters.c: the people who press Send, and the audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "tb-store-private.h"

/* ---- Texters ------------------------------------------------------------ */

#define TEXTER_COLUMNS "id, name, pin_hash, is_admin, created_at"

static gpointer
texter_from_row (sqlite3_stmt *stmt)
{
  TbTexter *texter = g_new0 (TbTexter, 1);

  texter->id = sqlite3_column_int64 (stmt, 0);
  texter->name = tb_column_dup (stmt, 1, "");
  texter->pin_hash = tb_column_dup (stmt, 2, NULL);
  texter->is_admin = sqlite3_column_int (stmt, 3) != 0;
  texter->created_at = sqlite3_column_int64 (stmt, 4);
  return texter;
}

gint64
tb_store_texter_add (TbStore     *self,
                     const char  *name,
                     const char  *pin_hash,
                     gboolean     is_admin,
                     GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT INTO texter (name, pin_hash, is_admin, created_at) "
                           "VALUES (trim (?1), ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    return 0;
  tb_bind_text (stmt, 1, name);
  tb_bind_text (stmt, 2, pin_hash);
  sqlite3_bind_int (stmt, 3, is_admin ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, tb_now ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE,
                     _("There is already a texter named “%s”"), name);
      else
        tb_store_set_error (error, db, rc, _("Could not add the texter"));
      return 0;
    }
  return sqlite3_last_insert_rowid (db);
}

TbTexter *
tb_store_texter_get (TbStore  *self,
                     gint64    texter_id,
                     GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return tb_store_get_for_id (self, "SELECT " TEXTER_COLUMNS " FROM texter WHERE id = ?1",
                              texter_id, texter_from_row, TB_RECORD_TEXTER,
                              _("Could not read the texter"), error);
}

TbTexter *
tb_store_texter_get_by_name (TbStore     *self,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = tb_store_prepare (self, "SELECT " TEXTER_COLUMNS " FROM texter WHERE name = trim (?1)", error);
  if (stmt == NULL)
    return NULL;
  tb_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return texter_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                 _("There is no texter named “%s”"), name);
  else
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the texter"));
  return NULL;
}

GPtrArray *
tb_store_texter_list (TbStore  *self,
                      GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self, "SELECT " TEXTER_COLUMNS " FROM texter ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  return tb_store_read_rows (self, stmt, texter_from_row, (GDestroyNotify) tb_texter_free,
                             _("Could not list the texters"), error);
}

gboolean
tb_store_texter_set_pin_hash (TbStore     *self,
                              gint64       texter_id,
                              const char  *pin_hash,
                              GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  stmt = tb_store_prepare_for_id (self, "UPDATE texter SET pin_hash = ?2 WHERE id = ?1", texter_id, error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 2, pin_hash);
  return tb_store_step_changed (self, stmt, _("Could not save the PIN"), "texter", texter_id, error);
}

gboolean
tb_store_texter_set_admin (TbStore  *self,
                           gint64    texter_id,
                           gboolean  is_admin,
                           GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  stmt = tb_store_prepare_for_id (self, "UPDATE texter SET is_admin = ?2 WHERE id = ?1", texter_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, is_admin ? 1 : 0);
  return tb_store_step_changed (self, stmt, _("Could not change the texter"), "texter", texter_id, error);
}

/* ---- Audit -------------------------------------------------------------- */

gint64
tb_store_audit_insert (TbStore     *self,
                       gint64       at,
                       gint64       texter_id,
                       const char  *action,
                       const char  *subject,
                       const char  *detail,
                       const char  *what,
                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt =
    tb_store_prepare (self,
                      "INSERT INTO audit (at, texter_id, action, subject, detail) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
                      error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, at);
  tb_bind_id (stmt, 2, texter_id);
  tb_bind_text (stmt, 3, action);
  tb_bind_text (stmt, 4, subject);
  tb_bind_text (stmt, 5, detail);
  return tb_store_step_insert (self, stmt, what, error);
}

gint64
tb_store_audit_add (TbStore     *self,
                    gint64       texter_id,
                    const char  *action,
                    const char  *subject,
                    const char  *detail,
                    GError     **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (action != NULL, 0);

  return tb_store_audit_insert (self, tb_now (), texter_id, action, subject, detail,
                                _("Could not write the audit log"), error);
}

static gpointer
audit_entry_from_row (sqlite3_stmt *stmt)
{
  TbAuditEntry *entry = g_new0 (TbAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = sqlite3_column_int64 (stmt, 1);
  entry->texter_id = sqlite3_column_int64 (stmt, 2);
  entry->texter_name = tb_column_dup (stmt, 3, NULL);
  entry->action = tb_column_dup (stmt, 4, "");
  entry->subject = tb_column_dup (stmt, 5, NULL);
  entry->detail = tb_column_dup (stmt, 6, NULL);
  return entry;
}

GPtrArray *
tb_store_audit_list (TbStore  *self,
                     gint64    before_id,
                     guint     limit,
                     GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare_for_id (self,
                                  "SELECT audit.id, audit.at, audit.texter_id, texter.name, audit.action, "
                                  "  audit.subject, audit.detail "
                                  "FROM audit LEFT JOIN texter ON texter.id = audit.texter_id "
                                  "WHERE audit.id < ?1 ORDER BY audit.id DESC LIMIT ?2",
                                  before_id > 0 ? before_id : G_MAXINT64, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  return tb_store_read_rows (self, stmt, audit_entry_from_row, (GDestroyNotify) tb_audit_entry_free,
                             _("Could not read the audit log"), error);
}
