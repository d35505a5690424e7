/* tb-clock.c: the real clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-clock.h"

gint64
tb_clock_real_time (gpointer user_data)
{
  return g_get_real_time ();
}
