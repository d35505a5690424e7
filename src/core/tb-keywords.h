/* tb-keywords.h: classify an inbound text as opt-out, opt-in or help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Stored in the database: never renumber, only append. */
typedef enum {
  TB_KEYWORD_NONE = 0,
  TB_KEYWORD_OPT_OUT = 1,        /* an exact carrier keyword: applied at once */
  TB_KEYWORD_LIKELY_OPT_OUT = 2, /* a phrase a person should confirm */
  TB_KEYWORD_OPT_IN = 3,
  TB_KEYWORD_HELP = 4,
} TbKeyword;

TbKeyword    tb_keywords_classify      (const char *text,
                                        gboolean    phone_is_opted_out);
const char  *tb_keyword_to_string      (TbKeyword   keyword);
char        *tb_keywords_normalize     (const char *text);

G_END_DECLS
