/* tb-message.c: one message, as read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-message.h"
#include "tb-record-private.h"
#include "tb-store-private.h"

struct _TbMessage
{
  GObject             parent_instance;

  gint64              id;
  gint64              contact_id;
  TbMessageDirection  direction;
  char               *phone;
  char               *our_phone;
  char               *body;
  TbMessageState      state;
  char               *provider;
  char               *provider_id;
  char               *error_code;
  char               *error_text;
  int                 segments;
  gint64              texter_id;
  gboolean            is_first;
  gint64              pressed_at;
  gint64              sent_at;
  gint64              at;
  gint64              updated_at;
};

G_DEFINE_FINAL_TYPE (TbMessage, tb_message, G_TYPE_OBJECT)

/* TB_MESSAGE_SQL_COLUMNS, in order. */
static const TbRecordField message_fields[] = {
  TB_RECORD_INT64 (TbMessage, id, "id"),
  TB_RECORD_INT64 (TbMessage, contact_id, "contact-id"),
  TB_RECORD_INT (TbMessage, direction, "direction", 0, G_MAXINT, 0),
  TB_RECORD_STRING (TbMessage, phone, "phone", ""),
  TB_RECORD_STRING (TbMessage, our_phone, "our-phone", NULL),
  TB_RECORD_STRING (TbMessage, body, "body", ""),
  TB_RECORD_INT (TbMessage, state, "state", 0, G_MAXINT, 0),
  TB_RECORD_STRING (TbMessage, provider, "provider", NULL),
  TB_RECORD_STRING (TbMessage, provider_id, "provider-id", NULL),
  TB_RECORD_STRING (TbMessage, error_code, "error-code", NULL),
  TB_RECORD_STRING (TbMessage, error_text, "error-text", NULL),
  TB_RECORD_INT (TbMessage, segments, "segments", 0, G_MAXINT, 0),
  TB_RECORD_INT64 (TbMessage, texter_id, "texter-id"),
  TB_RECORD_BOOLEAN (TbMessage, is_first, "is-first"),
  TB_RECORD_INT64 (TbMessage, pressed_at, "pressed-at"),
  TB_RECORD_INT64 (TbMessage, sent_at, "sent-at"),
  TB_RECORD_INT64 (TbMessage, at, "at"),
  TB_RECORD_INT64 (TbMessage, updated_at, "updated-at"),
};

static void
tb_message_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  tb_record_get_property (object, message_fields, G_N_ELEMENTS (message_fields), prop_id, value, pspec);
}

static void
tb_message_finalize (GObject *object)
{
  tb_record_free_strings (object, message_fields, G_N_ELEMENTS (message_fields));

  G_OBJECT_CLASS (tb_message_parent_class)->finalize (object);
}

static void
tb_message_class_init (TbMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_message_get_property;
  object_class->finalize = tb_message_finalize;

  tb_record_install_properties (object_class, message_fields, G_N_ELEMENTS (message_fields));
}

static void
tb_message_init (TbMessage *self)
{
}

TbMessage *
tb_message_new_from_row (sqlite3_stmt *stmt)
{
  TbMessage *self = g_object_new (TB_TYPE_MESSAGE, NULL);

  tb_record_read_row (self, message_fields, G_N_ELEMENTS (message_fields), stmt);
  return self;
}

gint64
tb_message_get_id (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->id;
}

gint64
tb_message_get_contact_id (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->contact_id;
}

TbMessageDirection
tb_message_get_direction (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->direction;
}

const char *
tb_message_get_phone (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), NULL);
  return self->phone;
}

const char *
tb_message_get_our_phone (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), NULL);
  return self->our_phone;
}

const char *
tb_message_get_body (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), NULL);
  return self->body;
}

TbMessageState
tb_message_get_state (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->state;
}

const char *
tb_message_get_provider (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), NULL);
  return self->provider;
}

const char *
tb_message_get_provider_id (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), NULL);
  return self->provider_id;
}

const char *
tb_message_get_error_code (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), NULL);
  return self->error_code;
}

const char *
tb_message_get_error_text (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), NULL);
  return self->error_text;
}

int
tb_message_get_segments (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->segments;
}

gint64
tb_message_get_texter_id (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->texter_id;
}

gboolean
tb_message_get_is_first (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), FALSE);
  return self->is_first;
}

gint64
tb_message_get_pressed_at (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->pressed_at;
}

gint64
tb_message_get_sent_at (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->sent_at;
}

gint64
tb_message_get_at (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->at;
}

gint64
tb_message_get_updated_at (TbMessage *self)
{
  g_return_val_if_fail (TB_IS_MESSAGE (self), 0);
  return self->updated_at;
}
