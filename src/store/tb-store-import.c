/* tb-store-import.c: streaming CSV import of contacts into a campaign
 *
 * One worker thread, its own SQLite connection, prepared statements and a
 * transaction per batch. Memory stays flat: the CSV reader has a fixed
 * buffer, rejected rows go to a temporary file, and duplicates are found by
 * the database's UNIQUE (phone, campaign_id) (INSERT OR IGNORE) instead of
 * an in-memory set. A duplicate's existing row tells whether it came from
 * this file (an id above the campaign's largest when the import began) or
 * was there before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tb-contact-columns.h"
#include "tb-csv.h"
#include "tb-import-parser-private.h"
#include "tb-phone.h"
#include "tb-store-import-private.h"
#include "tb-store-private.h"
#include "tb-texting-hours.h"

#define DEFAULT_BATCH_SIZE  5000
/* With the default batch size, a transaction also ends once it has held
 * the write lock this long, so a Send press waits little behind it. */
#define MAX_TRANSACTION_USEC (50 * 1000)
#define PROGRESS_INTERVAL   (G_USEC_PER_SEC / 10)
#define IMPORT_CACHE_KIB    49152
/* The import checkpoints after each of its transactions (each writes more
 * than 1,000 WAL pages, SQLite's default threshold). Letting the WAL grow
 * to 64 MB instead copied fewer pages, but then every other connection's
 * commit ran the checkpoint: a Send press on the main thread copied the
 * import's pages, 40 ms in the median (bench-import-wait). */
#define IMPORT_CHECKPOINT_PAGES 1000
/* Rows per INSERT statement. Every statement that may fire triggers gets
 * a statement journal: SQLite copies each page it touches (the table's,
 * five indexes', the counts') once per statement, so 32 rows a statement
 * copy those pages once instead of 32 times. */
#define CHUNK_ROWS          32
#define INSERT_COLUMNS      8
/* An E.164 number and its NUL: "+" and at most 15 digits. */
#define E164_SIZE           17

struct _TbImportOptions
{
  char             *default_region;
  TbContactColumns *columns;
  gboolean          allow_fictional;
  guint             batch_size;
  gboolean          exact_batches;   /* set_batch_size(): no time limit */
};

typedef struct {
  gint64                campaign_id;
  GFile                *csv;
  TbImportOptions      *options;
  TbImportProgressFunc  progress;
  gpointer              progress_data;
  GMainContext         *context;
  TbStore              *store;
  char                 *path;
} ImportJob;

typedef struct {
  TbImportProgressFunc  func;
  gpointer              data;
  guint64               records;
  guint64               bytes_read;
  guint64               bytes_total;
} ProgressReport;

/* ---- Options ------------------------------------------------------------ */

TbImportOptions *
tb_import_options_new (void)
{
  TbImportOptions *options = g_new0 (TbImportOptions, 1);

  options->default_region = g_strdup (TB_PHONE_DEFAULT_REGION);
  options->batch_size = DEFAULT_BATCH_SIZE;
  return options;
}

TbImportOptions *
tb_import_options_copy (const TbImportOptions *options)
{
  TbImportOptions *copy = tb_import_options_new ();

  if (options == NULL)
    return copy;
  g_free (copy->default_region);
  copy->default_region = g_strdup (options->default_region);
  copy->columns = options->columns != NULL ? g_object_ref (options->columns) : NULL;
  copy->allow_fictional = options->allow_fictional;
  copy->batch_size = options->batch_size;
  copy->exact_batches = options->exact_batches;
  return copy;
}

void
tb_import_options_free (TbImportOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->default_region);
  g_clear_object (&options->columns);
  g_free (options);
}

void
tb_import_options_set_default_region (TbImportOptions *options,
                                      const char      *region)
{
  g_return_if_fail (options != NULL);
  g_free (options->default_region);
  options->default_region = g_strdup (region != NULL ? region : TB_PHONE_DEFAULT_REGION);
}

void
tb_import_options_set_columns (TbImportOptions  *options,
                               TbContactColumns *columns)
{
  g_return_if_fail (options != NULL);
  g_set_object (&options->columns, columns);
}

void
tb_import_options_set_allow_fictional (TbImportOptions *options,
                                       gboolean         allow)
{
  g_return_if_fail (options != NULL);
  options->allow_fictional = allow;
}

void
tb_import_options_set_batch_size (TbImportOptions *options,
                                  guint            rows)
{
  g_return_if_fail (options != NULL);
  options->batch_size = rows > 0 ? rows : DEFAULT_BATCH_SIZE;
  options->exact_batches = rows > 0;
}

/* ---- Helpers ------------------------------------------------------------ */

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->csv);
  tb_import_options_free (job->options);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;

  report->func (report->records, report->bytes_read, report->bytes_total, report->data);
  return G_SOURCE_REMOVE;
}

static void
send_progress (ImportJob *job,
               guint64    records,
               guint64    bytes_read,
               guint64    bytes_total)
{
  ProgressReport *report;
  g_autoptr(GSource) source = NULL;

  if (job->progress == NULL || job->context == NULL)
    return;
  report = g_new0 (ProgressReport, 1);
  report->func = job->progress;
  report->data = job->progress_data;
  report->records = records;
  report->bytes_read = bytes_read;
  report->bytes_total = bytes_total;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, report, g_free);
  g_source_set_static_name (source, "[tb-store] import progress");
  g_source_attach (source, job->context);
}

static gboolean
step_done (sqlite3       *db,
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
  sqlite3_stmt *campaign_exists;
  sqlite3_stmt *new_phones;
  gint64        campaign_id;
  gboolean      does_triggers;     /* triggers are off: we do their work */

  /* The transaction in progress. */
  gboolean      in_transaction;
  gint64        transaction_start; /* monotonic */
  gint64        max_id_before;     /* every row above is this transaction's */
  gint64        inserted;
} Statements;

static void
statements_clear (Statements *statements)
{
  g_clear_pointer (&statements->opted_out_phones, g_hash_table_unref);
  sqlite3_finalize (statements->insert);
  sqlite3_finalize (statements->insert_chunk);
  sqlite3_finalize (statements->opted_out);
  sqlite3_finalize (statements->existing);
  sqlite3_finalize (statements->field);
  sqlite3_finalize (statements->opt_out_new);
  sqlite3_finalize (statements->count_add);
  sqlite3_finalize (statements->campaign_exists);
  sqlite3_finalize (statements->new_phones);
  if (statements->db != NULL)
    {
      tb_db_rollback (statements->db);
      sqlite3_close_v2 (statements->db);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Statements, statements_clear)

static gboolean
prepare (Statements  *statements,
         GError     **error)
{
  static const struct {
    gsize       offset;
    const char *sql;
  } sql[] = {
    { G_STRUCT_OFFSET (Statements, insert),
      "INSERT OR IGNORE INTO contact (campaign_id, phone, first_name, last_name, zip,"
      "  time_zone, fields, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" },
    { G_STRUCT_OFFSET (Statements, opted_out), "SELECT phone FROM opt_out" },
    { G_STRUCT_OFFSET (Statements, existing),
      "SELECT id FROM contact WHERE phone = ?1 AND campaign_id = ?2" },
    { G_STRUCT_OFFSET (Statements, field),
      "INSERT OR IGNORE INTO campaign_field (campaign_id, name, position) VALUES (?1, ?2,"
      "  (SELECT coalesce (max (position) + 1, 0) FROM campaign_field WHERE campaign_id = ?1))" },
    /* contact_opted_out_on_insert, for every row of the transaction at
     * once: catches a number opted out after the import read the list. */
    { G_STRUCT_OFFSET (Statements, opt_out_new),
      "UPDATE contact SET prior_status = status, status = 4"
      "  WHERE id > ?1 AND status <> 4"
      "    AND EXISTS (SELECT 1 FROM opt_out WHERE opt_out.phone = contact.phone)" },
    { G_STRUCT_OFFSET (Statements, campaign_exists), "SELECT 1 FROM campaign WHERE id = ?1" },
    { G_STRUCT_OFFSET (Statements, new_phones), "SELECT phone FROM contact WHERE id > ?1 ORDER BY id" },
    /* contact_count_insert and contact_count_update, summed. */
    { G_STRUCT_OFFSET (Statements, count_add),
      "INSERT INTO contact_count (campaign_id, status, n) VALUES (?1, ?2, ?3)"
      "  ON CONFLICT (campaign_id, status) DO UPDATE SET n = n + excluded.n" },
  };

  g_autoptr(GString) chunk = g_string_new ("INSERT OR IGNORE INTO contact (campaign_id, phone, first_name,"
                                           " last_name, zip, time_zone, fields, updated_at) VALUES ");
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt **stmt = G_STRUCT_MEMBER_P (statements, sql[i].offset);

      rc = sqlite3_prepare_v3 (statements->db, sql[i].sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
      if (rc != SQLITE_OK)
        return tb_store_set_error (error, statements->db, rc, _("Could not prepare the import"));
    }

  /* The rows go in in VALUES order, so ids keep the file's order. */
  for (guint row = 0; row < CHUNK_ROWS; row++)
    {
      g_string_append (chunk, row > 0 ? ", (" : "(");
      for (guint column = 1; column <= INSERT_COLUMNS; column++)
        g_string_append_printf (chunk, column > 1 ? ", ?%u" : "?%u", row * INSERT_COLUMNS + column);
      g_string_append_c (chunk, ')');
    }
  rc = sqlite3_prepare_v3 (statements->db, chunk->str, -1, SQLITE_PREPARE_PERSISTENT,
                           &statements->insert_chunk, NULL);
  if (rc != SQLITE_OK)
    return tb_store_set_error (error, statements->db, rc, _("Could not prepare the import"));
  return TRUE;
}

/* The opt-out list is short next to a file of contacts: one read, then a
 * hash lookup per record. A number opted out while the import runs is
 * still caught by the schema (contact_opted_out_on_insert). */
static gboolean
read_opt_outs (Statements  *statements,
               GError     **error)
{
  int rc;

  statements->opted_out_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (statements->opted_out)) == SQLITE_ROW)
    g_hash_table_add (statements->opted_out_phones,
                      g_strdup ((const char *) sqlite3_column_text (statements->opted_out, 0)));
  sqlite3_reset (statements->opted_out);
  if (rc != SQLITE_DONE)
    return tb_store_set_error (error, statements->db, rc, _("Could not read the opt-out list"));
  return TRUE;
}

static gint64
query_int64 (sqlite3     *db,
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

static void
bind_row (sqlite3_stmt      *stmt,
          int                first,
          gint64             campaign_id,
          TbImportBatch     *batch,
          const TbImportRow *row,
          gint64             now)
{
  sqlite3_bind_int64 (stmt, first, campaign_id);
  sqlite3_bind_text (stmt, first + 1, tb_import_batch_string (batch, row->phone), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 2, tb_import_batch_string (batch, row->first_name), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 3, tb_import_batch_string (batch, row->last_name), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 4, tb_import_batch_string (batch, row->zip), -1, SQLITE_STATIC);
  if (row->time_zone != TB_IMPORT_NO_STRING)
    sqlite3_bind_text (stmt, first + 5, tb_import_batch_string (batch, row->time_zone), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, first + 5);
  sqlite3_bind_text (stmt, first + 6, tb_import_batch_string (batch, row->fields_json),
                     (int) row->json_length, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 7, now);
}

static gint64
existing_id (Statements *statements,
             gint64      campaign_id,
             const char *phone)
{
  gint64 existing = -1;

  sqlite3_bind_text (statements->existing, 1, phone, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statements->existing, 2, campaign_id);
  if (sqlite3_step (statements->existing) == SQLITE_ROW)
    existing = sqlite3_column_int64 (statements->existing, 0);
  sqlite3_reset (statements->existing);
  return existing;
}

/* The triggers on the tables an import writes, as the schema makes them:
 * a digest of their names and SQL in name order. While they are exactly
 * these, the import turns triggers off on its connection and does their
 * work itself, once per transaction instead of once per row (a per-row
 * trigger costs more than the row's insert): contact_count_insert and
 * contact_opted_out_on_insert for its INSERTs, contact_count_update for
 * the opt-out UPDATE. contact_stays_opted_out and contact_count_delete
 * never fire for it. Any other trigger there (a later migration) and the
 * import leaves triggers on. test-store-import checks the digest. */
#define KNOWN_TRIGGERS_SHA256 "e48474b963493c35bdbc04016b45c8d4d572d7d0aa32917c54cdd7395240bde1"

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

static gboolean
transaction_begin (Statements  *statements,
                   GError     **error)
{
  int rc;

  if (statements->in_transaction)
    return TRUE;
  if (!tb_db_begin (statements->db, error))
    return FALSE;
  statements->in_transaction = TRUE;
  statements->transaction_start = g_get_monotonic_time ();
  statements->inserted = 0;

  /* The foreign key check, once a transaction instead of once a row: the
   * write lock keeps the campaign there until the commit. */
  sqlite3_bind_int64 (statements->campaign_exists, 1, statements->campaign_id);
  rc = sqlite3_step (statements->campaign_exists);
  sqlite3_reset (statements->campaign_exists);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no campaign with id %" PRId64), statements->campaign_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return tb_store_set_error (error, statements->db, rc, _("Could not read the campaign"));
  if (statements->does_triggers)
    {
      statements->max_id_before = query_int64 (statements->db, "SELECT coalesce (max (id), 0) FROM contact",
                                               0, error);
      if (statements->max_id_before < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_count (Statements       *statements,
           gint64            campaign_id,
           TbContactStatus   status,
           gint64            n,
           GError          **error)
{
  if (n == 0)
    return TRUE;
  sqlite3_bind_int64 (statements->count_add, 1, campaign_id);
  sqlite3_bind_int (statements->count_add, 2, status);
  sqlite3_bind_int64 (statements->count_add, 3, n);
  return step_done (statements->db, statements->count_add, _("Could not count the contacts"), error);
}

/* Commits what the transaction holds, after the triggers' work. */
static gboolean
transaction_commit (Statements  *statements,
                    gint64       campaign_id,
                    GError     **error)
{
  if (!statements->in_transaction)
    return TRUE;
  if (statements->does_triggers && statements->inserted > 0)
    {
      gint64 opted_out;

      sqlite3_bind_int64 (statements->opt_out_new, 1, statements->max_id_before);
      if (!step_done (statements->db, statements->opt_out_new, _("Could not check the opt-out list"), error))
        return FALSE;
      opted_out = sqlite3_changes (statements->db);
      if (!add_count (statements, campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT,
                      statements->inserted - opted_out, error) ||
          !add_count (statements, campaign_id, TB_CONTACT_STATUS_OPTED_OUT, opted_out, error))
        return FALSE;
    }
  if (!tb_db_commit (statements->db, error))
    return FALSE;
  statements->in_transaction = FALSE;
  return TRUE;
}

/* The phones of the rows above id, in id order (at most CHUNK_ROWS). */
static gboolean
read_new_phones (Statements  *statements,
                 gint64       above_id,
                 char         phones[][E164_SIZE],
                 guint       *n_phones,
                 GError     **error)
{
  int rc;

  *n_phones = 0;
  sqlite3_bind_int64 (statements->new_phones, 1, above_id);
  while ((rc = sqlite3_step (statements->new_phones)) == SQLITE_ROW && *n_phones < CHUNK_ROWS)
    g_strlcpy (phones[(*n_phones)++], (const char *) sqlite3_column_text (statements->new_phones, 0), E164_SIZE);
  sqlite3_reset (statements->new_phones);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tb_store_set_error (error, statements->db, rc, _("Could not save contacts"));
  return TRUE;
}

/* One batch from the parser, in file order, inside a transaction the
 * caller commits. Goes by segments holding CHUNK_ROWS rows to insert (and
 * the rejected rows between them): one INSERT for the segment's rows, then
 * a walk in file order that counts and reports. Duplicates are found by
 * the UNIQUE index: a row the INSERT ignored is one. */
/* Commits the transaction in progress and tells the others. */
static gboolean
end_transaction (ImportJob      *job,
                 Statements     *statements,
                 TbImportReport *report,
                 TbImportCounts *committed,
                 GError        **error)
{
  if (!statements->in_transaction)
    return TRUE;
  if (!transaction_commit (statements, job->campaign_id, error))
    return FALSE;
  *committed = *tb_import_report_get_counts (report);
  tb_store_emit_contacts_changed (job->store, job->campaign_id, 0);
  /* Let a writer that waited for this transaction (a Send press on the
   * main connection polls every millisecond) take the lock. */
  g_usleep (2000);
  return TRUE;
}

static gboolean
insert_batch (ImportJob      *job,
              Statements     *statements,
              TbImportBatch  *batch,
              TbImportReport *report,
              TbImportCounts *committed,
              gint64          first_new_id,
              gint64          now,
              gint64         *last_progress,
              guint64         bytes_total,
              GCancellable   *cancellable,
              GError        **error)
{
  TbImportCounts *counts = tb_import_report_get_counts (report);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  guint start = 0;

  if (!transaction_begin (statements, error))
    return FALSE;

  while (start < batch->rows->len)
    {
      guint end = start;
      guint n_insert = 0;
      gboolean chunked = FALSE;
      gboolean all_inserted = FALSE;
      char new_phones[CHUNK_ROWS][E164_SIZE];
      guint n_new = 0, next_new = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* A transaction holds the write lock: keep it short in time. */
      if (!job->options->exact_batches &&
          g_get_monotonic_time () - statements->transaction_start >= MAX_TRANSACTION_USEC &&
          (!end_transaction (job, statements, report, committed, error) ||
           !transaction_begin (statements, error)))
        return FALSE;

      while (end < batch->rows->len && n_insert < CHUNK_ROWS)
        if (g_array_index (batch->rows, TbImportRow, end++).kind == TB_IMPORT_ROW_INSERT)
          n_insert++;

      if (n_insert == CHUNK_ROWS)
        {
          int bound = 0;
          int changes;

          for (guint i = start; i < end; i++)
            {
              const TbImportRow *row = &g_array_index (batch->rows, TbImportRow, i);

              if (row->kind != TB_IMPORT_ROW_INSERT)
                continue;
              bind_row (statements->insert_chunk, bound * INSERT_COLUMNS + 1, job->campaign_id, batch, row, now);
              bound++;
            }
          if (!step_done (statements->db, statements->insert_chunk, "Could not save contacts", error))
            return FALSE;
          chunked = TRUE;
          changes = sqlite3_changes (statements->db);
          statements->inserted += changes;
          all_inserted = changes == CHUNK_ROWS;
          /* New rows get max (id) + 1 each, in VALUES order. */
          if (changes > 0 && !all_inserted &&
              !read_new_phones (statements, sqlite3_last_insert_rowid (statements->db) - changes,
                                new_phones, &n_new, error))
            return FALSE;
        }

      for (guint i = start; i < end; i++)
        {
          const TbImportRow *row = &g_array_index (batch->rows, TbImportRow, i);
          const char *phone = tb_import_batch_string (batch, row->phone);
          g_autofree char *duplicate_message = NULL;
          const char *message;
          TbImportReason reason;

          counts->records++;
          if (row->kind == TB_IMPORT_ROW_INSERT)
            {
              gboolean inserted;
              gint64 existing = -1;

              if (chunked && all_inserted)
                inserted = TRUE;
              else if (chunked)
                {
                  /* The segment's new rows, in VALUES order: a row is one
                   * when it is the next of them (a phone twice in the
                   * segment: its first row). */
                  inserted = next_new < n_new && strcmp (phone, new_phones[next_new]) == 0;
                  if (inserted)
                    next_new++;
                  else
                    existing = existing_id (statements, job->campaign_id, phone);
                }
              else
                {
                  bind_row (statements->insert, 1, job->campaign_id, batch, row, now);
                  if (!step_done (statements->db, statements->insert, "Could not save a contact", error))
                    return FALSE;
                  inserted = sqlite3_changes (statements->db) == 1;
                  statements->inserted += inserted;
                  if (!inserted)
                    existing = existing_id (statements, job->campaign_id, phone);
                }
              if (inserted)
                {
                  counts->imported++;
                  goto progress;
                }

              reason = existing >= first_new_id ? TB_IMPORT_REASON_DUPLICATE_IN_FILE
                                                 : TB_IMPORT_REASON_DUPLICATE_IN_CAMPAIGN;
              duplicate_message = g_strdup_printf (_("Record %" PRIu64 " (line %" PRIu64 "): %s is %s"),
                                                   row->record, row->line, phone,
                                                   reason == TB_IMPORT_REASON_DUPLICATE_IN_FILE
                                                     ? _("in the file already") : _("in the campaign already"));
              message = duplicate_message;
              counts->duplicates++;
            }
          else
            {
              reason = row->reason;
              message = tb_import_batch_string (batch, row->message);
              switch (reason)
                {
                case TB_IMPORT_REASON_BAD_RECORD: counts->bad_records++; break;
                case TB_IMPORT_REASON_MISSING_PHONE: counts->missing_phone++; break;
                case TB_IMPORT_REASON_INVALID_PHONE: counts->invalid_phone++; break;
                case TB_IMPORT_REASON_OPTED_OUT: counts->opted_out++; break;
                case TB_IMPORT_REASON_DUPLICATE_IN_FILE:
                case TB_IMPORT_REASON_DUPLICATE_IN_CAMPAIGN:
                default:
                  g_assert_not_reached ();
                }
            }

          g_ptr_array_set_size (fields, 0);
          for (guint f = 0; f < row->n_fields; f++)
            g_ptr_array_add (fields, (gpointer) tb_import_batch_string (
                                       batch, g_array_index (batch->field_offsets, gsize, row->first_field + f)));
          g_ptr_array_add (fields, NULL);
          if (!tb_import_report_reject (report, row->record, row->line, reason, message,
                                        row->has_fields ? (const char * const *) fields->pdata : NULL,
                                        row->n_fields, error))
            return FALSE;

        progress:
          if (g_get_monotonic_time () - *last_progress >= PROGRESS_INTERVAL)
            {
              *last_progress = g_get_monotonic_time ();
              send_progress (job, counts->records, row->bytes_read, bytes_total);
            }
        }
      start = end;
    }
  return TRUE;
}

/* ---- The import itself --------------------------------------------------- */

static TbImportReport *
run_import (ImportJob     *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_auto(Statements) statements = { NULL };
  g_autoptr(TbImportReport) report = tb_import_report_new ();
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(TbCsvReader) reader = NULL;
  g_autoptr(TbContactColumns) columns = NULL;
  g_autoptr(GError) local_error = NULL;
  TbImportCounts *counts = tb_import_report_get_counts (report);
  TbImportCounts committed = { 0 };
  TbPhoneFlags phone_flags = job->options->allow_fictional ? TB_PHONE_ALLOW_FICTIONAL : TB_PHONE_FLAGS_NONE;
  guint batch_size = job->options->batch_size;
  guint64 bytes_total = 0;
  gint64 last_progress = 0;
  gint64 first_new_id;
  guint n_columns;
  gint64 now = tb_now ();
  gboolean at_end = FALSE;
  g_autoptr(TbImportParser) parser = NULL;  /* freed first: it uses the rest */

  /* The file first: its problems are the likeliest. */
  input = g_file_read (job->csv, cancellable, error);
  if (input == NULL)
    return NULL;
  info = g_file_input_stream_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL)
    bytes_total = (guint64) g_file_info_get_size (info);
  reader = tb_csv_reader_new (G_INPUT_STREAM (input));
  if (!tb_csv_reader_read_header (reader, cancellable, error))
    return NULL;
  n_columns = tb_csv_reader_get_n_columns (reader);

  if (job->options->columns != NULL)
    {
      columns = g_object_ref (job->options->columns);
      if (tb_contact_columns_get_n_columns (columns) != n_columns)
        {
          g_set_error (error, TB_CSV_ERROR, TB_CSV_ERROR_TOO_MANY_COLUMNS,
                       _("The column mapping has %u columns but the file's header has %u"),
                       tb_contact_columns_get_n_columns (columns), n_columns);
          return NULL;
        }
    }
  else
    columns = tb_contact_columns_new (tb_csv_reader_get_header (reader), n_columns);
  if (!tb_contact_columns_check (columns, error))
    return NULL;

  statements.db = tb_store_open_worker_db (job->store, error);
  if (statements.db == NULL)
    return NULL;
  {
    /* The CHECK constraints hold by construction for what the import
     * writes (an E.164 phone from tb_phone_normalize(), JSON it escaped
     * itself, the default status), and json_valid() on every row costs
     * more than the row's insert. Other connections keep checking. */
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = -%d; PRAGMA wal_autocheckpoint = %d;"
                                               "PRAGMA ignore_check_constraints = ON;"
                                               "PRAGMA foreign_keys = OFF;",
                                               IMPORT_CACHE_KIB, IMPORT_CHECKPOINT_PAGES);
    sqlite3_exec (statements.db, pragma, NULL, NULL, NULL);
  }
  statements.campaign_id = job->campaign_id;
  statements.does_triggers = tb_import_knows_triggers (statements.db) &&
                             sqlite3_db_config (statements.db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0,
                                                NULL) == SQLITE_OK;
  if (!prepare (&statements, error) || !read_opt_outs (&statements, error))
    return NULL;
  if (query_int64 (statements.db, "SELECT id FROM campaign WHERE id = ?1", job->campaign_id, NULL) < 0)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no campaign with id %" PRId64), job->campaign_id);
      return NULL;
    }
  first_new_id = query_int64 (statements.db, "SELECT coalesce (max (id), 0) + 1 FROM contact WHERE ?1 = ?1",
                              0, error);
  if (first_new_id < 0)
    return NULL;

  if (!tb_import_report_begin_rejected (report, tb_csv_reader_get_header (reader), n_columns, error))
    return NULL;

  /* The custom fields, in column order, for exports. */
  if (!transaction_begin (&statements, error))
    return NULL;
  for (guint i = 0; i < n_columns; i++)
    {
      if (tb_contact_columns_get_field (columns, i) != TB_CONTACT_FIELD_CUSTOM)
        continue;
      sqlite3_bind_int64 (statements.field, 1, job->campaign_id);
      tb_bind_text (statements.field, 2, tb_contact_columns_get_custom_name (columns, i));
      if (!step_done (statements.db, statements.field, "Could not save the campaign's fields", error))
        return NULL;
    }
  if (!transaction_commit (&statements, job->campaign_id, error))
    return NULL;

  parser = tb_import_parser_start (reader, columns, job->options->default_region, phone_flags,
                                   statements.opted_out_phones, batch_size, cancellable);
  while (!at_end)
    {
      TbImportBatch *batch = tb_import_parser_try_next (parser);
      gboolean ok;

      /* Never hold the write lock while waiting for the parser. */
      if (batch == NULL)
        {
          if (!end_transaction (job, &statements, report, &committed, error))
            return NULL;
          batch = tb_import_parser_next (parser);
        }
      ok = insert_batch (job, &statements, batch, report, &committed, first_new_id, now,
                         &last_progress, bytes_total, cancellable, error);

      at_end = batch->end;
      if (ok && batch->error != NULL)
        {
          if (batch->error_is_fatal_record)
            g_propagate_prefixed_error (error, g_steal_pointer (&batch->error),
                                        _("The import stopped (%" PRIu64 " contacts were "
                                        "saved; importing the fixed file again skips them): "),
                                        committed.imported);
          else
            g_propagate_error (error, g_steal_pointer (&batch->error));
          ok = FALSE;
        }
      if (ok && !at_end && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      tb_import_parser_recycle (parser, batch);
      if (!ok)
        return NULL;  /* the batch in progress rolls back */

      /* With a batch size set, a whole batch (the last one may be short)
       * ends a transaction. */
      if (at_end)
        break;
      if (job->options->exact_batches &&
          !end_transaction (job, &statements, report, &committed, error))
        return NULL;
    }
  g_clear_pointer (&parser, tb_import_parser_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!transaction_commit (&statements, job->campaign_id, error))
    return NULL;
  if (!tb_import_report_end_rejected (report, error))
    return NULL;
  send_progress (job, counts->records, tb_csv_reader_get_bytes_read (reader), bytes_total);
  tb_store_emit_contacts_changed (job->store, job->campaign_id, 0);

  /* Let the planner see the new sizes: cheap with the analysis limit. */
  sqlite3_exec (statements.db, "PRAGMA analysis_limit = 400; PRAGMA optimize;", NULL, NULL, NULL);
  return g_steal_pointer (&report);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  TbImportReport *report = run_import (task_data, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static ImportJob *
import_job_new (TbStore               *self,
                gint64                 campaign_id,
                GFile                 *csv,
                const TbImportOptions *options)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->store = g_object_ref (self);
  job->campaign_id = campaign_id;
  job->csv = g_object_ref (csv);
  job->options = tb_import_options_copy (options);
  return job;
}

void
tb_store_import_async (TbStore               *self,
                       gint64                 campaign_id,
                       GFile                 *csv,
                       const TbImportOptions *options,
                       TbImportProgressFunc   progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (TB_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (csv));

  job = import_job_new (self, campaign_id, csv, options);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_store_import_async);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

TbImportReport *
tb_store_import_finish (TbStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TbImportReport *
tb_store_import_sync (TbStore               *self,
                      gint64                 campaign_id,
                      GFile                 *csv,
                      const TbImportOptions *options,
                      GCancellable          *cancellable,
                      GError               **error)
{
  ImportJob *job;
  TbImportReport *report;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (csv), NULL);

  job = import_job_new (self, campaign_id, csv, options);
  report = run_import (job, cancellable, error);
  import_job_free (job);
  return report;
}
