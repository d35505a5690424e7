/* tb-campaign-editor.c: the campaign list and the editor of one campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-campaign-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-campaign-editor.h"
#include "tb-template-editor.h"
#include "tb-ui-format.h"

struct _TbCampaignEditor
{
  AdwWindow          parent_instance;

  TbStore           *store;
  GSettings         *settings;
  gint64             campaign_id;
  gboolean           loading;     /* filling the rows: do not write back */

  AdwToastOverlay   *toast_overlay;
  AdwLeaflet        *leaflet;
  GtkListBox        *campaign_list;
  GtkCheckButton    *show_archived_check;
  AdwWindowTitle    *content_title;
  GtkStack          *content_stack;
  AdwEntryRow       *name_row;
  AdwEntryRow       *description_row;
  AdwEntryRow       *sender_row;
  GtkSpinButton     *hours_start_spin;
  GtkSpinButton     *hours_end_spin;
  AdwActionRow      *initial_message_row;
  TbCampaignScripts *scripts;
  GtkButton         *archive_button;
  GtkButton         *restore_button;
};

G_DEFINE_FINAL_TYPE (TbCampaignEditor, tb_campaign_editor, ADW_TYPE_WINDOW)

static void
tb_campaign_editor_toast (TbCampaignEditor *self,
                          const char       *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* An E.164 number or a Messaging Service SID ("MG" + 32 hex digits). */
static gboolean
sender_is_valid (const char *sender)
{
  gsize len = strlen (sender);

  if (g_str_has_prefix (sender, "MG"))
    {
      for (gsize i = 2; i < len; i++)
        if (!g_ascii_isxdigit (sender[i]))
          return FALSE;
      return len == 34;
    }

  if (sender[0] != '+' || len < 8 || len > 16)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (sender[i]))
      return FALSE;
  return TRUE;
}

static GtkWidget *
campaign_row_new (TbCampaign *campaign)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (tb_campaign_get_name (campaign));
  gboolean archived = tb_campaign_get_state (campaign) == TB_CAMPAIGN_STATE_ARCHIVED;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);

  if (archived || tb_campaign_get_is_demo (campaign))
    {
      GtkWidget *note = gtk_label_new (archived ? _("Archived") : _("Demo: simulator only"));

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tb_campaign_get_name (campaign), -1);
  g_object_set_data_full (G_OBJECT (row), "tb-campaign-id64",
                          g_memdup2 (&(gint64) { tb_campaign_get_id (campaign) }, sizeof (gint64)), g_free);

  return row;
}

static gint64
row_campaign_id (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "tb-campaign-id64") : NULL;

  return id != NULL ? *id : 0;
}

static void
tb_campaign_editor_show_initial_message (TbCampaignEditor *self,
                                         TbCampaign       *campaign)
{
  const char *message = tb_campaign_get_initial_message (campaign);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->initial_message_row), FALSE);
  if (*message == '\0')
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->initial_message_row),
                                     _("No initial message yet"));
      gtk_widget_add_css_class (GTK_WIDGET (self->initial_message_row), "dim-label");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->initial_message_row), message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->initial_message_row), "dim-label");
    }
}

static void
tb_campaign_editor_show (TbCampaignEditor *self,
                         gint64            campaign_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  gboolean archived;

  self->campaign_id = campaign_id;

  if (campaign_id > 0)
    {
      campaign = tb_store_campaign_get (self->store, campaign_id, &error);
      if (campaign == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The campaign cannot be read: %s"), error->message);
          tb_campaign_editor_toast (self, text);
        }
    }

  if (campaign == NULL)
    {
      self->campaign_id = 0;
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      tb_campaign_scripts_set_campaign (self->scripts, NULL, 0);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.archive", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.restore", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.edit-initial-message", FALSE);
      return;
    }

  archived = tb_campaign_get_state (campaign) == TB_CAMPAIGN_STATE_ARCHIVED;

  self->loading = TRUE;
  adw_window_title_set_title (self->content_title, tb_campaign_get_name (campaign));
  adw_window_title_set_subtitle (self->content_title, archived ? _("Archived") : tb_campaign_get_description (campaign));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), tb_campaign_get_name (campaign));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), tb_campaign_get_description (campaign));
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row),
                         tb_campaign_get_sender (campaign) != NULL ? tb_campaign_get_sender (campaign) : "");
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->sender_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_spin_button_set_value (self->hours_start_spin, tb_campaign_get_hours_start_min (campaign));
  gtk_spin_button_set_value (self->hours_end_spin, tb_campaign_get_hours_end_min (campaign));
  tb_campaign_editor_show_initial_message (self, campaign);
  self->loading = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), !archived);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.archive", !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.restore", archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.edit-initial-message", TRUE);

  tb_campaign_scripts_set_campaign (self->scripts, self->store, campaign_id);
  gtk_stack_set_visible_child_name (self->content_stack, "editor");
}

static void
tb_campaign_editor_reload_list (TbCampaignEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  gboolean archived = gtk_check_button_get_active (self->show_archived_check);
  GtkWidget *child;
  GtkListBoxRow *selected = NULL;

  campaigns = tb_store_campaign_list (self->store, archived ? TB_CAMPAIGN_STATE_ANY : TB_CAMPAIGN_STATE_ACTIVE,
                                      &error);
  if (campaigns == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The campaigns cannot be read: %s"), error->message);
      tb_campaign_editor_toast (self, text);
      return;
    }

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->campaign_list))) != NULL)
    gtk_list_box_remove (self->campaign_list, child);

  for (guint i = 0; i < campaigns->len; i++)
    {
      TbCampaign *campaign = g_ptr_array_index (campaigns, i);
      GtkWidget *row = campaign_row_new (campaign);

      gtk_list_box_append (self->campaign_list, row);
      if (tb_campaign_get_id (campaign) == self->campaign_id)
        selected = GTK_LIST_BOX_ROW (row);
    }

  gtk_list_box_select_row (self->campaign_list, selected);
  self->loading = FALSE;
}

static void
on_campaigns_changed (TbStore          *store,
                      gint64            campaign_id,
                      TbCampaignEditor *self)
{
  g_autoptr(TbCampaign) campaign = NULL;

  tb_campaign_editor_reload_list (self);

  /* Refresh what the rows do not hold: the title and the initial message. */
  if (self->campaign_id > 0 && (campaign_id == 0 || campaign_id == self->campaign_id))
    campaign = tb_store_campaign_get (self->store, self->campaign_id, NULL);
  if (campaign != NULL)
    {
      adw_window_title_set_title (self->content_title, tb_campaign_get_name (campaign));
      tb_campaign_editor_show_initial_message (self, campaign);
    }
}

static void
on_campaign_row_selected (TbCampaignEditor *self,
                          GtkListBoxRow    *row)
{
  if (self->loading)
    return;

  if (row != NULL)
    tb_campaign_editor_show (self, row_campaign_id (row));
}

static void
on_campaign_row_activated (TbCampaignEditor *self,
                           GtkListBoxRow    *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_show_archived_toggled (TbCampaignEditor *self)
{
  tb_campaign_editor_reload_list (self);
}

static void
on_details_apply (TbCampaignEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!tb_campaign_editor_apply (self, &error))
    tb_campaign_editor_toast (self, error->message);
}

static void
on_hours_changed (TbCampaignEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->campaign_id == 0)
    return;

  if (!tb_campaign_editor_apply (self, &error))
    tb_campaign_editor_toast (self, error->message);
}

static gboolean
on_time_output (GtkSpinButton *spin)
{
  g_autofree char *text = tb_ui_format_minutes_of_day ((int) gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
on_time_input (GtkSpinButton *spin,
               double        *new_value)
{
  int minutes = 0;

  if (!tb_ui_parse_minutes_of_day (gtk_editable_get_text (GTK_EDITABLE (spin)), &minutes))
    return GTK_INPUT_ERROR;

  *new_value = (double) minutes;
  return TRUE;
}

static void
tb_campaign_editor_action_new (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TbCampaignEditor *self = TB_CAMPAIGN_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (tb_campaign_editor_new_campaign (self, &error) == 0)
    {
      g_autofree char *text = g_strdup_printf (_("The campaign was not created: %s"), error->message);
      tb_campaign_editor_toast (self, text);
    }
}

static void
on_archive_response (AdwMessageDialog *dialog,
                     const char       *response,
                     TbCampaignEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "archive"))
    return;

  if (!tb_store_campaign_archive (self->store, self->campaign_id, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The campaign was not archived: %s"), error->message);
      tb_campaign_editor_toast (self, text);
      return;
    }

  tb_campaign_editor_toast (self, _("Campaign archived"));
  tb_campaign_editor_select_campaign (self, gtk_check_button_get_active (self->show_archived_check)
                                              ? self->campaign_id : 0);
}

static void
tb_campaign_editor_action_archive (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  TbCampaignEditor *self = TB_CAMPAIGN_EDITOR (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->campaign_id == 0)
    return;

  body = g_strdup_printf (_("“%s” disappears from the texters’ campaign list. Its contacts, messages and "
                            "opt-outs are kept, and it can be restored."),
                          gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Archive Campaign?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_archive_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tb_campaign_editor_action_restore (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  TbCampaignEditor *self = TB_CAMPAIGN_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!tb_store_campaign_set_state (self->store, self->campaign_id, TB_CAMPAIGN_STATE_ACTIVE, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The campaign was not restored: %s"), error->message);
      tb_campaign_editor_toast (self, text);
      return;
    }

  tb_campaign_editor_select_campaign (self, self->campaign_id);
}

static void
on_initial_message_saved (TbCampaignEditor *self)
{
  g_autoptr(TbCampaign) campaign = tb_store_campaign_get (self->store, self->campaign_id, NULL);

  if (campaign != NULL)
    tb_campaign_editor_show_initial_message (self, campaign);
  tb_campaign_editor_toast (self, _("Initial message saved"));
}

static void
tb_campaign_editor_action_edit_initial_message (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *parameter)
{
  TbCampaignEditor *self = TB_CAMPAIGN_EDITOR (widget);
  TbTemplateEditor *editor;

  if (self->campaign_id == 0)
    return;

  editor = tb_template_editor_new (GTK_WINDOW (self), self->store, self->campaign_id,
                                   TB_TEMPLATE_EDITOR_INITIAL_MESSAGE, 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_initial_message_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
tb_campaign_editor_action_back (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  adw_leaflet_navigate (TB_CAMPAIGN_EDITOR (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
tb_campaign_editor_dispose (GObject *object)
{
  TbCampaignEditor *self = TB_CAMPAIGN_EDITOR (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_CAMPAIGN_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tb_campaign_editor_parent_class)->dispose (object);
}

static void
tb_campaign_editor_class_init (TbCampaignEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_campaign_editor_dispose;

  g_type_ensure (TB_TYPE_CAMPAIGN_SCRIPTS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-campaign-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, campaign_list);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, show_archived_check);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, content_title);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, sender_row);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, hours_start_spin);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, hours_end_spin);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, initial_message_row);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, scripts);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, archive_button);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignEditor, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_campaign_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_campaign_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_show_archived_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_details_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_hours_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output);
  gtk_widget_class_bind_template_callback (widget_class, on_time_input);

  gtk_widget_class_install_action (widget_class, "campaigns.new", NULL, tb_campaign_editor_action_new);
  gtk_widget_class_install_action (widget_class, "campaigns.archive", NULL, tb_campaign_editor_action_archive);
  gtk_widget_class_install_action (widget_class, "campaigns.restore", NULL, tb_campaign_editor_action_restore);
  gtk_widget_class_install_action (widget_class, "campaigns.edit-initial-message", NULL,
                                   tb_campaign_editor_action_edit_initial_message);
  gtk_widget_class_install_action (widget_class, "campaigns.back", NULL, tb_campaign_editor_action_back);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "campaigns.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
tb_campaign_editor_init (TbCampaignEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
}

TbCampaignEditor *
tb_campaign_editor_new (GtkWindow *parent,
                        TbStore   *store)
{
  TbCampaignEditor *self;

  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  self = g_object_new (TB_TYPE_CAMPAIGN_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "campaigns-changed", G_CALLBACK (on_campaigns_changed), self);

  tb_campaign_editor_reload_list (self);
  tb_campaign_editor_show (self, 0);

  return self;
}

void
tb_campaign_editor_select_campaign (TbCampaignEditor *self,
                                    gint64            campaign_id)
{
  g_return_if_fail (TB_IS_CAMPAIGN_EDITOR (self));

  self->campaign_id = campaign_id;
  tb_campaign_editor_reload_list (self);
  tb_campaign_editor_show (self, campaign_id);
  if (campaign_id > 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  /* Keyboard users start on the list, not inside a text field. */
  {
    GtkListBoxRow *row = gtk_list_box_get_selected_row (self->campaign_list);

    if (row != NULL)
      gtk_widget_grab_focus (GTK_WIDGET (row));
    gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, 0);
  }
}

gint64
tb_campaign_editor_get_campaign_id (TbCampaignEditor *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN_EDITOR (self), 0);

  return self->campaign_id;
}

gint64
tb_campaign_editor_new_campaign (TbCampaignEditor  *self,
                                 GError           **error)
{
  g_autofree char *sender = NULL;
  gint64 id;

  g_return_val_if_fail (TB_IS_CAMPAIGN_EDITOR (self), 0);

  sender = g_settings_get_string (self->settings, "default-sender");
  id = tb_store_campaign_create (self->store, _("New Campaign"), "", *sender != '\0' ? sender : NULL,
                                 FALSE, error);
  if (id == 0)
    return 0;

  tb_campaign_editor_select_campaign (self, id);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return id;
}

gboolean
tb_campaign_editor_apply (TbCampaignEditor  *self,
                          GError           **error)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *sender = NULL;
  int start, end;

  g_return_val_if_fail (TB_IS_CAMPAIGN_EDITOR (self), FALSE);

  if (self->campaign_id == 0)
    return TRUE;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row))));
  sender = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sender_row))));
  start = (int) gtk_spin_button_get_value (self->hours_start_spin);
  end = (int) gtk_spin_button_get_value (self->hours_end_spin);

  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sender_row), "error");

  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Not saved: the campaign needs a name"));
      return FALSE;
    }

  if (*sender != '\0' && !sender_is_valid (sender))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->sender_row), "error");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Not saved: “%s” is neither a phone number in international form (+15125550123) nor a "
                     "Messaging Service SID (MG and 32 hex digits)"), sender);
      return FALSE;
    }

  if (start >= end)
    {
      g_autofree char *start_text = tb_ui_format_minutes_of_day (start);
      g_autofree char *end_text = tb_ui_format_minutes_of_day (end);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the two times of day, e.g. "9:00 PM to 9:00 AM". */
                   _("Not saved: texting hours must end after they start (%s to %s)"),
                   start_text, end_text);
      return FALSE;
    }

  return tb_store_campaign_update (self->store, self->campaign_id, name, description, sender, start, end, error);
}

TbCampaignScripts *
tb_campaign_editor_get_scripts (TbCampaignEditor *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN_EDITOR (self), NULL);

  return self->scripts;
}
