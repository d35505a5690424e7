/* tb-provider.c: the SMS provider interface, its records and its errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-provider"

#include "config.h"

#include <string.h>

#include "tb-provider.h"

/* ------------------------------------------------------------------------ */
/* Errors: an extended error domain, so a GError carries the HTTP status,   */
/* Retry-After and the provider's own judgement of where the request got.   */
/* ------------------------------------------------------------------------ */

typedef struct {
  TbProviderErrorKind kind;  /* OTHER: decide from the code */
  guint http_status;
  guint retry_after;
} TbProviderErrorPrivate;

static void
tb_provider_error_private_init (TbProviderErrorPrivate *priv)
{
  priv->kind = TB_PROVIDER_ERROR_KIND_OTHER;
  priv->http_status = 0;
  priv->retry_after = 0;
}

static void
tb_provider_error_private_copy (const TbProviderErrorPrivate *src,
                                TbProviderErrorPrivate       *dest)
{
  *dest = *src;
}

static void
tb_provider_error_private_clear (TbProviderErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (TbProviderError, tb_provider_error)

GError *
tb_provider_error_new (int                  code,
                       TbProviderErrorKind  kind,
                       guint                http_status,
                       guint                retry_after,
                       const char          *format,
                       ...)
{
  g_autofree char *message = NULL;
  TbProviderErrorPrivate *priv;
  GError *error;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (TB_PROVIDER_ERROR, code, message);
  priv = tb_provider_error_get_private (error);
  priv->kind = kind;
  priv->http_status = http_status;
  priv->retry_after = retry_after;
  return error;
}

static TbProviderErrorKind
classify_http_status (guint http_status)
{
  if (http_status == 429)
    return TB_PROVIDER_ERROR_KIND_RATE_LIMITED;
  if (http_status == 401 || http_status == 403)
    return TB_PROVIDER_ERROR_KIND_AUTH;
  /* Twilio answers 503 when it refused the request before processing it. */
  if (http_status == 503)
    return TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED;
  if (http_status >= 500)
    return TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED;
  if (http_status >= 400)
    return TB_PROVIDER_ERROR_KIND_OTHER;
  /* No answer, or a 2xx/3xx that we could not read: it may have been taken. */
  return TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED;
}

TbProviderErrorKind
tb_provider_error_classify (const GError *error)
{
  TbProviderErrorPrivate *priv;

  if (error == NULL)
    return TB_PROVIDER_ERROR_KIND_OTHER;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TB_PROVIDER_ERROR_KIND_CANCELLED;
  if (error->domain != TB_PROVIDER_ERROR)
    return TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED;

  priv = tb_provider_error_get_private (error);
  if (priv != NULL && priv->kind != TB_PROVIDER_ERROR_KIND_OTHER)
    return priv->kind;

  switch (error->code)
    {
    case TB_PROVIDER_ERROR_TWILIO_AUTHENTICATION:
    case 20005: /* account not active */
      return TB_PROVIDER_ERROR_KIND_AUTH;

    case TB_PROVIDER_ERROR_TWILIO_OPTED_OUT:
      return TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT;

    case TB_PROVIDER_ERROR_TWILIO_INVALID_TO:
    case TB_PROVIDER_ERROR_TWILIO_UNREACHABLE_REGION:
    case TB_PROVIDER_ERROR_TWILIO_NOT_MOBILE:
      return TB_PROVIDER_ERROR_KIND_INVALID_NUMBER;

    case TB_PROVIDER_ERROR_TWILIO_BODY_TOO_LONG:
      return TB_PROVIDER_ERROR_KIND_BODY_TOO_LONG;

    case TB_PROVIDER_ERROR_TWILIO_TOO_MANY_REQUESTS:
    case 14107: /* per-number send rate exceeded */
      return TB_PROVIDER_ERROR_KIND_RATE_LIMITED;

    case TB_PROVIDER_ERROR_TWILIO_SERVICE_UNAVAILABLE:
    case TB_PROVIDER_ERROR_NOT_SENT:
      return TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED;

    case TB_PROVIDER_ERROR_NO_ANSWER:
      return TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED;

    case TB_PROVIDER_ERROR_INVALID_ARGUMENT:
    case TB_PROVIDER_ERROR_NO_CREDENTIALS:
      return TB_PROVIDER_ERROR_KIND_OTHER;

    case TB_PROVIDER_ERROR_TWILIO_LANDLINE:
    case 30003: /* unreachable handset */
    case 30005: /* unknown destination */
    case 30007: /* carrier filtered */
      return TB_PROVIDER_ERROR_KIND_NOT_DELIVERED_NO_RETRY;

    default:
      return classify_http_status (priv != NULL ? priv->http_status : 0);
    }
}

const char *
tb_provider_error_kind_to_string (TbProviderErrorKind kind)
{
  switch (kind)
    {
    case TB_PROVIDER_ERROR_KIND_OTHER: return "other";
    case TB_PROVIDER_ERROR_KIND_AUTH: return "auth";
    case TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT: return "recipient-opted-out";
    case TB_PROVIDER_ERROR_KIND_INVALID_NUMBER: return "invalid-number";
    case TB_PROVIDER_ERROR_KIND_BODY_TOO_LONG: return "body-too-long";
    case TB_PROVIDER_ERROR_KIND_RATE_LIMITED: return "rate-limited";
    case TB_PROVIDER_ERROR_KIND_NOT_DELIVERED_NO_RETRY: return "not-delivered";
    case TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED: return "not-received";
    case TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED: return "maybe-received";
    case TB_PROVIDER_ERROR_KIND_CANCELLED: return "cancelled";
    default: return "other";
    }
}

gboolean
tb_provider_error_is_retryable (const GError *error)
{
  TbProviderErrorKind kind = tb_provider_error_classify (error);

  return kind == TB_PROVIDER_ERROR_KIND_RATE_LIMITED ||
         kind == TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED;
}

guint
tb_provider_error_get_retry_after (const GError *error)
{
  TbProviderErrorPrivate *priv;

  if (error == NULL || error->domain != TB_PROVIDER_ERROR)
    return 0;
  priv = tb_provider_error_get_private (error);
  return priv != NULL ? priv->retry_after : 0;
}

guint
tb_provider_error_get_http_status (const GError *error)
{
  TbProviderErrorPrivate *priv;

  if (error == NULL || error->domain != TB_PROVIDER_ERROR)
    return 0;
  priv = tb_provider_error_get_private (error);
  return priv != NULL ? priv->http_status : 0;
}

/* ------------------------------------------------------------------------ */
/* Status and direction strings                                             */
/* ------------------------------------------------------------------------ */

static const char * const status_names[] = {
  [TB_PROVIDER_MESSAGE_STATUS_UNKNOWN] = "unknown",
  [TB_PROVIDER_MESSAGE_STATUS_ACCEPTED] = "accepted",
  [TB_PROVIDER_MESSAGE_STATUS_SCHEDULED] = "scheduled",
  [TB_PROVIDER_MESSAGE_STATUS_QUEUED] = "queued",
  [TB_PROVIDER_MESSAGE_STATUS_SENDING] = "sending",
  [TB_PROVIDER_MESSAGE_STATUS_SENT] = "sent",
  [TB_PROVIDER_MESSAGE_STATUS_DELIVERED] = "delivered",
  [TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED] = "undelivered",
  [TB_PROVIDER_MESSAGE_STATUS_FAILED] = "failed",
  [TB_PROVIDER_MESSAGE_STATUS_RECEIVING] = "receiving",
  [TB_PROVIDER_MESSAGE_STATUS_RECEIVED] = "received",
  [TB_PROVIDER_MESSAGE_STATUS_READ] = "read",
  [TB_PROVIDER_MESSAGE_STATUS_CANCELED] = "canceled",
};

TbProviderMessageStatus
tb_provider_message_status_from_string (const char *status)
{
  if (status == NULL)
    return TB_PROVIDER_MESSAGE_STATUS_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_ascii_strcasecmp (status, status_names[i]) == 0)
      return (TbProviderMessageStatus) i;
  return TB_PROVIDER_MESSAGE_STATUS_UNKNOWN;
}

const char *
tb_provider_message_status_to_string (TbProviderMessageStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return "unknown";
  return status_names[status];
}

gboolean
tb_provider_message_status_is_final (TbProviderMessageStatus status)
{
  switch (status)
    {
    case TB_PROVIDER_MESSAGE_STATUS_DELIVERED:
    case TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED:
    case TB_PROVIDER_MESSAGE_STATUS_FAILED:
    case TB_PROVIDER_MESSAGE_STATUS_RECEIVED:
    case TB_PROVIDER_MESSAGE_STATUS_READ:
    case TB_PROVIDER_MESSAGE_STATUS_CANCELED:
      return TRUE;
    default:
      return FALSE;
    }
}

static const char * const direction_names[] = {
  [TB_PROVIDER_DIRECTION_UNKNOWN] = "unknown",
  [TB_PROVIDER_DIRECTION_INBOUND] = "inbound",
  [TB_PROVIDER_DIRECTION_OUTBOUND_API] = "outbound-api",
  [TB_PROVIDER_DIRECTION_OUTBOUND_CALL] = "outbound-call",
  [TB_PROVIDER_DIRECTION_OUTBOUND_REPLY] = "outbound-reply",
};

TbProviderDirection
tb_provider_direction_from_string (const char *direction)
{
  if (direction == NULL)
    return TB_PROVIDER_DIRECTION_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (direction_names); i++)
    if (g_ascii_strcasecmp (direction, direction_names[i]) == 0)
      return (TbProviderDirection) i;
  return TB_PROVIDER_DIRECTION_UNKNOWN;
}

const char *
tb_provider_direction_to_string (TbProviderDirection direction)
{
  if ((guint) direction >= G_N_ELEMENTS (direction_names))
    return "unknown";
  return direction_names[direction];
}

/* ------------------------------------------------------------------------ */
/* Records                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
is_messaging_service_sid (const char *text)
{
  if (text == NULL || strlen (text) != 34 || !g_str_has_prefix (text, "MG"))
    return FALSE;
  for (const char *p = text + 2; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

G_DEFINE_BOXED_TYPE (TbOutgoingMessage, tb_outgoing_message,
                     tb_outgoing_message_copy, tb_outgoing_message_free)

TbOutgoingMessage *
tb_outgoing_message_new (const char *to,
                         const char *from,
                         const char *body,
                         guint       validity_period)
{
  TbOutgoingMessage *message = g_new0 (TbOutgoingMessage, 1);

  message->to = g_strdup (to);
  if (is_messaging_service_sid (from))
    message->messaging_service_sid = g_strdup (from);
  else
    message->from = g_strdup (from);
  message->body = g_strdup (body);
  message->validity_period = validity_period;
  return message;
}

TbOutgoingMessage *
tb_outgoing_message_copy (const TbOutgoingMessage *message)
{
  TbOutgoingMessage *copy;

  g_return_val_if_fail (message != NULL, NULL);

  copy = g_new0 (TbOutgoingMessage, 1);
  copy->to = g_strdup (message->to);
  copy->from = g_strdup (message->from);
  copy->messaging_service_sid = g_strdup (message->messaging_service_sid);
  copy->body = g_strdup (message->body);
  copy->validity_period = message->validity_period;
  return copy;
}

void
tb_outgoing_message_free (TbOutgoingMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->to);
  g_free (message->from);
  g_free (message->messaging_service_sid);
  g_free (message->body);
  g_free (message);
}

G_DEFINE_BOXED_TYPE (TbProviderMessage, tb_provider_message,
                     tb_provider_message_copy, tb_provider_message_free)

TbProviderMessage *
tb_provider_message_new (void)
{
  return g_new0 (TbProviderMessage, 1);
}

TbProviderMessage *
tb_provider_message_copy (const TbProviderMessage *message)
{
  TbProviderMessage *copy;

  g_return_val_if_fail (message != NULL, NULL);

  copy = g_new0 (TbProviderMessage, 1);
  *copy = *message;
  copy->sid = g_strdup (message->sid);
  copy->status_string = g_strdup (message->status_string);
  copy->error_message = g_strdup (message->error_message);
  copy->to = g_strdup (message->to);
  copy->from = g_strdup (message->from);
  copy->messaging_service_sid = g_strdup (message->messaging_service_sid);
  copy->body = g_strdup (message->body);
  return copy;
}

void
tb_provider_message_free (TbProviderMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->sid);
  g_free (message->status_string);
  g_free (message->error_message);
  g_free (message->to);
  g_free (message->from);
  g_free (message->messaging_service_sid);
  g_free (message->body);
  g_free (message);
}

G_DEFINE_BOXED_TYPE (TbProviderListQuery, tb_provider_list_query,
                     tb_provider_list_query_copy, tb_provider_list_query_free)

TbProviderListQuery *
tb_provider_list_query_new (void)
{
  return g_new0 (TbProviderListQuery, 1);
}

TbProviderListQuery *
tb_provider_list_query_copy (const TbProviderListQuery *query)
{
  TbProviderListQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_new0 (TbProviderListQuery, 1);
  *copy = *query;
  copy->to = g_strdup (query->to);
  copy->from = g_strdup (query->from);
  return copy;
}

void
tb_provider_list_query_free (TbProviderListQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->to);
  g_free (query->from);
  g_free (query);
}

gboolean
tb_provider_list_query_wants_direction (const TbProviderListQuery *query,
                                        TbProviderDirection        direction)
{
  g_return_val_if_fail (query != NULL, FALSE);

  if (query->direction == TB_PROVIDER_DIRECTION_INBOUND)
    return direction == TB_PROVIDER_DIRECTION_INBOUND;
  if (query->direction != TB_PROVIDER_DIRECTION_UNKNOWN)
    return direction != TB_PROVIDER_DIRECTION_INBOUND;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The interface                                                             */
/* ------------------------------------------------------------------------ */

G_DEFINE_INTERFACE (TbProvider, tb_provider, G_TYPE_OBJECT)

static void
tb_provider_default_init (TbProviderInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("is-simulator", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

const char *
tb_provider_get_display_name (TbProvider *self)
{
  g_return_val_if_fail (TB_IS_PROVIDER (self), NULL);

  return TB_PROVIDER_GET_IFACE (self)->get_display_name (self);
}

gboolean
tb_provider_is_simulator (TbProvider *self)
{
  g_return_val_if_fail (TB_IS_PROVIDER (self), FALSE);

  return TB_PROVIDER_GET_IFACE (self)->is_simulator (self);
}

/* The finish of a provider that leaves it NULL in its interface. */
static gpointer
propagate_task_pointer (TbProvider    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tb_provider_send_async (TbProvider              *self,
                        const TbOutgoingMessage *message,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_return_if_fail (TB_IS_PROVIDER (self));
  g_return_if_fail (message != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  TB_PROVIDER_GET_IFACE (self)->send_async (self, message, cancellable, callback, user_data);
}

TbProviderMessage *
tb_provider_send_finish (TbProvider    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  TbProviderInterface *iface;

  g_return_val_if_fail (TB_IS_PROVIDER (self), NULL);

  iface = TB_PROVIDER_GET_IFACE (self);
  if (iface->send_finish != NULL)
    return iface->send_finish (self, result, error);
  return propagate_task_pointer (self, result, error);
}

void
tb_provider_fetch_status_async (TbProvider          *self,
                                const char          *sid,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TB_IS_PROVIDER (self));
  g_return_if_fail (sid != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  TB_PROVIDER_GET_IFACE (self)->fetch_status_async (self, sid, cancellable, callback, user_data);
}

TbProviderMessage *
tb_provider_fetch_status_finish (TbProvider    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  TbProviderInterface *iface;

  g_return_val_if_fail (TB_IS_PROVIDER (self), NULL);

  iface = TB_PROVIDER_GET_IFACE (self);
  if (iface->fetch_status_finish != NULL)
    return iface->fetch_status_finish (self, result, error);
  return propagate_task_pointer (self, result, error);
}

void
tb_provider_list_messages_async (TbProvider                *self,
                                 const TbProviderListQuery *query,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_return_if_fail (TB_IS_PROVIDER (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  TB_PROVIDER_GET_IFACE (self)->list_messages_async (self, query, cancellable, callback, user_data);
}

GPtrArray *
tb_provider_list_messages_finish (TbProvider    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  TbProviderInterface *iface;

  g_return_val_if_fail (TB_IS_PROVIDER (self), NULL);

  iface = TB_PROVIDER_GET_IFACE (self);
  if (iface->list_messages_finish != NULL)
    return iface->list_messages_finish (self, result, error);
  return propagate_task_pointer (self, result, error);
}
