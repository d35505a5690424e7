/* tb-store-wal-worker.c: the store's WAL upkeep off the main thread:
 * checkpoints past a threshold, and syncs on request
 *
 * SQLite's automatic checkpoint runs inside the commit that takes the WAL
 * past its threshold: on the store's connection, that is the main thread,
 * in a Send press. Copying a thousand pages into the database and syncing
 * it held that press for 4–5 ms (more on a busy disk). The store's
 * connection therefore never checkpoints: after each of its commits a WAL
 * hook looks at the WAL's size and, past the threshold, a worker thread
 * with a connection of its own runs a PASSIVE checkpoint, which never
 * waits for or blocks the writer.
 *
 * The same worker connection syncs the WAL on request (tb_store_sync_async):
 * the claim of a send must be on disk before the provider is asked, and an
 * fsync on the main thread took 0.2 ms here but 10-100 ms on a busy or
 * spinning disk. The WAL is one file whichever connection syncs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <gio/gio.h>

#include "tb-store-wal-worker-private.h"

struct _TbWalWorker
{
  gatomicrefcount  ref_count;
  char            *path;
  /* Held while a checkpoint runs, and for db. */
  GMutex           lock;
  sqlite3         *db;          /* the worker's connection, opened on first use */
  gint             queued;      /* atomic: a checkpoint is queued or running */
  gint             completed;   /* atomic: checkpoints that ran */
  guint            paused;      /* the store's thread only */
  gint             stopped;     /* atomic: the store is closing */
};

/* With self->lock held. SQLITE_MISUSE when the store is closing. */
static int
ensure_db (TbWalWorker *self)
{
  int rc;

  if (g_atomic_int_get (&self->stopped))
    return SQLITE_MISUSE;
  if (self->db != NULL)
    return SQLITE_OK;
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  /* Waits out a lock held a moment, such as another program's recovery. */
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (self->db, 5000);
  /* A connection learns the file is in WAL mode on its first read. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "PRAGMA schema_version;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_clear_pointer (&self->db, sqlite3_close_v2);
  return rc;
}

static void
checkpoint_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  TbWalWorker *self = task_data;
  int rc;

  g_mutex_lock (&self->lock);
  rc = ensure_db (self);
  /* PASSIVE: copies what no reader still needs, without waiting for
   * anyone; what is left goes in the next one. */
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  g_mutex_unlock (&self->lock);

  /* BUSY is another checkpoint (an import's) already running: nothing
   * lost. MISUSE: the store is closing. */
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_MISUSE)
    g_warning ("Could not checkpoint the database %s: %s", self->path, sqlite3_errstr (rc));
  g_atomic_int_inc (&self->completed);
  g_atomic_int_set (&self->queued, 0);
  g_task_return_boolean (task, rc == SQLITE_OK);
}

int
tb_wal_worker_sync (TbWalWorker *self)
{
  sqlite3_file *wal = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  rc = ensure_db (self);
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
  /* No open WAL would mean nothing was synced: never report that as done. */
  if (rc == SQLITE_OK)
    rc = wal != NULL && wal->pMethods != NULL ? wal->pMethods->xSync (wal, SQLITE_SYNC_NORMAL)
                                               : SQLITE_IOERR_FSYNC;
  g_mutex_unlock (&self->lock);
  return rc;
}

TbWalWorker *
tb_wal_worker_ref (TbWalWorker *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tb_wal_worker_unref (TbWalWorker *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self);
}

static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *schema,
               int         n_pages)
{
  TbWalWorker *self = data;

  if (self->paused > 0 || n_pages < TB_CHECKPOINT_PAGES)
    return SQLITE_OK;
  if (g_atomic_int_compare_and_exchange (&self->queued, 0, 1))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_source_tag (task, on_wal_commit);
      g_task_set_task_data (task, tb_wal_worker_ref (self), (GDestroyNotify) tb_wal_worker_unref);
      g_task_run_in_thread (task, checkpoint_in_thread);
    }
  return SQLITE_OK;
}

TbWalWorker *
tb_wal_worker_start (sqlite3    *db,
                       const char *path)
{
  TbWalWorker *self = g_new0 (TbWalWorker, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->path = g_strdup (path);
  /* Replaces SQLite's own automatic checkpoint (itself a WAL hook). */
  sqlite3_wal_hook (db, on_wal_commit, self);
  return self;
}

void
tb_wal_worker_stop (TbWalWorker *self,
                      sqlite3        *db)
{
  if (self == NULL)
    return;

  g_atomic_int_set (&self->stopped, 1);
  if (db != NULL)
    sqlite3_wal_hook (db, NULL, NULL);
  /* Waits for a checkpoint still running, so the file is left alone once
   * the store is closed. */
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_unlock (&self->lock);
  tb_wal_worker_unref (self);
}

void
tb_wal_worker_pause (TbWalWorker *self)
{
  self->paused++;
}

void
tb_wal_worker_resume (TbWalWorker *self)
{
  g_return_if_fail (self->paused > 0);
  self->paused--;
}

gboolean
tb_wal_worker_is_paused (TbWalWorker *self)
{
  return self->paused > 0;
}

guint
tb_wal_worker_get_completed (TbWalWorker *self)
{
  return (guint) g_atomic_int_get (&self->completed);
}
