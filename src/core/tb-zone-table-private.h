/* tb-zone-table-private.h: for tests of the zone table's loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The packed table as loaded from the GResource (NULL if it failed). */
GBytes   *tb_zone_table_get_bytes (void);

/* Parses a packed table the way the loader does, and throws it away. */
gboolean  tb_zone_table_validate  (GBytes  *bytes,
                                   GError **error);

G_END_DECLS
