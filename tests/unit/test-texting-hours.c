/* test-texting-hours.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "tb-texting-hours.h"
#include "tb-zone-table.h"
#include "tb-zone-table-private.h"

#include <string.h>

/* US DST in 2026: starts Sun 2026-03-08 02:00 local, ends Sun 2026-11-01
 * 02:00 local. Offsets: New York -5/-4, Chicago -6/-5, Denver -7/-6,
 * Phoenix -7 all year, Los Angeles -8/-7, Honolulu -10 all year. */

static gint64
iso_to_usec (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static char *
usec_to_iso (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* ZIP codes */

typedef struct {
  const char *zip;
  const char *expected;
} ZipCase;

static const ZipCase zip_cases[] = {
  { "85001", "America/Phoenix" },
  { "96813", "Pacific/Honolulu" },           /* Honolulu */
  { "10001", "America/New_York" },           /* Manhattan */
  { "02134", "America/New_York" },           /* Boston, leading zero */
  { "2134", "America/New_York" },            /* ... which a spreadsheet dropped */
  { "501", "America/New_York" },             /* 00501 */
  { "85001-1234", "America/Phoenix" },       /* ZIP+4 */
  { "850011234", "America/Phoenix" },        /* ZIP+4 without the hyphen */
  { "2134-1234", "America/New_York" },
  { " 85001 ", "America/Phoenix" },
  { "\t85001\n", "America/Phoenix" },
  { "00000", NULL },                         /* well formed, not in the table */
  { "8500", NULL },                          /* 08500: not in the table */
  { "", NULL },
  { "   ", NULL },
  { "abcde", NULL },
  { "85001x", NULL },
  { "8500l", NULL },
  { "85", NULL },                            /* too short to be a ZIP */
  { "123456", NULL },
  { "12345678", NULL },
  { "1234567890", NULL },
  { "85001-12", NULL },
  { "85001-12345", NULL },
  { "85001 1234", NULL },
  { "-1234", NULL },
  { "850011-1234", NULL },
  { "+85001", NULL },
};

/* Each case through lookup (what names the input in the log); NULL finds
 * nothing. */
static void
assert_lookups (const ZipCase  *cases,
                gsize           n_cases,
                const char   *(*lookup) (const char *),
                const char     *what)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_test_message ("%s “%s”", what, cases[i].zip);
      g_assert_cmpstr (lookup (cases[i].zip), ==, cases[i].expected);
    }
  g_assert_null (lookup (NULL));
}

static void
test_zip_lookup (void)
{
  assert_lookups (zip_cases, G_N_ELEMENTS (zip_cases), tb_zone_table_lookup_zip, "ZIP");
  /* Every line of data/tz/us-zip-timezones.tsv made it in. */
  g_assert_cmpuint (tb_zone_table_n_zips (), ==, 41962);
}

/* The loader rejects a damaged table instead of reading out of bounds. */

typedef enum {
  DAMAGE_TRUNCATE,
  DAMAGE_EXTEND,
  DAMAGE_EMPTY,
  DAMAGE_MAGIC,
  DAMAGE_VERSION,
  DAMAGE_STRING_OFFSET,
  DAMAGE_STRINGS_UNTERMINATED,
  DAMAGE_ZIP_INDEX,
  DAMAGE_TOO_MANY_ZIP_STRINGS,
  DAMAGE_PREFIX_ORDER,
  DAMAGE_PREFIX_LENGTH,
  DAMAGE_PREFIX_STRING,
} Damage;

static void
put_u32 (guint8 *p,
         guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, sizeof v);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static void
test_table_damaged (void)
{
  g_autoptr(GBytes) good = tb_zone_table_get_bytes ();
  gsize size;
  const guint8 *data;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (good);
  g_assert_true (tb_zone_table_validate (good, &error));
  g_assert_no_error (error);
  data = g_bytes_get_data (good, &size);

  for (int damage = DAMAGE_TRUNCATE; damage <= DAMAGE_PREFIX_STRING; damage++)
    {
      g_autofree guint8 *copy = g_malloc (size + 1);
      gsize copy_size = size;
      guint32 n_strings = get_u32 (data + 8);
      guint32 strings_size = get_u32 (data + 12);
      guint32 n_prefixes = get_u32 (data + 20);
      gsize blob_end = 24 + 4 * (gsize) n_strings + strings_size;
      gsize keys = blob_end + 100000;
      gsize prefix_strings = keys + 8 * (gsize) n_prefixes;
      g_autoptr(GBytes) bad = NULL;

      memcpy (copy, data, size);
      copy[size] = 0;
      switch ((Damage) damage)
        {
        case DAMAGE_TRUNCATE: copy_size = size - 1; break;
        case DAMAGE_EXTEND: copy_size = size + 1; break;
        case DAMAGE_EMPTY: copy_size = 0; break;
        case DAMAGE_MAGIC: copy[0] = 'X'; break;
        case DAMAGE_VERSION: put_u32 (copy + 4, 2); break;
        case DAMAGE_STRING_OFFSET: put_u32 (copy + 24, strings_size); break;
        case DAMAGE_STRINGS_UNTERMINATED: copy[blob_end - 1] = 'x'; break;
        case DAMAGE_ZIP_INDEX: copy[blob_end + 85001] = 255; break;
        case DAMAGE_TOO_MANY_ZIP_STRINGS: put_u32 (copy + 16, 256); break;
        case DAMAGE_PREFIX_ORDER: memcpy (copy + keys, data + keys + 8, 8); break;
        case DAMAGE_PREFIX_LENGTH: copy[keys] &= 0xF0; break;
        case DAMAGE_PREFIX_STRING: memset (copy + prefix_strings, 0xFF, 2); break;
        default: g_assert_not_reached ();
        }

      g_test_message ("damage %d", damage);
      bad = g_bytes_new (copy, copy_size);
      g_assert_false (tb_zone_table_validate (bad, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      /* The message names the table. */
      g_assert_nonnull (strstr (error->message, "zone-table.bin"));
      g_clear_error (&error);
    }
}

/* Phone prefixes */

static const ZipCase phone_cases[] = {
  { "+16025550123", "America/Phoenix" },
  { "16025550123", "America/Phoenix" },
  { "+14805550100", "America/Phoenix" },
  { "+18085550123", "Pacific/Honolulu" },
  { "+13165550100", "America/Chicago" },
  /* A prefix with several zones keeps them all. */
  { "+17015550100", "America/Denver&America/North_Dakota/Center" },
  /* ... and a longer prefix under it wins. */
  { "+17012220100", "America/Chicago" },
  { "+442071234567", "Europe/London" },
  { "+447700900123", "Europe/Guernsey&Europe/Isle_of_Man&Europe/London" },
  { "+79161234567", "Europe/Moscow" },
  /* Only the bare NANP country code matches: too vague, unknown. */
  { "+19995550123", NULL },
  { "+1", NULL },
  { "1", NULL },
  { "+", NULL },
  { "", NULL },
  { "+1 602 555 0123", NULL },               /* not E.164 */
  { "+1-602-555-0123", NULL },
  { "++16025550123", NULL },
  { "abc", NULL },
  { "+1602555012345678", NULL },             /* 16 digits: longer than E.164 */
  { "+0123456", NULL },                      /* no country code starts with 0 */
};

static void
test_phone_lookup (void)
{
  assert_lookups (phone_cases, G_N_ELEMENTS (phone_cases), tb_zone_table_lookup_phone, "phone");
  g_assert_cmpuint (tb_zone_table_n_prefixes (), ==, 3295);
}

typedef struct {
  const char *zip;
  const char *phone;
  const char *expected;
} ContactCase;

static const ContactCase contact_cases[] = {
  /* The ZIP wins over the phone (a number keeps its area code on a move). */
  { "85001", "+18085550123", "America/Phoenix" },
  { NULL, "+18085550123", "Pacific/Honolulu" },
  { "", "+18085550123", "Pacific/Honolulu" },
  { "00000", "+18085550123", "Pacific/Honolulu" },
  { "not a zip", "+16025550123", "America/Phoenix" },
  { "96813", NULL, "Pacific/Honolulu" },
  { "garbage", NULL, NULL },
  { NULL, "+19995550123", NULL },
  { NULL, NULL, NULL },
};

static void
test_contact_zones (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (contact_cases); i++)
    {
      g_autofree char *zones = tb_time_zones_for_contact (contact_cases[i].zip,
                                                          contact_cases[i].phone);

      g_test_message ("contact %s / %s", contact_cases[i].zip, contact_cases[i].phone);
      g_assert_cmpstr (zones, ==, contact_cases[i].expected);
    }
}

static void
test_expand (void)
{
  const char * const *continental = tb_texting_hours_continental_zones ();
  const char *continental_expected[] = {
    "America/New_York", "America/Chicago", "America/Denver",
    "America/Phoenix", "America/Los_Angeles", NULL,
  };
  const char *mixed_expected[] = {
    "America/Phoenix", "America/New_York", "America/Chicago",
    "America/Denver", "America/Los_Angeles", NULL,
  };
  const char *pair_expected[] = { "America/Chicago", "America/Denver", NULL };
  g_auto(GStrv) unknown = tb_time_zones_expand (NULL);
  g_auto(GStrv) empty = tb_time_zones_expand ("");
  g_auto(GStrv) bogus = tb_time_zones_expand ("Mars/Olympus_Mons");
  g_auto(GStrv) mixed = tb_time_zones_expand ("America/Phoenix&Mars/Olympus_Mons");
  g_auto(GStrv) pair = tb_time_zones_expand ("America/Chicago&America/Denver&America/Chicago");
  g_auto(GStrv) trailing = tb_time_zones_expand ("America/Chicago&");

  g_assert_cmpstrv (continental, continental_expected);
  g_assert_cmpstrv (unknown, continental_expected);
  g_assert_cmpstrv (empty, continental_expected);
  g_assert_cmpstrv (bogus, continental_expected);
  g_assert_cmpstrv (mixed, mixed_expected);
  g_assert_cmpstrv (pair, pair_expected);
  /* An empty element is malformed: treat it as unknown, never as nothing. */
  g_assert_cmpuint (g_strv_length (trailing), ==, 5);
}

static void
test_city (void)
{
  const struct { const char *zone, *city; } cases[] = {
    { "America/Los_Angeles", "Los Angeles" },
    { "America/Phoenix", "Phoenix" },
    { "America/Indiana/Knox", "Knox" },
    { "America/North_Dakota/New_Salem", "New Salem" },
    { "UTC", "UTC" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *city = tb_time_zone_city (cases[i].zone);
      g_assert_cmpstr (city, ==, cases[i].city);
    }
}

/* Windows */

typedef struct {
  const char *text;
  int         start;
  int         end;
  int         error; /* -1 for none */
} WindowCase;

static const WindowCase window_cases[] = {
  { "09:00-21:00", 540, 1260, -1 },
  { "9:00-21:00", 540, 1260, -1 },
  { " 08:30 - 20:15 ", 510, 1215, -1 },
  { "00:00-24:00", 0, 1440, -1 },
  { "00:00-00:01", 0, 1, -1 },
  { "21:00-09:00", 0, 0, TB_TEXTING_HOURS_ERROR_INVALID_WINDOW },
  { "09:00-09:00", 0, 0, TB_TEXTING_HOURS_ERROR_INVALID_WINDOW },
  { "09:00", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
  { "9-21", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
  { "25:00-26:00", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
  { "09:60-10:00", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
  { "24:30-24:45", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
  { "09:00-21:00x", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
  { "09:0-21:00", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
  { "", 0, 0, TB_TEXTING_HOURS_ERROR_PARSE },
};

static void
test_window_parse (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (window_cases); i++)
    {
      const WindowCase *c = &window_cases[i];
      TbTextingWindow window = { -7, -7 };
      g_autoptr(GError) error = NULL;
      gboolean ok = tb_texting_window_parse (c->text, &window, &error);

      g_test_message ("window “%s”", c->text);
      if (c->error < 0)
        {
          g_autofree char *text = NULL;
          TbTextingWindow again;

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (window.start_minute, ==, c->start);
          g_assert_cmpint (window.end_minute, ==, c->end);
          text = tb_texting_window_to_string (&window);
          g_assert_true (tb_texting_window_parse (text, &again, NULL));
          g_assert_cmpint (again.start_minute, ==, c->start);
          g_assert_cmpint (again.end_minute, ==, c->end);
        }
      else
        {
          g_assert_error (error, TB_TEXTING_HOURS_ERROR, c->error);
          g_assert_false (ok);
          /* Left alone on failure. */
          g_assert_cmpint (window.start_minute, ==, -7);
          /* The message names the input. */
          if (c->error == TB_TEXTING_HOURS_ERROR_PARSE)
            g_assert_nonnull (strstr (error->message, c->text));
        }
    }
}

/* The check */

typedef struct {
  const char           *zones;
  int                   start;
  int                   end;
  const char           *instant;      /* UTC */
  TbTextingHoursStatus  status;
  const char           *expected;     /* OPEN: closes_at; CLOSED: next_allowed */
  gint64                seconds_left; /* OPEN only */
  const char           *zone;         /* the deciding zone, or NULL to skip */
} CheckCase;

#define OPEN   TB_TEXTING_HOURS_OPEN
#define CLOSED TB_TEXTING_HOURS_CLOSED
#define NEVER  TB_TEXTING_HOURS_NEVER

static const CheckCase check_cases[] = {
  /* Phoenix, winter: 9:00 MST is 16:00Z, 21:00 MST is 04:00Z. */
  { "America/Phoenix", 540, 1260, "2026-01-15T16:00:00Z", OPEN, "2026-01-16T04:00:00Z", 43200,
    "America/Phoenix" },
  { "America/Phoenix", 540, 1260, "2026-01-15T15:59:59Z", CLOSED, "2026-01-15T16:00:00Z", 0,
    "America/Phoenix" },
  { "America/Phoenix", 540, 1260, "2026-01-15T15:59:59.999999Z", CLOSED, "2026-01-15T16:00:00Z",
    0, NULL },
  { "America/Phoenix", 540, 1260, "2026-01-16T03:59:59Z", OPEN, "2026-01-16T04:00:00Z", 1, NULL },
  { "America/Phoenix", 540, 1260, "2026-01-16T03:59:59.500Z", OPEN, "2026-01-16T04:00:00Z", 0,
    NULL },
  { "America/Phoenix", 540, 1260, "2026-01-16T04:00:00Z", CLOSED, "2026-01-16T16:00:00Z", 0, NULL },
  /* Phoenix, summer: still 9:00 MST = 16:00Z (no DST)... */
  { "America/Phoenix", 540, 1260, "2026-07-01T15:30:00Z", CLOSED, "2026-07-01T16:00:00Z", 0, NULL },
  { "America/Phoenix", 540, 1260, "2026-07-01T16:00:00Z", OPEN, "2026-07-02T04:00:00Z", 43200,
    NULL },
  /* ... while Denver keeps MDT: 9:00 is 15:00Z. */
  { "America/Denver", 540, 1260, "2026-07-01T15:00:00Z", OPEN, "2026-07-02T03:00:00Z", 43200,
    NULL },
  { "America/Denver", 540, 1260, "2026-01-15T15:00:00Z", CLOSED, "2026-01-15T16:00:00Z", 0, NULL },
  /* Honolulu: -10 all year. */
  { "Pacific/Honolulu", 540, 1260, "2026-07-01T18:59:59Z", CLOSED, "2026-07-01T19:00:00Z", 0,
    NULL },
  { "Pacific/Honolulu", 540, 1260, "2026-01-15T19:00:00Z", OPEN, "2026-01-16T07:00:00Z", 43200,
    NULL },
  /* New York, spring forward 2026-03-08: 9:00 EDT is 13:00Z. */
  { "America/New_York", 540, 1260, "2026-03-08T06:00:00Z", CLOSED, "2026-03-08T13:00:00Z", 0,
    NULL },
  { "America/New_York", 540, 1260, "2026-03-08T12:59:59Z", CLOSED, "2026-03-08T13:00:00Z", 0,
    NULL },
  { "America/New_York", 540, 1260, "2026-03-08T13:00:00Z", OPEN, "2026-03-09T01:00:00Z", 43200,
    NULL },
  { "America/New_York", 540, 1260, "2026-03-08T01:59:59Z", OPEN, "2026-03-08T02:00:00Z", 1, NULL },
  /* A window 02:00-03:00 does not happen on that day at all. */
  { "America/New_York", 120, 180, "2026-03-08T06:30:00Z", CLOSED, "2026-03-09T06:00:00Z", 0, NULL },
  /* A window 01:00-03:00 lasts one hour: 01:59:59 EST is followed by 03:00 EDT. */
  { "America/New_York", 60, 180, "2026-03-08T06:00:00Z", OPEN, "2026-03-08T07:00:00Z", 3600, NULL },
  { "America/New_York", 60, 180, "2026-03-08T07:00:00Z", CLOSED, "2026-03-09T05:00:00Z", 0, NULL },
  /* A window ending at 03:00 after the jump: 02:59 never shows, 03:00 is shut. */
  { "America/New_York", 150, 180, "2026-03-08T05:00:00Z", CLOSED, "2026-03-09T06:30:00Z", 0, NULL },
  /* Fall back 2026-11-01: 9:00 EST is 14:00Z. */
  { "America/New_York", 540, 1260, "2026-11-01T05:30:00Z", CLOSED, "2026-11-01T14:00:00Z", 0,
    NULL },
  { "America/New_York", 540, 1260, "2026-11-01T01:00:00Z", CLOSED, "2026-11-01T14:00:00Z", 0,
    NULL },
  { "America/New_York", 540, 1260, "2026-11-01T00:59:59Z", OPEN, "2026-11-01T01:00:00Z", 1, NULL },
  { "America/New_York", 540, 1260, "2026-11-01T14:00:00Z", OPEN, "2026-11-02T02:00:00Z", 43200,
    NULL },
  /* 01:00-02:00 happens twice (EDT then EST): two hours without a break. */
  { "America/New_York", 60, 120, "2026-11-01T05:30:00Z", OPEN, "2026-11-01T07:00:00Z", 5400, NULL },
  { "America/New_York", 60, 120, "2026-11-01T06:30:00Z", OPEN, "2026-11-01T07:00:00Z", 1800, NULL },
  { "America/New_York", 60, 120, "2026-11-01T04:59:59Z", CLOSED, "2026-11-01T05:00:00Z", 0, NULL },
  /* 02:00-03:00 once, in EST, after the second 01:59:59. */
  { "America/New_York", 120, 180, "2026-11-01T06:30:00Z", CLOSED, "2026-11-01T07:00:00Z", 0, NULL },
  /* Several zones: the window must hold in each. Chicago CST, Denver MST:
   * open from 9:00 MST (16:00Z) to 21:00 CST (03:00Z). */
  { "America/Chicago&America/Denver", 540, 1260, "2026-01-15T15:30:00Z", CLOSED,
    "2026-01-15T16:00:00Z", 0, "America/Denver" },
  { "America/Chicago&America/Denver", 540, 1260, "2026-01-15T16:00:00Z", OPEN,
    "2026-01-16T03:00:00Z", 39600, "America/Chicago" },
  /* Shut in Chicago only; Denver's 9:00 decides when, Chicago is named. */
  { "America/Chicago&America/Denver", 540, 1260, "2026-01-16T03:00:00Z", CLOSED,
    "2026-01-16T16:00:00Z", 0, "America/Chicago" },
  /* Phoenix and Denver differ by an hour only in summer. */
  { "America/Phoenix&America/Denver", 540, 1260, "2026-07-01T15:30:00Z", CLOSED,
    "2026-07-01T16:00:00Z", 0, "America/Phoenix" },
  { "America/Phoenix&America/Denver", 540, 1260, "2026-07-02T02:59:59Z", OPEN,
    "2026-07-02T03:00:00Z", 1, "America/Denver" },
  /* Unknown: every continental zone. Winter: 9:00 PST (17:00Z) to 21:00 EST (02:00Z). */
  { NULL, 540, 1260, "2026-01-15T16:59:59Z", CLOSED, "2026-01-15T17:00:00Z", 0,
    "America/Los_Angeles" },
  { NULL, 540, 1260, "2026-01-15T17:00:00Z", OPEN, "2026-01-16T02:00:00Z", 32400,
    "America/New_York" },
  { NULL, 540, 1260, "2026-01-16T02:00:00Z", CLOSED, "2026-01-16T17:00:00Z", 0,
    "America/New_York" },
  /* Summer: 9:00 PDT = 9:00 MST (16:00Z) to 21:00 EDT (01:00Z). */
  { NULL, 540, 1260, "2026-07-01T15:59:59Z", CLOSED, "2026-07-01T16:00:00Z", 0, NULL },
  { NULL, 540, 1260, "2026-07-02T00:59:59Z", OPEN, "2026-07-02T01:00:00Z", 1, "America/New_York" },
  { "", 540, 1260, "2026-01-15T16:59:59Z", CLOSED, "2026-01-15T17:00:00Z", 0, NULL },
  { "Mars/Olympus_Mons", 540, 1260, "2026-01-15T16:59:59Z", CLOSED, "2026-01-15T17:00:00Z", 0,
    NULL },
  /* An unknown zone next to a known one still stands for the continent. */
  { "Pacific/Honolulu&Mars/Olympus_Mons", 540, 1260, "2026-01-15T17:00:00Z", CLOSED,
    "2026-01-15T19:00:00Z", 0, "Pacific/Honolulu" },
  /* New York and Shanghai are 12 hours apart in summer (no overlap with a
   * 12-hour window) and 13 in winter: first open the night after fall back. */
  { "America/New_York&Asia/Shanghai", 540, 1260, "2026-07-01T12:00:00Z", CLOSED,
    "2026-11-02T01:00:00Z", 0, "America/New_York" },
  /* Puerto Rico and Shanghai: 12 hours apart all year. */
  { "America/Puerto_Rico&Asia/Shanghai", 540, 1260, "2026-07-01T12:00:00Z", NEVER, NULL, 0,
    "America/Puerto_Rico" },
  /* Outside 2000-2099, where offsets come from GTimeZone directly. */
  { "America/New_York", 540, 1260, "1990-07-01T12:59:59Z", CLOSED, "1990-07-01T13:00:00Z", 0,
    NULL },
  { "America/New_York", 540, 1260, "2150-07-01T13:00:00Z", OPEN, "2150-07-02T01:00:00Z", 43200,
    NULL },
  { "America/New_York", 540, 1260, "2099-12-31T12:00:00Z", CLOSED, "2099-12-31T14:00:00Z", 0,
    NULL },
  { "America/New_York", 540, 1260, "2100-01-01T01:59:59Z", OPEN, "2100-01-01T02:00:00Z", 1,
    NULL },
  /* Ten zones (more than fit on the stack). */
  { "America/New_York&America/Chicago&America/Denver&America/Phoenix&America/Los_Angeles&"
    "America/Detroit&America/Boise&America/Indiana/Knox&America/Kentucky/Louisville&"
    "America/Menominee", 540, 1260, "2026-01-15T17:00:00Z", OPEN, "2026-01-16T02:00:00Z", 32400,
    "America/New_York" },
  { "America/New_York&America/Chicago&America/Denver&America/Phoenix&America/Los_Angeles&"
    "America/Detroit&America/Boise&America/Indiana/Knox&America/Kentucky/Louisville&"
    "America/Menominee", 540, 1260, "2026-01-15T16:59:59Z", CLOSED, "2026-01-15T17:00:00Z", 0,
    "America/Los_Angeles" },
  /* A whole-day window never closes. */
  { "America/Phoenix", 0, 1440, "2026-07-01T12:00:00Z", OPEN, NULL, -1, NULL },
  { "America/Phoenix", 0, 1439, "2026-07-02T06:58:59Z", OPEN, "2026-07-02T06:59:00Z", 1, NULL },
};

static void
test_check (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      const CheckCase *c = &check_cases[i];
      TbTextingWindow window = { c->start, c->end };
      TbTextingHoursVerdict verdict;
      g_autoptr(GError) error = NULL;
      gint64 instant = iso_to_usec (c->instant);
      gboolean ok;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s %d-%d at %s",
                      i, c->zones, c->start, c->end, c->instant);
      ok = tb_texting_hours_check (c->zones, &window, instant, &verdict, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (verdict.status, ==, c->status);
      g_assert_cmpint (verdict.instant, ==, instant);

      switch (c->status)
        {
        case TB_TEXTING_HOURS_OPEN:
          g_assert_cmpint (verdict.next_allowed, ==, 0);
          g_assert_cmpint (verdict.seconds_left, ==, c->seconds_left);
          if (c->expected != NULL)
            {
              g_autofree char *closes = usec_to_iso (verdict.closes_at);
              g_assert_cmpstr (closes, ==, c->expected);
            }
          else
            g_assert_cmpint (verdict.closes_at, ==, G_MAXINT64);
          break;

        case TB_TEXTING_HOURS_CLOSED:
          {
            g_autofree char *next = usec_to_iso (verdict.next_allowed);

            g_assert_cmpstr (next, ==, c->expected);
            g_assert_cmpint (verdict.next_allowed, >, instant);
            g_assert_cmpint (verdict.closes_at, ==, 0);
            g_assert_cmpint (verdict.seconds_left, ==, 0);
          }
          break;

        case TB_TEXTING_HOURS_NEVER:
        default:
          g_assert_cmpint (verdict.next_allowed, ==, 0);
          g_assert_cmpint (verdict.closes_at, ==, 0);
          break;
        }

      g_assert_nonnull (verdict.deciding_zone);
      if (c->zone != NULL)
        g_assert_cmpstr (verdict.deciding_zone, ==, c->zone);
    }
}

/* Walk a year minute by minute in a few zones and compare each answer with
 * the local wall clock GDateTime gives: allowed exactly when inside the
 * window, next_allowed is allowed and the second before it is not, and
 * closes_at is shut while the second before it is open. */
static void
test_check_against_wall_clock (gconstpointer data)
{
  const char *zones[] = {
    "America/New_York", "America/Phoenix", "Pacific/Honolulu", "Europe/London",
  };
  TbTextingWindow window = { 540, 1260 };
  gint64 start = iso_to_usec (data);
  gint64 step = 17 * 60 * G_USEC_PER_SEC + 13 * G_USEC_PER_SEC; /* odd, to hit all minutes */

  for (gsize z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);

      g_assert_nonnull (tz);
      for (gint64 t = start; t < start + 366 * G_TIME_SPAN_DAY; t += step)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
          int minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
          gboolean inside = minute >= window.start_minute && minute < window.end_minute;
          TbTextingHoursVerdict verdict, probe;

          g_assert_true (tb_texting_hours_check (zones[z], &window, t, &verdict, NULL));
          if (inside != (verdict.status == TB_TEXTING_HOURS_OPEN))
            g_error ("%s at %" G_GINT64_FORMAT ": wall clock %d min, verdict %d",
                     zones[z], t, minute, verdict.status);

          if (verdict.status == TB_TEXTING_HOURS_CLOSED)
            {
              gint64 opens = verdict.next_allowed;

              g_assert_true (tb_texting_hours_check (zones[z], &window, opens, &probe, NULL));
              g_assert_cmpint (probe.status, ==, TB_TEXTING_HOURS_OPEN);
              g_assert_true (tb_texting_hours_check (zones[z], &window, opens - G_USEC_PER_SEC,
                                                     &probe, NULL));
              g_assert_cmpint (probe.status, ==, TB_TEXTING_HOURS_CLOSED);
              g_assert_cmpint (verdict.next_allowed - t, <=, 13 * G_TIME_SPAN_HOUR);
            }
          else
            {
              gint64 closes = verdict.closes_at;

              g_assert_true (tb_texting_hours_check (zones[z], &window, closes, &probe, NULL));
              g_assert_cmpint (probe.status, ==, TB_TEXTING_HOURS_CLOSED);
              g_assert_true (tb_texting_hours_check (zones[z], &window, closes - G_USEC_PER_SEC,
                                                     &probe, NULL));
              g_assert_cmpint (probe.status, ==, TB_TEXTING_HOURS_OPEN);
            }
        }
    }
}

static void
test_check_invalid_window (void)
{
  const TbTextingWindow windows[] = {
    { 600, 600 }, { 700, 600 }, { -1, 600 }, { 0, 1441 }, { 1440, 1440 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      TbTextingHoursVerdict verdict;
      g_autoptr(GError) error = NULL;
      g_autoptr(TbTextingHoursReason) reason = NULL;
      gint64 instant = iso_to_usec ("2026-01-15T18:00:00Z");

      g_assert_false (tb_texting_hours_check ("America/Phoenix", &windows[i],
                                              instant, &verdict, &error));
      g_assert_error (error, TB_TEXTING_HOURS_ERROR, TB_TEXTING_HOURS_ERROR_INVALID_WINDOW);
      /* A caller that ignores the error still does not send. */
      g_assert_cmpint (verdict.status, ==, TB_TEXTING_HOURS_CLOSED);
      g_assert_cmpint (verdict.next_allowed, ==, 0);
      g_clear_error (&error);

      g_assert_false (tb_texting_window_validate (&windows[i], &error));
      g_assert_error (error, TB_TEXTING_HOURS_ERROR, TB_TEXTING_HOURS_ERROR_INVALID_WINDOW);
      g_clear_error (&error);

      reason = tb_texting_hours_explain ("America/Phoenix", &windows[i], instant, &error);
      g_assert_null (reason);
      g_assert_error (error, TB_TEXTING_HOURS_ERROR, TB_TEXTING_HOURS_ERROR_INVALID_WINDOW);
    }
}

static void
test_check_out_of_range (void)
{
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;
  TbTextingHoursVerdict verdict;

  /* A programmer error, but the verdict still says "not now". */
  g_test_expect_message ("tb-texting-hours", G_LOG_LEVEL_CRITICAL, "*MAX_SECONDS*");
  g_assert_false (tb_texting_hours_check ("America/Phoenix", &window, G_MAXINT64, &verdict, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpint (verdict.status, ==, TB_TEXTING_HOURS_CLOSED);
  g_assert_cmpint (verdict.next_allowed, ==, 0);
}

/* The composer's sentence */

typedef struct {
  const char *zones;
  int         start;
  int         end;
  const char *instant;
  const char *expected;
  const char *city;
  int         local_hour;
  int         local_minute;
} ReasonCase;

static const ReasonCase reason_cases[] = {
  { "America/Phoenix", 540, 1200, "2026-01-16T03:02:00Z", "8:02 PM in Phoenix; opens 9:00 AM",
    "Phoenix", 20, 2 },
  { "America/New_York", 540, 1260, "2026-01-15T19:15:00Z", "2:15 PM in New York; closes 9:00 PM",
    "New York", 14, 15 },
  { NULL, 540, 1260, "2026-01-15T16:30:00Z", "8:30 AM in Los Angeles; opens 9:00 AM",
    "Los Angeles", 8, 30 },
  { "America/New_York&Asia/Shanghai", 540, 1260, "2026-07-01T12:00:00Z",
    "8:00 AM in New York; opens Sun 8:00 PM", "New York", 8, 0 },
  { "America/Puerto_Rico&Asia/Shanghai", 540, 1260, "2026-07-01T12:00:00Z",
    "8:00 AM in Puerto Rico; the texting window is never open in all of this contact’s "
    "time zones", "Puerto Rico", 8, 0 },
  { "America/Phoenix", 0, 1440, "2026-07-01T12:00:00Z", "5:00 AM in Phoenix; always open",
    "Phoenix", 5, 0 },
};

static void
test_reason (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (reason_cases); i++)
    {
      const ReasonCase *c = &reason_cases[i];
      TbTextingWindow window = { c->start, c->end };
      g_autoptr(GError) error = NULL;
      g_autoptr(TbTextingHoursReason) reason = NULL;
      g_autofree char *text = NULL;

      reason = tb_texting_hours_explain (c->zones, &window, iso_to_usec (c->instant), &error);
      g_assert_no_error (error);
      g_assert_nonnull (reason);
      g_assert_cmpstr (reason->city, ==, c->city);
      g_assert_cmpint (g_date_time_get_hour (reason->local_time), ==, c->local_hour);
      g_assert_cmpint (g_date_time_get_minute (reason->local_time), ==, c->local_minute);
      g_assert_true ((reason->opens != NULL) == (reason->status == TB_TEXTING_HOURS_CLOSED));
      text = tb_texting_hours_reason_format (reason);
      g_assert_cmpstr (text, ==, c->expected);
    }
}

/* The zone cache is shared: hammer it from several threads at once. */
static gpointer
check_in_thread (gpointer data)
{
  const char *lists[] = {
    "America/Chicago&America/Denver", "Europe/London", NULL, "Asia/Tokyo",
    "Pacific/Honolulu", "America/Anchorage&America/Adak", "Mars/Base",
  };
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;
  gint64 t = iso_to_usec ("2026-03-07T00:00:00Z");

  for (int i = 0; i < 2000; i++)
    {
      TbTextingHoursVerdict verdict;
      gint64 instant = t + (gint64) i * 97 * 60 * G_USEC_PER_SEC;

      g_assert_true (tb_texting_hours_check (lists[i % G_N_ELEMENTS (lists)], &window,
                                             instant, &verdict, NULL));
      g_assert_nonnull (tb_zone_table_lookup_zip ("85001"));
    }
  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("check", check_in_thread, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Before anything loads the table: threads race to load it. */
  g_test_add_func ("/texting-hours/threads", test_threads);
  g_test_add_func ("/texting-hours/zip-lookup", test_zip_lookup);
  g_test_add_func ("/texting-hours/table-damaged", test_table_damaged);
  g_test_add_func ("/texting-hours/phone-lookup", test_phone_lookup);
  g_test_add_func ("/texting-hours/contact-zones", test_contact_zones);
  g_test_add_func ("/texting-hours/expand", test_expand);
  g_test_add_func ("/texting-hours/city", test_city);
  g_test_add_func ("/texting-hours/window-parse", test_window_parse);
  g_test_add_func ("/texting-hours/check", test_check);
  g_test_add_func ("/texting-hours/check-invalid-window", test_check_invalid_window);
  g_test_add_func ("/texting-hours/check-out-of-range", test_check_out_of_range);
  /* 2026 uses the cached offset changes, 2150 GTimeZone directly. */
  g_test_add_data_func ("/texting-hours/check-against-wall-clock/2026", "2026-01-01T00:00:00Z",
                        test_check_against_wall_clock);
  g_test_add_data_func ("/texting-hours/check-against-wall-clock/2150", "2150-01-01T00:00:00Z",
                        test_check_against_wall_clock);
  g_test_add_func ("/texting-hours/reason", test_reason);

  return g_test_run ();
}
