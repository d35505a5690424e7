/* tb-cli-send-test.c: textbank-cli send-test --to NUMBER [--from NUMBER] …
 *
 * Sends one message so an admin can check the provider settings: like the
 * app's provider settings, it needs the admin passphrase when one is set
 * (TB_ADMIN_ACTION_PROVIDER_SETTINGS, checked before anything is sent). The
 * credentials come from the environment (TWILIO_ACCOUNT_SID with
 * TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and TWILIO_API_SECRET), else
 * from the keyring; the sending number from --from, else TEXTBANK_FROM.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"
#include "tb-credentials.h"
#include "tb-simulator-provider.h"
#include "tb-twilio-provider.h"

#define DEFAULT_SIMULATOR_SEED 1

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static TbCredentials *
find_credentials (GError **error)
{
  g_autoptr(GError) env_error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  TbCredentials *credentials;

  credentials = tb_credentials_from_environment (&env_error);
  if (credentials != NULL)
    return credentials;
  if (!g_error_matches (env_error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&env_error));
      return NULL;
    }

  tb_credentials_lookup_async (NULL, on_result, &result);
  credentials = tb_credentials_lookup_finish (wait_for (&result), &keyring_error);
  if (credentials != NULL)
    return credentials;

  g_set_error (error, TB_CREDENTIALS_ERROR,
               keyring_error != NULL ? keyring_error->code : TB_CREDENTIALS_ERROR_NOT_FOUND,
               _("No Twilio credentials: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or with "
                 "TWILIO_API_KEY and TWILIO_API_SECRET), or store them in Preferences. The keyring "
                 "said: %s"),
               keyring_error != NULL ? keyring_error->message : "");
  return NULL;
}

static guint32
simulator_seed (void)
{
  const char *text = g_getenv ("TEXTBANK_SIMULATOR_SEED");
  guint64 seed;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &seed, NULL))
    return (guint32) seed;
  return DEFAULT_SIMULATOR_SEED;
}

static void
print_error_json (int         code,
                  const char *message,
                  const char *kind,
                  gboolean    retryable)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (kind != NULL)
    {
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind);
      json_builder_set_member_name (builder, "retryable");
      json_builder_add_boolean_value (builder, retryable);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  tb_cli_print_json (root);
}

int
tb_cli_send_test (TbCliGlobals *globals,
                  int           argc,
                  char        **argv)
{
  gboolean json = FALSE;
  gboolean simulator = FALSE;
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *body = NULL;
  g_autofree char *api_base = NULL;
  int timeout = TB_TWILIO_DEFAULT_TIMEOUT;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The recipient, in E.164 (+12025550142)"), N_("NUMBER") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("The sending number or messaging service (default: $TEXTBANK_FROM)"), N_("NUMBER") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("The text to send"), N_("TEXT") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &api_base,
      N_("The Twilio API address (default: https://api.twilio.com)"), N_("URL") },
    { "simulator", 0, 0, G_OPTION_ARG_NONE, &simulator, N_("Send through the built-in simulator"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Seconds to wait for each step of the request"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbProvider) provider = NULL;
  g_autoptr(TbOutgoingMessage) outgoing = NULL;
  g_autoptr(TbProviderMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!tb_cli_parse_options ("send-test", NULL, entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;

  if (to == NULL || *to == '\0')
    {
      tb_cli_error ("send-test", _("give the recipient with --to NUMBER"));
      return TB_CLI_EXIT_USAGE;
    }
  if (from == NULL || *from == '\0')
    {
      g_free (from);
      from = g_strdup (g_getenv ("TEXTBANK_FROM"));
    }
  if (from == NULL || *from == '\0')
    {
      tb_cli_error ("send-test", _("give the sending number with --from NUMBER or TEXTBANK_FROM"));
      return TB_CLI_EXIT_USAGE;
    }
  if (timeout <= 0)
    {
      tb_cli_error ("send-test", _("--timeout must be a positive number of seconds"));
      return TB_CLI_EXIT_USAGE;
    }
  if (body == NULL)
    body = g_strdup (_("Textbank test message: your sending settings work."));

  /* The admin's, as in the app (its preferences hold the provider settings). */
  store = tb_cli_store_open (globals, "send-test");
  if (store == NULL || !tb_cli_require_admin (globals, store, TB_ADMIN_ACTION_PROVIDER_SETTINGS, "send-test"))
    return TB_CLI_EXIT_FAILED;

  if (simulator)
    provider = TB_PROVIDER (tb_simulator_provider_new (simulator_seed ()));
  else
    {
      g_autoptr(TbCredentials) credentials = find_credentials (&error);

      if (credentials == NULL)
        {
          if (json)
            print_error_json (0, error->message, NULL, FALSE);
          tb_cli_error ("send-test", "%s", error->message);
          return TB_CLI_EXIT_FAILED;
        }
      provider = TB_PROVIDER (tb_twilio_provider_new (credentials, api_base));
      tb_twilio_provider_set_timeout (TB_TWILIO_PROVIDER (provider), (guint) timeout);
    }

  outgoing = tb_outgoing_message_new (to, from, body, 0);
  tb_provider_send_async (provider, outgoing, NULL, on_result, &result);
  message = tb_provider_send_finish (provider, wait_for (&result), &error);

  if (message == NULL)
    {
      if (json)
        print_error_json (error->domain == TB_PROVIDER_ERROR ? error->code : 0, error->message,
                          tb_provider_error_kind_to_string (tb_provider_error_classify (error)),
                          tb_provider_error_is_retryable (error));
      tb_cli_error ("send-test", "%s: %s", tb_provider_get_display_name (provider), error->message);
      return TB_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, message->sid);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, tb_provider_message_status_to_string (message->status));
      json_builder_set_member_name (builder, "segments");
      json_builder_add_int_value (builder, message->num_segments);
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, tb_provider_get_display_name (provider));
      json_builder_set_member_name (builder, "simulator");
      json_builder_add_boolean_value (builder, tb_provider_is_simulator (provider));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      tb_cli_print_json (root);
    }
  else
    g_print ("%s\t%s\t%s\n", message->sid, tb_provider_message_status_to_string (message->status),
             tb_provider_get_display_name (provider));

  return TB_CLI_EXIT_OK;
}
