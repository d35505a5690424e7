/* tb-preferences-window.c: the provider, its credentials and the sending settings
 *
 * The credentials go to the keyring through tb-credentials and nowhere
 * else. A secret is never put back into an entry: an empty secret field
 * means "keep the one in the keyring".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-credentials.h"
#include "tb-preferences-window.h"
#include "tb-setup-actions.h"
#include "tb-twilio-provider.h"

enum {
  PROVIDER_SIMULATOR = 0,
  PROVIDER_TWILIO = 1,
};

enum {
  AUTH_KIND_TOKEN = 0,
  AUTH_KIND_API_KEY = 1,
};

struct _TbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  TbCredentials        *stored;      /* what the keyring holds, or NULL */
  char                 *api_base;    /* NULL: Twilio itself */
  gboolean              busy;        /* a keyring or test call is running */

  AdwComboRow          *provider_row;
  AdwPreferencesGroup  *twilio_group;
  AdwComboRow          *auth_kind_row;
  AdwEntryRow          *account_sid_row;
  AdwEntryRow          *auth_token_row;
  AdwEntryRow          *key_sid_row;
  AdwEntryRow          *key_secret_row;
  AdwActionRow         *keyring_row;
  GtkButton            *forget_button;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  AdwEntryRow          *sender_row;
  GtkSpinButton        *rate_spin;
  GtkSpinButton        *poll_spin;
  AdwComboRow          *region_row;
  GtkSwitch            *two_step_switch;
  AdwComboRow          *style_row;
};

static const char *const style_values[] = { "default", "light", "dark", NULL };

G_DEFINE_FINAL_TYPE (TbPreferencesWindow, tb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The regions offered for numbers without a country code. */
static const struct {
  const char *code;
  const char *name;
} regions[] = {
  { "US", N_("United States") },
  { "CA", N_("Canada") },
  { "PR", N_("Puerto Rico") },
  { "MX", N_("Mexico") },
  { "GB", N_("United Kingdom") },
  { "IE", N_("Ireland") },
  { "AU", N_("Australia") },
  { "NZ", N_("New Zealand") },
  { "DE", N_("Germany") },
  { "FR", N_("France") },
  { "ES", N_("Spain") },
  { "BR", N_("Brazil") },
  { "IN", N_("India") },
};

static void
tb_preferences_window_update_actions (TbPreferencesWindow *self)
{
  gboolean twilio = adw_combo_row_get_selected (self->provider_row) == PROVIDER_TWILIO;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.save-credentials", twilio && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.test-connection", twilio && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.forget-credentials",
                                 twilio && !self->busy && self->stored != NULL);
  gtk_spinner_set_spinning (self->test_spinner, self->busy);
}

static void
tb_preferences_window_set_busy (TbPreferencesWindow *self,
                                gboolean             busy)
{
  self->busy = busy;
  tb_preferences_window_update_actions (self);
}

static void
tb_preferences_window_update_visibility (TbPreferencesWindow *self)
{
  gboolean twilio = adw_combo_row_get_selected (self->provider_row) == PROVIDER_TWILIO;
  gboolean api_key = adw_combo_row_get_selected (self->auth_kind_row) == AUTH_KIND_API_KEY;

  gtk_widget_set_visible (GTK_WIDGET (self->twilio_group), twilio);
  gtk_widget_set_visible (GTK_WIDGET (self->auth_token_row), !api_key);
  gtk_widget_set_visible (GTK_WIDGET (self->key_sid_row), api_key);
  gtk_widget_set_visible (GTK_WIDGET (self->key_secret_row), api_key);
  tb_preferences_window_update_actions (self);
}

static void
tb_preferences_window_toast (TbPreferencesWindow *self,
                             const char          *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The credentials the fields describe. An empty secret falls back to the
 * keyring's when the SIDs are the same. */
static TbCredentials *
tb_preferences_window_collect (TbPreferencesWindow  *self,
                               GError              **error)
{
  g_autofree char *account_sid = dup_trimmed (self->account_sid_row);
  g_autoptr(TbCredentials) credentials = NULL;

  if (adw_combo_row_get_selected (self->auth_kind_row) == AUTH_KIND_API_KEY)
    {
      g_autofree char *key_sid = dup_trimmed (self->key_sid_row);
      const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->key_secret_row));

      if (*secret == '\0' && self->stored != NULL &&
          tb_credentials_get_kind (self->stored) == TB_CREDENTIALS_KIND_API_KEY &&
          g_strcmp0 (tb_credentials_get_account_sid (self->stored), account_sid) == 0 &&
          g_strcmp0 (tb_credentials_get_key_sid (self->stored), key_sid) == 0)
        secret = tb_credentials_get_password (self->stored);

      credentials = tb_credentials_new_api_key (account_sid, key_sid, secret);
    }
  else
    {
      const char *token = gtk_editable_get_text (GTK_EDITABLE (self->auth_token_row));

      if (*token == '\0' && self->stored != NULL &&
          tb_credentials_get_kind (self->stored) == TB_CREDENTIALS_KIND_AUTH_TOKEN &&
          g_strcmp0 (tb_credentials_get_account_sid (self->stored), account_sid) == 0)
        token = tb_credentials_get_password (self->stored);

      credentials = tb_credentials_new_auth_token (account_sid, token);
    }

  if (!tb_credentials_validate (credentials, error))
    return NULL;

  return g_steal_pointer (&credentials);
}

static void
tb_preferences_window_show_stored (TbPreferencesWindow *self)
{
  if (self->stored == NULL)
    {
      adw_action_row_set_subtitle (self->keyring_row, _("No credentials are saved yet"));
      return;
    }

  if (tb_credentials_get_kind (self->stored) == TB_CREDENTIALS_KIND_API_KEY)
    adw_action_row_set_subtitle (self->keyring_row,
                                 _("An API key is saved; leave the secret empty to keep it"));
  else
    adw_action_row_set_subtitle (self->keyring_row,
                                 _("An Auth Token is saved; leave the token empty to keep it"));
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCredentials) credentials = tb_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  tb_preferences_window_set_busy (self, FALSE);

  if (credentials == NULL)
    {
      if (g_error_matches (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_NOT_FOUND))
        tb_preferences_window_show_stored (self);
      else
        {
          g_autofree char *text = g_strdup_printf (_("The keyring cannot be read: %s"), error->message);
          adw_action_row_set_subtitle (self->keyring_row, text);
        }
      return;
    }

  g_clear_pointer (&self->stored, tb_credentials_free);
  self->stored = g_steal_pointer (&credentials);

  /* SIDs are not secret; the token and key secret stay in the keyring. */
  gtk_editable_set_text (GTK_EDITABLE (self->account_sid_row),
                         tb_credentials_get_account_sid (self->stored));
  if (tb_credentials_get_kind (self->stored) == TB_CREDENTIALS_KIND_API_KEY)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->key_sid_row), tb_credentials_get_key_sid (self->stored));
      adw_combo_row_set_selected (self->auth_kind_row, AUTH_KIND_API_KEY);
    }
  else
    adw_combo_row_set_selected (self->auth_kind_row, AUTH_KIND_TOKEN);

  tb_preferences_window_show_stored (self);
  tb_preferences_window_update_actions (self);
}

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tb_credentials_store_finish (result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      tb_preferences_window_set_busy (self, FALSE);
      text = g_strdup_printf (_("The credentials were not saved: %s"), error->message);
      adw_action_row_set_subtitle (self->keyring_row, text);
      return;
    }

  tb_preferences_window_set_busy (self, FALSE);
  /* The entries keep what was typed only until it is safe in the keyring. */
  gtk_editable_set_text (GTK_EDITABLE (self->auth_token_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_secret_row), "");
  tb_preferences_window_show_stored (self);
  tb_preferences_window_update_actions (self);
  tb_preferences_window_toast (self, _("Credentials saved in the keyring"));

  /* The session picks them up when Twilio is the provider. */
  if (GTK_IS_APPLICATION (g_application_get_default ()))
    tb_setup_actions_reload_provider (GTK_APPLICATION (g_application_get_default ()));
}

static void
tb_preferences_window_save_credentials (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCredentials) credentials = NULL;

  if (self->busy)
    return;

  credentials = tb_preferences_window_collect (self, &error);
  if (credentials == NULL)
    {
      adw_action_row_set_subtitle (self->keyring_row, error->message);
      return;
    }

  g_clear_pointer (&self->stored, tb_credentials_free);
  self->stored = tb_credentials_copy (credentials);

  tb_preferences_window_set_busy (self, TRUE);
  tb_credentials_store_async (credentials, self->cancellable, on_store_done, g_object_ref (self));
}

static void
on_clear_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tb_credentials_clear_finish (result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      tb_preferences_window_set_busy (self, FALSE);
      text = g_strdup_printf (_("The credentials were not removed: %s"), error->message);
      adw_action_row_set_subtitle (self->keyring_row, text);
      return;
    }

  g_clear_pointer (&self->stored, tb_credentials_free);
  tb_preferences_window_set_busy (self, FALSE);
  tb_preferences_window_show_stored (self);
  tb_preferences_window_toast (self, _("Credentials removed from the keyring"));
}

static void
tb_preferences_window_forget_credentials (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (widget);

  if (self->busy)
    return;

  tb_preferences_window_set_busy (self, TRUE);
  tb_credentials_clear_async (self->cancellable, on_clear_done, g_object_ref (self));
}

static void
on_test_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *friendly_name = NULL;
  g_autofree char *text = NULL;

  if (!tb_twilio_provider_test_credentials_finish (TB_TWILIO_PROVIDER (source), result,
                                                   &friendly_name, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Failed: %s"), error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
    }
  else
    {
      if (friendly_name != NULL && *friendly_name != '\0')
        text = g_strdup_printf (_("Connected to the account “%s”. No message was sent."), friendly_name);
      else
        text = g_strdup (_("Connected. No message was sent."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
    }

  adw_action_row_set_subtitle (self->test_row, text);
  tb_preferences_window_set_busy (self, FALSE);
}

static void
tb_preferences_window_test_connection (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCredentials) credentials = NULL;
  g_autoptr(TbTwilioProvider) provider = NULL;

  if (self->busy)
    return;

  credentials = tb_preferences_window_collect (self, &error);
  if (credentials == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Failed: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
      adw_action_row_set_subtitle (self->test_row, text);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  tb_preferences_window_set_busy (self, TRUE);

  provider = tb_twilio_provider_new (credentials, self->api_base);
  tb_twilio_provider_test_credentials_async (provider, self->cancellable, on_test_done, g_object_ref (self));
}

static void
on_credentials_edited (TbPreferencesWindow *self)
{
  set_row_error (self->account_sid_row, FALSE);
  set_row_error (self->key_sid_row, FALSE);
}

/* A number in E.164 or a Messaging Service SID ("MG" + 32 hex digits). */
static gboolean
sender_looks_valid (const char *sender)
{
  gsize len = strlen (sender);

  if (len == 0)
    return TRUE;

  if (g_str_has_prefix (sender, "MG"))
    {
      if (len != 34)
        return FALSE;
      for (gsize i = 2; i < len; i++)
        if (!g_ascii_isxdigit (sender[i]))
          return FALSE;
      return TRUE;
    }

  if (sender[0] != '+' || len < 8 || len > 16)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (sender[i]))
      return FALSE;
  return TRUE;
}

static void
on_sender_changed (TbPreferencesWindow *self)
{
  g_autofree char *sender = dup_trimmed (self->sender_row);
  gboolean valid = sender_looks_valid (sender);

  set_row_error (self->sender_row, !valid);
}

static void
on_sender_apply (TbPreferencesWindow *self)
{
  g_autofree char *sender = dup_trimmed (self->sender_row);

  /* Only a well-formed value reaches the settings. */
  if (!sender_looks_valid (sender))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is neither a phone number in international form "
                                                 "(+15125550123) nor a Messaging Service SID (MG and 32 hex "
                                                 "digits)"), sender);
      set_row_error (self->sender_row, TRUE);
      tb_preferences_window_toast (self, text);
      return;
    }

  g_settings_set_string (self->settings, "default-sender", sender);
}

static gboolean
map_enum_to_selected (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
map_selected_to_enum (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  const char *const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[selected]);
}

static gboolean
map_region_to_selected (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_ascii_strcasecmp (regions[i].code, code) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
map_selected_to_region (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (regions))
    return NULL;

  return g_variant_new_string (regions[selected].code);
}

static gboolean
map_uint_to_double (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
map_double_to_uint (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value) + 0.5, 0, G_MAXUINT32));
}

static const char *const provider_nicks[] = { "simulator", "twilio", NULL };
static const char *const auth_kind_nicks[] = { "auth-token", "api-key", NULL };

static void
tb_preferences_window_bind_settings (TbPreferencesWindow *self)
{
  g_autoptr(GtkStringList) region_names = gtk_string_list_new (NULL);
  g_autofree char *sender = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", _(regions[i].name), regions[i].code);
      gtk_string_list_append (region_names, label);
    }
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (region_names));

  g_settings_bind_with_mapping (self->settings, "provider", self->provider_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, map_enum_to_selected, map_selected_to_enum,
                                (gpointer) provider_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "twilio-auth-kind", self->auth_kind_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, map_enum_to_selected, map_selected_to_enum,
                                (gpointer) auth_kind_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "default-region", self->region_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, map_region_to_selected, map_selected_to_region,
                                NULL, NULL);
  g_settings_bind (self->settings, "rate-limit",
                   gtk_spin_button_get_adjustment (self->rate_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "poll-interval",
                                gtk_spin_button_get_adjustment (self->poll_spin), "value",
                                G_SETTINGS_BIND_DEFAULT, map_uint_to_double, map_double_to_uint,
                                NULL, NULL);

  g_settings_bind (self->settings, "two-step-send", self->two_step_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, map_enum_to_selected, map_selected_to_enum,
                                (gpointer) style_values, NULL);

  sender = g_settings_get_string (self->settings, "default-sender");
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row), sender);
}

static void
tb_preferences_window_dispose (GObject *object)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (tb_preferences_window_parent_class)->dispose (object);
}

static void
tb_preferences_window_finalize (GObject *object)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stored, tb_credentials_free);
  g_clear_pointer (&self->api_base, g_free);

  G_OBJECT_CLASS (tb_preferences_window_parent_class)->finalize (object);
}

static void
tb_preferences_window_class_init (TbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_preferences_window_dispose;
  object_class->finalize = tb_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, provider_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, twilio_group);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, auth_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, account_sid_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, auth_token_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, key_sid_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, key_secret_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, sender_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, poll_spin);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, two_step_switch);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, style_row);
  gtk_widget_class_bind_template_callback (widget_class, on_credentials_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_sender_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sender_apply);

  gtk_widget_class_install_action (widget_class, "prefs.save-credentials", NULL,
                                   tb_preferences_window_save_credentials);
  gtk_widget_class_install_action (widget_class, "prefs.forget-credentials", NULL,
                                   tb_preferences_window_forget_credentials);
  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL,
                                   tb_preferences_window_test_connection);
}

static void
tb_preferences_window_init (TbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  tb_preferences_window_bind_settings (self);

  g_signal_connect_object (self->provider_row, "notify::selected",
                           G_CALLBACK (tb_preferences_window_update_visibility), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->auth_kind_row, "notify::selected",
                           G_CALLBACK (tb_preferences_window_update_visibility), self,
                           G_CONNECT_SWAPPED);
  tb_preferences_window_update_visibility (self);

  tb_preferences_window_set_busy (self, TRUE);
  tb_credentials_lookup_async (self->cancellable, on_lookup_done, g_object_ref (self));
}

TbPreferencesWindow *
tb_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (TB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

/* For tests and Twilio edge locations; NULL for Twilio itself. */
void
tb_preferences_window_set_api_base (TbPreferencesWindow *self,
                                    const char          *api_base)
{
  g_return_if_fail (TB_IS_PREFERENCES_WINDOW (self));

  g_free (self->api_base);
  self->api_base = g_strdup (api_base);
}

gboolean
tb_preferences_window_is_busy (TbPreferencesWindow *self)
{
  g_return_val_if_fail (TB_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->busy;
}
