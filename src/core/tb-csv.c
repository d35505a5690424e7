/* tb-csv.c: a streaming RFC 4180 reader
 *
 * The reader object: its buffer, its errors, and the records it hands out.
 * The parsing is in tb-csv-parse.c, the decoding in tb-csv-encoding.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-csv"

#include "config.h"

#include <inttypes.h>

#include "tb-csv-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

enum {
  PROP_0,
  PROP_STREAM,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TbCsvReader, tb_csv_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-csv-error-quark, tb_csv_error)

static GParamSpec *properties[N_PROPS];

static char *
describe_record (TbCsvReader *self)
{
  if (self->record_number == 0)
    return g_strdup_printf (_("Header (line %" PRIu64 ")"), self->record_line);
  return g_strdup_printf (_("Record %" PRIu64 " (line %" PRIu64 ")"),
                          self->record_number, self->record_line);
}

ParseResult
tb_csv_reader_fail (TbCsvReader *self,
                    GError     **error,
                    TbCsvError   code,
                    const char  *format,
                    ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *where = describe_record (self);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_clear_error (&self->fatal_error);
  self->fatal_error = g_error_new (TB_CSV_ERROR, code, "%s: %s", where, detail);
  g_propagate_error (error, g_error_copy (self->fatal_error));
  return PARSE_ERROR;
}

gboolean
tb_csv_reader_fill_buffer (TbCsvReader  *self,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  /* A cancelled read leaves the parser inside a record: it cannot go on. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      g_set_error_literal (&self->fatal_error, G_IO_ERROR, G_IO_ERROR_CANCELLED, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (self->buffer_len > 0)
    self->previous_byte = self->buffer[self->buffer_len - 1];
  self->buffer_pos = 0;
  self->buffer_len = 0;

  n = g_input_stream_read (self->stream, self->buffer, READ_BUFFER_SIZE, cancellable, &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&self->fatal_error);
          self->fatal_error = g_error_copy (local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      tb_csv_reader_fail (self, error, TB_CSV_ERROR_READ, _("cannot read the file: %s"), local_error->message);
      return FALSE;
    }
  if (n == 0)
    self->at_eof = TRUE;
  self->buffer_len = (gsize) n;
  self->bytes_read += (guint64) n;
  return TRUE;
}

/* Reads the next record and reports what is wrong with it. */
static gboolean
read_next (TbCsvReader  *self,
           gboolean      is_header,
           GCancellable *cancellable,
           GError      **error)
{
  ParseResult result;

  self->n_out_fields = 0;
  if (self->fields != NULL)
    self->fields[0] = NULL;

  if (self->fatal_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->fatal_error));
      return FALSE;
    }

  if (!self->started && !tb_csv_reader_check_start (self, cancellable, error))
    return FALSE;

  if (!is_header)
    self->record_number++;
  result = tb_csv_reader_parse_record (self, cancellable, error);
  if (result == PARSE_ERROR)
    return FALSE;
  if (result == PARSE_END)
    {
      if (!is_header)
        self->record_number--;
      return FALSE;
    }

  tb_csv_reader_publish_record (self);

  if (self->n_extra_fields > 0)
    {
      g_autofree char *where = describe_record (self);

      g_set_error (error, TB_CSV_ERROR, TB_CSV_ERROR_TOO_MANY_FIELDS,
                   _("%s: %u fields, but the header has %u"),
                   where, self->n_columns + self->n_extra_fields, self->n_columns);
      return FALSE;
    }
  if (self->saw_bad_quote)
    {
      g_autofree char *where = describe_record (self);

      g_set_error (error, TB_CSV_ERROR, TB_CSV_ERROR_BAD_QUOTE,
                   _("%s: text follows a closing quote; a quote inside a quoted field must be doubled (\"\")"),
                   where);
      return FALSE;
    }
  if (self->saw_nul)
    {
      g_autofree char *where = describe_record (self);

      g_set_error (error, TB_CSV_ERROR, TB_CSV_ERROR_NUL_BYTE,
                   _("%s: contains a NUL byte; is this really a CSV file?"), where);
      return FALSE;
    }
  return TRUE;
}

static void
tb_csv_reader_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TbCsvReader *self = TB_CSV_READER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_csv_reader_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TbCsvReader *self = TB_CSV_READER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_set_object (&self->stream, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_csv_reader_dispose (GObject *object)
{
  TbCsvReader *self = TB_CSV_READER (object);

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (tb_csv_reader_parent_class)->dispose (object);
}

static void
tb_csv_reader_finalize (GObject *object)
{
  TbCsvReader *self = TB_CSV_READER (object);

  g_free (self->buffer);
  g_free (self->data);
  g_free (self->starts);
  g_free (self->fields);
  g_free (self->converted);
  g_strfreev (self->header);
  g_clear_error (&self->fatal_error);

  G_OBJECT_CLASS (tb_csv_reader_parent_class)->finalize (object);
}

static void
tb_csv_reader_class_init (TbCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_csv_reader_get_property;
  object_class->set_property = tb_csv_reader_set_property;
  object_class->dispose = tb_csv_reader_dispose;
  object_class->finalize = tb_csv_reader_finalize;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         G_TYPE_INPUT_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  tb_csv_parse_init_tables ();
}

static void
tb_csv_reader_init (TbCsvReader *self)
{
  /* Room for the four bytes tb_csv_reader_check_start() may put back. */
  self->buffer = g_malloc (READ_BUFFER_SIZE + 4);
  self->max_field_size = TB_CSV_DEFAULT_MAX_FIELD_SIZE;
  self->max_record_size = TB_CSV_DEFAULT_MAX_RECORD_SIZE;
  self->max_columns = TB_CSV_DEFAULT_MAX_COLUMNS;
  self->line = 1;
  self->record_line = 1;
}

TbCsvReader *
tb_csv_reader_new (GInputStream *stream)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  return g_object_new (TB_TYPE_CSV_READER, "stream", stream, NULL);
}

gboolean
tb_csv_error_is_recoverable (const GError *error)
{
  return error != NULL &&
         error->domain == TB_CSV_ERROR &&
         (error->code == TB_CSV_ERROR_TOO_MANY_FIELDS ||
          error->code == TB_CSV_ERROR_BAD_QUOTE ||
          error->code == TB_CSV_ERROR_NUL_BYTE);
}

void
tb_csv_reader_set_limits (TbCsvReader *self,
                          gsize        max_field_size,
                          gsize        max_record_size,
                          guint        max_columns)
{
  g_return_if_fail (TB_IS_CSV_READER (self));

  if (max_field_size > 0)
    self->max_field_size = max_field_size;
  if (max_record_size > 0)
    self->max_record_size = max_record_size;
  if (max_columns > 0)
    self->max_columns = max_columns;
}

gboolean
tb_csv_reader_read_header (TbCsvReader   *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TB_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (self->header == NULL, FALSE);

  if (!read_next (self, TRUE, cancellable, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, TB_CSV_ERROR, TB_CSV_ERROR_EMPTY,
                             _("The file is empty: it has no header row"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->header = g_new (char *, self->n_out_fields + 1);
  for (guint i = 0; i < self->n_out_fields; i++)
    self->header[i] = g_strdup (self->fields[i]);
  self->header[self->n_out_fields] = NULL;
  self->n_columns = self->n_out_fields;
  return TRUE;
}

const char * const *
tb_csv_reader_get_header (TbCsvReader *self)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), NULL);

  return (const char * const *) self->header;
}

guint
tb_csv_reader_get_n_columns (TbCsvReader *self)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), 0);

  return self->n_columns;
}

gboolean
tb_csv_reader_next (TbCsvReader   *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), FALSE);

  return read_next (self, FALSE, cancellable, error);
}

const char * const *
tb_csv_reader_get_fields (TbCsvReader *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (TB_IS_CSV_READER (self), NULL);

  if (self->n_out_fields == 0)
    return none;
  return self->fields;
}

guint
tb_csv_reader_get_n_fields (TbCsvReader *self)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), 0);

  return self->n_out_fields;
}

const char *
tb_csv_reader_get_field (TbCsvReader *self,
                         guint        index)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), "");

  if (index >= self->n_out_fields)
    return "";
  return self->fields[index];
}

guint64
tb_csv_reader_get_record_number (TbCsvReader *self)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), 0);

  return self->record_number;
}

guint64
tb_csv_reader_get_line_number (TbCsvReader *self)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), 0);

  return self->record_line;
}

guint64
tb_csv_reader_get_bytes_read (TbCsvReader *self)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), 0);

  return self->bytes_read;
}

const char *
tb_csv_reader_get_encoding (TbCsvReader *self)
{
  g_return_val_if_fail (TB_IS_CSV_READER (self), NULL);

  return self->windows_1252 ? "WINDOWS-1252" : "UTF-8";
}
