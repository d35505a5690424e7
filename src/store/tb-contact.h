/* tb-contact.h: one contact of a campaign, as read from the store (read-only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tb-store-types.h"

G_BEGIN_DECLS

#define TB_TYPE_CONTACT (tb_contact_get_type ())
G_DECLARE_FINAL_TYPE (TbContact, tb_contact, TB, CONTACT, GObject)

gint64           tb_contact_get_id                   (TbContact  *self);
gint64           tb_contact_get_campaign_id          (TbContact  *self);
/* E.164, e.g. "+15125550123". */
const char      *tb_contact_get_phone                (TbContact  *self);
const char      *tb_contact_get_first_name           (TbContact  *self); /* "" when none */
const char      *tb_contact_get_last_name            (TbContact  *self); /* "" when none */
const char      *tb_contact_get_zip                  (TbContact  *self); /* "" when none */
/* "First Last", or the phone when both names are empty. */
char            *tb_contact_dup_display_name         (TbContact  *self);
/* IANA zone names joined by '&' ("America/Chicago&America/Denver"), or NULL
 * when unknown. */
const char      *tb_contact_get_time_zone            (TbContact  *self);
/* The custom fields as a JSON object string ("{}" when none). */
const char      *tb_contact_get_fields               (TbContact  *self);
/* One custom field's value, or NULL when the contact has no such field. */
char            *tb_contact_dup_field                (TbContact  *self,
                                                      const char *name);
/* The custom field names, in the order of the import's columns. */
GStrv            tb_contact_dup_field_names          (TbContact  *self);
TbContactStatus  tb_contact_get_status               (TbContact  *self);
/* The texter who last texted this contact, 0 when none. */
gint64           tb_contact_get_texter_id            (TbContact  *self);
/* The last message's body (shortened), NULL when there is none. */
const char      *tb_contact_get_last_message_preview (TbContact  *self);
gint64           tb_contact_get_last_message_at      (TbContact  *self); /* 0 when none */
gint64           tb_contact_get_updated_at           (TbContact  *self);

G_END_DECLS
