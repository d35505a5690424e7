/* test-outbox-bucket.c: the outbox's rate limit and the demo people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-demo-data.h"
#include "tb-token-bucket.h"

#include <string.h>

#define SEC G_USEC_PER_SEC

static void
test_bucket_one_per_second (void)
{
  TbTokenBucket bucket;
  gint64 wait = -1;

  tb_token_bucket_init (&bucket, 1.0, 1.0, 100 * SEC);
  g_assert_true (tb_token_bucket_take (&bucket, 100 * SEC, &wait));
  g_assert_cmpint (wait, ==, 0);
  /* The second in the same instant waits a whole second. */
  g_assert_false (tb_token_bucket_take (&bucket, 100 * SEC, &wait));
  g_assert_cmpint (wait, ==, SEC);
  g_assert_false (tb_token_bucket_take (&bucket, 100 * SEC + SEC / 4, &wait));
  g_assert_cmpint (wait, ==, 3 * SEC / 4);
  g_assert_true (tb_token_bucket_take (&bucket, 101 * SEC, &wait));
  /* A long pause does not save up more than the burst. */
  g_assert_true (tb_token_bucket_take (&bucket, 200 * SEC, NULL));
  g_assert_false (tb_token_bucket_take (&bucket, 200 * SEC, NULL));
}

static void
test_bucket_rate_and_burst (void)
{
  TbTokenBucket bucket;
  guint taken = 0;

  /* 10 per second, burst 5: in 2 s from full, 5 + 20 = 25. */
  tb_token_bucket_init (&bucket, 10.0, 5.0, 0);
  for (gint64 t = 0; t <= 2 * SEC; t += SEC / 1000)
    while (tb_token_bucket_take (&bucket, t, NULL))
      taken++;
  g_assert_cmpuint (taken, ==, 25);
}

static void
test_bucket_clock_backwards (void)
{
  TbTokenBucket bucket;

  tb_token_bucket_init (&bucket, 1.0, 1.0, 50 * SEC);
  g_assert_true (tb_token_bucket_take (&bucket, 50 * SEC, NULL));
  g_assert_false (tb_token_bucket_take (&bucket, 10 * SEC, NULL));
  /* One second after the backwards jump, a token again. */
  g_assert_true (tb_token_bucket_take (&bucket, 11 * SEC, NULL));
}

static void
test_bucket_unlimited (void)
{
  TbTokenBucket bucket;

  tb_token_bucket_init (&bucket, 0, 1.0, 0);
  for (int i = 0; i < 1000; i++)
    g_assert_true (tb_token_bucket_take (&bucket, 0, NULL));
}

static void
test_demo_contacts (void)
{
  g_autoptr(GArray) contacts = tb_demo_contacts_new (200);
  g_autoptr(GHashTable) phones = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (contacts->len, ==, 200);
  for (guint i = 0; i < contacts->len; i++)
    {
      TbDemoContact *contact = &g_array_index (contacts, TbDemoContact, i);

      g_assert_true (g_str_has_prefix (contact->phone, "+1"));
      g_assert_cmpuint (strlen (contact->phone), ==, 12);
      /* NPA 555 01XX: the range reserved for fiction. */
      g_assert_cmpstr (contact->phone + 5, >=, "5550100");
      g_assert_cmpstr (contact->phone + 5, <=, "5550199");
      g_assert_true (g_hash_table_add (phones, contact->phone));
      g_hash_table_add (zones, (gpointer) contact->time_zone);
      g_assert_nonnull (contact->first_name);
      g_assert_nonnull (contact->precinct);
    }
  g_assert_cmpuint (g_hash_table_size (zones), ==, 7);
  g_assert_nonnull (strstr (tb_demo_initial_message, "{first_name}"));
  g_assert_nonnull (strstr (tb_demo_initial_message, "{texter_name}"));
  g_assert_nonnull (strstr (tb_demo_initial_message, "STOP"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/bucket/one-per-second", test_bucket_one_per_second);
  g_test_add_func ("/outbox/bucket/rate-and-burst", test_bucket_rate_and_burst);
  g_test_add_func ("/outbox/bucket/clock-backwards", test_bucket_clock_backwards);
  g_test_add_func ("/outbox/bucket/unlimited", test_bucket_unlimited);
  g_test_add_func ("/session/demo/contacts", test_demo_contacts);

  return g_test_run ();
}
