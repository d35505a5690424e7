/* tb-composer-private.h: what tb-composer.c and tb-composer-scripts.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-composer.h"

G_BEGIN_DECLS

struct _TbComposer
{
  GtkWidget           parent_instance;

  TbSession          *session;
  TbCampaign         *campaign;
  TbContact          *contact;
  TbSendGuard        *guard;
  GSettings          *settings;
  GPtrArray          *canned_replies;   /* TbCannedReply */
  GPtrArray          *questions;        /* TbSurveyQuestion */
  GSimpleActionGroup *choices;          /* survey answers and tags; states per contact */
  GArray             *choice_tag_ids;   /* gint64: the tags the menu was built with */
  GMenu              *replies_menu;
  GMenu              *survey_menu;
  GMenu              *tags_menu;
  char               *block_reason;
  char               *segments_text;
  guint               minute_timeout;
  gboolean            filling;

  GtkRevealer        *notice_revealer;
  GtkWidget          *notice_box;
  GtkImage           *notice_icon;
  GtkLabel           *notice_label;
  GtkMenuButton      *replies_button;
  GtkMenuButton      *survey_button;
  GtkMenuButton      *tags_button;
  GtkWidget          *opt_out_button;
  GtkWidget          *skip_button;
  GtkTextView        *text_view;
  GtkLabel           *segments_label;
  GtkWidget          *confirm_label;
  GtkWidget          *send_button;
};

void  tb_composer_update_state          (TbComposer   *self);
void  tb_composer_schedule_minute_tick  (TbComposer   *self);
void  tb_composer_set_notice            (TbComposer   *self,
                                         const char   *icon_name,
                                         const char   *css_class,
                                         const char   *text);
char *tb_composer_render_for_contact    (TbComposer   *self,
                                         const char   *source,
                                         GError      **error);
void  tb_composer_rebuild_replies_menu  (TbComposer   *self);
void  tb_composer_rebuild_choices       (TbComposer   *self);
void  tb_composer_emit_failed           (TbComposer   *self,
                                         const GError *error);
void  tb_composer_emit_contact_closed   (TbComposer   *self,
                                         gint64        contact_id,
                                         const char   *what);
void  tb_composer_opt_out_action        (GtkWidget    *widget,
                                         const char   *action_name,
                                         GVariant     *parameter);
void  tb_composer_wrong_number_action   (GtkWidget    *widget,
                                         const char   *action_name,
                                         GVariant     *parameter);

G_END_DECLS
