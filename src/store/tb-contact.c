/* tb-contact.c: one contact of a campaign, as read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "tb-contact.h"
#include "tb-record-private.h"
#include "tb-store-private.h"

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

/* TB_CONTACT_SQL_COLUMNS, in order. */
static const TbRecordField contact_fields[] = {
  TB_RECORD_INT64 (TbContact, id, "id"),
  TB_RECORD_INT64 (TbContact, campaign_id, "campaign-id"),
  TB_RECORD_STRING (TbContact, phone, "phone", ""),
  TB_RECORD_STRING (TbContact, first_name, "first-name", ""),
  TB_RECORD_STRING (TbContact, last_name, "last-name", ""),
  TB_RECORD_STRING (TbContact, zip, "zip", ""),
  TB_RECORD_STRING (TbContact, time_zone, "time-zone", NULL),
  TB_RECORD_STRING (TbContact, fields, "fields", "{}"),
  TB_RECORD_INT (TbContact, status, "status", 0, TB_CONTACT_N_STATUSES - 1, 0),
  TB_RECORD_INT64 (TbContact, texter_id, "texter-id"),
  TB_RECORD_STRING (TbContact, last_message_preview, "last-message-preview", NULL),
  TB_RECORD_INT64 (TbContact, last_message_at, "last-message-at"),
  TB_RECORD_INT64 (TbContact, updated_at, "updated-at"),
};

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
  tb_record_get_property (object, contact_fields, G_N_ELEMENTS (contact_fields), prop_id, value, pspec);
}

static void
tb_contact_finalize (GObject *object)
{
  tb_record_free_strings (object, contact_fields, G_N_ELEMENTS (contact_fields));

  G_OBJECT_CLASS (tb_contact_parent_class)->finalize (object);
}

static void
tb_contact_class_init (TbContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_contact_get_property;
  object_class->finalize = tb_contact_finalize;

  tb_record_install_properties (object_class, contact_fields, G_N_ELEMENTS (contact_fields));
}

static void
tb_contact_init (TbContact *self)
{
}

TbContact *
tb_contact_new_from_row (sqlite3_stmt *stmt)
{
  TbContact *self = g_object_new (TB_TYPE_CONTACT, NULL);

  tb_record_read_row (self, contact_fields, G_N_ELEMENTS (contact_fields), stmt);
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
