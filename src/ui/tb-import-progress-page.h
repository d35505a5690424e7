/* tb-import-progress-page.h: the import dialog's page while an import runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TB_TYPE_IMPORT_PROGRESS_PAGE (tb_import_progress_page_get_type ())
G_DECLARE_FINAL_TYPE (TbImportProgressPage, tb_import_progress_page, TB, IMPORT_PROGRESS_PAGE, AdwBin)

/* Its Cancel button activates import.cancel. */
TbImportProgressPage *tb_import_progress_page_new    (void);
/* An import starts now: the bar empty, the rate counted from now. */
void                  tb_import_progress_page_start  (TbImportProgressPage *self);
/* A TbImportProgressFunc's figures; bytes_total 0 when unknown. */
void                  tb_import_progress_page_update (TbImportProgressPage *self,
                                                      guint64               records_read,
                                                      guint64               bytes_read,
                                                      guint64               bytes_total);

G_END_DECLS
