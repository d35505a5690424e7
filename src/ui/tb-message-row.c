/* tb-message-row.c: one message bubble in a conversation
 *
 * Outbound on the right, inbound on the left. An outbound message shows its
 * delivery state as an icon and a word; a failed or undelivered one gives
 * the provider's reason in a tooltip, and a failed one offers Retry (the
 * "thread.retry" action, which the thread view handles).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-message-row.h"
#include "tb-ui-format.h"

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

struct _TbMessageRow
{
  GtkListBoxRow  parent_instance;

  TbMessage     *message;
  gboolean       cannot_retry;

  GtkWidget     *outer_box;
  GtkWidget     *bubble;
  GtkLabel      *body_label;
  GtkWidget     *meta_box;
  GtkLabel      *meta_label;
  GtkImage      *state_icon;
  GtkLabel      *state_label;
  GtkWidget     *retry_button;
};

G_DEFINE_FINAL_TYPE (TbMessageRow, tb_message_row, GTK_TYPE_LIST_BOX_ROW)

static GParamSpec *properties[N_PROPS];

static gboolean
state_is_failure (TbMessageState state)
{
  return state == TB_MESSAGE_STATE_FAILED || state == TB_MESSAGE_STATE_UNDELIVERED;
}

static gboolean
state_is_pending (TbMessageState state)
{
  return state == TB_MESSAGE_STATE_QUEUED || state == TB_MESSAGE_STATE_SENDING ||
         state == TB_MESSAGE_STATE_UNKNOWN;
}

static void
tb_message_row_update (TbMessageRow *self)
{
  TbMessage *message = self->message;
  gboolean outbound = tb_message_get_direction (message) == TB_MESSAGE_DIRECTION_OUT;
  TbMessageState state = tb_message_get_state (message);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *clock = tb_ui_format_clock (tb_message_get_at (message), local);
  g_autofree char *accessible = NULL;
  GtkAlign align = outbound ? GTK_ALIGN_END : GTK_ALIGN_START;

  gtk_label_set_label (self->body_label, tb_message_get_body (message));
  gtk_label_set_label (self->meta_label, clock);

  gtk_widget_set_halign (self->bubble, align);
  gtk_widget_set_halign (self->meta_box, align);
  gtk_widget_add_css_class (self->bubble, outbound ? "outbound" : "inbound");
  gtk_widget_set_margin_start (self->outer_box, outbound ? 48 : 0);
  gtk_widget_set_margin_end (self->outer_box, outbound ? 0 : 48);

  if (state_is_failure (state))
    gtk_widget_add_css_class (self->bubble, "failed");
  else
    gtk_widget_remove_css_class (self->bubble, "failed");
  if (state_is_pending (state))
    gtk_widget_add_css_class (self->bubble, "pending");
  else
    gtk_widget_remove_css_class (self->bubble, "pending");

  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), outbound);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), outbound);
  /* Only a failed message can be retried (tb_outbox_retry): an undelivered
   * one reached the carrier, and a second press would be a new message. */
  gtk_widget_set_visible (self->retry_button,
                          outbound && state == TB_MESSAGE_STATE_FAILED && !self->cannot_retry);

  if (outbound)
    {
      g_autofree char *reason = NULL;
      const char *code = tb_message_get_error_code (message);
      const char *text = tb_message_get_error_text (message);

      gtk_image_set_from_icon_name (self->state_icon, tb_ui_message_state_icon (state));
      gtk_label_set_label (self->state_label, tb_ui_message_state_label (state));

      if (state_is_failure (state))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
          gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "error");
          if (code != NULL && text != NULL)
            /* Translators: a failed message's tooltip: the provider's text and code. */
            reason = g_strdup_printf (_("%s (error %s)"), text, code);
          else if (text != NULL)
            reason = g_strdup (text);
          else if (code != NULL)
            reason = g_strdup_printf (_("The provider refused it with error %s"), code);
          else
            reason = g_strdup (_("The provider did not take this message"));
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");
          gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "error");
          gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "dim-label");
          gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "dim-label");
        }

      tb_ui_set_tooltip_text (GTK_WIDGET (self->state_icon), reason);
      tb_ui_set_tooltip_text (GTK_WIDGET (self->state_label), reason);

      /* Translators: a screen reader reads an outbound bubble: the text,
       * the time, the delivery state. */
      accessible = g_strdup_printf (_("You, %s: %s. %s%s%s"), clock,
                                    tb_message_get_body (message),
                                    tb_ui_message_state_label (state),
                                    reason != NULL ? ": " : "",
                                    reason != NULL ? reason : "");
    }
  else
    {
      /* Translators: a screen reader reads an inbound bubble. */
      accessible = g_strdup_printf (_("They, %s: %s"), clock, tb_message_get_body (message));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_retry_clicked (TbMessageRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "thread.retry", "x",
                              tb_message_get_id (self->message));
}

static void
tb_message_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TbMessageRow *self = TB_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_message_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TbMessageRow *self = TB_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      self->message = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_message_row_constructed (GObject *object)
{
  TbMessageRow *self = TB_MESSAGE_ROW (object);

  G_OBJECT_CLASS (tb_message_row_parent_class)->constructed (object);

  tb_message_row_update (self);
}

static void
tb_message_row_dispose (GObject *object)
{
  TbMessageRow *self = TB_MESSAGE_ROW (object);

  /* The row keeps its own pointer to the child: drop it before the template does. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_MESSAGE_ROW);
  g_clear_object (&self->message);

  G_OBJECT_CLASS (tb_message_row_parent_class)->dispose (object);
}

static void
tb_message_row_class_init (TbMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tb_message_row_get_property;
  object_class->set_property = tb_message_row_set_property;
  object_class->constructed = tb_message_row_constructed;
  object_class->dispose = tb_message_row_dispose;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, TB_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, outer_box);
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, bubble);
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, body_label);
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, meta_box);
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, TbMessageRow, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
tb_message_row_init (TbMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TbMessageRow *
tb_message_row_new (TbMessage *message)
{
  g_return_val_if_fail (TB_IS_MESSAGE (message), NULL);

  return g_object_new (TB_TYPE_MESSAGE_ROW, "message", message, NULL);
}

TbMessage *
tb_message_row_get_message (TbMessageRow *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE_ROW (self), NULL);

  return self->message;
}

void
tb_message_row_set_can_retry (TbMessageRow *self,
                              gboolean      can_retry)
{
  g_return_if_fail (TB_IS_MESSAGE_ROW (self));

  if (self->cannot_retry == !can_retry)
    return;

  self->cannot_retry = !can_retry;
  tb_message_row_update (self);
}
