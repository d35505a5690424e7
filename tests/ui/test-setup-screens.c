/* test-setup-screens.c: export, the campaign editor, the stats page, the
 * preferences' connection test and the admin switch, on a real database in
 * real windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tb-application.h"
#include "tb-campaign-editor.h"
#include "tb-export-flow.h"
#include "tb-fake-twilio.h"
#include "tb-preferences-window.h"
#include "tb-session-settings.h"
#include "tb-setup-actions.h"
#include "tb-stats-page.h"
#include "tb-store-import.h"
#include "ui-test-util.h"

typedef struct {
  char    *dir;
  TbStore *store;
  gint64   campaign_id;
  gint64   texter_id;
  gint64   ana_id;
  gint64   ben_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = ui_test_store_new ("tb-setup-screens-XXXXXX", &fixture->dir);

  fixture->campaign_id = tb_store_campaign_create (fixture->store, "Spring canvass", "Precincts 1-12",
                                                   "+15125550100", FALSE, &error);
  g_assert_no_error (error);
  fixture->texter_id = tb_store_texter_add (fixture->store, "Maya", NULL, FALSE, &error);
  g_assert_no_error (error);
  /* Through an import, as real contacts arrive: the campaign then knows
   * its custom columns. */
  {
    g_autofree char *csv_path = g_build_filename (fixture->dir, "people.csv", NULL);
    g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
    g_autoptr(TbImportReport) report = NULL;
    g_autoptr(GPtrArray) contacts = NULL;

    g_file_set_contents (csv_path,
                         "first_name,last_name,phone,zip,Precinct\n"
                         "Ana,Reyes,512-203-4401,78701,12A\n"
                         "Ben,=cmd,512-203-4402,78702,\"7, east\"\n", -1, &error);
    g_assert_no_error (error);
    report = tb_store_import_sync (fixture->store, fixture->campaign_id, csv, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tb_import_report_get_imported (report), ==, 2);
    g_unlink (csv_path);

    contacts = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, 10,
                                      &error);
    g_assert_no_error (error);
    fixture->ana_id = tb_contact_get_id (g_ptr_array_index (contacts, 0));
    fixture->ben_id = tb_contact_get_id (g_ptr_array_index (contacts, 1));
    g_assert_cmpstr (tb_contact_get_first_name (g_ptr_array_index (contacts, 0)), ==, "Ana");
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_store_free (fixture->store, fixture->dir);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_finished (TbExportFlow *flow,
             gboolean      ok,
             gpointer      user_data)
{
  *(int *) user_data = ok ? 1 : 2;
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* ---- Export ------------------------------------------------------------ */

static void
test_export_files (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbExportFlow) flow = NULL;
  g_autofree char *contacts_path = g_build_filename (fixture->dir, "Spring canvass-contacts.csv", NULL);
  g_autoptr(GFile) contacts = g_file_new_for_path (contacts_path);
  g_autoptr(GFile) messages = NULL;
  g_autofree char *messages_name = NULL;
  g_autofree char *contacts_text = NULL;
  g_autofree char *messages_text = NULL;
  gint64 message_id;
  int finished = 0;

  message_id = tb_store_message_queue_first_text (fixture->store, fixture->ana_id, "Hi Ana, this is Maya.",
                                                  fixture->texter_id, 1767225600000000, "press-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (message_id, >, 0);

  flow = tb_export_flow_new (NULL, fixture->store, fixture->campaign_id);
  g_signal_connect (flow, "finished", G_CALLBACK (on_finished), &finished);
  /* What the Save dialog does with the chosen file. */
  tb_export_flow_run_to (flow, contacts);
  while (finished == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (tb_export_flow_get_error (flow));
  g_assert_cmpint (finished, ==, 1);
  g_assert_cmpuint (tb_export_flow_get_counts (flow)->contacts, ==, 2);
  g_assert_cmpuint (tb_export_flow_get_counts (flow)->messages, ==, 1);

  messages = tb_export_flow_messages_file_for (contacts);
  messages_name = g_file_get_basename (messages);
  g_assert_cmpstr (messages_name, ==, "Spring canvass-messages.csv");

  contacts_text = read_file (contacts);
  messages_text = read_file (messages);
  g_test_message ("contacts:\n%s", contacts_text);
  g_test_message ("messages:\n%s", messages_text);

  g_assert_cmpstr (contacts_text, ==,
                   "first_name,last_name,phone,zip,Precinct,status,opted_out,time_zone,texter,tags\r\n"
                   "Ana,Reyes,+15122034401,78701,12A,waiting,no,America/Chicago,Maya,\r\n"
                   "Ben,\"'=cmd\",+15122034402,78702,\"7, east\",needs_first_text,no,America/Chicago,,\r\n");
  g_assert_cmpstr (messages_text, ==,
                   "contact_id,phone,first_name,last_name,direction,body,state,error_code,error_text,texter,"
                   "provider_id,segments,pressed_at,sent_at,received_at\r\n"
                   "1,+15122034401,Ana,Reyes,out,\"Hi Ana, this is Maya.\",queued,,,Maya,,1,"
                   "2026-01-01T00:00:00Z,,\r\n");
}

static void
test_export_messages_name (void)
{
  static const struct {
    const char *contacts;
    const char *messages;
  } cases[] = {
    { "/tmp/x-contacts.csv", "x-messages.csv" },
    { "/tmp/x.csv", "x-messages.csv" },
    { "/tmp/x", "x-messages.csv" },
    { "/tmp/results.final.csv", "results.final-messages.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) contacts = g_file_new_for_path (cases[i].contacts);
      g_autoptr(GFile) messages = tb_export_flow_messages_file_for (contacts);
      g_autofree char *name = g_file_get_basename (messages);

      g_assert_cmpstr (name, ==, cases[i].messages);
    }
}

static void
test_export_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "x-contacts.csv", NULL);
  g_autoptr(GFile) contacts = g_file_new_for_path (path);
  g_autoptr(TbExportFlow) flow = tb_export_flow_new (NULL, fixture->store, fixture->campaign_id);
  int finished = 0;

  g_signal_connect (flow, "finished", G_CALLBACK (on_finished), &finished);
  tb_export_flow_run_to (flow, contacts);
  while (finished == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (finished, ==, 2);
  g_assert_nonnull (tb_export_flow_get_error (flow));
}

/* ---- Campaign editor --------------------------------------------------- */

/* The first descendant preferences row of the given type with that title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row (child, type, title);
      if (row != NULL)
        return row;
    }

  return NULL;
}

static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  return (AdwEntryRow *) find_row (widget, ADW_TYPE_ENTRY_ROW, title);
}

/* The dialog that is up: one only, so a test cannot pick a stale one. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_assert_null (found);
          found = ADW_MESSAGE_DIALOG (window);
        }
    }

  return found;
}

static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, rows);
}

static GtkSpinButton *
find_spin (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;
  if (GTK_IS_SPIN_BUTTON (widget))
    return GTK_SPIN_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *spin_button = find_spin (child);

      if (spin_button != NULL)
        return spin_button;
    }
  return NULL;
}

static void
test_campaign_editor (Fixture       *fixture,
                      gconstpointer  data)
{
  TbCampaignEditor *editor = tb_campaign_editor_new (NULL, fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) active = NULL;
  AdwEntryRow *name_row, *sender_row;
  const char *labels[] = { "Yes", "No", "", NULL };
  const char *follow_ups[] = { "Great, {first_name}! Precinct {Precinct} votes at the library.", NULL, NULL, NULL };
  const char *bad_follow_ups[] = { "See you, {Precint}", NULL, NULL, NULL };
  gint64 id;

  gtk_window_present (GTK_WINDOW (editor));
  spin ();

  id = tb_campaign_editor_new_campaign (editor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (tb_campaign_editor_get_campaign_id (editor), ==, id);
  campaign = tb_store_campaign_get (fixture->store, id, &error);
  g_assert_cmpint (tb_campaign_get_hours_start_min (campaign), ==, 9 * 60);
  g_assert_cmpint (tb_campaign_get_hours_end_min (campaign), ==, 21 * 60);
  g_clear_object (&campaign);

  /* Typing in the rows and pressing their apply buttons. */
  name_row = find_entry_row (GTK_WIDGET (editor), "Name");
  sender_row = find_entry_row (GTK_WIDGET (editor), "Sending Number or Messaging Service SID");
  g_assert_nonnull (name_row);
  g_assert_nonnull (sender_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Fall GOTV");
  gtk_editable_set_text (GTK_EDITABLE (sender_row), "555-0100");
  g_assert_false (tb_campaign_editor_apply (editor, &error));
  g_assert_nonnull (strstr (error->message, "555-0100"));
  g_clear_error (&error);
  campaign = tb_store_campaign_get (fixture->store, id, &error);
  g_assert_cmpstr (tb_campaign_get_name (campaign), ==, "New Campaign");
  g_clear_object (&campaign);

  gtk_editable_set_text (GTK_EDITABLE (sender_row), "MG0123456789abcdef0123456789abcdef");
  g_signal_emit_by_name (name_row, "apply");
  campaign = tb_store_campaign_get (fixture->store, id, &error);
  g_assert_cmpstr (tb_campaign_get_name (campaign), ==, "Fall GOTV");
  g_assert_cmpstr (tb_campaign_get_sender (campaign), ==, "MG0123456789abcdef0123456789abcdef");
  g_clear_object (&campaign);

  /* Texting hours read and typed the way the rest of the app writes
   * times ("9:00 PM"), and a window that ends before it starts is named
   * in those words. */
  {
    GtkSpinButton *from = find_spin (find_row (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "From"));
    GtkSpinButton *until = find_spin (find_row (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Until"));

    g_assert_nonnull (from);
    g_assert_nonnull (until);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "9:00 AM");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (until)), ==, "9:00 PM");
    gtk_editable_set_text (GTK_EDITABLE (until), "10 pm");
    gtk_spin_button_update (until);
    g_assert_cmpint ((int) gtk_spin_button_get_value (until), ==, 22 * 60);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (until)), ==, "10:00 PM");
    gtk_editable_set_text (GTK_EDITABLE (from), "23:00");
    gtk_spin_button_update (from);
    g_assert_cmpint ((int) gtk_spin_button_get_value (from), ==, 23 * 60);
    g_assert_false (tb_campaign_editor_apply (editor, &error));
    g_assert_nonnull (strstr (error->message, "11:00 PM to 10:00 PM"));
    g_clear_error (&error);
    campaign = tb_store_campaign_get (fixture->store, id, &error);
    g_assert_cmpint (tb_campaign_get_hours_start_min (campaign), ==, 9 * 60);
    g_clear_object (&campaign);
    gtk_spin_button_set_value (from, 8 * 60 + 30);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "8:30 AM");
    g_assert_true (tb_campaign_editor_apply (editor, &error));
    g_assert_no_error (error);
    campaign = tb_store_campaign_get (fixture->store, id, &error);
    g_assert_cmpint (tb_campaign_get_hours_start_min (campaign), ==, 8 * 60 + 30);
    g_assert_cmpint (tb_campaign_get_hours_end_min (campaign), ==, 22 * 60);
    g_clear_object (&campaign);
  }

  /* A question with a follow-up; a bad follow-up stores nothing. */
  tb_campaign_editor_select_campaign (editor, fixture->campaign_id);
  g_assert_false (tb_campaign_scripts_add_question (tb_campaign_editor_get_scripts (editor), "Will you vote?",
                                                    labels, bad_follow_ups, &error));
  g_assert_nonnull (strstr (error->message, "Precint"));
  g_clear_error (&error);
  g_assert_true (tb_campaign_scripts_add_question (tb_campaign_editor_get_scripts (editor), "Will you vote?",
                                                   labels, follow_ups, &error));
  g_assert_no_error (error);
  questions = tb_store_question_list (fixture->store, fixture->campaign_id, &error);
  g_assert_cmpuint (questions->len, ==, 1);
  {
    TbSurveyQuestion *question = g_ptr_array_index (questions, 0);
    TbSurveyAnswer *yes = g_ptr_array_index (question->answers, 0);
    TbSurveyAnswer *no = g_ptr_array_index (question->answers, 1);

    g_assert_cmpuint (question->answers->len, ==, 2);
    g_assert_cmpstr (yes->label, ==, "Yes");
    g_assert_cmpstr (yes->body, ==, follow_ups[0]);
    g_assert_cmpstr (no->label, ==, "No");
    g_assert_null (no->body);
  }

  g_assert_false (tb_campaign_scripts_add_tag (tb_campaign_editor_get_scripts (editor), "  ", &error));
  g_clear_error (&error);
  g_assert_true (tb_campaign_scripts_add_tag (tb_campaign_editor_get_scripts (editor), "Volunteer", &error));
  tags = tb_store_tag_list (fixture->store, &error);
  g_assert_cmpuint (tags->len, ==, 1);

  /* The question dialog, driven through its rows and its Add response. */
  {
    AdwMessageDialog *dialog;
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(GPtrArray) after = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tb_campaign_editor_get_scripts (editor)),
                                               "scripts.add-question", NULL));
    spin ();
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    collect_entry_rows (GTK_WIDGET (dialog), rows);
    g_assert_cmpuint (rows->len, ==, 9);  /* the question, then label and follow-up four times */
    gtk_editable_set_text (g_ptr_array_index (rows, 0), "Can you volunteer?");
    gtk_editable_set_text (g_ptr_array_index (rows, 1), "Saturday");
    gtk_editable_set_text (g_ptr_array_index (rows, 2), "Thanks {first_name}, see you Saturday!");
    gtk_editable_set_text (g_ptr_array_index (rows, 3), "Not now");
    /* What pressing Add does: the response, then the dialog closes. */
    adw_message_dialog_response (dialog, "add");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin ();
    after = tb_store_question_list (fixture->store, fixture->campaign_id, &error);
    g_assert_cmpuint (after->len, ==, 2);
    g_assert_cmpstr (((TbSurveyQuestion *) after->pdata[1])->text, ==, "Can you volunteer?");
    g_assert_cmpuint (((TbSurveyQuestion *) after->pdata[1])->answers->len, ==, 2);
  }

  /* Archive asks first; Cancel keeps it, Archive hides it from the list. */
  tb_campaign_editor_select_campaign (editor, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "campaigns.archive", NULL));
  spin ();
  g_assert_nonnull (find_message_dialog ());
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin ();
  }
  active = tb_store_campaign_list (fixture->store, TB_CAMPAIGN_STATE_ACTIVE, &error);
  g_assert_cmpuint (active->len, ==, 2);
  g_clear_pointer (&active, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "campaigns.archive", NULL));
  spin ();
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "archive");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin ();
  }
  active = tb_store_campaign_list (fixture->store, TB_CAMPAIGN_STATE_ACTIVE, &error);
  g_assert_cmpuint (active->len, ==, 1);
  g_assert_cmpint (tb_campaign_editor_get_campaign_id (editor), !=, id);

  gtk_window_destroy (GTK_WINDOW (editor));
  spin ();
}

/* ---- Stats ------------------------------------------------------------- */

static gboolean
stats_read (gpointer data)
{
  return !tb_stats_page_is_refresh_pending (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_stats_live (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = tb_stats_page_new ();
  TbBarChart *queues;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  tb_stats_page_set_campaign (TB_STATS_PAGE (page), fixture->store, fixture->campaign_id);
  queues = tb_stats_page_get_queues_chart (TB_STATS_PAGE (page));
  g_assert_true (ui_test_wait_for (stats_read, page, 10000));

  g_assert_cmpuint (tb_bar_chart_get_n_bars (queues), ==, 5);
  g_assert_cmpstr (tb_bar_chart_get_label (queues, 0), ==, "Needs first text");
  g_assert_cmpfloat (tb_bar_chart_get_value (queues, 0), ==, 2);
  g_assert_cmpuint (tb_bar_chart_get_n_bars (tb_stats_page_get_texters_chart (TB_STATS_PAGE (page))), ==, 0);

  /* A send moves a contact to Waiting: the page follows by itself. */
  tb_store_message_queue_first_text (fixture->store, fixture->ana_id, "Hi", fixture->texter_id,
                                     g_get_real_time (), "press-1", &error);
  g_assert_no_error (error);
  /* Nobody calls refresh: the page follows the store's signals. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((tb_bar_chart_get_value (queues, 0) != 1 || tb_stats_page_is_refresh_pending (TB_STATS_PAGE (page))) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tb_stats_page_is_refresh_pending (TB_STATS_PAGE (page)));
  g_assert_cmpfloat (tb_bar_chart_get_value (queues, 0), ==, 1);
  g_assert_cmpstr (tb_bar_chart_get_label (queues, 2), ==, "Waiting");
  g_assert_cmpfloat (tb_bar_chart_get_value (queues, 2), ==, 1);
  g_assert_cmpuint (tb_bar_chart_get_n_bars (tb_stats_page_get_texters_chart (TB_STATS_PAGE (page))), ==, 1);
  g_assert_cmpstr (tb_bar_chart_get_label (tb_stats_page_get_texters_chart (TB_STATS_PAGE (page)), 0), ==, "Maya");
  /* The current hour holds the send. */
  g_assert_cmpuint (tb_bar_chart_get_n_bars (tb_stats_page_get_recent_chart (TB_STATS_PAGE (page))), ==, 12);
  g_assert_cmpfloat (tb_bar_chart_get_value (tb_stats_page_get_recent_chart (TB_STATS_PAGE (page)), 11), ==, 1);
  g_assert_cmpfloat (tb_bar_chart_get_value (tb_stats_page_get_recent_chart (TB_STATS_PAGE (page)), 10), ==, 0);
  /* Texted: 1 of 2 contacts. */
  g_assert_cmpfloat (tb_bar_chart_get_value (tb_stats_page_get_rates_chart (TB_STATS_PAGE (page)), 0), ==, 0.5);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* The figures are read in a worker: set_campaign() returns before they are
 * drawn, and they arrive by themselves. */
static void
test_stats_async (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = tb_stats_page_new ();
  TbBarChart *queues = tb_stats_page_get_queues_chart (TB_STATS_PAGE (page));

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_cmpuint (tb_bar_chart_get_n_bars (queues), ==, 0);

  tb_stats_page_set_campaign (TB_STATS_PAGE (page), fixture->store, fixture->campaign_id);
  /* Nothing was read on this thread: the page waits for the worker. */
  g_assert_true (tb_stats_page_is_refresh_pending (TB_STATS_PAGE (page)));
  g_assert_cmpuint (tb_bar_chart_get_n_bars (queues), ==, 0);

  g_assert_true (ui_test_wait_for (stats_read, page, 10000));
  g_assert_cmpuint (tb_bar_chart_get_n_bars (queues), ==, 5);
  g_assert_cmpfloat (tb_bar_chart_get_value (queues, 0), ==, 2);

  /* A refresh asked for while one reads is read once more after it. */
  tb_stats_page_refresh (TB_STATS_PAGE (page));
  tb_stats_page_refresh (TB_STATS_PAGE (page));
  g_assert_true (tb_stats_page_is_refresh_pending (TB_STATS_PAGE (page)));
  g_assert_true (ui_test_wait_for (stats_read, page, 10000));
  g_assert_cmpfloat (tb_bar_chart_get_value (queues, 0), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* Destroyed while its read runs: the read is cancelled, and its callback
 * (which holds the page until then) touches nothing; ASan would see it. */
static void
test_stats_disposed_while_reading (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = tb_stats_page_new ();
  gpointer watched = page;

  g_object_add_weak_pointer (G_OBJECT (page), &watched);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  tb_stats_page_set_campaign (TB_STATS_PAGE (page), fixture->store, fixture->campaign_id);
  g_assert_true (tb_stats_page_is_refresh_pending (TB_STATS_PAGE (page)));
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_true (ui_test_wait_for (pointer_cleared, &watched, 10000));
}

/* The worker cannot open the database: the page says so in words. */
static void
test_stats_read_error (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = tb_stats_page_new ();
  TbBarChart *queues = tb_stats_page_get_queues_chart (TB_STATS_PAGE (page));

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (tb_store_get_path (fixture->store)), ==, 0);
  tb_stats_page_set_campaign (TB_STATS_PAGE (page), fixture->store, fixture->campaign_id);
  g_assert_true (ui_test_wait_for (stats_read, page, 10000));
  g_assert_cmpuint (tb_bar_chart_get_n_bars (queues), ==, 0);
  g_assert_nonnull (strstr (tb_bar_chart_get_empty_text (queues), "The figures cannot be read"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* ---- The chart draws what it is given ---------------------------------- */

static void
collect_bars (GskRenderNode *node,
              GArray        *rects)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_COLOR_NODE:
      /* The filled part is opaque; the track behind it is translucent. */
      if (gsk_color_node_get_color (node)->alpha > 0.99f)
        {
          graphene_rect_t bounds;

          gsk_render_node_get_bounds (node, &bounds);
          g_array_append_val (rects, bounds);
        }
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_bars (gsk_container_node_get_child (node, i), rects);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_bars (gsk_rounded_clip_node_get_child (node), rects);
      break;
    case GSK_TRANSFORM_NODE:
      collect_bars (gsk_transform_node_get_child (node), rects);
      break;
    case GSK_CLIP_NODE:
      collect_bars (gsk_clip_node_get_child (node), rects);
      break;
    case GSK_DEBUG_NODE:
      collect_bars (gsk_debug_node_get_child (node), rects);
      break;
    case GSK_OPACITY_NODE:
      collect_bars (gsk_opacity_node_get_child (node), rects);
      break;
    default:
      break;
    }
}

static GArray *
draw_chart (GtkWidget *chart)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (chart);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (chart), gtk_widget_get_height (chart));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    collect_bars (node, rects);

  return rects;
}

static void
test_bar_chart_draws (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = tb_bar_chart_new ();
  const TbBarChartBar bars[] = { { "Ana", 10, "10" }, { "Ben", 5, "5" }, { "Cy", 0, "0" } };
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) columns = NULL;
  graphene_rect_t *a, *b;

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 300);
  tb_bar_chart_set_bars (TB_BAR_CHART (chart), bars, G_N_ELEMENTS (bars));
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  while (gtk_widget_get_width (chart) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* Rows: one filled bar per value, half as long for half the value. */
  rows = draw_chart (chart);
  g_assert_cmpuint (rows->len, ==, 3);
  a = &g_array_index (rows, graphene_rect_t, 0);
  b = &g_array_index (rows, graphene_rect_t, 1);
  g_assert_cmpfloat (a->size.width, >, 100);
  g_assert_cmpfloat_with_epsilon (b->size.width, a->size.width / 2, 1.0);
  g_assert_cmpfloat (g_array_index (rows, graphene_rect_t, 2).size.width, ==, 0);
  g_assert_cmpfloat (b->origin.y, >, a->origin.y);

  /* Columns: side by side, half as tall. */
  tb_bar_chart_set_vertical (TB_BAR_CHART (chart), TRUE);
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;

    /* Let the frame clock lay it out again. */
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  columns = draw_chart (chart);
  g_assert_cmpuint (columns->len, ==, 3);
  a = &g_array_index (columns, graphene_rect_t, 0);
  b = &g_array_index (columns, graphene_rect_t, 1);
  g_assert_cmpfloat_with_epsilon (b->size.height, a->size.height / 2, 1.0);
  g_assert_cmpfloat (b->origin.x, >, a->origin.x);
  g_assert_cmpfloat (g_array_index (columns, graphene_rect_t, 2).size.height, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* ---- Preferences ------------------------------------------------------- */

static AdwActionRow *
find_action_row (GtkWidget  *widget,
                 const char *title)
{
  return (AdwActionRow *) find_row (widget, ADW_TYPE_ACTION_ROW, title);
}

static void
wait_not_busy (TbPreferencesWindow *prefs)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (tb_preferences_window_is_busy (prefs) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tb_preferences_window_is_busy (prefs));
}

static void
test_preferences_test_connection (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TbPreferencesWindow *prefs = tb_preferences_window_new (NULL);
  AdwActionRow *test_row = find_action_row (GTK_WIDGET (prefs), "Test Connection");
  AdwEntryRow *sid_row = find_entry_row (GTK_WIDGET (prefs), "Account SID");
  AdwEntryRow *token_row = find_entry_row (GTK_WIDGET (prefs), "Auth Token");
  AdwEntryRow *sender_row = find_entry_row (GTK_WIDGET (prefs), "Sending Number or Messaging Service SID");

  g_assert_nonnull (test_row);
  g_assert_nonnull (sid_row);
  g_assert_nonnull (token_row);

  tb_preferences_window_set_api_base (prefs, tb_fake_twilio_get_base_url (fake));
  gtk_window_present (GTK_WINDOW (prefs));
  wait_not_busy (prefs);  /* the keyring lookup, which may fail here */

  g_settings_set_string (settings, "provider", "twilio");
  gtk_editable_set_text (GTK_EDITABLE (sid_row), TB_FAKE_TWILIO_ACCOUNT_SID);

  /* A wrong token: the reason shows, nothing is sent. */
  gtk_editable_set_text (GTK_EDITABLE (token_row), "wrong-token-0123456789abcdef0000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.test-connection", NULL));
  wait_not_busy (prefs);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (test_row), "Failed"));
  g_assert_null (strstr (adw_action_row_get_subtitle (test_row), "wrong-token"));

  gtk_editable_set_text (GTK_EDITABLE (token_row), TB_FAKE_TWILIO_AUTH_TOKEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.test-connection", NULL));
  wait_not_busy (prefs);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (test_row), "Connected"));
  g_assert_cmpuint (tb_fake_twilio_count_messages (fake), ==, 0);

  /* A malformed SID never leaves the window. */
  gtk_editable_set_text (GTK_EDITABLE (sid_row), "AC123");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.test-connection", NULL));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (test_row), "Failed"));

  /* The sender reaches the settings only when well formed; no secret does. */
  gtk_editable_set_text (GTK_EDITABLE (sender_row), "+15125550100");
  g_signal_emit_by_name (sender_row, "apply");
  gtk_editable_set_text (GTK_EDITABLE (sender_row), "+1512x");
  g_signal_emit_by_name (sender_row, "apply");
  {
    g_autofree char *sender = g_settings_get_string (settings, "default-sender");
    g_autofree char *dump = NULL;
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_assert_cmpstr (sender, ==, "+15125550100");
    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
        g_autofree char *text = g_variant_print (value, FALSE);

        g_assert_null (strstr (text, TB_FAKE_TWILIO_AUTH_TOKEN));
      }
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin ();
}

/* ---- Settings reach the session ---------------------------------------- */

static void
test_session_settings (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TbSession) session = tb_session_new (fixture->store, NULL);
  g_autoptr(TbSessionSettings) bridge = NULL;
  gint64 deadline;

  g_settings_set_string (settings, "provider", "simulator");
  g_settings_set_uint (settings, "poll-interval", 25);
  bridge = tb_session_settings_new (session, settings, NULL);
  g_assert_cmpuint (tb_inbox_sync_get_interval (tb_session_get_inbox_sync (session)), ==, 25);

  g_settings_set_uint (settings, "poll-interval", 42);
  g_assert_cmpuint (tb_inbox_sync_get_interval (tb_session_get_inbox_sync (session)), ==, 42);

  /* Twilio without credentials in the keyring: the session keeps the
   * simulator and the reason is kept. */
  g_settings_set_string (settings, "provider", "twilio");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (tb_session_settings_is_busy (bridge) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tb_session_settings_is_busy (bridge));
  g_assert_nonnull (tb_session_settings_get_error (bridge));
  g_assert_true (tb_session_is_simulator (session));

  g_settings_set_string (settings, "provider", "simulator");
  g_assert_null (tb_session_settings_get_error (bridge));
  g_assert_true (tb_session_is_simulator (session));

  g_clear_object (&bridge);
  g_assert_finalize_object (g_steal_pointer (&session));
  g_settings_set_uint (settings, "poll-interval", 10);
}

/* ---- The admin switch -------------------------------------------------- */

static guint
count_windows (GtkApplication *app,
               GType           type)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      n++;

  return n;
}

static void
test_admin_actions_refuse_when_disabled (void)
{
  g_autoptr(TbApplication) app = tb_application_new ();
  GtkApplication *gtk_app;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  gtk_app = GTK_APPLICATION (app);

  for (guint i = 0; tb_setup_admin_actions[i] != NULL; i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), tb_setup_admin_actions[i]));

  tb_setup_actions_set_enabled (gtk_app, FALSE);
  for (guint i = 0; tb_setup_admin_actions[i] != NULL; i++)
    {
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), tb_setup_admin_actions[i]));
      /* Invoked directly all the same: nothing opens. */
      g_action_activate (g_action_map_lookup_action (G_ACTION_MAP (app), tb_setup_admin_actions[i]), NULL);
    }
  spin ();
  g_assert_cmpuint (count_windows (gtk_app, TB_TYPE_CAMPAIGN_EDITOR), ==, 0);
  g_assert_cmpuint (count_windows (gtk_app, TB_TYPE_PREFERENCES_WINDOW), ==, 0);
  g_assert_null (gtk_application_get_windows (gtk_app));

  tb_setup_actions_set_enabled (gtk_app, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "edit-campaign", NULL);
  spin ();
  g_assert_cmpuint (count_windows (gtk_app, TB_TYPE_CAMPAIGN_EDITOR), ==, 1);

  while (gtk_application_get_windows (gtk_app) != NULL)
    gtk_window_destroy (gtk_application_get_windows (gtk_app)->data);
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/setup/export-files", Fixture, NULL, fixture_set_up, test_export_files, fixture_tear_down);
  g_test_add_func ("/setup/export-messages-name", test_export_messages_name);
  g_test_add ("/setup/export-error", Fixture, NULL, fixture_set_up, test_export_error, fixture_tear_down);
  g_test_add ("/setup/campaign-editor", Fixture, NULL, fixture_set_up, test_campaign_editor, fixture_tear_down);
  g_test_add_func ("/setup/bar-chart-draws", test_bar_chart_draws);
  g_test_add ("/setup/stats-live", Fixture, NULL, fixture_set_up, test_stats_live, fixture_tear_down);
  g_test_add ("/setup/stats-async", Fixture, NULL, fixture_set_up, test_stats_async, fixture_tear_down);
  g_test_add ("/setup/stats-disposed-while-reading", Fixture, NULL, fixture_set_up,
              test_stats_disposed_while_reading, fixture_tear_down);
  g_test_add ("/setup/stats-read-error", Fixture, NULL, fixture_set_up, test_stats_read_error, fixture_tear_down);
  g_test_add_func ("/setup/preferences-test-connection", test_preferences_test_connection);
  g_test_add ("/setup/session-settings", Fixture, NULL, fixture_set_up, test_session_settings, fixture_tear_down);
  g_test_add_func ("/setup/admin-actions-refuse-when-disabled", test_admin_actions_refuse_when_disabled);

  return g_test_run ();
}
