/* tb-import-dialog.c: import a contacts CSV into a campaign
 *
 * choose a file -> preview of the first rows with the guessed mapping, each
 * column's menu changes it -> import (a worker thread in the store) with a
 * progress bar, records a second and Cancel -> the report, with the
 * rejected rows saved on request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-csv.h"
#include "tb-import-dialog-private.h"
#include "tb-workstation-actions.h"


enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

struct _TbImportDialog
{
  AdwWindow          parent_instance;

  TbStore           *store;
  gint64             campaign_id;
  GSettings         *settings;
  GCancellable      *cancellable;      /* the window's: cancelled on close */
  GCancellable      *import_cancellable;
  GFile             *file;
  TbContactColumns  *columns;
  GPtrArray         *dropdowns;        /* GtkDropDown, one per column */
  GPtrArray         *column_labels;    /* GPtrArray of GtkWidget per column */
  TbImportReport    *report;
  gint64             import_started;   /* monotonic µs */
  gboolean           syncing;

  AdwWindowTitle    *window_title;
  GtkButton         *import_button;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkLabel          *preview_title;
  GtkLabel          *mapping_error_label;
  GtkGrid           *preview_grid;
  GtkProgressBar    *progress_bar;
  GtkLabel          *progress_label;
  GtkLabel          *report_title;
  GtkLabel          *report_description;
  GtkListBox        *report_list;
  GtkButton         *save_rejected_button;
};

G_DEFINE_FINAL_TYPE (TbImportDialog, tb_import_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

/* The order of the column menu. */
static const struct {
  TbContactField  field;
  const char     *label;
} field_choices[] = {
  { TB_CONTACT_FIELD_FIRST_NAME, N_("First Name") },
  { TB_CONTACT_FIELD_LAST_NAME, N_("Last Name") },
  { TB_CONTACT_FIELD_PHONE, N_("Phone") },
  { TB_CONTACT_FIELD_ZIP, N_("ZIP Code") },
  { TB_CONTACT_FIELD_CUSTOM, N_("Custom Field") },
  { TB_CONTACT_FIELD_IGNORED, N_("Ignore") },
};

static guint
choice_for_field (TbContactField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_choices); i++)
    if (field_choices[i].field == field)
      return i;

  return G_N_ELEMENTS (field_choices) - 1;
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
  if (!g_str_equal (page, "preview"))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", FALSE);
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
tb_import_dialog_update_mapping_state (TbImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = tb_contact_columns_check (self->columns, &error);

  gtk_label_set_text (self->mapping_error_label, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), !ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start",
                                 ok && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "preview"));
}

static void
on_columns_changed (TbImportDialog *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      TbContactField field = tb_contact_columns_get_field (self->columns, i);
      GPtrArray *labels = g_ptr_array_index (self->column_labels, i);

      gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, i), choice_for_field (field));
      for (guint j = 0; j < labels->len; j++)
        gtk_widget_set_opacity (g_ptr_array_index (labels, j), field == TB_CONTACT_FIELD_IGNORED ? 0.4 : 1.0);
    }
  self->syncing = FALSE;

  tb_import_dialog_update_mapping_state (self);
}

static void
on_dropdown_selected (GtkDropDown    *dropdown,
                      GParamSpec     *pspec,
                      TbImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "tb-column"));
  guint choice = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || choice >= G_N_ELEMENTS (field_choices))
    return;

  /* Emits "changed", which brings every menu in line (a standard field
   * moved here leaves the column that had it). */
  tb_contact_columns_set_field (self->columns, column, field_choices[choice].field);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  /* Short values show whole; long ones are cut with an ellipsis. */
  gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (g_utf8_strlen (text, -1), 18));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_tooltip_text (label, text);

  return label;
}

static void
tb_import_dialog_clear_grid (TbImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  g_ptr_array_set_size (self->dropdowns, 0);
  g_ptr_array_set_size (self->column_labels, 0);
}

static void
tb_import_dialog_show_preview (TbImportDialog  *self,
                               TbImportPreview *preview)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *title = NULL;
  guint n_columns = g_strv_length (preview->header);

  for (guint i = 0; i < G_N_ELEMENTS (field_choices); i++)
    gtk_string_list_append (choices, _(field_choices[i].label));

  if (self->columns != NULL)
    g_signal_handlers_disconnect_by_data (self->columns, self);
  g_clear_object (&self->columns);
  self->columns = tb_contact_columns_new ((const char * const *) preview->header, n_columns);
  g_signal_connect_swapped (self->columns, "changed", G_CALLBACK (on_columns_changed), self);

  tb_import_dialog_clear_grid (self);

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      GPtrArray *labels = g_ptr_array_new ();
      GtkWidget *header = cell_label (preview->header[c], TRUE);
      g_autofree char *accessible = g_strdup_printf (_("What the column “%s” holds"), preview->header[c]);
      g_autofree char *name = g_strdup_printf ("column-%u", c);

      gtk_widget_set_name (dropdown, name);
      g_object_set_data (G_OBJECT (dropdown), "tb-column", GUINT_TO_POINTER (c));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  choice_for_field (tb_contact_columns_get_field (self->columns, c)));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected), self);
      gtk_grid_attach (self->preview_grid, dropdown, (int) c, 0, 1, 1);
      g_ptr_array_add (self->dropdowns, dropdown);

      gtk_grid_attach (self->preview_grid, header, (int) c, 1, 1, 1);
      g_ptr_array_add (labels, header);

      for (guint r = 0; r < preview->rows->len; r++)
        {
          GStrv row = g_ptr_array_index (preview->rows, r);
          GtkWidget *label = cell_label (c < g_strv_length (row) ? row[c] : "", FALSE);

          gtk_grid_attach (self->preview_grid, label, (int) c, (int) r + 2, 1, 1);
          g_ptr_array_add (labels, label);
        }
      g_ptr_array_add (self->column_labels, labels);
    }

  title = g_strdup_printf (ngettext ("%s: %u column, the first %u rows",
                                     "%s: %u columns, the first %u rows", n_columns),
                           basename, n_columns, preview->rows->len);
  gtk_label_set_text (self->preview_title, title);
  adw_window_title_set_subtitle (self->window_title, basename);

  tb_import_dialog_show_page (self, "preview");
  on_columns_changed (self);
}

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

  tb_import_dialog_show_preview (self, preview);
}

/* ---- Import ----------------------------------------------------------- */

static void
on_import_progress (guint64  records_read,
                    guint64  bytes_read,
                    guint64  bytes_total,
                    gpointer user_data)
{
  TbImportDialog *self = user_data;
  double seconds = (g_get_monotonic_time () - self->import_started) / (double) G_USEC_PER_SEC;
  guint64 rate = seconds > 0.05 ? (guint64) (records_read / seconds) : 0;
  g_autofree char *text = NULL;

  if (bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) bytes_read / bytes_total));
  else
    gtk_progress_bar_pulse (self->progress_bar);

  {
    g_autofree char *read = g_strdup_printf ("%" G_GUINT64_FORMAT, records_read);
    g_autofree char *per_second = g_strdup_printf ("%" G_GUINT64_FORMAT, rate);

    /* Translators: both numbers are counts of records. */
    text = g_strdup_printf (_("%s records read · %s records a second"), read, per_second);
  }
  gtk_label_set_text (self->progress_label, text);
}

static void
add_report_row (TbImportDialog *self,
                const char     *title,
                const char     *subtitle,
                guint64         count,
                gboolean        problem)
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

static void
tb_import_dialog_show_report (TbImportDialog *self)
{
  TbImportReport *report = self->report;
  g_autofree char *description = NULL;
  GtkWidget *child;
  guint n_errors;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  gtk_label_set_text (self->report_title, tb_import_report_get_cancelled (report) ? _("Import Cancelled")
                                                                                   : _("Import Finished"));
  {
    g_autofree char *records = g_strdup_printf ("%" G_GUINT64_FORMAT, tb_import_report_get_records (report));

    description = g_strdup_printf (ngettext ("%s record read.", "%s records read.",
                                             (gulong) MIN (tb_import_report_get_records (report), G_MAXULONG)),
                                   records);
  }
  gtk_label_set_text (self->report_description, description);

  add_report_row (self, _("Imported"), NULL, tb_import_report_get_imported (report), FALSE);
  add_report_row (self, _("Duplicates"), _("Already in the file or the campaign"),
                  tb_import_report_get_duplicates (report), TRUE);
  add_report_row (self, _("Invalid Phone Numbers"), NULL, tb_import_report_get_invalid_phone (report), TRUE);
  add_report_row (self, _("Missing Phone Numbers"), NULL, tb_import_report_get_missing_phone (report), TRUE);
  add_report_row (self, _("Opted Out"), _("On the opt-out list: never texted"),
                  tb_import_report_get_opted_out (report), TRUE);
  if (tb_import_report_get_bad_records (report) > 0)
    add_report_row (self, _("Broken Records"), NULL, tb_import_report_get_bad_records (report), TRUE);

  n_errors = tb_import_report_get_n_errors (report);
  if (n_errors > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Problems"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("The first rows that were not imported"));
      for (guint i = 0; i < MIN (n_errors, 20); i++)
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
      gtk_list_box_append (self->report_list, expander);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->save_rejected_button), n_errors > 0);
  tb_import_dialog_show_page (self, "report");
}

static void
tb_import_dialog_show_failure (TbImportDialog *self,
                               const char     *title,
                               const char     *description)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  gtk_label_set_text (self->report_title, title);
  gtk_label_set_text (self->report_description, description);
  gtk_widget_set_visible (GTK_WIDGET (self->save_rejected_button), FALSE);
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
  tb_import_dialog_show_report (self);
}

static void
tb_import_dialog_action_start (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TbImportDialog *self = TB_IMPORT_DIALOG (widget);
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  g_autofree char *region = g_settings_get_string (self->settings, "default-region");
  g_autoptr(GError) error = NULL;

  if (self->columns == NULL || self->import_cancellable != NULL)
    return;
  if (!tb_contact_columns_check (self->columns, &error))
    {
      tb_import_dialog_toast (self, error->message);
      return;
    }

  tb_import_options_set_default_region (options, region);
  tb_import_options_set_columns (options, self->columns);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, _("Starting…"));
  tb_import_dialog_show_page (self, "progress");

  self->import_started = g_get_monotonic_time ();
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
  if (self->columns != NULL)
    g_signal_handlers_disconnect_by_data (self->columns, self);
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
  g_clear_object (&self->columns);
  g_clear_object (&self->report);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->column_labels, g_ptr_array_unref);

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, preview_title);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, mapping_error_label);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, report_description);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, report_list);
  gtk_widget_class_bind_template_child (widget_class, TbImportDialog, save_rejected_button);

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
  self->dropdowns = g_ptr_array_new ();
  self->column_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

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

  return self->columns;
}

GtkDropDown *
tb_import_dialog_get_column_dropdown (TbImportDialog *self,
                                      guint           column)
{
  g_return_val_if_fail (TB_IS_IMPORT_DIALOG (self), NULL);

  if (column >= self->dropdowns->len)
    return NULL;

  return g_ptr_array_index (self->dropdowns, column);
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
