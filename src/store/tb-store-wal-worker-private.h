/* tb-store-wal-worker-private.h: the store's WAL upkeep, off its thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* SQLite's default automatic checkpoint size, in WAL pages. */
#define TB_CHECKPOINT_PAGES 1000

typedef struct _TbWalWorker TbWalWorker;

/* Takes over db's checkpoints (path is its file): past the threshold, a
 * worker thread checkpoints with a connection of its own. */
TbWalWorker *tb_wal_worker_start         (sqlite3        *db,
                                               const char     *path);
/* Before db closes: waits for a running checkpoint and frees self. */
void            tb_wal_worker_stop          (TbWalWorker *self,
                                               sqlite3        *db);
TbWalWorker    *tb_wal_worker_ref             (TbWalWorker    *self);
void            tb_wal_worker_unref           (TbWalWorker    *self);
/* Syncs the WAL (every commit so far) from the worker's connection; blocks:
 * call it in a worker thread. An SQLite result code. */
int             tb_wal_worker_sync            (TbWalWorker    *self);
/* While an import checkpoints with its own connection (counted). */
void            tb_wal_worker_pause         (TbWalWorker *self);
void            tb_wal_worker_resume        (TbWalWorker *self);
gboolean        tb_wal_worker_is_paused     (TbWalWorker *self);
/* For tests. */
guint           tb_wal_worker_get_completed (TbWalWorker *self);

G_END_DECLS
