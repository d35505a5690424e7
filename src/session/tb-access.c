/* tb-access.c: the TbAccess object, the admin role and the timeouts
 *
 * The passphrase and PINs are in tb-access-secrets.c, the idle lock in
 * tb-access-idle.c, the audit trail in tb-access-audit.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-access"

#include "config.h"

#include "tb-access.h"
#include "tb-access-private.h"

#include <glib/gi18n.h>

enum {
  SIGNAL_IDLE_LOCKED,
  N_SIGNALS
};

static GParamSpec *properties[TB_ACCESS_N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TbAccess, tb_access, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-access-error-quark, tb_access_error)

gint64
tb_access_now (TbAccess *self)
{
  return self->clock (self->clock_data);
}

void
tb_access_notify (TbAccess         *self,
                  TbAccessProperty  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
tb_access_emit_idle_locked (TbAccess *self)
{
  g_signal_emit (self, signals[SIGNAL_IDLE_LOCKED], 0);
}

void
tb_access_update_admin_unlocked (TbAccess *self)
{
  gboolean unlocked = !self->locked
                      && (!self->has_passphrase || self->admin_until > tb_access_now (self));

  if (unlocked == self->admin_unlocked)
    return;
  self->admin_unlocked = unlocked;
  g_debug ("admin role %s", unlocked ? "unlocked" : "locked");
  tb_access_notify (self, TB_ACCESS_PROP_ADMIN_UNLOCKED);
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

void
tb_access_unlock_admin_now (TbAccess *self)
{
  self->admin_until = tb_access_now (self) + (gint64) self->admin_timeout_ms * 1000;
  g_clear_handle_id (&self->admin_timer, g_source_remove);
  if (self->has_passphrase)
    {
      self->admin_timer = g_timeout_add (MAX (self->admin_timeout_ms, 1), admin_timer_cb, self);
      g_source_set_name_by_id (self->admin_timer, "[textbank] admin lock");
    }
  tb_access_update_admin_unlocked (self);
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
    case TB_ACCESS_PROP_ADMIN_UNLOCKED:
      g_value_set_boolean (value, self->admin_unlocked);
      break;
    case TB_ACCESS_PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case TB_ACCESS_PROP_TEXTER_ID:
      g_value_set_int64 (value, self->texter_id);
      break;
    case TB_ACCESS_PROP_ADMIN_TIMEOUT:
      g_value_set_uint (value, tb_access_get_admin_timeout (self));
      break;
    case TB_ACCESS_PROP_IDLE_TIMEOUT:
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

  properties[TB_ACCESS_PROP_ADMIN_UNLOCKED] =
    g_param_spec_boolean ("admin-unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_ACCESS_PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_ACCESS_PROP_TEXTER_ID] =
    g_param_spec_int64 ("texter-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_ACCESS_PROP_ADMIN_TIMEOUT] =
    g_param_spec_uint ("admin-timeout", NULL, NULL, 0, TB_ACCESS_MAX_TIMEOUT,
                       TB_ACCESS_DEFAULT_ADMIN_TIMEOUT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[TB_ACCESS_PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL, 0, TB_ACCESS_MAX_TIMEOUT,
                       TB_ACCESS_DEFAULT_IDLE_TIMEOUT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, TB_ACCESS_N_PROPS, properties);

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
  self->admin_timeout_ms = MAX (self->admin_timeout_ms, TB_ACCESS_MIN_ADMIN_TIMEOUT * 1000);
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

  if (self->admin_until != 0 && self->admin_until <= tb_access_now (self))
    tb_access_lock_admin (self);
  else
    tb_access_update_admin_unlocked (self);
}

void
tb_access_set_texter_id (TbAccess *self,
                         gint64    texter_id)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  if (self->texter_id == texter_id)
    return;
  self->texter_id = texter_id;
  self->texter_since = texter_id != 0 ? tb_access_now (self) : 0;
  tb_access_lock_admin (self);
  tb_access_note_activity (self);
  tb_access_notify (self, TB_ACCESS_PROP_TEXTER_ID);
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

void
tb_access_lock_admin (TbAccess *self)
{
  g_return_if_fail (TB_IS_ACCESS (self));

  self->admin_until = 0;
  g_clear_handle_id (&self->admin_timer, g_source_remove);
  tb_access_update_admin_unlocked (self);
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
                            TB_ACCESS_MIN_ADMIN_TIMEOUT, error))
    return FALSE;
  self->admin_timeout_ms = seconds * 1000;
  tb_access_notify (self, TB_ACCESS_PROP_ADMIN_TIMEOUT);
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
  tb_access_schedule_idle_timer (self, self->idle_timeout_ms);
  tb_access_notify (self, TB_ACCESS_PROP_IDLE_TIMEOUT);
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
  tb_access_schedule_idle_timer (self, idle_ms);
}

