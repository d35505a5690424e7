/* tb-contact-details.h: the side panel with a contact's fields, time, answers and tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TYPE_CONTACT_DETAILS (tb_contact_details_get_type ())

G_DECLARE_FINAL_TYPE (TbContactDetails, tb_contact_details, TB, CONTACT_DETAILS, GtkWidget)

TbContactDetails *tb_contact_details_new         (void);
void              tb_contact_details_set_store   (TbContactDetails *self,
                                                  TbStore          *store);
void              tb_contact_details_set_contact (TbContactDetails *self,
                                                  TbContact        *contact);
/* Re-reads answers and tags (after the composer changed them). */
void              tb_contact_details_refresh     (TbContactDetails *self);

G_END_DECLS
