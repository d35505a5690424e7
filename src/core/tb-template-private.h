/* tb-template-private.h: the parser shared by tb-template.c and
 * tb-template-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-template.h"

G_BEGIN_DECLS

/* A compiled template is a list of ops: literal text, or a field with an
 * optional fallback. Literal and fallback bytes live in one buffer. */
#define OP_LITERAL G_MAXUINT

typedef struct {
  guint  field;          /* a TbTemplateField, or OP_LITERAL */
  guint  custom_index;
  gsize  offset;         /* into buffer: the literal, or the fallback */
  gsize  length;
  gboolean has_fallback;
} TbTemplateOp;

/* Parses source, filling whichever outputs are not NULL. */
void      tb_template_parse              (const char          *source,
                                          const char * const  *custom_fields,
                                          GArray              *problems,
                                          GArray              *spans,
                                          GArray              *ops,
                                          GString             *buffer);

/* Clear functions for arrays of TbTemplateProblem and TbTemplateSpan. */
void      tb_template_problem_clear      (gpointer             data);
/* An empty array of TbTemplateProblem that clears them. */
GArray   *tb_template_problems_new       (void);
void      tb_template_span_clear         (gpointer             data);

/* A standard name or alias in any case. */
gboolean  tb_template_lookup_standard    (const char          *name,
                                          gsize                len,
                                          TbTemplateField     *field);

static inline gboolean
tb_template_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

G_END_DECLS
