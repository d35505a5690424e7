/* tb-simulator-provider.h: the default provider, a local simulated carrier
 *
 * Sends are accepted with ids "SM" + 32 hex; the status moves
 * queued → sent → delivered as (injectable) time passes; some recipients
 * reply after a while (questions, "yes", "STOP", "wrong number", "who is
 * this?"), the replies come back from list_messages as inbound messages;
 * some sends fail (an invalid number at once: 21211; a landline later:
 * undelivered with 30006). Everything follows from the seed and the order
 * of the calls, so tests are deterministic and need no sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-provider.h"

G_BEGIN_DECLS

/* Returns the current time in UTC microseconds (like g_get_real_time). */
typedef gint64 (*TbClockFunc) (gpointer user_data);

typedef struct {
  double  invalid_number_rate;   /* share of numbers refused at once with 21211 */
  double  landline_rate;         /* share of numbers accepted, then undelivered with 30006 */
  double  reply_rate;            /* share of delivered messages that get a reply */
  double  opt_out_rate;          /* share of the replies that are "STOP" */
  gint64  sent_delay_min;        /* µs from accepted to "sent" */
  gint64  sent_delay_max;
  gint64  delivery_delay_min;    /* µs from "sent" to "delivered" / "undelivered" */
  gint64  delivery_delay_max;
  gint64  reply_delay_min;       /* µs from "delivered" to the reply */
  gint64  reply_delay_max;
} TbSimulatorSettings;

/* Rates 2 % invalid, 5 % landline, 30 % replies (10 % of them STOP);
 * receipts in 0.5–3 s + 1–10 s; replies 10–120 s after delivery. */
void tb_simulator_settings_init_default (TbSimulatorSettings *settings);
/* TEXTBANK_SIMULATOR_SEED when set (a repeatable run: tests, bug reports),
 * else a random seed. */
guint32 tb_simulator_seed_from_environment (void);

#define TB_TYPE_SIMULATOR_PROVIDER (tb_simulator_provider_get_type ())
G_DECLARE_FINAL_TYPE (TbSimulatorProvider, tb_simulator_provider, TB, SIMULATOR_PROVIDER, GObject)

/* The default settings, clock g_get_real_time. */
TbSimulatorProvider *tb_simulator_provider_new            (guint32                    seed);
/* settings NULL for the defaults. */
TbSimulatorProvider *tb_simulator_provider_new_full       (guint32                    seed,
                                                           const TbSimulatorSettings *settings);

void                 tb_simulator_provider_set_clock      (TbSimulatorProvider       *self,
                                                           TbClockFunc                clock,
                                                           gpointer                   user_data,
                                                           GDestroyNotify             destroy);
gint64               tb_simulator_provider_now            (TbSimulatorProvider       *self);

/* Adds an inbound message as if the carrier had delivered it to `to` (our
 * number); returns its sid. */
char                *tb_simulator_provider_inject_inbound (TbSimulatorProvider       *self,
                                                           const char                *from,
                                                           const char                *to,
                                                           const char                *body);

/* For tests of the layers above: the next send fails with a copy of error
 * (e.g. a MAYBE_RECEIVED fault). When still_stored is TRUE the simulated
 * carrier keeps the message anyway, as if only the answer was lost. */
void                 tb_simulator_provider_push_send_error (TbSimulatorProvider      *self,
                                                            const GError             *error,
                                                            gboolean                  still_stored);

/* While offline every request fails at once with NOT_SENT (definitely not
 * received), as when the network is down; the carrier's clock runs on. */
void                 tb_simulator_provider_set_offline    (TbSimulatorProvider      *self,
                                                           gboolean                  offline);

/* How many sends the carrier has taken (accepted ones, also those whose
 * answer was lost), and how many messages it holds in all. */
guint                tb_simulator_provider_get_n_sent     (TbSimulatorProvider       *self);
guint                tb_simulator_provider_get_n_messages (TbSimulatorProvider       *self);

G_END_DECLS
