/* tb-cli-shift-summary.c: textbank-cli shift-summary [--since TIME] [--json]
 *
 * Per texter since an instant (default: midnight, local time): messages
 * sent, replies handled, opt-outs recorded. Needs no admin: it shows counts
 * only, no contacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"

static gint64
start_of_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight =
    g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), 0, 0, 0);

  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

int
tb_cli_shift_summary (TbCliGlobals *globals,
                      int           argc,
                      char        **argv)
{
  gboolean json = FALSE;
  gboolean all_time = FALSE;
  g_autofree char *since_text = NULL;
  g_autofree char *texter = NULL;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
      N_("Count from this ISO 8601 instant (default: today's midnight)"), "TIME" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all_time, N_("Count from the beginning"), NULL },
    { "texter", 0, 0, G_OPTION_ARG_STRING, &texter, N_("Only this texter"), "NAME" },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 since;

  if (!tb_cli_parse_options ("shift-summary", "", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      tb_cli_error ("shift-summary", "%s", _("shift-summary takes no arguments"));
      return TB_CLI_EXIT_USAGE;
    }

  if (all_time)
    since = 0;
  else if (since_text != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (since_text, local);

      if (parsed == NULL)
        {
          tb_cli_error ("shift-summary", _("--since %s: not an ISO 8601 time (e.g. 2026-11-27T09:00)"),
                        since_text);
          return TB_CLI_EXIT_USAGE;
        }
      since = g_date_time_to_unix (parsed) * G_USEC_PER_SEC;
    }
  else
    since = start_of_today ();

  store = tb_cli_store_open (globals, "shift-summary");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;
  rows = tb_store_stats_texters (store, 0, since, &error);
  if (rows == NULL)
    {
      tb_cli_error ("shift-summary", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      TbTexterStats *row = g_ptr_array_index (rows, i);

      if (texter != NULL && g_strcmp0 (row->texter_name, texter) != 0)
        continue;
      if (!json)
        g_print (_("%s: %" PRId64 " sent (%" PRId64 " first texts, %"
                   PRId64 " replies), %" PRId64 " opt-outs\n"),
                 row->texter_name != NULL ? row->texter_name : _("(nobody)"),
                 row->sent, row->first_texts, row->replies, row->opted_out);

      json_builder_begin_object (builder);
      tb_cli_json_add_int (builder, "texter_id", row->texter_id);
      tb_cli_json_add_string (builder, "texter", row->texter_name);
      tb_cli_json_add_int (builder, "sent", row->sent);
      tb_cli_json_add_int (builder, "first_texts", row->first_texts);
      tb_cli_json_add_int (builder, "replies", row->replies);
      tb_cli_json_add_int (builder, "opted_out", row->opted_out);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    tb_cli_print_built (builder);
  return TB_CLI_EXIT_OK;
}
