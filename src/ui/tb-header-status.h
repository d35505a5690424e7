/* tb-header-status.h: the provider and outbox status in the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-session.h"

G_BEGIN_DECLS

#define TB_TYPE_HEADER_STATUS (tb_header_status_get_type ())
G_DECLARE_FINAL_TYPE (TbHeaderStatus, tb_header_status, TB, HEADER_STATUS, GtkWidget)

TbHeaderStatus *tb_header_status_new                (void);
/* Follows the session's provider, outbox and inbox sync. */
void            tb_header_status_set_session        (TbHeaderStatus *self,
                                                     TbSession      *session);
/* The open campaign: its sending number names a real provider. */
void            tb_header_status_set_campaign       (TbHeaderStatus *self,
                                                     TbCampaign     *campaign);
/* Compact ("compact"): the provider shows as an icon only, for a narrow window. */
gboolean        tb_header_status_get_compact        (TbHeaderStatus *self);
void            tb_header_status_set_compact        (TbHeaderStatus *self,
                                                     gboolean        compact);
/* TRUE while the provider cannot be reached ("offline" notifies). */
gboolean        tb_header_status_get_offline        (TbHeaderStatus *self);
/* TRUE while offline or something failed ("alert" notifies). */
gboolean        tb_header_status_get_alert          (TbHeaderStatus *self);
/* The parts, for tests and screenshots. */
GtkMenuButton  *tb_header_status_get_provider_button (TbHeaderStatus *self);
GtkMenuButton  *tb_header_status_get_failed_button  (TbHeaderStatus *self);
/* The failed-messages list in the failed badge's popover (filled when shown). */
GtkListBox     *tb_header_status_get_failed_list    (TbHeaderStatus *self);

G_END_DECLS
