/* tb-texting-hours-text.c: texting windows and verdicts as text
 *
 * Parsing "09:00-21:00", and the composer's "8:02 PM in Phoenix; opens
 * 9:00 AM". The check itself is in tb-texting-hours.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-texting-hours"

#include "config.h"

#include "tb-texting-hours.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-texting-hours-private.h"

gboolean
tb_texting_window_validate (const TbTextingWindow  *window,
                            GError                **error)
{
  g_return_val_if_fail (window != NULL, FALSE);

  if (window->start_minute < 0 || window->end_minute > 24 * 60 ||
      window->start_minute >= window->end_minute)
    {
      g_set_error (error, TB_TEXTING_HOURS_ERROR,
                   TB_TEXTING_HOURS_ERROR_INVALID_WINDOW,
                   _("Texting window %02d:%02d–%02d:%02d is invalid: it must start "
                     "before it ends, within one day (00:00–24:00)"),
                   window->start_minute / 60, ABS (window->start_minute % 60),
                   window->end_minute / 60, ABS (window->end_minute % 60));
      return FALSE;
    }
  return TRUE;
}

/* "H:MM" or "HH:MM" at *p; advances p. Minutes after midnight, or -1. */
static int
parse_clock (const char **p)
{
  const char *s = *p;
  int hours = 0, minutes;
  int digits = 0;

  while (g_ascii_isdigit (*s) && digits < 2)
    {
      hours = hours * 10 + (*s++ - '0');
      digits++;
    }
  if (digits == 0 || *s != ':' || !g_ascii_isdigit (s[1]) || !g_ascii_isdigit (s[2]))
    return -1;
  minutes = (s[1] - '0') * 10 + (s[2] - '0');
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0))
    return -1;
  *p = s + 3;
  return hours * 60 + minutes;
}

gboolean
tb_texting_window_parse (const char       *text,
                         TbTextingWindow  *window,
                         GError          **error)
{
  const char *p = text;
  TbTextingWindow parsed;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  while (g_ascii_isspace (*p))
    p++;
  parsed.start_minute = parse_clock (&p);
  if (parsed.start_minute >= 0)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '-')
        {
          p++;
          while (g_ascii_isspace (*p))
            p++;
          parsed.end_minute = parse_clock (&p);
          while (g_ascii_isspace (*p))
            p++;
          if (parsed.end_minute >= 0 && *p == '\0')
            {
              if (!tb_texting_window_validate (&parsed, error))
                return FALSE;
              *window = parsed;
              return TRUE;
            }
        }
    }

  g_set_error (error, TB_TEXTING_HOURS_ERROR, TB_TEXTING_HOURS_ERROR_PARSE,
               _("Texting window “%s” is not of the form HH:MM-HH:MM "
                 "(error at character %d)"),
               text, (int) g_utf8_pointer_to_offset (text, p) + 1);
  return FALSE;
}

char *
tb_texting_window_to_string (const TbTextingWindow *window)
{
  g_return_val_if_fail (window != NULL, NULL);

  return g_strdup_printf ("%02d:%02d-%02d:%02d",
                          window->start_minute / 60, window->start_minute % 60,
                          window->end_minute / 60, window->end_minute % 60);
}

char *
tb_time_zone_city (const char *zone)
{
  const char *slash;

  g_return_val_if_fail (zone != NULL, NULL);

  slash = strrchr (zone, '/');
  return g_strdelimit (g_strdup (slash != NULL ? slash + 1 : zone), "_", ' ');
}

static GDateTime *
date_time_in_zone (gint64      instant,
                   const char *zone)
{
  GTimeZone *tz = tb_texting_hours_cached_zone (zone);
  g_autoptr(GTimeZone) fallback = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) exact = NULL;
  gint64 seconds = tb_floor_div (instant, G_USEC_PER_SEC);

  if (tz == NULL)
    tz = fallback = g_time_zone_new_utc ();
  utc = g_date_time_new_from_unix_utc (seconds);
  exact = g_date_time_add (utc, instant - seconds * G_USEC_PER_SEC);
  return g_date_time_to_timezone (exact, tz);
}

TbTextingHoursReason *
tb_texting_hours_explain (const char             *time_zones,
                          const TbTextingWindow  *window,
                          gint64                  instant,
                          GError                **error)
{
  TbTextingHoursVerdict verdict;
  TbTextingHoursReason *reason;

  if (!tb_texting_hours_check (time_zones, window, instant, &verdict, error))
    return NULL;

  reason = g_new0 (TbTextingHoursReason, 1);
  reason->status = verdict.status;
  reason->zone = g_strdup (verdict.deciding_zone);
  reason->city = tb_time_zone_city (reason->zone);
  reason->local_time = date_time_in_zone (instant, reason->zone);
  if (verdict.status == TB_TEXTING_HOURS_CLOSED)
    reason->opens = date_time_in_zone (verdict.next_allowed, reason->zone);
  else if (verdict.status == TB_TEXTING_HOURS_OPEN && verdict.closes_at != G_MAXINT64)
    reason->closes = date_time_in_zone (verdict.closes_at, reason->zone);
  return reason;
}

void
tb_texting_hours_reason_free (TbTextingHoursReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->zone);
  g_free (reason->city);
  g_clear_pointer (&reason->local_time, g_date_time_unref);
  g_clear_pointer (&reason->opens, g_date_time_unref);
  g_clear_pointer (&reason->closes, g_date_time_unref);
  g_free (reason);
}

/* Within a day, the time alone says when; further off, the weekday too. */
static const char *
pick_format (GDateTime  *now,
             GDateTime  *then,
             const char *time_format,
             const char *day_time_format)
{
  return g_date_time_difference (then, now) < G_TIME_SPAN_DAY ? time_format : day_time_format;
}

char *
tb_texting_hours_reason_format (const TbTextingHoursReason *reason)
{
  /* TRANSLATORS: a time of day for the texting hours, see g_date_time_format() */
  const char *time_format = C_("texting hours", "%-l:%M %p");
  /* TRANSLATORS: a weekday and time of day, see g_date_time_format() */
  const char *day_time_format = C_("texting hours", "%a %-l:%M %p");
  g_autofree char *now = NULL;
  g_autofree char *then = NULL;

  g_return_val_if_fail (reason != NULL, NULL);

  now = g_date_time_format (reason->local_time, time_format);
  switch (reason->status)
    {
    case TB_TEXTING_HOURS_OPEN:
      if (reason->closes == NULL)
        /* TRANSLATORS: "2:15 PM in New York; always open" */
        return g_strdup_printf (_("%s in %s; always open"), now, reason->city);
      then = g_date_time_format (reason->closes,
                                 pick_format (reason->local_time, reason->closes,
                                              time_format, day_time_format));
      /* TRANSLATORS: "2:15 PM in New York; closes 9:00 PM" */
      return g_strdup_printf (_("%s in %s; closes %s"), now, reason->city, then);

    case TB_TEXTING_HOURS_CLOSED:
      then = g_date_time_format (reason->opens,
                                 pick_format (reason->local_time, reason->opens,
                                              time_format, day_time_format));
      /* TRANSLATORS: "8:02 PM in Phoenix; opens 9:00 AM" */
      return g_strdup_printf (_("%s in %s; opens %s"), now, reason->city, then);

    case TB_TEXTING_HOURS_NEVER:
    default:
      /* TRANSLATORS: "8:02 PM in Phoenix; …" */
      return g_strdup_printf (_("%s in %s; the texting window is never open in "
                                "all of this contact’s time zones"),
                              now, reason->city);
    }
}
