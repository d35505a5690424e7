/* tb-cli-session.c: opening the database and a provider for the
 * subcommands that send or sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-cli-session.h"

#include <glib/gi18n.h>

#include "tb-simulator-provider.h"
#include "tb-twilio-provider.h"

TbStore *
tb_cli_open_store (TbCliGlobals  *globals,
                   GError       **error)
{
  g_autofree char *path = NULL;

  path = globals->database_path != NULL ? g_strdup (globals->database_path)
                                        : tb_store_default_path ();
  return tb_store_open (path, error);
}

TbProvider *
tb_cli_open_provider (const char  *provider_name,
                      const char  *api_base,
                      GError     **error)
{
  g_autoptr(TbCredentials) credentials = NULL;

  if (provider_name == NULL)
    provider_name = (api_base != NULL || g_getenv ("TWILIO_ACCOUNT_SID") != NULL)
                    ? "twilio" : "simulator";

  if (g_str_equal (provider_name, "simulator"))
    {
      return TB_PROVIDER (tb_simulator_provider_new (tb_simulator_seed_from_environment ()));
    }

  if (!g_str_equal (provider_name, "twilio"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown provider “%s”: use simulator or twilio"), provider_name);
      return NULL;
    }

  credentials = tb_credentials_from_environment (error);
  if (credentials == NULL || !tb_credentials_validate (credentials, error))
    return NULL;
  return TB_PROVIDER (tb_twilio_provider_new (credentials, api_base));
}

gboolean
tb_cli_run_until (gboolean (*done) (gpointer user_data),
                  gpointer   user_data,
                  guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (user_data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}
