/* tb-access.h: who may do what on a shared workstation
 *
 * TbAccess holds the admin role and the idle lock for one TbSession (which
 * owns it and forwards "admin-unlocked" and "locked").
 *
 * - The admin role is unlocked by the admin passphrase and locks again after
 *   "admin-timeout" seconds, on every texter switch, and on the idle lock.
 *   While no admin passphrase is set (a single-user machine, before the
 *   first-run step) the admin role is always unlocked.
 * - Admin-only operations call tb_access_check_admin() below the UI too: it
 *   refuses with TB_ACCESS_ERROR_ADMIN_LOCKED while the admin is locked.
 * - The idle lock: after "idle-timeout" seconds without
 *   tb_access_note_activity() the workstation locks ("locked" TRUE, the
 *   "idle-locked" signal); a sign-in unlocks it.
 *
 * The timeouts are settings kept in the store (so every account using a
 * shared database file gets the same ones); changing them needs the admin
 * and is audited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-auth.h"
#include "tb-clock.h"
#include "tb-store.h"

G_BEGIN_DECLS

#define TB_ACCESS_ERROR (tb_access_error_quark ())

typedef enum {
  TB_ACCESS_ERROR_ADMIN_LOCKED,    /* an admin-only operation while the admin is locked */
  TB_ACCESS_ERROR_LOCKED,          /* the workstation is locked: sign in first */
  TB_ACCESS_ERROR_INVALID_SETTING, /* a timeout out of range */
  TB_ACCESS_ERROR_INVALID_NAME,    /* a new texter without a name */
} TbAccessError;

/* The operations that need the admin. Stored nowhere: values may change. */
typedef enum {
  TB_ADMIN_ACTION_IMPORT,
  TB_ADMIN_ACTION_EXPORT,
  TB_ADMIN_ACTION_PROVIDER_SETTINGS,
  TB_ADMIN_ACTION_EDIT_CAMPAIGN,     /* campaigns, templates, scripts */
  TB_ADMIN_ACTION_OPT_OUT_UNDO,
  TB_ADMIN_ACTION_DELETE_DATA,
  TB_ADMIN_ACTION_VIEW_AUDIT,
  TB_ADMIN_ACTION_WORKSTATION_SETTINGS, /* timeouts, the passphrase, texters' PINs */
} TbAdminAction;

/* Settings keys in the store and their defaults (seconds; 0: never). */
#define TB_ACCESS_SETTING_ADMIN_HASH "admin.passphrase_hash"
#define TB_ACCESS_SETTING_ADMIN_TIMEOUT "workstation.admin_timeout_seconds"
#define TB_ACCESS_SETTING_IDLE_TIMEOUT "workstation.idle_timeout_seconds"
#define TB_ACCESS_DEFAULT_ADMIN_TIMEOUT (5 * 60)
#define TB_ACCESS_DEFAULT_IDLE_TIMEOUT (10 * 60)
#define TB_ACCESS_MAX_TIMEOUT (24 * 60 * 60)

#define TB_TYPE_ACCESS (tb_access_get_type ())
G_DECLARE_FINAL_TYPE (TbAccess, tb_access, TB, ACCESS, GObject)

GQuark       tb_access_error_quark          (void);
/* "Importing contacts", … for messages. */
const char  *tb_admin_action_describe       (TbAdminAction  action);

/* Reads the timeouts from the store. Normally made by TbSession. */
TbAccess    *tb_access_new                  (TbStore       *store);

/* Tests: the clock used for the admin expiry and the rate limit. The timers
 * still run on the main loop; tb_access_expire() re-checks both deadlines
 * against the clock. */
void         tb_access_set_clock            (TbAccess      *self,
                                             TbClockFunc    clock,
                                             gpointer       clock_data);
void         tb_access_expire               (TbAccess      *self);

/* The signed-in texter, for the audit trail and the PIN checks; a change
 * locks the admin role. TbSession calls it. */
void         tb_access_set_texter_id        (TbAccess      *self,
                                             gint64         texter_id);
gint64       tb_access_get_texter_id        (TbAccess      *self);
/* When the current texter signed in (UTC µs), 0 when nobody is. */
gint64       tb_access_get_texter_since     (TbAccess      *self);

/* ---- The admin passphrase ------------------------------------------------ */

gboolean     tb_access_has_admin_passphrase (TbAccess      *self);
/* First run (no passphrase yet), or a change while the admin is unlocked;
 * else ADMIN_LOCKED. The hash is computed in a worker thread; the store is
 * written on the caller's thread. Audited ("admin_passphrase_set"). */
void         tb_access_set_admin_passphrase_async  (TbAccess            *self,
                                                    const char          *passphrase,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     tb_access_set_admin_passphrase_finish (TbAccess            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Blocking: for textbank-cli. */
gboolean     tb_access_set_admin_passphrase (TbAccess      *self,
                                             const char    *passphrase,
                                             GError       **error);

/* Checks the rate limit, verifies in a worker thread, records the outcome
 * (audited "admin_unlock" / "admin_unlock_failed") and unlocks the admin
 * role for "admin-timeout" seconds. Errors: TB_AUTH_ERROR_WRONG_SECRET,
 * TB_AUTH_ERROR_RATE_LIMITED. With no passphrase set it succeeds at once. */
void         tb_access_unlock_admin_async   (TbAccess            *self,
                                             const char          *passphrase,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean     tb_access_unlock_admin_finish  (TbAccess            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Blocking: for textbank-cli. */
gboolean     tb_access_unlock_admin         (TbAccess      *self,
                                             const char    *passphrase,
                                             GError       **error);
void         tb_access_lock_admin           (TbAccess      *self);
/* "admin-unlocked": TRUE while unlocked, or while no passphrase is set;
 * always FALSE while the workstation is locked. */
gboolean     tb_access_get_admin_unlocked   (TbAccess      *self);

/* TRUE when the admin may do `action` now; else FALSE with ADMIN_LOCKED
 * (or LOCKED) naming the action. Call it in every admin-only entry point. */
gboolean     tb_access_check_admin          (TbAccess      *self,
                                             TbAdminAction  action,
                                             GError       **error);

/* ---- Texter PINs ---------------------------------------------------------- */

/* Verifies a texter's PIN (rate limited per texter, audited on failure).
 * A texter without a PIN passes with any pin, NULL included. */
void         tb_access_verify_pin_async     (TbAccess            *self,
                                             gint64               texter_id,
                                             const char          *pin,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean     tb_access_verify_pin_finish    (TbAccess            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Adds a texter, with a PIN when pin is not NULL or empty (hashed in a
 * worker thread). Returns the new id through the finish function. */
void         tb_access_add_texter_async     (TbAccess            *self,
                                             const char          *name,
                                             const char          *pin,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64       tb_access_add_texter_finish    (TbAccess            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* ---- Idle lock ------------------------------------------------------------ */

/* Input happened: restarts the idle timer. Cheap; call on every event. */
void         tb_access_note_activity        (TbAccess      *self);
/* Locks now (the idle timer, a "Lock" button): "locked" TRUE, the admin
 * role locked, "idle-locked" emitted. */
void         tb_access_lock                 (TbAccess      *self);
/* A sign-in unlocks. TbSession calls it. */
void         tb_access_unlock               (TbAccess      *self);
gboolean     tb_access_get_locked           (TbAccess      *self);

/* ---- Settings (admin only, audited "setting_change") ---------------------- */

guint        tb_access_get_admin_timeout    (TbAccess      *self);
gboolean     tb_access_set_admin_timeout    (TbAccess      *self,
                                             guint          seconds,
                                             GError       **error);
guint        tb_access_get_idle_timeout     (TbAccess      *self);
gboolean     tb_access_set_idle_timeout     (TbAccess      *self,
                                             guint          seconds,
                                             GError       **error);
/* Tests: timeouts in milliseconds, not stored, no admin check. */
void         tb_access_set_timeouts_ms      (TbAccess      *self,
                                             guint          admin_ms,
                                             guint          idle_ms);

/* ---- The audit trail ------------------------------------------------------ */

/* Records an action with the signed-in texter. Failures are logged, never
 * fatal (the audit must not stop a send). */
void         tb_access_audit                (TbAccess      *self,
                                             const char    *action,
                                             const char    *subject,
                                             const char    *detail);

/* The whole audit log as CSV (id,at,texter,action,subject,detail; times in
 * ISO 8601 UTC), quoted and formula-guarded like the store's exports
 * (tb_csv_append_field). Admin only; audited "audit_export". */
GBytes      *tb_access_audit_csv            (TbAccess      *self,
                                             GError       **error);

/* The end-of-shift summary of a texter since an instant (0: all time):
 * messages sent, replies handled, opt-outs recorded. NULL with error on a
 * store failure; a texter with nothing yet gets zeros. */
TbTexterStats *tb_access_shift_summary      (TbAccess      *self,
                                             gint64         texter_id,
                                             gint64         since,
                                             GError       **error);

G_END_DECLS
