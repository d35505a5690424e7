/* tb-session.h: the signed-in texter, the open campaign, the provider, and
 * the outbox and inbox sync that join them to the store
 *
 * The UI and textbank-cli talk to the session layer only through TbSession
 * and TbOutbox. Nothing can be sent until a texter has signed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-access.h"
#include "tb-clock.h"
#include "tb-inbox-sync.h"
#include "tb-outbox.h"
#include "tb-provider.h"
#include "tb-store.h"
#include "tb-webhook.h"

G_BEGIN_DECLS

#define TB_SESSION_ERROR (tb_session_error_quark ())

typedef enum {
  TB_SESSION_ERROR_NO_SUCH_TEXTER,
  TB_SESSION_ERROR_NO_SUCH_CAMPAIGN,
  TB_SESSION_ERROR_INVALID_NAME,
  TB_SESSION_ERROR_PIN_REQUIRED,    /* tb_session_sign_in() on a texter with a PIN */
} TbSessionError;

/* The demo campaign's name; tb_session_ensure_demo_campaign() finds it by
 * its is_demo flag, not by this name. */
#define TB_SESSION_DEMO_CAMPAIGN_NAME "Demo campaign"
/* How many fictional contacts the demo campaign gets. */
#define TB_SESSION_DEMO_CONTACTS 200

#define TB_TYPE_SESSION (tb_session_get_type ())
G_DECLARE_FINAL_TYPE (TbSession, tb_session, TB, SESSION, GObject)

GQuark       tb_session_error_quark          (void);

/* provider may be NULL: the session then uses a TbSimulatorProvider, the
 * default. The session keeps references to both. */
TbSession   *tb_session_new                  (TbStore      *store,
                                              TbProvider   *provider);

TbStore     *tb_session_get_store            (TbSession    *self);
TbProvider  *tb_session_get_provider         (TbSession    *self);
/* Swaps the provider (after the settings change). Work in flight on the old
 * provider finishes there; new sends go to the new one. */
void         tb_session_set_provider         (TbSession    *self,
                                              TbProvider   *provider);
/* TRUE when the provider is the built-in simulator ("is-simulator"). */
gboolean     tb_session_is_simulator         (TbSession    *self);
TbOutbox    *tb_session_get_outbox           (TbSession    *self);
TbInboxSync *tb_session_get_inbox_sync       (TbSession    *self);

/* The time source for the outbox and the inbox sync (tests only). */
void         tb_session_set_clock            (TbSession    *self,
                                              TbClockFunc   clock,
                                              gpointer      clock_data);
gint64       tb_session_now                  (TbSession    *self);

/* Start-up: every `sending` row becomes `unknown` and is reconciled, queued
 * rows are sent, and the inbox sync starts polling (unless interval is 0).
 * Call once, after the provider is set. */
void         tb_session_start                (TbSession    *self);

/* Texters. Sign-in makes texter_id the one recorded on every send from now
 * on ("texter-id", "texter-name" notify). A texter with a PIN is refused
 * (PIN_REQUIRED): use tb_session_sign_in_with_pin_async(). */
gboolean     tb_session_sign_in              (TbSession    *self,
                                              gint64        texter_id,
                                              GError      **error);
/* Finds the texter by name, creating it when new; then signs in. */
gboolean     tb_session_sign_in_by_name      (TbSession    *self,
                                              const char   *name,
                                              GError      **error);
/* What tb_session_sign_in_by_name() would do, writing nothing: refuses a
 * blank name (INVALID_NAME) and a texter with a PIN (PIN_REQUIRED). Returns
 * the name as signing in would record it, with the texter's id in
 * *texter_id_out, or 0 when the name is new (signing in would add it).
 * A command that can still be refused checks with this first and signs in
 * only once it goes ahead, so a refusal adds no texter (promise 7). */
char        *tb_session_check_sign_in_by_name (TbSession   *self,
                                               const char  *name,
                                               gint64      *texter_id_out,
                                               GError     **error);
void         tb_session_sign_out             (TbSession    *self);
/* 0 and NULL while nobody is signed in. */
gint64       tb_session_get_texter_id        (TbSession    *self);
const char  *tb_session_get_texter_name      (TbSession    *self);

/* The open campaign ("campaign-id" notifies). */
gboolean     tb_session_open_campaign        (TbSession    *self,
                                              gint64        campaign_id,
                                              GError      **error);
gint64       tb_session_get_campaign_id      (TbSession    *self);

/* The optional webhook receiver (off by default): replies and receipts
 * arrive sooner; polling goes on. auth_token signs Twilio's requests.
 * Starting it again replaces the old one. */
gboolean     tb_session_start_webhook        (TbSession    *self,
                                              const char   *auth_token,
                                              guint         port,
                                              gboolean      loopback_only,
                                              const char   *public_base_url,
                                              GError      **error);
void         tb_session_stop_webhook         (TbSession    *self);
/* NULL while off. */
TbWebhook   *tb_session_get_webhook          (TbSession    *self);

/* Creates the demo campaign (is_demo, ~200 fictional contacts, an initial
 * message, canned replies, a survey question) unless one exists. Returns
 * its id either way, or 0 with error set. */
gint64       tb_session_ensure_demo_campaign (TbSession    *self,
                                              GError      **error);

/* ---- Shared workstations (issue 8): tb-session-access.c ---------------- */

/* The admin role, the idle lock, PINs and the audit trail. The session
 * forwards its "admin-unlocked" and "locked" properties; a texter switch
 * locks the admin role, a sign-in lifts the idle lock. */
TbAccess    *tb_session_get_access           (TbSession    *self);
gboolean     tb_session_get_admin_unlocked   (TbSession    *self);
gboolean     tb_session_get_locked           (TbSession    *self);
/* Shorthand for tb_access_check_admin(). */
gboolean     tb_session_check_admin          (TbSession    *self,
                                              TbAdminAction action,
                                              GError      **error);

/* Verifies the PIN (rate limited, in a worker thread), then signs in. */
void         tb_session_sign_in_with_pin_async  (TbSession           *self,
                                                 gint64               texter_id,
                                                 const char          *pin,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     tb_session_sign_in_with_pin_finish (TbSession           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Undoes an opt-out: admin only (ADMIN_LOCKED otherwise), audited by the
 * store with the signed-in texter. */
gboolean     tb_session_remove_opt_out       (TbSession    *self,
                                              const char   *phone,
                                              GError      **error);

/* The signed-in texter's summary since they signed in; NULL with error when
 * nobody is signed in (NO_SUCH_TEXTER) or the store failed. */
TbTexterStats *tb_session_shift_summary      (TbSession    *self,
                                              GError      **error);

G_END_DECLS
