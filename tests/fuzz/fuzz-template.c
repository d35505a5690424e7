/* fuzz-template.c: libFuzzer target for the template parser, renderer and
 * the segment counter.
 *
 * Input: the template source, then NUL-separated parts: the first parts are
 * the custom field names (up to 4), the rest the values the lookup hands
 * out in turn. Any broken invariant aborts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-segments.h"
#include "tb-template.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_FIELDS 4

typedef struct {
  char  **values;
  guint   n_values;
  guint   next;
} Values;

static const char *
lookup (TbTemplateField  field,
        guint            custom_index,
        const char      *custom_name,
        gpointer         user_data)
{
  Values *v = user_data;

  if ((field == TB_TEMPLATE_FIELD_CUSTOM) != (custom_name != NULL))
    abort ();
  if (v->n_values == 0 || v->next % 5 == 4)
    {
      v->next++;
      return NULL;
    }
  return v->values[v->next++ % v->n_values];
}

static void
check_segments (const char *text,
                gssize      length)
{
  g_autoptr(TbSegmentInfo) info = tb_segments_count (text, length);

  if (info->remaining > info->per_segment)
    abort ();
  if (info->characters > (guint64) info->segments * info->per_segment)
    abort ();
  /* Only a split pair leaves a segment short, by one unit at most. */
  if (info->segments > 1
      && info->characters < (guint64) (info->segments - 1) * (info->per_segment - 1) + 1)
    abort ();
  if (info->segments == 1
      && info->characters > (info->encoding == TB_SEGMENT_ENCODING_GSM7
                               ? TB_SEGMENTS_GSM7_SINGLE : TB_SEGMENTS_UCS2_SINGLE))
    abort ();
  if (info->segments > 1
      && info->characters <= (info->encoding == TB_SEGMENT_ENCODING_GSM7
                                ? TB_SEGMENTS_GSM7_SINGLE : TB_SEGMENTS_UCS2_SINGLE))
    abort ();
  if ((info->encoding == TB_SEGMENT_ENCODING_GSM7) != (info->unicode_characters->len == 0))
    abort ();
  for (guint i = 0; i < info->unicode_characters->len; i++)
    {
      const TbSegmentChar *sc = g_ptr_array_index (info->unicode_characters, i);

      if (sc->byte_offsets->len == 0 || sc->byte_offsets->len != sc->char_offsets->len)
        abort ();
      if (length >= 0 && g_array_index (sc->byte_offsets, gsize, sc->byte_offsets->len - 1) >= (gsize) length)
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *copy = g_malloc (size + 1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GArray) problems = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(TbTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  const char *fields[MAX_FIELDS + 1] = { NULL };
  const char *source;
  gsize source_len;
  Values values = { NULL, 0, 0 };
  guint n_fields = 0;

  memcpy (copy, data, size);
  copy[size] = '\0';
  for (gsize start = 0; start <= size;)
    {
      gsize len = strlen (copy + start);

      g_ptr_array_add (parts, copy + start);
      start += len + 1;
    }

  source = parts->pdata[0];
  source_len = strlen (source);
  for (guint i = 1; i < parts->len && n_fields < MAX_FIELDS; i++)
    fields[n_fields++] = parts->pdata[i];
  if (parts->len > 1 + n_fields)
    {
      values.values = (char **) parts->pdata + 1 + n_fields;
      values.n_values = parts->len - 1 - n_fields;
    }

  problems = tb_template_lint (source, fields);
  spans = tb_template_scan (source, fields);
  template = tb_template_new (source, fields, &error);

  if ((template == NULL) != (problems->len > 0))
    abort ();
  if (template == NULL && (error == NULL || error->domain != TB_TEMPLATE_ERROR))
    abort ();

  for (guint i = 0; i < problems->len; i++)
    {
      const TbTemplateProblem *p = &g_array_index (problems, TbTemplateProblem, i);

      if (p->length == 0 || p->offset + p->length > source_len || p->message == NULL)
        abort ();
      if (!g_utf8_validate (p->message, -1, NULL))
        abort ();
      if (i > 0 && p->offset <= g_array_index (problems, TbTemplateProblem, i - 1).offset)
        abort ();
      if (p->kind != TB_TEMPLATE_ERROR_INVALID_UTF8
          && p->char_offset != (gsize) g_utf8_pointer_to_offset (source, source + p->offset))
        abort ();
    }

  for (guint i = 0; i < spans->len; i++)
    {
      const TbTemplateSpan *s = &g_array_index (spans, TbTemplateSpan, i);

      if (s->length < 2 || s->offset + s->length > source_len)
        abort ();
      if (source[s->offset] != '{' || source[s->offset + s->length - 1] != '}')
        abort ();
      if (s->known && s->field == TB_TEMPLATE_FIELD_CUSTOM && s->custom_index >= n_fields)
        abort ();
    }

  if (template != NULL)
    {
      g_autofree char *plain = tb_template_render (template, lookup, &values, 0);
      g_autoptr(GString) capitalized = g_string_new (NULL);

      values.next = 0;
      tb_template_render_into (template, lookup, &values, TB_TEMPLATE_RENDER_CAPITALIZE_NAMES,
                               capitalized);
      if (!g_utf8_validate (plain, -1, NULL) || !g_utf8_validate (capitalized->str, -1, NULL))
        abort ();
      check_segments (plain, -1);
      check_segments (capitalized->str, capitalized->len);
    }

  {
    g_autofree char *name = tb_name_capitalize (source);
    g_autofree char *replaced = tb_segments_replace_lookalikes (source, NULL);

    if (!g_utf8_validate (name, -1, NULL) || !g_utf8_validate (replaced, -1, NULL))
      abort ();
    check_segments ((const char *) data, size);
  }

  return 0;
}
