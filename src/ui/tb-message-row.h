/* tb-message-row.h: one message bubble in a conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-message.h"

G_BEGIN_DECLS

#define TB_TYPE_MESSAGE_ROW (tb_message_row_get_type ())

G_DECLARE_FINAL_TYPE (TbMessageRow, tb_message_row, TB, MESSAGE_ROW, GtkListBoxRow)

TbMessageRow *tb_message_row_new         (TbMessage    *message);
TbMessage    *tb_message_row_get_message (TbMessageRow *self);
/* FALSE hides Retry on a failed message (the contact opted out). */
void          tb_message_row_set_can_retry (TbMessageRow *self,
                                            gboolean      can_retry);

G_END_DECLS
