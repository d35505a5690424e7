/* tb-sign-in-page.h: "Who is texting?": pick or add a texter before anything can be sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-session.h"

G_BEGIN_DECLS

#define TB_TYPE_SIGN_IN_PAGE (tb_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (TbSignInPage, tb_sign_in_page, TB, SIGN_IN_PAGE, GtkWidget)

TbSignInPage *tb_sign_in_page_new          (void);
void          tb_sign_in_page_set_session  (TbSignInPage *self,
                                            TbSession    *session);
/* Puts the keyboard focus on the first texter, or on the name entry. */
void          tb_sign_in_page_focus        (TbSignInPage *self);
/* Re-reads the list of texters. */
void          tb_sign_in_page_reload       (TbSignInPage *self);
/* Signs in as a listed texter, or adds the name first (what the rows and
 * the entry do). FALSE with the reason shown on the page and in error. */
gboolean      tb_sign_in_page_sign_in_name (TbSignInPage *self,
                                            const char   *name,
                                            GError      **error);

G_END_DECLS
