/* tb-message.h: one message, as read from the store (read-only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tb-store-types.h"

G_BEGIN_DECLS

#define TB_TYPE_MESSAGE (tb_message_get_type ())
G_DECLARE_FINAL_TYPE (TbMessage, tb_message, TB, MESSAGE, GObject)

gint64              tb_message_get_id           (TbMessage *self);
/* 0 for a message from an unknown sender. */
gint64              tb_message_get_contact_id   (TbMessage *self);
TbMessageDirection  tb_message_get_direction    (TbMessage *self);
/* The other party: the contact's phone for outbound, the sender for inbound. */
const char         *tb_message_get_phone        (TbMessage *self);
/* Our number (or messaging service): the sender for outbound, the
 * recipient for inbound. NULL when not known yet. */
const char         *tb_message_get_our_phone    (TbMessage *self);
const char         *tb_message_get_body         (TbMessage *self);
TbMessageState      tb_message_get_state        (TbMessage *self);
/* "twilio", "simulator", …; NULL until handed to a provider. */
const char         *tb_message_get_provider     (TbMessage *self);
const char         *tb_message_get_provider_id  (TbMessage *self); /* NULL when none */
const char         *tb_message_get_error_code   (TbMessage *self); /* NULL when none */
const char         *tb_message_get_error_text   (TbMessage *self); /* NULL when none */
int                 tb_message_get_segments     (TbMessage *self); /* 0 when unknown */
/* The texter who pressed Send; 0 for inbound. */
gint64              tb_message_get_texter_id    (TbMessage *self);
gboolean            tb_message_get_is_first     (TbMessage *self);
/* When Send was pressed (outbound); when it was received (inbound). */
gint64              tb_message_get_pressed_at   (TbMessage *self);
/* When the provider accepted it (outbound); 0 before. Equals the receive
 * time for inbound. */
gint64              tb_message_get_sent_at      (TbMessage *self);
/* The instant to order a conversation by: pressed_at or received time. */
gint64              tb_message_get_at           (TbMessage *self);
gint64              tb_message_get_updated_at   (TbMessage *self);

G_END_DECLS
