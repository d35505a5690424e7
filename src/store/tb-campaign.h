/* tb-campaign.h: one campaign, as read from the store (read-only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tb-store-types.h"

G_BEGIN_DECLS

/* The default texting window: 9:00 to 21:00 local time, in minutes. */
#define TB_CAMPAIGN_DEFAULT_HOURS_START_MIN 540
#define TB_CAMPAIGN_DEFAULT_HOURS_END_MIN   1260

#define TB_TYPE_CAMPAIGN (tb_campaign_get_type ())
G_DECLARE_FINAL_TYPE (TbCampaign, tb_campaign, TB, CAMPAIGN, GObject)

gint64           tb_campaign_get_id              (TbCampaign *self);
const char      *tb_campaign_get_name            (TbCampaign *self);
const char      *tb_campaign_get_description     (TbCampaign *self); /* "" when none */
/* An E.164 number or a Twilio MessagingServiceSid ("MG…"); NULL when unset. */
const char      *tb_campaign_get_sender          (TbCampaign *self);
int              tb_campaign_get_hours_start_min (TbCampaign *self);
int              tb_campaign_get_hours_end_min   (TbCampaign *self);
TbCampaignState  tb_campaign_get_state           (TbCampaign *self);
/* A demo campaign is only ever sent through the simulator. */
gboolean         tb_campaign_get_is_demo         (TbCampaign *self);
/* The first-text template ({first_name} placeholders), "" when none. */
const char      *tb_campaign_get_initial_message (TbCampaign *self);
gint64           tb_campaign_get_created_at      (TbCampaign *self);

G_END_DECLS
