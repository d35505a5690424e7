/* tb-cli-segments.c: textbank-cli segments TEXT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tb-cli-commands.h"
#include "tb-segments.h"

/* "-" reads the text from standard input, trailing newline dropped. */
static char *
read_stdin (GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, n);
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("could not read standard input"));
      return NULL;
    }
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_readable (const TbSegmentInfo *info,
                const char          *text)
{
  guint n_lookalikes = 0;

  g_print ("%-12s%s\n", _("Encoding:"), tb_segment_encoding_to_string (info->encoding));
  g_print ("%-12s%u\n", _("Segments:"), info->segments);
  g_print ("%-12s%u (%u %s)\n", _("Characters:"), info->characters, info->per_segment,
           _("per segment"));
  g_print ("%-12s%u\n", _("Remaining:"), info->remaining);

  if (info->unicode_characters->len == 0)
    return;

  g_print ("%s\n", _("Characters that force UCS-2:"));
  for (guint i = 0; i < info->unicode_characters->len; i++)
    {
      const TbSegmentChar *sc = g_ptr_array_index (info->unicode_characters, i);
      const char *lookalike = tb_segments_lookalike (sc->ch);
      g_autoptr(GString) at = g_string_new (NULL);

      for (guint j = 0; j < sc->char_offsets->len; j++)
        g_string_append_printf (at, "%s%" G_GSIZE_FORMAT, j ? ", " : "",
                                g_array_index (sc->char_offsets, gsize, j) + 1);
      g_print ("  %s  U+%04X  %s %s", sc->utf8, sc->ch, _("at character"), at->str);
      if (lookalike != NULL)
        {
          g_autofree char *escaped = g_strescape (lookalike, NULL);

          g_print ("  (%s \"%s\")", _("can be replaced with"), escaped);
          n_lookalikes++;
        }
      g_print ("\n");
    }

  if (n_lookalikes > 0)
    {
      g_autofree char *replaced = tb_segments_replace_lookalikes (text, NULL);
      g_autoptr(TbSegmentInfo) after = tb_segments_count (replaced, -1);

      g_print (ngettext ("With look-alikes replaced: %s, %u segment.\n",
                         "With look-alikes replaced: %s, %u segments.\n", after->segments),
               tb_segment_encoding_to_string (after->encoding), after->segments);
    }
}

static JsonNode *
info_to_json (const TbSegmentInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, tb_segment_encoding_to_string (info->encoding));
  json_builder_set_member_name (builder, "segments");
  json_builder_add_int_value (builder, info->segments);
  json_builder_set_member_name (builder, "characters");
  json_builder_add_int_value (builder, info->characters);
  json_builder_set_member_name (builder, "remaining");
  json_builder_add_int_value (builder, info->remaining);
  json_builder_set_member_name (builder, "per_segment");
  json_builder_add_int_value (builder, info->per_segment);
  json_builder_set_member_name (builder, "unicode_characters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->unicode_characters->len; i++)
    {
      const TbSegmentChar *sc = g_ptr_array_index (info->unicode_characters, i);
      json_builder_add_string_value (builder, sc->utf8);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

int
tb_cli_segments (TbCliGlobals *globals,
                 int           argc,
                 char        **argv)
{
  gboolean json = FALSE;
  g_autofree char *text = NULL;
  g_autoptr(TbSegmentInfo) info = NULL;

  if (!tb_cli_parse_options ("segments", _("TEXT… (or - for standard input)"), NULL,
                             &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      tb_cli_error ("segments", _("give the text of a message"));
      return TB_CLI_EXIT_USAGE;
    }

  if (argc == 2 && g_str_equal (argv[1], "-"))
    {
      g_autoptr(GError) error = NULL;

      text = read_stdin (&error);
      if (text == NULL)
        {
          tb_cli_error ("segments", "%s", error->message);
          return TB_CLI_EXIT_FAILED;
        }
    }
  else
    {
      /* Several arguments are one text, as echo joins them. */
      text = g_strjoinv (" ", argv + 1);
    }

  info = tb_segments_count (text, -1);
  if (json)
    {
      g_autoptr(JsonNode) root = info_to_json (info);
      tb_cli_print_json (root);
    }
  else
    {
      print_readable (info, text);
    }

  return TB_CLI_EXIT_OK;
}
