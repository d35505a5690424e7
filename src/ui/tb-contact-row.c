/* tb-contact-row.c: one contact in the contact pane's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-contact-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-contact-row.h"
#include "tb-ui-format.h"

enum {
  PROP_0,
  PROP_CONTACT,
  N_PROPS
};

struct _TbContactRow
{
  GtkWidget   parent_instance;

  TbContact  *contact;
  const char *status_class;

  AdwAvatar  *avatar;
  GtkLabel   *name_label;
  GtkLabel   *time_label;
  GtkLabel   *phone_label;
  GtkWidget  *local_time_box;
  GtkLabel   *local_time_label;
  GtkLabel   *preview_label;
  GtkWidget  *badge;
  GtkImage   *badge_icon;
  GtkLabel   *badge_label;
};

G_DEFINE_FINAL_TYPE (TbContactRow, tb_contact_row, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
tb_contact_row_update (TbContactRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *time = NULL;
  g_autofree char *local_time = NULL;
  g_autofree char *accessible = NULL;
  TbContactStatus status;
  const char *preview;
  gint64 last_at;
  gint64 now = g_get_real_time ();

  if (self->status_class != NULL)
    {
      gtk_widget_remove_css_class (self->badge, self->status_class);
      self->status_class = NULL;
    }

  if (self->contact == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->phone_label, "");
      gtk_label_set_label (self->preview_label, "");
      gtk_label_set_label (self->time_label, "");
      gtk_label_set_label (self->local_time_label, "");
      gtk_label_set_label (self->badge_label, "");
      return;
    }

  name = tb_contact_dup_display_name (self->contact);
  phone = tb_ui_format_phone (tb_contact_get_phone (self->contact));
  status = tb_contact_get_status (self->contact);
  preview = tb_contact_get_last_message_preview (self->contact);
  last_at = tb_contact_get_last_message_at (self->contact);

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->phone_label, phone);

  if (preview == NULL || *preview == '\0')
    preview = _("No messages yet");
  gtk_label_set_label (self->preview_label, preview);

  time = last_at > 0 ? tb_ui_format_list_time (last_at, now) : g_strdup ("");
  gtk_label_set_label (self->time_label, time);

  local_time = tb_ui_format_clock (now, tb_ui_time_zone_for (tb_contact_get_time_zone (self->contact)));
  gtk_label_set_label (self->local_time_label, local_time);

  gtk_image_set_from_icon_name (self->badge_icon, tb_ui_status_icon (status));
  gtk_label_set_label (self->badge_label, tb_ui_status_label (status));
  self->status_class = tb_ui_status_css_class (status);
  gtk_widget_add_css_class (self->badge, self->status_class);

  /* Translators: how a screen reader reads a contact row: name, phone,
   * status, local time, last message. */
  accessible = g_strdup_printf (_("%s, %s, %s, local time %s, %s"),
                                name, phone, tb_ui_status_label (status), local_time, preview);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
tb_contact_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TbContactRow *self = TB_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_contact_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TbContactRow *self = TB_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      tb_contact_row_set_contact (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_contact_row_dispose (GObject *object)
{
  TbContactRow *self = TB_CONTACT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_CONTACT_ROW);
  /* The template's unnamed top child too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (tb_contact_row_parent_class)->dispose (object);
}

static void
tb_contact_row_class_init (TbContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tb_contact_row_get_property;
  object_class->set_property = tb_contact_row_set_property;
  object_class->dispose = tb_contact_row_dispose;

  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, TB_TYPE_CONTACT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-contact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, phone_label);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, local_time_box);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, local_time_label);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, badge);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, badge_icon);
  gtk_widget_class_bind_template_child (widget_class, TbContactRow, badge_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tb_contact_row_init (TbContactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TbContactRow *
tb_contact_row_new (void)
{
  return g_object_new (TB_TYPE_CONTACT_ROW, NULL);
}

TbContact *
tb_contact_row_get_contact (TbContactRow *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_ROW (self), NULL);

  return self->contact;
}

void
tb_contact_row_set_contact (TbContactRow *self,
                            TbContact    *contact)
{
  g_return_if_fail (TB_IS_CONTACT_ROW (self));
  g_return_if_fail (contact == NULL || TB_IS_CONTACT (contact));

  TbContact *old = self->contact;
  gboolean same = old != NULL && contact != NULL &&
                  tb_contact_get_id (old) == tb_contact_get_id (contact) &&
                  tb_contact_get_updated_at (old) == tb_contact_get_updated_at (contact) &&
                  tb_contact_get_last_message_at (old) == tb_contact_get_last_message_at (contact) &&
                  tb_contact_get_status (old) == tb_contact_get_status (contact);

  if (!g_set_object (&self->contact, contact))
    return;

  /* A reloaded page hands over new records of the same contacts: rebinding
   * them must stay cheap, so an unchanged record changes nothing. */
  if (!same)
    tb_contact_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}
