/* tb-window-actions.c: the texting screen's keys and window actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-window-private.h"
#include "tb-workstation-actions.h"

/* ---- Keys --------------------------------------------------------------- */

gboolean
tb_window_texting_shown (TbWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "texting") == 0;
}

static gboolean
focus_is_text (TbWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

static int
canned_reply_digit (guint keyval)
{
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_1);
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_1);
  return -1;
}

/* Capture phase: Ctrl+Enter is the send guard's before any widget sees it,
 * so a focused text view never turns it into a newline. */
static gboolean
on_key_pressed (TbWindow              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  int digit;

  if (!tb_window_texting_shown (self))
    return GDK_EVENT_PROPAGATE;

  if (tb_send_guard_key_pressed (tb_composer_get_send_guard (self->composer), keyval, modifiers))
    return GDK_EVENT_STOP;

  digit = canned_reply_digit (keyval);
  if (digit >= 0 && modifiers == 0 && !focus_is_text (self) &&
      tb_composer_pick_canned_reply (self->composer, (guint) digit))
    return GDK_EVENT_STOP;

  return GDK_EVENT_PROPAGATE;
}

static void
on_key_released (TbWindow              *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();

  /* Released even when the page changed since the press: forget the key. */
  tb_send_guard_key_released (tb_composer_get_send_guard (self->composer), keyval, modifiers);
}

static void
on_is_active_changed (TbWindow *self)
{
  /* A key released while another window has focus never reaches us. */
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    tb_send_guard_reset_keys (tb_composer_get_send_guard (self->composer));
}

/* ---- Actions ------------------------------------------------------------- */

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);

  if (tb_window_texting_shown (self))
    tb_window_skip (self);
}

static void
next_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tb_contact_pane_select_offset (TB_WINDOW (widget)->contact_pane, 1);
}

static void
previous_contact_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  tb_contact_pane_select_offset (TB_WINDOW (widget)->contact_pane, -1);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);

  if (!tb_window_texting_shown (self))
    return;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  tb_contact_pane_focus_search (self->contact_pane);
}

static void
show_contacts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  adw_leaflet_navigate (TB_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Goes to a contact from elsewhere (the failed messages): its campaign,
 * its queue, its conversation, the composer focused. */
static void
show_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || !tb_window_texting_shown (self))
    return;

  contact = tb_store_contact_get (tb_session_get_store (self->session), g_variant_get_int64 (parameter), &error);
  if (contact == NULL ||
      !tb_window_open_campaign (self, tb_contact_get_campaign_id (contact), &error) ||
      !tb_contact_pane_select_contact (self->contact_pane, contact, &error))
    {
      tb_window_show_error_toast (self, error);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  tb_composer_focus_text (self->composer);
}

static void
queue_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const TbContactStatus order[] = {
    TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, TB_CONTACT_STATUS_NEEDS_REPLY, TB_CONTACT_STATUS_WAITING,
    TB_CONTACT_STATUS_CLOSED, TB_CONTACT_STATUS_OPTED_OUT,
  };
  guint index = g_variant_get_uint32 (parameter);

  if (index < G_N_ELEMENTS (order))
    tb_contact_pane_set_queue (TB_WINDOW (widget)->contact_pane, order[index]);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  GtkWidget *summary;

  if (self->session == NULL)
    return;
  /* The end-of-shift summary, counted before the texter is gone (issue 8). */
  summary = tb_shift_summary_dialog_new (GTK_WINDOW (self), self->session);
  tb_session_sign_out (self->session);
  if (summary != NULL)
    gtk_window_present (GTK_WINDOW (summary));
}

static void
retry_message_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tb_window_retry (TB_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
retry_failed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TbWindow *self = TB_WINDOW (widget);
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  guint retried = 0;

  if (self->session == NULL)
    return;

  failed = tb_store_message_list_retryable (tb_session_get_store (self->session), 0, &error);
  if (failed == NULL)
    {
      tb_window_show_error_toast (self, error);
      return;
    }

  /* Each refusal has its reason (opted out since, outside hours): show the
   * first one, and how many went back in the queue. */
  for (guint i = 0; i < failed->len; i++)
    {
      g_autoptr(GError) retry_error = NULL;

      if (tb_outbox_retry (tb_session_get_outbox (self->session),
                           tb_message_get_id (failed->pdata[i]), &retry_error))
        retried++;
      else if (error == NULL)
        error = g_steal_pointer (&retry_error);
    }

  /* The refusal is what needs reading now; the count follows it. */
  if (error != NULL)
    tb_window_show_answer_toast (self, error->message);
  if (retried > 0)
    {
      /* Translators: a toast after "Retry all failed messages". */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u message queued again",
                                                             "%u messages queued again",
                                                             retried),
                                                retried);

      if (error != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      else
        tb_window_show_answer_toast (self, title);
    }
}

void
tb_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "win.next-contact", NULL, next_contact_action);
  gtk_widget_class_install_action (widget_class, "win.previous-contact", NULL, previous_contact_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-contacts", NULL, show_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.queue", "u", queue_action);
  gtk_widget_class_install_action (widget_class, "win.show-contact", "x", show_contact_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.retry-message", "x", retry_message_action);
  gtk_widget_class_install_action (widget_class, "win.retry-failed", NULL, retry_failed_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.skip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "win.next-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.previous-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  for (guint i = 0; i < 5; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.queue", "u", i);
}

/* Capture phase, so the guard sees Ctrl+Enter before a focused text view. */
void
tb_window_add_key_controller (TbWindow *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->key_controller = controller;
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed), NULL);
}
