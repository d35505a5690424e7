/* test-ui-format.c: how the texting screen writes times for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "tb-ui-format.h"

static gint64
utc_instant (int hour,
             int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 27, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
test_clock (void)
{
  static const struct { int hour, minute; const char *expected; } cases[] = {
    { 3, 38, "3:38 AM" },   /* one-digit hour: no padding of any kind */
    { 0, 5, "12:05 AM" },
    { 12, 0, "12:00 PM" },
    { 13, 7, "1:07 PM" },
    { 23, 59, "11:59 PM" },
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clock = tb_ui_format_clock (utc_instant (cases[i].hour, cases[i].minute), utc);

      g_assert_cmpstr (clock, ==, cases[i].expected);
    }
}

static void
test_clock_in_zone (void)
{
  g_autoptr(GTimeZone) honolulu = g_time_zone_new_identifier ("Pacific/Honolulu");
  g_autofree char *clock = NULL;

  g_assert_nonnull (honolulu);
  clock = tb_ui_format_clock (utc_instant (13, 38), honolulu);
  g_assert_cmpstr (clock, ==, "3:38 AM");
}

static void
test_hour (void)
{
  static const struct { int hour; const char *expected; } cases[] = {
    { 0, "12 AM" }, { 2, "2 AM" }, { 12, "12 PM" }, { 13, "1 PM" }, { 23, "11 PM" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 27, cases[i].hour, 0, 0);
      g_autofree char *label = tb_ui_format_hour (time);

      g_assert_cmpstr (label, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui-format/clock", test_clock);
  g_test_add_func ("/ui-format/clock-in-zone", test_clock_in_zone);
  g_test_add_func ("/ui-format/hour", test_hour);

  return g_test_run ();
}
