/* tb-import-writer.c: the import's database side
 *
 * Its own connection, tuned for bulk inserts, prepared statements, and
 * transactions that do the schema's per-row trigger work once each (see
 * tb_import_knows_triggers()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tb-import-writer-private.h"
#include "tb-store-import-private.h"
#include "tb-store-private.h"

#define IMPORT_CACHE_KIB    49152
/* A transaction dirties thousands of the phone index's pages (random
 * keys): checkpointing every 1,000 WAL pages (the default), so after each
 * transaction, copied the same pages into the database again and again
 * (at a million records: half as much CPU again, and twice the time). The WAL grows
 * to ~64 MB on disk instead; memory does not. The store's own connection
 * leaves checkpoints to the import meanwhile (tb-store-import.c). */
#define IMPORT_CHECKPOINT_PAGES 16384

gboolean
tb_import_step_done (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tb_store_set_error (error, db, rc, what);
  return TRUE;
}

void
tb_import_writer_clear (TbImportWriter *self)
{
  g_clear_pointer (&self->opted_out_phones, g_hash_table_unref);
  sqlite3_finalize (self->insert);
  sqlite3_finalize (self->insert_chunk);
  sqlite3_finalize (self->opted_out);
  sqlite3_finalize (self->existing);
  sqlite3_finalize (self->field);
  sqlite3_finalize (self->opt_out_new);
  sqlite3_finalize (self->count_add);
  sqlite3_finalize (self->names_add);
  sqlite3_finalize (self->campaign_exists);
  sqlite3_finalize (self->new_phones);
  if (self->db != NULL)
    {
      tb_db_rollback (self->db);
      /* What the import wrote since its last checkpoint, so the next
       * commit on another connection does not copy it. */
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
}

gboolean
tb_import_writer_prepare (TbImportWriter  *self,
                          GError         **error)
{
  static const struct {
    gsize       offset;
    const char *sql;
  } sql[] = {
    { G_STRUCT_OFFSET (TbImportWriter, insert),
      "INSERT OR IGNORE INTO contact (campaign_id, phone, first_name, last_name, zip,"
      "  time_zone, fields, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" },
    { G_STRUCT_OFFSET (TbImportWriter, opted_out), "SELECT phone FROM opt_out" },
    { G_STRUCT_OFFSET (TbImportWriter, existing),
      "SELECT id FROM contact WHERE phone = ?1 AND campaign_id = ?2" },
    { G_STRUCT_OFFSET (TbImportWriter, field),
      "INSERT OR IGNORE INTO campaign_field (campaign_id, name, position) VALUES (?1, ?2,"
      "  (SELECT coalesce (max (position) + 1, 0) FROM campaign_field WHERE campaign_id = ?1))" },
    /* contact_opted_out_on_insert, for every row of the transaction at
     * once: catches a number opted out after the import read the list. */
    { G_STRUCT_OFFSET (TbImportWriter, opt_out_new),
      "UPDATE contact SET prior_status = status, status = 4"
      "  WHERE id > ?1 AND status <> 4"
      "    AND EXISTS (SELECT 1 FROM opt_out WHERE opt_out.phone = contact.phone)" },
    { G_STRUCT_OFFSET (TbImportWriter, campaign_exists), "SELECT 1 FROM campaign WHERE id = ?1" },
    { G_STRUCT_OFFSET (TbImportWriter, new_phones), "SELECT phone FROM contact WHERE id > ?1 ORDER BY id" },
    /* contact_name_insert, for every row of the transaction at once:
     * FTS5 writes them as one segment at the commit. */
    { G_STRUCT_OFFSET (TbImportWriter, names_add),
      "INSERT INTO contact_name (rowid, first_name, last_name)"
      "  SELECT id, first_name, last_name FROM contact WHERE id > ?1" },
    /* contact_count_insert and contact_count_update, summed. */
    { G_STRUCT_OFFSET (TbImportWriter, count_add),
      "INSERT INTO contact_count (campaign_id, status, n) VALUES (?1, ?2, ?3)"
      "  ON CONFLICT (campaign_id, status) DO UPDATE SET n = n + excluded.n" },
  };

  g_autoptr(GString) chunk = g_string_new ("INSERT OR IGNORE INTO contact (campaign_id, phone, first_name,"
                                           " last_name, zip, time_zone, fields, updated_at) VALUES ");
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt **stmt = G_STRUCT_MEMBER_P (self, sql[i].offset);

      rc = sqlite3_prepare_v3 (self->db, sql[i].sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
      if (rc != SQLITE_OK)
        return tb_store_set_error (error, self->db, rc, _("Could not prepare the import"));
    }

  /* The rows go in in VALUES order, so ids keep the file's order. */
  for (guint row = 0; row < CHUNK_ROWS; row++)
    {
      g_string_append (chunk, row > 0 ? ", (" : "(");
      for (guint column = 1; column <= INSERT_COLUMNS; column++)
        g_string_append_printf (chunk, column > 1 ? ", ?%u" : "?%u", row * INSERT_COLUMNS + column);
      g_string_append_c (chunk, ')');
    }
  rc = sqlite3_prepare_v3 (self->db, chunk->str, -1, SQLITE_PREPARE_PERSISTENT,
                           &self->insert_chunk, NULL);
  if (rc != SQLITE_OK)
    return tb_store_set_error (error, self->db, rc, _("Could not prepare the import"));
  return TRUE;
}

/* The opt-out list is short next to a file of contacts: one read, then a
 * hash lookup per record. A number opted out while the import runs is
 * still caught, before each commit (opt_out_new, or the schema's
 * contact_opted_out_on_insert where triggers stay on). */
gboolean
tb_import_writer_read_opt_outs (TbImportWriter  *self,
                                GError         **error)
{
  int rc;

  self->opted_out_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (self->opted_out)) == SQLITE_ROW)
    g_hash_table_add (self->opted_out_phones,
                      g_strdup ((const char *) sqlite3_column_text (self->opted_out, 0)));
  sqlite3_reset (self->opted_out);
  if (rc != SQLITE_DONE)
    return tb_store_set_error (error, self->db, rc, _("Could not read the opt-out list"));
  return TRUE;
}

gint64
tb_import_query_int64 (sqlite3     *db,
                       const char  *sql,
                       gint64       arg,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, arg);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    tb_store_set_error (error, db, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc, _("Could not read the campaign"));
  return value;
}

gint64
tb_import_writer_existing_id (TbImportWriter *self,
                              gint64          campaign_id,
                              const char     *phone)
{
  gint64 existing = -1;

  sqlite3_bind_text (self->existing, 1, phone, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->existing, 2, campaign_id);
  if (sqlite3_step (self->existing) == SQLITE_ROW)
    existing = sqlite3_column_int64 (self->existing, 0);
  sqlite3_reset (self->existing);
  return existing;
}

/* The triggers on the tables an import writes, as the schema makes them:
 * a digest of their names and SQL in name order. While they are exactly
 * these, the import turns triggers off on its connection and does their
 * work itself, once per transaction instead of once per row (a per-row
 * trigger costs about as much as the row's insert): contact_count_insert,
 * contact_name_insert and contact_opted_out_on_insert for its INSERTs,
 * contact_count_update for the opt-out UPDATE. contact_stays_opted_out,
 * contact_count_delete, contact_name_delete and contact_name_update never
 * fire for it. Any other trigger there (a later migration) and the
 * import leaves triggers on. test-store-import checks the digest. */
#define KNOWN_TRIGGERS_SHA256 "18c88bb832f8f868a6f0363c20492e595abe4fb5073f8089373d64dc711f72c5"

static char *
triggers_digest (sqlite3 *db)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
                               "  AND tbl_name IN ('contact', 'campaign_field', 'contact_count')"
                               "  ORDER BY name",
                               -1, &stmt, NULL);

  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    for (int column = 0; column < 2; column++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, column);

        g_checksum_update (checksum, (const guchar *) (text != NULL ? text : ""), -1);
        g_checksum_update (checksum, (const guchar *) "\n", 1);
      }
  sqlite3_finalize (stmt);
  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
tb_import_knows_triggers (sqlite3 *db)
{
  g_autofree char *digest = triggers_digest (db);

  return g_str_equal (digest, KNOWN_TRIGGERS_SHA256);
}

gboolean
tb_import_writer_open (TbImportWriter  *self,
                       TbStore         *store,
                       gint64           campaign_id,
                       GError         **error)
{
  g_autofree char *pragma = NULL;

  self->db = tb_store_open_worker_db (store, error);
  if (self->db == NULL)
    return FALSE;
  /* The CHECK constraints hold by construction for what the import
   * writes (an E.164 phone from tb_phone_normalize(), JSON it escaped
   * itself, the default status), and json_valid() on every row costs
   * more than the row's insert. Other connections keep checking. The
   * foreign key is checked once a transaction (tb_import_writer_begin()). */
  pragma = g_strdup_printf ("PRAGMA cache_size = -%d; PRAGMA wal_autocheckpoint = %d;"
                            "PRAGMA ignore_check_constraints = ON;"
                            "PRAGMA foreign_keys = OFF;",
                            IMPORT_CACHE_KIB, IMPORT_CHECKPOINT_PAGES);
  sqlite3_exec (self->db, pragma, NULL, NULL, NULL);
  self->campaign_id = campaign_id;
  self->does_triggers = tb_import_knows_triggers (self->db) &&
                        sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL) == SQLITE_OK;
  return tb_import_writer_prepare (self, error) && tb_import_writer_read_opt_outs (self, error);
}

gboolean
tb_import_writer_begin (TbImportWriter  *self,
                        GError         **error)
{
  int rc;

  if (self->in_transaction)
    return TRUE;
  if (!tb_db_begin (self->db, error))
    return FALSE;
  self->in_transaction = TRUE;
  self->transaction_start = g_get_monotonic_time ();
  self->inserted = 0;

  /* The foreign key check, once a transaction instead of once a row: the
   * write lock keeps the campaign there until the commit. */
  sqlite3_bind_int64 (self->campaign_exists, 1, self->campaign_id);
  rc = sqlite3_step (self->campaign_exists);
  sqlite3_reset (self->campaign_exists);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no campaign with id %" PRId64), self->campaign_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return tb_store_set_error (error, self->db, rc, _("Could not read the campaign"));

  /* A trigger created since the last transaction (the write lock keeps
   * the schema as it is until the commit): triggers on again. Changing
   * the setting expires the prepared statements, so they are prepared
   * again with the triggers. */
  if (self->does_triggers && !tb_import_knows_triggers (self->db))
    {
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
      self->does_triggers = FALSE;
    }
  if (self->does_triggers)
    {
      self->max_id_before = tb_import_query_int64 (self->db, "SELECT coalesce (max (id), 0) FROM contact",
                                                   0, error);
      if (self->max_id_before < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_count (TbImportWriter   *self,
           gint64            campaign_id,
           TbContactStatus   status,
           gint64            n,
           GError          **error)
{
  if (n == 0)
    return TRUE;
  sqlite3_bind_int64 (self->count_add, 1, campaign_id);
  sqlite3_bind_int (self->count_add, 2, status);
  sqlite3_bind_int64 (self->count_add, 3, n);
  return tb_import_step_done (self->db, self->count_add, _("Could not count the contacts"), error);
}

/* Commits what the transaction holds, after the triggers' work. */
gboolean
tb_import_writer_commit (TbImportWriter  *self,
                         gint64           campaign_id,
                         GError         **error)
{
  if (!self->in_transaction)
    return TRUE;
  if (self->does_triggers && self->inserted > 0)
    {
      gint64 opted_out;

      sqlite3_bind_int64 (self->opt_out_new, 1, self->max_id_before);
      if (!tb_import_step_done (self->db, self->opt_out_new, _("Could not check the opt-out list"), error))
        return FALSE;
      opted_out = sqlite3_changes (self->db);
      sqlite3_bind_int64 (self->names_add, 1, self->max_id_before);
      if (!tb_import_step_done (self->db, self->names_add, _("Could not save contacts"), error))
        return FALSE;
      if (!add_count (self, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT,
                      self->inserted - opted_out, error) ||
          !add_count (self, campaign_id, TB_CONTACT_STATUS_OPTED_OUT, opted_out, error))
        return FALSE;
    }
  if (!tb_db_commit (self->db, error))
    return FALSE;
  self->in_transaction = FALSE;
  return TRUE;
}

/* The phones of the rows above id, in id order (at most CHUNK_ROWS). */
gboolean
tb_import_writer_read_new_phones (TbImportWriter  *self,
                                  gint64           above_id,
                                  char             phones[][E164_SIZE],
                                  guint           *n_phones,
                                  GError         **error)
{
  int rc;

  *n_phones = 0;
  sqlite3_bind_int64 (self->new_phones, 1, above_id);
  while ((rc = sqlite3_step (self->new_phones)) == SQLITE_ROW && *n_phones < CHUNK_ROWS)
    g_strlcpy (phones[(*n_phones)++], (const char *) sqlite3_column_text (self->new_phones, 0), E164_SIZE);
  sqlite3_reset (self->new_phones);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tb_store_set_error (error, self->db, rc, _("Could not save contacts"));
  return TRUE;
}

/* One batch from the parser, in file order, inside a transaction the
 * caller commits. Goes by segments holding CHUNK_ROWS rows to insert (and
 * the rejected rows between them): one INSERT for the segment's rows, then
 * a walk in file order that counts and reports. Duplicates are found by
 * the UNIQUE index: a row the INSERT ignored is one. */
