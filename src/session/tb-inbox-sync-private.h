/* tb-inbox-sync-private.h: what the webhook receiver shares with the
 * inbox sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-inbox-sync.h"

G_BEGIN_DECLS

/* Stores one inbound message once (a provider id seen before is counted as
 * seen, not stored) and applies its keywords. Returns the message's id, or
 * 0 with error set. */
gint64   tb_inbox_sync_take_inbound (TbInboxSync             *self,
                                     TbStore                 *store,
                                     const TbProviderMessage *inbound,
                                     gint64                   at,
                                     TbInboxSyncReport       *report,
                                     GError                 **error);

/* Moves an outbound message to the state a provider status means, when the
 * store allows it; TRUE when it moved. */
gboolean tb_inbox_sync_apply_status (TbStore                 *store,
                                     TbMessage               *message,
                                     TbProviderMessageStatus  status,
                                     int                      error_code,
                                     const char              *error_message);

G_END_DECLS
