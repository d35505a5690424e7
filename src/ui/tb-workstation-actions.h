/* tb-workstation-actions.h: the admin lock and the idle lock as app actions
 *
 * app.unlock-admin (asks for the admin passphrase), app.lock-admin,
 * app.lock (locks the workstation to the sign-in screen) and app.audit-log
 * (admin only). tb_workstation_actions_bind() makes every admin-only action
 * (tb_setup_admin_actions plus app.audit-log and app.lock-admin) follow the
 * session's "admin-unlocked".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-session.h"

G_BEGIN_DECLS

void       tb_workstation_actions_install (GtkApplication *app);
/* Call once the session exists. */
void       tb_workstation_actions_bind    (GtkApplication *app,
                                           TbSession      *session);

/* The admin unlock dialog (AdwMessageDialog with a password entry, its
 * "entry" data). The "unlock" response checks the passphrase in a worker
 * thread; a wrong one opens the dialog again saying why. */
GtkWidget *tb_admin_unlock_dialog_new     (GtkWindow      *parent,
                                           TbSession      *session);
/* The end-of-shift summary of the signed-in texter (AdwMessageDialog),
 * or NULL when nobody is signed in. */
GtkWidget *tb_shift_summary_dialog_new    (GtkWindow      *parent,
                                           TbSession      *session);

/* Records an action in the audit log with the signed-in texter of the
 * default application's session (for screens that only hold the store). */
void       tb_workstation_audit           (const char     *action,
                                           const char     *subject,
                                           const char     *detail);

G_END_DECLS
