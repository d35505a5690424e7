/* tb-message.c: one message, as read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-message.h"
#include "tb-store-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_CONTACT_ID,
  PROP_DIRECTION,
  PROP_PHONE,
  PROP_OUR_PHONE,
  PROP_BODY,
  PROP_STATE,
  PROP_PROVIDER,
  PROP_PROVIDER_ID,
  PROP_ERROR_CODE,
  PROP_ERROR_TEXT,
  PROP_SEGMENTS,
  PROP_TEXTER_ID,
  PROP_IS_FIRST,
  PROP_PRESSED_AT,
  PROP_SENT_AT,
  PROP_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

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

static GParamSpec *properties[N_PROPS];

static void
tb_message_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TbMessage *self = TB_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;
    case PROP_DIRECTION:
      g_value_set_int (value, self->direction);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_OUR_PHONE:
      g_value_set_string (value, self->our_phone);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;
    case PROP_ERROR_CODE:
      g_value_set_string (value, self->error_code);
      break;
    case PROP_ERROR_TEXT:
      g_value_set_string (value, self->error_text);
      break;
    case PROP_SEGMENTS:
      g_value_set_int (value, self->segments);
      break;
    case PROP_TEXTER_ID:
      g_value_set_int64 (value, self->texter_id);
      break;
    case PROP_IS_FIRST:
      g_value_set_boolean (value, self->is_first);
      break;
    case PROP_PRESSED_AT:
      g_value_set_int64 (value, self->pressed_at);
      break;
    case PROP_SENT_AT:
      g_value_set_int64 (value, self->sent_at);
      break;
    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_message_finalize (GObject *object)
{
  TbMessage *self = TB_MESSAGE (object);

  g_free (self->phone);
  g_free (self->our_phone);
  g_free (self->body);
  g_free (self->provider);
  g_free (self->provider_id);
  g_free (self->error_code);
  g_free (self->error_text);

  G_OBJECT_CLASS (tb_message_parent_class)->finalize (object);
}

static void
tb_message_class_init (TbMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tb_message_get_property;
  object_class->finalize = tb_message_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONTACT_ID] = g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DIRECTION] = g_param_spec_int ("direction", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_OUR_PHONE] = g_param_spec_string ("our-phone", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_ID] = g_param_spec_string ("provider-id", NULL, NULL, NULL, flags);
  properties[PROP_ERROR_CODE] = g_param_spec_string ("error-code", NULL, NULL, NULL, flags);
  properties[PROP_ERROR_TEXT] = g_param_spec_string ("error-text", NULL, NULL, NULL, flags);
  properties[PROP_SEGMENTS] = g_param_spec_int ("segments", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_TEXTER_ID] = g_param_spec_int64 ("texter-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_IS_FIRST] = g_param_spec_boolean ("is-first", NULL, NULL, FALSE, flags);
  properties[PROP_PRESSED_AT] = g_param_spec_int64 ("pressed-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SENT_AT] = g_param_spec_int64 ("sent-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tb_message_init (TbMessage *self)
{
}

/* The columns are TB_MESSAGE_SQL_COLUMNS, in order. */
TbMessage *
tb_message_new_from_row (sqlite3_stmt *stmt)
{
  TbMessage *self = g_object_new (TB_TYPE_MESSAGE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->contact_id = sqlite3_column_int64 (stmt, 1);
  self->direction = (TbMessageDirection) sqlite3_column_int (stmt, 2);
  self->phone = tb_column_dup (stmt, 3, "");
  self->our_phone = tb_column_dup (stmt, 4, NULL);
  self->body = tb_column_dup (stmt, 5, "");
  self->state = (TbMessageState) sqlite3_column_int (stmt, 6);
  self->provider = tb_column_dup (stmt, 7, NULL);
  self->provider_id = tb_column_dup (stmt, 8, NULL);
  self->error_code = tb_column_dup (stmt, 9, NULL);
  self->error_text = tb_column_dup (stmt, 10, NULL);
  self->segments = sqlite3_column_int (stmt, 11);
  self->texter_id = sqlite3_column_int64 (stmt, 12);
  self->is_first = sqlite3_column_int (stmt, 13) != 0;
  self->pressed_at = sqlite3_column_int64 (stmt, 14);
  self->sent_at = sqlite3_column_int64 (stmt, 15);
  self->at = sqlite3_column_int64 (stmt, 16);
  self->updated_at = sqlite3_column_int64 (stmt, 17);

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
