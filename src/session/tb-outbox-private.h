/* tb-outbox-private.h: the outbox's insides, shared by tb-outbox.c (the
 * object, the press, the queue) and tb-outbox-send.c (the network work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-outbox.h"

G_BEGIN_DECLS

/* Requests in flight at once; the token bucket paces them further. */
#define TB_OUTBOX_MAX_IN_FLIGHT 8
/* Automatic retries: 1 s, 2 s, 4 s … at most this long apart. */
#define TB_OUTBOX_MAX_BACKOFF_SECONDS 60

typedef enum {
  TB_OUTBOX_JOB_SEND,       /* a queued row (or one waiting for a retry) */
  TB_OUTBOX_JOB_RECONCILE,  /* an unknown row: ask the provider */
} TbOutboxJobKind;

typedef struct {
  TbOutbox        *outbox;        /* not owned: see the cancellable */
  GCancellable    *cancellable;   /* the outbox's; cancelled on dispose */
  gint64           message_id;
  TbOutboxJobKind  kind;
  gboolean         in_flight;
  gint64           not_before;    /* clock µs; 0 = now */
  gint64           since;         /* clock µs: queued, or became unknown */
  gint64           first_attempt; /* clock µs of the first request; 0 before */
  guint            attempts;
  char            *sender;        /* while in flight: our number */
  char            *provider_name; /* while in flight: "twilio", "simulator" */
  char            *paced_sender;  /* the number whose rate limit held it back last */
  TbOutgoingMessage *outgoing;    /* claimed, while its claim is synced to disk */
  TbProvider        *provider;    /* the one the claim named, meanwhile */
} TbOutboxJob;

struct _TbOutbox
{
  GObject       parent_instance;

  TbStore      *store;
  TbProvider   *provider;
  GCancellable *cancellable;
  TbClockFunc   clock;
  gpointer      clock_data;
  gint64        texter_id;

  double        rate_per_second;
  guint         retry_window;
  guint         settle_time;

  GHashTable   *buckets;    /* sending number -> TbTokenBucket */
  GQueue        jobs;       /* of TbOutboxJob, in press order */
  guint         in_flight;
  guint         timer_id;
  guint         pump_idle_id;
  guint         n_sending;
  guint         n_failed;
  guint         n_job_loads; /* messages read to start a send: for tests */   /* failed and retryable: not to an opted-out number */
  gulong        opt_outs_changed_id;
  gboolean      paused;     /* the provider refused our credentials */
  gboolean      disposed;
};

/* tb-outbox.c */
void         tb_outbox_recount_failed (TbOutbox      *self);

/* tb-outbox-queue.c */
void         tb_outbox_job_free     (TbOutboxJob     *job);
TbOutboxJob *tb_outbox_find_job     (TbOutbox        *self,
                                     gint64           message_id);
TbOutboxJob *tb_outbox_add_job      (TbOutbox        *self,
                                     gint64           message_id,
                                     TbOutboxJobKind  kind);
void         tb_outbox_remove_job   (TbOutbox        *self,
                                     TbOutboxJob     *job);
void         tb_outbox_pump         (TbOutbox        *self);
void         tb_outbox_schedule_pump (TbOutbox       *self);
/* The time until sender's next token (0: now), taking none. */
gint64       tb_outbox_token_wait   (TbOutbox        *self,
                                     const char      *sender);
gboolean     tb_outbox_take_token   (TbOutbox        *self,
                                     const char      *sender,
                                     gint64          *wait_out);

/* tb-outbox.c */
/* The outbox's clock (UTC µs). */
gint64       tb_outbox_now          (TbOutbox        *self);
void         tb_outbox_update_counts (TbOutbox       *self);
void         tb_outbox_set_failed_count (TbOutbox    *self,
                                         guint        n_failed);
void         tb_outbox_emit_failed  (TbOutbox        *self,
                                     gint64           message_id,
                                     const GError    *error);
void         tb_outbox_emit_changed (TbOutbox        *self,
                                     gint64           message_id);
void         tb_outbox_emit_credentials_rejected (TbOutbox     *self,
                                                  const GError *error);

/* tb-outbox-press.c */
char        *tb_outbox_contact_zones (TbContact      *contact);
gboolean     tb_outbox_check_hours  (TbContact       *contact,
                                     TbCampaign      *campaign,
                                     gint64           now,
                                     gint64          *opens_at_out,
                                     gint64          *seconds_left_out,
                                     GError         **error);

/* tb-outbox-send.c */
void         tb_outbox_start_send      (TbOutbox     *self,
                                        TbOutboxJob  *job);
void         tb_outbox_start_reconcile (TbOutbox     *self,
                                        TbOutboxJob  *job);
/* The message state a provider status means for an outbound message. */
TbMessageState tb_outbox_state_for_status (TbProviderMessageStatus status);

G_END_DECLS
