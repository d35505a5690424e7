/* tb-composer.h: the message being written, what goes with it, and the one Send button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-send-guard.h"
#include "tb-session.h"

G_BEGIN_DECLS

#define TB_TYPE_COMPOSER (tb_composer_get_type ())

G_DECLARE_FINAL_TYPE (TbComposer, tb_composer, TB, COMPOSER, GtkWidget)

TbComposer  *tb_composer_new                (void);
void         tb_composer_set_session        (TbComposer *self,
                                             TbSession  *session);
/* Reloads the campaign's initial message, canned replies, questions and tags. */
void         tb_composer_set_campaign       (TbComposer *self,
                                             TbCampaign *campaign);
TbContact   *tb_composer_get_contact        (TbComposer *self);
/* Another contact rearms Send; a newer record of the same contact only
 * refreshes what the composer says. */
void         tb_composer_set_contact        (TbComposer *self,
                                             TbContact  *contact);
/* Clears the text and rearms Send for the same contact (after a reply
 * when there is no next contact to show). */
void         tb_composer_reset              (TbComposer *self);
TbSendGuard *tb_composer_get_send_guard     (TbComposer *self);
char        *tb_composer_dup_text           (TbComposer *self);
void         tb_composer_set_text           (TbComposer *self,
                                             const char *text);
/* Puts the n-th canned reply (0 first) in the text; FALSE when there is none. */
gboolean     tb_composer_pick_canned_reply  (TbComposer *self,
                                             guint       index);
/* Why Send is disabled, or NULL when it is enabled or merely waiting for text. */
const char  *tb_composer_get_block_reason   (TbComposer *self);
const char  *tb_composer_get_segments_text  (TbComposer *self);
/* Re-checks texting hours, opt-out and the texter (the minute timer does this). */
void         tb_composer_refresh            (TbComposer *self);
gboolean     tb_composer_has_text_focus     (TbComposer *self);
void         tb_composer_focus_text         (TbComposer *self);

G_END_DECLS
