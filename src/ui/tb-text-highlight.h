/* tb-text-highlight.h: marking characters of a GtkTextBuffer, as the
 * template editor does in its source and its preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tb-segments.h"

G_BEGIN_DECLS

/* Applies tag to char_length characters from char_offset. */
void        tb_text_highlight_chars           (GtkTextBuffer *buffer,
                                               GtkTextTag    *tag,
                                               gsize          char_offset,
                                               gsize          char_length);
/* The tag "ucs2" of a buffer: the characters that force UCS-2. */
GtkTextTag *tb_text_highlight_create_ucs2_tag (GtkTextBuffer *buffer);
/* Applies tag to each character info found outside the GSM alphabet. */
void        tb_text_highlight_ucs2            (GtkTextBuffer *buffer,
                                               GtkTextTag    *tag,
                                               TbSegmentInfo *info);

G_END_DECLS
