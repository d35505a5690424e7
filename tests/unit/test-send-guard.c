/* test-send-guard.c: one press is one send, whatever the keyboard does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-send-guard.h"

typedef struct {
  GPtrArray *press_ids;
} Sends;

static void
on_send (TbSendGuard *guard,
         const char  *press_id,
         gpointer     user_data)
{
  Sends *sends = user_data;

  g_assert_true (g_uuid_string_is_valid (press_id));
  /* Disarmed before the handler runs. */
  g_assert_false (tb_send_guard_get_sensitive (guard));
  g_ptr_array_add (sends->press_ids, g_strdup (press_id));
}

/* One step of a scripted key sequence. */
typedef enum { PRESS, RELEASE, CLICK, REARM, ALLOW, DENY, FOCUS_OUT } StepKind;

typedef struct {
  StepKind        kind;
  guint           keyval;
  GdkModifierType state;
} Step;

typedef struct {
  const char *name;
  gboolean    two_step;
  Step        steps[16];
  guint       n_steps;
  guint       expected_sends;
} Case;

#define CTRL GDK_CONTROL_MASK
#define P(k, s) { PRESS, k, s }
#define R(k, s) { RELEASE, k, s }

static const Case cases[] = {
  { "ctrl-enter-sends-on-release", FALSE,
    { P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL) }, 2, 1 },
  { "press-alone-does-not-send", FALSE,
    { P (GDK_KEY_Return, CTRL) }, 1, 0 },
  { "auto-repeat-sends-once", FALSE,
    { P (GDK_KEY_Return, CTRL), P (GDK_KEY_Return, CTRL), P (GDK_KEY_Return, CTRL),
      P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL) }, 5, 1 },
  { "auto-repeat-after-rearm-sends-once", FALSE,
    { P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL), { REARM },
      P (GDK_KEY_Return, CTRL), P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL) }, 6, 2 },
  { "two-presses-without-rearm-send-once", FALSE,
    { P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL),
      P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL) }, 4, 1 },
  { "enter-without-ctrl-is-not-send", FALSE,
    { P (GDK_KEY_Return, 0), R (GDK_KEY_Return, 0) }, 2, 0 },
  { "ctrl-released-first-still-sends", FALSE,
    { P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, 0) }, 2, 1 },
  { "keypad-enter", FALSE,
    { P (GDK_KEY_KP_Enter, CTRL), R (GDK_KEY_KP_Enter, CTRL) }, 2, 1 },
  { "both-enter-keys-held-send-once", FALSE,
    { P (GDK_KEY_Return, CTRL), P (GDK_KEY_KP_Enter, CTRL),
      R (GDK_KEY_Return, CTRL), R (GDK_KEY_KP_Enter, CTRL) }, 4, 1 },
  { "not-allowed-never-sends", FALSE,
    { { DENY }, P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL), { CLICK } }, 4, 0 },
  { "press-while-denied-release-after-allowed", FALSE,
    { { DENY }, P (GDK_KEY_Return, CTRL), { ALLOW }, R (GDK_KEY_Return, CTRL) }, 4, 0 },
  { "denied-between-press-and-release", FALSE,
    { P (GDK_KEY_Return, CTRL), { DENY }, R (GDK_KEY_Return, CTRL) }, 3, 0 },
  { "click-sends", FALSE, { { CLICK } }, 1, 1 },
  { "double-click-sends-once", FALSE, { { CLICK }, { CLICK } }, 2, 1 },
  { "focus-out-forgets-held-key", FALSE,
    { P (GDK_KEY_Return, CTRL), { FOCUS_OUT }, R (GDK_KEY_Return, CTRL),
      P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL) }, 5, 1 },
  { "two-step-needs-two-presses", TRUE, { { CLICK } }, 1, 0 },
  { "two-step-second-press-sends", TRUE, { { CLICK }, { CLICK }, { CLICK } }, 3, 1 },
  { "two-step-keys", TRUE,
    { P (GDK_KEY_Return, CTRL), P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL),
      P (GDK_KEY_Return, CTRL), R (GDK_KEY_Return, CTRL) }, 5, 1 },
  { "two-step-rearm-cancels-confirmation", TRUE,
    { { CLICK }, { REARM }, { CLICK } }, 3, 0 },
};

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(TbSendGuard) guard = tb_send_guard_new ();
  g_autoptr(GPtrArray) press_ids = g_ptr_array_new_with_free_func (g_free);
  Sends sends = { press_ids };

  g_signal_connect (guard, "send", G_CALLBACK (on_send), &sends);
  tb_send_guard_set_allowed (guard, TRUE);
  tb_send_guard_set_two_step (guard, c->two_step);

  for (guint i = 0; i < c->n_steps; i++)
    {
      const Step *step = &c->steps[i];

      switch (step->kind)
        {
        case PRESS:
          tb_send_guard_key_pressed (guard, step->keyval, step->state);
          break;
        case RELEASE:
          tb_send_guard_key_released (guard, step->keyval, step->state);
          break;
        case CLICK:
          tb_send_guard_press (guard);
          break;
        case REARM:
          tb_send_guard_rearm (guard);
          break;
        case ALLOW:
          tb_send_guard_set_allowed (guard, TRUE);
          break;
        case DENY:
          tb_send_guard_set_allowed (guard, FALSE);
          break;
        case FOCUS_OUT:
          tb_send_guard_reset_keys (guard);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (press_ids->len, ==, c->expected_sends);
  for (guint i = 1; i < press_ids->len; i++)
    g_assert_cmpstr (press_ids->pdata[i], !=, press_ids->pdata[i - 1]);
}

static void
test_press_ids_are_fresh (void)
{
  g_autoptr(TbSendGuard) guard = tb_send_guard_new ();
  g_autoptr(GPtrArray) press_ids = g_ptr_array_new_with_free_func (g_free);
  Sends sends = { press_ids };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (guard, "send", G_CALLBACK (on_send), &sends);
  tb_send_guard_set_allowed (guard, TRUE);

  for (guint i = 0; i < 100; i++)
    {
      tb_send_guard_press (guard);
      tb_send_guard_rearm (guard);
    }

  g_assert_cmpuint (press_ids->len, ==, 100);
  for (guint i = 0; i < press_ids->len; i++)
    g_assert_true (g_hash_table_add (seen, press_ids->pdata[i]));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_sensitive_notifies (void)
{
  g_autoptr(TbSendGuard) guard = tb_send_guard_new ();
  guint notified = 0;

  g_signal_connect (guard, "notify::sensitive", G_CALLBACK (count_notify), &notified);

  g_assert_false (tb_send_guard_get_sensitive (guard));
  tb_send_guard_set_allowed (guard, TRUE);
  g_assert_true (tb_send_guard_get_sensitive (guard));
  g_assert_cmpuint (notified, ==, 1);
  tb_send_guard_set_allowed (guard, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  tb_send_guard_press (guard);
  g_assert_false (tb_send_guard_get_sensitive (guard));
  g_assert_false (tb_send_guard_get_armed (guard));
  g_assert_cmpuint (notified, ==, 2);
  tb_send_guard_rearm (guard);
  g_assert_true (tb_send_guard_get_sensitive (guard));
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_other_keys_pass_through (void)
{
  g_autoptr(TbSendGuard) guard = tb_send_guard_new ();

  tb_send_guard_set_allowed (guard, TRUE);
  g_assert_false (tb_send_guard_key_pressed (guard, GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_false (tb_send_guard_key_released (guard, GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_false (tb_send_guard_key_pressed (guard, GDK_KEY_Return, 0));
  g_assert_true (tb_send_guard_key_pressed (guard, GDK_KEY_Return, GDK_CONTROL_MASK));
  /* The repeat of a held key is swallowed even without Ctrl. */
  g_assert_true (tb_send_guard_key_pressed (guard, GDK_KEY_Return, 0));
  g_assert_true (tb_send_guard_key_released (guard, GDK_KEY_Return, 0));
  g_assert_false (tb_send_guard_key_released (guard, GDK_KEY_Return, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/send-guard/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }
  g_test_add_func ("/send-guard/press-ids-are-fresh", test_press_ids_are_fresh);
  g_test_add_func ("/send-guard/sensitive-notifies", test_sensitive_notifies);
  g_test_add_func ("/send-guard/other-keys-pass-through", test_other_keys_pass_through);

  return g_test_run ();
}
