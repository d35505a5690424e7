/* test-phone-prefix.c: the proof behind the NANP prefix cache, and the
 * fast path against libphonenumber's full path over a large sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-phone.h"
#include "tb-phone-private.h"

typedef struct {
  const char *pattern;
  gboolean    decided;   /* by the first 6 of 10 digits */
} PatternCase;

static void
test_pattern_check (void)
{
  static const PatternCase cases[] = {
    { "[2-9]\\d{9}", TRUE },
    { "\\d{10}", TRUE },
    { "[2-9]\\d{9}|3\\d{6}", TRUE },                        /* US general */
    { "900[2-9]\\d{6}", TRUE },
    { "\\d{6}[0-4]\\d{3}", FALSE },                         /* the 7th digit counts */
    { "\\d{9}5", FALSE },                                   /* the last one */
    { "\\d{3}[0-4]\\d{6}|\\d{3}[5-9]\\d{6}", TRUE },
    { "\\d{6}(?:[0-4]\\d{3}|[5-9]\\d{3})", TRUE },          /* two branches cover every ending */
    { "\\d{6}(?:[0-4]\\d{3}|[6-9]\\d{3})", FALSE },         /* 5 is left out */
    { "\\d{6}(?:[0-4]|[5-9])\\d{3}", TRUE },
    { "\\d{5,12}", TRUE },
    { "\\d{5,9}", TRUE },                                   /* never 10 digits: all refused */
    { "[^5]\\d{9}", TRUE },
    { "\\d{5}[^5]\\d{4}", TRUE },
    { "\\d{6}[^5]\\d{3}", FALSE },
    { "1?[2-9]\\d{8,9}", TRUE },
    { "(\\d{3})\\d{7}", TRUE },                             /* a capturing group */
    { "\\d{6}(?:\\d{4})?", TRUE },
    { "\\d{6}(?:12|34)\\d{2}", FALSE },
    { "\\d{6}\\d*", TRUE },
    { "\\d{6}1*\\d{4}", TRUE },                             /* 1* takes nothing at 10 digits */
    { "\\d{5}1*\\d{4}", TRUE },                             /* the 6th digit is a 1 or not */
    { "\\d{7}1*\\d{2}", FALSE },                            /* the 8th */
    { "", TRUE },                                           /* matches only the empty string */
    /* Syntax the check does not read: not decided, whatever it means. */
    { "\\d{6}(?=1)\\d{4}", FALSE },
    { "\\d{6}.{4}", FALSE },
    { "\\d{6}\\w{4}", FALSE },
    { "\\d{6}[a-z]\\d{3}", FALSE },
    { "\\d{6}(?:\\d{4}", FALSE },
    { "\\d{6}\\d{4})", FALSE },
    { "\\d{6}\\d{4,2}", FALSE },
    { "\\d{6}\\d{99}", FALSE },
    { "\\d{6}[9-0]\\d{3}", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean decided = tb_phone_pattern_is_decided_by_prefix (cases[i].pattern, 6, 10);

      if (decided != cases[i].decided)
        g_error ("“%s”: %s, expected %s", cases[i].pattern, decided ? "decided" : "not decided",
                 cases[i].decided ? "decided" : "not decided");
    }
}

/* libphonenumber's own US metadata passes: the cache is in use. */
static void
test_regions (void)
{
  g_assert_true (tb_phone_region_is_decided_by_prefix ("US"));
  g_test_message ("CA %s", tb_phone_region_is_decided_by_prefix ("CA") ? "decided" : "not decided");
  /* Not NANP, or no such region: never cached. */
  g_assert_false (tb_phone_region_is_decided_by_prefix ("GB"));
  g_assert_false (tb_phone_region_is_decided_by_prefix ("XX"));
  g_assert_cmpint (tb_phone_prefix_lookup ("GB", 2125550123), ==, -1);
}

static guint compared;

static void
assert_same (const char   *input,
             const char   *region,
             TbPhoneFlags  flags)
{
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) full_error = NULL;
  TbPhoneWarnings fast_warnings = 42, full_warnings = 42;
  g_autofree char *fast = tb_phone_normalize (input, region, flags, &fast_warnings, &fast_error);
  g_autofree char *full = tb_phone_normalize_without_fast_path (input, region, flags, &full_warnings, &full_error);

  if (g_strcmp0 (fast, full) != 0 || fast_warnings != full_warnings ||
      (fast_error == NULL) != (full_error == NULL) ||
      (fast_error != NULL && (fast_error->code != full_error->code ||
                              g_strcmp0 (fast_error->message, full_error->message) != 0)))
    g_error ("“%s” (%s, flags %d): fast %s (%s), full %s (%s)", input, region, flags,
             fast ? fast : "refused", fast_error ? fast_error->message : "",
             full ? full : "refused", full_error ? full_error->message : "");
  compared++;
}

static char *
fill (const char *format,
      const char *area,
      const char *exchange,
      const char *line)
{
  const char *parts[] = { area, exchange, line };
  GString *out = g_string_new (NULL);
  guint next = 0;

  for (const char *p = format; *p != '\0'; p++)
    if (*p == '@' && next < G_N_ELEMENTS (parts))
      g_string_append (out, parts[next++]);
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Every area code, exchanges that are fine and ones that are not (N11,
 * 555, 0XX/1XX), fictional lines, written every way (extensions, + and
 * 1 prefixes), short codes and other lengths, in three regions, with and
 * without fictional numbers allowed. Several lines share each
 * NPA-NXX, so the cache answers most of them after the first. */
static void
test_fast_path_sample (void)
{
  /* @ stands for the area code, the exchange and the line, in turn. */
  static const char * const formats[] = {
    "@@@", "(@) @-@", "+1 @ @ @", "1-@-@-@", "+1@@@", "@.@.@",
    "@-@-@ x12", "+@@@", "1@@@", "(@)@@", "@ @ @ ", "+1 (@) @-@",
  };
  static const char * const regions[] = { "US", "CA", "GB" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);

  for (guint npa = 200; npa <= 999; npa++)
    {
      g_autofree char *area = g_strdup_printf ("%03u", npa);
      guint exchanges[] = {
        (guint) g_rand_int_range (rand, 200, 1000), (guint) g_rand_int_range (rand, 200, 1000),
        555, 211 + 100 * (npa % 8), 100 + npa % 100, (guint) g_rand_int_range (rand, 0, 1000),
      };

      /* Short codes and other lengths, around the plain ones. */
      {
        g_autofree char *five = g_strdup_printf ("%s%02u", area, npa % 100);
        g_autofree char *six = g_strdup_printf ("%s%03u", area, exchanges[0]);
        g_autofree char *local = g_strdup_printf ("%03u-%04u", exchanges[0], npa * 7 % 10000);
        g_autofree char *eleven = g_strdup_printf ("2%s%03u%04u", area, exchanges[1], npa % 10000);
        g_autofree char *london = g_strdup_printf ("+44 20 7946 %04u", npa * 3 % 10000);
        g_autofree char *plus_short = g_strdup_printf ("+1 %s", area);

        assert_same (area, "US", TB_PHONE_FLAGS_NONE);
        assert_same (five, "US", TB_PHONE_FLAGS_NONE);
        assert_same (six, "US", TB_PHONE_FLAGS_NONE);
        assert_same (local, "US", TB_PHONE_FLAGS_NONE);
        assert_same (eleven, "US", TB_PHONE_FLAGS_NONE);
        assert_same (london, "US", TB_PHONE_FLAGS_NONE);
        assert_same (plus_short, "US", TB_PHONE_FLAGS_NONE);
      }

      for (gsize e = 0; e < G_N_ELEMENTS (exchanges); e++)
        {
          g_autofree char *exchange = g_strdup_printf ("%03u", exchanges[e]);
          guint lines[] = { 100 + npa % 100, (guint) g_rand_int_range (rand, 0, 10000),
                            (guint) g_rand_int_range (rand, 0, 10000) };

          for (gsize l = 0; l < G_N_ELEMENTS (lines); l++)
            {
              g_autofree char *line = g_strdup_printf ("%04u", lines[l]);
              guint pick = npa * 31 + (guint) e * 7 + (guint) l;
              const char *format = formats[pick % G_N_ELEMENTS (formats)];
              g_autofree char *input = fill (format, area, exchange, line);
              g_autofree char *plain = g_strdup_printf ("%s%s%s", area, exchange, line);

              assert_same (plain, "US", TB_PHONE_FLAGS_NONE);
              assert_same (input, "US", TB_PHONE_FLAGS_NONE);
              assert_same (input, regions[pick % G_N_ELEMENTS (regions)],
                           pick % 2 == 0 ? TB_PHONE_ALLOW_FICTIONAL : TB_PHONE_FLAGS_NONE);
            }
        }
    }

  /* The cache is filled: a number seen makes its prefix known. */
  assert_same ("(212) 463-0123", "US", TB_PHONE_FLAGS_NONE);
  g_assert_cmpint (tb_phone_prefix_lookup ("US", 2124639999), ==, 1);
  assert_same ("(212) 123-0123", "US", TB_PHONE_FLAGS_NONE);
  g_assert_cmpint (tb_phone_prefix_lookup ("US", 2121239999), ==, 0);
  g_test_message ("%u inputs compared", compared);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/phone-prefix/pattern-check", test_pattern_check);
  g_test_add_func ("/phone-prefix/regions", test_regions);
  g_test_add_func ("/phone-prefix/fast-path-sample", test_fast_path_sample);

  return g_test_run ();
}
