/* tb-phone.h: phone numbers to E.164, with the reason when one is refused
 *
 * A C API over libphonenumber (tb-phone.cc is the project's only C++ file).
 * Every function is thread-safe: imports call them from a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The region used for numbers written without a country code when the
 * setting says nothing else. */
#define TB_PHONE_DEFAULT_REGION "US"

/* The longest input we try to parse (libphonenumber's own limit). */
#define TB_PHONE_MAX_INPUT_LENGTH 250

#define TB_PHONE_ERROR (tb_phone_error_quark ())

/* The error codes are the reasons a number is refused. Never renumber: the
 * import report stores them. */
typedef enum {
  TB_PHONE_ERROR_EMPTY = 0,        /* nothing but spaces and punctuation */
  TB_PHONE_ERROR_NOT_A_NUMBER = 1, /* cannot be read as a phone number */
  TB_PHONE_ERROR_TOO_SHORT = 2,    /* too few digits for its country */
  TB_PHONE_ERROR_TOO_LONG = 3,     /* too many digits, or an absurdly long input */
  TB_PHONE_ERROR_INVALID = 4,      /* right shape, but no such number (IsValidNumber) */
  TB_PHONE_ERROR_SHORT_CODE = 5,   /* 911, 311, 5-6 digit SMS short codes */
  TB_PHONE_ERROR_FICTIONAL = 6,    /* NANP 555-0100..555-0199, reserved for fiction */
} TbPhoneError;

typedef enum {
  TB_PHONE_FLAGS_NONE = 0,
  /* Accept the fictional 555-01XX range (the demo campaign uses it). */
  TB_PHONE_ALLOW_FICTIONAL = 1 << 0,
} TbPhoneFlags;

typedef enum {
  TB_PHONE_WARNING_NONE = 0,
  /* The input had an extension ("x123"); E.164 cannot carry it. */
  TB_PHONE_WARNING_EXTENSION_DROPPED = 1 << 0,
} TbPhoneWarnings;

GQuark       tb_phone_error_quark      (void);

/* The stable name of a reason, used in JSON and logs: "empty",
 * "not_a_number", "too_short", "too_long", "invalid", "short_code",
 * "fictional". Never NULL ("unknown" for a value out of range). */
const char  *tb_phone_reason_to_string (TbPhoneError     reason);

/* Normalises input to E.164 ("+15125550123"). default_region is an ISO 3166
 * code ("US"), used when the input has no "+" country code; NULL means
 * TB_PHONE_DEFAULT_REGION. Returns NULL and sets a TB_PHONE_ERROR whose
 * message names the input when the number is refused. Input that is not
 * valid UTF-8 is refused as not_a_number. warnings_out may be NULL. */
char        *tb_phone_normalize        (const char      *input,
                                        const char      *default_region,
                                        TbPhoneFlags     flags,
                                        TbPhoneWarnings *warnings_out,
                                        GError         **error);

/* TRUE when region is a two-letter region libphonenumber knows ("US", "GB"):
 * for checking the setting. */
gboolean     tb_phone_is_known_region  (const char      *region);

/* An E.164 number for people: national format when it belongs to region
 * ("(512) 555-0123"), international otherwise ("+44 20 7946 0958").
 * Returns a copy of e164 when it cannot be parsed. */
char        *tb_phone_format_for_display (const char    *e164,
                                          const char    *region);

/* A compact key for an E.164 string: its digits as an integer (at most 15
 * digits, so it fits). Two E.164 strings are equal exactly when their keys
 * are. Returns 0 for anything that is not "+" and 1 to 15 digits. For
 * dedupe sets of millions of numbers. */
guint64      tb_phone_e164_to_key      (const char      *e164);

G_END_DECLS
