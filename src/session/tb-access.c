/* tb-access.c: the admin role, the idle lock, PINs and the audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-access"

#include "config.h"

#include "tb-access.h"

#include "tb-store-export.h"

#include <glib/gi18n.h>

#define MIN_ADMIN_TIMEOUT 10

enum {
  PROP_0,
  PROP_ADMIN_UNLOCKED,
  PROP_LOCKED,
  PROP_TEXTER_ID,
  PROP_ADMIN_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  N_PROPS
};

enum {
  SIGNAL_IDLE_LOCKED,
  N_SIGNALS
};

struct _TbAccess
{
  GObject       parent_instance;

  TbStore      *store;
  TbClockFunc   clock;
  gpointer      clock_data;

  gint64        texter_id;
  gint64        texter_since;

  gboolean      has_passphrase;
  gint64        admin_until;      /* clock µs; 0 while locked */
  gboolean      admin_unlocked;   /* the value "admin-unlocked" last notified */
  guint         admin_timeout_ms;
  guint         admin_timer;

  gboolean      locked;
  guint         idle_timeout_ms;
  gint64        last_activity;    /* monotonic µs */
  guint         idle_timer;
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TbAccess, tb_access, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-access-error-quark, tb_access_error)

static gint64
now (TbAccess *self)
{
  return self->clock (self->clock_data);
}

static void
update_admin_unlocked (TbAccess *self)
{
  gboolean unlocked = !self->locked
                      && (!self->has_passphrase || self->admin_until > now (self));

  if (unlocked == self->admin_unlocked)
    return;
  self->admin_unlocked = unlocked;
  g_debug ("admin role %s", unlocked ? "unlocked" : "locked");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMIN_UNLOCKED]);
}

static guint
read_timeout_setting (TbStore    *store,
                      const char *key,
                      guint       fallback)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = tb_store_setting_get (store, key, &error);
  guint64 seconds;

  if (value == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the setting %s: %s", key, error->message);
      return fallback;
    }
  if (!g_ascii_string_to_unsigned (value, 10, 0, TB_ACCESS_MAX_TIMEOUT, &seconds, NULL))
    {
      g_warning ("The setting %s has a value out of range (%s): using %u", key, value, fallback);
      return fallback;
    }
  return (guint) seconds;
}

static gboolean
admin_timer_cb (gpointer user_data)
{
  TbAccess *self = user_data;

  self->admin_timer = 0;
  tb_access_lock_admin (self);
  return G_SOURCE_REMOVE;
}

static gboolean idle_timer_cb (gpointer user_data);

static void
schedule_idle_timer (TbAccess *self,
                     guint     delay_ms)
{
  g_clear_handle_id (&self->idle_timer, g_source_remove);
  if (self->locked || self->texter_id == 0 || self->idle_timeout_ms == 0)
    return;
  self->idle_timer = g_timeout_add (MAX (delay_ms, 1), idle_timer_cb, self);
  g_source_set_name_by_id (self->idle_timer, "[textbank] idle lock");
}

static gboolean
idle_timer_cb (gpointer user_data)
{
  TbAccess *self = user_data;
  gint64 idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;

  self->idle_timer = 0;
  /* Input since the timer was set moves the deadline instead of restarting
   * the timer on every event. */
  if (idle_ms < self->idle_timeout_ms)
    schedule_idle_timer (self, self->idle_timeout_ms - (guint) idle_ms);
  else
    tb_access_lock (self);
  return G_SOURCE_REMOVE;
}

static void
unlock_admin_now (TbAccess *self)
{
  self->admin_until = now (self) + (gint64) self->admin_timeout_ms * 1000;
  g_clear_handle_id (&self->admin_timer, g_source_remove);
  if (self->has_passphrase)
    {
      self->admin_timer = g_timeout_add (MAX (self->admin_timeout_ms, 1), admin_timer_cb, self);
      g_source_set_name_by_id (self->admin_timer, "[textbank] admin lock");
    }
  update_admin_unlocked (self);
}

/* The outcome of a guess, on the store's thread: rate limit, audit. */
static gboolean
record_guess (TbAccess    *self,
              const char  *scope,
              const char  *audit_action,
              gint64       audit_texter_id,
              gboolean     right,
              GError     **error)
{
  g_autoptr(GError) store_error = NULL;

  if (right)
    {
      if (!tb_auth_limit_reset (self->store, scope, &store_error))
        g_warning ("Could not reset the rate limit of %s: %s", scope, store_error->message);
      return TRUE;
    }

  if (tb_auth_limit_fail (self->store, scope, now (self), &store_error) < 0)
    g_warning ("Could not record a wrong guess for %s: %s", scope, store_error->message);
  tb_store_audit_add (self->store, audit_texter_id, audit_action, scope, NULL, NULL);
  return FALSE;
}

static gboolean
finish_admin_guess (TbAccess  *self,
                    gboolean   right,
                    GError   **error)
{
  if (!record_guess (self, TB_AUTH_SCOPE_ADMIN, "admin_unlock_failed", self->texter_id,
                     right, NULL))
    return FALSE;
  unlock_admin_now (self);
  tb_access_audit (self, "admin_unlock", NULL, NULL);
  return TRUE;
}

static gboolean
store_admin_hash (TbAccess    *self,
                  const char  *hash,
                  GError     **error)
{
  if (!tb_store_setting_set (self->store, TB_ACCESS_SETTING_ADMIN_HASH, hash, error))
    return FALSE;
  self->has_passphrase = TRUE;
  tb_access_audit (self, "admin_passphrase_set", NULL, NULL);
  /* Whoever set it stays admin for the usual time. */
  unlock_admin_now (self);
  return TRUE;
}

static void
set_passphrase_hashed_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  g_autofree char *hash = NULL;
  GError *error = NULL;

  hash = tb_auth_hash_secret_finish (result, &error);
  if (hash == NULL)
    g_task_return_error (task, error);
  /* The admin may have been locked while the hash was computed. */
  else if (!tb_access_check_admin (self, TB_ADMIN_ACTION_WORKSTATION_SETTINGS, &error)
           || !store_admin_hash (self, hash, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
unlock_verified_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  GError *error = NULL;
  gboolean right;

  right = tb_auth_verify_secret_finish (result, &error);
  if (!right && !g_error_matches (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET))
    {
      g_task_return_error (task, error);
      return;
    }
  finish_admin_guess (self, right, NULL);
  if (right)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
pin_verified_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  gint64 texter_id = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  g_autofree char *scope = tb_auth_texter_scope (texter_id);
  GError *error = NULL;
  gboolean right;

  right = tb_auth_verify_secret_finish (result, &error);
  if (!right && !g_error_matches (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET))
    {
      g_task_return_error (task, error);
      return;
    }
  record_guess (self, scope, "pin_failed", texter_id, right, NULL);
  if (right)
    g_task_return_boolean (task, TRUE);
  else
    {
      g_clear_error (&error);
      g_set_error_literal (&error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET,
                           _("That is not the right PIN"));
      g_task_return_error (task, error);
    }
}

static void
add_texter_hashed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbAccess *self = g_task_get_source_object (task);
  const char *name = g_task_get_task_data (task);
  g_autofree char *hash = NULL;
  GError *error = NULL;
  gint64 id;

  if (result != NULL)
    {
      hash = tb_auth_hash_secret_finish (result, &error);
      if (hash == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  id = tb_store_texter_add (self->store, name, hash, FALSE, &error);
  if (id <= 0)
    {
      g_task_return_error (task, error);
      return;
    }
  tb_access_audit (self, "texter_add", name, hash != NULL ? "with PIN" : NULL);
  g_task_return_int (task, id);
}

static void
tb_access_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TbAccess *self = TB_ACCESS (object);

  switch (prop_id)
    {
    case PROP_ADMIN_UNLOCKED:
      g_value_set_boolean (value, self->admin_unlocked);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_TEXTER_ID:
      g_value_set_int64 (value, self->texter_id);
      break;
    case PROP_ADMIN_TIMEOUT:
      g_value_set_uint (value, tb_access_get_admin_timeout (self));
      break;
    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, tb_access_get_idle_timeout (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_access_dispose (GObject *object)
{
  TbAccess *self = TB_ACCESS (object);

  g_clear_handle_id (&self->admin_timer, g_source_remove);
  g_clear_handle_id (&self->idle_timer, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tb_access_parent_class)->dispose (object);
}

static void
tb_access_class_init (TbAccessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_access_get_property;
  object_class->dispose = tb_access_dispose;

  properties[PROP_ADMIN_UNLOCKED] =
    g_param_spec_boolean ("admin-unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTER_ID] =
    g_param_spec_int64 ("texter-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADMIN_TIMEOUT] =
    g_param_spec_uint ("admin-timeout", NULL, NULL, 0, TB_ACCESS_MAX_TIMEOUT,
                       TB_ACCESS_DEFAULT_ADMIN_TIMEOUT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL, 0, TB_ACCESS_MAX_TIMEOUT,
                       TB_ACCESS_DEFAULT_IDLE_TIMEOUT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The workstation locked (idle timer or tb_access_lock()): hide the
   * conversation and show the sign-in screen. */
  signals[SIGNAL_IDLE_LOCKED] =
    g_signal_new ("idle-locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tb_access_init (TbAccess *self)
{
  self->clock = tb_clock_real_time;
  self->last_activity = g_get_monotonic_time ();
}

TbAccess *
tb_access_new (TbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  TbAccess *self;

  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  tb_auth_init ();
  self = g_object_new (TB_TYPE_ACCESS, NULL);
  self->store = g_object_ref (store);
  self->admin_timeout_ms = 1000 * read_timeout_setting (store, TB_ACCESS_SETTING_ADMIN_TIMEOUT,
                                                        TB_ACCESS_DEFAULT_ADMIN_TIMEOUT);
  self->admin_timeout_ms = MAX (self->admin_timeout_ms, MIN_ADMIN_TIMEOUT * 1000);
  self->idle_timeout_ms = 1000 * read_timeout_setting (store, TB_ACCESS_SETTING_IDLE_TIMEOUT,
                                                       TB_ACCESS_DEFAULT_IDLE_TIMEOUT);

  hash = tb_store_setting_get (store, TB_ACCESS_SETTING_ADMIN_HASH, &error);
  /* Fail closed: an unreadable setting counts as a passphrase being set. */
  self->has_passphrase = hash != NULL || error != NULL;
  if (error != NULL)
    g_warning ("Could not read the admin passphrase setting: %s", error->message);
  self->admin_unlocked = !self->has_passphrase;
  return self;
}

const char *
tb_admin_action_describe (TbAdminAction action)
{
  switch (action)
    {
    case TB_ADMIN_ACTION_IMPORT:
      return _("Importing contacts");
    case TB_ADMIN_ACTION_EXPORT:
      return _("Exporting results");
    case TB_ADMIN_ACTION_PROVIDER_SETTINGS:
      return _("Changing the provider settings");
    case TB_ADMIN_ACTION_EDIT_CAMPAIGN:
      return _("Editing campaigns and templates");
    case TB_ADMIN_ACTION_OPT_OUT_UNDO:
      return _("Undoing an opt-out");
    case TB_ADMIN_ACTION_DELETE_DATA:
      return _("Deleting data");
    case TB_ADMIN_ACTION_VIEW_AUDIT:
      return _("Viewing the audit log");
    case TB_ADMIN_ACTION_WORKSTATION_SETTINGS:
      return _("Changing the workstation settings");
    default:
      g_return_val_if_reached (_("This"));
    }
}

void
tb_access_set_clock (TbAccess    *self,
                     TbClockFunc  clock,
                     gpointer     clock_data)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  self->clock = clock != NULL ? clock : tb_clock_real_time;
  self->clock_data = clock != NULL ? clock_data : NULL;
}

void
tb_access_expire (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  if (self->admin_until != 0 && self->admin_until <= now (self))
    tb_access_lock_admin (self);
  else
    update_admin_unlocked (self);
}

void
tb_access_set_texter_id (TbAccess *self,
                         gint64    texter_id)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  if (self->texter_id == texter_id)
    return;
  self->texter_id = texter_id;
  self->texter_since = texter_id != 0 ? now (self) : 0;
  tb_access_lock_admin (self);
  tb_access_note_activity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTER_ID]);
}

gint64
tb_access_get_texter_id (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), 0);

  return self->texter_id;
}

gint64
tb_access_get_texter_since (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), 0);

  return self->texter_since;
}

gboolean
tb_access_has_admin_passphrase (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), TRUE);

  return self->has_passphrase;
}

void
tb_access_set_admin_passphrase_async (TbAccess            *self,
                                      const char          *passphrase,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_set_admin_passphrase_async);

  if (!tb_access_check_admin (self, TB_ADMIN_ACTION_WORKSTATION_SETTINGS, &error)
      || !tb_auth_passphrase_is_valid (passphrase, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  tb_auth_hash_secret_async (passphrase, cancellable, set_passphrase_hashed_cb,
                             g_steal_pointer (&task));
}

gboolean
tb_access_set_admin_passphrase_finish (TbAccess      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tb_access_set_admin_passphrase (TbAccess    *self,
                                const char  *passphrase,
                                GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  if (!tb_access_check_admin (self, TB_ADMIN_ACTION_WORKSTATION_SETTINGS, error)
      || !tb_auth_passphrase_is_valid (passphrase, error))
    return FALSE;
  hash = tb_auth_hash_secret (passphrase, error);
  return hash != NULL && store_admin_hash (self, hash, error);
}

void
tb_access_unlock_admin_async (TbAccess            *self,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *hash = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_unlock_admin_async);

  hash = tb_store_setting_get (self->store, TB_ACCESS_SETTING_ADMIN_HASH, &error);
  if (hash == NULL && error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (hash == NULL)
    {
      self->has_passphrase = FALSE;
      unlock_admin_now (self);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!tb_auth_limit_check (self->store, TB_AUTH_SCOPE_ADMIN, now (self), NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  tb_auth_verify_secret_async (hash, passphrase, cancellable, unlock_verified_cb,
                               g_steal_pointer (&task));
}

gboolean
tb_access_unlock_admin_finish (TbAccess      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tb_access_unlock_admin (TbAccess    *self,
                        const char  *passphrase,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  gboolean right;

  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  hash = tb_store_setting_get (self->store, TB_ACCESS_SETTING_ADMIN_HASH, &local_error);
  if (hash == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (hash == NULL)
    {
      self->has_passphrase = FALSE;
      unlock_admin_now (self);
      return TRUE;
    }
  if (!tb_auth_limit_check (self->store, TB_AUTH_SCOPE_ADMIN, now (self), NULL, error))
    return FALSE;

  right = tb_auth_verify_secret (hash, passphrase, &local_error);
  if (!right && !g_error_matches (local_error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!finish_admin_guess (self, right, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
tb_access_lock_admin (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  self->admin_until = 0;
  g_clear_handle_id (&self->admin_timer, g_source_remove);
  update_admin_unlocked (self);
}

gboolean
tb_access_get_admin_unlocked (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  return self->admin_unlocked;
}

gboolean
tb_access_check_admin (TbAccess       *self,
                       TbAdminAction   action,
                       GError        **error)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  tb_access_expire (self);
  if (self->locked)
    {
      g_set_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_LOCKED,
                   _("%s is not possible while the workstation is locked: sign in first"),
                   tb_admin_action_describe (action));
      return FALSE;
    }
  if (!self->admin_unlocked)
    {
      g_set_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_ADMIN_LOCKED,
                   _("%s needs the admin: unlock it with the admin passphrase"),
                   tb_admin_action_describe (action));
      return FALSE;
    }
  return TRUE;
}

void
tb_access_verify_pin_async (TbAccess            *self,
                            gint64               texter_id,
                            const char          *pin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(TbTexter) texter = NULL;
  g_autofree char *scope = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_verify_pin_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) texter_id), NULL);

  texter = tb_store_texter_get (self->store, texter_id, &error);
  if (texter == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (texter->pin_hash == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  scope = tb_auth_texter_scope (texter_id);
  if (!tb_auth_limit_check (self->store, scope, now (self), NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  tb_auth_verify_secret_async (texter->pin_hash, pin != NULL ? pin : "", cancellable,
                               pin_verified_cb, g_steal_pointer (&task));
}

gboolean
tb_access_verify_pin_finish (TbAccess      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tb_access_add_texter_async (TbAccess            *self,
                            const char          *name,
                            const char          *pin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *stripped = NULL;
  GError *error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_access_add_texter_async);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_task_return_new_error (task, TB_ACCESS_ERROR, TB_ACCESS_ERROR_INVALID_NAME,
                               "%s", _("A texter needs a name"));
      return;
    }
  g_task_set_task_data (task, g_steal_pointer (&stripped), g_free);

  if (pin == NULL || *pin == '\0')
    {
      add_texter_hashed_cb (NULL, NULL, g_steal_pointer (&task));
      return;
    }
  if (!tb_auth_pin_is_valid (pin, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  tb_auth_hash_secret_async (pin, cancellable, add_texter_hashed_cb, g_steal_pointer (&task));
}

gint64
tb_access_add_texter_finish (TbAccess      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  GError *local_error = NULL;
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  return id;
}

void
tb_access_note_activity (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  self->last_activity = g_get_monotonic_time ();
  if (self->idle_timer == 0)
    schedule_idle_timer (self, self->idle_timeout_ms);
}

void
tb_access_lock (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  g_clear_handle_id (&self->idle_timer, g_source_remove);
  tb_access_lock_admin (self);
  if (self->locked)
    return;
  self->locked = TRUE;
  update_admin_unlocked (self);
  g_debug ("workstation locked");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  tb_access_audit (self, "lock", NULL, NULL);
  g_signal_emit (self, signals[SIGNAL_IDLE_LOCKED], 0);
}

void
tb_access_unlock (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  if (self->locked)
    {
      self->locked = FALSE;
      update_admin_unlocked (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
  tb_access_note_activity (self);
}

gboolean
tb_access_get_locked (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  return self->locked;
}

guint
tb_access_get_admin_timeout (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), 0);

  return self->admin_timeout_ms / 1000;
}

guint
tb_access_get_idle_timeout (TbAccess *self)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), 0);

  return self->idle_timeout_ms / 1000;
}

static gboolean
set_timeout_setting (TbAccess    *self,
                     const char  *key,
                     guint        seconds,
                     guint        minimum,
                     GError     **error)
{
  g_autofree char *value = NULL;

  if (!tb_access_check_admin (self, TB_ADMIN_ACTION_WORKSTATION_SETTINGS, error))
    return FALSE;
  if ((seconds != 0 && seconds < minimum) || seconds > TB_ACCESS_MAX_TIMEOUT
      || (seconds == 0 && minimum > 0))
    {
      g_set_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_INVALID_SETTING,
                   _("%s: %u seconds is out of range (%u to %u)"), key, seconds,
                   MAX (minimum, 1), (guint) TB_ACCESS_MAX_TIMEOUT);
      return FALSE;
    }
  value = g_strdup_printf ("%u", seconds);
  if (!tb_store_setting_set (self->store, key, value, error))
    return FALSE;
  tb_access_audit (self, "setting_change", key, value);
  return TRUE;
}

gboolean
tb_access_set_admin_timeout (TbAccess  *self,
                             guint      seconds,
                             GError   **error)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  if (!set_timeout_setting (self, TB_ACCESS_SETTING_ADMIN_TIMEOUT, seconds,
                            MIN_ADMIN_TIMEOUT, error))
    return FALSE;
  self->admin_timeout_ms = seconds * 1000;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMIN_TIMEOUT]);
  return TRUE;
}

gboolean
tb_access_set_idle_timeout (TbAccess  *self,
                            guint      seconds,
                            GError   **error)
{
  g_return_val_if_fail (TB_IS_ACCESS (self), FALSE);

  if (!set_timeout_setting (self, TB_ACCESS_SETTING_IDLE_TIMEOUT, seconds, 0, error))
    return FALSE;
  self->idle_timeout_ms = seconds * 1000;
  schedule_idle_timer (self, self->idle_timeout_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_TIMEOUT]);
  return TRUE;
}

void
tb_access_set_timeouts_ms (TbAccess *self,
                           guint     admin_ms,
                           guint     idle_ms)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  self->admin_timeout_ms = admin_ms;
  self->idle_timeout_ms = idle_ms;
  self->last_activity = g_get_monotonic_time ();
  schedule_idle_timer (self, idle_ms);
}

void
tb_access_audit (TbAccess   *self,
                 const char *action,
                 const char *subject,
                 const char *detail)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));
  g_return_if_fail (action != NULL);

  if (tb_store_audit_add (self->store, self->texter_id, action, subject, detail, &error) <= 0)
    g_warning ("Could not record %s in the audit log: %s", action, error->message);
}

/* A phone as the store keeps it: written as is, never a formula. */
static gboolean
looks_like_e164 (const char *text)
{
  if (text == NULL || text[0] != '+' || text[1] == '\0')
    return FALSE;
  for (const char *p = text + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

GBytes *
tb_access_audit_csv (TbAccess  *self,
                     GError   **error)
{
  g_autoptr(GString) out = g_string_new ("id,at,texter,action,subject,detail\r\n");
  gint64 before_id = 0;

  g_return_val_if_fail (TB_IS_ACCESS (self), NULL);

  if (!tb_access_check_admin (self, TB_ADMIN_ACTION_VIEW_AUDIT, error))
    return NULL;
  tb_access_audit (self, "audit_export", NULL, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) page = tb_store_audit_list (self->store, before_id, 500, error);

      if (page == NULL)
        return NULL;
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          TbAuditEntry *entry = g_ptr_array_index (page, i);
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (entry->at / G_USEC_PER_SEC);
          g_autofree char *at_text = at != NULL ? g_date_time_format_iso8601 (at) : NULL;
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);

          /* The store's CSV quoting and formula guard, as in its exports. */
          tb_csv_append_field (out, id_text, FALSE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, at_text, FALSE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->texter_name, TRUE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->action, TRUE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->subject, !looks_like_e164 (entry->subject));
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->detail, TRUE);
          g_string_append (out, "\r\n");
          before_id = entry->id;
        }
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

TbTexterStats *
tb_access_shift_summary (TbAccess  *self,
                         gint64     texter_id,
                         gint64     since,
                         GError   **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(TbTexter) texter = NULL;
  TbTexterStats *summary;

  g_return_val_if_fail (TB_IS_ACCESS (self), NULL);

  texter = tb_store_texter_get (self->store, texter_id, error);
  if (texter == NULL)
    return NULL;
  all = tb_store_stats_texters (self->store, 0, since, error);
  if (all == NULL)
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      TbTexterStats *stats = g_ptr_array_index (all, i);

      if (stats->texter_id == texter_id)
        return g_ptr_array_steal_index (all, i);
    }

  summary = g_new0 (TbTexterStats, 1);
  summary->texter_id = texter_id;
  summary->texter_name = g_strdup (texter->name);
  return summary;
}
