/* tb-cli-store.c: opening the database for a subcommand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-store.h"

TbStore *
tb_cli_store_open (TbCliGlobals *globals,
                   const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TbStore *store;

  path = globals->database_path != NULL ? g_strdup (globals->database_path) : tb_store_default_path ();
  store = tb_store_open (path, &error);
  if (store == NULL)
    tb_cli_error (name, "%s", error->message);
  return store;
}

gboolean
tb_cli_store_check_campaign (const char *name,
                    gint64      value,
                    TbStore    *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCampaign) campaign = NULL;

  if (value <= 0)
    {
      tb_cli_error (name, _("give the campaign with --campaign ID (see 'textbank-cli campaign list')"));
      return FALSE;
    }
  campaign = tb_store_campaign_get (store, value, &error);
  if (campaign == NULL)
    {
      tb_cli_error (name, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}
