/* tb-cli-check-csv.c: textbank-cli check-csv FILE
 *
 * Says what an import would do, without a database: how many records have
 * a valid phone, how many repeat an earlier number, which are broken and
 * where, and how the columns map. Runs in constant memory apart from the
 * set of numbers seen (12 bytes a slot), so a million-record file is fine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "tb-cli-commands.h"
#include "tb-contact-columns.h"
#include "tb-csv.h"
#include "tb-phone.h"

#define DEFAULT_MAX_ERRORS 1000

/* An open-addressing set of E.164 keys (tb_phone_e164_to_key(), never 0),
 * each with the record that brought it. */
typedef struct {
  guint64 *keys;
  guint32 *records;
  gsize    capacity;  /* a power of two */
  gsize    count;
} PhoneSet;

typedef struct {
  guint64     record;
  guint64     line;
  const char *reason;   /* a stable code */
  char       *message;
  gboolean    located;  /* the message already says record and line */
} Problem;

typedef struct {
  guint64  records;
  guint64  valid;
  guint64  duplicates;
  guint64  invalid_phone;
  guint64  missing_phone;
  guint64  bad_records;
  guint64  extensions_dropped;
  GArray  *problems;      /* of Problem, at most max_errors */
  guint64  problems_omitted;
  guint    max_errors;
} Report;

static guint64
mix_key (guint64 key)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  key ^= key >> 33;
  return key;
}

static void
phone_set_init (PhoneSet *set)
{
  set->capacity = 1024;
  set->count = 0;
  set->keys = g_new0 (guint64, set->capacity);
  set->records = g_new0 (guint32, set->capacity);
}

static void
phone_set_clear (PhoneSet *set)
{
  g_clear_pointer (&set->keys, g_free);
  g_clear_pointer (&set->records, g_free);
}

static gsize
phone_set_slot (const guint64 *keys,
                gsize          capacity,
                guint64        key)
{
  gsize mask = capacity - 1;
  gsize slot = mix_key (key) & mask;

  while (keys[slot] != 0 && keys[slot] != key)
    slot = (slot + 1) & mask;
  return slot;
}

static void
phone_set_grow (PhoneSet *set)
{
  gsize capacity = set->capacity * 2;
  guint64 *keys = g_new0 (guint64, capacity);
  guint32 *records = g_new0 (guint32, capacity);

  for (gsize i = 0; i < set->capacity; i++)
    {
      if (set->keys[i] != 0)
        {
          gsize slot = phone_set_slot (keys, capacity, set->keys[i]);

          keys[slot] = set->keys[i];
          records[slot] = set->records[i];
        }
    }
  g_free (set->keys);
  g_free (set->records);
  set->keys = keys;
  set->records = records;
  set->capacity = capacity;
}

/* Adds key; returns 0 when it is new, or the record that had it first. */
static guint32
phone_set_add (PhoneSet *set,
               guint64   key,
               guint64   record)
{
  gsize slot;

  if ((set->count + 1) * 4 > set->capacity * 3)
    phone_set_grow (set);

  slot = phone_set_slot (set->keys, set->capacity, key);
  if (set->keys[slot] == key)
    return set->records[slot];

  set->keys[slot] = key;
  set->records[slot] = (guint32) MIN (record, G_MAXUINT32);
  set->count++;
  return 0;
}

static void
clear_problem (gpointer data)
{
  Problem *problem = data;

  g_free (problem->message);
}

static void
add_problem (Report     *report,
             guint64     record,
             guint64     line,
             const char *reason,
             char       *message,
             gboolean    located)
{
  Problem problem = { record, line, reason, message, located };

  if (report->problems->len >= report->max_errors)
    {
      report->problems_omitted++;
      g_free (message);
      return;
    }
  g_array_append_val (report->problems, problem);
}

static const char *
csv_reason (const GError *error)
{
  if (error->domain != TB_CSV_ERROR)
    return "read_error";
  switch (error->code)
    {
    case TB_CSV_ERROR_TOO_MANY_FIELDS: return "too_many_fields";
    case TB_CSV_ERROR_BAD_QUOTE: return "bad_quote";
    case TB_CSV_ERROR_NUL_BYTE: return "nul_byte";
    case TB_CSV_ERROR_UNTERMINATED_QUOTE: return "unterminated_quote";
    case TB_CSV_ERROR_FIELD_TOO_LONG: return "field_too_long";
    case TB_CSV_ERROR_RECORD_TOO_LONG: return "record_too_long";
    case TB_CSV_ERROR_TOO_MANY_COLUMNS: return "too_many_columns";
    case TB_CSV_ERROR_ENCODING: return "encoding";
    case TB_CSV_ERROR_EMPTY: return "empty";
    case TB_CSV_ERROR_READ:
    default:
      return "read_error";
    }
}

/* Checks one record's phone. */
static void
check_record (Report           *report,
              PhoneSet         *seen,
              TbCsvReader      *reader,
              TbContactColumns *columns,
              const char       *region,
              TbPhoneFlags      flags)
{
  guint64 record = tb_csv_reader_get_record_number (reader);
  guint64 line = tb_csv_reader_get_line_number (reader);
  const char *phone = tb_contact_columns_get_value (columns,
                                                    tb_csv_reader_get_fields (reader),
                                                    tb_csv_reader_get_n_fields (reader),
                                                    TB_CONTACT_FIELD_PHONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = NULL;
  TbPhoneWarnings warnings = TB_PHONE_WARNING_NONE;
  guint32 first;

  e164 = tb_phone_normalize (phone, region, flags, &warnings, &error);
  if (e164 == NULL)
    {
      gboolean missing = g_error_matches (error, TB_PHONE_ERROR, TB_PHONE_ERROR_EMPTY);

      if (missing)
        report->missing_phone++;
      else
        report->invalid_phone++;
      add_problem (report, record, line,
                   missing ? "missing_phone" : tb_phone_reason_to_string (error->code),
                   g_strdup (error->message), FALSE);
      return;
    }

  if (warnings & TB_PHONE_WARNING_EXTENSION_DROPPED)
    report->extensions_dropped++;

  first = phone_set_add (seen, tb_phone_e164_to_key (e164), record);
  if (first != 0)
    {
      report->duplicates++;
      add_problem (report, record, line, "duplicate",
                   g_strdup_printf (_("%s is already in record %u"), e164, first), FALSE);
      return;
    }
  report->valid++;
}

static JsonNode *
report_to_json (Report           *report,
                TbCsvReader      *reader,
                TbContactColumns *columns,
                const GError     *fatal)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
#define ADD_INT(name, value) \
  G_STMT_START { \
    json_builder_set_member_name (builder, name); \
    json_builder_add_int_value (builder, (gint64) (value)); \
  } G_STMT_END
  ADD_INT ("records", report->records);
  ADD_INT ("valid", report->valid);
  ADD_INT ("duplicates", report->duplicates);
  ADD_INT ("invalid_phone", report->invalid_phone);
  ADD_INT ("missing_phone", report->missing_phone);
  ADD_INT ("bad_records", report->bad_records);
  ADD_INT ("extensions_dropped", report->extensions_dropped);
#undef ADD_INT

  tb_cli_json_add_string (builder, "encoding", tb_csv_reader_get_encoding (reader));

  tb_cli_json_add_boolean (builder, "complete", fatal == NULL);
  tb_cli_json_add_string (builder, "fatal", fatal != NULL ? fatal->message : NULL);

  /* Keyed by the custom name, which is unique even when headers repeat. */
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint i = 0; i < tb_contact_columns_get_n_columns (columns); i++)
    {
      json_builder_set_member_name (builder, tb_contact_columns_get_custom_name (columns, i));
      json_builder_add_string_value (builder,
                                     tb_contact_field_to_string (tb_contact_columns_get_field (columns, i)));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->problems->len; i++)
    {
      Problem *problem = &g_array_index (report->problems, Problem, i);

      json_builder_begin_object (builder);
      tb_cli_json_add_int (builder, "record", (gint64) problem->record);
      tb_cli_json_add_int (builder, "line", (gint64) problem->line);
      tb_cli_json_add_string (builder, "reason", problem->reason);
      tb_cli_json_add_string (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  tb_cli_json_add_int (builder, "errors_omitted", (gint64) report->problems_omitted);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_report (Report           *report,
              TbCsvReader      *reader,
              TbContactColumns *columns,
              const GError     *fatal)
{
  g_print (_("Records:         %" PRIu64 "\n"), report->records);
  g_print (_("Valid:           %" PRIu64 "\n"), report->valid);
  g_print (_("Duplicates:      %" PRIu64 "\n"), report->duplicates);
  g_print (_("Invalid phone:   %" PRIu64 "\n"), report->invalid_phone);
  g_print (_("Missing phone:   %" PRIu64 "\n"), report->missing_phone);
  g_print (_("Broken records:  %" PRIu64 "\n"), report->bad_records);
  g_print (_("Encoding:        %s\n"), tb_csv_reader_get_encoding (reader));
  g_print ("\n%s\n", _("Columns:"));
  for (guint i = 0; i < tb_contact_columns_get_n_columns (columns); i++)
    {
      TbContactField field = tb_contact_columns_get_field (columns, i);

      g_print ("  %-24s %s\n", tb_contact_columns_get_custom_name (columns, i),
               tb_contact_field_to_string (field));
    }
  if (report->problems->len > 0)
    g_print ("\n%s\n", _("Problems:"));
  for (guint i = 0; i < report->problems->len; i++)
    {
      Problem *problem = &g_array_index (report->problems, Problem, i);

      if (problem->located)
        g_print ("  %s\n", problem->message);
      else
        g_print (_("  Record %" PRIu64 " (line %" PRIu64 "): %s\n"),
                 problem->record, problem->line, problem->message);
    }
  if (report->problems_omitted > 0)
    g_print (_("  … and %" PRIu64 " more\n"), report->problems_omitted);
  if (fatal != NULL)
    g_print ("\n%s %s\n", _("Stopped:"), fatal->message);
}

int
tb_cli_check_csv (TbCliGlobals *globals,
                  int           argc,
                  char        **argv)
{
  gboolean json = FALSE;
  gboolean allow_fictional = FALSE;
  int max_errors = DEFAULT_MAX_ERRORS;
  g_autofree char *region = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("Region for numbers without a country code (default US)"), N_("CODE") },
    { "allow-fictional", 0, 0, G_OPTION_ARG_NONE, &allow_fictional,
      N_("Accept the fictional 555-0100 to 555-0199 range"), NULL },
    { "max-errors", 0, 0, G_OPTION_ARG_INT, &max_errors,
      N_("List at most N problems (default 1000)"), N_("N") },
    { NULL }
  };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(TbCsvReader) reader = NULL;
  g_autoptr(TbContactColumns) columns = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) fatal = NULL;
  g_autoptr(GArray) problems = NULL;
  Report report = { 0 };
  PhoneSet seen;
  TbPhoneFlags flags;

  if (!tb_cli_parse_options ("check-csv", "FILE", entries, &json, &argc, &argv))
    return TB_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      tb_cli_error ("check-csv", _("give one CSV file"));
      return TB_CLI_EXIT_USAGE;
    }
  if (!tb_cli_phone_settings ("check-csv", &region, allow_fictional, &flags))
    return TB_CLI_EXIT_USAGE;
  if (max_errors < 0)
    {
      tb_cli_error ("check-csv", _("--max-errors cannot be negative"));
      return TB_CLI_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      tb_cli_error ("check-csv", "%s", error->message);
      return TB_CLI_EXIT_FAILED;
    }

  reader = tb_csv_reader_new (G_INPUT_STREAM (stream));
  if (!tb_csv_reader_read_header (reader, NULL, &error))
    {
      tb_cli_error ("check-csv", "%s: %s", argv[1], error->message);
      return TB_CLI_EXIT_FAILED;
    }
  columns = tb_contact_columns_new (tb_csv_reader_get_header (reader),
                                    tb_csv_reader_get_n_columns (reader));
  if (!tb_contact_columns_check (columns, &error))
    {
      tb_cli_error ("check-csv", "%s: %s", argv[1], error->message);
      return TB_CLI_EXIT_FAILED;
    }

  problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (problems, clear_problem);
  report.problems = problems;
  report.max_errors = (guint) max_errors;
  phone_set_init (&seen);

  for (;;)
    {
      if (tb_csv_reader_next (reader, NULL, &error))
        {
          report.records++;
          check_record (&report, &seen, reader, columns, region, flags);
          continue;
        }
      if (error == NULL)
        break;

      if (!tb_csv_error_is_recoverable (error))
        {
          fatal = g_steal_pointer (&error);
          break;
        }
      report.records++;
      report.bad_records++;
      add_problem (&report, tb_csv_reader_get_record_number (reader),
                   tb_csv_reader_get_line_number (reader),
                   csv_reason (error), g_strdup (error->message), TRUE);
      g_clear_error (&error);
    }
  phone_set_clear (&seen);

  if (json)
    {
      g_autoptr(JsonNode) root = report_to_json (&report, reader, columns, fatal);

      tb_cli_print_json (root);
    }
  else
    print_report (&report, reader, columns, fatal);

  if (fatal != NULL)
    {
      tb_cli_error ("check-csv", "%s: %s", argv[1], fatal->message);
      return TB_CLI_EXIT_FAILED;
    }
  return TB_CLI_EXIT_OK;
}
