/* tb-cli-audit.c: textbank-cli audit [--limit N] [--json]
 *
 * The audit log, newest first: when, who, what, to what. Admin only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("");
}

int
tb_cli_audit (TbCliGlobals *globals,
              int           argc,
              char        **argv)
{
  gboolean json = FALSE;
  int limit = 100;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N entries (default 100)"), "N" },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!tb_cli_parse_options ("audit", "", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (argc != 1 || limit <= 0)
    {
      tb_cli_error ("audit", "%s", _("audit takes no arguments; --limit must be positive"));
      return TB_CLI_EXIT_USAGE;
    }

  store = tb_cli_store_open (globals, "audit");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_require_admin (globals, store, TB_ADMIN_ACTION_VIEW_AUDIT, "audit"))
    return TB_CLI_EXIT_FAILED;

  entries_found = tb_store_audit_list (store, 0, (guint) limit, &error);
  if (entries_found == NULL)
    {
      tb_cli_error ("audit", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries_found->len; i++)
    {
      TbAuditEntry *entry = g_ptr_array_index (entries_found, i);
      g_autofree char *at = format_time (entry->at);

      if (!json)
        g_print ("%s\t%s\t%s\t%s\t%s\n", at,
                 entry->texter_name != NULL ? entry->texter_name : "-",
                 entry->action,
                 entry->subject != NULL ? entry->subject : "",
                 entry->detail != NULL ? entry->detail : "");

      json_builder_begin_object (builder);
      tb_cli_json_add_int (builder, "id", entry->id);
      tb_cli_json_add_string (builder, "at", at);
      tb_cli_json_add_int (builder, "texter_id", entry->texter_id);
      tb_cli_json_add_string (builder, "texter", entry->texter_name);
      tb_cli_json_add_string (builder, "action", entry->action);
      tb_cli_json_add_string (builder, "subject", entry->subject);
      tb_cli_json_add_string (builder, "detail", entry->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    tb_cli_print_built (builder);
  return TB_CLI_EXIT_OK;
}
