/* tb-access-private.h: TbAccess's insides, shared by tb-access.c (the
 * object, the admin role, the settings), tb-access-secrets.c (passphrase
 * and PINs), tb-access-idle.c (the idle lock) and tb-access-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-access.h"

G_BEGIN_DECLS

#define TB_ACCESS_MIN_ADMIN_TIMEOUT 10

typedef enum {
  TB_ACCESS_PROP_0,
  TB_ACCESS_PROP_ADMIN_UNLOCKED,
  TB_ACCESS_PROP_LOCKED,
  TB_ACCESS_PROP_TEXTER_ID,
  TB_ACCESS_PROP_ADMIN_TIMEOUT,
  TB_ACCESS_PROP_IDLE_TIMEOUT,
  TB_ACCESS_N_PROPS
} TbAccessProperty;

struct _TbAccess
{
  GObject       parent_instance;

  TbStore      *store;
  TbClockFunc   clock;
  gpointer      clock_data;

  gint64        texter_id;
  gint64        texter_since;

  gboolean      has_passphrase;
  gint64        admin_until;      /* clock µs; 0 while locked */
  gboolean      admin_unlocked;   /* the value "admin-unlocked" last notified */
  guint         admin_timeout_ms;
  guint         admin_timer;

  gboolean      locked;
  guint         idle_timeout_ms;
  gint64        last_activity;    /* monotonic µs */
  guint         idle_timer;
};

/* tb-access.c */
gint64   tb_access_now                    (TbAccess         *self);
void     tb_access_notify                 (TbAccess         *self,
                                           TbAccessProperty  prop);
void     tb_access_emit_idle_locked       (TbAccess         *self);
/* Re-computes "admin-unlocked", notifying a change. */
void     tb_access_update_admin_unlocked  (TbAccess         *self);
/* Unlocks the admin role for "admin-timeout" from now. */
void     tb_access_unlock_admin_now       (TbAccess         *self);

/* tb-access-idle.c: (re)starts the idle timer to fire in delay_ms. */
void     tb_access_schedule_idle_timer    (TbAccess         *self,
                                           guint             delay_ms);

G_END_DECLS
