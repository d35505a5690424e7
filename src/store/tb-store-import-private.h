/* tb-store-import-private.h: what the import fills into its report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "tb-store-import.h"

G_BEGIN_DECLS

/* At most this many per-record errors are kept in memory. */
#define TB_IMPORT_REPORT_MAX_ERRORS 1000

typedef struct {
  guint64 records;
  guint64 imported;
  guint64 duplicates;
  guint64 invalid_phone;
  guint64 missing_phone;
  guint64 opted_out;
  guint64 bad_records;
} TbImportCounts;

TbImportReport *tb_import_report_new          (void);
TbImportCounts *tb_import_report_get_counts   (TbImportReport     *self);
void            tb_import_report_set_cancelled (TbImportReport    *self,
                                                gboolean           cancelled);
/* Starts the rejected-rows file with the file's header. */
gboolean        tb_import_report_begin_rejected (TbImportReport   *self,
                                                 const char * const *header,
                                                 guint             n_columns,
                                                 GError          **error);
/* Counts nothing: records one rejected record (kept in memory while there
 * is room, always written to the rejected rows). */
gboolean        tb_import_report_reject       (TbImportReport     *self,
                                               guint64             record,
                                               guint64             line,
                                               TbImportReason      reason,
                                               const char         *message,
                                               const char * const *fields,
                                               guint               n_fields,
                                               GError            **error);
gboolean        tb_import_report_end_rejected (TbImportReport     *self,
                                               GError            **error);

/* TRUE when the triggers on the tables an import writes are the ones its
 * own per-transaction work stands in for (so it may turn triggers off). */
gboolean        tb_import_knows_triggers      (sqlite3            *db);

G_END_DECLS
