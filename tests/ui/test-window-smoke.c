/* test-window-smoke.c: the real main window opens, shows its empty state and closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-application.h"
#include "tb-window.h"
#include "ui-test-util.h"

static gboolean
find_status_page (GtkWidget  *widget,
                  const char *title)
{
  if (ADW_IS_STATUS_PAGE (widget) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0)
    return gtk_widget_get_visible (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_status_page (child, title))
      return TRUE;

  return FALSE;
}

static void
on_activate_check (GApplication *app,
                   gpointer      user_data)
{
  gboolean *checked = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GMainContext *context = g_main_context_default ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_nonnull (window);
  g_assert_true (TB_IS_WINDOW (window));

  /* Wait until the window is really mapped on the X server. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (context, FALSE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_assert_cmpstr (gtk_window_get_title (window), ==, "Textbank");
  g_assert_true (find_status_page (GTK_WIDGET (window), "No campaign yet"));

  /* The app-wide actions the menu relies on exist. */
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), "about") != NULL);
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), "preferences") != NULL);
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), "quit") != NULL);
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_assert_nonnull (accels);
    g_assert_cmpstr (accels[0], ==, "<Control>q");
  }

  *checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_window_opens_and_closes (void)
{
  g_autoptr(TbApplication) app = tb_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("textbank-smoke-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  /* A database with no campaign: the empty state. */
  char *argv[] = { (char *) "textbank", (char *) "--database", path, (char *) "--no-demo", NULL };
  gboolean checked = FALSE;
  int status;

  g_assert_no_error (error);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_check), &checked);

  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (checked);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_clear_object (&app);
  ui_test_remove_tree (dir);
}

static void
test_window_restores_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TbApplication) app = tb_application_new ();
  TbWindow *window;
  int width = 0, height = 0;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_settings_set_int (settings, "window-width", 801);
  g_settings_set_int (settings, "window-height", 602);

  window = tb_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 801);
  g_assert_cmpint (height, ==, 602);

  /* Closing saves the size it has now; GTK closes only a realized window. */
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 777, 555);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/opens-and-closes", test_window_opens_and_closes);
  g_test_add_func ("/window/restores-size", test_window_restores_size);

  return g_test_run ();
}
