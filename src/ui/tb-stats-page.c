/* tb-stats-page.c: a campaign's figures, drawn as bar charts, updated live
 *
 * The figures are read in a worker thread (tb_store_stats_snapshot_async():
 * ~50 ms at 100,000 contacts, more than a frame) and drawn when they come
 * back; a change while a read runs asks for one more read after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-stats-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-stats-page.h"
#include "tb-ui-format.h"

/* Changes come in bursts (an import, a sending spree): read once after. */
#define REFRESH_DELAY_MS 300
#define RECENT_HOURS 12

struct _TbStatsPage
{
  AdwBin        parent_instance;

  TbStore      *store;
  gint64        campaign_id;
  guint         refresh_id;
  GCancellable *cancellable;     /* the read in flight, or NULL */
  gboolean      read_again;      /* something changed while reading */
  gint64        read_started;    /* monotonic µs */
  gint64        last_refresh_us; /* how long the last read took */

  GtkLabel     *contacts_value;
  GtkLabel     *sent_value;
  GtkLabel     *delivered_value;
  GtkLabel     *replied_value;
  TbBarChart   *queues_chart;
  TbBarChart   *rates_chart;
  TbBarChart   *texters_chart;
  TbBarChart   *hourly_chart;
  TbBarChart   *recent_chart;
};

G_DEFINE_FINAL_TYPE (TbStatsPage, tb_stats_page, ADW_TYPE_BIN)

static double
ratio (gint64 part,
       gint64 whole)
{
  return whole > 0 ? (double) part / (double) whole : 0.0;
}

static char *
percent_text (gint64 part,
              gint64 whole)
{
  double percent = 100.0 * ratio (part, whole);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, part);

  /* Small rates keep a decimal: 0.5% of opt-outs is not 0%. */
  if (percent > 0 && percent < 10)
    /* Translators: a rate and the count it comes from: "4.5% · 9". */
    return g_strdup_printf (_("%.1f%% · %s"), percent, count);

  /* Translators: a rate and the count it comes from: "42% · 1234". */
  return g_strdup_printf (_("%.0f%% · %s"), percent, count);
}

static void
set_count (GtkLabel *label,
           gint64    value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  gtk_label_set_text (label, text);
}

static void
tb_stats_page_show_error (TbStatsPage  *self,
                          const GError *error)
{
  g_autofree char *text = g_strdup_printf (_("The figures cannot be read: %s"), error->message);

  tb_bar_chart_set_bars (self->queues_chart, NULL, 0);
  tb_bar_chart_set_empty_text (self->queues_chart, text);
}

static void
tb_stats_page_fill_queues (TbStatsPage         *self,
                           const TbQueueCounts *counts)
{
  static const struct {
    TbContactStatus  status;
    const char      *label;
  } queues[] = {
    { TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, N_("Needs first text") },
    { TB_CONTACT_STATUS_NEEDS_REPLY, N_("Needs reply") },
    { TB_CONTACT_STATUS_WAITING, N_("Waiting") },
    { TB_CONTACT_STATUS_CLOSED, N_("Closed") },
    { TB_CONTACT_STATUS_OPTED_OUT, N_("Opted out") },
  };
  TbBarChartBar bars[G_N_ELEMENTS (queues)];
  char *texts[G_N_ELEMENTS (queues)] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    {
      gint64 count = counts->by_status[queues[i].status];

      texts[i] = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      bars[i] = (TbBarChartBar) { _(queues[i].label), (double) count, texts[i] };
    }

  tb_bar_chart_set_bars (self->queues_chart, bars, G_N_ELEMENTS (bars));
  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    g_free (texts[i]);
}

static void
tb_stats_page_fill_rates (TbStatsPage           *self,
                          const TbCampaignStats *stats)
{
  g_autofree char *texted = percent_text (stats->first_texts, stats->contacts);
  g_autofree char *delivered = percent_text (stats->delivered, stats->sent);
  g_autofree char *failed = percent_text (stats->failed, stats->sent);
  g_autofree char *replied = percent_text (stats->replied, stats->first_texts);
  g_autofree char *opted_out = percent_text (stats->opted_out, stats->contacts);
  TbBarChartBar bars[] = {
    { _("Texted"), ratio (stats->first_texts, stats->contacts), texted },
    { _("Delivered"), ratio (stats->delivered, stats->sent), delivered },
    { _("Failed"), ratio (stats->failed, stats->sent), failed },
    { _("Replied"), ratio (stats->replied, stats->first_texts), replied },
    { _("Opted out"), ratio (stats->opted_out, stats->contacts), opted_out },
  };

  tb_bar_chart_set_maximum (self->rates_chart, 1.0);
  tb_bar_chart_set_bars (self->rates_chart, bars, G_N_ELEMENTS (bars));
}

static void
tb_stats_page_fill_texters (TbStatsPage *self,
                            GPtrArray   *texters)
{
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (TbBarChartBar));
  g_autoptr(GArray) pace = g_array_new (FALSE, FALSE, sizeof (TbBarChartBar));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < texters->len; i++)
    {
      TbTexterStats *texter = g_ptr_array_index (texters, i);
      const char *name = texter->texter_name != NULL ? texter->texter_name : _("No texter");
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, texter->sent);
      /* Translators: a count of messages. */
      char *sent_text = g_strdup_printf (ngettext ("%s sent", "%s sent", (gulong) texter->sent), count);
      char *pace_text = g_strdup_printf (_("%.0f an hour"), texter->sends_per_hour);

      g_ptr_array_add (strings, sent_text);
      g_ptr_array_add (strings, pace_text);
      g_array_append_val (sent, ((TbBarChartBar) { name, (double) texter->sent, sent_text }));
      g_array_append_val (pace, ((TbBarChartBar) { name, texter->sends_per_hour, pace_text }));
    }

  tb_bar_chart_set_bars (self->texters_chart, (TbBarChartBar *) sent->data, sent->len);
  tb_bar_chart_set_bars (self->hourly_chart, (TbBarChartBar *) pace->data, pace->len);
}

/* Sends in each of the last RECENT_HOURS clock hours, the current one last. */
static void
tb_stats_page_fill_recent (TbStatsPage           *self,
                           const TbStatsSnapshot *snapshot)
{
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (snapshot->hours_from / G_USEC_PER_SEC);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (TbBarChartBar));

  for (guint i = 0; i < snapshot->n_hours; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_hours (first, (int) i);
      char *label = tb_ui_format_hour (start);
      char *text = g_strdup_printf ("%" G_GINT64_FORMAT, snapshot->sent_per_hour[i]);

      g_ptr_array_add (strings, label);
      g_ptr_array_add (strings, text);
      g_array_append_val (bars, ((TbBarChartBar) { label, (double) snapshot->sent_per_hour[i], text }));
    }

  tb_bar_chart_set_bars (self->recent_chart, (TbBarChartBar *) bars->data, bars->len);
}

static void
tb_stats_page_fill (TbStatsPage           *self,
                    const TbStatsSnapshot *snapshot)
{
  set_count (self->contacts_value, snapshot->counts.total);
  set_count (self->sent_value, snapshot->campaign.sent);
  set_count (self->delivered_value, snapshot->campaign.delivered);
  set_count (self->replied_value, snapshot->campaign.replied);

  tb_stats_page_fill_queues (self, &snapshot->counts);
  tb_stats_page_fill_rates (self, &snapshot->campaign);
  tb_stats_page_fill_texters (self, snapshot->texters);
  tb_stats_page_fill_recent (self, snapshot);
}

/* Where the recent chart's first hour starts (UTC µs): the current local
 * clock hour is the last of RECENT_HOURS. */
static gint64
recent_hours_from (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) hour = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now),
                                                     g_date_time_get_hour (now), 0, 0);
  g_autoptr(GDateTime) first = g_date_time_add_hours (hour, -(RECENT_HOURS - 1));

  return g_date_time_to_unix (first) * G_USEC_PER_SEC;
}

static void
on_snapshot_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TbStatsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStatsSnapshot) snapshot = tb_store_stats_snapshot_finish (TB_STORE (source), result, &error);

  /* Cancelled: the page was disposed, or another campaign's read replaced
   * this one and owns the state now. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  self->last_refresh_us = g_get_monotonic_time () - self->read_started;

  if (snapshot != NULL)
    tb_stats_page_fill (self, snapshot);
  else
    tb_stats_page_show_error (self, error);

  if (self->read_again)
    {
      self->read_again = FALSE;
      tb_stats_page_refresh (self);
    }
}

static gboolean
on_refresh_timeout (gpointer user_data)
{
  TbStatsPage *self = user_data;

  self->refresh_id = 0;
  tb_stats_page_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
tb_stats_page_schedule_refresh (TbStatsPage *self)
{
  /* A slow read (a big campaign) waits longer, so at most ~5% of a core
   * goes to the figures while changes keep coming. */
  guint delay = (guint) CLAMP (self->last_refresh_us / 1000 * 20, REFRESH_DELAY_MS, 5000);

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (delay, on_refresh_timeout, self);
}

static void
on_contacts_changed (TbStore     *store,
                     gint64       campaign_id,
                     gint64       contact_id,
                     TbStatsPage *self)
{
  if (campaign_id == 0 || campaign_id == self->campaign_id)
    tb_stats_page_schedule_refresh (self);
}

static void
on_anything_changed (TbStatsPage *self)
{
  tb_stats_page_schedule_refresh (self);
}

static void
tb_stats_page_disconnect (TbStatsPage *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* The read's callback holds a reference and sees the cancellation. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->read_again = FALSE;
}

static void
tb_stats_page_dispose (GObject *object)
{
  TbStatsPage *self = TB_STATS_PAGE (object);

  tb_stats_page_disconnect (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_STATS_PAGE);

  G_OBJECT_CLASS (tb_stats_page_parent_class)->dispose (object);
}

static void
tb_stats_page_class_init (TbStatsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_stats_page_dispose;

  g_type_ensure (TB_TYPE_BAR_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-stats-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, contacts_value);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, sent_value);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, delivered_value);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, replied_value);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, queues_chart);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, rates_chart);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, texters_chart);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, hourly_chart);
  gtk_widget_class_bind_template_child (widget_class, TbStatsPage, recent_chart);
}

static void
tb_stats_page_init (TbStatsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  tb_bar_chart_set_empty_text (self->texters_chart, _("Nobody has sent a message yet"));
  tb_bar_chart_set_empty_text (self->hourly_chart, _("Nobody has sent a message yet"));
  tb_bar_chart_set_vertical (self->recent_chart, TRUE);
}

GtkWidget *
tb_stats_page_new (void)
{
  return g_object_new (TB_TYPE_STATS_PAGE, NULL);
}

void
tb_stats_page_set_campaign (TbStatsPage *self,
                            TbStore     *store,
                            gint64       campaign_id)
{
  g_return_if_fail (TB_IS_STATS_PAGE (self));
  g_return_if_fail (store == NULL || TB_IS_STORE (store));

  tb_stats_page_disconnect (self);
  self->campaign_id = campaign_id;

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect (store, "contacts-changed", G_CALLBACK (on_contacts_changed), self);
      g_signal_connect_swapped (store, "messages-changed", G_CALLBACK (on_anything_changed), self);
      g_signal_connect_swapped (store, "opt-outs-changed", G_CALLBACK (on_anything_changed), self);
    }

  tb_stats_page_refresh (self);
}

void
tb_stats_page_refresh (TbStatsPage *self)
{
  g_return_if_fail (TB_IS_STATS_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->store == NULL || self->campaign_id <= 0)
    return;

  /* One read at a time: what changed meanwhile is read right after it. */
  if (self->cancellable != NULL)
    {
      self->read_again = TRUE;
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->read_started = g_get_monotonic_time ();
  tb_store_stats_snapshot_async (self->store, self->campaign_id, recent_hours_from (), RECENT_HOURS,
                                 self->cancellable, on_snapshot_read, g_object_ref (self));
}

gboolean
tb_stats_page_is_refresh_pending (TbStatsPage *self)
{
  g_return_val_if_fail (TB_IS_STATS_PAGE (self), FALSE);

  return self->refresh_id != 0 || self->cancellable != NULL;
}

TbBarChart *
tb_stats_page_get_queues_chart (TbStatsPage *self)
{
  g_return_val_if_fail (TB_IS_STATS_PAGE (self), NULL);

  return self->queues_chart;
}

TbBarChart *
tb_stats_page_get_rates_chart (TbStatsPage *self)
{
  g_return_val_if_fail (TB_IS_STATS_PAGE (self), NULL);

  return self->rates_chart;
}

TbBarChart *
tb_stats_page_get_texters_chart (TbStatsPage *self)
{
  g_return_val_if_fail (TB_IS_STATS_PAGE (self), NULL);

  return self->texters_chart;
}

TbBarChart *
tb_stats_page_get_recent_chart (TbStatsPage *self)
{
  g_return_val_if_fail (TB_IS_STATS_PAGE (self), NULL);

  return self->recent_chart;
}

TbBarChart *
tb_stats_page_get_hourly_chart (TbStatsPage *self)
{
  g_return_val_if_fail (TB_IS_STATS_PAGE (self), NULL);

  return self->hourly_chart;
}
