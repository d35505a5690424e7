/* tb-cli-phone.c: textbank-cli phone NUMBER...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-phone.h"

int
tb_cli_phone (TbCliGlobals *globals,
              int           argc,
              char        **argv)
{
  gboolean json = FALSE;
  gboolean allow_fictional = FALSE;
  g_autofree char *region = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("Region for numbers without a country code (default US)"), N_("CODE") },
    { "allow-fictional", 0, 0, G_OPTION_ARG_NONE, &allow_fictional,
      N_("Accept the fictional 555-0100 to 555-0199 range"), NULL },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TbPhoneFlags flags;

  if (!tb_cli_parse_options ("phone", "NUMBER…", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      tb_cli_error ("phone", _("give at least one phone number"));
      return TB_CLI_EXIT_USAGE;
    }
  if (!tb_cli_phone_settings ("phone", &region, allow_fictional, &flags))
    return TB_CLI_EXIT_USAGE;

  json_builder_begin_array (builder);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      TbPhoneWarnings warnings = TB_PHONE_WARNING_NONE;
      g_autofree char *e164 = tb_phone_normalize (argv[i], region, flags, &warnings, &error);
      g_autofree char *input = g_utf8_make_valid (argv[i], -1);
      const char *reason = error ? tb_phone_reason_to_string (error->code) : NULL;

      if (!json)
        {
          if (e164 != NULL)
            g_print ("%s\t%s%s\n", input, e164,
                     (warnings & TB_PHONE_WARNING_EXTENSION_DROPPED) ? _(" (extension dropped)") : "");
          else
            g_print ("%s\t%s\t%s\n", input, reason, error->message);
        }

      json_builder_begin_object (builder);
      tb_cli_json_add_string (builder, "input", input);
      tb_cli_json_add_string (builder, "e164", e164);
      tb_cli_json_add_boolean (builder, "valid", e164 != NULL);
      tb_cli_json_add_string (builder, "reason", reason);
      tb_cli_json_add_string (builder, "message", error != NULL ? error->message : NULL);
      tb_cli_json_add_boolean (builder, "extension_dropped", (warnings & TB_PHONE_WARNING_EXTENSION_DROPPED) != 0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    tb_cli_print_built (builder);

  return TB_CLI_EXIT_OK;
}
