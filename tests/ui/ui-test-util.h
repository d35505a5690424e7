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

/* ---- What the window shows, what the carrier holds ---------------------- */

/* The first label under widget (widget itself included), or NULL. */
GtkLabel   *ui_test_first_label      (GtkWidget   *widget);
/* The first visible button under root whose accessible label is label, or
 * NULL. Needs GTK_A11Y=test: with none GTK keeps no accessible properties. */
GtkWidget  *ui_test_find_button_by_accessible_label (GtkWidget  *root,
                                                     const char *label);
/* The toast the window shows now, or NULL (the overlay keeps it). */
AdwToast   *ui_test_shown_toast      (TbWindow    *window);
/* Waits until the window shows a toast whose title contains text; on a
 * timeout the test log names the toast shown instead. */
gboolean    ui_test_wait_for_toast   (TbWindow    *window,
                                      const char  *text,
                                      guint        timeout_ms);
/* How many outbound messages to phone the provider lists (waits up to 10 s). */
guint       ui_test_provider_count_to (TbProvider *provider,
                                       const char *phone);
/* Destroys every toplevel but window (dialogs, the shift summary). */
void        ui_test_close_other_windows (TbWindow *window);

/* ---- One window on a real store ---------------------------------------- */

/* Deletes a folder and the files in it (not deeper). */
void        ui_test_remove_tree      (const char  *path);
/* A fresh database "textbank.db" in a new temporary folder, named after
 * dir_template as g_dir_make_tmp() names it; *dir is set to the folder. */
TbStore    *ui_test_store_new        (const char  *dir_template,
                                      char       **dir);
/* Gives worker threads (up to 5 s) to let go of the store, asserts it is
 * finalized, then deletes the folder and frees dir. */
void        ui_test_store_free       (TbStore     *store,
                                      char        *dir);

/* The usual fixture of a test of one window: a campaign "Spring canvass"
 * in a fresh database in a temporary folder. */
typedef struct {
  char    *dir;
  TbStore *store;
  gint64   campaign_id;
} UiTestCampaign;

/* Creates it (sender may be NULL), the folder named after dir_template. */
void        ui_test_campaign_set_up    (UiTestCampaign *self,
                                        const char     *dir_template,
                                        const char     *description,
                                        const char     *sender);
/* ui_test_store_free() of its store and folder; data is unused, so this
 * is a GTestFixtureFunc too. */
void        ui_test_campaign_tear_down (UiTestCampaign *self,
                                        gconstpointer   data);

/* Iterates until nothing is pending (no frame wait: see ui_test_spin()). */
void        ui_test_drain            (void);

/* gtk_test_init() and adw_init(). */
void        ui_test_init             (int         *argc,
                                      char      ***argv);

/* A test on a fixture; func takes (Fixture *, gconstpointer). */
typedef struct {
  const char       *path;
  GTestFixtureFunc  func;
} UiTestCase;

#define UI_TEST_CASE(path, func) { (path), (GTestFixtureFunc) (func) }

/* g_test_add() for each case, all on one fixture type. */
void        ui_test_add_cases        (gsize             fixture_size,
                                      GTestFixtureFunc  set_up,
                                      GTestFixtureFunc  tear_down,
                                      const UiTestCase *cases,
                                      guint             n_cases);

/* ---- Screenshots (the shoot-* programs) -------------------------------- */

/* What a shoot-* program was asked for: SCENE OUT.png [WIDTH HEIGHT]. */
typedef struct {
  const char *scene;
  const char *out_path;
  int         width;
  int         height;
} UiShot;

/* Iterates the main loop for ms milliseconds. */
void        ui_test_wait_ms          (guint        ms);
/* Polls the inbox once and waits (up to 10 s) for the poll to finish. */
void        ui_test_poll_once        (TbSession   *session);
/* Lets the screen settle for settle_ms, then captures the X root window
 * into shot->out_path with ImageMagick's import. */
void        ui_test_take_screenshot  (const UiShot *shot,
                                      guint         settle_ms);
/* The main() of a shoot-* program: reads the arguments into *shot (its
 * width and height stay when none are given), sets up the translations,
 * the text scale (TB_SHOOT_TEXT_SCALE) and the colour scheme (dark for the
 * scene "dark"), then runs the app with func. Returns the exit status. */
int         ui_test_shoot_main       (int          argc,
                                      char        *argv[],
                                      UiShot      *shot,
                                      UiTestFunc   func);

G_END_DECLS
