/* tb-workstation-actions.c: the admin lock and the idle lock as app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-workstation"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "tb-application.h"
#include "tb-audit-window.h"
#include "tb-setup-actions.h"
#include "tb-workstation-actions.h"

/* Admin-only actions of this file, besides tb_setup_admin_actions. */
static const char *const workstation_admin_actions[] = { "audit-log", NULL };

static TbSession *
app_session (GtkApplication *app)
{
  return tb_application_get_session (TB_APPLICATION (app));
}

static void
set_admin_actions_enabled (GtkApplication *app,
                           gboolean        enabled)
{
  tb_setup_actions_set_enabled (app, enabled);
  for (guint i = 0; workstation_admin_actions[i] != NULL; i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (app), workstation_admin_actions[i]);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

static void
admin_unlocked_changed (TbSession      *session,
                        GParamSpec     *pspec,
                        GtkApplication *app)
{
  gboolean unlocked = tb_session_get_admin_unlocked (session);
  GAction *unlock = g_action_map_lookup_action (G_ACTION_MAP (app), "unlock-admin");
  GAction *lock = g_action_map_lookup_action (G_ACTION_MAP (app), "lock-admin");

  set_admin_actions_enabled (app, unlocked);
  /* The menu shows whichever of Unlock Admin and Lock Admin applies. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (unlock), !unlocked);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (lock),
                               unlocked && tb_access_has_admin_passphrase (tb_session_get_access (session)));
}

/* ---- The unlock dialog ---------------------------------------------------- */

typedef struct {
  GtkWindow *parent;  /* weak */
  TbSession *session;
} UnlockJob;

static void
unlock_job_free (UnlockJob *job)
{
  g_clear_weak_pointer (&job->parent);
  g_clear_object (&job->session);
  g_free (job);
}

static GtkWidget *unlock_dialog_new_with_body (GtkWindow  *parent,
                                               TbSession  *session,
                                               const char *body);

static void
unlock_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  UnlockJob *job = user_data;
  g_autoptr(GError) error = NULL;

  /* A wrong passphrase asks again, saying why (and how long to wait when
   * rate limited). */
  if (!tb_access_unlock_admin_finish (TB_ACCESS (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_window_present (GTK_WINDOW (unlock_dialog_new_with_body (job->parent, job->session,
                                                                 error->message)));
  unlock_job_free (job);
}

static void
unlock_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TbSession        *session)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  UnlockJob *job;

  if (!g_str_equal (response, "unlock"))
    return;

  job = g_new0 (UnlockJob, 1);
  g_set_weak_pointer (&job->parent, gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  job->session = g_object_ref (session);
  tb_access_unlock_admin_async (tb_session_get_access (session),
                                gtk_editable_get_text (GTK_EDITABLE (entry)), NULL,
                                unlock_done_cb, job);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Enter answers "unlock" like the button; the dialog closes once the
 * entry's own signal emission is over. */
static void
unlock_entry_activated (GtkWidget        *entry,
                        AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "unlock");
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, close_idle_cb, g_object_ref (dialog), g_object_unref);
}

static GtkWidget *
unlock_dialog_new_with_body (GtkWindow  *parent,
                             TbSession  *session,
                             const char *body)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Unlock Admin"), body));
  /* A GtkEntry, not a GtkPasswordEntry: GTK 4.8's password entry warns when
   * its dialog is finalized after a close from an idle. */
  entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Admin passphrase"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "unlock", _("_Unlock"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "unlock", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "unlock");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unlock_response_cb), session, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (unlock_entry_activated), dialog, 0);
  gtk_widget_grab_focus (entry);
  return GTK_WIDGET (dialog);
}

GtkWidget *
tb_admin_unlock_dialog_new (GtkWindow *parent,
                            TbSession *session)
{
  g_return_val_if_fail (TB_IS_SESSION (session), NULL);

  return unlock_dialog_new_with_body (parent, session,
                                      _("Type the admin passphrase to import, export, change settings or edit campaigns."));
}

/* ---- The end-of-shift summary ---------------------------------------------- */

GtkWidget *
tb_shift_summary_dialog_new (GtkWindow *parent,
                             TbSession *session)
{
  g_autoptr(TbTexterStats) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (TB_IS_SESSION (session), NULL);

  summary = tb_session_shift_summary (session, &error);
  if (summary == NULL)
    {
      if (!g_error_matches (error, TB_SESSION_ERROR, TB_SESSION_ERROR_NO_SUCH_TEXTER))
        g_warning ("No end-of-shift summary: %s", error->message);
      return NULL;
    }

  heading = g_strdup_printf (_("Thank You, %s"), summary->texter_name);
  body = g_strdup_printf (_("This shift: %" PRId64 " messages sent "
                            "(%" PRId64 " first texts), %" PRId64
                            " replies handled, %" PRId64 " opt-outs recorded."),
                          summary->sent, summary->first_texts, summary->replies,
                          summary->opted_out);
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return dialog;
}

/* ---- Actions ---------------------------------------------------------------- */

static void
unlock_admin_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkApplication *app = user_data;
  TbSession *session = app_session (app);

  if (session == NULL || tb_session_get_locked (session))
    return;
  gtk_window_present (GTK_WINDOW (tb_admin_unlock_dialog_new (gtk_application_get_active_window (app),
                                                              session)));
}

static void
lock_admin_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TbSession *session = app_session (user_data);

  if (session != NULL)
    tb_access_lock_admin (tb_session_get_access (session));
}

static void
lock_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TbSession *session = app_session (user_data);

  if (session != NULL)
    tb_access_lock (tb_session_get_access (session));
}

static void
audit_log_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkApplication *app = user_data;
  TbSession *session = app_session (app);
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  if (session == NULL || !g_action_get_enabled (G_ACTION (action)))
    return;
  if (!tb_session_check_admin (session, TB_ADMIN_ACTION_VIEW_AUDIT, &error))
    {
      g_debug ("app.audit-log refused: %s", error->message);
      return;
    }
  window = tb_audit_window_new (gtk_application_get_active_window (app), session);
  gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry workstation_actions[] = {
  { .name = "unlock-admin", .activate = unlock_admin_activated },
  { .name = "lock-admin", .activate = lock_admin_activated },
  { .name = "lock", .activate = lock_activated },
  { .name = "audit-log", .activate = audit_log_activated },
};

void
tb_workstation_actions_install (GtkApplication *app)
{
  static const char *lock_accels[] = { "<Super>l", "<Ctrl><Shift>l", NULL };

  g_return_if_fail (GTK_IS_APPLICATION (app));

  g_action_map_add_action_entries (G_ACTION_MAP (app), workstation_actions,
                                   G_N_ELEMENTS (workstation_actions), app);
  gtk_application_set_accels_for_action (app, "app.lock", lock_accels);
  /* Locked until a session says otherwise. */
  set_admin_actions_enabled (app, FALSE);
}

void
tb_workstation_actions_bind (GtkApplication *app,
                             TbSession      *session)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (TB_IS_SESSION (session));

  g_signal_connect_object (session, "notify::admin-unlocked",
                           G_CALLBACK (admin_unlocked_changed), app, 0);
  admin_unlocked_changed (session, NULL, app);
}

void
tb_workstation_audit (const char *action,
                      const char *subject,
                      const char *detail)
{
  GApplication *app = g_application_get_default ();
  TbSession *session = TB_IS_APPLICATION (app) ? tb_application_get_session (TB_APPLICATION (app)) : NULL;

  g_return_if_fail (action != NULL);

  if (session != NULL)
    tb_access_audit (tb_session_get_access (session), action, subject, detail);
}
