/* test-outbox.c: the Send press and the send state machine, with the
 * simulator and a real SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-io-count.h"
#include "tb-outbox-fixture.h"
#include "tb-simulator-provider.h"
#include "tb-twilio-provider.h"

#include <sqlite3.h>

#include "tb-outbox-private.h"
#include "tb-store-private.h"

#define SENDER "+15005550006"
#define N_CONTACTS 4
/* 2026-11-27 15:00 UTC: 10:00 in New York. */
#define MORNING_NY G_GINT64_CONSTANT (1795791600000000)

typedef struct {
  TbTestOutbox         base;
  TbSimulatorProvider *simulator;
  GPtrArray           *states_seen;   /* of TbMessageState, by message-changed */
} Fixture;

static void
on_message_changed (TbOutbox *outbox,
                    gint64    message_id,
                    Fixture  *fixture)
{
  g_ptr_array_add (fixture->states_seen,
                   GINT_TO_POINTER (test_message_state (fixture->base.store, message_id)));
}

static void
make_session (Fixture *fixture)
{
  tb_test_outbox_start_session (&fixture->base, TB_PROVIDER (fixture->simulator));
  g_signal_connect (fixture->base.outbox, "message-changed", G_CALLBACK (on_message_changed), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tb_test_outbox_init (&fixture->base, MORNING_NY, SENDER, 9 * 60, 21 * 60, N_CONTACTS);
  fixture->simulator = tb_simulator_provider_new (42);
  tb_simulator_provider_set_clock (fixture->simulator, test_clock, &fixture->base.now, NULL);
  fixture->states_seen = g_ptr_array_new ();
  make_session (fixture);
  tb_test_outbox_sign_in (&fixture->base, "Ada");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tb_test_outbox_clear (&fixture->base);
  g_clear_object (&fixture->simulator);
  g_clear_pointer (&fixture->states_seen, g_ptr_array_unref);
}

/* The next send fails with this error; still_stored: the carrier took it
 * all the same. */
static void
push_send_error (Fixture             *fixture,
                 int                  code,
                 TbProviderErrorKind  kind,
                 guint                http_status,
                 gboolean             still_stored,
                 const char          *message)
{
  g_autoptr(GError) fault = tb_provider_error_new (code, kind, http_status, 0, "%s", message);

  tb_simulator_provider_push_send_error (fixture->simulator, fault, still_stored);
}

static void
test_submit_accepted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  id = tb_test_outbox_submit (&fixture->base, 0, "Hello there", "press-1");
  g_assert_cmpint (id, >, 0);

  /* The press returns before any network work: the row is queued. */
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, tb_session_get_texter_id (fixture->base.session));
  g_assert_cmpint (tb_message_get_pressed_at (message), ==, fixture->base.now);
  g_assert_cmpuint (tb_outbox_get_sending (fixture->base.outbox), ==, 1);
  g_clear_object (&message);

  tb_test_outbox_run_until_idle (&fixture->base);
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_true (g_str_has_prefix (tb_message_get_provider_id (message), "SM"));
  g_assert_cmpstr (tb_message_get_provider (message), ==, "simulator");
  g_assert_cmpstr (tb_message_get_our_phone (message), ==, SENDER);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, tb_session_get_texter_id (fixture->base.session));

  /* sending was committed before the request, accepted after. */
  g_assert_cmpuint (fixture->states_seen->len, ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (fixture->states_seen->pdata[0]), ==, TB_MESSAGE_STATE_SENDING);
  g_assert_cmpint (GPOINTER_TO_INT (fixture->states_seen->pdata[1]), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_outbox_get_sending (fixture->base.outbox), ==, 0);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
}

static int
count_commit (void *data)
{
  (*(guint *) data)++;
  return 0;
}

/* One commit per step that must be durable on its own: the press (with
 * its audit row), the claim (with the provider and our number, before the
 * request), the accept (with the id and the segments). It was six. */
static void
test_commits_per_send (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  sqlite3 *db = tb_store_get_db (fixture->base.store);
  guint commits = 0;
  gint64 id;

  sqlite3_commit_hook (db, count_commit, &commits);
  id = tb_test_outbox_submit (&fixture->base, 0, "Hello there, a longer message this time", "press-commits");
  g_assert_cmpuint (commits, ==, 1);
  tb_test_outbox_run_until_idle (&fixture->base);
  sqlite3_commit_hook (db, NULL, NULL);
  g_assert_cmpuint (commits, ==, 3);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_true (g_str_has_prefix (tb_message_get_provider_id (message), "SM"));
  g_assert_cmpstr (tb_message_get_provider (message), ==, "simulator");
  g_assert_cmpstr (tb_message_get_our_phone (message), ==, SENDER);
  g_assert_cmpint (tb_message_get_segments (message), ==, 1);
}

static void
test_same_press_once (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 first, second, third;

  /* Key auto-repeat, a double click: the same press id. */
  first = tb_test_outbox_submit (&fixture->base, 0, "Once", "press-A");
  second = tb_test_outbox_submit (&fixture->base, 0, "Once", "press-A");
  g_assert_cmpint (first, ==, second);
  tb_test_outbox_run_until_idle (&fixture->base);
  third = tb_test_outbox_submit (&fixture->base, 0, "Once", "press-A");
  g_assert_cmpint (third, ==, first);
  tb_test_outbox_run_until_idle (&fixture->base);

  g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, 0), ==, 1);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
}

static void
test_first_text_once (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = tb_outbox_submit_first_text (fixture->base.outbox, fixture->base.contacts[1], "Hi!", "first-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* A stale screen of another texter: a second initial message is refused. */
  id = tb_outbox_submit_first_text (fixture->base.outbox, fixture->base.contacts[1], "Hi!", "first-2", &error);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED);
  g_assert_cmpint (id, ==, 0);
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, 1), ==, 1);
}

static void
test_opted_out_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) contact = NULL;
  gint64 id;

  contact = tb_store_contact_get (fixture->base.store, fixture->base.contacts[2], &error);
  g_assert_no_error (error);
  tb_store_opt_out_add (fixture->base.store, tb_contact_get_phone (contact),
                        TB_OPT_OUT_SOURCE_MANUAL, 0, 0, &error);
  g_assert_no_error (error);

  id = tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[2], "Hello", "press-opt", &error);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT);
  g_assert_nonnull (strstr (error->message, tb_contact_get_phone (contact)));
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  g_assert_false (tb_outbox_check_contact (fixture->base.outbox, fixture->base.contacts[2], NULL, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT);

  g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, 2), ==, 0);
  g_assert_true (tb_outbox_is_idle (fixture->base.outbox));
}

static void
test_outside_hours_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 opens_at = 0;
  gint64 id;

  /* 03:00 UTC is 22:00 in New York: after the 21:00 end. */
  fixture->base.now = MORNING_NY - 12 * G_TIME_SPAN_HOUR;
  id = tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[0], "Late", "press-late", &error);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS);
  g_assert_nonnull (strstr (error->message, "New York"));
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  g_assert_false (tb_outbox_check_contact (fixture->base.outbox, fixture->base.contacts[0], &opens_at, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS);
  /* Opens at 9:00 in New York, 14:00 UTC. */
  g_assert_cmpint (opens_at, ==, MORNING_NY - G_TIME_SPAN_HOUR);
  g_clear_error (&error);
  g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, 0), ==, 0);

  /* One minute before the window opens: still refused. */
  fixture->base.now = MORNING_NY - G_TIME_SPAN_HOUR - G_TIME_SPAN_MINUTE;
  g_assert_false (tb_outbox_check_contact (fixture->base.outbox, fixture->base.contacts[0], NULL, NULL));
  fixture->base.now = MORNING_NY - G_TIME_SPAN_HOUR;
  id = tb_test_outbox_submit (&fixture->base, 0, "Morning", "press-morning");
  g_assert_cmpint (id, >, 0);
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
}

static void
test_window_closes_while_queued (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  /* Pressed one second before 21:00; the rate limit holds it past 21:00. */
  tb_outbox_set_rate_per_second (fixture->base.outbox, 0.1);
  fixture->base.now = MORNING_NY + 11 * G_TIME_SPAN_HOUR - G_TIME_SPAN_SECOND;
  tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[0], "First", "p1", &error);
  g_assert_no_error (error);
  id = tb_test_outbox_submit (&fixture->base, 1, "Second", "p2");
  test_run_until_waiting (fixture->base.outbox);
  tb_test_outbox_advance (&fixture->base, 10 * G_TIME_SPAN_SECOND);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "outside_hours");
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 1);
}

/* Opt out while a message waits in the queue: it fails loudly (a
 * "message-failed" and the failed count, not a row silently gone from
 * queued to failed), nothing reaches the provider, and nothing can follow
 * the opt-out, not even a confirmation. The opt-out carries the texter. */
static void
test_opt_out_while_queued (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(GPtrArray) opt_outs = NULL;
  TbOptOut *opt_out;
  gint64 id;

  id = tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[1], "Thanks, we will stop",
                         "press-confirm", &error);
  g_assert_no_error (error);
  g_assert_true (tb_outbox_opt_out (fixture->base.outbox, fixture->base.contacts[1], &error));
  g_assert_no_error (error);
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "opted_out");
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 0);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (fixture->base.failures, 0), TB_OUTBOX_ERROR,
                  TB_OUTBOX_ERROR_OPTED_OUT);
  /* The failed count is of what a retry could send: not this one. */
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 0);
  g_assert_cmpuint (tb_outbox_get_sending (fixture->base.outbox), ==, 0);

  /* Nothing after it, and Retry cannot bring the queued one back. */
  g_assert_cmpint (tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[1], "Confirmed",
                                     "press-after", &error), ==, 0);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT);
  g_clear_error (&error);
  g_assert_false (tb_outbox_retry (fixture->base.outbox, id, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT);
  g_clear_error (&error);
  g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, 1), ==, 1);

  contact = tb_store_contact_get (fixture->base.store, fixture->base.contacts[1], &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_contact_get_status (contact), ==, TB_CONTACT_STATUS_OPTED_OUT);
  opt_outs = tb_store_opt_out_list (fixture->base.store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opt_outs->len, ==, 1);
  opt_out = g_ptr_array_index (opt_outs, 0);
  g_assert_cmpstr (opt_out->phone, ==, tb_contact_get_phone (contact));
  g_assert_cmpint (opt_out->source, ==, TB_OPT_OUT_SOURCE_MANUAL);
  g_assert_cmpint (opt_out->texter_id, ==, tb_session_get_texter_id (fixture->base.session));
}

/* The failed count (the header's badge) holds what a retry could still
 * send: a message to a number that opts out after it failed leaves it,
 * and comes back when an admin undoes the opt-out. */
static void
test_failed_count_follows_opt_outs (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) retryable = NULL;
  g_autoptr(TbContact) contact = NULL;
  gint64 first, second;

  push_send_error (fixture, TB_PROVIDER_ERROR_TWILIO_INVALID_TO, TB_PROVIDER_ERROR_KIND_OTHER, 400, FALSE,
                   "Twilio error 21211: invalid 'To' number");
  first = tb_test_outbox_submit (&fixture->base, 2, "Hi", "p-fail-1");
  tb_test_outbox_run_until_idle (&fixture->base);
  push_send_error (fixture, TB_PROVIDER_ERROR_TWILIO_INVALID_TO, TB_PROVIDER_ERROR_KIND_OTHER, 400, FALSE,
                   "Twilio error 21211: invalid 'To' number");
  second = tb_test_outbox_submit (&fixture->base, 3, "Hello", "p-fail-2");
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 2);

  contact = tb_store_contact_get (fixture->base.store, fixture->base.contacts[3], &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_opt_out_add (fixture->base.store, tb_contact_get_phone (contact),
                                       TB_OPT_OUT_SOURCE_MANUAL, 0,
                                       tb_session_get_texter_id (fixture->base.session), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 1);
  retryable = tb_store_message_list_retryable (fixture->base.store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (retryable->len, ==, 1);
  g_assert_cmpint (tb_message_get_id (g_ptr_array_index (retryable, 0)), ==, first);
  g_clear_pointer (&retryable, g_ptr_array_unref);

  g_assert_true (tb_store_opt_out_remove (fixture->base.store, tb_contact_get_phone (contact),
                                          tb_session_get_texter_id (fixture->base.session), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 2);
  retryable = tb_store_message_list_retryable (fixture->base.store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (retryable->len, ==, 1);   /* the limit */

  /* A retry takes one out of the count; its new failure puts it back. */
  push_send_error (fixture, TB_PROVIDER_ERROR_TWILIO_INVALID_TO, TB_PROVIDER_ERROR_KIND_OTHER, 400, FALSE,
                   "Twilio error 21211: invalid 'To' number");
  g_assert_true (tb_outbox_retry (fixture->base.outbox, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 1);
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 2);
}

/* An opt-out needs someone to put their name on it (promise 6). */
static void
test_opt_out_needs_texter (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) contact = NULL;

  tb_session_sign_out (fixture->base.session);
  g_assert_false (tb_outbox_opt_out (fixture->base.outbox, fixture->base.contacts[0], &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  contact = tb_store_contact_get (fixture->base.store, fixture->base.contacts[0], &error);
  g_assert_no_error (error);
  g_assert_false (tb_store_is_opted_out (fixture->base.store, tb_contact_get_phone (contact), &error));
  g_assert_no_error (error);

  tb_session_sign_in_by_name (fixture->base.session, "Ada", &error);
  g_assert_no_error (error);
  g_assert_false (tb_outbox_opt_out (fixture->base.outbox, 999999, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NO_SUCH_CONTACT);
}

static void
test_not_signed_in (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  tb_session_sign_out (fixture->base.session);
  g_assert_cmpint (tb_session_get_texter_id (fixture->base.session), ==, 0);
  id = tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[0], "Hello", "press-anon", &error);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_SIGNED_IN);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, 0), ==, 0);
}

/* Every check of a press, without a texter and writing nothing
 * (textbank-cli send checks before it signs a new name in). */
static void
test_check_press (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  struct {
    const char *what;
    guint       contact;      /* index into contacts, or N_CONTACTS: none */
    const char *body;
    gboolean    first_text;
    gint64      hours_back;   /* the clock moved back by this many hours */
    GQuark      domain;       /* 0: allowed */
    int         code;
  } cases[] = {
    { "a reply", 0, "Hello", FALSE, 0, 0, 0 },
    { "a first text", 0, "Hi!", TRUE, 0, 0, 0 },
    { "an empty body", 0, " \n", FALSE, 0, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_EMPTY_BODY },
    { "no such contact", N_CONTACTS, "Hi", FALSE, 0, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NO_SUCH_CONTACT },
    { "opted out", 2, "Hi", FALSE, 0, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT },
    { "22:00 in New York", 0, "Hi", FALSE, 12, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS },
    { "texted already", 1, "Hi!", TRUE, 0, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED },
    /* Back in the first-text queue by hand: its first text is in the thread. */
    { "reopened", 3, "Hi!", TRUE, 0, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED },
    { "a reply after the first text", 1, "And?", FALSE, 0, 0, 0 },
  };

  g_assert_cmpint (tb_outbox_submit_first_text (fixture->base.outbox, fixture->base.contacts[1], "Hi!",
                                                "first-1", &error), >, 0);
  g_assert_cmpint (tb_outbox_submit_first_text (fixture->base.outbox, fixture->base.contacts[3], "Hi!",
                                                "first-3", &error), >, 0);
  g_assert_true (tb_store_contact_set_status (fixture->base.store, fixture->base.contacts[3],
                                              TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, &error));
  g_assert_true (tb_store_opt_out_add (fixture->base.store, tb_test_outbox_contact_phone (&fixture->base, 2),
                                       TB_OPT_OUT_SOURCE_MANUAL, 0, 0, &error));
  g_assert_no_error (error);
  tb_test_outbox_run_until_idle (&fixture->base);
  tb_session_sign_out (fixture->base.session);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 contact_id = cases[i].contact < N_CONTACTS ? fixture->base.contacts[cases[i].contact] : 999999;
      gboolean allowed;

      g_test_message ("%s", cases[i].what);
      fixture->base.now = MORNING_NY - cases[i].hours_back * G_TIME_SPAN_HOUR;
      allowed = tb_outbox_check_press (fixture->base.outbox, contact_id, cases[i].body,
                                       cases[i].first_text, &error);
      if (cases[i].domain == 0)
        {
          g_assert_no_error (error);
          g_assert_true (allowed);
        }
      else
        {
          g_assert_error (error, cases[i].domain, cases[i].code);
          g_assert_false (allowed);
          g_clear_error (&error);
        }
    }

  /* The submit agrees on the reopened contact (the store's own check). */
  tb_test_outbox_sign_in (&fixture->base, "Ada");
  g_assert_cmpint (tb_outbox_submit_first_text (fixture->base.outbox, fixture->base.contacts[3], "Hi!",
                                                "first-3-again", &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED);
  for (guint i = 0; i < N_CONTACTS; i++)
    g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, i), ==, i == 1 || i == 3 ? 1 : 0);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[0], "  \n", "p", &error), ==, 0);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_EMPTY_BODY);
  g_clear_error (&error);
  g_assert_cmpint (tb_outbox_submit (fixture->base.outbox, 999999, "Hi", "p", &error), ==, 0);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NO_SUCH_CONTACT);
  g_clear_error (&error);
  g_assert_false (tb_outbox_retry (fixture->base.outbox, 999999, &error));
  g_assert_nonnull (error);
}

static void
test_demo_needs_simulator (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCredentials) credentials = NULL;
  g_autoptr(TbTwilioProvider) twilio = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  gint64 demo_id;
  gint64 again;
  gint64 id;

  demo_id = tb_session_ensure_demo_campaign (fixture->base.session, &error);
  g_assert_no_error (error);
  again = tb_session_ensure_demo_campaign (fixture->base.session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, demo_id);
  g_assert_cmpint (tb_store_contact_count (fixture->base.store, demo_id, TB_CONTACT_STATUS_ANY, NULL, NULL),
                   ==, TB_SESSION_DEMO_CONTACTS);

  contacts = tb_store_contact_page (fixture->base.store, demo_id, TB_CONTACT_STATUS_ANY, NULL, 0, 1, &error);
  g_assert_no_error (error);

  /* No request is made: the refusal comes first. */
  credentials = tb_credentials_new_auth_token ("AC00000000000000000000000000000001", "token");
  twilio = tb_twilio_provider_new (credentials, "http://127.0.0.1:9");
  tb_session_set_provider (fixture->base.session, TB_PROVIDER (twilio));
  g_assert_false (tb_session_is_simulator (fixture->base.session));
  /* Some demo contacts are outside hours at any instant: pick the check's
   * order by asking with a window that is always open. */
  id = tb_outbox_submit (fixture->base.outbox, tb_contact_get_id (g_ptr_array_index (contacts, 0)),
                         "Hi", "demo-1", &error);
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_DEMO_CAMPAIGN);
  g_assert_cmpint (id, ==, 0);
}

static void
test_maybe_received_adopted (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  /* The carrier takes it but the answer is lost. */
  push_send_error (fixture, TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, 0, TRUE,
                   "No answer (test)");

  id = tb_test_outbox_submit (&fixture->base, 0, "Lost answer", "p-lost");
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_nonnull (tb_message_get_provider_id (message));
  g_assert_cmpint (GPOINTER_TO_INT (fixture->states_seen->pdata[1]), ==, TB_MESSAGE_STATE_UNKNOWN);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  g_assert_cmpuint (fixture->base.failures->len, ==, 0);
}

static void
test_maybe_received_not_there (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  push_send_error (fixture, TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED, 0, FALSE,
                   "No answer (test)");

  id = tb_test_outbox_submit (&fixture->base, 0, "Never arrived", "p-never");
  test_wait_for_state (fixture->base.store, id, TB_MESSAGE_STATE_UNKNOWN);
  test_run_until_waiting (fixture->base.outbox);
  /* Not listed, but not yet settled: it stays unknown, never re-sent. */
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_UNKNOWN);
  g_assert_false (tb_outbox_is_idle (fixture->base.outbox));

  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "not_received");
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 0);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (fixture->base.failures, 0), TB_OUTBOX_ERROR,
                  TB_OUTBOX_ERROR_NOT_RECEIVED);
  g_clear_object (&message);

  /* A person presses Retry: the same row goes out, with their name on it. */
  tb_session_sign_in_by_name (fixture->base.session, "Grace", &error);
  g_assert_no_error (error);
  g_assert_true (tb_outbox_retry (fixture->base.outbox, id, &error));
  g_assert_no_error (error);
  g_assert_false (tb_outbox_retry (fixture->base.outbox, id, &error));
  g_assert_error (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_NOT_RETRYABLE);
  g_clear_error (&error);
  tb_test_outbox_run_until_idle (&fixture->base);
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, tb_session_get_texter_id (fixture->base.session));
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  g_assert_cmpuint (tb_test_outbox_count_messages (&fixture->base, 0), ==, 1);
}

static void
test_invalid_number (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  gint64 id;

  push_send_error (fixture, TB_PROVIDER_ERROR_TWILIO_INVALID_TO, TB_PROVIDER_ERROR_KIND_OTHER, 400, FALSE,
                   "Twilio error 21211: invalid 'To' number");
  id = tb_test_outbox_submit (&fixture->base, 3, "Hi", "p-invalid");
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "21211");
  contact = tb_store_contact_get (fixture->base.store, fixture->base.contacts[3], &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_contact_get_status (contact), ==, TB_CONTACT_STATUS_CLOSED);
  tags = tb_store_contact_tag_list (fixture->base.store, fixture->base.contacts[3], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (((TbTag *) g_ptr_array_index (tags, 0))->name, ==, "invalid number");
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tb_outbox_set_rate_per_second (fixture->base.outbox, 1.0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *press = g_strdup_printf ("rate-%u", i);

      tb_outbox_submit (fixture->base.outbox, fixture->base.contacts[i], "Paced", press, &error);
      g_assert_no_error (error);
    }

  /* One token at the instant of the presses. */
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  fixture->base.now += G_TIME_SPAN_SECOND / 2;
  tb_outbox_kick (fixture->base.outbox);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  fixture->base.now += G_TIME_SPAN_SECOND / 2;
  tb_outbox_kick (fixture->base.outbox);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 2);
  tb_test_outbox_advance (&fixture->base, G_TIME_SPAN_SECOND);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 3);
}

/* A backlog behind the rate limit (a team pressing faster than the number
 * may send) is not read again on every pump: a row held back waits for
 * its number's next token, so each is read about once while it waits,
 * not once a pump (which made a pump of 1,700 queued rows take 18 ms on
 * the main thread). */
static void
test_backlog_read_once (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TbOutbox *outbox = fixture->base.outbox;
  guint n = 0;

  tb_outbox_set_rate_per_second (outbox, 0.5);
  for (guint round = 0; round < 20; round++)
    for (guint i = 0; i < N_CONTACTS; i++)
      {
        g_autofree char *press = g_strdup_printf ("backlog-%u-%u", round, i);

        tb_outbox_submit (outbox, fixture->base.contacts[i], "Paced", press, &error);
        g_assert_no_error (error);
        n++;
      }
  test_run_until_waiting (outbox);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  outbox->n_job_loads = 0;

  /* Ten pumps inside one token's wait: nothing new to read. */
  for (guint i = 0; i < 10; i++)
    {
      fixture->base.now += G_TIME_SPAN_SECOND / 10;
      tb_outbox_kick (outbox);
      test_run_until_waiting (outbox);
    }
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  g_assert_cmpuint (outbox->n_job_loads, <=, 10);

  /* The next token sends the next row, in press order, one read. */
  fixture->base.now += G_TIME_SPAN_SECOND + G_TIME_SPAN_SECOND / 10;
  tb_outbox_kick (outbox);
  test_run_until_waiting (outbox);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 2);
  g_assert_cmpuint (outbox->n_job_loads, <=, 12);
  g_assert_cmpuint (tb_outbox_get_sending (outbox), ==, n - 2);
}

static void
test_startup_sending_becomes_unknown (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 texter_id = tb_session_get_texter_id (fixture->base.session);
  gint64 crashed, queued;

  /* A "crash": a row committed as sending, and one still queued, with no
   * outbox working on them. */
  crashed = tb_store_message_queue_outbound (fixture->base.store, fixture->base.contacts[0], "Crashed",
                                             texter_id, fixture->base.now, "crash-1", &error);
  g_assert_no_error (error);
  tb_store_message_set_provider (fixture->base.store, crashed, "simulator", SENDER, 0, &error);
  g_assert_no_error (error);
  tb_store_message_set_state (fixture->base.store, crashed, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  queued = tb_store_message_queue_outbound (fixture->base.store, fixture->base.contacts[1], "Queued",
                                            texter_id, fixture->base.now, "crash-2", &error);
  g_assert_no_error (error);

  tb_session_start (fixture->base.session);
  /* At once: sending -> unknown. */
  g_assert_cmpint (test_message_state (fixture->base.store, crashed), ==, TB_MESSAGE_STATE_UNKNOWN);
  test_run_until_waiting (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, crashed), ==, TB_MESSAGE_STATE_UNKNOWN);
  g_assert_cmpint (test_message_state (fixture->base.store, queued), ==, TB_MESSAGE_STATE_ACCEPTED);

  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (test_message_state (fixture->base.store, crashed), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  g_assert_cmpuint (tb_outbox_get_failed (fixture->base.outbox), ==, 1);
}

static gboolean
simulator_has_sent (gpointer user_data)
{
  return tb_simulator_provider_get_n_sent (user_data) > 0;
}

/* Dropped while the claim is being synced, before any request: the row
 * stays sending, the next start calls it unknown and, not found at the
 * provider once settled, failed for a person to retry. Never sent twice. */
static void
test_dispose_while_claim_syncs (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 id;

  id = tb_test_outbox_submit (&fixture->base, 0, "Bye", "p-bye");
  tb_outbox_kick (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);
  g_clear_object (&fixture->base.session);
  test_iterate_for (30);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 0);

  make_session (fixture);
  tb_session_start (fixture->base.session);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_UNKNOWN);
  tb_test_outbox_advance (&fixture->base, 61 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 0);
}

/* The session switches providers while a claim is being synced: the row
 * named the old provider, so it goes round again and is sent through the
 * new one, recorded, and a lost answer is looked for where it was sent. */
static void
test_provider_switch_while_claim_syncs (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(TbSimulatorProvider) other = tb_simulator_provider_new (7);
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  tb_simulator_provider_set_clock (other, test_clock, &fixture->base.now, NULL);
  id = tb_test_outbox_submit (&fixture->base, 0, "Which one", "p-switch");
  tb_outbox_kick (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);
  tb_session_set_provider (fixture->base.session, TB_PROVIDER (other));
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 0);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (other), ==, 1);
}

/* A STOP stored while the claim is being synced: not sent. */
static void
test_opt_out_while_claim_syncs (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  gint64 id;

  id = tb_test_outbox_submit (&fixture->base, 0, "Too late", "p-stop");
  tb_outbox_kick (fixture->base.outbox);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);
  g_assert_true (tb_store_opt_out_add (fixture->base.store, tb_test_outbox_contact_phone (&fixture->base, 0),
                                       TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error));
  g_assert_no_error (error);
  tb_test_outbox_run_until_idle (&fixture->base);

  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 0);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (fixture->base.failures, 0), TB_OUTBOX_ERROR,
                  TB_OUTBOX_ERROR_OPTED_OUT);
}

/* The claim is on disk before the request, synced in a worker; a disk that
 * will not sync fails the message with the reason, unsent, and Retry sends
 * it once the disk is back. */
static void
test_claim_synced_first (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  guint64 syncs = tb_io_count_get ()->syncs[TB_IO_WAL];
  guint64 main_thread_syncs = tb_io_count_get ()->main_thread_syncs[TB_IO_WAL];
  gint64 id;

  id = tb_test_outbox_submit (&fixture->base, 0, "Synced", "p-synced");
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_io_count_get ()->syncs[TB_IO_WAL], >, syncs);
  g_assert_cmpuint (tb_io_count_get ()->main_thread_syncs[TB_IO_WAL], ==, main_thread_syncs);

  tb_io_count_fail_syncs (TRUE);
  id = tb_test_outbox_submit (&fixture->base, 1, "Not synced", "p-not-synced");
  tb_test_outbox_run_until_idle (&fixture->base);
  tb_io_count_fail_syncs (FALSE);
  message = tb_test_outbox_get_message (&fixture->base, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_nonnull (strstr (tb_message_get_error_text (message), "Could not write the database to disk"));
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
  g_assert_cmpuint (fixture->base.failures->len, ==, 1);
  g_clear_object (&message);

  g_assert_true (tb_outbox_retry (fixture->base.outbox, id, &error));
  g_assert_no_error (error);
  tb_test_outbox_run_until_idle (&fixture->base);
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 2);
}

static void
test_dispose_in_flight (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 id;

  id = tb_test_outbox_submit (&fixture->base, 0, "Bye", "p-bye");
  /* Start the request (after the claim's sync), then drop everything while
   * it is in flight. */
  tb_outbox_kick (fixture->base.outbox);
  g_assert_true (test_iterate_until (simulator_has_sent, fixture->simulator, 5000));
  g_clear_object (&fixture->base.session);
  test_iterate_for (30);
  /* The row stays sending: the next start reconciles it. */
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_SENDING);

  make_session (fixture);
  tb_session_start (fixture->base.session);
  tb_test_outbox_run_until_idle (&fixture->base);
  /* The simulator did take it: adopted, not sent again. */
  g_assert_cmpint (test_message_state (fixture->base.store, id), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpuint (tb_simulator_provider_get_n_sent (fixture->simulator), ==, 1);
}

static void
test_duplicate_provider_id (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TbSimulatorProvider) twin = NULL;
  g_autoptr(TbMessage) message = NULL;
  gint64 first, second;

  first = tb_test_outbox_submit (&fixture->base, 0, "One", "dup-1");
  tb_test_outbox_run_until_idle (&fixture->base);

  /* A second simulator with the same seed hands out the same id. */
  twin = tb_simulator_provider_new (42);
  tb_simulator_provider_set_clock (twin, test_clock, &fixture->base.now, NULL);
  tb_session_set_provider (fixture->base.session, TB_PROVIDER (twin));
  second = tb_test_outbox_submit (&fixture->base, 1, "Two", "dup-2");
  g_test_expect_message ("tb-outbox", G_LOG_LEVEL_WARNING, "*already has the provider id*");
  tb_test_outbox_run_until_idle (&fixture->base);
  g_test_assert_expected_messages ();

  /* It went out: accepted, never left for a reconciliation to call lost. */
  message = tb_test_outbox_get_message (&fixture->base, second);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_null (tb_message_get_provider_id (message));
  g_assert_cmpint (test_message_state (fixture->base.store, first), ==, TB_MESSAGE_STATE_ACCEPTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tb_io_count_install ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/outbox/submit/accepted", test_submit_accepted);
  ADD ("/outbox/submit/same-press-once", test_same_press_once);
  ADD ("/outbox/send/commits-per-send", test_commits_per_send);
  ADD ("/outbox/submit/first-text-once", test_first_text_once);
  ADD ("/outbox/submit/opted-out", test_opted_out_refused);
  ADD ("/outbox/submit/outside-hours", test_outside_hours_refused);
  ADD ("/outbox/submit/not-signed-in", test_not_signed_in);
  ADD ("/outbox/opt-out/while-queued", test_opt_out_while_queued);
  ADD ("/outbox/failed-count/follows-opt-outs", test_failed_count_follows_opt_outs);
  ADD ("/outbox/rate-limit/backlog-read-once", test_backlog_read_once);
  ADD ("/outbox/opt-out/needs-texter", test_opt_out_needs_texter);
  ADD ("/outbox/submit/bad-input", test_bad_input);
  ADD ("/outbox/check-press", test_check_press);
  ADD ("/outbox/submit/demo-needs-simulator", test_demo_needs_simulator);
  ADD ("/outbox/send/window-closes-while-queued", test_window_closes_while_queued);
  ADD ("/outbox/send/rate-limit", test_rate_limit);
  ADD ("/outbox/send/invalid-number", test_invalid_number);
  ADD ("/outbox/unknown/adopted", test_maybe_received_adopted);
  ADD ("/outbox/unknown/not-there-then-retry", test_maybe_received_not_there);
  ADD ("/outbox/startup/sending-becomes-unknown", test_startup_sending_becomes_unknown);
  ADD ("/outbox/dispose/in-flight", test_dispose_in_flight);
  ADD ("/outbox/dispose/while-claim-syncs", test_dispose_while_claim_syncs);
  ADD ("/outbox/send/claim-synced-first", test_claim_synced_first);
  ADD ("/outbox/send/provider-switch-while-claim-syncs", test_provider_switch_while_claim_syncs);
  ADD ("/outbox/send/opt-out-while-claim-syncs", test_opt_out_while_claim_syncs);
  ADD ("/outbox/send/duplicate-provider-id", test_duplicate_provider_id);

#undef ADD

  return g_test_run ();
}
