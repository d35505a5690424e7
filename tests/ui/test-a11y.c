/* test-a11y.c: every interactive widget of every screen has an accessible
 * name, and status badges carry a word and an icon, not colour alone
 *
 * The rule (GTK 4.8 has no getter for an accessible name, so the test
 * reads what GTK and Orca read the name from):
 *
 *  1. An explicit accessible label (<accessibility><property name="label">
 *     or gtk_accessible_update_property) or a labelled-by relation names
 *     any widget. Read through gtk_test_accessible_has_property() and
 *     gtk_test_accessible_has_relation(), the public test API, which needs
 *     GTK_A11Y=test (tests/ui/meson.build sets it for this test). GtkButton
 *     points labelled-by at its child even when that is an image, so for
 *     buttons the relation does not count: rule 2 does.
 *  2. A button-like widget (GtkButton and its subclasses, GtkMenuButton,
 *     GtkCheckButton, a list item) is also named by its own content: a
 *     visible GtkLabel with text inside it, or its label property.
 *  3. A libadwaita row (AdwActionRow, AdwComboRow, AdwEntryRow,
 *     AdwExpanderRow) is named by its title.
 *  4. Nothing else names a widget. In particular a tooltip does not: in
 *     GTK 4.8 it becomes the accessible description, which Orca reads after
 *     the name, so an icon-only button with only a tooltip is reported.
 *     Entries, text views, switches, spin buttons, drop-downs and scales
 *     need rule 1: a placeholder or a neighbouring label is not a name.
 *
 * Interactive: GtkButton (toggle, link…), GtkMenuButton, GtkCheckButton,
 * GtkSwitch, GtkEntry, GtkPasswordEntry, GtkSearchEntry, GtkSpinButton,
 * GtkTextView, GtkDropDown, GtkScale, AdwSplitButton, the adw rows above,
 * an activatable GtkListBoxRow and GtkListView/GtkGridView items. Widgets
 * that are not visible or not child-visible (a GtkStack page not shown),
 * with their children, are skipped: a hidden page is checked on the screen
 * that shows it. The insides of GTK's own
 * composite controls (a spin button's +/-, an entry's icons, a menu
 * button's inner toggle, an AdwEntryRow's or AdwPasswordEntryRow's
 * buttons) are GTK's and libadwaita's and are not walked. AdwSplitButton
 * is walked: its arrow is a Tab stop of its own, and libadwaita 1.2 gives
 * it no name (the app names it; this test found it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tb-application.h"
#include "tb-audit-window.h"
#include "tb-campaign-editor.h"
#include "tb-import-dialog.h"
#include "tb-preferences-window.h"
#include "tb-stats-page.h"
#include "tb-template-editor.h"
#include "tb-workstation-actions.h"
#include "ui-test-util.h"

typedef struct {
  const char *screen;
  GString    *problems;
  guint       n_checked;
  guint       n_badges;
} Walk;

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
is_list_item (GtkWidget *widget)
{
  /* GtkListItemWidget is private: the focusable row of a GtkListView. */
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget");
}

static gboolean
is_interactive (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget))
    return ADW_IS_PREFERENCES_ROW (widget)
           ? (ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget) || ADW_IS_EXPANDER_ROW (widget) ||
              gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
           : gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget));

  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget) || ADW_IS_SPLIT_BUTTON (widget) ||
         is_list_item (widget);
}

/* GTK's composite controls: their insides are GTK's business. */
static gboolean
is_opaque (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SCALE (widget) || ADW_IS_COMBO_ROW (widget) ||
         ADW_IS_ENTRY_ROW (widget) || GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_POPOVER (widget);
}

static gboolean
has_label_inside (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && has_text (gtk_label_get_text (GTK_LABEL (child))))
        return TRUE;
      if (has_label_inside (child))
        return TRUE;
    }
  return FALSE;
}

/* How the widget gets its name, or NULL when it has none. */
static const char *
name_source (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return "label";
  /* GtkButton points labelled-by at its own child, whatever it is (an
   * image too): for buttons only the text inside counts, below. */
  if (!GTK_IS_BUTTON (widget) &&
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return "labelled-by";

  if (ADW_IS_PREFERENCES_ROW (widget))
    return has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))) ? "title" : NULL;

  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
      GTK_IS_LIST_BOX_ROW (widget) || is_list_item (widget))
    {
      if (GTK_IS_BUTTON (widget) && has_text (gtk_button_get_label (GTK_BUTTON (widget))) &&
          gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
        return "content";
      if (GTK_IS_MENU_BUTTON (widget) && has_text (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget))))
        return "content";
      if (GTK_IS_CHECK_BUTTON (widget) && has_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))))
        return "content";
      if (has_label_inside (widget))
        return "content";
      /* A list item is named by the row widget inside it. */
      if (is_list_item (widget))
        for (GtkWidget *child = gtk_widget_get_first_child (widget);
             child != NULL;
             child = gtk_widget_get_next_sibling (child))
          if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL))
            return "row label";
    }

  return NULL;
}

static char *
describe (GtkWidget *widget)
{
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  int depth = 0;

  if (has_text (gtk_widget_get_name (widget)) && !g_str_equal (gtk_widget_get_name (widget), G_OBJECT_TYPE_NAME (widget)))
    g_string_append_printf (text, " #%s", gtk_widget_get_name (widget));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (text, " icon=%s", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (tooltip != NULL)
    g_string_append_printf (text, " tooltip=“%s”", tooltip);
  /* Where it is: the nearest ancestors' types. */
  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL && depth < 4;
       parent = gtk_widget_get_parent (parent), depth++)
    g_string_append_printf (text, " < %s", G_OBJECT_TYPE_NAME (parent));
  return g_string_free (text, FALSE);
}

static void
check_badge (Walk      *walk,
             GtkWidget *badge)
{
  gboolean has_icon = FALSE;
  gboolean has_word = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (badge);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child) && gtk_widget_get_visible (child) &&
          gtk_image_get_storage_type (GTK_IMAGE (child)) != GTK_IMAGE_EMPTY)
        has_icon = TRUE;
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          has_text (gtk_label_get_text (GTK_LABEL (child))))
        has_word = TRUE;
    }

  walk->n_badges++;
  if (!has_icon || !has_word)
    g_string_append_printf (walk->problems, "%s: a status badge without %s\n", walk->screen,
                            !has_word ? "a word" : "an icon");
}

static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  /* Hidden, or a stack page not shown. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (gtk_widget_has_css_class (widget, "status-badge"))
    check_badge (walk, widget);

  if (is_interactive (widget))
    {
      walk->n_checked++;
      if (g_getenv ("TB_A11Y_VERBOSE") != NULL)
        {
          g_autofree char *what = describe (widget);

          g_test_message ("%s: %s: %s", walk->screen, name_source (widget) ? name_source (widget) : "NONE", what);
        }
      if (name_source (widget) == NULL)
        {
          g_autofree char *what = describe (widget);

          g_string_append_printf (walk->problems, "%s: no accessible name: %s\n", walk->screen, what);
        }
    }

  if (is_opaque (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
}

static void
check_screen (const char *screen,
              GtkWidget  *root,
              guint       min_checked)
{
  Walk walk = { screen, g_string_new (NULL), 0, 0 };

  ui_test_spin ();
  walk_widget (&walk, root);
  g_test_message ("%s: %u interactive widgets checked, %u status badges", screen, walk.n_checked, walk.n_badges);
  if (walk.problems->len > 0)
    g_test_message ("%s", walk.problems->str);
  /* A walk that finds nothing cannot fail: the screen must really be there. */
  g_assert_cmpuint (walk.n_checked, >=, min_checked);
  g_assert_cmpstr (walk.problems->str, ==, "");
  g_string_free (walk.problems, TRUE);
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
present_and_check (const char *screen,
                   GtkWidget  *window,
                   guint       min_checked)
{
  gtk_window_present (GTK_WINDOW (window));
  ui_test_spin ();
  check_screen (screen, window, min_checked);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin ();
}

/* ---- The rule itself fails where it should --------------------------- */

static void
test_rule_catches_unnamed (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon_only = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *with_label = gtk_button_new_with_label ("Delete");
  GtkWidget *entry = gtk_entry_new ();
  Walk walk = { "rule", g_string_new (NULL), 0, 0 };

  g_object_ref_sink (box);
  gtk_widget_set_tooltip_text (icon_only, "Delete");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Name");
  gtk_box_append (GTK_BOX (box), icon_only);
  gtk_box_append (GTK_BOX (box), with_label);
  gtk_box_append (GTK_BOX (box), entry);

  walk_widget (&walk, box);
  g_assert_cmpuint (walk.n_checked, ==, 3);
  /* A tooltip and a placeholder are not names. */
  g_assert_nonnull (strstr (walk.problems->str, "icon=edit-delete-symbolic"));
  g_assert_nonnull (strstr (walk.problems->str, "GtkEntry"));
  g_assert_null (strstr (walk.problems->str, "GtkButton tooltip") );

  /* Named the two ways the app names them: now clean. */
  g_string_truncate (walk.problems, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon_only), GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete", -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, with_label, NULL, -1);
  walk_widget (&walk, box);
  g_assert_cmpstr (walk.problems->str, ==, "");

  g_string_free (walk.problems, TRUE);
  g_object_unref (box);
}

/* ---- The screens ----------------------------------------------------- */

static void
check_empty_state (TbApplication *app,
                   TbWindow      *window,
                   gpointer       user_data)
{
  g_assert_cmpstr (tb_window_get_page (window), ==, "empty");
  check_screen ("main window, empty state", GTK_WIDGET (window), 1);
}

static void
test_empty_state (void)
{
  ui_test_run_app (TRUE, check_empty_state, NULL);
}

static void
write_csv (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "first_name,last_name,phone,zip,Precinct\n"
                       "Ana,Reyes,512-203-4401,78701,12A\n"
                       "Ben,Okafor,512-203-4402,78702,7\n", -1, &error);
  g_assert_no_error (error);
}

static gboolean
stats_read (gpointer data)
{
  return !tb_stats_page_is_refresh_pending (data);
}

static gboolean
import_shows_preview (gpointer data)
{
  return g_strcmp0 (tb_import_dialog_get_page (data), "preview") == 0;
}

typedef struct {
  TbWindow *window;
  TbStore  *store;
  gint64    contact_id;
} ContactInQueue;

/* The store holds the press: the contact left Needs first text. */
static gboolean
contact_texted (gpointer data)
{
  ContactInQueue *sent = data;
  g_autoptr(TbContact) contact = tb_store_contact_get (sent->store, sent->contact_id, NULL);

  return contact != NULL && tb_contact_get_status (contact) != TB_CONTACT_STATUS_NEEDS_FIRST_TEXT;
}

/* Selects the contact once the pane's list holds it. Its queue is the one
 * the store says (Waiting, unless the simulator's reply came first). */
static gboolean
select_in_queue (gpointer data)
{
  ContactInQueue *sent = data;
  TbContactPane *pane = tb_window_get_contact_pane (sent->window);
  GListModel *model = tb_contact_pane_get_model (pane);
  g_autoptr(TbContact) stored = tb_store_contact_get (sent->store, sent->contact_id, NULL);

  if (stored != NULL && tb_contact_pane_get_queue (pane) != tb_contact_get_status (stored))
    tb_contact_pane_set_queue (pane, tb_contact_get_status (stored));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TbContact) contact = g_list_model_get_item (model, i);

      if (tb_contact_get_id (contact) == sent->contact_id)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
contact_shown (gpointer data)
{
  ContactInQueue *sent = data;

  return ui_test_current_contact_id (sent->window) == sent->contact_id;
}

static void
check_all_screens (TbApplication *app,
                   TbWindow      *window,
                   gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  TbStore *store = tb_session_get_store (session);
  gint64 campaign_id;
  GtkWidget *dialog;

  /* Sign-in page, then the texting screen with a first text open. */
  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");
  check_screen ("main window, sign-in page", GTK_WIDGET (window), 2);

  ui_test_sign_in (window, "Screen Reader");
  ui_test_open_all_day (window);
  campaign_id = tb_session_get_campaign_id (session);
  g_assert_cmpint (ui_test_current_contact_id (window), >, 0);
  check_screen ("main window, texting screen", GTK_WIDGET (window), 8);

  /* A conversation with a bubble: send the first text, then open the
   * contact in the Waiting queue. Each step waits for what it needs (the
   * ASan build is several times slower), never for a fixed time. */
  {
    TbContactPane *pane = tb_window_get_contact_pane (window);
    GtkWidget *send = find_by_tooltip (GTK_WIDGET (window), "Send (Ctrl+Enter)");
    ContactInQueue sent = { window, store, 0 };

    g_assert_nonnull (send);
    g_assert_true (ui_test_wait_ready (window));
    /* The contact read once Send may go to it, and the click delivered at
     * once: gtk_widget_activate() clicks 250 ms later, after which the
     * composer could show someone else. */
    sent.contact_id = ui_test_current_contact_id (window);
    g_assert_cmpint (sent.contact_id, >, 0);
    g_signal_emit_by_name (send, "clicked");
    g_assert_true (ui_test_wait_for (contact_texted, &sent, 10000));
    g_assert_true (ui_test_wait_next_contact (window, sent.contact_id));
    tb_contact_pane_set_queue (pane, TB_CONTACT_STATUS_WAITING);
    g_assert_true (ui_test_wait_for (select_in_queue, &sent, 10000));
    g_assert_true (ui_test_wait_for (contact_shown, &sent, 10000));
    g_assert_cmpint (ui_test_current_contact_id (window), ==, sent.contact_id);
    check_screen ("main window, a conversation", GTK_WIDGET (window), 8);
  }

  /* The contact details beside the conversation. */
  {
    GtkWidget *details = find_by_tooltip (GTK_WIDGET (window), "Contact Details");

    g_assert_true (GTK_IS_TOGGLE_BUTTON (details));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (details), TRUE);
    check_screen ("main window, contact details shown", GTK_WIDGET (window), 8);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (details), FALSE);
  }

  /* Both preference pages, the Twilio groups shown. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    TbPreferencesWindow *preferences = tb_preferences_window_new (GTK_WINDOW (window));

    gtk_window_present (GTK_WINDOW (preferences));
    check_screen ("preferences, texting page", GTK_WIDGET (preferences), 4);
    g_settings_set_string (settings, "provider", "twilio");
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "provider");
    check_screen ("preferences, provider page (Twilio)", GTK_WIDGET (preferences), 8);
    gtk_window_destroy (GTK_WINDOW (preferences));
    g_settings_set_string (settings, "provider", "simulator");
    ui_test_spin ();
  }

  {
    TbCampaignEditor *editor = tb_campaign_editor_new (GTK_WINDOW (window), store);

    tb_campaign_editor_select_campaign (editor, campaign_id);
    present_and_check ("campaign editor", GTK_WIDGET (editor), 8);
  }

  present_and_check ("template editor",
                     GTK_WIDGET (tb_template_editor_new (GTK_WINDOW (window), store, campaign_id,
                                                         TB_TEMPLATE_EDITOR_INITIAL_MESSAGE, 0)), 3);

  {
    TbImportDialog *import = tb_import_dialog_new (GTK_WINDOW (window), store, campaign_id);
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("textbank-a11y-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "people.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (import));
    check_screen ("import dialog, choose a file", GTK_WIDGET (import), 1);
    write_csv (path);
    tb_import_dialog_set_file (import, file);
    g_assert_true (ui_test_wait_for (import_shows_preview, import, 5000));
    check_screen ("import dialog, preview", GTK_WIDGET (import), 3);
    gtk_window_destroy (GTK_WINDOW (import));
    ui_test_spin ();
    g_unlink (path);
    g_rmdir (dir);
  }

  {
    GtkWidget *stats_window = adw_window_new ();
    GtkWidget *stats = tb_stats_page_new ();

    adw_window_set_content (ADW_WINDOW (stats_window), stats);
    tb_stats_page_set_campaign (TB_STATS_PAGE (stats), store, campaign_id);
    /* The figures are read in a thread: walk the page that shows them. */
    g_assert_true (ui_test_wait_for (stats_read, stats, 5000));
    present_and_check ("statistics", stats_window, 0);
  }

  dialog = tb_admin_unlock_dialog_new (GTK_WINDOW (window), session);
  present_and_check ("admin unlock dialog", dialog, 2);

  present_and_check ("audit log", tb_audit_window_new (GTK_WINDOW (window), session), 1);

  dialog = tb_shift_summary_dialog_new (GTK_WINDOW (window), session);
  g_assert_nonnull (dialog);
  present_and_check ("shift summary", dialog, 1);
}

static void
test_all_screens (void)
{
  ui_test_run_app (FALSE, check_all_screens, NULL);
}

/* ---- Tab reaches the whole texting flow, each stop named --------------- */

static GtkWidget *
interactive_ancestor (GtkWidget *widget)
{
  /* The focus lands inside composite controls (the GtkText of an entry,
   * the toggle of a menu button): the control is what has the name. */
  GtkWidget *found = NULL;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (is_interactive (w))
      {
        found = w;
        if (is_opaque (w))
          break;
      }
  return found;
}

static void
check_tab_order (TbApplication *app,
                 TbWindow      *window,
                 gpointer       user_data)
{
  g_autoptr(GHashTable) stops = g_hash_table_new (NULL, NULL);
  GString *problems = g_string_new (NULL);
  gboolean reached_search = FALSE, reached_list = FALSE, reached_message = FALSE, reached_send = FALSE;

  ui_test_sign_in (window, "Keyboard User");
  ui_test_open_all_day (window);

  /* Forward from the top, then backward from the bottom: in GTK 4.8 every
   * row of the contact list is a Tab stop (GtkListView has no
   * tab-behavior before 4.12), so Tab alone walks the rows for long; the
   * shortcuts (Ctrl+. and Ctrl+, for the next and previous contact, Ctrl+F,
   * Alt+1…5 for the queues: see the shortcuts window) skip them. */
  for (guint i = 0; i < 80; i++)
    {
      GtkDirectionType direction = i < 40 ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD;
      GtkWidget *focus;
      GtkWidget *control;

      if (i == 0 || i == 40)
        gtk_root_set_focus (GTK_ROOT (window), NULL);
      gtk_widget_child_focus (GTK_WIDGET (window), direction);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      control = interactive_ancestor (focus);
      if (control == NULL)
        {
          g_autofree char *what = describe (focus);

          g_test_message ("Tab stop outside the controls checked: %s", what);
          continue;
        }
      if (!g_hash_table_add (stops, control))
        continue;
      if (name_source (control) == NULL)
        {
          g_autofree char *what = describe (control);

          g_string_append_printf (problems, "Tab stop without a name: %s\n", what);
        }
      reached_search |= GTK_IS_SEARCH_ENTRY (control);
      reached_list |= is_list_item (control);
      reached_message |= GTK_IS_TEXT_VIEW (control);
      reached_send |= g_strcmp0 (gtk_widget_get_tooltip_text (control), "Send (Ctrl+Enter)") == 0;
    }

  g_test_message ("%u Tab stops on the texting screen", g_hash_table_size (stops));
  g_assert_cmpstr (problems->str, ==, "");
  g_assert_true (reached_search);
  g_assert_true (reached_list);
  g_assert_true (reached_message);
  g_assert_true (reached_send);
  g_string_free (problems, TRUE);
}

static void
test_tab_order (void)
{
  ui_test_run_app (FALSE, check_tab_order, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* Every screen is walked even after one fails: the log lists them all. */
  g_test_set_nonfatal_assertions ();
  adw_init ();

  g_test_add_func ("/a11y/rule-catches-unnamed", test_rule_catches_unnamed);
  g_test_add_func ("/a11y/empty-state", test_empty_state);
  g_test_add_func ("/a11y/screens", test_all_screens);
  g_test_add_func ("/a11y/tab-order", test_tab_order);

  return g_test_run ();
}
