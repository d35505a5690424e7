/* tb-composer.c: the message being written, what goes with it, and the one Send button
 *
 * Send goes through a TbSendGuard: one press (a click, or Ctrl+Enter on key
 * release, fed by the window's key controller) is one tb_outbox_submit()
 * with a fresh press id, and Send stays insensitive until the next contact
 * is shown. The composer says why Send is disabled: outside the contact's
 * texting hours (re-checked on every minute), opted out, nobody signed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-composer-private.h"
#include "tb-segments.h"
#include "tb-template.h"
#include "tb-ui-format.h"

enum {
  PROP_0,
  PROP_CONTACT,
  PROP_BLOCK_REASON,
  N_PROPS
};

enum {
  SIGNAL_SENT,
  SIGNAL_SEND_FAILED,
  SIGNAL_SKIP,
  SIGNAL_CONTACT_CLOSED,
  N_SIGNALS
};


G_DEFINE_FINAL_TYPE (TbComposer, tb_composer, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* ---- Rendering -------------------------------------------------------- */

typedef struct {
  TbContact *contact;
  TbSession *session;
  char      *scratch;
} RenderData;

static const char *
render_lookup (TbTemplateField  field,
               guint            custom_index,
               const char      *custom_name,
               gpointer         user_data)
{
  RenderData *data = user_data;

  switch (field)
    {
    case TB_TEMPLATE_FIELD_FIRST_NAME:
      return tb_contact_get_first_name (data->contact);
    case TB_TEMPLATE_FIELD_LAST_NAME:
      return tb_contact_get_last_name (data->contact);
    case TB_TEMPLATE_FIELD_PHONE:
      return tb_contact_get_phone (data->contact);
    case TB_TEMPLATE_FIELD_ZIP:
      return tb_contact_get_zip (data->contact);
    case TB_TEMPLATE_FIELD_TEXTER_NAME:
      return data->session != NULL ? tb_session_get_texter_name (data->session) : NULL;
    case TB_TEMPLATE_FIELD_CUSTOM:
      g_free (data->scratch);
      data->scratch = tb_contact_dup_field (data->contact, custom_name);
      return data->scratch;
    default:
      return NULL;
    }
}

/* Renders a campaign text for the current contact. */
char *
tb_composer_render_for_contact (TbComposer  *self,
                    const char  *source,
                    GError     **error)
{
  g_auto(GStrv) field_names = tb_contact_dup_field_names (self->contact);
  g_autoptr(TbTemplate) template = NULL;
  RenderData data = { self->contact, self->session, NULL };
  char *text;

  template = tb_template_new (source, (const char * const *) field_names, error);
  if (template == NULL)
    return NULL;

  text = tb_template_render (template, render_lookup, &data, TB_TEMPLATE_RENDER_CAPITALIZE_NAMES);
  g_free (data.scratch);

  return text;
}

/* ---- Text and segments ------------------------------------------------ */

char *
tb_composer_dup_text (TbComposer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (TB_IS_COMPOSER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
tb_composer_set_text (TbComposer *self,
                      const char *text)
{
  g_return_if_fail (TB_IS_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

static void
update_segments (TbComposer *self)
{
  g_autofree char *text = tb_composer_dup_text (self);
  g_autoptr(TbSegmentInfo) info = tb_segments_count (text, -1);

  g_free (self->segments_text);
  if (info->segments == 0 && self->contact != NULL &&
      tb_contact_get_status (self->contact) == TB_CONTACT_STATUS_OPTED_OUT)
    self->segments_text = g_strdup ("");
  else if (info->segments == 0)
    self->segments_text = g_strdup (_("Empty message"));
  else
    /* Translators: the composer's indicator, e.g. "1 segment · GSM-7 · 42 left". */
    self->segments_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u segment · %s · %u left",
                                                        "%u segments · %s · %u left",
                                                        info->segments),
                                           info->segments,
                                           tb_segment_encoding_to_string (info->encoding),
                                           info->remaining);
  gtk_label_set_label (self->segments_label, self->segments_text);

  tb_ui_set_tooltip_text (GTK_WIDGET (self->segments_label),
                          info->encoding == TB_SEGMENT_ENCODING_UCS2
                          ? _("Some characters are not in the GSM alphabet, so each segment holds 70 characters instead of 160.")
                          : NULL);
}

static void
on_text_changed (TbComposer *self)
{
  update_segments (self);
  if (!self->filling)
    tb_composer_update_state (self);
}

/* ---- Why Send is disabled (the checks: tb-composer-state.c) ------------ */

void
tb_composer_set_notice (TbComposer *self,
                        const char *icon_name,
                        const char *css_class,
                        const char *text)
{
  gtk_widget_remove_css_class (self->notice_box, "opted-out");
  if (css_class != NULL)
    gtk_widget_add_css_class (self->notice_box, css_class);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->notice_icon, icon_name);
  if (text != NULL)
    gtk_label_set_label (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);

  if (g_strcmp0 (self->block_reason, text) != 0)
    {
      g_free (self->block_reason);
      self->block_reason = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCK_REASON]);
    }
}

/* ---- Filling the composer for a contact -------------------------------- */

static void
fill_for_contact (TbComposer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->filling = TRUE;

  if (self->contact != NULL && self->campaign != NULL &&
      tb_contact_get_status (self->contact) == TB_CONTACT_STATUS_NEEDS_FIRST_TEXT)
    {
      text = tb_composer_render_for_contact (self, tb_campaign_get_initial_message (self->campaign), &error);
      if (text == NULL)
        g_warning ("The initial message of campaign %" G_GINT64_FORMAT " does not render: %s",
                   tb_campaign_get_id (self->campaign), error->message);
    }
  tb_composer_set_text (self, text);

  self->filling = FALSE;

  tb_composer_rebuild_choices (self);
  tb_composer_update_state (self);

  /* Keep the problem visible: an initial message with an error never goes. */
  if (error != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("The campaign’s first message has an error: %s"),
                                                 error->message);

      tb_composer_set_notice (self, "dialog-warning-symbolic", NULL, reason);
      tb_send_guard_set_allowed (self->guard, FALSE);
    }
}

/* ---- Actions ------------------------------------------------------------ */

static void
on_guard_send (TbComposer *self,
               const char *press_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gint64 contact_id;
  gint64 message_id;

  if (self->contact == NULL || self->session == NULL)
    {
      tb_send_guard_rearm (self->guard);
      return;
    }

  contact_id = tb_contact_get_id (self->contact);
  body = tb_composer_dup_text (self);
  g_strstrip (body);

  /* A first text goes through the call that refuses a second first text
   * (another texter, a stale screen), so an initial message never goes twice. */
  if (tb_contact_get_status (self->contact) == TB_CONTACT_STATUS_NEEDS_FIRST_TEXT)
    message_id = tb_outbox_submit_first_text (tb_session_get_outbox (self->session), contact_id,
                                              body, press_id, &error);
  else
    message_id = tb_outbox_submit (tb_session_get_outbox (self->session), contact_id, body,
                                   press_id, &error);

  if (message_id == 0 && g_error_matches (error, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED))
    {
      /* Somebody else got there first: move on, as after a send. */
      g_signal_emit (self, signals[SIGNAL_SEND_FAILED], 0, error);
      g_signal_emit (self, signals[SIGNAL_SKIP], 0);
      tb_send_guard_rearm (self->guard);
      return;
    }

  if (message_id == 0)
    {
      /* Nothing was written: the press may be repeated once fixed. */
      tb_send_guard_rearm (self->guard);
      tb_composer_update_state (self);
      g_signal_emit (self, signals[SIGNAL_SEND_FAILED], 0, error);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SENT], 0, contact_id, message_id);
}

static void
on_send_clicked (TbComposer *self)
{
  tb_send_guard_press (self->guard);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tb_send_guard_press (TB_COMPOSER (widget)->guard);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_SKIP], 0);
}

static void
canned_reply_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tb_composer_pick_canned_reply (TB_COMPOSER (widget), g_variant_get_uint32 (parameter));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tb_send_guard_cancel (TB_COMPOSER (widget)->guard);
}

void
tb_composer_emit_failed (TbComposer   *self,
                         const GError *error)
{
  g_signal_emit (self, signals[SIGNAL_SEND_FAILED], 0, error);
}

void
tb_composer_emit_contact_closed (TbComposer *self,
                                 gint64      contact_id,
                                 const char *what)
{
  g_signal_emit (self, signals[SIGNAL_CONTACT_CLOSED], 0, contact_id, what);
}

/* AdwSplitButton (libadwaita 1.2) leaves its arrow without an accessible
 * name: a screen reader says only "toggle button". Give the arrow, and the
 * toggle inside it that takes the focus, the dropdown tooltip as name. */
static void
name_split_button_arrow (AdwSplitButton *button)
{
  const char *name = adw_split_button_get_dropdown_tooltip (button);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        for (GtkWidget *inner = gtk_widget_get_first_child (child);
             inner != NULL;
             inner = gtk_widget_get_next_sibling (inner))
          if (GTK_IS_BUTTON (inner))
            gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
}

/* ---- GObject ------------------------------------------------------------ */

static void
on_texter_changed (TbComposer *self)
{
  tb_composer_update_state (self);
}

static void
tb_composer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TbComposer *self = TB_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    case PROP_BLOCK_REASON:
      g_value_set_string (value, self->block_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_composer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TbComposer *self = TB_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      tb_composer_set_contact (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_composer_dispose (GObject *object)
{
  TbComposer *self = TB_COMPOSER (object);

  g_clear_handle_id (&self->minute_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_COMPOSER);
  /* The template's unnamed top child too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->campaign);
  g_clear_object (&self->contact);
  if (self->guard != NULL)
    g_signal_handlers_disconnect_by_data (self->guard, self);
  g_clear_object (&self->guard);
  g_clear_object (&self->settings);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->choice_tag_ids, g_array_unref);
  g_clear_object (&self->replies_menu);
  g_clear_object (&self->survey_menu);
  g_clear_object (&self->tags_menu);
  g_clear_pointer (&self->canned_replies, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);

  G_OBJECT_CLASS (tb_composer_parent_class)->dispose (object);
}

static void
tb_composer_finalize (GObject *object)
{
  TbComposer *self = TB_COMPOSER (object);

  g_free (self->block_reason);
  g_free (self->segments_text);

  G_OBJECT_CLASS (tb_composer_parent_class)->finalize (object);
}

static void
tb_composer_class_init (TbComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tb_composer_get_property;
  object_class->set_property = tb_composer_set_property;
  object_class->dispose = tb_composer_dispose;
  object_class->finalize = tb_composer_finalize;

  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, TB_TYPE_CONTACT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCK_REASON] =
    g_param_spec_string ("block-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TbComposer::sent:
   * @contact_id: who it went to
   * @message_id: the queued message
   *
   * A press was taken by the outbox. The network is not involved yet.
   */
  signals[SIGNAL_SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * TbComposer::send-failed:
   * @error: why the press (or a choice) was refused
   */
  signals[SIGNAL_SEND_FAILED] =
    g_signal_new ("send-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_SKIP] =
    g_signal_new ("skip", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TbComposer::contact-closed:
   * @contact_id: the contact
   * @what: what happened, for a toast ("Opted out")
   */
  signals[SIGNAL_CONTACT_CLOSED] =
    g_signal_new ("contact-closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, TbComposer, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, notice_box);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, notice_icon);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, notice_label);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, replies_button);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, survey_button);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, tags_button);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, opt_out_button);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, skip_button);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, segments_label);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, TbComposer, send_button);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "composer.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "composer.opt-out", NULL, tb_composer_opt_out_action);
  gtk_widget_class_install_action (widget_class, "composer.wrong-number", NULL, tb_composer_wrong_number_action);
  gtk_widget_class_install_action (widget_class, "composer.canned-reply", "u", canned_reply_action);
  gtk_widget_class_install_action (widget_class, "composer.cancel-send", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "composer.cancel-send", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tb_composer_init (TbComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choice_tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  name_split_button_arrow (ADW_SPLIT_BUTTON (self->skip_button));

  self->guard = tb_send_guard_new ();
  g_signal_connect_swapped (self->guard, "send", G_CALLBACK (on_guard_send), self);
  g_object_bind_property (self->guard, "sensitive", self->send_button, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->guard, "confirming", self->confirm_label, "visible",
                          G_BINDING_SYNC_CREATE);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "two-step-send", self->guard, "two-step", G_SETTINGS_BIND_GET);

  self->replies_menu = g_menu_new ();
  self->survey_menu = g_menu_new ();
  self->tags_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->replies_button, G_MENU_MODEL (self->replies_menu));
  gtk_menu_button_set_menu_model (self->survey_button, G_MENU_MODEL (self->survey_menu));
  gtk_menu_button_set_menu_model (self->tags_button, G_MENU_MODEL (self->tags_menu));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_text_changed), self);

  update_segments (self);
  tb_composer_rebuild_replies_menu (self);
  tb_composer_rebuild_choices (self);
  tb_composer_update_state (self);
  tb_composer_schedule_minute_tick (self);
}

TbComposer *
tb_composer_new (void)
{
  return g_object_new (TB_TYPE_COMPOSER, NULL);
}

/* ---- Public ------------------------------------------------------------- */

void
tb_composer_set_session (TbComposer *self,
                         TbSession  *session)
{
  g_return_if_fail (TB_IS_COMPOSER (self));
  g_return_if_fail (session == NULL || TB_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "notify::texter-id", G_CALLBACK (on_texter_changed), self);

  fill_for_contact (self);
}

void
tb_composer_set_campaign (TbComposer *self,
                          TbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TB_IS_COMPOSER (self));

  g_set_object (&self->campaign, campaign);
  g_clear_pointer (&self->canned_replies, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  /* Other questions: the survey menu is built again. */
  g_clear_object (&self->choices);

  if (campaign != NULL && self->session != NULL)
    {
      TbStore *store = tb_session_get_store (self->session);
      gint64 campaign_id = tb_campaign_get_id (campaign);

      self->canned_replies = tb_store_canned_reply_list (store, campaign_id, &error);
      if (self->canned_replies != NULL)
        self->questions = tb_store_question_list (store, campaign_id, &error);
      if (error != NULL)
        g_warning ("Could not read the scripts of campaign %" G_GINT64_FORMAT ": %s",
                   campaign_id, error->message);
    }

  tb_composer_rebuild_replies_menu (self);
  fill_for_contact (self);
}

TbContact *
tb_composer_get_contact (TbComposer *self)
{
  g_return_val_if_fail (TB_IS_COMPOSER (self), NULL);

  return self->contact;
}

void
tb_composer_set_contact (TbComposer *self,
                         TbContact  *contact)
{
  gint64 old_id;
  gint64 new_id;
  TbContactStatus old_status;

  g_return_if_fail (TB_IS_COMPOSER (self));
  g_return_if_fail (contact == NULL || TB_IS_CONTACT (contact));

  if (self->contact == contact)
    return;

  old_id = self->contact != NULL ? tb_contact_get_id (self->contact) : 0;
  old_status = self->contact != NULL ? tb_contact_get_status (self->contact) : TB_CONTACT_STATUS_ANY;
  new_id = contact != NULL ? tb_contact_get_id (contact) : 0;

  g_set_object (&self->contact, contact);

  if (old_id != new_id)
    {
      fill_for_contact (self);
      /* The next contact is shown: a new press may send. */
      tb_send_guard_rearm (self->guard);
    }
  else if (contact != NULL && tb_contact_get_status (contact) != old_status)
    {
      tb_composer_rebuild_choices (self);
      tb_composer_update_state (self);
    }
  else
    tb_composer_update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

void
tb_composer_reset (TbComposer *self)
{
  g_return_if_fail (TB_IS_COMPOSER (self));

  fill_for_contact (self);
  tb_send_guard_rearm (self->guard);
}

TbSendGuard *
tb_composer_get_send_guard (TbComposer *self)
{
  g_return_val_if_fail (TB_IS_COMPOSER (self), NULL);

  return self->guard;
}

gboolean
tb_composer_pick_canned_reply (TbComposer *self,
                               guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TbCannedReply *reply;

  g_return_val_if_fail (TB_IS_COMPOSER (self), FALSE);

  if (self->contact == NULL || self->canned_replies == NULL || index >= self->canned_replies->len)
    return FALSE;

  reply = self->canned_replies->pdata[index];
  text = tb_composer_render_for_contact (self, reply->body, &error);
  if (text == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_SEND_FAILED], 0, error);
      return FALSE;
    }

  tb_composer_set_text (self, text);
  return TRUE;
}

const char *
tb_composer_get_block_reason (TbComposer *self)
{
  g_return_val_if_fail (TB_IS_COMPOSER (self), NULL);

  return self->block_reason;
}

const char *
tb_composer_get_segments_text (TbComposer *self)
{
  g_return_val_if_fail (TB_IS_COMPOSER (self), NULL);

  return self->segments_text;
}

void
tb_composer_refresh (TbComposer *self)
{
  g_return_if_fail (TB_IS_COMPOSER (self));

  tb_composer_update_state (self);
}

gboolean
tb_composer_has_text_focus (TbComposer *self)
{
  g_return_val_if_fail (TB_IS_COMPOSER (self), FALSE);

  return gtk_widget_has_focus (GTK_WIDGET (self->text_view));
}

void
tb_composer_focus_text (TbComposer *self)
{
  g_return_if_fail (TB_IS_COMPOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}
