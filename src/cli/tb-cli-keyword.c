/* tb-cli-keyword.c: textbank-cli keyword TEXT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-keywords.h"

int
tb_cli_keyword (TbCliGlobals *globals,
                int           argc,
                char        **argv)
{
  gboolean json = FALSE;
  gboolean opted_out = FALSE;
  GOptionEntry entries[] = {
    { "opted-out", 0, 0, G_OPTION_ARG_NONE, &opted_out,
      N_("Classify as if the sender is opted out"), NULL },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!tb_cli_parse_options ("keyword", "TEXT…", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      tb_cli_error ("keyword", _("give the text of an inbound message"));
      return TB_CLI_EXIT_USAGE;
    }

  json_builder_begin_array (builder);
  for (int i = 1; i < argc; i++)
    {
      TbKeyword keyword = tb_keywords_classify (argv[i], opted_out);

      if (!json)
        g_print ("%s\t%s\n", tb_keyword_to_string (keyword), argv[i]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "input");
      json_builder_add_string_value (builder, argv[i]);
      json_builder_set_member_name (builder, "keyword");
      json_builder_add_string_value (builder, tb_keyword_to_string (keyword));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    tb_cli_print_built (builder);

  return TB_CLI_EXIT_OK;
}
