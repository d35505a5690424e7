/* tb-outbox-fixture.h: a store, a campaign and a session with its outbox,
 * shared by the outbox tests
 *
 * A test embeds TbTestOutbox as the member `base` of its own fixture and
 * adds what is its own (the provider it sends with, signal counters).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-session-test-util.h"

G_BEGIN_DECLS

#define TB_TEST_OUTBOX_MAX_CONTACTS 8

typedef struct {
  char       *dir;
  TbStore    *store;
  TbSession  *session;
  TbOutbox   *outbox;      /* the session's */
  gint64      now;         /* the session's clock (UTC µs) */
  gint64      campaign_id;
  gint64      contacts[TB_TEST_OUTBOX_MAX_CONTACTS];
  GPtrArray  *failures;    /* of GError: one per "message-failed" */
} TbTestOutbox;

/* A fresh store with a campaign (sender, window in minutes; 0-1440 is
 * always open) of n_contacts at +1 202 555 01XX, the clock at `now`. */
void        tb_test_outbox_init           (TbTestOutbox *self,
                                           gint64        now,
                                           const char   *sender,
                                           int           start_min,
                                           int           end_min,
                                           guint         n_contacts);
/* A session sending with `provider` on the fixture's clock, its outbox
 * unpaced (the rate limit has its own tests) with a 60 s settle time, and
 * "message-failed" recorded in failures. Nobody is signed in. */
void        tb_test_outbox_start_session  (TbTestOutbox *self,
                                           TbProvider   *provider);
/* Drops the session, the store and the folder. */
void        tb_test_outbox_clear          (TbTestOutbox *self);

/* Signs `name` in (a new texter the first time). */
void        tb_test_outbox_sign_in        (TbTestOutbox *self,
                                           const char   *name);
/* Presses Send for contacts[contact]; the press must be accepted. */
gint64      tb_test_outbox_submit         (TbTestOutbox *self,
                                           guint         contact,
                                           const char   *body,
                                           const char   *press_id);
TbMessage  *tb_test_outbox_get_message    (TbTestOutbox *self,
                                           gint64        message_id);
/* The messages the store holds for contacts[contact]. */
guint       tb_test_outbox_count_messages (TbTestOutbox *self,
                                           guint         contact);
/* Runs the main loop until the outbox is idle (10 s at most). */
void        tb_test_outbox_run_until_idle (TbTestOutbox *self);
/* Moves the clock on by usec, wakes the outbox and runs it until idle. */
void        tb_test_outbox_advance        (TbTestOutbox *self,
                                           gint64        usec);
/* The phone of contacts[contact], "+120255501XX". */
const char *tb_test_outbox_contact_phone  (TbTestOutbox *self,
                                           guint         contact);

G_END_DECLS
