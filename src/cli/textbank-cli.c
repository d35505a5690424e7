/* textbank-cli.c: the admin's command line
 *
 *   textbank-cli [--database PATH] SUBCOMMAND [ARGS] [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tb-cli-commands.h"

/* Keep sorted by name: the usage text lists them in this order. */
static const TbCliCommand commands[] = {
  { "admin", N_("Set or change the admin passphrase (admin set-passphrase)"), tb_cli_admin },
  { "audit", N_("Show the audit log: who did what and when (admin)"), tb_cli_audit },
  { "campaign", N_("Create and list campaigns"), tb_cli_campaign },
  { "check", N_("Check the database's integrity and schema version"), tb_cli_check },
  { "check-csv", N_("Check a contacts CSV: columns, valid and duplicate phones, errors"), tb_cli_check_csv },
  { "demo", N_("Create the demo campaign (fictional people, simulator only)"), tb_cli_demo },
  { "export", N_("Export a campaign's contacts and messages as CSV"), tb_cli_export },
  { "hours", N_("Say whether a contact may be texted now, or when"), tb_cli_hours },
  { "import", N_("Import contacts from a CSV file into a campaign"), tb_cli_import },
  { "keyword", N_("Classify inbound texts as opt-out, opt-in or help"), tb_cli_keyword },
  { "optout", N_("Add, remove and list opted-out numbers"), tb_cli_optout },
  { "phone", N_("Normalise phone numbers to E.164 and say why one is refused"), tb_cli_phone },
  { "segments", N_("Count the SMS segments of a text and what forces UCS-2"), tb_cli_segments },
  { "send", N_("Send one message through the outbox, as a texter"), tb_cli_send },
  { "send-test", N_("Send one message to check the provider settings"), tb_cli_send_test },
  { "shift-summary", N_("Messages sent, replies handled and opt-outs per texter"), tb_cli_shift_summary },
  { "stats", N_("A campaign's figures, per queue and per texter"), tb_cli_stats },
  { "sync", N_("Fetch replies and delivery status from the provider once"), tb_cli_sync },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n",
           _("Usage: textbank-cli [--database PATH] [--passphrase-stdin] SUBCOMMAND [ARGS] [--json]"),
           _("Subcommands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run 'textbank-cli SUBCOMMAND --help' for a subcommand's options."));
}

int
main (int   argc,
      char *argv[])
{
  TbCliGlobals globals = { NULL };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --passphrase-stdin may come anywhere: admin-only subcommands read the
   * passphrase as a line of stdin (scripts, tests). */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--passphrase-stdin"))
      {
        globals.passphrase_stdin = TRUE;
        memmove (&argv[i], &argv[i + 1], sizeof (char *) * (size_t) (argc - i));
        argc--;
        i--;
      }

  /* Global options come before the subcommand. */
  while (first < argc && argv[first][0] == '-')
    {
      if (g_str_equal (argv[first], "--database") && first + 1 < argc)
        {
          g_free (globals.database_path);
          globals.database_path = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--database="))
        {
          g_free (globals.database_path);
          globals.database_path = g_strdup (argv[first] + strlen ("--database="));
          first += 1;
        }
      else if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
        {
          print_usage (stdout);
          return TB_CLI_EXIT_OK;
        }
      else
        {
          g_printerr ("textbank-cli: %s: %s\n", argv[first], _("unknown option"));
          print_usage (stderr);
          g_free (globals.database_path);
          return TB_CLI_EXIT_USAGE;
        }
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return TB_CLI_EXIT_USAGE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[first], commands[i].name))
        {
          status = commands[i].run (&globals, argc - first, argv + first);
          g_free (globals.database_path);
          return status;
        }
    }

  g_printerr ("textbank-cli: %s: %s\n", argv[first], _("unknown subcommand"));
  print_usage (stderr);
  g_free (globals.database_path);
  return TB_CLI_EXIT_USAGE;
}
