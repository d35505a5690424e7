/* tb-template-editor.h: edits a campaign's initial message or a canned reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_TEMPLATE_EDITOR_ERROR (tb_template_editor_error_quark ())

/* Why Save was refused. */
typedef enum {
  TB_TEMPLATE_EDITOR_ERROR_PROBLEMS,   /* the template has an error (named in the message) */
  TB_TEMPLATE_EDITOR_ERROR_EMPTY,      /* no text */
  TB_TEMPLATE_EDITOR_ERROR_NO_TITLE,   /* a canned reply without a title */
} TbTemplateEditorError;

GQuark tb_template_editor_error_quark (void);

typedef enum {
  TB_TEMPLATE_EDITOR_INITIAL_MESSAGE,
  TB_TEMPLATE_EDITOR_CANNED_REPLY,
} TbTemplateEditorKind;

#define TB_TYPE_TEMPLATE_EDITOR (tb_template_editor_get_type ())
G_DECLARE_FINAL_TYPE (TbTemplateEditor, tb_template_editor, TB, TEMPLATE_EDITOR, AdwWindow)

/* reply_id 0 with CANNED_REPLY adds a new reply on Save. Actions:
 * editor.save (refused while the template has an error),
 * editor.insert-field (s: a field name), editor.replace-lookalikes,
 * editor.previous-contact, editor.next-contact. Signal "saved" after a
 * successful save, just before the window closes. */
TbTemplateEditor *tb_template_editor_new               (GtkWindow            *parent,
                                                        TbStore              *store,
                                                        gint64                campaign_id,
                                                        TbTemplateEditorKind  kind,
                                                        gint64                reply_id);
/* The name {texter_name} renders as in the preview. */
void              tb_template_editor_set_texter_name   (TbTemplateEditor     *self,
                                                        const char           *name);
GtkTextBuffer    *tb_template_editor_get_buffer        (TbTemplateEditor     *self);
/* FALSE while the template has an error (or a canned reply has no title). */
gboolean          tb_template_editor_get_can_save      (TbTemplateEditor     *self);
/* The errors shown under the text, one per line; "" when there is none. */
const char       *tb_template_editor_get_problems      (TbTemplateEditor     *self);
/* The lint warnings shown (CTIA, links); "" when there is none. */
const char       *tb_template_editor_get_warnings      (TbTemplateEditor     *self);
/* The contact the preview renders for, or NULL when the campaign has none. */
TbContact        *tb_template_editor_get_preview_contact (TbTemplateEditor   *self);
/* The rendered preview text: unknown placeholders as written; "" while a
 * brace is broken. */
char             *tb_template_editor_dup_preview       (TbTemplateEditor     *self);
/* What editor.save does. */
gboolean          tb_template_editor_save              (TbTemplateEditor     *self,
                                                        GError              **error);

G_END_DECLS
