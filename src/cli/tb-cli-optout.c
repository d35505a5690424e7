/* tb-cli-optout.c: textbank-cli optout add|remove PHONE --texter NAME, optout list
 *
 * A change records who made it (promise 6 and the audit trail): --texter
 * names them the way `send --texter` does, signing in by name (a texter
 * with a PIN is refused: the command line has no PIN check). A new name is
 * added only once the change is allowed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"
#include "tb-phone.h"
#include "tb-session.h"

static void
add_opt_out (JsonBuilder *builder,
             TbOptOut    *row)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (row->created_at / G_USEC_PER_SEC);
  g_autofree char *when = at != NULL ? g_date_time_format_iso8601 (at) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, row->phone);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, tb_opt_out_source_to_string (row->source));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "texter_id");
  json_builder_add_int_value (builder, row->texter_id);
  json_builder_end_object (builder);
}

/* Signing in adds a new name, so whatever can refuse the change comes
 * first: a refused command adds no texter and no sign-in. The admin
 * unlock it needs is audited, a wrong passphrase counted, on purpose
 * (docs/workstation.md). */
static gboolean
sign_in_if_allowed (TbCliGlobals *globals,
                    TbSession    *session,
                    gboolean      remove,
                    const char   *phone,
                    const char   *texter)
{
  TbStore *store = tb_session_get_store (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *checked = NULL;
  gint64 known_id = 0;

  checked = tb_session_check_sign_in_by_name (session, texter, &known_id, &error);
  if (checked == NULL)
    {
      tb_cli_error ("optout", "%s", error->message);
      return FALSE;
    }
  if (remove)
    {
      gboolean listed;

      /* Undoing an opt-out is the admin's, and so is knowing which numbers
       * are listed: the passphrase comes first. The try names the texter
       * when the name is known. */
      if (!tb_cli_require_admin_as (globals, store, known_id, TB_ADMIN_ACTION_OPT_OUT_UNDO,
                                    "optout"))
        return FALSE;
      listed = tb_store_is_opted_out (store, phone, &error);
      if (error != NULL)
        {
          tb_cli_error ("optout", "%s", error->message);
          return FALSE;
        }
      if (!listed)
        {
          tb_cli_error ("optout", _("%s is not on the opt-out list"), phone);
          return FALSE;
        }
    }
  if (!tb_session_sign_in_by_name (session, texter, &error))
    {
      tb_cli_error ("optout", "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
tb_cli_optout (TbCliGlobals *globals,
               int           argc,
               char        **argv)
{
  g_autofree char *region = NULL;
  g_autofree char *texter = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The country of a number written without +code (default US)"), N_("CODE") },
    { "texter", 0, 0, G_OPTION_ARG_STRING, &texter,
      N_("Who makes the change (recorded; needed for add and remove)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *phone = NULL;
  const char *action;

  if (!tb_cli_parse_options ("optout", "add|remove PHONE --texter NAME | list", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  action = argc >= 2 ? argv[1] : "";
  if (!(g_str_equal (action, "list") && argc == 2) &&
      !((g_str_equal (action, "add") || g_str_equal (action, "remove")) && argc == 3))
    {
      tb_cli_error ("optout", _("use 'optout add PHONE', 'optout remove PHONE' or 'optout list'"));
      return TB_CLI_EXIT_USAGE;
    }
  if (!g_str_equal (action, "list") && (texter == NULL || *texter == '\0'))
    {
      tb_cli_error ("optout", _("give --texter NAME: every change records who made it"));
      return TB_CLI_EXIT_USAGE;
    }
  if (argc == 3)
    {
      phone = tb_phone_normalize (argv[2], region, TB_PHONE_ALLOW_FICTIONAL, NULL, &error);
      if (phone == NULL)
        {
          tb_cli_error ("optout", "%s", error->message);
          return TB_CLI_EXIT_FAILED;
        }
    }

  store = tb_cli_store_open (globals, "optout");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;

  if (g_str_equal (action, "list"))
    {
      /* Listing the numbers is the admin's. */
      if (!tb_cli_require_admin (globals, store, TB_ADMIN_ACTION_EXPORT, "optout"))
        return TB_CLI_EXIT_FAILED;
    }
  else
    {
      /* Not started: no provider is used, and the app may be running. */
      session = tb_session_new (store, NULL);
      if (!sign_in_if_allowed (globals, session, g_str_equal (action, "remove"), phone, texter))
        return TB_CLI_EXIT_FAILED;
    }

  if (g_str_equal (action, "list"))
    {
      g_autoptr(GPtrArray) rows = tb_store_opt_out_list (store, NULL, 0, &error);

      if (rows == NULL)
        {
          tb_cli_error ("optout", "%s", error->message);
          return TB_CLI_EXIT_FAILED;
        }
      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          TbOptOut *row = rows->pdata[i];

          add_opt_out (builder, row);
          if (!json)
            g_print ("%s\t%s\n", row->phone, tb_opt_out_source_to_string (row->source));
        }
      json_builder_end_array (builder);
    }
  else
    {
      gint64 texter_id = tb_session_get_texter_id (session);
      gboolean ok = g_str_equal (action, "add")
                      ? tb_store_opt_out_add (store, phone, TB_OPT_OUT_SOURCE_MANUAL, 0, texter_id, &error)
                      : tb_store_opt_out_remove (store, phone, texter_id, &error);

      if (!ok)
        {
          tb_cli_error ("optout", "%s", error->message);
          return TB_CLI_EXIT_FAILED;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phone");
      json_builder_add_string_value (builder, phone);
      json_builder_set_member_name (builder, "opted_out");
      json_builder_add_boolean_value (builder, g_str_equal (action, "add"));
      json_builder_set_member_name (builder, "texter_id");
      json_builder_add_int_value (builder, texter_id);
      json_builder_set_member_name (builder, "texter");
      json_builder_add_string_value (builder, tb_session_get_texter_name (session));
      json_builder_end_object (builder);
      if (!json)
        g_print ("%s\t%s\n", phone, g_str_equal (action, "add") ? _("opted out") : _("opted in again"));
    }

  root = json_builder_get_root (builder);
  if (json)
    tb_cli_print_json (root);
  return TB_CLI_EXIT_OK;
}
