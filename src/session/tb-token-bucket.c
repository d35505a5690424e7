/* tb-token-bucket.c: a token bucket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-token-bucket.h"

#include <math.h>

void
tb_token_bucket_init (TbTokenBucket *bucket,
                      double         rate,
                      double         burst,
                      gint64         now)
{
  g_return_if_fail (bucket != NULL);

  bucket->rate = rate;
  bucket->burst = MAX (burst, 1.0);
  bucket->tokens = bucket->burst;
  bucket->updated_at = now;
}

static void
refill (TbTokenBucket *bucket,
        gint64         now)
{
  /* A clock that went backwards refills nothing. */
  if (now > bucket->updated_at)
    {
      double elapsed = (double) (now - bucket->updated_at) / G_USEC_PER_SEC;

      bucket->tokens = MIN (bucket->burst, bucket->tokens + elapsed * bucket->rate);
    }
  bucket->updated_at = now;
}

gboolean
tb_token_bucket_take (TbTokenBucket *bucket,
                      gint64         now,
                      gint64        *wait_us_out)
{
  g_return_val_if_fail (bucket != NULL, FALSE);

  if (bucket->rate <= 0)
    return TRUE;

  refill (bucket, now);
  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      if (wait_us_out != NULL)
        *wait_us_out = 0;
      return TRUE;
    }

  if (wait_us_out != NULL)
    *wait_us_out = MAX (1, (gint64) ceil ((1.0 - bucket->tokens) / bucket->rate * G_USEC_PER_SEC));
  return FALSE;
}

gint64
tb_token_bucket_wait (TbTokenBucket *bucket,
                      gint64         now)
{
  g_return_val_if_fail (bucket != NULL, 0);

  if (bucket->rate <= 0)
    return 0;
  refill (bucket, now);
  if (bucket->tokens >= 1.0)
    return 0;
  return MAX (1, (gint64) ceil ((1.0 - bucket->tokens) / bucket->rate * G_USEC_PER_SEC));
}
