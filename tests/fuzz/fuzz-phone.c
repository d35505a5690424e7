/* fuzz-phone.c: libFuzzer target for tb_phone_normalize()
 *
 * Beyond "no crash": the fast path and libphonenumber's full path agree,
 * and an accepted number is a fixed point (normalising its E.164 form
 * gives it back) with a non-zero dedupe key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "tb-phone.h"
#include "tb-phone-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char * const regions[] = { "US", "CA", "GB", "MX", "BS", "DE", "XX" };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = NULL;
  g_autofree char *fast = NULL;
  g_autofree char *full = NULL;
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) full_error = NULL;
  TbPhoneWarnings fast_warnings = 0;
  TbPhoneWarnings full_warnings = 0;
  const char *region;
  TbPhoneFlags flags;

  if (size < 1)
    return 0;

  /* The first byte picks the region and the flags; the rest is the input. */
  region = regions[(data[0] & 0x7f) % G_N_ELEMENTS (regions)];
  flags = (data[0] & 0x80) ? TB_PHONE_ALLOW_FICTIONAL : TB_PHONE_FLAGS_NONE;
  input = g_strndup ((const char *) data + 1, size - 1);

  fast = tb_phone_normalize (input, region, flags, &fast_warnings, &fast_error);
  full = tb_phone_normalize_without_fast_path (input, region, flags, &full_warnings, &full_error);

  g_assert_cmpstr (fast, ==, full);
  g_assert_cmpint (fast_warnings, ==, full_warnings);
  g_assert_true ((fast == NULL) == (fast_error != NULL));
  if (fast_error != NULL)
    {
      g_assert_error (full_error, TB_PHONE_ERROR, fast_error->code);
      g_assert_true (g_utf8_validate (fast_error->message, -1, NULL));
      g_assert_cmpstr (tb_phone_reason_to_string (fast_error->code), !=, "unknown");
    }
  else
    {
      g_autoptr(GError) again_error = NULL;
      g_autofree char *again = tb_phone_normalize (fast, region, TB_PHONE_ALLOW_FICTIONAL, NULL, &again_error);
      g_autofree char *shown = tb_phone_format_for_display (fast, region);

      g_assert_no_error (again_error);
      g_assert_cmpstr (again, ==, fast);
      g_assert_cmpuint (tb_phone_e164_to_key (fast), !=, 0);
      g_assert_nonnull (shown);
    }

  /* Never crashes, whatever it is handed. */
  g_free (tb_phone_format_for_display (input, region));
  (void) tb_phone_e164_to_key (input);
  (void) tb_phone_is_known_region (input);
  return 0;
}
