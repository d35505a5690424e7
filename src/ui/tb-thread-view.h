/* tb-thread-view.h: a conversation's bubbles and the contact's details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TYPE_THREAD_VIEW (tb_thread_view_get_type ())

G_DECLARE_FINAL_TYPE (TbThreadView, tb_thread_view, TB, THREAD_VIEW, GtkWidget)

TbThreadView *tb_thread_view_new              (void);
void          tb_thread_view_set_store        (TbThreadView *self,
                                               TbStore      *store);
TbContact    *tb_thread_view_get_contact      (TbThreadView *self);
void          tb_thread_view_set_contact      (TbThreadView *self,
                                               TbContact    *contact);
gboolean      tb_thread_view_get_show_details (TbThreadView *self);
void          tb_thread_view_set_show_details (TbThreadView *self,
                                               gboolean      show_details);
/* The conversation's messages (for tests): a GListModel of TbMessage. */
GListModel   *tb_thread_view_get_model        (TbThreadView *self);

G_END_DECLS
