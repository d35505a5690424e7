/* tb-import-progress-page.c: the import dialog's page while an import runs,
 * with a progress bar and the records read a second
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-import-progress-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-import-progress-page.h"

struct _TbImportProgressPage
{
  AdwBin           parent_instance;

  gint64           started;   /* monotonic µs */

  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
};

G_DEFINE_FINAL_TYPE (TbImportProgressPage, tb_import_progress_page, ADW_TYPE_BIN)

static void
tb_import_progress_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_IMPORT_PROGRESS_PAGE);

  G_OBJECT_CLASS (tb_import_progress_page_parent_class)->dispose (object);
}

static void
tb_import_progress_page_class_init (TbImportProgressPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_import_progress_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-import-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbImportProgressPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TbImportProgressPage, progress_label);
}

static void
tb_import_progress_page_init (TbImportProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TbImportProgressPage *
tb_import_progress_page_new (void)
{
  return g_object_new (TB_TYPE_IMPORT_PROGRESS_PAGE, NULL);
}

void
tb_import_progress_page_start (TbImportProgressPage *self)
{
  g_return_if_fail (TB_IS_IMPORT_PROGRESS_PAGE (self));

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, _("Starting…"));
  self->started = g_get_monotonic_time ();
}

void
tb_import_progress_page_update (TbImportProgressPage *self,
                                guint64               records_read,
                                guint64               bytes_read,
                                guint64               bytes_total)
{
  double seconds;
  guint64 rate;
  g_autofree char *read = NULL;
  g_autofree char *per_second = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TB_IS_IMPORT_PROGRESS_PAGE (self));

  seconds = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
  rate = seconds > 0.05 ? (guint64) (records_read / seconds) : 0;

  if (bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) bytes_read / bytes_total));
  else
    gtk_progress_bar_pulse (self->progress_bar);

  read = g_strdup_printf ("%" G_GUINT64_FORMAT, records_read);
  per_second = g_strdup_printf ("%" G_GUINT64_FORMAT, rate);
  /* Translators: both numbers are counts of records. */
  text = g_strdup_printf (_("%s records read · %s records a second"), read, per_second);
  gtk_label_set_text (self->progress_label, text);
}
