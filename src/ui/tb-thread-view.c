/* tb-thread-view.c: a conversation's bubbles and the contact's details
 *
 * The bubbles are a GtkListBox bound to the store's TbThreadModel: a
 * conversation is short, and a list box gives day separators as row headers.
 * The details side panel is an AdwFlap that folds over the conversation when
 * the window is narrow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-thread-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-contact-details.h"
#include "tb-message-row.h"
#include "tb-thread-model.h"
#include "tb-thread-view.h"
#include "tb-ui-format.h"

enum {
  PROP_0,
  PROP_CONTACT,
  PROP_SHOW_DETAILS,
  N_PROPS
};

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

struct _TbThreadView
{
  GtkWidget          parent_instance;

  TbStore           *store;
  TbThreadModel     *model;
  TbContact         *contact;
  guint              scroll_idle;
  /* Keep the newest message in view while rows grow (text wraps in later
   * frames, more so with large text), until the texter scrolls up. */
  gboolean           follow_end;
  gboolean           setting_value;

  AdwFlap           *flap;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkListBox        *message_list;
  AdwStatusPage     *first_text_page;
  GtkLabel          *first_text_title;
  GtkLabel          *first_text_description;
  TbContactDetails  *details;
};

G_DEFINE_FINAL_TYPE (TbThreadView, tb_thread_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
contact_can_be_texted (TbThreadView *self)
{
  return self->contact == NULL || tb_contact_get_status (self->contact) != TB_CONTACT_STATUS_OPTED_OUT;
}

static GtkWidget *
create_message_row (gpointer item,
                    gpointer user_data)
{
  TbThreadView *self = user_data;
  TbMessageRow *row = tb_message_row_new (TB_MESSAGE (item));

  tb_message_row_set_can_retry (row, contact_can_be_texted (self));
  return GTK_WIDGET (row);
}

/* An opt-out takes Retry away from the failed messages already shown. */
static void
update_retry (TbThreadView *self)
{
  gboolean can_retry = contact_can_be_texted (self);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->message_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (TB_IS_MESSAGE_ROW (row))
      tb_message_row_set_can_retry (TB_MESSAGE_ROW (row), can_retry);
}

static GDateTime *
local_day_of (TbMessage *message)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (tb_message_get_at (message) / G_USEC_PER_SEC);

  if (at == NULL)
    return NULL;

  return g_date_time_new_local (g_date_time_get_year (at), g_date_time_get_month (at),
                                g_date_time_get_day_of_month (at), 0, 0, 0);
}

/* A day separator above the first message of each day. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  TbMessage *message = tb_message_row_get_message (TB_MESSAGE_ROW (row));
  g_autoptr(GDateTime) day = local_day_of (message);
  g_autoptr(GDateTime) before_day = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  GtkWidget *header;

  if (before != NULL)
    before_day = local_day_of (tb_message_row_get_message (TB_MESSAGE_ROW (before)));

  if (day == NULL || (before_day != NULL && g_date_time_equal (day, before_day)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  text = tb_ui_format_day (day, now);
  header = gtk_list_box_row_get_header (row);
  if (GTK_IS_LABEL (header))
    {
      gtk_label_set_label (GTK_LABEL (header), text);
      return;
    }

  header = gtk_label_new (text);
  gtk_widget_add_css_class (header, "day-separator");
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static void
set_value_to_end (TbThreadView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  self->setting_value = TRUE;
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) -
                            gtk_adjustment_get_page_size (adjustment));
  self->setting_value = FALSE;
}

static gboolean
scroll_to_end_idle (gpointer user_data)
{
  TbThreadView *self = user_data;

  self->scroll_idle = 0;
  set_value_to_end (self);

  return G_SOURCE_REMOVE;
}

static void
on_adjustment_changed (TbThreadView  *self,
                       GtkAdjustment *adjustment)
{
  if (self->follow_end)
    set_value_to_end (self);
}

static void
on_adjustment_value_changed (TbThreadView  *self,
                             GtkAdjustment *adjustment)
{
  /* The texter scrolled up: leave the view where they put it. */
  if (!self->setting_value &&
      gtk_adjustment_get_value (adjustment) <
      gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1)
    self->follow_end = FALSE;
}

static void
scroll_to_end (TbThreadView *self)
{
  self->follow_end = TRUE;
  /* After the new rows are allocated, so the adjustment knows their height. */
  if (self->scroll_idle == 0)
    self->scroll_idle = g_idle_add_full (GTK_PRIORITY_RESIZE + 10, scroll_to_end_idle, self, NULL);
}

static void
update_page (TbThreadView *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  if (n > 0 || self->contact == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "messages");
      return;
    }

  {
    g_autofree char *name = tb_contact_dup_display_name (self->contact);
    g_autofree char *title = NULL;

    if (tb_contact_get_status (self->contact) == TB_CONTACT_STATUS_OPTED_OUT)
      {
        title = g_strdup_printf (_("%s opted out"), name);
        adw_status_page_set_icon_name (self->first_text_page, "action-unavailable-symbolic");
        gtk_label_set_label (self->first_text_description,
                             _("This number asked not to be texted. Nothing can be sent to it."));
      }
    else
      {
        /* Translators: %s is the contact's name. */
        title = g_strdup_printf (_("First text to %s"), name);
        adw_status_page_set_icon_name (self->first_text_page, "mail-message-new-symbolic");
        gtk_label_set_label (self->first_text_description,
                             _("Check the message below, then press Send. The next contact shows at once."));
      }
    gtk_label_set_label (self->first_text_title, title);
  }

  gtk_stack_set_visible_child_name (self->stack, "first-text");
}

static void
on_items_changed (TbThreadView *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  update_page (self);
  /* A state change replaces a row: the day separator below it may change too. */
  gtk_list_box_invalidate_headers (self->message_list);
  if (added > 0)
    scroll_to_end (self);
}

static void
on_reveal_flap_changed (TbThreadView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DETAILS]);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TbThreadView *self = TB_THREAD_VIEW (widget);

  g_signal_emit (self, signals[SIGNAL_RETRY], 0, g_variant_get_int64 (parameter));
}

static void
tb_thread_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TbThreadView *self = TB_THREAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, tb_thread_view_get_show_details (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_thread_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TbThreadView *self = TB_THREAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      tb_thread_view_set_contact (self, g_value_get_object (value));
      break;
    case PROP_SHOW_DETAILS:
      tb_thread_view_set_show_details (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_thread_view_dispose (GObject *object)
{
  TbThreadView *self = TB_THREAD_VIEW (object);

  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  if (self->message_list != NULL)
    gtk_list_box_bind_model (self->message_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_THREAD_VIEW);
  /* The template's unnamed top child too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (tb_thread_view_parent_class)->dispose (object);
}

static void
tb_thread_view_class_init (TbThreadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tb_thread_view_get_property;
  object_class->set_property = tb_thread_view_set_property;
  object_class->dispose = tb_thread_view_dispose;

  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, TB_TYPE_CONTACT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_DETAILS] =
    g_param_spec_boolean ("show-details", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TbThreadView::retry:
   * @message_id: the failed message a person asked to send again
   */
  signals[SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (TB_TYPE_CONTACT_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-thread-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, flap);
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, stack);
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, message_list);
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, first_text_page);
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, first_text_title);
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, first_text_description);
  gtk_widget_class_bind_template_child (widget_class, TbThreadView, details);

  gtk_widget_class_install_action (widget_class, "thread.retry", "x", retry_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tb_thread_view_init (TbThreadView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->message_list, update_header, NULL, NULL);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "changed",
                           G_CALLBACK (on_adjustment_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                           G_CALLBACK (on_adjustment_value_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (on_reveal_flap_changed), self, G_CONNECT_SWAPPED);
}

TbThreadView *
tb_thread_view_new (void)
{
  return g_object_new (TB_TYPE_THREAD_VIEW, NULL);
}

void
tb_thread_view_set_store (TbThreadView *self,
                          TbStore      *store)
{
  g_return_if_fail (TB_IS_THREAD_VIEW (self));
  g_return_if_fail (store == NULL || TB_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_list_box_bind_model (self->message_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->model);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      self->model = tb_thread_model_new (store, self->contact != NULL ? tb_contact_get_id (self->contact) : 0);
      gtk_list_box_bind_model (self->message_list, G_LIST_MODEL (self->model),
                               create_message_row, self, NULL);
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
    }

  tb_contact_details_set_store (self->details, store);
  update_page (self);
}

TbContact *
tb_thread_view_get_contact (TbThreadView *self)
{
  g_return_val_if_fail (TB_IS_THREAD_VIEW (self), NULL);

  return self->contact;
}

/* A newer record of the same contact only refreshes; another one reloads. */
void
tb_thread_view_set_contact (TbThreadView *self,
                            TbContact    *contact)
{
  gint64 old_id;
  gint64 new_id;

  g_return_if_fail (TB_IS_THREAD_VIEW (self));
  g_return_if_fail (contact == NULL || TB_IS_CONTACT (contact));

  old_id = self->contact != NULL ? tb_contact_get_id (self->contact) : 0;
  new_id = contact != NULL ? tb_contact_get_id (contact) : 0;

  if (!g_set_object (&self->contact, contact))
    return;

  if (self->model != NULL && old_id != new_id)
    {
      tb_thread_model_set_contact_id (self->model, new_id);
      scroll_to_end (self);
    }

  tb_contact_details_set_contact (self->details, contact);
  update_retry (self);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

gboolean
tb_thread_view_get_show_details (TbThreadView *self)
{
  g_return_val_if_fail (TB_IS_THREAD_VIEW (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

void
tb_thread_view_set_show_details (TbThreadView *self,
                                 gboolean      show_details)
{
  g_return_if_fail (TB_IS_THREAD_VIEW (self));

  /* The flap's notify::reveal-flap re-notifies "show-details". */
  adw_flap_set_reveal_flap (self->flap, show_details);
}

GListModel *
tb_thread_view_get_model (TbThreadView *self)
{
  g_return_val_if_fail (TB_IS_THREAD_VIEW (self), NULL);

  return G_LIST_MODEL (self->model);
}
