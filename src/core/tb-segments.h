/* tb-segments.h: SMS encoding (GSM-7 or UCS-2) and segment counting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GSM-7 (3GPP TS 23.038 basic table plus its extension table; the extension
 * characters ^ { } \ [ ~ ] | € take an escape and count two septets) when
 * every character of the text is in it, else UCS-2, counted in UTF-16 code
 * units (an emoji outside the BMP counts two).
 *
 * One segment holds 160 septets or 70 UCS-2 units; a concatenated message
 * holds 153 or 67 per segment. An escape pair or a surrogate pair is never
 * split across segments.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TB_SEGMENT_ENCODING_GSM7,
  TB_SEGMENT_ENCODING_UCS2,
} TbSegmentEncoding;

#define TB_SEGMENTS_GSM7_SINGLE  160
#define TB_SEGMENTS_GSM7_MULTI   153
#define TB_SEGMENTS_UCS2_SINGLE   70
#define TB_SEGMENTS_UCS2_MULTI    67

/* A distinct character that is not in GSM-7, with every place it occurs. */
typedef struct {
  gunichar  ch;
  char      utf8[8];       /* the character, NUL-terminated */
  GArray   *byte_offsets;  /* gsize, from the start of the text */
  GArray   *char_offsets;  /* gsize, in code points (GtkTextBuffer offsets) */
} TbSegmentChar;

typedef struct {
  TbSegmentEncoding  encoding;
  guint              segments;     /* 0 for an empty text */
  guint              characters;   /* units used: septets or UTF-16 units */
  guint              remaining;    /* units still free in the last segment */
  guint              per_segment;  /* capacity of a segment: 160, 153, 70 or 67 */
  /* TbSegmentChar*, in order of first appearance; empty for GSM-7. */
  GPtrArray         *unicode_characters;
} TbSegmentInfo;

/* length in bytes, or -1 for NUL-terminated. Invalid UTF-8 bytes count as
 * U+FFFD (so they force UCS-2). Never NULL. */
TbSegmentInfo *tb_segments_count              (const char        *text,
                                               gssize             length);
void           tb_segment_info_free           (TbSegmentInfo     *info);

/* "GSM-7" or "UCS-2". */
const char    *tb_segment_encoding_to_string  (TbSegmentEncoding  encoding);

/* Septets the character takes in GSM-7 (1, or 2 for the extension table),
 * or 0 when it is not in GSM-7 at all. */
guint          tb_segments_gsm7_septets       (gunichar           ch);

/* The GSM-7 text a look-alike character may be replaced with ("‘" -> "'",
 * "…" -> "...", a non-breaking space -> " ", a zero-width space -> ""),
 * or NULL when there is none. Letters are never replaced (only modifier
 * letters that serve as punctuation: ʼ ˆ). */
const char    *tb_segments_lookalike          (gunichar           ch);

/* A copy of text with every look-alike replaced; n_replaced (may be NULL)
 * gets how many characters were. Never applied silently: the caller offers
 * it. Invalid UTF-8 is made valid first. */
char          *tb_segments_replace_lookalikes (const char        *text,
                                               guint             *n_replaced);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbSegmentInfo, tb_segment_info_free)

G_END_DECLS
