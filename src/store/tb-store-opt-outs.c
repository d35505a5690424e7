/* tb-store-opt-outs.c: the one opt-out list across every campaign
 *
 * The schema's triggers move the contacts (opt_out_insert, opt_out_delete)
 * and refuse outbound messages to a listed phone; this file records who
 * did it (audit) and tells the list models.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "tb-store-private.h"

/* The affected contacts of a phone, to signal after an opt-out change. */
typedef struct {
  gint64 campaign_id;
  gint64 contact_id;
} ContactRef;

/* ---- Opt-outs ----------------------------------------------------------- */

static GArray *
contacts_with_phone (TbStore    *self,
                     const char *phone)
{
  g_autoptr(TbCachedStmt) stmt =
    tb_store_prepare (self, "SELECT campaign_id, id FROM contact WHERE phone = ?1", NULL);
  GArray *refs = g_array_new (FALSE, FALSE, sizeof (ContactRef));

  if (stmt == NULL)
    return refs;
  tb_bind_text (stmt, 1, phone);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ContactRef ref = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (refs, ref);
    }
  return refs;
}

static void
emit_phone_changed (TbStore    *self,
                    const char *phone)
{
  g_autoptr(GArray) refs = contacts_with_phone (self, phone);

  tb_store_emit_opt_outs_changed (self, phone);
  for (guint i = 0; i < refs->len; i++)
    {
      ContactRef *ref = &g_array_index (refs, ContactRef, i);

      tb_store_emit_contacts_changed (self, ref->campaign_id, ref->contact_id);
      tb_store_emit_messages_changed (self, ref->contact_id, 0);
    }
}

/* The last step of an opt-out change, in its transaction: the audit entry,
 * the commit, and the signals. */
static gboolean
finish_opt_out_change (TbStore     *self,
                       gint64       at,
                       gint64       texter_id,
                       const char  *action,
                       const char  *phone,
                       const char  *detail,
                       const char  *what,
                       GError     **error)
{
  sqlite3 *db = tb_store_get_db (self);

  if (tb_store_audit_insert (self, at, texter_id, action, phone, detail, what, error) == 0 ||
      !tb_db_commit (db, error))
    {
      tb_db_rollback (db);
      return FALSE;
    }
  emit_phone_changed (self, phone);
  return TRUE;
}

gboolean
tb_store_opt_out_add (TbStore          *self,
                      const char       *phone,
                      TbOptOutSource    source,
                      gint64            message_id,
                      gint64            texter_id,
                      GError          **error)
{
  sqlite3 *db;
  gint64 now = tb_now ();

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (phone != NULL, FALSE);

  db = tb_store_get_db (self);
  if (!g_str_has_prefix (phone, "+"))
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT,
                   _("“%s” is not a phone number in international form (+…)"), phone);
      return FALSE;
    }
  if (!tb_db_begin (db, error))
    return FALSE;

  {
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare (self,
                        "INSERT OR IGNORE INTO opt_out (phone, source, message_id, texter_id, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)",
                        error);

    if (stmt == NULL)
      goto fail;
    tb_bind_text (stmt, 1, phone);
    sqlite3_bind_int (stmt, 2, source);
    tb_bind_id (stmt, 3, message_id);
    tb_bind_id (stmt, 4, texter_id);
    sqlite3_bind_int64 (stmt, 5, now);
    if (!tb_step_done (db, stmt, _("Could not record the opt-out"), error))
      goto fail;
    if (sqlite3_changes (db) == 0)
      {
        /* Already listed: the first record stays. */
        g_clear_pointer (&stmt, tb_cached_stmt_release);
        tb_db_rollback (db);
        return TRUE;
      }
  }

  {
    /* Nothing still waiting in the outbox goes to this phone. */
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare (self,
                        "UPDATE message SET state = 6, error_code = 'opted_out',"
                        "  error_text = 'The number opted out before the message went out',"
                        "  updated_at = ?2 "
                        "WHERE direction = 1 AND state = 0 AND phone = ?1",
                        error);

    if (stmt == NULL)
      goto fail;
    tb_bind_text (stmt, 1, phone);
    sqlite3_bind_int64 (stmt, 2, now);
    if (!tb_step_done (db, stmt, _("Could not record the opt-out"), error))
      goto fail;
  }

  return finish_opt_out_change (self, now, texter_id, "opt_out", phone,
                                tb_opt_out_source_to_string (source),
                                _("Could not record the opt-out"), error);

fail:
  tb_db_rollback (db);
  return FALSE;
}

gboolean
tb_store_opt_out_remove (TbStore     *self,
                         const char  *phone,
                         gint64       texter_id,
                         GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (phone != NULL, FALSE);

  db = tb_store_get_db (self);
  if (!tb_db_begin (db, error))
    return FALSE;

  {
    g_autoptr(TbCachedStmt) stmt = tb_store_prepare (self, "DELETE FROM opt_out WHERE phone = ?1", error);

    if (stmt == NULL)
      goto fail;
    tb_bind_text (stmt, 1, phone);
    if (!tb_step_done (db, stmt, _("Could not remove the opt-out"), error))
      goto fail;
    if (sqlite3_changes (db) == 0)
      {
        g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                     _("%s is not on the opt-out list"), phone);
        goto fail;
      }
  }
  return finish_opt_out_change (self, tb_now (), texter_id, "opt_out_undo", phone, NULL,
                                _("Could not remove the opt-out"), error);

fail:
  tb_db_rollback (db);
  return FALSE;
}

gboolean
tb_store_is_opted_out (TbStore     *self,
                       const char  *phone,
                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (phone != NULL, FALSE);

  stmt = tb_store_prepare (self, "SELECT 1 FROM opt_out WHERE phone = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 1, phone);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the opt-out list"));
  return rc == SQLITE_ROW;
}

static gpointer
opt_out_from_row (sqlite3_stmt *stmt)
{
  TbOptOut *row = g_new0 (TbOptOut, 1);

  row->phone = tb_column_dup (stmt, 0, "");
  row->source = (TbOptOutSource) sqlite3_column_int (stmt, 1);
  row->message_id = sqlite3_column_int64 (stmt, 2);
  row->texter_id = sqlite3_column_int64 (stmt, 3);
  row->created_at = sqlite3_column_int64 (stmt, 4);
  return row;
}

GPtrArray *
tb_store_opt_out_list (TbStore     *self,
                       const char  *after_phone,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT phone, source, message_id, texter_id, created_at FROM opt_out "
                           "WHERE phone > ?1 ORDER BY phone LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  tb_bind_text (stmt, 1, after_phone != NULL ? after_phone : "");
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  return tb_store_read_rows (self, stmt, opt_out_from_row, (GDestroyNotify) tb_opt_out_free,
                             _("Could not list the opt-outs"), error);
}
