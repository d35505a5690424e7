/* main.c: the textbank executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TbApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* TEXTBANK_LOCALEDIR: the build tree's po/ for uninstalled runs
   * (build-aux/run-uninstalled.sh sets it). */
  localedir = g_getenv ("TEXTBANK_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tb_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
