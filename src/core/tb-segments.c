/* tb-segments.c: SMS encoding (GSM-7 or UCS-2) and segment counting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-segments"

#include "tb-segments.h"

#include <string.h>

/* ASCII characters of the GSM 03.38 basic table: LF, CR and every printable
 * one except ` and the extension characters ^ { } \ [ ~ ] |. */
static gboolean
ascii_in_basic_table (gunichar ch)
{
  if (ch == '\n' || ch == '\r')
    return TRUE;
  if (ch < 0x20 || ch > 0x7e)
    return FALSE;
  switch (ch)
    {
    case '`': case '^': case '{': case '}': case '\\':
    case '[': case '~': case ']': case '|':
      return FALSE;
    default:
      return TRUE;
    }
}

guint
tb_segments_gsm7_septets (gunichar ch)
{
  if (ch < 0x80)
    {
      if (ascii_in_basic_table (ch))
        return 1;
      switch (ch)
        {
        case '^': case '{': case '}': case '\\':
        case '[': case '~': case ']': case '|':
          return 2;
        default:
          return 0;
        }
    }

  switch (ch)
    {
    /* The rest of the basic table. Lower-case ç (U+00E7) is not in it: only
     * capital Ç sits at 0x09, whatever some carriers do. */
    case 0x00A3: /* £ */ case 0x00A5: /* ¥ */ case 0x00E8: /* è */
    case 0x00E9: /* é */ case 0x00F9: /* ù */ case 0x00EC: /* ì */
    case 0x00F2: /* ò */ case 0x00C7: /* Ç */ case 0x00D8: /* Ø */
    case 0x00F8: /* ø */ case 0x00C5: /* Å */ case 0x00E5: /* å */
    case 0x0394: /* Δ */ case 0x03A6: /* Φ */ case 0x0393: /* Γ */
    case 0x039B: /* Λ */ case 0x03A9: /* Ω */ case 0x03A0: /* Π */
    case 0x03A8: /* Ψ */ case 0x03A3: /* Σ */ case 0x0398: /* Θ */
    case 0x039E: /* Ξ */ case 0x00C6: /* Æ */ case 0x00E6: /* æ */
    case 0x00DF: /* ß */ case 0x00C9: /* É */ case 0x00A4: /* ¤ */
    case 0x00A1: /* ¡ */ case 0x00C4: /* Ä */ case 0x00D6: /* Ö */
    case 0x00D1: /* Ñ */ case 0x00DC: /* Ü */ case 0x00A7: /* § */
    case 0x00BF: /* ¿ */ case 0x00E4: /* ä */ case 0x00F6: /* ö */
    case 0x00F1: /* ñ */ case 0x00FC: /* ü */ case 0x00E0: /* à */
      return 1;
    case 0x20AC: /* € (extension table) */
      return 2;
    default:
      return 0;
    }
}

const char *
tb_segment_encoding_to_string (TbSegmentEncoding encoding)
{
  switch (encoding)
    {
    case TB_SEGMENT_ENCODING_GSM7: return "GSM-7";
    case TB_SEGMENT_ENCODING_UCS2: return "UCS-2";
    default: g_return_val_if_reached ("UCS-2");
    }
}

/* Decodes one character at p (len bytes left); an invalid sequence is one
 * byte of U+FFFD. Returns the number of bytes taken. */
static gsize
next_char (const char *p,
           gsize       len,
           gunichar   *ch)
{
  gunichar c;

  /* Most text is ASCII. */
  if ((guchar) *p < 0x80)
    {
      *ch = (guchar) *p;
      return 1;
    }

  c = g_utf8_get_char_validated (p, len);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *ch = 0xFFFD;
      return 1;
    }
  *ch = c;
  return g_utf8_skip[*(const guchar *) p];
}

static void
segment_char_free (gpointer data)
{
  TbSegmentChar *sc = data;

  g_array_unref (sc->byte_offsets);
  g_array_unref (sc->char_offsets);
  g_free (sc);
}

void
tb_segment_info_free (TbSegmentInfo *info)
{
  if (info == NULL)
    return;
  g_ptr_array_unref (info->unicode_characters);
  g_free (info);
}

static guint
ucs2_units (gunichar ch)
{
  return ch > 0xFFFF ? 2 : 1;
}

TbSegmentInfo *
tb_segments_count (const char *text,
                   gssize      length)
{
  TbSegmentInfo *info = g_new0 (TbSegmentInfo, 1);
  g_autoptr(GHashTable) seen = NULL;   /* gunichar -> TbSegmentChar* */
  gsize len;
  gsize n_chars = 0;
  guint gsm_total = 0;
  guint ucs2_total = 0;
  gboolean is_gsm = TRUE;
  guint single, multi;

  info->unicode_characters = g_ptr_array_new_with_free_func (segment_char_free);
  if (text == NULL)
    text = "";
  len = length < 0 ? strlen (text) : (gsize) length;

  /* First pass: totals in both encodings, and the characters that are not
   * GSM-7. */
  for (gsize i = 0; i < len; n_chars++)
    {
      gunichar ch;
      gsize skip = next_char (text + i, len - i, &ch);
      guint septets = tb_segments_gsm7_septets (ch);

      ucs2_total += ucs2_units (ch);
      gsm_total += septets;

      if (septets == 0)
        {
          TbSegmentChar *sc;

          is_gsm = FALSE;
          if (seen == NULL)
            seen = g_hash_table_new (NULL, NULL);
          sc = g_hash_table_lookup (seen, GUINT_TO_POINTER (ch));
          if (sc == NULL)
            {
              sc = g_new0 (TbSegmentChar, 1);
              sc->ch = ch;
              g_unichar_to_utf8 (ch, sc->utf8);
              sc->byte_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
              sc->char_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
              g_hash_table_insert (seen, GUINT_TO_POINTER (ch), sc);
              g_ptr_array_add (info->unicode_characters, sc);
            }
          g_array_append_val (sc->byte_offsets, i);
          g_array_append_val (sc->char_offsets, n_chars);
        }
      i += skip;
    }

  info->encoding = is_gsm ? TB_SEGMENT_ENCODING_GSM7 : TB_SEGMENT_ENCODING_UCS2;
  info->characters = is_gsm ? gsm_total : ucs2_total;
  single = is_gsm ? TB_SEGMENTS_GSM7_SINGLE : TB_SEGMENTS_UCS2_SINGLE;
  multi = is_gsm ? TB_SEGMENTS_GSM7_MULTI : TB_SEGMENTS_UCS2_MULTI;

  if (info->characters <= single)
    {
      info->segments = info->characters == 0 ? 0 : 1;
      info->per_segment = single;
      info->remaining = single - info->characters;
      return info;
    }

  /* Second pass, segment by segment: a two-unit character (escape pair or
   * surrogate pair) that does not fit moves whole to the next segment. */
  {
    guint segments = 1;
    guint used = 0;

    for (gsize i = 0; i < len;)
      {
        gunichar ch;
        gsize skip = next_char (text + i, len - i, &ch);
        guint units = is_gsm ? tb_segments_gsm7_septets (ch) : ucs2_units (ch);

        if (used + units > multi)
          {
            segments++;
            used = 0;
          }
        used += units;
        i += skip;
      }

    info->segments = segments;
    info->per_segment = multi;
    info->remaining = multi - used;
  }

  return info;
}

const char *
tb_segments_lookalike (gunichar ch)
{
  switch (ch)
    {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: /* ‘ ’ ‚ ‛ */
    case 0x2032: case 0x00B4: case 0x0060: case 0x02BC: /* ′ ´ ` ʼ */
    case 0x2039: case 0x203A:                           /* ‹ › */
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: /* “ ” „ ‟ */
    case 0x2033: case 0x00AB: case 0x00BB:              /* ″ « » */
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: /* hyphens, – */
    case 0x2014: case 0x2015: case 0x2212:              /* — ― − */
    case 0x2022: case 0x2043:                           /* • ⁃ */
      return "-";
    case 0x2026:                                        /* … */
      return "...";
    case 0x0009:                                        /* tab */
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002:
    case 0x2003: case 0x2004: case 0x2005: case 0x2006:
    case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:              /* other spaces */
      return " ";
    case 0x200B: case 0xFEFF: case 0x00AD: case 0x2060: /* invisible */
      return "";
    case 0x2028: case 0x2029:                           /* line, paragraph */
      return "\n";
    case 0x02DC:                                        /* ˜ */
      return "~";
    case 0x02C6:                                        /* ˆ */
      return "^";
    default:
      return NULL;
    }
}

char *
tb_segments_replace_lookalikes (const char *text,
                                guint      *n_replaced)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      const char *replacement = tb_segments_lookalike (ch);

      if (replacement != NULL)
        {
          g_string_append (out, replacement);
          n++;
        }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }

  if (n_replaced != NULL)
    *n_replaced = n;
  return g_string_free (out, FALSE);
}
