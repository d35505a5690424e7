/* tb-store-import.h: streaming CSV import of contacts into a campaign
 *
 * Runs in a worker thread on its own database connection; the CSV streams
 * through src/core and is never held whole in memory. Rows are written in
 * batched transactions: a cancelled or killed import keeps whole
 * transactions or nothing, and importing the same file again skips the
 * contacts already there (counted as duplicates).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-store.h"

G_BEGIN_DECLS

/* From src/core/tb-contact-columns.h. */
typedef struct _TbContactColumns TbContactColumns;

/* ---- Options -------------------------------------------------------- */

typedef struct _TbImportOptions TbImportOptions;

TbImportOptions *tb_import_options_new                (void);
TbImportOptions *tb_import_options_copy               (const TbImportOptions *options);
void             tb_import_options_free               (TbImportOptions  *options);
/* The region for numbers without a country code ("US" by default). */
void             tb_import_options_set_default_region (TbImportOptions  *options,
                                                       const char       *region);
/* A mapping edited in the import dialog, for the file's header; NULL (the
 * default) guesses from the header. */
void             tb_import_options_set_columns        (TbImportOptions  *options,
                                                       TbContactColumns *columns);
/* Accept the fictional 555-01XX numbers (the demo campaign). */
void             tb_import_options_set_allow_fictional (TbImportOptions *options,
                                                        gboolean         allow);
/* Exactly this many rows per transaction (the tests). By default a
 * transaction ends as soon as the store's own connection waits for the
 * database's write lock (a Send press waits for 32 rows and a commit), when
 * the parser has no rows ready, and at the latest after 200 ms (what a
 * writer in another process may wait). */
void             tb_import_options_set_batch_size     (TbImportOptions  *options,
                                                       guint             rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbImportOptions, tb_import_options_free)

/* ---- Report --------------------------------------------------------- */

/* Why a record was not imported. Never renumber. */
typedef enum {
  TB_IMPORT_REASON_DUPLICATE_IN_FILE = 0,
  TB_IMPORT_REASON_DUPLICATE_IN_CAMPAIGN = 1,
  TB_IMPORT_REASON_INVALID_PHONE = 2,
  TB_IMPORT_REASON_MISSING_PHONE = 3,
  TB_IMPORT_REASON_OPTED_OUT = 4,
  TB_IMPORT_REASON_BAD_RECORD = 5,   /* the CSV record itself was broken */
} TbImportReason;

/* "duplicate_in_file", "duplicate_in_campaign", "invalid_phone",
 * "missing_phone", "opted_out", "bad_record". */
const char *tb_import_reason_to_string (TbImportReason reason);

typedef struct {
  guint64         record;   /* data records count from 1 */
  guint64         line;     /* where the record starts, from 1 */
  TbImportReason  reason;
  char           *message;  /* for people: names the value and what is wrong */
} TbImportError;

#define TB_TYPE_IMPORT_REPORT (tb_import_report_get_type ())
G_DECLARE_FINAL_TYPE (TbImportReport, tb_import_report, TB, IMPORT_REPORT, GObject)

guint64          tb_import_report_get_records        (TbImportReport *self);
guint64          tb_import_report_get_imported       (TbImportReport *self);
/* Within the file plus against the campaign. */
guint64          tb_import_report_get_duplicates     (TbImportReport *self);
guint64          tb_import_report_get_invalid_phone  (TbImportReport *self);
guint64          tb_import_report_get_missing_phone  (TbImportReport *self);
guint64          tb_import_report_get_opted_out      (TbImportReport *self);
guint64          tb_import_report_get_bad_records    (TbImportReport *self);
/* TRUE when the import was cancelled: the counts cover what was committed. */
gboolean         tb_import_report_get_cancelled      (TbImportReport *self);
/* The first per-record errors (capped at 1000 kept in memory; all rejected
 * rows go to the rejected CSV). Array of TbImportError. */
guint            tb_import_report_get_n_errors       (TbImportReport *self);
const TbImportError *tb_import_report_get_error      (TbImportReport *self,
                                                      guint           index);
/* Writes the rejected rows as CSV: the file's header plus a "reason"
 * column, each row with its original fields, so it can be fixed and
 * imported again. */
gboolean         tb_import_report_write_rejected     (TbImportReport *self,
                                                      GOutputStream  *stream,
                                                      GCancellable   *cancellable,
                                                      GError        **error);

/* ---- Import --------------------------------------------------------- */

/* Called on the main context of the thread that started the import, at
 * most ~10 times a second. bytes_total is 0 when unknown. */
typedef void (*TbImportProgressFunc) (guint64  records_read,
                                      guint64  bytes_read,
                                      guint64  bytes_total,
                                      gpointer user_data);

/* options may be NULL for the defaults. */
void             tb_store_import_async    (TbStore              *self,
                                           gint64                campaign_id,
                                           GFile                *csv,
                                           const TbImportOptions *options,
                                           TbImportProgressFunc  progress,
                                           gpointer              progress_data,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* On cancellation returns NULL with G_IO_ERROR_CANCELLED: the batches
 * committed before stay. */
TbImportReport  *tb_store_import_finish   (TbStore              *self,
                                           GAsyncResult         *result,
                                           GError              **error);

/* The blocking form, for the command line and tests (own connection). */
TbImportReport  *tb_store_import_sync     (TbStore              *self,
                                           gint64                campaign_id,
                                           GFile                *csv,
                                           const TbImportOptions *options,
                                           GCancellable         *cancellable,
                                           GError              **error);

G_END_DECLS
