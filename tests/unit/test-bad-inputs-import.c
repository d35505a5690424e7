/* test-bad-inputs-import.c: hostile and broken CSV files (docs/BAD-INPUTS.md)
 *
 * Each file goes through the real import into a real SQLite file that
 * already holds contacts: the import stops or skips with a message that
 * names what is wrong and where, and the contacts from before are all still
 * there. The 1 GiB case streams through the CSV reader from a GInputStream
 * that makes its bytes as they are read, to show memory stays flat.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "tb-csv.h"
#include "test-store-helpers.h"
#include "tb-store-import.h"

#define CONTACTS_BEFORE 25

static void
fixture_set_up (StoreFixture  *fixture,
                gconstpointer  data)
{
  store_fixture_set_up (fixture, data);
  add_contacts (fixture, 0, CONTACTS_BEFORE);
}

/* The contacts added before each test, all there, unchanged. */
static void
assert_contacts_before_kept (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = tb_store_contact_page (fixture->store, fixture->campaign_id,
                                                     TB_CONTACT_STATUS_ANY, NULL, 0, 1000, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, CONTACTS_BEFORE);
  for (guint i = 0; i < page->len; i++)
    {
      TbContact *contact = g_ptr_array_index (page, i);
      g_autofree char *phone = g_strdup_printf ("+1512555%04u", i);
      g_autofree char *first = g_strdup_printf ("First%u", i);

      g_assert_cmpstr (tb_contact_get_phone (contact), ==, phone);
      g_assert_cmpstr (tb_contact_get_first_name (contact), ==, first);
    }
}

static GFile *
write_file (StoreFixture *fixture,
            const char   *name,
            const char   *data,
            gsize         length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gint64
campaign_count (StoreFixture *fixture,
                gint64        campaign_id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tb_store_contact_count (fixture->store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* 256 KiB of seeded random bytes, NULs and all. */
static void
test_binary_garbage (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  gsize length = 256 * 1024;
  g_autofree guint8 *bytes = g_malloc (length);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportReport) report = NULL;

  for (gsize i = 0; i < length; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  file = write_file (fixture, "garbage.csv", (const char *) bytes, length);

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, file, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_CSV_ERROR, TB_CSV_ERROR_ENCODING);
  g_test_message ("binary garbage: %s", error->message);
  assert_contacts_before_kept (fixture);
}

/* A header of 10,000 columns: over the 2000-column cap. */
static void
test_ten_thousand_columns (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Phone");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportReport) report = NULL;

  for (guint i = 1; i < 10000; i++)
    g_string_append_printf (text, ",Column %u", i);
  g_string_append (text, "\n+12125550100");
  for (guint i = 1; i < 10000; i++)
    g_string_append (text, ",x");
  g_string_append_c (text, '\n');
  file = write_file (fixture, "wide.csv", text->str, text->len);

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, file, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_CSV_ERROR, TB_CSV_ERROR_TOO_MANY_COLUMNS);
  g_test_message ("10,000 columns: %s", error->message);
  g_assert_nonnull (strstr (error->message, "line 1"));
  assert_contacts_before_kept (fixture);
}

/* One field of 10 MiB in the third record: the import stops there (over the
 * 1 MiB field cap), keeping nothing of the file after it. */
static void
test_ten_megabyte_field (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Phone,First Name,Note\n"
                                          "(212) 555-0101,Ann,short\n"
                                          "(212) 555-0102,Bo,short\n"
                                          "(212) 555-0103,Cy,\"");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportReport) report = NULL;

  for (gsize i = 0; i < 10 * 1024 * 1024 / 64; i++)
    g_string_append (text, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n");
  g_string_append (text, "\"\n(212) 555-0104,Di,short\n");
  file = write_file (fixture, "big-field.csv", text->str, text->len);

  report = tb_store_import_sync (fixture->store, fixture->campaign_id, file, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TB_CSV_ERROR, TB_CSV_ERROR_FIELD_TOO_LONG);
  g_test_message ("10 MiB field: %s", error->message);
  g_assert_nonnull (strstr (error->message, "line 4"));
  assert_contacts_before_kept (fixture);
}

/* ---- A file that vanishes or shrinks while it is imported ------------- */

typedef enum {
  VANISH_UNLINK,
  VANISH_TRUNCATE,
} VanishHow;

typedef struct {
  GMainLoop      *loop;
  char           *path;
  VanishHow       how;
  gboolean        done_to_file;
  TbImportReport *report;
  GError         *error;
} VanishState;

static void
vanish_progress (guint64  records,
                 guint64  bytes_read,
                 guint64  bytes_total,
                 gpointer user_data)
{
  VanishState *state = user_data;

  if (state->done_to_file || records == 0)
    return;
  state->done_to_file = TRUE;
  if (state->how == VANISH_UNLINK)
    g_assert_cmpint (unlink (state->path), ==, 0);
  else
    g_assert_cmpint (truncate (state->path, (off_t) (bytes_total / 2)), ==, 0);
}

static void
vanish_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VanishState *state = user_data;

  state->report = tb_store_import_finish (TB_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

#define VANISH_ROWS 200000

static void
test_vanishes (StoreFixture  *fixture,
               gconstpointer  data)
{
  VanishHow how = GPOINTER_TO_INT (data);
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Cell,Zip\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  VanishState state = { loop, NULL, how, FALSE, NULL, NULL };
  gint64 campaign_id;

  campaign_id = tb_store_campaign_create (fixture->store, "Vanishing", NULL, "+15125550000", FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < VANISH_ROWS; i++)
    g_string_append_printf (text, "F%u,L%u,(212) %03u-%04u,10001\n", i, i, 200 + i / 10000, i % 10000);
  file = write_file (fixture, "vanishing.csv", text->str, text->len);
  state.path = g_file_get_path (file);

  tb_store_import_async (fixture->store, campaign_id, file, NULL, vanish_progress, &state, NULL,
                         vanish_done, &state);
  g_main_loop_run (loop);
  g_assert_true (state.done_to_file);
  /* The worker thread drops its task (which holds the store) a moment
   * after the callback; its last signals also wait on this context. */
  for (guint i = 0; i < 5000 && G_OBJECT (fixture->store)->ref_count > 1; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  if (how == VANISH_UNLINK)
    {
      /* The open file is read to its end: every row is there. */
      g_assert_no_error (state.error);
      g_assert_cmpuint (tb_import_report_get_imported (state.report), ==, VANISH_ROWS);
    }
  else if (state.error != NULL)
    {
      /* Cut inside a record: said so, with the line. */
      g_test_message ("truncated: %s", state.error->message);
      g_assert_true (state.error->domain == TB_CSV_ERROR);
      g_assert_nonnull (strstr (state.error->message, "line"));
    }
  else
    {
      /* Cut at the half: what was read is imported, in whole batches. */
      g_test_message ("truncated: %" G_GUINT64_FORMAT " of %u rows imported",
                      tb_import_report_get_imported (state.report), VANISH_ROWS);
      g_assert_cmpuint (tb_import_report_get_imported (state.report), <, VANISH_ROWS);
      g_assert_cmpint (campaign_count (fixture, campaign_id), ==,
                       (gint64) tb_import_report_get_imported (state.report));
    }
  assert_contacts_before_kept (fixture);
  g_clear_object (&state.report);
  g_clear_error (&state.error);
  g_free (state.path);
}

/* ---- 1 GiB of CSV without a file -------------------------------------- */

/* Rows "N,Name N,+1212NNNNNNN,note" made as they are read, up to `size`
 * bytes (the last row is cut at a record boundary). */
#define TEST_TYPE_ROW_STREAM (test_row_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestRowStream, test_row_stream, TEST, ROW_STREAM, GInputStream)

struct _TestRowStream
{
  GInputStream parent_instance;
  guint64      size;
  guint64      produced;
  guint64      rows;
  char         pending[128];
  gsize        pending_len;
  gsize        pending_pos;
};

G_DEFINE_FINAL_TYPE (TestRowStream, test_row_stream, G_TYPE_INPUT_STREAM)

static gssize
test_row_stream_read (GInputStream  *stream,
                      void          *buffer,
                      gsize          count,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TestRowStream *self = TEST_ROW_STREAM (stream);
  char *out = buffer;
  gsize written = 0;

  while (written < count)
    {
      gsize n;

      if (self->pending_pos == self->pending_len)
        {
          int len;

          if (self->produced >= self->size)
            break;
          len = g_snprintf (self->pending, sizeof self->pending,
                            "%" G_GUINT64_FORMAT ",Name %" G_GUINT64_FORMAT ",+1212%07" G_GUINT64_FORMAT
                            ",\"a note, quoted\"\n",
                            self->rows, self->rows, 2000000 + self->rows % 8000000);
          self->pending_len = (gsize) len;
          self->pending_pos = 0;
          self->rows++;
          self->produced += (guint64) len;
        }
      n = MIN (count - written, self->pending_len - self->pending_pos);
      memcpy (out + written, self->pending + self->pending_pos, n);
      self->pending_pos += n;
      written += n;
    }
  return (gssize) written;
}

static void
test_row_stream_class_init (TestRowStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_row_stream_read;
}

static void
test_row_stream_init (TestRowStream *self)
{
}

static glong
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return (glong) g_ascii_strtoll (line + 6, NULL, 10);
}

static void
test_one_gigabyte_stream (void)
{
  const char *env = g_getenv ("TB_BAD_INPUTS_STREAM_MIB");
  guint64 mib = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 1024;
  g_autoptr(TestRowStream) stream = g_object_new (TEST_TYPE_ROW_STREAM, NULL);
  g_autoptr(TbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  glong rss_before, rss_highest;
  guint64 records = 0;
  gint64 start = g_get_monotonic_time ();

  stream->size = mib * 1024 * 1024;
  /* The header. */
  g_strlcpy (stream->pending, "id,name,phone,note\n", sizeof stream->pending);
  stream->pending_len = strlen (stream->pending);
  stream->produced = stream->pending_len;

  rss_before = rss_kib ();
  rss_highest = rss_before;
  reader = tb_csv_reader_new (G_INPUT_STREAM (stream));
  g_assert_true (tb_csv_reader_read_header (reader, NULL, &error));
  g_assert_no_error (error);
  while (tb_csv_reader_next (reader, NULL, &error))
    {
      if (G_UNLIKELY (records % 1000000 == 0))
        {
          rss_highest = MAX (rss_highest, rss_kib ());
          g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, records);

          g_assert_cmpstr (tb_csv_reader_get_field (reader, 0), ==, id);
          g_assert_cmpstr (tb_csv_reader_get_field (reader, 3), ==, "a note, quoted");
        }
      records++;
    }
  g_assert_no_error (error);
  rss_highest = MAX (rss_highest, rss_kib ());

  g_assert_cmpuint (records, ==, stream->rows);
  g_assert_cmpuint (tb_csv_reader_get_bytes_read (reader), ==, stream->produced);
  g_test_message ("%" G_GUINT64_FORMAT " MiB, %" G_GUINT64_FORMAT " records in %.1f s; RSS %ld KiB before, "
                  "at most %ld KiB while reading (sampled every million records)",
                  mib, records, (g_get_monotonic_time () - start) / 1e6, rss_before, rss_highest);
  /* Flat: the reader keeps one record, not the file. */
  g_assert_cmpint (rss_highest - rss_before, <, 16 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bad-inputs/csv/one-gigabyte-stream", test_one_gigabyte_stream);

#define ADD(path, func, data) \
  g_test_add (path, StoreFixture, data, fixture_set_up, func, store_fixture_tear_down)
  ADD ("/bad-inputs/csv/binary-garbage", test_binary_garbage, NULL);
  ADD ("/bad-inputs/csv/ten-thousand-columns", test_ten_thousand_columns, NULL);
  ADD ("/bad-inputs/csv/ten-megabyte-field", test_ten_megabyte_field, NULL);
  ADD ("/bad-inputs/csv/unlinked-mid-import", test_vanishes, GINT_TO_POINTER (VANISH_UNLINK));
  ADD ("/bad-inputs/csv/truncated-mid-import", test_vanishes, GINT_TO_POINTER (VANISH_TRUNCATE));
#undef ADD

  return g_test_run ();
}
