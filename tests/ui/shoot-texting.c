/* shoot-texting.c: drives the real app into a state and takes a screenshot
 *
 *   shoot-texting SCENE OUT.png [WIDTH HEIGHT]
 *
 * Run under Xvfb with a screen of WIDTH x HEIGHT (build-aux/screenshots.sh
 * does). SCENE: sign-in, first-run, first-text, conversation, outside-hours,
 * opted-out, dark, narrow, header-status (offline, with a failed message). The app runs on a fresh demo database in a temporary folder;
 * the screenshot is the X root window, taken with ImageMagick's import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-simulator-provider.h"
#include "tb-texting-hours.h"
#include "ui-test-util.h"

static UiShot shot = { NULL, NULL, 1280, 800 };

static void
send_current (TbWindow *window)
{
  ui_test_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, 0);
  ui_test_spin ();
}

static void
inject_reply (TbWindow   *window,
              TbContact  *contact,
              const char *body)
{
  TbSession *session = tb_window_get_session (window);
  g_autoptr(TbCampaign) campaign = tb_store_campaign_get (tb_session_get_store (session),
                                                          tb_session_get_campaign_id (session), NULL);
  g_autofree char *id = tb_simulator_provider_inject_inbound (TB_SIMULATOR_PROVIDER (tb_session_get_provider (session)),
                                                              tb_contact_get_phone (contact),
                                                              tb_campaign_get_sender (campaign), body);

  ui_test_poll_once (session);
}

static void
select_in_queue (TbWindow        *window,
                 TbContactStatus  queue,
                 gint64           contact_id)
{
  TbContactPane *pane = tb_window_get_contact_pane (window);
  GListModel *model;

  tb_contact_pane_set_queue (pane, queue);
  ui_test_spin ();
  model = tb_contact_pane_get_model (pane);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TbContact) contact = g_list_model_get_item (model, i);

      if (tb_contact_get_id (contact) == contact_id)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
    }
  ui_test_spin ();
}

static gboolean
outbox_idle (gpointer data)
{
  return tb_outbox_is_idle (tb_session_get_outbox (tb_window_get_session (data)));
}

/* A conversation with a few turns, its answers and a tag. */
static gint64
build_conversation (TbWindow *window)
{
  TbSession *session = tb_window_get_session (window);
  TbComposer *composer = tb_window_get_composer (window);
  TbStore *store = tb_session_get_store (session);
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  gint64 contact_id;
  gint64 tag_id;

  /* A few first texts, so the queues have numbers. */
  for (guint i = 0; i < 6; i++)
    send_current (window);

  /* The simulated carrier refuses a few numbers: pick one it takes. */
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autoptr(GPtrArray) messages = NULL;

      g_clear_object (&contact);
      contact = g_object_ref (tb_composer_get_contact (composer));
      contact_id = tb_contact_get_id (contact);
      send_current (window);
      ui_test_wait_for (outbox_idle, window, 20000);
      messages = tb_store_message_list_for_contact (store, contact_id, NULL);
      if (messages != NULL && messages->len == 1 &&
          tb_message_get_state (messages->pdata[0]) != TB_MESSAGE_STATE_FAILED)
        break;
    }
  for (guint i = 0; i < 3; i++)
    send_current (window);

  ui_test_wait_ms (1500);
  inject_reply (window, contact, "Hi! Yes, I got your message. What time does the canvass start on Saturday?");

  select_in_queue (window, TB_CONTACT_STATUS_NEEDS_REPLY, contact_id);
  tb_composer_pick_canned_reply (composer, 0);
  ui_test_spin ();
  send_current (window);
  ui_test_wait_ms (1500);
  inject_reply (window, contact, "Great, I can do 10 to 2. Should I bring anything?");

  questions = tb_store_question_list (store, tb_session_get_campaign_id (session), NULL);
  if (questions != NULL && questions->len > 0)
    {
      TbSurveyQuestion *question = questions->pdata[0];

      if (question->answers->len > 0)
        tb_store_response_set (store, contact_id, question->id,
                               ((TbSurveyAnswer *) question->answers->pdata[0])->id,
                               tb_session_get_texter_id (session), NULL);
    }
  tag_id = tb_store_tag_ensure (store, "Volunteer", NULL);
  tb_store_contact_tag_add (store, contact_id, tag_id, tb_session_get_texter_id (session), NULL);
  tb_store_tag_ensure (store, "Needs ride", NULL);

  /* Let the carrier deliver, and the sync notice it. */
  for (guint i = 0; i < 4; i++)
    {
      ui_test_wait_ms (2500);
      ui_test_poll_once (session);
    }

  select_in_queue (window, TB_CONTACT_STATUS_NEEDS_REPLY, contact_id);
  if (tb_composer_get_contact (composer) == NULL ||
      tb_contact_get_id (tb_composer_get_contact (composer)) != contact_id)
    select_in_queue (window, TB_CONTACT_STATUS_WAITING, contact_id);
  tb_composer_set_text (composer, "Just comfortable shoes and water. We'll have maps and clipboards for everyone. See you Saturday!");

  return contact_id;
}

static void
set_hours_excluding_now (TbWindow *window)
{
  TbSession *session = tb_window_get_session (window);
  TbContact *contact = tb_composer_get_contact (tb_window_get_composer (window));
  g_auto(GStrv) zones = tb_time_zones_expand (tb_contact_get_time_zone (contact));
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[0]);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  int minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  int start = minute >= 9 * 60 ? (minute >= 21 * 60 ? 9 * 60 : 0) : 9 * 60;
  int end = minute >= 9 * 60 && minute < 21 * 60 ? MAX (minute - 30, 60) : 21 * 60;

  if (start >= end)
    start = 0, end = 60;
  tb_store_campaign_update (tb_session_get_store (session), tb_session_get_campaign_id (session),
                            NULL, NULL, NULL, start, end, NULL);
  ui_test_spin ();
  tb_composer_refresh (tb_window_get_composer (window));
}

static gboolean
has_toast (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_toast (child))
      return TRUE;
  return FALSE;
}

static gboolean
no_toast (gpointer data)
{
  return !has_toast (data);
}

static void
take_screenshot (void)
{
  ui_test_take_screenshot (&shot, 600);
}

static void
shoot (TbApplication *app,
       TbWindow      *window,
       gpointer       user_data)
{
  TbComposer *composer = tb_window_get_composer (window);

  gtk_window_set_default_size (GTK_WINDOW (window), shot.width, shot.height);
  ui_test_spin ();

  if (g_str_equal (shot.scene, "first-run"))
    {
      /* A new database: nobody to pick, no admin passphrase yet. */
      tb_sign_in_page_reload (tb_window_get_sign_in_page (window));
      take_screenshot ();
      return;
    }
  if (g_str_equal (shot.scene, "sign-in"))
    {
      TbSession *session = tb_window_get_session (window);

      tb_access_set_admin_passphrase (tb_session_get_access (session), "correct horse battery", NULL);
      tb_store_texter_add (tb_session_get_store (session), "Sam Rivera", NULL, FALSE, NULL);
      tb_store_texter_add (tb_session_get_store (session), "Jordan Lee", NULL, FALSE, NULL);
      tb_sign_in_page_reload (tb_window_get_sign_in_page (window));
      take_screenshot ();
      return;
    }

  ui_test_sign_in (window, "Sam Rivera");
  ui_test_open_all_day (window);

  if (g_str_equal (shot.scene, "first-text"))
    {
      for (guint i = 0; i < 12; i++)
        send_current (window);
    }
  else if (g_str_equal (shot.scene, "conversation") || g_str_equal (shot.scene, "dark"))
    {
      build_conversation (window);
      tb_thread_view_set_show_details (tb_window_get_thread_view (window), TRUE);
    }
  else if (g_str_equal (shot.scene, "narrow"))
    {
      build_conversation (window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contacts", NULL);
      g_signal_emit_by_name (tb_window_get_contact_pane (window), "contact-activated");
    }
  else if (g_str_equal (shot.scene, "header-status") || g_str_equal (shot.scene, "failed-contact"))
    {
      TbSession *session = tb_window_get_session (window);
      TbSimulatorProvider *simulator = TB_SIMULATOR_PROVIDER (tb_session_get_provider (session));
      g_autoptr(GError) refusal = g_error_new_literal (TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TWILIO_INVALID_TO,
                                                       "The 'To' number is not a valid phone number");

      for (guint i = 0; i < 3; i++)
        send_current (window);
      tb_simulator_provider_push_send_error (simulator, refusal, FALSE);
      send_current (window);
      ui_test_wait_for (outbox_idle, window, 20000);
      tb_simulator_provider_set_offline (simulator, TRUE);
      ui_test_poll_once (session);
      ui_test_wait_for (no_toast, window, 12000);
      if (g_str_equal (shot.scene, "failed-contact"))
        {
          /* The failed popover's row, as a click on it: the popover closes
           * and that person's conversation shows. */
          TbHeaderStatus *status = tb_window_get_header_status (window);
          GtkListBoxRow *row;

          if (!gtk_widget_get_mapped (GTK_WIDGET (status)))
            status = tb_window_get_sidebar_status (window);
          gtk_menu_button_popup (tb_header_status_get_failed_button (status));
          ui_test_spin ();
          row = gtk_list_box_get_row_at_index (tb_header_status_get_failed_list (status), 0);
          if (row != NULL)
            gtk_widget_activate (GTK_WIDGET (row));
          ui_test_wait_ms (400);
        }
      /* No popover: under Xvfb without a compositor its shadow turns black. */
      take_screenshot ();
      return;
    }
  else if (g_str_equal (shot.scene, "shortcuts"))
    {
      send_current (window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
      ui_test_wait_ms (600);
      take_screenshot ();
      return;
    }
  else if (g_str_equal (shot.scene, "outside-hours"))
    {
      for (guint i = 0; i < 4; i++)
        send_current (window);
      ui_test_wait_for (outbox_idle, window, 20000);
      set_hours_excluding_now (window);
    }
  else if (g_str_equal (shot.scene, "opted-out"))
    {
      gint64 contact_id;

      for (guint i = 0; i < 3; i++)
        send_current (window);
      contact_id = ui_test_current_contact_id (window);
      send_current (window);
      ui_test_wait_for (outbox_idle, window, 20000);
      ui_test_wait_ms (1200);
      inject_reply (window, tb_store_contact_get (tb_session_get_store (tb_window_get_session (window)),
                                                  contact_id, NULL),
                    "STOP");
      select_in_queue (window, TB_CONTACT_STATUS_OPTED_OUT, contact_id);
    }

  ui_test_spin ();
  (void) composer;
  /* A toast from an earlier simulated failure would hide the composer. */
  ui_test_wait_for (no_toast, window, 12000);
  take_screenshot ();
}

int
main (int   argc,
      char *argv[])
{
  return ui_test_shoot_main (argc, argv, &shot, shoot);
}
