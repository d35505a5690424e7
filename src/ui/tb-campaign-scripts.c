/* tb-campaign-scripts.c: a campaign's canned replies, survey questions and tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-campaign-scripts"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-campaign-scripts.h"
#include "tb-template.h"
#include "tb-template-check.h"
#include "tb-template-editor.h"

#define N_ANSWER_ROWS 4

struct _TbCampaignScripts
{
  AdwBin       parent_instance;

  TbStore     *store;
  gint64       campaign_id;

  GtkListBox  *replies_list;
  GtkListBox  *questions_list;
  GtkListBox  *tags_list;
  AdwEntryRow *new_tag_row;
};

G_DEFINE_FINAL_TYPE (TbCampaignScripts, tb_campaign_scripts, ADW_TYPE_BIN)

static void
tb_campaign_scripts_toast (TbCampaignScripts *self,
                           const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
tb_campaign_scripts_report (TbCampaignScripts *self,
                            const char        *what,
                            const GError      *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  tb_campaign_scripts_toast (self, text);
}

static void
clear_list (GtkListBox *list,
            GtkWidget  *keep)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != keep)
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *accessible_name,
             const char *action_name,
             gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));

  return button;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
tb_campaign_scripts_load_replies (TbCampaignScripts *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replies = tb_store_canned_reply_list (self->store, self->campaign_id, &error);

  clear_list (self->replies_list, NULL);
  if (replies == NULL)
    {
      tb_campaign_scripts_report (self, _("The canned replies cannot be read"), error);
      return;
    }

  if (replies->len == 0)
    gtk_list_box_append (self->replies_list, placeholder_row (_("No canned replies yet")));

  for (guint i = 0; i < replies->len; i++)
    {
      TbCannedReply *reply = g_ptr_array_index (replies, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *edit_name = g_strdup_printf (_("Edit “%s”"), reply->title);
      g_autofree char *up_name = g_strdup_printf (_("Move “%s” up"), reply->title);
      g_autofree char *remove_name = g_strdup_printf (_("Remove “%s”"), reply->title);

      /* Keys 1-9 pick the first nine in the composer: show which. */
      title = i < 9 ? g_strdup_printf ("%u · %s", i + 1, reply->title) : g_strdup (reply->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reply->body);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      if (i > 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("go-up-symbolic", up_name,
                                                                      "scripts.move-reply-up", reply->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("document-edit-symbolic", edit_name,
                                                                    "scripts.edit-reply", reply->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("user-trash-symbolic", remove_name,
                                                                    "scripts.remove-reply", reply->id));
      gtk_list_box_append (self->replies_list, row);
    }
}

static void
tb_campaign_scripts_load_questions (TbCampaignScripts *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) questions = tb_store_question_list (self->store, self->campaign_id, &error);

  clear_list (self->questions_list, NULL);
  if (questions == NULL)
    {
      tb_campaign_scripts_report (self, _("The survey questions cannot be read"), error);
      return;
    }

  if (questions->len == 0)
    gtk_list_box_append (self->questions_list, placeholder_row (_("No survey questions yet")));

  for (guint i = 0; i < questions->len; i++)
    {
      TbSurveyQuestion *question = g_ptr_array_index (questions, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u answer", "%u answers", question->answers->len),
                                                   question->answers->len);
      g_autofree char *remove_name = g_strdup_printf (_("Remove the question “%s”"), question->text);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), question->text);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                                   icon_button ("user-trash-symbolic", remove_name,
                                                "scripts.remove-question", question->id));

      for (guint j = 0; j < question->answers->len; j++)
        {
          TbSurveyAnswer *answer = g_ptr_array_index (question->answers, j);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), answer->label);
          if (answer->body != NULL && *answer->body != '\0')
            {
              g_autofree char *follow_up = g_strdup_printf (_("Follow-up: %s"), answer->body);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), follow_up);
            }
          else
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No follow-up message"));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }

      gtk_list_box_append (self->questions_list, expander);
    }
}

static void
tb_campaign_scripts_load_tags (TbCampaignScripts *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = tb_store_tag_list (self->store, &error);

  clear_list (self->tags_list, GTK_WIDGET (self->new_tag_row));
  if (tags == NULL)
    {
      tb_campaign_scripts_report (self, _("The tags cannot be read"), error);
      return;
    }

  for (guint i = 0; i < tags->len; i++)
    {
      TbTag *tag = g_ptr_array_index (tags, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("tag-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tag"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tag->name);
      gtk_list_box_append (self->tags_list, row);
    }
}

static void
on_reply_saved (TbCampaignScripts *self)
{
  tb_campaign_scripts_load_replies (self);
}

static void
tb_campaign_scripts_open_reply (TbCampaignScripts *self,
                                gint64             reply_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TbTemplateEditor *editor;

  if (self->store == NULL)
    return;

  editor = tb_template_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                   self->campaign_id, TB_TEMPLATE_EDITOR_CANNED_REPLY, reply_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_reply_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
tb_campaign_scripts_action_add_reply (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  tb_campaign_scripts_open_reply (TB_CAMPAIGN_SCRIPTS (widget), 0);
}

static void
tb_campaign_scripts_action_edit_reply (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  tb_campaign_scripts_open_reply (TB_CAMPAIGN_SCRIPTS (widget), g_variant_get_int64 (parameter));
}

static void
tb_campaign_scripts_action_remove_reply (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  TbCampaignScripts *self = TB_CAMPAIGN_SCRIPTS (widget);
  g_autoptr(GError) error = NULL;

  if (!tb_store_canned_reply_remove (self->store, g_variant_get_int64 (parameter), &error))
    tb_campaign_scripts_report (self, _("The canned reply was not removed"), error);
  tb_campaign_scripts_load_replies (self);
}

static void
tb_campaign_scripts_action_move_reply_up (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  TbCampaignScripts *self = TB_CAMPAIGN_SCRIPTS (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replies = tb_store_canned_reply_list (self->store, self->campaign_id, &error);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 1; replies != NULL && i < replies->len; i++)
    {
      TbCannedReply *reply = g_ptr_array_index (replies, i);

      if (reply->id == id && !tb_store_canned_reply_move (self->store, id, (int) i - 1, &error))
        break;
    }

  if (error != NULL)
    tb_campaign_scripts_report (self, _("The canned reply was not moved"), error);
  tb_campaign_scripts_load_replies (self);
}

static void
tb_campaign_scripts_action_remove_question (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  TbCampaignScripts *self = TB_CAMPAIGN_SCRIPTS (widget);
  g_autoptr(GError) error = NULL;

  if (!tb_store_question_remove (self->store, g_variant_get_int64 (parameter), &error))
    tb_campaign_scripts_report (self, _("The question was not removed"), error);
  tb_campaign_scripts_load_questions (self);
}

/* ---- The question dialog ---------------------------------------------- */

static void
on_question_response (AdwMessageDialog  *dialog,
                      const char        *response,
                      TbCampaignScripts *self)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "tb-rows");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) follow_ups = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add"))
    return;

  for (guint i = 1; i + 1 < rows->len; i += 2)
    {
      g_ptr_array_add (labels, (gpointer) gtk_editable_get_text (g_ptr_array_index (rows, i)));
      g_ptr_array_add (follow_ups, (gpointer) gtk_editable_get_text (g_ptr_array_index (rows, i + 1)));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (follow_ups, NULL);

  if (!tb_campaign_scripts_add_question (self,
                                         gtk_editable_get_text (g_ptr_array_index (rows, 0)),
                                         (const char * const *) labels->pdata,
                                         (const char * const *) follow_ups->pdata,
                                         &error))
    tb_campaign_scripts_report (self, _("The question was not added"), error);
}

static void
tb_campaign_scripts_action_add_question (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  TbCampaignScripts *self = TB_CAMPAIGN_SCRIPTS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *row;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("New Survey Question"),
                                   _("Give up to four answers. A follow-up message, if any, is offered to the "
                                     "texter when the contact gives that answer."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Question"));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_ptr_array_add (rows, row);

  for (guint i = 0; i < N_ANSWER_ROWS; i++)
    {
      g_autofree char *label_title = g_strdup_printf (_("Answer %u"), i + 1);
      g_autofree char *follow_title = g_strdup_printf (_("Follow-up to Answer %u (optional)"), i + 1);

      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label_title);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (rows, row);

      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), follow_title);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (rows, row);
    }

  g_object_set_data_full (G_OBJECT (dialog), "tb-rows", rows, (GDestroyNotify) g_ptr_array_unref);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_tag_apply (TbCampaignScripts *self)
{
  g_autoptr(GError) error = NULL;

  if (!tb_campaign_scripts_add_tag (self, gtk_editable_get_text (GTK_EDITABLE (self->new_tag_row)), &error))
    {
      tb_campaign_scripts_report (self, _("The tag was not added"), error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->new_tag_row), "");
}

static void
tb_campaign_scripts_update_actions (TbCampaignScripts *self)
{
  gboolean has = self->store != NULL && self->campaign_id > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scripts.add-reply", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scripts.add-question", has);
}

static void
tb_campaign_scripts_dispose (GObject *object)
{
  TbCampaignScripts *self = TB_CAMPAIGN_SCRIPTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_CAMPAIGN_SCRIPTS);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tb_campaign_scripts_parent_class)->dispose (object);
}

static void
tb_campaign_scripts_class_init (TbCampaignScriptsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_campaign_scripts_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-campaign-scripts.ui");
  gtk_widget_class_bind_template_child (widget_class, TbCampaignScripts, replies_list);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignScripts, questions_list);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignScripts, tags_list);
  gtk_widget_class_bind_template_child (widget_class, TbCampaignScripts, new_tag_row);
  gtk_widget_class_bind_template_callback (widget_class, on_new_tag_apply);

  gtk_widget_class_install_action (widget_class, "scripts.add-reply", NULL, tb_campaign_scripts_action_add_reply);
  gtk_widget_class_install_action (widget_class, "scripts.edit-reply", "x", tb_campaign_scripts_action_edit_reply);
  gtk_widget_class_install_action (widget_class, "scripts.remove-reply", "x",
                                   tb_campaign_scripts_action_remove_reply);
  gtk_widget_class_install_action (widget_class, "scripts.move-reply-up", "x",
                                   tb_campaign_scripts_action_move_reply_up);
  gtk_widget_class_install_action (widget_class, "scripts.add-question", NULL,
                                   tb_campaign_scripts_action_add_question);
  gtk_widget_class_install_action (widget_class, "scripts.remove-question", "x",
                                   tb_campaign_scripts_action_remove_question);
}

static void
tb_campaign_scripts_init (TbCampaignScripts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tb_campaign_scripts_update_actions (self);
}

TbCampaignScripts *
tb_campaign_scripts_new (void)
{
  return g_object_new (TB_TYPE_CAMPAIGN_SCRIPTS, NULL);
}

void
tb_campaign_scripts_set_campaign (TbCampaignScripts *self,
                                  TbStore           *store,
                                  gint64             campaign_id)
{
  g_return_if_fail (TB_IS_CAMPAIGN_SCRIPTS (self));
  g_return_if_fail (store == NULL || TB_IS_STORE (store));

  g_set_object (&self->store, store);
  self->campaign_id = campaign_id;
  tb_campaign_scripts_update_actions (self);
  tb_campaign_scripts_reload (self);
}

void
tb_campaign_scripts_reload (TbCampaignScripts *self)
{
  g_return_if_fail (TB_IS_CAMPAIGN_SCRIPTS (self));

  if (self->store == NULL || self->campaign_id <= 0)
    {
      clear_list (self->replies_list, NULL);
      clear_list (self->questions_list, NULL);
      clear_list (self->tags_list, GTK_WIDGET (self->new_tag_row));
      return;
    }

  tb_campaign_scripts_load_replies (self);
  tb_campaign_scripts_load_questions (self);
  tb_campaign_scripts_load_tags (self);
}

gboolean
tb_campaign_scripts_add_question (TbCampaignScripts  *self,
                                  const char         *question,
                                  const char * const *labels,
                                  const char * const *follow_ups,
                                  GError            **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  gboolean any_label = FALSE;
  gint64 question_id;

  g_return_val_if_fail (TB_IS_CAMPAIGN_SCRIPTS (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  text = g_strstrip (g_strdup (question != NULL ? question : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The question is empty"));
      return FALSE;
    }

  fields = tb_template_check_campaign_fields (self->store, self->campaign_id, error);
  if (fields == NULL)
    return FALSE;

  /* Check every answer first, so a bad one stores nothing. */
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      g_autofree char *label = g_strstrip (g_strdup (labels[i]));
      const char *follow_up = follow_ups != NULL ? follow_ups[i] : NULL;

      if (*label != '\0')
        any_label = TRUE;
      if (follow_up != NULL && *follow_up != '\0')
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(TbTemplate) template = NULL;

          if (*label == '\0')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Answer %u has a follow-up message but no answer"), i + 1);
              return FALSE;
            }
          template = tb_template_new (follow_up, (const char * const *) fields, &local_error);
          if (template == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The follow-up to “%s”: %s"), label, local_error->message);
              return FALSE;
            }
        }
    }

  if (!any_label)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The question has no answers"));
      return FALSE;
    }

  question_id = tb_store_question_add (self->store, self->campaign_id, text, error);
  if (question_id == 0)
    return FALSE;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *label = g_strstrip (g_strdup (labels[i]));
      const char *follow_up = follow_ups != NULL ? follow_ups[i] : NULL;

      if (*label == '\0')
        continue;
      if (tb_store_answer_add (self->store, question_id, label,
                               follow_up != NULL && *follow_up != '\0' ? follow_up : NULL, error) == 0)
        {
          /* Leave no half-made question behind. */
          tb_store_question_remove (self->store, question_id, NULL);
          tb_campaign_scripts_load_questions (self);
          return FALSE;
        }
    }

  tb_campaign_scripts_load_questions (self);
  return TRUE;
}

gboolean
tb_campaign_scripts_add_tag (TbCampaignScripts  *self,
                             const char         *name,
                             GError            **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (TB_IS_CAMPAIGN_SCRIPTS (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The tag has no name"));
      return FALSE;
    }

  if (tb_store_tag_ensure (self->store, trimmed, error) == 0)
    return FALSE;

  tb_campaign_scripts_load_tags (self);
  return TRUE;
}
