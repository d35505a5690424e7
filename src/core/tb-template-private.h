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

typedef struct {
  const char          *source;
  gsize                length;        /* bytes of valid UTF-8 to parse */
  const char * const  *custom_fields;
  char               **custom_valid;  /* when a given name is not UTF-8 */
  char               **custom_folded; /* lazily, for matching in any case */
  gssize              *brace_match;   /* lazily: { -> its }, or -1 */
  gsize                cursor_byte;   /* for char offsets, moving forward */
  gsize                cursor_char;
  guint                n_suggested;
  /* Outputs; each may be NULL. */
  GArray              *problems;
  GArray              *spans;
  GArray              *ops;
  GString             *buffer;
} TbTemplateParser;

void      tb_template_parser_init_fields (TbTemplateParser    *parser,
                                          const char * const  *custom_fields);
/* Parses parser->source; fills whichever outputs are set. */
void      tb_template_parser_run         (TbTemplateParser    *parser);
void      tb_template_parser_clear       (TbTemplateParser    *parser);

/* Clear functions for arrays of TbTemplateProblem and TbTemplateSpan. */
void      tb_template_problem_clear      (gpointer             data);
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
