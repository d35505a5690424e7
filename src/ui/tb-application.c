/* tb-application.c: the AdwApplication; owns app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-application.h"
#include "tb-preferences-window.h"
#include "tb-renderer.h"
#include "tb-setup-actions.h"
#include "tb-window.h"
#include "tb-workstation-actions.h"

struct _TbApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *database_path;
  gboolean        no_demo;
  TbSession      *session;
  GError         *error;
};

G_DEFINE_FINAL_TYPE (TbApplication, tb_application, ADW_TYPE_APPLICATION)

static void
tb_application_about (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Textbank developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Textbank"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Textbank developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Peer-to-peer texting for campaigns, unions and nonprofits"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
tb_application_preferences (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  TbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  TbPreferencesWindow *prefs;
  g_autoptr(GError) error = NULL;

  /* Admin only: refused below the action's enabled state too (issue 8). */
  if (!g_action_get_enabled (G_ACTION (action))
      || (self->session != NULL
          && !tb_session_check_admin (self->session, TB_ADMIN_ACTION_PROVIDER_SETTINGS, &error)))
    {
      g_debug ("app.preferences refused: %s", error != NULL ? error->message : "disabled");
      return;
    }

  prefs = tb_preferences_window_new (parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
tb_application_quit (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TbApplication *self = user_data;

  /* Close each window first so each saves its state. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = tb_application_about },
  { .name = "preferences", .activate = tb_application_preferences },
  { .name = "quit", .activate = tb_application_quit },
};

static int
tb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TbApplication *self = TB_APPLICATION (app);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      g_free (self->database_path);
      self->database_path = g_file_get_path (file);
    }
  if (g_variant_dict_contains (options, "no-demo"))
    self->no_demo = TRUE;

  /* Carry on: register, start up, activate. */
  return -1;
}

/* Opens the database and starts the session. The first start on a new
 * database creates the demo campaign, so there is something to text. */
static void
tb_application_open_session (TbApplication *self)
{
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean is_new;

  /* --database, else the "database-path" setting (a workstation account
   * using a shared file on local disk), else this OS user's own file. */
  if (self->database_path != NULL)
    path = g_strdup (self->database_path);
  else
    {
      path = g_settings_get_string (self->settings, "database-path");
      if (*path == '\0')
        g_clear_pointer (&path, g_free);
    }
  if (path == NULL)
    path = tb_store_default_path ();
  is_new = !g_file_test (path, G_FILE_TEST_EXISTS);

  store = tb_store_open (path, &error);
  if (store == NULL)
    {
      g_warning ("Cannot open the database %s: %s", path, error->message);
      self->error = g_steal_pointer (&error);
      return;
    }

  self->session = tb_session_new (store, NULL);

  if (is_new && !self->no_demo &&
      tb_session_ensure_demo_campaign (self->session, &error) == 0)
    {
      g_warning ("Cannot create the demo campaign in %s: %s", path, error->message);
      g_clear_error (&error);
    }

  tb_session_start (self->session);
}

/* The "color-scheme" setting; ADW_DEBUG_COLOR_SCHEME still overrides it. */
static void
tb_application_apply_style (TbApplication *self)
{
  g_autofree char *style = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (style, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (style, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
tb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tb_window_new (TB_APPLICATION (app)));

  gtk_window_present (window);
}

static void
tb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Ctrl>q", NULL };
  TbApplication *self = TB_APPLICATION (app);

  G_APPLICATION_CLASS (tb_application_parent_class)->startup (app);

  /* Before the first window is realized: GTK picks its renderer then. */
  tb_renderer_choose (gdk_display_get_default (), NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  tb_setup_actions_install (GTK_APPLICATION (app));
  tb_workstation_actions_install (GTK_APPLICATION (app));
  /* Ctrl+, is the previous contact on the texting screen, so Preferences
   * stays in the menu without a shortcut. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (tb_application_apply_style), self, G_CONNECT_SWAPPED);
  tb_application_apply_style (self);

  tb_application_open_session (self);
  if (self->session != NULL)
    {
      tb_setup_actions_attach_session (GTK_APPLICATION (app), self->session);
      tb_workstation_actions_bind (GTK_APPLICATION (app), self->session);
    }
}

static void
tb_application_shutdown (GApplication *app)
{
  TbApplication *self = TB_APPLICATION (app);

  G_APPLICATION_CLASS (tb_application_parent_class)->shutdown (app);

  g_clear_object (&self->session);
}

static void
tb_application_finalize (GObject *object)
{
  TbApplication *self = TB_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_error (&self->error);
  g_free (self->database_path);

  G_OBJECT_CLASS (tb_application_parent_class)->finalize (object);
}

static void
tb_application_class_init (TbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tb_application_finalize;
  app_class->handle_local_options = tb_application_handle_local_options;
  app_class->activate = tb_application_activate;
  app_class->startup = tb_application_startup;
  app_class->shutdown = tb_application_shutdown;
}

static void
tb_application_init (TbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the database in FILE instead of the default one"), N_("FILE") },
    { "no-demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Do not create the demo campaign in a new database"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

TbApplication *
tb_application_new (void)
{
  return g_object_new (TB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

TbSession *
tb_application_get_session (TbApplication *self)
{
  g_return_val_if_fail (TB_IS_APPLICATION (self), NULL);

  return self->session;
}

const GError *
tb_application_get_error (TbApplication *self)
{
  g_return_val_if_fail (TB_IS_APPLICATION (self), NULL);

  return self->error;
}
