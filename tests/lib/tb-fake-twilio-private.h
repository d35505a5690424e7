/* tb-fake-twilio-private.h: the fake Twilio's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tb-fake-twilio.h"

G_BEGIN_DECLS

#define API_PREFIX "/2010-04-01/Accounts/"
#define HUGE_BODY_SIZE (6 * 1024 * 1024)
#define DEFAULT_PAGE_SIZE 50

typedef struct {
  char   *sid;
  char   *to;
  char   *from;
  char   *messaging_service_sid;
  char   *body;
  char   *status;
  char   *direction;
  int     error_code;
  gint64  date_created;  /* UTC µs */
  gint64  date_sent;
  gint64  date_updated;
  guint64 order;         /* insertion order, for a stable newest-first sort */
} FakeMessage;

typedef struct {
  TbFakeTwilioRequestKind kind;
  TbFakeTwilioFault       fault;
  guint                   remaining;   /* 0: forever */
  guint                   http_status;
  int                     code;
  char                   *message;
  guint                   retry_after;
} FaultRule;

struct _TbFakeTwilio
{
  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base_url;

  GPtrArray    *messages;   /* FakeMessage */
  GPtrArray    *requests;   /* TbFakeTwilioRequest */
  GPtrArray    *faults;     /* FaultRule, in order */
  GPtrArray    *hung;       /* SoupServerMessage, paused for good */
  GPtrArray    *trickles;   /* GSource, each feeding a trickling answer */
  guint64       counter;

  guint         error_status;
  int           error_code;
  char         *error_message;
  guint         error_retry_after;

  char         *username;
  char         *password;
};

/* tb-fake-twilio-api.c: the Messages API itself. All are called with the
 * fake's mutex held. */
void         fake_add_string_or_null (JsonBuilder       *builder,
                                      const char        *name,
                                      const char        *value);
void         fake_build_message      (JsonBuilder       *builder,
                                      const FakeMessage *message);
void         fake_respond_json       (SoupServerMessage *msg,
                                      guint              status,
                                      JsonBuilder       *builder);
void         fake_respond_error      (SoupServerMessage *msg,
                                      guint              status,
                                      int                code,
                                      const char        *message,
                                      guint              retry_after);
FakeMessage *fake_store_message      (TbFakeTwilio      *self,
                                      const char        *to,
                                      const char        *from,
                                      const char        *messaging_service_sid,
                                      const char        *body,
                                      const char        *direction,
                                      gint64             date_sent);
FakeMessage *fake_find_message       (TbFakeTwilio      *self,
                                      const char        *sid);
/* Stores a send when the form is complete; answers it (or the error) when
 * answer is TRUE. */
FakeMessage *fake_handle_send        (TbFakeTwilio      *self,
                                      SoupServerMessage *msg,
                                      GHashTable        *form,
                                      gboolean           answer);
void         fake_handle_list        (TbFakeTwilio      *self,
                                      SoupServerMessage *msg,
                                      const char        *path,
                                      const char        *query);

G_END_DECLS
