/* tb-texting-hours-private.h: shared by tb-texting-hours.c and -text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The process-wide GTimeZone for an IANA name, or NULL when unknown. Never
 * unref it. */
GTimeZone *tb_texting_hours_cached_zone (const char *zone);

/* Division rounding towards minus infinity: instants before 1970 too. */
static inline gint64
tb_floor_div (gint64 a,
              gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

G_END_DECLS
