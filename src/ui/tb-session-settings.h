/* tb-session-settings.h: applies the app's settings to the session
 *
 * The provider (Simulator, or Twilio with the credentials from the
 * keyring), the rate limit and the poll interval, now and whenever they
 * change in Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-session.h"

G_BEGIN_DECLS

#define TB_TYPE_SESSION_SETTINGS (tb_session_settings_get_type ())
G_DECLARE_FINAL_TYPE (TbSessionSettings, tb_session_settings, TB, SESSION_SETTINGS, GObject)

/* Holds the session weakly. api_base: NULL for Twilio itself. Signal
 * "provider-failed" (GError *): Twilio is chosen but cannot be used (no
 * credentials, no keyring); the session keeps its provider. */
TbSessionSettings *tb_session_settings_new             (TbSession         *session,
                                                        GSettings         *settings,
                                                        const char        *api_base);
/* Reads the credentials again (after Preferences saved new ones). */
void               tb_session_settings_reload_provider (TbSessionSettings *self);
/* TRUE while the keyring is being read. */
gboolean           tb_session_settings_is_busy         (TbSessionSettings *self);
/* The last reason Twilio could not be used, or NULL. */
const GError      *tb_session_settings_get_error       (TbSessionSettings *self);

G_END_DECLS
