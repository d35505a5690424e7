/* tb-import-dialog.c: import a contacts CSV into a campaign
 *
 * choose a file -> preview of the first rows with the guessed mapping, each
 * column's menu changes it (TbImportMappingPage) -> import (a worker thread
 * in the store) with a progress bar, records a second and Cancel
 * (TbImportProgressPage) -> the report (TbImportReportPage), with the
 * rejected rows saved on request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-import-dialog-private.h"
#include "tb-import-mapping-page.h"
#include "tb-import-progress-page.h"
#include "tb-import-report-page.h"
#include "tb-workstation-actions.h"

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

struct _TbImportDialog
{
  AdwWindow             parent_instance;

  TbStore              *store;
  gint64                campaign_id;
  GSettings            *settings;
  GCancellable         *cancellable;      /* the window's: cancelled on close */
  GCancellable         *import_cancellable;
  GFile                *file;
  TbImportReport       *report;

  AdwWindowTitle       *window_title;
  GtkButton            *import_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  TbImportMappingPage  *mapping_page;
  TbImportProgressPage *progress_page;
  TbImportReportPage   *report_page;
};

G_DEFINE_FINAL_TYPE (TbImportDialog, tb_import_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

/* Import is offered on the preview page, for a mapping that can be imported. */
static void
tb_import_dialog_update_start (TbImportDialog *self)
{
  gboolean on_preview = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "preview");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start",
                                 on_preview && tb_import_mapping_page_check (self->mapping_page, NULL));
}

static void
tb_import_dialog_show_page (TbImportDialog *self,
                            const char     *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), g_str_equal (page, "preview"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", g_str_equal (page, "progress"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file",
                                 g_str_equal (page, "choose") || g_str_equal (page, "preview"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-rejected",
                                 g_str_equal (page, "report") && self->report != NULL &&
                                 tb_import_report_get_n_errors (self->report) > 0);
  tb_import_dialog_update_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
tb_import_dialog_toast (TbImportDialog *self,
                        const char     *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Preview ---------------------------------------------------------- */

static void
on_preview_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportPreview) preview = g_task_propagate_pointer (G_TASK (result), &error);

  if (preview == NULL)
    {
      g_autofree char *basename = NULL;
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      basename = g_file_get_basename (self->file);
      text = g_strdup_printf (_("%s cannot be imported: %s"), basename, error->message);
      tb_import_dialog_toast (self, text);
      tb_import_dialog_show_page (self, "choose");
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (self->file);

    tb_import_mapping_page_show_preview (self->mapping_page, basename, (const char * const *) preview->header,
                                         preview->rows);
    adw_window_title_set_subtitle (self->window_title, basename);
  }
  tb_import_dialog_show_page (self, "preview");
}

/* ---- Import ----------------------------------------------------------- */

static void
on_import_progress (guint64  records_read,
                    guint64  bytes_read,
                    guint64  bytes_total,
                    gpointer user_data)
{
  TbImportDialog *self = user_data;

  tb_import_progress_page_update (self->progress_page, records_read, bytes_read, bytes_total);
}

static void
tb_import_dialog_show_failure (TbImportDialog *self,
                               const char     *title,
                               const char     *description)
{
  tb_import_report_page_show_failure (self->report_page, title, description);
  tb_import_dialog_show_page (self, "report");
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbImportReport) report = tb_store_import_finish (TB_STORE (source), result, &error);

  g_clear_object (&self->import_cancellable);

  if (report == NULL)
    {
      /* The window closed: nobody to tell. */
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tb_import_dialog_show_failure (self, _("Import Cancelled"),
                                       _("The contacts read before Cancel was pressed were imported; "
                                         "importing the file again skips them."));
      else
        {
          g_debug ("The import failed: %s", error->message);
          tb_import_dialog_show_failure (self, _("Import Failed"), error->message);
        }
      return;
    }

  g_set_object (&self->report, report);
  {
    g_autofree char *subject = g_strdup_printf ("campaign %" G_GINT64_FORMAT, self->campaign_id);
    g_autofree char *basename = g_file_get_basename (self->file);
    g_autofree char *detail = g_strdup_printf ("%s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                                               " records imported", basename,
                                               tb_import_report_get_imported (report),
                                               tb_import_report_get_records (report));

    tb_workstation_audit ("import", subject, detail);
  }
  tb_import_report_page_show_report (self->report_page, report);
  tb_import_dialog_show_page (self, "report");
}

static void
tb_import_dialog_action_start (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (widget);
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  g_autofree char *region = g_settings_get_string (self->settings, "default-region");
  TbContactColumns *columns = tb_import_mapping_page_get_columns (self->mapping_page);
  g_autoptr(GError) error = NULL;

  if (columns == NULL || self->import_cancellable != NULL)
    return;
  if (!tb_contact_columns_check (columns, &error))
    {
      tb_import_dialog_toast (self, error->message);
      return;
    }

  tb_import_options_set_default_region (options, region);
  tb_import_options_set_columns (options, columns);

  tb_import_progress_page_start (self->progress_page);
  tb_import_dialog_show_page (self, "progress");

  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->import_cancellable, G_CONNECT_SWAPPED);
  tb_store_import_async (self->store, self->campaign_id, self->file, options,
                         on_import_progress, self, self->import_cancellable,
                         on_import_done, g_object_ref (self));
}

static void
tb_import_dialog_action_cancel (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/* ---- File choosers ---------------------------------------------------- */

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(TbImportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      tb_import_dialog_set_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
tb_import_dialog_action_choose_file (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Contacts CSV"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_rejected_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!tb_import_dialog_save_rejected_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The rejected rows were not saved: %s"), error->message);
    }
  else
    text = g_strdup (_("Rejected rows saved: fix them and import the file again"));

  tb_import_dialog_toast (self, text);
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(TbImportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      tb_import_dialog_save_rejected_async (self, file, self->cancellable, on_rejected_saved, NULL);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
tb_import_dialog_action_save_rejected (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (self->report == NULL)
    return;

  basename = g_file_get_basename (self->file);
  if ((dot = strrchr (basename, '.')) != NULL)
    *dot = '\0';
  /* Translators: the file name for the rows an import refused; %s is the imported file's name. */
  name = g_strdup_printf (_("%s-rejected.csv"), basename);

  chooser = gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- GObject ---------------------------------------------------------- */

static void
tb_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, tb_import_dialog_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
tb_import_dialog_close_request (GtkWindow *window)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (window);

  /* An import running on stops at its next batch; what it committed stays. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (tb_import_dialog_parent_class)->close_request (window);
}

static void
tb_import_dialog_dispose (GObject *object)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (tb_import_dialog_parent_class)->dispose (object);
}

static void
tb_import_dialog_finalize (GObject *object)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (tb_import_dialog_parent_class)->finalize (object);
}

static void
tb_import_dialog_class_init (TbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tb_import_dialog_get_property;
  object_class->dispose = tb_import_dialog_dispose;
  object_class->finalize = tb_import_dialog_finalize;
  window_class->close_request = tb_import_dialog_close_request;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "choose", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TB_TYPE_IMPORT_MAPPING_PAGE);
  g_type_ensure (TB_TYPE_IMPORT_PROGRESS_PAGE);
  g_type_ensure (TB_TYPE_IMPORT_REPORT_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, report_page);
  gtk_widget_class_bind_template_callback (widget_class, tb_import_dialog_update_start);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL,
                                   tb_import_dialog_action_choose_file);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, tb_import_dialog_action_start);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, tb_import_dialog_action_cancel);
  gtk_widget_class_install_action (widget_class, "import.save-rejected", NULL,
                                   tb_import_dialog_action_save_rejected);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tb_import_dialog_init (TbImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  tb_import_dialog_show_page (self, "choose");
}

TbImportDialog *
tb_import_dialog_new (GtkWindow *parent,
                      TbStore   *store,
                      gint64     campaign_id)
{
  TbImportDialog *self;

  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  self = g_object_new (TB_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->campaign_id = campaign_id;

  return self;
}

void
tb_import_dialog_set_file (TbImportDialog *self,
                           GFile          *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  g_clear_object (&self->report);

  task = g_task_new (self, self->cancellable, on_preview_read, g_object_ref (self));
  g_task_set_source_tag (task, tb_import_dialog_set_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, tb_import_read_preview_thread);
}

const char *
tb_import_dialog_get_page (TbImportDialog *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

TbContactColumns *
tb_import_dialog_get_columns (TbImportDialog *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_DIALOG (self), NULL);

  return tb_import_mapping_page_get_columns (self->mapping_page);
}

GtkDropDown *
tb_import_dialog_get_column_dropdown (TbImportDialog *self,
                                      guint           column)
{
  g_return_val_if_fail (TB_IS_IMPORT_DIALOG (self), NULL);

  return tb_import_mapping_page_get_column_dropdown (self->mapping_page, column);
}

TbImportReport *
tb_import_dialog_get_report (TbImportDialog *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}

void
tb_import_dialog_save_rejected_async (TbImportDialog      *self,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TbImportSaveRejected *data;

  g_return_if_fail (TB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_import_dialog_save_rejected_async);

  if (self->report == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no finished import to take the rejected rows from"));
      return;
    }

  data = g_new0 (TbImportSaveRejected, 1);
  data->file = g_object_ref (file);
  data->report = g_object_ref (self->report);
  g_task_set_task_data (task, data, (GDestroyNotify) tb_import_save_rejected_free);
  g_task_run_in_thread (task, tb_import_save_rejected_thread);
}

gboolean
tb_import_dialog_save_rejected_finish (TbImportDialog  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
