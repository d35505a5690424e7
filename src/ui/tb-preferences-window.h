/* tb-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TB_TYPE_PREFERENCES_WINDOW (tb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TbPreferencesWindow, tb_preferences_window, TB, PREFERENCES_WINDOW, AdwPreferencesWindow)

TbPreferencesWindow *tb_preferences_window_new          (GtkWindow           *parent);
/* Where "Test connection" goes: NULL for Twilio itself, a loopback server in
 * tests. */
void                 tb_preferences_window_set_api_base (TbPreferencesWindow *self,
                                                         const char          *api_base);
/* TRUE while a keyring call or a connection test runs. */
gboolean             tb_preferences_window_is_busy      (TbPreferencesWindow *self);

G_END_DECLS
