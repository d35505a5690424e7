/* tb-application.c: the AdwApplication; owns app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-application.h"
#include "tb-preferences-window.h"
#include "tb-window.h"

struct _TbApplication
{
  AdwApplication parent_instance;
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
  TbPreferencesWindow *prefs = tb_preferences_window_new (parent);

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
  static const char *prefs_accels[] = { "<Ctrl>comma", NULL };

  G_APPLICATION_CLASS (tb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
}

static void
tb_application_class_init (TbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = tb_application_activate;
  app_class->startup = tb_application_startup;
}

static void
tb_application_init (TbApplication *self)
{
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
