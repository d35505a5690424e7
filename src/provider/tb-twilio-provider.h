/* tb-twilio-provider.h: TbProvider for Twilio's 2010-04-01 Messages API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-credentials.h"
#include "tb-provider.h"

G_BEGIN_DECLS

#define TB_TWILIO_DEFAULT_API_BASE "https://api.twilio.com"
#define TB_TWILIO_DEFAULT_TIMEOUT 30              /* seconds, per I/O step */
#define TB_TWILIO_DEFAULT_MAX_RESPONSE_SIZE (5 * 1024 * 1024)

#define TB_TYPE_TWILIO_PROVIDER (tb_twilio_provider_get_type ())
G_DECLARE_FINAL_TYPE (TbTwilioProvider, tb_twilio_provider, TB, TWILIO_PROVIDER, GObject)

/* api_base: NULL for TB_TWILIO_DEFAULT_API_BASE; an edge location or a test
 * server otherwise ("http://127.0.0.1:PORT", no trailing slash needed). */
TbTwilioProvider *tb_twilio_provider_new                   (const TbCredentials *credentials,
                                                            const char          *api_base);

const char       *tb_twilio_provider_get_api_base          (TbTwilioProvider    *self);
const char       *tb_twilio_provider_get_account_sid       (TbTwilioProvider    *self);

/* Seconds; each request fails after this long without progress. */
void              tb_twilio_provider_set_timeout           (TbTwilioProvider    *self,
                                                            guint                seconds);
guint             tb_twilio_provider_get_timeout           (TbTwilioProvider    *self);
/* Bytes; a larger answer is an error (TB_PROVIDER_ERROR_RESPONSE_TOO_LARGE). */
void              tb_twilio_provider_set_max_response_size (TbTwilioProvider    *self,
                                                            gsize                max_bytes);

/* GET /2010-04-01/Accounts/{Sid}.json: checks the credentials and sends
 * nothing. On success friendly_name gets the account's name (may be NULL). */
void              tb_twilio_provider_test_credentials_async  (TbTwilioProvider    *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean          tb_twilio_provider_test_credentials_finish (TbTwilioProvider    *self,
                                                              GAsyncResult        *result,
                                                              char               **friendly_name,
                                                              GError             **error);

/* Webhooks: the X-Twilio-Signature Twilio puts on a request to url (the
 * full URL Twilio called, query included) with the POST params (string →
 * string; NULL for none), keyed by the Auth Token. */
char             *tb_twilio_compute_signature  (const char          *auth_token,
                                                const char          *url,
                                                GHashTable          *params);
/* Compares in constant time; FALSE for a NULL or empty token or signature. */
gboolean          tb_twilio_signature_is_valid (const char          *auth_token,
                                                const char          *url,
                                                GHashTable          *params,
                                                const char          *signature);

G_END_DECLS
