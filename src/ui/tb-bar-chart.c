/* tb-bar-chart.c: a horizontal bar chart drawn with GtkSnapshot
 *
 * Labels on the left, the bars in the middle, the figures at their ends.
 * Colours come from the theme (accent and foreground), so the dark and
 * high-contrast styles follow. The chart is one image for assistive
 * technologies, described by every label and figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-bar-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "tb-bar-chart.h"

#define ROW_HEIGHT 30
#define BAR_HEIGHT 14
#define GAP 12
#define COLUMN_AREA 120

typedef struct {
  char   *label;
  double  value;
  char   *value_text;
} Bar;

struct _TbBarChart
{
  GtkWidget  parent_instance;

  GArray    *bars;      /* Bar */
  double     maximum;
  char      *empty_text;
  gboolean   vertical;  /* columns over their labels, for a time series */
};

G_DEFINE_FINAL_TYPE (TbBarChart, tb_bar_chart, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->value_text);
}

static void
tb_bar_chart_update_accessible (TbBarChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);

      g_string_append_printf (description, "%s%s: %s", i > 0 ? "; " : "", bar->label, bar->value_text);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->len > 0 ? description->str : self->empty_text,
                                  -1);
}

static void
tb_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  TbBarChart *self = TB_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else if (self->vertical && self->bars->len > 0)
    {
      /* A figure above the tallest column, the columns, a label below. */
      *minimum = *natural = COLUMN_AREA + 2 * (ROW_HEIGHT - 8);
    }
  else
    {
      *minimum = *natural = ROW_HEIGHT * MAX (self->bars->len, 1) + GAP / 2;
    }
}

static int
layout_width (PangoLayout *layout)
{
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
snapshot_columns (TbBarChart  *self,
                  GtkSnapshot *snapshot,
                  const GdkRGBA *fg,
                  const GdkRGBA *accent,
                  const GdkRGBA *track,
                  double       maximum)
{
  GtkWidget *widget = GTK_WIDGET (self);
  float slot = (float) gtk_widget_get_width (widget) / self->bars->len;
  float column_width = MAX (4.0f, slot * 0.55f);
  float top = ROW_HEIGHT - 8;
  GdkRGBA dim = *fg;
  int widest_label = 0;
  guint label_step;

  dim.alpha = 0.7f;

  /* When the labels are wider than their slots (a narrow window), every
   * label_step-th is drawn, counted back from the last (the current hour),
   * so none overlaps. */
  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, g_array_index (self->bars, Bar, i).label);

      widest_label = MAX (widest_label, layout_width (label));
    }
  label_step = MAX (1u, (guint) ceilf ((widest_label + 6) / MAX (slot, 1.0f)));

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) value = gtk_widget_create_pango_layout (widget, bar->value_text);
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, bar->label);
      float fraction = maximum > 0 ? (float) CLAMP (bar->value / maximum, 0.0, 1.0) : 0.0f;
      float height = COLUMN_AREA * fraction;
      float x = slot * i + (slot - column_width) / 2.0f;
      int value_width = layout_width (value);
      int label_width = layout_width (label);
      GskRoundedRect rounded;

      gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (x, top, column_width, COLUMN_AREA), 4);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, track, &GRAPHENE_RECT_INIT (x, top, column_width, COLUMN_AREA));
      gtk_snapshot_append_color (snapshot, accent,
                                 &GRAPHENE_RECT_INIT (x, top + COLUMN_AREA - height, column_width, height));
      gtk_snapshot_pop (snapshot);

      /* An empty column speaks for itself; the figures go on the others. */
      if (bar->value > 0)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (slot * i + (slot - value_width) / 2.0f,
                                                                  top + COLUMN_AREA - height - (ROW_HEIGHT - 10)));
          gtk_snapshot_append_layout (snapshot, value, fg);
          gtk_snapshot_restore (snapshot);
        }

      if ((self->bars->len - 1 - i) % label_step != 0)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (slot * i + (slot - label_width) / 2.0f,
                                                              top + COLUMN_AREA + 4));
      gtk_snapshot_append_layout (snapshot, label, &dim);
      gtk_snapshot_restore (snapshot);
    }
}

static void
tb_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TbBarChart *self = TB_BAR_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA fg, accent, track;
  int label_width = 0;
  int value_width = 0;
  double maximum = self->maximum;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.21f, 0.52f, 0.89f, 1.0f };
  track = fg;
  track.alpha = 0.1f;

  if (self->bars->len == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->empty_text);
      GdkRGBA dim = fg;

      dim.alpha = 0.55f;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (ROW_HEIGHT - 18) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      return;
    }

  if (self->vertical)
    {
      for (guint i = 0; i < self->bars->len; i++)
        maximum = self->maximum > 0 ? self->maximum : MAX (maximum, g_array_index (self->bars, Bar, i).value);
      snapshot_columns (self, snapshot, &fg, &accent, &track, maximum);
      return;
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      PangoLayout *label = gtk_widget_create_pango_layout (widget, bar->label);
      PangoLayout *value = gtk_widget_create_pango_layout (widget, bar->value_text);

      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      label_width = MAX (label_width, layout_width (label));
      value_width = MAX (value_width, layout_width (value));
      maximum = self->maximum > 0 ? self->maximum : MAX (maximum, bar->value);
      g_ptr_array_add (labels, label);
      g_ptr_array_add (values, value);
    }

  /* Labels take at most 40% of the width; the rest is the bars. */
  label_width = MIN (label_width, width * 2 / 5);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      PangoLayout *label = g_ptr_array_index (labels, i);
      PangoLayout *value = g_ptr_array_index (values, i);
      float y = (float) (i * ROW_HEIGHT);
      float bar_x = (float) (label_width + GAP);
      float bar_room = MAX (0.0f, (float) (width - label_width - value_width - 2 * GAP));
      float fraction = maximum > 0 ? (float) CLAMP (bar->value / maximum, 0.0, 1.0) : 0.0f;
      float bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0f;
      int text_height = 0;
      GskRoundedRect rounded;

      pango_layout_set_width (label, label_width * PANGO_SCALE);
      pango_layout_get_pixel_size (label, NULL, &text_height);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y + (ROW_HEIGHT - text_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);

      gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (bar_x, bar_y, bar_room, BAR_HEIGHT),
                                       BAR_HEIGHT / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (bar_x, bar_y, bar_room, BAR_HEIGHT));
      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (bar_x, bar_y, bar_room * fraction, BAR_HEIGHT));
      gtk_snapshot_pop (snapshot);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (bar_x + bar_room + GAP,
                                                              y + (ROW_HEIGHT - text_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, value, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
tb_bar_chart_finalize (GObject *object)
{
  TbBarChart *self = TB_BAR_CHART (object);

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->empty_text, g_free);

  G_OBJECT_CLASS (tb_bar_chart_parent_class)->finalize (object);
}

static void
tb_bar_chart_class_init (TbBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tb_bar_chart_finalize;
  widget_class->measure = tb_bar_chart_measure;
  widget_class->snapshot = tb_bar_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tb_bar_chart_init (TbBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->empty_text = g_strdup (_("Nothing yet"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "tb-chart");
  tb_bar_chart_update_accessible (self);
}

GtkWidget *
tb_bar_chart_new (void)
{
  return g_object_new (TB_TYPE_BAR_CHART, NULL);
}

void
tb_bar_chart_set_bars (TbBarChart          *self,
                       const TbBarChartBar *bars,
                       guint                n_bars)
{
  g_return_if_fail (TB_IS_BAR_CHART (self));
  g_return_if_fail (bars != NULL || n_bars == 0);

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      Bar bar = {
        .label = g_strdup (bars[i].label),
        .value = bars[i].value,
        .value_text = bars[i].value_text != NULL ? g_strdup (bars[i].value_text)
                                                 : g_strdup_printf ("%g", bars[i].value),
      };
      g_array_append_val (self->bars, bar);
    }

  tb_bar_chart_update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
tb_bar_chart_set_maximum (TbBarChart *self,
                          double      maximum)
{
  g_return_if_fail (TB_IS_BAR_CHART (self));

  self->maximum = MAX (maximum, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tb_bar_chart_set_empty_text (TbBarChart *self,
                             const char *text)
{
  g_return_if_fail (TB_IS_BAR_CHART (self));

  g_free (self->empty_text);
  self->empty_text = g_strdup (text != NULL ? text : "");
  tb_bar_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
tb_bar_chart_get_empty_text (TbBarChart *self)
{
  g_return_val_if_fail (TB_IS_BAR_CHART (self), NULL);

  return self->empty_text;
}

void
tb_bar_chart_set_vertical (TbBarChart *self,
                           gboolean    vertical)
{
  g_return_if_fail (TB_IS_BAR_CHART (self));

  self->vertical = !!vertical;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
tb_bar_chart_get_n_bars (TbBarChart *self)
{
  g_return_val_if_fail (TB_IS_BAR_CHART (self), 0);

  return self->bars->len;
}

const char *
tb_bar_chart_get_label (TbBarChart *self,
                        guint       index)
{
  g_return_val_if_fail (TB_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);

  return g_array_index (self->bars, Bar, index).label;
}

double
tb_bar_chart_get_value (TbBarChart *self,
                        guint       index)
{
  g_return_val_if_fail (TB_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);

  return g_array_index (self->bars, Bar, index).value;
}

const char *
tb_bar_chart_get_value_text (TbBarChart *self,
                             guint       index)
{
  g_return_val_if_fail (TB_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);

  return g_array_index (self->bars, Bar, index).value_text;
}
