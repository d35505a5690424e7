/* tb-session-test-util.h: small helpers shared by the session layer's tests
 *
 * Header-only (static inline) so each test stays one file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "tb-session.h"

G_BEGIN_DECLS

/* A clock the test moves by hand: the data is a gint64 *. */
static inline gint64
test_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* For qsort() and g_array_sort() of gint64. */
static inline int
test_compare_gint64 (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

typedef gboolean (*TestCondition) (gpointer user_data);

/* Runs the main loop until cond holds or timeout_ms (real time) pass. */
static inline gboolean
test_iterate_until (TestCondition cond,
                    gpointer      user_data,
                    guint         timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (user_data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
  return TRUE;
}

static inline void
test_iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

static inline gboolean
test_outbox_is_idle (gpointer user_data)
{
  return tb_outbox_is_idle (TB_OUTBOX (user_data));
}

static inline gboolean
test_outbox_is_waiting (gpointer user_data)
{
  return tb_outbox_is_waiting (TB_OUTBOX (user_data));
}

/* Runs the loop until every request has its answer (10 s at most). */
static inline void
test_run_until_waiting (TbOutbox *outbox)
{
  g_main_context_iteration (NULL, FALSE);
  if (!test_iterate_until (test_outbox_is_waiting, outbox, 10000))
    g_error ("The outbox still has requests in flight after 10 s");
}

/* Lets the outbox answer everything due now, however long it takes (the
 * soak and the benchmarks: no time limit). */
static inline void
test_settle_outbox (TbOutbox *outbox)
{
  tb_outbox_kick (outbox);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (!tb_outbox_is_waiting (outbox))
    g_main_context_iteration (NULL, TRUE);
}

static inline void
test_poll_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!tb_inbox_sync_poll_finish (TB_INBOX_SYNC (source), result, NULL, &error))
    g_error ("An inbox round failed: %s", error->message);
  *done = TRUE;
}

/* One inbox round, to its end; a failed round ends the program. */
static inline void
test_poll_inbox (TbInboxSync *sync)
{
  gboolean done = FALSE;

  tb_inbox_sync_poll_async (sync, NULL, test_poll_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static inline TbMessageState
test_message_state (TbStore *store,
                    gint64   message_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbMessage) message = tb_store_message_get (store, message_id, &error);

  g_assert_no_error (error);
  return tb_message_get_state (message);
}

typedef struct {
  TbStore        *store;
  gint64          message_id;
  TbMessageState  state;
} TestStateWait;

static inline gboolean
test_state_reached (gpointer user_data)
{
  TestStateWait *wait = user_data;

  return test_message_state (wait->store, wait->message_id) == wait->state;
}

/* Runs the loop until the message is in state (5 s at most). */
static inline void
test_wait_for_state (TbStore        *store,
                     gint64          message_id,
                     TbMessageState  state)
{
  TestStateWait wait = { store, message_id, state };

  if (!test_iterate_until (test_state_reached, &wait, 5000))
    g_error ("Message %" G_GINT64_FORMAT " is %s, expected %s", message_id,
             tb_message_state_to_string (test_message_state (store, message_id)),
             tb_message_state_to_string (state));
}

/* A fresh database in a new temporary folder. */
static inline TbStore *
test_store_new (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("textbank-session-XXXXXX", &error);
  g_autofree char *path = NULL;
  TbStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "textbank.db", NULL);
  store = tb_store_open (path, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return store;
}

/* A campaign with the sender and window given (minutes; 0-1440 is always
 * open) and n contacts at +1 202 555 01XX in New York. */
static inline gint64
test_campaign_new (TbStore    *store,
                   const char *sender,
                   int         start_min,
                   int         end_min,
                   guint       n_contacts,
                   gint64     *contact_ids)
{
  g_autoptr(GError) error = NULL;
  gint64 campaign_id;

  campaign_id = tb_store_campaign_create (store, "Test campaign", NULL, sender, FALSE, &error);
  g_assert_no_error (error);
  tb_store_campaign_update (store, campaign_id, NULL, NULL, NULL, start_min, end_min, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_contacts; i++)
    {
      g_autofree char *phone = g_strdup_printf ("+120255501%02u", i);
      g_autofree char *first = g_strdup_printf ("Person%u", i);

      contact_ids[i] = tb_store_contact_add (store, campaign_id, phone, first, "Test",
                                             "10001", "America/New_York", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (contact_ids[i], >, 0);
    }
  return campaign_id;
}

G_END_DECLS
