/* tb-cli-import.c: textbank-cli import --campaign ID FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-cli-store.h"
#include "tb-store-import.h"

#define MAX_ERRORS_PRINTED 1000

int
tb_cli_import (TbCliGlobals *globals,
               int           argc,
               char        **argv)
{
  gint64 campaign_id = 0;
  g_autofree char *region = NULL;
  g_autofree char *rejected_path = NULL;
  gboolean allow_fictional = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_INT64, &campaign_id, N_("The campaign to add the contacts to"), N_("ID") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The country of numbers written without +code (default US)"), N_("CODE") },
    { "allow-fictional", 0, 0, G_OPTION_ARG_NONE, &allow_fictional,
      N_("Accept the fictional 555-01XX numbers"), NULL },
    { "rejected", 0, 0, G_OPTION_ARG_FILENAME, &rejected_path,
      N_("Write the refused rows, with a reason column, to this CSV file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbImportOptions) options = tb_import_options_new ();
  g_autoptr(TbImportReport) report = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_errors;

  if (!tb_cli_parse_options ("import", "--campaign ID FILE", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      tb_cli_error ("import", _("give one CSV file"));
      return TB_CLI_EXIT_USAGE;
    }
  store = tb_cli_store_open (globals, "import");
  if (store == NULL)
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_require_admin (globals, store, TB_ADMIN_ACTION_IMPORT, "import"))
    return TB_CLI_EXIT_FAILED;
  if (!tb_cli_store_check_campaign ("import", campaign_id, store))
    return campaign_id <= 0 ? TB_CLI_EXIT_USAGE : TB_CLI_EXIT_FAILED;

  if (region != NULL)
    tb_import_options_set_default_region (options, region);
  tb_import_options_set_allow_fictional (options, allow_fictional);
  csv = g_file_new_for_commandline_arg (argv[1]);
  report = tb_store_import_sync (store, campaign_id, csv, options, NULL, &error);
  if (report == NULL)
    {
      tb_cli_error ("import", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }
  {
    g_autofree char *subject = g_strdup_printf ("campaign %" G_GINT64_FORMAT, campaign_id);
    g_autofree char *detail = g_strdup_printf ("textbank-cli: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                                               " records imported", tb_import_report_get_imported (report),
                                               tb_import_report_get_records (report));

    tb_store_audit_add (store, 0, "import", subject, detail, NULL);
  }

  if (rejected_path != NULL && tb_import_report_get_n_errors (report) > 0)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (rejected_path);
      g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

      if (out == NULL ||
          !tb_import_report_write_rejected (report, G_OUTPUT_STREAM (out), NULL, &error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
        {
          tb_cli_error ("import", "%s", error->message);
          return TB_CLI_EXIT_FAILED;
        }
    }

  json_builder_begin_object (builder);
#define ADD_COUNT(name, getter) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, (gint64) getter (report));
  ADD_COUNT ("records", tb_import_report_get_records);
  ADD_COUNT ("imported", tb_import_report_get_imported);
  ADD_COUNT ("duplicates", tb_import_report_get_duplicates);
  ADD_COUNT ("invalid_phone", tb_import_report_get_invalid_phone);
  ADD_COUNT ("missing_phone", tb_import_report_get_missing_phone);
  ADD_COUNT ("opted_out", tb_import_report_get_opted_out);
  ADD_COUNT ("bad_records", tb_import_report_get_bad_records);
#undef ADD_COUNT
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  n_errors = MIN (tb_import_report_get_n_errors (report), MAX_ERRORS_PRINTED);
  for (guint i = 0; i < n_errors; i++)
    {
      const TbImportError *entry = tb_import_report_get_error (report, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "record");
      json_builder_add_int_value (builder, (gint64) entry->record);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, (gint64) entry->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, tb_import_reason_to_string (entry->reason));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, entry->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (json)
    tb_cli_print_json (root);
  else
    {
      for (guint i = 0; i < n_errors; i++)
        g_printerr ("%s\n", tb_import_report_get_error (report, i)->message);
      g_print (("%" G_GUINT64_FORMAT " records: %" G_GUINT64_FORMAT " imported, %" G_GUINT64_FORMAT
                 " duplicates, %" G_GUINT64_FORMAT " invalid phones, %" G_GUINT64_FORMAT
                 " missing phones, %" G_GUINT64_FORMAT " opted out, %" G_GUINT64_FORMAT " broken records\n"),
               tb_import_report_get_records (report), tb_import_report_get_imported (report),
               tb_import_report_get_duplicates (report), tb_import_report_get_invalid_phone (report),
               tb_import_report_get_missing_phone (report), tb_import_report_get_opted_out (report),
               tb_import_report_get_bad_records (report));
    }
  return TB_CLI_EXIT_OK;
}
