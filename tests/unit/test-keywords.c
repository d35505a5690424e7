/* test-keywords.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-keywords.h"

typedef struct {
  const char *text;
  gboolean    opted_out;
  TbKeyword   expected;
} KeywordCase;

static const KeywordCase cases[] = {
  /* The exact carrier keywords, any case, with punctuation and spaces around. */
  { "STOP", FALSE, TB_KEYWORD_OPT_OUT },
  { "stop", FALSE, TB_KEYWORD_OPT_OUT },
  { "  Stop.  ", FALSE, TB_KEYWORD_OPT_OUT },
  { "STOP!!!", FALSE, TB_KEYWORD_OPT_OUT },
  { "\"stop\"", FALSE, TB_KEYWORD_OPT_OUT },
  { "StopAll", FALSE, TB_KEYWORD_OPT_OUT },
  { "stop all", FALSE, TB_KEYWORD_OPT_OUT },
  { "STOP   ALL", FALSE, TB_KEYWORD_OPT_OUT },
  { "unsubscribe", FALSE, TB_KEYWORD_OPT_OUT },
  { "Cancel", FALSE, TB_KEYWORD_OPT_OUT },
  { "end", FALSE, TB_KEYWORD_OPT_OUT },
  { "QUIT", FALSE, TB_KEYWORD_OPT_OUT },
  { "revoke", FALSE, TB_KEYWORD_OPT_OUT },
  { "optout", FALSE, TB_KEYWORD_OPT_OUT },
  { "opt out", FALSE, TB_KEYWORD_OPT_OUT },
  { "Opt-Out", FALSE, TB_KEYWORD_OPT_OUT },
  { "STOP", TRUE, TB_KEYWORD_OPT_OUT },
  /* Not the whole reply: a person confirms. */
  { "STOP please", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "please stop", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "Remove me from this list", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "take me off your list", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "Don't text me", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "Don\xe2\x80\x99t text me again", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "dont text me", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "wrong number", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "Wrong number, sorry", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "stop texting me", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "Número equivocado", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  /* Words that only contain a keyword are not one. */
  { "Weekend works for me", FALSE, TB_KEYWORD_NONE },
  { "backend", FALSE, TB_KEYWORD_NONE },
  { "I'll be there at the end of the day", FALSE, TB_KEYWORD_NONE },
  { "stopped by yesterday", FALSE, TB_KEYWORD_NONE },
  { "Unstoppable!", FALSE, TB_KEYWORD_NONE },
  /* Opt in. YES only when the number is opted out. */
  { "START", FALSE, TB_KEYWORD_OPT_IN },
  { "start.", TRUE, TB_KEYWORD_OPT_IN },
  { "Unstop", TRUE, TB_KEYWORD_OPT_IN },
  { "yes", TRUE, TB_KEYWORD_OPT_IN },
  { "Yes!", TRUE, TB_KEYWORD_OPT_IN },
  { "yes", FALSE, TB_KEYWORD_NONE },
  { "yes I will vote", TRUE, TB_KEYWORD_NONE },
  /* Help. */
  { "HELP", FALSE, TB_KEYWORD_HELP },
  { "info?", FALSE, TB_KEYWORD_HELP },
  { "Help me find my polling place", FALSE, TB_KEYWORD_NONE },
  /* Nothing at all. */
  { "", FALSE, TB_KEYWORD_NONE },
  { "   ", FALSE, TB_KEYWORD_NONE },
  { "!!!", FALSE, TB_KEYWORD_NONE },
  { "\xf0\x9f\x91\x8d", FALSE, TB_KEYWORD_NONE },
  { "\xff\xfe broken utf-8 STOP", FALSE, TB_KEYWORD_LIKELY_OPT_OUT },
  { "\xffSTOP\xfe", FALSE, TB_KEYWORD_OPT_OUT },
};

static void
test_keywords_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TbKeyword got = tb_keywords_classify (cases[i].text, cases[i].opted_out);

      if (got != cases[i].expected)
        g_error ("\"%s\" (opted out: %d): got %s, expected %s",
                 cases[i].text, cases[i].opted_out,
                 tb_keyword_to_string (got), tb_keyword_to_string (cases[i].expected));
    }
}

static void
test_keywords_normalize (void)
{
  g_autofree char *a = tb_keywords_normalize ("  opt-out!! ");
  g_autofree char *b = tb_keywords_normalize ("Don't\tTEXT   me");

  g_assert_cmpstr (a, ==, "OPT OUT");
  g_assert_cmpstr (b, ==, "DONT TEXT ME");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keywords/table", test_keywords_table);
  g_test_add_func ("/keywords/normalize", test_keywords_normalize);

  return g_test_run ();
}
