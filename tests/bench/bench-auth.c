/* bench-auth.c: how long the admin passphrase and PIN hashes take
 *
 * Prints the time of one Argon2id hash and one verify at the limits
 * Textbank uses (INTERACTIVE: 64 MiB, 2 passes) against libsodium's
 * MODERATE limits (256 MiB, 3 passes) measured in the same process, and
 * the ratio. Never fails for being slow.
 *
 *   bench-auth [ROUNDS]    (default 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "tb-auth.h"

int
main (int   argc,
      char *argv[])
{
  static const char secret[] = "a passphrase for timing";
  int rounds = argc > 1 ? atoi (argv[1]) : 5;
  double ours_hash = 0, ours_verify = 0, moderate_hash = 0;

  tb_auth_init ();
  rounds = MAX (rounds, 1);

  for (int i = 0; i < rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = NULL;
      char moderate[crypto_pwhash_STRBYTES];
      gint64 start;

      start = g_get_monotonic_time ();
      hash = tb_auth_hash_secret (secret, &error);
      ours_hash += (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      g_assert_true (tb_auth_verify_secret (hash, secret, &error));
      ours_verify += (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      g_assert_cmpint (crypto_pwhash_str (moderate, secret, strlen (secret),
                                          crypto_pwhash_OPSLIMIT_MODERATE,
                                          crypto_pwhash_MEMLIMIT_MODERATE), ==, 0);
      moderate_hash += (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("argon2id INTERACTIVE (ours): hash %.1f ms, verify %.1f ms (mean of %d)\n",
           ours_hash / rounds, ours_verify / rounds, rounds);
  g_print ("argon2id MODERATE (reference): hash %.1f ms; ours takes %.2fx the reference\n",
           moderate_hash / rounds, ours_hash / moderate_hash);
  return 0;
}
