/* tb-cli-hours.c: textbank-cli hours [--zip ZIP] [--phone E164] [--at ISO8601]
 *                                    [--window HH:MM-HH:MM] [--json]
 *
 * Where a contact is, and whether it may be texted at an instant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-texting-hours.h"

static char *
usec_to_iso (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_iso_or_null (JsonBuilder *builder,
                 const char  *name,
                 gboolean     present,
                 gint64       usec)
{
  json_builder_set_member_name (builder, name);
  if (present)
    {
      g_autofree char *iso = usec_to_iso (usec);
      json_builder_add_string_value (builder, iso);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_string_array (JsonBuilder       *builder,
                  const char        *name,
                  const char *const *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; strings != NULL && strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

static const char *
status_to_string (TbTextingHoursStatus status)
{
  switch (status)
    {
    case TB_TEXTING_HOURS_OPEN:
      return "open";
    case TB_TEXTING_HOURS_CLOSED:
      return "closed";
    case TB_TEXTING_HOURS_NEVER:
    default:
      return "never";
    }
}

int
tb_cli_hours (TbCliGlobals *globals,
              int           argc,
              char        **argv)
{
  gboolean json = FALSE;
  g_autofree char *zip = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *at = NULL;
  g_autofree char *window_text = NULL;
  GOptionEntry entries[] = {
    { "zip", 0, 0, G_OPTION_ARG_STRING, &zip,
      N_("The contact’s ZIP code"), N_("ZIP") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone,
      N_("The contact’s phone number, E.164"), N_("E164") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("The instant to check, ISO 8601 (UTC unless it names an offset; default: now)"),
      N_("ISO8601") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_text,
      N_("The texting window, local time (default: 09:00-21:00)"), N_("HH:MM-HH:MM") },
    { NULL }
  };
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;
  TbTextingHoursVerdict verdict;
  g_autoptr(TbTextingHoursReason) reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time_zones = NULL;
  g_autofree char *reason_text = NULL;
  g_autofree char *instant_iso = NULL;
  g_autofree char *window_string = NULL;
  g_auto(GStrv) contact_zones = NULL;
  g_auto(GStrv) checked_zones = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 instant;

  if (!tb_cli_parse_options ("hours", NULL, entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      tb_cli_error ("hours", _("unexpected argument “%s”; use --zip and --phone"), argv[1]);
      return TB_CLI_EXIT_USAGE;
    }

  if (window_text != NULL && !tb_texting_window_parse (window_text, &window, &error))
    {
      tb_cli_error ("hours", "--window: %s", error->message);
      return TB_CLI_EXIT_USAGE;
    }

  if (at != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (at, utc);

      if (parsed == NULL)
        {
          tb_cli_error ("hours", _("--at: “%s” is not an ISO 8601 date and time "
                                   "(e.g. 2026-03-08T13:00:00Z)"), at);
          return TB_CLI_EXIT_USAGE;
        }
      instant = g_date_time_to_unix (parsed) * G_USEC_PER_SEC +
                g_date_time_get_microsecond (parsed);
    }
  else
    instant = g_get_real_time ();

  time_zones = tb_time_zones_for_contact (zip, phone);
  contact_zones = time_zones != NULL ? g_strsplit (time_zones, "&", -1) : g_new0 (char *, 1);
  checked_zones = tb_time_zones_expand (time_zones);

  /* The window was validated above, so neither can fail. */
  if (!tb_texting_hours_check (time_zones, &window, instant, &verdict, &error) ||
      (reason = tb_texting_hours_explain (time_zones, &window, instant, &error)) == NULL)
    {
      tb_cli_error ("hours", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  reason_text = tb_texting_hours_reason_format (reason);
  instant_iso = usec_to_iso (instant);
  window_string = tb_texting_window_to_string (&window);

  if (!json)
    {
      g_autofree char *joined = g_strjoinv (", ", checked_zones);

      g_print ("%s: %s%s\n", _("Time zones"), joined,
               time_zones == NULL ? _(" (unknown: every continental US zone)") : "");
      g_print ("%s: %s %s\n", _("Window"), window_string, _("local time"));
      g_print ("%s: %s\n", _("At"), instant_iso);
      switch (verdict.status)
        {
        case TB_TEXTING_HOURS_OPEN:
          if (verdict.seconds_left >= 0)
            {
              g_autofree char *closes = usec_to_iso (verdict.closes_at);

              g_print (ngettext ("Allowed: yes, for %" PRId64 " more second (until %s)\n",
                                 "Allowed: yes, for %" PRId64 " more seconds (until %s)\n",
                                 (gulong) verdict.seconds_left),
                       verdict.seconds_left, closes);
            }
          else
            g_print (_("Allowed: yes, always\n"));
          break;
        case TB_TEXTING_HOURS_CLOSED:
          {
            g_autofree char *next = usec_to_iso (verdict.next_allowed);

            g_print (_("Allowed: no, next at %s\n"), next);
          }
          break;
        case TB_TEXTING_HOURS_NEVER:
        default:
          g_print (_("Allowed: never with this window (the zones’ windows do not overlap)\n"));
          break;
        }
      g_print ("%s\n", reason_text);
      return TB_CLI_EXIT_OK;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string_array (builder, "time_zones", (const char * const *) contact_zones);
  add_string_array (builder, "checked_zones", (const char * const *) checked_zones);
  json_builder_set_member_name (builder, "window");
  json_builder_add_string_value (builder, window_string);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, instant_iso);
  json_builder_set_member_name (builder, "allowed");
  json_builder_add_boolean_value (builder, verdict.status == TB_TEXTING_HOURS_OPEN);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_to_string (verdict.status));
  add_iso_or_null (builder, "next_allowed",
                   verdict.status == TB_TEXTING_HOURS_CLOSED, verdict.next_allowed);
  json_builder_set_member_name (builder, "seconds_left");
  if (verdict.status == TB_TEXTING_HOURS_OPEN && verdict.seconds_left >= 0)
    json_builder_add_int_value (builder, verdict.seconds_left);
  else
    json_builder_add_null_value (builder);
  add_iso_or_null (builder, "closes_at",
                   verdict.status == TB_TEXTING_HOURS_OPEN && verdict.seconds_left >= 0,
                   verdict.closes_at);
  json_builder_set_member_name (builder, "deciding_zone");
  json_builder_add_string_value (builder, verdict.deciding_zone);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason_text);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  tb_cli_print_json (root);
  return TB_CLI_EXIT_OK;
}
