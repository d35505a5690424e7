/* tb-import-dialog-files.c: the import dialog's file work, done in worker
 * threads: reading the preview, writing the rejected rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-import-dialog"

#include "config.h"

#include "tb-csv.h"
#include "tb-import-dialog-private.h"

void
tb_import_preview_free (TbImportPreview *preview)
{
  g_strfreev (preview->header);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview->encoding);
  g_free (preview);
}

void
tb_import_read_preview_thread (GTask        *task,
                               gpointer      source_object,
                               gpointer      task_data,
                               GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(TbCsvReader) reader = NULL;
  g_autoptr(TbImportPreview) preview = g_new0 (TbImportPreview, 1);

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reader = tb_csv_reader_new (G_INPUT_STREAM (stream));
  if (!tb_csv_reader_read_header (reader, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  preview->header = g_strdupv ((GStrv) tb_csv_reader_get_header (reader));
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  while (preview->rows->len < TB_IMPORT_PREVIEW_ROWS)
    {
      if (tb_csv_reader_next (reader, cancellable, &error))
        {
          g_ptr_array_add (preview->rows, g_strdupv ((GStrv) tb_csv_reader_get_fields (reader)));
          continue;
        }
      if (error == NULL)
        break;
      /* A broken record is the import report's business; a broken file
       * with nothing to show is an error here. */
      if (tb_csv_error_is_recoverable (error) || preview->rows->len > 0)
        {
          gboolean fatal = !tb_csv_error_is_recoverable (error);

          g_clear_error (&error);
          if (fatal)
            break;
          continue;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  preview->encoding = g_strdup (tb_csv_reader_get_encoding (reader));
  g_task_return_pointer (task, g_steal_pointer (&preview), (GDestroyNotify) tb_import_preview_free);
}

void
tb_import_save_rejected_free (TbImportSaveRejected *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->report);
  g_free (data);
}

void
tb_import_save_rejected_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  TbImportSaveRejected *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  stream = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (stream == NULL ||
      !tb_import_report_write_rejected (data->report, G_OUTPUT_STREAM (stream), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}
