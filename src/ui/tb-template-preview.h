/* tb-template-preview.h: the template editor's preview, the message as
 * one of the campaign's contacts receives it, with its segment count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TYPE_TEMPLATE_PREVIEW (tb_template_preview_get_type ())
G_DECLARE_FINAL_TYPE (TbTemplatePreview, tb_template_preview, TB, TEMPLATE_PREVIEW, AdwBin)

/* Its buttons activate editor.previous-contact and editor.next-contact,
 * which the window around it installs. */
TbTemplatePreview *tb_template_preview_new           (void);
/* The campaign whose contacts the preview renders for, from the first. */
void               tb_template_preview_set_campaign  (TbTemplatePreview   *self,
                                                      TbStore             *store,
                                                      gint64               campaign_id);
/* Reads the next page of the campaign's contacts. On error nothing more is
 * read: the contacts already read stay. */
gboolean           tb_template_preview_load_more     (TbTemplatePreview   *self,
                                                      GError             **error);
/* The contacts read so far (TbContact). */
GPtrArray         *tb_template_preview_get_contacts  (TbTemplatePreview   *self);
/* Shows the next (forward) or previous contact, reading the next page
 * when needed; FALSE with error when it cannot be read (the preview stays
 * on the last contact read). Call tb_template_preview_render() after. */
gboolean           tb_template_preview_move          (TbTemplatePreview   *self,
                                                      gboolean             forward,
                                                      GError             **error);
gboolean           tb_template_preview_has_previous  (TbTemplatePreview   *self);
gboolean           tb_template_preview_has_next      (TbTemplatePreview   *self);
/* The contact shown, or NULL when the campaign has none. */
TbContact         *tb_template_preview_get_contact   (TbTemplatePreview   *self);
/* Renders source for the contact shown: unknown placeholders as written,
 * nothing while a brace is broken. */
void               tb_template_preview_render        (TbTemplatePreview   *self,
                                                      const char          *source,
                                                      const char * const  *fields,
                                                      const char          *texter_name);
/* The rendered text; "" while a brace is broken. */
const char        *tb_template_preview_get_text      (TbTemplatePreview   *self);

G_END_DECLS
