/* tb-token-bucket.h: a token bucket, the outbox's rate limit per sending
 * number
 *
 * A plain value: the caller passes "now" so the clock stays injectable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double rate;        /* tokens per second; <= 0 means no limit */
  double burst;       /* the bucket's size */
  double tokens;
  gint64 updated_at;  /* µs */
} TbTokenBucket;

void      tb_token_bucket_init       (TbTokenBucket *bucket,
                                      double         rate,
                                      double         burst,
                                      gint64         now);
/* Takes one token when there is one. Otherwise returns FALSE and sets
 * wait_us_out (may be NULL) to the time until the next token. */
gboolean  tb_token_bucket_take       (TbTokenBucket *bucket,
                                      gint64         now,
                                      gint64        *wait_us_out);

/* The time until a token is there (0: now), taking none. */
gint64    tb_token_bucket_wait       (TbTokenBucket *bucket,
                                      gint64         now);

G_END_DECLS
