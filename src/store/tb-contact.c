/* tb-contact.c: one contact of a campaign, as read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "tb-contact.h"
#include "tb-store-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_CAMPAIGN_ID,
  PROP_PHONE,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_ZIP,
  PROP_TIME_ZONE,
  PROP_FIELDS,
  PROP_STATUS,
  PROP_TEXTER_ID,
  PROP_LAST_MESSAGE_PREVIEW,
  PROP_LAST_MESSAGE_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

struct _TbContact
{
  GObject          parent_instance;

  gint64           id;
  gint64           campaign_id;
  char            *phone;
  char            *first_name;
  char            *last_name;
  char            *zip;
  char            *time_zone;
  char            *fields;
  TbContactStatus  status;
  gint64           texter_id;
  char            *last_message_preview;
  gint64           last_message_at;
  gint64           updated_at;
};

G_DEFINE_FINAL_TYPE (TbContact, tb_contact, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static JsonObject *
parse_fields (TbContact *self,
              JsonNode **root_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, self->fields, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  *root_out = json_node_copy (root);
  return json_node_get_object (*root_out);
}

static void
tb_contact_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TbContact *self = TB_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;
    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;
    case PROP_ZIP:
      g_value_set_string (value, self->zip);
      break;
    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;
    case PROP_FIELDS:
      g_value_set_string (value, self->fields);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_TEXTER_ID:
      g_value_set_int64 (value, self->texter_id);
      break;
    case PROP_LAST_MESSAGE_PREVIEW:
      g_value_set_string (value, self->last_message_preview);
      break;
    case PROP_LAST_MESSAGE_AT:
      g_value_set_int64 (value, self->last_message_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_contact_finalize (GObject *object)
{
  TbContact *self = TB_CONTACT (object);

  g_free (self->phone);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->zip);
  g_free (self->time_zone);
  g_free (self->fields);
  g_free (self->last_message_preview);

  G_OBJECT_CLASS (tb_contact_parent_class)->finalize (object);
}

static void
tb_contact_class_init (TbContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tb_contact_get_property;
  object_class->finalize = tb_contact_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CAMPAIGN_ID] = g_param_spec_int64 ("campaign-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_ZIP] = g_param_spec_string ("zip", NULL, NULL, NULL, flags);
  properties[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, NULL, flags);
  properties[PROP_FIELDS] = g_param_spec_string ("fields", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, TB_CONTACT_N_STATUSES - 1, 0, flags);
  properties[PROP_TEXTER_ID] = g_param_spec_int64 ("texter-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_MESSAGE_PREVIEW] = g_param_spec_string ("last-message-preview", NULL, NULL, NULL, flags);
  properties[PROP_LAST_MESSAGE_AT] = g_param_spec_int64 ("last-message-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tb_contact_init (TbContact *self)
{
}

TbContact *
tb_contact_new_from_row (sqlite3_stmt *stmt)
{
  TbContact *self = g_object_new (TB_TYPE_CONTACT, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->campaign_id = sqlite3_column_int64 (stmt, 1);
  self->phone = tb_column_dup (stmt, 2, "");
  self->first_name = tb_column_dup (stmt, 3, "");
  self->last_name = tb_column_dup (stmt, 4, "");
  self->zip = tb_column_dup (stmt, 5, "");
  self->time_zone = tb_column_dup (stmt, 6, NULL);
  self->fields = tb_column_dup (stmt, 7, "{}");
  self->status = (TbContactStatus) sqlite3_column_int (stmt, 8);
  self->texter_id = sqlite3_column_int64 (stmt, 9);
  self->last_message_preview = tb_column_dup (stmt, 10, NULL);
  self->last_message_at = sqlite3_column_int64 (stmt, 11);
  self->updated_at = sqlite3_column_int64 (stmt, 12);

  return self;
}

gint64
tb_contact_get_id (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), 0);
  return self->id;
}

gint64
tb_contact_get_campaign_id (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), 0);
  return self->campaign_id;
}

const char *
tb_contact_get_phone (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  return self->phone;
}

const char *
tb_contact_get_first_name (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  return self->first_name;
}

const char *
tb_contact_get_last_name (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  return self->last_name;
}

const char *
tb_contact_get_zip (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  return self->zip;
}

char *
tb_contact_dup_display_name (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);

  if (*self->first_name == '\0' && *self->last_name == '\0')
    return g_strdup (self->phone);
  if (*self->first_name == '\0')
    return g_strdup (self->last_name);
  if (*self->last_name == '\0')
    return g_strdup (self->first_name);
  return g_strdup_printf ("%s %s", self->first_name, self->last_name);
}

const char *
tb_contact_get_time_zone (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  return self->time_zone;
}

const char *
tb_contact_get_fields (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  return self->fields;
}

char *
tb_contact_dup_field (TbContact  *self,
                      const char *name)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  object = parse_fields (self, &root);
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  member = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (member));
  if (JSON_NODE_HOLDS_NULL (member))
    return NULL;
  return json_to_string (member, FALSE);
}

GStrv
tb_contact_dup_field_names (TbContact *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *object;

  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);

  object = parse_fields (self, &root);
  if (object != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        g_strv_builder_add (builder, l->data);
    }
  return g_strv_builder_end (builder);
}

TbContactStatus
tb_contact_get_status (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), 0);
  return self->status;
}

gint64
tb_contact_get_texter_id (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), 0);
  return self->texter_id;
}

const char *
tb_contact_get_last_message_preview (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), NULL);
  return self->last_message_preview;
}

gint64
tb_contact_get_last_message_at (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), 0);
  return self->last_message_at;
}

gint64
tb_contact_get_updated_at (TbContact *self)
{
  g_return_val_if_fail (TB_IS_CONTACT (self), 0);
  return self->updated_at;
}
