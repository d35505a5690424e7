/* tb-template.c: message templates with {first_name}-style placeholders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-template"

#include "config.h"

#include "tb-template-private.h"

#include <string.h>

/* Immutable once built: threads share it. */
struct _TbTemplate {
  gatomicrefcount  ref_count;
  char            *source;
  char            *buffer;
  TbTemplateOp    *ops;
  guint            n_ops;
  char           **custom_fields;
  gsize            size_hint;
};

G_DEFINE_BOXED_TYPE (TbTemplate, tb_template, tb_template_ref, tb_template_unref)

/* Leading and trailing ASCII space trimmed; NULL when nothing is left.
 * valid tells whether the value is UTF-8: one pass finds both. */
static const char *
trimmed_value (const char *value,
               gsize      *len,
               gboolean   *valid)
{
  const char *end;

  if (value == NULL)
    return NULL;
  while (tb_template_is_space (*value))
    value++;
  if (*value == '\0')
    return NULL;
  *valid = g_utf8_validate (value, -1, &end);
  if (!*valid)
    end = value + strlen (value);
  while (tb_template_is_space (end[-1]))
    end--;
  *len = end - value;
  return value;
}

static void
append_capitalized (GString    *out,
                    const char *name,
                    gsize       len)
{
  const char *end = name + len;
  gboolean has_upper = FALSE;
  gboolean has_lower = FALSE;
  gboolean word_start = TRUE;

  for (const char *p = name; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      has_upper |= g_unichar_isupper (c) || g_unichar_istitle (c);
      has_lower |= g_unichar_islower (c);
    }
  if (has_upper && has_lower)
    {
      g_string_append_len (out, name, len);
      return;
    }

  for (const char *p = name; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          g_string_append_unichar (out, word_start ? g_unichar_totitle (c) : g_unichar_tolower (c));
          word_start = FALSE;
        }
      else
        {
          g_string_append_unichar (out, c);
          /* A digit starts a word but is no capital: "3RD" -> "3rd". A
           * combining mark belongs to the letter before it. */
          if (g_unichar_isdigit (c))
            word_start = FALSE;
          else if (!g_unichar_ismark (c))
            word_start = TRUE;
        }
    }
}

static gboolean
is_name_field (guint field)
{
  return field == TB_TEMPLATE_FIELD_FIRST_NAME
      || field == TB_TEMPLATE_FIELD_LAST_NAME
      || field == TB_TEMPLATE_FIELD_TEXTER_NAME;
}

static void
append_value (GString    *out,
              const char *value,
              gsize       len,
              gboolean    is_valid,
              gboolean    capitalize)
{
  g_autofree char *valid = NULL;

  if (G_UNLIKELY (!is_valid))
    {
      valid = g_utf8_make_valid (value, len);
      value = valid;
      len = strlen (valid);
    }
  if (capitalize)
    append_capitalized (out, value, len);
  else
    g_string_append_len (out, value, len);
}

TbTemplate *
tb_template_new (const char          *source,
                 const char * const  *custom_fields,
                 GError             **error)
{
  g_autoptr(GArray) problems = NULL;
  g_autoptr(GArray) ops = NULL;
  g_autoptr(GString) buffer = NULL;
  TbTemplate *self;
  guint n_custom;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = tb_template_problems_new ();
  ops = g_array_new (FALSE, FALSE, sizeof (TbTemplateOp));
  buffer = g_string_new (NULL);
  tb_template_parse (source, custom_fields, problems, NULL, ops, buffer);

  if (problems->len > 0)
    {
      TbTemplateProblem *first = &g_array_index (problems, TbTemplateProblem, 0);

      g_set_error_literal (error, TB_TEMPLATE_ERROR, first->kind, first->message);
      return NULL;
    }

  self = g_new0 (TbTemplate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->source = g_strdup (source);
  self->size_hint = buffer->len;
  self->buffer = g_string_free (g_steal_pointer (&buffer), FALSE);
  self->n_ops = ops->len;
  self->ops = (TbTemplateOp *) (void *) g_array_free (g_steal_pointer (&ops), FALSE);
  n_custom = custom_fields ? g_strv_length ((char **) custom_fields) : 0;
  self->custom_fields = g_new0 (char *, n_custom + 1);
  for (guint i = 0; i < n_custom; i++)
    self->custom_fields[i] = g_strdup (custom_fields[i]);
  for (guint i = 0; i < self->n_ops; i++)
    if (self->ops[i].field != OP_LITERAL)
      self->size_hint += 16;

  return self;
}

TbTemplate *
tb_template_ref (TbTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tb_template_unref (TbTemplate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->source);
  g_free (self->buffer);
  g_free (self->ops);
  g_strfreev (self->custom_fields);
  g_free (self);
}

const char *
tb_template_get_source (TbTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source;
}

gboolean
tb_template_uses_field (TbTemplate      *self,
                        TbTemplateField  field,
                        const char      *custom_name)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_ops; i++)
    {
      const TbTemplateOp *op = &self->ops[i];

      if (op->field != (guint) field)
        continue;
      if (field != TB_TEMPLATE_FIELD_CUSTOM)
        return TRUE;
      if (custom_name != NULL && g_str_equal (self->custom_fields[op->custom_index], custom_name))
        return TRUE;
    }
  return FALSE;
}

guint
tb_template_render_into (TbTemplate            *self,
                         TbTemplateLookup       lookup,
                         gpointer               user_data,
                         TbTemplateRenderFlags  flags,
                         GString               *out)
{
  gboolean capitalize = (flags & TB_TEMPLATE_RENDER_CAPITALIZE_NAMES) != 0;
  guint n_empty = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (lookup != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);

  for (guint i = 0; i < self->n_ops; i++)
    {
      const TbTemplateOp *op = &self->ops[i];
      const char *value;
      gsize len = 0;
      gboolean valid = TRUE;

      if (op->field == OP_LITERAL)
        {
          g_string_append_len (out, self->buffer + op->offset, op->length);
          continue;
        }

      value = lookup (op->field, op->custom_index,
                      op->field == TB_TEMPLATE_FIELD_CUSTOM
                        ? self->custom_fields[op->custom_index] : NULL,
                      user_data);
      value = trimmed_value (value, &len, &valid);
      if (value != NULL)
        append_value (out, value, len, valid, capitalize && is_name_field (op->field));
      else if (op->has_fallback)
        g_string_append_len (out, self->buffer + op->offset, op->length);
      else
        n_empty++;
    }
  return n_empty;
}

char *
tb_template_render (TbTemplate            *self,
                    TbTemplateLookup       lookup,
                    gpointer               user_data,
                    TbTemplateRenderFlags  flags)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_sized_new (self->size_hint);
  tb_template_render_into (self, lookup, user_data, flags, out);
  return g_string_free (out, FALSE);
}

char *
tb_name_capitalize (const char *name)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  valid = g_utf8_make_valid (name, -1);
  out = g_string_sized_new (strlen (valid));
  append_capitalized (out, valid, strlen (valid));
  return g_string_free (out, FALSE);
}
