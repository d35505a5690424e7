/* tb-text-highlight.c: marking characters of a GtkTextBuffer, as the
 * template editor does in its source and its preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-text-highlight"

#include "config.h"

#include "tb-text-highlight.h"

void
tb_text_highlight_chars (GtkTextBuffer *buffer,
                         GtkTextTag    *tag,
                         gsize          char_offset,
                         gsize          char_length)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) char_offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) (char_offset + char_length));
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

GtkTextTag *
tb_text_highlight_create_ucs2_tag (GtkTextBuffer *buffer)
{
  GdkRGBA ucs2_bg = { 0.97f, 0.83f, 0.18f, 1.0f };
  GdkRGBA ucs2_fg = { 0.0f, 0.0f, 0.0f, 0.87f };

  return gtk_text_buffer_create_tag (buffer, "ucs2", "background-rgba", &ucs2_bg,
                                     "foreground-rgba", &ucs2_fg, NULL);
}

void
tb_text_highlight_ucs2 (GtkTextBuffer *buffer,
                        GtkTextTag    *tag,
                        TbSegmentInfo *info)
{
  for (guint i = 0; i < info->unicode_characters->len; i++)
    {
      TbSegmentChar *ch = g_ptr_array_index (info->unicode_characters, i);

      for (guint j = 0; j < ch->char_offsets->len; j++)
        tb_text_highlight_chars (buffer, tag, g_array_index (ch->char_offsets, gsize, j), 1);
    }
}
