/* tb-campaign-editor.h: the campaign list and the editor of one campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-campaign-scripts.h"
#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TYPE_CAMPAIGN_EDITOR (tb_campaign_editor_get_type ())
G_DECLARE_FINAL_TYPE (TbCampaignEditor, tb_campaign_editor, TB, CAMPAIGN_EDITOR, AdwWindow)

/* Actions: campaigns.new, campaigns.archive (asks first), campaigns.restore,
 * campaigns.edit-initial-message, campaigns.back. */
TbCampaignEditor  *tb_campaign_editor_new             (GtkWindow         *parent,
                                                       TbStore           *store);
/* Shows a campaign (0: none). */
void               tb_campaign_editor_select_campaign (TbCampaignEditor  *self,
                                                       gint64             campaign_id);
gint64             tb_campaign_editor_get_campaign_id (TbCampaignEditor  *self);
/* What campaigns.new does: creates "New Campaign" with the default texting
 * hours and the default sender, and shows it. Returns its id, 0 on error. */
gint64             tb_campaign_editor_new_campaign    (TbCampaignEditor  *self,
                                                       GError           **error);
/* What the rows' apply buttons and the hour spinners do. */
gboolean           tb_campaign_editor_apply           (TbCampaignEditor  *self,
                                                       GError           **error);
TbCampaignScripts *tb_campaign_editor_get_scripts     (TbCampaignEditor  *self);

G_END_DECLS
