/* test-store-import.c: CSV import and export, cancelled and killed imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "tb-csv.h"
#include "test-store-helpers.h"
#include "test-store-raw.h"
#include "tb-store-export.h"
#include "tb-store-import.h"
#include "tb-store-import-private.h"
#include "tb-store-private.h"

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);

  return g_file_new_for_path (path);
}

/* A CSV of n valid, distinct NANP numbers (212-2XX-XXXX). */
static GFile *
write_big_csv (const char *dir,
               guint       n)
{
  g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Cell,Zip,Ward\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "F%u,L%u,(212) %03u-%04u,10001,%u\n",
                            i, i, 200 + i / 10000, i % 10000, i % 50);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  return g_file_new_for_path (path);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
assert_consistent (StoreFixture *fixture,
                   gint64        campaign_id)
{
  g_autoptr(GError) error = NULL;
  GStrv problems = NULL;
  TbQueueCounts counts;
  int version;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contact WHERE campaign_id = %" G_GINT64_FORMAT,
                                          campaign_id);

  g_assert_true (tb_store_check (fixture->store, &version, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  /* The kept counts match the rows, queue by queue. */
  g_assert_true (tb_store_contact_counts (fixture->store, campaign_id, &counts, &error));
  g_assert_cmpint (counts.total, ==, count_rows (fixture->path, sql));
  for (int status = 0; status <= 4; status++)
    {
      g_autofree char *kept = g_strdup_printf ("SELECT n FROM contact_count"
                                               " WHERE campaign_id = %" G_GINT64_FORMAT " AND status = %d",
                                               campaign_id, status);
      g_autofree char *real = g_strdup_printf ("SELECT count(*) FROM contact"
                                               " WHERE campaign_id = %" G_GINT64_FORMAT " AND status = %d",
                                               campaign_id, status);

      g_assert_cmpint (count_rows (fixture->path, kept), ==, count_rows (fixture->path, real));
    }
  /* The names the import indexed once per transaction are the rows'. */
  g_assert_cmpint (sqlite3_exec (tb_store_get_db (fixture->store), TEST_NAME_INDEX_CHECK_SQL, NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  /* "Another program" waits for an import's transaction, which under
   * valgrind beside another test can hold the lock for seconds. */
  sqlite3_busy_timeout (db, 60000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
knows_triggers (const char *path)
{
  sqlite3 *db = NULL;
  gboolean known;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  known = tb_import_knows_triggers (db);
  sqlite3_close (db);
  return known;
}

static void
test_messy (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) csv = data_file ("messy.csv");
  g_autoptr(TbImportReport) report = NULL;
  g_autoptr(TbImportReport) again = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GOutputStream) rejected = g_memory_output_stream_new_resizable ();
  static const TbImportReason expected_reasons[] = {
    TB_IMPORT_REASON_DUPLICATE_IN_FILE,   /* Cy: Ann's number */
    TB_IMPORT_REASON_MISSING_PHONE,       /* Di */
    TB_IMPORT_REASON_INVALID_PHONE,       /* Ed: fictional 555-01XX */
    TB_IMPORT_REASON_INVALID_PHONE,       /* Flo: 911 */
    TB_IMPORT_REASON_BAD_RECORD,          /* Hal: too many fields */
    TB_IMPORT_REASON_INVALID_PHONE,       /* Jo: "hello" */
    TB_IMPORT_REASON_OPTED_OUT,           /* Kim */
    TB_IMPORT_REASON_MISSING_PHONE,       /* Lu: spaces */
  };
  static const guint64 expected_lines[] = { 4, 5, 6, 7, 8, 10, 11, 12 };

  tb_store_opt_out_add (fixture->store, "+15124630202", TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error);
  g_assert_no_error (error);

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_records (report), ==, 12);
  g_assert_cmpuint (tb_import_report_get_imported (report), ==, 4);
  g_assert_cmpuint (tb_import_report_get_duplicates (report), ==, 1);
  g_assert_cmpuint (tb_import_report_get_invalid_phone (report), ==, 3);
  g_assert_cmpuint (tb_import_report_get_missing_phone (report), ==, 2);
  g_assert_cmpuint (tb_import_report_get_opted_out (report), ==, 1);
  g_assert_cmpuint (tb_import_report_get_bad_records (report), ==, 1);
  g_assert_false (tb_import_report_get_cancelled (report));
  g_assert_cmpuint (tb_import_report_get_n_errors (report), ==, G_N_ELEMENTS (expected_reasons));
  for (guint i = 0; i < G_N_ELEMENTS (expected_reasons); i++)
    {
      const TbImportError *entry = tb_import_report_get_error (report, i);

      g_test_message ("%s: %s", tb_import_reason_to_string (entry->reason), entry->message);
      g_assert_cmpint (entry->reason, ==, expected_reasons[i]);
      g_assert_cmpuint (entry->line, ==, expected_lines[i]);
      g_assert_cmpuint (entry->record, ==, expected_lines[i] - 1);
    }
  g_assert_nonnull (strstr (tb_import_report_get_error (report, 0)->message, "line 4"));

  contacts = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, 0, &error);
  g_assert_cmpuint (contacts->len, ==, 4);
  {
    TbContact *ann = contacts->pdata[0];
    TbContact *bob = contacts->pdata[1];
    TbContact *max = contacts->pdata[3];
    g_autofree char *ward = tb_contact_dup_field (ann, "Ward");
    g_autofree char *notes = tb_contact_dup_field (bob, "Notes");
    g_autofree char *max_notes = tb_contact_dup_field (max, "Notes");

    g_assert_cmpstr (tb_contact_get_phone (ann), ==, "+15124630123");
    g_assert_cmpstr (tb_contact_get_first_name (ann), ==, "Ann");
    g_assert_cmpstr (tb_contact_get_zip (ann), ==, "78701");
    g_assert_cmpstr (tb_contact_get_time_zone (ann), ==, "America/Chicago");
    g_assert_cmpstr (ward, ==, "1");
    g_assert_cmpstr (tb_contact_get_last_name (bob), ==, "Smith, Jr.");
    g_assert_cmpstr (notes, ==, "Said \"hi\"");
    g_assert_cmpstr (tb_contact_get_phone (max), ==, "+442079460958");
    g_assert_cmpstr (tb_contact_get_first_name (max), ==, "=Max");
    g_assert_cmpstr (max_notes, ==, "multi\r\nline note");
    g_assert_cmpstr (tb_contact_get_time_zone (max), ==, "Europe/London");
  }

  /* The rejected rows, as CSV with a reason, in file order. */
  g_assert_true (tb_import_report_write_rejected (report, rejected, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (rejected, NULL, NULL);
  {
    g_autoptr(GBytes) bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (rejected));
    g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
    g_autoptr(TbCsvReader) reader = tb_csv_reader_new (in);
    guint rows = 0;

    g_assert_true (tb_csv_reader_read_header (reader, NULL, &error));
    g_assert_cmpuint (tb_csv_reader_get_n_columns (reader), ==, 7);
    g_assert_cmpstr (tb_csv_reader_get_header (reader)[6], ==, "reason");
    while (tb_csv_reader_next (reader, NULL, &error))
      {
        if (rows == 0)
          {
            g_assert_cmpstr (tb_csv_reader_get_field (reader, 0), ==, "Cy");
            g_assert_cmpstr (tb_csv_reader_get_field (reader, 2), ==, "+1 512 463 0123");
            g_assert_nonnull (strstr (tb_csv_reader_get_field (reader, 6), "in the file already"));
          }
        rows++;
      }
    g_assert_no_error (error);
    g_assert_cmpuint (rows, ==, G_N_ELEMENTS (expected_reasons));
  }

  /* The same file again adds nothing. */
  again = tb_store_import_sync (fixture->store, fixture->campaign_id, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_imported (again), ==, 0);
  g_assert_cmpuint (tb_import_report_get_duplicates (again), ==, 5);
  g_assert_cmpint (tb_import_report_get_error (again, 0)->reason, ==, TB_IMPORT_REASON_DUPLICATE_IN_CAMPAIGN);
  assert_consistent (fixture, fixture->campaign_id);
}

static char *
campaign_phones (const char *path,
                 gint64      campaign_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) phones = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT phone, status FROM contact WHERE campaign_id = ?1 ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (phones, "%s:%d,", sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&phones), FALSE);
}

static TbImportReport *
import_with_batch (StoreFixture *fixture,
                   gint64        campaign_id,
                   GFile        *csv,
                   guint         batch_size)
{
  g_autoptr(GError) error = NULL;
  TbImportOptions *options = tb_import_options_new ();
  TbImportReport *report;

  tb_import_options_set_batch_size (options, batch_size);
  report = tb_store_import_sync (fixture->store, campaign_id, csv, options, NULL, &error);
  g_assert_no_error (error);
  tb_import_options_free (options);
  return report;
}

static void
assert_same_report (TbImportReport *one,
                    TbImportReport *other)
{
  g_assert_cmpuint (tb_import_report_get_records (one), ==, tb_import_report_get_records (other));
  g_assert_cmpuint (tb_import_report_get_imported (one), ==, tb_import_report_get_imported (other));
  g_assert_cmpuint (tb_import_report_get_duplicates (one), ==, tb_import_report_get_duplicates (other));
  g_assert_cmpuint (tb_import_report_get_invalid_phone (one), ==, tb_import_report_get_invalid_phone (other));
  g_assert_cmpuint (tb_import_report_get_missing_phone (one), ==, tb_import_report_get_missing_phone (other));
  g_assert_cmpuint (tb_import_report_get_opted_out (one), ==, tb_import_report_get_opted_out (other));
  g_assert_cmpuint (tb_import_report_get_n_errors (one), ==, tb_import_report_get_n_errors (other));
  for (guint i = 0; i < tb_import_report_get_n_errors (one); i++)
    {
      const TbImportError *a = tb_import_report_get_error (one, i);
      const TbImportError *b = tb_import_report_get_error (other, i);

      g_assert_cmpint (a->reason, ==, b->reason);
      g_assert_cmpuint (a->line, ==, b->line);
      g_assert_cmpstr (a->message, ==, b->message);
    }
}

/* Big batches insert 32 rows a statement and tell duplicates apart after
 * it; batches of one row take the one-row path. Both must say the same
 * about a file with duplicates inside a chunk, across chunks and in the
 * campaign, among rejected rows. */
static void
test_chunked_like_single (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "dups.csv", NULL);
  g_autofree char *pre_path = g_build_filename (dir, "pre.csv", NULL);
  g_autoptr(GString) text = g_string_new ("First,Last,Cell,Zip\n");
  g_autoptr(GString) pre = g_string_new ("First,Last,Cell,Zip\n");
  g_autoptr(GFile) csv = NULL;
  g_autoptr(GFile) pre_csv = NULL;
  g_autoptr(TbImportReport) single = NULL;
  g_autoptr(TbImportReport) chunked = NULL;
  g_autoptr(TbImportReport) single_again = NULL;
  g_autoptr(TbImportReport) chunked_again = NULL;
  g_autoptr(TbImportReport) pre_one = NULL;
  g_autoptr(TbImportReport) pre_other = NULL;
  g_autofree char *single_phones = NULL;
  g_autofree char *chunked_phones = NULL;
  gint64 other_campaign;

  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      if (i % 11 == 3)
        g_string_append_printf (text, "M%u,L%u,,10001\n", i, i);
      else if (i % 13 == 5)
        g_string_append_printf (text, "H%u,L%u,hello,10001\n", i, i);
      else if (i % 7 == 6)    /* the previous row's number, written another way */
        g_string_append_printf (text, "D%u,L%u,+1 212 3%02u %04u,10001\n", i, i, (i - 1) / 100, (i - 1) % 10000);
      else if (i % 31 == 30)  /* a number from chunks before */
        g_string_append_printf (text, "E%u,L%u,212-3%02u-%04u,10001\n", i, i, (i - 40) / 100, (i - 40) % 10000);
      else
        g_string_append_printf (text, "F%u,L%u,(212) 3%02u-%04u,10001\n", i, i, i / 100, i % 10000);
      if (i >= 50 && i < 60)
        g_string_append_printf (pre, "P%u,L%u,(212) 3%02u-%04u,10001\n", i, i, i / 100, i % 10000);
    }
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  g_assert_true (g_file_set_contents (pre_path, pre->str, (gssize) pre->len, NULL));
  csv = g_file_new_for_path (path);
  pre_csv = g_file_new_for_path (pre_path);

  g_assert_true (tb_store_opt_out_add (fixture->store, "+12123000077", TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error));
  g_assert_no_error (error);
  other_campaign = tb_store_campaign_create (fixture->store, "Other", "", "+15125550000", FALSE, &error);
  g_assert_no_error (error);
  pre_one = import_with_batch (fixture, fixture->campaign_id, pre_csv, 5000);
  pre_other = import_with_batch (fixture, other_campaign, pre_csv, 5000);
  g_assert_cmpuint (tb_import_report_get_imported (pre_one), ==, 10);

  single = import_with_batch (fixture, fixture->campaign_id, csv, 1);
  chunked = import_with_batch (fixture, other_campaign, csv, 5000);
  g_assert_cmpuint (tb_import_report_get_imported (chunked), >, 3 * 32);
  g_assert_cmpuint (tb_import_report_get_duplicates (chunked), >, 30);
  g_assert_cmpuint (tb_import_report_get_opted_out (chunked), ==, 1);
  assert_same_report (single, chunked);
  single_phones = campaign_phones (fixture->path, fixture->campaign_id);
  chunked_phones = campaign_phones (fixture->path, other_campaign);
  g_assert_cmpstr (single_phones, ==, chunked_phones);

  /* Again: every chunk is all duplicates. */
  single_again = import_with_batch (fixture, fixture->campaign_id, csv, 1);
  chunked_again = import_with_batch (fixture, other_campaign, csv, 5000);
  g_assert_cmpuint (tb_import_report_get_imported (chunked_again), ==, 0);
  assert_same_report (single_again, chunked_again);

  assert_consistent (fixture, fixture->campaign_id);
  assert_consistent (fixture, other_campaign);
  g_unlink (path);
  g_unlink (pre_path);
  g_rmdir (dir);
}

static void
test_bad_files (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) no_phone = data_file ("no-phone.csv");
  g_autoptr(GFile) unterminated = data_file ("unterminated.csv");
  g_autoptr(GFile) missing = data_file ("does-not-exist.csv");
  g_autoptr(GFile) messy = data_file ("messy.csv");
  g_autoptr(TbImportReport) report = NULL;
  g_autoptr(TbImportOptions) options = tb_import_options_new ();

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, no_phone, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, unterminated, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_CSV_ERROR, TB_CSV_ERROR_UNTERMINATED_QUOTE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, missing, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  report = tb_store_import_sync (fixture->store, 4242, messy, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The demo's fictional numbers, when asked for. */
  tb_import_options_set_allow_fictional (options, TRUE);
  report = tb_store_import_sync (fixture->store, fixture->campaign_id, messy, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_imported (report), ==, 6); /* + Ed, + Kim (not opted out here) */
  g_assert_cmpuint (tb_import_report_get_invalid_phone (report), ==, 2);
  assert_consistent (fixture, fixture->campaign_id);
}

typedef struct {
  GThread *thread;
  guint    count;
} SignalSeen;

static void
on_contacts_changed (TbStore    *store,
                     gint64      campaign_id,
                     gint64      contact_id,
                     SignalSeen *seen)
{
  if (seen->thread != NULL && seen->thread != g_thread_self ())
    seen->thread = NULL;  /* a signal on another thread: fail below */
  else
    seen->thread = g_thread_self ();
  seen->count++;
}

typedef struct {
  GMainLoop      *loop;
  GCancellable   *cancellable;
  TbImportReport *report;
  GError         *error;
  guint64         last_records;
  guint           progress_calls;
  GThread        *progress_thread;
  TbStore        *write_during;   /* when set, write on the main connection mid-import */
  guint           writes;
} AsyncImport;

static void
on_progress (guint64  records,
             guint64  bytes_read,
             guint64  bytes_total,
             gpointer user_data)
{
  AsyncImport *state = user_data;

  state->progress_calls++;
  state->progress_thread = g_thread_self ();
  g_assert_cmpuint (records, >=, state->last_records);
  g_assert_cmpuint (bytes_read, <=, bytes_total);
  state->last_records = records;
  if (state->cancellable != NULL && records >= 20000)
    g_cancellable_cancel (state->cancellable);

  /* A Send press while the worker holds the write lock for a batch: it
   * waits for that batch, never fails with BUSY. */
  if (state->write_during != NULL && records > 0 && state->writes < 3)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = g_strdup_printf ("+1303555%04u", 200 + state->writes);
      gint64 start = g_get_monotonic_time ();

      tb_store_contact_add (state->write_during, 2, phone, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("a write during the import waited %.1f ms",
                      (double) (g_get_monotonic_time () - start) / 1000.0);
      state->writes++;
    }
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncImport *state = user_data;

  state->report = tb_store_import_finish (TB_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_and_cancel (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) csv = write_big_csv (fixture->dir, 200000);
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  g_autoptr(TbImportReport) full = NULL;
  g_autoptr(GError) error = NULL;
  AsyncImport state = { g_main_loop_new (NULL, FALSE), g_cancellable_new () };
  SignalSeen seen = { NULL, 0 };
  gint64 kept;

  g_signal_connect (fixture->store, "contacts-changed", G_CALLBACK (on_contacts_changed), &seen);
  tb_import_options_set_batch_size (options, 1000);
  tb_store_import_async (fixture->store, fixture->campaign_id, csv, options, on_progress, &state,
                         state.cancellable, on_imported, &state);
  g_main_loop_run (state.loop);

  g_assert_null (state.report);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (state.progress_thread == g_thread_self ());
  kept = tb_store_contact_count (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL, NULL);
  g_test_message ("cancelled after %" G_GUINT64_FORMAT " records: %" G_GINT64_FORMAT " kept",
                  state.last_records, kept);
  /* Whole batches only, and not all of them. */
  g_assert_cmpint (kept % 1000, ==, 0);
  g_assert_cmpint (kept, <, 200000);
  assert_consistent (fixture, fixture->campaign_id);

  /* Import again to the end: every contact once. */
  g_clear_error (&state.error);
  g_clear_object (&state.cancellable);
  state.last_records = 0;
  g_assert_cmpint (tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error), ==, 2);
  state.write_during = fixture->store;
  tb_store_import_async (fixture->store, fixture->campaign_id, csv, options, on_progress, &state,
                         NULL, on_imported, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  full = g_steal_pointer (&state.report);
  g_assert_cmpuint (tb_import_report_get_records (full), ==, 200000);
  g_assert_cmpuint (tb_import_report_get_imported (full) + tb_import_report_get_duplicates (full), ==, 200000);
  g_assert_cmpuint (tb_import_report_get_duplicates (full), ==, (guint64) kept);
  g_assert_cmpint (tb_store_contact_count (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL, NULL),
                   ==, 200000);
  g_assert_cmpuint (state.progress_calls, >, 1);
  g_assert_cmpuint (state.writes, >, 0);
  assert_consistent (fixture, fixture->campaign_id);
  /* The worker's batches were announced, on this thread only. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen.count, >, 1);
  g_assert_true (seen.thread == g_thread_self ());
  g_signal_handlers_disconnect_by_data (fixture->store, &seen);
  g_main_loop_unref (state.loop);
}

/* Runs in a child process: imports and never returns normally. */
static int
child_import (const char *db_path,
              const char *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = tb_store_open (db_path, &error);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  g_autoptr(TbImportReport) report = NULL;

  g_assert_no_error (error);
  tb_import_options_set_batch_size (options, 500);
  report = tb_store_import_sync (store, 1, csv, options, NULL, &error);
  g_assert_no_error (error);
  return 0;
}

static void
test_killed (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) csv = write_big_csv (fixture->dir, 300000);
  g_autofree char *csv_path = g_file_get_path (csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportReport) report = NULL;
  const char *argv[] = { g_test_get_path () ? NULL : NULL, "--child-import", fixture->path, csv_path, NULL };
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  GPid pid;
  int status;
  gint64 seen = 0;
  gint64 kept;
  gint64 deadline;

  g_assert_cmpint (fixture->campaign_id, ==, 1);
  argv[0] = self_exe;
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  /* Kill it once some batches are in, long before the end. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (seen < 5000 && g_get_monotonic_time () < deadline)
    {
      g_usleep (2000);
      seen = count_rows (fixture->path, "SELECT count(*) FROM contact");
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));

  kept = tb_store_contact_count (fixture->store, 1, TB_CONTACT_STATUS_ANY, NULL, NULL);
  g_test_message ("killed with %" G_GINT64_FORMAT " contacts committed", kept);
  g_assert_cmpint (kept, >=, 5000);
  g_assert_cmpint (kept, <, 300000);
  g_assert_cmpint (kept % 500, ==, 0);
  assert_consistent (fixture, 1);

  report = tb_store_import_sync (fixture->store, 1, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_duplicates (report), ==, (guint64) kept);
  g_assert_cmpint (tb_store_contact_count (fixture->store, 1, TB_CONTACT_STATUS_ANY, NULL, NULL), ==, 300000);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(DISTINCT phone) FROM contact"), ==, 300000);
  assert_consistent (fixture, 1);
}

static void
test_csv_quoting (void)
{
  static const struct {
    const char *value;
    gboolean    text;
    const char *expected;
  } cases[] = {
    { "plain", TRUE, "plain" },
    { "", TRUE, "" },
    { "a,b", TRUE, "\"a,b\"" },
    { "say \"hi\"", TRUE, "\"say \"\"hi\"\"\"" },
    { "two\r\nlines", TRUE, "\"two\r\nlines\"" },
    { "=SUM(A1:A9)", TRUE, "\"'=SUM(A1:A9)\"" },
    { "+1 call me", TRUE, "\"'+1 call me\"" },
    { "-5", TRUE, "\"'-5\"" },
    { "@cmd", TRUE, "\"'@cmd\"" },
    { "+15125550123", FALSE, "+15125550123" },
    { "=not guarded", FALSE, "=not guarded" },
    { "a=b", TRUE, "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      tb_csv_append_field (line, cases[i].value, cases[i].text);
      g_assert_cmpstr (line->str, ==, cases[i].expected);
    }
}

static void
test_export_round_trip (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) csv = data_file ("messy.csv");
  g_autofree char *contacts_path = g_build_filename (fixture->dir, "contacts.csv", NULL);
  g_autofree char *messages_path = g_build_filename (fixture->dir, "messages.csv", NULL);
  g_autoptr(GFile) contacts_file = g_file_new_for_path (contacts_path);
  g_autoptr(GFile) messages_file = g_file_new_for_path (messages_path);
  g_autoptr(TbImportReport) report = NULL;
  g_autoptr(TbImportReport) back = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *contacts_text = NULL;
  g_autofree char *messages_text = NULL;
  TbExportCounts counts;
  gint64 copy, question, yes, tag, message;

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  before = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, 0, &error);

  question = tb_store_question_add (fixture->store, fixture->campaign_id, "Will you vote?", &error);
  yes = tb_store_answer_add (fixture->store, question, "Yes", NULL, &error);
  tb_store_response_set (fixture->store, tb_contact_get_id (before->pdata[0]), question, yes, fixture->texter_id, &error);
  tag = tb_store_tag_ensure (fixture->store, "Volunteer", &error);
  tb_store_contact_tag_add (fixture->store, tb_contact_get_id (before->pdata[0]), tag, fixture->texter_id, &error);
  message = tb_store_message_queue_outbound (fixture->store, tb_contact_get_id (before->pdata[0]),
                                             "Hi Ann, =2+2?", fixture->texter_id, (gint64) 1700000000 * G_USEC_PER_SEC,
                                             "x1", &error);
  tb_store_message_set_state (fixture->store, message, TB_MESSAGE_STATE_FAILED, NULL, "30006", "Landline", &error);
  tb_store_message_insert_inbound (fixture->store, "+15124630123", NULL, "Yes!", "IN1", (gint64) 1700000060 * G_USEC_PER_SEC,
                                   NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (tb_store_export_sync (fixture->store, fixture->campaign_id, contacts_file, messages_file,
                                       &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.contacts, ==, 5);
  g_assert_cmpuint (counts.messages, ==, 2);

  g_assert_true (g_file_get_contents (contacts_path, &contacts_text, NULL, NULL));
  g_test_message ("%s", contacts_text);
  g_assert_true (g_str_has_prefix (contacts_text,
                                   "first_name,last_name,phone,zip,Ward,Notes,status,opted_out,time_zone,texter,tags,Will you vote?\r\n"
                                   "Ann,Lee,+15124630123,78701,1,,needs_reply,no,America/Chicago,Ada,Volunteer,Yes\r\n"));
  g_assert_nonnull (strstr (contacts_text, "\"'=Max\""));
  g_assert_true (g_file_get_contents (messages_path, &messages_text, NULL, NULL));
  g_test_message ("%s", messages_text);
  g_assert_nonnull (strstr (messages_text, ",out,\"Hi Ann, =2+2?\",failed,"));
  g_assert_nonnull (strstr (messages_text, ",failed,30006,Landline,Ada,,1,2023-11-14T22:13:20Z,,\r\n"));
  g_assert_nonnull (strstr (messages_text, ",in,Yes!,received,,,,IN1,0,,,2023-11-14T22:14:20Z\r\n"));

  /* Back into a new campaign: the same contacts. */
  copy = tb_store_campaign_create (fixture->store, "Copy", NULL, NULL, FALSE, &error);
  back = tb_store_import_sync (fixture->store, copy, contacts_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_imported (back), ==, 5);
  g_assert_cmpuint (tb_import_report_get_n_errors (back), ==, 0);
  after = tb_store_contact_page (fixture->store, copy, TB_CONTACT_STATUS_ANY, NULL, 0, 0, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      TbContact *a = before->pdata[i], *b = after->pdata[i];
      g_autofree char *ward_a = tb_contact_dup_field (a, "Ward");
      g_autofree char *ward_b = tb_contact_dup_field (b, "Ward");
      g_autofree char *notes_a = tb_contact_dup_field (a, "Notes");
      g_autofree char *notes_b = tb_contact_dup_field (b, "Notes");

      g_assert_cmpstr (tb_contact_get_phone (a), ==, tb_contact_get_phone (b));
      g_assert_cmpstr (tb_contact_get_first_name (a), ==, tb_contact_get_first_name (b));
      g_assert_cmpstr (tb_contact_get_last_name (a), ==, tb_contact_get_last_name (b));
      g_assert_cmpstr (tb_contact_get_zip (a), ==, tb_contact_get_zip (b));
      g_assert_cmpstr (tb_contact_get_time_zone (a), ==, tb_contact_get_time_zone (b));
      g_assert_cmpstr (ward_a, ==, ward_b);
      g_assert_cmpstr (notes_a, ==, notes_b);
    }

  /* A campaign that does not exist, and a target that cannot be written:
   * clear errors, and no file left behind. */
  g_assert_false (tb_store_export_sync (fixture->store, 4242, contacts_file, NULL, NULL, NULL, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *bad = g_build_filename (fixture->dir, "no-such-dir", "out.csv", NULL);
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad);

    g_assert_false (tb_store_export_sync (fixture->store, fixture->campaign_id, bad_file, NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* A custom field whose name has a quote (SQLite's JSON paths cannot name
 * it) is still exported. */
static void
test_export_quoted_field_name (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) csv = data_file ("quoted-header.csv");
  g_autofree char *path = g_build_filename (fixture->dir, "contacts.csv", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(TbImportReport) report = NULL;
  g_autofree char *text = NULL;

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_imported (report), ==, 1);
  g_assert_true (tb_store_export_sync (fixture->store, fixture->campaign_id, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ",\"Say \"\"what\"\"\",Plain,"));
  g_assert_nonnull (strstr (text, ",\"x \"\"y\"\"\",p,"));
}

/* The import turns triggers off on its connection and does their work
 * itself while the schema's triggers are the ones it knows. A changed
 * trigger (this digest fails: update the import with the schema) or an
 * extra one leaves them on, and every row still passes through them. */
static void
test_triggers (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) csv = write_big_csv (fixture->dir, 3000);
  g_autoptr(TbImportReport) report = NULL;
  g_autoptr(TbImportOptions) options = tb_import_options_new ();

  g_assert_true (knows_triggers (fixture->path));
  report = tb_store_import_sync (fixture->store, fixture->campaign_id, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_imported (report), ==, 3000);
  assert_consistent (fixture, fixture->campaign_id);
  g_clear_object (&report);

  exec_sql (fixture->path,
            "CREATE TABLE seen (contact_id INTEGER);"
            "CREATE TRIGGER contact_seen AFTER INSERT ON contact BEGIN"
            "  INSERT INTO seen VALUES (NEW.id);"
            "END;");
  g_assert_false (knows_triggers (fixture->path));
  g_assert_cmpint (tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error), ==, 2);
  tb_import_options_set_batch_size (options, 700);
  report = tb_store_import_sync (fixture->store, 2, csv, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_imported (report), ==, 3000);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM seen"), ==, 3000);
  assert_consistent (fixture, 2);
}

typedef struct {
  TbStore  *store;
  GMainLoop *loop;
  TbImportReport *report;
  GError   *error;
  gboolean  opted_out;
} OptOutDuring;

/* Whether the store's own checkpoints (on its worker) are held back. */
static gboolean
main_checkpoints_paused (TbStore *store)
{
  return tb_wal_worker_is_paused (tb_store_get_wal_worker (store));
}

static void
opt_out_on_progress (guint64  records,
                     guint64  bytes_read,
                     guint64  bytes_total,
                     gpointer user_data)
{
  OptOutDuring *state = user_data;
  g_autoptr(GError) error = NULL;

  /* The parser read the opt-out list at the start: the last record's
   * number, opted out now, is inserted, and the database must move it to
   * the opted-out queue. */
  /* The store's own checkpoints wait for the import's. */
  g_assert_true (main_checkpoints_paused (state->store));
  if (records >= 2000 && !state->opted_out)
    {
      g_assert_true (tb_store_opt_out_add (state->store, "+12122199999", TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error));
      g_assert_no_error (error);
      state->opted_out = TRUE;
    }
}

static void
opt_out_on_imported (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  OptOutDuring *state = user_data;

  state->report = tb_store_import_finish (TB_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_opt_out_during_import (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) csv = write_big_csv (fixture->dir, 200000);
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  OptOutDuring state = { fixture->store, g_main_loop_new (NULL, FALSE) };
  g_autofree char *sql = NULL;

  g_assert_false (main_checkpoints_paused (fixture->store));
  tb_import_options_set_batch_size (options, 1000);
  tb_store_import_async (fixture->store, fixture->campaign_id, csv, options, opt_out_on_progress, &state,
                         NULL, opt_out_on_imported, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_false (main_checkpoints_paused (fixture->store));
  g_assert_true (state.opted_out);
  g_assert_cmpuint (tb_import_report_get_imported (state.report), ==, 200000);
  g_assert_cmpuint (tb_import_report_get_opted_out (state.report), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM contact WHERE phone = '+12122199999' AND status = %d"
                         " AND prior_status = %d",
                         TB_CONTACT_STATUS_OPTED_OUT, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  g_assert_cmpint (count_rows (fixture->path, sql), ==, 1);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM contact WHERE status = 4"), ==, 1);
  assert_consistent (fixture, fixture->campaign_id);
  g_clear_object (&state.report);
  g_main_loop_unref (state.loop);
}

static void
trigger_on_progress (guint64  records,
                     guint64  bytes_read,
                     guint64  bytes_total,
                     gpointer user_data)
{
  OptOutDuring *state = user_data;

  /* Another program adds a trigger on contact while the import runs. */
  if (records >= 2000 && !state->opted_out)
    {
      g_autofree char *path = g_strdup (tb_store_get_path (state->store));

      exec_sql (path,
                "CREATE TABLE seen (contact_id INTEGER);"
                "CREATE TRIGGER contact_seen AFTER INSERT ON contact BEGIN"
                "  INSERT INTO seen VALUES (NEW.id);"
                "END;");
      state->opted_out = TRUE;
    }
}

/* A trigger created mid-import fires for every row inserted after it:
 * the import sees the new schema at its next transaction and turns
 * triggers on again. */
static void
test_trigger_added_during_import (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) csv = write_big_csv (fixture->dir, 200000);
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  OptOutDuring state = { fixture->store, g_main_loop_new (NULL, FALSE) };
  gint64 seen;

  tb_import_options_set_batch_size (options, 1000);
  tb_store_import_async (fixture->store, fixture->campaign_id, csv, options, trigger_on_progress, &state,
                         NULL, opt_out_on_imported, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.opted_out);
  g_assert_cmpuint (tb_import_report_get_imported (state.report), ==, 200000);
  seen = count_rows (fixture->path, "SELECT count(*) FROM seen");
  g_test_message ("%" G_GINT64_FORMAT " rows after the trigger", seen);
  g_assert_cmpint (seen, >, 0);
  g_assert_cmpint (seen, <, 200000);
  /* Every row from the first one it saw on. */
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM contact"
                                              " WHERE id >= (SELECT min (contact_id) FROM seen)"), ==, seen);
  assert_consistent (fixture, fixture->campaign_id);
  g_clear_object (&state.report);
  g_main_loop_unref (state.loop);
}

static void
delete_on_progress (guint64  records,
                    guint64  bytes_read,
                    guint64  bytes_total,
                    gpointer user_data)
{
  OptOutDuring *state = user_data;

  /* Another program deletes the campaign while its import runs. */
  if (records >= 2000 && !state->opted_out)
    {
      g_autofree char *path = g_strdup (tb_store_get_path (state->store));

      exec_sql (path, "PRAGMA foreign_keys = ON; DELETE FROM campaign WHERE id = 2;");
      state->opted_out = TRUE;
    }
}

/* The import checks the campaign once a transaction, not once a row: a
 * campaign deleted mid-import stops it, and no contact is left without
 * its campaign. */
static void
test_campaign_deleted (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) csv = write_big_csv (fixture->dir, 200000);
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  g_autoptr(GError) error = NULL;
  OptOutDuring state = { fixture->store, g_main_loop_new (NULL, FALSE) };

  g_assert_cmpint (tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error), ==, 2);
  tb_import_options_set_batch_size (options, 1000);
  tb_store_import_async (fixture->store, 2, csv, options, delete_on_progress, &state,
                         NULL, opt_out_on_imported, &state);
  g_main_loop_run (state.loop);
  g_assert_true (state.opted_out);
  g_assert_null (state.report);
  g_assert_error (state.error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM contact"), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM contact_count WHERE campaign_id = 2"), ==, 0);
  assert_consistent (fixture, fixture->campaign_id);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

typedef struct {
  const char *path;
  GMutex      lock;
  GCond       cond;
  gboolean    holding;
} LockHolder;

/* Holds the write lock on a connection of its own for 100 ms. */
static gpointer
hold_write_lock (gpointer data)
{
  LockHolder *holder = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (holder->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_mutex_lock (&holder->lock);
  holder->holding = TRUE;
  g_cond_signal (&holder->cond);
  g_mutex_unlock (&holder->lock);
  g_usleep (100 * 1000);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

/* A write on the store's own connection that waits for the lock says so:
 * an import's transaction then ends at its next 32 rows. */
static void
test_writer_waiting (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LockHolder holder = { fixture->path };
  GThread *thread;

  tb_store_contact_add (fixture->store, fixture->campaign_id, "+12125550123", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (tb_store_writer_is_waiting (fixture->store));

  g_mutex_init (&holder.lock);
  g_cond_init (&holder.cond);
  thread = g_thread_new ("hold", hold_write_lock, &holder);
  g_mutex_lock (&holder.lock);
  while (!holder.holding)
    g_cond_wait (&holder.cond, &holder.lock);
  g_mutex_unlock (&holder.lock);

  tb_store_contact_add (fixture->store, fixture->campaign_id, "+12125550124", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_writer_is_waiting (fixture->store));
  tb_store_clear_writer_waiting (fixture->store);
  g_assert_false (tb_store_writer_is_waiting (fixture->store));

  g_thread_join (thread);
  g_mutex_clear (&holder.lock);
  g_cond_clear (&holder.cond);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child-import"))
    return child_import (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

  ADD ("/store/import/messy", test_messy);
  ADD ("/store/import/chunked-like-single", test_chunked_like_single);
  ADD ("/store/import/bad-files", test_bad_files);
  ADD ("/store/import/async-and-cancel", test_async_and_cancel);
  ADD ("/store/import/killed", test_killed);
  ADD ("/store/import/triggers", test_triggers);
  ADD ("/store/import/opt-out-during-import", test_opt_out_during_import);
  ADD ("/store/import/campaign-deleted", test_campaign_deleted);
  ADD ("/store/import/trigger-added-during-import", test_trigger_added_during_import);
  ADD ("/store/import/writer-waiting", test_writer_waiting);
  g_test_add_func ("/store/export/csv-quoting", test_csv_quoting);
  ADD ("/store/export/round-trip", test_export_round_trip);
  ADD ("/store/export/quoted-field-name", test_export_quoted_field_name);

  return g_test_run ();
}
