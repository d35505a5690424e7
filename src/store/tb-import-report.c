/* tb-import-report.c: what an import did, and the rows it refused
 *
 * The rejected rows go to a temporary file as they come, so a file with a
 * million bad rows costs disk, not memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "tb-store-export.h"
#include "tb-store-import-private.h"

struct _TbImportReport
{
  GObject         parent_instance;

  TbImportCounts  counts;
  gboolean        cancelled;
  GArray         *errors;          /* TbImportError */
  GFile          *rejected_file;   /* temporary; deleted with the report */
  GFileIOStream  *rejected_io;     /* open while the import runs */
  GOutputStream  *rejected_out;
  GString        *line;
};

G_DEFINE_FINAL_TYPE (TbImportReport, tb_import_report, G_TYPE_OBJECT)

static const char * const reason_names[] = {
  "duplicate_in_file",
  "duplicate_in_campaign",
  "invalid_phone",
  "missing_phone",
  "opted_out",
  "bad_record",
};

static void
clear_error_entry (gpointer data)
{
  TbImportError *entry = data;

  g_free (entry->message);
}

static void
tb_import_report_finalize (GObject *object)
{
  TbImportReport *self = TB_IMPORT_REPORT (object);

  g_array_unref (self->errors);
  if (self->rejected_out != NULL)
    g_output_stream_close (self->rejected_out, NULL, NULL);
  g_clear_object (&self->rejected_out);
  g_clear_object (&self->rejected_io);
  if (self->rejected_file != NULL)
    g_file_delete (self->rejected_file, NULL, NULL);
  g_clear_object (&self->rejected_file);
  g_string_free (self->line, TRUE);

  G_OBJECT_CLASS (tb_import_report_parent_class)->finalize (object);
}

static void
tb_import_report_class_init (TbImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tb_import_report_finalize;
}

static void
tb_import_report_init (TbImportReport *self)
{
  self->errors = g_array_new (FALSE, TRUE, sizeof (TbImportError));
  g_array_set_clear_func (self->errors, clear_error_entry);
  self->line = g_string_new (NULL);
}

TbImportReport *
tb_import_report_new (void)
{
  return g_object_new (TB_TYPE_IMPORT_REPORT, NULL);
}

const char *
tb_import_reason_to_string (TbImportReason reason)
{
  if ((guint) reason < G_N_ELEMENTS (reason_names))
    return reason_names[reason];
  return "unknown";
}

TbImportCounts *
tb_import_report_get_counts (TbImportReport *self)
{
  return &self->counts;
}

void
tb_import_report_set_cancelled (TbImportReport *self,
                                gboolean        cancelled)
{
  self->cancelled = cancelled;
}

static gboolean
write_line (TbImportReport  *self,
            GError         **error)
{
  g_string_append (self->line, "\r\n");
  return g_output_stream_write_all (self->rejected_out, self->line->str, self->line->len,
                                    NULL, NULL, error);
}

gboolean
tb_import_report_begin_rejected (TbImportReport      *self,
                                 const char * const  *header,
                                 guint                n_columns,
                                 GError             **error)
{
  self->rejected_file = g_file_new_tmp ("textbank-rejected-XXXXXX.csv", &self->rejected_io, error);
  if (self->rejected_file == NULL)
    return FALSE;
  self->rejected_out =
    g_buffered_output_stream_new_sized (g_io_stream_get_output_stream (G_IO_STREAM (self->rejected_io)), 64 * 1024);

  g_string_truncate (self->line, 0);
  for (guint i = 0; i < n_columns; i++)
    {
      tb_csv_append_field (self->line, header[i], FALSE);
      g_string_append_c (self->line, ',');
    }
  g_string_append (self->line, "reason");
  return write_line (self, error);
}

gboolean
tb_import_report_reject (TbImportReport      *self,
                         guint64              record,
                         guint64              line,
                         TbImportReason       reason,
                         const char          *message,
                         const char * const  *fields,
                         guint                n_fields,
                         GError             **error)
{
  if (self->errors->len < TB_IMPORT_REPORT_MAX_ERRORS)
    {
      TbImportError entry = { record, line, reason, g_strdup (message) };

      g_array_append_val (self->errors, entry);
    }

  if (self->rejected_out == NULL)
    return TRUE;
  g_string_truncate (self->line, 0);
  for (guint i = 0; i < n_fields; i++)
    {
      tb_csv_append_field (self->line, fields[i], FALSE);
      g_string_append_c (self->line, ',');
    }
  tb_csv_append_field (self->line, message, FALSE);
  return write_line (self, error);
}

gboolean
tb_import_report_end_rejected (TbImportReport  *self,
                               GError         **error)
{
  gboolean ok;

  if (self->rejected_out == NULL)
    return TRUE;
  ok = g_output_stream_close (self->rejected_out, NULL, error);
  g_clear_object (&self->rejected_out);
  ok = g_io_stream_close (G_IO_STREAM (self->rejected_io), NULL, ok ? error : NULL) && ok;
  g_clear_object (&self->rejected_io);
  return ok;
}

guint64
tb_import_report_get_records (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->counts.records;
}

guint64
tb_import_report_get_imported (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->counts.imported;
}

guint64
tb_import_report_get_duplicates (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->counts.duplicates;
}

guint64
tb_import_report_get_invalid_phone (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->counts.invalid_phone;
}

guint64
tb_import_report_get_missing_phone (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->counts.missing_phone;
}

guint64
tb_import_report_get_opted_out (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->counts.opted_out;
}

guint64
tb_import_report_get_bad_records (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->counts.bad_records;
}

gboolean
tb_import_report_get_cancelled (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), FALSE);
  return self->cancelled;
}

guint
tb_import_report_get_n_errors (TbImportReport *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), 0);
  return self->errors->len;
}

const TbImportError *
tb_import_report_get_error (TbImportReport *self,
                            guint           index)
{
  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);
  return &g_array_index (self->errors, TbImportError, index);
}

gboolean
tb_import_report_write_rejected (TbImportReport  *self,
                                 GOutputStream   *stream,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  g_autoptr(GFileInputStream) in = NULL;

  g_return_val_if_fail (TB_IS_IMPORT_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (self->rejected_file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This import kept no rejected rows"));
      return FALSE;
    }
  in = g_file_read (self->rejected_file, cancellable, error);
  if (in == NULL)
    return FALSE;
  return g_output_stream_splice (stream, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                 cancellable, error) >= 0;
}
