/* tb-campaign-scripts.h: a campaign's canned replies, survey questions and tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TYPE_CAMPAIGN_SCRIPTS (tb_campaign_scripts_get_type ())
G_DECLARE_FINAL_TYPE (TbCampaignScripts, tb_campaign_scripts, TB, CAMPAIGN_SCRIPTS, AdwBin)

/* Actions: scripts.add-reply, scripts.edit-reply (x), scripts.remove-reply
 * (x), scripts.move-reply-up (x), scripts.add-question,
 * scripts.remove-question (x), scripts.remove-tag-from-view is not offered:
 * tags are shared by every campaign and kept. */
TbCampaignScripts *tb_campaign_scripts_new          (void);
void               tb_campaign_scripts_set_campaign (TbCampaignScripts *self,
                                                     TbStore           *store,
                                                     gint64             campaign_id);
void               tb_campaign_scripts_reload       (TbCampaignScripts *self);

/* Adds a question with its answers (labels[i], with follow_ups[i] or NULL
 * as its follow-up message); what the question dialog does. Fails, storing
 * nothing, when the question or every label is empty or a follow-up has an
 * unknown placeholder. */
gboolean           tb_campaign_scripts_add_question (TbCampaignScripts  *self,
                                                     const char         *question,
                                                     const char * const *labels,
                                                     const char * const *follow_ups,
                                                     GError            **error);
/* What the "New Tag" row does. */
gboolean           tb_campaign_scripts_add_tag      (TbCampaignScripts  *self,
                                                     const char         *name,
                                                     GError            **error);

G_END_DECLS
