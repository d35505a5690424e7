/* tb-cli-sync.c: textbank-cli sync --once [--provider NAME] [--api-base URL]
 *                                         [--json]
 *
 * One round of the inbox sync: replies since the last one seen, keywords
 * applied, and the status of sent messages that are not final.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-session.h"

typedef struct {
  gboolean           done;
  gboolean           ok;
  TbInboxSyncReport  report;
  GError            *error;
} SyncRound;

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SyncRound *round = user_data;

  round->ok = tb_inbox_sync_poll_finish (TB_INBOX_SYNC (source), result, &round->report,
                                         &round->error);
  round->done = TRUE;
}

static gboolean
round_done (gpointer user_data)
{
  return ((SyncRound *) user_data)->done;
}

static void
add_uint (JsonBuilder *builder,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

int
tb_cli_sync (TbCliGlobals *globals,
             int           argc,
             char        **argv)
{
  gboolean json = FALSE;
  gboolean once = FALSE;
  g_autofree char *provider_name = NULL;
  g_autofree char *api_base = NULL;
  GOptionEntry entries[] = {
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Run one round, then exit"), NULL },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider_name,
      N_("simulator or twilio (default: twilio when credentials are in the environment)"), N_("NAME") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &api_base,
      N_("The provider’s base URL (an edge location, a test server)"), N_("URL") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbProvider) provider = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  SyncRound round = { 0 };

  if (!tb_cli_parse_options ("sync", NULL, entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (!once)
    {
      tb_cli_error ("sync", _("only one round is supported here: add --once"));
      return TB_CLI_EXIT_USAGE;
    }

  store = tb_cli_open_store (globals, &error);
  if (store != NULL)
    provider = tb_cli_open_provider (provider_name, api_base, &error);
  if (provider == NULL)
    {
      tb_cli_error ("sync", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  session = tb_session_new (store, provider);
  tb_inbox_sync_poll_async (tb_session_get_inbox_sync (session), NULL, poll_cb, &round);
  tb_cli_run_until (round_done, &round, G_MAXUINT);
  if (!round.ok)
    {
      tb_cli_error ("sync", _("the sync with %s failed: %s"),
                    tb_provider_get_display_name (provider), round.error->message);
      g_clear_error (&round.error);
      return TB_CLI_EXIT_FAILED;
    }

  if (!json)
    {
      g_print (_("%s: %u replies listed, %u new (%u from unknown senders); "
                 "%u opt-outs, %u opt-ins, %u to confirm; "
                 "%u statuses checked, %u changed\n"),
               tb_provider_get_display_name (provider),
               round.report.inbound_seen, round.report.inbound_stored,
               round.report.unknown_senders, round.report.opt_outs, round.report.opt_ins,
               round.report.likely_opt_outs, round.report.statuses_checked,
               round.report.statuses_changed);
      return TB_CLI_EXIT_OK;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, tb_provider_get_display_name (provider));
  add_uint (builder, "inbound_seen", round.report.inbound_seen);
  add_uint (builder, "inbound_stored", round.report.inbound_stored);
  add_uint (builder, "unknown_senders", round.report.unknown_senders);
  add_uint (builder, "opt_outs", round.report.opt_outs);
  add_uint (builder, "opt_ins", round.report.opt_ins);
  add_uint (builder, "likely_opt_outs", round.report.likely_opt_outs);
  add_uint (builder, "statuses_checked", round.report.statuses_checked);
  add_uint (builder, "statuses_changed", round.report.statuses_changed);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  tb_cli_print_json (root);
  return TB_CLI_EXIT_OK;
}
