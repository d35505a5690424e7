/* tb-setup-actions.c: the campaign-setup screens as app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-setup-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-application.h"
#include "tb-campaign-editor.h"
#include "tb-export-flow.h"
#include "tb-import-dialog.h"
#include "tb-session-settings.h"
#include "tb-setup-actions.h"
#include "tb-stats-page.h"

const char *const tb_setup_admin_actions[] = {
  "new-campaign",
  "edit-campaign",
  "import-contacts",
  "export-results",
  "show-stats",
  "preferences",
  NULL
};

static void
show_message (GtkApplication *app,
              const char     *heading,
              const char     *body)
{
  GtkWindow *parent = gtk_application_get_active_window (app);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static TbAdminAction
admin_action_for (const char *name)
{
  if (g_str_equal (name, "import-contacts"))
    return TB_ADMIN_ACTION_IMPORT;
  if (g_str_equal (name, "export-results") || g_str_equal (name, "show-stats"))
    return TB_ADMIN_ACTION_EXPORT;
  return TB_ADMIN_ACTION_EDIT_CAMPAIGN;
}

/* The session, or NULL after telling the user why there is none. The
 * action itself is checked too: one invoked while disabled (the admin lock)
 * does nothing. */
static TbSession *
session_for_action (GSimpleAction  *action,
                    GtkApplication *app)
{
  TbSession *session;

  if (!g_action_get_enabled (G_ACTION (action)))
    {
      g_debug ("app.%s refused: it is disabled", g_action_get_name (G_ACTION (action)));
      return NULL;
    }

  session = tb_application_get_session (TB_APPLICATION (app));
  if (session != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The session refuses too, whatever the action's state (issue 8). */
      if (!tb_session_check_admin (session, admin_action_for (g_action_get_name (G_ACTION (action))),
                                   &error))
        {
          g_debug ("app.%s refused: %s", g_action_get_name (G_ACTION (action)), error->message);
          return NULL;
        }
    }
  if (session == NULL)
    {
      const GError *error = tb_application_get_error (TB_APPLICATION (app));

      show_message (app, _("The Database Is Not Open"),
                    error != NULL ? error->message : _("Textbank could not open its database."));
      return NULL;
    }

  return session;
}

static gint64
open_campaign_id (GtkApplication *app,
                  TbSession      *session)
{
  gint64 campaign_id = tb_session_get_campaign_id (session);

  if (campaign_id == 0)
    show_message (app, _("No Campaign Is Open"),
                  _("Open a campaign first, or create one with Campaigns in the main menu."));

  return campaign_id;
}

static TbCampaignEditor *
open_campaign_editor (GtkApplication *app,
                      TbSession      *session)
{
  GtkWindow *parent = gtk_application_get_active_window (app);
  TbCampaignEditor *editor;

  /* One editor at a time. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TB_IS_CAMPAIGN_EDITOR (l->data))
      {
        gtk_window_present (l->data);
        return l->data;
      }

  editor = tb_campaign_editor_new (parent, tb_session_get_store (session));
  gtk_window_set_application (GTK_WINDOW (editor), app);
  if (tb_session_get_campaign_id (session) > 0)
    tb_campaign_editor_select_campaign (editor, tb_session_get_campaign_id (session));
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

/* What an action opens, once the session (and, where it needs one, the
 * open campaign) is there. */
typedef void (*SetupActionFunc) (GtkApplication *app,
                                 TbSession      *session,
                                 gint64          campaign_id);

static void
open_new_campaign (GtkApplication *app,
                   TbSession      *session,
                   gint64          campaign_id)
{
  TbCampaignEditor *editor = open_campaign_editor (app, session);
  g_autoptr(GError) error = NULL;

  if (tb_campaign_editor_new_campaign (editor, &error) == 0)
    show_message (app, _("The Campaign Was Not Created"), error->message);
}

static void
open_edit_campaign (GtkApplication *app,
                    TbSession      *session,
                    gint64          campaign_id)
{
  TbCampaignEditor *editor = open_campaign_editor (app, session);

  if (tb_session_get_campaign_id (session) > 0)
    tb_campaign_editor_select_campaign (editor, tb_session_get_campaign_id (session));
}

static void
open_import_contacts (GtkApplication *app,
                      TbSession      *session,
                      gint64          campaign_id)
{
  TbImportDialog *dialog = tb_import_dialog_new (gtk_application_get_active_window (app),
                                                 tb_session_get_store (session), campaign_id);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_export_results (GtkApplication *app,
                     TbSession      *session,
                     gint64          campaign_id)
{
  /* The flow keeps itself alive until it is done. */
  g_autoptr(TbExportFlow) flow = tb_export_flow_new (gtk_application_get_active_window (app),
                                                     tb_session_get_store (session), campaign_id);

  tb_export_flow_run (flow);
}

static void
open_show_stats (GtkApplication *app,
                 TbSession      *session,
                 gint64          campaign_id)
{
  g_autoptr(TbCampaign) campaign = NULL;
  GtkWidget *window, *box, *header, *title, *page;

  campaign = tb_store_campaign_get (tb_session_get_store (session), campaign_id, NULL);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Statistics"));
  gtk_window_set_default_size (GTK_WINDOW (window), 780, 820);
  gtk_window_set_transient_for (GTK_WINDOW (window), gtk_application_get_active_window (app));
  gtk_window_set_application (GTK_WINDOW (window), app);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Statistics"), campaign != NULL ? tb_campaign_get_name (campaign) : "");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  page = tb_stats_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  tb_stats_page_set_campaign (TB_STATS_PAGE (page), tb_session_get_store (session), campaign_id);
  gtk_box_append (GTK_BOX (box), page);

  adw_window_set_content (ADW_WINDOW (window), box);

  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape|<Control>w"),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }

  gtk_window_present (GTK_WINDOW (window));
}

static const struct {
  const char      *name;
  gboolean         needs_campaign;
  SetupActionFunc  open;
} setup_actions[] = {
  { "new-campaign", FALSE, open_new_campaign },
  { "edit-campaign", FALSE, open_edit_campaign },
  { "import-contacts", TRUE, open_import_contacts },
  { "export-results", TRUE, open_export_results },
  { "show-stats", TRUE, open_show_stats },
};

static void
setup_action_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  TbSession *session = session_for_action (action, app);
  gint64 campaign_id = 0;

  if (session == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (setup_actions); i++)
    {
      if (!g_str_equal (setup_actions[i].name, name))
        continue;
      if (setup_actions[i].needs_campaign && (campaign_id = open_campaign_id (app, session)) == 0)
        return;
      setup_actions[i].open (app, session, campaign_id);
      return;
    }
}

void
tb_setup_actions_install (GtkApplication *app)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  for (guint i = 0; i < G_N_ELEMENTS (setup_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (setup_actions[i].name, NULL);

      g_signal_connect (action, "activate", G_CALLBACK (setup_action_activated), app);
      g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
    }
}

void
tb_setup_actions_set_enabled (GtkApplication *app,
                              gboolean        enabled)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  for (guint i = 0; tb_setup_admin_actions[i] != NULL; i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (app), tb_setup_admin_actions[i]);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

void
tb_setup_actions_attach_session (GtkApplication *app,
                                 TbSession      *session)
{
  g_autoptr(GSettings) settings = NULL;

  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (TB_IS_SESSION (session));

  settings = g_settings_new (APP_ID);
  g_object_set_data_full (G_OBJECT (app), "tb-session-settings",
                          tb_session_settings_new (session, settings, NULL), g_object_unref);
}

void
tb_setup_actions_reload_provider (GtkApplication *app)
{
  TbSessionSettings *session_settings;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  session_settings = g_object_get_data (G_OBJECT (app), "tb-session-settings");
  if (session_settings != NULL)
    tb_session_settings_reload_provider (session_settings);
}
