/* ui-test-util.h: running the real app on a temporary database under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-application.h"
#include "tb-window.h"

G_BEGIN_DECLS

typedef void (*UiTestFunc) (TbApplication *app,
                            TbWindow      *window,
                            gpointer       user_data);

/* Runs the app on a fresh database in a temporary folder (with the demo
 * campaign unless no_demo), calls func once the window is mapped, then
 * quits. */
void        ui_test_run_app          (gboolean     no_demo,
                                      UiTestFunc   func,
                                      gpointer     user_data);

/* Iterates the main loop until cond(data) or the timeout; returns cond. */
gboolean    ui_test_wait_for         (gboolean   (*cond) (gpointer data),
                                      gpointer     data,
                                      guint        timeout_ms);
/* Iterates until nothing is pending (and at least a few frames). */
void        ui_test_spin             (void);
/* Waits (up to 10 s) until the composer shows a contact Send may go to, so a
 * loaded machine's slow frames cannot make a test press a disabled button. */
gboolean    ui_test_wait_ready       (TbWindow   *window);
/* Waits (up to 10 s) until the composer shows another contact than
 * previous_id and is ready to send again. */
gboolean    ui_test_wait_next_contact (TbWindow  *window,
                                       gint64     previous_id);

/* The first descendant button whose label or accessible label is label. */
GtkWidget  *ui_test_find_button      (GtkWidget   *root,
                                      const char  *label);
/* A key press and release as GTK delivers them to the window's key
 * controller; repeats extra presses come before the release. */
void        ui_test_key              (TbWindow    *window,
                                      guint        keyval,
                                      GdkModifierType state,
                                      guint        repeats);
gboolean    ui_test_key_press        (TbWindow    *window,
                                      guint        keyval,
                                      GdkModifierType state);
void        ui_test_key_release      (TbWindow    *window,
                                      guint        keyval,
                                      GdkModifierType state);

/* Signs in by name through the sign-in page. */
void        ui_test_sign_in          (TbWindow    *window,
                                      const char  *name);
/* Opens the campaign's texting window to the whole day. */
void        ui_test_open_all_day     (TbWindow    *window);
gint64      ui_test_current_contact_id (TbWindow  *window);

G_END_DECLS
