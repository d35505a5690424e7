/* tb-cli.c: shared pieces of textbank-cli's subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tb-cli.h"

gboolean
tb_cli_parse_options (const char   *name,
                      const char   *parameter_string,
                      GOptionEntry *entries,
                      gboolean     *json,
                      int          *argc,
                      char       ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strdup_printf ("%s %s", name, parameter_string ? parameter_string : "");
  GOptionEntry json_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (full);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (json != NULL)
    g_option_context_add_main_entries (context, json_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      tb_cli_error (name, "%s", error->message);
      fputs (help, stderr);
      return FALSE;
    }

  return TRUE;
}

void
tb_cli_json_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
tb_cli_json_add_int (JsonBuilder *builder,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
tb_cli_json_add_boolean (JsonBuilder *builder,
                         const char  *name,
                         gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

gboolean
tb_cli_phone_settings (const char    *name,
                       char         **region,
                       gboolean       allow_fictional,
                       TbPhoneFlags  *flags)
{
  if (*region == NULL)
    *region = g_strdup (TB_PHONE_DEFAULT_REGION);
  if (!tb_phone_is_known_region (*region))
    {
      tb_cli_error (name, _("“%s” is not a region code such as US or GB"), *region);
      return FALSE;
    }
  *flags = allow_fictional ? TB_PHONE_ALLOW_FICTIONAL : TB_PHONE_FLAGS_NONE;
  return TRUE;
}

void
tb_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
tb_cli_print_built (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  tb_cli_print_json (root);
}

void
tb_cli_error (const char *name,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("textbank-cli: %s: %s\n", name, message);
}
