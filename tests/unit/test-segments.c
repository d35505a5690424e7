/* test-segments.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-segments.h"

#include <string.h>

#define EURO   "\xe2\x82\xac"      /* €, GSM extension table */
#define CCED   "\xc3\xa7"          /* ç, not GSM */
#define GRIN   "\xf0\x9f\x98\x80"  /* 😀, a surrogate pair in UTF-16 */
#define A10    "aaaaaaaaaa"
#define A50    A10 A10 A10 A10 A10
#define A150   A50 A50 A50

/* A text is head + unit repeated count times + tail. */
typedef struct {
  const char        *name;
  const char        *head;
  const char        *unit;
  guint              count;
  const char        *tail;
  TbSegmentEncoding  encoding;
  guint              segments;
  guint              characters;
  guint              remaining;
} CountCase;

#define GSM TB_SEGMENT_ENCODING_GSM7
#define UCS TB_SEGMENT_ENCODING_UCS2

static const CountCase count_cases[] = {
  { "empty", "", "", 0, "", GSM, 0, 0, 160 },
  { "one char", "a", "", 0, "", GSM, 1, 1, 159 },
  { "159 GSM", "", "a", 159, "", GSM, 1, 159, 1 },
  { "160 GSM", "", "a", 160, "", GSM, 1, 160, 0 },
  { "161 GSM: 153 + 8", "", "a", 161, "", GSM, 2, 161, 145 },
  { "306 GSM: 153 + 153", "", "a", 306, "", GSM, 2, 306, 0 },
  { "307 GSM: 153 + 153 + 1", "", "a", 307, "", GSM, 3, 307, 152 },
  { "459 GSM", "", "a", 459, "", GSM, 3, 459, 0 },
  { "460 GSM", "", "a", 460, "", GSM, 4, 460, 152 },
  /* The extension table counts two. */
  { "one euro", EURO, "", 0, "", GSM, 1, 2, 158 },
  { "every extension char", "^{}\\[~]|" EURO, "", 0, "", GSM, 1, 18, 142 },
  { "158 + euro = 160", "", "a", 158, EURO, GSM, 1, 160, 0 },
  { "159 + euro = 161", "", "a", 159, EURO, GSM, 2, 161, 145 },
  { "80 braces = 160", "", "{", 80, "", GSM, 1, 160, 0 },
  { "81 braces = 162: 76 + 5 pairs", "", "{", 81, "", GSM, 2, 162, 143 },
  /* An escape pair at septet 153 moves whole to the next segment: one
   * septet of the first segment stays empty. */
  { "escape pair at 152/153", "", "a", 152, EURO "aaaaaaaaaa", GSM, 2, 164, 141 },
  { "escape pair at 151/152 fits", "", "a", 151, EURO "aaaaaaaaaa", GSM, 2, 163, 143 },
  { "escape pair split makes a 3rd segment", "", "a", 152, EURO A150 "aa",
    GSM, 3, 306, 152 },
  { "153 braces: 76 + 76 + 1 pairs", "", "{", 153, "", GSM, 3, 306, 151 },
  /* The whole basic table beyond ASCII letters. */
  { "basic table", "@\xc2\xa3$\xc2\xa5\xc3\xa8\xc3\xa9\xc3\xb9\xc3\xac\xc3\xb2\xc3\x87\n"
    "\xc3\x98\xc3\xb8\r\xc3\x85\xc3\xa5\xce\x94_\xce\xa6\xce\x93\xce\x9b\xce\xa9\xce\xa0"
    "\xce\xa8\xce\xa3\xce\x98\xce\x9e\xc3\x86\xc3\xa6\xc3\x9f\xc3\x89 !\"#\xc2\xa4%&'()*+,-./"
    "0123456789:;<=>?\xc2\xa1" "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xc3\x84\xc3\x96\xc3\x91\xc3\x9c"
    "\xc2\xa7\xc2\xbf" "abcdefghijklmnopqrstuvwxyz\xc3\xa4\xc3\xb6\xc3\xb1\xc3\xbc\xc3\xa0",
    "", 0, "", GSM, 1, 127, 33 },
  /* UCS-2. */
  { "one c-cedilla", CCED, "", 0, "", UCS, 1, 1, 69 },
  { "70 UCS-2", CCED, "a", 69, "", UCS, 1, 70, 0 },
  { "71 UCS-2: 67 + 4", CCED, "a", 70, "", UCS, 2, 71, 63 },
  { "134 UCS-2: 67 + 67", CCED, "a", 133, "", UCS, 2, 134, 0 },
  { "135 UCS-2", CCED, "a", 134, "", UCS, 3, 135, 66 },
  { "extension chars count one in UCS-2", CCED "{}" EURO, "", 0, "", UCS, 1, 4, 66 },
  { "emoji counts two", GRIN, "", 0, "", UCS, 1, 2, 68 },
  { "35 emoji = 70", "", GRIN, 35, "", UCS, 1, 70, 0 },
  { "36 emoji: 33 + 3", "", GRIN, 36, "", UCS, 2, 72, 61 },
  /* A surrogate pair at unit 67 moves whole to the next segment. */
  { "surrogate pair at 66/67", CCED, "a", 65, GRIN "aaaaaaaaaa", UCS, 2, 78, 55 },
  { "surrogate pair at 65/66 fits", CCED, "a", 64, GRIN "aaaaaaaaaa", UCS, 2, 77, 57 },
  { "surrogate split makes a 3rd segment", CCED, "a", 65, GRIN A50 A10 "aaaaaa",
    UCS, 3, 134, 66 },
  /* Mixed. */
  { "check mark", "Hi Ana, vote at 5pm \xe2\x9c\x93", "", 0, "", UCS, 1, 21, 49 },
  { "curly apostrophe", "It\xe2\x80\x99s", "", 0, "", UCS, 1, 4, 66 },
  { "backtick is not GSM", "`", "", 0, "", UCS, 1, 1, 69 },
  { "capital C-cedilla is GSM", "\xc3\x87", "", 0, "", GSM, 1, 1, 159 },
  { "a-acute is not GSM", "\xc3\xa1", "", 0, "", UCS, 1, 1, 69 },
  { "combining accent is not GSM", "e\xcc\x81", "", 0, "", UCS, 1, 2, 68 },
  { "ohm sign is not capital omega", "\xe2\x84\xa6", "", 0, "", UCS, 1, 1, 69 },
  { "tab is not GSM", "\t", "", 0, "", UCS, 1, 1, 69 },
  { "invalid UTF-8 counts as U+FFFD", "ab\xff", "", 0, "", UCS, 1, 3, 67 },
  { "truncated sequence", "ab\xe2\x82", "", 0, "", UCS, 1, 4, 66 },
};

static char *
build_text (const CountCase *c)
{
  GString *s = g_string_new (c->head);

  for (guint i = 0; i < c->count; i++)
    g_string_append (s, c->unit);
  g_string_append (s, c->tail);
  return g_string_free (s, FALSE);
}

static void
test_count_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (count_cases); i++)
    {
      const CountCase *c = &count_cases[i];
      g_autofree char *text = build_text (c);
      g_autoptr(TbSegmentInfo) info = tb_segments_count (text, -1);

      if (info->encoding != c->encoding || info->segments != c->segments
          || info->characters != c->characters || info->remaining != c->remaining)
        g_error ("%s: got %s %u segments, %u characters, %u remaining; "
                 "expected %s %u, %u, %u",
                 c->name, tb_segment_encoding_to_string (info->encoding),
                 info->segments, info->characters, info->remaining,
                 tb_segment_encoding_to_string (c->encoding),
                 c->segments, c->characters, c->remaining);

      g_assert_cmpuint (info->unicode_characters->len == 0, ==,
                        c->encoding == TB_SEGMENT_ENCODING_GSM7);
      if (info->segments > 1)
        g_assert_cmpuint (info->per_segment, ==,
                          c->encoding == GSM ? TB_SEGMENTS_GSM7_MULTI : TB_SEGMENTS_UCS2_MULTI);
      else
        g_assert_cmpuint (info->per_segment, ==,
                          c->encoding == GSM ? TB_SEGMENTS_GSM7_SINGLE : TB_SEGMENTS_UCS2_SINGLE);
    }
}

static void
test_count_length (void)
{
  /* An explicit length stops early; an embedded NUL is not GSM. */
  g_autoptr(TbSegmentInfo) cut = tb_segments_count ("abc" CCED, 3);
  g_autoptr(TbSegmentInfo) nul = tb_segments_count ("a\0b", 3);
  g_autoptr(TbSegmentInfo) null = tb_segments_count (NULL, -1);

  g_assert_cmpint (cut->encoding, ==, GSM);
  g_assert_cmpuint (cut->characters, ==, 3);
  g_assert_cmpint (nul->encoding, ==, UCS);
  g_assert_cmpuint (nul->characters, ==, 3);
  g_assert_cmpuint (null->segments, ==, 0);
}

static gsize
offset_at (const TbSegmentChar *sc, gboolean bytes, guint i)
{
  return g_array_index (bytes ? sc->byte_offsets : sc->char_offsets, gsize, i);
}

static void
test_unicode_characters (void)
{
  /* ç a space ç space 😀 space ç */
  const char *text = CCED "a " CCED " " GRIN " " CCED;
  g_autoptr(TbSegmentInfo) info = tb_segments_count (text, -1);
  const TbSegmentChar *cced, *grin;

  g_assert_cmpint (info->encoding, ==, UCS);
  g_assert_cmpuint (info->unicode_characters->len, ==, 2);

  cced = g_ptr_array_index (info->unicode_characters, 0);
  g_assert_cmpuint (cced->ch, ==, 0xE7);
  g_assert_cmpstr (cced->utf8, ==, CCED);
  g_assert_cmpuint (cced->byte_offsets->len, ==, 3);
  g_assert_cmpuint (offset_at (cced, TRUE, 0), ==, 0);
  g_assert_cmpuint (offset_at (cced, TRUE, 1), ==, 4);
  g_assert_cmpuint (offset_at (cced, TRUE, 2), ==, 12);
  g_assert_cmpuint (offset_at (cced, FALSE, 0), ==, 0);
  g_assert_cmpuint (offset_at (cced, FALSE, 1), ==, 3);
  g_assert_cmpuint (offset_at (cced, FALSE, 2), ==, 7);

  grin = g_ptr_array_index (info->unicode_characters, 1);
  g_assert_cmpuint (grin->ch, ==, 0x1F600);
  g_assert_cmpstr (grin->utf8, ==, GRIN);
  g_assert_cmpuint (grin->byte_offsets->len, ==, 1);
  g_assert_cmpuint (offset_at (grin, TRUE, 0), ==, 7);
  g_assert_cmpuint (offset_at (grin, FALSE, 0), ==, 5);

  /* Every offset points at the character it names. */
  for (guint i = 0; i < info->unicode_characters->len; i++)
    {
      const TbSegmentChar *sc = g_ptr_array_index (info->unicode_characters, i);

      for (guint j = 0; j < sc->byte_offsets->len; j++)
        {
          g_assert_true (strncmp (text + offset_at (sc, TRUE, j), sc->utf8, strlen (sc->utf8)) == 0);
          g_assert_cmpuint (g_utf8_pointer_to_offset (text, text + offset_at (sc, TRUE, j)), ==,
                            offset_at (sc, FALSE, j));
        }
    }
}

static void
test_septets (void)
{
  const gunichar one[] = { '@', 0xA3, '$', 0xA5, 0xE8, 0xE9, 0xF9, 0xEC, 0xF2, 0xC7, '\n',
                           0xD8, 0xF8, '\r', 0xC5, 0xE5, 0x394, '_', 0x3A6, 0x393, 0x39B,
                           0x3A9, 0x3A0, 0x3A8, 0x3A3, 0x398, 0x39E, 0xC6, 0xE6, 0xDF, 0xC9,
                           ' ', '#', 0xA4, 0xA1, 0xC4, 0xD6, 0xD1, 0xDC, 0xA7, 0xBF, 0xE4,
                           0xF6, 0xF1, 0xFC, 0xE0, 'A', 'z', '0', '9', '?' };
  const gunichar two[] = { '^', '{', '}', '\\', '[', '~', ']', '|', 0x20AC };
  const gunichar none[] = { 0, '`', '\t', 0x0C, 0x1B, 0x7F, 0xE7, 0xE1, 0xC0, 0x2019, 0x2126,
                            0x3B1, 0xA0, 0x1F600, 0xFFFD };

  for (gsize i = 0; i < G_N_ELEMENTS (one); i++)
    if (tb_segments_gsm7_septets (one[i]) != 1)
      g_error ("U+%04X should take one septet", one[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (two); i++)
    if (tb_segments_gsm7_septets (two[i]) != 2)
      g_error ("U+%04X should take two septets", two[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (none); i++)
    if (tb_segments_gsm7_septets (none[i]) != 0)
      g_error ("U+%04X should not be GSM-7", none[i]);

  /* The basic table has 128 entries, one of them ESC: 127 characters.
   * Count them across the BMP, so nothing extra sneaks in. */
  {
    guint basic = 0, extension = 0;

    for (gunichar c = 0; c < 0x10000; c++)
      {
        guint s = tb_segments_gsm7_septets (c);

        basic += s == 1;
        extension += s == 2;
      }
    g_assert_cmpuint (basic, ==, 127);
    g_assert_cmpuint (extension, ==, 9);
  }
}

typedef struct {
  const char *input;
  const char *expected;
  guint       n_replaced;
} ReplaceCase;

static const ReplaceCase replace_cases[] = {
  { "", "", 0 },
  { "plain text", "plain text", 0 },
  { "\xe2\x80\x98Hi\xe2\x80\x99 \xe2\x80\x9cyou\xe2\x80\x9d", "'Hi' \"you\"", 4 },
  { "It\xe2\x80\x99s 9\xe2\x80\x93" "5 \xe2\x80\x94 ok\xe2\x80\xa6", "It's 9-5 - ok...", 4 },
  { "a\xc2\xa0" "b\xe2\x80\x89" "c\xe3\x80\x80" "d\te", "a b c d e", 4 },
  { "zero\xe2\x80\x8bwidth\xef\xbb\xbf", "zerowidth", 2 },
  { "\xe2\x80\xa2 one\xe2\x80\xa8\xe2\x80\xa2 two", "- one\n- two", 3 },
  { "`tick\xc2\xb4", "'tick'", 2 },
  { "\xc2\xab" "quote\xc2\xbb", "\"quote\"", 2 },
  /* Letters are never replaced. */
  { "Fran\xc3\xa7ois \xc3\xa1 \xce\xb1", "Fran\xc3\xa7ois \xc3\xa1 \xce\xb1", 0 },
  { GRIN, GRIN, 0 },
  /* Invalid UTF-8 is made valid, not replaced. */
  { "a\xff" "b", "a\xef\xbf\xbd" "b", 0 },
};

static void
test_replace_lookalikes (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (replace_cases); i++)
    {
      guint n = G_MAXUINT;
      g_autofree char *out = tb_segments_replace_lookalikes (replace_cases[i].input, &n);

      if (g_strcmp0 (out, replace_cases[i].expected) != 0 || n != replace_cases[i].n_replaced)
        g_error ("case %" G_GSIZE_FORMAT ": got \"%s\" (%u replaced), expected \"%s\" (%u)",
                 i, out, n, replace_cases[i].expected, replace_cases[i].n_replaced);
    }

  /* NULL n_replaced is fine. */
  {
    g_autofree char *out = tb_segments_replace_lookalikes ("\xe2\x80\xa6", NULL);
    g_assert_cmpstr (out, ==, "...");
  }
}

static void
test_replace_makes_gsm (void)
{
  /* A typical pasted message goes from 2 UCS-2 segments to 1 GSM-7. */
  const char *pasted = "Hi Ana \xe2\x80\x94 it\xe2\x80\x99s Sam with \xe2\x80\x9cVote Early\xe2\x80\x9d. "
                       "Polls open 7\xe2\x80\x93" "8\xe2\x80\xa6 Reply STOP to opt out.";
  g_autofree char *fixed = tb_segments_replace_lookalikes (pasted, NULL);
  g_autoptr(TbSegmentInfo) before = tb_segments_count (pasted, -1);
  g_autoptr(TbSegmentInfo) after = tb_segments_count (fixed, -1);

  g_assert_cmpint (before->encoding, ==, UCS);
  g_assert_cmpuint (before->segments, ==, 2);
  g_assert_cmpuint (before->unicode_characters->len, ==, 6); /* — ’ “ ” – … */
  g_assert_cmpint (after->encoding, ==, GSM);
  g_assert_cmpuint (after->segments, ==, 1);

  /* Every look-alike maps to GSM-7 text. */
  for (gunichar c = 0; c < 0x10000; c++)
    {
      const char *r = tb_segments_lookalike (c);

      if (r != NULL)
        {
          g_autoptr(TbSegmentInfo) info = tb_segments_count (r, -1);

          g_assert_cmpuint (tb_segments_gsm7_septets (c), ==, 0);
          g_assert_cmpint (info->encoding, ==, GSM);
          /* No letter, except modifier letters that are punctuation (ʼ ˆ). */
          g_assert_true (!g_unichar_isalpha (c) || g_unichar_type (c) == G_UNICODE_MODIFIER_LETTER);
        }
    }
}

static void
test_encoding_names (void)
{
  g_assert_cmpstr (tb_segment_encoding_to_string (TB_SEGMENT_ENCODING_GSM7), ==, "GSM-7");
  g_assert_cmpstr (tb_segment_encoding_to_string (TB_SEGMENT_ENCODING_UCS2), ==, "UCS-2");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segments/count/table", test_count_table);
  g_test_add_func ("/segments/count/length", test_count_length);
  g_test_add_func ("/segments/unicode-characters", test_unicode_characters);
  g_test_add_func ("/segments/septets", test_septets);
  g_test_add_func ("/segments/lookalikes/table", test_replace_lookalikes);
  g_test_add_func ("/segments/lookalikes/makes-gsm", test_replace_makes_gsm);
  g_test_add_func ("/segments/encoding-names", test_encoding_names);

  return g_test_run ();
}
