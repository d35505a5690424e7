/* tb-inbox-sync.h: polls the provider for replies and delivery status
 *
 * Each round lists inbound messages since the last one seen (with an overlap
 * margin; the store keeps each provider id once), attaches them to the
 * contact with that phone (or the unknown-senders list), applies opt-out and
 * opt-in keywords, and fetches the status of outbound messages that are not
 * final yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-clock.h"
#include "tb-provider.h"
#include "tb-store.h"

G_BEGIN_DECLS

#define TB_INBOX_SYNC_DEFAULT_INTERVAL_SECONDS 10
/* Inbound listing starts this long before the last message seen. */
#define TB_INBOX_SYNC_OVERLAP_SECONDS (5 * 60)

/* What one round did. */
typedef struct {
  guint inbound_seen;       /* listed by the provider */
  guint inbound_stored;     /* new rows (duplicates are not counted) */
  guint unknown_senders;    /* new rows from phones that match no contact */
  guint opt_outs;           /* opt-outs recorded from keywords */
  guint opt_ins;            /* opt-outs lifted by keywords */
  guint likely_opt_outs;    /* flagged for a person to confirm */
  guint statuses_checked;   /* outbound messages asked about */
  guint statuses_changed;   /* outbound messages whose state moved */
} TbInboxSyncReport;

#define TB_TYPE_INBOX_SYNC (tb_inbox_sync_get_type ())
G_DECLARE_FINAL_TYPE (TbInboxSync, tb_inbox_sync, TB, INBOX_SYNC, GObject)

TbInboxSync *tb_inbox_sync_new           (TbStore            *store,
                                          TbProvider         *provider);

void         tb_inbox_sync_set_provider  (TbInboxSync        *self,
                                          TbProvider         *provider);
void         tb_inbox_sync_set_clock     (TbInboxSync        *self,
                                          TbClockFunc         clock,
                                          gpointer            clock_data);
/* Seconds between rounds ("interval"); 0 stops polling. */
void         tb_inbox_sync_set_interval  (TbInboxSync        *self,
                                          guint               seconds);
guint        tb_inbox_sync_get_interval  (TbInboxSync        *self);
/* FALSE after a round failed (offline, credentials), TRUE after one
 * succeeded; TRUE before the first round ("online" notifies). */
gboolean     tb_inbox_sync_get_online    (TbInboxSync        *self);
/* Starts polling every interval (the first round at once). */
void         tb_inbox_sync_start         (TbInboxSync        *self);
void         tb_inbox_sync_stop          (TbInboxSync        *self);

/* One round. */
void         tb_inbox_sync_poll_async    (TbInboxSync        *self,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean     tb_inbox_sync_poll_finish   (TbInboxSync        *self,
                                          GAsyncResult       *result,
                                          TbInboxSyncReport  *report_out,
                                          GError            **error);

/* Signals:
 *   "synced" (TbInboxSyncReport *report): after each round.
 *   "sync-failed" (GError *error): a round failed (offline, credentials).
 *   "likely-opt-out" (gint64 message_id): an inbound text a person should
 *     confirm as an opt-out. */

G_END_DECLS
