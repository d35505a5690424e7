/* tb-io-count.h: a counting SQLite VFS for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum {
  TB_IO_DB,
  TB_IO_WAL,
  TB_IO_OTHER,
  TB_IO_N_KINDS
} TbIoKind;

/* Counted from every thread; main_thread_ only those of the thread that
 * installed the VFS. */
typedef struct {
  guint64 bytes[TB_IO_N_KINDS];
  guint64 writes[TB_IO_N_KINDS];
  guint64 syncs[TB_IO_N_KINDS];
  guint64 main_thread_writes[TB_IO_N_KINDS];
  guint64 main_thread_syncs[TB_IO_N_KINDS];
} TbIoCounts;

/* Makes the counting VFS SQLite's default (once; later calls do nothing). */
void        tb_io_count_install         (void);
/* While set, every sync fails (SQLITE_IOERR_FSYNC), as on a failing disk. */
void        tb_io_count_fail_syncs      (gboolean fail);
/* The running totals since install. */
TbIoCounts *tb_io_count_get             (void);
/* Starts (or stops and frees) noting the page number of each WAL frame. */
void        tb_io_count_watch_wal_pages (gboolean watch);
/* The page numbers noted so far (guint32), or NULL when not watching. */
GArray     *tb_io_count_wal_pages       (void);

G_END_DECLS
