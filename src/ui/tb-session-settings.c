/* tb-session-settings.c: applies the app's settings to the session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-session-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-credentials.h"
#include "tb-session-settings.h"
#include "tb-simulator-provider.h"
#include "tb-twilio-provider.h"

enum {
  SIGNAL_PROVIDER_FAILED,
  N_SIGNALS
};

struct _TbSessionSettings
{
  GObject       parent_instance;

  TbSession    *session;     /* weak */
  GSettings    *settings;
  char         *api_base;
  GCancellable *cancellable; /* the keyring lookup in flight */
  GError       *error;
};

G_DEFINE_FINAL_TYPE (TbSessionSettings, tb_session_settings, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void
tb_session_settings_apply_limits (TbSessionSettings *self)
{
  if (self->session == NULL)
    return;

  tb_outbox_set_rate_per_second (tb_session_get_outbox (self->session),
                                 g_settings_get_double (self->settings, "rate-limit"));
  tb_inbox_sync_set_interval (tb_session_get_inbox_sync (self->session),
                              g_settings_get_uint (self->settings, "poll-interval"));
}

static void
tb_session_settings_fail (TbSessionSettings *self,
                          GError            *error)
{
  g_clear_error (&self->error);
  self->error = error;
  /* Never a secret in it: tb-credentials and the provider say so. */
  g_message ("Twilio is chosen but cannot be used: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_PROVIDER_FAILED], 0, error);
}

static void
on_credentials_found (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TbSessionSettings) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCredentials) credentials = tb_credentials_lookup_finish (result, &error);
  g_autoptr(TbTwilioProvider) provider = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (credentials == NULL)
    {
      tb_session_settings_fail (self, g_steal_pointer (&error));
      return;
    }

  /* The setting may have changed back while the keyring answered. */
  if (self->session == NULL || g_settings_get_enum (self->settings, "provider") != 1)
    return;

  g_clear_error (&self->error);
  provider = tb_twilio_provider_new (credentials, self->api_base);
  tb_session_set_provider (self->session, TB_PROVIDER (provider));
}

static void
tb_session_settings_apply_provider (TbSessionSettings *self)
{
  if (self->session == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (g_settings_get_enum (self->settings, "provider") == 1)
    {
      self->cancellable = g_cancellable_new ();
      tb_credentials_lookup_async (self->cancellable, on_credentials_found, g_object_ref (self));
      return;
    }

  g_clear_error (&self->error);
  /* A simulator keeps its carrier's state: only swap a real provider out. */
  if (!tb_session_is_simulator (self->session))
    {
      g_autoptr(TbSimulatorProvider) simulator = tb_simulator_provider_new (tb_simulator_seed_from_environment ());

      tb_session_set_provider (self->session, TB_PROVIDER (simulator));
    }
}

static void
tb_session_settings_dispose (GObject *object)
{
  TbSessionSettings *self = TB_SESSION_SETTINGS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->session);

  G_OBJECT_CLASS (tb_session_settings_parent_class)->dispose (object);
}

static void
tb_session_settings_finalize (GObject *object)
{
  TbSessionSettings *self = TB_SESSION_SETTINGS (object);

  g_clear_pointer (&self->api_base, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tb_session_settings_parent_class)->finalize (object);
}

static void
tb_session_settings_class_init (TbSessionSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_session_settings_dispose;
  object_class->finalize = tb_session_settings_finalize;

  signals[SIGNAL_PROVIDER_FAILED] = g_signal_new ("provider-failed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
tb_session_settings_init (TbSessionSettings *self)
{
}

TbSessionSettings *
tb_session_settings_new (TbSession  *session,
                         GSettings  *settings,
                         const char *api_base)
{
  TbSessionSettings *self;

  g_return_val_if_fail (TB_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TB_TYPE_SESSION_SETTINGS, NULL);
  g_set_weak_pointer (&self->session, session);
  self->settings = g_object_ref (settings);
  self->api_base = g_strdup (api_base);

  g_signal_connect_swapped (settings, "changed::rate-limit",
                            G_CALLBACK (tb_session_settings_apply_limits), self);
  g_signal_connect_swapped (settings, "changed::poll-interval",
                            G_CALLBACK (tb_session_settings_apply_limits), self);
  g_signal_connect_swapped (settings, "changed::provider",
                            G_CALLBACK (tb_session_settings_apply_provider), self);

  tb_session_settings_apply_limits (self);
  tb_session_settings_apply_provider (self);

  return self;
}

void
tb_session_settings_reload_provider (TbSessionSettings *self)
{
  g_return_if_fail (TB_IS_SESSION_SETTINGS (self));

  tb_session_settings_apply_provider (self);
}

gboolean
tb_session_settings_is_busy (TbSessionSettings *self)
{
  g_return_val_if_fail (TB_IS_SESSION_SETTINGS (self), FALSE);

  return self->cancellable != NULL;
}

const GError *
tb_session_settings_get_error (TbSessionSettings *self)
{
  g_return_val_if_fail (TB_IS_SESSION_SETTINGS (self), NULL);

  return self->error;
}
