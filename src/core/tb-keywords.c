/* tb-keywords.c: classify an inbound text as opt-out, opt-in or help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-keywords"

#include "tb-keywords.h"

#include <string.h>

/* The carrier keywords (CTIA); matched on the whole reply only. */
static const char * const opt_out_keywords[] = {
  "STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
  "REVOKE", "OPTOUT", "OPT OUT",
};

static const char * const opt_in_keywords[] = { "START", "UNSTOP" };
static const char * const help_keywords[] = { "HELP", "INFO" };

/* Phrases that usually mean "stop", but a person confirms them: "Don't stop
 * texting me!" is not an opt-out. Compared after normalisation, so they are
 * upper case with straight apostrophes dropped. */
static const char * const likely_opt_out_phrases[] = {
  "REMOVE ME", "TAKE ME OFF", "DONT TEXT", "DO NOT TEXT", "DONT MESSAGE",
  "DO NOT MESSAGE", "DONT CONTACT", "DO NOT CONTACT", "STOP TEXTING",
  "STOP MESSAGING", "STOP SENDING", "STOP CONTACTING", "WRONG NUMBER",
  "WRONG PERSON", "LEAVE ME ALONE", "NO MORE TEXTS", "NO MORE MESSAGES",
  "UNSUBSCRIBE", "OPT ME OUT", "LOSE MY NUMBER", "DELETE MY NUMBER",
  "NUMERO EQUIVOCADO", "NÚMERO EQUIVOCADO", "NO ME ESCRIBAS", "NO ME MANDES",
  "NO ME ENVIES", "NO ME ENVÍES",
};

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Upper case; apostrophes dropped (so "don't" and "dont" match); every run of
 * other non-word characters becomes one space; no leading or trailing space. */
char *
tb_keywords_normalize (const char *text)
{
  g_autofree char *upper = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* Never miss a STOP because a carrier mangled the bytes around it. */
  {
    g_autofree char *valid = g_utf8_make_valid (text, -1);
    upper = g_utf8_strup (valid, -1);
  }
  out = g_string_sized_new (strlen (upper));

  for (const char *p = upper; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC)
        continue;

      if (!is_word_char (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
in_list (const char         *needle,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (needle, list[i]))
      return TRUE;
  return FALSE;
}

/* A phrase counts only on word boundaries: "BACKEND" does not hold "END". */
static gboolean
contains_phrase (const char *haystack,
                 const char *phrase)
{
  gsize len = strlen (phrase);

  for (const char *p = strstr (haystack, phrase); p; p = strstr (p + 1, phrase))
    {
      gboolean starts = p == haystack || p[-1] == ' ';
      gboolean ends = p[len] == '\0' || p[len] == ' ';

      if (starts && ends)
        return TRUE;
    }
  return FALSE;
}

TbKeyword
tb_keywords_classify (const char *text,
                      gboolean    phone_is_opted_out)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (text != NULL, TB_KEYWORD_NONE);

  norm = tb_keywords_normalize (text);
  if (norm[0] == '\0')
    return TB_KEYWORD_NONE;

  if (in_list (norm, opt_out_keywords, G_N_ELEMENTS (opt_out_keywords)))
    return TB_KEYWORD_OPT_OUT;

  if (in_list (norm, opt_in_keywords, G_N_ELEMENTS (opt_in_keywords)))
    return TB_KEYWORD_OPT_IN;

  /* YES re-subscribes only a number that is opted out; otherwise it is just
   * an answer to the conversation. */
  if (phone_is_opted_out && g_str_equal (norm, "YES"))
    return TB_KEYWORD_OPT_IN;

  if (in_list (norm, help_keywords, G_N_ELEMENTS (help_keywords)))
    return TB_KEYWORD_HELP;

  for (gsize i = 0; i < G_N_ELEMENTS (likely_opt_out_phrases); i++)
    if (contains_phrase (norm, likely_opt_out_phrases[i]))
      return TB_KEYWORD_LIKELY_OPT_OUT;

  /* "STOP please", "Stop it": a keyword among other words. */
  if (contains_phrase (norm, "STOP") || contains_phrase (norm, "STOPALL"))
    return TB_KEYWORD_LIKELY_OPT_OUT;

  return TB_KEYWORD_NONE;
}

const char *
tb_keyword_to_string (TbKeyword keyword)
{
  switch (keyword)
    {
    case TB_KEYWORD_NONE: return "none";
    case TB_KEYWORD_OPT_OUT: return "opt-out";
    case TB_KEYWORD_LIKELY_OPT_OUT: return "likely-opt-out";
    case TB_KEYWORD_OPT_IN: return "opt-in";
    case TB_KEYWORD_HELP: return "help";
    default: g_return_val_if_reached ("none");
    }
}
