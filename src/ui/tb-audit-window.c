/* tb-audit-window.c: the audit log for the admin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-audit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-audit-window.h"

struct _TbAuditWindow
{
  AdwWindow     parent_instance;

  TbSession    *session;
  GtkListBox   *list;
  GtkWidget    *more_button;
  GCancellable *cancellable;
  gint64        last_id;
  guint         n_rows;
};

G_DEFINE_FINAL_TYPE (TbAuditWindow, tb_audit_window, ADW_TYPE_WINDOW)

static void
load_page (TbAuditWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = tb_store_audit_list (tb_session_get_store (self->session), self->last_id,
                                 TB_AUDIT_WINDOW_PAGE, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the audit log: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      TbAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->at / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%x %X") : g_strdup ("");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      title = entry->subject != NULL ? g_strdup_printf ("%s · %s", entry->action, entry->subject)
                                     : g_strdup (entry->action);
      subtitle = g_strdup_printf ("%s · %s%s%s", when,
                                  entry->texter_name != NULL ? entry->texter_name : _("nobody signed in"),
                                  entry->detail != NULL ? " · " : "",
                                  entry->detail != NULL ? entry->detail : "");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "action", (gpointer) g_intern_string (entry->action));
      g_object_set_data (G_OBJECT (row), "texter-id", GSIZE_TO_POINTER ((gsize) entry->texter_id));
      gtk_list_box_append (self->list, row);
      self->last_id = entry->id;
      self->n_rows++;
    }
  gtk_widget_set_visible (self->more_button, entries->len == TB_AUDIT_WINDOW_PAGE);
}

static void
admin_unlocked_changed (TbAuditWindow *self)
{
  /* The log is the admin's: it goes when the admin role locks. */
  if (!tb_session_get_admin_unlocked (self->session))
    gtk_window_close (GTK_WINDOW (self));
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TbAuditWindow *self = TB_AUDIT_WINDOW (source);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (tb_audit_window_export_finish (self, result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(TbAuditWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      tb_audit_window_export_async (self, file, self->cancellable, export_done_cb, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_clicked (TbAuditWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Audit Log"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "textbank-audit.csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tb_audit_window_dispose (GObject *object)
{
  TbAuditWindow *self = TB_AUDIT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tb_audit_window_parent_class)->dispose (object);
}

static void
tb_audit_window_class_init (TbAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_audit_window_dispose;
}

static void
tb_audit_window_init (TbAuditWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Audit Log"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);

  gtk_widget_set_tooltip_text (export, _("Save the whole log as a CSV file"));
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), export);
  gtk_box_append (GTK_BOX (box), header);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Audit log entries, newest first"), -1);
  self->more_button = gtk_button_new_with_mnemonic (_("Show _Older Entries"));
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (load_page), self);

  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (inner), self->more_button);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
tb_audit_window_new (GtkWindow *parent,
                     TbSession *session)
{
  TbAuditWindow *self;

  g_return_val_if_fail (TB_IS_SESSION (session), NULL);

  self = g_object_new (TB_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::admin-unlocked",
                           G_CALLBACK (admin_unlocked_changed), self, G_CONNECT_SWAPPED);
  load_page (self);
  return GTK_WIDGET (self);
}

guint
tb_audit_window_get_n_rows (TbAuditWindow *self)
{
  g_return_val_if_fail (TB_IS_AUDIT_WINDOW (self), 0);

  return self->n_rows;
}

void
tb_audit_window_export_async (TbAuditWindow       *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) csv = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_AUDIT_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_audit_window_export_async);
  /* The rows are read here, on the store's thread; the file is written
   * asynchronously. */
  csv = tb_access_audit_csv (tb_session_get_access (self->session), &error);
  if (csv == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       cancellable, export_written_cb, g_steal_pointer (&task));
}

gboolean
tb_audit_window_export_finish (TbAuditWindow  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
