/* tb-session.c: the signed-in texter, the open campaign, the provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-session"

#include "config.h"

#include <inttypes.h>

#include "tb-session.h"
#include "tb-session-private.h"

#include <glib/gi18n.h>

#include "tb-simulator-provider.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROVIDER,
  PROP_IS_SIMULATOR,
  PROP_TEXTER_ID,
  PROP_TEXTER_NAME,
  PROP_CAMPAIGN_ID,
  PROP_OUTBOX,
  PROP_INBOX_SYNC,
  PROP_ACCESS,
  PROP_ADMIN_UNLOCKED,
  PROP_LOCKED,
  N_PROPS
};

struct _TbSession
{
  GObject       parent_instance;

  TbStore      *store;
  TbProvider   *provider;
  TbOutbox     *outbox;
  TbInboxSync  *inbox_sync;
  TbAccess     *access;
  TbWebhook    *webhook;
  TbClockFunc   clock;
  gpointer      clock_data;

  gint64        texter_id;
  char         *texter_name;
  gint64        campaign_id;
  gboolean      started;
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TbSession, tb_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-session-error-quark, tb_session_error)

/* A store error as the session's: NOT_FOUND becomes `code` with the
 * message given, anything else goes on as it is. */
static void G_GNUC_PRINTF (4, 5)
propagate_store_error (GError         **error,
                       GError          *store_error,
                       TbSessionError   not_found_code,
                       const char      *not_found_format,
                       ...)
{
  va_list args;

  if (!g_error_matches (store_error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, store_error);
      return;
    }
  g_error_free (store_error);
  va_start (args, not_found_format);
  g_propagate_error (error, g_error_new_valist (TB_SESSION_ERROR, not_found_code,
                                                not_found_format, args));
  va_end (args);
}

static void
set_texter (TbSession  *self,
            gint64      texter_id,
            const char *name)
{
  gboolean id_changed = self->texter_id != texter_id;
  gboolean name_changed = g_strcmp0 (self->texter_name, name) != 0;

  self->texter_id = texter_id;
  if (name_changed)
    {
      g_free (self->texter_name);
      self->texter_name = g_strdup (name);
    }
  tb_outbox_set_texter_id (self->outbox, texter_id);
  /* A texter switch locks the admin role. */
  tb_access_set_texter_id (self->access, texter_id);

  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTER_ID]);
  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTER_NAME]);
}

static void
tb_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TbSession *self = TB_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;
    case PROP_IS_SIMULATOR:
      g_value_set_boolean (value, tb_session_is_simulator (self));
      break;
    case PROP_TEXTER_ID:
      g_value_set_int64 (value, self->texter_id);
      break;
    case PROP_TEXTER_NAME:
      g_value_set_string (value, self->texter_name);
      break;
    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_INBOX_SYNC:
      g_value_set_object (value, self->inbox_sync);
      break;
    case PROP_ACCESS:
      g_value_set_object (value, self->access);
      break;
    case PROP_ADMIN_UNLOCKED:
      g_value_set_boolean (value, tb_access_get_admin_unlocked (self->access));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, tb_access_get_locked (self->access));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TbSession *self = TB_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROVIDER:
      self->provider = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
access_notify_cb (TbAccess   *access,
                  GParamSpec *pspec,
                  TbSession  *self)
{
  if (g_str_equal (pspec->name, "admin-unlocked"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMIN_UNLOCKED]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
tb_session_constructed (GObject *object)
{
  TbSession *self = TB_SESSION (object);

  G_OBJECT_CLASS (tb_session_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  if (self->provider == NULL)
    self->provider = TB_PROVIDER (tb_simulator_provider_new (tb_simulator_seed_from_environment ()));

  self->outbox = tb_outbox_new (self->store, self->provider);
  self->inbox_sync = tb_inbox_sync_new (self->store, self->provider);
  self->access = tb_access_new (self->store);
  g_signal_connect_object (self->access, "notify::admin-unlocked",
                           G_CALLBACK (access_notify_cb), self, 0);
  g_signal_connect_object (self->access, "notify::locked",
                           G_CALLBACK (access_notify_cb), self, 0);
}

static void
tb_session_dispose (GObject *object)
{
  TbSession *self = TB_SESSION (object);

  /* Stops the timers and cancels what is in flight. */
  tb_session_stop_webhook (self);
  if (self->inbox_sync != NULL)
    g_object_run_dispose (G_OBJECT (self->inbox_sync));
  if (self->outbox != NULL)
    g_object_run_dispose (G_OBJECT (self->outbox));
  g_clear_object (&self->inbox_sync);
  g_clear_object (&self->outbox);
  if (self->access != NULL)
    g_object_run_dispose (G_OBJECT (self->access));
  g_clear_object (&self->access);
  g_clear_object (&self->provider);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tb_session_parent_class)->dispose (object);
}

static void
tb_session_finalize (GObject *object)
{
  TbSession *self = TB_SESSION (object);

  g_clear_pointer (&self->texter_name, g_free);

  G_OBJECT_CLASS (tb_session_parent_class)->finalize (object);
}

static void
tb_session_class_init (TbSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_session_get_property;
  object_class->set_property = tb_session_set_property;
  object_class->constructed = tb_session_constructed;
  object_class->dispose = tb_session_dispose;
  object_class->finalize = tb_session_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, TB_TYPE_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_SIMULATOR] =
    g_param_spec_boolean ("is-simulator", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTER_ID] =
    g_param_spec_int64 ("texter-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTER_NAME] =
    g_param_spec_string ("texter-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, TB_TYPE_OUTBOX,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INBOX_SYNC] =
    g_param_spec_object ("inbox-sync", NULL, NULL, TB_TYPE_INBOX_SYNC,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCESS] =
    g_param_spec_object ("access", NULL, NULL, TB_TYPE_ACCESS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Bind admin-only actions' "enabled" to this. */
  properties[PROP_ADMIN_UNLOCKED] =
    g_param_spec_boolean ("admin-unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The idle lock: hide the conversation, show the sign-in screen. */
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tb_session_init (TbSession *self)
{
  self->clock = tb_clock_real_time;
}

TbSession *
tb_session_new (TbStore    *store,
                TbProvider *provider)
{
  g_return_val_if_fail (TB_IS_STORE (store), NULL);
  g_return_val_if_fail (provider == NULL || TB_IS_PROVIDER (provider), NULL);

  return g_object_new (TB_TYPE_SESSION, "store", store, "provider", provider, NULL);
}

TbStore *
tb_session_get_store (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  return self->store;
}

TbProvider *
tb_session_get_provider (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  return self->provider;
}

void
tb_session_set_provider (TbSession  *self,
                         TbProvider *provider)
{
  gboolean was_simulator;

  g_return_if_fail (TB_IS_SESSION (self));
  g_return_if_fail (TB_IS_PROVIDER (provider));

  was_simulator = tb_session_is_simulator (self);
  if (!g_set_object (&self->provider, provider))
    return;

  tb_outbox_set_provider (self->outbox, provider);
  tb_inbox_sync_set_provider (self->inbox_sync, provider);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER]);
  if (was_simulator != tb_session_is_simulator (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SIMULATOR]);
}

gboolean
tb_session_is_simulator (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), TRUE);

  return self->provider == NULL || tb_provider_is_simulator (self->provider);
}

TbOutbox *
tb_session_get_outbox (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  return self->outbox;
}

TbInboxSync *
tb_session_get_inbox_sync (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  return self->inbox_sync;
}

void
tb_session_set_clock (TbSession   *self,
                      TbClockFunc  clock,
                      gpointer     clock_data)
{
  g_return_if_fail (TB_IS_SESSION (self));

  self->clock = clock != NULL ? clock : tb_clock_real_time;
  self->clock_data = clock != NULL ? clock_data : NULL;
  tb_outbox_set_clock (self->outbox, clock, clock_data);
  tb_inbox_sync_set_clock (self->inbox_sync, clock, clock_data);
  tb_access_set_clock (self->access, clock, clock_data);
}

gint64
tb_session_now (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), 0);

  return self->clock (self->clock_data);
}

void
tb_session_start (TbSession *self)
{
  g_return_if_fail (TB_IS_SESSION (self));

  if (self->started)
    return;
  self->started = TRUE;

  tb_outbox_resume (self->outbox);
  if (tb_inbox_sync_get_interval (self->inbox_sync) > 0)
    tb_inbox_sync_start (self->inbox_sync);
}

static gboolean
sign_in (TbSession  *self,
         gint64      texter_id,
         gboolean    pin_checked,
         GError    **error)
{
  g_autoptr(TbTexter) texter = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);

  texter = tb_store_texter_get (self->store, texter_id, &local_error);
  if (texter == NULL)
    {
      propagate_store_error (error, g_steal_pointer (&local_error), TB_SESSION_ERROR_NO_SUCH_TEXTER,
                             _("There is no texter with id %" PRId64), texter_id);
      return FALSE;
    }

  /* A texter with a PIN signs in only through the PIN check (issue 8). */
  if (texter->pin_hash != NULL && !pin_checked)
    {
      g_set_error (error, TB_SESSION_ERROR, TB_SESSION_ERROR_PIN_REQUIRED,
                   _("%s has a PIN: sign in with it"), texter->name);
      return FALSE;
    }

  if (self->texter_id != 0 && self->texter_id != texter_id)
    tb_session_sign_out (self);

  set_texter (self, texter->id, texter->name);
  tb_access_unlock (self->access);
  tb_store_audit_add (self->store, texter->id, "sign_in", texter->name, NULL, NULL);
  return TRUE;
}

gboolean
tb_session_sign_in (TbSession  *self,
                    gint64      texter_id,
                    GError    **error)
{
  return sign_in (self, texter_id, FALSE, error);
}

gboolean
tb_session_sign_in_pin_checked (TbSession  *self,
                                gint64      texter_id,
                                GError    **error)
{
  return sign_in (self, texter_id, TRUE, error);
}

char *
tb_session_check_sign_in_by_name (TbSession    *self,
                                  const char   *name,
                                  gint64       *texter_id_out,
                                  GError      **error)
{
  g_autoptr(TbTexter) texter = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (TB_IS_SESSION (self), NULL);
  g_return_val_if_fail (texter_id_out != NULL, NULL);

  *texter_id_out = 0;
  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, TB_SESSION_ERROR, TB_SESSION_ERROR_INVALID_NAME,
                           _("A texter needs a name"));
      return NULL;
    }

  texter = tb_store_texter_get_by_name (self->store, stripped, &local_error);
  if (texter == NULL)
    {
      if (!g_error_matches (local_error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&stripped);
    }

  /* The same refusal sign_in() gives, before anything is written. */
  if (texter->pin_hash != NULL)
    {
      g_set_error (error, TB_SESSION_ERROR, TB_SESSION_ERROR_PIN_REQUIRED,
                   _("%s has a PIN: sign in with it"), texter->name);
      return NULL;
    }
  *texter_id_out = texter->id;
  /* Names match in any case: the stored spelling is the texter's. */
  return g_strdup (texter->name);
}

gboolean
tb_session_sign_in_by_name (TbSession   *self,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *checked = NULL;
  gint64 texter_id = 0;

  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);

  checked = tb_session_check_sign_in_by_name (self, name, &texter_id, error);
  if (checked == NULL)
    return FALSE;
  if (texter_id == 0)
    texter_id = tb_store_texter_add (self->store, checked, NULL, FALSE, error);
  if (texter_id <= 0)
    return FALSE;
  return tb_session_sign_in (self, texter_id, error);
}

void
tb_session_sign_out (TbSession *self)
{
  g_return_if_fail (TB_IS_SESSION (self));

  if (self->texter_id == 0)
    return;
  tb_store_audit_add (self->store, self->texter_id, "sign_out", self->texter_name, NULL, NULL);
  set_texter (self, 0, NULL);
}

gint64
tb_session_get_texter_id (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), 0);

  return self->texter_id;
}

const char *
tb_session_get_texter_name (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  return self->texter_name;
}

gboolean
tb_session_open_campaign (TbSession  *self,
                          gint64      campaign_id,
                          GError    **error)
{
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);

  campaign = tb_store_campaign_get (self->store, campaign_id, &local_error);
  if (campaign == NULL)
    {
      propagate_store_error (error, g_steal_pointer (&local_error), TB_SESSION_ERROR_NO_SUCH_CAMPAIGN,
                             _("There is no campaign with id %" PRId64), campaign_id);
      return FALSE;
    }

  if (self->campaign_id != campaign_id)
    {
      self->campaign_id = campaign_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
    }
  return TRUE;
}

gint64
tb_session_get_campaign_id (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), 0);

  return self->campaign_id;
}

TbAccess *
tb_session_get_access (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  return self->access;
}

gboolean
tb_session_start_webhook (TbSession   *self,
                          const char  *auth_token,
                          guint        port,
                          gboolean     loopback_only,
                          const char  *public_base_url,
                          GError     **error)
{
  g_autoptr(TbWebhook) webhook = NULL;

  g_return_val_if_fail (TB_IS_SESSION (self), FALSE);
  g_return_val_if_fail (auth_token != NULL, FALSE);

  tb_session_stop_webhook (self);
  webhook = tb_webhook_new (self->inbox_sync, self->store, auth_token, public_base_url);
  if (!tb_webhook_listen (webhook, port, loopback_only, error))
    return FALSE;
  self->webhook = g_steal_pointer (&webhook);
  return TRUE;
}

void
tb_session_stop_webhook (TbSession *self)
{
  g_return_if_fail (TB_IS_SESSION (self));

  if (self->webhook != NULL)
    {
      tb_webhook_stop (self->webhook);
      g_clear_object (&self->webhook);
    }
}

TbWebhook *
tb_session_get_webhook (TbSession *self)
{
  g_return_val_if_fail (TB_IS_SESSION (self), NULL);

  return self->webhook;
}
