/* test-template-editor.c: the template editor on a real database, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-template-editor.h"
#include "ui-test-util.h"

typedef struct {
  UiTestCampaign base;
  gint64         ana_id;
  gint64         ben_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ui_test_campaign_set_up (&fixture->base, "tb-template-editor-XXXXXX", "", "+15125550100");
  fixture->ana_id = tb_store_contact_add (fixture->base.store, fixture->base.campaign_id, "+15125550123",
                                          "ANA", "Reyes", "78701", NULL, "{\"Precinct\": \"12A\"}", &error);
  g_assert_no_error (error);
  fixture->ben_id = tb_store_contact_add (fixture->base.store, fixture->base.campaign_id, "+15125550124",
                                          "Ben", "Ortiz", "78702", NULL, "{\"Precinct\": \"7\"}", &error);
  g_assert_no_error (error);
}

static TbTemplateEditor *
new_editor (Fixture              *fixture,
            TbTemplateEditorKind  kind)
{
  return tb_template_editor_new (NULL, fixture->base.store, fixture->base.campaign_id, kind, 0);
}

static void
on_saved (TbTemplateEditor *editor,
          gpointer          user_data)
{
  *(gboolean *) user_data = TRUE;
}

static char *
dup_initial_message (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCampaign) campaign = tb_store_campaign_get (fixture->base.store, fixture->base.campaign_id, &error);

  g_assert_no_error (error);
  return g_strdup (tb_campaign_get_initial_message (campaign));
}

static void
test_unknown_placeholder_refuses_save (Fixture       *fixture,
                                       gconstpointer  data)
{
  TbTemplateEditor *editor = new_editor (fixture, TB_TEMPLATE_EDITOR_INITIAL_MESSAGE);
  GtkTextBuffer *buffer = tb_template_editor_get_buffer (editor);
  g_autofree char *stored = NULL;
  g_autofree char *preview = NULL;
  GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter iter;

  gtk_window_present (GTK_WINDOW (editor));
  ui_test_drain ();

  gtk_text_buffer_set_text (buffer, "Hi {first_name}, this is {texter_name} with Vote Texas, "
                                    "precinct {Precint}. Reply STOP to opt out.", -1);
  ui_test_drain ();

  /* The error shows, names the placeholder, and is underlined. */
  g_assert_false (tb_template_editor_get_can_save (editor));
  g_assert_nonnull (strstr (tb_template_editor_get_problems (editor), "Precint"));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_strlen ("Hi {first_name}, this is {texter_name} "
                                                                           "with Vote Texas, precinct {", -1));
  g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (tags, "unknown")));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 4);
  g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (tags, "placeholder")));
  /* The preview goes on, with the unknown placeholder as written. */
  preview = tb_template_editor_dup_preview (editor);
  g_assert_cmpstr (preview, ==, "Hi Ana, this is Your Name with Vote Texas, precinct {Precint}. "
                                "Reply STOP to opt out.");

  /* Save is refused: the action is disabled, and refuses when invoked. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  ui_test_drain ();
  stored = dup_initial_message (fixture);
  g_assert_cmpstr (stored, ==, "");
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (tb_template_editor_save (editor, &error));
    g_assert_error (error, TB_TEMPLATE_EDITOR_ERROR, TB_TEMPLATE_EDITOR_ERROR_PROBLEMS);
    g_assert_nonnull (strstr (error->message, "Precint"));
  }
  g_clear_pointer (&stored, g_free);
  stored = dup_initial_message (fixture);
  g_assert_cmpstr (stored, ==, "");

  /* A broken brace: no preview at all, still no Save. */
  g_clear_pointer (&preview, g_free);
  gtk_text_buffer_set_text (buffer, "Hi {first_name", -1);
  preview = tb_template_editor_dup_preview (editor);
  g_assert_cmpstr (preview, ==, "");
  g_assert_false (tb_template_editor_get_can_save (editor));
  g_assert_cmpstr (tb_template_editor_get_problems (editor), !=, "");

  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_drain ();
}

static void
test_preview_two_contacts_and_save (Fixture       *fixture,
                                    gconstpointer  data)
{
  TbTemplateEditor *editor = new_editor (fixture, TB_TEMPLATE_EDITOR_INITIAL_MESSAGE);
  GtkTextBuffer *buffer = tb_template_editor_get_buffer (editor);
  const char *source = "Hi {first_name}, this is {texter_name} with Vote Texas. Precinct {Precinct}. "
                       "Reply STOP to opt out.";
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *back = NULL;
  g_autofree char *stored = NULL;
  gboolean saved = FALSE;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);

  tb_template_editor_set_texter_name (editor, "Maya");
  gtk_window_present (GTK_WINDOW (editor));
  gtk_text_buffer_set_text (buffer, source, -1);
  ui_test_drain ();

  g_assert_true (tb_template_editor_get_can_save (editor));
  g_assert_cmpstr (tb_template_editor_get_problems (editor), ==, "");
  /* Names the sender and says how to opt out: no CTIA warning. */
  g_assert_cmpstr (tb_template_editor_get_warnings (editor), ==, "");

  g_assert_cmpint (tb_contact_get_id (tb_template_editor_get_preview_contact (editor)), ==, fixture->ana_id);
  first = tb_template_editor_dup_preview (editor);
  g_assert_cmpstr (first, ==, "Hi Ana, this is Maya with Vote Texas. Precinct 12A. Reply STOP to opt out.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-contact", NULL));
  g_assert_cmpint (tb_contact_get_id (tb_template_editor_get_preview_contact (editor)), ==, fixture->ben_id);
  second = tb_template_editor_dup_preview (editor);
  g_assert_cmpstr (second, ==, "Hi Ben, this is Maya with Vote Texas. Precinct 7. Reply STOP to opt out.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.previous-contact", NULL));
  back = tb_template_editor_dup_preview (editor);
  g_assert_cmpstr (back, ==, first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  ui_test_drain ();
  g_assert_true (saved);
  stored = dup_initial_message (fixture);
  g_assert_cmpstr (stored, ==, source);
}

static void
test_lint_and_lookalikes (Fixture       *fixture,
                          gconstpointer  data)
{
  TbTemplateEditor *editor = new_editor (fixture, TB_TEMPLATE_EDITOR_INITIAL_MESSAGE);
  GtkTextBuffer *buffer = tb_template_editor_get_buffer (editor);
  GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *replaced = NULL;
  GtkTextIter start, end, iter;

  gtk_window_present (GTK_WINDOW (editor));
  gtk_text_buffer_set_text (buffer, "Hi {first_name}, it’s time to vote: https://bit.ly/x", -1);
  ui_test_drain ();

  /* No sender, no opt-out, a link: three warnings, Save still allowed. */
  g_assert_nonnull (strstr (tb_template_editor_get_warnings (editor), "name the sender"));
  g_assert_nonnull (strstr (tb_template_editor_get_warnings (editor), "opt out"));
  g_assert_nonnull (strstr (tb_template_editor_get_warnings (editor), "link"));
  g_assert_true (tb_template_editor_get_can_save (editor));

  /* The curly apostrophe forces UCS-2 and is highlighted. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_strlen ("Hi {first_name}, it", -1));
  g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (tags, "ucs2")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.replace-lookalikes", NULL));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  replaced = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (replaced, ==, "Hi {first_name}, it's time to vote: https://bit.ly/x");

  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_drain ();
}

static void
test_canned_reply_needs_title (Fixture       *fixture,
                               gconstpointer  data)
{
  TbTemplateEditor *editor = new_editor (fixture, TB_TEMPLATE_EDITOR_CANNED_REPLY);
  GtkTextBuffer *buffer = tb_template_editor_get_buffer (editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replies = NULL;

  gtk_text_buffer_set_text (buffer, "Thanks {first_name}!", -1);
  g_assert_false (tb_template_editor_get_can_save (editor));
  g_assert_false (tb_template_editor_save (editor, &error));
  g_assert_error (error, TB_TEMPLATE_EDITOR_ERROR, TB_TEMPLATE_EDITOR_ERROR_NO_TITLE);
  g_clear_error (&error);

  replies = tb_store_canned_reply_list (fixture->base.store, fixture->base.campaign_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 0);
  g_clear_pointer (&replies, g_ptr_array_unref);

  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  static const UiTestCase cases[] = {
    UI_TEST_CASE ("/template-editor/unknown-placeholder-refuses-save", test_unknown_placeholder_refuses_save),
    UI_TEST_CASE ("/template-editor/preview-two-contacts-and-save", test_preview_two_contacts_and_save),
    UI_TEST_CASE ("/template-editor/lint-and-lookalikes", test_lint_and_lookalikes),
    UI_TEST_CASE ("/template-editor/canned-reply-needs-title", test_canned_reply_needs_title),
  };

  ui_test_init (&argc, &argv);
  ui_test_add_cases (sizeof (Fixture), (GTestFixtureFunc) fixture_set_up, (GTestFixtureFunc) ui_test_campaign_tear_down,
                     cases, G_N_ELEMENTS (cases));

  return g_test_run ();
}
