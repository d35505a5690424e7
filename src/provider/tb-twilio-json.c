/* tb-twilio-json.c: Twilio's JSON answers → Textbank records and errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-twilio"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tb-twilio-private.h"

gint64
tb_twilio_parse_date (const char *text)
{
  g_autoptr(GDateTime) date = NULL;

  if (text == NULL || *text == '\0')
    return 0;

  date = soup_date_time_new_from_http_string (text);
  if (date == NULL)
    date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    return 0;

  return g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
}

guint
tb_twilio_parse_retry_after (const char *value,
                             gint64      now_us)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds = 0;
  gint64 when;

  if (value == NULL)
    return 0;
  value += strspn (value, " \t");
  if (*value == '\0')
    return 0;

  if (g_ascii_isdigit (*value))
    {
      /* delta-seconds; trailing blanks are tolerated */
      seconds = g_ascii_strtoull (value, NULL, 10);
      return (guint) MIN (seconds, (guint64) G_MAXUINT);
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;
  when = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  if (when <= now_us)
    return 0;
  return (guint) MIN ((when - now_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, G_MAXUINT);
}

/* ------------------------------------------------------------------------ */
/* Members with their types checked                                         */
/* ------------------------------------------------------------------------ */

static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     char       **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
                   _("Twilio's answer has “%s” of the wrong type (a string was expected)"),
                   member);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* Twilio sends num_segments and error_code sometimes as strings, sometimes
 * as numbers; take either. */
static gboolean
get_optional_int (JsonObject  *object,
                  const char  *member,
                  gint64      *out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE)
        {
          *out = (gint64) json_node_get_double (node);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          if (*text == '\0')
            return TRUE;
          if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL))
            return TRUE;
        }
    }
  g_set_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
               _("Twilio's answer has “%s” of the wrong type (a number was expected)"),
               member);
  return FALSE;
}

TbProviderMessage *
tb_twilio_parse_message (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(TbProviderMessage) message = tb_provider_message_new ();
  g_autofree char *direction = NULL;
  g_autofree char *date_created = NULL;
  g_autofree char *date_sent = NULL;
  g_autofree char *date_updated = NULL;
  JsonObject *object;
  gint64 number;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
                           _("Twilio's answer is not a message object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!get_optional_string (object, "sid", &message->sid, error) ||
      !get_optional_string (object, "status", &message->status_string, error) ||
      !get_optional_string (object, "error_message", &message->error_message, error) ||
      !get_optional_string (object, "to", &message->to, error) ||
      !get_optional_string (object, "from", &message->from, error) ||
      !get_optional_string (object, "messaging_service_sid", &message->messaging_service_sid, error) ||
      !get_optional_string (object, "body", &message->body, error) ||
      !get_optional_string (object, "direction", &direction, error) ||
      !get_optional_string (object, "date_created", &date_created, error) ||
      !get_optional_string (object, "date_sent", &date_sent, error) ||
      !get_optional_string (object, "date_updated", &date_updated, error))
    return NULL;

  if (message->sid == NULL || *message->sid == '\0')
    {
      g_set_error_literal (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
                           _("Twilio's answer has no message id (“sid”)"));
      return NULL;
    }

  if (!get_optional_int (object, "num_segments", &number, error))
    return NULL;
  message->num_segments = (guint) CLAMP (number, 0, G_MAXUINT);
  if (!get_optional_int (object, "error_code", &number, error))
    return NULL;
  message->error_code = (int) CLAMP (number, G_MININT, G_MAXINT);

  message->status = tb_provider_message_status_from_string (message->status_string);
  message->direction = tb_provider_direction_from_string (direction);
  message->date_created = tb_twilio_parse_date (date_created);
  message->date_sent = tb_twilio_parse_date (date_sent);
  message->date_updated = tb_twilio_parse_date (date_updated);

  return g_steal_pointer (&message);
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/* What a person should do about the codes Textbank knows. */
static const char *
advice_for_code (int code)
{
  switch (code)
    {
    case 20003:
      return _("Twilio refused the credentials: check the Account SID and Auth Token (or API key and secret) in Preferences.");
    case 20005:
      return _("The Twilio account is not active: check it in the Twilio console.");
    case 20404:
      return _("Twilio does not know this resource: check the Account SID and the message id.");
    case 20429:
      return _("Twilio asks to slow down: Textbank waits and tries again.");
    case 21211:
      return _("The number is not a valid phone number: correct the contact's phone.");
    case 21610:
      return _("The recipient has opted out (replied STOP) with the carrier: they cannot be texted.");
    case 21612:
      return _("Twilio cannot reach this number from this sender: check the contact's phone.");
    case 21614:
      return _("The number is not a mobile number and cannot receive texts: correct the contact's phone.");
    case 21617:
      return _("The message is too long: shorten it.");
    case 21606:
    case 21659:
      return _("The sending number is not a Twilio number of this account: check the sending number in Preferences.");
    case 30006:
      return _("The number is a landline or cannot receive texts.");
    default:
      return NULL;
    }
}

GError *
tb_twilio_error_from_response (guint       http_status,
                               const char *reason,
                               JsonNode   *body,
                               guint       retry_after)
{
  g_autofree char *twilio_message = NULL;
  g_autofree char *more_info = NULL;
  g_autoptr(GError) ignored = NULL;
  GString *text = g_string_new (NULL);
  gint64 code = 0;
  const char *advice;
  GError *error;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    {
      JsonObject *object = json_node_get_object (body);

      if (!get_optional_int (object, "code", &code, &ignored))
        code = 0;
      g_clear_error (&ignored);
      if (!get_optional_string (object, "message", &twilio_message, &ignored))
        twilio_message = NULL;
      g_clear_error (&ignored);
      if (!get_optional_string (object, "more_info", &more_info, &ignored))
        more_info = NULL;
    }

  if (code <= 0 || code > G_MAXINT)
    {
      /* No Twilio code: rate limits still get Twilio's own code. */
      if (http_status == 429)
        code = TB_PROVIDER_ERROR_TWILIO_TOO_MANY_REQUESTS;
      else
        code = 0;
    }

  if (code != 0)
    g_string_append_printf (text, _("Twilio error %d (HTTP %u)"), (int) code, http_status);
  else
    g_string_append_printf (text, _("Twilio answered HTTP %u %s"), http_status,
                            reason != NULL ? reason : "");
  if (twilio_message != NULL && *twilio_message != '\0')
    g_string_append_printf (text, ": %s", twilio_message);

  advice = advice_for_code ((int) code);
  if (advice == NULL)
    {
      if (http_status == 401 || http_status == 403)
        advice = _("Check the Twilio credentials in Preferences.");
      else if (http_status == 503 || code == TB_PROVIDER_ERROR_TWILIO_SERVICE_UNAVAILABLE)
        advice = _("Twilio is unavailable and did not take the request; Textbank tries again later.");
      else if (http_status >= 500)
        advice = _("Twilio had a fault; the message may or may not have been taken.");
    }
  if (advice != NULL)
    g_string_append_printf (text, ". %s", advice);
  if (retry_after > 0)
    g_string_append_printf (text, _(" (retry after %u s)"), retry_after);
  if (more_info != NULL && g_str_has_prefix (more_info, "https://"))
    g_string_append_printf (text, " <%s>", more_info);

  error = tb_provider_error_new (code != 0 ? (int) code : TB_PROVIDER_ERROR_HTTP,
                                 TB_PROVIDER_ERROR_KIND_OTHER,
                                 http_status, retry_after, "%s", text->str);
  g_string_free (text, TRUE);
  return error;
}
