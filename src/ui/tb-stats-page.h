/* tb-stats-page.h: a campaign's figures, drawn as bar charts, updated live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-bar-chart.h"
#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TYPE_STATS_PAGE (tb_stats_page_get_type ())
G_DECLARE_FINAL_TYPE (TbStatsPage, tb_stats_page, TB, STATS_PAGE, AdwBin)

GtkWidget  *tb_stats_page_new             (void);
/* Follows the store's signals: the figures refresh shortly after a change. */
void        tb_stats_page_set_campaign    (TbStatsPage *self,
                                           TbStore     *store,
                                           gint64       campaign_id);
/* Starts reading the figures now, in a worker thread; they are drawn when
 * the read is done (after the one running, if any). */
void        tb_stats_page_refresh         (TbStatsPage *self);
/* TRUE while a refresh is scheduled after a change or being read. */
gboolean    tb_stats_page_is_refresh_pending (TbStatsPage *self);
TbBarChart *tb_stats_page_get_queues_chart  (TbStatsPage *self);
TbBarChart *tb_stats_page_get_rates_chart   (TbStatsPage *self);
TbBarChart *tb_stats_page_get_texters_chart (TbStatsPage *self);
/* Each texter's pace, sends an hour. */
TbBarChart *tb_stats_page_get_hourly_chart  (TbStatsPage *self);
/* Sends in each of the last 12 clock hours, the current one last. */
TbBarChart *tb_stats_page_get_recent_chart  (TbStatsPage *self);

G_END_DECLS
