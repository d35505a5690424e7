/* tb-cli-campaign.c: textbank-cli campaign create NAME | list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"

static void
add_campaign (JsonBuilder *builder,
              TbCampaign  *campaign,
              gint64       contacts)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, tb_campaign_get_id (campaign));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, tb_campaign_get_name (campaign));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, tb_campaign_get_description (campaign));
  json_builder_set_member_name (builder, "sender");
  json_builder_add_string_value (builder, tb_campaign_get_sender (campaign));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, tb_campaign_state_to_string (tb_campaign_get_state (campaign)));
  json_builder_set_member_name (builder, "is_demo");
  json_builder_add_boolean_value (builder, tb_campaign_get_is_demo (campaign));
  json_builder_set_member_name (builder, "contacts");
  json_builder_add_int_value (builder, contacts);
  json_builder_end_object (builder);
}

static int
campaign_create (TbCliGlobals *globals,
                 int           argc,
                 char        **argv)
{
  g_autofree char *description = NULL;
  g_autofree char *sender = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the campaign is about"), N_("TEXT") },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &sender,
      N_("The number (E.164) or messaging service id it sends from"), N_("SENDER") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!tb_cli_parse_options ("campaign create", "NAME", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      tb_cli_error ("campaign create", _("give the campaign's name"));
      return TB_CLI_EXIT_USAGE;
    }
  store = tb_cli_store_open (globals, "campaign create");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;

  id = tb_store_campaign_create (store, argv[1], description, sender, FALSE, &error);
  if (id == 0)
    {
      tb_cli_error ("campaign create", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  campaign = tb_store_campaign_get (store, id, NULL);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_campaign (builder, campaign, 0);
      tb_cli_print_built (builder);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\t%s\n", id, argv[1]);
  return TB_CLI_EXIT_OK;
}

static int
campaign_list (TbCliGlobals *globals,
               int           argc,
               char        **argv)
{
  gboolean json = FALSE;
  gboolean archived = FALSE;
  GOptionEntry entries[] = {
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("Include archived campaigns"), NULL },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!tb_cli_parse_options ("campaign list", NULL, entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  store = tb_cli_store_open (globals, "campaign list");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;

  campaigns = tb_store_campaign_list (store, archived ? TB_CAMPAIGN_STATE_ANY : TB_CAMPAIGN_STATE_ACTIVE, &error);
  if (campaigns == NULL)
    {
      tb_cli_error ("campaign list", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < campaigns->len; i++)
    {
      TbCampaign *campaign = campaigns->pdata[i];
      TbQueueCounts counts = { { 0 } };

      tb_store_contact_counts (store, tb_campaign_get_id (campaign), &counts, NULL);
      add_campaign (builder, campaign, counts.total);
      if (!json)
        g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT "\n",
                 tb_campaign_get_id (campaign), tb_campaign_get_name (campaign),
                 tb_campaign_state_to_string (tb_campaign_get_state (campaign)), counts.total);
    }
  json_builder_end_array (builder);
  if (json)
    tb_cli_print_built (builder);
  return TB_CLI_EXIT_OK;
}

int
tb_cli_campaign (TbCliGlobals *globals,
                 int           argc,
                 char        **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "create"))
    return campaign_create (globals, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return campaign_list (globals, argc - 1, argv + 1);

  tb_cli_error ("campaign", _("use 'campaign create NAME' or 'campaign list'"));
  return TB_CLI_EXIT_USAGE;
}
