/* tb-store-export.h: a campaign's contacts and messages as CSV
 *
 * UTF-8, RFC 4180, lines ending in CRLF, text cells guarded against
 * formula injection (see tb-csv-writer.h); phone numbers (E.164 "+1…") are
 * written as they are, since they are not formulas a spreadsheet would run.
 *
 * Runs in a worker thread on its own connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-csv-writer.h"
#include "tb-store.h"

G_BEGIN_DECLS

typedef struct {
  guint64 contacts;
  guint64 messages;
} TbExportCounts;

/* contacts and messages are files to create or replace; either may be
 * NULL to skip it. The contacts CSV has the imported columns (first_name,
 * last_name, phone (E.164), zip, then each custom field), then status,
 * opted_out, time_zone, texter, tags (joined with "; ") and one column per
 * survey question. The messages CSV has contact_id, phone, first_name,
 * last_name, direction, body, state, error_code, error_text, texter,
 * provider_id, segments, pressed_at, sent_at (ISO 8601 UTC). */
void             tb_store_export_async    (TbStore             *self,
                                           gint64               campaign_id,
                                           GFile               *contacts,
                                           GFile               *messages,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean         tb_store_export_finish   (TbStore             *self,
                                           GAsyncResult        *result,
                                           TbExportCounts      *counts_out,
                                           GError             **error);
gboolean         tb_store_export_sync     (TbStore             *self,
                                           gint64               campaign_id,
                                           GFile               *contacts,
                                           GFile               *messages,
                                           TbExportCounts      *counts_out,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS
