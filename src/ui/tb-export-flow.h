/* tb-export-flow.h: export a campaign's contacts and messages as two CSVs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-store.h"
#include "tb-store-export.h"

G_BEGIN_DECLS

#define TB_TYPE_EXPORT_FLOW (tb_export_flow_get_type ())
G_DECLARE_FINAL_TYPE (TbExportFlow, tb_export_flow, TB, EXPORT_FLOW, GObject)

/* One export: a Save dialog for the contacts file, the messages file next
 * to it, the export in the store's worker thread, then a dialog with the
 * result. Keeps itself alive until it is done; "finished" (gboolean ok)
 * is emitted at the end, also after a cancel (ok FALSE). */
TbExportFlow *tb_export_flow_new             (GtkWindow    *parent,
                                              TbStore      *store,
                                              gint64        campaign_id);
/* Asks where to save (GtkFileChooserNative, SAVE). */
void          tb_export_flow_run             (TbExportFlow *self);
/* What happens after the Save dialog: exports to contacts and to the
 * messages file derived from it (tb_export_flow_messages_file_for()). */
void          tb_export_flow_run_to          (TbExportFlow *self,
                                              GFile        *contacts);
void          tb_export_flow_cancel          (TbExportFlow *self);
/* "x-contacts.csv" -> "x-messages.csv"; "x.csv" -> "x-messages.csv". */
GFile        *tb_export_flow_messages_file_for (GFile      *contacts);
/* After "finished": the counts, and the error (NULL on success). */
const TbExportCounts *tb_export_flow_get_counts (TbExportFlow *self);
const GError *tb_export_flow_get_error       (TbExportFlow *self);

G_END_DECLS
