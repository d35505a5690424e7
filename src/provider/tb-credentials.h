/* tb-credentials.h: provider credentials, kept only in the Secret Service
 *
 * Credentials are never written to SQLite, GSettings, logs or exports, and
 * no GError message of this module ever contains a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TB_CREDENTIALS_ERROR (tb_credentials_error_quark ())
GQuark tb_credentials_error_quark (void);

typedef enum {
  TB_CREDENTIALS_ERROR_NOT_FOUND = 1,   /* nothing stored / nothing in the environment */
  TB_CREDENTIALS_ERROR_INVALID,         /* incomplete or malformed */
  TB_CREDENTIALS_ERROR_KEYRING,         /* no Secret Service, or it is locked */
} TbCredentialsError;

typedef enum {
  TB_CREDENTIALS_KIND_AUTH_TOKEN = 0,   /* Account SID + Auth Token */
  TB_CREDENTIALS_KIND_API_KEY = 1,      /* API Key SID + secret, with the Account SID */
} TbCredentialsKind;

/* The libsecret schema name. */
#define TB_CREDENTIALS_SCHEMA_NAME "io.github.textbank.Provider"

typedef struct _TbCredentials TbCredentials;

#define TB_TYPE_CREDENTIALS (tb_credentials_get_type ())
GType               tb_credentials_get_type          (void) G_GNUC_CONST;

TbCredentials      *tb_credentials_new_auth_token    (const char     *account_sid,
                                                      const char     *auth_token);
TbCredentials      *tb_credentials_new_api_key       (const char     *account_sid,
                                                      const char     *key_sid,
                                                      const char     *key_secret);
TbCredentials      *tb_credentials_copy              (const TbCredentials *self);
/* Wipes the secret before freeing it. */
void                tb_credentials_free              (TbCredentials  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbCredentials, tb_credentials_free)

TbCredentialsKind   tb_credentials_get_kind          (const TbCredentials *self);
const char         *tb_credentials_get_account_sid   (const TbCredentials *self);
/* NULL for AUTH_TOKEN. */
const char         *tb_credentials_get_key_sid       (const TbCredentials *self);
/* HTTP basic auth: the Account SID or the API Key SID, and the token or
 * key secret. Never log the password. */
const char         *tb_credentials_get_username      (const TbCredentials *self);
const char         *tb_credentials_get_password      (const TbCredentials *self);
/* Checks the SIDs' shapes (AC…/SK… + 32 hex) and that nothing is empty. */
gboolean            tb_credentials_validate          (const TbCredentials *self,
                                                      GError             **error);

/* TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN, or TWILIO_ACCOUNT_SID +
 * TWILIO_API_KEY + TWILIO_API_SECRET (API key wins when both are set), as
 * Twilio's CLI reads them. NOT_FOUND when none are set. */
TbCredentials      *tb_credentials_from_environment  (GError        **error);

/* The keyring: one Twilio item at a time (storing replaces it). */
void                tb_credentials_store_async       (const TbCredentials *self,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
gboolean            tb_credentials_store_finish      (GAsyncResult   *result,
                                                      GError        **error);

/* NOT_FOUND when the keyring holds none. */
void                tb_credentials_lookup_async      (GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
TbCredentials      *tb_credentials_lookup_finish     (GAsyncResult   *result,
                                                      GError        **error);

/* TRUE also when there was nothing to clear. */
void                tb_credentials_clear_async       (GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
gboolean            tb_credentials_clear_finish      (GAsyncResult   *result,
                                                      GError        **error);

G_END_DECLS
