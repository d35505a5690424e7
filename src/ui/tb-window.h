/* tb-window.h: the main window: empty state, sign-in, and the texting screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-application.h"
#include "tb-composer.h"
#include "tb-contact-pane.h"
#include "tb-header-status.h"
#include "tb-session.h"
#include "tb-sign-in-page.h"
#include "tb-thread-view.h"

G_BEGIN_DECLS

#define TB_TYPE_WINDOW (tb_window_get_type ())

G_DECLARE_FINAL_TYPE (TbWindow, tb_window, TB, WINDOW, AdwApplicationWindow)

TbWindow      *tb_window_new              (TbApplication *application);
TbSession     *tb_window_get_session      (TbWindow      *self);
/* Shows the empty state, the sign-in page or the texting screen, whichever
 * the session calls for ("empty", "sign-in", "texting"). */
const char    *tb_window_get_page         (TbWindow      *self);

/* The parts, for tests and the benchmark. */
TbContactPane *tb_window_get_contact_pane (TbWindow      *self);
TbThreadView  *tb_window_get_thread_view  (TbWindow      *self);
TbComposer    *tb_window_get_composer     (TbWindow      *self);
/* The provider and outbox status in the conversation's header bar. */
TbHeaderStatus *tb_window_get_header_status (TbWindow     *self);
/* Its compact twin in the contacts' header bar, shown when folded. */
TbHeaderStatus *tb_window_get_sidebar_status (TbWindow    *self);
TbSignInPage  *tb_window_get_sign_in_page (TbWindow      *self);
/* The key controller Ctrl+Enter, digits and their repeats go through. */
GtkEventController *tb_window_get_key_controller (TbWindow *self);

G_END_DECLS
