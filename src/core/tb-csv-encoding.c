/* tb-csv-encoding.c: byte-level helpers for the CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-csv"

#include "tb-csv-encoding.h"

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
