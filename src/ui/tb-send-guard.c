/* tb-send-guard.c: turns Send presses and Ctrl+Enter key events into at most one send each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Promise 3 at the UI end: one press is one message.
 *  - Ctrl+Enter acts on key release, never on press, so a held key cannot send twice.
 *  - GTK 4 has no repeat flag: a second press of a key that is still held (no release
 *    in between) is an auto-repeat and is swallowed.
 *  - After a press the guard is disarmed until the next contact is shown (rearm).
 *  - Each press gets a fresh press id, which the outbox uses to make one row even if
 *    the same press were delivered twice.
 */

#define G_LOG_DOMAIN "tb-send-guard"

#include "config.h"

#include "tb-send-guard.h"

enum {
  PROP_0,
  PROP_ALLOWED,
  PROP_ARMED,
  PROP_SENSITIVE,
  PROP_TWO_STEP,
  PROP_CONFIRMING,
  N_PROPS
};

enum {
  SIGNAL_SEND,
  N_SIGNALS
};

struct _TbSendGuard
{
  GObject   parent_instance;

  /* Keyvals of Enter keys pressed with Ctrl and not yet released. */
  GArray   *held;
  /* Whether the press of a held key came while the guard was sensitive. */
  gboolean  press_accepted;

  guint     allowed : 1;
  guint     armed : 1;
  guint     two_step : 1;
  guint     confirming : 1;
};

G_DEFINE_FINAL_TYPE (TbSendGuard, tb_send_guard, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_send_key (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

static gboolean
is_held (TbSendGuard *self,
         guint        keyval,
         guint       *index)
{
  for (guint i = 0; i < self->held->len; i++)
    if (g_array_index (self->held, guint, i) == keyval)
      {
        if (index != NULL)
          *index = i;
        return TRUE;
      }

  return FALSE;
}

/* Sets the state and notifies only what really changed. */
static void
tb_send_guard_update (TbSendGuard *self,
                      gboolean     allowed,
                      gboolean     armed,
                      gboolean     confirming)
{
  gboolean was_sensitive = tb_send_guard_get_sensitive (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->allowed != !!allowed)
    {
      self->allowed = !!allowed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED]);
    }
  if (self->armed != !!armed)
    {
      self->armed = !!armed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARMED]);
    }
  if (self->confirming != !!confirming)
    {
      self->confirming = !!confirming;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRMING]);
    }
  if (was_sensitive != tb_send_guard_get_sensitive (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENSITIVE]);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
tb_send_guard_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TbSendGuard *self = TB_SEND_GUARD (object);

  switch (prop_id)
    {
    case PROP_ALLOWED:
      g_value_set_boolean (value, self->allowed);
      break;
    case PROP_ARMED:
      g_value_set_boolean (value, self->armed);
      break;
    case PROP_SENSITIVE:
      g_value_set_boolean (value, tb_send_guard_get_sensitive (self));
      break;
    case PROP_TWO_STEP:
      g_value_set_boolean (value, self->two_step);
      break;
    case PROP_CONFIRMING:
      g_value_set_boolean (value, self->confirming);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_send_guard_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TbSendGuard *self = TB_SEND_GUARD (object);

  switch (prop_id)
    {
    case PROP_ALLOWED:
      tb_send_guard_set_allowed (self, g_value_get_boolean (value));
      break;
    case PROP_TWO_STEP:
      tb_send_guard_set_two_step (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_send_guard_finalize (GObject *object)
{
  TbSendGuard *self = TB_SEND_GUARD (object);

  g_clear_pointer (&self->held, g_array_unref);

  G_OBJECT_CLASS (tb_send_guard_parent_class)->finalize (object);
}

static void
tb_send_guard_class_init (TbSendGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_send_guard_get_property;
  object_class->set_property = tb_send_guard_set_property;
  object_class->finalize = tb_send_guard_finalize;

  properties[PROP_ALLOWED] =
    g_param_spec_boolean ("allowed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARMED] =
    g_param_spec_boolean ("armed", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENSITIVE] =
    g_param_spec_boolean ("sensitive", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TWO_STEP] =
    g_param_spec_boolean ("two-step", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIRMING] =
    g_param_spec_boolean ("confirming", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TbSendGuard::send:
   * @press_id: a fresh id for this press
   *
   * Emitted once per accepted press. The guard is disarmed until
   * tb_send_guard_rearm() is called.
   */
  signals[SIGNAL_SEND] =
    g_signal_new ("send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tb_send_guard_init (TbSendGuard *self)
{
  self->held = g_array_new (FALSE, FALSE, sizeof (guint));
  self->armed = TRUE;
}

TbSendGuard *
tb_send_guard_new (void)
{
  return g_object_new (TB_TYPE_SEND_GUARD, NULL);
}

gboolean
tb_send_guard_get_allowed (TbSendGuard *self)
{
  g_return_val_if_fail (TB_IS_SEND_GUARD (self), FALSE);

  return self->allowed;
}

/* Whether the composer could send now: hours, opt-out, text, signed-in texter. */
void
tb_send_guard_set_allowed (TbSendGuard *self,
                           gboolean     allowed)
{
  g_return_if_fail (TB_IS_SEND_GUARD (self));

  tb_send_guard_update (self, allowed, self->armed, allowed ? self->confirming : FALSE);
}

gboolean
tb_send_guard_get_armed (TbSendGuard *self)
{
  g_return_val_if_fail (TB_IS_SEND_GUARD (self), FALSE);

  return self->armed;
}

/* Whether a press now would be accepted: what the Send button's sensitivity follows. */
gboolean
tb_send_guard_get_sensitive (TbSendGuard *self)
{
  g_return_val_if_fail (TB_IS_SEND_GUARD (self), FALSE);

  return self->allowed && self->armed;
}

gboolean
tb_send_guard_get_two_step (TbSendGuard *self)
{
  g_return_val_if_fail (TB_IS_SEND_GUARD (self), FALSE);

  return self->two_step;
}

void
tb_send_guard_set_two_step (TbSendGuard *self,
                            gboolean     two_step)
{
  g_return_if_fail (TB_IS_SEND_GUARD (self));

  if (self->two_step == !!two_step)
    return;

  self->two_step = !!two_step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TWO_STEP]);
  if (!two_step)
    tb_send_guard_update (self, self->allowed, self->armed, FALSE);
}

/* In two-step mode: the first press was taken and the next one sends. */
gboolean
tb_send_guard_get_confirming (TbSendGuard *self)
{
  g_return_val_if_fail (TB_IS_SEND_GUARD (self), FALSE);

  return self->confirming;
}

/* The next contact is shown: a new press may send again. */
void
tb_send_guard_rearm (TbSendGuard *self)
{
  g_return_if_fail (TB_IS_SEND_GUARD (self));

  tb_send_guard_update (self, self->allowed, TRUE, FALSE);
}

/* One press of the Send button, or one released Ctrl+Enter. */
void
tb_send_guard_press (TbSendGuard *self)
{
  g_autofree char *press_id = NULL;

  g_return_if_fail (TB_IS_SEND_GUARD (self));

  if (!tb_send_guard_get_sensitive (self))
    return;

  if (self->two_step && !self->confirming)
    {
      tb_send_guard_update (self, self->allowed, TRUE, TRUE);
      return;
    }

  /* Disarm before emitting, so a handler that re-enters cannot send again. */
  tb_send_guard_update (self, self->allowed, FALSE, FALSE);

  press_id = g_uuid_string_random ();
  g_signal_emit (self, signals[SIGNAL_SEND], 0, press_id);
}

/* Drops a pending two-step confirmation (Escape). */
void
tb_send_guard_cancel (TbSendGuard *self)
{
  g_return_if_fail (TB_IS_SEND_GUARD (self));

  tb_send_guard_update (self, self->allowed, self->armed, FALSE);
}

/* Feed every key press here (capture phase). Returns TRUE when the event is
 * the guard's: a Ctrl+Enter press, or an auto-repeat of a held Enter. */
gboolean
tb_send_guard_key_pressed (TbSendGuard     *self,
                           guint            keyval,
                           GdkModifierType  state)
{
  g_return_val_if_fail (TB_IS_SEND_GUARD (self), FALSE);

  if (!is_send_key (keyval))
    return FALSE;

  /* Still held: this is the keyboard's auto-repeat. */
  if (is_held (self, keyval, NULL))
    return TRUE;

  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;

  /* With two Enter keys down at once, the first press decides. */
  if (self->held->len == 0)
    self->press_accepted = tb_send_guard_get_sensitive (self);
  g_array_append_val (self->held, keyval);

  return TRUE;
}

/* Feed every key release here. Sends when a held Ctrl+Enter is released. */
gboolean
tb_send_guard_key_released (TbSendGuard     *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  guint index = 0;
  gboolean accepted;

  g_return_val_if_fail (TB_IS_SEND_GUARD (self), FALSE);

  if (!is_send_key (keyval) || !is_held (self, keyval, &index))
    return FALSE;

  g_array_remove_index_fast (self->held, index);

  /* Two Enter keys held at once still make one press, on the last release. */
  if (self->held->len > 0)
    return TRUE;

  accepted = self->press_accepted;
  self->press_accepted = FALSE;
  if (accepted)
    tb_send_guard_press (self);

  return TRUE;
}

/* The window lost focus: a release may never come, so forget held keys. */
void
tb_send_guard_reset_keys (TbSendGuard *self)
{
  g_return_if_fail (TB_IS_SEND_GUARD (self));

  g_array_set_size (self->held, 0);
  self->press_accepted = FALSE;
}
