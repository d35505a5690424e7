/* tb-campaign.c: one campaign, as read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-campaign.h"
#include "tb-store-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_SENDER,
  PROP_HOURS_START_MIN,
  PROP_HOURS_END_MIN,
  PROP_STATE,
  PROP_IS_DEMO,
  PROP_INITIAL_MESSAGE,
  PROP_CREATED_AT,
  N_PROPS
};

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

static GParamSpec *properties[N_PROPS];

static void
tb_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TbCampaign *self = TB_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_SENDER:
      g_value_set_string (value, self->sender);
      break;
    case PROP_HOURS_START_MIN:
      g_value_set_int (value, self->hours_start_min);
      break;
    case PROP_HOURS_END_MIN:
      g_value_set_int (value, self->hours_end_min);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    case PROP_INITIAL_MESSAGE:
      g_value_set_string (value, self->initial_message);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_campaign_finalize (GObject *object)
{
  TbCampaign *self = TB_CAMPAIGN (object);

  g_free (self->name);
  g_free (self->description);
  g_free (self->sender);
  g_free (self->initial_message);

  G_OBJECT_CLASS (tb_campaign_parent_class)->finalize (object);
}

static void
tb_campaign_class_init (TbCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tb_campaign_get_property;
  object_class->finalize = tb_campaign_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_SENDER] = g_param_spec_string ("sender", NULL, NULL, NULL, flags);
  properties[PROP_HOURS_START_MIN] = g_param_spec_int ("hours-start-min", NULL, NULL, 0, 1440,
                                                       TB_CAMPAIGN_DEFAULT_HOURS_START_MIN, flags);
  properties[PROP_HOURS_END_MIN] = g_param_spec_int ("hours-end-min", NULL, NULL, 0, 1440,
                                                     TB_CAMPAIGN_DEFAULT_HOURS_END_MIN, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_IS_DEMO] = g_param_spec_boolean ("is-demo", NULL, NULL, FALSE, flags);
  properties[PROP_INITIAL_MESSAGE] = g_param_spec_string ("initial-message", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tb_campaign_init (TbCampaign *self)
{
}

TbCampaign *
tb_campaign_new_from_row (sqlite3_stmt *stmt)
{
  TbCampaign *self = g_object_new (TB_TYPE_CAMPAIGN, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->name = tb_column_dup (stmt, 1, "");
  self->description = tb_column_dup (stmt, 2, "");
  self->sender = tb_column_dup (stmt, 3, NULL);
  self->hours_start_min = sqlite3_column_int (stmt, 4);
  self->hours_end_min = sqlite3_column_int (stmt, 5);
  self->state = (TbCampaignState) sqlite3_column_int (stmt, 6);
  self->is_demo = sqlite3_column_int (stmt, 7) != 0;
  self->initial_message = tb_column_dup (stmt, 8, "");
  self->created_at = sqlite3_column_int64 (stmt, 9);

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
