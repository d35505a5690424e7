/* tb-composer-scripts.c: the composer's canned replies, survey answers, tags,
 * Wrong number and Opt out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-composer-private.h"
#include "tb-ui-format.h"

#define WRONG_NUMBER_TAG "Wrong number"

/* ---- Scripts: canned replies, survey answers, tags --------------------- */

void
tb_composer_rebuild_replies_menu (TbComposer *self)
{
  g_menu_remove_all (self->replies_menu);

  for (guint i = 0; self->canned_replies != NULL && i < self->canned_replies->len; i++)
    {
      TbCannedReply *reply = self->canned_replies->pdata[i];
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* The first nine have their digit key; the label says which. */
      label = i < 9 ? g_strdup_printf ("%u  %s", i + 1, reply->title) : g_strdup (reply->title);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "composer.canned-reply",
                                               g_variant_new_uint32 (i));
      g_menu_append_item (self->replies_menu, item);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->replies_button),
                            self->canned_replies != NULL && self->canned_replies->len > 0);
}

static void
on_answer_change_state (GSimpleAction *action,
                        GVariant      *value,
                        gpointer       user_data)
{
  TbComposer *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 question_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (action), "question-id"));
  gint64 answer_id = g_variant_get_int64 (value);
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));

  if (self->contact == NULL)
    return;

  /* Picking the chosen answer again clears it. */
  if (answer_id == g_variant_get_int64 (state))
    answer_id = 0;

  if (!tb_store_response_set (tb_session_get_store (self->session),
                              tb_contact_get_id (self->contact), question_id, answer_id,
                              tb_session_get_texter_id (self->session), &error))
    {
      tb_composer_emit_failed (self, error);
      return;
    }

  g_simple_action_set_state (action, g_variant_new_int64 (answer_id));

  /* An answer may carry a follow-up message: offer it in the composer. */
  for (guint q = 0; answer_id != 0 && self->questions != NULL && q < self->questions->len; q++)
    {
      TbSurveyQuestion *question = self->questions->pdata[q];

      for (guint a = 0; a < question->answers->len; a++)
        {
          TbSurveyAnswer *answer = question->answers->pdata[a];

          if (answer->id == answer_id && answer->body != NULL && *answer->body != '\0')
            {
              g_autofree char *text = tb_composer_render_for_contact (self, answer->body, NULL);

              if (text != NULL)
                tb_composer_set_text (self, text);
            }
        }
    }
}

static void
on_tag_change_state (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  TbComposer *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 tag_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (action), "tag-id"));
  gboolean ok;

  if (self->contact == NULL)
    return;

  if (g_variant_get_boolean (value))
    ok = tb_store_contact_tag_add (tb_session_get_store (self->session),
                                   tb_contact_get_id (self->contact), tag_id,
                                   tb_session_get_texter_id (self->session), &error);
  else
    ok = tb_store_contact_tag_remove (tb_session_get_store (self->session),
                                      tb_contact_get_id (self->contact), tag_id, &error);

  if (!ok)
    {
      tb_composer_emit_failed (self, error);
      return;
    }

  g_simple_action_set_state (action, value);
}

/* The menus and their actions: one per question and per tag. Built again
 * only when the campaign's questions or the list of tags changed: a menu
 * change rebuilds the popover's widgets, and this runs for every contact. */
static void
build_choice_menus (TbComposer *self,
                    GPtrArray  *tags)
{
  g_menu_remove_all (self->survey_menu);
  g_menu_remove_all (self->tags_menu);
  g_clear_object (&self->choices);
  self->choices = g_simple_action_group_new ();
  g_array_set_size (self->choice_tag_ids, 0);

  for (guint q = 0; self->questions != NULL && q < self->questions->len; q++)
    {
      TbSurveyQuestion *question = self->questions->pdata[q];
      g_autofree char *name = g_strdup_printf ("q%" G_GINT64_FORMAT, question->id);
      g_autofree char *detailed = g_strdup_printf ("choices.%s", name);
      g_autoptr(GMenu) section = g_menu_new ();
      g_autoptr(GSimpleAction) action = NULL;

      action = g_simple_action_new_stateful (name, G_VARIANT_TYPE_INT64, g_variant_new_int64 (0));
      g_object_set_data (G_OBJECT (action), "question-id", GSIZE_TO_POINTER (question->id));
      g_signal_connect (action, "change-state", G_CALLBACK (on_answer_change_state), self);
      g_action_map_add_action (G_ACTION_MAP (self->choices), G_ACTION (action));

      for (guint a = 0; a < question->answers->len; a++)
        {
          TbSurveyAnswer *answer = question->answers->pdata[a];
          g_autoptr(GMenuItem) item = g_menu_item_new (answer->label, NULL);

          g_menu_item_set_action_and_target_value (item, detailed, g_variant_new_int64 (answer->id));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (self->survey_menu, question->text, G_MENU_MODEL (section));
    }

  for (guint t = 0; tags != NULL && t < tags->len; t++)
    {
      TbTag *tag = tags->pdata[t];
      g_autofree char *name = g_strdup_printf ("tag%" G_GINT64_FORMAT, tag->id);
      g_autofree char *detailed = g_strdup_printf ("choices.%s", name);
      g_autoptr(GSimpleAction) action = NULL;

      action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (FALSE));
      g_object_set_data (G_OBJECT (action), "tag-id", GSIZE_TO_POINTER (tag->id));
      g_signal_connect (action, "change-state", G_CALLBACK (on_tag_change_state), self);
      g_action_map_add_action (G_ACTION_MAP (self->choices), G_ACTION (action));
      g_menu_append (self->tags_menu, tag->name, detailed);
      g_array_append_val (self->choice_tag_ids, tag->id);
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "choices", G_ACTION_GROUP (self->choices));
}

static gboolean
same_tags (GArray    *ids,
           GPtrArray *tags)
{
  guint n = tags != NULL ? tags->len : 0;

  if (ids->len != n)
    return FALSE;
  for (guint t = 0; t < n; t++)
    if (g_array_index (ids, gint64, t) != ((TbTag *) tags->pdata[t])->id)
      return FALSE;
  return TRUE;
}

/* Sets a state only when it changes: each change updates the menu's items. */
static void
set_choice_state (TbComposer *self,
                  const char *name,
                  GVariant   *state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->choices), name);
  g_autoptr(GVariant) old = NULL;

  g_variant_ref_sink (state);
  if (action != NULL && ((old = g_action_get_state (action)) == NULL || !g_variant_equal (old, state)))
    g_simple_action_set_state (G_SIMPLE_ACTION (action), state);
  g_variant_unref (state);
}

/* The survey and tag menus show the current contact's choices. */
void
tb_composer_rebuild_choices (TbComposer *self)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) contact_tags = NULL;
  TbStore *store;
  gint64 contact_id;

  if (self->session == NULL || self->contact == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->survey_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->tags_button), FALSE);
      return;
    }

  store = tb_session_get_store (self->session);
  contact_id = tb_contact_get_id (self->contact);
  tags = tb_store_tag_list (store, NULL);
  if (self->choices == NULL || !same_tags (self->choice_tag_ids, tags))
    build_choice_menus (self, tags);

  responses = tb_store_response_list (store, contact_id, NULL);
  for (guint q = 0; self->questions != NULL && q < self->questions->len; q++)
    {
      TbSurveyQuestion *question = self->questions->pdata[q];
      g_autofree char *name = g_strdup_printf ("q%" G_GINT64_FORMAT, question->id);
      gint64 chosen = 0;

      for (guint r = 0; responses != NULL && r < responses->len; r++)
        {
          TbSurveyResponse *response = responses->pdata[r];

          if (response->question_id == question->id)
            chosen = response->answer_id;
        }
      set_choice_state (self, name, g_variant_new_int64 (chosen));
    }

  contact_tags = tb_store_contact_tag_list (store, contact_id, NULL);
  for (guint t = 0; tags != NULL && t < tags->len; t++)
    {
      TbTag *tag = tags->pdata[t];
      g_autofree char *name = g_strdup_printf ("tag%" G_GINT64_FORMAT, tag->id);
      gboolean has = FALSE;

      for (guint c = 0; contact_tags != NULL && c < contact_tags->len; c++)
        if (((TbTag *) contact_tags->pdata[c])->id == tag->id)
          has = TRUE;
      set_choice_state (self, name, g_variant_new_boolean (has));
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->survey_button),
                            self->questions != NULL && self->questions->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_button), tags != NULL && tags->len > 0);
}

void
tb_composer_wrong_number_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TbComposer *self = TB_COMPOSER (widget);
  g_autoptr(GError) error = NULL;
  TbStore *store;
  gint64 contact_id;
  gint64 tag_id;

  if (self->contact == NULL || self->session == NULL)
    return;

  store = tb_session_get_store (self->session);
  contact_id = tb_contact_get_id (self->contact);

  tag_id = tb_store_tag_ensure (store, WRONG_NUMBER_TAG, &error);
  if (tag_id == 0 ||
      !tb_store_contact_tag_add (store, contact_id, tag_id, tb_session_get_texter_id (self->session), &error) ||
      !tb_store_contact_set_status (store, contact_id, TB_CONTACT_STATUS_CLOSED, &error))
    {
      tb_composer_emit_failed (self, error);
      return;
    }

  tb_composer_emit_contact_closed (self, contact_id, _("Marked as a wrong number"));
}

typedef struct {
  TbComposer *self;
  gint64      contact_id;
} OptOutData;

static void
opt_out_data_free (OptOutData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

static void
on_opt_out_response (AdwMessageDialog *dialog,
                     const char       *response,
                     OptOutData       *data)
{
  TbComposer *self = data->self;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "opt-out") != 0 || self->session == NULL)
    return;

  /* No confirmation text: after the opt-out nothing may go to the number,
   * and before it the opt-out would wait on the network (docs/session.md). */
  if (!tb_outbox_opt_out (tb_session_get_outbox (self->session), data->contact_id, &error))
    {
      tb_composer_emit_failed (self, error);
      return;
    }

  tb_composer_emit_contact_closed (self, data->contact_id, _("Opted out"));
}

void
tb_composer_opt_out_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TbComposer *self = TB_COMPOSER (widget);
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  OptOutData *data;

  if (self->contact == NULL)
    return;

  name = tb_contact_dup_display_name (self->contact);
  phone = tb_ui_format_phone (tb_contact_get_phone (self->contact));
  heading = g_strdup_printf (_("Opt Out %s?"), name);
  body = g_strdup_printf (_("Textbank will never text %s again, in any campaign, and sends no confirmation. "
                            "Only an admin can undo this."),
                          phone);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "opt-out", _("_Opt Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "opt-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  data = g_new0 (OptOutData, 1);
  data->self = g_object_ref (self);
  data->contact_id = tb_contact_get_id (self->contact);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_opt_out_response), data,
                         (GClosureNotify) opt_out_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

