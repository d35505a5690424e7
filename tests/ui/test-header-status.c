/* test-header-status.c: the provider and outbox status in the header bar
 *
 * The real app on its own temporary database with the demo campaign and
 * the simulator: the header says Simulator, turns into an offline warning
 * when the simulated network goes down (seen by a real inbox sync round),
 * counts a send that waits in the outbox meanwhile, comes back (the send
 * goes out), then shows a failed count for a send the carrier refused,
 * whose popover lists it; Enter on its row closes the popover and shows
 * that person's conversation. Narrow, the contacts page shows the offline
 * warning and the badge too; the status keeps its icon and the badge but
 * drops the words. Retry All clears the badge. Selecting a contact by id
 * finds it in any queue, loaded page or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-provider.h"
#include "tb-simulator-provider.h"
#include "ui-test-util.h"

static GtkLabel *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static GtkImage *
first_image (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    return GTK_IMAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkImage *image = first_image (child);

      if (image != NULL)
        return image;
    }
  return NULL;
}

/* What the provider button says, as shown. */
static const char *
provider_text (TbHeaderStatus *status)
{
  GtkLabel *label = first_label (GTK_WIDGET (tb_header_status_get_provider_button (status)));

  g_assert_nonnull (label);
  return gtk_label_get_label (label);
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} PollResult;

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PollResult *poll = user_data;

  poll->ok = tb_inbox_sync_poll_finish (TB_INBOX_SYNC (source), result, NULL, &poll->error);
  poll->done = TRUE;
}

static gboolean
poll_done (gpointer data)
{
  return ((PollResult *) data)->done;
}

/* One inbox sync round, as the app's timer runs it. */
static gboolean
poll_once (TbWindow *window,
           GError  **error)
{
  PollResult poll = { FALSE, FALSE, NULL };

  tb_inbox_sync_poll_async (tb_session_get_inbox_sync (tb_window_get_session (window)), NULL,
                            on_polled, &poll);
  g_assert_true (ui_test_wait_for (poll_done, &poll, 10000));
  ui_test_spin ();
  if (poll.error != NULL)
    g_propagate_error (error, poll.error);
  return poll.ok;
}

/* A visible label under widget whose text is text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
one_sending_shown (gpointer data)
{
  return shows_label (data, "1 sending");
}

static gboolean
nothing_sending (gpointer data)
{
  TbWindow *window = data;

  return tb_outbox_get_sending (tb_session_get_outbox (tb_window_get_session (window))) == 0 &&
         !shows_label (GTK_WIDGET (tb_window_get_header_status (window)), "1 sending");
}

static gboolean
failed_badge_shown (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (tb_header_status_get_failed_button (data)));
}

static gboolean
failed_badge_gone (gpointer data)
{
  return !failed_badge_shown (data);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
leaflet_folded (gpointer data)
{
  return tb_header_status_get_compact (data);
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !tb_header_status_get_compact (data);
}

static gboolean
message_row_exists (gpointer data)
{
  TbWindow *window = data;
  gint64 contact_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (window), "contact-id"));
  g_autoptr(GPtrArray) messages = tb_store_message_list_for_contact (
    tb_session_get_store (tb_window_get_session (window)), contact_id, NULL);

  return messages != NULL && messages->len > 0;
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *entry = find_search_entry (child);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

static gboolean
popover_closed (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* The contact shown everywhere the texting screen shows one. */
static void
assert_shows_contact (TbWindow *window,
                      gint64    contact_id)
{
  TbContact *composer_contact = tb_composer_get_contact (tb_window_get_composer (window));
  TbContact *thread_contact = tb_thread_view_get_contact (tb_window_get_thread_view (window));

  g_assert_cmpint (ui_test_current_contact_id (window), ==, contact_id);
  g_assert_nonnull (composer_contact);
  g_assert_cmpint (tb_contact_get_id (composer_contact), ==, contact_id);
  g_assert_nonnull (thread_contact);
  g_assert_cmpint (tb_contact_get_id (thread_contact), ==, contact_id);
}

static void
check_header_status (TbApplication *app,
                     TbWindow      *window,
                     gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  TbSimulatorProvider *simulator = TB_SIMULATOR_PROVIDER (tb_session_get_provider (session));
  TbHeaderStatus *status = tb_window_get_header_status (window);
  GtkWidget *provider_button = GTK_WIDGET (tb_header_status_get_provider_button (status));
  GtkWidget *failed_button = GTK_WIDGET (tb_header_status_get_failed_button (status));
  g_autoptr(GError) refusal = g_error_new_literal (TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TWILIO_INVALID_TO,
                                                   "The 'To' number is not a valid phone number");
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autofree char *name = NULL;
  TbHeaderStatus *sidebar = tb_window_get_sidebar_status (window);
  GtkWidget *sidebar_provider = GTK_WIDGET (tb_header_status_get_provider_button (sidebar));
  GtkWidget *sidebar_failed = GTK_WIDGET (tb_header_status_get_failed_button (sidebar));
  TbContactPane *pane = tb_window_get_contact_pane (window);
  AdwLeaflet *leaflet;
  GtkListBox *failed_list;
  GtkListBoxRow *row;
  GtkWidget *popover;
  GtkWidget *focus;
  GtkWidget *retry_all;
  gint64 contact_id;
  int min_width;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  ui_test_spin ();

  /* In the header bar, not in a footer; the simulator, no warning, nothing failed. */
  g_assert_nonnull (gtk_widget_get_ancestor (GTK_WIDGET (status), ADW_TYPE_HEADER_BAR));
  g_assert_true (gtk_widget_get_mapped (provider_button));
  g_assert_cmpstr (provider_text (status), ==, "Simulator");
  g_assert_cmpstr (gtk_image_get_icon_name (first_image (provider_button)), ==, "applications-engineering-symbolic");
  g_assert_false (gtk_widget_has_css_class (provider_button, "warning"));
  g_assert_false (tb_header_status_get_offline (status));
  g_assert_false (gtk_widget_get_visible (failed_button));

  /* The network goes down: the next sync round fails, the header warns. */
  tb_simulator_provider_set_offline (simulator, TRUE);
  g_assert_false (poll_once (window, &error));
  g_assert_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_NOT_SENT);
  g_clear_error (&error);
  g_assert_true (tb_header_status_get_offline (status));
  g_assert_cmpstr (provider_text (status), ==, "Simulator · Offline");
  g_assert_cmpstr (gtk_image_get_icon_name (first_image (provider_button)), ==, "network-offline-symbolic");
  g_assert_true (gtk_widget_has_css_class (provider_button, "warning"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (provider_button), "Cannot reach Simulator since"));

  /* A send while offline waits in the outbox: once it has waited a
   * while the header counts it (not at once: every send passes through). */
  contact_id = ui_test_current_contact_id (window);
  g_object_set_data (G_OBJECT (window), "contact-id", GSIZE_TO_POINTER (contact_id));
  g_assert_true (ui_test_wait_ready (window));
  gtk_widget_activate (ui_test_find_button (GTK_WIDGET (tb_window_get_composer (window)), "Send"));
  g_assert_true (ui_test_wait_for (message_row_exists, window, 10000));
  g_assert_false (one_sending_shown (status));
  g_assert_true (ui_test_wait_for (one_sending_shown, status, 10000));

  /* Back: the warning goes with the next good round, the send goes out. */
  tb_simulator_provider_set_offline (simulator, FALSE);
  g_assert_true (ui_test_wait_for (nothing_sending, window, 20000));
  g_assert_true (poll_once (window, &error));
  g_assert_no_error (error);
  g_assert_false (tb_header_status_get_offline (status));
  g_assert_cmpstr (provider_text (status), ==, "Simulator");
  g_assert_false (gtk_widget_has_css_class (provider_button, "warning"));

  /* The carrier refuses a send: the badge counts it. */
  g_assert_true (ui_test_wait_next_contact (window, contact_id));
  contact_id = ui_test_current_contact_id (window);
  contact = tb_store_contact_get (tb_session_get_store (session), contact_id, &error);
  g_assert_no_error (error);
  name = tb_contact_dup_display_name (contact);
  g_object_set_data (G_OBJECT (window), "contact-id", GSIZE_TO_POINTER (contact_id));
  tb_simulator_provider_push_send_error (simulator, refusal, FALSE);
  g_assert_true (ui_test_wait_ready (window));
  gtk_widget_activate (ui_test_find_button (GTK_WIDGET (tb_window_get_composer (window)), "Send"));
  g_assert_true (ui_test_wait_for (message_row_exists, window, 10000));
  g_assert_true (ui_test_wait_for (failed_badge_shown, status, 10000));
  g_assert_cmpstr (gtk_label_get_label (first_label (failed_button)), ==, "1");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (failed_button), ==, "1 message failed: show it");

  /* Its popover names the person and the carrier's reason. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (failed_button));
  ui_test_spin ();
  failed_list = tb_header_status_get_failed_list (status);
  row = gtk_list_box_get_row_at_index (failed_list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (failed_list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, name);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "The 'To' number is not a valid phone number");

  /* Enter on the row: the popover closes, that person's conversation
   * shows (in whichever queue they are in now), the composer focused. */
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "failed.show-contact");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==, "Show the conversation");
  g_assert_cmpint (ui_test_current_contact_id (window), !=, contact_id);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (failed_list), GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  g_signal_emit_by_name (failed_list, "activate-cursor-row");
  g_assert_true (ui_test_wait_for (popover_closed, popover, 5000));
  ui_test_spin ();
  g_clear_object (&contact);
  contact = tb_store_contact_get (tb_session_get_store (session), contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_contact_pane_get_queue (pane), ==, tb_contact_get_status (contact));
  assert_shows_contact (window, contact_id);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (tb_window_get_composer (window))));

  /* A contact that is gone: the selection stays (a toast says why). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "x", (gint64) 987654321);
  ui_test_spin ();
  assert_shows_contact (window, contact_id);

  /* Narrow, offline, one failed: the contacts page warns as well. */
  tb_simulator_provider_set_offline (simulator, TRUE);
  g_assert_false (poll_once (window, &error));
  g_clear_error (&error);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  g_assert_true (ui_test_wait_for (leaflet_folded, status, 10000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contacts", NULL);
  ui_test_spin ();
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (GTK_WIDGET (sidebar), ADW_TYPE_LEAFLET));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "contacts");
  g_assert_true (ui_test_wait_for (widget_mapped, sidebar_provider, 5000));
  g_assert_true (tb_header_status_get_alert (sidebar));
  g_assert_true (tb_header_status_get_offline (sidebar));
  g_assert_true (gtk_widget_has_css_class (sidebar_provider, "warning"));
  g_assert_cmpstr (gtk_image_get_icon_name (first_image (sidebar_provider)), ==, "network-offline-symbolic");
  g_assert_cmpstr (provider_text (sidebar), ==, "Simulator · Offline");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (first_label (sidebar_provider))));
  /* Under the header, so the header keeps its width for the campaign. */
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (sidebar), ADW_TYPE_HEADER_BAR));
  /* Both pages fit 360 px with the warning and the badge shown. */
  gtk_widget_measure (GTK_WIDGET (leaflet), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_true (gtk_widget_get_mapped (sidebar_failed));
  g_assert_cmpstr (gtk_label_get_label (first_label (sidebar_failed)), ==, "1");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sidebar_failed), ==, "1 message failed: show it");

  /* Its row works from there: the conversation page comes forward. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (sidebar_failed));
  ui_test_spin ();
  row = gtk_list_box_get_row_at_index (tb_header_status_get_failed_list (sidebar), 0);
  g_assert_nonnull (row);
  gtk_widget_activate (GTK_WIDGET (row));
  ui_test_spin ();
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_POPOVER)));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "conversation");
  assert_shows_contact (window, contact_id);

  /* Narrow: an icon only, still with its accessible name. */
  g_assert_true (gtk_widget_get_visible (provider_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (first_label (provider_button))));
  tb_simulator_provider_set_offline (simulator, FALSE);
  g_assert_true (poll_once (window, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_has_css_class (sidebar_provider, "warning"));
  g_assert_true (tb_header_status_get_alert (sidebar));   /* still one failed */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_assert_true (ui_test_wait_for (leaflet_unfolded, status, 10000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (first_label (provider_button))));
  /* Wide, the contacts page has no second copy. */
  g_assert_true (ui_test_wait_for (widget_unmapped, sidebar, 5000));

  /* Retry All sends it again (the carrier takes it now): the badge goes. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (failed_button));
  ui_test_spin ();
  retry_all = ui_test_find_button (popover, "Retry All");
  g_assert_nonnull (retry_all);
  gtk_widget_activate (retry_all);
  g_assert_true (ui_test_wait_for (failed_badge_gone, status, 10000));
  g_assert_true (failed_badge_gone (sidebar));
  g_assert_false (tb_header_status_get_alert (sidebar));
  g_assert_cmpuint (tb_outbox_get_failed (tb_session_get_outbox (session)), ==, 0);
  /* GTK 4.8 asks for the pointer in an idle after a tooltip changes: let it
   * run while the window still has its surface. */
  ui_test_spin ();
}

/* Every contact of a queue, looked up by id from another queue (so no
 * page is loaded and the pane seeks through the store). */
static void
check_select_by_id (TbApplication *app,
                    TbWindow      *window,
                    gpointer       user_data)
{
  TbContactPane *pane = tb_window_get_contact_pane (window);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *model;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  ui_test_spin ();

  tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  ui_test_spin ();
  model = tb_contact_pane_get_model (pane);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TbContact) contact = g_list_model_get_item (model, i);
      gint64 id = tb_contact_get_id (contact);

      g_array_append_val (ids, id);
    }
  g_assert_cmpuint (ids->len, >=, 3);

  /* The ends, the middle and every 25th (a queue switch rebuilds the
   * list): each from another queue behind a search that hides it. */
  for (guint n = 0; n < ids->len; n++)
    {
      gint64 id = g_array_index (ids, gint64, n);
      gint64 started;
      g_autoptr(TbContact) contact = NULL;
      g_autoptr(GError) error = NULL;

      if (n != 0 && n != 1 && n != ids->len / 2 && n != ids->len - 1 && n % 25 != 0)
        continue;
      contact = tb_store_contact_get (tb_session_get_store (tb_window_get_session (window)), id, &error);
      g_assert_no_error (error);

      tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_CLOSED);
      ui_test_spin ();
      gtk_editable_set_text (GTK_EDITABLE (find_search_entry (GTK_WIDGET (pane))), "zzz-no-such-name");
      ui_test_spin ();
      started = g_get_monotonic_time ();
      g_assert_true (tb_contact_pane_select_contact (pane, contact, &error));
      g_assert_no_error (error);
      g_test_message ("contact %u of %u selected in %.2f ms", n + 1, ids->len,
                      (g_get_monotonic_time () - started) / 1000.0);
      ui_test_spin ();
      g_assert_cmpint (tb_contact_pane_get_queue (pane), ==, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_search_entry (GTK_WIDGET (pane)))), ==, "");
      assert_shows_contact (window, id);
    }
}

static void
test_header_status (void)
{
  ui_test_run_app (FALSE, check_header_status, NULL);
}

static void
test_select_by_id (void)
{
  ui_test_run_app (FALSE, check_select_by_id, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/header-status/simulator-offline-failed", test_header_status);
  g_test_add_func ("/header-status/select-contact-by-id", test_select_by_id);

  return g_test_run ();
}
