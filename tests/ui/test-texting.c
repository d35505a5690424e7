/* test-texting.c: the texting screen, driven like a volunteer drives it
 *
 * Each test runs the real app on its own temporary database (with the demo
 * campaign), signs in, and checks what the screen shows and what the
 * database holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-contact-list-model.h"
#include "tb-provider.h"
#include "tb-message-row.h"
#include "tb-simulator-provider.h"
#include "tb-texting-hours.h"
#include "ui-test-util.h"

static TbStore *
store_of (TbWindow *window)
{
  return tb_session_get_store (tb_window_get_session (window));
}

static GPtrArray *
messages_of (TbWindow *window,
             gint64    contact_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *messages = tb_store_message_list_for_contact (store_of (window), contact_id, &error);

  g_assert_no_error (error);
  return messages;
}

static GtkWidget *
send_button (TbWindow *window)
{
  GtkWidget *button = ui_test_find_button (GTK_WIDGET (tb_window_get_composer (window)), "Send");

  g_assert_nonnull (button);
  return button;
}

typedef struct {
  GListModel *model;
  gint64      contact_id;
  guint       position;
} ContactLookup;

static gboolean
contact_is_listed (gpointer data)
{
  ContactLookup *lookup = data;

  for (guint i = 0; i < g_list_model_get_n_items (lookup->model); i++)
    {
      g_autoptr(TbContact) contact = g_list_model_get_item (lookup->model, i);

      if (tb_contact_get_id (contact) == lookup->contact_id)
        {
          lookup->position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Selects the contact in the pane's current queue, once the queue's model
 * (reloaded after the store's change signals) lists it. */
static void
select_contact (TbWindow *window,
                gint64    contact_id)
{
  ContactLookup lookup = {
    .model = tb_contact_pane_get_model (tb_window_get_contact_pane (window)),
    .contact_id = contact_id,
  };

  g_assert_true (ui_test_wait_for (contact_is_listed, &lookup, 10000));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (lookup.model), lookup.position, TRUE);
  ui_test_spin ();
  g_assert_cmpint (ui_test_current_contact_id (window), ==, contact_id);
}

typedef struct {
  TbWindow *window;
  gint64    contact_id;
} ContactProbe;

/* The press's row is in the database (the press may be handled a frame later). */
static gboolean
message_row_exists (gpointer data)
{
  ContactProbe *probe = data;
  g_autoptr(GPtrArray) messages = messages_of (probe->window, probe->contact_id);

  return messages->len > 0;
}

static void
press_send_and_wait_for_row (TbWindow *window,
                             gint64    contact_id)
{
  ContactProbe probe = { window, contact_id };

  g_assert_true (ui_test_wait_ready (window));
  gtk_widget_activate (send_button (window));
  g_assert_true (ui_test_wait_for (message_row_exists, &probe, 10000));
  ui_test_spin ();
}

/* The pane's count follows the store after a frame or two. */
static gboolean
needs_reply_counted (gpointer data)
{
  return tb_contact_pane_get_count (data, TB_CONTACT_STATUS_NEEDS_REPLY) >= 1;
}

/* The bubbles the thread view shows. */
static guint
count_bubbles (GtkWidget  *widget,
               const char *body)
{
  guint n = 0;

  if (TB_IS_MESSAGE_ROW (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (tb_message_get_body (tb_message_row_get_message (TB_MESSAGE_ROW (widget))), body) == 0)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_bubbles (child, body);

  return n;
}

/* ---- Pick a contact, press Send: the bubble and the row, with the texter ---- */

static void
check_send_shows_bubble_and_row (TbApplication *app,
                                 TbWindow      *window,
                                 gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  TbContactPane *pane = tb_window_get_contact_pane (window);
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *body = NULL;
  TbMessage *message;
  gint64 first_count;
  gint64 contact_id;
  gint64 next_id;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);

  g_assert_cmpint (tb_contact_pane_get_queue (pane), ==, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  first_count = tb_contact_pane_get_count (pane, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  g_assert_cmpint (first_count, ==, TB_SESSION_DEMO_CONTACTS);

  /* Pick the third contact. */
  {
    g_autoptr(TbContact) third = g_list_model_get_item (tb_contact_pane_get_model (pane), 2);

    select_contact (window, tb_contact_get_id (third));
  }
  contact_id = ui_test_current_contact_id (window);
  body = tb_composer_dup_text (tb_window_get_composer (window));
  g_assert_cmpstr (body, !=, "");
  g_assert_null (tb_composer_get_block_reason (tb_window_get_composer (window)));
  g_assert_true (gtk_widget_get_sensitive (send_button (window)));

  gtk_widget_activate (send_button (window));
  g_assert_true (ui_test_wait_next_contact (window, contact_id));

  /* The next contact shows at once. */
  next_id = ui_test_current_contact_id (window);
  g_assert_cmpint (next_id, !=, 0);
  g_assert_cmpint (next_id, !=, contact_id);
  g_assert_true (gtk_widget_get_sensitive (send_button (window)));
  g_assert_cmpint (tb_contact_pane_get_count (pane, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT), ==, first_count - 1);

  /* The row, with its texter. */
  messages = messages_of (window, contact_id);
  g_assert_cmpuint (messages->len, ==, 1);
  message = messages->pdata[0];
  g_assert_cmpstr (tb_message_get_body (message), ==, g_strstrip (body));
  g_assert_cmpint (tb_message_get_direction (message), ==, TB_MESSAGE_DIRECTION_OUT);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, tb_session_get_texter_id (session));
  g_assert_cmpint (tb_message_get_texter_id (message), >, 0);

  /* The bubble, in the Waiting queue where the contact went. */
  tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_WAITING);
  ui_test_spin ();
  select_contact (window, contact_id);
  g_assert_cmpuint (count_bubbles (GTK_WIDGET (tb_window_get_thread_view (window)), body), ==, 1);
}

static void
test_send_shows_bubble_and_row (void)
{
  ui_test_run_app (FALSE, check_send_shows_bubble_and_row, NULL);
}

/* ---- The shown contact's record follows the store, once per change -------- */

static void
count_notifies (GObject    *object,
                GParamSpec *pspec,
                guint      *count)
{
  (*count)++;
}

static void
check_shown_contact_refresh (TbApplication *app,
                             TbWindow      *window,
                             gpointer       user_data)
{
  TbComposer *composer = tb_window_get_composer (window);
  TbStore *store = tb_session_get_store (tb_window_get_session (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) shown = NULL;
  gint64 tag_id;
  guint contact_notifies = 0;
  gint64 contact_id;
  gint64 next_id;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  contact_id = ui_test_current_contact_id (window);
  g_signal_connect (composer, "notify::contact", G_CALLBACK (count_notifies), &contact_notifies);

  /* A send changes the sent contact's record and shows the next contact:
   * the composer is given the next one only, not first the sent one's
   * new record (that work would delay the next contact's frame). */
  gtk_widget_activate (send_button (window));
  g_assert_true (ui_test_wait_next_contact (window, contact_id));
  ui_test_spin ();
  g_assert_cmpuint (contact_notifies, ==, 1);

  /* A change to the shown contact from elsewhere (a tag added at another
   * workstation) reaches the composer once the main loop runs. */
  next_id = ui_test_current_contact_id (window);
  shown = g_object_ref (tb_composer_get_contact (composer));
  tag_id = tb_store_tag_ensure (store, "Volunteer", &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_contact_tag_add (store, next_id, tag_id, 0, &error));
  g_assert_no_error (error);
  ui_test_spin ();
  g_assert_cmpuint (contact_notifies, ==, 2);
  g_assert_cmpint (ui_test_current_contact_id (window), ==, next_id);
  g_assert_true (tb_composer_get_contact (composer) != shown);

  g_signal_handlers_disconnect_by_func (composer, count_notifies, &contact_notifies);
}

static void
test_shown_contact_refresh (void)
{
  ui_test_run_app (FALSE, check_shown_contact_refresh, NULL);
}

/* ---- Auto-repeated Ctrl+Enter sends once ---------------------------------- */

static void
check_auto_repeat_sends_once (TbApplication *app,
                              TbWindow      *window,
                              gpointer       user_data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 contact_id;
  gint64 next_id;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  contact_id = ui_test_current_contact_id (window);

  /* The text view has the focus, as when a volunteer edits the message. */
  tb_composer_focus_text (tb_window_get_composer (window));

  /* The press alone sends nothing: Send acts on release. */
  g_assert_true (ui_test_key_press (window, GDK_KEY_Return, GDK_CONTROL_MASK));
  ui_test_spin ();
  g_assert_cmpint (ui_test_current_contact_id (window), ==, contact_id);
  first = messages_of (window, contact_id);
  g_assert_cmpuint (first->len, ==, 0);
  g_clear_pointer (&first, g_ptr_array_unref);

  /* Thirty auto-repeats, then the release. */
  for (guint i = 0; i < 30; i++)
    {
      g_assert_true (ui_test_key_press (window, GDK_KEY_Return, GDK_CONTROL_MASK));
      ui_test_spin ();
    }
  ui_test_key_release (window, GDK_KEY_Return, GDK_CONTROL_MASK);
  ui_test_spin ();

  next_id = ui_test_current_contact_id (window);
  g_assert_cmpint (next_id, !=, contact_id);
  first = messages_of (window, contact_id);
  second = messages_of (window, next_id);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpuint (second->len, ==, 0);
  g_assert_cmpint (tb_contact_pane_get_count (tb_window_get_contact_pane (window),
                                              TB_CONTACT_STATUS_NEEDS_FIRST_TEXT),
                   ==, TB_SESSION_DEMO_CONTACTS - 1);

  /* No newline went into the message. */
  {
    g_autoptr(GPtrArray) sent = messages_of (window, contact_id);

    g_assert_null (strchr (tb_message_get_body (sent->pdata[0]), '\n'));
  }
}

static void
test_auto_repeat_sends_once (void)
{
  ui_test_run_app (FALSE, check_auto_repeat_sends_once, NULL);
}

/* ---- Outside texting hours: Send is disabled and says why ----------------- */

static void
check_outside_hours (TbApplication *app,
                     TbWindow      *window,
                     gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GDateTime) now = NULL;
  TbSession *session = tb_window_get_session (window);
  TbComposer *composer = tb_window_get_composer (window);
  TbContact *contact;
  const char *reason;
  int minute;
  int start, end;
  gint64 contact_id;

  ui_test_sign_in (window, "Sam Texter");
  contact = tb_composer_get_contact (composer);
  contact_id = tb_contact_get_id (contact);

  /* A window that excludes now in the contact's zones: the evening when it
   * is morning there, the small hours when it is afternoon or later. */
  {
    g_auto(GStrv) zones = tb_time_zones_expand (tb_contact_get_time_zone (contact));
    g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[0]);

    now = g_date_time_new_now (zone);
    minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  }
  if (minute >= 12 * 60)
    start = 60, end = 120;
  else
    start = 22 * 60, end = 23 * 60;
  g_assert_true (tb_store_campaign_update (tb_session_get_store (session),
                                           tb_session_get_campaign_id (session),
                                           NULL, NULL, NULL, start, end, &error));
  g_assert_no_error (error);
  ui_test_spin ();
  tb_composer_refresh (composer);

  g_assert_false (gtk_widget_get_sensitive (send_button (window)));
  reason = tb_composer_get_block_reason (composer);
  g_assert_nonnull (reason);
  g_assert_true (strstr (reason, "Outside texting hours") != NULL);
  g_assert_true (strstr (reason, "opens") != NULL);

  /* Neither the keys nor the button send. */
  ui_test_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, 0);
  gtk_widget_activate (send_button (window));
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL);
  ui_test_spin ();

  g_assert_cmpint (ui_test_current_contact_id (window), ==, contact_id);
  messages = messages_of (window, contact_id);
  g_assert_cmpuint (messages->len, ==, 0);
}

static void
test_outside_hours (void)
{
  ui_test_run_app (FALSE, check_outside_hours, NULL);
}

/* ---- Opt out ------------------------------------------------------------- */

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static void
check_opt_out (TbApplication *app,
               TbWindow      *window,
               gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) after = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *phone = NULL;
  TbContactPane *pane = tb_window_get_contact_pane (window);
  TbComposer *composer = tb_window_get_composer (window);
  AdwMessageDialog *dialog;
  gint64 contact_id;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  contact_id = ui_test_current_contact_id (window);
  phone = g_strdup (tb_contact_get_phone (tb_composer_get_contact (composer)));

  /* Cancel changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.opt-out", NULL);
  g_assert_true (ui_test_wait_for (dialog_shown, NULL, 2000));
  adw_message_dialog_response (find_dialog (), "cancel");
  ui_test_spin ();
  g_assert_false (tb_store_is_opted_out (store_of (window), phone, &error));
  g_assert_cmpint (ui_test_current_contact_id (window), ==, contact_id);

  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.opt-out", NULL);
  g_assert_true (ui_test_wait_for (dialog_shown, NULL, 2000));
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "opt-out");
  ui_test_spin ();

  g_assert_true (tb_store_is_opted_out (store_of (window), phone, &error));
  g_assert_no_error (error);
  after = tb_store_contact_get (store_of (window), contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_contact_get_status (after), ==, TB_CONTACT_STATUS_OPTED_OUT);
  g_assert_cmpint (tb_contact_pane_get_count (pane, TB_CONTACT_STATUS_OPTED_OUT), ==, 1);

  /* The conversation closed: the next contact shows. */
  g_assert_cmpint (ui_test_current_contact_id (window), !=, contact_id);

  /* In the Opted out queue Send is disabled and the composer says why. */
  tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_OPTED_OUT);
  ui_test_spin ();
  g_assert_cmpint (ui_test_current_contact_id (window), ==, contact_id);
  g_assert_false (gtk_widget_get_sensitive (send_button (window)));
  g_assert_nonnull (tb_composer_get_block_reason (composer));
  g_assert_true (strstr (tb_composer_get_block_reason (composer), "opted out") != NULL);

  tb_composer_set_text (composer, "Are you sure?");
  ui_test_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, 0);
  ui_test_spin ();
  messages = messages_of (window, contact_id);
  g_assert_cmpuint (messages->len, ==, 0);
}

static void
test_opt_out (void)
{
  ui_test_run_app (FALSE, check_opt_out, NULL);
}

/* ---- A simulated reply shows up in Needs reply ---------------------------- */

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} PollData;

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PollData *poll = user_data;

  poll->ok = tb_inbox_sync_poll_finish (TB_INBOX_SYNC (source), result, NULL, &poll->error);
  poll->done = TRUE;
}

static gboolean
poll_done (gpointer data)
{
  return ((PollData *) data)->done;
}

static void
check_reply_in_needs_reply (TbApplication *app,
                            TbWindow      *window,
                            gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  TbContactPane *pane = tb_window_get_contact_pane (window);
  TbProvider *provider = tb_session_get_provider (session);
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *provider_id = NULL;
  const char *reply = "Yes, count me in for Saturday!";
  PollData poll = { 0 };
  gint64 contact_id;
  GListModel *model;
  gboolean found = FALSE;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  contact_id = ui_test_current_contact_id (window);
  phone = g_strdup (tb_contact_get_phone (tb_composer_get_contact (tb_window_get_composer (window))));
  press_send_and_wait_for_row (window, contact_id);

  g_assert_true (TB_IS_SIMULATOR_PROVIDER (provider));
  campaign = tb_store_campaign_get (store_of (window), tb_session_get_campaign_id (session), &error);
  g_assert_no_error (error);
  provider_id = tb_simulator_provider_inject_inbound (TB_SIMULATOR_PROVIDER (provider), phone,
                                                      tb_campaign_get_sender (campaign), reply);
  g_assert_nonnull (provider_id);

  tb_inbox_sync_poll_async (tb_session_get_inbox_sync (session), NULL, on_polled, &poll);
  g_assert_true (ui_test_wait_for (poll_done, &poll, 10000));
  g_assert_no_error (poll.error);
  g_assert_true (poll.ok);
  g_assert_true (ui_test_wait_for (needs_reply_counted, pane, 10000));

  g_assert_cmpint (tb_contact_pane_get_count (pane, TB_CONTACT_STATUS_NEEDS_REPLY), >=, 1);
  tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_NEEDS_REPLY);
  ui_test_spin ();

  model = tb_contact_pane_get_model (pane);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TbContact) contact = g_list_model_get_item (model, i);

      if (tb_contact_get_id (contact) == contact_id)
        found = TRUE;
    }
  g_assert_true (found);

  select_contact (window, contact_id);
  g_assert_cmpuint (count_bubbles (GTK_WIDGET (tb_window_get_thread_view (window)), reply), ==, 1);
}

static void
test_reply_in_needs_reply (void)
{
  ui_test_run_app (FALSE, check_reply_in_needs_reply, NULL);
}

/* ---- The keyboard alone: from the start to ten sends ---------------------- */

static void
check_keyboard_only (TbApplication *app,
                     TbWindow      *window,
                     gpointer       user_data)
{
  g_autoptr(GHashTable) texted = g_hash_table_new (g_int64_hash, g_int64_equal);
  TbSession *session = tb_window_get_session (window);
  TbContactPane *pane = tb_window_get_contact_pane (window);
  GtkWidget *focus;
  GtkEditable *name_entry = NULL;

  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");

  /* The name entry has the focus at start (else Tab reaches it): type,
   * press Enter. */
  for (guint i = 0; i < 10 && name_entry == NULL; i++)
    {
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus != NULL && GTK_IS_TEXT (focus))
        name_entry = GTK_EDITABLE (focus);
      else
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    }
  g_assert_nonnull (name_entry);
  gtk_editable_set_text (name_entry, "Kim Keys");
  g_signal_emit_by_name (name_entry, "activate");
  ui_test_spin ();
  g_assert_cmpstr (tb_window_get_page (window), ==, "texting");
  g_assert_cmpstr (tb_session_get_texter_name (session), ==, "Kim Keys");

  ui_test_open_all_day (window);

  /* Digits pick canned replies when the message does not have the focus... */
  gtk_widget_grab_focus (GTK_WIDGET (tb_window_get_contact_pane (window)));
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  {
    g_autofree char *before = tb_composer_dup_text (tb_window_get_composer (window));
    g_autofree char *after = NULL;

    g_assert_true (ui_test_key_press (window, GDK_KEY_1, 0));
    ui_test_key_release (window, GDK_KEY_1, 0);
    after = tb_composer_dup_text (tb_window_get_composer (window));
    g_assert_cmpstr (after, !=, before);
    g_assert_cmpstr (after, !=, "");
    /* ...and are plain text when it does. */
    tb_composer_focus_text (tb_window_get_composer (window));
    g_assert_false (ui_test_key_press (window, GDK_KEY_2, 0));
    ui_test_key_release (window, GDK_KEY_2, 0);
  }

  for (guint i = 0; i < 10; i++)
    {
      gint64 contact_id = ui_test_current_contact_id (window);

      g_assert_cmpint (contact_id, >, 0);
      g_assert_true (g_hash_table_add (texted, g_memdup2 (&contact_id, sizeof contact_id)));
      ui_test_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, i % 3);
      g_assert_true (ui_test_wait_next_contact (window, contact_id));
    }

  g_assert_cmpint (tb_contact_pane_get_count (pane, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT),
                   ==, TB_SESSION_DEMO_CONTACTS - 10);

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, texted);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autoptr(GPtrArray) messages = messages_of (window, *(gint64 *) key);

        g_assert_cmpuint (messages->len, ==, 1);
        g_assert_cmpint (tb_message_get_texter_id (messages->pdata[0]), ==,
                         tb_session_get_texter_id (session));
        g_free (key);
      }
  }

  /* Skip (Ctrl+Y) and next/previous (Ctrl+. and Ctrl+,) move without sending. */
  {
    gint64 before = ui_test_current_contact_id (window);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.skip", NULL);
    ui_test_spin ();
    g_assert_cmpint (ui_test_current_contact_id (window), !=, before);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-contact", NULL);
    ui_test_spin ();
    g_assert_cmpint (ui_test_current_contact_id (window), ==, before);
    g_assert_cmpint (tb_contact_pane_get_count (pane, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT),
                     ==, TB_SESSION_DEMO_CONTACTS - 10);
  }
}

static void
test_keyboard_only (void)
{
  ui_test_run_app (FALSE, check_keyboard_only, NULL);
}

/* ---- A provider error becomes a toast with Retry -------------------------- */

static gboolean
retry_toast_shown (gpointer data)
{
  return ui_test_find_button (GTK_WIDGET (data), "Retry") != NULL;
}

static gboolean
message_not_failed (gpointer data)
{
  TbWindow *window = g_object_get_data (G_OBJECT (data), "window");
  gint64 message_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (data), "message-id"));
  g_autoptr(TbMessage) message = tb_store_message_get (store_of (window), message_id, NULL);

  return message != NULL && tb_message_get_state (message) != TB_MESSAGE_STATE_FAILED;
}

static gboolean
message_failed (gpointer data)
{
  return !message_not_failed (data);
}

static void
check_send_error_toast (TbApplication *app,
                        TbWindow      *window,
                        gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  g_autoptr(GError) refusal = g_error_new_literal (TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TWILIO_INVALID_TO,
                                                   "The 'To' number is not a valid phone number");
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
  GtkWidget *retry;
  gint64 contact_id;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  contact_id = ui_test_current_contact_id (window);

  tb_simulator_provider_push_send_error (TB_SIMULATOR_PROVIDER (tb_session_get_provider (session)),
                                         refusal, FALSE);
  press_send_and_wait_for_row (window, contact_id);

  messages = messages_of (window, contact_id);
  g_assert_cmpuint (messages->len, ==, 1);
  g_object_set_data (probe, "window", window);
  g_object_set_data (probe, "message-id", GSIZE_TO_POINTER (tb_message_get_id (messages->pdata[0])));

  /* The failure shows as a toast that names the person and the reason. */
  g_assert_true (ui_test_wait_for (message_failed, probe, 10000));
  g_assert_true (ui_test_wait_for (retry_toast_shown, window, 5000));
  g_assert_cmpuint (tb_outbox_get_failed (tb_session_get_outbox (session)), >=, 1);

  /* Its Retry sends the same message again. */
  retry = ui_test_find_button (GTK_WIDGET (window), "Retry");
  gtk_widget_activate (retry);
  g_assert_true (ui_test_wait_for (message_not_failed, probe, 10000));
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = messages_of (window, contact_id);
  g_assert_cmpuint (messages->len, ==, 1);
}

static void
test_send_error_toast (void)
{
  ui_test_run_app (FALSE, check_send_error_toast, NULL);
}

/* ---- Two-step send asks for a second press -------------------------------- */

static void
check_two_step (TbApplication *app,
                TbWindow      *window,
                gpointer       user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) messages = NULL;
  TbSendGuard *guard = tb_composer_get_send_guard (tb_window_get_composer (window));
  gint64 contact_id;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  g_settings_set_boolean (settings, "two-step-send", TRUE);
  ui_test_spin ();
  g_assert_true (tb_send_guard_get_two_step (guard));
  contact_id = ui_test_current_contact_id (window);

  ui_test_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, 3);
  ui_test_spin ();
  g_assert_true (tb_send_guard_get_confirming (guard));
  g_assert_cmpint (ui_test_current_contact_id (window), ==, contact_id);
  messages = messages_of (window, contact_id);
  g_assert_cmpuint (messages->len, ==, 0);
  g_clear_pointer (&messages, g_ptr_array_unref);

  ui_test_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, 3);
  ui_test_spin ();
  g_assert_cmpint (ui_test_current_contact_id (window), !=, contact_id);
  messages = messages_of (window, contact_id);
  g_assert_cmpuint (messages->len, ==, 1);

  g_settings_reset (settings, "two-step-send");
}

static void
test_two_step (void)
{
  ui_test_run_app (FALSE, check_two_step, NULL);
}

/* ---- Empty queues and empty campaigns say what to do next ---------------- */

static void
check_empty_states (TbApplication *app,
                    TbWindow      *window,
                    gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  TbSession *session = tb_window_get_session (window);
  TbContactPane *pane = tb_window_get_contact_pane (window);
  gint64 empty_campaign;

  ui_test_sign_in (window, "Sam Texter");

  /* Nobody has replied yet. */
  tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_NEEDS_REPLY);
  ui_test_spin ();
  g_assert_null (tb_composer_get_contact (tb_window_get_composer (window)));
  g_assert_cmpstr (tb_contact_pane_get_empty_title (pane), ==, "No replies to answer");
  g_assert_nonnull (tb_contact_pane_get_empty_description (pane));

  /* A campaign with no contacts says to import some. */
  empty_campaign = tb_store_campaign_create (store_of (window), "Empty drive", "", "+15125550100",
                                             FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (tb_session_open_campaign (session, empty_campaign, &error));
  g_assert_no_error (error);
  ui_test_spin ();
  tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  ui_test_spin ();
  g_assert_null (tb_composer_get_contact (tb_window_get_composer (window)));
  g_assert_cmpstr (tb_contact_pane_get_empty_title (pane), ==, "No contacts yet");
  g_assert_true (strstr (tb_contact_pane_get_empty_description (pane), "Import") != NULL);
}

static void
test_empty_states (void)
{
  ui_test_run_app (FALSE, check_empty_states, NULL);
}

/* ---- Preferences: two-step send and the style ------------------------------ */

static gboolean
preferences_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(GtkWindow **) data = window;
          return TRUE;
        }
    }

  return FALSE;
}

static GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_preferences (TbApplication *app,
                   TbWindow      *window,
                   gpointer       user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *prefs = NULL;
  GtkWidget *two_step;
  AdwComboRow *style;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (ui_test_wait_for (preferences_shown, &prefs, 3000));

  two_step = find_widget_of_type (GTK_WIDGET (prefs), GTK_TYPE_SWITCH);
  g_assert_nonnull (two_step);
  g_assert_false (g_settings_get_boolean (settings, "two-step-send"));
  gtk_switch_set_active (GTK_SWITCH (two_step), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "two-step-send"));
  g_assert_true (tb_send_guard_get_two_step (tb_composer_get_send_guard (tb_window_get_composer (window))));
  gtk_switch_set_active (GTK_SWITCH (two_step), FALSE);

  style = ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (style);
  adw_combo_row_set_selected (style, 2);
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  adw_combo_row_set_selected (style, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (prefs);
  ui_test_spin ();
}

static void
test_preferences (void)
{
  ui_test_run_app (FALSE, check_preferences, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/texting/send-shows-bubble-and-row", test_send_shows_bubble_and_row);
  g_test_add_func ("/texting/shown-contact-refresh", test_shown_contact_refresh);
  g_test_add_func ("/texting/auto-repeat-sends-once", test_auto_repeat_sends_once);
  g_test_add_func ("/texting/outside-hours", test_outside_hours);
  g_test_add_func ("/texting/opt-out", test_opt_out);
  g_test_add_func ("/texting/reply-in-needs-reply", test_reply_in_needs_reply);
  g_test_add_func ("/texting/keyboard-only", test_keyboard_only);
  g_test_add_func ("/texting/send-error-toast", test_send_error_toast);
  g_test_add_func ("/texting/two-step-send", test_two_step);
  g_test_add_func ("/texting/empty-states", test_empty_states);
  g_test_add_func ("/texting/preferences", test_preferences);

  return g_test_run ();
}
