/* tb-twilio-private.h: Twilio JSON parsing, shared by the provider and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tb-provider.h"

G_BEGIN_DECLS

/* Twilio's RFC 2822 dates ("Thu, 30 Jul 2015 20:12:31 +0000") → UTC µs;
 * 0 for NULL or unparsable. */
gint64             tb_twilio_parse_date          (const char  *text);

/* One Message resource. Fails on a missing sid or wrong member types. */
TbProviderMessage *tb_twilio_parse_message       (JsonNode    *node,
                                                  GError     **error);

/* The GError for an HTTP error answer: Twilio's {code, message, more_info,
 * status} when the body has it, else one from the status alone.
 * retry_after: seconds from the Retry-After header, 0 if none. */
GError            *tb_twilio_error_from_response (guint        http_status,
                                                  const char  *reason,
                                                  JsonNode    *body,
                                                  guint        retry_after);

/* Seconds in a Retry-After value (delta-seconds or an HTTP date); 0 if
 * absent or unparsable. now_us is the current time for the date form. */
guint              tb_twilio_parse_retry_after   (const char  *value,
                                                  gint64       now_us);

/* Where and how requests go; the request copies what it needs. */
typedef struct {
  SoupSession *session;
  char        *api_base;        /* no trailing slash */
  char        *authorization;   /* "Basic …": a secret, never logged */
  guint        timeout;         /* seconds per I/O step; the whole exchange gets 4× */
  gsize        max_response_size;
} TbTwilioEndpoint;

/* One exchange: takes url; form is the POST body (NULL for a GET). The
 * result is the answer's JSON object, or a TB_PROVIDER_ERROR (or
 * G_IO_ERROR_CANCELLED). */
void               tb_twilio_request_async       (gpointer                 source_object,
                                                  const TbTwilioEndpoint  *endpoint,
                                                  const char              *method,
                                                  char                    *url,
                                                  GBytes                  *form,
                                                  GCancellable            *cancellable,
                                                  gpointer                 source_tag,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
JsonNode          *tb_twilio_request_finish      (GAsyncResult            *result,
                                                  GError                 **error);

G_END_DECLS
