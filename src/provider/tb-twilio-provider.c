/* tb-twilio-provider.c: TbProvider for Twilio's 2010-04-01 Messages API
 *
 * Builds the requests (tb-twilio-request.c carries them) and reads the
 * answers (tb-twilio-json.c).
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
#define MAX_PAGES 500
#define MAX_PAGE_SIZE 1000
#define MAX_VALIDITY_PERIOD 36000
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
  GObject           parent_instance;

  TbCredentials    *credentials;
  char             *display_name;
  TbTwilioEndpoint  endpoint;   /* api_base without a trailing slash */
};

static void tb_twilio_provider_iface_init (TbProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TbTwilioProvider, tb_twilio_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TB_TYPE_PROVIDER, tb_twilio_provider_iface_init))

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

  return g_strconcat (self->endpoint.api_base, API_VERSION_PATH "/Accounts/", account, suffix, NULL);
}

/* The JSON of Twilio's answer; NULL once the task has returned the error. */
static JsonNode *
take_answer (GTask        *task,
             GAsyncResult *result)
{
  GError *error = NULL;
  JsonNode *root = tb_twilio_request_finish (result, &error);

  if (root == NULL)
    g_task_return_error (task, error);
  return root;
}

static void tb_twilio_provider_send_async (TbProvider              *provider,
                                           const TbOutgoingMessage *message,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);

/* The answer to a send or a fetch: one message. */
static void
on_message_answer (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = take_answer (task, result);
  TbProviderMessage *message;

  if (root == NULL)
    return;
  message = tb_twilio_parse_message (root, &error);
  if (message == NULL && g_task_get_source_tag (task) == tb_twilio_provider_send_async)
    /* Twilio answered 2xx to a send: the message was taken, but we cannot
     * tell its id. */
    g_task_return_error (task,
      tb_provider_error_new (TB_PROVIDER_ERROR_BAD_RESPONSE, TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED,
                             201, 0, "%s", error->message));
  else if (message == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, message, (GDestroyNotify) tb_provider_message_free);
}

/* ------------------------------------------------------------------------ */
/* Send                                                                      */
/* ------------------------------------------------------------------------ */

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
  tb_twilio_request_async (self, &self->endpoint, "POST", account_url (self, "/Messages.json"), bytes, cancellable,
                        tb_twilio_provider_send_async, on_message_answer, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------------ */
/* Fetch one                                                                 */
/* ------------------------------------------------------------------------ */

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
  tb_twilio_request_async (self, &self->endpoint, "GET", account_url (self, suffix), NULL, cancellable,
                        tb_twilio_provider_fetch_status_async, on_message_answer, task);
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
  if (!tb_provider_list_query_wants_direction (query, message->direction))
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
  g_autoptr(JsonNode) root = take_answer (task, result);
  JsonObject *object;
  JsonNode *messages_node;
  JsonNode *next_node;
  JsonArray *messages;
  GCancellable *cancellable;
  const char *next = NULL;

  if (root == NULL)
    return;

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
                               _("Twilio's message list (page %u) points to an unusable next page (%s)"),
                               state->pages, next);
      return;
    }
  g_hash_table_add (state->seen_pages, g_strdup (next));

  cancellable = g_task_get_cancellable (task);
  tb_twilio_request_async (self, &self->endpoint, "GET", g_strconcat (self->endpoint.api_base, next, NULL), NULL,
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
  /* Twilio's DateSent filter leaves out a message that has no date_sent
   * yet (queued, accepted): exactly what a reconciliation looks for. So
   * only inbound lists filter by date on the server; the rest are filtered
   * by date_created in list_wants(). */
  if (query->sent_since > 0 && query->direction == TB_PROVIDER_DIRECTION_INBOUND)
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (query->sent_since / G_USEC_PER_SEC);
      g_autofree char *instant = g_date_time_format (since, "%Y-%m-%dT%H:%M:%SZ");

      /* "DateSent>=…" as the spec's date-time; Twilio may still filter by
       * day and by date_sent, so list_wants() checks date_created too. */
      append_form_field (params, "DateSent>", instant);
    }
  g_snprintf (page_size, sizeof page_size, "%u",
              query->page_size > 0 ? MIN (query->page_size, MAX_PAGE_SIZE) : MAX_PAGE_SIZE);
  append_form_field (params, "PageSize", page_size);

  tb_twilio_request_async (self, &self->endpoint, "GET", g_strconcat (base, "?", params->str, NULL), NULL, cancellable,
                        tb_twilio_provider_list_messages_async, on_list_page, task);
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
  iface->fetch_status_async = tb_twilio_provider_fetch_status_async;
  iface->list_messages_async = tb_twilio_provider_list_messages_async;
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
      g_value_set_string (value, self->endpoint.api_base);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->endpoint.timeout);
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
        g_free (self->endpoint.api_base);
        self->endpoint.api_base = g_strndup (base, length);
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
  self->endpoint.authorization = g_strconcat ("Basic ", encoded, NULL);
  memset (user_password, 0, strlen (user_password));
  memset (encoded, 0, strlen (encoded));
}

static void
tb_twilio_provider_dispose (GObject *object)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (object);

  if (self->endpoint.session != NULL)
    soup_session_abort (self->endpoint.session);
  g_clear_object (&self->endpoint.session);

  G_OBJECT_CLASS (tb_twilio_provider_parent_class)->dispose (object);
}

static void
tb_twilio_provider_finalize (GObject *object)
{
  TbTwilioProvider *self = TB_TWILIO_PROVIDER (object);

  if (self->endpoint.authorization != NULL)
    memset (self->endpoint.authorization, 0, strlen (self->endpoint.authorization));
  g_clear_pointer (&self->endpoint.authorization, g_free);
  g_clear_pointer (&self->credentials, tb_credentials_free);
  g_clear_pointer (&self->endpoint.api_base, g_free);
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
  self->endpoint.timeout = TB_TWILIO_DEFAULT_TIMEOUT;
  self->endpoint.max_response_size = TB_TWILIO_DEFAULT_MAX_RESPONSE_SIZE;
  self->endpoint.api_base = g_strdup (TB_TWILIO_DEFAULT_API_BASE);
  self->endpoint.session = soup_session_new_with_options ("timeout", self->endpoint.timeout,
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

  return self->endpoint.api_base;
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

  if (self->endpoint.timeout == seconds)
    return;
  self->endpoint.timeout = seconds;
  g_object_set (self->endpoint.session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
tb_twilio_provider_get_timeout (TbTwilioProvider *self)
{
  g_return_val_if_fail (TB_IS_TWILIO_PROVIDER (self), 0);

  return self->endpoint.timeout;
}

void
tb_twilio_provider_set_max_response_size (TbTwilioProvider *self,
                                          gsize             max_bytes)
{
  g_return_if_fail (TB_IS_TWILIO_PROVIDER (self));
  g_return_if_fail (max_bytes > 0);

  self->endpoint.max_response_size = max_bytes;
}

static void
on_account_answer (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = take_answer (task, result);
  JsonNode *name;

  if (root == NULL)
    return;
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
  tb_twilio_request_async (self, &self->endpoint, "GET", account_url (self, ".json"), NULL, cancellable,
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
