/* tb-cli-session.h: opening the database and a provider for the
 * subcommands that send or sync (demo, send, sync)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-cli.h"
#include "tb-session.h"

G_BEGIN_DECLS

/* --database, else the default file. */
TbStore    *tb_cli_open_store    (TbCliGlobals  *globals,
                                  GError       **error);

/* provider_name: "simulator", "twilio" or NULL (twilio when api_base is set
 * or TWILIO_ACCOUNT_SID is in the environment, else the simulator). Twilio
 * credentials come from the environment (TWILIO_ACCOUNT_SID with
 * TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET). The
 * simulator's seed is TEXTBANK_SIMULATOR_SEED when set, else random. */
TbProvider *tb_cli_open_provider (const char    *provider_name,
                                  const char    *api_base,
                                  GError       **error);

/* Runs the default main context until done() holds or timeout_ms pass;
 * FALSE on timeout. */
gboolean    tb_cli_run_until     (gboolean     (*done) (gpointer user_data),
                                  gpointer       user_data,
                                  guint          timeout_ms);

G_END_DECLS
