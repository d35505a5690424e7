/* tb-setup-actions.h: the campaign-setup screens as app actions
 *
 * app.new-campaign, app.edit-campaign, app.import-contacts,
 * app.export-results and app.show-stats, plus app.preferences (installed by
 * TbApplication) are the admin's: tb_setup_actions_set_enabled() turns them
 * all off or on (the admin lock), and each refuses when it is activated
 * while disabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-session.h"

G_BEGIN_DECLS

/* The names of the admin-only app actions, NULL-terminated. */
extern const char *const tb_setup_admin_actions[];

/* Adds the actions to the application (call from its startup). */
void     tb_setup_actions_install      (GtkApplication *app);
/* Enables or disables every admin-only action. */
void     tb_setup_actions_set_enabled  (GtkApplication *app,
                                        gboolean        enabled);

/* Applies the app's settings (provider, rate limit, poll interval) to the
 * session from now on (a TbSessionSettings kept on the application). */
void     tb_setup_actions_attach_session  (GtkApplication *app,
                                           TbSession      *session);
/* Reads the provider's credentials again, after Preferences saved them. */
void     tb_setup_actions_reload_provider (GtkApplication *app);

G_END_DECLS
