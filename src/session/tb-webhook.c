/* tb-webhook.c: a receiver for Twilio's webhooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-webhook"

#include "config.h"

#include "tb-webhook.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "tb-inbox-sync-private.h"
#include "tb-twilio-provider.h"

/* Twilio posts small forms; anything bigger is not Twilio. */
#define MAX_BODY_SIZE (64 * 1024)
#define EMPTY_TWIML "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>"

enum {
  MESSAGE_RECEIVED,
  STATUS_CHANGED,
  REJECTED,
  N_SIGNALS
};

struct _TbWebhook
{
  GObject      parent_instance;

  TbInboxSync *sync;
  TbStore     *store;
  char        *auth_token;
  char        *public_base_url;
  SoupServer  *server;
  guint        port;
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TbWebhook, tb_webhook, G_TYPE_OBJECT)

/* Compares in time independent of where the strings first differ. */
static gboolean
equal_constant_time (const char *a,
                     const char *b)
{
  gsize length_a = strlen (a), length_b = strlen (b);
  guchar difference = length_a != length_b;

  for (gsize i = 0; i < length_a; i++)
    difference |= (guchar) a[i] ^ (guchar) b[i % MAX (length_b, 1)];
  return difference == 0;
}

static char *
request_url (TbWebhook         *self,
             SoupServerMessage *msg,
             const char        *path)
{
  GUri *uri = soup_server_message_get_uri (msg);

  if (self->public_base_url != NULL)
    {
      const char *query = g_uri_get_query (uri);
      gsize length = strlen (self->public_base_url);

      /* "https://host/base/" + "/sms": one slash. */
      if (length > 0 && self->public_base_url[length - 1] == '/')
        length--;
      return g_strdup_printf ("%.*s%s%s%s", (int) length, self->public_base_url, path,
                              query != NULL ? "?" : "", query != NULL ? query : "");
    }
  return g_uri_to_string (uri);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

/* An answer to Twilio held back until the message is on disk. */
typedef struct {
  SoupServer        *server;
  SoupServerMessage *msg;
  char              *sid;
} HeldAnswer;

static void
held_answer_free (HeldAnswer *held)
{
  g_object_unref (held->server);
  g_object_unref (held->msg);
  g_free (held->sid);
  g_free (held);
}

static void
message_synced_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HeldAnswer *held = user_data;
  g_autoptr(GError) error = NULL;

  if (tb_store_sync_finish (TB_STORE (source), result, &error))
    respond (held->msg, SOUP_STATUS_OK, "text/xml", EMPTY_TWIML);
  else
    {
      /* In the database (the window shows it) but maybe not on disk:
       * Twilio's retry, or polling, finds it stored, once. */
      g_warning ("Cannot write the message %s from the webhook to disk: %s", held->sid, error->message);
      respond (held->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", "Could not store the message\n");
    }
  soup_server_unpause_message (held->server, held->msg);
  held_answer_free (held);
}

/* Stores the message and answers once it is on disk: Twilio does not send
 * a message again once answered 200 (promise 4, across a power cut). When
 * the store refuses it Twilio gets an error (its debugger shows it) and
 * polling lists the message again. */
static void
take_message (TbWebhook         *self,
              SoupServer        *server,
              SoupServerMessage *msg,
              GHashTable        *form)
{
  g_autoptr(TbProviderMessage) inbound = tb_provider_message_new ();
  g_autoptr(GError) error = NULL;
  TbInboxSyncReport report = { 0 };
  HeldAnswer *held;
  gint64 message_id;

  inbound->sid = g_strdup (g_hash_table_lookup (form, "MessageSid"));
  inbound->from = g_strdup (g_hash_table_lookup (form, "From"));
  inbound->to = g_strdup (g_hash_table_lookup (form, "To"));
  inbound->body = g_strdup (g_hash_table_lookup (form, "Body"));
  inbound->direction = TB_PROVIDER_DIRECTION_INBOUND;
  if (inbound->sid == NULL || inbound->from == NULL || inbound->to == NULL)
    {
      respond (msg, SOUP_STATUS_OK, "text/xml", EMPTY_TWIML);
      return;
    }

  message_id = tb_inbox_sync_take_inbound (self->sync, self->store, inbound, g_get_real_time (),
                                           &report, &error);
  if (message_id <= 0)
    {
      g_warning ("Cannot store the message %s from the webhook: %s", inbound->sid, error->message);
      respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", "Could not store the message\n");
      return;
    }
  if (report.inbound_stored > 0)
    g_signal_emit (self, signals[MESSAGE_RECEIVED], 0, message_id);

  held = g_new0 (HeldAnswer, 1);
  held->server = g_object_ref (server);
  held->msg = g_object_ref (msg);
  held->sid = g_steal_pointer (&inbound->sid);
  soup_server_pause_message (server, msg);
  tb_store_sync_async (self->store, NULL, message_synced_cb, held);
}

static void
take_status (TbWebhook  *self,
             GHashTable *form)
{
  const char *sid = g_hash_table_lookup (form, "MessageSid");
  const char *status = g_hash_table_lookup (form, "MessageStatus");
  const char *code = g_hash_table_lookup (form, "ErrorCode");
  g_autoptr(TbMessage) message = NULL;

  if (sid == NULL || status == NULL)
    return;
  message = tb_store_message_get_by_provider_id (self->store, sid, NULL);
  if (message == NULL)
    return;
  if (tb_inbox_sync_apply_status (self->store, message, tb_provider_message_status_from_string (status),
                                  code != NULL ? atoi (code) : 0, NULL))
    g_signal_emit (self, signals[STATUS_CHANGED], 0, tb_message_get_id (message));
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TbWebhook *self = user_data;
  SoupMessageBody *body;
  const char *signature;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      respond (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "POST only\n");
      return;
    }
  if (g_strcmp0 (path, TB_WEBHOOK_SMS_PATH) != 0 && g_strcmp0 (path, TB_WEBHOOK_STATUS_PATH) != 0)
    {
      respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not found\n");
      return;
    }

  body = soup_server_message_get_request_body (msg);
  if (body->length > MAX_BODY_SIZE)
    {
      respond (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "text/plain", "Too large\n");
      return;
    }
  text = g_strndup (body->data != NULL ? body->data : "", body->length);
  form = soup_form_decode (text);

  signature = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                            "X-Twilio-Signature");
  url = request_url (self, msg, path);
  expected = tb_webhook_compute_signature (self->auth_token, url, form);
  if (signature == NULL || !equal_constant_time (signature, expected))
    {
      /* Says which check failed and where; never the token, nor a
       * user:password the public URL carries for the proxy. */
      g_autoptr(GUri) parsed = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
      g_autofree char *shown = parsed != NULL ? g_uri_to_string_partial (parsed, G_URI_HIDE_USERINFO)
                                              : g_strdup ("the webhook URL");
      g_autofree char *reason = g_strdup_printf ("%s signature for %s",
                                                 signature == NULL ? "no" : "a wrong", shown);

      g_debug ("Rejected a webhook request: %s", reason);
      g_signal_emit (self, signals[REJECTED], 0, reason);
      respond (msg, SOUP_STATUS_FORBIDDEN, "text/plain", "Invalid signature\n");
      return;
    }

  if (g_str_equal (path, TB_WEBHOOK_SMS_PATH))
    {
      take_message (self, server, msg, form);
      return;
    }
  take_status (self, form);
  respond (msg, SOUP_STATUS_OK, "text/xml", EMPTY_TWIML);
}

static void
tb_webhook_dispose (GObject *object)
{
  TbWebhook *self = TB_WEBHOOK (object);

  tb_webhook_stop (self);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tb_webhook_parent_class)->dispose (object);
}

static void
tb_webhook_finalize (GObject *object)
{
  TbWebhook *self = TB_WEBHOOK (object);

  if (self->auth_token != NULL)
    memset (self->auth_token, 0, strlen (self->auth_token));
  g_clear_pointer (&self->auth_token, g_free);
  g_clear_pointer (&self->public_base_url, g_free);

  G_OBJECT_CLASS (tb_webhook_parent_class)->finalize (object);
}

static void
tb_webhook_class_init (TbWebhookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tb_webhook_dispose;
  object_class->finalize = tb_webhook_finalize;

  signals[MESSAGE_RECEIVED] =
    g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[REJECTED] =
    g_signal_new ("rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tb_webhook_init (TbWebhook *self)
{
}

TbWebhook *
tb_webhook_new (TbInboxSync *sync,
                TbStore     *store,
                const char  *auth_token,
                const char  *public_base_url)
{
  TbWebhook *self;

  g_return_val_if_fail (TB_IS_INBOX_SYNC (sync), NULL);
  g_return_val_if_fail (TB_IS_STORE (store), NULL);
  g_return_val_if_fail (auth_token != NULL && *auth_token != '\0', NULL);

  self = g_object_new (TB_TYPE_WEBHOOK, NULL);
  self->sync = g_object_ref (sync);
  self->store = g_object_ref (store);
  self->auth_token = g_strdup (auth_token);
  self->public_base_url = g_strdup (public_base_url);
  return self;
}

gboolean
tb_webhook_listen (TbWebhook  *self,
                   guint       port,
                   gboolean    loopback_only,
                   GError    **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;
  gboolean ok;

  g_return_val_if_fail (TB_IS_WEBHOOK (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  server = soup_server_new ("server-header", "Textbank", NULL);
  soup_server_add_handler (server, NULL, handle_request, self, NULL);
  if (loopback_only)
    ok = soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error);
  else
    ok = soup_server_listen_all (server, port, 0, error);
  if (!ok)
    {
      g_prefix_error (error, _("Cannot listen for webhooks on port %u: "), port);
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  self->port = uris != NULL ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->server = g_steal_pointer (&server);
  return TRUE;
}

guint
tb_webhook_get_port (TbWebhook *self)
{
  g_return_val_if_fail (TB_IS_WEBHOOK (self), 0);

  return self->port;
}

void
tb_webhook_stop (TbWebhook *self)
{
  g_return_if_fail (TB_IS_WEBHOOK (self));

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  self->port = 0;
}

char *
tb_webhook_compute_signature (const char *auth_token,
                              const char *url,
                              GHashTable *params)
{
  g_return_val_if_fail (auth_token != NULL && url != NULL, NULL);

  return tb_twilio_compute_signature (auth_token, url, params);
}
