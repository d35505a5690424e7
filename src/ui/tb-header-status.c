/* tb-header-status.c: the provider and outbox status in the header bar
 *
 * A flat button names where messages go (Simulator, or the campaign's
 * sending number) and turns into a warning while the inbox sync cannot
 * reach the provider; its popover says what that means. Next to it, a
 * count of messages stuck on their way out (shown only when they stay a
 * while: every send passes through "sending", and the header should not
 * flicker for each) and a badge with the failed count, whose popover
 * lists the failed messages with Retry; a row goes to that person's
 * conversation (win.show-contact). Compact (a narrow window): the
 * provider is an icon, the sending count is left out and all sits tighter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-header-status"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-header-status.h"
#include "tb-ui-format.h"

/* Sends that stay "sending" longer than this show in the header. */
#define SENDING_SHOW_DELAY_MS 1500
/* While shown, the count follows at most this often. */
#define SENDING_REFRESH_MS 1000
/* The failed popover lists this many, newest press last. */
#define FAILED_LIST_MAX 50

enum {
  PROP_0,
  PROP_COMPACT,
  PROP_OFFLINE,
  PROP_ALERT,
  N_PROPS
};

struct _TbHeaderStatus
{
  GtkWidget       parent_instance;

  TbSession      *session;
  TbCampaign     *campaign;
  GSignalGroup   *session_signals;
  GSignalGroup   *outbox_signals;
  GSignalGroup   *sync_signals;
  gboolean        compact;
  gboolean        offline;
  gboolean        alert;
  gint64          offline_since;   /* real time, µs */
  gboolean        sending_shown;
  guint           sending_timeout;

  GtkMenuButton  *provider_button;
  GtkImage       *provider_icon;
  GtkLabel       *provider_label;
  GtkWidget      *sending_box;
  GtkLabel       *sending_label;
  GtkMenuButton  *failed_button;
  GtkLabel       *failed_label;
  GtkPopover     *provider_popover;
  GtkLabel       *provider_title;
  GtkLabel       *provider_detail;
  GtkLabel       *outbox_detail;
  GtkPopover     *failed_popover;
  GtkLabel       *failed_title;
  GtkListBox     *failed_list;
};

G_DEFINE_FINAL_TYPE (TbHeaderStatus, tb_header_status, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

/* ---- Provider -------------------------------------------------------------- */

/* What the button says: "Simulator", or the sending number, or the
 * provider's name when the campaign has no number yet. */
static char *
dup_provider_name (TbHeaderStatus *self)
{
  const char *sender = self->campaign != NULL ? tb_campaign_get_sender (self->campaign) : NULL;

  if (tb_session_is_simulator (self->session))
    return g_strdup (_("Simulator"));
  if (sender != NULL && *sender != '\0')
    return tb_ui_format_phone (sender);
  return g_strdup (tb_provider_get_display_name (tb_session_get_provider (self->session)));
}

static void
update_provider (TbHeaderStatus *self)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *detail = NULL;
  gboolean simulator;
  const char *provider_name;

  gtk_widget_set_visible (GTK_WIDGET (self->provider_button), self->session != NULL);
  if (self->session == NULL)
    return;

  simulator = tb_session_is_simulator (self->session);
  provider_name = tb_provider_get_display_name (tb_session_get_provider (self->session));
  name = dup_provider_name (self);

  if (simulator)
    detail = g_strdup (_("Messages go to a simulated carrier on this computer. Nothing reaches a real phone."));
  else
    /* Translators: %s is the provider, e.g. "Twilio". */
    detail = g_strdup_printf (_("Messages go out through %s."), provider_name);

  if (self->offline)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autofree char *since = tb_ui_format_clock (self->offline_since, local);
      g_autofree char *offline_detail = NULL;

      /* Translators: the header's provider status while it cannot be reached, e.g. "Simulator · Offline". */
      label = g_strdup_printf (_("%s · Offline"), name);
      /* Translators: %s is the provider ("Simulator", "Twilio"), then a clock time. */
      tooltip = g_strdup_printf (_("Cannot reach %s since %s. Messages wait in the outbox and go out once it is back."),
                                 simulator ? name : provider_name, since);
      /* Translators: the accessible name of the header's provider status. */
      accessible = g_strdup_printf (_("SMS provider: %s, offline"), name);
      offline_detail = g_strdup_printf ("%s\n\n%s", tooltip, detail);
      g_free (detail);
      detail = g_steal_pointer (&offline_detail);

      gtk_image_set_from_icon_name (self->provider_icon, "network-offline-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->provider_button), "warning");
    }
  else
    {
      label = g_strdup (name);
      if (simulator)
        tooltip = g_strdup (_("Simulator: nothing reaches a real phone"));
      else
        /* Translators: %s is the sending number or the provider. */
        tooltip = g_strdup_printf (_("Sending from %s"), name);
      accessible = g_strdup_printf (_("SMS provider: %s"), name);

      gtk_image_set_from_icon_name (self->provider_icon,
                                    simulator ? "applications-engineering-symbolic"
                                              : "network-cellular-signal-excellent-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->provider_button), "warning");
    }

  gtk_label_set_label (self->provider_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->provider_label), !self->compact);
  tb_ui_set_tooltip_text (GTK_WIDGET (self->provider_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->provider_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  gtk_label_set_label (self->provider_title, simulator ? name : provider_name);
  gtk_label_set_label (self->provider_detail, detail);
}

/* Offline or something failed: what a narrow window shows on every page. */
static void
update_alert (TbHeaderStatus *self)
{
  gboolean failed = gtk_widget_get_visible (GTK_WIDGET (self->failed_button));

  if (self->alert == (self->offline || failed))
    return;

  self->alert = self->offline || failed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALERT]);
}

static void
set_offline (TbHeaderStatus *self,
             gboolean        offline)
{
  if (self->offline == offline)
    return;

  self->offline = offline;
  if (offline)
    self->offline_since = g_get_real_time ();
  update_provider (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
  update_alert (self);
}

static void
on_online_changed (TbHeaderStatus *self)
{
  TbInboxSync *sync = self->session != NULL ? tb_session_get_inbox_sync (self->session) : NULL;

  set_offline (self, sync != NULL && !tb_inbox_sync_get_online (sync));
}

/* ---- Outbox ---------------------------------------------------------------- */

/* The provider popover's line about the outbox: read when it shows. */
static void
update_outbox_detail (TbHeaderStatus *self)
{
  TbOutbox *outbox = tb_session_get_outbox (self->session);
  guint sending = tb_outbox_get_sending (outbox);
  guint failed = tb_outbox_get_failed (outbox);
  g_autofree char *sending_text = NULL;
  g_autofree char *failed_text = NULL;

  if (sending == 0)
    sending_text = g_strdup (_("Nothing is on its way out."));
  else
    sending_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u message is on its way to the provider.",
                                                 "%u messages are on their way to the provider.",
                                                 sending),
                                    sending);
  if (failed > 0)
    failed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u message failed.",
                                                "%u messages failed.",
                                                failed),
                                   failed);

  if (failed_text != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s %s", sending_text, failed_text);

      gtk_label_set_label (self->outbox_detail, both);
    }
  else
    gtk_label_set_label (self->outbox_detail, sending_text);
}

static void
update_sending (TbHeaderStatus *self)
{
  guint sending = tb_outbox_get_sending (tb_session_get_outbox (self->session));

  gtk_widget_set_visible (self->sending_box, self->sending_shown && sending > 0 && !self->compact);
  if (!gtk_widget_get_visible (self->sending_box))
    return;

  {
    /* Translators: the header's outbox status, e.g. "3 sending". */
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sending", "%u sending", sending),
                                             sending);
    /* Translators: the accessible name of the header's outbox status. */
    g_autofree char *longer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u message on its way to the provider",
                                                            "%u messages on their way to the provider",
                                                            sending),
                                               sending);

    /* No tooltip change here: setting one asks the display server where
     * the pointer is. The template's tooltip says what the count means. */
    gtk_label_set_label (self->sending_label, text);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sending_box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, longer,
                                    -1);
  }
}

/* Shows the count once sends stayed a while, then refreshes it at most
 * once per interval: each change would redraw the header (and, with GL
 * and no buffer age, the whole window) for a number nobody reads that fast. */
static gboolean
on_sending_timeout (gpointer user_data)
{
  TbHeaderStatus *self = user_data;

  self->sending_timeout = 0;
  self->sending_shown = TRUE;
  update_sending (self);
  return G_SOURCE_REMOVE;
}

/* Every send passes through here twice (0 → 1 → 0): it only arms a timer
 * and touches no widget until the count has stayed a while. */
static void
on_sending_changed (TbHeaderStatus *self)
{
  guint sending;

  if (self->session == NULL)
    return;

  sending = tb_outbox_get_sending (tb_session_get_outbox (self->session));
  if (sending == 0)
    {
      g_clear_handle_id (&self->sending_timeout, g_source_remove);
      self->sending_shown = FALSE;
      if (gtk_widget_get_visible (self->sending_box))
        update_sending (self);
    }
  else if (self->sending_timeout == 0)
    self->sending_timeout = g_timeout_add (self->sending_shown ? SENDING_REFRESH_MS : SENDING_SHOW_DELAY_MS,
                                           on_sending_timeout, self);

  if (gtk_widget_get_visible (GTK_WIDGET (self->provider_popover)))
    update_outbox_detail (self);
}

static void fill_failed_list (TbHeaderStatus *self);

static void
update_failed (TbHeaderStatus *self)
{
  guint failed = self->session != NULL ? tb_outbox_get_failed (tb_session_get_outbox (self->session)) : 0;
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->failed_button), failed > 0);
  update_alert (self);
  if (failed == 0)
    {
      gtk_popover_popdown (self->failed_popover);
      return;
    }

  count = failed > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", failed);
  /* Translators: the accessible name and tooltip of the header's failed badge. */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u message failed: show it",
                                             "%u messages failed: show them",
                                             failed),
                                failed);
  gtk_label_set_label (self->failed_label, count);
  tb_ui_set_tooltip_text (GTK_WIDGET (self->failed_button), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->failed_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  if (gtk_widget_get_visible (GTK_WIDGET (self->failed_popover)))
    fill_failed_list (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->provider_popover)))
    update_outbox_detail (self);
}

/* ---- The failed messages ------------------------------------------------ */

static GtkWidget *
create_failed_row (TbHeaderStatus *self,
                   TbMessage      *message)
{
  TbStore *store = tb_session_get_store (self->session);
  g_autoptr(TbContact) contact = tb_store_contact_get (store, tb_message_get_contact_id (message), NULL);
  g_autofree char *who = contact != NULL ? tb_contact_dup_display_name (contact)
                                         : tb_ui_format_phone (tb_message_get_phone (message));
  const char *reason = tb_message_get_error_text (message);
  g_autofree char *retry_label = NULL;
  g_autofree char *row_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *retry = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  if (reason == NULL)
    reason = _("No reason given");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), who);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  /* Click or Enter: that person's conversation. */
  /* Translators: a row in the list of failed messages; %s is a person. */
  row_label = g_strdup_printf (_("Show the conversation with %s"), who);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "failed.show-contact");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_int64 (tb_message_get_contact_id (message)));
  gtk_widget_set_tooltip_text (row, _("Show the conversation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                  -1);

  /* Translators: a button in the list of failed messages; %s is a person. */
  retry_label = g_strdup_printf (_("Retry the message to %s"), who);
  gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retry, "flat");
  gtk_widget_set_tooltip_text (retry, _("Retry"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (retry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, retry_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "win.retry-message");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (retry),
                                          g_variant_new_int64 (tb_message_get_id (message)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);
  return row;
}

static void
fill_failed_list (TbHeaderStatus *self)
{
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint total;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->failed_list))) != NULL)
    gtk_list_box_remove (self->failed_list, child);
  if (self->session == NULL)
    return;

  failed = tb_store_message_list_retryable (tb_session_get_store (self->session), 0, &error);
  if (failed == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Cannot list the failed messages"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->failed_list, row);
      gtk_label_set_label (self->failed_title, _("Failed Messages"));
      return;
    }

  total = failed->len;
  /* The most recent presses are what a texter remembers. */
  for (guint i = total > FAILED_LIST_MAX ? total - FAILED_LIST_MAX : 0; i < total; i++)
    gtk_list_box_append (self->failed_list, create_failed_row (self, failed->pdata[i]));

  if (total > FAILED_LIST_MAX)
    /* Translators: the failed popover's title when only the latest are listed. */
    title = g_strdup_printf (_("%u Failed Messages (the Last %u)"), total, (guint) FAILED_LIST_MAX);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Failed Message", "%u Failed Messages", total),
                             total);
  gtk_label_set_label (self->failed_title, title);
}

/* The popover closes first, so the focus it gives back to the badge does
 * not win over the composer the window focuses. */
static void
show_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TbHeaderStatus *self = TB_HEADER_STATUS (widget);

  gtk_popover_popdown (self->failed_popover);
  gtk_widget_activate_action_variant (widget, "win.show-contact", parameter);
}

static void
on_failed_popover_show (TbHeaderStatus *self)
{
  fill_failed_list (self);
}

static void
on_provider_popover_show (TbHeaderStatus *self)
{
  if (self->session != NULL)
    update_outbox_detail (self);
}

/* ---- GObject --------------------------------------------------------------- */

static void
tb_header_status_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TbHeaderStatus *self = TB_HEADER_STATUS (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_ALERT:
      g_value_set_boolean (value, self->alert);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_header_status_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TbHeaderStatus *self = TB_HEADER_STATUS (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      tb_header_status_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_header_status_dispose (GObject *object)
{
  TbHeaderStatus *self = TB_HEADER_STATUS (object);

  g_clear_handle_id (&self->sending_timeout, g_source_remove);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->outbox_signals != NULL)
    g_signal_group_set_target (self->outbox_signals, NULL);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  /* The popovers are not children: they go with the menu buttons. */
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_HEADER_STATUS);

  g_clear_object (&self->session_signals);
  g_clear_object (&self->outbox_signals);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->campaign);

  G_OBJECT_CLASS (tb_header_status_parent_class)->dispose (object);
}

static void
tb_header_status_class_init (TbHeaderStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tb_header_status_get_property;
  object_class->set_property = tb_header_status_set_property;
  object_class->dispose = tb_header_status_dispose;

  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALERT] =
    g_param_spec_boolean ("alert", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-header-status.ui");
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, provider_button);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, provider_icon);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, provider_label);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, sending_box);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, sending_label);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, failed_button);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, failed_label);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, provider_popover);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, provider_title);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, provider_detail);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, outbox_detail);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, failed_popover);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, failed_title);
  gtk_widget_class_bind_template_child (widget_class, TbHeaderStatus, failed_list);
  gtk_widget_class_bind_template_callback (widget_class, on_failed_popover_show);

  gtk_widget_class_install_action (widget_class, "failed.show-contact", "x", show_contact_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tb-header-status");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tb_header_status_init (TbHeaderStatus *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sending status"),
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->provider_button), FALSE);

  self->session_signals = g_signal_group_new (TB_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::provider",
                                  G_CALLBACK (update_provider), self);
  self->outbox_signals = g_signal_group_new (TB_TYPE_OUTBOX);
  g_signal_group_connect_swapped (self->outbox_signals, "notify::sending",
                                  G_CALLBACK (on_sending_changed), self);
  g_signal_group_connect_swapped (self->outbox_signals, "notify::failed",
                                  G_CALLBACK (update_failed), self);
  self->sync_signals = g_signal_group_new (TB_TYPE_INBOX_SYNC);
  g_signal_group_connect_swapped (self->sync_signals, "notify::online",
                                  G_CALLBACK (on_online_changed), self);

  g_signal_connect_object (self->provider_popover, "show",
                           G_CALLBACK (on_provider_popover_show), self, G_CONNECT_SWAPPED);
}

TbHeaderStatus *
tb_header_status_new (void)
{
  return g_object_new (TB_TYPE_HEADER_STATUS, NULL);
}

/* ---- Public ------------------------------------------------------------------ */

void
tb_header_status_set_session (TbHeaderStatus *self,
                              TbSession      *session)
{
  g_return_if_fail (TB_IS_HEADER_STATUS (self));
  g_return_if_fail (session == NULL || TB_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->outbox_signals, session != NULL ? tb_session_get_outbox (session) : NULL);
  g_signal_group_set_target (self->sync_signals, session != NULL ? tb_session_get_inbox_sync (session) : NULL);

  g_clear_handle_id (&self->sending_timeout, g_source_remove);
  self->sending_shown = FALSE;
  gtk_widget_set_visible (self->sending_box, FALSE);
  on_sending_changed (self);
  update_failed (self);
  self->offline = FALSE;
  on_online_changed (self);
  update_provider (self);
  update_alert (self);
}

void
tb_header_status_set_campaign (TbHeaderStatus *self,
                               TbCampaign     *campaign)
{
  g_return_if_fail (TB_IS_HEADER_STATUS (self));
  g_return_if_fail (campaign == NULL || TB_IS_CAMPAIGN (campaign));

  g_set_object (&self->campaign, campaign);
  update_provider (self);
}

gboolean
tb_header_status_get_compact (TbHeaderStatus *self)
{
  g_return_val_if_fail (TB_IS_HEADER_STATUS (self), FALSE);

  return self->compact;
}

void
tb_header_status_set_compact (TbHeaderStatus *self,
                              gboolean        compact)
{
  g_return_if_fail (TB_IS_HEADER_STATUS (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  gtk_widget_set_visible (GTK_WIDGET (self->provider_label), !compact);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              compact ? 2 : 6);
  if (compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
  if (self->session != NULL)
    update_sending (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

gboolean
tb_header_status_get_offline (TbHeaderStatus *self)
{
  g_return_val_if_fail (TB_IS_HEADER_STATUS (self), FALSE);

  return self->offline;
}

gboolean
tb_header_status_get_alert (TbHeaderStatus *self)
{
  g_return_val_if_fail (TB_IS_HEADER_STATUS (self), FALSE);

  return self->alert;
}

GtkMenuButton *
tb_header_status_get_provider_button (TbHeaderStatus *self)
{
  g_return_val_if_fail (TB_IS_HEADER_STATUS (self), NULL);

  return self->provider_button;
}

GtkMenuButton *
tb_header_status_get_failed_button (TbHeaderStatus *self)
{
  g_return_val_if_fail (TB_IS_HEADER_STATUS (self), NULL);

  return self->failed_button;
}

GtkListBox *
tb_header_status_get_failed_list (TbHeaderStatus *self)
{
  g_return_val_if_fail (TB_IS_HEADER_STATUS (self), NULL);

  return self->failed_list;
}
