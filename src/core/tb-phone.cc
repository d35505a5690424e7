/* tb-phone.cc: phone numbers to E.164 through libphonenumber
 *
 * The project's only C++ file. It offers the C API in tb-phone.h and lets no
 * exception out: everything is caught and reported as an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-phone"

#include "config.h"

#include "tb-phone.h"
#include "tb-phone-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <string>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

G_DEFINE_QUARK (tb-phone-error-quark, tb_phone_error)

/* NANP numbers 555-0100 through 555-0199 are reserved for fiction in every
 * area code; libphonenumber calls them valid. */
#define FICTIONAL_FIRST 5550100u
#define FICTIONAL_LAST  5550199u

/* E.164 numbers have at most 15 digits after the "+". */
#define E164_MAX_DIGITS 15

/* Short codes (911, 311, SMS short codes) have at most this many digits. */
#define SHORT_CODE_MAX_DIGITS 6

/* What a message shows of the input: valid UTF-8 on one line, and not a
 * page long. */
static char *
describe_input (const char *input)
{
  g_autofree char *valid = g_utf8_make_valid (input, -1);
  g_autofree char *stripped = NULL;

  for (char *p = valid; *p; p++)
    if (g_ascii_iscntrl (*p))
      *p = ' ';
  stripped = g_strstrip (g_strdup (valid));

  if (g_utf8_strlen (stripped, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (stripped, 0, 40);
      return g_strdup_printf ("%s…", head);
    }
  return g_steal_pointer (&stripped);
}

static gboolean
set_reason (GError      **error,
            TbPhoneError  reason,
            const char   *input,
            const char   *region)
{
  g_autofree char *shown = describe_input (input);

  switch (reason)
    {
    case TB_PHONE_ERROR_EMPTY:
      g_set_error_literal (error, TB_PHONE_ERROR, reason, _("The phone number is empty"));
      break;
    case TB_PHONE_ERROR_NOT_A_NUMBER:
      g_set_error (error, TB_PHONE_ERROR, reason, _("“%s” is not a phone number"), shown);
      break;
    case TB_PHONE_ERROR_TOO_SHORT:
      g_set_error (error, TB_PHONE_ERROR, reason,
                   _("“%s” has too few digits for a phone number (area code missing?)"), shown);
      break;
    case TB_PHONE_ERROR_TOO_LONG:
      g_set_error (error, TB_PHONE_ERROR, reason, _("“%s” has too many digits for a phone number"), shown);
      break;
    case TB_PHONE_ERROR_INVALID:
      g_set_error (error, TB_PHONE_ERROR, reason,
                   _("“%s” is not a valid phone number (checked as a number in %s unless it starts with +)"),
                   shown, region);
      break;
    case TB_PHONE_ERROR_SHORT_CODE:
      g_set_error (error, TB_PHONE_ERROR, reason, _("“%s” is a short code, not a phone number"), shown);
      break;
    case TB_PHONE_ERROR_FICTIONAL:
      g_set_error (error, TB_PHONE_ERROR, reason,
                   _("“%s” is in the fictional range 555-0100 to 555-0199"), shown);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Nothing a number could be made of: only spaces and punctuation. */
static gboolean
is_blank (const char *input)
{
  for (const char *p = input; *p; p++)
    if (g_ascii_isalnum (*p) || ((guchar) *p & 0x80) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
has_leading_plus (const char *input)
{
  while (g_ascii_isspace (*input) || *input == '(')
    input++;
  return *input == '+' || g_str_has_prefix (input, "\xef\xbc\x8b"); /* fullwidth + */
}

static guint
count_digits (guint64 value)
{
  guint n = 1;

  while (value >= 10)
    {
      value /= 10;
      n++;
    }
  return n;
}

static gboolean
is_fictional (guint64 national_number)
{
  guint64 local = national_number % 10000000u;

  return local >= FICTIONAL_FIRST && local <= FICTIONAL_LAST;
}

/* The national number of a plainly written NANP number: ASCII digits with
 * spaces, dashes, dots and parentheses, an optional "+" just before the first
 * digit, and 10 digits (or 11 with a leading 1, which a "+" requires). Area
 * codes start with 2-9. Returns 0 for anything else. For such input
 * libphonenumber's Parse() gives country code 1 and these ten digits, so we
 * skip it: it costs ~9 µs a number. */
static guint64
plain_nanp_number (const char *input,
                   gboolean    region_is_nanp)
{
  guint64 digits = 0;
  guint n_digits = 0;
  gboolean plus = FALSE;

  for (const char *p = input; *p; p++)
    {
      char c = *p;

      if (c >= '0' && c <= '9')
        {
          if (++n_digits > 11)
            return 0;
          digits = digits * 10 + (guint64) (c - '0');
        }
      else if (c == '+' && n_digits == 0 && !plus && p[1] >= '0' && p[1] <= '9')
        plus = TRUE;
      else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')')
        return 0;
    }

  if (n_digits == 11)
    {
      if (digits / 10000000000u != 1)
        return 0;
      digits %= 10000000000u;
    }
  else if (n_digits != 10 || plus)
    return 0;  /* "+5124630123" is country code 51 */

  if (!plus && !region_is_nanp)
    return 0;
  if (digits < 2000000000u)
    return 0;
  return digits;
}

typedef enum {
  PLAIN_UNDECIDED,   /* the full path decides */
  PLAIN_VALID,
  PLAIN_FICTIONAL,   /* valid, but in the fictional range */
} PlainResult;

/* The fast path for plain NANP numbers. PLAIN_UNDECIDED when it cannot
 * decide (or the number is bad in another way): the full path then says
 * why. A number valid for one NANP region is valid (IsValidNumber asks the
 * region it belongs to), and the full path then refuses it only as
 * fictional, so the fast path says that too. Validity is kept per first
 * six digits where tb-phone-prefix.cc proved that exact. */
static PlainResult
check_plain_nanp (const PhoneNumberUtil *util,
                  const char            *input,
                  const char            *region,
                  guint64               *national_out)
{
  gboolean region_is_nanp = util->IsNANPACountry (region);
  const char *check_region = region_is_nanp ? region : "US";
  guint64 national = plain_nanp_number (input, region_is_nanp);
  PhoneNumber number;
  int known;
  bool valid;

  if (national == 0)
    return PLAIN_UNDECIDED;

  known = tb_phone_prefix_lookup (check_region, national);
  if (known >= 0)
    valid = known == 1;
  else
    {
      number.set_country_code (1);
      number.set_national_number (national);
      valid = util->IsValidNumberForRegion (number, check_region);
      tb_phone_prefix_store (check_region, national, valid);
    }
  if (!valid)
    return PLAIN_UNDECIDED;

  *national_out = national;
  return is_fictional (national) ? PLAIN_FICTIONAL : PLAIN_VALID;
}

static char *
normalize (const char      *input,
           const char      *region,
           TbPhoneFlags     flags,
           gboolean         fast,
           TbPhoneWarnings *warnings,
           GError         **error)
{
  const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance ();
  PhoneNumber number;
  PhoneNumberUtil::ErrorType parse_error;
  std::string e164;
  guint64 national = 0;

  if (is_blank (input))
    return set_reason (error, TB_PHONE_ERROR_EMPTY, input, region), nullptr;
  if (strlen (input) > TB_PHONE_MAX_INPUT_LENGTH)
    return set_reason (error, TB_PHONE_ERROR_TOO_LONG, input, region), nullptr;
  if (!g_utf8_validate (input, -1, NULL))
    return set_reason (error, TB_PHONE_ERROR_NOT_A_NUMBER, input, region), nullptr;

  if (fast)
    switch (check_plain_nanp (util, input, region, &national))
      {
      case PLAIN_VALID:
        return g_strdup_printf ("+1%" G_GUINT64_FORMAT, national);
      case PLAIN_FICTIONAL:
        if ((flags & TB_PHONE_ALLOW_FICTIONAL) != 0)
          return g_strdup_printf ("+1%" G_GUINT64_FORMAT, national);
        return set_reason (error, TB_PHONE_ERROR_FICTIONAL, input, region), nullptr;
      case PLAIN_UNDECIDED:
      default:
        break;
      }

  parse_error = util->Parse (input, region, &number);
  switch (parse_error)
    {
    case PhoneNumberUtil::NO_PARSING_ERROR:
      break;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return set_reason (error, TB_PHONE_ERROR_TOO_SHORT, input, region), nullptr;
    case PhoneNumberUtil::TOO_LONG_NSN:
      return set_reason (error, TB_PHONE_ERROR_TOO_LONG, input, region), nullptr;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
    case PhoneNumberUtil::NOT_A_NUMBER:
    default:
      return set_reason (error, TB_PHONE_ERROR_NOT_A_NUMBER, input, region), nullptr;
    }

  if (number.has_extension () && !number.extension ().empty ())
    *warnings = (TbPhoneWarnings) (*warnings | TB_PHONE_WARNING_EXTENSION_DROPPED);

  if (!util->IsValidNumber (number))
    {
      guint n_digits = count_digits (number.national_number ());

      if (n_digits <= SHORT_CODE_MAX_DIGITS && !has_leading_plus (input))
        return set_reason (error, TB_PHONE_ERROR_SHORT_CODE, input, region), nullptr;

      switch (util->IsPossibleNumberWithReason (number))
        {
        case PhoneNumberUtil::TOO_SHORT:
        case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
          return set_reason (error, TB_PHONE_ERROR_TOO_SHORT, input, region), nullptr;
        case PhoneNumberUtil::TOO_LONG:
          return set_reason (error, TB_PHONE_ERROR_TOO_LONG, input, region), nullptr;
        case PhoneNumberUtil::INVALID_COUNTRY_CODE:
          return set_reason (error, TB_PHONE_ERROR_NOT_A_NUMBER, input, region), nullptr;
        case PhoneNumberUtil::IS_POSSIBLE:
        case PhoneNumberUtil::INVALID_LENGTH:
        default:
          return set_reason (error, TB_PHONE_ERROR_INVALID, input, region), nullptr;
        }
    }

  number.clear_extension ();
  util->Format (number, PhoneNumberUtil::E164, &e164);

  /* Some E.164 forms parse back to another number: Mexico's old mobile "1"
   * (+52 1 …) is dropped when "+521…" is read again. Settle on the form
   * that reads back as itself, so one person has one key. Found by
   * fuzz-phone. */
  for (int i = 0; i < 3; i++)
    {
      PhoneNumber again;
      std::string again_e164;

      if (util->Parse (e164, "ZZ", &again) != PhoneNumberUtil::NO_PARSING_ERROR ||
          !util->IsValidNumber (again))
        break;
      util->Format (again, PhoneNumberUtil::E164, &again_e164);
      if (again_e164 == e164)
        break;
      number = again;
      e164 = again_e164;
    }

  if (number.country_code () == 1 && (flags & TB_PHONE_ALLOW_FICTIONAL) == 0 &&
      is_fictional (number.national_number ()))
    return set_reason (error, TB_PHONE_ERROR_FICTIONAL, input, region), nullptr;

  /* libphonenumber accepts some German numbers of 16 and 17 digits, but
   * E.164 (and so every SMS provider) stops at 15. Found by fuzz-phone. */
  if (e164.size () > 1 + E164_MAX_DIGITS)
    return set_reason (error, TB_PHONE_ERROR_TOO_LONG, input, region), nullptr;

  return g_strdup (e164.c_str ());
}

const char *
tb_phone_reason_to_string (TbPhoneError reason)
{
  switch (reason)
    {
    case TB_PHONE_ERROR_EMPTY: return "empty";
    case TB_PHONE_ERROR_NOT_A_NUMBER: return "not_a_number";
    case TB_PHONE_ERROR_TOO_SHORT: return "too_short";
    case TB_PHONE_ERROR_TOO_LONG: return "too_long";
    case TB_PHONE_ERROR_INVALID: return "invalid";
    case TB_PHONE_ERROR_SHORT_CODE: return "short_code";
    case TB_PHONE_ERROR_FICTIONAL: return "fictional";
    default: return "unknown";
    }
}

static char *
normalize_guarded (const char      *input,
                   const char      *default_region,
                   TbPhoneFlags     flags,
                   gboolean         fast,
                   TbPhoneWarnings *warnings_out,
                   GError         **error)
{
  TbPhoneWarnings warnings = TB_PHONE_WARNING_NONE;
  g_autofree char *region = g_ascii_strup (default_region ? default_region : TB_PHONE_DEFAULT_REGION, -1);
  char *result = nullptr;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings_out != nullptr)
    *warnings_out = TB_PHONE_WARNING_NONE;
  if (input == nullptr)
    input = "";

  try
    {
      result = normalize (input, region, flags, fast, &warnings, error);
    }
  catch (...)
    {
      g_clear_error (error);
      set_reason (error, TB_PHONE_ERROR_NOT_A_NUMBER, input, region);
      return nullptr;
    }

  if (result != nullptr && warnings_out != nullptr)
    *warnings_out = warnings;
  return result;
}

char *
tb_phone_normalize (const char      *input,
                    const char      *default_region,
                    TbPhoneFlags     flags,
                    TbPhoneWarnings *warnings_out,
                    GError         **error)
{
  return normalize_guarded (input, default_region, flags, TRUE, warnings_out, error);
}

char *
tb_phone_normalize_without_fast_path (const char      *input,
                                      const char      *default_region,
                                      TbPhoneFlags     flags,
                                      TbPhoneWarnings *warnings_out,
                                      GError         **error)
{
  return normalize_guarded (input, default_region, flags, FALSE, warnings_out, error);
}

gboolean
tb_phone_is_known_region (const char *region)
{
  if (region == nullptr || strlen (region) != 2)
    return FALSE;

  try
    {
      g_autofree char *upper = g_ascii_strup (region, -1);
      return PhoneNumberUtil::GetInstance ()->GetCountryCodeForRegion (upper) != 0;
    }
  catch (...)
    {
      return FALSE;
    }
}

char *
tb_phone_format_for_display (const char *e164,
                             const char *region)
{
  g_return_val_if_fail (e164 != NULL, NULL);

  try
    {
      const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance ();
      g_autofree char *upper = g_ascii_strup (region ? region : TB_PHONE_DEFAULT_REGION, -1);
      PhoneNumber number;
      std::string number_region;
      std::string formatted;

      if (!g_utf8_validate (e164, -1, NULL) ||
          util->Parse (e164, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return g_strdup (e164);

      util->GetRegionCodeForNumber (number, &number_region);
      util->Format (number,
                    number_region == upper ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL,
                    &formatted);
      return g_strdup (formatted.c_str ());
    }
  catch (...)
    {
      return g_strdup (e164);
    }
}

guint64
tb_phone_e164_to_key (const char *e164)
{
  guint64 key = 0;
  guint n = 0;

  if (e164 == nullptr || e164[0] != '+' || e164[1] < '1' || e164[1] > '9')
    return 0;

  for (const char *p = e164 + 1; *p; p++)
    {
      if (*p < '0' || *p > '9' || ++n > E164_MAX_DIGITS)
        return 0;
      key = key * 10 + (guint64) (*p - '0');
    }
  return key;
}
