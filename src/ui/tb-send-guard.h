/* tb-send-guard.h: turns Send presses and Ctrl+Enter key events into at most one send each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TB_TYPE_SEND_GUARD (tb_send_guard_get_type ())

G_DECLARE_FINAL_TYPE (TbSendGuard, tb_send_guard, TB, SEND_GUARD, GObject)

TbSendGuard *tb_send_guard_new            (void);

gboolean     tb_send_guard_get_allowed    (TbSendGuard     *self);
void         tb_send_guard_set_allowed    (TbSendGuard     *self,
                                           gboolean         allowed);
gboolean     tb_send_guard_get_armed      (TbSendGuard     *self);
gboolean     tb_send_guard_get_sensitive  (TbSendGuard     *self);
gboolean     tb_send_guard_get_two_step   (TbSendGuard     *self);
void         tb_send_guard_set_two_step   (TbSendGuard     *self,
                                           gboolean         two_step);
gboolean     tb_send_guard_get_confirming (TbSendGuard     *self);

void         tb_send_guard_rearm          (TbSendGuard     *self);
void         tb_send_guard_press          (TbSendGuard     *self);
void         tb_send_guard_cancel         (TbSendGuard     *self);
gboolean     tb_send_guard_key_pressed    (TbSendGuard     *self,
                                           guint            keyval,
                                           GdkModifierType  state);
gboolean     tb_send_guard_key_released   (TbSendGuard     *self,
                                           guint            keyval,
                                           GdkModifierType  state);
void         tb_send_guard_reset_keys     (TbSendGuard     *self);

G_END_DECLS
