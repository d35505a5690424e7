/* test-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-template.h"
#include "tb-segments.h"

#include <string.h>

static const char * const custom_fields[] = {
  "Precinct", "Polling Place", "Empty", "Ward #3", "Blank", NULL,
};

typedef struct {
  const char *standard[5];   /* by TbTemplateField */
  const char *custom[5];     /* by index into custom_fields */
} Contact;

static const Contact ana = {
  { "Ana", "Lopez", "+12025550143", "20001", "Sam" },
  { "12A", "City Hall", "", "3", "   " },
};

static const char *
contact_lookup (TbTemplateField  field,
                guint            custom_index,
                const char      *custom_name,
                gpointer         user_data)
{
  const Contact *contact = user_data;

  if (field == TB_TEMPLATE_FIELD_CUSTOM)
    {
      g_assert_cmpuint (custom_index, <, G_N_ELEMENTS (custom_fields) - 1);
      g_assert_cmpstr (custom_name, ==, custom_fields[custom_index]);
      return contact->custom[custom_index];
    }
  g_assert_cmpuint (custom_index, ==, G_MAXUINT);
  g_assert_null (custom_name);
  return contact->standard[field];
}

static char *
render (const char            *source,
        const Contact         *contact,
        TbTemplateRenderFlags  flags,
        guint                 *n_empty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTemplate) template = tb_template_new (source, custom_fields, &error);
  g_autoptr(GString) out = g_string_new ("junk");
  g_autofree char *rendered = NULL;
  guint empty;

  if (template == NULL)
    g_error ("\"%s\" should parse: %s", source, error->message);

  /* Both ways give the same text. */
  rendered = tb_template_render (template, contact_lookup, (gpointer) contact, flags);
  g_string_truncate (out, 0);
  empty = tb_template_render_into (template, contact_lookup, (gpointer) contact, flags, out);
  g_assert_cmpstr (rendered, ==, out->str);
  g_assert_true (g_utf8_validate (rendered, -1, NULL));
  if (n_empty != NULL)
    *n_empty = empty;
  return g_steal_pointer (&rendered);
}

typedef struct {
  const char *source;
  const char *expected;
  guint       n_empty;
} RenderCase;

static const RenderCase render_cases[] = {
  { "", "", 0 },
  { "no placeholders", "no placeholders", 0 },
  /* Every standard placeholder. */
  { "Hi {first_name}!", "Hi Ana!", 0 },
  { "{last_name}", "Lopez", 0 },
  { "{phone}", "+12025550143", 0 },
  { "{zip}", "20001", 0 },
  { "It's {texter_name}", "It's Sam", 0 },
  { "{first_name}{last_name}", "AnaLopez", 0 },
  /* Spoke's names, any case, spaces inside the braces. */
  { "{firstName} {lastName} {cell}", "Ana Lopez +12025550143", 0 },
  { "{FIRST_NAME} {Last_Name} {CELL} {Zip}", "Ana Lopez +12025550143 20001", 0 },
  { "{ first_name } {\tzip\t}", "Ana 20001", 0 },
  /* Custom fields by header, including spaces and punctuation. */
  { "Precinct {Precinct}", "Precinct 12A", 0 },
  { "at {Polling Place}", "at City Hall", 0 },
  { "ward {Ward #3}", "ward 3", 0 },
  { "{precinct} {POLLING PLACE}", "12A City Hall", 0 },
  /* Fallbacks. */
  { "Hi {first_name|friend}", "Hi Ana", 0 },
  { "Hi {Empty|friend}", "Hi friend", 0 },
  { "Hi {Blank|friend}", "Hi friend", 0 },
  { "Hi {Empty | my friend }!", "Hi my friend!", 0 },
  { "Hi {Empty|}!", "Hi !", 0 },
  { "{Empty|a|b}", "a|b", 0 },
  { "{Empty|¡amigo!}", "¡amigo!", 0 },
  { "{Empty}", "", 1 },
  { "{Empty}{Blank}{first_name}", "Ana", 2 },
  /* Literal braces. */
  { "{{", "{", 0 },
  { "}}", "}", 0 },
  { "{{first_name}}", "{first_name}", 0 },
  { "{{{first_name}}}", "{Ana}", 0 },
  { "a {{ b }} c", "a { b } c", 0 },
  { "{{}}", "{}", 0 },
  /* Multi-byte text around placeholders. */
  { "¡Hola {first_name}! 😀 {Precinct}…", "¡Hola Ana! 😀 12A…", 0 },
};

static void
test_render_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      guint n_empty = G_MAXUINT;
      g_autofree char *out = render (render_cases[i].source, &ana, 0, &n_empty);

      if (g_strcmp0 (out, render_cases[i].expected) != 0 || n_empty != render_cases[i].n_empty)
        g_error ("\"%s\": got \"%s\" (%u empty), expected \"%s\" (%u)",
                 render_cases[i].source, out, n_empty,
                 render_cases[i].expected, render_cases[i].n_empty);
    }
}

static void
test_render_missing_values (void)
{
  Contact nobody = { { NULL, "", "  ", "\t\n", NULL }, { NULL, NULL, NULL, NULL, NULL } };
  Contact spaced = { { " Ana ", "Lopez\r\n", NULL, NULL, NULL }, { NULL } };
  Contact tricky = { { "{last_name}", "}}", "%s%n", NULL, NULL }, { NULL } };
  Contact broken = { { "An\xff" "a", NULL, NULL, NULL, NULL }, { NULL } };
  struct {
    const Contact *contact;
    const char    *source;
    const char    *expected;
    guint          n_empty;
  } cases[] = {
    { &nobody, "Hi {first_name|friend}", "Hi friend", 0 },
    { &nobody, "Hi {first_name}", "Hi ", 1 },
    { &nobody, "{last_name|x}{phone|y}{zip|z}", "xyz", 0 },
    { &nobody, "{last_name}{phone}{zip}{texter_name}", "", 4 },
    { &nobody, "{Precinct|?}", "?", 0 },
    /* Values are trimmed. */
    { &spaced, "Hi {first_name} {last_name}.", "Hi Ana Lopez.", 0 },
    /* Values are inserted as they are, never parsed again. */
    { &tricky, "{first_name} {last_name} {phone}", "{last_name} }} %s%n", 0 },
    /* Invalid UTF-8 in a value becomes U+FFFD. */
    { &broken, "Hi {first_name}", "Hi An\xef\xbf\xbd" "a", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n_empty = G_MAXUINT;
      g_autofree char *out = render (cases[i].source, cases[i].contact, 0, &n_empty);

      if (g_strcmp0 (out, cases[i].expected) != 0 || n_empty != cases[i].n_empty)
        g_error ("\"%s\": got \"%s\" (%u empty), expected \"%s\" (%u)",
                 cases[i].source, out, n_empty, cases[i].expected, cases[i].n_empty);
    }
}

static void
test_render_into_appends (void)
{
  g_autoptr(TbTemplate) template = tb_template_new ("Hi {first_name}", NULL, NULL);
  g_autoptr(GString) out = g_string_new ("> ");

  g_assert_nonnull (template);
  g_assert_cmpuint (tb_template_render_into (template, contact_lookup, (gpointer) &ana, 0, out), ==, 0);
  g_assert_cmpstr (out->str, ==, "> Hi Ana");
  tb_template_render_into (template, contact_lookup, (gpointer) &ana, 0, out);
  g_assert_cmpstr (out->str, ==, "> Hi AnaHi Ana");
}

typedef struct {
  const char *input;
  const char *expected;
} NameCase;

static const NameCase name_cases[] = {
  { "JOHN", "John" },
  { "john", "John" },
  { "John", "John" },
  { "JOHN SMITH", "John Smith" },
  { "john smith", "John Smith" },
  { "MARY-ANN", "Mary-Ann" },
  { "mary-ann o'neil", "Mary-Ann O'Neil" },
  { "O'NEIL", "O'Neil" },
  { "o\xe2\x80\x99neil", "O\xe2\x80\x99Neil" },
  { "j.r.", "J.R." },
  { "3RD", "3rd" },
  /* Mixed case is left alone, however odd. */
  { "McDonald", "McDonald" },
  { "DeShawn", "DeShawn" },
  { "mcDONALD", "mcDONALD" },
  { "van der Berg", "van der Berg" },
  { "macdonald", "Macdonald" },
  /* Beyond ASCII. */
  { "\xc3\x89LODIE", "\xc3\x89lodie" },              /* ÉLODIE */
  { "jos\xc3\xa9", "Jos\xc3\xa9" },                   /* josé */
  { "ZO\xc3\x8b", "Zo\xc3\xab" },                     /* ZOË */
  { "\xc3\xa9mile-\xc3\xa9tienne", "\xc3\x89mile-\xc3\x89tienne" },
  { "JOSE\xcc\x81", "Jose\xcc\x81" },                 /* combining accent */
  { "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x99", "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x99" },
  { "\xd0\x98\xd0\x92\xd0\x90\xd0\x9d", "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd" }, /* ИВАН */
  /* Nothing to do. */
  { "", "" },
  { "  ", "  " },
  { "  ANA  ", "  Ana  " },
  { "123", "123" },
  /* Invalid UTF-8 is made valid first. */
  { "\xff" "JOHN", "\xef\xbf\xbd" "John" },
};

static void
test_name_capitalize (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (name_cases); i++)
    {
      g_autofree char *out = tb_name_capitalize (name_cases[i].input);

      if (g_strcmp0 (out, name_cases[i].expected) != 0)
        g_error ("\"%s\": got \"%s\", expected \"%s\"",
                 name_cases[i].input, out, name_cases[i].expected);
    }
}

static void
test_render_capitalize (void)
{
  Contact shouty = {
    { "JOHN", "O'NEIL", "PHONE", "ZIP", "sam lee" },
    { "PRECINCT A", NULL, NULL, NULL, NULL },
  };
  Contact mixed = { { "DeShawn", "McDonald", NULL, NULL, "Sam" }, { NULL } };
  const char *source = "{first_name} {last_name} {phone} {zip} {texter_name} {Precinct} {Empty|FRIEND}";
  g_autofree char *capitalized = render (source, &shouty, TB_TEMPLATE_RENDER_CAPITALIZE_NAMES, NULL);
  g_autofree char *plain = render (source, &shouty, 0, NULL);
  g_autofree char *left_alone = render ("{firstName} {lastName}, {texter_name}", &mixed,
                                        TB_TEMPLATE_RENDER_CAPITALIZE_NAMES, NULL);

  /* Only the name fields; never other fields or the fallback. */
  g_assert_cmpstr (capitalized, ==, "John O'Neil PHONE ZIP Sam Lee PRECINCT A FRIEND");
  g_assert_cmpstr (plain, ==, "JOHN O'NEIL PHONE ZIP sam lee PRECINCT A FRIEND");
  g_assert_cmpstr (left_alone, ==, "DeShawn McDonald, Sam");
}

typedef struct {
  const char      *source;
  guint            n_problems;
  TbTemplateError  kind;          /* of the first problem */
  gsize            offset;
  gsize            length;
  gsize            char_offset;
  gsize            char_length;
  const char      *message_part;  /* found in the first problem's message */
} LintCase;

#define UNKNOWN TB_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER
#define UNBALANCED TB_TEMPLATE_ERROR_UNBALANCED_BRACE
#define EMPTY TB_TEMPLATE_ERROR_EMPTY_PLACEHOLDER
#define NESTED TB_TEMPLATE_ERROR_NESTED_BRACE
#define INVALID TB_TEMPLATE_ERROR_INVALID_UTF8

static const LintCase lint_cases[] = {
  { "Hi {Precint}", 1, UNKNOWN, 3, 9, 3, 9,
    "Unknown field {Precint} at character 4. Did you mean {Precinct}? Known fields: "
    "first_name, last_name, phone, zip, texter_name, Precinct, Polling Place, Empty, "
    "Ward #3, Blank." },
  { "{frist_name}", 1, UNKNOWN, 0, 12, 0, 12, "Did you mean {first_name}?" },
  { "{first name}", 1, UNKNOWN, 0, 12, 0, 12, "Did you mean {first_name}?" },
  { "{xyz}", 1, UNKNOWN, 0, 5, 0, 5, "Unknown field {xyz} at character 1. Known fields:" },
  /* Byte and character offsets part after multi-byte text: ¡ é are two
   * bytes, 😀 four. */
  { "¡Hola, José! 😀 {nombre}", 1, UNKNOWN, 20, 8, 15, 8,
    "Unknown field {nombre} at character 16." },
  { "{Précinct}", 1, UNKNOWN, 0, 11, 0, 10, "Did you mean {Precinct}?" },
  /* Unbalanced braces. */
  { "Hi {first_name", 1, UNBALANCED, 3, 1, 3, 1,
    "The brace { at character 4 is never closed" },
  { "Hi } there", 1, UNBALANCED, 3, 1, 3, 1, "The brace } at character 4 closes no placeholder" },
  { "{first_name}}", 1, UNBALANCED, 12, 1, 12, 1, "character 13" },
  { "Hi {{first_name}", 1, UNBALANCED, 15, 1, 15, 1,
    "The brace } at character 16 closes no placeholder: the {{ at character 4 is a "
    "literal brace. Write {first_name} for a placeholder, or }} for a literal brace." },
  { "Hi {{x}} {{first_name}", 1, UNBALANCED, 21, 1, 21, 1, "the {{ at character 10 is a literal" },
  { "é{", 1, UNBALANCED, 2, 1, 1, 1, "character 2" },
  { "{first_name {last_name}", 1, UNBALANCED, 0, 1, 0, 1, "never closed" },
  { "{a{{b}", 2, UNBALANCED, 0, 1, 0, 1, "never closed" },
  /* Nested. */
  { "{a{b}}", 1, NESTED, 0, 6, 0, 6, "A brace inside the placeholder {a{b}} at character 1" },
  { "x {first_name|{zip}} y", 1, NESTED, 2, 18, 2, 18, "at character 3" },
  /* Empty. */
  { "{}", 1, EMPTY, 0, 2, 0, 2, "Empty placeholder {} at character 1" },
  { "Hi { }", 1, EMPTY, 3, 3, 3, 3, "Empty placeholder { } at character 4" },
  { "{|x}", 1, EMPTY, 0, 4, 0, 4, "{|x} at character 1 has no field name before the bar" },
  { "{ | friend }", 1, EMPTY, 0, 12, 0, 12, "no field name" },
  /* Invalid UTF-8. */
  { "Hi \xff {first_name}", 1, INVALID, 3, 1, 3, 1,
    "not valid UTF-8 at byte 4 (after character 3)" },
  { "é {first_name} \xc3", 1, INVALID, 16, 1, 15, 1, "at byte 17" },
  { "{Precint} \xc0\x80", 2, UNKNOWN, 0, 9, 0, 9, "Unknown field" },
  /* Ambiguous case: two headers differ only in case. */
  { "{ward}", 1, UNKNOWN, 0, 6, 0, 6, "Unknown field {ward}" },
  /* Several problems, in order. */
  { "{Precint} and {x} and } and {", 4, UNKNOWN, 0, 9, 0, 9, "Unknown field {Precint}" },
  /* A long name is cut in the message. */
  { "{This is a sentence someone wrapped in braces by mistake, far too long}", 1, UNKNOWN,
    0, 71, 0, 71, "{This is a sentence someone wrapped in br…} at character 1" },
};

static const char * const ward_fields[] = { "Ward", "WARD", NULL };

static void
test_lint_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (lint_cases); i++)
    {
      const LintCase *c = &lint_cases[i];
      const char * const *fields = g_str_has_prefix (c->source, "{ward") ? ward_fields : custom_fields;
      g_autoptr(GArray) problems = tb_template_lint (c->source, fields);
      g_autoptr(GError) error = NULL;
      g_autoptr(TbTemplate) template = tb_template_new (c->source, fields, &error);
      const TbTemplateProblem *p;

      if (problems->len != c->n_problems)
        g_error ("\"%s\": %u problems, expected %u", c->source, problems->len, c->n_problems);

      p = &g_array_index (problems, TbTemplateProblem, 0);
      if (p->kind != c->kind || p->offset != c->offset || p->length != c->length
          || p->char_offset != c->char_offset || p->char_length != c->char_length)
        g_error ("\"%s\": got kind %d at %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT
                 " (chars %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT "), expected %d at %"
                 G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT " (chars %" G_GSIZE_FORMAT "+%"
                 G_GSIZE_FORMAT ")", c->source, p->kind, p->offset, p->length,
                 p->char_offset, p->char_length, c->kind, c->offset, c->length,
                 c->char_offset, c->char_length);
      if (strstr (p->message, c->message_part) == NULL)
        g_error ("\"%s\": message \"%s\" lacks \"%s\"", c->source, p->message, c->message_part);

      /* Problems come in order, inside the source, each with a message. */
      for (guint j = 0; j < problems->len; j++)
        {
          const TbTemplateProblem *q = &g_array_index (problems, TbTemplateProblem, j);

          g_assert_cmpuint (q->offset + q->length, <=, strlen (c->source));
          g_assert_cmpuint (q->length, >, 0);
          g_assert_true (q->message != NULL && q->message[0] != '\0');
          if (j > 0)
            g_assert_cmpuint (q->offset, >, g_array_index (problems, TbTemplateProblem, j - 1).offset);
        }

      /* Parsing fails with the first problem. */
      g_assert_null (template);
      g_assert_error (error, TB_TEMPLATE_ERROR, (int) c->kind);
      g_assert_cmpstr (error->message, ==, p->message);
    }
}

static void
test_lint_clean (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      g_autoptr(GArray) problems = tb_template_lint (render_cases[i].source, custom_fields);

      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static void
test_lint_several (void)
{
  g_autoptr(GArray) problems = tb_template_lint ("{Precint} and {x} and } and {", custom_fields);
  const gsize offsets[] = { 0, 14, 22, 28 };
  const TbTemplateError kinds[] = { UNKNOWN, UNKNOWN, UNBALANCED, UNBALANCED };

  g_assert_cmpuint (problems->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (g_array_index (problems, TbTemplateProblem, i).offset, ==, offsets[i]);
      g_assert_cmpint (g_array_index (problems, TbTemplateProblem, i).kind, ==, kinds[i]);
    }
}

static void
test_lint_no_custom_fields (void)
{
  g_autoptr(GArray) problems = tb_template_lint ("{Precinct}", NULL);
  g_autoptr(TbTemplate) template = tb_template_new ("{first_name}", NULL, NULL);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_array_index (problems, TbTemplateProblem, 0).message,
                            "Known fields: first_name, last_name, phone, zip, texter_name."));
  g_assert_nonnull (template);
}

static void
test_lint_many_fields (void)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) problems = NULL;
  const char *message;

  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (fields, g_strdup_printf ("Column %u", i));
  g_ptr_array_add (fields, NULL);

  problems = tb_template_lint ("{nope}", (const char * const *) fields->pdata);
  message = g_array_index (problems, TbTemplateProblem, 0).message;
  g_assert_nonnull (strstr (message, "Column 24 and 25 more."));
  g_assert_null (strstr (message, "Column 25"));
}

static void
test_scan (void)
{
  const char *source = "¡Hi {first_name|friend}, {{x}} {Precinct} {nope} {} {a{b}}";
  g_autoptr(GArray) spans = tb_template_scan (source, custom_fields);
  const TbTemplateSpan *s;

  g_assert_cmpuint (spans->len, ==, 4);

  s = &g_array_index (spans, TbTemplateSpan, 0);
  g_assert_cmpuint (s->offset, ==, 5);
  g_assert_cmpuint (s->length, ==, 19);
  g_assert_cmpuint (s->char_offset, ==, 4);
  g_assert_cmpuint (s->char_length, ==, 19);
  g_assert_true (s->known);
  g_assert_cmpint (s->field, ==, TB_TEMPLATE_FIELD_FIRST_NAME);
  g_assert_cmpuint (s->custom_index, ==, G_MAXUINT);
  g_assert_cmpstr (s->name, ==, "first_name");
  g_assert_cmpstr (s->fallback, ==, "friend");

  s = &g_array_index (spans, TbTemplateSpan, 1);
  g_assert_cmpuint (s->offset, ==, 32);
  g_assert_cmpuint (s->char_offset, ==, 31);
  g_assert_true (s->known);
  g_assert_cmpint (s->field, ==, TB_TEMPLATE_FIELD_CUSTOM);
  g_assert_cmpuint (s->custom_index, ==, 0);
  g_assert_cmpstr (s->name, ==, "Precinct");
  g_assert_null (s->fallback);

  s = &g_array_index (spans, TbTemplateSpan, 2);
  g_assert_false (s->known);
  g_assert_cmpstr (s->name, ==, "nope");
  g_assert_cmpuint (s->length, ==, 6);

  s = &g_array_index (spans, TbTemplateSpan, 3);
  g_assert_false (s->known);
  g_assert_cmpstr (s->name, ==, "");
  g_assert_cmpuint (s->length, ==, 2);

  /* Every span covers its braces. */
  for (guint i = 0; i < spans->len; i++)
    {
      s = &g_array_index (spans, TbTemplateSpan, i);
      g_assert_cmpint (source[s->offset], ==, '{');
      g_assert_cmpint (source[s->offset + s->length - 1], ==, '}');
      g_assert_cmpuint (g_utf8_pointer_to_offset (source, source + s->offset), ==, s->char_offset);
    }
}

static void
test_scan_invalid_utf8 (void)
{
  g_autoptr(GArray) spans = tb_template_scan ("{zip} \xff {phone}", NULL);

  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (g_array_index (spans, TbTemplateSpan, 0).field, ==, TB_TEMPLATE_FIELD_ZIP);
}

static void
test_fields (void)
{
  struct { const char *name; gboolean ok; TbTemplateField field; } cases[] = {
    { "first_name", TRUE, TB_TEMPLATE_FIELD_FIRST_NAME },
    { "firstName", TRUE, TB_TEMPLATE_FIELD_FIRST_NAME },
    { "FIRSTNAME", TRUE, TB_TEMPLATE_FIELD_FIRST_NAME },
    { "lastName", TRUE, TB_TEMPLATE_FIELD_LAST_NAME },
    { "cell", TRUE, TB_TEMPLATE_FIELD_PHONE },
    { "phone", TRUE, TB_TEMPLATE_FIELD_PHONE },
    { "zip", TRUE, TB_TEMPLATE_FIELD_ZIP },
    { "texter_name", TRUE, TB_TEMPLATE_FIELD_TEXTER_NAME },
    { "first", FALSE, 0 },
    { "Precinct", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TbTemplateField field = 99;

      g_assert_cmpint (tb_template_field_from_string (cases[i].name, &field), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (field, ==, cases[i].field);
    }

  g_assert_cmpstr (tb_template_field_to_string (TB_TEMPLATE_FIELD_FIRST_NAME), ==, "first_name");
  g_assert_cmpstr (tb_template_field_to_string (TB_TEMPLATE_FIELD_LAST_NAME), ==, "last_name");
  g_assert_cmpstr (tb_template_field_to_string (TB_TEMPLATE_FIELD_PHONE), ==, "phone");
  g_assert_cmpstr (tb_template_field_to_string (TB_TEMPLATE_FIELD_ZIP), ==, "zip");
  g_assert_cmpstr (tb_template_field_to_string (TB_TEMPLATE_FIELD_TEXTER_NAME), ==, "texter_name");
}

static void
test_uses_field (void)
{
  g_autoptr(TbTemplate) template = tb_template_new ("{cell} {polling place|x} {{zip}}",
                                                    custom_fields, NULL);

  g_assert_nonnull (template);
  g_assert_true (tb_template_uses_field (template, TB_TEMPLATE_FIELD_PHONE, NULL));
  g_assert_false (tb_template_uses_field (template, TB_TEMPLATE_FIELD_ZIP, NULL));
  g_assert_false (tb_template_uses_field (template, TB_TEMPLATE_FIELD_FIRST_NAME, NULL));
  g_assert_true (tb_template_uses_field (template, TB_TEMPLATE_FIELD_CUSTOM, "Polling Place"));
  g_assert_false (tb_template_uses_field (template, TB_TEMPLATE_FIELD_CUSTOM, "Precinct"));
  g_assert_false (tb_template_uses_field (template, TB_TEMPLATE_FIELD_CUSTOM, NULL));
  g_assert_cmpstr (tb_template_get_source (template), ==, "{cell} {polling place|x} {{zip}}");
}

static void
test_boxed (void)
{
  g_autoptr(TbTemplate) template = tb_template_new ("{zip}", NULL, NULL);
  TbTemplate *copy = g_boxed_copy (TB_TYPE_TEMPLATE, template);

  g_assert_true (copy == template);
  g_boxed_free (TB_TYPE_TEMPLATE, copy);
  g_assert_cmpstr (tb_template_get_source (template), ==, "{zip}");
}

/* 100 KB of text, thousands of placeholders. */
static void
test_long_template (void)
{
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTemplate) template = NULL;
  g_autoptr(GArray) problems = NULL;
  g_autofree char *out = NULL;
  guint n = 0;

  while (source->len < 100 * 1024)
    {
      g_string_append (source, "Hi {first_name|friend}, precinct {Precinct} {{ok}} é😀. ");
      g_string_append (expected, "Hi Ana, precinct 12A {ok} é😀. ");
      n++;
    }
  g_assert_cmpuint (n, >, 1000);

  template = tb_template_new (source->str, custom_fields, &error);
  g_assert_no_error (error);
  out = tb_template_render (template, contact_lookup, (gpointer) &ana, 0);
  g_assert_cmpstr (out, ==, expected->str);

  /* One mistake at the very end is found at its place. */
  g_string_append (source, "{Precint}");
  problems = tb_template_lint (source->str, custom_fields);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (g_array_index (problems, TbTemplateProblem, 0).offset, ==, source->len - 9);
  g_assert_cmpuint (g_array_index (problems, TbTemplateProblem, 0).char_offset, ==,
                    g_utf8_strlen (source->str, -1) - 9);
}

static void
test_many_placeholders (void)
{
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(TbTemplate) template = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autofree char *out = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (source, "{Precinct}");
  template = tb_template_new (source->str, custom_fields, NULL);
  g_assert_nonnull (template);
  out = tb_template_render (template, contact_lookup, (gpointer) &ana, 0);
  g_assert_cmpuint (strlen (out), ==, 30000);
  g_assert_true (g_str_has_prefix (out, "12A12A"));

  spans = tb_template_scan (source->str, custom_fields);
  g_assert_cmpuint (spans->len, ==, 10000);
}

/* Pathological sources stay linear: every brace unclosed, or all nested. */
static void
test_pathological (void)
{
  g_autoptr(GString) unclosed = g_string_new (NULL);
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autoptr(GArray) p1 = NULL;
  g_autoptr(GArray) p2 = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();

  for (guint i = 0; i < 50000; i++)
    g_string_append (unclosed, "{a");
  for (guint i = 0; i < 50000; i++)
    g_string_append (nested, "{a");
  for (guint i = 0; i < 50000; i++)
    g_string_append_c (nested, '}');

  p1 = tb_template_lint (unclosed->str, custom_fields);
  g_assert_cmpuint (p1->len, ==, 50000);
  g_assert_cmpint (g_array_index (p1, TbTemplateProblem, 49999).kind, ==, UNBALANCED);

  p2 = tb_template_lint (nested->str, custom_fields);
  g_assert_cmpuint (p2->len, ==, 1);
  g_assert_cmpint (g_array_index (p2, TbTemplateProblem, 0).kind, ==, NESTED);
  g_assert_cmpuint (g_array_index (p2, TbTemplateProblem, 0).length, ==, nested->len);
  g_test_message ("pathological lint: %.3f s", g_timer_elapsed (timer, NULL));

  /* Many unknown fields against many columns: suggestions for the first
   * ones only, every problem still reported. */
  {
    g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) source = g_string_new (NULL);
    g_autoptr(GArray) p3 = NULL;

    for (guint i = 0; i < 2000; i++)
      g_ptr_array_add (fields, g_strdup_printf ("Column number %u", i));
    g_ptr_array_add (fields, NULL);
    for (guint i = 0; i < 2000; i++)
      g_string_append (source, "{Column numbr 7} ");

    p3 = tb_template_lint (source->str, (const char * const *) fields->pdata);
    g_assert_cmpuint (p3->len, ==, 2000);
    g_assert_nonnull (strstr (g_array_index (p3, TbTemplateProblem, 0).message,
                              "Did you mean {Column number 7}?"));
    g_assert_null (strstr (g_array_index (p3, TbTemplateProblem, 1999).message, "Did you mean"));
    g_test_message ("2,000 unknown fields, 2,000 columns: %.3f s", g_timer_elapsed (timer, NULL));
  }
}

typedef struct {
  TbTemplate *template;
  char       *expected;
} ThreadData;

static gpointer
render_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < 20000; i++)
    {
      g_string_truncate (out, 0);
      tb_template_render_into (data->template, contact_lookup, (gpointer) &ana,
                               TB_TEMPLATE_RENDER_CAPITALIZE_NAMES, out);
      if (!g_str_equal (out->str, data->expected))
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  ThreadData data = { NULL, NULL };
  GThread *threads[4];

  data.template = tb_template_new ("Hi {first_name}, {texter_name} at {Polling Place}",
                                   custom_fields, NULL);
  data.expected = tb_template_render (data.template, contact_lookup, (gpointer) &ana,
                                      TB_TEMPLATE_RENDER_CAPITALIZE_NAMES);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_in_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));

  tb_template_unref (data.template);
  g_free (data.expected);
}

/* Rendered text goes on to the segment counter; both agree on UTF-8. */
static void
test_render_then_segments (void)
{
  g_autofree char *out = render ("Hola {first_name} 😀 {Polling Place}", &ana, 0, NULL);
  g_autoptr(TbSegmentInfo) info = tb_segments_count (out, -1);

  g_assert_cmpint (info->encoding, ==, TB_SEGMENT_ENCODING_UCS2);
  g_assert_cmpuint (info->characters, ==, 21);
}

/* Inputs the fuzzer found once crashed or misbehaved; each stays fixed. */
typedef struct {
  const char *source;
  const char *fields[5];
} FuzzCase;

static const FuzzCase fuzz_regressions[] = {
  { "", { NULL } },
  /* A custom field name that is not UTF-8 made the message invalid UTF-8. */
  { "{Precint} {a{b}} {}!6", { "", "\x80`", "", "{", NULL } },
};

static void
test_fuzz_regressions (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fuzz_regressions); i++)
    {
      const FuzzCase *c = &fuzz_regressions[i];
      g_autoptr(GArray) problems = tb_template_lint (c->source, c->fields);
      g_autoptr(GArray) spans = tb_template_scan (c->source, c->fields);
      g_autoptr(TbTemplate) template = tb_template_new (c->source, c->fields, NULL);

      g_assert_cmpint (problems->len == 0, ==, template != NULL);
      for (guint j = 0; j < problems->len; j++)
        g_assert_true (g_utf8_validate (g_array_index (problems, TbTemplateProblem, j).message,
                                        -1, NULL));
      if (template != NULL)
        {
          g_autofree char *out = tb_template_render (template, contact_lookup, (gpointer) &ana,
                                                     TB_TEMPLATE_RENDER_CAPITALIZE_NAMES);
          g_autoptr(TbSegmentInfo) info = tb_segments_count (out, -1);

          g_assert_true (g_utf8_validate (out, -1, NULL));
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/render/table", test_render_table);
  g_test_add_func ("/template/render/missing-values", test_render_missing_values);
  g_test_add_func ("/template/render/into-appends", test_render_into_appends);
  g_test_add_func ("/template/render/capitalize", test_render_capitalize);
  g_test_add_func ("/template/render/then-segments", test_render_then_segments);
  g_test_add_func ("/template/name-capitalize", test_name_capitalize);
  g_test_add_func ("/template/lint/table", test_lint_table);
  g_test_add_func ("/template/lint/clean", test_lint_clean);
  g_test_add_func ("/template/lint/several", test_lint_several);
  g_test_add_func ("/template/lint/no-custom-fields", test_lint_no_custom_fields);
  g_test_add_func ("/template/lint/many-fields", test_lint_many_fields);
  g_test_add_func ("/template/scan", test_scan);
  g_test_add_func ("/template/scan/invalid-utf8", test_scan_invalid_utf8);
  g_test_add_func ("/template/fields", test_fields);
  g_test_add_func ("/template/uses-field", test_uses_field);
  g_test_add_func ("/template/boxed", test_boxed);
  g_test_add_func ("/template/long", test_long_template);
  g_test_add_func ("/template/many-placeholders", test_many_placeholders);
  g_test_add_func ("/template/pathological", test_pathological);
  g_test_add_func ("/template/threads", test_threads);
  g_test_add_func ("/template/fuzz-regressions", test_fuzz_regressions);

  return g_test_run ();
}
