/* tb-csv-writer.h: writing CSV fields
 *
 * UTF-8, RFC 4180: fields with a comma, a quote, CR or LF are quoted and
 * quotes doubled; the caller ends lines with CRLF. Against spreadsheet
 * formula injection, a text cell starting with = + - @ (or a tab or CR)
 * gets a leading ' so a spreadsheet shows it as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends one CSV field to a line, quoted as above; nothing for NULL or "".
 * text FALSE for values that are never formulas (numbers, E.164 phones,
 * times). */
void  tb_csv_append_field  (GString    *line,
                            const char *value,
                            gboolean    text);

G_END_DECLS
