/* tb-bar-chart.h: a horizontal bar chart drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  const char *label;
  double      value;
  const char *value_text;  /* shown at the end of the bar; NULL: the value */
} TbBarChartBar;

#define TB_TYPE_BAR_CHART (tb_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (TbBarChart, tb_bar_chart, TB, BAR_CHART, GtkWidget)

GtkWidget  *tb_bar_chart_new           (void);
/* Replaces the bars (copied). */
void        tb_bar_chart_set_bars      (TbBarChart          *self,
                                        const TbBarChartBar *bars,
                                        guint                n_bars);
/* The value of a full bar; 0 (the default) scales to the largest value. */
void        tb_bar_chart_set_maximum   (TbBarChart          *self,
                                        double               maximum);
/* Shown when there are no bars. */
void        tb_bar_chart_set_empty_text (TbBarChart         *self,
                                         const char         *text);
const char *tb_bar_chart_get_empty_text (TbBarChart         *self);
/* Columns over their labels (a time series) instead of rows of bars. */
void        tb_bar_chart_set_vertical  (TbBarChart          *self,
                                        gboolean             vertical);
guint       tb_bar_chart_get_n_bars    (TbBarChart          *self);
const char *tb_bar_chart_get_label     (TbBarChart          *self,
                                        guint                index);
double      tb_bar_chart_get_value     (TbBarChart          *self,
                                        guint                index);
const char *tb_bar_chart_get_value_text (TbBarChart         *self,
                                         guint               index);

G_END_DECLS
