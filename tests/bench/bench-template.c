/* bench-template.c: render a template for N contacts (default 1 million)
 * and compare with references measured in the same process: g_strdup_printf
 * of the same message, and memcpy of the same bytes. Prints figures; never
 * fails for being slow. Fails only if the rendered text is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-segments.h"
#include "tb-template.h"

#include <stdlib.h>
#include <string.h>

#define N_DISTINCT 1024
#define ROUNDS 3

static const char * const custom_fields[] = { "Precinct", "Polling Place", NULL };

static const char *source =
  "Hi {first_name|friend}, it's {texter_name} with Vote Early. Your polling place is "
  "{Polling Place}, precinct {Precinct}. Reply STOP to opt out.";
#define FORMAT \
  "Hi %s, it's %s with Vote Early. Your polling place is %s, precinct %s. " \
  "Reply STOP to opt out."

typedef struct {
  char *first_name;
  char *precinct;
  char *place;
} Contact;

static Contact contacts[N_DISTINCT];

static const char *
lookup (TbTemplateField field,
        guint           custom_index,
        const char     *custom_name,
        gpointer        user_data)
{
  const Contact *c = user_data;

  switch (field)
    {
    case TB_TEMPLATE_FIELD_FIRST_NAME: return c->first_name;
    case TB_TEMPLATE_FIELD_TEXTER_NAME: return "Sam";
    case TB_TEMPLATE_FIELD_CUSTOM: return custom_index == 0 ? c->precinct : c->place;
    case TB_TEMPLATE_FIELD_LAST_NAME:
    case TB_TEMPLATE_FIELD_PHONE:
    case TB_TEMPLATE_FIELD_ZIP:
    default:
      return NULL;
    }
}

static const char * const first_names[] = {
  "ANA", "john", "Mary-Ann", "DESHAWN", "o'neil", "Zoë", "Li", "Ángel",
};

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTemplate) template = tb_template_new (source, custom_fields, &error);
  g_autoptr(GString) out = g_string_sized_new (256);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char **expected = g_new0 (char *, N_DISTINCT);
  g_autofree char *sink = NULL;
  gsize total_bytes = 0;
  gsize checksum = 0;
  double t_into = G_MAXDOUBLE, t_alloc = G_MAXDOUBLE, t_caps = G_MAXDOUBLE;
  double t_printf = G_MAXDOUBLE, t_memcpy = G_MAXDOUBLE, t_segments = G_MAXDOUBLE;

  if (template == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < N_DISTINCT; i++)
    {
      contacts[i].first_name = g_strdup (first_names[i % G_N_ELEMENTS (first_names)]);
      contacts[i].precinct = g_strdup_printf ("%u%c", i % 97, 'A' + i % 5);
      contacts[i].place = g_strdup_printf ("Lincoln Elementary School, %u Main St", i);
      expected[i] = g_strdup_printf (FORMAT, contacts[i].first_name, "Sam",
                                     contacts[i].place, contacts[i].precinct);
    }

  /* The rendered text must be right before its speed means anything. */
  for (guint i = 0; i < N_DISTINCT; i++)
    {
      g_autofree char *text = tb_template_render (template, lookup, &contacts[i], 0);

      if (!g_str_equal (text, expected[i]))
        g_error ("rendered \"%s\", expected \"%s\"", text, expected[i]);
      total_bytes += strlen (text);
    }
  total_bytes = total_bytes * (n / N_DISTINCT) + total_bytes * (n % N_DISTINCT) / N_DISTINCT;

  /* Every figure is the best of ROUNDS, interleaved, so a busy machine
   * disturbs the ratios less. */
  sink = g_malloc (256);
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          g_string_truncate (out, 0);
          tb_template_render_into (template, lookup, &contacts[i % N_DISTINCT], 0, out);
          checksum += out->len;
        }
      t_into = MIN (t_into, g_timer_elapsed (timer, NULL));

      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          char *text = tb_template_render (template, lookup, &contacts[i % N_DISTINCT], 0);
          checksum += text[0];
          g_free (text);
        }
      t_alloc = MIN (t_alloc, g_timer_elapsed (timer, NULL));

      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          g_string_truncate (out, 0);
          tb_template_render_into (template, lookup, &contacts[i % N_DISTINCT],
                                   TB_TEMPLATE_RENDER_CAPITALIZE_NAMES, out);
          checksum += out->len;
        }
      t_caps = MIN (t_caps, g_timer_elapsed (timer, NULL));

      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          const Contact *c = &contacts[i % N_DISTINCT];
          char *text = g_strdup_printf (FORMAT, c->first_name, "Sam", c->place, c->precinct);
          checksum += text[0];
          g_free (text);
        }
      t_printf = MIN (t_printf, g_timer_elapsed (timer, NULL));

      /* The floor: copying the same bytes, no parsing and no lookups. */
      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          const char *e = expected[i % N_DISTINCT];
          gsize len = strlen (e) + 1;

          memcpy (sink, e, MIN (len, 256));
          checksum += (guchar) sink[i % 8];
        }
      t_memcpy = MIN (t_memcpy, g_timer_elapsed (timer, NULL));

      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TbSegmentInfo) info = tb_segments_count (expected[i % N_DISTINCT], -1);
          checksum += info->segments;
        }
      t_segments = MIN (t_segments, g_timer_elapsed (timer, NULL));
    }

  g_print ("renders: %u (%" G_GSIZE_FORMAT " bytes of text), best of %u rounds, checksum %"
           G_GSIZE_FORMAT "\n", n, total_bytes, ROUNDS, checksum);
  g_print ("%-40s %8.3f s  %6.0f ns/render\n", "tb_template_render_into (reused GString)",
           t_into, t_into * 1e9 / n);
  g_print ("%-40s %8.3f s  %6.0f ns/render\n", "tb_template_render (new string)",
           t_alloc, t_alloc * 1e9 / n);
  g_print ("%-40s %8.3f s  %6.0f ns/render\n", "render_into, capitalise names",
           t_caps, t_caps * 1e9 / n);
  g_print ("%-40s %8.3f s  %6.0f ns/render\n", "reference: g_strdup_printf + g_free",
           t_printf, t_printf * 1e9 / n);
  g_print ("%-40s %8.3f s  %6.0f ns/render\n", "reference: memcpy of the same bytes",
           t_memcpy, t_memcpy * 1e9 / n);
  g_print ("%-40s %8.3f s  %6.0f ns/text\n", "tb_segments_count of each text",
           t_segments, t_segments * 1e9 / n);
  g_print ("ratio render_into / g_strdup_printf: %.2f\n", t_into / t_printf);
  g_print ("ratio render / g_strdup_printf:      %.2f\n", t_alloc / t_printf);
  g_print ("ratio render_into / memcpy:          %.2f\n", t_into / t_memcpy);

  for (guint i = 0; i < N_DISTINCT; i++)
    {
      g_free (contacts[i].first_name);
      g_free (contacts[i].precinct);
      g_free (contacts[i].place);
      g_free (expected[i]);
    }
  return 0;
}
