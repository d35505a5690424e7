/* tb-cli-send.c: textbank-cli send --campaign ID --contact ID --texter NAME
 *                                   [--body TEXT] [--provider NAME]
 *                                   [--api-base URL] [--json]
 *
 * One Send press from the command line: through the outbox, with every
 * check of a press in the app (opt-out, texting hours, the demo rule), the
 * texter recorded. Without --body it sends the campaign's initial message
 * as the contact's first text. A new texter name is added only once the
 * press will go ahead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-session.h"
#include "tb-template.h"

typedef struct {
  TbContact  *contact;
  const char *texter_name;
  char       *custom_value;
} RenderContext;

static const char *
lookup_field (TbTemplateField  field,
              guint            custom_index,
              const char      *custom_name,
              gpointer         user_data)
{
  RenderContext *context = user_data;

  switch (field)
    {
    case TB_TEMPLATE_FIELD_FIRST_NAME:
      return tb_contact_get_first_name (context->contact);
    case TB_TEMPLATE_FIELD_LAST_NAME:
      return tb_contact_get_last_name (context->contact);
    case TB_TEMPLATE_FIELD_PHONE:
      return tb_contact_get_phone (context->contact);
    case TB_TEMPLATE_FIELD_ZIP:
      return tb_contact_get_zip (context->contact);
    case TB_TEMPLATE_FIELD_TEXTER_NAME:
      return context->texter_name;
    case TB_TEMPLATE_FIELD_CUSTOM:
    default:
      g_free (context->custom_value);
      context->custom_value = tb_contact_dup_field (context->contact, custom_name);
      return context->custom_value;
    }
}

static char *
render_initial_message (TbCampaign  *campaign,
                        TbContact   *contact,
                        const char  *texter_name,
                        GError     **error)
{
  g_auto(GStrv) fields = tb_contact_dup_field_names (contact);
  g_autoptr(TbTemplate) template = NULL;
  g_autoptr(GError) local_error = NULL;
  RenderContext context = { contact, texter_name, NULL };
  char *text;

  if (*tb_campaign_get_initial_message (campaign) == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("campaign “%s” has no initial message: give one with --body"),
                   tb_campaign_get_name (campaign));
      return NULL;
    }

  template = tb_template_new (tb_campaign_get_initial_message (campaign),
                              (const char * const *) fields, &local_error);
  if (template == NULL)
    {
      g_set_error (error, TB_TEMPLATE_ERROR, local_error->code,
                   _("the initial message of campaign “%s”: %s"),
                   tb_campaign_get_name (campaign), local_error->message);
      return NULL;
    }

  text = tb_template_render (template, lookup_field, &context, TB_TEMPLATE_RENDER_NONE);
  g_free (context.custom_value);
  return text;
}

static gboolean
outbox_idle (gpointer user_data)
{
  return tb_outbox_is_idle (TB_OUTBOX (user_data));
}

static void
print_message (TbMessage  *message,
               TbSession  *session,
               gint64      campaign_id,
               gboolean    json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *state = tb_message_state_to_string (tb_message_get_state (message));

  if (!json)
    {
      g_print ("%" PRId64 "\t%s\t%s\t%s\n", tb_message_get_id (message), state,
               tb_message_get_provider_id (message) != NULL ? tb_message_get_provider_id (message) : "-",
               tb_message_get_error_text (message) != NULL ? tb_message_get_error_text (message) : "");
      return;
    }

  json_builder_begin_object (builder);
  tb_cli_json_add_int (builder, "id", tb_message_get_id (message));
  tb_cli_json_add_int (builder, "campaign_id", campaign_id);
  tb_cli_json_add_int (builder, "contact_id", tb_message_get_contact_id (message));
  tb_cli_json_add_string (builder, "to", tb_message_get_phone (message));
  tb_cli_json_add_string (builder, "from", tb_message_get_our_phone (message));
  tb_cli_json_add_string (builder, "body", tb_message_get_body (message));
  tb_cli_json_add_string (builder, "state", state);
  tb_cli_json_add_string (builder, "provider", tb_message_get_provider (message));
  tb_cli_json_add_string (builder, "provider_id", tb_message_get_provider_id (message));
  tb_cli_json_add_string (builder, "error_code", tb_message_get_error_code (message));
  tb_cli_json_add_string (builder, "error", tb_message_get_error_text (message));
  tb_cli_json_add_int (builder, "texter_id", tb_message_get_texter_id (message));
  tb_cli_json_add_string (builder, "texter", tb_session_get_texter_name (session));
  tb_cli_json_add_boolean (builder, "first_text", tb_message_get_is_first (message));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  tb_cli_print_json (root);
}

int
tb_cli_send (TbCliGlobals *globals,
             int           argc,
             char        **argv)
{
  gboolean json = FALSE;
  gint64 campaign_id = 0;
  gint64 contact_id = 0;
  int timeout = 60;
  g_autofree char *texter = NULL;
  g_autofree char *body = NULL;
  g_autofree char *provider_name = NULL;
  g_autofree char *api_base = NULL;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_INT64, &campaign_id, N_("The campaign"), N_("ID") },
    { "contact", 0, 0, G_OPTION_ARG_INT64, &contact_id, N_("The contact to text"), N_("ID") },
    { "texter", 0, 0, G_OPTION_ARG_STRING, &texter, N_("Who presses Send (recorded)"), N_("NAME") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body,
      N_("The text (default: the campaign’s initial message, as a first text)"), N_("TEXT") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider_name,
      N_("simulator or twilio (default: twilio when credentials are in the environment)"), N_("NAME") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &api_base,
      N_("The provider’s base URL (an edge location, a test server)"), N_("URL") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds to wait for the provider’s answer (default 60)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbProvider) provider = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *press_id = NULL;
  g_autofree char *texter_name = NULL;
  gint64 known_texter_id = 0;
  TbOutbox *outbox;
  TbMessageState state;
  gint64 message_id;

  if (!tb_cli_parse_options ("send", NULL, entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (campaign_id <= 0 || contact_id <= 0 || texter == NULL)
    {
      tb_cli_error ("send", _("give --campaign, --contact and --texter"));
      return TB_CLI_EXIT_USAGE;
    }

  store = tb_cli_open_store (globals, &error);
  if (store != NULL)
    provider = tb_cli_open_provider (provider_name, api_base, &error);
  if (provider == NULL)
    {
      tb_cli_error ("send", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  /* Not started: the app may be running on this file, and its rows in
   * flight are its own to reconcile. */
  session = tb_session_new (store, provider);
  outbox = tb_session_get_outbox (session);

  /* Signing in adds a new name, so every check that can refuse the press
   * comes first: a refused send leaves the texters and the audit as they
   * were (promise 7). */
  texter_name = tb_session_check_sign_in_by_name (session, texter, &known_texter_id, &error);
  if (texter_name == NULL ||
      !tb_session_open_campaign (session, campaign_id, &error) ||
      (contact = tb_store_contact_get (store, contact_id, &error)) == NULL ||
      (campaign = tb_store_campaign_get (store, campaign_id, &error)) == NULL)
    {
      tb_cli_error ("send", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  if (tb_contact_get_campaign_id (contact) != campaign_id)
    {
      tb_cli_error ("send", _("contact %" PRId64 " is not in campaign %" PRId64),
                    contact_id, campaign_id);
      return TB_CLI_EXIT_FAILED;
    }
  if (body == NULL)
    text = render_initial_message (campaign, contact, texter_name, &error);
  if ((body == NULL && text == NULL)
      || !tb_outbox_check_press (outbox, contact_id, body != NULL ? body : text, body == NULL,
                                 &error))
    {
      tb_cli_error ("send", _("not sent: %s"), error->message);
      return TB_CLI_EXIT_FAILED;
    }
  if (!tb_session_sign_in_by_name (session, texter, &error))
    {
      tb_cli_error ("send", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  press_id = g_uuid_string_random ();
  if (body != NULL)
    message_id = tb_outbox_submit (outbox, contact_id, body, press_id, &error);
  else
    message_id = tb_outbox_submit_first_text (outbox, contact_id, text, press_id, &error);
  if (message_id <= 0)
    {
      tb_cli_error ("send", _("not sent: %s"), error->message);
      return TB_CLI_EXIT_FAILED;
    }

  if (!tb_cli_run_until (outbox_idle, outbox, (guint) MAX (timeout, 1) * 1000))
    tb_cli_error ("send", _("no final answer from %s after %d s; the message stays %s and "
                            "is reconciled at the next start"),
                  tb_provider_get_display_name (provider), timeout, "sending");

  message = tb_store_message_get (store, message_id, &error);
  if (message == NULL)
    {
      tb_cli_error ("send", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  print_message (message, session, campaign_id, json);

  state = tb_message_get_state (message);
  if (state == TB_MESSAGE_STATE_FAILED || state == TB_MESSAGE_STATE_UNDELIVERED)
    {
      tb_cli_error ("send", _("failed: %s (%s)"),
                    tb_message_get_error_text (message) != NULL ? tb_message_get_error_text (message) : "",
                    tb_message_get_error_code (message) != NULL ? tb_message_get_error_code (message) : "");
      return TB_CLI_EXIT_FAILED;
    }
  return state == TB_MESSAGE_STATE_QUEUED || state == TB_MESSAGE_STATE_SENDING ||
         state == TB_MESSAGE_STATE_UNKNOWN ? TB_CLI_EXIT_FAILED : TB_CLI_EXIT_OK;
}
