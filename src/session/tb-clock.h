/* tb-clock.h: an injectable source of "now" for the session layer
 *
 * The outbox and the inbox sync read the time only through a TbClock, so
 * tests (and a soak test with accelerated time) can move it by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns UTC microseconds since the epoch, like g_get_real_time(). */
typedef gint64 (*TbClockFunc) (gpointer user_data);

/* The real clock: g_get_real_time(). */
gint64 tb_clock_real_time (gpointer user_data);

G_END_DECLS
