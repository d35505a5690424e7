/* tb-contact-pane.h: queue tabs with live counts, search, and the lazy contact list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_CONTACT_PANE_ERROR (tb_contact_pane_error_quark ())

typedef enum {
  TB_CONTACT_PANE_ERROR_NOT_LISTED,
} TbContactPaneError;

GQuark tb_contact_pane_error_quark (void);

#define TB_TYPE_CONTACT_PANE (tb_contact_pane_get_type ())

G_DECLARE_FINAL_TYPE (TbContactPane, tb_contact_pane, TB, CONTACT_PANE, GtkWidget)

TbContactPane   *tb_contact_pane_new           (void);
/* store NULL or campaign 0 empties the pane. */
void             tb_contact_pane_set_campaign  (TbContactPane   *self,
                                                TbStore         *store,
                                                gint64           campaign_id);
TbContactStatus  tb_contact_pane_get_queue     (TbContactPane   *self);
void             tb_contact_pane_set_queue     (TbContactPane   *self,
                                                TbContactStatus  queue);
/* The selected contact, or NULL ("contact" notifies). */
TbContact       *tb_contact_pane_get_contact   (TbContactPane   *self);
/* Moves the selection by delta rows; FALSE when there is no such row. */
gboolean         tb_contact_pane_select_offset (TbContactPane   *self,
                                                int              delta);
/* After a send or skip: the next row, else the previous; FALSE when the
 * selected contact is the only one. */
gboolean         tb_contact_pane_advance       (TbContactPane   *self);
/* Shows the contact in its queue (clearing a search that hides it),
 * selects it and scrolls to it. NOT_LISTED when it is in another campaign
 * or left its queue meanwhile. */
gboolean         tb_contact_pane_select_contact (TbContactPane  *self,
                                                 TbContact      *contact,
                                                 GError        **error);
void             tb_contact_pane_focus_search  (TbContactPane   *self);
/* Re-reads the queue counts (O(1) in the store). */
void             tb_contact_pane_update_counts (TbContactPane   *self);
gint64           tb_contact_pane_get_count     (TbContactPane   *self,
                                                TbContactStatus  queue);
/* The list as shown: a GListModel of TbContact. */
GListModel      *tb_contact_pane_get_model     (TbContactPane   *self);
/* What the empty state says for the current queue and search. */
const char      *tb_contact_pane_get_empty_title (TbContactPane *self);
const char      *tb_contact_pane_get_empty_description (TbContactPane *self);

G_END_DECLS
