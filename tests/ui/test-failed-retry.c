/* test-failed-retry.c: Retry and Retry All in the header's failed popover
 *
 * The real app on its own temporary database with the demo campaign and
 * the simulator. Sends fail for real: the simulated network is down and
 * the outbox's window of automatic retries is 0 s, so each press ends as
 * a `failed` row with the carrier's reason. Then, as a user would: open
 * the failed badge's popover, find a row's Retry button by its accessible
 * name and click it (or Retry All), and check the database row, the
 * badge, the popover and what the simulated carrier received:
 *  - one Retry, by another texter than the one who pressed Send: the row
 *    leaves `failed`, carries the retrying texter (promise 6), the badge
 *    counts one less, the row leaves the popover and the carrier got
 *    exactly one send for it, even with the failure toast's Retry pressed
 *    too, which is refused at once (3);
 *  - Retry All of three: each goes out exactly once, the badge goes;
 *  - a Retry still offline fails again and stays listed once with its
 *    reason; a Retry (and Retry All) for a contact who replied STOP
 *    meanwhile is refused with a toast that says so at once (promise 1);
 *  - the conversation's Retry on a failed bubble sends it; an undelivered
 *    bubble offers none (the outbox retries only failed messages).
 * The simulated carrier is one with no random invalid numbers or replies.
 *
 * Runs with GTK_A11Y=test (tests/ui/meson.build) so the accessible names
 * can be read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-message-row.h"
#include "tb-provider.h"
#include "tb-simulator-provider.h"
#include "ui-test-util.h"

#define OFFLINE_REASON "Simulator: the simulated network is down; nothing reached the carrier"

/* ---- Reading the window ---------------------------------------------------- */

static TbStore *
store_of (TbWindow *window)
{
  return tb_session_get_store (tb_window_get_session (window));
}

static TbOutbox *
outbox_of (TbWindow *window)
{
  return tb_session_get_outbox (tb_window_get_session (window));
}

static TbSimulatorProvider *
simulator_of (TbWindow *window)
{
  TbProvider *provider = tb_session_get_provider (tb_window_get_session (window));

  g_assert_true (TB_IS_SIMULATOR_PROVIDER (provider));
  return TB_SIMULATOR_PROVIDER (provider);
}

static GtkWidget *
failed_button_of (TbWindow *window)
{
  return GTK_WIDGET (tb_header_status_get_failed_button (tb_window_get_header_status (window)));
}

static GtkListBox *
failed_list_of (TbWindow *window)
{
  return tb_header_status_get_failed_list (tb_window_get_header_status (window));
}

static GtkWidget *
failed_popover_of (TbWindow *window)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (failed_list_of (window)), GTK_TYPE_POPOVER);
}

/* The number on the badge, as shown. */
static const char *
badge_text (TbWindow *window)
{
  GtkLabel *label = ui_test_first_label (failed_button_of (window));

  g_assert_nonnull (label);
  return gtk_label_get_label (label);
}

static guint
n_failed_rows (TbWindow *window)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (failed_list_of (window), (int) n) != NULL)
    n++;
  return n;
}

/* The popover's row titled name (the contact's display name), or NULL. */
static GtkListBoxRow *
failed_row_for (TbWindow   *window,
                const char *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (failed_list_of (window), i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      return row;
  return NULL;
}

static guint
n_failed_rows_for (TbWindow   *window,
                   const char *name)
{
  GtkListBoxRow *row;
  guint n = 0;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (failed_list_of (window), i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      n++;
  return n;
}

/* The open popover's Retry button for name's message, as a screen reader
 * finds it; it targets message_id. */
static GtkWidget *
retry_button_for (TbWindow   *window,
                  const char *name,
                  gint64      message_id)
{
  g_autofree char *label = g_strdup_printf ("Retry the message to %s", name);
  GtkListBoxRow *row = failed_row_for (window, name);
  GtkWidget *button;
  GVariant *target;

  g_assert_nonnull (row);
  button = ui_test_find_button_by_accessible_label (GTK_WIDGET (row), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.retry-message");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  g_assert_cmpint (g_variant_get_int64 (target), ==, message_id);
  return button;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Activates the badge (Enter or a click on it) and waits for its list. */
static void
open_failed_popover (TbWindow *window)
{
  GtkWidget *popover = failed_popover_of (window);

  g_assert_true (gtk_widget_get_mapped (failed_button_of (window)));
  g_assert_false (gtk_widget_get_visible (popover));
  gtk_widget_activate (failed_button_of (window));
  g_assert_true (ui_test_wait_for (widget_visible, popover, 5000));
  ui_test_spin ();
}

/* ---- Toasts ------------------------------------------------------------------ */

typedef struct {
  TbWindow   *window;
  const char *text;
  AdwToast   *old;
} NewToastProbe;

/* A toast with the text shows, another one than old. */
static gboolean
new_toast_shown (gpointer data)
{
  NewToastProbe *probe = data;
  AdwToast *toast = ui_test_shown_toast (probe->window);

  return toast != NULL && toast != probe->old && strstr (adw_toast_get_title (toast), probe->text) != NULL;
}

/* ---- The store and the carrier ----------------------------------------------- */

static TbMessage *
message_get (TbWindow *window,
             gint64    message_id)
{
  g_autoptr(GError) error = NULL;
  TbMessage *message = tb_store_message_get (store_of (window), message_id, &error);

  g_assert_no_error (error);
  return message;
}

static TbMessageState
message_state (TbWindow *window,
               gint64    message_id)
{
  g_autoptr(TbMessage) message = message_get (window, message_id);

  return tb_message_get_state (message);
}

static guint
n_messages_of_contact (TbWindow *window,
                       gint64    contact_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = tb_store_message_list_for_contact (store_of (window), contact_id, &error);

  g_assert_no_error (error);
  return messages->len;
}

static gboolean
outbox_idle (gpointer data)
{
  return tb_outbox_is_idle (outbox_of (data)) && tb_outbox_get_sending (outbox_of (data)) == 0;
}

/* ---- Making sends fail ------------------------------------------------------- */

/* What a failed press left: the message, and whom it was for. */
typedef struct {
  gint64  message_id;
  gint64  contact_id;
  char   *name;
  char   *phone;
} Failed;

static void
failed_clear (Failed *failed)
{
  g_clear_pointer (&failed->name, g_free);
  g_clear_pointer (&failed->phone, g_free);
}

typedef struct {
  TbWindow *window;
  gint64    contact_id;
} ContactProbe;

static gboolean
contact_has_failed_message (gpointer data)
{
  ContactProbe *probe = data;
  g_autoptr(GPtrArray) messages = tb_store_message_list_for_contact (store_of (probe->window),
                                                                     probe->contact_id, NULL);

  return messages != NULL && messages->len == 1 &&
         tb_message_get_state (messages->pdata[0]) == TB_MESSAGE_STATE_FAILED;
}

static gboolean
outbox_counts (gpointer data)
{
  TbWindow *window = g_object_get_data (data, "window");
  guint n = GPOINTER_TO_UINT (g_object_get_data (data, "n"));

  return tb_outbox_get_failed (outbox_of (window)) == n;
}

/* Send pressed for the contact shown while the simulated network is down:
 * with no automatic retries left the press ends as a failed row. */
static void
press_send_offline (TbWindow *window,
                    Failed   *failed)
{
  ContactProbe probe = { window, ui_test_current_contact_id (window) };
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *send;

  g_assert_cmpint (probe.contact_id, >, 0);
  g_assert_true (ui_test_wait_ready (window));
  contact = tb_store_contact_get (store_of (window), probe.contact_id, &error);
  g_assert_no_error (error);
  send = ui_test_find_button (GTK_WIDGET (tb_window_get_composer (window)), "Send");
  g_assert_nonnull (send);
  gtk_widget_activate (send);
  g_assert_true (ui_test_wait_for (contact_has_failed_message, &probe, 10000));

  messages = tb_store_message_list_for_contact (store_of (window), probe.contact_id, &error);
  g_assert_no_error (error);
  failed->message_id = tb_message_get_id (messages->pdata[0]);
  failed->contact_id = probe.contact_id;
  failed->name = tb_contact_dup_display_name (contact);
  failed->phone = g_strdup (tb_contact_get_phone (contact));
  g_assert_cmpstr (tb_message_get_error_text (messages->pdata[0]), ==, OFFLINE_REASON);
  g_assert_true (ui_test_wait_next_contact (window, probe.contact_id));
}

/* Signs in, opens the day, takes the network down, and makes n sends fail.
 * The app's simulator draws its seed at random, and 2 % of the numbers it
 * then calls invalid: this one calls none invalid and sends no replies, so
 * what fails is only what the test makes fail. */
static void
fail_sends (TbWindow *window,
            Failed   *failed,
            guint     n)
{
  g_autoptr(GObject) counts = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  TbSimulatorSettings settings;

  tb_simulator_settings_init_default (&settings);
  settings.invalid_number_rate = 0;
  settings.landline_rate = 0;
  settings.reply_rate = 0;
  simulator = tb_simulator_provider_new_full (6, &settings);
  tb_session_set_provider (tb_window_get_session (window), TB_PROVIDER (simulator));

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  ui_test_spin ();
  g_assert_false (gtk_widget_get_visible (failed_button_of (window)));

  tb_outbox_set_retry_window (outbox_of (window), 0);
  tb_simulator_provider_set_offline (simulator_of (window), TRUE);
  for (guint i = 0; i < n; i++)
    press_send_offline (window, &failed[i]);

  g_object_set_data (counts, "window", window);
  g_object_set_data (counts, "n", GUINT_TO_POINTER (n));
  g_assert_true (ui_test_wait_for (outbox_counts, counts, 10000));
  g_assert_true (ui_test_wait_for (widget_visible, failed_button_of (window), 5000));
  ui_test_spin ();
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator_of (window)), ==, 0);
}

/* ---- One Retry ----------------------------------------------------------------- */

typedef struct {
  TbWindow *window;
  gint64    message_id;
} MessageProbe;

static gboolean
message_left_failed (gpointer data)
{
  MessageProbe *probe = data;

  return message_state (probe->window, probe->message_id) != TB_MESSAGE_STATE_FAILED;
}

static gboolean
message_accepted (gpointer data)
{
  MessageProbe *probe = data;
  g_autoptr(TbMessage) message = message_get (probe->window, probe->message_id);

  return tb_message_get_provider_id (message) != NULL && outbox_idle (probe->window);
}

/* Waits for cond; on a timeout says where the message stands. */
static gboolean
wait_for_message (gboolean    (*cond) (gpointer data),
                  MessageProbe *probe,
                  guint         timeout_ms)
{
  g_autoptr(TbMessage) message = NULL;

  if (ui_test_wait_for (cond, probe, timeout_ms))
    return TRUE;
  message = message_get (probe->window, probe->message_id);
  g_test_message ("message %" G_GINT64_FORMAT ": %s, provider id %s, error %s (%s); outbox %s, %u sending",
                  probe->message_id, tb_message_state_to_string (tb_message_get_state (message)),
                  tb_message_get_provider_id (message), tb_message_get_error_code (message),
                  tb_message_get_error_text (message),
                  tb_outbox_is_idle (outbox_of (probe->window)) ? "idle" : "busy",
                  tb_outbox_get_sending (outbox_of (probe->window)));
  return FALSE;
}

static gboolean
message_failed_again (gpointer data)
{
  MessageProbe *probe = data;

  return message_state (probe->window, probe->message_id) == TB_MESSAGE_STATE_FAILED &&
         outbox_idle (probe->window);
}

static gint64
texter_id_of (TbWindow   *window,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTexter) texter = tb_store_texter_get_by_name (store_of (window), name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (texter);
  return texter->id;
}

static guint
count_audit (TbWindow   *window,
             const char *action,
             gint64      texter_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = tb_store_audit_list (store_of (window), 0, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      TbAuditEntry *entry = entries->pdata[i];

      if (g_str_equal (entry->action, action) && entry->texter_id == texter_id)
        n++;
    }
  return n;
}

static void
check_retry_one (TbApplication *app,
                 TbWindow      *window,
                 gpointer       user_data)
{
  Failed failed[2] = { { 0 } };
  MessageProbe probe = { window, 0 };
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(AdwToast) failure_toast = NULL;
  g_autofree char *failure_title = NULL;
  GtkWidget *retry;
  gint64 sam;
  gint64 riley;
  gint64 pressed_at;

  fail_sends (window, failed, 2);
  probe.message_id = failed[0].message_id;
  sam = texter_id_of (window, "Sam Texter");

  /* The first failure's toast shows at once, with its own Retry. */
  failure_title = g_strdup_printf ("Message to %s failed: %s", failed[0].name, OFFLINE_REASON);
  g_assert_true (ui_test_wait_for_toast (window, failure_title, 10000));
  failure_toast = g_object_ref (ui_test_shown_toast (window));
  g_assert_cmpstr (adw_toast_get_action_name (failure_toast), ==, "win.retry-message");
  g_assert_cmpint (g_variant_get_int64 (adw_toast_get_action_target_value (failure_toast)), ==,
                   failed[0].message_id);
  g_assert_cmpstr (badge_text (window), ==, "2");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (failed_button_of (window)), ==, "2 messages failed: show them");
  message = message_get (window, failed[0].message_id);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, sam);
  pressed_at = tb_message_get_pressed_at (message);
  g_clear_object (&message);

  /* The network is back; another texter takes over and retries. */
  tb_simulator_provider_set_offline (simulator_of (window), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  ui_test_spin ();
  ui_test_close_other_windows (window);
  ui_test_sign_in (window, "Riley Retry");
  riley = texter_id_of (window, "Riley Retry");
  g_assert_cmpint (riley, !=, sam);
  ui_test_spin ();
  g_assert_cmpstr (badge_text (window), ==, "2");

  /* The badge's popover lists both, newest press last, each with Retry. */
  open_failed_popover (window);
  g_assert_cmpuint (n_failed_rows (window), ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (failed_list_of (window), 0))), ==, failed[0].name);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (failed_row_for (window, failed[0].name))), ==,
                   OFFLINE_REASON);
  retry_button_for (window, failed[1].name, failed[1].message_id);
  retry = retry_button_for (window, failed[0].name, failed[0].message_id);

  /* A click on the first one's Retry. */
  gtk_widget_activate (retry);
  g_assert_true (wait_for_message (message_left_failed, &probe, 5000));

  /* The failure toast's Retry (the same action), pressed too: refused at
   * once, the message is no longer failed (promise 3). */
  gtk_widget_activate_action (GTK_WIDGET (window), adw_toast_get_action_name (failure_toast), "x",
                              g_variant_get_int64 (adw_toast_get_action_target_value (failure_toast)));
  g_assert_true (ui_test_wait_for_toast (window, "not failed: only a failed message can be retried", 2000));

  /* The row is queued again by the texter who retried (promise 6)... */
  message = message_get (window, failed[0].message_id);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, riley);
  g_assert_cmpint (tb_message_get_pressed_at (message), >, pressed_at);
  g_assert_cmpuint (count_audit (window, "send_retry", riley), ==, 1);
  g_assert_cmpuint (count_audit (window, "send_retry", sam), ==, 0);
  g_clear_object (&message);

  /* ... the badge counts one, the popover lists the other one only. */
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 1);
  g_assert_cmpstr (badge_text (window), ==, "1");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (failed_button_of (window)), ==, "1 message failed: show it");
  g_assert_true (gtk_widget_get_visible (failed_popover_of (window)));
  g_assert_cmpuint (n_failed_rows (window), ==, 1);
  g_assert_null (failed_row_for (window, failed[0].name));
  g_assert_nonnull (failed_row_for (window, failed[1].name));

  /* It goes out, once: the carrier holds one message for that number. */
  g_assert_true (wait_for_message (message_accepted, &probe, 10000));
  message = message_get (window, failed[0].message_id);
  g_assert_cmpint (tb_message_get_state (message), !=, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpint (tb_message_get_state (message), !=, TB_MESSAGE_STATE_UNKNOWN);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, riley);
  g_assert_cmpuint (ui_test_provider_count_to (TB_PROVIDER (simulator_of (window)), failed[0].phone), ==, 1);
  g_assert_cmpuint (ui_test_provider_count_to (TB_PROVIDER (simulator_of (window)), failed[1].phone), ==, 0);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator_of (window)), ==, 1);
  g_assert_cmpuint (n_messages_of_contact (window, failed[0].contact_id), ==, 1);
  g_assert_cmpint (message_state (window, failed[1].message_id), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 1);

  gtk_popover_popdown (GTK_POPOVER (failed_popover_of (window)));
  ui_test_spin ();
  for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
    failed_clear (&failed[i]);
}

/* ---- Retry All ------------------------------------------------------------------ */

static void
check_retry_all (TbApplication *app,
                 TbWindow      *window,
                 gpointer       user_data)
{
  Failed failed[3] = { { 0 } };
  GtkWidget *popover = failed_popover_of (window);
  GtkWidget *retry_all;
  gint64 sam;

  fail_sends (window, failed, G_N_ELEMENTS (failed));
  sam = texter_id_of (window, "Sam Texter");
  g_assert_cmpstr (badge_text (window), ==, "3");
  tb_simulator_provider_set_offline (simulator_of (window), FALSE);

  open_failed_popover (window);
  g_assert_cmpuint (n_failed_rows (window), ==, 3);
  retry_all = ui_test_find_button (popover, "Retry All");
  g_assert_nonnull (retry_all);
  g_assert_true (gtk_widget_get_mapped (retry_all));
  gtk_widget_activate (retry_all);

  /* None is left: the badge and its popover go. */
  g_assert_true (ui_test_wait_for (widget_hidden, failed_button_of (window), 5000));
  g_assert_true (ui_test_wait_for (widget_hidden, popover, 5000));
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 0);
  /* Only the offline warning (until the inbox sync's next good round) may still alert. */
  g_assert_cmpint (tb_header_status_get_alert (tb_window_get_header_status (window)), ==,
                   tb_header_status_get_offline (tb_window_get_header_status (window)));
  g_assert_true (ui_test_wait_for_toast (window, "3 messages queued again", 5000));

  /* Each goes out exactly once (the rate limit spaces them). */
  for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
    {
      MessageProbe probe = { window, failed[i].message_id };

      g_assert_true (wait_for_message (message_accepted, &probe, 20000));
    }
  for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
    {
      g_autoptr(TbMessage) message = message_get (window, failed[i].message_id);

      g_assert_cmpint (tb_message_get_state (message), !=, TB_MESSAGE_STATE_FAILED);
      g_assert_cmpint (tb_message_get_texter_id (message), ==, sam);
      g_assert_cmpuint (ui_test_provider_count_to (TB_PROVIDER (simulator_of (window)), failed[i].phone), ==, 1);
      g_assert_cmpuint (n_messages_of_contact (window, failed[i].contact_id), ==, 1);
    }
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator_of (window)), ==, G_N_ELEMENTS (failed));
  g_assert_cmpuint (count_audit (window, "send_retry", sam), ==, G_N_ELEMENTS (failed));

  /* Nothing failed any more: the badge stays hidden. */
  ui_test_spin ();
  g_assert_false (gtk_widget_get_visible (failed_button_of (window)));
  for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
    failed_clear (&failed[i]);
}

/* ---- Still offline; opted out since ----------------------------------------- */

static gboolean
opted_out (gpointer data)
{
  Failed *failed = g_object_get_data (data, "failed");
  TbWindow *window = g_object_get_data (data, "window");

  return tb_store_is_opted_out (store_of (window), failed->phone, NULL);
}

static void
check_retry_refused (TbApplication *app,
                     TbWindow      *window,
                     gpointer       user_data)
{
  Failed failed[2] = { { 0 } };
  MessageProbe probe = { window, 0 };
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GObject) stop_probe = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *sid = NULL;
  g_autoptr(AdwToast) refusal_toast = NULL;
  NewToastProbe again = { window, NULL, NULL };
  GtkWidget *retry;

  fail_sends (window, failed, 2);
  probe.message_id = failed[0].message_id;

  /* Still offline: the retry goes to the carrier, fails again and comes
   * back to the list once, with the reason, the count as it was. */
  open_failed_popover (window);
  retry = retry_button_for (window, failed[0].name, failed[0].message_id);
  gtk_widget_activate (retry);
  g_assert_true (wait_for_message (message_left_failed, &probe, 5000));
  g_assert_true (wait_for_message (message_failed_again, &probe, 10000));
  ui_test_spin ();
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 2);
  g_assert_cmpstr (badge_text (window), ==, "2");
  g_assert_true (gtk_widget_get_visible (failed_popover_of (window)));
  g_assert_cmpuint (n_failed_rows (window), ==, 2);
  g_assert_cmpuint (n_failed_rows_for (window, failed[0].name), ==, 1);
  g_assert_cmpuint (n_failed_rows_for (window, failed[1].name), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (failed_row_for (window, failed[0].name))), ==,
                   OFFLINE_REASON);
  g_assert_cmpuint (n_messages_of_contact (window, failed[0].contact_id), ==, 1);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator_of (window)), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (failed_popover_of (window)));
  ui_test_spin ();

  /* The network is back and the second contact replies STOP. */
  tb_simulator_provider_set_offline (simulator_of (window), FALSE);
  campaign = tb_store_campaign_get (store_of (window), tb_session_get_campaign_id (tb_window_get_session (window)),
                                    &error);
  g_assert_no_error (error);
  sid = tb_simulator_provider_inject_inbound (simulator_of (window), failed[1].phone,
                                              tb_campaign_get_sender (campaign), "STOP");
  g_assert_nonnull (sid);
  ui_test_poll_once (tb_window_get_session (window));
  g_object_set_data (stop_probe, "window", window);
  g_object_set_data (stop_probe, "failed", &failed[1]);
  g_assert_true (ui_test_wait_for (opted_out, stop_probe, 5000));
  ui_test_spin ();

  /* A retry could never send it now (promise 1): it leaves the badge and
   * the popover, and stays failed in its conversation's history. */
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 1);
  g_assert_cmpstr (badge_text (window), ==, "1");
  open_failed_popover (window);
  g_assert_cmpuint (n_failed_rows (window), ==, 1);
  g_assert_cmpuint (n_failed_rows_for (window, failed[1].name), ==, 0);
  g_assert_cmpint (message_state (window, failed[1].message_id), ==, TB_MESSAGE_STATE_FAILED);

  /* A Retry from before (an old toast's) is refused with a toast that
   * says why; nothing is sent. */
  refusal = g_strdup_printf ("%s (%s) has opted out: nothing more can be sent to this number",
                             failed[1].name, failed[1].phone);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-message", "x", failed[1].message_id);
  g_assert_true (ui_test_wait_for_toast (window, refusal, 5000));
  refusal_toast = g_object_ref (ui_test_shown_toast (window));
  g_assert_cmpstr (adw_toast_get_button_label (refusal_toast), ==, NULL);
  g_assert_cmpint (message_state (window, failed[1].message_id), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 1);
  /* Pressed again, the refusal shows again at once (a new toast). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-message", "x", failed[1].message_id);
  again.text = refusal;
  again.old = refusal_toast;
  g_assert_true (ui_test_wait_for (new_toast_shown, &again, 2000));

  /* Retry All sends the other one, and only that one. */
  gtk_widget_activate (ui_test_find_button (failed_popover_of (window), "Retry All"));
  probe.message_id = failed[0].message_id;
  g_assert_true (wait_for_message (message_left_failed, &probe, 5000));
  g_assert_true (wait_for_message (message_accepted, &probe, 10000));
  ui_test_spin ();
  g_assert_cmpint (message_state (window, failed[1].message_id), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 0);
  g_assert_false (gtk_widget_get_visible (failed_button_of (window)));
  g_assert_cmpuint (ui_test_provider_count_to (TB_PROVIDER (simulator_of (window)), failed[0].phone), ==, 1);
  g_assert_cmpuint (ui_test_provider_count_to (TB_PROVIDER (simulator_of (window)), failed[1].phone), ==, 0);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (simulator_of (window)), ==, 1);
  g_assert_cmpuint (n_messages_of_contact (window, failed[1].contact_id), ==, 2);   /* and the STOP */

  gtk_popover_popdown (GTK_POPOVER (failed_popover_of (window)));
  ui_test_spin ();
  for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
    failed_clear (&failed[i]);
}

/* ---- The conversation's Retry ----------------------------------------------- */

/* The thread view's bubble of message_id, or NULL. */
static GtkWidget *
message_row_for (TbWindow *window,
                 gint64    message_id,
                 GtkWidget *widget)
{
  if (widget == NULL)
    widget = GTK_WIDGET (tb_window_get_thread_view (window));
  if (TB_IS_MESSAGE_ROW (widget) &&
      tb_message_get_id (tb_message_row_get_message (TB_MESSAGE_ROW (widget))) == message_id)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = message_row_for (window, message_id, child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  TbWindow       *window;
  gint64          message_id;
  TbMessageState  state;
} BubbleProbe;

/* The bubble is shown with the message in that state. */
static gboolean
bubble_in_state (gpointer data)
{
  BubbleProbe *probe = data;
  GtkWidget *row = message_row_for (probe->window, probe->message_id, NULL);

  return row != NULL && gtk_widget_get_mapped (row) &&
         tb_message_get_state (tb_message_row_get_message (TB_MESSAGE_ROW (row))) == probe->state;
}

static void
check_thread_retry (TbApplication *app,
                    TbWindow      *window,
                    gpointer       user_data)
{
  Failed failed[1] = { { 0 } };
  MessageProbe probe = { window, 0 };
  BubbleProbe bubble = { window, 0, TB_MESSAGE_STATE_FAILED };
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  GtkWidget *retry;

  fail_sends (window, failed, 1);
  probe.message_id = bubble.message_id = failed[0].message_id;
  tb_simulator_provider_set_offline (simulator_of (window), FALSE);

  /* Its conversation shows the failed bubble with Retry. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "x", failed[0].contact_id);
  g_assert_true (ui_test_wait_for (bubble_in_state, &bubble, 5000));
  row = message_row_for (window, failed[0].message_id, NULL);
  retry = ui_test_find_button (row, "Retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_get_mapped (retry));
  gtk_widget_activate (retry);
  g_assert_true (wait_for_message (message_accepted, &probe, 10000));
  g_assert_cmpuint (tb_outbox_get_failed (outbox_of (window)), ==, 0);
  g_assert_cmpuint (ui_test_provider_count_to (TB_PROVIDER (simulator_of (window)), failed[0].phone), ==, 1);

  /* The carrier reports it undelivered (a landline): the bubble says so,
   * with no Retry, which the outbox would refuse (only a failed message is
   * retried: an undelivered one reached the carrier). */
  g_assert_true (tb_store_message_set_state (store_of (window), failed[0].message_id,
                                             TB_MESSAGE_STATE_UNDELIVERED, NULL, "30006",
                                             "Landline or unreachable carrier", &error));
  g_assert_no_error (error);
  bubble.state = TB_MESSAGE_STATE_UNDELIVERED;
  g_assert_true (ui_test_wait_for (bubble_in_state, &bubble, 5000));
  ui_test_spin ();
  row = message_row_for (window, failed[0].message_id, NULL);
  g_assert_null (ui_test_find_button (row, "Retry"));
  g_assert_false (tb_outbox_retry (outbox_of (window), failed[0].message_id, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_RETRYABLE);
  g_assert_cmpuint (ui_test_provider_count_to (TB_PROVIDER (simulator_of (window)), failed[0].phone), ==, 1);

  failed_clear (&failed[0]);
}

static void
test_thread_retry (void)
{
  ui_test_run_app (FALSE, check_thread_retry, NULL);
}

static void
test_retry_one (void)
{
  ui_test_run_app (FALSE, check_retry_one, NULL);
}

static void
test_retry_all (void)
{
  ui_test_run_app (FALSE, check_retry_all, NULL);
}

static void
test_retry_refused (void)
{
  ui_test_run_app (FALSE, check_retry_refused, NULL);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/failed-retry/retry-one", test_retry_one);
  g_test_add_func ("/failed-retry/retry-all", test_retry_all);
  g_test_add_func ("/failed-retry/offline-and-opted-out", test_retry_refused);
  g_test_add_func ("/failed-retry/conversation", test_thread_retry);

  return g_test_run ();
}
