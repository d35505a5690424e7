/* test-phone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-phone.h"
#include "tb-phone-private.h"

#include <string.h>

#define OK (-1)  /* expected code for an accepted number */

typedef struct {
  const char      *input;
  const char      *region;    /* NULL: the default */
  TbPhoneFlags     flags;
  const char      *e164;      /* NULL when refused */
  int              reason;    /* OK or a TbPhoneError */
  TbPhoneWarnings  warnings;
} PhoneCase;

static const PhoneCase cases[] = {
  /* The ways people write a US number. */
  { "(512) 463-0123", NULL, 0, "+15124630123", OK, 0 },
  { "512-463-0123", NULL, 0, "+15124630123", OK, 0 },
  { "512.463.0123", NULL, 0, "+15124630123", OK, 0 },
  { "512 463 0123", NULL, 0, "+15124630123", OK, 0 },
  { "5124630123", NULL, 0, "+15124630123", OK, 0 },
  { "  5124630123  ", NULL, 0, "+15124630123", OK, 0 },
  { "1-512-463-0123", NULL, 0, "+15124630123", OK, 0 },
  { "1 (512) 463-0123", NULL, 0, "+15124630123", OK, 0 },
  { "15124630123", NULL, 0, "+15124630123", OK, 0 },
  { "+1 512 463 0123", NULL, 0, "+15124630123", OK, 0 },
  { "+1 (512) 463-0123", NULL, 0, "+15124630123", OK, 0 },
  { "+15124630123", NULL, 0, "+15124630123", OK, 0 },
  { "+15124630123", "GB", 0, "+15124630123", OK, 0 },
  { "tel:+1-512-463-0123", NULL, 0, "+15124630123", OK, 0 },
  { "(212) 736-5000", "us", 0, "+12127365000", OK, 0 },
  { "\xef\xbc\x95\xef\xbc\x91\xef\xbc\x92 463 0123", NULL, 0, "+15124630123", OK, 0 }, /* fullwidth digits */
  /* Vanity letters. */
  { "1-800-FLOWERS", NULL, 0, "+18003569377", OK, 0 },
  /* Extensions are dropped with a warning. */
  { "512-463-0123 x123", NULL, 0, "+15124630123", OK, TB_PHONE_WARNING_EXTENSION_DROPPED },
  { "512-463-0123 ext. 5", NULL, 0, "+15124630123", OK, TB_PHONE_WARNING_EXTENSION_DROPPED },
  { "(512) 463-0123 extension 42", NULL, 0, "+15124630123", OK, TB_PHONE_WARNING_EXTENSION_DROPPED },
  /* International. */
  { "+44 20 7946 0958", NULL, 0, "+442079460958", OK, 0 },
  { "020 7946 0958", "GB", 0, "+442079460958", OK, 0 },
  { "+52 55 5555 1234", NULL, 0, "+525555551234", OK, 0 },
  { "011 44 20 7946 0958", NULL, 0, "+442079460958", OK, 0 },
  /* Mexico's old mobile "1" is dropped, whichever way it is written, so the
   * result reads back as itself (found by fuzz-phone). */
  { "114312ES0SOR", "MX", 0, "+524312370767", OK, 0 },
  { "+52 1 431 237 0767", NULL, 0, "+524312370767", OK, 0 },
  { "044 431 237 0767", "MX", 0, "+524312370767", OK, 0 },
  { "431 237 0767", "MX", 0, "+524312370767", OK, 0 },
  /* The fictional range, and its edges. */
  { "512-555-0099", NULL, 0, "+15125550099", OK, 0 },
  { "512-555-0100", NULL, 0, NULL, TB_PHONE_ERROR_FICTIONAL, 0 },
  { "512-555-0123", NULL, 0, NULL, TB_PHONE_ERROR_FICTIONAL, 0 },
  { "+1 512 555 0199", NULL, 0, NULL, TB_PHONE_ERROR_FICTIONAL, 0 },
  { "512-555-0200", NULL, 0, "+15125550200", OK, 0 },
  { "512-555-0123", NULL, TB_PHONE_ALLOW_FICTIONAL, "+15125550123", OK, 0 },
  { "512-555-0199", NULL, TB_PHONE_ALLOW_FICTIONAL, "+15125550199", OK, 0 },
  /* Forms at the edge of the fast path. */
  { "+5124630123", NULL, 0, NULL, TB_PHONE_ERROR_INVALID, 0 },
  { "+1 (512) 463-0123", "GB", 0, "+15124630123", OK, 0 },
  { "15124630123", "GB", 0, NULL, TB_PHONE_ERROR_TOO_LONG, 0 },
  { "5124630123", "CA", 0, "+15124630123", OK, 0 },
  { "(416) 555-0234", "CA", 0, "+14165550234", OK, 0 },
  { "416-555-0234", NULL, 0, "+14165550234", OK, 0 },
  { "25124630123", NULL, 0, NULL, TB_PHONE_ERROR_TOO_LONG, 0 },
  { "1 1 512 463 0123", NULL, 0, "+15124630123", OK, 0 },  /* libphonenumber's call */
  { "((512)) 463--0123..", NULL, 0, "+15124630123", OK, 0 },
  { "512+4630123", NULL, 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
  { "++15124630123", NULL, 0, "+15124630123", OK, 0 },
  { "+ 1 512 463 0123", NULL, 0, "+15124630123", OK, 0 },
  { "(800) 463-0123", NULL, 0, "+18004630123", OK, 0 },
  { "(900) 463-0123", NULL, 0, "+19004630123", OK, 0 },
  /* Outside NANP 555-01XX is nothing special. */
  { "+44 20 5550 1000", NULL, 0, NULL, TB_PHONE_ERROR_INVALID, 0 },
  /* Short codes. */
  { "911", NULL, 0, NULL, TB_PHONE_ERROR_SHORT_CODE, 0 },
  { "311", NULL, 0, NULL, TB_PHONE_ERROR_SHORT_CODE, 0 },
  { "22333", NULL, 0, NULL, TB_PHONE_ERROR_SHORT_CODE, 0 },
  { "888222", NULL, 0, NULL, TB_PHONE_ERROR_SHORT_CODE, 0 },
  { "999", "GB", 0, NULL, TB_PHONE_ERROR_SHORT_CODE, 0 },
  /* Wrong lengths. */
  { "463-0123", NULL, 0, NULL, TB_PHONE_ERROR_TOO_SHORT, 0 },
  { "+1 911", NULL, 0, NULL, TB_PHONE_ERROR_TOO_SHORT, 0 },
  { "512-463-01234", NULL, 0, NULL, TB_PHONE_ERROR_TOO_LONG, 0 },
  { "1234567890123456789", NULL, 0, NULL, TB_PHONE_ERROR_TOO_LONG, 0 },
  /* libphonenumber takes these German numbers, but E.164 ends at 15 digits
   * (found by fuzz-phone). */
  { "08007769307767", "DE", 0, "+498007769307767", OK, 0 },
  { "-800SSOWE0SSORS", "DE", 0, NULL, TB_PHONE_ERROR_TOO_LONG, 0 },
  { "+49 8007 76930 77677", NULL, 0, NULL, TB_PHONE_ERROR_TOO_LONG, 0 },
  /* Right length, no such number: area codes cannot start with 0 or 1. */
  { "(012) 463-0123", NULL, 0, NULL, TB_PHONE_ERROR_INVALID, 0 },
  { "(123) 463-0123", NULL, 0, NULL, TB_PHONE_ERROR_INVALID, 0 },
  { "(512) 063-0123", NULL, 0, NULL, TB_PHONE_ERROR_INVALID, 0 },
  /* Nothing, or not a number. */
  { "", NULL, 0, NULL, TB_PHONE_ERROR_EMPTY, 0 },
  { "   ", NULL, 0, NULL, TB_PHONE_ERROR_EMPTY, 0 },
  { "() - .", NULL, 0, NULL, TB_PHONE_ERROR_EMPTY, 0 },
  { "n/a", NULL, 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
  { "hello", NULL, 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
  { "john@example.com", NULL, 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
  { "+999 1234 5678", NULL, 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
  { "5124630123", "XX", 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
  { "\xff\xfe" "5124630123", NULL, 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
  { "512\xc3" "4630123", NULL, 0, NULL, TB_PHONE_ERROR_NOT_A_NUMBER, 0 },
};

static void
test_phone_table (void)
{
  guint failures = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PhoneCase *c = &cases[i];
      g_autoptr(GError) error = NULL;
      TbPhoneWarnings warnings = 42;
      g_autofree char *e164 = tb_phone_normalize (c->input, c->region, c->flags, &warnings, &error);
      g_autoptr(GError) slow_error = NULL;
      TbPhoneWarnings slow_warnings = 42;
      g_autofree char *slow = tb_phone_normalize_without_fast_path (c->input, c->region, c->flags,
                                                                    &slow_warnings, &slow_error);

      /* The fast path for plain NANP numbers agrees with libphonenumber. */
      g_assert_cmpstr (e164, ==, slow);
      g_assert_cmpint (warnings, ==, slow_warnings);
      if (error != NULL)
        g_assert_error (slow_error, error->domain, error->code);

      if (c->reason == OK ? g_strcmp0 (e164, c->e164) != 0
                          : (error == NULL || error->code != c->reason))
        {
          g_test_message ("case %" G_GSIZE_FORMAT " “%s” (%s): got %s, expected %s",
                          i, c->input, c->region ? c->region : "default",
                          e164 ? e164 : tb_phone_reason_to_string (error->code),
                          c->reason == OK ? c->e164 : tb_phone_reason_to_string (c->reason));
          failures++;
          continue;
        }

      if (c->reason == OK)
        {
          if (e164 == NULL)
            g_error ("case %" G_GSIZE_FORMAT " “%s”: refused (%s), expected %s",
                     i, c->input, error->message, c->e164);
          g_assert_no_error (error);
          g_assert_cmpstr (e164, ==, c->e164);

          /* The E.164 form is a fixed point. */
          {
            g_autofree char *again = tb_phone_normalize (e164, c->region, TB_PHONE_ALLOW_FICTIONAL, NULL, NULL);
            g_assert_cmpstr (again, ==, e164);
          }
          if (warnings != c->warnings)
            g_error ("case %" G_GSIZE_FORMAT " “%s”: warnings %d, expected %d",
                     i, c->input, warnings, c->warnings);
        }
      else
        {
          if (e164 != NULL)
            g_error ("case %" G_GSIZE_FORMAT " “%s”: accepted as %s, expected %s",
                     i, c->input, e164, tb_phone_reason_to_string (c->reason));
          g_assert_nonnull (error);
          g_assert_true (error->domain == TB_PHONE_ERROR);
          if (error->code != c->reason)
            g_error ("case %" G_GSIZE_FORMAT " “%s”: refused as %s (%s), expected %s",
                     i, c->input, tb_phone_reason_to_string (error->code), error->message,
                     tb_phone_reason_to_string (c->reason));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_cmpint (warnings, ==, TB_PHONE_WARNING_NONE);
        }
    }
  g_assert_cmpuint (failures, ==, 0);
}

/* The message names the input, so a person can find it. */
static void
test_phone_message_names_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = tb_phone_normalize ("512-555-0150", NULL, 0, NULL, &error);

  g_assert_null (e164);
  g_assert_error (error, TB_PHONE_ERROR, TB_PHONE_ERROR_FICTIONAL);
  g_assert_nonnull (strstr (error->message, "512-555-0150"));
}

static void
test_phone_long_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *longest = g_strnfill (TB_PHONE_MAX_INPUT_LENGTH, '5');
  g_autofree char *huge = g_strnfill (1024 * 1024, '5');
  g_autofree char *padded = g_strdup_printf ("%*s", TB_PHONE_MAX_INPUT_LENGTH, "5124630123");
  g_autofree char *e164 = NULL;

  e164 = tb_phone_normalize (huge, NULL, 0, NULL, &error);
  g_assert_null (e164);
  g_assert_error (error, TB_PHONE_ERROR, TB_PHONE_ERROR_TOO_LONG);
  /* The message does not carry a megabyte of digits. */
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_clear_error (&error);

  e164 = tb_phone_normalize (longest, NULL, 0, NULL, &error);
  g_assert_null (e164);
  g_assert_error (error, TB_PHONE_ERROR, TB_PHONE_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* Within the limit, spaces and all. */
  e164 = tb_phone_normalize (padded, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e164, ==, "+15124630123");
}

static void
test_phone_null_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = tb_phone_normalize (NULL, NULL, 0, NULL, &error);

  g_assert_null (e164);
  g_assert_error (error, TB_PHONE_ERROR, TB_PHONE_ERROR_EMPTY);
}

static void
test_phone_reason_names (void)
{
  static const struct { TbPhoneError reason; const char *name; } names[] = {
    { TB_PHONE_ERROR_EMPTY, "empty" },
    { TB_PHONE_ERROR_NOT_A_NUMBER, "not_a_number" },
    { TB_PHONE_ERROR_TOO_SHORT, "too_short" },
    { TB_PHONE_ERROR_TOO_LONG, "too_long" },
    { TB_PHONE_ERROR_INVALID, "invalid" },
    { TB_PHONE_ERROR_SHORT_CODE, "short_code" },
    { TB_PHONE_ERROR_FICTIONAL, "fictional" },
    { 99, "unknown" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (tb_phone_reason_to_string (names[i].reason), ==, names[i].name);
}

static void
test_phone_regions (void)
{
  g_assert_true (tb_phone_is_known_region ("US"));
  g_assert_true (tb_phone_is_known_region ("gb"));
  g_assert_true (tb_phone_is_known_region ("MX"));
  g_assert_false (tb_phone_is_known_region ("XX"));
  g_assert_false (tb_phone_is_known_region ("USA"));
  g_assert_false (tb_phone_is_known_region (""));
  g_assert_false (tb_phone_is_known_region (NULL));
}

static void
test_phone_display (void)
{
  static const struct { const char *e164, *region, *shown; } display[] = {
    { "+15124630123", "US", "(512) 463-0123" },
    { "+15124630123", NULL, "(512) 463-0123" },
    { "+15124630123", "GB", "+1 512-463-0123" },
    { "+442079460958", "US", "+44 20 7946 0958" },
    { "+442079460958", "GB", "020 7946 0958" },
    { "not a number", "US", "not a number" },
    { "\xff", "US", "\xff" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (display); i++)
    {
      g_autofree char *shown = tb_phone_format_for_display (display[i].e164, display[i].region);
      g_assert_cmpstr (shown, ==, display[i].shown);
    }
}

static void
test_phone_keys (void)
{
  static const struct { const char *e164; guint64 key; } keys[] = {
    { "+15124630123", G_GUINT64_CONSTANT (15124630123) },
    { "+442079460958", G_GUINT64_CONSTANT (442079460958) },
    { "+999999999999999", G_GUINT64_CONSTANT (999999999999999) },
    { "+1", 1 },
    { "+1234567890123456", 0 },  /* 16 digits */
    { "+0123", 0 },
    { "+", 0 },
    { "15124630123", 0 },
    { "+1512463012a", 0 },
    { "", 0 },
    { NULL, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpuint (tb_phone_e164_to_key (keys[i].e164), ==, keys[i].key);
}

/* Imports normalise from a worker thread while the UI does too. */
static gpointer
normalize_many (gpointer data)
{
  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *input = g_strdup_printf ("(512) 463-%04d", i);
      g_autofree char *expected = g_strdup_printf ("+1512463%04d", i);
      g_autofree char *e164 = tb_phone_normalize (input, "US", 0, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (e164, ==, expected);
    }
  return NULL;
}

static void
test_phone_threads (void)
{
  GThread *threads[4];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("normalize", normalize_many, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First, so the threads race to create libphonenumber's singleton. */
  g_test_add_func ("/phone/threads", test_phone_threads);
  g_test_add_func ("/phone/table", test_phone_table);
  g_test_add_func ("/phone/message-names-input", test_phone_message_names_input);
  g_test_add_func ("/phone/long-input", test_phone_long_input);
  g_test_add_func ("/phone/null-input", test_phone_null_input);
  g_test_add_func ("/phone/reason-names", test_phone_reason_names);
  g_test_add_func ("/phone/regions", test_phone_regions);
  g_test_add_func ("/phone/display", test_phone_display);
  g_test_add_func ("/phone/keys", test_phone_keys);

  return g_test_run ();
}
