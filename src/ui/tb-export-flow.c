/* tb-export-flow.c: export a campaign's contacts and messages as two CSVs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-export-flow"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-export-flow.h"
#include "tb-workstation-actions.h"

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

struct _TbExportFlow
{
  GObject         parent_instance;

  GtkWindow      *parent;       /* weak */
  TbStore        *store;
  gint64          campaign_id;
  GCancellable   *cancellable;
  GFile          *contacts;
  GFile          *messages;
  TbExportCounts  counts;
  GError         *error;
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (TbExportFlow, tb_export_flow, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static char *
file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_filename_display_name (path) : g_file_get_uri (file);
}

static void
tb_export_flow_show_result (TbExportFlow *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->parent == NULL)
    return;

  if (self->error != NULL)
    {
      body = g_strdup_printf (_("Nothing already stored was changed. %s"), self->error->message);
      dialog = adw_message_dialog_new (self->parent, _("Export Failed"), body);
    }
  else
    {
      g_autofree char *contacts = file_display_name (self->contacts);
      g_autofree char *messages = file_display_name (self->messages);
      g_autofree char *n_contacts = g_strdup_printf ("%" G_GUINT64_FORMAT, self->counts.contacts);
      g_autofree char *n_messages = g_strdup_printf ("%" G_GUINT64_FORMAT, self->counts.messages);
      /* Translators: a count, then a file name. */
      g_autofree char *contacts_line =
        g_strdup_printf (ngettext ("%s contact in %s", "%s contacts in %s", (gulong) self->counts.contacts),
                         n_contacts, contacts);
      /* Translators: a count, then a file name. */
      g_autofree char *messages_line =
        g_strdup_printf (ngettext ("%s message in %s", "%s messages in %s", (gulong) self->counts.messages),
                         n_messages, messages);

      body = g_strdup_printf ("%s\n%s", contacts_line, messages_line);
      dialog = adw_message_dialog_new (self->parent, _("Export Finished"), body);
    }

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tb_export_flow_finish (TbExportFlow *self,
                       gboolean      show)
{
  self->running = FALSE;
  if (show)
    tb_export_flow_show_result (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, self->error == NULL);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TbExportFlow) self = user_data;
  gboolean cancelled;

  g_clear_error (&self->error);
  tb_store_export_finish (TB_STORE (source), result, &self->counts, &self->error);
  cancelled = g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (self->error == NULL)
    {
      g_autofree char *subject = g_strdup_printf ("campaign %" G_GINT64_FORMAT, self->campaign_id);
      g_autofree char *detail = g_strdup_printf ("%" G_GUINT64_FORMAT " contacts, %" G_GUINT64_FORMAT " messages",
                                                 self->counts.contacts, self->counts.messages);

      tb_workstation_audit ("export", subject, detail);
    }

  tb_export_flow_finish (self, !cancelled);
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(TbExportFlow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      tb_export_flow_run_to (self, file);
    }
  else
    {
      g_clear_error (&self->error);
      self->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled"));
      tb_export_flow_finish (self, FALSE);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
tb_export_flow_dispose (GObject *object)
{
  TbExportFlow *self = TB_EXPORT_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (tb_export_flow_parent_class)->dispose (object);
}

static void
tb_export_flow_finalize (GObject *object)
{
  TbExportFlow *self = TB_EXPORT_FLOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->contacts);
  g_clear_object (&self->messages);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tb_export_flow_parent_class)->finalize (object);
}

static void
tb_export_flow_class_init (TbExportFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_export_flow_dispose;
  object_class->finalize = tb_export_flow_finalize;

  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
tb_export_flow_init (TbExportFlow *self)
{
  self->cancellable = g_cancellable_new ();
}

TbExportFlow *
tb_export_flow_new (GtkWindow *parent,
                    TbStore   *store,
                    gint64     campaign_id)
{
  TbExportFlow *self;

  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  self = g_object_new (TB_TYPE_EXPORT_FLOW, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->store = g_object_ref (store);
  self->campaign_id = campaign_id;

  return self;
}

void
tb_export_flow_run (TbExportFlow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TB_IS_EXPORT_FLOW (self));

  campaign = tb_store_campaign_get (self->store, self->campaign_id, NULL);
  /* Translators: the suggested file name; %s is the campaign's name. */
  name = g_strdup_printf (_("%s-contacts.csv"), campaign != NULL ? tb_campaign_get_name (campaign) : _("campaign"));
  g_strdelimit (name, "/\\:", '-');

  chooser = gtk_file_chooser_native_new (_("Export Contacts and Messages"), self->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tb_export_flow_run_to (TbExportFlow *self,
                       GFile        *contacts)
{
  g_return_if_fail (TB_IS_EXPORT_FLOW (self));
  g_return_if_fail (G_IS_FILE (contacts));
  g_return_if_fail (!self->running);

  g_set_object (&self->contacts, contacts);
  g_clear_object (&self->messages);
  self->messages = tb_export_flow_messages_file_for (contacts);
  g_clear_error (&self->error);
  self->counts = (TbExportCounts) { 0, 0 };
  self->running = TRUE;

  tb_store_export_async (self->store, self->campaign_id, self->contacts, self->messages,
                         self->cancellable, on_export_done, g_object_ref (self));
}

void
tb_export_flow_cancel (TbExportFlow *self)
{
  g_return_if_fail (TB_IS_EXPORT_FLOW (self));

  g_cancellable_cancel (self->cancellable);
}

GFile *
tb_export_flow_messages_file_for (GFile *contacts)
{
  g_autofree char *basename = NULL;
  g_autofree char *messages = NULL;
  g_autoptr(GFile) parent = NULL;
  char *dot;

  g_return_val_if_fail (G_IS_FILE (contacts), NULL);

  basename = g_file_get_basename (contacts);
  parent = g_file_get_parent (contacts);
  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = '\0';

  if (g_str_has_suffix (basename, "-contacts"))
    {
      basename[strlen (basename) - strlen ("-contacts")] = '\0';
      messages = g_strconcat (basename, "-messages.csv", NULL);
    }
  else
    messages = g_strconcat (basename, "-messages.csv", NULL);

  return parent != NULL ? g_file_get_child (parent, messages) : g_file_new_for_path (messages);
}

const TbExportCounts *
tb_export_flow_get_counts (TbExportFlow *self)
{
  g_return_val_if_fail (TB_IS_EXPORT_FLOW (self), NULL);

  return &self->counts;
}

const GError *
tb_export_flow_get_error (TbExportFlow *self)
{
  g_return_val_if_fail (TB_IS_EXPORT_FLOW (self), NULL);

  return self->error;
}
