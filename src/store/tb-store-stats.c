/* tb-store-stats.c: the queue counts and a campaign's figures
 *
 * The same queries serve two callers: the synchronous calls on the store's
 * own connection (cached statements), and tb_store_stats_snapshot_async(),
 * which reads everything the stats page shows in a worker thread on a
 * connection of its own, inside one read transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-store-private.h"

/* SQLite calls the progress handler every this many virtual machine steps:
 * a cancelled snapshot stops within a fraction of a millisecond. */
#define PROGRESS_STEPS 10000

#define COUNTS_SQL "SELECT status, n FROM contact_count WHERE campaign_id = ?1"

#define CAMPAIGN_SQL \
  "SELECT total (direction = 1), total (direction = 1 AND is_first)," \
  "  total (state = 4), total (state IN (5, 6)), total (state IN (0, 1, 7))," \
  "  total (direction = 0), count (DISTINCT CASE WHEN direction = 0 THEN contact_id END) " \
  "FROM message WHERE campaign_id = ?1 AND at >= ?2"

/* Texters with messages or opt-outs in the period. */
#define TEXTERS_SQL \
  "WITH sends AS (" \
  "  SELECT texter_id, count (*) AS sent, total (is_first) AS firsts," \
  "    total (state = 4) AS delivered, total (state IN (5, 6)) AS failed," \
  "    min (pressed_at) AS first_at, max (pressed_at) AS last_at" \
  "  FROM message WHERE direction = 1 AND pressed_at >= ?2" \
  "    AND (?1 = 0 OR campaign_id = ?1)" \
  "  GROUP BY texter_id)," \
  " opts AS (" \
  "  SELECT texter_id, count (*) AS n FROM opt_out" \
  "  WHERE texter_id IS NOT NULL AND created_at >= ?2 AND (?1 = 0 OR EXISTS (" \
  "    SELECT 1 FROM contact WHERE contact.phone = opt_out.phone" \
  "    AND contact.campaign_id = ?1))" \
  "  GROUP BY texter_id) " \
  "SELECT texter.id, texter.name, coalesce (sends.sent, 0), coalesce (sends.firsts, 0)," \
  "  coalesce (sends.delivered, 0), coalesce (sends.failed, 0), coalesce (opts.n, 0)," \
  "  coalesce (sends.first_at, 0), coalesce (sends.last_at, 0) " \
  "FROM texter LEFT JOIN sends ON sends.texter_id = texter.id" \
  "  LEFT JOIN opts ON opts.texter_id = texter.id " \
  "WHERE sends.texter_id IS NOT NULL OR opts.texter_id IS NOT NULL " \
  "ORDER BY texter.name"

/* Outbound messages per slot of ?3 µs from ?2 on; a message dated in the
 * future (a clock set back) counts in the last slot. */
#define SLOTS_SQL \
  "SELECT min ((at - ?2) / ?3, ?4 - 1) AS slot, count (*) " \
  "FROM message WHERE campaign_id = ?1 AND direction = 1 AND at >= ?2 GROUP BY slot"

/* Where the statements come from: the store's cache, or a worker's own
 * connection (prepared each time, finalized after). */
typedef struct {
  TbStore *store;
  sqlite3 *db;
} StatsConn;

static sqlite3_stmt *
stats_prepare (StatsConn   *conn,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (conn->store != NULL)
    return tb_store_prepare (conn->store, sql, error);

  rc = sqlite3_prepare_v2 (conn->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      tb_store_set_error (error, conn->db, rc, _("Could not prepare a query"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static void
stats_release (StatsConn    *conn,
               sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;
  if (conn->store != NULL)
    tb_cached_stmt_release (stmt);
  else
    sqlite3_finalize (stmt);
}

static sqlite3 *
stats_db (StatsConn *conn)
{
  return conn->store != NULL ? tb_store_get_db (conn->store) : conn->db;
}

static gboolean
read_counts (StatsConn      *conn,
             gint64          campaign_id,
             TbQueueCounts  *counts_out,
             GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (counts_out, 0, sizeof *counts_out);
  stmt = stats_prepare (conn, COUNTS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int status = sqlite3_column_int (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (status >= 0 && status < TB_CONTACT_N_STATUSES)
        counts_out->by_status[status] = n;
      counts_out->total += n;
    }
  stats_release (conn, stmt);
  if (rc != SQLITE_DONE)
    return tb_store_set_error (error, stats_db (conn), rc, _("Could not count the contacts"));
  return TRUE;
}

static gboolean
read_campaign (StatsConn        *conn,
               gint64            campaign_id,
               gint64            since,
               TbCampaignStats  *stats_out,
               GError          **error)
{
  TbQueueCounts counts;
  sqlite3_stmt *stmt;
  int rc;

  memset (stats_out, 0, sizeof *stats_out);
  if (!read_counts (conn, campaign_id, &counts, error))
    return FALSE;
  stats_out->contacts = counts.total;
  stats_out->opted_out = counts.by_status[TB_CONTACT_STATUS_OPTED_OUT];

  stmt = stats_prepare (conn, CAMPAIGN_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_int64 (stmt, 2, since);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats_out->sent = sqlite3_column_int64 (stmt, 0);
      stats_out->first_texts = sqlite3_column_int64 (stmt, 1);
      stats_out->delivered = sqlite3_column_int64 (stmt, 2);
      stats_out->failed = sqlite3_column_int64 (stmt, 3);
      stats_out->pending = sqlite3_column_int64 (stmt, 4);
      stats_out->received = sqlite3_column_int64 (stmt, 5);
      stats_out->replied = sqlite3_column_int64 (stmt, 6);
    }
  stats_release (conn, stmt);
  if (rc != SQLITE_ROW)
    return tb_store_set_error (error, stats_db (conn), rc, _("Could not count the messages"));
  return TRUE;
}

static GPtrArray *
read_texters (StatsConn  *conn,
              gint64      campaign_id,
              gint64      since,
              GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_texter_stats_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = stats_prepare (conn, TEXTERS_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_int64 (stmt, 2, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TbTexterStats *row = g_new0 (TbTexterStats, 1);
      double hours;

      row->texter_id = sqlite3_column_int64 (stmt, 0);
      row->texter_name = tb_column_dup (stmt, 1, "");
      row->sent = sqlite3_column_int64 (stmt, 2);
      row->first_texts = sqlite3_column_int64 (stmt, 3);
      row->replies = row->sent - row->first_texts;
      row->delivered = sqlite3_column_int64 (stmt, 4);
      row->failed = sqlite3_column_int64 (stmt, 5);
      row->opted_out = sqlite3_column_int64 (stmt, 6);
      row->first_press_at = sqlite3_column_int64 (stmt, 7);
      row->last_press_at = sqlite3_column_int64 (stmt, 8);
      hours = MAX ((double) (row->last_press_at - row->first_press_at), (double) G_USEC_PER_SEC * 60)
              / ((double) G_USEC_PER_SEC * 3600);
      row->sends_per_hour = row->sent > 0 ? (double) row->sent / hours : 0;
      g_ptr_array_add (rows, row);
    }
  stats_release (conn, stmt);
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, stats_db (conn), rc, _("Could not count the texters' work"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
read_slots (StatsConn  *conn,
            gint64      campaign_id,
            gint64      from,
            gint64      slot_us,
            guint       n_slots,
            gint64     *slots_out,
            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (slots_out, 0, n_slots * sizeof *slots_out);
  stmt = stats_prepare (conn, SLOTS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, slot_us);
  sqlite3_bind_int64 (stmt, 4, n_slots);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 slot = sqlite3_column_int64 (stmt, 0);

      if (slot >= 0 && slot < n_slots)
        slots_out[slot] = sqlite3_column_int64 (stmt, 1);
    }
  stats_release (conn, stmt);
  if (rc != SQLITE_DONE)
    return tb_store_set_error (error, stats_db (conn), rc, _("Could not count the messages by hour"));
  return TRUE;
}

/* ---- The snapshot, in a worker ------------------------------------------ */

typedef struct {
  TbStore *store;
  gint64   campaign_id;
  gint64   hours_from;
  guint    n_hours;
} SnapshotJob;

static void
snapshot_job_free (gpointer data)
{
  SnapshotJob *job = data;

  g_object_unref (job->store);
  g_free (job);
}

static int
on_progress (void *data)
{
  /* Non-zero interrupts the running statement (SQLITE_INTERRUPT). */
  return g_cancellable_is_cancelled (data);
}

static TbStatsSnapshot *
read_snapshot (SnapshotJob   *job,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(TbStatsSnapshot) snapshot = g_new0 (TbStatsSnapshot, 1);
  StatsConn conn = { NULL, NULL };
  gboolean ok;

  conn.db = tb_store_open_worker_db (job->store, error);
  if (conn.db == NULL)
    return NULL;
  if (cancellable != NULL)
    sqlite3_progress_handler (conn.db, PROGRESS_STEPS, on_progress, cancellable);

  snapshot->hours_from = job->hours_from;
  snapshot->n_hours = job->n_hours;
  snapshot->sent_per_hour = g_new0 (gint64, MAX (job->n_hours, 1));

  /* One read transaction: every figure shows the same moment. */
  ok = tb_db_exec (conn.db, "BEGIN;", _("Could not read the campaign's figures"), error) &&
       read_counts (&conn, job->campaign_id, &snapshot->counts, error) &&
       read_campaign (&conn, job->campaign_id, 0, &snapshot->campaign, error) &&
       (snapshot->texters = read_texters (&conn, job->campaign_id, 0, error)) != NULL &&
       (job->n_hours == 0 ||
        read_slots (&conn, job->campaign_id, job->hours_from, (gint64) 3600 * G_USEC_PER_SEC, job->n_hours,
                    snapshot->sent_per_hour, error));
  tb_db_rollback (conn.db);
  sqlite3_close_v2 (conn.db);

  return ok ? g_steal_pointer (&snapshot) : NULL;
}

static void
snapshot_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  TbStatsSnapshot *snapshot;

  if (g_task_return_error_if_cancelled (task))
    return;

  snapshot = read_snapshot (task_data, cancellable, &error);
  if (snapshot == NULL && g_cancellable_is_cancelled (cancellable))
    {
      /* An interrupted statement reports itself as such, not as cancelled. */
      g_clear_error (&error);
      g_task_return_error_if_cancelled (task);
    }
  else if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) tb_stats_snapshot_free);
}

/* ---- Public API ---------------------------------------------------------- */

gboolean
tb_store_contact_counts (TbStore        *self,
                         gint64          campaign_id,
                         TbQueueCounts  *counts_out,
                         GError        **error)
{
  StatsConn conn = { self, NULL };

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts_out != NULL, FALSE);

  return read_counts (&conn, campaign_id, counts_out, error);
}

gboolean
tb_store_stats_campaign (TbStore          *self,
                         gint64            campaign_id,
                         gint64            since,
                         TbCampaignStats  *stats_out,
                         GError          **error)
{
  StatsConn conn = { self, NULL };

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats_out != NULL, FALSE);

  return read_campaign (&conn, campaign_id, since, stats_out, error);
}

GPtrArray *
tb_store_stats_texters (TbStore  *self,
                        gint64    campaign_id,
                        gint64    since,
                        GError  **error)
{
  StatsConn conn = { self, NULL };

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return read_texters (&conn, campaign_id, since, error);
}

void
tb_store_stats_snapshot_async (TbStore             *self,
                               gint64               campaign_id,
                               gint64               hours_from,
                               guint                n_hours,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SnapshotJob *job;

  g_return_if_fail (TB_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (SnapshotJob, 1);
  job->store = g_object_ref (self);
  job->campaign_id = campaign_id;
  job->hours_from = hours_from;
  job->n_hours = n_hours;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_store_stats_snapshot_async);
  g_task_set_name (task, "[tb-store] stats snapshot");
  g_task_set_task_data (task, job, snapshot_job_free);
  g_task_run_in_thread (task, snapshot_thread);
}

TbStatsSnapshot *
tb_store_stats_snapshot_finish (TbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, tb_store_stats_snapshot_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
