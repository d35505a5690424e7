/* tb-csv-parse.c: the RFC 4180 state machine of the CSV reader
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

#include "tb-csv-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Bytes that end a run in a plain field, and in a quoted one. */
static guint8 plain_stops[256];
static guint8 quoted_stops[256];

void
tb_csv_parse_init_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      plain_stops[','] = plain_stops['"'] = plain_stops['\r'] = plain_stops['\n'] = plain_stops[0] = 1;
      quoted_stops['"'] = quoted_stops['\r'] = quoted_stops['\n'] = quoted_stops[0] = 1;
      g_once_init_leave (&initialized, 1);
    }
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
    return tb_csv_reader_fail (self, error, TB_CSV_ERROR_FIELD_TOO_LONG,
                               _("field %u is longer than %zu bytes (is a closing quote missing?)"),
                               self->n_fields + 1, self->max_field_size);
  if (self->data_len + len + 1 > self->max_record_size)
    return tb_csv_reader_fail (self, error, TB_CSV_ERROR_RECORD_TOO_LONG,
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
    return tb_csv_reader_fail (self, error, TB_CSV_ERROR_TOO_MANY_COLUMNS,
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

/* After a comma: the field ends and the next one begins. */
static inline ParseResult
next_field (TbCsvReader  *self,
            GError      **error)
{
  end_field (self);
  self->state = STATE_FIELD_START;
  return begin_field (self, error);
}

/* After a line end outside quotes: TRUE when it ends a record. A blank
 * line is dropped and parsing goes on. */
static inline gboolean
end_record (TbCsvReader *self)
{
  self->line++;
  end_field (self);
  self->state = STATE_RECORD_START;
  if (!record_is_blank (self))
    return TRUE;
  reset_record (self);
  return FALSE;
}

ParseResult
tb_csv_reader_parse_record (TbCsvReader  *self,
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
          if (!self->at_eof && !tb_csv_reader_fill_buffer (self, cancellable, error))
            return PARSE_ERROR;
          if (self->buffer_pos == self->buffer_len)
            {
              self->at_eof = TRUE;
              switch (self->state)
                {
                case STATE_RECORD_START:
                  return PARSE_END;
                case STATE_QUOTED:
                  return tb_csv_reader_fail (self, error, TB_CSV_ERROR_UNTERMINATED_QUOTE,
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
                if (next_field (self, error) == PARSE_ERROR)
                  return PARSE_ERROR;
              }
            else if (c == '\r' || c == '\n')
              {
                if (end_record (self))
                  return PARSE_RECORD;
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
              if (next_field (self, error) == PARSE_ERROR)
                return PARSE_ERROR;
            }
          else if (c == '\r' || c == '\n')
            {
              if (end_record (self))
                return PARSE_RECORD;
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
