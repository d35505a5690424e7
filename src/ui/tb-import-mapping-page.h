/* tb-import-mapping-page.h: the import dialog's preview page, the first rows
 * of the file under a menu a column that says what the column holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-contact-columns.h"

G_BEGIN_DECLS

#define TB_TYPE_IMPORT_MAPPING_PAGE (tb_import_mapping_page_get_type ())
G_DECLARE_FINAL_TYPE (TbImportMappingPage, tb_import_mapping_page, TB, IMPORT_MAPPING_PAGE, AdwBin)

/* Signal "changed" after the mapping changes (and after a new preview). */
TbImportMappingPage *tb_import_mapping_page_new                 (void);
/* Shows the header and rows (GStrv each) of file_name with the guessed
 * mapping. */
void                 tb_import_mapping_page_show_preview        (TbImportMappingPage *self,
                                                                 const char          *file_name,
                                                                 const char * const  *header,
                                                                 GPtrArray           *rows);
/* The mapping shown (NULL before a preview). */
TbContactColumns    *tb_import_mapping_page_get_columns         (TbImportMappingPage *self);
/* The menu above a column (NULL past the last column). */
GtkDropDown         *tb_import_mapping_page_get_column_dropdown (TbImportMappingPage *self,
                                                                 guint                column);
/* Whether the mapping can be imported (a phone column, …); FALSE before a
 * preview, without error. */
gboolean             tb_import_mapping_page_check               (TbImportMappingPage *self,
                                                                 GError             **error);

G_END_DECLS
