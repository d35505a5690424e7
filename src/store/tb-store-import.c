/* tb-store-import.c: streaming CSV import of contacts into a campaign
 *
 * Two threads: the parser (tb-import-parser.c) reads and normalises
 * records into batches; this one inserts them on its own connection
 * (tb-import-writer.c). A transaction ends when the store's own
 * connection waits for the write lock, when the parser has no batch ready
 * (the lock is never held while waiting), after 200 ms at the latest, or,
 * with a batch size set, after each batch. Memory
 * stays flat: the CSV reader has a fixed buffer, rejected rows go to a
 * temporary file, and duplicates are found by the database's UNIQUE
 * (phone, campaign_id) (INSERT OR IGNORE) instead of an in-memory set.
 * A duplicate's existing row tells whether it came from this file (an id
 * above the campaign's largest when the import began) or was there before.
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
#include "tb-import-writer-private.h"
#include "tb-phone.h"
#include "tb-store-import-private.h"
#include "tb-store-private.h"
#include "tb-texting-hours.h"

#define DEFAULT_BATCH_SIZE  5000
/* With the default batch size, a transaction ends as soon as the store's
 * own connection waits for the write lock (a Send press), and at the
 * latest once it has held the lock this long (another process's writer
 * cannot say it waits). Longer transactions rewrite the phone index's
 * pages to the WAL less often. */
#define MAX_TRANSACTION_USEC (200 * 1000)
#define PROGRESS_INTERVAL   (G_USEC_PER_SEC / 10)
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
  GAsyncReadyCallback   callback;
  gpointer              user_data;
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

/* Commits the transaction in progress and tells the others. */
static gboolean
end_transaction (ImportJob       *job,
                 TbImportWriter  *writer,
                 TbImportReport  *report,
                 TbImportCounts  *committed,
                 GError         **error)
{
  if (!writer->in_transaction)
    return TRUE;
  if (!tb_import_writer_commit (writer, job->campaign_id, error))
    return FALSE;
  *committed = *tb_import_report_get_counts (report);
  tb_store_clear_writer_waiting (job->store);
  tb_store_emit_contacts_changed (job->store, job->campaign_id, 0);
  /* Let a writer that waited for this transaction (a Send press on the
   * main connection polls every millisecond) take the lock. */
  g_usleep (2000);
  return TRUE;
}

/* One batch from the parser, in file order, inside the transaction in
 * progress (which may end between segments, see MAX_TRANSACTION_USEC).
 * Goes by segments holding CHUNK_ROWS rows to insert (and the rejected
 * rows between them): one INSERT for the segment's rows, then a walk in
 * file order that counts and reports. Duplicates are found by the UNIQUE
 * index: a row the INSERT ignored is one. */
static gboolean
insert_batch (ImportJob       *job,
              TbImportWriter  *writer,
              TbImportBatch   *batch,
              TbImportReport  *report,
              TbImportCounts  *committed,
              gint64           first_new_id,
              gint64           now,
              gint64          *last_progress,
              guint64          bytes_total,
              GCancellable    *cancellable,
              GError         **error)
{
  TbImportCounts *counts = tb_import_report_get_counts (report);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  guint start = 0;

  if (!tb_import_writer_begin (writer, error))
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
      /* A transaction holds the write lock: end it when someone waits. */
      if (!job->options->exact_batches &&
          (tb_store_writer_is_waiting (job->store) ||
           g_get_monotonic_time () - writer->transaction_start >= MAX_TRANSACTION_USEC) &&
          (!end_transaction (job, writer, report, committed, error) ||
           !tb_import_writer_begin (writer, error)))
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
              bind_row (writer->insert_chunk, bound * INSERT_COLUMNS + 1, job->campaign_id, batch, row, now);
              bound++;
            }
          if (!tb_import_step_done (writer->db, writer->insert_chunk, "Could not save contacts", error))
            return FALSE;
          chunked = TRUE;
          changes = sqlite3_changes (writer->db);
          writer->inserted += changes;
          all_inserted = changes == CHUNK_ROWS;
          /* New rows get max (id) + 1 each, in VALUES order. */
          if (changes > 0 && !all_inserted &&
              !tb_import_writer_read_new_phones (writer, sqlite3_last_insert_rowid (writer->db) - changes,
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
                    existing = tb_import_writer_existing_id (writer, job->campaign_id, phone);
                }
              else
                {
                  bind_row (writer->insert, 1, job->campaign_id, batch, row, now);
                  if (!tb_import_step_done (writer->db, writer->insert, "Could not save a contact", error))
                    return FALSE;
                  inserted = sqlite3_changes (writer->db) == 1;
                  writer->inserted += inserted;
                  if (!inserted)
                    existing = tb_import_writer_existing_id (writer, job->campaign_id, phone);
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
  g_auto(TbImportWriter) writer = { NULL };
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

  if (!tb_import_writer_open (&writer, job->store, job->campaign_id, error))
    return NULL;
  if (tb_import_query_int64 (writer.db, "SELECT id FROM campaign WHERE id = ?1", job->campaign_id, NULL) < 0)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no campaign with id %" PRId64), job->campaign_id);
      return NULL;
    }
  first_new_id = tb_import_query_int64 (writer.db, "SELECT coalesce (max (id), 0) + 1 FROM contact WHERE ?1 = ?1",
                                        0, error);
  if (first_new_id < 0)
    return NULL;

  if (!tb_import_report_begin_rejected (report, tb_csv_reader_get_header (reader), n_columns, error))
    return NULL;

  /* The custom fields, in column order, for exports. */
  if (!tb_import_writer_begin (&writer, error))
    return NULL;
  for (guint i = 0; i < n_columns; i++)
    {
      if (tb_contact_columns_get_field (columns, i) != TB_CONTACT_FIELD_CUSTOM)
        continue;
      sqlite3_bind_int64 (writer.field, 1, job->campaign_id);
      tb_bind_text (writer.field, 2, tb_contact_columns_get_custom_name (columns, i));
      if (!tb_import_step_done (writer.db, writer.field, "Could not save the campaign's fields", error))
        return NULL;
    }
  if (!tb_import_writer_commit (&writer, job->campaign_id, error))
    return NULL;

  parser = tb_import_parser_start (reader, columns, job->options->default_region, phone_flags,
                                   writer.opted_out_phones, batch_size, cancellable);
  while (!at_end)
    {
      TbImportBatch *batch = tb_import_parser_try_next (parser);
      gboolean ok;

      /* Never hold the write lock while waiting for the parser. */
      if (batch == NULL)
        {
          if (!end_transaction (job, &writer, report, &committed, error))
            return NULL;
          batch = tb_import_parser_next (parser);
        }
      ok = insert_batch (job, &writer, batch, report, &committed, first_new_id, now,
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
        return NULL;  /* the transaction in progress rolls back */

      /* With a batch size set, a whole batch (the last one may be short)
       * ends a transaction. */
      if (at_end)
        break;
      if (job->options->exact_batches &&
          !end_transaction (job, &writer, report, &committed, error))
        return NULL;
    }
  g_clear_pointer (&parser, tb_import_parser_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!tb_import_writer_commit (&writer, job->campaign_id, error))
    return NULL;
  if (!tb_import_report_end_rejected (report, error))
    return NULL;
  send_progress (job, counts->records, tb_csv_reader_get_bytes_read (reader), bytes_total);
  tb_store_emit_contacts_changed (job->store, job->campaign_id, 0);

  /* Let the planner see the new sizes: cheap with the analysis limit. */
  sqlite3_exec (writer.db, "PRAGMA analysis_limit = 400; PRAGMA optimize;", NULL, NULL, NULL);
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

/* While an import runs, its own connection checkpoints on its own cadence
 * (tb-import-writer.c); the store's WAL worker waits, so the two do not
 * take turns at the same pages. Imports may overlap: a count. */
static void
pause_main_checkpoints (TbStore *self)
{
  tb_wal_worker_pause (tb_store_get_wal_worker (self));
}

static void
resume_main_checkpoints (TbStore *self)
{
  tb_wal_worker_resume (tb_store_get_wal_worker (self));
}

/* On the caller's thread, before its callback. */
static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ImportJob *job = data;

  resume_main_checkpoints (TB_STORE (source));
  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
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

  job->callback = callback;
  job->user_data = user_data;
  pause_main_checkpoints (self);

  task = g_task_new (self, cancellable, import_done, job);
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
