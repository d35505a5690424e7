/* tb-io-count.c: a counting SQLite VFS for tests and benchmarks
 *
 * Wraps the default VFS and counts the bytes written and the syncs of each
 * kind of file (database, WAL, other), and can note the page number of each
 * WAL frame appended. Register it before the store opens a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-io-count.h"

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;
  TbIoKind      kind;
} CountFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs count_vfs;
static sqlite3_io_methods count_methods;
static TbIoCounts io_counts;
static GThread *install_thread;
static gint fail_syncs;

/* Checkpoints write from a worker thread too. */
static void
count_add (guint64 *counter,
           guint64  n)
{
  __atomic_fetch_add (counter, n, __ATOMIC_RELAXED);
}
/* The page numbers appended to the WAL since the last take_pages(). */
static GArray *wal_pages;

static sqlite3_file *
real_file (sqlite3_file *file)
{
  return ((CountFile *) file)->real;
}

static int
count_close (sqlite3_file *file)
{
  return real_file (file)->pMethods->xClose (real_file (file));
}

static int
count_read (sqlite3_file *file, void *buf, int n, sqlite3_int64 offset)
{
  return real_file (file)->pMethods->xRead (real_file (file), buf, n, offset);
}

static int
count_write (sqlite3_file *file, const void *buf, int n, sqlite3_int64 offset)
{
  CountFile *self = (CountFile *) file;

  count_add (&io_counts.bytes[self->kind], (guint64) n);
  count_add (&io_counts.writes[self->kind], 1);
  if (g_thread_self () == install_thread)
    io_counts.main_thread_writes[self->kind]++;
  /* A WAL frame's header (24 bytes, written apart) starts with the page number. */
  if (self->kind == TB_IO_WAL && n == 24 && wal_pages != NULL)
    {
      const guint8 *b = buf;
      guint32 page = ((guint32) b[0] << 24) | ((guint32) b[1] << 16) | ((guint32) b[2] << 8) | b[3];

      g_array_append_val (wal_pages, page);
    }
  return self->real->pMethods->xWrite (self->real, buf, n, offset);
}

static int
count_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return real_file (file)->pMethods->xTruncate (real_file (file), size);
}

static int
count_sync (sqlite3_file *file, int flags)
{
  CountFile *self = (CountFile *) file;

  if (g_atomic_int_get (&fail_syncs))
    return SQLITE_IOERR_FSYNC;
  count_add (&io_counts.syncs[self->kind], 1);
  if (g_thread_self () == install_thread)
    io_counts.main_thread_syncs[self->kind]++;
  return self->real->pMethods->xSync (self->real, flags);
}

static int
count_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return real_file (file)->pMethods->xFileSize (real_file (file), size);
}

static int
count_lock (sqlite3_file *file, int lock)
{
  return real_file (file)->pMethods->xLock (real_file (file), lock);
}

static int
count_unlock (sqlite3_file *file, int lock)
{
  return real_file (file)->pMethods->xUnlock (real_file (file), lock);
}

static int
count_check_reserved (sqlite3_file *file, int *out)
{
  return real_file (file)->pMethods->xCheckReservedLock (real_file (file), out);
}

static int
count_file_control (sqlite3_file *file, int op, void *arg)
{
  return real_file (file)->pMethods->xFileControl (real_file (file), op, arg);
}

static int
count_sector_size (sqlite3_file *file)
{
  return real_file (file)->pMethods->xSectorSize (real_file (file));
}

static int
count_device_characteristics (sqlite3_file *file)
{
  return real_file (file)->pMethods->xDeviceCharacteristics (real_file (file));
}

static int
count_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  return real_file (file)->pMethods->xShmMap (real_file (file), region, size, extend, out);
}

static int
count_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return real_file (file)->pMethods->xShmLock (real_file (file), offset, n, flags);
}

static void
count_shm_barrier (sqlite3_file *file)
{
  real_file (file)->pMethods->xShmBarrier (real_file (file));
}

static int
count_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return real_file (file)->pMethods->xShmUnmap (real_file (file), delete_flag);
}

static int
count_fetch (sqlite3_file *file, sqlite3_int64 offset, int n, void **out)
{
  return real_file (file)->pMethods->xFetch (real_file (file), offset, n, out);
}

static int
count_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *p)
{
  return real_file (file)->pMethods->xUnfetch (real_file (file), offset, p);
}

static int
count_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  CountFile *self = (CountFile *) file;
  int rc;

  self->real = (sqlite3_file *) (self + 1);
  self->kind = (flags & SQLITE_OPEN_MAIN_DB) ? TB_IO_DB
             : (flags & SQLITE_OPEN_WAL) ? TB_IO_WAL : TB_IO_OTHER;
  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  file->pMethods = self->real->pMethods != NULL ? &count_methods : NULL;
  return rc;
}

static int
count_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
count_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
count_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
count_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
count_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*count_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
count_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
count_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
count_sleep (sqlite3_vfs *vfs, int usec)
{
  return real_vfs->xSleep (real_vfs, usec);
}

static int
count_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
count_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
count_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

void
tb_io_count_install (void)
{
  static const sqlite3_io_methods methods = {
    3, count_close, count_read, count_write, count_truncate, count_sync, count_file_size,
    count_lock, count_unlock, count_check_reserved, count_file_control, count_sector_size,
    count_device_characteristics, count_shm_map, count_shm_lock, count_shm_barrier,
    count_shm_unmap, count_fetch, count_unfetch,
  };

  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  install_thread = g_thread_self ();
  g_assert_cmpint (real_vfs->iVersion, >=, 2);
  count_methods = methods;
  count_vfs = (sqlite3_vfs) {
    2, (int) sizeof (CountFile) + real_vfs->szOsFile, real_vfs->mxPathname, NULL, "tb-count",
    NULL, count_open, count_delete, count_access, count_full_pathname, count_dl_open,
    count_dl_error, count_dl_sym, count_dl_close, count_randomness, count_sleep,
    count_current_time, count_get_last_error, count_current_time_int64,
    NULL, NULL, NULL,
  };
  g_assert_cmpint (sqlite3_vfs_register (&count_vfs, 1), ==, SQLITE_OK);
}

void
tb_io_count_fail_syncs (gboolean fail)
{
  g_atomic_int_set (&fail_syncs, fail ? 1 : 0);
}

TbIoCounts *
tb_io_count_get (void)
{
  return &io_counts;
}

void
tb_io_count_watch_wal_pages (gboolean watch)
{
  if (watch && wal_pages == NULL)
    wal_pages = g_array_new (FALSE, FALSE, sizeof (guint32));
  else if (!watch)
    g_clear_pointer (&wal_pages, g_array_unref);
}

GArray *
tb_io_count_wal_pages (void)
{
  return wal_pages;
}
