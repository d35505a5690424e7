/* test-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-csv.h"

#include <string.h>

/* A stream over fixed bytes that hands out at most chunk bytes a read, and
 * fails once fail_at bytes are read: to cross every buffer boundary and
 * to break reads on purpose. */
#define TEST_TYPE_CHUNKED_STREAM (test_chunked_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestChunkedStream, test_chunked_stream, TEST, CHUNKED_STREAM, GInputStream)

struct _TestChunkedStream
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        offset;
  gsize        chunk;
  gssize       fail_at;
};

G_DEFINE_FINAL_TYPE (TestChunkedStream, test_chunked_stream, G_TYPE_INPUT_STREAM)

static gssize
test_chunked_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestChunkedStream *self = TEST_CHUNKED_STREAM (stream);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->chunk), size - self->offset);

  if (self->fail_at >= 0 && self->offset >= (gsize) self->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "the disk fell off");
      return -1;
    }
  if (n > 0)
    memcpy (buffer, data + self->offset, n);
  self->offset += n;
  return (gssize) n;
}

static void
test_chunked_stream_finalize (GObject *object)
{
  TestChunkedStream *self = TEST_CHUNKED_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (test_chunked_stream_parent_class)->finalize (object);
}

static void
test_chunked_stream_class_init (TestChunkedStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_chunked_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_chunked_stream_read;
}

static void
test_chunked_stream_init (TestChunkedStream *self)
{
  self->fail_at = -1;
}

static GInputStream *
chunked_stream_new (const char *data,
                    gsize       len,
                    gsize       chunk,
                    gssize      fail_at)
{
  TestChunkedStream *self = g_object_new (TEST_TYPE_CHUNKED_STREAM, NULL);

  self->bytes = g_bytes_new (data, len);
  self->chunk = chunk;
  self->fail_at = fail_at;
  return G_INPUT_STREAM (self);
}

static const char *
code_name (const GError *error)
{
  if (error->domain != TB_CSV_ERROR)
    return "other";
  switch (error->code)
    {
    case TB_CSV_ERROR_EMPTY: return "empty";
    case TB_CSV_ERROR_UNTERMINATED_QUOTE: return "unterminated";
    case TB_CSV_ERROR_FIELD_TOO_LONG: return "field_too_long";
    case TB_CSV_ERROR_RECORD_TOO_LONG: return "record_too_long";
    case TB_CSV_ERROR_TOO_MANY_COLUMNS: return "too_many_columns";
    case TB_CSV_ERROR_ENCODING: return "encoding";
    case TB_CSV_ERROR_READ: return "read";
    case TB_CSV_ERROR_TOO_MANY_FIELDS: return "too_many_fields";
    case TB_CSV_ERROR_BAD_QUOTE: return "bad_quote";
    case TB_CSV_ERROR_NUL_BYTE: return "nul";
    default: return "unknown";
    }
}

/* Reads the whole stream into a description: one line per record,
 * "L<line>:field|field", the header as "H<line>:…", and each error as
 * "!<code>@<record>:<line>". Fatal errors end it. */
static char *
describe (GInputStream *stream,
          gsize         max_field,
          gsize         max_record,
          guint         max_columns)
{
  g_autoptr(TbCsvReader) reader = tb_csv_reader_new (stream);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  tb_csv_reader_set_limits (reader, max_field, max_record, max_columns);

  if (!tb_csv_reader_read_header (reader, NULL, &error))
    {
      g_assert_null (tb_csv_reader_get_header (reader));
      g_string_append_printf (out, "!%s@%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                              code_name (error),
                              tb_csv_reader_get_record_number (reader),
                              tb_csv_reader_get_line_number (reader));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  {
    g_autofree char *joined = g_strjoinv ("|", (char **) tb_csv_reader_get_header (reader));
    g_string_append_printf (out, "H%" G_GUINT64_FORMAT ":%s",
                            tb_csv_reader_get_line_number (reader), joined);
    g_assert_cmpuint (g_strv_length ((char **) tb_csv_reader_get_header (reader)), ==,
                      tb_csv_reader_get_n_columns (reader));
  }

  for (;;)
    {
      if (tb_csv_reader_next (reader, NULL, &error))
        {
          const char * const *fields = tb_csv_reader_get_fields (reader);
          g_autofree char *joined = g_strjoinv ("|", (char **) fields);

          g_assert_cmpuint (g_strv_length ((char **) fields), ==, tb_csv_reader_get_n_fields (reader));
          g_assert_cmpuint (tb_csv_reader_get_n_fields (reader), ==, tb_csv_reader_get_n_columns (reader));
          for (guint i = 0; fields[i]; i++)
            {
              g_assert_true (g_utf8_validate (fields[i], -1, NULL));
              g_assert_true (tb_csv_reader_get_field (reader, i) == fields[i]);
            }
          g_assert_cmpstr (tb_csv_reader_get_field (reader, 9999), ==, "");
          g_string_append_printf (out, "\nL%" G_GUINT64_FORMAT ":%s",
                                  tb_csv_reader_get_line_number (reader), joined);
          continue;
        }
      if (error == NULL)
        break;

      g_string_append_printf (out, "\n!%s@%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                              code_name (error),
                              tb_csv_reader_get_record_number (reader),
                              tb_csv_reader_get_line_number (reader));
      /* The message says where, in words. */
      g_assert_true (strstr (error->message, "line") != NULL || error->code == TB_CSV_ERROR_EMPTY);
      if (!tb_csv_error_is_recoverable (error))
        {
          g_autoptr(GError) again = NULL;

          /* A fatal error sticks. */
          g_assert_false (tb_csv_reader_next (reader, NULL, &again));
          g_assert_error (again, error->domain, error->code);
          break;
        }
      g_clear_error (&error);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  const char *input;
  gssize      len;       /* -1: strlen */
  const char *expected;
} CsvCase;

static const CsvCase cases[] = {
  /* Line ends. */
  { "a,b\n1,2\n", -1, "H1:a|b\nL2:1|2" },
  { "a,b\r\n1,2\r\n", -1, "H1:a|b\nL2:1|2" },
  { "a,b\r1,2\r", -1, "H1:a|b\nL2:1|2" },
  { "a,b\r\n1,2\n3,4\r5,6", -1, "H1:a|b\nL2:1|2\nL3:3|4\nL4:5|6" },
  { "a,b\n1,2", -1, "H1:a|b\nL2:1|2" },
  /* A BOM. */
  { "\xef\xbb\xbf" "a,b\n1,2\n", -1, "H1:a|b\nL2:1|2" },
  { "\xef\xbb\xbf", -1, "!empty@0:1" },
  { "\xef\xbb", -1, "H1:\xc3\xaf\xc2\xbb" },  /* half a BOM: not UTF-8 */
  /* Quotes. */
  { "a,b\n\"x, y\",2\n", -1, "H1:a|b\nL2:x, y|2" },
  { "a,b\n\"he said \"\"hi\"\"\",2\n", -1, "H1:a|b\nL2:he said \"hi\"|2" },
  { "a,b\n\"\",\"x\"\n", -1, "H1:a|b\nL2:|x" },
  { "a,b\n\"\"\"\",\"\"\"\"\"\"\n", -1, "H1:a|b\nL2:\"|\"\"" },
  { "\"a\",\"b\"\n1,2\n", -1, "H1:a|b\nL2:1|2" },
  { "a\n\"x\"", -1, "H1:a\nL2:x" },
  { "a\n\"x\"\"\"", -1, "H1:a\nL2:x\"" },
  { "a,b\n5'10\",2\n", -1, "H1:a|b\nL2:5'10\"|2" },
  /* Newlines inside quotes count as lines. */
  { "a,b\n\"line1\nline2\",2\n3,4\n", -1, "H1:a|b\nL2:line1\nline2|2\nL4:3|4" },
  { "a\n\"x\r\ny\"\n\"z\"\n", -1, "H1:a\nL2:x\r\ny\nL4:z" },
  { "a\n\"x\r\r\ny\"\rz\r", -1, "H1:a\nL2:x\r\r\ny\nL5:z" },
  /* Blank lines anywhere are skipped, and so are rows of empty fields. */
  { "\n\na,b\n\n\n1,2\n\n\n", -1, "H3:a|b\nL6:1|2" },
  { "a,b\r\n\r\n1,2\r\n\r\n", -1, "H1:a|b\nL3:1|2" },
  { "a,b\n,\n1,2\n,,\n\"\",\n", -1, "H1:a|b\nL3:1|2" },
  /* Short records are padded; trailing commas are empty fields. */
  { "a,b,c\n1\n1,2\n1,\n", -1, "H1:a|b|c\nL2:1||\nL3:1|2|\nL4:1||" },
  /* Long records are an error for that record only. */
  { "a,b\n1,2,3\n4,5\n", -1, "H1:a|b\n!too_many_fields@1:2\nL3:4|5" },
  { "a,b\n1,2,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n4,5\n", -1, "H1:a|b\n!too_many_fields@1:2\nL3:4|5" },
  { "a\n1,\"x\ny\"\n4\n", -1, "H1:a\n!too_many_fields@1:2\nL4:4" },
  /* Text after a closing quote. */
  { "a,b\n\"x\"y,2\n3,4\n", -1, "H1:a|b\n!bad_quote@1:2\nL3:3|4" },
  /* An unterminated quote is fatal, and says where it opened. */
  { "a,b\n\"open,2\n3,4\n", -1, "H1:a|b\n!unterminated@1:2" },
  { "a,b\n1,2\n3,\"x\n\n", -1, "H1:a|b\nL2:1|2\n!unterminated@2:3" },
  { "\"a,b\n", -1, "!unterminated@0:1" },
  /* NUL bytes. */
  { "a,b\n1\0,2\n3,4\n", 13, "H1:a|b\n!nul@1:2\nL3:3|4" },
  { "a,b\n\"1\0\",2\n3,4\n", 15, "H1:a|b\n!nul@1:2\nL3:3|4" },
  /* Nothing to read. */
  { "", -1, "!empty@0:1" },
  { "\n\r\n\r\n", -1, "!empty@0:1" },
  { ",,,\n,\n", -1, "!empty@0:2" },
  { "a,b\n", -1, "H1:a|b" },
  /* UTF-16 is refused. */
  { "\xff\xfe" "a\0,\0b\0", 8, "!encoding@0:1" },
  { "\xfe\xff\0a\0,\0b", 8, "!encoding@0:1" },
  /* Windows-1252. */
  { "name\ncaf\xe9\n", -1, "H1:name\nL2:caf\xc3\xa9" },
  { "name\n\x93quoted\x94 \x80 \x81\n", -1, "H1:name\nL2:\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac \xc2\x81" },
  { "name\ncaf\xc3\xa9\nna\xefve\nJos\xe9\n", -1, "H1:name\nL2:caf\xc3\xa9\nL3:na\xc3\xafve\nL4:Jos\xc3\xa9" },
  { "n\xe9,b\n1,2\n", -1, "H1:n\xc3\xa9|b\nL2:1|2" },
  /* With a BOM the file is UTF-8: bad bytes become U+FFFD. */
  { "\xef\xbb\xbfname\ncaf\xe9\n", -1, "H1:name\nL2:caf\xef\xbf\xbd" },
};

static void
test_csv_table (void)
{
  static const gsize chunks[] = { G_MAXSIZE, 1, 2, 3, 7 };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len < 0 ? strlen (cases[i].input) : (gsize) cases[i].len;

      for (gsize c = 0; c < G_N_ELEMENTS (chunks); c++)
        {
          g_autoptr(GInputStream) stream = chunked_stream_new (cases[i].input, len, chunks[c], -1);
          g_autofree char *got = describe (stream, 0, 0, 0);

          if (g_strcmp0 (got, cases[i].expected) != 0)
            {
              g_autofree char *in = g_strescape (cases[i].input, NULL);
              g_autofree char *g = g_strescape (got, NULL);
              g_autofree char *e = g_strescape (cases[i].expected, NULL);

              g_error ("case %" G_GSIZE_FORMAT " \"%s\" (chunks of %" G_GSIZE_FORMAT "):\n got      %s\n expected %s",
                       i, in, chunks[c], g, e);
            }
        }
    }
}

typedef struct {
  const char *input;
  gsize       max_field;
  gsize       max_record;
  guint       max_columns;
  const char *expected;
} LimitCase;

static const LimitCase limit_cases[] = {
  { "a,b\n12345,1\n", 5, 0, 0, "H1:a|b\nL2:12345|1" },
  { "a,b\n123456,1\n", 5, 0, 0, "H1:a|b\n!field_too_long@1:2" },
  { "a,b\n\"12\"\"45\",1\n", 5, 0, 0, "H1:a|b\nL2:12\"45|1" },
  { "a,b\n\"12\n456\",1\n", 5, 0, 0, "H1:a|b\n!field_too_long@1:2" },
  { "abcdef\n1\n", 5, 0, 0, "!field_too_long@0:1" },
  /* The record cap counts each field's terminator. */
  { "a,b\n1234,1234\n", 0, 10, 0, "H1:a|b\nL2:1234|1234" },
  { "a,b\n12345,1234\n", 0, 10, 0, "H1:a|b\n!record_too_long@1:2" },
  { "a,b,c\n1,2,3\n", 0, 0, 3, "H1:a|b|c\nL2:1|2|3" },
  { "a,b,c,d\n1,2,3\n", 0, 0, 3, "!too_many_columns@0:1" },
  /* Fields past the header are counted, not kept: no cap applies. */
  { "a\n1,2,3,4,5,6,7,8,9\n2\n", 0, 0, 3, "H1:a\n!too_many_fields@1:2\nL3:2" },
};

static void
test_csv_limits (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (limit_cases); i++)
    {
      const LimitCase *c = &limit_cases[i];
      g_autoptr(GInputStream) stream = chunked_stream_new (c->input, strlen (c->input), 3, -1);
      g_autofree char *got = describe (stream, c->max_field, c->max_record, c->max_columns);

      if (g_strcmp0 (got, c->expected) != 0)
        g_error ("limit case %" G_GSIZE_FORMAT ": got “%s”, expected “%s”", i, got, c->expected);
    }
}

/* Without a header, records have any width and are never padded. */
static void
test_csv_no_header (void)
{
  const char *input = "a,b,c\n1\n\n1,2\n";
  g_autoptr(GInputStream) stream = chunked_stream_new (input, strlen (input), 64, -1);
  g_autoptr(TbCsvReader) reader = tb_csv_reader_new (stream);
  g_autoptr(GError) error = NULL;
  const guint widths[] = { 3, 1, 2 };
  const guint64 lines[] = { 1, 2, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_assert_true (tb_csv_reader_next (reader, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (tb_csv_reader_get_n_fields (reader), ==, widths[i]);
      g_assert_cmpuint (tb_csv_reader_get_record_number (reader), ==, i + 1);
      g_assert_cmpuint (tb_csv_reader_get_line_number (reader), ==, lines[i]);
    }
  g_assert_false (tb_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_csv_reader_get_n_fields (reader), ==, 0);
  g_assert_null (tb_csv_reader_get_fields (reader)[0]);
  /* The end stays the end. */
  g_assert_false (tb_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_csv_reader_get_bytes_read (reader), ==, strlen (input));
}

static void
test_csv_messages (void)
{
  const char *input = "First,Phone\nAnn,1\n\"Bo\nb\",2,3\n";
  g_autoptr(GInputStream) stream = chunked_stream_new (input, strlen (input), 64, -1);
  g_autoptr(TbCsvReader) reader = tb_csv_reader_new (stream);
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_csv_reader_read_header (reader, NULL, &error));
  g_assert_true (tb_csv_reader_next (reader, NULL, &error));
  g_assert_false (tb_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, TB_CSV_ERROR, TB_CSV_ERROR_TOO_MANY_FIELDS);
  g_assert_cmpstr (error->message, ==, "Record 2 (line 3): 3 fields, but the header has 2");
  g_assert_true (tb_csv_error_is_recoverable (error));
  g_clear_error (&error);

  g_assert_false (tb_csv_error_is_recoverable (NULL));
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_assert_false (tb_csv_error_is_recoverable (error));
}

static void
test_csv_encoding_report (void)
{
  const char *input = "name\nAnn\nJos\xe9\n";
  g_autoptr(GInputStream) stream = chunked_stream_new (input, strlen (input), 64, -1);
  g_autoptr(TbCsvReader) reader = tb_csv_reader_new (stream);

  g_assert_true (tb_csv_reader_read_header (reader, NULL, NULL));
  g_assert_cmpstr (tb_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_true (tb_csv_reader_next (reader, NULL, NULL));
  g_assert_cmpstr (tb_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_true (tb_csv_reader_next (reader, NULL, NULL));
  g_assert_cmpstr (tb_csv_reader_get_field (reader, 0), ==, "Jos\xc3\xa9");
  g_assert_cmpstr (tb_csv_reader_get_encoding (reader), ==, "WINDOWS-1252");
}

static void
test_csv_read_error (void)
{
  GString *input = g_string_new ("a,b\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(TbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (input, "%d,%d\n", i, i);
  stream = chunked_stream_new (input->str, input->len, 4096, 25 * 4096);
  g_string_free (input, TRUE);
  reader = tb_csv_reader_new (stream);

  g_assert_true (tb_csv_reader_read_header (reader, NULL, &error));
  while (tb_csv_reader_next (reader, NULL, &error))
    n++;
  g_assert_error (error, TB_CSV_ERROR, TB_CSV_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "the disk fell off"));
  g_assert_false (tb_csv_error_is_recoverable (error));
  g_assert_cmpuint (n, >, 1000);
  g_assert_cmpuint (tb_csv_reader_get_bytes_read (reader), ==, 25 * 4096);
}

static void
test_csv_cancel (void)
{
  const char *input = "a,b\n1,2\n";
  g_autoptr(GInputStream) stream = chunked_stream_new (input, strlen (input), 64, -1);
  g_autoptr(TbCsvReader) reader = tb_csv_reader_new (stream);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (tb_csv_reader_read_header (reader, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (tb_csv_error_is_recoverable (error));
  g_clear_error (&error);

  /* Cancelled is final: the reader cannot resume mid-record. */
  g_assert_false (tb_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A field that spans many read buffers, and a file of many records: the
 * record buffer is reused. */
static void
test_csv_big (void)
{
  GString *input = g_string_new ("id,text\n");
  g_autofree char *big = g_strnfill (300 * 1024, 'x');
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(TbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_string_append_printf (input, "0,\"%s\"\n", big);
  for (int i = 1; i <= 100000; i++)
    g_string_append_printf (input, "%d,\"text, %d\"\r\n", i, i);
  stream = G_INPUT_STREAM (g_memory_input_stream_new_from_data (g_string_free (input, FALSE), -1, g_free));
  reader = tb_csv_reader_new (stream);

  g_assert_true (tb_csv_reader_read_header (reader, NULL, &error));
  g_assert_true (tb_csv_reader_next (reader, NULL, &error));
  g_assert_cmpstr (tb_csv_reader_get_field (reader, 1), ==, big);
  while (tb_csv_reader_next (reader, NULL, &error))
    {
      g_autofree char *expected = g_strdup_printf ("text, %u", ++n);

      g_assert_cmpstr (tb_csv_reader_get_field (reader, 1), ==, expected);
      g_assert_cmpuint (tb_csv_reader_get_line_number (reader), ==, n + 2);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 100000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/table", test_csv_table);
  g_test_add_func ("/csv/limits", test_csv_limits);
  g_test_add_func ("/csv/no-header", test_csv_no_header);
  g_test_add_func ("/csv/messages", test_csv_messages);
  g_test_add_func ("/csv/encoding-report", test_csv_encoding_report);
  g_test_add_func ("/csv/read-error", test_csv_read_error);
  g_test_add_func ("/csv/cancel", test_csv_cancel);
  g_test_add_func ("/csv/big", test_csv_big);

  return g_test_run ();
}
