/* tb-template-parser.c: parsing, linting and scanning template sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-template"

#include "config.h"

#include "tb-template-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (tb-template-error-quark, tb_template_error)

/* The parser's state over one source. */
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

typedef struct {
  const char      *name;
  TbTemplateField  field;
} FieldName;

/* Canonical names first: tb_template_field_to_string() reads them. */
static const FieldName field_names[] = {
  { "first_name", TB_TEMPLATE_FIELD_FIRST_NAME },
  { "last_name", TB_TEMPLATE_FIELD_LAST_NAME },
  { "phone", TB_TEMPLATE_FIELD_PHONE },
  { "zip", TB_TEMPLATE_FIELD_ZIP },
  { "texter_name", TB_TEMPLATE_FIELD_TEXTER_NAME },
  /* Spoke's names. */
  { "firstName", TB_TEMPLATE_FIELD_FIRST_NAME },
  { "lastName", TB_TEMPLATE_FIELD_LAST_NAME },
  { "cell", TB_TEMPLATE_FIELD_PHONE },
};
#define N_CANONICAL_FIELDS 5

/* The unknown-field message lists at most this many known fields. */
#define MAX_LISTED_FIELDS 30
/* "Did you mean" is worked out for this many unknown fields at most. */
#define MAX_SUGGESTIONS 50
/* Names quoted in messages are cut to this many characters. */
#define MAX_QUOTED_CHARS 40

static void
trim (const char **start,
      const char **end)
{
  while (*start < *end && tb_template_is_space (**start))
    (*start)++;
  while (*end > *start && tb_template_is_space ((*end)[-1]))
    (*end)--;
}

static gsize
count_chars (const char *p,
             gsize       len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (((guchar) p[i] & 0xC0) != 0x80)
      n++;
  return n;
}

static gsize
char_offset_at (TbTemplateParser *parser,
                gsize             byte)
{
  if (byte < parser->cursor_byte)
    {
      parser->cursor_byte = 0;
      parser->cursor_char = 0;
    }
  parser->cursor_char += count_chars (parser->source + parser->cursor_byte,
                                      byte - parser->cursor_byte);
  parser->cursor_byte = byte;
  return parser->cursor_char;
}

void
tb_template_problem_clear (gpointer data)
{
  TbTemplateProblem *problem = data;

  g_clear_pointer (&problem->message, g_free);
}

void
tb_template_span_clear (gpointer data)
{
  TbTemplateSpan *span = data;

  g_clear_pointer (&span->name, g_free);
  g_clear_pointer (&span->fallback, g_free);
}

/* The text quoted in a message, cut when long. */
static char *
quote_for_message (const char *p,
                   gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (p, len);

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

static void
add_problem (TbTemplateParser *parser,
             TbTemplateError   kind,
             gsize             offset,
             gsize             length,
             char             *message)
{
  TbTemplateProblem problem;

  if (parser->problems == NULL)
    {
      g_free (message);
      return;
    }
  problem.kind = kind;
  problem.offset = offset;
  problem.length = length;
  problem.char_offset = char_offset_at (parser, offset);
  problem.char_length = count_chars (parser->source + offset,
                                     MIN (length, parser->length - offset));
  problem.message = message;
  g_array_append_val (parser->problems, problem);
}

static void
add_literal (TbTemplateParser *parser,
             const char       *p,
             gsize             len)
{
  TbTemplateOp *last;
  TbTemplateOp op = { OP_LITERAL, G_MAXUINT, 0, len, FALSE };

  if (parser->ops == NULL || len == 0)
    return;

  last = parser->ops->len > 0
    ? &g_array_index (parser->ops, TbTemplateOp, parser->ops->len - 1)
    : NULL;
  if (last != NULL && last->field == OP_LITERAL
      && last->offset + last->length == parser->buffer->len)
    {
      last->length += len;
    }
  else
    {
      op.offset = parser->buffer->len;
      g_array_append_val (parser->ops, op);
    }
  g_string_append_len (parser->buffer, p, len);
}

gboolean
tb_template_lookup_standard (const char      *name,
                 gsize            len,
                 TbTemplateField *field)
{
  for (gsize i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (strlen (field_names[i].name) == len
        && g_ascii_strncasecmp (field_names[i].name, name, len) == 0)
      {
        *field = field_names[i].field;
        return TRUE;
      }
  return FALSE;
}

static guint
n_custom_fields (TbTemplateParser *parser)
{
  return parser->custom_fields ? g_strv_length ((char **) parser->custom_fields) : 0;
}

static char **
custom_folded (TbTemplateParser *parser)
{
  if (parser->custom_folded == NULL)
    {
      guint n = n_custom_fields (parser);

      parser->custom_folded = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        parser->custom_folded[i] = g_utf8_casefold (parser->custom_fields[i], -1);
    }
  return parser->custom_folded;
}

/* Standard names win; then a custom header exactly; then the one custom
 * header that matches in any case. */
static gboolean
resolve (TbTemplateParser *parser,
         const char       *name,
         gsize             len,
         TbTemplateField  *field,
         guint            *custom_index)
{
  guint n = n_custom_fields (parser);
  g_autofree char *folded = NULL;
  guint found = G_MAXUINT;

  *custom_index = G_MAXUINT;
  if (tb_template_lookup_standard (name, len, field))
    return TRUE;

  *field = TB_TEMPLATE_FIELD_CUSTOM;
  for (guint i = 0; i < n; i++)
    if (strlen (parser->custom_fields[i]) == len
        && memcmp (parser->custom_fields[i], name, len) == 0)
      {
        *custom_index = i;
        return TRUE;
      }

  folded = g_utf8_casefold (name, len);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (custom_folded (parser)[i], folded))
      {
        if (found != G_MAXUINT)
          return FALSE;
        found = i;
      }
  *custom_index = found;
  return found != G_MAXUINT;
}

/* Edit distance in code points, for "Did you mean"; long names skip it. */
static guint
edit_distance (const char *a,
               const char *b)
{
  glong la = 0, lb = 0;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &la);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &lb);
  g_autofree guint *row = NULL;

  if (la > 64 || lb > 64)
    return G_MAXUINT;

  row = g_new (guint, lb + 1);
  for (glong j = 0; j <= lb; j++)
    row[j] = j;
  for (glong i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint best = diag + (ua[i - 1] == ub[j - 1] ? 0 : 1);

          best = MIN (best, up + 1);
          best = MIN (best, row[j - 1] + 1);
          diag = up;
          row[j] = best;
        }
    }
  return row[lb];
}

static const char *
suggest (TbTemplateParser *parser,
         const char       *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  const char *best = NULL;
  guint best_distance = 3;
  guint n = n_custom_fields (parser);

  for (gsize i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      g_autofree char *candidate = g_utf8_casefold (field_names[i].name, -1);
      guint d = edit_distance (folded, candidate);

      if (d < best_distance)
        {
          best_distance = d;
          best = tb_template_field_to_string (field_names[i].field);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      guint d = edit_distance (folded, custom_folded (parser)[i]);

      if (d < best_distance)
        {
          best_distance = d;
          best = parser->custom_fields[i];
        }
    }
  /* Two letters off a three-letter name is not a suggestion. */
  if (best != NULL && best_distance * 2 >= (guint) g_utf8_strlen (folded, -1))
    return NULL;
  return best;
}

static char *
known_fields_list (TbTemplateParser *parser)
{
  GString *list = g_string_new (NULL);
  guint n = n_custom_fields (parser);
  guint listed = 0;

  for (guint i = 0; i < N_CANONICAL_FIELDS; i++, listed++)
    g_string_append_printf (list, "%s%s", i ? ", " : "", field_names[i].name);
  for (guint i = 0; i < n && listed < MAX_LISTED_FIELDS; i++, listed++)
    g_string_append_printf (list, ", %s", parser->custom_fields[i]);
  if (n + N_CANONICAL_FIELDS > listed)
    g_string_append_printf (list, _(" and %u more"), n + N_CANONICAL_FIELDS - listed);
  return g_string_free (list, FALSE);
}

static void
problem_unknown (TbTemplateParser *parser,
                 gsize             open,
                 gsize             close,
                 const char       *name)
{
  gsize at;
  g_autofree char *quoted = NULL;
  g_autofree char *known = NULL;
  const char *suggestion = NULL;
  char *message;

  if (parser->problems == NULL)
    return;

  at = char_offset_at (parser, open) + 1;
  quoted = quote_for_message (parser->source + open + 1, close - open - 1);
  known = known_fields_list (parser);
  /* Suggestions compare with every column: only for the first few, so a
   * pasted wall of braces against 2,000 columns stays quick. */
  if (parser->n_suggested++ < MAX_SUGGESTIONS)
    suggestion = suggest (parser, name);

  if (suggestion != NULL)
    message = g_strdup_printf (_("Unknown field {%s} at character %zu. "
                                 "Did you mean {%s}? Known fields: %s."),
                               quoted, at, suggestion, known);
  else
    message = g_strdup_printf (_("Unknown field {%s} at character %zu. "
                                 "Known fields: %s."),
                               quoted, at, known);
  add_problem (parser, TB_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER, open, close + 1 - open, message);
}

/* The placeholder between the braces at open and close. */
static void
parse_placeholder (TbTemplateParser *parser,
                   gsize             open,
                   gsize             close)
{
  const char *s = parser->source;
  const char *name = s + open + 1;
  const char *name_end = s + close;
  const char *bar = memchr (name, '|', close - open - 1);
  const char *fallback = NULL;
  const char *fallback_end = NULL;
  TbTemplateField field = TB_TEMPLATE_FIELD_CUSTOM;
  guint custom_index = G_MAXUINT;
  gboolean known = FALSE;

  if (bar != NULL)
    {
      fallback = bar + 1;
      fallback_end = name_end;
      name_end = bar;
      trim (&fallback, &fallback_end);
    }
  trim (&name, &name_end);

  if (name == name_end)
    {
      gsize at = char_offset_at (parser, open) + 1;
      g_autofree char *quoted = quote_for_message (s + open, close + 1 - open);
      char *message;

      if (bar != NULL)
        message = g_strdup_printf (_("The placeholder %s at character %zu"
                                     " has no field name before the bar, e.g. "
                                     "{first_name|friend}."),
                                   quoted, at);
      else
        message = g_strdup_printf (_("Empty placeholder %s at character %zu"
                                     ". Put a field name between the braces, e.g. "
                                     "{first_name}, or write {{ for a literal brace."),
                                   quoted, at);
      add_problem (parser, TB_TEMPLATE_ERROR_EMPTY_PLACEHOLDER, open, close + 1 - open, message);
    }
  else
    {
      known = resolve (parser, name, name_end - name, &field, &custom_index);
      if (!known)
        {
          g_autofree char *plain = g_strndup (name, name_end - name);
          problem_unknown (parser, open, close, plain);
        }
    }

  if (parser->spans != NULL)
    {
      TbTemplateSpan span;

      span.offset = open;
      span.length = close + 1 - open;
      span.char_offset = char_offset_at (parser, open);
      span.char_length = count_chars (s + open, close + 1 - open);
      span.known = known;
      span.field = field;
      span.custom_index = custom_index;
      span.name = g_strndup (name, name_end - name);
      span.fallback = fallback ? g_strndup (fallback, fallback_end - fallback) : NULL;
      g_array_append_val (parser->spans, span);
    }

  if (parser->ops != NULL && known)
    {
      TbTemplateOp op = { field, custom_index, parser->buffer->len, 0, fallback != NULL };

      if (fallback != NULL)
        {
          op.length = fallback_end - fallback;
          g_string_append_len (parser->buffer, fallback, op.length);
        }
      g_array_append_val (parser->ops, op);
    }
}

/* Every { matched with its } by depth, once, so nested braces stay linear. */
static gssize
brace_match (TbTemplateParser *parser,
             gsize             open)
{
  if (parser->brace_match == NULL)
    {
      g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gsize));

      parser->brace_match = g_new (gssize, parser->length);
      for (gsize i = 0; i < parser->length; i++)
        {
          parser->brace_match[i] = -1;
          if (parser->source[i] == '{')
            g_array_append_val (stack, i);
          else if (parser->source[i] == '}' && stack->len > 0)
            {
              gsize o = g_array_index (stack, gsize, stack->len - 1);

              g_array_set_size (stack, stack->len - 1);
              parser->brace_match[o] = i;
            }
        }
    }
  return parser->brace_match[open];
}

static void
problem_unclosed (TbTemplateParser *parser,
                  gsize             open)
{
  gsize at = char_offset_at (parser, open) + 1;

  add_problem (parser, TB_TEMPLATE_ERROR_UNBALANCED_BRACE, open, 1,
               g_strdup_printf (_("The brace { at character %zu"
                                  " is never closed. Close the placeholder with }, "
                                  "or write {{ for a literal brace."), at));
}

static void
parse (TbTemplateParser *parser)
{
  const char *s = parser->source;
  gsize n = parser->length;
  gsize i = 0;
  /* The character offset of a {{ with no brace after it yet: "{{name}" is
   * most likely a placeholder typed with one brace too many. */
  gssize open_literal_at = -1;

  while (i < n)
    {
      gsize j;

      if (s[i] == '{')
        {
          if (i + 1 < n && s[i + 1] == '{')
            {
              open_literal_at = char_offset_at (parser, i);
              add_literal (parser, "{", 1);
              i += 2;
              continue;
            }

          open_literal_at = -1;

          for (j = i + 1; j < n && s[j] != '{' && s[j] != '}'; j++)
            ;
          if (j < n && s[j] == '}')
            {
              parse_placeholder (parser, i, j);
              i = j + 1;
            }
          else if (j < n && brace_match (parser, i) >= 0)
            {
              gsize close = brace_match (parser, i);
              gsize at = char_offset_at (parser, i) + 1;
              g_autofree char *quoted = quote_for_message (s + i, close + 1 - i);

              add_problem (parser, TB_TEMPLATE_ERROR_NESTED_BRACE, i, close + 1 - i,
                           g_strdup_printf (_("A brace inside the placeholder %s at "
                                              "character %zu. A placeholder "
                                              "holds one field name, without { or }."),
                                            quoted, at));
              i = close + 1;
            }
          else
            {
              problem_unclosed (parser, i);
              add_literal (parser, "{", 1);
              i++;
            }
        }
      else if (s[i] == '}')
        {
          gsize at;

          if (i + 1 < n && s[i + 1] == '}')
            {
              open_literal_at = -1;
              add_literal (parser, "}", 1);
              i += 2;
              continue;
            }

          at = char_offset_at (parser, i) + 1;
          if (open_literal_at >= 0)
            add_problem (parser, TB_TEMPLATE_ERROR_UNBALANCED_BRACE, i, 1,
                         g_strdup_printf (_("The brace } at character %zu"
                                            " closes no placeholder: the {{ at character %zu"
                                            " is a literal brace. Write "
                                            "{first_name} for a placeholder, or }} for a "
                                            "literal brace."),
                                          at, (gsize) open_literal_at + 1));
          else
            add_problem (parser, TB_TEMPLATE_ERROR_UNBALANCED_BRACE, i, 1,
                         g_strdup_printf (_("The brace } at character %zu"
                                            " closes no placeholder. Write }} for a "
                                            "literal brace."),
                                          at));
          open_literal_at = -1;
          add_literal (parser, "}", 1);
          i++;
        }
      else
        {
          for (j = i + 1; j < n && s[j] != '{' && s[j] != '}'; j++)
            ;
          add_literal (parser, s + i, j - i);
          i = j;
        }
    }
}

/* Parses the valid UTF-8 prefix, then reports where it ends. */
static void
tb_template_parser_run (TbTemplateParser *parser)
{
  const char *end = NULL;
  gboolean valid = g_utf8_validate (parser->source, -1, &end);

  parser->length = end - parser->source;
  parse (parser);

  if (!valid)
    {
      gsize offset = parser->length;

      add_problem (parser, TB_TEMPLATE_ERROR_INVALID_UTF8, offset, 1,
                   g_strdup_printf (_("The text is not valid UTF-8 at byte %zu"
                                      " (after character %zu)."),
                                    offset + 1, char_offset_at (parser, offset)));
      /* char_length counted nothing: the byte is not a character. */
      if (parser->problems != NULL)
        g_array_index (parser->problems, TbTemplateProblem,
                       parser->problems->len - 1).char_length = 1;
    }
}

/* Names from the caller should be UTF-8; any that is not is matched and
 * quoted as made valid, so messages stay UTF-8. Indexes do not change. */
static void
tb_template_parser_init_fields (TbTemplateParser   *parser,
                                const char * const *custom_fields)
{
  guint n = custom_fields ? g_strv_length ((char **) custom_fields) : 0;
  gboolean all_valid = TRUE;

  for (guint i = 0; i < n && all_valid; i++)
    all_valid = g_utf8_validate (custom_fields[i], -1, NULL);

  parser->custom_fields = custom_fields;
  if (all_valid)
    return;

  parser->custom_valid = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    parser->custom_valid[i] = g_utf8_make_valid (custom_fields[i], -1);
  parser->custom_fields = (const char * const *) parser->custom_valid;
}

static void
tb_template_parser_clear (TbTemplateParser *parser)
{
  g_clear_pointer (&parser->custom_valid, g_strfreev);
  g_clear_pointer (&parser->custom_folded, g_strfreev);
  g_clear_pointer (&parser->brace_match, g_free);
}

void
tb_template_parse (const char         *source,
                   const char * const *custom_fields,
                   GArray             *problems,
                   GArray             *spans,
                   GArray             *ops,
                   GString            *buffer)
{
  TbTemplateParser parser = { 0 };

  parser.source = source;
  tb_template_parser_init_fields (&parser, custom_fields);
  parser.problems = problems;
  parser.spans = spans;
  parser.ops = ops;
  parser.buffer = buffer;
  tb_template_parser_run (&parser);
  tb_template_parser_clear (&parser);
}

GArray *
tb_template_problems_new (void)
{
  GArray *problems = g_array_new (FALSE, FALSE, sizeof (TbTemplateProblem));

  g_array_set_clear_func (problems, tb_template_problem_clear);
  return problems;
}

GArray *
tb_template_lint (const char         *source,
                  const char * const *custom_fields)
{
  GArray *problems;

  g_return_val_if_fail (source != NULL, NULL);

  problems = tb_template_problems_new ();
  tb_template_parse (source, custom_fields, problems, NULL, NULL, NULL);
  return problems;
}

GArray *
tb_template_scan (const char         *source,
                  const char * const *custom_fields)
{
  GArray *spans;

  g_return_val_if_fail (source != NULL, NULL);

  spans = g_array_new (FALSE, FALSE, sizeof (TbTemplateSpan));
  g_array_set_clear_func (spans, tb_template_span_clear);
  tb_template_parse (source, custom_fields, NULL, spans, NULL, NULL);
  return spans;
}

const char *
tb_template_field_to_string (TbTemplateField field)
{
  for (guint i = 0; i < N_CANONICAL_FIELDS; i++)
    if (field_names[i].field == field)
      return field_names[i].name;
  return "custom";
}

gboolean
tb_template_field_from_string (const char      *name,
                               TbTemplateField *field)
{
  TbTemplateField found;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!tb_template_lookup_standard (name, strlen (name), &found))
    return FALSE;
  if (field != NULL)
    *field = found;
  return TRUE;
}

