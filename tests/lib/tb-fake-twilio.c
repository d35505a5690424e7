/* tb-fake-twilio.c: a small fake of Twilio's Messages API for tests: the
 * server thread, the dispatch, the faults and the public functions
 * (tb-fake-twilio-api.c answers the API itself)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-fake-twilio"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>

#include "tb-fake-twilio-private.h"

static void
fake_message_free (FakeMessage *message)
{
  g_free (message->sid);
  g_free (message->to);
  g_free (message->from);
  g_free (message->messaging_service_sid);
  g_free (message->body);
  g_free (message->status);
  g_free (message->direction);
  g_free (message);
}

static void
fault_rule_free (FaultRule *rule)
{
  g_free (rule->message);
  g_free (rule);
}

void
tb_fake_twilio_request_free (TbFakeTwilioRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->form, g_hash_table_unref);
  g_free (request->authorization);
  g_free (request);
}

static TbFakeTwilioRequest *
request_copy (const TbFakeTwilioRequest *request)
{
  TbFakeTwilioRequest *copy = g_new0 (TbFakeTwilioRequest, 1);

  copy->kind = request->kind;
  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->query = g_strdup (request->query);
  copy->form = request->form != NULL ? g_hash_table_ref (request->form) : NULL;
  copy->authorization = g_strdup (request->authorization);
  copy->fault = request->fault;
  return copy;
}

/* ------------------------------------------------------------------------ */
/* Faults                                                                    */
/* ------------------------------------------------------------------------ */

static FaultRule *
take_fault (TbFakeTwilio            *self,
            TbFakeTwilioRequestKind  kind,
            FaultRule               *copy)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      FaultRule *rule = g_ptr_array_index (self->faults, i);

      if (rule->kind != TB_FAKE_TWILIO_REQUEST_ANY && rule->kind != kind)
        continue;
      *copy = *rule;
      copy->message = g_strdup (rule->message);
      if (rule->remaining > 0 && --rule->remaining == 0)
        g_ptr_array_remove_index (self->faults, i);
      return copy;
    }
  return NULL;
}

static void
destroy_source (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static gboolean
trickle_one_byte (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, " ", 1);
  soup_server_message_unpause (msg);
  return G_SOURCE_CONTINUE;
}

static void
start_trickle (TbFakeTwilio      *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GSource *source = g_timeout_source_new (300);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "{", 1);
  g_source_set_callback (source, trickle_one_byte, g_object_ref (msg), g_object_unref);
  g_source_attach (source, self->context);
  g_ptr_array_add (self->trickles, source);
}

/* Closes the connection with a TCP reset, without an answer. */
static void
reset_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;
  struct linger linger = { 1, 0 };

  if (socket != NULL)
    setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
apply_fault (TbFakeTwilio            *self,
             SoupServerMessage       *msg,
             TbFakeTwilioRequestKind  kind,
             GHashTable              *form,
             const FaultRule         *rule)
{
  switch (rule->fault)
    {
    case TB_FAKE_TWILIO_FAULT_ERROR:
      fake_respond_error (msg, rule->http_status, rule->code, rule->message, rule->retry_after);
      break;

    case TB_FAKE_TWILIO_FAULT_HANG:
      soup_server_message_pause (msg);
      g_ptr_array_add (self->hung, g_object_ref (msg));
      break;

    case TB_FAKE_TWILIO_FAULT_RESET_AFTER_READ:
      if (kind == TB_FAKE_TWILIO_REQUEST_SEND)
        fake_handle_send (self, msg, form, FALSE);
      reset_connection (msg);
      break;

    case TB_FAKE_TWILIO_FAULT_RESET_BEFORE_STORE:
      reset_connection (msg);
      break;

    case TB_FAKE_TWILIO_FAULT_MALFORMED_JSON:
      {
        static const char cut[] = "{\"sid\": \"SM0000\", \"status\": \"queu";

        if (kind == TB_FAKE_TWILIO_REQUEST_SEND)
          fake_handle_send (self, msg, form, FALSE);
        soup_server_message_set_status (msg, kind == TB_FAKE_TWILIO_REQUEST_SEND ? 201 : 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, cut, strlen (cut));
      }
      break;

    case TB_FAKE_TWILIO_FAULT_EMPTY_BODY:
      if (kind == TB_FAKE_TWILIO_REQUEST_SEND)
        fake_handle_send (self, msg, form, FALSE);
      soup_server_message_set_status (msg, kind == TB_FAKE_TWILIO_REQUEST_SEND ? 201 : 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "", 0);
      break;

    case TB_FAKE_TWILIO_FAULT_WRONG_JSON_TYPES:
      {
        static const char wrong[] = "{\"sid\": 12345, \"status\": [\"queued\"], \"messages\": \"none\", "
                                    "\"num_segments\": {\"n\": 1}}";

        if (kind == TB_FAKE_TWILIO_REQUEST_SEND)
          fake_handle_send (self, msg, form, FALSE);
        soup_server_message_set_status (msg, kind == TB_FAKE_TWILIO_REQUEST_SEND ? 201 : 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, wrong, strlen (wrong));
      }
      break;

    case TB_FAKE_TWILIO_FAULT_HTML:
      {
        static const char html[] = "<html><head><title>502 Bad Gateway</title></head>"
                                   "<body><h1>502 Bad Gateway</h1></body></html>";

        soup_server_message_set_status (msg, 502, NULL);
        soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      }
      break;

    case TB_FAKE_TWILIO_FAULT_HUGE_BODY:
      {
        char *huge = g_malloc (HUGE_BODY_SIZE);

        if (kind == TB_FAKE_TWILIO_REQUEST_SEND)
          fake_handle_send (self, msg, form, FALSE);
        memset (huge, ' ', HUGE_BODY_SIZE);
        huge[0] = '{';
        huge[HUGE_BODY_SIZE - 1] = '}';
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, huge, HUGE_BODY_SIZE);
      }
      break;

    case TB_FAKE_TWILIO_FAULT_REDIRECT_LOOP:
      {
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *target = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

        soup_server_message_set_redirect (msg, 302, target);
      }
      break;

    case TB_FAKE_TWILIO_FAULT_HUGE_CHUNKED:
      {
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
        SoupMessageBody *body = soup_server_message_get_response_body (msg);
        g_autofree char *chunk = g_malloc (65536);

        memset (chunk, ' ', 65536);
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        soup_message_body_append (body, SOUP_MEMORY_COPY, "{", 1);
        for (guint i = 0; i < HUGE_BODY_SIZE / 65536; i++)
          soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, 65536);
        soup_message_body_append (body, SOUP_MEMORY_COPY, "}", 1);
        soup_message_body_complete (body);
      }
      break;

    case TB_FAKE_TWILIO_FAULT_NEXT_PAGE_ELSEWHERE:
    case TB_FAKE_TWILIO_FAULT_NEXT_PAGE_LOOP:
      {
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *self_link = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        const char *path_and_query = strstr (self_link, API_PREFIX);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "messages");
        json_builder_begin_array (builder);
        json_builder_end_array (builder);
        json_builder_set_member_name (builder, "next_page_uri");
        if (rule->fault == TB_FAKE_TWILIO_FAULT_NEXT_PAGE_LOOP)
          json_builder_add_string_value (builder, path_and_query);
        else
          json_builder_add_string_value (builder, "//elsewhere.invalid/2010-04-01/Accounts/AC1/Messages.json?Page=1");
        json_builder_end_object (builder);
        fake_respond_json (msg, 200, builder);
      }
      break;

    case TB_FAKE_TWILIO_FAULT_TRICKLE:
      start_trickle (self, msg);
      break;

    case TB_FAKE_TWILIO_FAULT_NONE:
    default:
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Dispatch                                                                  */
/* ------------------------------------------------------------------------ */

static TbFakeTwilioRequestKind
classify_path (const char *method,
               const char *path,
               char      **sid)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  *sid = NULL;
  if (!g_str_has_prefix (path, API_PREFIX))
    return TB_FAKE_TWILIO_REQUEST_OTHER;

  parts = g_strsplit (path + strlen (API_PREFIX), "/", -1);
  n = g_strv_length (parts);
  if (n == 1 && g_str_has_suffix (parts[0], ".json") && g_str_equal (method, "GET"))
    return TB_FAKE_TWILIO_REQUEST_ACCOUNT;
  if (n == 2 && g_str_equal (parts[1], "Messages.json"))
    return g_str_equal (method, "POST") ? TB_FAKE_TWILIO_REQUEST_SEND
                                        : (g_str_equal (method, "GET") ? TB_FAKE_TWILIO_REQUEST_LIST
                                                                        : TB_FAKE_TWILIO_REQUEST_OTHER);
  if (n == 3 && g_str_equal (parts[1], "Messages") && g_str_has_suffix (parts[2], ".json") &&
      g_str_equal (method, "GET"))
    {
      *sid = g_strndup (parts[2], strlen (parts[2]) - strlen (".json"));
      return TB_FAKE_TWILIO_REQUEST_FETCH;
    }
  return TB_FAKE_TWILIO_REQUEST_OTHER;
}

static gboolean
authorized (TbFakeTwilio *self,
            const char   *authorization)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *expected = NULL;
  gsize length = 0;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Basic "))
    return FALSE;
  decoded = g_base64_decode (authorization + strlen ("Basic "), &length);
  if (self->password == NULL)
    {
      g_autofree char *prefix = g_strconcat (self->username, ":", NULL);

      return length >= strlen (prefix) && memcmp (decoded, prefix, strlen (prefix)) == 0;
    }
  expected = g_strconcat (self->username, ":", self->password, NULL);
  return length == strlen (expected) && memcmp (decoded, expected, length) == 0;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query_ignored,
                 gpointer           user_data)
{
  TbFakeTwilio *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *sid = NULL;
  TbFakeTwilioRequestKind kind = classify_path (method, path, &sid);
  TbFakeTwilioRequest *record;
  FaultRule rule_copy = { 0 };
  FaultRule *rule;

  if (g_str_equal (method, "POST") && request_body != NULL && request_body->length > 0)
    {
      g_autofree char *text = g_strndup (request_body->data, request_body->length);

      form = soup_form_decode (text);
    }

  g_mutex_lock (&self->mutex);

  record = g_new0 (TbFakeTwilioRequest, 1);
  record->kind = kind;
  record->method = g_strdup (method);
  record->path = g_strdup (path);
  record->query = g_strdup (query);
  record->form = form != NULL ? g_hash_table_ref (form) : NULL;
  record->authorization = g_strdup (authorization);
  g_ptr_array_add (self->requests, record);

  rule = take_fault (self, kind, &rule_copy);
  if (rule != NULL)
    {
      record->fault = rule->fault;
      apply_fault (self, msg, kind, form, rule);
      g_free (rule_copy.message);
      g_mutex_unlock (&self->mutex);
      return;
    }

  if (!authorized (self, authorization))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Basic realm=\"Twilio API\"");
      fake_respond_error (msg, 401, 20003, "Authenticate", 0);
    }
  else if (kind == TB_FAKE_TWILIO_REQUEST_SEND)
    fake_handle_send (self, msg, form, TRUE);
  else if (kind == TB_FAKE_TWILIO_REQUEST_LIST)
    fake_handle_list (self, msg, path, query);
  else if (kind == TB_FAKE_TWILIO_REQUEST_FETCH)
    {
      FakeMessage *message = fake_find_message (self, sid);

      if (message == NULL)
        fake_respond_error (msg, 404, 20404, "The requested resource was not found", 0);
      else
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          fake_build_message (builder, message);
          fake_respond_json (msg, 200, builder);
        }
    }
  else if (kind == TB_FAKE_TWILIO_REQUEST_ACCOUNT)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      fake_add_string_or_null (builder, "sid", TB_FAKE_TWILIO_ACCOUNT_SID);
      fake_add_string_or_null (builder, "friendly_name", "Fake Twilio account");
      fake_add_string_or_null (builder, "status", "active");
      json_builder_end_object (builder);
      fake_respond_json (msg, 200, builder);
    }
  else
    fake_respond_error (msg, 404, 20404, "The requested resource was not found", 0);

  g_mutex_unlock (&self->mutex);
}

/* ------------------------------------------------------------------------ */
/* The server thread                                                         */
/* ------------------------------------------------------------------------ */

static gpointer
server_thread (gpointer data)
{
  TbFakeTwilio *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "FakeTwilio ", NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The fake Twilio server could not listen on 127.0.0.1: %s", error->message);

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  {
    GUri *uri = uris->data;

    g_mutex_lock (&self->mutex);
    self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
    self->ready = TRUE;
    g_cond_signal (&self->cond);
    g_mutex_unlock (&self->mutex);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->hung, 0);
  g_ptr_array_set_size (self->trickles, 0);
  g_mutex_unlock (&self->mutex);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  /* Let the closed connections finish their clean-up. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

TbFakeTwilio *
tb_fake_twilio_new (void)
{
  TbFakeTwilio *self = g_new0 (TbFakeTwilio, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_message_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_fake_twilio_request_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_rule_free);
  self->hung = g_ptr_array_new_with_free_func (g_object_unref);
  self->trickles = g_ptr_array_new_with_free_func ((GDestroyNotify) destroy_source);
  self->username = g_strdup (TB_FAKE_TWILIO_ACCOUNT_SID);
  self->password = g_strdup (TB_FAKE_TWILIO_AUTH_TOKEN);
  self->error_status = 400;
  self->error_code = 21211;
  self->error_message = g_strdup ("The 'To' number is not a valid phone number.");
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("fake-twilio", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
tb_fake_twilio_free (TbFakeTwilio *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->messages);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->hung);
  g_ptr_array_unref (self->trickles);
  g_free (self->base_url);
  g_free (self->error_message);
  g_free (self->username);
  g_free (self->password);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
tb_fake_twilio_get_base_url (TbFakeTwilio *self)
{
  return self->base_url;
}

void
tb_fake_twilio_add_fault (TbFakeTwilio            *self,
                          TbFakeTwilioRequestKind  kind,
                          TbFakeTwilioFault        fault,
                          guint                    times)
{
  FaultRule *rule = g_new0 (FaultRule, 1);

  g_mutex_lock (&self->mutex);
  rule->kind = kind;
  rule->fault = fault;
  rule->remaining = times;
  rule->http_status = self->error_status;
  rule->code = self->error_code;
  rule->message = g_strdup (self->error_message);
  rule->retry_after = self->error_retry_after;
  g_ptr_array_add (self->faults, rule);
  g_mutex_unlock (&self->mutex);
}

void
tb_fake_twilio_clear_faults (TbFakeTwilio *self)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->faults, 0);
  g_mutex_unlock (&self->mutex);
}

void
tb_fake_twilio_set_error (TbFakeTwilio *self,
                          guint         http_status,
                          int           code,
                          const char   *message,
                          guint         retry_after)
{
  g_mutex_lock (&self->mutex);
  self->error_status = http_status;
  self->error_code = code;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  self->error_retry_after = retry_after;
  g_mutex_unlock (&self->mutex);
}

void
tb_fake_twilio_set_auth (TbFakeTwilio *self,
                         const char   *username,
                         const char   *password)
{
  g_mutex_lock (&self->mutex);
  g_free (self->username);
  g_free (self->password);
  self->username = g_strdup (username);
  self->password = g_strdup (password);
  g_mutex_unlock (&self->mutex);
}

guint
tb_fake_twilio_count_messages (TbFakeTwilio *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->messages->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

guint
tb_fake_twilio_count_sent_to (TbFakeTwilio *self,
                              const char   *to)
{
  guint n = 0;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->messages->len; i++)
    {
      FakeMessage *message = g_ptr_array_index (self->messages, i);

      if (!g_str_equal (message->direction, "inbound") && (to == NULL || g_strcmp0 (message->to, to) == 0))
        n++;
    }
  g_mutex_unlock (&self->mutex);
  return n;
}

char *
tb_fake_twilio_add_inbound (TbFakeTwilio *self,
                            const char   *from,
                            const char   *to,
                            const char   *body,
                            gint64        date_sent)
{
  char *sid;

  g_mutex_lock (&self->mutex);
  sid = g_strdup (fake_store_message (self, to, from, NULL, body, "inbound", date_sent)->sid);
  g_mutex_unlock (&self->mutex);
  return sid;
}

gboolean
tb_fake_twilio_set_status (TbFakeTwilio *self,
                           const char   *sid,
                           const char   *status,
                           int           error_code)
{
  FakeMessage *message;

  g_mutex_lock (&self->mutex);
  message = fake_find_message (self, sid);
  if (message != NULL)
    {
      g_free (message->status);
      message->status = g_strdup (status);
      message->error_code = error_code;
      message->date_updated = g_get_real_time ();
      if (message->date_sent == 0 && g_strcmp0 (status, "queued") != 0 && g_strcmp0 (status, "accepted") != 0)
        message->date_sent = message->date_updated;
    }
  g_mutex_unlock (&self->mutex);
  return message != NULL;
}

GPtrArray *
tb_fake_twilio_get_requests (TbFakeTwilio *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_fake_twilio_request_free);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copy, request_copy (g_ptr_array_index (self->requests, i)));
  g_mutex_unlock (&self->mutex);
  return copy;
}

guint
tb_fake_twilio_count_requests (TbFakeTwilio            *self,
                               TbFakeTwilioRequestKind  kind)
{
  guint n = 0;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->requests->len; i++)
    {
      TbFakeTwilioRequest *request = g_ptr_array_index (self->requests, i);

      if (kind == TB_FAKE_TWILIO_REQUEST_ANY || request->kind == kind)
        n++;
    }
  g_mutex_unlock (&self->mutex);
  return n;
}
