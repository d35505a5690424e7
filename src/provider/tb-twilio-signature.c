/* tb-twilio-signature.c: X-Twilio-Signature of a webhook request
 *
 * Twilio signs the full webhook URL (query string included) followed by
 * every POST parameter as name then value, in name order, with HMAC-SHA1
 * keyed by the Auth Token, base64-encoded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-twilio"

#include "config.h"

#include <string.h>

#include "tb-twilio-provider.h"

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
tb_twilio_compute_signature (const char *auth_token,
                             const char *url,
                             GHashTable *params)
{
  g_autoptr(GHmac) hmac = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint8 digest[20];
  gsize digest_length = sizeof digest;

  g_return_val_if_fail (auth_token != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) auth_token, strlen (auth_token));
  g_hmac_update (hmac, (const guchar *) url, -1);

  if (params != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_ptr_array_add (names, name);
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          const char *name_i = g_ptr_array_index (names, i);
          const char *value = g_hash_table_lookup (params, name_i);

          g_hmac_update (hmac, (const guchar *) name_i, -1);
          if (value != NULL)
            g_hmac_update (hmac, (const guchar *) value, -1);
        }
    }

  g_hmac_get_digest (hmac, digest, &digest_length);
  return g_base64_encode (digest, digest_length);
}

gboolean
tb_twilio_signature_is_valid (const char *auth_token,
                              const char *url,
                              GHashTable *params,
                              const char *signature)
{
  g_autofree char *expected = NULL;
  gsize length;
  guint8 difference = 0;

  if (auth_token == NULL || *auth_token == '\0' || url == NULL || signature == NULL)
    return FALSE;

  expected = tb_twilio_compute_signature (auth_token, url, params);
  length = strlen (expected);
  if (strlen (signature) != length)
    return FALSE;
  /* constant time: a forger learns nothing from how long this took */
  for (gsize i = 0; i < length; i++)
    difference |= (guint8) (expected[i] ^ signature[i]);
  return difference == 0;
}
