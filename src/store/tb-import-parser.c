/* tb-import-parser.c: the import's parsing stage, on its own thread
 *
 * Reads records, normalises phones (the costly part: libphonenumber),
 * looks up time zones and builds the custom fields' JSON, so the
 * inserting thread only binds and steps. Everything a row needs lives in
 * its batch's arena: no allocation per field once the pool is warm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "tb-import-parser-private.h"
#include "tb-texting-hours.h"

/* Two batches in flight and one being filled: the parser may run one
 * batch ahead of the inserter and no further. */
#define POOL_SIZE 3

struct _TbImportParser
{
  TbCsvReader      *reader;
  TbContactColumns *columns;
  const char       *default_region;
  TbPhoneFlags      phone_flags;
  GHashTable       *opted_out_phones;
  guint             batch_size;
  guint             n_columns;
  GCancellable     *cancellable;

  GAsyncQueue      *free_batches;
  GAsyncQueue      *full_batches;
  TbImportBatch    *pool[POOL_SIZE];
  GThread          *thread;
  gint              stopping;     /* atomic */
  gboolean          seen_end;     /* the inserter took the last batch */
};

/* ---- Helpers ------------------------------------------------------------ */

static TbImportBatch *
batch_new (void)
{
  TbImportBatch *batch = g_new0 (TbImportBatch, 1);

  batch->arena = g_string_sized_new (1 << 16);
  batch->rows = g_array_new (FALSE, FALSE, sizeof (TbImportRow));
  batch->field_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  return batch;
}

static void
batch_free (TbImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_string_free (batch->arena, TRUE);
  g_array_unref (batch->rows);
  g_array_unref (batch->field_offsets);
  g_clear_error (&batch->error);
  g_free (batch);
}

static void
batch_reset (TbImportBatch *batch)
{
  g_string_truncate (batch->arena, 0);
  g_array_set_size (batch->rows, 0);
  g_array_set_size (batch->field_offsets, 0);
  g_clear_error (&batch->error);
  batch->error_is_fatal_record = FALSE;
  batch->end = FALSE;
}

static gsize
arena_add_len (GString    *arena,
               const char *text,
               gsize       length)
{
  gsize offset = arena->len;

  g_string_append_len (arena, text, (gssize) length);
  g_string_append_c (arena, '\0');
  return offset;
}

static gsize
arena_add (GString    *arena,
           const char *text)
{
  return arena_add_len (arena, text, strlen (text));
}

/* The inverse of the export's formula guard (tb-store-export.h): a ' in
 * front of = + - @ is dropped, so an export imports back as it was. */
static const char *
unguarded (const char *text)
{
  if (text != NULL && text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r", text[1]) != NULL)
    return text + 1;
  return text;
}

/* unguarded() and then g_strstrip(), straight into the arena. */
static gsize
arena_add_trimmed (GString    *arena,
                   const char *text)
{
  const char *start = unguarded (text != NULL ? text : "");
  const char *end;

  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return arena_add_len (arena, start, (gsize) (end - start));
}

/* A JSON string, escaped. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  const unsigned char *run = (const unsigned char *) text;
  const unsigned char *p;

  g_string_append_c (out, '"');
  for (p = run; *p != '\0'; p++)
    {
      const char *escape;
      char unicode[8];

      if (*p >= 0x20 && *p != '"' && *p != '\\')
        continue;
      switch (*p)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (unicode, sizeof unicode, "\\u%04x", *p);
          escape = unicode;
        }
      g_string_append_len (out, (const char *) run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

static TbImportRow *
add_row (TbImportBatch *batch,
         TbImportRowKind kind,
         guint64        record,
         guint64        line)
{
  TbImportRow *row;

  g_array_set_size (batch->rows, batch->rows->len + 1);
  row = &g_array_index (batch->rows, TbImportRow, batch->rows->len - 1);
  memset (row, 0, sizeof *row);
  row->kind = kind;
  row->record = record;
  row->line = line;
  row->time_zone = TB_IMPORT_NO_STRING;
  row->message = TB_IMPORT_NO_STRING;
  return row;
}

/* The record's fields: kept for the rejected rows (a duplicate is only
 * found when inserting). */
static void
keep_fields (TbImportBatch      *batch,
             TbImportRow        *row,
             const char * const *fields,
             guint               n_fields)
{
  row->has_fields = fields != NULL;
  row->first_field = batch->field_offsets->len;
  row->n_fields = fields != NULL ? n_fields : 0;
  for (guint i = 0; i < row->n_fields; i++)
    {
      gsize offset = arena_add (batch->arena, fields[i] != NULL ? fields[i] : "");

      g_array_append_val (batch->field_offsets, offset);
    }
}

static void
reject (TbImportBatch      *batch,
        TbImportRow        *row,
        TbImportReason      reason,
        const char * const *fields,
        guint               n_fields)
{
  row->kind = TB_IMPORT_ROW_REJECT;
  row->reason = reason;
  keep_fields (batch, row, fields, n_fields);
}

/* One record into the batch. FALSE at the end of the file or on an error
 * that stops the import (then batch->error is set). */
static gboolean
parse_record (TbImportParser *self,
              TbImportBatch  *batch)
{
  const char * const *fields;
  const char *raw_phone;
  g_autoptr(GError) record_error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *time_zone = NULL;
  TbImportRow *row;
  guint64 record, line;
  guint n_fields;
  gboolean have_record;
  gboolean first_field = TRUE;

  have_record = tb_csv_reader_next (self->reader, self->cancellable, &record_error);
  record = tb_csv_reader_get_record_number (self->reader);
  line = tb_csv_reader_get_line_number (self->reader);

  if (!have_record && record_error == NULL)
    return FALSE;
  if (record_error != NULL && !tb_csv_error_is_recoverable (record_error))
    {
      batch->error = g_steal_pointer (&record_error);
      batch->error_is_fatal_record = TRUE;
      return FALSE;
    }

  row = add_row (batch, TB_IMPORT_ROW_INSERT, record, line);
  row->bytes_read = tb_csv_reader_get_bytes_read (self->reader);
  fields = tb_csv_reader_get_fields (self->reader);
  n_fields = fields != NULL ? tb_csv_reader_get_n_fields (self->reader) : 0;

  if (record_error != NULL)
    {
      row->message = arena_add (batch->arena, record_error->message);
      reject (batch, row, TB_IMPORT_REASON_BAD_RECORD, fields, n_fields);
      return TRUE;
    }

  raw_phone = tb_contact_columns_get_value (self->columns, fields, n_fields, TB_CONTACT_FIELD_PHONE);
  if (raw_phone[strspn (raw_phone, " \t")] == '\0')
    {
      row->message = batch->arena->len;
      g_string_append_printf (batch->arena, _("Record %" PRIu64 " (line %" PRIu64 "): no phone number"),
                              record, line);
      g_string_append_c (batch->arena, '\0');
      reject (batch, row, TB_IMPORT_REASON_MISSING_PHONE, fields, n_fields);
      return TRUE;
    }

  phone = tb_phone_normalize (raw_phone, self->default_region, self->phone_flags, NULL, &record_error);
  if (phone == NULL)
    {
      row->message = batch->arena->len;
      g_string_append_printf (batch->arena, _("Record %" PRIu64 " (line %" PRIu64 "): %s"),
                              record, line, record_error->message);
      g_string_append_c (batch->arena, '\0');
      reject (batch, row,
              g_error_matches (record_error, TB_PHONE_ERROR, TB_PHONE_ERROR_EMPTY)
                ? TB_IMPORT_REASON_MISSING_PHONE : TB_IMPORT_REASON_INVALID_PHONE,
              fields, n_fields);
      return TRUE;
    }

  if (g_hash_table_contains (self->opted_out_phones, phone))
    {
      row->message = batch->arena->len;
      g_string_append_printf (batch->arena, _("Record %" PRIu64 " (line %" PRIu64 "): %s is opted out"),
                              record, line, phone);
      g_string_append_c (batch->arena, '\0');
      reject (batch, row, TB_IMPORT_REASON_OPTED_OUT, fields, n_fields);
      return TRUE;
    }

  row->phone = arena_add (batch->arena, phone);
  row->first_name = arena_add_trimmed (batch->arena, tb_contact_columns_get_value (self->columns, fields, n_fields,
                                                                                  TB_CONTACT_FIELD_FIRST_NAME));
  row->last_name = arena_add_trimmed (batch->arena, tb_contact_columns_get_value (self->columns, fields, n_fields,
                                                                                 TB_CONTACT_FIELD_LAST_NAME));
  row->zip = arena_add_trimmed (batch->arena, tb_contact_columns_get_value (self->columns, fields, n_fields,
                                                                           TB_CONTACT_FIELD_ZIP));
  time_zone = tb_time_zones_for_contact (batch->arena->str + row->zip, phone);
  if (time_zone != NULL)
    row->time_zone = arena_add (batch->arena, time_zone);

  row->fields_json = batch->arena->len;
  g_string_append_c (batch->arena, '{');
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (tb_contact_columns_get_field (self->columns, i) != TB_CONTACT_FIELD_CUSTOM)
        continue;
      if (!first_field)
        g_string_append_c (batch->arena, ',');
      first_field = FALSE;
      append_json_string (batch->arena, tb_contact_columns_get_custom_name (self->columns, i));
      g_string_append_c (batch->arena, ':');
      append_json_string (batch->arena, i < n_fields ? unguarded (fields[i]) : "");
    }
  g_string_append_c (batch->arena, '}');
  row->json_length = batch->arena->len - row->fields_json;
  g_string_append_c (batch->arena, '\0');

  /* Kept for the rejected rows, should the database call it a duplicate. */
  keep_fields (batch, row, fields, n_fields);
  return TRUE;
}

static gpointer
parser_thread (gpointer data)
{
  TbImportParser *self = data;
  gboolean end = FALSE;

  while (!end)
    {
      TbImportBatch *batch = g_async_queue_pop (self->free_batches);

      batch_reset (batch);
      for (guint n = 0; n < self->batch_size; n++)
        {
          if (g_atomic_int_get (&self->stopping) ||
              g_cancellable_set_error_if_cancelled (self->cancellable, &batch->error) ||
              !parse_record (self, batch))
            {
              end = TRUE;
              break;
            }
        }
      batch->end = end;
      g_async_queue_push (self->full_batches, batch);
    }
  return NULL;
}

/* ---- Public ------------------------------------------------------------- */

TbImportParser *
tb_import_parser_start (TbCsvReader      *reader,
                        TbContactColumns *columns,
                        const char       *default_region,
                        TbPhoneFlags      phone_flags,
                        GHashTable       *opted_out_phones,
                        guint             batch_size,
                        GCancellable     *cancellable)
{
  TbImportParser *self = g_new0 (TbImportParser, 1);

  self->reader = reader;
  self->columns = columns;
  self->n_columns = tb_contact_columns_get_n_columns (columns);
  self->default_region = default_region;
  self->phone_flags = phone_flags;
  self->opted_out_phones = opted_out_phones;
  self->batch_size = MAX (batch_size, 1);
  self->cancellable = cancellable;
  self->free_batches = g_async_queue_new ();
  self->full_batches = g_async_queue_new ();
  for (guint i = 0; i < POOL_SIZE; i++)
    {
      self->pool[i] = batch_new ();
      g_async_queue_push (self->free_batches, self->pool[i]);
    }
  self->thread = g_thread_new ("tb-import-parse", parser_thread, self);
  return self;
}

TbImportBatch *
tb_import_parser_next (TbImportParser *self)
{
  TbImportBatch *batch;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->seen_end, NULL);

  batch = g_async_queue_pop (self->full_batches);
  if (batch->end)
    self->seen_end = TRUE;
  return batch;
}

TbImportBatch *
tb_import_parser_try_next (TbImportParser *self)
{
  TbImportBatch *batch;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->seen_end, NULL);

  batch = g_async_queue_try_pop (self->full_batches);
  if (batch != NULL && batch->end)
    self->seen_end = TRUE;
  return batch;
}

void
tb_import_parser_recycle (TbImportParser *self,
                          TbImportBatch  *batch)
{
  g_async_queue_push (self->free_batches, batch);
}

void
tb_import_parser_free (TbImportParser *self)
{
  if (self == NULL)
    return;

  /* Stop the thread: it ends its batch at the next record; hand back what
   * it sends until the last batch, so it never waits for a free one. */
  g_atomic_int_set (&self->stopping, 1);
  while (!self->seen_end)
    {
      TbImportBatch *batch = g_async_queue_pop (self->full_batches);

      self->seen_end = batch->end;
      g_async_queue_push (self->free_batches, batch);
    }
  g_thread_join (self->thread);

  for (guint i = 0; i < POOL_SIZE; i++)
    batch_free (self->pool[i]);
  g_async_queue_unref (self->free_batches);
  g_async_queue_unref (self->full_batches);
  g_free (self);
}
