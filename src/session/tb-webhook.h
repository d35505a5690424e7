/* tb-webhook.h: an optional receiver for Twilio's webhooks (incoming
 * messages and status callbacks), for offices that can expose one
 *
 * Every request must carry a valid X-Twilio-Signature (HMAC-SHA1 of the
 * URL Twilio called plus the sorted form parameters, keyed by the auth
 * token); anything else gets 403 and changes nothing. Polling stays on: the
 * webhook only makes replies and receipts arrive sooner, and a message that
 * comes both ways is stored once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-inbox-sync.h"
#include "tb-store.h"

G_BEGIN_DECLS

/* Paths under the public base URL: configure Twilio's "A message comes in"
 * with BASE/sms and the status callback with BASE/status. */
#define TB_WEBHOOK_SMS_PATH "/sms"
#define TB_WEBHOOK_STATUS_PATH "/status"

#define TB_TYPE_WEBHOOK (tb_webhook_get_type ())
G_DECLARE_FINAL_TYPE (TbWebhook, tb_webhook, TB, WEBHOOK, GObject)

/* auth_token signs the requests (never logged). public_base_url is the URL
 * Twilio calls, as Twilio sees it ("https://office.example.org/textbank"),
 * needed behind a proxy; NULL means the URL the request arrived at. */
TbWebhook  *tb_webhook_new                 (TbInboxSync  *sync,
                                            TbStore      *store,
                                            const char   *auth_token,
                                            const char   *public_base_url);

/* Listens on port (0: any free port); loopback_only for a proxy on the
 * same machine. */
gboolean    tb_webhook_listen              (TbWebhook    *self,
                                            guint         port,
                                            gboolean      loopback_only,
                                            GError      **error);
/* The port listened on, 0 before tb_webhook_listen(). */
guint       tb_webhook_get_port            (TbWebhook    *self);
void        tb_webhook_stop                (TbWebhook    *self);

/* Twilio's signature: base64 (HMAC-SHA1 (auth_token, url + each form
 * parameter's name and value, sorted by name)). params may be NULL. The
 * provider's tb_twilio_compute_signature() under the webhook's name. */
char       *tb_webhook_compute_signature   (const char   *auth_token,
                                            const char   *url,
                                            GHashTable   *params);

/* Signals:
 *   "message-received" (gint64 message_id): an inbound message was stored.
 *   "status-changed" (gint64 message_id): a status callback moved a message.
 *   "rejected" (const char *reason): a request failed the signature check. */

G_END_DECLS
