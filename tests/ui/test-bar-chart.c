/* test-bar-chart.c: the stats page's column chart keeps its hour labels apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-bar-chart.h"
#include "ui-test-util.h"

/* The text nodes of a render tree, with the x offset each is drawn at. */
static void
collect_texts (GskRenderNode *node,
               float          x,
               GArray        *xs)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_texts (gsk_container_node_get_child (node, i), x, xs);
      break;
    case GSK_TRANSFORM_NODE:
      {
        float dx = 0, dy = 0;

        gsk_transform_to_translate (gsk_transform_node_get_transform (node), &dx, &dy);
        collect_texts (gsk_transform_node_get_child (node), x + dx, xs);
      }
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_texts (gsk_rounded_clip_node_get_child (node), x, xs);
      break;
    case GSK_CLIP_NODE:
      collect_texts (gsk_clip_node_get_child (node), x, xs);
      break;
    case GSK_TEXT_NODE:
      {
        float left = x + gsk_text_node_get_offset (node)->x;

        g_array_append_val (xs, left);
      }
      break;
    default:
      break;
    }
}

/* Draws the chart at width and returns the x of each label (the figure of
 * the one non-empty column, drawn above it, is left out: it is the first
 * text of its column and sits higher). */
static GArray *
label_positions (GtkWidget *chart,
                 int        width)
{
  GtkWidget *window = gtk_window_new ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GArray *xs = g_array_new (FALSE, FALSE, sizeof (float));

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 300);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_spin ();
  g_assert_cmpint (gtk_widget_get_width (chart), <=, width);
  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  collect_texts (node, 0, xs);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin ();
  return xs;
}

static GtkWidget *
hours_chart (void)
{
  static const char *const hours[] = {
    "2 AM", "3 AM", "4 AM", "5 AM", "6 AM", "7 AM", "8 AM", "9 AM", "10 AM", "11 AM", "12 PM", "1 PM",
  };
  GtkWidget *chart = g_object_new (TB_TYPE_BAR_CHART, NULL);
  TbBarChartBar bars[G_N_ELEMENTS (hours)];

  for (gsize i = 0; i < G_N_ELEMENTS (hours); i++)
    bars[i] = (TbBarChartBar) { hours[i], 0, "0" };
  tb_bar_chart_set_vertical (TB_BAR_CHART (chart), TRUE);
  tb_bar_chart_set_bars (TB_BAR_CHART (chart), bars, G_N_ELEMENTS (bars));
  return chart;
}

static void
test_labels_wide (void)
{
  g_autoptr(GArray) xs = label_positions (hours_chart (), 900);

  /* Room for every hour. */
  g_assert_cmpuint (xs->len, ==, 12);
}

static void
test_labels_narrow (void)
{
  g_autoptr(GArray) xs = label_positions (hours_chart (), 220);
  float slot;

  /* Fewer labels, the current hour's among them, none closer to the next
   * than a label is wide ("10 AM" is over 30 px in Cantarell). */
  g_assert_cmpuint (xs->len, >, 1);
  g_assert_cmpuint (xs->len, <, 12);
  slot = 220.0f / 12;
  g_assert_cmpfloat (g_array_index (xs, float, xs->len - 1), >, 11 * slot - 30);
  for (guint i = 1; i < xs->len; i++)
    g_assert_cmpfloat (g_array_index (xs, float, i) - g_array_index (xs, float, i - 1), >=, 30.0f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/bar-chart/hour-labels-wide", test_labels_wide);
  g_test_add_func ("/bar-chart/hour-labels-narrow", test_labels_narrow);

  return g_test_run ();
}
