/* ui-test-util.c: running the real app on a temporary database under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-util.h"

typedef struct {
  UiTestFunc  func;
  gpointer    user_data;
  gboolean    ran;
} RunData;

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
on_activate (GApplication *app,
             RunData      *run)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (TB_IS_WINDOW (window));
  g_assert_true (ui_test_wait_for (window_mapped, window, 5000));
  ui_test_spin ();

  run->func (TB_APPLICATION (app), TB_WINDOW (window), run->user_data);
  run->ran = TRUE;

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

void
ui_test_run_app (gboolean    no_demo,
                 UiTestFunc  func,
                 gpointer    user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("textbank-ui-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(TbApplication) app = tb_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  RunData run = { func, user_data, FALSE };
  int status;

  g_assert_no_error (error);
  path = g_build_filename (dir, "textbank.db", NULL);

  g_ptr_array_add (argv, (char *) "textbank");
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, path);
  if (no_demo)
    g_ptr_array_add (argv, (char *) "--no-demo");
  g_ptr_array_add (argv, NULL);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &run);

  status = g_application_run (G_APPLICATION (app), (int) argv->len - 1, (char **) argv->pdata);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.ran);

  g_clear_object (&app);
  /* SQLite's WAL files go with the database. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

gboolean
ui_test_wait_for (gboolean (*cond) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

void
ui_test_spin (void)
{
  gint64 until = g_get_monotonic_time () + 50 * 1000;

  /* Long enough for a few frames, so views bind their rows. */
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWidget *
ui_test_find_button (GtkWidget  *root,
                     const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root))
    {
      const char *text = gtk_button_get_label (GTK_BUTTON (root));

      if (text != NULL)
        {
          g_autofree char *plain = NULL;
          /* Strip the mnemonic underline. */
          GString *s = g_string_new (NULL);

          for (const char *p = text; *p; p++)
            if (*p != '_')
              g_string_append_c (s, *p);
          plain = g_string_free (s, FALSE);
          if (g_strcmp0 (plain, label) == 0)
            return root;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
ui_test_key_press (TbWindow        *window,
                   guint            keyval,
                   GdkModifierType  state)
{
  GtkEventController *controller = tb_window_get_key_controller (window);
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

void
ui_test_key_release (TbWindow        *window,
                     guint            keyval,
                     GdkModifierType  state)
{
  GtkEventController *controller = tb_window_get_key_controller (window);

  g_signal_emit_by_name (controller, "key-released", keyval, 0, state);
}

void
ui_test_key (TbWindow        *window,
             guint            keyval,
             GdkModifierType  state,
             guint            repeats)
{
  ui_test_key_press (window, keyval, state);
  for (guint i = 0; i < repeats; i++)
    {
      ui_test_key_press (window, keyval, state);
      g_main_context_iteration (NULL, FALSE);
    }
  ui_test_key_release (window, keyval, state);
}

static gboolean
composer_ready (gpointer data)
{
  TbComposer *composer = tb_window_get_composer (data);

  GtkWidget *send = ui_test_find_button (GTK_WIDGET (composer), "Send");

  return tb_composer_get_contact (composer) != NULL &&
         tb_composer_get_block_reason (composer) == NULL &&
         tb_send_guard_get_sensitive (tb_composer_get_send_guard (composer)) &&
         send != NULL && gtk_widget_is_sensitive (send);
}

gboolean
ui_test_wait_ready (TbWindow *window)
{
  return ui_test_wait_for (composer_ready, window, 10000);
}

typedef struct {
  TbWindow *window;
  gint64    previous_id;
} NextContact;

static gboolean
next_contact_ready (gpointer data)
{
  NextContact *next = data;
  gint64 id = ui_test_current_contact_id (next->window);

  return id != 0 && id != next->previous_id && composer_ready (next->window);
}

gboolean
ui_test_wait_next_contact (TbWindow *window,
                           gint64    previous_id)
{
  NextContact next = { window, previous_id };

  return ui_test_wait_for (next_contact_ready, &next, 10000);
}

void
ui_test_sign_in (TbWindow   *window,
                 const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");
  g_assert_true (tb_sign_in_page_sign_in_name (tb_window_get_sign_in_page (window), name, &error));
  g_assert_no_error (error);
  ui_test_spin ();
  g_assert_cmpstr (tb_window_get_page (window), ==, "texting");
  /* Not asserted: a test may sign in to a campaign where nobody can be texted. */
  ui_test_wait_ready (window);
}

void
ui_test_open_all_day (TbWindow *window)
{
  g_autoptr(GError) error = NULL;
  TbSession *session = tb_window_get_session (window);

  g_assert_true (tb_store_campaign_update (tb_session_get_store (session),
                                           tb_session_get_campaign_id (session),
                                           NULL, NULL, NULL, 0, 24 * 60, &error));
  g_assert_no_error (error);
  ui_test_spin ();
  tb_composer_refresh (tb_window_get_composer (window));
  ui_test_wait_ready (window);
}

gint64
ui_test_current_contact_id (TbWindow *window)
{
  TbContact *contact = tb_composer_get_contact (tb_window_get_composer (window));

  return contact != NULL ? tb_contact_get_id (contact) : 0;
}
