/* tb-provider-fixtures.h: fixtures shared by the provider and session tests
 *
 * Blocking wrappers around the providers' async calls (they spin the
 * thread-default main context until the answer is in) and Twilio providers
 * set up for the fake Twilio or another server on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-fake-twilio.h"
#include "tb-provider.h"
#include "tb-twilio-provider.h"

G_BEGIN_DECLS

/* A GAsyncReadyCallback that keeps a reference to the result in
 * user_data, a GAsyncResult ** that starts out NULL. */
void                tb_test_keep_result      (GObject                   *source,
                                              GAsyncResult              *result,
                                              gpointer                   user_data);
/* Iterates the main context until *slot is set; returns it (still owned
 * by the slot). */
GAsyncResult       *tb_test_wait_for         (GAsyncResult             **slot);

/* tb_provider_send_async() and its finish, waited for. */
TbProviderMessage  *tb_test_send_sync        (TbProvider                *provider,
                                              const char                *to,
                                              const char                *from,
                                              const char                *body,
                                              guint                      validity_period,
                                              GError                   **error);
TbProviderMessage  *tb_test_fetch_sync       (TbProvider                *provider,
                                              const char                *sid,
                                              GError                   **error);
GPtrArray          *tb_test_list_sync        (TbProvider                *provider,
                                              const TbProviderListQuery *query,
                                              GError                   **error);

/* tb_twilio_provider_test_credentials_async() and its finish, waited for. */
gboolean            tb_test_check_credentials (TbTwilioProvider         *twilio,
                                              char                    **friendly_name,
                                              GError                  **error);

/* A Twilio provider with an auth token, talking to base_url with the
 * timeout given (seconds). */
TbTwilioProvider   *tb_test_twilio_new       (const char                *account_sid,
                                              const char                *auth_token,
                                              const char                *base_url,
                                              guint                      timeout);
/* One for the fake: its account and token, a 1 s timeout. */
TbTwilioProvider   *tb_test_twilio_for_fake  (TbFakeTwilio              *fake);

G_END_DECLS
