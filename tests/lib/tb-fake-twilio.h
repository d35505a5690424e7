/* tb-fake-twilio.h: a small fake of Twilio's Messages API for tests
 *
 * A libsoup SoupServer on 127.0.0.1, port 0, running on its own thread. It
 * stores the messages it is sent, answers send / status / list (with
 * paging: next_page_uri) and the account check, and can be switched into
 * fault modes. Every request it received is recorded, so a test can say
 * "the fake holds exactly one message". All functions are thread-safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TB_FAKE_TWILIO_ACCOUNT_SID "AC00000000000000000000000000000001"
#define TB_FAKE_TWILIO_AUTH_TOKEN  "fake-auth-token-0123456789abcdef"

/* Which requests a fault applies to. */
typedef enum {
  TB_FAKE_TWILIO_REQUEST_ANY = 0,
  TB_FAKE_TWILIO_REQUEST_SEND,      /* POST …/Messages.json */
  TB_FAKE_TWILIO_REQUEST_FETCH,     /* GET …/Messages/SM….json */
  TB_FAKE_TWILIO_REQUEST_LIST,      /* GET …/Messages.json */
  TB_FAKE_TWILIO_REQUEST_ACCOUNT,   /* GET …/Accounts/AC….json */
  TB_FAKE_TWILIO_REQUEST_OTHER,
} TbFakeTwilioRequestKind;

typedef enum {
  TB_FAKE_TWILIO_FAULT_NONE = 0,
  TB_FAKE_TWILIO_FAULT_ERROR,             /* a Twilio JSON error: see tb_fake_twilio_set_error() */
  TB_FAKE_TWILIO_FAULT_HANG,              /* never answers */
  TB_FAKE_TWILIO_FAULT_RESET_AFTER_READ,  /* stores a send, then resets the connection */
  TB_FAKE_TWILIO_FAULT_RESET_BEFORE_STORE,/* resets the connection without storing */
  TB_FAKE_TWILIO_FAULT_MALFORMED_JSON,    /* 200/201 with a cut-off JSON body (a send is stored) */
  TB_FAKE_TWILIO_FAULT_EMPTY_BODY,        /* 200/201 with no body at all (a send is stored) */
  TB_FAKE_TWILIO_FAULT_WRONG_JSON_TYPES,  /* 200/201 with JSON of the wrong shape (a send is stored) */
  TB_FAKE_TWILIO_FAULT_HTML,              /* a 502 HTML page from a "proxy" */
  TB_FAKE_TWILIO_FAULT_HUGE_BODY,         /* 200 with a 6 MB body */
  TB_FAKE_TWILIO_FAULT_REDIRECT_LOOP,     /* 302 to itself, forever */
  TB_FAKE_TWILIO_FAULT_HUGE_CHUNKED,      /* 200 with a 6 MB chunked body (no Content-Length) */
  TB_FAKE_TWILIO_FAULT_NEXT_PAGE_ELSEWHERE, /* a list page whose next_page_uri is another host */
  TB_FAKE_TWILIO_FAULT_NEXT_PAGE_LOOP,    /* a list page whose next_page_uri is itself */
  TB_FAKE_TWILIO_FAULT_TRICKLE,           /* 200, then one byte every 0.3 s, never complete */
} TbFakeTwilioFault;

/* One request as the fake received it. */
typedef struct {
  TbFakeTwilioRequestKind  kind;
  char                    *method;
  char                    *path;
  char                    *query;        /* raw query string or NULL */
  GHashTable              *form;         /* POST form fields (string → string), or NULL */
  char                    *authorization;/* the Authorization header or NULL */
  TbFakeTwilioFault        fault;        /* the fault it was answered with */
} TbFakeTwilioRequest;

typedef struct _TbFakeTwilio TbFakeTwilio;

TbFakeTwilio *tb_fake_twilio_new            (void);
void          tb_fake_twilio_free           (TbFakeTwilio *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbFakeTwilio, tb_fake_twilio_free)

/* "http://127.0.0.1:PORT" */
const char   *tb_fake_twilio_get_base_url   (TbFakeTwilio *self);

/* The next `times` requests of `kind` get `fault` (times 0: all of them
 * until changed). Faults queue: each call adds one rule; the first rule
 * that matches a request is used and counted down. */
void          tb_fake_twilio_add_fault      (TbFakeTwilio            *self,
                                             TbFakeTwilioRequestKind  kind,
                                             TbFakeTwilioFault        fault,
                                             guint                    times);
void          tb_fake_twilio_clear_faults   (TbFakeTwilio            *self);
/* The answer of FAULT_ERROR rules added after this call: HTTP status, the
 * Twilio code and message, and Retry-After seconds (0: no header). */
void          tb_fake_twilio_set_error      (TbFakeTwilio            *self,
                                             guint                    http_status,
                                             int                      code,
                                             const char              *message,
                                             guint                    retry_after);
/* Basic auth the fake requires (defaults: the two constants above; the
 * username may also be an API key SID given here). NULL password: any. */
void          tb_fake_twilio_set_auth       (TbFakeTwilio            *self,
                                             const char              *username,
                                             const char              *password);

/* The stored messages: sends and injected inbound ones. */
guint         tb_fake_twilio_count_messages (TbFakeTwilio            *self);
/* How many stored outbound messages went to `to` (NULL: all outbound). */
guint         tb_fake_twilio_count_sent_to  (TbFakeTwilio            *self,
                                             const char              *to);
/* Adds an inbound message (date_sent: UTC µs, 0 for now); returns its sid. */
char         *tb_fake_twilio_add_inbound    (TbFakeTwilio            *self,
                                             const char              *from,
                                             const char              *to,
                                             const char              *body,
                                             gint64                   date_sent);
/* Moves a stored message to a status ("delivered", …) with an error code
 * (0: none). FALSE when the sid is unknown. */
gboolean      tb_fake_twilio_set_status     (TbFakeTwilio            *self,
                                             const char              *sid,
                                             const char              *status,
                                             int                      error_code);

/* A copy of every request received so far, in order (free with
 * g_ptr_array_unref). */
GPtrArray    *tb_fake_twilio_get_requests   (TbFakeTwilio            *self);
guint         tb_fake_twilio_count_requests (TbFakeTwilio            *self,
                                             TbFakeTwilioRequestKind  kind);
void          tb_fake_twilio_request_free   (TbFakeTwilioRequest     *request);

G_END_DECLS
