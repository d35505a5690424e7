/* tb-csv-encoding.c: the CSV reader's encodings: the file's start (BOM,
 * UTF-16, binary) and each record decoded to UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-csv"

#include "config.h"

#include <inttypes.h>

#include "tb-csv-encoding.h"
#include "tb-csv-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Windows-1252 0x80..0x9F; the five undefined bytes keep their C1 code,
 * as browsers do. 0xA0..0xFF are Latin-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

gboolean
tb_csv_is_ascii (const char *text,
                 gsize       len)
{
  guint64 acc = 0;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      acc |= word;
    }
  for (; i < len; i++)
    acc |= (guchar) text[i];
  return (acc & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

gsize
tb_csv_windows_1252_to_utf8 (const char *in,
                             char       *out)
{
  gsize n = 0;

  for (const guchar *p = (const guchar *) in; *p; p++)
    {
      if (*p < 0x80)
        out[n++] = (char) *p;
      else
        n += g_unichar_to_utf8 (*p < 0xA0 ? cp1252_high[*p - 0x80] : *p, out + n);
    }
  out[n] = '\0';
  return n;
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

gboolean
tb_csv_reader_check_start (TbCsvReader  *self,
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
          if (!tb_csv_reader_fill_buffer (self, cancellable, error))
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
    return tb_csv_reader_fail (self, error, TB_CSV_ERROR_ENCODING,
                               _("the file is UTF-16 text; save it as “CSV UTF-8” instead")), FALSE;

  if (looks_binary (self->buffer, self->buffer_len))
    return tb_csv_reader_fail (self, error, TB_CSV_ERROR_ENCODING,
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

void
tb_csv_reader_publish_record (TbCsvReader *self)
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
