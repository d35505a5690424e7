/* tb-csv-encoding.h: byte-level helpers for the CSV reader (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when no byte of text[0..len) has the high bit set; eight at a time. */
gboolean  tb_csv_is_ascii             (const char *text,
                                       gsize       len);

/* Decodes the NUL-terminated Windows-1252 text into out as UTF-8 and
 * returns the bytes written, not counting the NUL it also writes. out needs
 * room for 3 * strlen (in) + 1 bytes. */
gsize     tb_csv_windows_1252_to_utf8 (const char *in,
                                       char       *out);

G_END_DECLS
