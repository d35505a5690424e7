/* tb-csv-writer.c: writing CSV fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-csv"

#include "config.h"

#include <string.h>

#include "tb-csv-writer.h"

void
tb_csv_append_field (GString    *line,
                     const char *value,
                     gboolean    text)
{
  gboolean guard;
  gboolean quote;

  if (value == NULL || *value == '\0')
    return;

  /* A spreadsheet would run "=…", "+…", "-…" or "@…" as a formula. */
  guard = text && strchr ("=+-@\t\r", value[0]) != NULL;
  quote = guard || strpbrk (value, ",\"\r\n") != NULL;

  if (!quote)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  if (guard)
    g_string_append_c (line, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}
