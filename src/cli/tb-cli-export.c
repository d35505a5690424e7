/* tb-cli-export.c: textbank-cli export --campaign ID --contacts FILE --messages FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"
#include "tb-store-export.h"

int
tb_cli_export (TbCliGlobals *globals,
               int           argc,
               char        **argv)
{
  gint64 campaign_id = 0;
  g_autofree char *contacts_path = NULL;
  g_autofree char *messages_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_INT64, &campaign_id, N_("The campaign to export"), N_("ID") },
    { "contacts", 0, 0, G_OPTION_ARG_FILENAME, &contacts_path, N_("Write the contacts to this CSV file"), N_("FILE") },
    { "messages", 0, 0, G_OPTION_ARG_FILENAME, &messages_path, N_("Write the messages to this CSV file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GFile) contacts = NULL;
  g_autoptr(GFile) messages = NULL;
  g_autoptr(GError) error = NULL;
  TbExportCounts counts;

  if (!tb_cli_parse_options ("export", "--campaign ID --contacts FILE --messages FILE", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (contacts_path == NULL && messages_path == NULL)
    {
      tb_cli_error ("export", _("give --contacts FILE, --messages FILE or both"));
      return TB_CLI_EXIT_USAGE;
    }
  store = tb_cli_store_open (globals, "export");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_require_admin (globals, store, TB_ADMIN_ACTION_EXPORT, "export"))
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_store_check_campaign ("export", campaign_id, store))
    return campaign_id <= 0 ? TB_CLI_EXIT_USAGE : TB_CLI_EXIT_FAILED;

  if (contacts_path != NULL)
    contacts = g_file_new_for_commandline_arg (contacts_path);
  if (messages_path != NULL)
    messages = g_file_new_for_commandline_arg (messages_path);
  if (!tb_store_export_sync (store, campaign_id, contacts, messages, &counts, NULL, &error))
    {
      tb_cli_error ("export", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  {
    g_autofree char *subject = g_strdup_printf ("campaign %" G_GINT64_FORMAT, campaign_id);
    g_autofree char *detail = g_strdup_printf ("textbank-cli: %" G_GUINT64_FORMAT " contacts, %"
                                               G_GUINT64_FORMAT " messages", counts.contacts, counts.messages);

    tb_store_audit_add (store, 0, "export", subject, detail, NULL);
  }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "contacts");
      json_builder_add_int_value (builder, (gint64) counts.contacts);
      json_builder_set_member_name (builder, "messages");
      json_builder_add_int_value (builder, (gint64) counts.messages);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      tb_cli_print_json (root);
    }
  else
    g_print (("%" G_GUINT64_FORMAT " contacts, %" G_GUINT64_FORMAT " messages\n"),
             counts.contacts, counts.messages);
  return TB_CLI_EXIT_OK;
}
