/* tb-phone-private.h: inside src/core's phone code, and for tests and fuzzing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-phone.h"

G_BEGIN_DECLS

/* tb_phone_normalize() always through libphonenumber's Parse(), skipping
 * the fast path for plainly written NANP numbers: the two must agree. */
char *tb_phone_normalize_without_fast_path (const char      *input,
                                            const char      *default_region,
                                            TbPhoneFlags     flags,
                                            TbPhoneWarnings *warnings_out,
                                            GError         **error);

/* tb-phone-prefix.cc: whether every n_digits-digit string is accepted or
 * refused by pattern (libphonenumber's regex syntax) as its first n_prefix
 * digits say. FALSE when it is not so, or the pattern uses syntax the check
 * does not read. */
gboolean tb_phone_pattern_is_decided_by_prefix (const char *pattern,
                                                guint       n_prefix,
                                                guint       n_digits);
/* Whether every pattern of a NANP region's metadata is decided by a
 * 10-digit number's first six digits (so its validity can be cached). */
gboolean tb_phone_region_is_decided_by_prefix  (const char *region);
/* The kept validity for region of a 10-digit NANP national number, by its
 * first six digits: 1 valid, 0 invalid, -1 not known (or not decided). */
int      tb_phone_prefix_lookup                (const char *region,
                                                guint64     national_number);
void     tb_phone_prefix_store                 (const char *region,
                                                guint64     national_number,
                                                gboolean    valid);

G_END_DECLS
