/* tb-import-report-page.h: the import dialog's last page, what an import
 * did or why it failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store-import.h"

G_BEGIN_DECLS

#define TB_TYPE_IMPORT_REPORT_PAGE (tb_import_report_page_get_type ())
G_DECLARE_FINAL_TYPE (TbImportReportPage, tb_import_report_page, TB, IMPORT_REPORT_PAGE, AdwBin)

/* Its buttons activate import.save-rejected (shown when rows were
 * rejected) and window.close. */
TbImportReportPage *tb_import_report_page_new          (void);
/* The counts of a finished (or cancelled) import and its first problems. */
void                tb_import_report_page_show_report  (TbImportReportPage *self,
                                                        TbImportReport     *report);
/* An import that gave no report. */
void                tb_import_report_page_show_failure (TbImportReportPage *self,
                                                        const char         *title,
                                                        const char         *description);

G_END_DECLS
