/* tb-cli-demo.c: textbank-cli demo [--json]
 *
 * Creates the demo campaign (fictional people, sent only through the
 * simulator) unless the database has one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-session.h"

int
tb_cli_demo (TbCliGlobals *globals,
             int           argc,
             char        **argv)
{
  gboolean json = FALSE;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 campaign_id;
  gint64 n_contacts;

  if (!tb_cli_parse_options ("demo", NULL, NULL, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;

  store = tb_cli_open_store (globals, &error);
  if (store == NULL)
    {
      tb_cli_error ("demo", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  session = tb_session_new (store, NULL);
  campaign_id = tb_session_ensure_demo_campaign (session, &error);
  if (campaign_id <= 0)
    {
      tb_cli_error ("demo", _("cannot create the demo campaign: %s"), error->message);
      return TB_CLI_EXIT_FAILED;
    }
  n_contacts = tb_store_contact_count (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, NULL);

  if (!json)
    {
      g_print (_("Demo campaign %" G_GINT64_FORMAT " with %" G_GINT64_FORMAT " contacts\n"),
               campaign_id, n_contacts);
      return TB_CLI_EXIT_OK;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "campaign_id");
  json_builder_add_int_value (builder, campaign_id);
  json_builder_set_member_name (builder, "contacts");
  json_builder_add_int_value (builder, n_contacts);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  tb_cli_print_json (root);
  return TB_CLI_EXIT_OK;
}
