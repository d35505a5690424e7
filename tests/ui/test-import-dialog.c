/* test-import-dialog.c: import a CSV through the real dialog, with the
 * mapping changed through its column menus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-import-dialog.h"
#include "ui-test-util.h"

typedef UiTestCampaign Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ui_test_campaign_set_up (fixture, "tb-import-dialog-XXXXXX", "", NULL);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
wait_for_page (TbImportDialog *dialog,
               const char     *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (tb_import_dialog_get_page (dialog), page) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (tb_import_dialog_get_page (dialog), ==, page);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static const char messy_csv[] =
  "Given,Family,Mobile,Postal Code,Ward\r\n"
  "ana,Reyes,(512) 203-4401,78701,north\r\n"
  "Ben,Ortiz,512-203-4402,78702,south\r\n"
  "Cleo,Ng,512 203 4401,78703,east\r\n"     /* duplicate of Ana's number */
  "Dev,Shah,12345,78704,west\r\n"           /* invalid */
  "Eve,Moss,,78705,north\r\n"               /* missing */
  "Fay,Lund,5122034406,78706,south\r\n";    /* opted out */

static void
test_import_with_changed_mapping (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) csv = write_file (fixture, "people.csv", messy_csv);
  g_autoptr(GFile) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autofree char *rejected_text = NULL;
  g_autofree char *rejected_path = NULL;
  g_auto(GStrv) lines = NULL;
  TbImportDialog *dialog;
  TbContactColumns *columns;
  TbImportReport *report;
  TbContact *ana = NULL;

  g_assert_true (tb_store_opt_out_add (fixture->store, "+15122034406", TB_OPT_OUT_SOURCE_MANUAL, 0, 0, &error));
  g_assert_no_error (error);

  dialog = tb_import_dialog_new (NULL, fixture->store, fixture->campaign_id);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (tb_import_dialog_get_page (dialog), ==, "choose");

  /* What the file chooser would do. */
  tb_import_dialog_set_file (dialog, csv);
  wait_for_page (dialog, "preview");

  columns = tb_import_dialog_get_columns (dialog);
  g_assert_cmpuint (tb_contact_columns_get_n_columns (columns), ==, 5);
  /* The guess: Mobile is the phone, Postal Code the ZIP, the rest custom. */
  g_assert_cmpint (tb_contact_columns_get_field (columns, 2), ==, TB_CONTACT_FIELD_PHONE);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 3), ==, TB_CONTACT_FIELD_ZIP);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 0), ==, TB_CONTACT_FIELD_CUSTOM);
  g_assert_cmpuint (gtk_drop_down_get_selected (tb_import_dialog_get_column_dropdown (dialog, 0)), ==, 4);
  g_assert_null (tb_import_dialog_get_column_dropdown (dialog, 5));

  /* The user changes three columns through their menus. */
  gtk_drop_down_set_selected (tb_import_dialog_get_column_dropdown (dialog, 0), 0);  /* First Name */
  gtk_drop_down_set_selected (tb_import_dialog_get_column_dropdown (dialog, 1), 1);  /* Last Name */
  gtk_drop_down_set_selected (tb_import_dialog_get_column_dropdown (dialog, 4), 5);  /* Ignore */
  g_assert_cmpint (tb_contact_columns_get_field (columns, 0), ==, TB_CONTACT_FIELD_FIRST_NAME);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 1), ==, TB_CONTACT_FIELD_LAST_NAME);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 4), ==, TB_CONTACT_FIELD_IGNORED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  wait_for_page (dialog, "report");

  report = tb_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (tb_import_report_get_records (report), ==, 6);
  g_assert_cmpuint (tb_import_report_get_imported (report), ==, 2);
  g_assert_cmpuint (tb_import_report_get_duplicates (report), ==, 1);
  g_assert_cmpuint (tb_import_report_get_invalid_phone (report), ==, 1);
  g_assert_cmpuint (tb_import_report_get_missing_phone (report), ==, 1);
  g_assert_cmpuint (tb_import_report_get_opted_out (report), ==, 1);

  /* The mapping reached the store: names from Given/Family, no Ward. */
  contacts = tb_store_contact_page (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, 100,
                                    &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    if (g_str_equal (tb_contact_get_phone (g_ptr_array_index (contacts, i)), "+15122034401"))
      ana = g_ptr_array_index (contacts, i);
  g_assert_nonnull (ana);
  g_assert_cmpstr (tb_contact_get_first_name (ana), ==, "ana");
  g_assert_cmpstr (tb_contact_get_last_name (ana), ==, "Reyes");
  g_assert_cmpstr (tb_contact_get_zip (ana), ==, "78701");
  {
    g_autofree char *ward = tb_contact_dup_field (ana, "Ward");
    g_auto(GStrv) names = tb_contact_dup_field_names (ana);
    g_assert_null (ward);
    g_assert_cmpuint (g_strv_length (names), ==, 0);
  }

  /* "Save rejected rows" after its file chooser. */
  rejected_path = g_build_filename (fixture->dir, "people-rejected.csv", NULL);
  rejected = g_file_new_for_path (rejected_path);
  tb_import_dialog_save_rejected_async (dialog, rejected, NULL, on_saved, &saved);
  while (saved == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tb_import_dialog_save_rejected_finish (dialog, saved, &error));
  g_assert_no_error (error);

  g_file_get_contents (rejected_path, &rejected_text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit_set (rejected_text, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Given,Family,Mobile,Postal Code,Ward,"));
  g_assert_nonnull (strstr (rejected_text, "Cleo,Ng,512 203 4401,78703,east"));
  g_assert_nonnull (strstr (rejected_text, "Dev,Shah,12345,78704,west"));
  g_assert_nonnull (strstr (rejected_text, "Eve,Moss,,78705,north"));
  g_assert_nonnull (strstr (rejected_text, "Fay,Lund,5122034406,78706,south"));
  g_assert_null (strstr (rejected_text, "Ben,Ortiz"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_no_phone_column (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) csv = write_file (fixture, "nophone.csv",
                                     "Name,Number\nAna,512-203-4401\nBen,512-203-4402\n");
  TbImportDialog *dialog = tb_import_dialog_new (NULL, fixture->store, fixture->campaign_id);
  TbContactColumns *columns;

  gtk_window_present (GTK_WINDOW (dialog));
  tb_import_dialog_set_file (dialog, csv);
  wait_for_page (dialog, "preview");
  columns = tb_import_dialog_get_columns (dialog);

  /* Import is refused until a column is the phone. */
  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_PHONE), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
  g_assert_cmpstr (tb_import_dialog_get_page (dialog), ==, "preview");
  g_assert_null (tb_import_dialog_get_report (dialog));

  gtk_drop_down_set_selected (tb_import_dialog_get_column_dropdown (dialog, 1), 2);  /* Phone */
  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_PHONE), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
  wait_for_page (dialog, "report");
  g_assert_cmpuint (tb_import_report_get_imported (tb_import_dialog_get_report (dialog)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_unreadable_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (path);
  g_autoptr(GFile) empty = write_file (fixture, "empty.csv", "");
  TbImportDialog *dialog = tb_import_dialog_new (NULL, fixture->store, fixture->campaign_id);
  gint64 deadline;

  gtk_window_present (GTK_WINDOW (dialog));

  /* The dialog stays on "choose" and says why in a toast. */
  tb_import_dialog_set_file (dialog, missing);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (tb_import_dialog_get_page (dialog), ==, "choose");
  g_assert_null (tb_import_dialog_get_columns (dialog));

  tb_import_dialog_set_file (dialog, empty);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (tb_import_dialog_get_page (dialog), ==, "choose");
  g_assert_null (tb_import_dialog_get_columns (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("first_name,phone\n");
  g_autoptr(GFile) csv = NULL;
  g_autoptr(GError) error = NULL;
  TbImportDialog *dialog;
  TbQueueCounts counts;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (big, "P%u,+1512%03u%04u\n", i, 200 + i / 10000, i % 10000);
  csv = write_file (fixture, "big.csv", big->str);

  dialog = tb_import_dialog_new (NULL, fixture->store, fixture->campaign_id);
  gtk_window_present (GTK_WINDOW (dialog));
  tb_import_dialog_set_file (dialog, csv);
  wait_for_page (dialog, "preview");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
  g_assert_cmpstr (tb_import_dialog_get_page (dialog), ==, "progress");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  wait_for_page (dialog, "report");

  /* Whole batches or nothing: never all of it. */
  g_assert_true (tb_store_contact_counts (fixture->store, fixture->campaign_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.total, <, 200000);
  g_assert_cmpint (counts.total % 5000, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  static const UiTestCase cases[] = {
    UI_TEST_CASE ("/import-dialog/changed-mapping", test_import_with_changed_mapping),
    UI_TEST_CASE ("/import-dialog/no-phone-column", test_no_phone_column),
    UI_TEST_CASE ("/import-dialog/unreadable-file", test_unreadable_file),
    UI_TEST_CASE ("/import-dialog/cancel", test_cancel),
  };

  ui_test_init (&argc, &argv);
  ui_test_add_cases (sizeof (Fixture), (GTestFixtureFunc) fixture_set_up, (GTestFixtureFunc) ui_test_campaign_tear_down,
                     cases, G_N_ELEMENTS (cases));

  return g_test_run ();
}
