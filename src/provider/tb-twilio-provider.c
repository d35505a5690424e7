/* tb-twilio-provider.c: TbProvider for Twilio's 2010-04-01 Messages API
 *
 * One SoupSession per provider. libsoup gives every POST (a send) a fresh
 * connection and never re-sends it by itself; GETs reuse kept-alive
 * connections. Redirects are never followed for a POST and at most
 * MAX_REDIRECTS times, on the same origin, for a GET, so the Authorization
 * header never travels to another host.
 *
 * Where a transport fault happened decides whether a send may be retried:
 * before the request body was written the message certainly did not reach
 * Twilio (TB_PROVIDER_ERROR_NOT_SENT); after it, it may have
 * (TB_PROVIDER_ERROR_NO_ANSWER).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-twilio"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tb-twilio-private.h"
#include "tb-twilio-provider.h"

#define API_VERSION_PATH "/2010-04-01"
#define MAX_REDIRECTS 3
#define MAX_PAGES 500
#define MAX_PAGE_SIZE 1000
#define MAX_VALIDITY_PERIOD 36000
#define READ_CHUNK 65536
#define IDLE_TIMEOUT 60

enum {
  PROP_0,
  PROP_CREDENTIALS,
  PROP_API_BASE,
  PROP_TIMEOUT,
  N_PROPS,
  /* from TbProvider */
  PROP_DISPLAY_NAME = N_PROPS,
  PROP_IS_SIMULATOR,
};

static GParamSpec *properties[N_PROPS];

struct _TbTwilioProvider
{
  GObject        parent_instance;

  TbCredentials *credentials;
  char          *api_base;       /* without a trailing slash */
  char          *display_name;
  char          *authorization;  /* "Basic …": a secret, never logged */
  SoupSession   *session;
  guint          timeout;
  gsize          max_response_size;
};

static void tb_twilio_provider_iface_init (TbProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TbTwilioProvider, tb_twilio_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TB_TYPE_PROVIDER, tb_twilio_provider_iface_init))

/* ------------------------------------------------------------------------ */
/* One HTTP exchange: request → JSON object, or a TB_PROVIDER_ERROR         */
/* ------------------------------------------------------------------------ */

typedef struct {
  char         *method;
  char         *url;
  GBytes       *form;              /* POST body, or NULL */
  SoupMessage  *message;
  GCancellable *cancellable;       /* ours: cancelled by the caller's or the deadline */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GSource      *deadline;
  gboolean      deadline_passed;
  gboolean      wrote_body;
  guint         redirects;
  guint         status;
  GInputStream *stream;
  GByteArray   *body;
} Request;

static void
request_free (Request *request)
{
  if (request->caller_handler != 0)
    g_cancellable_disconnect (request->caller_cancellable, request->caller_handler);
  g_clear_object (&request->caller_cancellable);
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }
  g_clear_object (&request->cancellable);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_pointer (&request->form, g_bytes_unref);
  g_free (request->method);
  g_free (request->url);
  g_free (request);
}

static void request_start (GTask *task);

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_deadline (gpointer user_data)
{
  Request *request = user_data;

  request->deadline_passed = TRUE;
  g_cancellable_cancel (request->cancellable);
  g_clear_pointer (&request->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_wrote_body (SoupMessage *message,
               gpointer     user_data)
{
  Request *request = user_data;

  request->wrote_body = TRUE;
}

/* A fault below HTTP: DNS, refused, TLS, reset, timeout. */
static GError *
transport_error (TbTwilioProvider *self,
                 Request          *request,
                 const GError     *error)
{
  if (request->deadline_passed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      if (request->wrote_body)
        return tb_provider_error_new (TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                      _("No answer from Twilio at %s within %u s after the request was sent: "
                                        "it may have been taken, so Textbank checks before sending again"),
                                      self->api_base, self->timeout);
      return tb_provider_error_new (TB_PROVIDER_ERROR_NOT_SENT, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                    _("Could not reach Twilio at %s within %u s; nothing was sent"),
                                    self->api_base, self->timeout);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (request->wrote_body)
    return tb_provider_error_new (TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                  _("The connection to Twilio at %s broke after the request was sent (%s): "
                                    "it may have been taken, so Textbank checks before sending again"),
                                  self->api_base, error->message);
  return tb_provider_error_new (TB_PROVIDER_ERROR_NOT_SENT, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                _("Could not reach Twilio at %s (%s); nothing was sent"),
                                self->api_base, error->message);
}

static guint
response_retry_after (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);

  return tb_twilio_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                      g_get_real_time ());
}

static void
request_finish_body (GTask *task)
{
  TbTwilioProvider *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root = NULL;
  gboolean parsed;

  parsed = json_parser_load_from_data (parser, (const char *) request->body->data,
                                       (gssize) request->body->len, &parse_error);
  if (parsed)
    root = json_parser_get_root (parser);

  if (!SOUP_STATUS_IS_SUCCESSFUL (request->status))
    {
      g_autofree char *reason = NULL;

      /* Not Twilio's JSON: say what came instead (a proxy's HTML page, say). */
      if (root == NULL)
        reason = g_strdup_printf (_("%s, with a %s answer instead of Twilio's JSON"),
                                  soup_message_get_reason_phrase (request->message),
                                  content_type != NULL ? content_type : _("untyped"));
      else
        reason = g_strdup (soup_message_get_reason_phrase (request->message));
      g_task_return_error (task,
                           tb_twilio_error_from_response (request->status, reason, root,
                                                          response_retry_after (request->message)));
      return;
    }

  if (!parsed || root == NULL)
    {
      g_task_return_error (task,
        tb_provider_error_new (TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_OTHER,
                               request->status, 0,
                               _("Twilio at %s answered HTTP %u with something that is not valid JSON "
                                 "(%s, %u bytes); if this was a send, it may have been taken"),
                               self->api_base, request->status,
                               content_type != NULL ? content_type : _("no content type"),
                               request->body->len));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_error (task,
        tb_provider_error_new (TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_OTHER,
                               request->status, 0,
                               _("Twilio at %s answered HTTP %u with JSON that is not an object"),
                               self->api_base, request->status));
      return;
    }

  g_task_return_pointer (task, json_node_copy (root), (GDestroyNotify) json_node_unref);
}

static GError *
too_large_error (TbTwilioProvider *self,
                 Request          *request)
{
  return tb_provider_error_new (TB_PROVIDER_ERROR_RESPONSE_TOO_LARGE, TB_PROVIDER_ERROR_KIND_OTHER,
                                request->status, 0,
                                _("Twilio's answer from %s is larger than %" G_GSIZE_FORMAT " bytes; "
                                  "Textbank stopped reading it"),
                                self->api_base, self->max_response_size);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbTwilioProvider *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      if (request->deadline_passed || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task,
          tb_provider_error_new (TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_OTHER,
                                 request->status, 0,
                                 _("Twilio's answer from %s broke off after HTTP %u (%s)"),
                                 self->api_base, request->status,
                                 request->deadline_passed ? _("timed out") : error->message));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      request_finish_body (task);
      return;
    }

  if (request->body->len + g_bytes_get_size (bytes) > self->max_response_size)
    {
      g_task_return_error (task, too_large_error (self, request));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_read, g_steal_pointer (&task));
}

/* Follows a redirect of a GET when it stays on the same origin. */
static gboolean
request_redirect (TbTwilioProvider  *self,
                  Request           *request,
                  GError           **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  GUri *base = soup_message_get_uri (request->message);
  g_autoptr(GUri) target = NULL;

  if (!g_str_equal (request->method, "GET"))
    {
      g_set_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TOO_MANY_REDIRECTS,
                   _("Twilio at %s answered a send with a redirect (HTTP %u); Textbank does not "
                     "follow it: check the API base URL"),
                   self->api_base, request->status);
      return FALSE;
    }
  if (request->redirects >= MAX_REDIRECTS)
    {
      g_set_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TOO_MANY_REDIRECTS,
                   _("Twilio at %s redirected more than %u times: check the API base URL"),
                   self->api_base, MAX_REDIRECTS);
      return FALSE;
    }
  if (location != NULL)
    target = g_uri_parse_relative (base, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL ||
      g_strcmp0 (g_uri_get_scheme (target), g_uri_get_scheme (base)) != 0 ||
      g_strcmp0 (g_uri_get_host (target), g_uri_get_host (base)) != 0 ||
      g_uri_get_port (target) != g_uri_get_port (base))
    {
      g_set_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TOO_MANY_REDIRECTS,
                   _("Twilio at %s redirected to another place; Textbank does not follow it: "
                     "check the API base URL"),
                   self->api_base);
      return FALSE;
    }

  request->redirects++;
  g_free (request->url);
  request->url = g_uri_to_string (target);
  return TRUE;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbTwilioProvider *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset content_length;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, transport_error (self, request, error));
      return;
    }

  request->status = soup_message_get_status (request->message);

  if (SOUP_STATUS_IS_REDIRECTION (request->status))
    {
      if (!request_redirect (self, request, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_object (&request->stream);
      g_clear_object (&request->message);
      request_start (g_steal_pointer (&task));
      return;
    }

  content_length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (content_length > 0 && (guint64) content_length > self->max_response_size)
    {
      g_task_return_error (task, too_large_error (self, request));
      return;
    }

  request->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_read, g_steal_pointer (&task));
}

static void
request_start (GTask *task)
{
  TbTwilioProvider *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  request->message = soup_message_new (request->method, request->url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a usable Twilio API address"), self->api_base);
      g_object_unref (task);
      return;
    }

  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->form != NULL)
    soup_message_set_request_body_from_bytes (request->message,
                                              "application/x-www-form-urlencoded",
                                              request->form);
  request->wrote_body = FALSE;
  g_signal_connect (request->message, "wrote-body", G_CALLBACK (on_wrote_body), request);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, on_sent, task);
}

/* Takes url. form: POST fields (NULL for a GET). */
static void
twilio_request_async (TbTwilioProvider    *self,
                      const char          *method,
                      char                *url,
                      GBytes              *form,
                      GCancellable        *cancellable,
                      gpointer             source_tag,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  /* Our own errors: a cancelled request must still report what it knows. */
  g_task_set_check_cancellable (task, FALSE);

  request->method = g_strdup (method);
  request->url = url;
  request->form = form != NULL ? g_bytes_ref (form) : NULL;
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                       request->cancellable, NULL);
    }

  /* libsoup's timeout covers each I/O step; this bounds the whole exchange
   * (a server that trickles one byte a second never trips the former). */
  request->deadline = g_timeout_source_new_seconds (MAX (self->timeout, 1) * 4);
  g_source_set_callback (request->deadline, on_deadline, request, NULL);
  g_source_attach (request->deadline, g_main_context_get_thread_default ());

  request_start (task);
}

static JsonNode *
twilio_request_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* URLs and forms                                                            */
/* ------------------------------------------------------------------------ */

static void
append_form_field (GString    *form,
                   const char *name,
                   const char *value)
{
  g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped_value = g_uri_escape_string (value, NULL, FALSE);

  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append_printf (form, "%s=%s", escaped_name, escaped_value);
}

static char *
account_url (TbTwilioProvider *self,
             const char       *suffix)
{
  g_autofree char *account = g_uri_escape_string (tb_credentials_get_account_sid (self->credentials), NULL, FALSE);

  return g_strconcat (self->api_base, API_VERSION_PATH "/Accounts/", account, suffix, NULL);
}

/* ------------------------------------------------------------------------ */
/* Send                                                                      */
/* ------------------------------------------------------------------------ */

static void
on_send_answer (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = twilio_request_finish (result, &error);
  TbProviderMessage *message;

  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  message = tb_twilio_parse_message (root, &error);
  if (message == NULL)
    {
      /* Twilio answered 2xx: the message was taken, but we cannot tell its id. */
      g_task_return_error (task,
        tb_provider_error_new (TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED,
                               201, 0, "%s", error->message));
      return;
    }
  g_task_return_pointer (task, message, (GDestroyNotify) tb_provider_message_free);
}

static void
tb_twilio_provider_send_async (TbProvider              *provider,
                               const TbOutgoingMessage *message,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_task_set_source_tag (task, tb_twilio_provider_send_async);

  if (message->to == NULL || *message->to == '\0')
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT,
                               _("The message has no recipient number; nothing was sent"));
      return;
    }
  if ((message->from == NULL || *message->from == '\0') &&
      (message->messaging_service_sid == NULL || *message->messaging_service_sid == '\0'))
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT,
                               _("The message to %s has no sending number or messaging service; "
                                 "set one in Preferences. Nothing was sent"), message->to);
      return;
    }
  if (message->body == NULL || *message->body == '\0')
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT,
                               _("The message to %s is empty; nothing was sent"), message->to);
      return;
    }

  append_form_field (form, "To", message->to);
  if (message->messaging_service_sid != NULL && *message->messaging_service_sid != '\0')
    append_form_field (form, "MessagingServiceSid", message->messaging_service_sid);
  else
    append_form_field (form, "From", message->from);
  append_form_field (form, "Body", message->body);
  if (message->validity_period > 0)
    {
      char validity[16];

      g_snprintf (validity, sizeof validity, "%u", MIN (message->validity_period, MAX_VALIDITY_PERIOD));
      append_form_field (form, "ValidityPeriod", validity);
    }

  length = form->len;
  bytes = g_bytes_new_take (g_string_free (g_steal_pointer (&form), FALSE), length);
  twilio_request_async (self, "POST", account_url (self, "/Messages.json"), bytes, cancellable,
                        tb_twilio_provider_send_async, on_send_answer, g_steal_pointer (&task));
}

static TbProviderMessage *
tb_twilio_provider_send_finish (TbProvider    *provider,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Fetch one                                                                 */
/* ------------------------------------------------------------------------ */

static void
on_fetch_answer (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = twilio_request_finish (result, &error);
  TbProviderMessage *message;

  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  message = tb_twilio_parse_message (root, &error);
  if (message == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, message, (GDestroyNotify) tb_provider_message_free);
}

static void
tb_twilio_provider_fetch_status_async (TbProvider          *provider,
                                       const char          *sid,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *escaped = g_uri_escape_string (sid, NULL, FALSE);
  g_autofree char *suffix = g_strconcat ("/Messages/", escaped, ".json", NULL);

  g_task_set_source_tag (task, tb_twilio_provider_fetch_status_async);
  twilio_request_async (self, "GET", account_url (self, suffix), NULL, cancellable,
                        tb_twilio_provider_fetch_status_async, on_fetch_answer, task);
}

static TbProviderMessage *
tb_twilio_provider_fetch_status_finish (TbProvider    *provider,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* List, following next_page_uri                                             */
/* ------------------------------------------------------------------------ */

typedef struct {
  TbProviderListQuery *query;
  GPtrArray           *messages;
  GHashTable          *seen_pages;
  guint                pages;
} ListState;

static void
list_state_free (ListState *state)
{
  tb_provider_list_query_free (state->query);
  g_ptr_array_unref (state->messages);
  g_hash_table_unref (state->seen_pages);
  g_free (state);
}

static gboolean
list_wants (const TbProviderListQuery *query,
            const TbProviderMessage   *message)
{
  if (query->direction == TB_PROVIDER_DIRECTION_INBOUND &&
      message->direction != TB_PROVIDER_DIRECTION_INBOUND)
    return FALSE;
  if (query->direction != TB_PROVIDER_DIRECTION_UNKNOWN &&
      query->direction != TB_PROVIDER_DIRECTION_INBOUND &&
      message->direction == TB_PROVIDER_DIRECTION_INBOUND)
    return FALSE;
  if (query->sent_since > 0 && message->date_created > 0 && message->date_created < query->sent_since)
    return FALSE;
  if (query->to != NULL && message->to != NULL && g_strcmp0 (query->to, message->to) != 0)
    return FALSE;
  if (query->from != NULL && message->from != NULL && g_strcmp0 (query->from, message->from) != 0)
    return FALSE;
  return TRUE;
}

static void tb_twilio_provider_list_messages_async (TbProvider                *provider,
                                                    const TbProviderListQuery *query,
                                                    GCancellable              *cancellable,
                                                    GAsyncReadyCallback        callback,
                                                    gpointer                   user_data);

static void
on_list_page (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TbTwilioProvider *self = g_task_get_source_object (task);
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = twilio_request_finish (result, &error);
  JsonObject *object;
  JsonNode *messages_node;
  JsonNode *next_node;
  JsonArray *messages;
  GCancellable *cancellable;
  const char *next = NULL;

  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object = json_node_get_object (root);
  messages_node = json_object_get_member (object, "messages");
  if (messages_node == NULL || !JSON_NODE_HOLDS_ARRAY (messages_node))
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
                               _("Twilio's message list (page %u) has no “messages” array"),
                               state->pages + 1);
      return;
    }
  messages = json_node_get_array (messages_node);
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      g_autoptr(TbProviderMessage) message = tb_twilio_parse_message (json_array_get_element (messages, i), &error);

      if (message == NULL)
        {
          g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
                                   _("Message %u on page %u of Twilio's list: %s"),
                                   i + 1, state->pages + 1, error->message);
          return;
        }
      if (!list_wants (state->query, message))
        continue;
      g_ptr_array_add (state->messages, g_steal_pointer (&message));
      if (state->query->max_messages > 0 && state->messages->len >= state->query->max_messages)
        {
          g_task_return_pointer (task, g_ptr_array_ref (state->messages), (GDestroyNotify) g_ptr_array_unref);
          return;
        }
    }
  state->pages++;

  next_node = json_object_get_member (object, "next_page_uri");
  if (next_node != NULL && JSON_NODE_HOLDS_VALUE (next_node) &&
      json_node_get_value_type (next_node) == G_TYPE_STRING)
    next = json_node_get_string (next_node);
  else if (next_node != NULL && !JSON_NODE_HOLDS_NULL (next_node))
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
                               _("Twilio's message list (page %u) has a “next_page_uri” that is not a string"),
                               state->pages);
      return;
    }

  if (next == NULL || *next == '\0')
    {
      g_task_return_pointer (task, g_ptr_array_ref (state->messages), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* The next page is relative to the API base; anything else, or a page
   * seen before, would send our credentials elsewhere or loop forever. */
  if (next[0] != '/' || next[1] == '/' || g_hash_table_contains (state->seen_pages, next) ||
      state->pages >= MAX_PAGES)
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_BAD_RESPONSE,
                               _("Twilio's message list (page %u) points to an unusable next page"),
                               state->pages);
      return;
    }
  g_hash_table_add (state->seen_pages, g_strdup (next));

  cancellable = g_task_get_cancellable (task);
  twilio_request_async (self, "GET", g_strconcat (self->api_base, next, NULL), NULL,
                        cancellable, tb_twilio_provider_list_messages_async,
                        on_list_page, g_steal_pointer (&task));
}

static void
tb_twilio_provider_list_messages_async (TbProvider                *provider,
                                        const TbProviderListQuery *query,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListState *state = g_new0 (ListState, 1);
  g_autoptr(GString) params = g_string_new (NULL);
  g_autofree char *base = account_url (self, "/Messages.json");
  char page_size[16];

  g_task_set_source_tag (task, tb_twilio_provider_list_messages_async);
  state->query = tb_provider_list_query_copy (query);
  state->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_provider_message_free);
  state->seen_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, state, (GDestroyNotify) list_state_free);

  if (query->to != NULL)
    append_form_field (params, "To", query->to);
  if (query->from != NULL)
    append_form_field (params, "From", query->from);
  if (query->sent_since > 0)
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (query->sent_since / G_USEC_PER_SEC);
      g_autofree char *day = g_date_time_format (since, "%Y-%m-%d");

      /* Twilio filters by day (UTC); list_wants() drops the earlier ones. */
      append_form_field (params, "DateSent>", day);
    }
  g_snprintf (page_size, sizeof page_size, "%u",
              query->page_size > 0 ? MIN (query->page_size, MAX_PAGE_SIZE) : MAX_PAGE_SIZE);
  append_form_field (params, "PageSize", page_size);

  twilio_request_async (self, "GET", g_strconcat (base, "?", params->str, NULL), NULL, cancellable,
                        tb_twilio_provider_list_messages_async, on_list_page, task);
}

static GPtrArray *
tb_twilio_provider_list_messages_finish (TbProvider    *provider,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* TbProvider                                                                */
/* ------------------------------------------------------------------------ */

static const char *
tb_twilio_provider_get_display_name (TbProvider *provider)
{
  return TB_TWILIO_PROVIDER (provider)->display_name;
}

static gboolean
tb_twilio_provider_is_simulator (TbProvider *provider)
{
  return FALSE;
}

static void
tb_twilio_provider_iface_init (TbProviderInterface *iface)
{
  iface->get_display_name = tb_twilio_provider_get_display_name;
  iface->is_simulator = tb_twilio_provider_is_simulator;
  iface->send_async = tb_twilio_provider_send_async;
  iface->send_finish = tb_twilio_provider_send_finish;
  iface->fetch_status_async = tb_twilio_provider_fetch_status_async;
  iface->fetch_status_finish = tb_twilio_provider_fetch_status_finish;
  iface->list_messages_async = tb_twilio_provider_list_messages_async;
  iface->list_messages_finish = tb_twilio_provider_list_messages_finish;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
tb_twilio_provider_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_CREDENTIALS:
      g_value_set_boxed (value, self->credentials);
      break;
    case PROP_API_BASE:
      g_value_set_string (value, self->api_base);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_IS_SIMULATOR:
      g_value_set_boolean (value, FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_twilio_provider_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_CREDENTIALS:
      self->credentials = g_value_dup_boxed (value);
      break;
    case PROP_API_BASE:
      {
        const char *base = g_value_get_string (value);
        gsize length;

        if (base == NULL || *base == '\0')
          base = TB_TWILIO_DEFAULT_API_BASE;
        length = strlen (base);
        while (length > 0 && base[length - 1] == '/')
          length--;
        g_free (self->api_base);
        self->api_base = g_strndup (base, length);
      }
      break;
    case PROP_TIMEOUT:
      tb_twilio_provider_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_twilio_provider_constructed (GObject *object)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (object);
  const char *account_sid;
  g_autofree char *user_password = NULL;
  g_autofree char *encoded = NULL;
  gsize length;

  G_OBJECT_CLASS (tb_twilio_provider_parent_class)->constructed (object);

  g_assert (self->credentials != NULL);
  account_sid = tb_credentials_get_account_sid (self->credentials);
  length = strlen (account_sid);
  if (length > 8)
    self->display_name = g_strdup_printf ("Twilio %.4s…%s", account_sid, account_sid + length - 4);
  else
    self->display_name = g_strdup_printf ("Twilio %s", account_sid);

  user_password = g_strconcat (tb_credentials_get_username (self->credentials), ":",
                               tb_credentials_get_password (self->credentials), NULL);
  encoded = g_base64_encode ((const guchar *) user_password, strlen (user_password));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  memset (user_password, 0, strlen (user_password));
  memset (encoded, 0, strlen (encoded));
}

static void
tb_twilio_provider_dispose (GObject *object)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tb_twilio_provider_parent_class)->dispose (object);
}

static void
tb_twilio_provider_finalize (GObject *object)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (object);

  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->credentials, tb_credentials_free);
  g_clear_pointer (&self->api_base, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (tb_twilio_provider_parent_class)->finalize (object);
}

static void
tb_twilio_provider_class_init (TbTwilioProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_twilio_provider_get_property;
  object_class->set_property = tb_twilio_provider_set_property;
  object_class->constructed = tb_twilio_provider_constructed;
  object_class->dispose = tb_twilio_provider_dispose;
  object_class->finalize = tb_twilio_provider_finalize;

  properties[PROP_CREDENTIALS] =
    g_param_spec_boxed ("credentials", NULL, NULL, TB_TYPE_CREDENTIALS,
                        G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_API_BASE] =
    g_param_spec_string ("api-base", NULL, NULL, TB_TWILIO_DEFAULT_API_BASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, TB_TWILIO_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_DISPLAY_NAME, "display-name");
  g_object_class_override_property (object_class, PROP_IS_SIMULATOR, "is-simulator");
}

static void
tb_twilio_provider_init (TbTwilioProvider *self)
{
  self->timeout = TB_TWILIO_DEFAULT_TIMEOUT;
  self->max_response_size = TB_TWILIO_DEFAULT_MAX_RESPONSE_SIZE;
  self->api_base = g_strdup (TB_TWILIO_DEFAULT_API_BASE);
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "idle-timeout", IDLE_TIMEOUT,
                                                 "user-agent", "Textbank/" PACKAGE_VERSION " ",
                                                 NULL);
}

TbTwilioProvider *
tb_twilio_provider_new (const TbCredentials *credentials,
                        const char          *api_base)
{
  g_return_val_if_fail (credentials != NULL, NULL);

  return g_object_new (TB_TYPE_TWILIO_PROVIDER,
                       "credentials", credentials,
                       "api-base", api_base,
                       NULL);
}

const char *
tb_twilio_provider_get_api_base (TbTwilioProvider *self)
{
  g_return_val_if_fail (TB_IS_TWILIO_PROVIDER (self), NULL);

  return self->api_base;
}

const char *
tb_twilio_provider_get_account_sid (TbTwilioProvider *self)
{
  g_return_val_if_fail (TB_IS_TWILIO_PROVIDER (self), NULL);

  return tb_credentials_get_account_sid (self->credentials);
}

void
tb_twilio_provider_set_timeout (TbTwilioProvider *self,
                                guint             seconds)
{
  g_return_if_fail (TB_IS_TWILIO_PROVIDER (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
tb_twilio_provider_get_timeout (TbTwilioProvider *self)
{
  g_return_val_if_fail (TB_IS_TWILIO_PROVIDER (self), 0);

  return self->timeout;
}

void
tb_twilio_provider_set_max_response_size (TbTwilioProvider *self,
                                          gsize             max_bytes)
{
  g_return_if_fail (TB_IS_TWILIO_PROVIDER (self));
  g_return_if_fail (max_bytes > 0);

  self->max_response_size = max_bytes;
}

static void
on_account_answer (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = twilio_request_finish (result, &error);
  JsonNode *name;

  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  name = json_object_get_member (json_node_get_object (root), "friendly_name");
  if (name != NULL && JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
    g_task_return_pointer (task, g_strdup (json_node_get_string (name)), g_free);
  else
    g_task_return_pointer (task, g_strdup (""), g_free);
}

void
tb_twilio_provider_test_credentials_async (TbTwilioProvider    *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TB_IS_TWILIO_PROVIDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_twilio_provider_test_credentials_async);
  twilio_request_async (self, "GET", account_url (self, ".json"), NULL, cancellable,
                        tb_twilio_provider_test_credentials_async, on_account_answer, task);
}

gboolean
tb_twilio_provider_test_credentials_finish (TbTwilioProvider  *self,
                                            GAsyncResult      *result,
                                            char             **friendly_name,
                                            GError           **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  name = g_task_propagate_pointer (G_TASK (result), error);
  if (name == NULL)
    return FALSE;
  if (friendly_name != NULL)
    *friendly_name = *name != '\0' ? g_steal_pointer (&name) : NULL;
  return TRUE;
}
