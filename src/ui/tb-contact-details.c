/* tb-contact-details.c: the side panel with a contact's fields, time, answers and tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-contact-details"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-contact-details.h"
#include "tb-texting-hours.h"
#include "tb-ui-format.h"

struct _TbContactDetails
{
  GtkWidget             parent_instance;

  TbStore              *store;
  TbContact            *contact;
  /* Rows added for this contact, removed on the next one. */
  GPtrArray            *field_rows;
  GPtrArray            *answer_rows;
  guint                 clock_timeout;
  /* The panel is filled when shown: hidden, it costs nothing per contact. */
  gboolean              dirty;

  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkLabel             *phone_label;
  AdwActionRow         *local_time_row;
  AdwActionRow         *zone_row;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *answers_group;
  GtkLabel             *tags_label;
};

G_DEFINE_FINAL_TYPE (TbContactDetails, tb_contact_details, GTK_TYPE_WIDGET)

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* The value is what a person looks for; the name is the caption. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void
update_clock (TbContactDetails *self)
{
  g_autofree char *clock = NULL;

  if (self->contact == NULL)
    return;

  clock = tb_ui_format_clock (g_get_real_time (),
                              tb_ui_time_zone_for (tb_contact_get_time_zone (self->contact)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->local_time_row), clock);
}

static gboolean
on_clock_timeout (gpointer user_data)
{
  if (gtk_widget_get_mapped (user_data))
    update_clock (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_answers_and_tags (TbContactDetails *self)
{
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GString) tag_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 contact_id;

  clear_rows (self->answers_group, self->answer_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->answers_group), FALSE);
  gtk_label_set_label (self->tags_label, "");

  if (self->store == NULL || self->contact == NULL)
    return;

  contact_id = tb_contact_get_id (self->contact);
  questions = tb_store_question_list (self->store, tb_contact_get_campaign_id (self->contact), &error);
  if (questions != NULL)
    responses = tb_store_response_list (self->store, contact_id, &error);
  if (error != NULL)
    g_warning ("Could not read the survey answers of contact %" G_GINT64_FORMAT ": %s",
               contact_id, error->message);

  for (guint i = 0; responses != NULL && i < responses->len; i++)
    {
      TbSurveyResponse *response = responses->pdata[i];

      for (guint q = 0; q < questions->len; q++)
        {
          TbSurveyQuestion *question = questions->pdata[q];

          if (question->id != response->question_id)
            continue;
          for (guint a = 0; a < question->answers->len; a++)
            {
              TbSurveyAnswer *answer = question->answers->pdata[a];

              if (answer->id == response->answer_id)
                add_row (self->answers_group, self->answer_rows, question->text, answer->label);
            }
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->answers_group), self->answer_rows->len > 0);

  g_clear_error (&error);
  tags = tb_store_contact_tag_list (self->store, contact_id, &error);
  if (tags == NULL)
    g_warning ("Could not read the tags of contact %" G_GINT64_FORMAT ": %s",
               contact_id, error->message);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      TbTag *tag = tags->pdata[i];

      if (tag_text->len > 0)
        g_string_append (tag_text, ", ");
      g_string_append (tag_text, tag->name);
    }
  gtk_label_set_label (self->tags_label, tag_text->len > 0 ? tag_text->str : _("No tags"));
}

static void
tb_contact_details_update (TbContactDetails *self)
{
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *city = NULL;
  g_auto(GStrv) field_names = NULL;
  const char *zones;

  clear_rows (self->fields_group, self->field_rows);

  if (self->contact == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->phone_label, "");
      update_answers_and_tags (self);
      return;
    }

  name = tb_contact_dup_display_name (self->contact);
  phone = tb_ui_format_phone (tb_contact_get_phone (self->contact));
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->phone_label, phone);

  zones = tb_contact_get_time_zone (self->contact);
  if (zones != NULL && *zones != '\0')
    {
      g_auto(GStrv) expanded = tb_time_zones_expand (zones);

      city = tb_time_zone_city (expanded[0]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_row), city);
      adw_action_row_set_subtitle (self->zone_row, zones);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_row), _("Unknown"));
      adw_action_row_set_subtitle (self->zone_row,
                                   _("Texting hours hold in every continental US zone"));
    }
  update_clock (self);

  if (*tb_contact_get_zip (self->contact) != '\0')
    add_row (self->fields_group, self->field_rows, _("ZIP code"), tb_contact_get_zip (self->contact));

  field_names = tb_contact_dup_field_names (self->contact);
  for (guint i = 0; field_names != NULL && field_names[i] != NULL; i++)
    {
      g_autofree char *value = tb_contact_dup_field (self->contact, field_names[i]);

      if (value != NULL && *value != '\0')
        add_row (self->fields_group, self->field_rows, field_names[i], value);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), self->field_rows->len > 0);

  update_answers_and_tags (self);
}

static void
tb_contact_details_map (GtkWidget *widget)
{
  TbContactDetails *self = TB_CONTACT_DETAILS (widget);

  if (self->dirty)
    {
      self->dirty = FALSE;
      tb_contact_details_update (self);
    }

  GTK_WIDGET_CLASS (tb_contact_details_parent_class)->map (widget);
}

/* Updates now when shown, else when next mapped. */
static void
tb_contact_details_queue_update (TbContactDetails *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    tb_contact_details_update (self);
  else
    self->dirty = TRUE;
}

static void
tb_contact_details_dispose (GObject *object)
{
  TbContactDetails *self = TB_CONTACT_DETAILS (object);

  g_clear_handle_id (&self->clock_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_CONTACT_DETAILS);
  /* The template's unnamed top child too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (tb_contact_details_parent_class)->dispose (object);
}

static void
tb_contact_details_finalize (GObject *object)
{
  TbContactDetails *self = TB_CONTACT_DETAILS (object);

  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->answer_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tb_contact_details_parent_class)->finalize (object);
}

static void
tb_contact_details_class_init (TbContactDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_contact_details_dispose;
  object_class->finalize = tb_contact_details_finalize;
  widget_class->map = tb_contact_details_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-contact-details.ui");
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, avatar);
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, phone_label);
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, local_time_row);
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, zone_row);
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, fields_group);
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, answers_group);
  gtk_widget_class_bind_template_child (widget_class, TbContactDetails, tags_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tb_contact_details_init (TbContactDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows = g_ptr_array_new ();
  self->answer_rows = g_ptr_array_new ();
  /* The local time only needs to be right to the minute. */
  self->clock_timeout = g_timeout_add_seconds (20, on_clock_timeout, self);
}

TbContactDetails *
tb_contact_details_new (void)
{
  return g_object_new (TB_TYPE_CONTACT_DETAILS, NULL);
}

void
tb_contact_details_set_store (TbContactDetails *self,
                              TbStore          *store)
{
  g_return_if_fail (TB_IS_CONTACT_DETAILS (self));

  if (g_set_object (&self->store, store))
    tb_contact_details_queue_update (self);
}

void
tb_contact_details_set_contact (TbContactDetails *self,
                                TbContact        *contact)
{
  g_return_if_fail (TB_IS_CONTACT_DETAILS (self));

  if (g_set_object (&self->contact, contact))
    tb_contact_details_queue_update (self);
}

void
tb_contact_details_refresh (TbContactDetails *self)
{
  g_return_if_fail (TB_IS_CONTACT_DETAILS (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_answers_and_tags (self);
  else
    self->dirty = TRUE;
}
