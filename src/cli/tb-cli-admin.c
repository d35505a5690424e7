/* tb-cli-admin.c: the admin passphrase on the command line
 *
 *   textbank-cli admin set-passphrase
 *
 * and the check every admin-only subcommand makes first
 * (tb_cli_require_admin). The passphrase comes from, in this order:
 * TEXTBANK_ADMIN_PASSPHRASE, a line of stdin (--passphrase-stdin), or the
 * terminal without echo. A new passphrase likewise from
 * TEXTBANK_NEW_ADMIN_PASSPHRASE, the next line of stdin, or the terminal
 * (twice).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tb-access.h"
#include "tb-cli-commands.h"
#include "tb-cli-store.h"

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* One line from stdin, without its line end; NULL at end of input. */
static char *
read_stdin_line (void)
{
  char *line = NULL;
  size_t size = 0;
  ssize_t length = getline (&line, &size, stdin);
  char *copy;

  if (length < 0)
    {
      free (line);
      return NULL;
    }
  while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
    line[--length] = '\0';
  copy = g_strdup (line);
  memset (line, 0, size);
  free (line);
  return copy;
}

/* Prompts on the terminal with echo off. */
static char *
read_terminal (const char *prompt)
{
  struct termios saved, quiet;
  char *line;
  gboolean restore;

  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  restore = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = read_stdin_line ();
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fprintf (stderr, "\n");
  return line;
}

static char *
read_secret (TbCliGlobals  *globals,
             const char    *env_name,
             const char    *prompt,
             GError       **error)
{
  const char *from_env = g_getenv (env_name);
  char *secret = NULL;

  if (from_env != NULL)
    return g_strdup (from_env);
  if (globals->passphrase_stdin)
    secret = read_stdin_line ();
  else if (isatty (STDIN_FILENO))
    secret = read_terminal (prompt);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("this needs the admin passphrase: set %s or use --passphrase-stdin"),
                   env_name);
      return NULL;
    }
  if (secret == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("no passphrase given (end of input)"));
  return secret;
}

static gboolean
unlock_access (TbCliGlobals  *globals,
               TbAccess      *access,
               TbAdminAction  action,
               const char    *name)
{
  g_autoptr(GError) error = NULL;
  char *passphrase;
  gboolean unlocked;

  if (!tb_access_has_admin_passphrase (access))
    return TRUE;

  passphrase = read_secret (globals, "TEXTBANK_ADMIN_PASSPHRASE", _("Admin passphrase: "),
                            &error);
  if (passphrase == NULL)
    {
      tb_cli_error (name, "%s: %s", tb_admin_action_describe (action), error->message);
      return FALSE;
    }
  unlocked = tb_access_unlock_admin (access, passphrase, &error)
             && tb_access_check_admin (access, action, &error);
  wipe_free (passphrase);
  if (!unlocked)
    tb_cli_error (name, "%s: %s", tb_admin_action_describe (action), error->message);
  return unlocked;
}

gboolean
tb_cli_require_admin_as (TbCliGlobals  *globals,
                         TbStore       *store,
                         gint64         texter_id,
                         TbAdminAction  action,
                         const char    *name)
{
  g_autoptr(TbAccess) access = tb_access_new (store);

  /* Nobody signs in for this: the texter only names who tried. */
  if (texter_id > 0)
    tb_access_set_texter_id (access, texter_id);
  return unlock_access (globals, access, action, name);
}

gboolean
tb_cli_require_admin (TbCliGlobals  *globals,
                      TbStore       *store,
                      TbAdminAction  action,
                      const char    *name)
{
  g_autoptr(TbAccess) access = tb_access_new (store);

  return unlock_access (globals, access, action, name);
}

static int
set_passphrase (TbCliGlobals *globals,
                TbStore      *store)
{
  g_autoptr(TbAccess) access = tb_access_new (store);
  g_autoptr(GError) error = NULL;
  char *first = NULL;
  char *second = NULL;
  gboolean ok;

  if (!unlock_access (globals, access, TB_ADMIN_ACTION_WORKSTATION_SETTINGS, "admin"))
    return TB_CLI_EXIT_FAILED;

  first = read_secret (globals, "TEXTBANK_NEW_ADMIN_PASSPHRASE", _("New admin passphrase: "),
                       &error);
  if (first != NULL && g_getenv ("TEXTBANK_NEW_ADMIN_PASSPHRASE") == NULL
      && !globals->passphrase_stdin)
    {
      second = read_terminal (_("The same again: "));
      if (g_strcmp0 (first, second) != 0)
        {
          wipe_free (first);
          wipe_free (second);
          tb_cli_error ("admin", "%s", _("the two passphrases differ: nothing was changed"));
          return TB_CLI_EXIT_FAILED;
        }
    }
  ok = first != NULL && tb_access_set_admin_passphrase (access, first, &error);
  wipe_free (first);
  wipe_free (second);
  if (!ok)
    {
      tb_cli_error ("admin", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  g_print ("%s\n", _("The admin passphrase is set."));
  return TB_CLI_EXIT_OK;
}

int
tb_cli_admin (TbCliGlobals *globals,
              int           argc,
              char        **argv)
{
  g_autoptr(TbStore) store = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!tb_cli_parse_options ("admin", "set-passphrase", entries, NULL, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (argc != 2 || !g_str_equal (argv[1], "set-passphrase"))
    {
      tb_cli_error ("admin", "%s", _("the only admin command is set-passphrase"));
      return TB_CLI_EXIT_USAGE;
    }

  store = tb_cli_store_open (globals, "admin");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;
  return set_passphrase (globals, store);
}
