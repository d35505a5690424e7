/* shoot-setup.c: drives the real app to a campaign-setup screen and takes a
 * screenshot
 *
 *   shoot-setup SCENE OUT.png [WIDTH HEIGHT]
 *
 * SCENE: campaign-editor, template-editor, import-preview, import-report,
 * stats, preferences. Run under Xvfb with a WIDTH x HEIGHT screen
 * (build-aux/screenshots-setup.sh does). The screens are opened through the
 * app's own actions on a fresh demo database; the screen's window is sized
 * to the whole X screen, which is then captured with ImageMagick's import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-campaign-editor.h"
#include "tb-import-dialog.h"
#include "tb-preferences-window.h"
#include "tb-simulator-provider.h"
#include "tb-stats-page.h"
#include "tb-template-editor.h"
#include "ui-test-util.h"

static UiShot shot = { NULL, NULL, 1280, 800 };

static void
take_screenshot (void)
{
  ui_test_take_screenshot (&shot, 800);
}

static GtkWindow *
find_window (GtkApplication *app,
             GType           type,
             const char     *title)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) &&
        (title == NULL || g_strcmp0 (gtk_window_get_title (l->data), title) == 0))
      return l->data;

  return NULL;
}

/* Windows opened with a transient parent but no application. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
fill_screen (GtkWindow *window)
{
  gtk_window_set_default_size (window, shot.width, shot.height);
  gtk_widget_set_size_request (GTK_WIDGET (window), shot.width, shot.height);
  ui_test_spin ();
  ui_test_wait_ms (300);
}

static void
send_first_texts (TbWindow *window,
                  guint     n)
{
  for (guint i = 0; i < n; i++)
    {
      ui_test_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, 0);
      ui_test_spin ();
    }
}

/* Some contacts answer through the simulated carrier; one says STOP. */
static void
inject_replies (TbSession *session)
{
  TbStore *store = tb_session_get_store (session);
  g_autoptr(TbCampaign) campaign = tb_store_campaign_get (store, tb_session_get_campaign_id (session), NULL);
  g_autoptr(GPtrArray) waiting = tb_store_contact_page (store, tb_session_get_campaign_id (session),
                                                        TB_CONTACT_STATUS_WAITING, NULL, 0, 6, NULL);
  static const char *const replies[] = {
    "Yes! Count me in.", "What time do polls open?", "STOP", "Already voted early :)", "Who is this?",
  };

  for (guint i = 0; waiting != NULL && i < waiting->len && i < G_N_ELEMENTS (replies); i++)
    {
      g_autofree char *id = tb_simulator_provider_inject_inbound (
        TB_SIMULATOR_PROVIDER (tb_session_get_provider (session)),
        tb_contact_get_phone (g_ptr_array_index (waiting, i)), tb_campaign_get_sender (campaign), replies[i]);
    }
}

static char *
write_people_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tb-shoot-XXXXXX", NULL);
  char *path = g_build_filename (dir, "spring-canvass-list.csv", NULL);
  static const char csv[] =
    "First Name,Last Name,Cell Phone,ZIP,Precinct,Volunteer?,Notes\n"
    "Maria,Gonzalez,(512) 203-4471,78702,101,yes,Met at the farmers market\n"
    "DEVON,WASHINGTON,512-203-4472,78704,102,maybe,\n"
    "Aiko,Tanaka,+1 512 203 4473,78705,101,no,Prefers evenings\n"
    "Samuel,Okafor,5122034474,78722,118,yes,\n"
    "Lena,Fischer,512.203.4475,78751,120,,Spanish speaker\n"
    "Omar,Haddad,(512) 203-4471,78702,101,yes,Same phone as Maria\n"
    "Grace,Kim,555-1234,78741,131,no,\n"
    "Tomás,Rivera,,78744,133,maybe,No phone on file\n"
    "Priya,Shah,512-203-4479,78745,140,yes,\n"
    "Noah,Bennett,512-203-4480,78748,141,no,\n"
    "Chloe,Martin,512-203-4481,78749,142,yes,\n"
    "Ethan,Nguyen,512-203-4482,78750,143,maybe,\n";

  g_file_set_contents (path, csv, -1, NULL);
  return path;
}

static void
wait_for_page (TbImportDialog *dialog,
               const char     *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (tb_import_dialog_get_page (dialog), page) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
expand_rows (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_rows (child);
}

static void
shoot_import (GtkApplication *app,
              TbSession      *session,
              gboolean        report)
{
  g_autofree char *path = write_people_csv ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TbImportDialog *dialog;

  /* One number from the list opted out earlier. */
  tb_store_opt_out_add (tb_session_get_store (session), "+15122034480", TB_OPT_OUT_SOURCE_KEYWORD, 0, 0, NULL);

  g_action_group_activate_action (G_ACTION_GROUP (app), "import-contacts", NULL);
  ui_test_spin ();
  dialog = TB_IMPORT_DIALOG (find_toplevel (TB_TYPE_IMPORT_DIALOG));
  fill_screen (GTK_WINDOW (dialog));

  tb_import_dialog_set_file (dialog, file);
  wait_for_page (dialog, "preview");
  /* The user says the notes are not worth keeping. */
  gtk_drop_down_set_selected (tb_import_dialog_get_column_dropdown (dialog, 6), 5);
  ui_test_spin ();

  if (report)
    {
      gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
      wait_for_page (dialog, "report");
      expand_rows (GTK_WIDGET (dialog));
      ui_test_spin ();
    }

  take_screenshot ();
}

static void
shoot (TbApplication *app,
       TbWindow      *window,
       gpointer       user_data)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  TbSession *session = tb_window_get_session (window);
  TbStore *store = tb_session_get_store (session);
  gint64 campaign_id;

  gtk_window_set_default_size (GTK_WINDOW (window), shot.width, shot.height);
  ui_test_spin ();
  ui_test_sign_in (window, "Sam Rivera");
  if (g_str_equal (shot.scene, "stats"))
    ui_test_open_all_day (window);
  campaign_id = tb_session_get_campaign_id (session);

  if (g_str_equal (shot.scene, "campaign-editor"))
    {
      GtkWindow *editor;

      tb_store_tag_ensure (store, "Volunteer", NULL);
      tb_store_tag_ensure (store, "Needs a ride", NULL);
      tb_store_tag_ensure (store, "Spanish speaker", NULL);
      g_action_group_activate_action (G_ACTION_GROUP (app), "edit-campaign", NULL);
      ui_test_spin ();
      editor = find_window (gtk_app, TB_TYPE_CAMPAIGN_EDITOR, NULL);
      fill_screen (editor);
      take_screenshot ();
    }
  else if (g_str_equal (shot.scene, "template-editor"))
    {
      TbTemplateEditor *editor = tb_template_editor_new (GTK_WINDOW (window), store, campaign_id,
                                                         TB_TEMPLATE_EDITOR_INITIAL_MESSAGE, 0);
      GtkTextBuffer *buffer = tb_template_editor_get_buffer (editor);

      tb_template_editor_set_texter_name (editor, tb_session_get_texter_name (session));
      gtk_window_present (GTK_WINDOW (editor));
      fill_screen (GTK_WINDOW (editor));
      gtk_text_buffer_set_text (buffer,
                                "Hi {first_name}, it’s {texter_name}, a volunteer with Neighbors for Parks. "
                                "Your polling place for precinct {Precint} opens at 7. Can we count on your "
                                "vote for the park bond on Nov 3? Reply STOP to opt out.", -1);
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-contact", NULL);
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-contact", NULL);
      ui_test_spin ();
      take_screenshot ();
    }
  else if (g_str_equal (shot.scene, "import-preview"))
    shoot_import (gtk_app, session, FALSE);
  else if (g_str_equal (shot.scene, "import-report"))
    shoot_import (gtk_app, session, TRUE);
  else if (g_str_equal (shot.scene, "stats"))
    {
      GtkWindow *stats;

      send_first_texts (window, 14);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
      ui_test_spin ();
      ui_test_sign_in (window, "Jordan Lee");
      send_first_texts (window, 9);
      ui_test_wait_ms (2000);
      inject_replies (session);
      for (guint i = 0; i < 4; i++)
        {
          ui_test_wait_ms (2500);
          ui_test_poll_once (session);
        }
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-stats", NULL);
      ui_test_spin ();
      stats = find_window (gtk_app, ADW_TYPE_WINDOW, "Statistics");
      fill_screen (stats);
      take_screenshot ();
    }
  else if (g_str_equal (shot.scene, "preferences"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      GtkWindow *prefs;

      g_settings_set_string (settings, "provider", "twilio");
      g_settings_set_string (settings, "default-sender", "+15125550100");
      g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
      ui_test_spin ();
      prefs = find_toplevel (TB_TYPE_PREFERENCES_WINDOW);
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "provider");
      fill_screen (prefs);
      ui_test_wait_ms (1500);
      take_screenshot ();
    }
  else
    g_printerr ("unknown scene %s\n", shot.scene);
}

int
main (int   argc,
      char *argv[])
{
  return ui_test_shoot_main (argc, argv, &shot, shoot);
}
