/* test-setup-a11y.c: every control of the setup screens has an accessible
 * name, and the screens can be left with the keyboard
 *
 * Runs with GTK_A11Y=test so the test AT context records the properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-campaign-editor.h"
#include "tb-import-dialog.h"
#include "tb-preferences-window.h"
#include "tb-stats-page.h"
#include "tb-template-editor.h"
#include "ui-test-util.h"

typedef UiTestCampaign Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ui_test_campaign_set_up (fixture, "tb-setup-a11y-XXXXXX", "", NULL);
  tb_store_contact_add (fixture->store, fixture->campaign_id, "+15122034401", "Ana", "Reyes", "78701", NULL,
                        "{\"Precinct\": \"12A\"}", &error);
  g_assert_no_error (error);
  tb_store_canned_reply_add (fixture->store, fixture->campaign_id, "Thanks", "Thank you!", &error);
  g_assert_no_error (error);
  tb_store_tag_ensure (fixture->store, "Volunteer", &error);
  g_assert_no_error (error);
}

static void
spin (void)
{
  for (guint i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Controls whose parts libadwaita and GTK name themselves. */
static gboolean
is_composite_part (GtkWidget *widget)
{
  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL; parent = gtk_widget_get_parent (parent))
    if (GTK_IS_SPIN_BUTTON (parent) || GTK_IS_DROP_DOWN (parent) || GTK_IS_MENU_BUTTON (parent) ||
        GTK_IS_WINDOW_CONTROLS (parent) || ADW_IS_ENTRY_ROW (parent) || ADW_IS_COMBO_ROW (parent) ||
        ADW_IS_EXPANDER_ROW (parent) || ADW_IS_VIEW_SWITCHER (parent) || ADW_IS_VIEW_SWITCHER_TITLE (parent))
      return TRUE;

  return FALSE;
}

static gboolean
has_visible_label_child (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return TRUE;
      if (has_visible_label_child (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  /* A button or check box is named by the text on it. */
  if ((GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)) && has_visible_label_child (widget))
    return TRUE;

  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_MENU_BUTTON (widget) || GTK_IS_LIST_BOX (widget) || TB_IS_BAR_CHART (widget);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (is_control (widget) && !is_composite_part (widget) && !is_named (widget) &&
      /* Boxed lists are named by their group's title, rows by their own. */
      !GTK_IS_LIST_BOX (widget))
    g_string_append_printf (out, "%s (%s) ", G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_tooltip_text (widget) != NULL ? gtk_widget_get_tooltip_text (widget) : "");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, out);
}

static void
assert_all_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  collect_unnamed (root, unnamed);
  if (unnamed->len > 0)
    g_error ("controls without an accessible name in %s: %s", G_OBJECT_TYPE_NAME (root), unnamed->str);
}

static void
test_screens_named (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  GtkWidget *stats_window = gtk_window_new ();
  GtkWidget *stats = tb_stats_page_new ();
  TbTemplateEditor *editor;
  TbImportDialog *import;
  TbCampaignEditor *campaigns;
  TbPreferencesWindow *prefs;
  gint64 deadline;

  editor = tb_template_editor_new (NULL, fixture->store, fixture->campaign_id, TB_TEMPLATE_EDITOR_CANNED_REPLY, 0);
  gtk_text_buffer_set_text (tb_template_editor_get_buffer (editor), "Hi {first_name} {Precint} ’", -1);
  gtk_window_present (GTK_WINDOW (editor));
  spin ();
  assert_all_named (GTK_WIDGET (editor));
  gtk_window_destroy (GTK_WINDOW (editor));

  g_file_set_contents (csv_path, "Name,Cell,Notes\nAna,512-203-4409,x\n", -1, NULL);
  import = tb_import_dialog_new (NULL, fixture->store, fixture->campaign_id);
  gtk_window_present (GTK_WINDOW (import));
  spin ();
  assert_all_named (GTK_WIDGET (import));
  tb_import_dialog_set_file (import, csv);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_strcmp0 (tb_import_dialog_get_page (import), "preview") != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  assert_all_named (GTK_WIDGET (import));
  gtk_window_destroy (GTK_WINDOW (import));

  campaigns = tb_campaign_editor_new (NULL, fixture->store);
  tb_campaign_editor_select_campaign (campaigns, fixture->campaign_id);
  gtk_window_present (GTK_WINDOW (campaigns));
  spin ();
  assert_all_named (GTK_WIDGET (campaigns));
  gtk_window_destroy (GTK_WINDOW (campaigns));

  prefs = tb_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  spin ();
  assert_all_named (GTK_WIDGET (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));

  gtk_window_set_child (GTK_WINDOW (stats_window), stats);
  tb_stats_page_set_campaign (TB_STATS_PAGE (stats), fixture->store, fixture->campaign_id);
  gtk_window_present (GTK_WINDOW (stats_window));
  spin ();
  assert_all_named (stats_window);
  gtk_window_destroy (GTK_WINDOW (stats_window));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add ("/setup-a11y/screens-named", Fixture, NULL,
              fixture_set_up, test_screens_named, ui_test_campaign_tear_down);

  return g_test_run ();
}
