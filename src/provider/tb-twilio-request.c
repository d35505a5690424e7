/* tb-twilio-request.c: one HTTP exchange with Twilio → a JSON object or a
 * TB_PROVIDER_ERROR
 *
 * libsoup gives every POST (a send) a fresh connection and never re-sends
 * it by itself; GETs reuse kept-alive connections. Redirects are never
 * followed for a POST and at most MAX_REDIRECTS times, on the same origin,
 * for a GET, so the Authorization header never travels to another host.
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
#include <string.h>

#include "tb-twilio-private.h"

#define MAX_REDIRECTS 3
#define READ_CHUNK 65536

typedef struct {
  SoupSession  *session;
  char         *api_base;
  char         *authorization;   /* a secret: wiped when freed */
  guint         timeout;
  gsize         max_response_size;
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
  g_clear_object (&request->session);
  if (request->authorization != NULL)
    memset (request->authorization, 0, strlen (request->authorization));
  g_free (request->authorization);
  g_free (request->api_base);
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
transport_error (Request          *request,
                 const GError     *error)
{
  if (request->deadline_passed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      if (request->wrote_body)
        return tb_provider_error_new (TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                      _("No answer from Twilio at %s within %u s after the request was sent: "
                                        "it may have been taken, so Textbank checks before sending again"),
                                      request->api_base, request->timeout);
      return tb_provider_error_new (TB_PROVIDER_ERROR_NOT_SENT, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                    _("Could not reach Twilio at %s within %u s; nothing was sent"),
                                    request->api_base, request->timeout);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (request->wrote_body)
    return tb_provider_error_new (TB_PROVIDER_ERROR_NO_ANSWER, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                  _("The connection to Twilio at %s broke after the request was sent (%s): "
                                    "it may have been taken, so Textbank checks before sending again"),
                                  request->api_base, error->message);
  return tb_provider_error_new (TB_PROVIDER_ERROR_NOT_SENT, TB_PROVIDER_ERROR_KIND_OTHER, 0, 0,
                                _("Could not reach Twilio at %s (%s); nothing was sent"),
                                request->api_base, error->message);
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
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root = NULL;
  gboolean parsed;

  /* An empty body is no JSON (and json-glib takes no NULL data). */
  parsed = request->body->len > 0 &&
           json_parser_load_from_data (parser, (const char *) request->body->data,
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

  if (request->body->len == 0)
    {
      g_task_return_error (task,
        tb_provider_error_new (TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_OTHER,
                               request->status, 0,
                               _("Twilio at %s answered HTTP %u with no body; if this was a send, "
                                 "it may have been taken"),
                               request->api_base, request->status));
      return;
    }

  if (!parsed || root == NULL)
    {
      g_task_return_error (task,
        tb_provider_error_new (TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_OTHER,
                               request->status, 0,
                               _("Twilio at %s answered HTTP %u with something that is not valid JSON "
                                 "(%s, %u bytes); if this was a send, it may have been taken"),
                               request->api_base, request->status,
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
                               request->api_base, request->status));
      return;
    }

  g_task_return_pointer (task, json_node_copy (root), (GDestroyNotify) json_node_unref);
}

static GError *
too_large_error (Request          *request)
{
  return tb_provider_error_new (TB_PROVIDER_ERROR_RESPONSE_TOO_LARGE, TB_PROVIDER_ERROR_KIND_OTHER,
                                request->status, 0,
                                _("Twilio's answer from %s is larger than %lu bytes; "
                                  "Textbank stopped reading it"),
                                request->api_base, (unsigned long) request->max_response_size);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
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
                                 _("Twilio's answer from %s broke off after HTTP %u (%s); if this was a send, "
                                   "it may have been taken"),
                                 request->api_base, request->status,
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

  if (request->body->len + g_bytes_get_size (bytes) > request->max_response_size)
    {
      g_task_return_error (task, too_large_error (request));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_read, g_steal_pointer (&task));
}

/* Follows a redirect of a GET when it stays on the same origin. */
static gboolean
request_redirect (Request           *request,
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
                   request->api_base, request->status);
      return FALSE;
    }
  if (request->redirects >= MAX_REDIRECTS)
    {
      g_set_error (error, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_TOO_MANY_REDIRECTS,
                   _("Twilio at %s redirected more than %u times: check the API base URL"),
                   request->api_base, MAX_REDIRECTS);
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
                   request->api_base);
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
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset content_length;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, transport_error (request, error));
      return;
    }

  request->status = soup_message_get_status (request->message);

  if (SOUP_STATUS_IS_REDIRECTION (request->status))
    {
      if (!request_redirect (request, &error))
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
  if (content_length > 0 && (guint64) content_length > request->max_response_size)
    {
      g_task_return_error (task, too_large_error (request));
      return;
    }

  request->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_read, g_steal_pointer (&task));
}

static void
request_start (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  request->message = soup_message_new (request->method, request->url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, TB_PROVIDER_ERROR, TB_PROVIDER_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a usable Twilio API address"), request->api_base);
      g_object_unref (task);
      return;
    }

  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Authorization", request->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->form != NULL)
    soup_message_set_request_body_from_bytes (request->message,
                                              "application/x-www-form-urlencoded",
                                              request->form);
  request->wrote_body = FALSE;
  g_signal_connect (request->message, "wrote-body", G_CALLBACK (on_wrote_body), request);

  soup_session_send_async (request->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, on_sent, task);
}


/* request->api_base only goes into error messages, which reach logs and
 * toasts: a base URL with user:password@ (a proxy) must not take them along. */
static char *
api_base_for_messages (const char *api_base)
{
  g_autoptr(GUri) uri = g_uri_parse (api_base, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_HAS_AUTH_PARAMS, NULL);
  const char *at;

  if (uri != NULL)
    return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_AUTH_PARAMS |
                                         G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  /* Not a URL: keep nothing before an @. */
  at = strrchr (api_base, '@');
  return g_strdup (at != NULL ? at + 1 : api_base);
}

void
tb_twilio_request_async (gpointer                  source_object,
                         const TbTwilioEndpoint   *endpoint,
                         const char               *method,
                         char                     *url,
                         GBytes                   *form,
                         GCancellable             *cancellable,
                         gpointer                  source_tag,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  /* Our own errors: a cancelled request must still report what it knows. */
  g_task_set_check_cancellable (task, FALSE);

  request->session = g_object_ref (endpoint->session);
  request->api_base = api_base_for_messages (endpoint->api_base);
  request->authorization = g_strdup (endpoint->authorization);
  request->timeout = endpoint->timeout;
  request->max_response_size = endpoint->max_response_size;
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
  request->deadline = g_timeout_source_new_seconds (MAX (request->timeout, 1) * 4);
  g_source_set_callback (request->deadline, on_deadline, request, NULL);
  g_source_attach (request->deadline, g_main_context_get_thread_default ());

  request_start (task);
}

JsonNode *
tb_twilio_request_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
