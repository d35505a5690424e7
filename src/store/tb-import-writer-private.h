/* tb-import-writer-private.h: the import's database side
 *
 * The inserting thread's connection and statements (tb-import-writer.c);
 * tb-store-import.c drives them batch by batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "tb-store.h"

G_BEGIN_DECLS

/* Rows per INSERT statement: a statement's overhead once for 32 rows.
 * Where triggers stay on, every statement gets a statement journal, and
 * SQLite copies each page it touches into it once per statement. */
#define CHUNK_ROWS          32
#define INSERT_COLUMNS      8
/* An E.164 number and its NUL: "+" and at most 15 digits. */
#define E164_SIZE           17

typedef struct {
  sqlite3      *db;
  GHashTable   *opted_out_phones;  /* the opt-out list, read once */
  sqlite3_stmt *insert;
  sqlite3_stmt *insert_chunk;      /* CHUNK_ROWS rows in one statement */
  sqlite3_stmt *opted_out;
  sqlite3_stmt *existing;
  sqlite3_stmt *field;
  sqlite3_stmt *opt_out_new;       /* the trigger's work, for a transaction's rows */
  sqlite3_stmt *count_add;
  sqlite3_stmt *names_add;         /* contact_name_insert's work */
  sqlite3_stmt *campaign_exists;
  sqlite3_stmt *new_phones;
  gint64        campaign_id;
  gboolean      does_triggers;     /* triggers are off: we do their work */

  /* The transaction in progress. */
  gboolean      in_transaction;
  gint64        transaction_start; /* monotonic */
  gint64        max_id_before;     /* every row above is this transaction's */
  gint64        inserted;
} TbImportWriter;

/* Opens the connection, reads the opt-out list and prepares. */
gboolean tb_import_writer_open            (TbImportWriter  *self,
                                           TbStore         *store,
                                           gint64           campaign_id,
                                           GError         **error);
/* Rolls back what is not committed and closes. */
void     tb_import_writer_clear           (TbImportWriter  *self);
gboolean tb_import_writer_prepare         (TbImportWriter  *self,
                                           GError         **error);
gboolean tb_import_writer_read_opt_outs   (TbImportWriter  *self,
                                           GError         **error);
/* Starts a transaction unless one is open; checks the campaign is there. */
gboolean tb_import_writer_begin           (TbImportWriter  *self,
                                           GError         **error);
/* Does the triggers' work for the transaction's rows, and commits. */
gboolean tb_import_writer_commit          (TbImportWriter  *self,
                                           gint64           campaign_id,
                                           GError         **error);
/* The id of the campaign's contact with this phone, or -1. */
gint64   tb_import_writer_existing_id     (TbImportWriter  *self,
                                           gint64           campaign_id,
                                           const char      *phone);
/* The phones of the rows above id, in id order (at most CHUNK_ROWS). */
gboolean tb_import_writer_read_new_phones (TbImportWriter  *self,
                                           gint64           above_id,
                                           char             phones[][E164_SIZE],
                                           guint           *n_phones,
                                           GError         **error);

gboolean tb_import_step_done              (sqlite3         *db,
                                           sqlite3_stmt    *stmt,
                                           const char      *what,
                                           GError         **error);
/* The first column of the first row, or -1 (and error). */
gint64   tb_import_query_int64            (sqlite3         *db,
                                           const char      *sql,
                                           gint64           arg,
                                           GError         **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TbImportWriter, tb_import_writer_clear)

G_END_DECLS
