/* tb-enum-names.h: enums to and from their stable names
 *
 * For enums whose values 0 .. n - 1 index a table of names (the names
 * stored, exported and typed on the command line).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* names[value], or fallback when value is out of the table. */
const char  *tb_enum_to_name    (const char * const *names,
                                 guint               n_names,
                                 int                 value,
                                 const char         *fallback);
/* The value whose name is name: FALSE when there is none (or name is
 * NULL). value_out (may be NULL) points at an enum: enums are int-sized. */
gboolean     tb_enum_from_name  (const char * const *names,
                                 guint               n_names,
                                 const char         *name,
                                 int                *value_out);

G_END_DECLS
