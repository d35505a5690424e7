/* tb-auth.h: slow salted hashes for the admin passphrase and texter PINs,
 * and the persisted rate limit on wrong guesses
 *
 * Hashes are libsodium crypto_pwhash_str strings (Argon2id, the
 * INTERACTIVE limits: 64 MiB, ~0.1 s on a 2-core machine). The blocking
 * calls run in a worker thread through the _async variants; the UI never
 * calls the blocking ones.
 *
 * The rate limit keeps, per scope ("admin", "texter:ID"), the number of
 * wrong guesses in a row and the instant until which guesses are refused, in
 * the store's settings: restarting the app does not reset it. The
 * TB_AUTH_FREE_FAILURES-th wrong guess in a row locks the scope for
 * TB_AUTH_FIRST_LOCKOUT_SECONDS, each further one for twice as long as the
 * one before, at most TB_AUTH_MAX_LOCKOUT_SECONDS. A right guess resets it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_AUTH_ERROR (tb_auth_error_quark ())

typedef enum {
  TB_AUTH_ERROR_WRONG_SECRET,      /* the passphrase or PIN does not match */
  TB_AUTH_ERROR_RATE_LIMITED,      /* too many wrong guesses: wait */
  TB_AUTH_ERROR_WEAK_PASSPHRASE,   /* shorter than TB_AUTH_MIN_PASSPHRASE_CHARS */
  TB_AUTH_ERROR_INVALID_PIN,       /* not 4 to 6 digits */
  TB_AUTH_ERROR_HASH_FAILED,       /* libsodium could not hash (out of memory) */
  TB_AUTH_ERROR_BAD_HASH,          /* a stored hash that is not an Argon2id string */
} TbAuthError;

#define TB_AUTH_MIN_PASSPHRASE_CHARS 8
#define TB_AUTH_FREE_FAILURES 3
#define TB_AUTH_FIRST_LOCKOUT_SECONDS 30
#define TB_AUTH_MAX_LOCKOUT_SECONDS (60 * 60)

/* The scope of the admin passphrase; texter PINs use tb_auth_texter_scope(). */
#define TB_AUTH_SCOPE_ADMIN "admin"

GQuark    tb_auth_error_quark          (void);

/* sodium_init(), once per process; every function below calls it. */
void      tb_auth_init                 (void);

/* Empty or shorter than TB_AUTH_MIN_PASSPHRASE_CHARS: WEAK_PASSPHRASE. */
gboolean  tb_auth_passphrase_is_valid  (const char          *passphrase,
                                        GError             **error);
/* 4 to 6 ASCII digits: else INVALID_PIN. */
gboolean  tb_auth_pin_is_valid         (const char          *pin,
                                        GError             **error);

/* Blocking (about 0.1 s and 64 MiB): worker threads and the CLI only. */
char     *tb_auth_hash_secret          (const char          *secret,
                                        GError             **error);
/* Blocking. FALSE with WRONG_SECRET or BAD_HASH. */
gboolean  tb_auth_verify_secret        (const char          *hash,
                                        const char          *secret,
                                        GError             **error);

/* The same in a worker thread. The secret is copied and wiped after use. */
void      tb_auth_hash_secret_async    (const char          *secret,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *tb_auth_hash_secret_finish   (GAsyncResult        *result,
                                        GError             **error);
void      tb_auth_verify_secret_async  (const char          *hash,
                                        const char          *secret,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  tb_auth_verify_secret_finish (GAsyncResult        *result,
                                        GError             **error);

/* ---- The rate limit (store settings; call on the store's thread) ------ */

/* "texter:ID" */
char     *tb_auth_texter_scope         (gint64               texter_id);

/* FALSE with RATE_LIMITED (the message says how long to wait) while the
 * scope is locked at `now` (UTC µs). *retry_at_out (may be NULL) gets the
 * instant guesses are allowed again, or 0. */
gboolean  tb_auth_limit_check          (TbStore             *store,
                                        const char          *scope,
                                        gint64               now,
                                        gint64              *retry_at_out,
                                        GError             **error);
/* Records a wrong guess; returns the instant guesses are allowed again (0:
 * at once), or -1 with error set when the store failed. */
gint64    tb_auth_limit_fail           (TbStore             *store,
                                        const char          *scope,
                                        gint64               now,
                                        GError             **error);
/* A right guess. */
gboolean  tb_auth_limit_reset          (TbStore             *store,
                                        const char          *scope,
                                        GError             **error);

G_END_DECLS
