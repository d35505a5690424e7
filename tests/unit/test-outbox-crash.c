/* test-outbox-crash.c: a child sending 200 messages is killed (SIGKILL) at
 * random points and restarted; afterwards every press ended accepted or
 * failed, and the fake Twilio (in this process, outliving the children)
 * received each message at most once
 *
 * The seed is printed; TB_CRASH_SEED=N repeats a run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include "tb-fake-twilio.h"
#include "tb-session-test-util.h"

#define N_MESSAGES 200
/* Runs killed at most; the killing stops once a run finishes by itself. */
#define MAX_KILLED_RUNS 60
/* A child presses one message every this many ms, so kills land while
 * presses, requests and answers are all under way. */
#define PRESS_INTERVAL_MS "3"

static GSubprocess *
spawn_child (const char *helper,
             const char *database,
             const char *api_base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = g_strdup_printf ("%u", N_MESSAGES);
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            helper, database, api_base, count, PRESS_INTERVAL_MS, NULL);
  g_assert_no_error (error);
  return child;
}

/* Waits up to timeout_ms for the child to end; TRUE when it did. */
static gboolean
wait_child (GSubprocess *child,
            guint        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  /* GLib reaps children on its worker thread: no main loop needed. */
  while (g_subprocess_get_identifier (child) != NULL)
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_usleep (1000);
    }
  return TRUE;
}

static void
test_crash_restarts (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) sids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = g_dir_make_tmp ("textbank-crash-XXXXXX", &error);
  g_autofree char *database = g_build_filename (dir, "crash.db", NULL);
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "unit", "outbox-crash-helper", NULL);
  const char *seed_env = g_getenv ("TB_CRASH_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : (guint32) g_test_rand_int ();
  guint killed = 0, finished_early = 0;
  guint accepted = 0, failed = 0;

  g_assert_no_error (error);
  g_test_message ("seed %u (TB_CRASH_SEED=%u repeats this run)", seed, seed);
  rand = g_rand_new_with_seed (seed);

  for (guint run = 0; run < MAX_KILLED_RUNS && finished_early == 0; run++)
    {
      g_autoptr(GSubprocess) child = spawn_child (helper, database, tb_fake_twilio_get_base_url (fake));
      guint delay_ms = (guint) g_rand_int_range (rand, 5, 120);

      if (!wait_child (child, delay_ms))
        {
          g_subprocess_send_signal (child, SIGKILL);
          g_assert_true (wait_child (child, 10000));
        }
      if (g_subprocess_get_if_signaled (child))
        {
          g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
          killed++;
        }
      else
        {
          /* It finished before the kill: it must have ended cleanly. */
          g_assert_true (g_subprocess_get_if_exited (child));
          g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
          finished_early++;
        }
    }

  /* The last run is left alone: it reconciles and sends what remains. */
  {
    g_autoptr(GSubprocess) child = spawn_child (helper, database, tb_fake_twilio_get_base_url (fake));

    g_assert_true (wait_child (child, 90000));
    g_assert_true (g_subprocess_get_if_exited (child));
    g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  }

  store = tb_store_open (database, &error);
  g_assert_no_error (error);
  campaigns = tb_store_campaign_list (store, TB_CAMPAIGN_STATE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (campaigns->len, ==, 1);
  contacts = tb_store_contact_page (store, tb_campaign_get_id (g_ptr_array_index (campaigns, 0)),
                                    TB_CONTACT_STATUS_ANY, NULL, 0, N_MESSAGES + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, N_MESSAGES);

  for (guint i = 0; i < contacts->len; i++)
    {
      TbContact *contact = g_ptr_array_index (contacts, i);
      g_autoptr(GPtrArray) thread = tb_store_message_list_for_contact (store, tb_contact_get_id (contact),
                                                                       &error);
      TbMessage *message;

      g_assert_no_error (error);
      /* One press, one row. */
      g_assert_cmpuint (thread->len, ==, 1);
      message = g_ptr_array_index (thread, 0);

      /* At most once at the provider. */
      g_assert_cmpuint (tb_fake_twilio_count_sent_to (fake, tb_contact_get_phone (contact)), <=, 1);

      switch (tb_message_get_state (message))
        {
        case TB_MESSAGE_STATE_ACCEPTED:
          accepted++;
          g_assert_cmpuint (tb_fake_twilio_count_sent_to (fake, tb_contact_get_phone (contact)), ==, 1);
          g_assert_true (g_hash_table_add (sids, g_strdup (tb_message_get_provider_id (message))));
          break;
        case TB_MESSAGE_STATE_FAILED:
          /* Only when the provider never had it, and it says why. */
          failed++;
          g_assert_cmpuint (tb_fake_twilio_count_sent_to (fake, tb_contact_get_phone (contact)), ==, 0);
          g_assert_cmpstr (tb_message_get_error_code (message), ==, "not_received");
          break;
        default:
          g_error ("Message to %s ended %s", tb_contact_get_phone (contact),
                   tb_message_state_to_string (tb_message_get_state (message)));
        }
    }

  /* Every message the fake holds is one of ours, adopted. */
  g_assert_cmpuint (tb_fake_twilio_count_sent_to (fake, NULL), ==, accepted);
  g_test_message ("%u runs killed, %u finished before the kill; %u accepted, %u failed "
                  "(never reached the provider); %u send requests, %u list requests",
                  killed, finished_early, accepted, failed,
                  tb_fake_twilio_count_requests (fake, TB_FAKE_TWILIO_REQUEST_SEND),
                  tb_fake_twilio_count_requests (fake, TB_FAKE_TWILIO_REQUEST_LIST));
  g_assert_cmpuint (accepted + failed, ==, N_MESSAGES);
  g_assert_cmpuint (killed, >=, 3);

  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/crash/restarts", test_crash_restarts);

  return g_test_run ();
}
