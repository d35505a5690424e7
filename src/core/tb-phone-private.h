/* tb-phone-private.h: for tests and fuzzing only
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

G_END_DECLS
