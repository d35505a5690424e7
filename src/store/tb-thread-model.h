/* tb-thread-model.h: one contact's conversation, as a GListModel of TbMessage
 *
 * Oldest first. Follows the store's "messages-changed" signal from a
 * high-priority idle (before the next frame): a new message is appended
 * (or inserted in time order) and a state change replaces just that item.
 * Changes still pending when the contact changes are dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TYPE_THREAD_MODEL (tb_thread_model_get_type ())
G_DECLARE_FINAL_TYPE (TbThreadModel, tb_thread_model, TB, THREAD_MODEL, GObject)

TbThreadModel *tb_thread_model_new            (TbStore       *store,
                                               gint64         contact_id);
TbStore       *tb_thread_model_get_store      (TbThreadModel *self);
gint64         tb_thread_model_get_contact_id (TbThreadModel *self);
/* Shows another contact's conversation (0: none). */
void           tb_thread_model_set_contact_id (TbThreadModel *self,
                                               gint64         contact_id);
void           tb_thread_model_reload         (TbThreadModel *self);
const GError  *tb_thread_model_get_error      (TbThreadModel *self);
/* Whether store changes wait to be applied (the idle has not run yet). */
gboolean       tb_thread_model_has_pending    (TbThreadModel *self);

G_END_DECLS
