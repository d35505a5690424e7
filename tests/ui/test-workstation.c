/* test-workstation.c: the shared workstation in the real app under Xvfb
 *
 * A texter cannot open the admin's screens (the actions are disabled and
 * refuse when invoked anyway), a wrong passphrase fails and is rate
 * limited, the idle lock hides the conversation, the audit log records who
 * did what, and signing out shows the end-of-shift summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tb-audit-window.h"
#include "tb-preferences-window.h"
#include "tb-workstation-actions.h"
#include "ui-test-util.h"

#define PASSPHRASE "workstation passphrase"

static const char *const admin_actions[] = {
  "import-contacts", "export-results", "preferences", "edit-campaign", "new-campaign",
  "show-stats", "audit-log", NULL
};

static guint
count_audit (TbSession  *session,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = tb_store_audit_list (tb_session_get_store (session), 0, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (((TbAuditEntry *) entries->pdata[i])->action, action))
      n++;
  return n;
}

/* Toplevel windows other than the main one that are visible. */
static guint
count_other_windows (TbWindow *window)
{
  g_autoptr(GListModel) toplevels = NULL;
  guint n = 0;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (other != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (other)))
        n++;
    }
  return n;
}

static void
close_other_windows (TbWindow *window)
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

/* The newest visible AdwMessageDialog, or NULL. */
static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (other) && gtk_widget_get_visible (GTK_WIDGET (other)))
        return ADW_MESSAGE_DIALOG (other);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
admin_unlocked (gpointer data)
{
  return tb_session_get_admin_unlocked (TB_SESSION (data));
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
set_passphrase (TbSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TbAccess *access = tb_session_get_access (session);

  tb_access_set_admin_passphrase_async (access, PASSPHRASE, NULL, done_cb, &result);
  g_assert_true (ui_test_wait_for (result_ready, &result, 10000));
  g_assert_true (tb_access_set_admin_passphrase_finish (access, result, &error));
  g_assert_no_error (error);
}

/* Types into the unlock dialog and presses Unlock; returns the dialog that
 * answers (a new one when the passphrase was wrong), or NULL. */
static AdwMessageDialog *
try_unlock (TbWindow   *window,
            const char *passphrase)
{
  TbSession *session = tb_window_get_session (window);
  GtkWidget *dialog = tb_admin_unlock_dialog_new (GTK_WINDOW (window), session);
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_spin ();
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  /* Enter in the entry. */
  g_signal_emit_by_name (entry, "activate");
  ui_test_spin ();
  /* Enter pressed Unlock, which closed the dialog. */
  g_assert_true (dialog == NULL || !gtk_widget_get_visible (dialog));
  g_clear_weak_pointer (&dialog);

  while (g_get_monotonic_time () < deadline)
    {
      if (tb_session_get_admin_unlocked (session))
        return NULL;
      if (find_message_dialog () != NULL)
        return find_message_dialog ();
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_not_reached ();
}

/* ---- A texter cannot open import, export or preferences ------------------ */

static void
check_admin_actions (TbApplication *app,
                     TbWindow      *window,
                     gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  GActionGroup *group = G_ACTION_GROUP (app);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *answer;

  /* The first run: no passphrase yet, the sign-in page asks for one. */
  g_assert_false (tb_access_has_admin_passphrase (tb_session_get_access (session)));
  g_assert_true (g_action_group_get_action_enabled (group, "import-contacts"));
  set_passphrase (session);

  ui_test_sign_in (window, "Volunteer");
  g_assert_cmpstr (tb_window_get_page (window), ==, "texting");
  g_assert_false (tb_session_get_admin_unlocked (session));

  /* Disabled … */
  for (guint i = 0; admin_actions[i] != NULL; i++)
    {
      g_test_message ("app.%s", admin_actions[i]);
      g_assert_true (g_action_group_has_action (group, admin_actions[i]));
      g_assert_false (g_action_group_get_action_enabled (group, admin_actions[i]));
    }
  g_assert_true (g_action_group_get_action_enabled (group, "unlock-admin"));
  g_assert_false (g_action_group_get_action_enabled (group, "lock-admin"));

  /* … and refusing when invoked directly, even with the action forced on. */
  for (guint i = 0; admin_actions[i] != NULL; i++)
    {
      g_action_group_activate_action (group, admin_actions[i], NULL);
      ui_test_spin ();
      g_assert_cmpuint (count_other_windows (window), ==, 0);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app),
                                                                              admin_actions[i])),
                                   TRUE);
      g_action_group_activate_action (group, admin_actions[i], NULL);
      ui_test_spin ();
      g_assert_cmpuint (count_other_windows (window), ==, 0);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app),
                                                                              admin_actions[i])),
                                   FALSE);
    }
  g_assert_cmpuint (count_audit (session, "import"), ==, 0);
  g_assert_cmpuint (count_audit (session, "export"), ==, 0);
  g_assert_false (tb_session_check_admin (session, TB_ADMIN_ACTION_IMPORT, &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_ADMIN_LOCKED);
  g_clear_error (&error);

  /* A wrong passphrase fails, says so, and is rate limited. */
  for (int i = 0; i < TB_AUTH_FREE_FAILURES; i++)
    {
      answer = try_unlock (window, "not the passphrase");
      g_assert_nonnull (answer);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (answer), "not the right"));
      g_assert_false (tb_session_get_admin_unlocked (session));
      close_other_windows (window);
    }
  answer = try_unlock (window, PASSPHRASE);
  g_assert_nonnull (answer);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (answer), "Too many wrong tries"));
  g_assert_false (tb_session_get_admin_unlocked (session));
  g_assert_false (g_action_group_get_action_enabled (group, "preferences"));
  close_other_windows (window);
  g_assert_cmpuint (count_audit (session, "admin_unlock_failed"), ==, TB_AUTH_FREE_FAILURES);

  /* After the wait (moved on by the clock the limit reads), the right one
   * unlocks and the actions follow. */
  {
    g_autofree char *value = tb_store_setting_get (tb_session_get_store (session),
                                                   "auth.limit." TB_AUTH_SCOPE_ADMIN, NULL);

    g_assert_nonnull (value);
    tb_auth_limit_reset (tb_session_get_store (session), TB_AUTH_SCOPE_ADMIN, NULL);
  }
  g_assert_null (try_unlock (window, PASSPHRASE));
  g_assert_true (ui_test_wait_for (admin_unlocked, session, 1000));
  for (guint i = 0; admin_actions[i] != NULL; i++)
    g_assert_true (g_action_group_get_action_enabled (group, admin_actions[i]));
  g_assert_false (g_action_group_get_action_enabled (group, "unlock-admin"));
  g_assert_true (g_action_group_get_action_enabled (group, "lock-admin"));
  g_action_group_activate_action (group, "preferences", NULL);
  ui_test_spin ();
  g_assert_cmpuint (count_other_windows (window), ==, 1);
  close_other_windows (window);

  /* Switching texter locks it again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  ui_test_spin ();
  close_other_windows (window);
  ui_test_sign_in (window, "Next Volunteer");
  g_assert_false (tb_session_get_admin_unlocked (session));
  g_assert_false (g_action_group_get_action_enabled (group, "import-contacts"));
}

/* ---- The idle lock hides the conversation --------------------------------- */

static gboolean
sign_in_shown (gpointer data)
{
  return g_strcmp0 (tb_window_get_page (TB_WINDOW (data)), "sign-in") == 0;
}

static void
check_idle_lock (TbApplication *app,
                 TbWindow      *window,
                 gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  GtkWidget *thread_view = GTK_WIDGET (tb_window_get_thread_view (window));
  GtkWidget *composer = GTK_WIDGET (tb_window_get_composer (window));
  gint64 start;

  ui_test_sign_in (window, "Idle Texter");
  ui_test_open_all_day (window);
  g_assert_cmpstr (tb_window_get_page (window), ==, "texting");
  g_assert_true (gtk_widget_get_mapped (composer));

  tb_access_set_timeouts_ms (tb_session_get_access (session), 60000, 400);

  /* Input keeps it open. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 800 * 1000)
    {
      tb_access_note_activity (tb_session_get_access (session));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  g_assert_cmpstr (tb_window_get_page (window), ==, "texting");

  /* No input: the sign-in page, and the conversation is not on screen. */
  g_assert_true (ui_test_wait_for (sign_in_shown, window, 5000));
  ui_test_spin ();
  g_assert_true (tb_session_get_locked (session));
  g_assert_false (gtk_widget_get_mapped (thread_view));
  g_assert_false (gtk_widget_get_mapped (composer));
  /* The texter is still known, so the next sign-in is quick. */
  g_assert_cmpint (tb_session_get_texter_id (session), >, 0);
  g_assert_cmpuint (count_audit (session, "lock"), ==, 1);

  tb_access_set_timeouts_ms (tb_session_get_access (session), 60000, 0);
  ui_test_sign_in (window, "Idle Texter");
  g_assert_cmpstr (tb_window_get_page (window), ==, "texting");
  g_assert_false (tb_session_get_locked (session));

  /* app.lock does the same at once. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  ui_test_spin ();
  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");
  g_assert_false (gtk_widget_get_mapped (composer));
}

/* ---- The audit log, the audit window and the shift summary ----------------- */

static void
check_audit_and_summary (TbApplication *app,
                         TbWindow      *window,
                         gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TbContact) contact = NULL;
  AdwMessageDialog *summary;
  GtkWidget *audit_window;
  gint64 ana;
  gboolean found_send = FALSE;

  ui_test_sign_in (window, "Ana");
  ui_test_open_all_day (window);
  ana = tb_session_get_texter_id (session);
  contact = tb_store_contact_next_first_text (tb_session_get_store (session),
                                              tb_session_get_campaign_id (session), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_outbox_submit_first_text (tb_session_get_outbox (session),
                                                tb_contact_get_id (contact), "Hello there",
                                                "press-audit-1", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (tb_store_opt_out_add (tb_session_get_store (session), "+15125550999",
                                       TB_OPT_OUT_SOURCE_MANUAL, 0, ana, &error));

  /* Signing out shows the shift summary. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_true (ui_test_wait_for (message_dialog_shown, NULL, 2000));
  summary = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (summary), "Ana"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (summary), "1 messages sent"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (summary), "1 opt-outs"));
  close_other_windows (window);
  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");

  entries = tb_store_audit_list (tb_session_get_store (session), 0, 100, &error);
  for (guint i = 0; i < entries->len; i++)
    {
      TbAuditEntry *entry = entries->pdata[i];

      if (g_str_equal (entry->action, "send_first_text"))
        {
          g_assert_cmpint (entry->texter_id, ==, ana);
          g_assert_cmpstr (entry->texter_name, ==, "Ana");
          g_assert_cmpstr (entry->subject, ==, tb_contact_get_phone (contact));
          found_send = TRUE;
        }
    }
  g_assert_true (found_send);
  g_assert_cmpuint (count_audit (session, "sign_in"), ==, 1);
  g_assert_cmpuint (count_audit (session, "sign_out"), ==, 1);
  g_assert_cmpuint (count_audit (session, "opt_out"), >=, 1);

  /* No passphrase on this machine: the admin may read and export the log. */
  ui_test_sign_in (window, "Admin");
  g_action_group_activate_action (G_ACTION_GROUP (app), "audit-log", NULL);
  ui_test_spin ();
  g_assert_cmpuint (count_other_windows (window), ==, 1);
  audit_window = NULL;
  {
    g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

        if (TB_IS_AUDIT_WINDOW (other))
          audit_window = GTK_WIDGET (other);
      }
  }
  g_assert_nonnull (audit_window);
  g_assert_cmpuint (tb_audit_window_get_n_rows (TB_AUDIT_WINDOW (audit_window)), >=, 5);

  dir = g_dir_make_tmp ("textbank-audit-XXXXXX", &error);
  path = g_build_filename (dir, "audit.csv", NULL);
  file = g_file_new_for_path (path);
  tb_audit_window_export_async (TB_AUDIT_WINDOW (audit_window), file, NULL, done_cb, &exported);
  g_assert_true (ui_test_wait_for (result_ready, &exported, 5000));
  g_assert_true (tb_audit_window_export_finish (TB_AUDIT_WINDOW (audit_window), exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "id,at,texter,action,subject,detail\r\n"));
  g_assert_nonnull (strstr (csv, ",Ana,send_first_text,"));
  g_assert_cmpuint (count_audit (session, "audit_export"), ==, 1);
  g_unlink (path);
  g_rmdir (dir);

  /* With a passphrase set, locking the admin closes the log. */
  set_passphrase (session);
  tb_access_lock_admin (tb_session_get_access (session));
  ui_test_spin ();
  g_assert_cmpuint (count_other_windows (window), ==, 0);
}

static void
collect_password_rows (GtkWidget *widget,
                       GPtrArray *rows)
{
  if (ADW_IS_PASSWORD_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_password_rows (child, rows);
}

static GtkWidget *
find_entry_row (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget) && !ADW_IS_PASSWORD_ENTRY_ROW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
texting_shown (gpointer data)
{
  return g_strcmp0 (tb_window_get_page (TB_WINDOW (data)), "texting") == 0;
}

/* ---- PINs on the sign-in page --------------------------------------------- */

static void
check_pin (TbApplication *app,
           TbWindow      *window,
           gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  tb_access_add_texter_async (tb_session_get_access (session), "Pia", "2580", NULL,
                              done_cb, &added);
  g_assert_true (ui_test_wait_for (result_ready, &added, 10000));
  id = tb_access_add_texter_finish (tb_session_get_access (session), added, &error);
  g_assert_no_error (error);
  tb_sign_in_page_reload (tb_window_get_sign_in_page (window));

  /* By name alone: refused, a PIN is needed. */
  g_assert_false (tb_sign_in_page_sign_in_name (tb_window_get_sign_in_page (window), "Pia", &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_cmpint (tb_session_get_texter_id (session), ==, 0);
  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");

  tb_session_sign_in_with_pin_async (session, id, "2580", NULL, done_cb, &signed_in);
  g_assert_true (ui_test_wait_for (result_ready, &signed_in, 10000));
  g_assert_true (tb_session_sign_in_with_pin_finish (session, signed_in, &error));
  g_assert_no_error (error);
  ui_test_spin ();
  g_assert_cmpstr (tb_window_get_page (window), ==, "texting");

  /* A new name with a PIN, through the page: added with the PIN hashed,
   * then signed in through the PIN check. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  ui_test_spin ();
  close_other_windows (window);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(TbTexter) neo = NULL;
    GtkWidget *name_row;

    collect_password_rows (GTK_WIDGET (tb_window_get_sign_in_page (window)), rows);
    name_row = gtk_widget_get_prev_sibling (gtk_widget_get_ancestor (rows->pdata[0], GTK_TYPE_LIST_BOX));
    name_row = find_entry_row (name_row);
    g_assert_nonnull (name_row);
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "4321");
    gtk_editable_set_text (GTK_EDITABLE (name_row), "Neo");
    g_signal_emit_by_name (name_row, "entry-activated");
    g_assert_true (ui_test_wait_for (texting_shown, window, 10000));
    g_assert_cmpstr (tb_session_get_texter_name (session), ==, "Neo");
    neo = tb_store_texter_get_by_name (tb_session_get_store (session), "Neo", &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (neo->pin_hash, "$argon2id$"));
  }
}

/* ---- The first-run step on the sign-in page ------------------------------ */

static gboolean
has_passphrase (gpointer data)
{
  return tb_access_has_admin_passphrase (tb_session_get_access (TB_SESSION (data)));
}

static void
check_first_run (TbApplication *app,
                 TbWindow      *window,
                 gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *admin_group;

  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");
  collect_password_rows (GTK_WIDGET (tb_window_get_sign_in_page (window)), rows);
  /* The PIN, then the passphrase twice. */
  g_assert_cmpuint (rows->len, ==, 3);
  admin_group = gtk_widget_get_ancestor (rows->pdata[1], ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (admin_group));

  /* Too short, then two different ones: refused, nothing stored. */
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[1]), "short");
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[2]), "short");
  g_signal_emit_by_name (rows->pdata[2], "entry-activated");
  ui_test_spin ();
  g_assert_false (has_passphrase (session));
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[1]), PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[2]), PASSPHRASE "x");
  g_signal_emit_by_name (rows->pdata[2], "entry-activated");
  ui_test_spin ();
  g_assert_false (has_passphrase (session));

  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[2]), PASSPHRASE);
  g_signal_emit_by_name (rows->pdata[2], "entry-activated");
  g_assert_true (ui_test_wait_for (has_passphrase, session, 10000));
  ui_test_spin ();
  g_assert_false (gtk_widget_get_visible (admin_group));

  /* The volunteer who signs in next is not the admin. */
  ui_test_sign_in (window, "First Volunteer");
  g_assert_false (tb_session_get_admin_unlocked (session));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (tb_access_unlock_admin (tb_session_get_access (session), PASSPHRASE, &error));
  g_assert_no_error (error);
}

static void
test_first_run (void)
{
  ui_test_run_app (FALSE, check_first_run, NULL);
}

static void
test_admin_actions (void)
{
  ui_test_run_app (FALSE, check_admin_actions, NULL);
}

static void
test_idle_lock (void)
{
  ui_test_run_app (FALSE, check_idle_lock, NULL);
}

static void
test_audit_and_summary (void)
{
  ui_test_run_app (FALSE, check_audit_and_summary, NULL);
}

static void
test_pin (void)
{
  ui_test_run_app (FALSE, check_pin, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/workstation/first-run", test_first_run);
  g_test_add_func ("/workstation/admin-actions", test_admin_actions);
  g_test_add_func ("/workstation/idle-lock", test_idle_lock);
  g_test_add_func ("/workstation/audit-and-summary", test_audit_and_summary);
  g_test_add_func ("/workstation/pin", test_pin);

  return g_test_run ();
}
