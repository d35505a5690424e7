/* tb-cli-commands.h: every subcommand of textbank-cli, one file each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-cli.h"

G_BEGIN_DECLS

int tb_cli_admin (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_audit (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_campaign (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_check (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_check_csv (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_demo (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_export (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_hours (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_import (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_keyword (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_optout (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_phone (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_segments (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_send (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_send_test (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_shift_summary (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_stats (TbCliGlobals *globals, int argc, char **argv);
int tb_cli_sync (TbCliGlobals *globals, int argc, char **argv);

G_END_DECLS
