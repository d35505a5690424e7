/* tb-provider.h: the SMS provider interface, its records and its errors
 *
 * A TbProvider sends one message, fetches one message's status and lists
 * messages (inbound replies, or what reached the provider after a send whose
 * answer was lost). Everything is async with a GCancellable. Providers never
 * touch the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

#define TB_PROVIDER_ERROR (tb_provider_error_quark ())
GQuark tb_provider_error_quark (void);

/* The GError code in TB_PROVIDER_ERROR is the provider's own code where it
 * gave one: for Twilio it IS the Twilio error code (20003, 21610, …). The
 * codes below 1000 are Textbank's own, for faults that carry no provider
 * code; they never collide with Twilio's five-digit codes. */
typedef enum {
  /* Textbank's own codes */
  TB_PROVIDER_ERROR_FAILED = 1,                 /* anything not below */
  TB_PROVIDER_ERROR_NOT_SENT = 2,               /* transport fault before the request left: refused, DNS, TLS */
  TB_PROVIDER_ERROR_NO_ANSWER = 3,              /* transport fault after the request left: timeout, reset */
  TB_PROVIDER_ERROR_HTTP = 4,                   /* an HTTP error status without a provider code */
  TB_PROVIDER_ERROR_BAD_RESPONSE = 5,           /* not JSON, wrong JSON types, missing fields */
  TB_PROVIDER_ERROR_RESPONSE_TOO_LARGE = 6,     /* the answer passed the size cap */
  TB_PROVIDER_ERROR_TOO_MANY_REDIRECTS = 7,
  TB_PROVIDER_ERROR_INVALID_ARGUMENT = 8,       /* refused before any request: empty body, no To, … */
  TB_PROVIDER_ERROR_NO_CREDENTIALS = 9,

  /* Twilio's codes that Textbank treats specially (the full list is Twilio's) */
  TB_PROVIDER_ERROR_TWILIO_AUTHENTICATION = 20003,
  TB_PROVIDER_ERROR_TWILIO_NOT_FOUND = 20404,
  TB_PROVIDER_ERROR_TWILIO_TOO_MANY_REQUESTS = 20429,
  TB_PROVIDER_ERROR_TWILIO_SERVICE_UNAVAILABLE = 20503,
  TB_PROVIDER_ERROR_TWILIO_INVALID_TO = 21211,
  TB_PROVIDER_ERROR_TWILIO_OPTED_OUT = 21610,
  TB_PROVIDER_ERROR_TWILIO_UNREACHABLE_REGION = 21612,
  TB_PROVIDER_ERROR_TWILIO_NOT_MOBILE = 21614,
  TB_PROVIDER_ERROR_TWILIO_BODY_TOO_LONG = 21617,
  TB_PROVIDER_ERROR_TWILIO_LANDLINE = 30006,    /* a delivery error: "undelivered" with this code */
} TbProviderErrorCode;

/* What the caller should do about an error. */
typedef enum {
  TB_PROVIDER_ERROR_KIND_OTHER = 0,              /* permanent: show it, do not retry */
  TB_PROVIDER_ERROR_KIND_AUTH,                   /* bad credentials: say so */
  TB_PROVIDER_ERROR_KIND_RECIPIENT_OPTED_OUT,    /* record the opt-out */
  TB_PROVIDER_ERROR_KIND_INVALID_NUMBER,         /* mark the contact */
  TB_PROVIDER_ERROR_KIND_BODY_TOO_LONG,
  TB_PROVIDER_ERROR_KIND_RATE_LIMITED,           /* back off; see tb_provider_error_get_retry_after() */
  TB_PROVIDER_ERROR_KIND_NOT_DELIVERED_NO_RETRY, /* e.g. a landline: failed for good */
  TB_PROVIDER_ERROR_KIND_DEFINITELY_NOT_RECEIVED,/* the request certainly did not reach the provider: safe to retry */
  TB_PROVIDER_ERROR_KIND_MAYBE_RECEIVED,         /* it may have: reconcile by listing, never re-send blindly */
  TB_PROVIDER_ERROR_KIND_CANCELLED,              /* G_IO_ERROR_CANCELLED; for a send treat like MAYBE_RECEIVED */
} TbProviderErrorKind;

/* Classifies any GError (also other domains: G_IO_ERROR_CANCELLED gives
 * CANCELLED, an unknown error gives MAYBE_RECEIVED, the safe guess). */
TbProviderErrorKind  tb_provider_error_classify         (const GError        *error);
const char          *tb_provider_error_kind_to_string   (TbProviderErrorKind  kind);
/* TRUE only for RATE_LIMITED and DEFINITELY_NOT_RECEIVED. */
gboolean             tb_provider_error_is_retryable     (const GError        *error);
/* Seconds from the provider's Retry-After header, 0 when it gave none. */
guint                tb_provider_error_get_retry_after  (const GError        *error);
/* The HTTP status of the answer that carried the error, 0 when none came. */
guint                tb_provider_error_get_http_status  (const GError        *error);

/* For providers (and tests): a TB_PROVIDER_ERROR with its extra data. kind
 * may be TB_PROVIDER_ERROR_KIND_OTHER to let the code decide. */
GError              *tb_provider_error_new              (int                  code,
                                                         TbProviderErrorKind  kind,
                                                         guint                http_status,
                                                         guint                retry_after,
                                                         const char          *format,
                                                         ...) G_GNUC_PRINTF (5, 6);

/* ------------------------------------------------------------------------ */
/* Records                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum {
  TB_PROVIDER_MESSAGE_STATUS_UNKNOWN = 0,
  TB_PROVIDER_MESSAGE_STATUS_ACCEPTED,
  TB_PROVIDER_MESSAGE_STATUS_SCHEDULED,
  TB_PROVIDER_MESSAGE_STATUS_QUEUED,
  TB_PROVIDER_MESSAGE_STATUS_SENDING,
  TB_PROVIDER_MESSAGE_STATUS_SENT,
  TB_PROVIDER_MESSAGE_STATUS_DELIVERED,
  TB_PROVIDER_MESSAGE_STATUS_UNDELIVERED,
  TB_PROVIDER_MESSAGE_STATUS_FAILED,
  TB_PROVIDER_MESSAGE_STATUS_RECEIVING,
  TB_PROVIDER_MESSAGE_STATUS_RECEIVED,
  TB_PROVIDER_MESSAGE_STATUS_READ,
  TB_PROVIDER_MESSAGE_STATUS_CANCELED,
} TbProviderMessageStatus;

/* Twilio's status strings ("queued", "delivered", …); unknown → UNKNOWN. */
TbProviderMessageStatus  tb_provider_message_status_from_string (const char              *status);
const char              *tb_provider_message_status_to_string   (TbProviderMessageStatus  status);
/* TRUE when the status will not change any more (delivered, undelivered,
 * failed, received, read, canceled). */
gboolean                 tb_provider_message_status_is_final    (TbProviderMessageStatus  status);

typedef enum {
  TB_PROVIDER_DIRECTION_UNKNOWN = 0,  /* in a list query: any direction */
  TB_PROVIDER_DIRECTION_INBOUND,
  TB_PROVIDER_DIRECTION_OUTBOUND_API,
  TB_PROVIDER_DIRECTION_OUTBOUND_CALL,
  TB_PROVIDER_DIRECTION_OUTBOUND_REPLY,
} TbProviderDirection;

TbProviderDirection  tb_provider_direction_from_string (const char          *direction);
const char          *tb_provider_direction_to_string   (TbProviderDirection  direction);

/* A message to send. Exactly one of from and messaging_service_sid is set. */
typedef struct {
  char  *to;                     /* E.164 */
  char  *from;                   /* E.164 sending number, or NULL */
  char  *messaging_service_sid;  /* "MG…", or NULL */
  char  *body;
  guint  validity_period;        /* seconds the provider may keep trying; 0 = provider default */
} TbOutgoingMessage;

#define TB_TYPE_OUTGOING_MESSAGE (tb_outgoing_message_get_type ())
GType               tb_outgoing_message_get_type (void) G_GNUC_CONST;
/* from may be a number or a messaging-service id ("MG" + 32 hex): the record
 * puts it in the right field. */
TbOutgoingMessage  *tb_outgoing_message_new      (const char              *to,
                                                  const char              *from,
                                                  const char              *body,
                                                  guint                    validity_period);
TbOutgoingMessage  *tb_outgoing_message_copy     (const TbOutgoingMessage *message);
void                tb_outgoing_message_free     (TbOutgoingMessage       *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbOutgoingMessage, tb_outgoing_message_free)

/* A message as the provider knows it. Times are UTC microseconds since the
 * epoch, 0 when the provider gave none. */
typedef struct {
  char                    *sid;           /* the provider's id, "SM…" */
  TbProviderMessageStatus  status;
  char                    *status_string; /* as the provider spelled it */
  guint                    num_segments;  /* 0 when unknown */
  int                      error_code;    /* 0 when none */
  char                    *error_message; /* NULL when none */
  char                    *to;
  char                    *from;
  char                    *messaging_service_sid;
  char                    *body;
  TbProviderDirection      direction;
  gint64                   date_created;
  gint64                   date_sent;
  gint64                   date_updated;
} TbProviderMessage;

#define TB_TYPE_PROVIDER_MESSAGE (tb_provider_message_get_type ())
GType               tb_provider_message_get_type (void) G_GNUC_CONST;
TbProviderMessage  *tb_provider_message_new      (void);
TbProviderMessage  *tb_provider_message_copy     (const TbProviderMessage *message);
void                tb_provider_message_free     (TbProviderMessage       *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbProviderMessage, tb_provider_message_free)

/* Filters for tb_provider_list_messages_async(). NULL / 0 / UNKNOWN means
 * "any". sent_since is exact, compared with date_created (allow for clock
 * skew by passing an earlier instant); a message still queued counts. For
 * inbound lists Twilio also filters by date on its side; for the others it
 * lists every message between to and from and Textbank drops older ones. */
typedef struct {
  char                *to;
  char                *from;
  gint64               sent_since;    /* UTC µs, 0 = no limit */
  TbProviderDirection  direction;     /* INBOUND, or any OUTBOUND_* for outbound */
  guint                page_size;     /* 0 = the provider's maximum (1000 for Twilio) */
  guint                max_messages;  /* stop after this many; 0 = no limit */
} TbProviderListQuery;

#define TB_TYPE_PROVIDER_LIST_QUERY (tb_provider_list_query_get_type ())
GType                 tb_provider_list_query_get_type (void) G_GNUC_CONST;
TbProviderListQuery  *tb_provider_list_query_new      (void);
TbProviderListQuery  *tb_provider_list_query_copy     (const TbProviderListQuery *query);
void                  tb_provider_list_query_free     (TbProviderListQuery       *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbProviderListQuery, tb_provider_list_query_free)
/* Whether a message going `direction` belongs in the list: an inbound list
 * wants inbound messages only, an outbound one (any OUTBOUND_*) every
 * direction but inbound, UNKNOWN all of them. For the providers' filters. */
gboolean              tb_provider_list_query_wants_direction (const TbProviderListQuery *query,
                                                              TbProviderDirection        direction);

/* ------------------------------------------------------------------------ */
/* The interface                                                             */
/* ------------------------------------------------------------------------ */

#define TB_TYPE_PROVIDER (tb_provider_get_type ())
G_DECLARE_INTERFACE (TbProvider, tb_provider, TB, PROVIDER, GObject)

/* A *_finish left NULL: the matching *_async returned through a GTask whose
 * source object is the provider, and the result is propagated from it. */
struct _TbProviderInterface
{
  GTypeInterface parent_iface;

  const char        *(*get_display_name)      (TbProvider                *self);
  gboolean           (*is_simulator)          (TbProvider                *self);

  void               (*send_async)            (TbProvider                *self,
                                               const TbOutgoingMessage   *message,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
  TbProviderMessage *(*send_finish)           (TbProvider                *self,
                                               GAsyncResult              *result,
                                               GError                   **error);

  void               (*fetch_status_async)    (TbProvider                *self,
                                               const char                *sid,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
  TbProviderMessage *(*fetch_status_finish)   (TbProvider                *self,
                                               GAsyncResult              *result,
                                               GError                   **error);

  void               (*list_messages_async)   (TbProvider                *self,
                                               const TbProviderListQuery *query,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
  GPtrArray         *(*list_messages_finish)  (TbProvider                *self,
                                               GAsyncResult              *result,
                                               GError                   **error);
};

/* Properties: "display-name" (string, e.g. "Simulator", "Twilio AC12…") and
 * "is-simulator" (boolean), both read-only. */
const char         *tb_provider_get_display_name     (TbProvider                *self);
gboolean            tb_provider_is_simulator         (TbProvider                *self);

/* Sends one message, once: a provider never retries a send by itself. On
 * error see tb_provider_error_classify(). */
void                tb_provider_send_async           (TbProvider                *self,
                                                      const TbOutgoingMessage   *message,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
TbProviderMessage  *tb_provider_send_finish          (TbProvider                *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);

/* One message by its provider id. */
void                tb_provider_fetch_status_async   (TbProvider                *self,
                                                      const char                *sid,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
TbProviderMessage  *tb_provider_fetch_status_finish  (TbProvider                *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);

/* Every message matching the query, following the provider's pages; an
 * array of TbProviderMessage (element free func set), newest first as the
 * provider lists them. The inbox sync asks (to = our number, direction
 * INBOUND, sent_since); the outbox's reconciliation asks (to = the contact,
 * from = our number, sent_since = the press). */
void                tb_provider_list_messages_async  (TbProvider                *self,
                                                      const TbProviderListQuery *query,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
GPtrArray          *tb_provider_list_messages_finish (TbProvider                *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);

G_END_DECLS
