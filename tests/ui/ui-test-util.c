/* ui-test-util.c: running the real app on a temporary database under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tb-session.h"
#include "tb-simulator-provider.h"
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

  /* The app's simulator calls 2 % of numbers invalid and some landlines,
   * drawn from a random seed: a test's sends fail only where the test makes
   * them fail (a stray failure toast once broke the accessibility walk). */
  if (tb_window_get_session (TB_WINDOW (window)) != NULL)
    {
      TbSimulatorSettings settings;
      g_autoptr(TbSimulatorProvider) simulator = NULL;

      tb_simulator_settings_init_default (&settings);
      settings.invalid_number_rate = 0;
      settings.landline_rate = 0;
      simulator = tb_simulator_provider_new_full (tb_simulator_seed_from_environment (), &settings);
      tb_session_set_provider (tb_window_get_session (TB_WINDOW (window)), TB_PROVIDER (simulator));
    }

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
  ui_test_remove_tree (dir);
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

/* ---- What the window shows, what the carrier holds ---------------------- */

GtkLabel *
ui_test_first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = ui_test_first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static gboolean
has_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  label);

  return mismatch == NULL;
}

GtkWidget *
ui_test_find_button_by_accessible_label (GtkWidget  *root,
                                         const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root) && has_accessible_label (root, label))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_button_by_accessible_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* AdwToastWidget is private; it keeps its toast as "toast". */
static AdwToast *
find_shown_toast (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") && gtk_widget_get_visible (widget))
    {
      g_autoptr(AdwToast) toast = NULL;

      g_object_get (widget, "toast", &toast, NULL);
      return toast;   /* the overlay keeps its reference */
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwToast *toast = find_shown_toast (child);

      if (toast != NULL)
        return toast;
    }
  return NULL;
}

AdwToast *
ui_test_shown_toast (TbWindow *window)
{
  return find_shown_toast (GTK_WIDGET (window));
}

typedef struct {
  TbWindow   *window;
  const char *text;
} ToastProbe;

static gboolean
toast_shown (gpointer data)
{
  ToastProbe *probe = data;
  AdwToast *toast = ui_test_shown_toast (probe->window);

  return toast != NULL && strstr (adw_toast_get_title (toast), probe->text) != NULL;
}

gboolean
ui_test_wait_for_toast (TbWindow   *window,
                        const char *text,
                        guint       timeout_ms)
{
  ToastProbe probe = { window, text };
  AdwToast *toast;

  if (ui_test_wait_for (toast_shown, &probe, timeout_ms))
    return TRUE;
  toast = ui_test_shown_toast (window);
  g_test_message ("no toast “%s” after %u ms; shown: %s", text, timeout_ms,
                  toast != NULL ? adw_toast_get_title (toast) : "none");
  return FALSE;
}

typedef struct {
  gboolean   done;
  GPtrArray *messages;
  GError    *error;
} ListResult;

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ListResult *list = user_data;

  list->messages = tb_provider_list_messages_finish (TB_PROVIDER (source), result, &list->error);
  list->done = TRUE;
}

static gboolean
list_done (gpointer data)
{
  return ((ListResult *) data)->done;
}

guint
ui_test_provider_count_to (TbProvider *provider,
                           const char *phone)
{
  g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
  ListResult list = { FALSE, NULL, NULL };
  guint n;

  query->to = g_strdup (phone);
  query->direction = TB_PROVIDER_DIRECTION_OUTBOUND_API;
  tb_provider_list_messages_async (provider, query, NULL, on_listed, &list);
  g_assert_true (ui_test_wait_for (list_done, &list, 10000));
  g_assert_no_error (list.error);
  n = list.messages->len;
  g_ptr_array_unref (list.messages);
  return n;
}

void
ui_test_close_other_windows (TbWindow *window)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);

      if (other != GTK_WINDOW (window))
        gtk_window_destroy (other);
    }
  ui_test_spin ();
}

void
ui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

TbStore *
ui_test_store_new (const char  *dir_template,
                   char       **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TbStore *store;

  *dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "textbank.db", NULL);
  store = tb_store_open (path, &error);
  g_assert_no_error (error);

  return store;
}

void
ui_test_store_free (TbStore *store,
                    char    *dir)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A worker thread's task lets go of the store in an idle after its
   * callback: give it that turn. */
  while (G_OBJECT (store)->ref_count > 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (store);
  ui_test_remove_tree (dir);
  g_free (dir);
}

void
ui_test_campaign_set_up (UiTestCampaign *self,
                         const char     *dir_template,
                         const char     *description,
                         const char     *sender)
{
  g_autoptr(GError) error = NULL;

  self->store = ui_test_store_new (dir_template, &self->dir);
  self->campaign_id = tb_store_campaign_create (self->store, "Spring canvass", description, sender, FALSE, &error);
  g_assert_no_error (error);
}

void
ui_test_campaign_tear_down (UiTestCampaign *self,
                            gconstpointer   data)
{
  ui_test_store_free (g_steal_pointer (&self->store), g_steal_pointer (&self->dir));
}

void
ui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
ui_test_init (int    *argc,
              char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

void
ui_test_add_cases (gsize             fixture_size,
                   GTestFixtureFunc  set_up,
                   GTestFixtureFunc  tear_down,
                   const UiTestCase *cases,
                   guint             n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    g_test_add_vtable (cases[i].path, fixture_size, NULL, set_up, cases[i].func, tear_down);
}

void
ui_test_wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  tb_inbox_sync_poll_finish (TB_INBOX_SYNC (source), result, NULL, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
poll_done (gpointer data)
{
  return *(gboolean *) data;
}

void
ui_test_poll_once (TbSession *session)
{
  gboolean done = FALSE;

  tb_inbox_sync_poll_async (tb_session_get_inbox_sync (session), NULL, on_polled, &done);
  ui_test_wait_for (poll_done, &done, 10000);
  ui_test_spin ();
}

void
ui_test_take_screenshot (const UiShot *shot,
                         guint         settle_ms)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "import", "-window", "root", shot->out_path, NULL };
  int status = 0;

  ui_test_wait_ms (settle_ms);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
    g_printerr ("import: %s\n", error->message);
  else
    printf ("saved %s\n", shot->out_path);
}

int
ui_test_shoot_main (int         argc,
                    char       *argv[],
                    UiShot     *shot,
                    UiTestFunc  func)
{
  g_autoptr(GSettings) settings = NULL;

  if (argc < 3)
    {
      g_printerr ("usage: %s SCENE OUT.png [WIDTH HEIGHT]\n", argv[0]);
      return 2;
    }
  shot->scene = argv[1];
  shot->out_path = argv[2];
  if (argc >= 5)
    {
      shot->width = atoi (argv[3]);
      shot->height = atoi (argv[4]);
    }

  /* The translations, found as the app's main() finds them (screenshots
   * in Spanish: LANGUAGE=es with TEXTBANK_LOCALEDIR set to the build's po/). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("TEXTBANK_LOCALEDIR") != NULL ? g_getenv ("TEXTBANK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();

  /* Large text: GNOME's text scaling reaches GTK as gtk-xft-dpi through
   * XSETTINGS, which Xvfb has none of; TB_SHOOT_TEXT_SCALE (2 for 200%)
   * sets the same GtkSettings property here. */
  if (g_getenv ("TB_SHOOT_TEXT_SCALE") != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-xft-dpi",
                  (int) (96 * 1024 * g_ascii_strtod (g_getenv ("TB_SHOOT_TEXT_SCALE"), NULL)), NULL);

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "color-scheme", g_str_equal (shot->scene, "dark") ? "dark" : "light");

  ui_test_run_app (FALSE, func, shot);
  return 0;
}
