/* tb-cli-store.h: opening the database for a subcommand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-cli.h"
#include "tb-store.h"

G_BEGIN_DECLS

/* Opens --database or the default file; prints the error and returns NULL
 * when it cannot. */
TbStore  *tb_cli_store_open   (TbCliGlobals *globals,
                               const char   *name);

/* Parses a positive campaign id given with --campaign; prints the error. */
gboolean  tb_cli_store_check_campaign  (const char   *name,
                               gint64        value,
                               TbStore      *store);

G_END_DECLS
