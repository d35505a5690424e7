/* tb-import-dialog.h: import a contacts CSV into a campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-contact-columns.h"
#include "tb-store.h"
#include "tb-store-import.h"

G_BEGIN_DECLS

#define TB_TYPE_IMPORT_DIALOG (tb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TbImportDialog, tb_import_dialog, TB, IMPORT_DIALOG, AdwWindow)

/* Pages (the "page" property): "choose", "preview", "progress", "report".
 * Actions: import.choose-file (GtkFileChooserNative), import.start,
 * import.cancel, import.save-rejected (GtkFileChooserNative, SAVE). */
TbImportDialog   *tb_import_dialog_new                 (GtkWindow      *parent,
                                                        TbStore        *store,
                                                        gint64          campaign_id);
/* What the file chooser does: reads the header and the first rows in a
 * thread and shows the preview with the guessed mapping. */
void              tb_import_dialog_set_file            (TbImportDialog *self,
                                                        GFile          *file);
const char       *tb_import_dialog_get_page            (TbImportDialog *self);
/* The mapping shown (NULL before a file is read). */
TbContactColumns *tb_import_dialog_get_columns         (TbImportDialog *self);
/* The menu above a column of the preview (NULL past the last column). */
GtkDropDown      *tb_import_dialog_get_column_dropdown (TbImportDialog *self,
                                                        guint           column);
/* The report of the finished import, or NULL. */
TbImportReport   *tb_import_dialog_get_report          (TbImportDialog *self);
/* What "Save Rejected Rows" does after its file chooser. */
void              tb_import_dialog_save_rejected_async (TbImportDialog      *self,
                                                        GFile               *file,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          tb_import_dialog_save_rejected_finish (TbImportDialog     *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

G_END_DECLS
