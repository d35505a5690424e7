/* tb-campaign.c: one campaign, as read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-campaign.h"
#include "tb-record-private.h"
#include "tb-store-private.h"

struct _TbCampaign
{
  GObject          parent_instance;

  gint64           id;
  char            *name;
  char            *description;
  char            *sender;
  int              hours_start_min;
  int              hours_end_min;
  TbCampaignState  state;
  gboolean         is_demo;
  char            *initial_message;
  gint64           created_at;
};

G_DEFINE_FINAL_TYPE (TbCampaign, tb_campaign, G_TYPE_OBJECT)

/* TB_CAMPAIGN_SQL_COLUMNS, in order. */
static const TbRecordField campaign_fields[] = {
  TB_RECORD_INT64 (TbCampaign, id, "id"),
  TB_RECORD_STRING (TbCampaign, name, "name", ""),
  TB_RECORD_STRING (TbCampaign, description, "description", ""),
  TB_RECORD_STRING (TbCampaign, sender, "sender", NULL),
  TB_RECORD_INT (TbCampaign, hours_start_min, "hours-start-min", 0, 1440, TB_CAMPAIGN_DEFAULT_HOURS_START_MIN),
  TB_RECORD_INT (TbCampaign, hours_end_min, "hours-end-min", 0, 1440, TB_CAMPAIGN_DEFAULT_HOURS_END_MIN),
  TB_RECORD_INT (TbCampaign, state, "state", 0, 1, 0),
  TB_RECORD_BOOLEAN (TbCampaign, is_demo, "is-demo"),
  TB_RECORD_STRING (TbCampaign, initial_message, "initial-message", ""),
  TB_RECORD_INT64 (TbCampaign, created_at, "created-at"),
};

static void
tb_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  tb_record_get_property (object, campaign_fields, G_N_ELEMENTS (campaign_fields), prop_id, value, pspec);
}

static void
tb_campaign_finalize (GObject *object)
{
  tb_record_free_strings (object, campaign_fields, G_N_ELEMENTS (campaign_fields));

  G_OBJECT_CLASS (tb_campaign_parent_class)->finalize (object);
}

static void
tb_campaign_class_init (TbCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_campaign_get_property;
  object_class->finalize = tb_campaign_finalize;

  tb_record_install_properties (object_class, campaign_fields, G_N_ELEMENTS (campaign_fields));
}

static void
tb_campaign_init (TbCampaign *self)
{
}

TbCampaign *
tb_campaign_new_from_row (sqlite3_stmt *stmt)
{
  TbCampaign *self = g_object_new (TB_TYPE_CAMPAIGN, NULL);

  tb_record_read_row (self, campaign_fields, G_N_ELEMENTS (campaign_fields), stmt);
  return self;
}

gint64
tb_campaign_get_id (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), 0);
  return self->id;
}

const char *
tb_campaign_get_name (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), NULL);
  return self->name;
}

const char *
tb_campaign_get_description (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), NULL);
  return self->description;
}

const char *
tb_campaign_get_sender (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), NULL);
  return self->sender;
}

int
tb_campaign_get_hours_start_min (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), 0);
  return self->hours_start_min;
}

int
tb_campaign_get_hours_end_min (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), 0);
  return self->hours_end_min;
}

TbCampaignState
tb_campaign_get_state (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), 0);
  return self->state;
}

gboolean
tb_campaign_get_is_demo (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), FALSE);
  return self->is_demo;
}

const char *
tb_campaign_get_initial_message (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), NULL);
  return self->initial_message;
}

gint64
tb_campaign_get_created_at (TbCampaign *self)
{
  g_return_val_if_fail (TB_IS_CAMPAIGN (self), 0);
  return self->created_at;
}
