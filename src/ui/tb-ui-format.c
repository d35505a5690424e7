/* tb-ui-format.c: how the texting screen writes times, phones and states for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-ui-format"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-phone.h"
#include "tb-ui-format.h"

GTimeZone *
tb_ui_time_zone_for (const char *time_zones)
{
  static GHashTable *cache;
  g_autofree char *first = NULL;
  GTimeZone *zone;
  const char *amp;

  /* Only the main thread formats for display. */
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_time_zone_unref);

  if (time_zones == NULL || *time_zones == '\0')
    time_zones = "UTC";

  zone = g_hash_table_lookup (cache, time_zones);
  if (zone != NULL)
    return zone;

  amp = strchr (time_zones, '&');
  first = amp != NULL ? g_strndup (time_zones, amp - time_zones) : g_strdup (time_zones);
  zone = g_time_zone_new_identifier (first);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  g_hash_table_insert (cache, g_strdup (time_zones), zone);
  return zone;
}

static gboolean
locale_uses_24h (void)
{
  /* Translators: "12h" or "24h": the clock format of your language. */
  return g_str_equal (C_("clock format", "12h"), "24h");
}

char *
tb_ui_format_minutes_of_day (int minutes)
{
  g_autoptr(GDateTime) time = NULL;

  minutes = CLAMP (minutes, 0, 24 * 60);
  if (locale_uses_24h ())
    return g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
  /* "12:00 AM" would read back as the start of the day. */
  if (minutes == 24 * 60)
    return g_strdup (C_("time of day", "midnight"));
  time = g_date_time_new_utc (2000, 1, 1, minutes / 60, minutes % 60, 0);
  return g_date_time_format (time, "%-l:%M %p");
}

/* The word after the number, folded, against AM and PM in English and in
 * the language's own form: 0 for AM, 12 for PM, -1 for neither. */
static int
meridiem_offset (const char *word)
{
  static const char *const am[] = { "am", "a.m.", "a.m", "a" };
  static const char *const pm[] = { "pm", "p.m.", "p.m", "p" };
  g_autofree char *folded = g_utf8_casefold (word, -1);
  g_autoptr(GDateTime) morning = g_date_time_new_utc (2000, 1, 1, 1, 0, 0);
  g_autoptr(GDateTime) evening = g_date_time_new_utc (2000, 1, 1, 13, 0, 0);
  g_autofree char *local_am = g_date_time_format (morning, "%p");
  g_autofree char *local_pm = g_date_time_format (evening, "%p");
  g_autofree char *folded_am = local_am != NULL ? g_utf8_casefold (local_am, -1) : NULL;
  g_autofree char *folded_pm = local_pm != NULL ? g_utf8_casefold (local_pm, -1) : NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (am); i++)
    {
      if (g_str_equal (folded, am[i]))
        return 0;
      if (g_str_equal (folded, pm[i]))
        return 12;
    }
  if (folded_am != NULL && *folded_am != '\0' && g_str_equal (folded, folded_am))
    return 0;
  if (folded_pm != NULL && *folded_pm != '\0' && g_str_equal (folded, folded_pm))
    return 12;
  return -1;
}

gboolean
tb_ui_parse_minutes_of_day (const char *text,
                            int        *minutes)
{
  g_autofree char *copy = NULL;
  g_autofree char *folded = NULL;
  const char *p;
  guint64 hours = 0;
  guint64 mins = 0;
  char *end = NULL;

  g_return_val_if_fail (minutes != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  folded = g_utf8_casefold (copy, -1);
  if (g_str_equal (folded, "midnight") || g_str_equal (folded, C_("time of day", "midnight")))
    {
      *minutes = 24 * 60;
      return TRUE;
    }

  p = copy;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  hours = g_ascii_strtoull (p, &end, 10);
  p = end;
  if (*p == ':')
    {
      p++;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
        return FALSE;
      mins = g_ascii_strtoull (p, &end, 10);
      if (end != p + 2 || mins > 59)
        return FALSE;
      p = end;
    }
  while (g_ascii_isspace (*p))
    p++;

  if (*p != '\0')
    {
      int offset = meridiem_offset (p);

      if (offset < 0 || hours < 1 || hours > 12)
        return FALSE;
      hours = hours % 12 + (guint64) offset;
    }
  if (hours > 24 || hours * 60 + mins > 24 * 60)
    return FALSE;

  *minutes = (int) (hours * 60 + mins);
  return TRUE;
}

char *
tb_ui_format_hour (GDateTime *local)
{
  if (locale_uses_24h ())
    return g_date_time_format (local, "%H:00");
  return g_date_time_format (local, "%-l %p");
}

char *
tb_ui_format_clock (gint64     instant,
                    GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (utc, zone);
  if (locale_uses_24h ())
    return g_date_time_format (local, "%H:%M");
  /* "%l" pads one-digit hours with a figure space (U+2007), which
   * g_strstrip() keeps and which showed as an indent: "-" pads nothing. */
  return g_date_time_format (local, "%-l:%M %p");
}

char *
tb_ui_format_list_time (gint64 instant,
                        gint64 now)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (instant / G_USEC_PER_SEC);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  g_autoptr(GTimeZone) local_zone = g_time_zone_new_local ();
  int days;

  if (then == NULL || today == NULL)
    return g_strdup ("");

  days = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (then);
  if (g_date_time_get_year (today) != g_date_time_get_year (then))
    days = 365;

  if (days <= 0)
    return tb_ui_format_clock (instant, local_zone);
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 7)
    return g_date_time_format (then, "%a");
  /* Translators: a short date in a contact list, see strftime(3). */
  return g_date_time_format (then, _("%b %-d"));
}

char *
tb_ui_format_day (GDateTime *day,
                  GDateTime *today)
{
  int days = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (day);

  if (g_date_time_get_year (today) == g_date_time_get_year (day))
    {
      if (days == 0)
        return g_strdup (_("Today"));
      if (days == 1)
        return g_strdup (_("Yesterday"));
      /* Translators: a day separator in a conversation, see strftime(3). */
      return g_date_time_format (day, _("%A, %B %-d"));
    }

  /* Translators: a day separator of another year, see strftime(3). */
  return g_date_time_format (day, _("%A, %B %-d, %Y"));
}

char *
tb_ui_format_phone (const char *e164)
{
  if (e164 == NULL)
    return g_strdup ("");

  /* A North American number is formatted here: libphonenumber takes tens of
   * microseconds a number, and a list binds rows on every send. */
  if (strlen (e164) == 12 && g_str_has_prefix (e164, "+1"))
    {
      gboolean digits = TRUE;

      for (const char *p = e164 + 2; *p; p++)
        digits = digits && g_ascii_isdigit (*p);
      if (digits)
        return g_strdup_printf ("(%.3s) %.3s-%.4s", e164 + 2, e164 + 5, e164 + 8);
    }

  return tb_phone_format_for_display (e164, "US");
}

const char *
tb_ui_status_label (TbContactStatus status)
{
  /* Translators: a contact's status, on its row's badge and as the title
   * of the queue of such contacts: a form that fits one and many. */
  switch (status)
    {
    case TB_CONTACT_STATUS_NEEDS_FIRST_TEXT:
      return C_("contact status", "Needs first text");
    case TB_CONTACT_STATUS_WAITING:
      return C_("contact status", "Waiting");
    case TB_CONTACT_STATUS_NEEDS_REPLY:
      return C_("contact status", "Needs reply");
    case TB_CONTACT_STATUS_CLOSED:
      return C_("contact status", "Closed");
    case TB_CONTACT_STATUS_OPTED_OUT:
      return C_("contact status", "Opted out");
    case TB_CONTACT_STATUS_ANY:
    default:
      return C_("contact status", "All");
    }
}

const char *
tb_ui_status_icon (TbContactStatus status)
{
  switch (status)
    {
    case TB_CONTACT_STATUS_NEEDS_FIRST_TEXT:
      return "mail-message-new-symbolic";
    case TB_CONTACT_STATUS_WAITING:
      return "mail-replied-symbolic";
    case TB_CONTACT_STATUS_NEEDS_REPLY:
      return "mail-unread-symbolic";
    case TB_CONTACT_STATUS_CLOSED:
      return "object-select-symbolic";
    case TB_CONTACT_STATUS_OPTED_OUT:
      return "action-unavailable-symbolic";
    case TB_CONTACT_STATUS_ANY:
    default:
      return "system-users-symbolic";
    }
}

const char *
tb_ui_status_css_class (TbContactStatus status)
{
  switch (status)
    {
    case TB_CONTACT_STATUS_NEEDS_FIRST_TEXT:
      return "needs-first-text";
    case TB_CONTACT_STATUS_WAITING:
      return "waiting";
    case TB_CONTACT_STATUS_NEEDS_REPLY:
      return "needs-reply";
    case TB_CONTACT_STATUS_CLOSED:
      return "closed";
    case TB_CONTACT_STATUS_OPTED_OUT:
      return "opted-out";
    case TB_CONTACT_STATUS_ANY:
    default:
      return "any";
    }
}

const char *
tb_ui_message_state_label (TbMessageState state)
{
  /* Translators: the delivery state under one message bubble. */
  switch (state)
    {
    case TB_MESSAGE_STATE_QUEUED:
      return C_("message state", "Queued");
    case TB_MESSAGE_STATE_SENDING:
      return C_("message state", "Sending");
    case TB_MESSAGE_STATE_ACCEPTED:
      return C_("message state", "Accepted");
    case TB_MESSAGE_STATE_SENT:
      return C_("message state", "Sent");
    case TB_MESSAGE_STATE_DELIVERED:
      return C_("message state", "Delivered");
    case TB_MESSAGE_STATE_UNDELIVERED:
      return C_("message state", "Not delivered");
    case TB_MESSAGE_STATE_FAILED:
      return C_("message state", "Failed");
    case TB_MESSAGE_STATE_UNKNOWN:
      return C_("message state", "Checking");
    case TB_MESSAGE_STATE_RECEIVED:
    default:
      return C_("message state", "Received");
    }
}

const char *
tb_ui_message_state_icon (TbMessageState state)
{
  switch (state)
    {
    case TB_MESSAGE_STATE_QUEUED:
    case TB_MESSAGE_STATE_SENDING:
    case TB_MESSAGE_STATE_UNKNOWN:
      return "content-loading-symbolic";
    case TB_MESSAGE_STATE_ACCEPTED:
    case TB_MESSAGE_STATE_SENT:
      return "object-select-symbolic";
    case TB_MESSAGE_STATE_DELIVERED:
      return "emblem-ok-symbolic";
    case TB_MESSAGE_STATE_UNDELIVERED:
    case TB_MESSAGE_STATE_FAILED:
      return "dialog-warning-symbolic";
    case TB_MESSAGE_STATE_RECEIVED:
    default:
      return "mail-read-symbolic";
    }
}

void
tb_ui_set_tooltip_text (GtkWidget  *widget,
                        const char *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}
