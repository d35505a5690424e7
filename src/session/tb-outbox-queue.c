/* tb-outbox-queue.c: the outbox's jobs, timers and rate limit: which row
 * is worked on next, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-outbox"

#include "config.h"

#include "tb-outbox-private.h"

#include "tb-token-bucket.h"

void
tb_outbox_job_free (TbOutboxJob *job)
{
  g_clear_object (&job->cancellable);
  g_free (job->sender);
  g_free (job->provider_name);
  g_free (job->paced_sender);
  g_clear_pointer (&job->outgoing, tb_outgoing_message_free);
  g_clear_object (&job->provider);
  g_free (job);
}

TbOutboxJob *
tb_outbox_find_job (TbOutbox *self,
                    gint64    message_id)
{
  for (GList *l = self->jobs.head; l != NULL; l = l->next)
    {
      TbOutboxJob *job = l->data;

      if (job->message_id == message_id)
        return job;
    }
  return NULL;
}

TbOutboxJob *
tb_outbox_add_job (TbOutbox        *self,
                   gint64           message_id,
                   TbOutboxJobKind  kind)
{
  TbOutboxJob *job = tb_outbox_find_job (self, message_id);

  if (job != NULL)
    return job;

  job = g_new0 (TbOutboxJob, 1);
  job->outbox = self;
  job->cancellable = g_object_ref (self->cancellable);
  job->message_id = message_id;
  job->kind = kind;
  job->not_before = 0;
  job->since = tb_outbox_now (self);
  g_queue_push_tail (&self->jobs, job);
  tb_outbox_update_counts (self);
  return job;
}

void
tb_outbox_remove_job (TbOutbox    *self,
                      TbOutboxJob *job)
{
  g_queue_remove (&self->jobs, job);
  tb_outbox_job_free (job);
  tb_outbox_update_counts (self);
}

static gboolean
timer_cb (gpointer user_data)
{
  TbOutbox *self = user_data;

  self->timer_id = 0;
  tb_outbox_pump (self);
  return G_SOURCE_REMOVE;
}

static gboolean
pump_idle_cb (gpointer user_data)
{
  TbOutbox *self = user_data;

  self->pump_idle_id = 0;
  tb_outbox_pump (self);
  return G_SOURCE_REMOVE;
}

void
tb_outbox_schedule_pump (TbOutbox *self)
{
  if (self->pump_idle_id == 0 && !self->disposed)
    self->pump_idle_id = g_idle_add (pump_idle_cb, self);
}

/* Takes a token for the sending number; on FALSE, wait_out says how long. */
gboolean
tb_outbox_take_token (TbOutbox   *self,
                      const char *sender,
                      gint64     *wait_out)
{
  TbTokenBucket *bucket;
  gint64 now = tb_outbox_now (self);

  bucket = g_hash_table_lookup (self->buckets, sender ? sender : "");
  if (bucket == NULL)
    {
      bucket = g_new0 (TbTokenBucket, 1);
      tb_token_bucket_init (bucket, self->rate_per_second, 1.0, now);
      g_hash_table_insert (self->buckets, g_strdup (sender ? sender : ""), bucket);
    }
  bucket->rate = self->rate_per_second;
  return tb_token_bucket_take (bucket, now, wait_out);
}

gint64
tb_outbox_token_wait (TbOutbox   *self,
                      const char *sender)
{
  TbTokenBucket *bucket = g_hash_table_lookup (self->buckets, sender ? sender : "");

  return bucket != NULL ? tb_token_bucket_wait (bucket, tb_outbox_now (self)) : 0;
}

void
tb_outbox_pump (TbOutbox *self)
{
  gint64 now;
  gint64 next_due = G_MAXINT64;
  GList *l;

  if (self->disposed)
    return;

  now = tb_outbox_now (self);
  l = self->jobs.head;
  while (l != NULL)
    {
      TbOutboxJob *job = l->data;

      l = l->next;
      if (job->in_flight)
        continue;
      if (job->kind == TB_OUTBOX_JOB_SEND &&
          (self->paused || self->in_flight >= TB_OUTBOX_MAX_IN_FLIGHT))
        continue;
      if (job->not_before > now)
        {
          next_due = MIN (next_due, job->not_before);
          continue;
        }
      /* A job the rate limit held back waits for its number's next token
       * without being read again: with a backlog (a team pressing faster
       * than the number may send) every pump read every queued row. */
      if (job->kind == TB_OUTBOX_JOB_SEND && job->paced_sender != NULL)
        {
          gint64 wait = tb_outbox_token_wait (self, job->paced_sender);

          if (wait > 0)
            {
              job->not_before = now + wait;
              next_due = MIN (next_due, job->not_before);
              continue;
            }
        }
      /* May remove the job, or set a later not_before. */
      if (job->kind == TB_OUTBOX_JOB_SEND)
        tb_outbox_start_send (self, job);
      else
        tb_outbox_start_reconcile (self, job);
    }

  /* Another look at the jobs that just got a later start. */
  for (l = self->jobs.head; l != NULL; l = l->next)
    {
      TbOutboxJob *job = l->data;

      if (!job->in_flight && job->not_before > now)
        next_due = MIN (next_due, job->not_before);
    }

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (next_due != G_MAXINT64)
    {
      /* Capped, so a test clock that jumps ahead is noticed soon. */
      gint64 delay_ms = CLAMP ((next_due - now + 999) / 1000, 1, 1000);

      self->timer_id = g_timeout_add ((guint) delay_ms, timer_cb, self);
    }
}
