/* tb-csv.c: a streaming RFC 4180 reader
 *
 * The parser is a small state machine that resumes across buffer refills.
 * Bytes are classified through lookup tables and copied in runs, so simple
 * data costs one table lookup per byte and one memcpy per field. A record's
 * fields live back to back in one buffer that is reused for every record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-csv"

#include "config.h"

#include <inttypes.h>

#include "tb-csv.h"
#include "tb-csv-encoding.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define READ_BUFFER_SIZE (64 * 1024)

enum {
  PROP_0,
  PROP_STREAM,
  N_PROPS
};

typedef enum {
  STATE_RECORD_START,  /* before a record: blank lines are skipped here */
  STATE_FIELD_START,   /* at the first byte of a field */
  STATE_UNQUOTED,      /* inside a plain field */
  STATE_QUOTED,        /* inside a quoted field */
  STATE_QUOTE_SEEN,    /* a quote inside a quoted field: doubled, or the end */
} ParseState;

typedef enum {
  PARSE_RECORD,
  PARSE_END,
  PARSE_ERROR,
} ParseResult;

struct _TbCsvReader
{
  GObject       parent_instance;

  GInputStream *stream;

  /* The read buffer. */
  guint8       *buffer;
  gsize         buffer_len;
  gsize         buffer_pos;
  guint8        previous_byte;  /* the byte before buffer[0], for CRLF */
  gboolean      at_eof;
  gboolean      started;        /* the BOM check has been done */
  gboolean      has_bom;
  gboolean      windows_1252;
  GError       *fatal_error;    /* returned again by every later call */

  gsize         max_field_size;
  gsize         max_record_size;
  guint         max_columns;

  /* The record being parsed: fields back to back, each NUL-terminated. */
  ParseState    state;
  char         *data;
  gsize         data_len;
  gsize         data_alloc;
  gsize        *starts;         /* offset of each field in data */
  guint         starts_alloc;
  guint         n_fields;
  guint         n_extra_fields; /* fields past the header's width, dropped */
  gboolean      discarding;     /* the current field is past the header's width */
  gboolean      discarded_text; /* some dropped field was not empty */
  gboolean      saw_bad_quote;
  gboolean      saw_nul;
  guint64       quote_line;     /* where the open quoted field started */

  /* The record handed out. */
  const char  **fields;         /* n_fields + 1, NULL-terminated */
  guint         fields_alloc;
  guint         n_out_fields;
  char         *converted;      /* re-encoded fields (Windows-1252, U+FFFD) */
  gsize         converted_alloc;

  char        **header;
  guint         n_columns;

  guint64       line;           /* the line the parser is on, from 1 */
  guint64       record_line;    /* the line the current record starts on */
  guint64       record_number;
  guint64       bytes_read;
};

G_DEFINE_FINAL_TYPE (TbCsvReader, tb_csv_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-csv-error-quark, tb_csv_error)

static GParamSpec *properties[N_PROPS];

/* Bytes that end a run in a plain field, and in a quoted one. */
static guint8 plain_stops[256];
static guint8 quoted_stops[256];

static void
init_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      plain_stops[','] = plain_stops['"'] = plain_stops['\r'] = plain_stops['\n'] = plain_stops[0] = 1;
      quoted_stops['"'] = quoted_stops['\r'] = quoted_stops['\n'] = quoted_stops[0] = 1;
      g_once_init_leave (&initialized, 1);
    }
}

static char *
describe_record (TbCsvReader *self)
{
  if (self->record_number == 0)
    return g_strdup_printf (_("Header (line %" PRIu64 ")"), self->record_line);
  return g_strdup_printf (_("Record %" PRIu64 " (line %" PRIu64 ")"),
                          self->record_number, self->record_line);
}

static ParseResult
fail_fatal (TbCsvReader *self,
            GError     **error,
            TbCsvError   code,
            const char  *format,
            ...) G_GNUC_PRINTF (4, 5);

static ParseResult
fail_fatal (TbCsvReader *self,
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

static gboolean
ensure_data (TbCsvReader *self,
             gsize        extra)
{
  gsize needed = self->data_len + extra;

  if (needed > self->data_alloc)
    {
      gsize alloc = MAX (self->data_alloc * 2, 4096);

      while (alloc < needed)
        alloc *= 2;
      self->data = g_realloc (self->data, alloc);
      self->data_alloc = alloc;
    }
  return TRUE;
}

/* Appends a run of field bytes, enforcing the caps. */
static ParseResult
append_run (TbCsvReader  *self,
            const guint8 *run,
            gsize         len,
            GError      **error)
{
  if (len == 0)
    return PARSE_RECORD;
  if (self->discarding)
    {
      self->discarded_text = TRUE;
      return PARSE_RECORD;
    }

  if (self->data_len - self->starts[self->n_fields] + len > self->max_field_size)
    return fail_fatal (self, error, TB_CSV_ERROR_FIELD_TOO_LONG,
                       _("field %u is longer than %zu bytes (is a closing quote missing?)"),
                       self->n_fields + 1, self->max_field_size);
  if (self->data_len + len + 1 > self->max_record_size)
    return fail_fatal (self, error, TB_CSV_ERROR_RECORD_TOO_LONG,
                       _("the record is longer than %zu bytes"),
                       self->max_record_size);

  ensure_data (self, len + 1);
  memcpy (self->data + self->data_len, run, len);
  self->data_len += len;
  return PARSE_RECORD;
}

static ParseResult
begin_field (TbCsvReader *self,
             GError     **error)
{
  self->discarding = self->header != NULL && self->n_fields >= self->n_columns;
  if (self->discarding)
    return PARSE_RECORD;

  if (self->n_fields >= self->max_columns)
    return fail_fatal (self, error, TB_CSV_ERROR_TOO_MANY_COLUMNS,
                       _("more than %u columns"), self->max_columns);

  if (self->n_fields >= self->starts_alloc)
    {
      self->starts_alloc = MAX (self->starts_alloc * 2, 32);
      self->starts = g_renew (gsize, self->starts, self->starts_alloc);
    }
  self->starts[self->n_fields] = self->data_len;
  return PARSE_RECORD;
}

static void
end_field (TbCsvReader *self)
{
  if (self->discarding)
    {
      self->n_extra_fields++;
      return;
    }
  ensure_data (self, 1);
  self->data[self->data_len++] = '\0';
  self->n_fields++;
}

static void
reset_record (TbCsvReader *self)
{
  self->data_len = 0;
  self->n_fields = 0;
  self->n_extra_fields = 0;
  self->discarding = FALSE;
  self->discarded_text = FALSE;
  self->saw_bad_quote = FALSE;
  self->saw_nul = FALSE;
}

/* Refills the buffer. FALSE on error; at the end self->at_eof is set. */
static gboolean
fill_buffer (TbCsvReader  *self,
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
      fail_fatal (self, error, TB_CSV_ERROR_READ, _("cannot read the file: %s"), local_error->message);
      return FALSE;
    }
  if (n == 0)
    self->at_eof = TRUE;
  self->buffer_len = (gsize) n;
  self->bytes_read += (guint64) n;
  return TRUE;
}

/* Control bytes that no text file holds (tab, line feed, carriage return,
 * form feed and ESC are allowed): a spreadsheet or zip picked by mistake
 * is full of them. Judged on the first read only, and only when it is
 * long enough to tell, so one stray NUL stays a per-record error. */
#define BINARY_SAMPLE_MIN 256
#define BINARY_SHARE_PERCENT 5

static gboolean
looks_binary (const guint8 *bytes,
              gsize         length)
{
  gsize control = 0;

  if (length < BINARY_SAMPLE_MIN)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if ((bytes[i] < 0x20 && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r' &&
         bytes[i] != '\f' && bytes[i] != 0x1B) || bytes[i] == 0x7F)
      control++;
  return control * 100 > length * BINARY_SHARE_PERCENT;
}

/* The first bytes: skip a UTF-8 BOM, refuse UTF-16 and binary files. */
static gboolean
check_start (TbCsvReader  *self,
             GCancellable *cancellable,
             GError      **error)
{
  guint8 head[4];
  gsize have = 0;

  self->started = TRUE;

  /* Reads may be short: gather up to four bytes without losing any. */
  while (have < sizeof head)
    {
      if (self->buffer_pos == self->buffer_len)
        {
          if (!fill_buffer (self, cancellable, error))
            return FALSE;
          if (self->at_eof)
            break;
        }
      while (have < sizeof head && self->buffer_pos < self->buffer_len)
        head[have++] = self->buffer[self->buffer_pos++];
    }

  /* Put the bytes back in front of what is left of the buffer. */
  if (have > 0)
    {
      gsize rest = self->buffer_len - self->buffer_pos;

      memmove (self->buffer + have, self->buffer + self->buffer_pos, rest);
      memcpy (self->buffer, head, have);
      self->buffer_pos = 0;
      self->buffer_len = have + rest;
    }

  if (have >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    return fail_fatal (self, error, TB_CSV_ERROR_ENCODING,
                       _("the file is UTF-16 text; save it as “CSV UTF-8” instead")), FALSE;

  if (looks_binary (self->buffer, self->buffer_len))
    return fail_fatal (self, error, TB_CSV_ERROR_ENCODING,
                       _("the file holds binary data, not text (a spreadsheet or another format?); "
                         "save it as “CSV UTF-8” instead")), FALSE;

  if (have >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    {
      self->has_bom = TRUE;
      self->buffer_pos = 3;
    }
  return TRUE;
}

static void
ensure_converted (TbCsvReader *self,
                  gsize        size)
{
  if (size > self->converted_alloc)
    {
      self->converted_alloc = MAX (size, self->converted_alloc * 2);
      self->converted = g_realloc (self->converted, self->converted_alloc);
    }
}

/* Re-encodes the record's fields into self->converted. */
static void
convert_record (TbCsvReader *self)
{
  gsize out = 0;

  /* Windows-1252 takes at most three UTF-8 bytes a byte; U+FFFD is three
   * bytes for every invalid byte. */
  ensure_converted (self, self->data_len * 3 + 1);

  for (guint i = 0; i < self->n_fields; i++)
    {
      const guchar *in = (const guchar *) self->data + self->starts[i];
      gsize start = out;

      if (self->windows_1252)
        out += tb_csv_windows_1252_to_utf8 ((const char *) in, self->converted + out);
      else
        {
          g_autofree char *valid = g_utf8_make_valid ((const char *) in, -1);
          gsize len = strlen (valid);

          if (out + len + 1 > self->converted_alloc)
            ensure_converted (self, out + len + 1);
          memcpy (self->converted + out, valid, len);
          out += len;
        }
      self->converted[out++] = '\0';
      self->starts[i] = start;
    }
}

/* Points self->fields at the record, padded to the header's width and
 * decoded to UTF-8. */
static void
publish_record (TbCsvReader *self)
{
  const char *base = self->data;
  guint n_out = MAX (self->n_fields, self->header ? self->n_columns : 0);

  if (!tb_csv_is_ascii (self->data, self->data_len))
    {
      gboolean valid = TRUE;

      if (!self->windows_1252)
        for (guint i = 0; i < self->n_fields && valid; i++)
          valid = g_utf8_validate (self->data + self->starts[i], -1, NULL);

      if (!valid && !self->has_bom && !self->windows_1252)
        {
          g_debug ("record %" PRIu64 " is not UTF-8: reading the rest as Windows-1252",
                   self->record_number);
          self->windows_1252 = TRUE;
        }
      if (!valid || self->windows_1252)
        {
          convert_record (self);
          base = self->converted;
        }
    }

  if (n_out + 1 > self->fields_alloc)
    {
      self->fields_alloc = MAX (n_out + 1, self->fields_alloc * 2);
      self->fields = g_renew (const char *, self->fields, self->fields_alloc);
    }
  for (guint i = 0; i < self->n_fields; i++)
    self->fields[i] = base + self->starts[i];
  for (guint i = self->n_fields; i < n_out; i++)
    self->fields[i] = "";
  self->fields[n_out] = NULL;
  self->n_out_fields = n_out;
}

static gboolean
record_is_blank (TbCsvReader *self)
{
  /* Every field empty (the data is NUL terminators only), however many:
   * spreadsheets save empty rows as ",,,". */
  return !self->discarded_text && self->data_len == self->n_fields;
}

/* Whether the byte at pos ends a line that a CR just before it ended. */
static inline gboolean
follows_cr (TbCsvReader *self,
            gsize        pos)
{
  return (pos > 0 ? self->buffer[pos - 1] : self->previous_byte) == '\r';
}

/* Parses one record into self->data (blank ones are skipped). */
static ParseResult
parse_record (TbCsvReader  *self,
              GCancellable *cancellable,
              GError      **error)
{
  reset_record (self);
  self->state = STATE_RECORD_START;

  for (;;)
    {
      const guint8 *buffer;
      const guint8 *p;
      const guint8 *end;
      guint8 c;

      if (self->buffer_pos == self->buffer_len)
        {
          if (!self->at_eof && !fill_buffer (self, cancellable, error))
            return PARSE_ERROR;
          if (self->buffer_pos == self->buffer_len)
            {
              self->at_eof = TRUE;
              switch (self->state)
                {
                case STATE_RECORD_START:
                  return PARSE_END;
                case STATE_QUOTED:
                  return fail_fatal (self, error, TB_CSV_ERROR_UNTERMINATED_QUOTE,
                                     _("the quoted field %u opened on line %" PRIu64
                                       " has no closing quote"),
                                     self->n_fields + 1, self->quote_line);
                case STATE_FIELD_START:
                case STATE_UNQUOTED:
                case STATE_QUOTE_SEEN:
                default:
                  end_field (self);
                  if (record_is_blank (self))
                    return PARSE_END;
                  return PARSE_RECORD;
                }
            }
        }

      buffer = self->buffer;
      p = buffer + self->buffer_pos;
      end = buffer + self->buffer_len;

      switch (self->state)
        {
        case STATE_RECORD_START:
          c = *p;
          if (c == '\n' || c == '\r')
            {
              if (c == '\r' || !follows_cr (self, self->buffer_pos))
                self->line++;
              self->buffer_pos++;
              break;
            }
          self->record_line = self->line;
          self->state = STATE_FIELD_START;
          if (begin_field (self, error) == PARSE_ERROR)
            return PARSE_ERROR;
          break;

        case STATE_FIELD_START:
          c = *p;
          if (c == '"')
            {
              self->state = STATE_QUOTED;
              self->quote_line = self->line;
              self->buffer_pos++;
            }
          else
            self->state = STATE_UNQUOTED;
          break;

        case STATE_UNQUOTED:
          {
            const guint8 *run = p;

            while (p < end && !plain_stops[*p])
              p++;
            if (append_run (self, run, (gsize) (p - run), error) == PARSE_ERROR)
              return PARSE_ERROR;
            self->buffer_pos = (gsize) (p - buffer);
            if (p == end)
              break;

            c = *p;
            self->buffer_pos++;
            if (c == ',')
              {
                end_field (self);
                self->state = STATE_FIELD_START;
                if (begin_field (self, error) == PARSE_ERROR)
                  return PARSE_ERROR;
              }
            else if (c == '\r' || c == '\n')
              {
                self->line++;
                end_field (self);
                self->state = STATE_RECORD_START;
                if (!record_is_blank (self))
                  return PARSE_RECORD;
                reset_record (self);
              }
            else if (c == '"')
              {
                /* A quote inside a plain field (5'10") is kept as it is. */
                if (append_run (self, p, 1, error) == PARSE_ERROR)
                  return PARSE_ERROR;
              }
            else /* NUL */
              self->saw_nul = TRUE;
          }
          break;

        case STATE_QUOTED:
          {
            const guint8 *run = p;

            while (p < end && !quoted_stops[*p])
              p++;
            if (p < end && *p != '"' && *p != 0)
              {
                /* A line end inside the field is part of it. */
                if (*p == '\r' || !follows_cr (self, (gsize) (p - buffer)))
                  self->line++;
                p++;
              }
            if (append_run (self, run, (gsize) (p - run), error) == PARSE_ERROR)
              return PARSE_ERROR;
            self->buffer_pos = (gsize) (p - buffer);
            if (p == end)
              break;

            c = *p;
            if (c == '"')
              {
                self->state = STATE_QUOTE_SEEN;
                self->buffer_pos++;
              }
            else if (c == 0)
              {
                self->saw_nul = TRUE;
                self->buffer_pos++;
              }
          }
          break;

        case STATE_QUOTE_SEEN:
          c = *p;
          self->buffer_pos++;
          if (c == '"')
            {
              if (append_run (self, p, 1, error) == PARSE_ERROR)
                return PARSE_ERROR;
              self->state = STATE_QUOTED;
            }
          else if (c == ',')
            {
              end_field (self);
              self->state = STATE_FIELD_START;
              if (begin_field (self, error) == PARSE_ERROR)
                return PARSE_ERROR;
            }
          else if (c == '\r' || c == '\n')
            {
              self->line++;
              end_field (self);
              self->state = STATE_RECORD_START;
              if (!record_is_blank (self))
                return PARSE_RECORD;
              reset_record (self);
            }
          else
            {
              /* "ab"c: keep the text, but the record is suspect. */
              self->saw_bad_quote = TRUE;
              self->buffer_pos--;
              self->state = STATE_UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
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

  if (!self->started && !check_start (self, cancellable, error))
    return FALSE;

  if (!is_header)
    self->record_number++;
  result = parse_record (self, cancellable, error);
  if (result == PARSE_ERROR)
    return FALSE;
  if (result == PARSE_END)
    {
      if (!is_header)
        self->record_number--;
      return FALSE;
    }

  publish_record (self);

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

  init_tables ();
}

static void
tb_csv_reader_init (TbCsvReader *self)
{
  /* Room for the four bytes check_start() may put back. */
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
