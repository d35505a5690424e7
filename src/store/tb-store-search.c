/* tb-store-search.c: searches read in a worker thread
 *
 * A search's count, and the ids of all its matches, visit every match
 * (0.1 to 1 s at a million contacts), so they run in a worker thread on a
 * connection of its own, and a cancel interrupts the query within a
 * fraction of a millisecond (a progress handler). The matches' ids reach
 * the caller in batches while the worker reads on, so a list can show and
 * scroll the first ones before the last are found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tb-store-private.h"

/* ---- Counting a search in a worker -------------------------------------- */

/* SQLite calls the progress handler every this many virtual machine steps:
 * a cancelled count stops within a fraction of a millisecond. */
#define COUNT_PROGRESS_STEPS 10000

typedef struct {
  TbStore         *store;
  gint64           campaign_id;
  TbContactStatus  status;
  char            *search_text;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_object_unref (job->store);
  g_free (job->search_text);
  g_free (job);
}

static int
on_count_progress (void *data)
{
  /* Non-zero interrupts the running statement (SQLITE_INTERRUPT). */
  return g_cancellable_is_cancelled (data);
}

static gint64
count_in_worker (CountJob      *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_auto(TbSearch) search = { NULL, NULL, NULL };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 n = -1;
  int rc;

  /* tb_store_contact_count_async() answered a count without search. */
  if (!tb_search_parse (job->search_text, &search))
    g_return_val_if_reached (-1);

  db = tb_store_open_worker_db (job->store, error);
  if (db == NULL)
    return -1;
  if (cancellable != NULL)
    sqlite3_progress_handler (db, COUNT_PROGRESS_STEPS, on_count_progress, cancellable);

  sql = tb_search_count_sql (job->status, &search);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      tb_search_bind (stmt, job->campaign_id, job->status, &search, TRUE, 0);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tb_store_set_error (error, db, rc, _("Could not count the contacts"));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return n;
}

/* A worker's count (n >= 0) or its error; a statement interrupted by the
 * cancel reports itself as interrupted, so it returns the cancellation. */
static void
return_worker_result (GTask        *task,
                      GCancellable *cancellable,
                      gint64        n,
                      GError       *error)
{
  if (n < 0 && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&error);
      g_task_return_error_if_cancelled (task);
    }
  else if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 n;

  if (g_task_return_error_if_cancelled (task))
    return;

  n = count_in_worker (task_data, cancellable, &error);
  return_worker_result (task, cancellable, n, error);
}

void
tb_store_contact_count_async (TbStore             *self,
                              gint64               campaign_id,
                              TbContactStatus      status,
                              const char          *search_text,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_auto(TbSearch) search = { NULL, NULL, NULL };
  CountJob *job;

  g_return_if_fail (TB_IS_STORE (self));
  g_return_if_fail (status >= TB_CONTACT_STATUS_ANY && status < TB_CONTACT_N_STATUSES);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_store_contact_count_async);
  g_task_set_name (task, "[tb-store] contact count");

  /* Without search the count is one lookup: no thread. */
  if (!tb_search_parse (search_text, &search))
    {
      GError *error = NULL;
      gint64 n = tb_store_contact_count (self, campaign_id, status, NULL, &error);

      if (n < 0)
        g_task_return_error (task, error);
      else
        g_task_return_int (task, n);
      return;
    }

  job = g_new0 (CountJob, 1);
  job->store = g_object_ref (self);
  job->campaign_id = campaign_id;
  job->status = status;
  job->search_text = g_strdup (search_text);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);
}

gint64
tb_store_contact_count_finish (TbStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_async_result_is_tagged (result, tb_store_contact_count_async), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- The ids of a search's matches, in batches -------------------------- */

/* After the first batch, the worker hands on what it found about this
 * often: a list grows a few times a second while the rest is read. */
#define FIND_FLUSH_US (50 * 1000)

/* Tests: a batch every this many ids instead (0: by time). */
static guint find_batch_ids_for_testing;

typedef struct {
  TbStore          *store;
  gint64            campaign_id;
  TbContactStatus   status;
  char             *search_text;
  guint             first_batch;
  TbContactIdsFunc  ids_func;
  gpointer          ids_data;

  GMutex            lock;
  GQueue            batches;    /* of GArray of gint64, oldest first */
  gboolean          scheduled;  /* a deliver_batches() source is attached */
} FindJob;

static void
find_job_free (gpointer data)
{
  FindJob *job = data;

  g_object_unref (job->store);
  g_free (job->search_text);
  g_queue_clear_full (&job->batches, (GDestroyNotify) g_array_unref);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* In the caller's context: hands the batches found so far to ids_func,
 * oldest first, unless the find was cancelled there meanwhile. */
static gboolean
deliver_batches (gpointer data)
{
  GTask *task = data;
  FindJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GQueue batches = G_QUEUE_INIT;
  GArray *batch;

  g_mutex_lock (&job->lock);
  batches = job->batches;
  g_queue_init (&job->batches);
  job->scheduled = FALSE;
  g_mutex_unlock (&job->lock);

  while ((batch = g_queue_pop_head (&batches)) != NULL)
    {
      /* ids_func may cancel the find: check before each batch. */
      if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
        job->ids_func ((const gint64 *) (gpointer) batch->data, batch->len, job->ids_data);
      g_array_unref (batch);
    }
  return G_SOURCE_REMOVE;
}

/* In the worker: queues a batch and makes sure a delivery is on its way. */
static void
flush_batch (GTask  *task,
             GArray *batch)
{
  FindJob *job = g_task_get_task_data (task);

  g_mutex_lock (&job->lock);
  g_queue_push_tail (&job->batches, batch);
  if (!job->scheduled)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      job->scheduled = TRUE;
      /* The priority GTask completes with, so every batch queued before
       * the worker returns is delivered before the callback runs (and
       * _finish delivers any left, whatever the order). */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_batches, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[tb-store] contact ids");
      g_source_attach (source, g_task_get_context (task));
    }
  g_mutex_unlock (&job->lock);
}

/* Where a find's reading stands: the batch being filled, how many ids so
 * far, the last one. */
typedef struct {
  GArray  *batch;
  gboolean first;       /* the first batch is not handed on yet */
  gint64   last_flush;
  gint64   n;
  gint64   last_id;
} FindState;

/* Runs one statement of ids, handing them on in batches (the first at
 * first_batch ids). SQLITE_DONE when all were read. */
static int
read_ids (GTask        *task,
          FindJob      *job,
          sqlite3_stmt *stmt,
          FindState    *state)
{
  guint batch_ids = (guint) g_atomic_int_get (&find_batch_ids_for_testing);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean flush;

      g_array_append_val (state->batch, id);
      state->n++;
      state->last_id = id;
      if (state->first)
        flush = state->batch->len >= job->first_batch;
      else if (batch_ids > 0)
        flush = state->batch->len >= batch_ids;
      else
        flush = (state->batch->len & 1023) == 0 && g_get_monotonic_time () - state->last_flush >= FIND_FLUSH_US;
      if (flush)
        {
          flush_batch (task, g_steal_pointer (&state->batch));
          state->batch = g_array_new (FALSE, FALSE, sizeof (gint64));
          state->first = FALSE;
          state->last_flush = g_get_monotonic_time ();
        }
    }
  return rc;
}

/* Prepares sql on db, binds it from after_id on (and limit as ?4 when
 * positive) and reads its ids. */
static int
run_ids (GTask           *task,
         FindJob         *job,
         sqlite3         *db,
         const char      *sql,
         const TbSearch  *search,
         gboolean         searching,
         gint64           limit,
         FindState       *state)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      tb_search_bind (stmt, job->campaign_id, job->status, search, searching, state->last_id);
      if (limit > 0)
        sqlite3_bind_int64 (stmt, 4, limit);
      rc = read_ids (task, job, stmt, state);
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gint64
find_in_worker (GTask         *task,
                FindJob       *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_auto(TbSearch) search = { NULL, NULL, NULL };
  g_autofree char *sql = NULL;
  FindState state = { NULL, TRUE, 0, 0, 0 };
  TbSearchPlan plan = TB_SEARCH_PLAN_WALK;
  gboolean walk_first = FALSE;
  gboolean searching;
  sqlite3 *db;
  int rc = SQLITE_DONE;

  db = tb_store_open_worker_db (job->store, error);
  if (db == NULL)
    return -1;
  if (cancellable != NULL)
    sqlite3_progress_handler (db, COUNT_PROGRESS_STEPS, on_count_progress, cancellable);

  searching = tb_search_parse (job->search_text, &search);
  if (searching && !tb_search_choose_plan (db, job->campaign_id, job->status, &search, &plan, &walk_first, error))
    {
      sqlite3_close_v2 (db);
      return -1;
    }
  state.batch = g_array_new (FALSE, FALSE, sizeof (gint64));
  state.last_flush = g_get_monotonic_time ();

  /* A name in a small queue: the first page by walking the matches in id
   * order (it stops after a page), where the plan for all of them would
   * collect every match first. */
  if (walk_first)
    {
      g_autofree char *walk = tb_search_page_sql ("contact.id", job->status, &search, TRUE, TB_SEARCH_PLAN_WALK);
      g_autofree char *first_sql = g_strconcat (walk, " LIMIT ?4", NULL);

      rc = run_ids (task, job, db, first_sql, &search, TRUE, job->first_batch, &state);
    }
  /* The pages' own plan, without a LIMIT: the matches in id order, the
   * first ones without waiting for the rest when the plan walks. A first
   * walk that found less than a page found them all. */
  if (rc == SQLITE_DONE && walk_first && state.n == job->first_batch &&
      !tb_search_choose_plan (db, job->campaign_id, job->status, &search, &plan, NULL, error))
    {
      g_clear_pointer (&state.batch, g_array_unref);
      sqlite3_close_v2 (db);
      return -1;
    }
  if (rc == SQLITE_DONE && (!walk_first || state.n == job->first_batch))
    {
      sql = tb_search_page_sql ("contact.id", job->status, &search, searching, plan);
      rc = run_ids (task, job, db, sql, &search, searching, 0, &state);
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, db, rc, _("Could not search the contacts"));
      state.n = -1;
    }
  else if (state.batch->len > 0)
    flush_batch (task, g_steal_pointer (&state.batch));
  g_clear_pointer (&state.batch, g_array_unref);
  sqlite3_close_v2 (db);
  return state.n;
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 n;

  if (g_task_return_error_if_cancelled (task))
    return;

  n = find_in_worker (task, task_data, cancellable, &error);
  return_worker_result (task, cancellable, n, error);
}

void
tb_store_contact_find_async (TbStore             *self,
                             gint64               campaign_id,
                             TbContactStatus      status,
                             const char          *search_text,
                             guint                first_batch,
                             TbContactIdsFunc     ids_func,
                             gpointer             ids_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindJob *job;

  g_return_if_fail (TB_IS_STORE (self));
  g_return_if_fail (status >= TB_CONTACT_STATUS_ANY && status < TB_CONTACT_N_STATUSES);
  g_return_if_fail (ids_func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_store_contact_find_async);
  g_task_set_name (task, "[tb-store] contact find");

  job = g_new0 (FindJob, 1);
  job->store = g_object_ref (self);
  job->campaign_id = campaign_id;
  job->status = status;
  job->search_text = g_strdup (search_text);
  job->first_batch = MAX (first_batch, 1);
  job->ids_func = ids_func;
  job->ids_data = ids_data;
  g_mutex_init (&job->lock);
  g_queue_init (&job->batches);
  g_task_set_task_data (task, job, find_job_free);
  g_task_run_in_thread (task, find_thread);
}

gint64
tb_store_contact_find_finish (TbStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_async_result_is_tagged (result, tb_store_contact_find_async), -1);

  /* Every batch reaches ids_func before the result does. */
  deliver_batches (result);
  return g_task_propagate_int (G_TASK (result), error);
}

void
tb_store_set_find_batch_for_testing (guint n_ids)
{
  g_atomic_int_set (&find_batch_ids_for_testing, n_ids);
}
