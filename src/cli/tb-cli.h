/* tb-cli.h: shared pieces of textbank-cli's subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tb-access.h"
#include "tb-phone.h"
#include "tb-store.h"

G_BEGIN_DECLS

/* Exit codes: 0 done, 1 the work failed, 2 the command line was wrong. */
#define TB_CLI_EXIT_OK      0
#define TB_CLI_EXIT_FAILED  1
#define TB_CLI_EXIT_USAGE   2

typedef struct {
  char     *database_path;    /* --database, or NULL for the default file */
  gboolean  passphrase_stdin; /* --passphrase-stdin: secrets are lines of stdin */
} TbCliGlobals;

/* argv[0] is the subcommand's name; the rest are its own arguments. */
typedef int (*TbCliCommandFunc) (TbCliGlobals *globals,
                                 int           argc,
                                 char        **argv);

typedef struct {
  const char       *name;
  const char       *summary;
  TbCliCommandFunc  run;
} TbCliCommand;

/* Parses a subcommand's options; on error prints it and the usage. The
 * context gets --json when json is not NULL. */
gboolean  tb_cli_parse_options (const char   *name,
                                const char   *parameter_string,
                                GOptionEntry *entries,
                                gboolean     *json,
                                int          *argc,
                                char       ***argv);

/* Prints a JSON node pretty to stdout, with a final newline. */
void      tb_cli_print_json    (JsonNode     *node);
/* Prints what the builder built, the same way. */
void      tb_cli_print_built   (JsonBuilder  *builder);

/* Adds a member to the object being built: a string (null when value is
 * NULL), an integer, a boolean. */
void      tb_cli_json_add_string  (JsonBuilder  *builder,
                                   const char   *name,
                                   const char   *value);
void      tb_cli_json_add_int     (JsonBuilder  *builder,
                                   const char   *name,
                                   gint64        value);
void      tb_cli_json_add_boolean (JsonBuilder  *builder,
                                   const char   *name,
                                   gboolean      value);

/* For the commands that read phone numbers (--region, --allow-fictional):
 * fills in the default region and gives the flags. FALSE, with a message
 * naming the command, for a region that is not a known code. */
gboolean  tb_cli_phone_settings   (const char   *name,
                                   char        **region,
                                   gboolean      allow_fictional,
                                   TbPhoneFlags *flags);

/* Prints "textbank-cli: NAME: message" to stderr. */
void      tb_cli_error         (const char   *name,
                                const char   *format,
                                ...) G_GNUC_PRINTF (2, 3);

/* Every admin-only subcommand calls this first (tb-cli-admin.c): when an
 * admin passphrase is set it reads one (TEXTBANK_ADMIN_PASSPHRASE, a line
 * of stdin with --passphrase-stdin, or the terminal without echo) and
 * verifies it, rate limited like the app. FALSE (and a message printed)
 * when the subcommand must not run. */
gboolean  tb_cli_require_admin (TbCliGlobals *globals,
                                TbStore      *store,
                                TbAdminAction action,
                                const char   *name);
/* The same check with the unlock, or the wrong guess, audited as
 * texter_id (0: nobody): the texter a command names, checked before it
 * signs them in so that a refusal adds no texter and no sign-in. */
gboolean  tb_cli_require_admin_as (TbCliGlobals *globals,
                                   TbStore      *store,
                                   gint64        texter_id,
                                   TbAdminAction action,
                                   const char   *name);

G_END_DECLS
