/* tb-audit-window.h: the audit log for the admin: who did what and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-session.h"

G_BEGIN_DECLS

#define TB_TYPE_AUDIT_WINDOW (tb_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (TbAuditWindow, tb_audit_window, TB, AUDIT_WINDOW, AdwWindow)

/* Shows the newest TB_AUDIT_WINDOW_PAGE entries; more on demand. Closes
 * itself when the admin role locks. */
#define TB_AUDIT_WINDOW_PAGE 200

GtkWidget  *tb_audit_window_new        (GtkWindow     *parent,
                                        TbSession     *session);
/* Rows shown (tests). */
guint       tb_audit_window_get_n_rows (TbAuditWindow *self);
/* Writes the whole log as CSV to file (admin only; audited). */
void        tb_audit_window_export_async  (TbAuditWindow       *self,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    tb_audit_window_export_finish (TbAuditWindow       *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
