/* bench-texting-hours.c: how fast the zone table loads and answers, and how
 * fast a texting window check is, against references in the same process.
 *
 *   bench-texting-hours [N]     N lookups/checks of each kind (default 1000000)
 *
 * Prints figures; never fails for being slow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb-texting-hours.h"
#include "tb-zone-table.h"

#define POOL 4096

static volatile gsize sink; /* keeps the loops from being optimised away */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
report (const char *what,
        guint       n,
        double      seconds,
        const char *reference,
        double      reference_seconds)
{
  printf ("%-34s %9.3f s  %7.1f ns/op", what, seconds, seconds * 1e9 / n);
  if (reference != NULL)
    printf ("   %-38s %9.3f s  %7.1f ns/op   ratio %.2f",
            reference, reference_seconds, reference_seconds * 1e9 / n,
            seconds / reference_seconds);
  printf ("\n");
}

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  GRand *rand = g_rand_new_with_seed (20261127);
  char *zips[POOL];
  char *phones[POOL];
  gint64 instants[POOL];
  const char *zone_lists[] = {
    "America/Phoenix", "America/New_York", "Pacific/Honolulu",
    "America/Chicago&America/Denver", "America/Boise&America/Los_Angeles",
    NULL, "Europe/London",
  };
  g_autoptr(GHashTable) zip_hash = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) phone_hash = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) zip_array = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) phoenix = g_time_zone_new_identifier ("America/Phoenix");
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;
  gint64 start;
  double load, warm_up, t_zip, t_zip_hash, t_zip_bsearch, t_phone, t_phone_hash, t_check, t_dt;
  guint hits = 0;

  /* Load: the first lookup parses the GResource. */
  start = g_get_monotonic_time ();
  sink += tb_zone_table_n_zips ();
  load = seconds_since (start);

  /* First use of each zone: GTimeZone reads its tzfile, the cache finds its
   * offset changes. */
  start = g_get_monotonic_time ();
  for (gsize i = 0; i < G_N_ELEMENTS (zone_lists); i++)
    {
      TbTextingHoursVerdict verdict;

      tb_texting_hours_check (zone_lists[i], &window, g_get_real_time (), &verdict, NULL);
    }
  warm_up = seconds_since (start);

  /* Inputs: ZIPs drawn over the whole range (about 40 % exist), E.164
   * numbers with a NANP area code or a foreign country code, instants over
   * a year. */
  for (guint i = 0; i < POOL; i++)
    {
      zips[i] = g_strdup_printf ("%05d", g_rand_int_range (rand, 0, 100000));
      if (i % 8 == 0)
        phones[i] = g_strdup_printf ("+44%010d", g_rand_int_range (rand, 0, G_MAXINT));
      else
        phones[i] = g_strdup_printf ("+1%03d%03d%04d", g_rand_int_range (rand, 201, 990),
                                     g_rand_int_range (rand, 200, 1000),
                                     g_rand_int_range (rand, 0, 10000));
      /* 2026 */
      instants[i] = (1767225600 + (gint64) g_rand_int_range (rand, 0, 365 * 86400)) *
                    G_USEC_PER_SEC;
      g_ptr_array_add (owned, zips[i]);
      g_ptr_array_add (owned, phones[i]);
    }

  /* References hold the same answers: what a plain approach would do. */
  for (guint zip = 0; zip < 100000; zip++)
    {
      char key[6];
      const char *zones;

      g_snprintf (key, sizeof key, "%05u", zip);
      zones = tb_zone_table_lookup_zip (key);
      if (zones != NULL)
        {
          char *owned_key = g_strdup (key);

          g_ptr_array_add (owned, owned_key);
          g_hash_table_insert (zip_hash, owned_key, (gpointer) zones);
          g_array_append_val (zip_array, zip);
        }
    }
  for (guint i = 0; i < POOL; i++)
    g_hash_table_insert (phone_hash, phones[i], (gpointer) tb_zone_table_lookup_phone (phones[i]));

  printf ("texting hours benchmark: %u operations each; table %u ZIPs, %u phone prefixes\n\n",
          n, tb_zone_table_n_zips (), tb_zone_table_n_prefixes ());
  printf ("%-34s %9.6f s\n", "load table (GResource, first use)", load);
  printf ("%-34s %9.6f s\n", "first use of 8 zones (tzfile + cache)", warm_up);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    hits += tb_zone_table_lookup_zip (zips[i % POOL]) != NULL;
  t_zip = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    sink += g_hash_table_lookup (zip_hash, zips[i % POOL]) != NULL;
  t_zip_hash = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      guint32 key = (guint32) strtoul (zips[i % POOL], NULL, 10);

      sink += bsearch (&key, zip_array->data, zip_array->len, sizeof (guint32),
                       compare_u32) != NULL;
    }
  t_zip_bsearch = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    sink += tb_zone_table_lookup_phone (phones[i % POOL]) != NULL;
  t_phone = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    sink += g_hash_table_lookup (phone_hash, phones[i % POOL]) != NULL;
  t_phone_hash = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      TbTextingHoursVerdict verdict;

      tb_texting_hours_check (zone_lists[i % G_N_ELEMENTS (zone_lists)], &window,
                              instants[i % POOL], &verdict, NULL);
      sink += verdict.status;
    }
  t_check = seconds_since (start);

  /* Reference: only the local hour in one zone, through GDateTime. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      GDateTime *utc = g_date_time_new_from_unix_utc (instants[i % POOL] / G_USEC_PER_SEC);
      GDateTime *local = g_date_time_to_timezone (utc, phoenix);

      sink += g_date_time_get_hour (local) >= 9;
      g_date_time_unref (local);
      g_date_time_unref (utc);
    }
  t_dt = seconds_since (start);

  report ("ZIP lookup", n, t_zip, "ref: g_hash_table_lookup (string)", t_zip_hash);
  report ("", n, t_zip, "ref: strtoul + bsearch (uint32 array)", t_zip_bsearch);
  report ("phone longest-prefix lookup", n, t_phone,
          "ref: g_hash_table_lookup (whole number)", t_phone_hash);
  report ("window check (mixed zone lists)", n, t_check,
          "ref: GDateTime local hour, one zone", t_dt);
  printf ("\nload + %u ZIP lookups + %u phone lookups: %.3f s (%u ZIPs found)\n",
          n, n, load + t_zip + t_phone, hits);

  g_rand_free (rand);
  return 0;
}
