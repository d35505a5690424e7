/* tb-cli-stats.c: textbank-cli stats --campaign ID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

int
tb_cli_stats (TbCliGlobals *globals,
              int           argc,
              char        **argv)
{
  gint64 campaign_id = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_INT64, &campaign_id, N_("The campaign"), N_("ID") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GPtrArray) texters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  TbCampaignStats stats;
  TbQueueCounts counts;

  if (!tb_cli_parse_options ("stats", "--campaign ID", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  store = tb_cli_store_open (globals, "stats");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_store_check_campaign ("stats", campaign_id, store))
    return campaign_id <= 0 ? TB_CLI_EXIT_USAGE : TB_CLI_EXIT_FAILED;

  if (!tb_store_stats_campaign (store, campaign_id, 0, &stats, &error) ||
      !tb_store_contact_counts (store, campaign_id, &counts, &error) ||
      (texters = tb_store_stats_texters (store, campaign_id, 0, &error)) == NULL)
    {
      tb_cli_error ("stats", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  json_builder_begin_object (builder);
  add_int (builder, "campaign", campaign_id);
  add_int (builder, "contacts", stats.contacts);
  add_int (builder, "first_texts", stats.first_texts);
  add_int (builder, "sent", stats.sent);
  add_int (builder, "delivered", stats.delivered);
  add_int (builder, "failed", stats.failed);
  add_int (builder, "pending", stats.pending);
  add_int (builder, "received", stats.received);
  add_int (builder, "replied", stats.replied);
  add_int (builder, "opted_out", stats.opted_out);
  json_builder_set_member_name (builder, "queues");
  json_builder_begin_object (builder);
  for (int i = 0; i < TB_CONTACT_N_STATUSES; i++)
    add_int (builder, tb_contact_status_to_string (i), counts.by_status[i]);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "texters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < texters->len; i++)
    {
      TbTexterStats *row = texters->pdata[i];

      json_builder_begin_object (builder);
      add_int (builder, "id", row->texter_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, row->texter_name);
      add_int (builder, "sent", row->sent);
      add_int (builder, "first_texts", row->first_texts);
      add_int (builder, "replies", row->replies);
      add_int (builder, "delivered", row->delivered);
      add_int (builder, "failed", row->failed);
      add_int (builder, "opted_out", row->opted_out);
      json_builder_set_member_name (builder, "sends_per_hour");
      json_builder_add_double_value (builder, row->sends_per_hour);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (json)
    {
      tb_cli_print_json (root);
      return TB_CLI_EXIT_OK;
    }

  g_print ("%-18s %" G_GINT64_FORMAT "\n", _("Contacts"), stats.contacts);
  for (int i = 0; i < TB_CONTACT_N_STATUSES; i++)
    g_print ("  %-16s %" G_GINT64_FORMAT "\n", tb_contact_status_to_string (i), counts.by_status[i]);
  g_print ("%-18s %" G_GINT64_FORMAT "\n", _("Sent"), stats.sent);
  g_print ("%-18s %" G_GINT64_FORMAT "\n", _("Delivered"), stats.delivered);
  g_print ("%-18s %" G_GINT64_FORMAT "\n", _("Failed"), stats.failed);
  g_print ("%-18s %" G_GINT64_FORMAT "\n", _("Replied"), stats.replied);
  g_print ("%-18s %" G_GINT64_FORMAT "\n", _("Opted out"), stats.opted_out);
  for (guint i = 0; i < texters->len; i++)
    {
      TbTexterStats *row = texters->pdata[i];

      g_print ("%s\t%" G_GINT64_FORMAT "\t%.1f/h\n", row->texter_name, row->sent, row->sends_per_hour);
    }
  return TB_CLI_EXIT_OK;
}
