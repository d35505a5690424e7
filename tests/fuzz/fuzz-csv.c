/* fuzz-csv.c: libFuzzer target for TbCsvReader and TbContactColumns
 *
 * The first bytes choose the caps and how many bytes each read returns (so
 * records cross buffer refills at every offset); the rest is the file.
 * Checks: every field is valid UTF-8, records have the header's width, the
 * record numbers count up, a fatal error sticks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "tb-contact-columns.h"
#include "tb-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Hands out the bytes at most chunk at a time. */
#define FUZZ_TYPE_CHUNKED_STREAM (fuzz_chunked_stream_get_type ())
G_DECLARE_FINAL_TYPE (FuzzChunkedStream, fuzz_chunked_stream, FUZZ, CHUNKED_STREAM, GInputStream)

struct _FuzzChunkedStream
{
  GInputStream   parent_instance;
  const uint8_t *data;
  gsize          size;
  gsize          offset;
  gsize          chunk;
};

G_DEFINE_FINAL_TYPE (FuzzChunkedStream, fuzz_chunked_stream, G_TYPE_INPUT_STREAM)

static gssize
fuzz_chunked_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  FuzzChunkedStream *self = FUZZ_CHUNKED_STREAM (stream);
  gsize n = MIN (MIN (count, self->chunk), self->size - self->offset);

  memcpy (buffer, self->data + self->offset, n);
  self->offset += n;
  return (gssize) n;
}

static void
fuzz_chunked_stream_class_init (FuzzChunkedStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = fuzz_chunked_stream_read;
}

static void
fuzz_chunked_stream_init (FuzzChunkedStream *self)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(FuzzChunkedStream) stream = NULL;
  g_autoptr(TbCsvReader) reader = NULL;
  g_autoptr(TbContactColumns) columns = NULL;
  g_autoptr(GError) error = NULL;
  guint64 last_record = 0;
  guint64 last_line = 0;
  guint n_columns;
  guint limit = 0;

  if (size < 2)
    return 0;

  stream = g_object_new (FUZZ_TYPE_CHUNKED_STREAM, NULL);
  stream->chunk = (data[0] & 0x0f) == 0 ? G_MAXSIZE : (data[0] & 0x0f);
  stream->data = data + 2;
  stream->size = size - 2;
  reader = tb_csv_reader_new (G_INPUT_STREAM (stream));

  /* Small caps now and then, to reach the cap errors. */
  if (data[1] & 0x80)
    {
      limit = (data[1] & 0x7f) + 1;
      tb_csv_reader_set_limits (reader, limit, limit * 4, (limit % 16) + 1);
    }

  if (!tb_csv_reader_read_header (reader, NULL, &error))
    {
      g_assert_nonnull (error);
      g_assert_null (tb_csv_reader_get_header (reader));
      return 0;
    }

  n_columns = tb_csv_reader_get_n_columns (reader);
  g_assert_cmpuint (n_columns, >, 0);
  g_assert_cmpuint (g_strv_length ((char **) tb_csv_reader_get_header (reader)), ==, n_columns);
  if (limit > 0)
    g_assert_cmpuint (n_columns, <=, (limit % 16) + 1);

  columns = tb_contact_columns_new (tb_csv_reader_get_header (reader), n_columns);
  (void) tb_contact_columns_check (columns, NULL);
  for (guint i = 0; i < n_columns; i++)
    {
      g_assert_true (g_utf8_validate (tb_csv_reader_get_header (reader)[i], -1, NULL));
      g_assert_nonnull (tb_contact_columns_get_custom_name (columns, i));
    }
  tb_contact_columns_set_field (columns, n_columns - 1, TB_CONTACT_FIELD_PHONE);
  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_PHONE), ==, (int) n_columns - 1);

  for (;;)
    {
      gboolean ok = tb_csv_reader_next (reader, NULL, &error);

      if (!ok && error == NULL)
        break;
      g_assert_cmpuint (tb_csv_reader_get_record_number (reader), ==, last_record + 1);
      g_assert_cmpuint (tb_csv_reader_get_line_number (reader), >, last_line);
      last_record = tb_csv_reader_get_record_number (reader);
      last_line = tb_csv_reader_get_line_number (reader);

      if (ok)
        {
          const char * const *fields = tb_csv_reader_get_fields (reader);

          g_assert_cmpuint (tb_csv_reader_get_n_fields (reader), ==, n_columns);
          for (guint i = 0; i < n_columns; i++)
            g_assert_true (g_utf8_validate (fields[i], -1, NULL));
          g_assert_null (fields[n_columns]);
          (void) tb_contact_columns_get_value (columns, fields, n_columns, TB_CONTACT_FIELD_PHONE);
          continue;
        }

      g_assert_true (strstr (error->message, "line") != NULL);
      if (!tb_csv_error_is_recoverable (error))
        {
          g_autoptr(GError) again = NULL;

          g_assert_false (tb_csv_reader_next (reader, NULL, &again));
          g_assert_error (again, error->domain, error->code);
          break;
        }
      g_clear_error (&error);
    }

  g_assert_cmpuint (tb_csv_reader_get_bytes_read (reader), <=, size - 2);
  return 0;
}
