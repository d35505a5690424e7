/* tb-session-private.h: what tb-session.c and tb-session-access.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-session.h"

G_BEGIN_DECLS

/* tb_session_sign_in() after the texter's PIN was verified. */
gboolean tb_session_sign_in_pin_checked (TbSession  *self,
                                         gint64      texter_id,
                                         GError    **error);

G_END_DECLS
