/* test-store-messages.c: the send path, replies and opt-outs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-store-helpers.h"
#include "tb-io-count.h"
#include "tb-store-private.h"

static TbContactStatus
status_of (StoreFixture *fixture,
           gint64        contact_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) contact = tb_store_contact_get (fixture->store, contact_id, &error);

  g_assert_no_error (error);
  return tb_contact_get_status (contact);
}

static TbMessageState
state_of (StoreFixture *fixture,
          gint64        message_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = tb_store_message_get (fixture->store, message_id, &error);

  g_assert_no_error (error);
  return tb_message_get_state (message);
}

static gint64
add_contact (StoreFixture *fixture,
             gint64        campaign_id,
             const char   *phone)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tb_store_contact_add (fixture->store, campaign_id, phone, "Sam", "Ray", "78701",
                                    "America/Chicago", "{\"Ward\":\"3\",\"Notes\":\"likes, commas\"}",
                                    &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_queue_outbound (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(GPtrArray) conversation = NULL;
  TbQueueCounts counts;
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550101");
  gint64 id, again;

  id = tb_store_message_queue_first_text (fixture->store, contact_id, "Hi Sam, it's Ada.",
                                          fixture->texter_id, 1000, "press-a", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  message = tb_store_message_get (fixture->store, id, &error);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (tb_message_get_direction (message), ==, TB_MESSAGE_DIRECTION_OUT);
  g_assert_cmpint (tb_message_get_texter_id (message), ==, fixture->texter_id);
  g_assert_cmpint (tb_message_get_pressed_at (message), ==, 1000);
  g_assert_cmpstr (tb_message_get_phone (message), ==, "+15125550101");
  g_assert_true (tb_message_get_is_first (message));

  contact = tb_store_contact_get (fixture->store, contact_id, &error);
  g_assert_cmpint (tb_contact_get_status (contact), ==, TB_CONTACT_STATUS_WAITING);
  g_assert_cmpint (tb_contact_get_texter_id (contact), ==, fixture->texter_id);
  g_assert_cmpstr (tb_contact_get_last_message_preview (contact), ==, "Hi Sam, it's Ada.");
  g_assert_cmpint (tb_contact_get_last_message_at (contact), ==, 1000);
  {
    g_autofree char *ward = tb_contact_dup_field (contact, "Ward");
    g_autofree char *missing = tb_contact_dup_field (contact, "Nope");
    g_auto(GStrv) names = tb_contact_dup_field_names (contact);
    g_autofree char *display = tb_contact_dup_display_name (contact);

    g_assert_cmpstr (ward, ==, "3");
    g_assert_null (missing);
    g_assert_cmpuint (g_strv_length (names), ==, 2);
    g_assert_cmpstr (names[0], ==, "Ward");
    g_assert_cmpstr (names[1], ==, "Notes");
    g_assert_cmpstr (display, ==, "Sam Ray");
  }

  /* The same press again: the same row, nothing new. */
  again = tb_store_message_queue_first_text (fixture->store, contact_id, "Hi Sam, it's Ada.",
                                             fixture->texter_id, 1001, "press-a", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  again = tb_store_message_queue_outbound (fixture->store, contact_id, "Hi Sam, it's Ada.",
                                           fixture->texter_id, 1001, "press-a", &error);
  g_assert_cmpint (again, ==, id);
  conversation = tb_store_message_list_for_contact (fixture->store, contact_id, &error);
  g_assert_cmpuint (conversation->len, ==, 1);
  g_clear_pointer (&conversation, g_ptr_array_unref);

  /* A second first text (a stale screen, another texter) is refused. */
  g_assert_cmpint (tb_store_message_queue_first_text (fixture->store, contact_id, "Hi again",
                                                      fixture->texter_id, 1002, "press-b", &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED);
  g_clear_error (&error);

  /* A follow-up is fine and is not a first text. */
  again = tb_store_message_queue_outbound (fixture->store, contact_id, "Are you there?",
                                           fixture->texter_id, 1003, "press-c", &error);
  g_assert_no_error (error);
  g_clear_object (&message);
  message = tb_store_message_get (fixture->store, again, &error);
  g_assert_false (tb_message_get_is_first (message));

  /* No texter, no press id, no contact. */
  g_assert_cmpint (tb_store_message_queue_outbound (fixture->store, contact_id, "x", 0, 0, "p-x", &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (tb_store_message_queue_outbound (fixture->store, contact_id, "x", fixture->texter_id,
                                                    0, "", &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (tb_store_message_queue_outbound (fixture->store, 999999, "x", fixture->texter_id,
                                                    0, "p-y", &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error));
  g_assert_cmpint (counts.by_status[TB_CONTACT_STATUS_WAITING], ==, 1);
  g_assert_cmpint (counts.by_status[TB_CONTACT_STATUS_NEEDS_FIRST_TEXT], ==, 0);
  g_assert_cmpint (counts.total, ==, 1);
}

static void
test_state_machine (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(GPtrArray) queued = NULL;
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550102");
  gint64 other_id = add_contact (fixture, fixture->campaign_id, "+15125550103");
  gint64 id, second;

  id = tb_store_message_queue_outbound (fixture->store, contact_id, "One", fixture->texter_id, 2000, "p1", &error);
  second = tb_store_message_queue_outbound (fixture->store, other_id, "Two", fixture->texter_id, 1000, "p2", &error);
  g_assert_no_error (error);

  /* The outbox takes them in press order. */
  queued = tb_store_message_list_by_state (fixture->store, TB_MESSAGE_STATE_QUEUED, 0, &error);
  g_assert_cmpuint (queued->len, ==, 2);
  g_assert_cmpint (tb_message_get_id (queued->pdata[0]), ==, second);
  g_clear_pointer (&queued, g_ptr_array_unref);

  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error));
  g_assert_true (tb_store_message_set_provider (fixture->store, id, "simulator", "+15125550000", 1, &error));
  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_UNKNOWN, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  queued = tb_store_message_list_by_state (fixture->store, TB_MESSAGE_STATE_UNKNOWN, 10, &error);
  g_assert_cmpuint (queued->len, ==, 1);
  g_clear_pointer (&queued, g_ptr_array_unref);

  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_ACCEPTED, "SM1", NULL, NULL, &error));
  /* Saying accepted again only fills in; nothing moves back. */
  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_ACCEPTED, NULL, NULL, NULL, &error));
  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_DELIVERED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_SENT, NULL, NULL, NULL, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "delivered to sent"));
  g_clear_error (&error);
  g_assert_false (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_QUEUED, NULL, NULL, NULL, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);

  message = tb_store_message_get_by_provider_id (fixture->store, "SM1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_message_get_id (message), ==, id);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_DELIVERED);
  g_assert_cmpstr (tb_message_get_provider (message), ==, "simulator");
  g_assert_cmpstr (tb_message_get_our_phone (message), ==, "+15125550000");
  g_assert_cmpint (tb_message_get_segments (message), ==, 1);
  g_assert_cmpint (tb_message_get_sent_at (message), >, 0);
  g_clear_object (&message);

  /* Another message cannot take the same provider id. */
  g_assert_true (tb_store_message_set_state (fixture->store, second, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error));
  g_assert_false (tb_store_message_set_state (fixture->store, second, TB_MESSAGE_STATE_ACCEPTED, "SM1", NULL, NULL, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (state_of (fixture, second), ==, TB_MESSAGE_STATE_SENDING);

  /* Failed, then a person presses Retry: the same row is queued again. */
  g_assert_true (tb_store_message_set_state (fixture->store, second, TB_MESSAGE_STATE_FAILED, NULL, "21612",
                                             "The 'To' phone number is not reachable", &error));
  message = tb_store_message_get (fixture->store, second, &error);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "21612");
  g_clear_object (&message);
  g_assert_true (tb_store_message_retry (fixture->store, second, fixture->texter_id, 5000, "p2-retry", &error));
  g_assert_true (tb_store_message_retry (fixture->store, second, fixture->texter_id, 5001, "p2-retry", &error));
  g_assert_no_error (error);
  message = tb_store_message_get (fixture->store, second, &error);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (tb_message_get_pressed_at (message), ==, 5000);
  g_assert_null (tb_message_get_error_code (message));
  g_clear_object (&message);
  /* Only a failed message can be retried. */
  g_assert_false (tb_store_message_retry (fixture->store, id, fixture->texter_id, 0, "p1-retry", &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_false (tb_store_message_set_state (fixture->store, 424242, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
}

static void
test_inbound (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) conversation = NULL;
  gint64 other_campaign = tb_store_campaign_create (fixture->store, "Other", NULL, "+15125559999", FALSE, &error);
  gint64 in_first = add_contact (fixture, fixture->campaign_id, "+15125550104");
  gint64 in_other = add_contact (fixture, other_campaign, "+15125550104");
  gboolean duplicate = TRUE;
  gint64 contact_id = 0;
  gint64 id, again, stray;

  /* Texted in the first campaign: the reply belongs there, even when the
   * other campaign's contact was added later. */
  tb_store_message_queue_outbound (fixture->store, in_first, "Hi", fixture->texter_id, 100, "p-in", &error);
  g_assert_no_error (error);
  id = tb_store_message_insert_inbound (fixture->store, "+15125550104", "+15125550000", "Who is this?",
                                        "SMin1", 200, &duplicate, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);
  g_assert_cmpint (contact_id, ==, in_first);
  g_assert_cmpint (status_of (fixture, in_first), ==, TB_CONTACT_STATUS_NEEDS_REPLY);
  g_assert_cmpint (status_of (fixture, in_other), ==, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);

  /* The same provider id again: stored once. */
  again = tb_store_message_insert_inbound (fixture->store, "+15125550104", "+15125550000", "Who is this?",
                                           "SMin1", 200, &duplicate, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpint (again, ==, id);
  conversation = tb_store_message_list_for_contact (fixture->store, in_first, &error);
  g_assert_cmpuint (conversation->len, ==, 2);
  g_assert_cmpint (tb_message_get_direction (conversation->pdata[1]), ==, TB_MESSAGE_DIRECTION_IN);
  g_assert_cmpint (tb_message_get_state (conversation->pdata[1]), ==, TB_MESSAGE_STATE_RECEIVED);
  g_clear_pointer (&conversation, g_ptr_array_unref);

  /* Sent to the other campaign's number: that campaign's contact. */
  tb_store_message_insert_inbound (fixture->store, "+15125550104", "+15125559999", "Hello?",
                                   "SMin2", 300, NULL, &contact_id, &error);
  g_assert_cmpint (contact_id, ==, in_other);

  /* Nobody has this phone: kept as an unknown sender, never dropped. */
  stray = tb_store_message_insert_inbound (fixture->store, "+15125550777", "+15125550000", "Wrong number?",
                                           "SMin3", 400, &duplicate, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stray, >, 0);
  g_assert_cmpint (contact_id, ==, 0);
  unknown = tb_store_unknown_sender_list (fixture->store, &error);
  g_assert_cmpuint (unknown->len, ==, 1);
  g_assert_cmpstr (tb_message_get_body (unknown->pdata[0]), ==, "Wrong number?");
  g_assert_cmpint (tb_message_get_contact_id (unknown->pdata[0]), ==, 0);
  g_clear_pointer (&unknown, g_ptr_array_unref);

  /* Attach to the wrong contact is refused; to the right one works. */
  g_assert_false (tb_store_message_attach (fixture->store, stray, in_first, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  {
    gint64 late = add_contact (fixture, fixture->campaign_id, "+15125550777");

    g_assert_true (tb_store_message_attach (fixture->store, stray, late, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status_of (fixture, late), ==, TB_CONTACT_STATUS_NEEDS_REPLY);
  }
  unknown = tb_store_unknown_sender_list (fixture->store, &error);
  g_assert_cmpuint (unknown->len, ==, 0);
}

static void
test_opt_out (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 other_campaign = tb_store_campaign_create (fixture->store, "Other", NULL, NULL, FALSE, &error);
  gint64 a = add_contact (fixture, fixture->campaign_id, "+15125550105");
  gint64 b = add_contact (fixture, other_campaign, "+15125550105");
  gint64 c = add_contact (fixture, fixture->campaign_id, "+15125550106");
  gint64 queued, later;
  TbQueueCounts counts;
  guint opt_signals = 0;

  g_signal_connect_swapped (fixture->store, "opt-outs-changed", G_CALLBACK (g_atomic_int_inc), &opt_signals);

  /* a is waiting with a queued message; b never texted. */
  queued = tb_store_message_queue_outbound (fixture->store, a, "Hi", fixture->texter_id, 0, "p-a", &error);
  g_assert_no_error (error);

  g_assert_true (tb_store_opt_out_add (fixture->store, "+15125550105", TB_OPT_OUT_SOURCE_MANUAL,
                                       0, fixture->texter_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (opt_signals, ==, 1);
  g_assert_true (tb_store_is_opted_out (fixture->store, "+15125550105", &error));
  g_assert_false (tb_store_is_opted_out (fixture->store, "+15125550106", &error));
  g_assert_cmpint (status_of (fixture, a), ==, TB_CONTACT_STATUS_OPTED_OUT);
  g_assert_cmpint (status_of (fixture, b), ==, TB_CONTACT_STATUS_OPTED_OUT);
  g_assert_cmpint (status_of (fixture, c), ==, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  /* What waited in the outbox will not go. */
  g_assert_cmpint (state_of (fixture, queued), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_true (tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error));
  g_assert_cmpint (counts.by_status[TB_CONTACT_STATUS_OPTED_OUT], ==, 1);
  g_assert_cmpint (counts.total, ==, 2);

  /* Sending is refused, whichever way it is asked. */
  g_assert_cmpint (tb_store_message_queue_outbound (fixture->store, b, "Hi", fixture->texter_id, 0, "p-b", &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_OPTED_OUT);
  g_assert_nonnull (strstr (error->message, "+15125550105"));
  g_clear_error (&error);
  g_assert_false (tb_store_message_retry (fixture->store, queued, fixture->texter_id, 0, "p-a2", &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_OPTED_OUT);
  g_clear_error (&error);
  g_assert_false (tb_store_contact_set_status (fixture->store, a, TB_CONTACT_STATUS_NEEDS_REPLY, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_OPTED_OUT);
  g_clear_error (&error);
  /* A new contact with that phone starts opted out. */
  {
    gint64 late_campaign = tb_store_campaign_create (fixture->store, "Late", NULL, NULL, FALSE, &error);
    gint64 late = add_contact (fixture, late_campaign, "+15125550105");

    g_assert_cmpint (status_of (fixture, late), ==, TB_CONTACT_STATUS_OPTED_OUT);
  }

  /* Adding it again keeps the first record. */
  g_assert_true (tb_store_opt_out_add (fixture->store, "+15125550105", TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error));
  list = tb_store_opt_out_list (fixture->store, NULL, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((TbOptOut *) list->pdata[0])->source, ==, TB_OPT_OUT_SOURCE_MANUAL);
  g_assert_cmpint (((TbOptOut *) list->pdata[0])->texter_id, ==, fixture->texter_id);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_false (tb_store_opt_out_add (fixture->store, "5125550105", TB_OPT_OUT_SOURCE_MANUAL, 0, 0, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The admin's undo: back to the queue they were in. */
  g_assert_true (tb_store_opt_out_remove (fixture->store, "+15125550105", fixture->texter_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (fixture, a), ==, TB_CONTACT_STATUS_WAITING);
  g_assert_cmpint (status_of (fixture, b), ==, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  g_assert_false (tb_store_opt_out_remove (fixture->store, "+15125550105", 0, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  later = tb_store_message_queue_outbound (fixture->store, b, "Hi", fixture->texter_id, 0, "p-b2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (later, >, 0);

  /* Newest first: the send just made, the undo, the opt-out. */
  audit = tb_store_audit_list (fixture->store, 0, 3, &error);
  g_assert_cmpuint (audit->len, ==, 3);
  g_assert_cmpstr (((TbAuditEntry *) audit->pdata[0])->action, ==, "send");
  g_assert_cmpstr (((TbAuditEntry *) audit->pdata[1])->action, ==, "opt_out_undo");
  g_assert_cmpstr (((TbAuditEntry *) audit->pdata[2])->action, ==, "opt_out");
  g_assert_cmpstr (((TbAuditEntry *) audit->pdata[2])->subject, ==, "+15125550105");
  g_assert_cmpint (((TbAuditEntry *) audit->pdata[2])->texter_id, ==, fixture->texter_id);
  g_signal_handlers_disconnect_by_data (fixture->store, &opt_signals);
}

/* An opt-out after the outbox marked a message sending: the row can no
 * longer be queued or sent again, and the store says why. */
static void
test_opt_out_while_sending (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_contact (fixture, fixture->campaign_id, "+15125550107");
  gint64 id = tb_store_message_queue_outbound (fixture->store, a, "Hi", fixture->texter_id, 0, "p", &error);

  g_assert_true (tb_store_opt_out_add (fixture->store, "+15125550107", TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error));
  g_assert_cmpint (state_of (fixture, id), ==, TB_MESSAGE_STATE_FAILED);
  g_assert_false (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
}

/* Two programs on one file about to send the same queued row: one claim
 * wins, the other is refused (the plain state change would let both through,
 * sending → sending being no change). */
static void
test_claim_once (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) other = NULL;
  gint64 a = add_contact (fixture, fixture->campaign_id, "+15125550121");
  gint64 b = add_contact (fixture, fixture->campaign_id, "+15125550122");
  gint64 id = tb_store_message_queue_outbound (fixture->store, a, "Hi", fixture->texter_id, 0, "c1", &error);
  gint64 stopped = tb_store_message_queue_outbound (fixture->store, b, "Hi", fixture->texter_id, 0, "c2", &error);

  g_assert_no_error (error);
  other = tb_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (tb_store_message_claim (other, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (fixture, id), ==, TB_MESSAGE_STATE_SENDING);
  g_assert_false (tb_store_message_claim (fixture->store, id, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_SENDING,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Failed by an opt-out: nothing to claim. */
  g_assert_true (tb_store_opt_out_add (fixture->store, "+15125550122", TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, &error));
  g_assert_false (tb_store_message_claim (other, stopped, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_false (tb_store_message_claim (other, 987654, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
}

/* The press's audit row is written in the message's transaction: when it
 * cannot be written, no message is queued either (and the same press
 * again writes no second row). */
static void
test_queue_audited (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  sqlite3 *db = tb_store_get_db (fixture->store);
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550134");
  gint64 id, again;
  g_autofree char *detail = NULL;
  TbAuditEntry *entry;

  id = tb_store_message_queue_first_text (fixture->store, contact_id, "Hi", fixture->texter_id, 0,
                                          "audited", &error);
  g_assert_no_error (error);
  again = tb_store_message_queue_first_text (fixture->store, contact_id, "Hi", fixture->texter_id, 0,
                                             "audited", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  audit = tb_store_audit_list (fixture->store, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  entry = audit->pdata[0];
  detail = g_strdup_printf ("message %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (entry->action, ==, "send_first_text");
  g_assert_cmpstr (entry->subject, ==, "+15125550134");
  g_assert_cmpstr (entry->detail, ==, detail);
  g_assert_cmpint (entry->texter_id, ==, fixture->texter_id);

  /* Another program's rule refuses audit rows: the press fails whole. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON main.audit BEGIN"
                                     "  SELECT RAISE (ABORT, 'no audit today'); END;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (tb_store_message_queue_outbound (fixture->store, contact_id, "Second", fixture->texter_id,
                                                    0, "not-audited", &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "audit"));
  g_clear_error (&error);
  sqlite3_exec (db, "DROP TRIGGER temp.refuse_audit;", NULL, NULL, NULL);
  thread = tb_store_message_list_for_contact (fixture->store, contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 1);
}

/* ---- What the send path writes ------------------------------------------ */

typedef struct {
  StoreFixture *fixture;
  guint         commits;
} WriteCount;

static int
count_commit (void *data)
{
  ((WriteCount *) data)->commits++;
  return 0;
}

/* Empties the WAL and starts counting commits on the store's connection. */
static void
write_count_start (WriteCount   *count,
                   StoreFixture *fixture)
{
  sqlite3 *db = tb_store_get_db (fixture->store);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int rc;

  count->fixture = fixture;
  count->commits = 0;
  /* BUSY while the store's WAL worker is at it. */
  while ((rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL)) == SQLITE_BUSY &&
         g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_commit_hook (db, count_commit, count);
}

/* The B-trees (tables, indexes: dbstat's names) of the pages appended to
 * the WAL since write_count_start(), and how many pages. */
static GHashTable *
write_count_owners (WriteCount *count,
                    guint      *n_pages_out)
{
  g_autofree char *wal = g_strconcat (count->fixture->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  GHashTable *owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = tb_store_get_db (count->fixture->store);
  gsize length = 0;

  sqlite3_commit_hook (db, NULL, NULL);
  *n_pages_out = 0;
  g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
  /* A 32-byte header, then frames: a 24-byte header (the page number
   * first, big-endian) and the page. */
  for (gsize offset = 32; offset + 24 + 4096 <= length; offset += 24 + 4096)
    {
      const guint8 *frame = (const guint8 *) contents + offset;
      guint32 page = ((guint32) frame[0] << 24) | ((guint32) frame[1] << 16) |
                     ((guint32) frame[2] << 8) | frame[3];
      sqlite3_stmt *stmt = NULL;

      (*n_pages_out)++;
      if (sqlite3_prepare_v2 (db, "SELECT name FROM dbstat WHERE pageno = ?1", -1, &stmt, NULL) != SQLITE_OK)
        continue;
      sqlite3_bind_int (stmt, 1, (int) page);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (owners, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }
  return owners;
}

static gboolean
have_dbstat (StoreFixture *fixture)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (tb_store_get_db (fixture->store), "SELECT 1 FROM dbstat LIMIT 1",
                               -1, &stmt, NULL);

  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* The name of the index SQLite made for message.provider_id's UNIQUE. */
static char *
provider_id_index (StoreFixture *fixture)
{
  sqlite3_stmt *stmt = NULL;
  char *name;

  g_assert_cmpint (sqlite3_prepare_v2 (tb_store_get_db (fixture->store),
                                       "SELECT list.name FROM pragma_index_list ('message') AS list,"
                                       "  pragma_index_info (list.name) AS info "
                                       "WHERE info.name = 'provider_id'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return name;
}

/* The claim and the provider in one statement: one commit, and what the
 * losing program would have written is not written. */
static void
test_claim_for (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbStore) other = NULL;
  WriteCount count;
  guint n_pages = 0;
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550131");
  gint64 id = tb_store_message_queue_outbound (fixture->store, contact_id, "Hi", fixture->texter_id, 0,
                                               "claim-for", &error);

  g_assert_no_error (error);
  write_count_start (&count, fixture);
  g_assert_true (tb_store_message_claim_for (fixture->store, id, "twilio", "+15125550000", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.commits, ==, 1);
  /* The message's row and its entry in the outbox index, once each. */
  {
    g_autoptr(GHashTable) owners = write_count_owners (&count, &n_pages);

    g_assert_cmpuint (n_pages, <=, 2);
    if (have_dbstat (fixture))
      {
        g_assert_cmpuint (g_hash_table_size (owners), ==, n_pages);
        g_assert_true (g_hash_table_contains (owners, "message"));
      }
  }

  message = tb_store_message_get (fixture->store, id, &error);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_SENDING);
  g_assert_cmpstr (tb_message_get_provider (message), ==, "twilio");
  g_assert_cmpstr (tb_message_get_our_phone (message), ==, "+15125550000");
  g_clear_object (&message);

  /* A second program loses the claim and changes nothing. */
  other = tb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (tb_store_message_claim_for (other, id, "simulator", "+15005550006", &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  message = tb_store_message_get (fixture->store, id, &error);
  g_assert_cmpstr (tb_message_get_provider (message), ==, "twilio");
  g_assert_cmpstr (tb_message_get_our_phone (message), ==, "+15125550000");
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (!tb_store_sync_finish (TB_STORE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "synced");
}

/* Waits for tb_store_sync_async(); FALSE with error set when it failed. */
static gboolean
sync_store (TbStore  *store,
            GError  **error)
{
  GError *answer = NULL;

  tb_store_sync_async (store, NULL, synced_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (g_error_matches (answer, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_error_free (answer);
      return TRUE;
    }
  g_propagate_error (error, answer);
  return FALSE;
}

/* Promise 3 across a power cut: the claim (queued -> sending, just before
 * the provider is called) must be on disk before the request. Commits are
 * synced only now and then (synchronous NORMAL); tb_store_sync_async()
 * syncs the WAL, in a worker thread, so the main thread never waits for a
 * disk: one fsync a send, none on the main thread. */
static void
test_claim_synced (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550133");
  guint64 syncs, main_thread_syncs;
  gint64 id;

  syncs = tb_io_count_get ()->syncs[TB_IO_WAL];
  main_thread_syncs = tb_io_count_get ()->main_thread_syncs[TB_IO_WAL];
  id = tb_store_message_queue_outbound (fixture->store, contact_id, "Hi", fixture->texter_id, 0,
                                        "synced", &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_message_claim_for (fixture->store, id, "twilio", "+15125550000", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_io_count_get ()->syncs[TB_IO_WAL], ==, syncs);

  g_assert_true (sync_store (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_io_count_get ()->syncs[TB_IO_WAL], ==, syncs + 1);
  g_assert_cmpuint (tb_io_count_get ()->main_thread_syncs[TB_IO_WAL], ==, main_thread_syncs);

  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_ACCEPTED, "SMsynced",
                                             NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tb_io_count_get ()->syncs[TB_IO_WAL], ==, syncs + 1);

  /* A disk that will not sync: an error that says so. */
  tb_io_count_fail_syncs (TRUE);
  g_assert_false (sync_store (fixture->store, &error));
  tb_io_count_fail_syncs (FALSE);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Could not write the database to disk"));
  g_clear_error (&error);

  /* A lost claim says why. */
  g_assert_false (tb_store_message_claim_for (fixture->store, id, "twilio", NULL, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE);
}

/* A commit of the store's connection (a Send press, on the main thread)
 * never checkpoints: past the WAL threshold a worker thread copies the WAL
 * into the database. SQLite's own automatic checkpoint did it inside the
 * commit that crossed the threshold (4-5 ms, measured in bench-texting). */
static void
test_checkpoint_on_worker (StoreFixture  *fixture,
                           gconstpointer  data)
{
  TbWalWorker *wal_worker = tb_store_get_wal_worker (fixture->store);
  guint completed = tb_wal_worker_get_completed (wal_worker);
  guint64 main_db_writes = tb_io_count_get ()->main_thread_writes[TB_IO_DB];
  guint64 db_writes = tb_io_count_get ()->writes[TB_IO_DB];
  guint64 wal_writes = tb_io_count_get ()->writes[TB_IO_WAL];
  gint64 deadline;

  /* Well past the threshold, one commit at a time. */
  for (guint i = 0; tb_io_count_get ()->writes[TB_IO_WAL] - wal_writes < 3 * TB_CHECKPOINT_PAGES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = g_strdup_printf ("+1512557%04u", i);
      g_autofree char *press = g_strdup_printf ("checkpoint-%u", i);

      g_assert_cmpuint (i, <, 20000);
      tb_store_message_queue_outbound (fixture->store, add_contact (fixture, fixture->campaign_id, phone),
                                       "A message long enough to take some room in a page", fixture->texter_id,
                                       0, press, &error);
      g_assert_no_error (error);
    }

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (tb_wal_worker_get_completed (wal_worker) == completed && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpuint (tb_wal_worker_get_completed (wal_worker), >, completed);
  g_assert_cmpuint (tb_io_count_get ()->writes[TB_IO_DB], >, db_writes);
  g_assert_cmpuint (tb_io_count_get ()->main_thread_writes[TB_IO_DB], ==, main_db_writes);
}

/* A status change that gives no provider id leaves provider_id's UNIQUE
 * index alone (naming the column rewrote a page of it, at a random place,
 * on every status); the accept writes the id and the segments at once. */
static void
test_change_state_pages (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  WriteCount count;
  guint n_pages = 0;
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550132");
  gint64 id = tb_store_message_queue_outbound (fixture->store, contact_id, "Hi", fixture->texter_id, 0,
                                               "pages", &error);
  TbMessageStateChange accept = { id, TB_MESSAGE_STATE_ACCEPTED, "SMpages", NULL, NULL, 3 };

  g_assert_no_error (error);
  /* Enough other rows that provider ids and messages span several pages. */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *phone = g_strdup_printf ("+1512556%04u", i);
      g_autofree char *press = g_strdup_printf ("pages-%u", i);
      g_autofree char *sid = g_strdup_printf ("SM%08x%08x", g_random_int (), i);
      gint64 other = tb_store_message_queue_outbound (fixture->store, add_contact (fixture, fixture->campaign_id, phone),
                                                      "Another message, long enough to fill pages sooner",
                                                      fixture->texter_id, 0, press, &error);

      g_assert_no_error (error);
      g_assert_true (tb_store_message_claim (fixture->store, other, &error));
      g_assert_true (tb_store_message_set_state (fixture->store, other, TB_MESSAGE_STATE_ACCEPTED, sid,
                                                 NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (tb_store_message_claim (fixture->store, id, &error));

  write_count_start (&count, fixture);
  g_assert_true (tb_store_message_change_state (fixture->store, &accept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.commits, ==, 1);
  message = tb_store_message_get (fixture->store, id, &error);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
  g_assert_cmpstr (tb_message_get_provider_id (message), ==, "SMpages");
  g_assert_cmpint (tb_message_get_segments (message), ==, 3);
  g_clear_object (&message);

  write_count_start (&count, fixture);
  g_assert_true (tb_store_message_set_state (fixture->store, id, TB_MESSAGE_STATE_SENT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The row and the outbox index, not provider_id's index. */
  {
    g_autoptr(GHashTable) owners = write_count_owners (&count, &n_pages);
    g_autofree char *index = provider_id_index (fixture);

    g_assert_cmpuint (count.commits, ==, 1);
    if (!have_dbstat (fixture))
      g_test_message ("No dbstat table in this SQLite: which B-trees were written is not checked");
    else
      {
        g_assert_true (g_hash_table_contains (owners, "message"));
        g_assert_false (g_hash_table_contains (owners, index));
      }
  }
  message = tb_store_message_get (fixture->store, id, &error);
  g_assert_cmpstr (tb_message_get_provider_id (message), ==, "SMpages");
  g_assert_cmpint (tb_message_get_segments (message), ==, 3);
}

/* A second text to a contact that is already waiting, from the texter who
 * texted it last, leaves the queue and texter indexes alone (naming status
 * and texter_id rewrote a page of each); from another texter, or to a
 * contact that needs a reply, they change as before. */
static void
test_follow_up_pages (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbContact) contact = NULL;
  WriteCount count;
  TbQueueCounts counts;
  guint n_pages = 0;
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550135");
  gint64 other_texter = tb_store_texter_add (fixture->store, "Bo", NULL, FALSE, &error);

  g_assert_no_error (error);
  /* Enough contacts that the queues span several index pages. */
  add_contacts (fixture, 1000, 600);
  tb_store_message_queue_outbound (fixture->store, contact_id, "One", fixture->texter_id, 0, "f1", &error);
  g_assert_no_error (error);

  write_count_start (&count, fixture);
  tb_store_message_queue_outbound (fixture->store, contact_id, "Two", fixture->texter_id, 0, "f2", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GHashTable) owners = write_count_owners (&count, &n_pages);

    g_assert_cmpuint (count.commits, ==, 1);
    if (have_dbstat (fixture))
      {
        g_assert_true (g_hash_table_contains (owners, "contact"));
        g_assert_false (g_hash_table_contains (owners, "contact_queue"));
        g_assert_false (g_hash_table_contains (owners, "contact_texter"));
        g_assert_false (g_hash_table_contains (owners, "contact_count"));
      }
  }
  contact = tb_store_contact_get (fixture->store, contact_id, &error);
  g_assert_cmpint (tb_contact_get_status (contact), ==, TB_CONTACT_STATUS_WAITING);
  g_assert_cmpint (tb_contact_get_texter_id (contact), ==, fixture->texter_id);
  g_assert_cmpstr (tb_contact_get_last_message_preview (contact), ==, "Two");
  g_clear_object (&contact);

  /* Another texter: the contact is theirs now. */
  tb_store_message_queue_outbound (fixture->store, contact_id, "Three", other_texter, 0, "f3", &error);
  g_assert_no_error (error);
  contact = tb_store_contact_get (fixture->store, contact_id, &error);
  g_assert_cmpint (tb_contact_get_texter_id (contact), ==, other_texter);
  g_assert_cmpstr (tb_contact_get_last_message_preview (contact), ==, "Three");
  g_clear_object (&contact);

  /* Needs a reply: the answer moves it back to waiting, counts and all. */
  g_assert_true (tb_store_contact_set_status (fixture->store, contact_id, TB_CONTACT_STATUS_NEEDS_REPLY, &error));
  g_assert_true (tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error));
  g_assert_cmpint (counts.by_status[TB_CONTACT_STATUS_NEEDS_REPLY], ==, 1);
  tb_store_message_queue_outbound (fixture->store, contact_id, "Four", other_texter, 0, "f4", &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (fixture, contact_id), ==, TB_CONTACT_STATUS_WAITING);
  g_assert_true (tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error));
  g_assert_cmpint (counts.by_status[TB_CONTACT_STATUS_NEEDS_REPLY], ==, 0);
  g_assert_cmpint (counts.by_status[TB_CONTACT_STATUS_WAITING], ==, 1);
}

/* Several changes, one transaction: made in order, a change the machine
 * refuses (or a duplicate id) is skipped and the others stay made. */
static void
test_change_states (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = NULL;
  gint64 ids[12];
  TbMessageStateChange changes[G_N_ELEMENTS (ids) + 2];
  WriteCount count;
  guint one_by_one = 0, n_pages = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *phone = g_strdup_printf ("+1512557%04u", i);
      g_autofree char *press = g_strdup_printf ("batch-%u", i);
      g_autofree char *sid = g_strdup_printf ("SMbatch%u", i);

      ids[i] = tb_store_message_queue_outbound (fixture->store,
                                                add_contact (fixture, fixture->campaign_id, phone),
                                                "Hi", fixture->texter_id, 0, press, &error);
      g_assert_no_error (error);
      g_assert_true (tb_store_message_claim (fixture->store, ids[i], &error));
      g_assert_true (tb_store_message_set_state (fixture->store, ids[i], TB_MESSAGE_STATE_ACCEPTED, sid,
                                                 NULL, NULL, &error));
      g_assert_no_error (error);
      changes[i] = (TbMessageStateChange) { ids[i], TB_MESSAGE_STATE_DELIVERED, NULL, NULL, NULL, 0 };
    }
  /* The first one, one by one: the cost the batch is measured against. */
  write_count_start (&count, fixture);
  g_assert_true (tb_store_message_set_state (fixture->store, ids[0], TB_MESSAGE_STATE_SENT, NULL, NULL, NULL, &error));
  g_hash_table_unref (write_count_owners (&count, &one_by_one));
  g_assert_cmpuint (one_by_one, >=, 2);

  changes[1].state = TB_MESSAGE_STATE_UNDELIVERED;
  changes[1].error_code = "30006";
  changes[1].error_text = "Landline or unreachable carrier";
  /* Backwards: refused, skipped. */
  changes[G_N_ELEMENTS (ids)] = (TbMessageStateChange) { ids[2], TB_MESSAGE_STATE_QUEUED, NULL, NULL, NULL, 0 };
  /* No such message: skipped. */
  changes[G_N_ELEMENTS (ids) + 1] = (TbMessageStateChange) { 987654, TB_MESSAGE_STATE_SENT, NULL, NULL, NULL, 0 };

  write_count_start (&count, fixture);
  g_assert_cmpuint (tb_store_message_change_states (fixture->store, changes, G_N_ELEMENTS (changes), &error),
                    ==, G_N_ELEMENTS (ids));
  g_assert_no_error (error);
  g_assert_cmpuint (count.commits, ==, 1);
  /* Twelve changes share their pages: fewer than two changes made one by one. */
  g_hash_table_unref (write_count_owners (&count, &n_pages));
  g_assert_cmpuint (n_pages, <, 2 * one_by_one);

  g_assert_cmpint (state_of (fixture, ids[0]), ==, TB_MESSAGE_STATE_DELIVERED);
  g_assert_cmpint (state_of (fixture, ids[2]), ==, TB_MESSAGE_STATE_DELIVERED);
  g_assert_cmpint (state_of (fixture, ids[11]), ==, TB_MESSAGE_STATE_DELIVERED);
  message = tb_store_message_get (fixture->store, ids[1], &error);
  g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_UNDELIVERED);
  g_assert_cmpstr (tb_message_get_error_code (message), ==, "30006");
  g_assert_cmpstr (tb_message_get_provider_id (message), ==, "SMbatch1");

  g_assert_cmpuint (tb_store_message_change_states (fixture->store, changes, 0, &error), ==, 0);
  g_assert_no_error (error);
}

/* The transaction itself cannot start (another program holds the write
 * lock): nothing is made, and the error says so. */
static void
test_change_states_locked (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = NULL;
  sqlite3 *locker = NULL;
  gint64 contact_id = add_contact (fixture, fixture->campaign_id, "+15125550133");
  gint64 id = tb_store_message_queue_outbound (fixture->store, contact_id, "Hi", fixture->texter_id, 0,
                                               "locked", &error);
  TbMessageStateChange change = { id, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, 0 };

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (fixture->path, &locker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locker, "BEGIN IMMEDIATE;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (tb_store_get_db (fixture->store), 1);
  g_assert_cmpuint (tb_store_message_change_states (fixture->store, &change, 1, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  sqlite3_exec (locker, "ROLLBACK;", NULL, NULL, NULL);
  sqlite3_close (locker);
  g_assert_cmpint (state_of (fixture, id), ==, TB_MESSAGE_STATE_QUEUED);
}

static void
test_stats (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texters = NULL;
  TbCampaignStats stats;
  gint64 bob = tb_store_texter_add (fixture->store, "Bob", NULL, FALSE, &error);
  gint64 a = add_contact (fixture, fixture->campaign_id, "+15125550111");
  gint64 b = add_contact (fixture, fixture->campaign_id, "+15125550112");
  gint64 c = add_contact (fixture, fixture->campaign_id, "+15125550113");
  gint64 hour = G_USEC_PER_SEC * (gint64) 3600;
  gint64 m1, m2;
  TbTexterStats *row;

  m1 = tb_store_message_queue_outbound (fixture->store, a, "1", fixture->texter_id, 10 * hour, "s1", &error);
  m2 = tb_store_message_queue_outbound (fixture->store, b, "2", fixture->texter_id, 12 * hour, "s2", &error);
  tb_store_message_queue_outbound (fixture->store, c, "3", bob, 11 * hour, "s3", &error);
  g_assert_no_error (error);
  tb_store_message_set_state (fixture->store, m1, TB_MESSAGE_STATE_SENDING, NULL, NULL, NULL, &error);
  tb_store_message_set_state (fixture->store, m1, TB_MESSAGE_STATE_DELIVERED, "X1", NULL, NULL, &error);
  tb_store_message_set_state (fixture->store, m2, TB_MESSAGE_STATE_FAILED, NULL, "30006", "landline", &error);
  g_assert_no_error (error);
  tb_store_message_insert_inbound (fixture->store, "+15125550111", NULL, "yes", "R1", 13 * hour, NULL, NULL, &error);
  tb_store_message_queue_outbound (fixture->store, a, "great", fixture->texter_id, 13 * hour, "s4", &error);
  tb_store_opt_out_add (fixture->store, "+15125550112", TB_OPT_OUT_SOURCE_MANUAL, 0, bob, &error);
  g_assert_no_error (error);

  g_assert_true (tb_store_stats_campaign (fixture->store, fixture->campaign_id, 0, &stats, &error));
  g_assert_cmpint (stats.contacts, ==, 3);
  g_assert_cmpint (stats.sent, ==, 4);
  g_assert_cmpint (stats.first_texts, ==, 3);
  g_assert_cmpint (stats.delivered, ==, 1);
  g_assert_cmpint (stats.failed, ==, 1);
  g_assert_cmpint (stats.pending, ==, 2);
  g_assert_cmpint (stats.received, ==, 1);
  g_assert_cmpint (stats.replied, ==, 1);
  g_assert_cmpint (stats.opted_out, ==, 1);

  g_assert_true (tb_store_stats_campaign (fixture->store, fixture->campaign_id, 12 * hour, &stats, &error));
  g_assert_cmpint (stats.sent, ==, 2);

  texters = tb_store_stats_texters (fixture->store, fixture->campaign_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texters->len, ==, 2);
  row = texters->pdata[0];
  g_assert_cmpstr (row->texter_name, ==, "Ada");
  g_assert_cmpint (row->sent, ==, 3);
  g_assert_cmpint (row->first_texts, ==, 2);
  g_assert_cmpint (row->replies, ==, 1);
  g_assert_cmpint (row->delivered, ==, 1);
  g_assert_cmpint (row->failed, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->sends_per_hour, 1.0, 0.001); /* 3 sends over 3 hours */
  row = texters->pdata[1];
  g_assert_cmpstr (row->texter_name, ==, "Bob");
  g_assert_cmpint (row->sent, ==, 1);
  g_assert_cmpint (row->opted_out, ==, 1);
  g_clear_pointer (&texters, g_ptr_array_unref);

  texters = tb_store_stats_texters (fixture->store, 0, 13 * hour, &error);
  g_assert_cmpuint (texters->len, ==, 2);
  g_assert_cmpint (((TbTexterStats *) texters->pdata[0])->sent, ==, 1);
}

/* ---- The stats snapshot, read in a worker ---------------------------------- */

typedef struct {
  TbStatsSnapshot *snapshot;
  GError          *error;
  GAsyncResult    *result;
} SnapshotWait;

static void
on_snapshot (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SnapshotWait *wait = user_data;

  wait->snapshot = tb_store_stats_snapshot_finish (TB_STORE (source), result, &wait->error);
  wait->result = g_object_ref (result);
}

/* Runs the read and waits until its task (which holds the store) is gone,
 * so the fixture can check the store is freed. */
static void
read_snapshot (StoreFixture *fixture,
               gint64        hours_from,
               guint         n_hours,
               GCancellable *cancellable,
               SnapshotWait *wait)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GAsyncResult *result;

  tb_store_stats_snapshot_async (fixture->store, fixture->campaign_id, hours_from, n_hours, cancellable,
                                 on_snapshot, wait);
  while (wait->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (wait->result);

  result = wait->result;
  g_object_add_weak_pointer (G_OBJECT (result), (gpointer *) &result);
  g_clear_object (&wait->result);
  while (result != NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (result);
}

static void
test_stats_snapshot (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texters = NULL;
  SnapshotWait wait = { NULL, NULL, NULL };
  TbCampaignStats stats;
  TbQueueCounts counts;
  gint64 bob = tb_store_texter_add (fixture->store, "Bob", NULL, FALSE, &error);
  gint64 a = add_contact (fixture, fixture->campaign_id, "+15125550111");
  gint64 b = add_contact (fixture, fixture->campaign_id, "+15125550112");
  gint64 c = add_contact (fixture, fixture->campaign_id, "+15125550113");
  gint64 hour = G_USEC_PER_SEC * (gint64) 3600;

  tb_store_message_queue_outbound (fixture->store, a, "1", fixture->texter_id, 10 * hour, "s1", &error);
  tb_store_message_queue_outbound (fixture->store, b, "2", fixture->texter_id, 12 * hour + 59, "s2", &error);
  tb_store_message_queue_outbound (fixture->store, c, "3", bob, 11 * hour, "s3", &error);
  tb_store_message_queue_outbound (fixture->store, a, "4", bob, 9 * hour, "s4", &error);
  tb_store_message_insert_inbound (fixture->store, "+15125550111", NULL, "yes", "R1", 11 * hour, NULL, NULL, &error);
  /* Later than the last hour asked for: counted in it. */
  tb_store_message_queue_outbound (fixture->store, a, "5", fixture->texter_id, 20 * hour, "s5", &error);
  tb_store_opt_out_add (fixture->store, "+15125550112", TB_OPT_OUT_SOURCE_MANUAL, 0, bob, &error);
  g_assert_no_error (error);

  read_snapshot (fixture, 10 * hour, 3, NULL, &wait);
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.snapshot);

  /* The same figures as the calls on the store's own connection. */
  g_assert_true (tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error));
  g_assert_cmpmem (&wait.snapshot->counts, sizeof counts, &counts, sizeof counts);
  g_assert_cmpint (wait.snapshot->counts.total, ==, 3);
  g_assert_true (tb_store_stats_campaign (fixture->store, fixture->campaign_id, 0, &stats, &error));
  g_assert_cmpmem (&wait.snapshot->campaign, sizeof stats, &stats, sizeof stats);
  g_assert_cmpint (wait.snapshot->campaign.sent, ==, 5);
  g_assert_cmpint (wait.snapshot->campaign.opted_out, ==, 1);
  texters = tb_store_stats_texters (fixture->store, fixture->campaign_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wait.snapshot->texters->len, ==, texters->len);
  g_assert_cmpuint (texters->len, ==, 2);
  for (guint i = 0; i < texters->len; i++)
    {
      TbTexterStats *mine = wait.snapshot->texters->pdata[i];
      TbTexterStats *theirs = texters->pdata[i];

      g_assert_cmpstr (mine->texter_name, ==, theirs->texter_name);
      g_assert_cmpint (mine->sent, ==, theirs->sent);
      g_assert_cmpint (mine->opted_out, ==, theirs->opted_out);
    }

  /* Outbound per hour from 10:00: 10:00 one, 11:00 one (the inbound one is
   * not a send), 12:00 one plus the later one; 09:00 is before. */
  g_assert_cmpint (wait.snapshot->hours_from, ==, 10 * hour);
  g_assert_cmpuint (wait.snapshot->n_hours, ==, 3);
  g_assert_cmpint (wait.snapshot->sent_per_hour[0], ==, 1);
  g_assert_cmpint (wait.snapshot->sent_per_hour[1], ==, 1);
  g_assert_cmpint (wait.snapshot->sent_per_hour[2], ==, 2);
  g_clear_pointer (&wait.snapshot, tb_stats_snapshot_free);
}

static void
test_stats_snapshot_cancelled (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SnapshotWait wait = { NULL, NULL, NULL };

  g_cancellable_cancel (cancellable);
  read_snapshot (fixture, 0, 12, cancellable, &wait);
  g_assert_null (wait.snapshot);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
}

/* The worker opens the file again: gone, the read fails with a store error. */
static void
test_stats_snapshot_unreadable (StoreFixture  *fixture,
                                gconstpointer  data)
{
  SnapshotWait wait = { NULL, NULL, NULL };

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  read_snapshot (fixture, 0, 12, NULL, &wait);
  g_assert_null (wait.snapshot);
  g_assert_nonnull (wait.error);
  g_assert_true (wait.error->domain == TB_STORE_ERROR);
  g_test_message ("%s", wait.error->message);
  g_clear_error (&wait.error);
}

int
main (int   argc,
      char *argv[])
{
  /* Counts the syncs the store asks of each file (before any is opened). */
  tb_io_count_install ();
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/messages/queue-outbound", test_queue_outbound);
  STORE_TEST_ADD ("/store/messages/state-machine", test_state_machine);
  STORE_TEST_ADD ("/store/messages/inbound", test_inbound);
  STORE_TEST_ADD ("/store/opt-out/one-list", test_opt_out);
  STORE_TEST_ADD ("/store/opt-out/while-sending", test_opt_out_while_sending);
  STORE_TEST_ADD ("/store/messages/claim-once", test_claim_once);
  STORE_TEST_ADD ("/store/messages/claim-for", test_claim_for);
  STORE_TEST_ADD ("/store/messages/claim-synced", test_claim_synced);
  STORE_TEST_ADD ("/store/messages/checkpoint-on-worker", test_checkpoint_on_worker);
  STORE_TEST_ADD ("/store/messages/queue-audited", test_queue_audited);
  STORE_TEST_ADD ("/store/messages/change-state-pages", test_change_state_pages);
  STORE_TEST_ADD ("/store/messages/follow-up-pages", test_follow_up_pages);
  STORE_TEST_ADD ("/store/messages/change-states", test_change_states);
  STORE_TEST_ADD ("/store/messages/change-states-locked", test_change_states_locked);
  STORE_TEST_ADD ("/store/stats", test_stats);
  STORE_TEST_ADD ("/store/stats/snapshot", test_stats_snapshot);
  STORE_TEST_ADD ("/store/stats/snapshot-cancelled", test_stats_snapshot_cancelled);
  STORE_TEST_ADD ("/store/stats/snapshot-unreadable", test_stats_snapshot_unreadable);

  return g_test_run ();
}
