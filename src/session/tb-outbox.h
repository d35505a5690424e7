/* tb-outbox.h: the send state machine
 *
 * One Send press is one tb_outbox_submit() call: fast, synchronous, no
 * network. It checks the signed-in texter, the contact's opt-out and texting
 * hours at the press instant and the demo rule, then queues the row. The
 * network work runs afterwards on the main loop:
 *
 *   queued -> sending (committed before the request) -> accepted | failed
 *                  \-> unknown (no answer: timeout, reset) -> reconciled by
 *                      listing the provider's messages to that number,
 *                      never re-sent blindly
 *
 * Automatic retries happen only when the provider certainly did not take the
 * message, within texting hours, for a few minutes; then a person presses
 * Retry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-clock.h"
#include "tb-provider.h"
#include "tb-store.h"

G_BEGIN_DECLS

#define TB_OUTBOX_ERROR (tb_outbox_error_quark ())

/* Why a press (or a Retry) was refused. Messages name the contact. */
typedef enum {
  TB_OUTBOX_ERROR_NOT_SIGNED_IN,    /* no texter: nothing is sent */
  TB_OUTBOX_ERROR_NO_SUCH_CONTACT,
  TB_OUTBOX_ERROR_OPTED_OUT,        /* the phone is on the opt-out list */
  TB_OUTBOX_ERROR_OUTSIDE_HOURS,    /* outside the contact's texting window */
  TB_OUTBOX_ERROR_DEMO_CAMPAIGN,    /* a demo campaign with a real provider */
  TB_OUTBOX_ERROR_EMPTY_BODY,
  TB_OUTBOX_ERROR_NOT_RETRYABLE,    /* Retry on a message that is not failed */
  TB_OUTBOX_ERROR_NOT_RECEIVED,     /* reconciliation: the provider never got it */
} TbOutboxError;

/* Defaults of the settings below. */
#define TB_OUTBOX_DEFAULT_RATE_PER_SECOND 1.0
#define TB_OUTBOX_DEFAULT_RETRY_WINDOW_SECONDS (5 * 60)
#define TB_OUTBOX_DEFAULT_SETTLE_SECONDS (2 * 60)
/* ValidityPeriod is the time left in the texting window, at most this. */
#define TB_OUTBOX_MAX_VALIDITY_SECONDS (4 * 60 * 60)

#define TB_TYPE_OUTBOX (tb_outbox_get_type ())
G_DECLARE_FINAL_TYPE (TbOutbox, tb_outbox, TB, OUTBOX, GObject)

GQuark       tb_outbox_error_quark      (void);

/* Normally made by TbSession; tests may make their own. */
TbOutbox    *tb_outbox_new              (TbStore       *store,
                                         TbProvider    *provider);

void         tb_outbox_set_provider     (TbOutbox      *self,
                                         TbProvider    *provider);
/* The texter recorded on submits and retries; 0 refuses every press
 * ("texter-id"; TbSession binds it to the signed-in texter). */
void         tb_outbox_set_texter_id    (TbOutbox      *self,
                                         gint64         texter_id);
gint64       tb_outbox_get_texter_id    (TbOutbox      *self);
void         tb_outbox_set_clock        (TbOutbox      *self,
                                         TbClockFunc    clock,
                                         gpointer       clock_data);

/* Settings (properties of the same names):
 * "rate-per-second" messages per second per sending number (token bucket,
 * burst 1); "retry-window" seconds of automatic retries after the first
 * attempt; "settle-time" seconds after which an unknown message that the
 * provider does not list is marked failed; "request-timeout" seconds. */
void         tb_outbox_set_rate_per_second (TbOutbox   *self,
                                            double      rate);
void         tb_outbox_set_retry_window    (TbOutbox   *self,
                                            guint       seconds);
void         tb_outbox_set_settle_time     (TbOutbox   *self,
                                            guint       seconds);

/* The checks submit makes, without queuing anything: for the composer to
 * say why Send is disabled. On OUTSIDE_HOURS, opens_at_out (may be NULL) is
 * the next allowed instant (UTC µs). */
gboolean     tb_outbox_check_contact    (TbOutbox      *self,
                                         gint64         contact_id,
                                         gint64        *opens_at_out,
                                         GError       **error);

/* Every check of tb_outbox_submit() (first_text FALSE) or
 * tb_outbox_submit_first_text() (TRUE) but who pressed, writing nothing: for
 * a caller that signs a texter in only once the press will go ahead
 * (textbank-cli send). The submit checks again. */
gboolean     tb_outbox_check_press      (TbOutbox      *self,
                                         gint64         contact_id,
                                         const char    *body,
                                         gboolean       first_text,
                                         GError       **error);

/* The Send press. Queues one message and returns its id at once (0 with
 * error set when refused; no row is written then). The same press_id twice
 * gives the same id and one row. The network work follows in the background. */
gint64       tb_outbox_submit           (TbOutbox      *self,
                                         gint64         contact_id,
                                         const char    *body,
                                         const char    *press_id,
                                         GError       **error);

/* The same for a press on a first-text screen: refused (TB_STORE_ERROR_
 * ALREADY_TEXTED) when the contact has had its first text already, from
 * another texter or a stale screen, so an initial message never goes twice. */
gint64       tb_outbox_submit_first_text (TbOutbox     *self,
                                          gint64        contact_id,
                                          const char   *body,
                                          const char   *press_id,
                                          GError      **error);

/* A person's Retry on a failed message: the same checks as a press, then
 * the message is queued again with the signed-in texter. */
gboolean     tb_outbox_retry            (TbOutbox      *self,
                                         gint64         message_id,
                                         GError       **error);

/* A texter's Opt out: the contact's phone goes on the opt-out list
 * (source manual) with the signed-in texter, in every campaign. Nothing is
 * sent to it afterwards, not even a confirmation (docs/session.md); rows
 * still queued for it fail with TB_OUTBOX_ERROR_OPTED_OUT and
 * "message-failed". */
gboolean     tb_outbox_opt_out          (TbOutbox      *self,
                                         gint64         contact_id,
                                         GError       **error);

/* Start-up: `sending` rows become `unknown`; unknown rows are reconciled and
 * queued rows are sent. TbSession calls it from tb_session_start(). */
void         tb_outbox_resume           (TbOutbox      *self);

/* Runs whatever is due now (after a test moved the clock). */
void         tb_outbox_kick             (TbOutbox      *self);

/* Counts for the header ("sending", "failed" properties notify). "sending"
 * counts queued, sending and unknown rows. */
guint        tb_outbox_get_sending      (TbOutbox      *self);
guint        tb_outbox_get_failed       (TbOutbox      *self);
/* TRUE when nothing is queued, in flight or waiting for a retry timer. */
gboolean     tb_outbox_is_idle          (TbOutbox      *self);
/* TRUE when no request is in flight and no pass over the queue is pending:
 * what is left waits for a timer (a retry, the rate limit, the settle time).
 * For tests and soak runs that move the clock by hand. */
gboolean     tb_outbox_is_waiting       (TbOutbox      *self);

/* Signals:
 *   "message-failed" (gint64 message_id, GError *error): for a toast. The
 *     error is a TB_PROVIDER_ERROR (or TB_OUTBOX_ERROR_NOT_RECEIVED).
 *   "credentials-rejected" (GError *error): the provider refused the
 *     credentials (Twilio 20003); sending pauses until the provider changes.
 *   "message-changed" (gint64 message_id): a row's state changed. */

G_END_DECLS
