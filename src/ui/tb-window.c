/* tb-window.c: the main window: empty state, sign-in, and the texting screen
 *
 * The window follows the session: no campaign shows the empty state, nobody
 * signed in shows "Who is texting?", else the texting screen. The contact
 * pane's selection is the current contact; the thread view and the composer
 * follow it. Store changes arrive through a GSignalGroup on the store, and
 * the header follows the session through a GBindingGroup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-window-private.h"
#include "tb-ui-format.h"


G_DEFINE_FINAL_TYPE (TbWindow, tb_window, ADW_TYPE_APPLICATION_WINDOW)

static void tb_window_update_page (TbWindow *self);

/* ---- Toasts ------------------------------------------------------------- */

static void
add_toast (TbWindow         *self,
           const char       *title,
           const char       *button_label,
           const char       *action_name,
           GVariant         *action_target,
           AdwToastPriority  priority)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, button_label != NULL ? 8 : 4);
  adw_toast_set_priority (toast, priority);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      if (action_target != NULL)
        adw_toast_set_action_target_value (toast, action_target);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_toast (TbWindow   *self,
            const char *title,
            const char *button_label,
            const char *action_name,
            GVariant   *action_target)
{
  add_toast (self, title, button_label, action_name, action_target, ADW_TOAST_PRIORITY_NORMAL);
}

/* The answer to a press (Retry refused, Retry All done) shows at once:
 * queued behind the failure toasts of a bad spell (8 s each) it would come
 * long after the press, as if nothing had happened. One per press, and
 * no toast is dismissed from code: libadwaita 1.2 frees a toast dismissed
 * during its 0.5 s entrance while the entrance still runs, and crashes
 * (seen when Retry All dismissed the retried messages' failure toasts). */
void
tb_window_show_answer_toast (TbWindow   *self,
                             const char *title)
{
  add_toast (self, title, NULL, NULL, NULL, ADW_TOAST_PRIORITY_HIGH);
}

void
tb_window_show_error_toast (TbWindow     *self,
                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_toast (self, error->message, NULL, NULL, NULL);
}

/* ---- Header: campaign and texter (the status is TbHeaderStatus) ------- */

static void
fill_campaigns (TbWindow *self)
{
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 open_id;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->campaign_ids, 0);
  if (self->session == NULL)
    return;

  campaigns = tb_store_campaign_list (tb_session_get_store (self->session),
                                      TB_CAMPAIGN_STATE_ACTIVE, &error);
  if (campaigns == NULL)
    {
      tb_window_show_error_toast (self, error);
      return;
    }

  open_id = tb_session_get_campaign_id (self->session);
  for (guint i = 0; i < campaigns->len; i++)
    {
      TbCampaign *campaign = campaigns->pdata[i];
      gint64 id = tb_campaign_get_id (campaign);

      gtk_string_list_append (names, tb_campaign_get_name (campaign));
      g_array_append_val (self->campaign_ids, id);
      if (id == open_id)
        selected = i;
    }

  self->filling_campaigns = TRUE;
  gtk_drop_down_set_model (self->campaign_dropdown, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->campaign_dropdown, selected);
  self->filling_campaigns = FALSE;

  /* Nothing open yet: open the first campaign. */
  if (selected == GTK_INVALID_LIST_POSITION && self->campaign_ids->len > 0)
    {
      if (!tb_session_open_campaign (self->session, g_array_index (self->campaign_ids, gint64, 0), &error))
        tb_window_show_error_toast (self, error);
      self->filling_campaigns = TRUE;
      gtk_drop_down_set_selected (self->campaign_dropdown, 0);
      self->filling_campaigns = FALSE;
    }
}

static void
on_campaign_selected (TbWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->campaign_dropdown);

  if (self->filling_campaigns || self->session == NULL || selected >= self->campaign_ids->len)
    return;

  if (!tb_session_open_campaign (self->session, g_array_index (self->campaign_ids, gint64, selected), &error))
    tb_window_show_error_toast (self, error);
}

/* Opens a campaign as if picked in the drop-down (a no-op when open). */
gboolean
tb_window_open_campaign (TbWindow  *self,
                         gint64     campaign_id,
                         GError   **error)
{
  if (tb_session_get_campaign_id (self->session) == campaign_id)
    return TRUE;
  if (!tb_session_open_campaign (self->session, campaign_id, error))
    return FALSE;

  self->filling_campaigns = TRUE;
  for (guint i = 0; i < self->campaign_ids->len; i++)
    if (g_array_index (self->campaign_ids, gint64, i) == campaign_id)
      gtk_drop_down_set_selected (self->campaign_dropdown, i);
  self->filling_campaigns = FALSE;
  return TRUE;
}

/* Narrow, the contacts page repeats an offline provider or a failure. */
static void
update_sidebar_status (TbWindow *self)
{
  gtk_revealer_set_reveal_child (self->sidebar_status_revealer,
                                 adw_leaflet_get_folded (self->leaflet) &&
                                 tb_header_status_get_alert (self->sidebar_status));
}

/* ---- The current contact ----------------------------------------------- */

static void
show_contact (TbWindow  *self,
              TbContact *contact)
{
  tb_thread_view_set_contact (self->thread_view, contact);
  tb_composer_set_contact (self->composer, contact);

  if (contact != NULL)
    {
      g_autofree char *name = tb_contact_dup_display_name (contact);
      g_autofree char *phone = tb_ui_format_phone (tb_contact_get_phone (contact));

      adw_window_title_set_title (self->conversation_title, name);
      adw_window_title_set_subtitle (self->conversation_title, phone);
      gtk_stack_set_visible_child_name (self->conversation_stack, "conversation");
    }
  else
    {
      adw_window_title_set_title (self->conversation_title, "");
      adw_window_title_set_subtitle (self->conversation_title, "");
      adw_status_page_set_icon_name (self->no_contact_page,
                                     tb_ui_status_icon (tb_contact_pane_get_queue (self->contact_pane)));
      adw_status_page_set_title (self->no_contact_page,
                                 tb_contact_pane_get_empty_title (self->contact_pane));
      adw_status_page_set_description (self->no_contact_page,
                                       tb_contact_pane_get_empty_description (self->contact_pane));
      gtk_stack_set_visible_child_name (self->conversation_stack, "no-contact");
    }
}

static void
on_pane_contact_changed (TbWindow *self)
{
  show_contact (self, tb_contact_pane_get_contact (self->contact_pane));
}

static void
on_contact_activated (TbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  tb_composer_focus_text (self->composer);
}

/* The shown contact left the queue, or was the last: show the next one. */
static void
advance_from (TbWindow *self,
              gint64    contact_id)
{
  TbContact *current = tb_contact_pane_get_contact (self->contact_pane);

  /* The list may have moved on by itself when the contact left the queue. */
  if (current == NULL || tb_contact_get_id (current) != contact_id)
    return;

  if (!tb_contact_pane_advance (self->contact_pane))
    tb_composer_reset (self->composer);
}

static void
on_composer_sent (TbWindow *self,
                  gint64    contact_id,
                  gint64    message_id)
{
  advance_from (self, contact_id);
}

static void
on_composer_send_failed (TbWindow     *self,
                         const GError *error)
{
  tb_window_show_error_toast (self, error);
}

void
tb_window_skip (TbWindow *self)
{
  TbContact *current = tb_contact_pane_get_contact (self->contact_pane);

  if (current != NULL)
    advance_from (self, tb_contact_get_id (current));
}

static void
on_composer_contact_closed (TbWindow   *self,
                            gint64      contact_id,
                            const char *what)
{
  TbContact *current = tb_contact_pane_get_contact (self->contact_pane);
  g_autofree char *title = NULL;

  if (current != NULL && tb_contact_get_id (current) == contact_id)
    {
      g_autofree char *name = tb_contact_dup_display_name (current);

      /* Translators: a toast, e.g. "Alex Rivera: Opted out". */
      title = g_strdup_printf (_("%s: %s"), name, what);
      advance_from (self, contact_id);
    }
  else
    title = g_strdup (what);

  show_toast (self, title, NULL, NULL, NULL);
}

void
tb_window_retry (TbWindow *self,
                 gint64    message_id)
{
  g_autoptr(GError) error = NULL;

  if (!tb_outbox_retry (tb_session_get_outbox (self->session), message_id, &error))
    tb_window_show_answer_toast (self, error->message);
}

/* ---- Following the store, the outbox and the inbox sync ---------------- */

static gboolean
refresh_shown_contact (gpointer user_data)
{
  TbWindow *self = user_data;
  TbContact *current = tb_composer_get_contact (self->composer);

  self->refresh_idle = 0;
  if (current != NULL && tb_contact_get_id (current) == self->refresh_contact_id)
    {
      g_autoptr(TbContact) fresh = tb_store_contact_get (tb_session_get_store (self->session),
                                                         self->refresh_contact_id, NULL);

      if (fresh != NULL)
        {
          tb_thread_view_set_contact (self->thread_view, fresh);
          tb_composer_set_contact (self->composer, fresh);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
on_contacts_changed (TbWindow *self,
                     gint64    campaign_id,
                     gint64    contact_id,
                     TbStore  *store)
{
  TbContact *current = tb_composer_get_contact (self->composer);

  tb_contact_pane_update_counts (self->contact_pane);

  /* A newer record of the shown contact: its status, preview or opt-out.
   * Read from an idle: a send changes the contact and then shows the next
   * one, and building the composer for the sent one would be wasted. */
  if (current != NULL && (contact_id == 0 || contact_id == tb_contact_get_id (current)))
    {
      self->refresh_contact_id = tb_contact_get_id (current);
      if (self->refresh_idle == 0)
        self->refresh_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_shown_contact, self, NULL);
    }
}

static void on_session_campaign_changed (TbWindow *self);

static void
on_campaigns_changed (TbWindow *self)
{
  tb_window_update_page (self);
  /* The open campaign's hours or scripts may have changed. */
  on_session_campaign_changed (self);
}

static void
on_message_failed (TbWindow     *self,
                   gint64        message_id,
                   const GError *error,
                   TbOutbox     *outbox)
{
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autofree char *title = NULL;
  TbStore *store = tb_session_get_store (self->session);

  message = tb_store_message_get (store, message_id, NULL);
  if (message != NULL)
    contact = tb_store_contact_get (store, tb_message_get_contact_id (message), NULL);

  if (contact != NULL)
    {
      g_autofree char *name = tb_contact_dup_display_name (contact);

      /* Translators: a toast: who the message was for, and the provider's reason. */
      title = g_strdup_printf (_("Message to %s failed: %s"), name, error->message);
    }
  else
    title = g_strdup_printf (_("A message failed: %s"), error->message);

  show_toast (self, title, _("_Retry"), "win.retry-message", g_variant_new_int64 (message_id));
}

static void
on_credentials_rejected (TbWindow     *self,
                         const GError *error)
{
  g_autofree char *title = g_strdup_printf (_("Sending paused: %s"), error->message);

  show_toast (self, title, _("_Preferences"), "app.preferences", NULL);
}

static void
on_sync_failed (TbWindow     *self,
                const GError *error)
{
  if (!self->offline)
    {
      g_autofree char *title = g_strdup_printf (_("Cannot reach the SMS provider: %s"), error->message);

      self->offline = TRUE;
      show_toast (self, title, NULL, NULL, NULL);
    }
}

static void
on_synced (TbWindow *self)
{
  self->offline = FALSE;
}

static void
on_session_campaign_changed (TbWindow *self)
{
  g_autoptr(TbCampaign) campaign = NULL;
  gint64 campaign_id = tb_session_get_campaign_id (self->session);
  TbStore *store = tb_session_get_store (self->session);

  if (campaign_id > 0)
    campaign = tb_store_campaign_get (store, campaign_id, NULL);

  g_set_object (&self->campaign, campaign);
  tb_composer_set_campaign (self->composer, campaign);
  tb_contact_pane_set_campaign (self->contact_pane, store, campaign_id);
  tb_header_status_set_campaign (self->header_status, campaign);
  tb_header_status_set_campaign (self->sidebar_status, campaign);
  show_contact (self, tb_contact_pane_get_contact (self->contact_pane));
}

static void
on_session_texter_changed (TbWindow *self)
{
  tb_window_update_page (self);
}

/* ---- Pages -------------------------------------------------------------- */

static void
tb_window_update_page (TbWindow *self)
{
  TbApplication *app = TB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (self->session == NULL)
    {
      const GError *error = app != NULL ? tb_application_get_error (app) : NULL;

      if (error != NULL)
        {
          adw_status_page_set_title (self->empty_page, _("Cannot open the database"));
          adw_status_page_set_description (self->empty_page, error->message);
          adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
        }
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  fill_campaigns (self);

  if (self->campaign_ids->len == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else if (tb_session_get_texter_id (self->session) == 0 || tb_session_get_locked (self->session))
    {
      tb_sign_in_page_reload (self->sign_in_page);
      /* No cross-fade: a locked conversation must not stay readable. */
      gtk_stack_set_visible_child_full (self->main_stack, "sign-in", GTK_STACK_TRANSITION_TYPE_NONE);
      tb_sign_in_page_focus (self->sign_in_page);
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "texting");
}

/* ---- The idle lock (issue 8) ------------------------------------------------ */

static void
on_activity (TbWindow *self)
{
  if (self->session != NULL)
    tb_access_note_activity (tb_session_get_access (self->session));
}

static gboolean
on_key_activity (TbWindow *self)
{
  on_activity (self);
  return GDK_EVENT_PROPAGATE;
}

/* Any input in the window restarts the idle timer; the controllers run in
 * the capture phase and claim nothing. */
static void
add_activity_controllers (TbWindow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_name (key, "idle-key");
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_key_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_event_controller_set_name (motion, "idle-motion");
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (scroll, "scroll-begin", G_CALLBACK (on_activity), self);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_key_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static void
on_session_locked_changed (TbWindow *self)
{
  tb_window_update_page (self);
}

static void
on_signed_in (TbWindow *self)
{
  tb_window_update_page (self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
tb_window_save_state (TbWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* The default size tracks the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
tb_window_close_request (GtkWindow *window)
{
  tb_window_save_state (TB_WINDOW (window));

  return GTK_WINDOW_CLASS (tb_window_parent_class)->close_request (window);
}

/* The application (and with it the session) is set after construction. */
static void
on_application_changed (TbWindow *self)
{
  TbApplication *app = TB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (self->session != NULL || app == NULL)
    return;

  if (tb_application_get_session (app) != NULL)
    {
      self->session = g_object_ref (tb_application_get_session (app));

      g_signal_group_set_target (self->store_signals, tb_session_get_store (self->session));
      g_signal_group_set_target (self->outbox_signals, tb_session_get_outbox (self->session));
      g_signal_group_set_target (self->sync_signals, tb_session_get_inbox_sync (self->session));
      g_binding_group_set_source (self->session_bindings, self->session);
      g_signal_connect_object (self->session, "notify::texter-id",
                               G_CALLBACK (on_session_texter_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::locked",
                               G_CALLBACK (on_session_locked_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::campaign-id",
                               G_CALLBACK (on_session_campaign_changed), self, G_CONNECT_SWAPPED);

      tb_sign_in_page_set_session (self->sign_in_page, self->session);
      tb_thread_view_set_store (self->thread_view, tb_session_get_store (self->session));
      tb_composer_set_session (self->composer, self->session);
      tb_header_status_set_session (self->header_status, self->session);
      tb_header_status_set_session (self->sidebar_status, self->session);
    }

  tb_window_update_page (self);
  if (self->session != NULL)
    on_session_campaign_changed (self);
}

static void
tb_window_dispose (GObject *object)
{
  TbWindow *self = TB_WINDOW (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->outbox_signals != NULL)
    g_signal_group_set_target (self->outbox_signals, NULL);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_WINDOW);

  g_clear_object (&self->store_signals);
  g_clear_object (&self->outbox_signals);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->session);
  g_clear_object (&self->campaign);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->campaign_ids, g_array_unref);

  G_OBJECT_CLASS (tb_window_parent_class)->dispose (object);
}

static void
tb_window_class_init (TbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tb_window_dispose;
  window_class->close_request = tb_window_close_request;

  g_type_ensure (TB_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TB_TYPE_CONTACT_PANE);
  g_type_ensure (TB_TYPE_THREAD_VIEW);
  g_type_ensure (TB_TYPE_COMPOSER);
  g_type_ensure (TB_TYPE_HEADER_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, texter_label);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, texter_avatar);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, campaign_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, contact_pane);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, header_status);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, sidebar_status);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, sidebar_status_revealer);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, conversation_title);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, conversation_stack);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, no_contact_page);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, thread_view);
  gtk_widget_class_bind_template_child (widget_class, TbWindow, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_signed_in);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_activated);

  tb_window_class_add_actions (widget_class);
}

static void
tb_window_init (TbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->campaign_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->store_signals = g_signal_group_new (TB_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "contacts-changed",
                                  G_CALLBACK (on_contacts_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "campaigns-changed",
                                  G_CALLBACK (on_campaigns_changed), self);

  self->outbox_signals = g_signal_group_new (TB_TYPE_OUTBOX);
  g_signal_group_connect_swapped (self->outbox_signals, "message-failed",
                                  G_CALLBACK (on_message_failed), self);
  g_signal_group_connect_swapped (self->outbox_signals, "credentials-rejected",
                                  G_CALLBACK (on_credentials_rejected), self);

  self->sync_signals = g_signal_group_new (TB_TYPE_INBOX_SYNC);
  g_signal_group_connect_swapped (self->sync_signals, "sync-failed",
                                  G_CALLBACK (on_sync_failed), self);
  g_signal_group_connect_swapped (self->sync_signals, "synced",
                                  G_CALLBACK (on_synced), self);

  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "texter-name", self->texter_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->session_bindings, "texter-name", self->texter_avatar, "text",
                        G_BINDING_SYNC_CREATE);

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  g_signal_connect_object (self->contact_pane, "notify::contact",
                           G_CALLBACK (on_pane_contact_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->campaign_dropdown, "notify::selected",
                           G_CALLBACK (on_campaign_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->composer, "sent",
                           G_CALLBACK (on_composer_sent), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->composer, "send-failed",
                           G_CALLBACK (on_composer_send_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->composer, "skip",
                           G_CALLBACK (tb_window_skip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->composer, "contact-closed",
                           G_CALLBACK (on_composer_contact_closed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->thread_view, "retry",
                           G_CALLBACK (tb_window_retry), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->details_button, "active", self->thread_view, "show-details",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* Narrow: the texter shows as their avatar, so the header fits 360 px. */
  g_object_bind_property (self->leaflet, "folded", self->texter_label, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (update_sidebar_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_status, "notify::alert",
                           G_CALLBACK (update_sidebar_status), self, G_CONNECT_SWAPPED);
  update_sidebar_status (self);

  tb_window_add_key_controller (self);
  add_activity_controllers (self);
}

TbWindow *
tb_window_new (TbApplication *application)
{
  return g_object_new (TB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

TbSession *
tb_window_get_session (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->session;
}

const char *
tb_window_get_page (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

TbContactPane *
tb_window_get_contact_pane (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->contact_pane;
}

TbThreadView *
tb_window_get_thread_view (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->thread_view;
}

TbComposer *
tb_window_get_composer (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->composer;
}

TbHeaderStatus *
tb_window_get_header_status (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->header_status;
}

TbHeaderStatus *
tb_window_get_sidebar_status (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->sidebar_status;
}

TbSignInPage *
tb_window_get_sign_in_page (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->sign_in_page;
}

GtkEventController *
tb_window_get_key_controller (TbWindow *self)
{
  g_return_val_if_fail (TB_IS_WINDOW (self), NULL);

  return self->key_controller;
}
