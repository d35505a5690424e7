/* tb-cli-check.c: textbank-cli check: the database's integrity and version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"

int
tb_cli_check (TbCliGlobals *globals,
              int           argc,
              char        **argv)
{
  gboolean json = FALSE;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  int version = 0;

  if (!tb_cli_parse_options ("check", NULL, NULL, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  store = tb_cli_store_open (globals, "check");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;
  if (!tb_store_check (store, &version, &problems, &error))
    {
      tb_cli_error ("check", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, problems == NULL);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, version);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, tb_store_get_path (store));
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
        json_builder_add_string_value (builder, problems[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      tb_cli_print_json (root);
    }
  else
    {
      g_print ("%s: %s, schema %d\n", tb_store_get_path (store),
               problems == NULL ? _("ok") : _("PROBLEMS FOUND"), version);
      for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
        g_print ("  %s\n", problems[i]);
    }
  return problems == NULL ? TB_CLI_EXIT_OK : TB_CLI_EXIT_FAILED;
}
