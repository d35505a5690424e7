/* tb-stable-contact-model.h: hands out the same TbContact object for an unchanged contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-contact.h"

G_BEGIN_DECLS

#define TB_TYPE_STABLE_CONTACT_MODEL (tb_stable_contact_model_get_type ())

G_DECLARE_FINAL_TYPE (TbStableContactModel, tb_stable_contact_model, TB, STABLE_CONTACT_MODEL, GObject)

TbStableContactModel *tb_stable_contact_model_new       (GListModel           *model);
GListModel           *tb_stable_contact_model_get_model (TbStableContactModel *self);
void                  tb_stable_contact_model_set_model (TbStableContactModel *self,
                                                         GListModel           *model);
void                  tb_stable_contact_model_set_hold_removals (TbStableContactModel *self,
                                                                 gboolean              hold);
gboolean              tb_stable_contact_model_has_held  (TbStableContactModel *self);
void                  tb_stable_contact_model_flush     (TbStableContactModel *self);

G_END_DECLS
