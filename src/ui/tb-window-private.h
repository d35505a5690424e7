/* tb-window-private.h: what tb-window.c and tb-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-window.h"

G_BEGIN_DECLS

struct _TbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  TbSession            *session;
  TbCampaign           *campaign;
  GSignalGroup         *store_signals;
  GSignalGroup         *outbox_signals;
  GSignalGroup         *sync_signals;
  GBindingGroup        *session_bindings;
  GArray               *campaign_ids;
  GtkEventController   *key_controller;
  gboolean              filling_campaigns;
  gboolean              offline;
  /* The shown contact's record is read again from an idle, after the press
   * that changed it has moved on to the next contact (then it is dropped). */
  guint                 refresh_idle;
  gint64                refresh_contact_id;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  TbSignInPage         *sign_in_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *content_box;
  GtkLabel             *texter_label;
  AdwAvatar            *texter_avatar;
  GtkDropDown          *campaign_dropdown;
  TbContactPane        *contact_pane;
  TbHeaderStatus       *header_status;
  TbHeaderStatus       *sidebar_status;
  GtkRevealer          *sidebar_status_revealer;
  AdwWindowTitle       *conversation_title;
  GtkToggleButton      *details_button;
  GtkStack             *conversation_stack;
  AdwStatusPage        *no_contact_page;
  TbThreadView         *thread_view;
  TbComposer           *composer;
};

void     tb_window_show_error_toast   (TbWindow       *self,
                                       const GError   *error);
void     tb_window_show_answer_toast  (TbWindow       *self,
                                       const char     *title);
void     tb_window_skip               (TbWindow       *self);
gboolean tb_window_open_campaign      (TbWindow       *self,
                                       gint64          campaign_id,
                                       GError        **error);
void     tb_window_retry              (TbWindow       *self,
                                       gint64          message_id);
gboolean tb_window_texting_shown      (TbWindow       *self);
void     tb_window_class_add_actions  (GtkWidgetClass *widget_class);
void     tb_window_add_key_controller (TbWindow       *self);

G_END_DECLS
