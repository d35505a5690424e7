/* tb-import-report-page.c: the import dialog's last page, what an import
 * did (a row a count, the first problems) or why it failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-import-report-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-import-report-page.h"

/* How many of the rejected rows the page names. */
#define PROBLEMS_SHOWN 20

struct _TbImportReportPage
{
  AdwBin       parent_instance;

  GtkLabel    *report_title;
  GtkLabel    *report_description;
  GtkListBox  *report_list;
  GtkWidget   *save_rejected_button;
};

G_DEFINE_FINAL_TYPE (TbImportReportPage, tb_import_report_page, ADW_TYPE_BIN)

static void
add_count_row (TbImportReportPage *self,
               const char         *title,
               const char         *subtitle,
               guint64             count,
               gboolean            problem)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  GtkWidget *label = gtk_label_new (number);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "title-4");
  if (problem && count > 0)
    gtk_widget_add_css_class (label, "warning");
  else if (!problem)
    gtk_widget_add_css_class (label, "success");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->report_list, row);
}

static const char *
reason_label (TbImportReason reason)
{
  switch (reason)
    {
    case TB_IMPORT_REASON_DUPLICATE_IN_FILE:
      return _("Duplicate in the file");
    case TB_IMPORT_REASON_DUPLICATE_IN_CAMPAIGN:
      return _("Already in the campaign");
    case TB_IMPORT_REASON_INVALID_PHONE:
      return _("Invalid phone number");
    case TB_IMPORT_REASON_MISSING_PHONE:
      return _("Missing phone number");
    case TB_IMPORT_REASON_OPTED_OUT:
      return _("Opted out");
    case TB_IMPORT_REASON_BAD_RECORD:
    default:
      return _("Broken record");
    }
}

static GtkWidget *
problems_row (TbImportReport *report)
{
  GtkWidget *expander = adw_expander_row_new ();
  guint n_errors = tb_import_report_get_n_errors (report);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Problems"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("The first rows that were not imported"));
  for (guint i = 0; i < MIN (n_errors, PROBLEMS_SHOWN); i++)
    {
      const TbImportError *problem = tb_import_report_get_error (report, i);
      GtkWidget *row = adw_action_row_new ();

      /* The message names the record and the line already. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason_label (problem->reason));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  return expander;
}

/* Empties the page and sets its heading. */
static void
tb_import_report_page_reset (TbImportReportPage *self,
                             const char         *title,
                             const char         *description)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  gtk_label_set_text (self->report_title, title);
  gtk_label_set_text (self->report_description, description);
}

static void
tb_import_report_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_IMPORT_REPORT_PAGE);

  G_OBJECT_CLASS (tb_import_report_page_parent_class)->dispose (object);
}

static void
tb_import_report_page_class_init (TbImportReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_import_report_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-import-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbImportReportPage, report_title);
  gtk_widget_class_bind_template_child (widget_class, TbImportReportPage, report_description);
  gtk_widget_class_bind_template_child (widget_class, TbImportReportPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, TbImportReportPage, save_rejected_button);
}

static void
tb_import_report_page_init (TbImportReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TbImportReportPage *
tb_import_report_page_new (void)
{
  return g_object_new (TB_TYPE_IMPORT_REPORT_PAGE, NULL);
}

void
tb_import_report_page_show_report (TbImportReportPage *self,
                                   TbImportReport     *report)
{
  guint64 n_records;
  g_autofree char *records = NULL;
  g_autofree char *description = NULL;
  guint n_errors;

  g_return_if_fail (TB_IS_IMPORT_REPORT_PAGE (self));
  g_return_if_fail (TB_IS_IMPORT_REPORT (report));

  n_records = tb_import_report_get_records (report);
  records = g_strdup_printf ("%" G_GUINT64_FORMAT, n_records);
  description = g_strdup_printf (ngettext ("%s record read.", "%s records read.", (gulong) MIN (n_records, G_MAXULONG)),
                                 records);
  tb_import_report_page_reset (self, tb_import_report_get_cancelled (report) ? _("Import Cancelled")
                                                                             : _("Import Finished"),
                               description);

  add_count_row (self, _("Imported"), NULL, tb_import_report_get_imported (report), FALSE);
  add_count_row (self, _("Duplicates"), _("Already in the file or the campaign"),
                 tb_import_report_get_duplicates (report), TRUE);
  add_count_row (self, _("Invalid Phone Numbers"), NULL, tb_import_report_get_invalid_phone (report), TRUE);
  add_count_row (self, _("Missing Phone Numbers"), NULL, tb_import_report_get_missing_phone (report), TRUE);
  add_count_row (self, _("Opted Out"), _("On the opt-out list: never texted"),
                 tb_import_report_get_opted_out (report), TRUE);
  if (tb_import_report_get_bad_records (report) > 0)
    add_count_row (self, _("Broken Records"), NULL, tb_import_report_get_bad_records (report), TRUE);

  n_errors = tb_import_report_get_n_errors (report);
  if (n_errors > 0)
    gtk_list_box_append (self->report_list, problems_row (report));

  gtk_widget_set_visible (self->save_rejected_button, n_errors > 0);
}

void
tb_import_report_page_show_failure (TbImportReportPage *self,
                                    const char         *title,
                                    const char         *description)
{
  g_return_if_fail (TB_IS_IMPORT_REPORT_PAGE (self));

  tb_import_report_page_reset (self, title, description);
  gtk_widget_set_visible (self->save_rejected_button, FALSE);
}
