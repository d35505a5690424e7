/* test-session-soak.c: a whole simulated shift with accelerated time
 *
 * One texter works the demo campaign (200 people in seven time zones) from
 * 8:00 to 23:00 New York time against the simulator (receipts, replies,
 * STOPs, invalid numbers, landlines), pressing Send whenever the composer
 * allows it, answering replies, with the inbox sync polling. The clock moves
 * by hand, so the 15 hours take a few seconds. Afterwards the promises are
 * checked on every row:
 *   - no message was pressed outside its contact's texting hours;
 *   - no message was pressed to a number after it opted out;
 *   - every press is one row with its texter, and none is left in flight;
 *   - the simulator took exactly the messages we hold as sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-session-test-util.h"
#include "tb-simulator-provider.h"
#include "tb-texting-hours.h"

#define STEP (10 * G_USEC_PER_SEC)
#define POLL_EVERY 3   /* steps */

typedef struct {
  gboolean    done;
  TbInboxSync *sync;
} PollWait;

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PollWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_inbox_sync_poll_finish (TB_INBOX_SYNC (source), result, NULL, &error));
  g_assert_no_error (error);
  wait->done = TRUE;
}

static void
poll_once (TbInboxSync *sync)
{
  PollWait wait = { FALSE, sync };

  tb_inbox_sync_poll_async (sync, NULL, poll_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_shift (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TbStore) store = test_store_new (&dir);
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) start = g_date_time_new (new_york, 2026, 11, 27, 8, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_hours (start, 15);
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;
  TbOutbox *outbox;
  gint64 now = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  gint64 campaign_id, texter_id;
  guint presses = 0, refused_hours = 0, replies = 0, step = 0;
  guint held_by_provider = 0, opted_out = 0;
  gint64 next_after = 0;

  simulator = tb_simulator_provider_new (2026);
  tb_simulator_provider_set_clock (simulator, test_clock, &now, NULL);
  session = tb_session_new (store, TB_PROVIDER (simulator));
  tb_session_set_clock (session, test_clock, &now);
  tb_inbox_sync_set_interval (tb_session_get_inbox_sync (session), 0);
  outbox = tb_session_get_outbox (session);
  tb_session_sign_in_by_name (session, "Soak Tester", &error);
  g_assert_no_error (error);
  texter_id = tb_session_get_texter_id (session);
  campaign_id = tb_session_ensure_demo_campaign (session, &error);
  g_assert_no_error (error);
  tb_session_start (session);

  while (now < g_date_time_to_unix (end) * G_USEC_PER_SEC)
    {
      g_autoptr(TbContact) next = NULL;
      g_autoptr(GPtrArray) needs_reply = NULL;

      /* The composer: the next person needing a first text whose window is
       * open; the ones outside it are skipped for now. */
      next = tb_store_contact_next_first_text (store, campaign_id, next_after, &error);
      g_assert_no_error (error);
      if (next == NULL && next_after != 0)
        {
          next_after = 0;
          next = tb_store_contact_next_first_text (store, campaign_id, 0, &error);
          g_assert_no_error (error);
        }
      if (next != NULL)
        {
          g_autofree char *press = g_strdup_printf ("soak-%u", presses);
          g_autoptr(GError) refused = NULL;

          if (tb_outbox_submit_first_text (outbox, tb_contact_get_id (next), "Hi! Will you vote?",
                                           press, &refused) > 0)
            presses++;
          else
            {
              g_assert_error (refused, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS);
              refused_hours++;
            }
          next_after = tb_contact_get_id (next);
        }

      /* Replies to whoever answered. */
      needs_reply = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_NEEDS_REPLY,
                                           NULL, 0, 5, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < needs_reply->len; i++)
        {
          TbContact *contact = g_ptr_array_index (needs_reply, i);
          g_autofree char *press = g_strdup_printf ("soak-reply-%u", replies);

          if (tb_outbox_submit (outbox, tb_contact_get_id (contact), "Thanks!", press, NULL) > 0)
            replies++;
          else
            tb_store_contact_set_status (store, tb_contact_get_id (contact), TB_CONTACT_STATUS_CLOSED, NULL);
        }

      test_run_until_waiting (outbox);
      if (step++ % POLL_EVERY == 0)
        poll_once (tb_session_get_inbox_sync (session));
      now += STEP;
      tb_outbox_kick (outbox);
      test_run_until_waiting (outbox);
    }

  /* Let the last receipts and retries settle. */
  for (guint i = 0; i < 30; i++)
    {
      now += STEP;
      tb_outbox_kick (outbox);
      test_run_until_waiting (outbox);
      poll_once (tb_session_get_inbox_sync (session));
    }
  g_assert_true (tb_outbox_is_idle (outbox));

  contacts = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      TbContact *contact = g_ptr_array_index (contacts, i);
      g_autoptr(GPtrArray) thread = tb_store_message_list_for_contact (store, tb_contact_get_id (contact), &error);
      gint64 stop_at = 0;

      g_assert_no_error (error);
      if (tb_contact_get_status (contact) == TB_CONTACT_STATUS_OPTED_OUT)
        opted_out++;

      for (guint j = 0; j < thread->len; j++)
        {
          TbMessage *message = g_ptr_array_index (thread, j);
          TbTextingHoursVerdict verdict;
          TbMessageState state = tb_message_get_state (message);

          if (tb_message_get_direction (message) == TB_MESSAGE_DIRECTION_IN)
            {
              if (stop_at == 0 && g_ascii_strcasecmp (tb_message_get_body (message), "STOP") == 0)
                stop_at = tb_message_get_at (message);
              continue;
            }

          /* Promise 6: the texter; promises 3 and 4: nothing left in flight. */
          g_assert_cmpint (tb_message_get_texter_id (message), ==, texter_id);
          g_assert_true (state != TB_MESSAGE_STATE_QUEUED && state != TB_MESSAGE_STATE_SENDING &&
                         state != TB_MESSAGE_STATE_UNKNOWN);
          if (tb_message_get_provider_id (message) != NULL)
            held_by_provider++;

          /* Promise 2: inside the window in every zone of the contact. */
          tb_texting_hours_check (tb_contact_get_time_zone (contact), &window,
                                  tb_message_get_pressed_at (message), &verdict, NULL);
          g_assert_cmpint (verdict.status, ==, TB_TEXTING_HOURS_OPEN);

          /* Promise 1: after a STOP, a press only until the next poll
           * brought the STOP in (the carrier refuses those with 21610). */
          if (stop_at != 0)
            g_assert_cmpint (tb_message_get_pressed_at (message) - stop_at, <=, (POLL_EVERY + 1) * STEP);
        }
    }

  g_test_message ("%u first texts and %u replies pressed, %u presses refused outside hours, "
                  "%u opted out, the simulator holds %u of ours", presses, replies, refused_hours,
                  opted_out, tb_simulator_provider_get_n_sent (simulator));
  g_assert_cmpuint (held_by_provider, ==, tb_simulator_provider_get_n_sent (simulator));
  /* The shift reached everyone: every zone opened at some point. */
  g_assert_cmpuint (presses, ==, TB_SESSION_DEMO_CONTACTS);
  g_assert_cmpuint (refused_hours, >, 0);
  g_assert_cmpuint (replies, >, 0);
  g_assert_cmpuint (opted_out, >, 0);

  g_clear_object (&session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/soak/shift", test_shift);

  return g_test_run ();
}
