/* tb-provider-fixtures.c: fixtures shared by the provider and session tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-provider-fixtures.h"

void
tb_test_keep_result (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
tb_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

TbProviderMessage *
tb_test_send_sync (TbProvider  *provider,
                   const char  *to,
                   const char  *from,
                   const char  *body,
                   guint        validity_period,
                   GError     **error)
{
  g_autoptr(TbOutgoingMessage) message = tb_outgoing_message_new (to, from, body, validity_period);
  g_autoptr(GAsyncResult) result = NULL;

  tb_provider_send_async (provider, message, NULL, tb_test_keep_result, &result);
  return tb_provider_send_finish (provider, tb_test_wait_for (&result), error);
}

TbProviderMessage *
tb_test_fetch_sync (TbProvider  *provider,
                    const char  *sid,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_provider_fetch_status_async (provider, sid, NULL, tb_test_keep_result, &result);
  return tb_provider_fetch_status_finish (provider, tb_test_wait_for (&result), error);
}

GPtrArray *
tb_test_list_sync (TbProvider                *provider,
                   const TbProviderListQuery *query,
                   GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_provider_list_messages_async (provider, query, NULL, tb_test_keep_result, &result);
  return tb_provider_list_messages_finish (provider, tb_test_wait_for (&result), error);
}

gboolean
tb_test_check_credentials (TbTwilioProvider  *twilio,
                           char             **friendly_name,
                           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_twilio_provider_test_credentials_async (twilio, NULL, tb_test_keep_result, &result);
  return tb_twilio_provider_test_credentials_finish (twilio, tb_test_wait_for (&result), friendly_name, error);
}

TbTwilioProvider *
tb_test_twilio_new (const char *account_sid,
                    const char *auth_token,
                    const char *base_url,
                    guint       timeout)
{
  g_autoptr(TbCredentials) credentials = tb_credentials_new_auth_token (account_sid, auth_token);
  TbTwilioProvider *twilio = tb_twilio_provider_new (credentials, base_url);

  tb_twilio_provider_set_timeout (twilio, timeout);
  return twilio;
}

TbTwilioProvider *
tb_test_twilio_for_fake (TbFakeTwilio *fake)
{
  return tb_test_twilio_new (TB_FAKE_TWILIO_ACCOUNT_SID, TB_FAKE_TWILIO_AUTH_TOKEN,
                             tb_fake_twilio_get_base_url (fake), 1);
}
