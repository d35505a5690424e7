/* tb-contact-row.h: one contact in the contact pane's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-contact.h"

G_BEGIN_DECLS

#define TB_TYPE_CONTACT_ROW (tb_contact_row_get_type ())

G_DECLARE_FINAL_TYPE (TbContactRow, tb_contact_row, TB, CONTACT_ROW, GtkWidget)

TbContactRow *tb_contact_row_new         (void);
TbContact    *tb_contact_row_get_contact (TbContactRow *self);
void          tb_contact_row_set_contact (TbContactRow *self,
                                          TbContact    *contact);

G_END_DECLS
