/* tb-import-dialog-private.h: the import dialog's file work, done in
 * worker threads (tb-import-dialog-files.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-import-dialog.h"

G_BEGIN_DECLS

/* How many records the preview shows. */
#define TB_IMPORT_PREVIEW_ROWS 8

/* The header and first records of a CSV. */
typedef struct {
  GStrv      header;
  GPtrArray *rows;     /* GStrv */
  char      *encoding;
} TbImportPreview;

void tb_import_preview_free         (TbImportPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbImportPreview, tb_import_preview_free)

/* GTaskThreadFunc: task data is the GFile; returns a TbImportPreview. */
void tb_import_read_preview_thread  (GTask           *task,
                                     gpointer         source_object,
                                     gpointer         task_data,
                                     GCancellable    *cancellable);

/* Where the rejected rows go, and the report they come from. */
typedef struct {
  GFile          *file;
  TbImportReport *report;
} TbImportSaveRejected;

void tb_import_save_rejected_free   (TbImportSaveRejected *data);
/* GTaskThreadFunc: task data is a TbImportSaveRejected; returns a boolean. */
void tb_import_save_rejected_thread (GTask           *task,
                                     gpointer         source_object,
                                     gpointer         task_data,
                                     GCancellable    *cancellable);

G_END_DECLS
