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

static void
test_minutes_of_day (void)
{
  static const struct { int minutes; const char *text; } shown[] = {
    { 0, "12:00 AM" }, { 540, "9:00 AM" }, { 570, "9:30 AM" }, { 720, "12:00 PM" },
    { 1260, "9:00 PM" }, { 1439, "11:59 PM" }, { 1440, "midnight" },
  };
  static const struct { const char *text; gboolean ok; int minutes; } typed[] = {
    { "9", TRUE, 540 }, { "9:30", TRUE, 570 }, { "21:00", TRUE, 1260 }, { "0:00", TRUE, 0 },
    { "24:00", TRUE, 1440 }, { "24", TRUE, 1440 }, { " 9 pm ", TRUE, 1260 }, { "9:30 PM", TRUE, 1290 },
    { "9:30pm", TRUE, 1290 }, { "12 AM", TRUE, 0 }, { "12 a.m.", TRUE, 0 }, { "12 PM", TRUE, 720 },
    { "12:15 p.m.", TRUE, 735 }, { "Midnight", TRUE, 1440 }, { "9 A", TRUE, 540 },
    { "", FALSE, 0 }, { "nine", FALSE, 0 }, { "25:00", FALSE, 0 }, { "24:01", FALSE, 0 },
    { "9:60", FALSE, 0 }, { "9:5", FALSE, 0 }, { "13 pm", FALSE, 0 }, { "0 am", FALSE, 0 },
    { "9 xm", FALSE, 0 }, { "-1", FALSE, 0 }, { "9:30:00", FALSE, 0 }, { NULL, FALSE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *text = tb_ui_format_minutes_of_day (shown[i].minutes);
      int back = -1;

      g_assert_cmpstr (text, ==, shown[i].text);
      /* What is shown reads back as the same time. */
      g_assert_true (tb_ui_parse_minutes_of_day (text, &back));
      g_assert_cmpint (back, ==, shown[i].minutes);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      int minutes = -1;
      gboolean ok = tb_ui_parse_minutes_of_day (typed[i].text, &minutes);

      g_assert_cmpint (ok, ==, typed[i].ok);
      if (ok)
        g_assert_cmpint (minutes, ==, typed[i].minutes);
      else
        g_assert_cmpint (minutes, ==, -1);
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
  g_test_add_func ("/ui-format/minutes-of-day", test_minutes_of_day);

  return g_test_run ();
}
