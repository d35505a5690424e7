/* tb-ui-format.h: how the texting screen writes times, phones and states for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tb-store-types.h"

G_BEGIN_DECLS

/* A zone list (one IANA name, or several joined by '&') as a GTimeZone for
 * display: the first zone, cached; UTC when unknown. Never NULL; do not unref. */
GTimeZone  *tb_ui_time_zone_for          (const char      *time_zones);

/* A time of day given in minutes after midnight (0-1440) as the texting
 * hours' editor shows it: "9:00 PM" (or "21:00" in 24-hour languages);
 * 1440, the end of the day, is "midnight" (or "24:00"). */
char       *tb_ui_format_minutes_of_day  (int              minutes);
/* Reads what a person typed for a time of day: "9", "9:30", "21:00",
 * "9 pm", "9:30 PM", "12 a.m.", "midnight", and the language's own
 * AM/PM words. FALSE when it is not a time from 0:00 to 24:00. */
gboolean    tb_ui_parse_minutes_of_day   (const char      *text,
                                          int             *minutes);
/* A clock hour as a chart labels it: "2 PM" (or "14:00" in 24-hour locales). */
char       *tb_ui_format_hour            (GDateTime       *local);
/* "2:14 PM" (or the locale's 24-hour form) for a UTC µs instant in zone. */
char       *tb_ui_format_clock           (gint64           instant,
                                          GTimeZone       *zone);
/* For a list row: the clock today, "Yesterday", a weekday this week, else a date. */
char       *tb_ui_format_list_time       (gint64           instant,
                                          gint64           now);
/* A day separator: "Today", "Yesterday", "Monday, November 23". */
char       *tb_ui_format_day             (GDateTime       *day,
                                          GDateTime       *today);
/* A phone for people: "(512) 555-0123". */
char       *tb_ui_format_phone           (const char      *e164);

const char *tb_ui_status_label           (TbContactStatus  status);
const char *tb_ui_status_icon            (TbContactStatus  status);
const char *tb_ui_status_css_class       (TbContactStatus  status);
/* The label and icon of an outbound message's delivery state. */
const char *tb_ui_message_state_label    (TbMessageState   state);
const char *tb_ui_message_state_icon     (TbMessageState   state);

/* Sets widget's tooltip only when it changes: GTK 4.8 asks the display
 * server where the pointer is for every call (a round trip of about
 * 50 µs under X11), and rows and the composer update on every send. */
void        tb_ui_set_tooltip_text       (GtkWidget       *widget,
                                          const char      *text);

G_END_DECLS
