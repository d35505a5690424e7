/* test-contact-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tb-contact-columns.h"

#include <string.h>

typedef struct {
  const char     *header;
  TbContactField  field;
} AliasCase;

static const AliasCase alias_cases[] = {
  { "first_name", TB_CONTACT_FIELD_FIRST_NAME },
  { "First Name", TB_CONTACT_FIELD_FIRST_NAME },
  { "firstName", TB_CONTACT_FIELD_FIRST_NAME },
  { "FIRSTNAME", TB_CONTACT_FIELD_FIRST_NAME },
  { "fname", TB_CONTACT_FIELD_FIRST_NAME },
  { "first", TB_CONTACT_FIELD_FIRST_NAME },
  { "  First  ", TB_CONTACT_FIELD_FIRST_NAME },
  { "last_name", TB_CONTACT_FIELD_LAST_NAME },
  { "Last Name", TB_CONTACT_FIELD_LAST_NAME },
  { "lastName", TB_CONTACT_FIELD_LAST_NAME },
  { "lname", TB_CONTACT_FIELD_LAST_NAME },
  { "Last", TB_CONTACT_FIELD_LAST_NAME },
  { "cell", TB_CONTACT_FIELD_PHONE },
  { "Cell Phone", TB_CONTACT_FIELD_PHONE },
  { "CellPhone", TB_CONTACT_FIELD_PHONE },
  { "cell_phone", TB_CONTACT_FIELD_PHONE },
  { "cell-phone", TB_CONTACT_FIELD_PHONE },
  { "mobile", TB_CONTACT_FIELD_PHONE },
  { "mobile_number", TB_CONTACT_FIELD_PHONE },
  { "Mobile Number", TB_CONTACT_FIELD_PHONE },
  { "phone_number", TB_CONTACT_FIELD_PHONE },
  { "Phone", TB_CONTACT_FIELD_PHONE },
  { "Zip5", TB_CONTACT_FIELD_ZIP },
  { "zip", TB_CONTACT_FIELD_ZIP },
  { "zip_code", TB_CONTACT_FIELD_ZIP },
  { "ZipCode", TB_CONTACT_FIELD_ZIP },
  { "postal_code", TB_CONTACT_FIELD_ZIP },
  { "Postal Code", TB_CONTACT_FIELD_ZIP },
  /* Near misses stay custom. */
  { "First Names", TB_CONTACT_FIELD_CUSTOM },
  { "Home Phone", TB_CONTACT_FIELD_CUSTOM },
  { "Phone 2", TB_CONTACT_FIELD_CUSTOM },
  { "Zip4", TB_CONTACT_FIELD_CUSTOM },
  { "Precinct", TB_CONTACT_FIELD_CUSTOM },
  { "Prénom", TB_CONTACT_FIELD_CUSTOM },
  { "", TB_CONTACT_FIELD_CUSTOM },
};

static void
test_columns_aliases (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (alias_cases); i++)
    {
      TbContactField got = tb_contact_field_for_header (alias_cases[i].header);

      if (got != alias_cases[i].field)
        g_error ("“%s”: got %s, expected %s", alias_cases[i].header,
                 tb_contact_field_to_string (got), tb_contact_field_to_string (alias_cases[i].field));
    }
}

typedef struct {
  const char *header;    /* comma-separated */
  const char *expected;  /* the field of each column, comma-separated */
  const char *names;     /* the custom name of each column, "|"-separated */
} MappingCase;

static const MappingCase mapping_cases[] = {
  { "First Name,Last Name,Cell Phone,Zip5,Precinct",
    "first_name,last_name,phone,zip,custom",
    "First Name|Last Name|Cell Phone|Zip5|Precinct" },
  /* A VAN export: the cell phone beats the plain (often landline) phone,
   * wherever it stands. */
  { "VanID,FirstName,LastName,Phone,CellPhone,Zip5",
    "custom,first_name,last_name,custom,phone,zip",
    "VanID|FirstName|LastName|Phone|CellPhone|Zip5" },
  /* The same alias twice: the leftmost wins. */
  { "phone,Phone,zip",
    "phone,custom,zip",
    "phone|Phone|zip" },
  /* Empty header cells are ignored, and named for the dialog. */
  { "cell,,x, ",
    "phone,ignored,custom,ignored",
    "cell|Column 2|x|Column 4" },
  /* Duplicate custom names are made unique. */
  { "cell,Notes,Notes,Notes 2",
    "phone,custom,custom,custom",
    "cell|Notes|Notes 2|Notes 2 2" },
  { "mobile",
    "phone",
    "mobile" },
};

static void
test_columns_mapping (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (mapping_cases); i++)
    {
      g_auto(GStrv) header = g_strsplit (mapping_cases[i].header, ",", -1);
      g_autoptr(TbContactColumns) columns = tb_contact_columns_new ((const char * const *) header,
                                                                     g_strv_length (header));
      g_autoptr(GString) fields = g_string_new (NULL);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint c = 0; c < tb_contact_columns_get_n_columns (columns); c++)
        {
          g_string_append_printf (fields, "%s%s", c ? "," : "",
                                  tb_contact_field_to_string (tb_contact_columns_get_field (columns, c)));
          g_string_append_printf (names, "%s%s", c ? "|" : "",
                                  tb_contact_columns_get_custom_name (columns, c));
          g_assert_cmpstr (tb_contact_columns_get_header (columns, c), ==, header[c]);
        }
      g_assert_cmpstr (fields->str, ==, mapping_cases[i].expected);
      g_assert_cmpstr (names->str, ==, mapping_cases[i].names);
      g_assert_true (tb_contact_columns_check (columns, NULL));
    }
}

static void
test_columns_no_phone (void)
{
  const char *header[] = { "First Name", "Last Name", "Home Phone", NULL };
  g_autoptr(TbContactColumns) columns = tb_contact_columns_new (header, 3);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_PHONE), ==, -1);
  g_assert_false (tb_contact_columns_check (columns, &error));
  g_assert_error (error, TB_CONTACT_COLUMNS_ERROR, TB_CONTACT_COLUMNS_ERROR_NO_PHONE);
  g_assert_nonnull (strstr (error->message, "“First Name”, “Last Name”, “Home Phone”"));
  g_clear_error (&error);

  /* The person maps the home phone by hand. */
  tb_contact_columns_set_field (columns, 2, TB_CONTACT_FIELD_PHONE);
  g_assert_true (tb_contact_columns_check (columns, &error));
  g_assert_no_error (error);
}

static void
test_columns_no_phone_many (void)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TbContactColumns) columns = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 50; i++)
    g_ptr_array_add (header, g_strdup_printf ("c%d", i));
  columns = tb_contact_columns_new ((const char * const *) header->pdata, header->len);
  g_assert_false (tb_contact_columns_check (columns, &error));
  g_assert_nonnull (strstr (error->message, "“c19” and 30 more"));
  g_assert_null (strstr (error->message, "c20"));
  g_clear_error (&error);

  g_clear_object (&columns);
  columns = tb_contact_columns_new (NULL, 0);
  g_assert_false (tb_contact_columns_check (columns, &error));
  g_assert_nonnull (strstr (error->message, "none"));
}

static void
on_changed (TbContactColumns *columns,
            guint            *count)
{
  (*count)++;
}

static void
test_columns_remap (void)
{
  const char *header[] = { "First Name", "Cell", "Phone", "Notes", NULL };
  const char *record[] = { "Ann", "512-463-0123", "512-463-9999", "likes dogs" };
  g_autoptr(TbContactColumns) columns = tb_contact_columns_new (header, 4);
  guint changed = 0;

  g_signal_connect (columns, "changed", G_CALLBACK (on_changed), &changed);

  g_assert_cmpstr (tb_contact_columns_get_value (columns, record, 4, TB_CONTACT_FIELD_PHONE), ==, "512-463-0123");
  g_assert_cmpstr (tb_contact_columns_get_value (columns, record, 4, TB_CONTACT_FIELD_ZIP), ==, "");
  g_assert_cmpstr (tb_contact_columns_get_value (columns, record, 1, TB_CONTACT_FIELD_PHONE), ==, "");
  g_assert_cmpstr (tb_contact_columns_get_value (columns, record, 4, TB_CONTACT_FIELD_CUSTOM), ==, "");

  /* Moving the phone to another column takes it from the first. */
  tb_contact_columns_set_field (columns, 2, TB_CONTACT_FIELD_PHONE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_PHONE), ==, 2);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 1), ==, TB_CONTACT_FIELD_CUSTOM);
  g_assert_cmpstr (tb_contact_columns_get_value (columns, record, 4, TB_CONTACT_FIELD_PHONE), ==, "512-463-9999");

  /* The same mapping again changes nothing. */
  tb_contact_columns_set_field (columns, 2, TB_CONTACT_FIELD_PHONE);
  g_assert_cmpuint (changed, ==, 1);

  tb_contact_columns_set_field (columns, 3, TB_CONTACT_FIELD_IGNORED);
  tb_contact_columns_set_field (columns, 0, TB_CONTACT_FIELD_LAST_NAME);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_FIRST_NAME), ==, -1);
  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_LAST_NAME), ==, 0);
  g_assert_cmpint (tb_contact_columns_find (columns, TB_CONTACT_FIELD_IGNORED), ==, -1);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 3), ==, TB_CONTACT_FIELD_IGNORED);

  /* Custom is not exclusive. */
  tb_contact_columns_set_field (columns, 2, TB_CONTACT_FIELD_CUSTOM);
  tb_contact_columns_set_field (columns, 3, TB_CONTACT_FIELD_CUSTOM);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 1), ==, TB_CONTACT_FIELD_CUSTOM);
  g_assert_cmpint (tb_contact_columns_get_field (columns, 2), ==, TB_CONTACT_FIELD_CUSTOM);
  g_assert_false (tb_contact_columns_check (columns, NULL));
}

static void
test_columns_field_names (void)
{
  for (TbContactField f = TB_CONTACT_FIELD_IGNORED; f <= TB_CONTACT_FIELD_ZIP; f++)
    {
      TbContactField back = 99;

      g_assert_true (tb_contact_field_from_string (tb_contact_field_to_string (f), &back));
      g_assert_cmpint (back, ==, f);
    }
  g_assert_cmpstr (tb_contact_field_to_string (TB_CONTACT_FIELD_FIRST_NAME), ==, "first_name");
  g_assert_cmpstr (tb_contact_field_to_string (77), ==, "unknown");
  g_assert_false (tb_contact_field_from_string ("First Name", NULL));
  g_assert_false (tb_contact_field_from_string ("", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact-columns/aliases", test_columns_aliases);
  g_test_add_func ("/contact-columns/mapping", test_columns_mapping);
  g_test_add_func ("/contact-columns/no-phone", test_columns_no_phone);
  g_test_add_func ("/contact-columns/no-phone-many", test_columns_no_phone_many);
  g_test_add_func ("/contact-columns/remap", test_columns_remap);
  g_test_add_func ("/contact-columns/field-names", test_columns_field_names);

  return g_test_run ();
}
