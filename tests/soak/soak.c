/* soak.c: the session layer under a long run, in accelerated time
 *
 *   soak [--sends N] [--replies M] [--contacts C] [--import-rows R]
 *        [--gen-script PATH] [--seed S]
 *
 * Drives the real TbOutbox and TbInboxSync (through TbSession) on a real
 * SQLite file with a TbSimulatorProvider whose clock the program moves by
 * hand: N presses of Send through tb_outbox_submit(), about M simulated
 * replies (STOPs among them) fetched by the inbox sync, a texter switch
 * every few hundred presses, and a second CSV import running in a worker
 * thread while the presses go on.
 *
 * Prints RSS along the way, the database size and the latency of
 * tb_outbox_submit() per 10 % slice of the run. Exits non-zero when a
 * promise breaks:
 *   - a pressed message that does not end in a final state (lost);
 *   - a simulated reply not stored, or stored twice;
 *   - a press that reached the simulator more than once (double send);
 *   - a send to a phone on the opt-out list at the instant of the send;
 *   - a send outside the contact's texting window at the instant of the
 *     send (checked with src/core's tb_texting_hours_check());
 *   - a message that does not name the texter who pressed Send.
 *
 * Sends are seen at the instant they go out by a pass-through provider that
 * wraps the simulator; the double-send check reads the simulator's own
 * record of what it took.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb-session.h"
#include "tb-session-test-util.h"
#include "tb-simulator-provider.h"
#include "tb-store-import.h"
#include "tb-texting-hours.h"

#define SENDER "+15005550006"
#define N_TEXTERS 7
#define PRESSES_PER_TEXTER 400
/* Simulated seconds between two presses: a quick texter. */
#define PRESS_STEP_USEC (G_USEC_PER_SEC / 2)
/* Presses between two turns of the outbox. */
#define PRESSES_PER_TURN 8
/* Now and then the outbox gets no turn for a while (a busy or offline
 * app) while presses and polls go on: messages wait in the queue while
 * STOPs come in and texting windows close. */
#define STALL_EVERY 1000
#define STALL_PRESSES 200
/* A share of presses gets a second text to the same contact a little
 * later, so a STOP to the first can arrive while the second waits. */
#define FOLLOW_UP_SHARE 0.1
#define FOLLOW_UP_AFTER_USEC (30 * G_USEC_PER_SEC)
/* Simulated seconds between two inbox polls. */
#define POLL_EVERY_USEC (20 * G_USEC_PER_SEC)

/* ---- A pass-through provider that watches every send ------------------ */

typedef struct {
  char   *to;
  char   *body;
  gint64  at;
  gboolean opted_out;  /* the store said so at the instant of the send */
} SeenSend;

enum {
  PROP_0,
  PROP_DISPLAY_NAME,
  PROP_IS_SIMULATOR,
};

#define SOAK_TYPE_WATCHING_PROVIDER (soak_watching_provider_get_type ())
G_DECLARE_FINAL_TYPE (SoakWatchingProvider, soak_watching_provider, SOAK, WATCHING_PROVIDER, GObject)

struct _SoakWatchingProvider
{
  GObject     parent_instance;
  TbProvider *inner;
  TbStore    *store;
  gint64     *now;
  GArray     *seen;   /* SeenSend */
};

static void soak_watching_provider_iface_init (TbProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SoakWatchingProvider, soak_watching_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TB_TYPE_PROVIDER, soak_watching_provider_iface_init))

static void
seen_send_clear (gpointer data)
{
  SeenSend *seen = data;

  g_free (seen->to);
  g_free (seen->body);
}

static const char *
watching_get_display_name (TbProvider *provider)
{
  return tb_provider_get_display_name (SOAK_WATCHING_PROVIDER (provider)->inner);
}

static gboolean
watching_is_simulator (TbProvider *provider)
{
  return TRUE;
}

/* The results come from the inner provider (their source object is it),
 * and the session layer finishes them on their source object. */
static void
watching_send_async (TbProvider              *provider,
                     const TbOutgoingMessage *message,
                     GCancellable            *cancellable,
                     GAsyncReadyCallback      callback,
                     gpointer                 user_data)
{
  SoakWatchingProvider *self = SOAK_WATCHING_PROVIDER (provider);
  SeenSend seen = {
    g_strdup (message->to), g_strdup (message->body), *self->now,
    tb_store_is_opted_out (self->store, message->to, NULL),
  };

  g_array_append_val (self->seen, seen);
  tb_provider_send_async (self->inner, message, cancellable, callback, user_data);
}

static TbProviderMessage *
watching_send_finish (TbProvider   *provider,
                      GAsyncResult *result,
                      GError      **error)
{
  return tb_provider_send_finish (SOAK_WATCHING_PROVIDER (provider)->inner, result, error);
}

static void
watching_fetch_status_async (TbProvider          *provider,
                             const char          *sid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  tb_provider_fetch_status_async (SOAK_WATCHING_PROVIDER (provider)->inner, sid, cancellable,
                                  callback, user_data);
}

static TbProviderMessage *
watching_fetch_status_finish (TbProvider   *provider,
                              GAsyncResult *result,
                              GError      **error)
{
  return tb_provider_fetch_status_finish (SOAK_WATCHING_PROVIDER (provider)->inner, result, error);
}

static void
watching_list_messages_async (TbProvider                *provider,
                              const TbProviderListQuery *query,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  tb_provider_list_messages_async (SOAK_WATCHING_PROVIDER (provider)->inner, query, cancellable,
                                   callback, user_data);
}

static GPtrArray *
watching_list_messages_finish (TbProvider   *provider,
                               GAsyncResult *result,
                               GError      **error)
{
  return tb_provider_list_messages_finish (SOAK_WATCHING_PROVIDER (provider)->inner, result, error);
}

static void
soak_watching_provider_finalize (GObject *object)
{
  SoakWatchingProvider *self = SOAK_WATCHING_PROVIDER (object);

  g_clear_object (&self->inner);
  g_clear_object (&self->store);
  g_clear_pointer (&self->seen, g_array_unref);
  G_OBJECT_CLASS (soak_watching_provider_parent_class)->finalize (object);
}

static void
soak_watching_provider_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SoakWatchingProvider *self = SOAK_WATCHING_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, tb_provider_get_display_name (self->inner));
      break;
    case PROP_IS_SIMULATOR:
      g_value_set_boolean (value, TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soak_watching_provider_class_init (SoakWatchingProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = soak_watching_provider_get_property;
  object_class->finalize = soak_watching_provider_finalize;
  g_object_class_override_property (object_class, PROP_DISPLAY_NAME, "display-name");
  g_object_class_override_property (object_class, PROP_IS_SIMULATOR, "is-simulator");
}

static void
soak_watching_provider_iface_init (TbProviderInterface *iface)
{
  iface->get_display_name = watching_get_display_name;
  iface->is_simulator = watching_is_simulator;
  iface->send_async = watching_send_async;
  iface->send_finish = watching_send_finish;
  iface->fetch_status_async = watching_fetch_status_async;
  iface->fetch_status_finish = watching_fetch_status_finish;
  iface->list_messages_async = watching_list_messages_async;
  iface->list_messages_finish = watching_list_messages_finish;
}

static void
soak_watching_provider_init (SoakWatchingProvider *self)
{
  self->seen = g_array_new (FALSE, TRUE, sizeof (SeenSend));
  g_array_set_clear_func (self->seen, seen_send_clear);
}

static SoakWatchingProvider *
soak_watching_provider_new (TbProvider *inner,
                            TbStore    *store,
                            gint64     *now)
{
  SoakWatchingProvider *self = g_object_new (SOAK_TYPE_WATCHING_PROVIDER, NULL);

  self->inner = g_object_ref (inner);
  self->store = g_object_ref (store);
  self->now = now;
  return self;
}

/* ---- Helpers --------------------------------------------------------- */

typedef struct {
  gint64  id;
  char   *phone;
  char   *zones;   /* what the outbox checks hours against */
} PoolContact;

typedef struct {
  gint64 due;
  guint  pool_index;
} FollowUp;

typedef struct {
  gint64  message_id;
  gint64  contact_id;
  gint64  texter_id;
  guint   pool_index;
} Press;

static void
pool_contact_clear (gpointer data)
{
  PoolContact *contact = data;

  g_free (contact->phone);
  g_free (contact->zones);
}

static gint64
clock_func (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static guint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

/* What the kernel was asked to write to disk for this process so far
 * (/proc/self/io write_bytes), 0 where it cannot tell. */
static guint64
written_bytes (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &io, NULL, NULL))
    return 0;
  line = strstr (io, "\nwrite_bytes:");
  return line != NULL ? g_ascii_strtoull (line + 13, NULL, 10) : 0;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

static void
generate_csv (const char *script,
              const char *path,
              guint       rows,
              guint       seed)
{
  g_autofree char *n = g_strdup_printf ("%u", rows);
  g_autofree char *s = g_strdup_printf ("%u", seed);
  const char *argv[] = { "python3", script, "-n", n, "--seed", s, "-o", path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("Cannot generate %s with %s: %s", path, script, error->message);
}

/* Adds every contact of the campaign to the pool. */
static void
pool_add_campaign (TbStore *store,
                   gint64   campaign_id,
                   GArray  *pool)
{
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY,
                                                         NULL, after, 1000, &error);

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          TbContact *contact = g_ptr_array_index (page, i);
          const char *zones = tb_contact_get_time_zone (contact);
          PoolContact entry = {
            tb_contact_get_id (contact), g_strdup (tb_contact_get_phone (contact)),
            zones != NULL && *zones != '\0'
              ? g_strdup (zones)
              : tb_time_zones_for_contact (tb_contact_get_zip (contact), tb_contact_get_phone (contact)),
          };

          g_array_append_val (pool, entry);
          after = entry.id;
        }
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TbImportReport **report_out = user_data;
  g_autoptr(GError) error = NULL;

  *report_out = tb_store_import_finish (TB_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **listed = user_data;
  g_autoptr(GError) error = NULL;

  *listed = tb_provider_list_messages_finish (TB_PROVIDER (source), result, &error);
  g_assert_no_error (error);
}

static void
print_slice (guint   slice,
             GArray *times,
             guint64 rss)
{
  gint64 *t = (gint64 *) (gpointer) times->data;
  guint n = times->len;

  if (n == 0)
    return;
  g_array_sort (times, test_compare_gint64);
  g_print ("slice %3u%%: %6u presses  submit us p50 %6" G_GINT64_FORMAT "  p90 %6" G_GINT64_FORMAT
           "  p99 %6" G_GINT64_FORMAT "  max %7" G_GINT64_FORMAT "   RSS %6" G_GUINT64_FORMAT " KiB\n",
           (slice + 1) * 10, n, t[n / 2], t[n * 9 / 10], t[n * 99 / 100], t[n - 1], rss);
}

typedef struct {
  guint lost;
  guint reply_missing;
  guint reply_duplicate;
  guint double_sends;
  guint opted_out_sends;
  guint outside_hours_sends;
  guint wrong_texter;
  guint unmatched_sends;
} Failures;

/* ---- The run ------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  int sends = 2000, replies = 600, n_contacts = 0, import_rows = 0, seed = 1;
  g_autofree char *gen_script = NULL;
  GOptionEntry entries[] = {
    { "sends", 0, 0, G_OPTION_ARG_INT, &sends, "Presses of Send", "N" },
    { "replies", 0, 0, G_OPTION_ARG_INT, &replies, "Simulated replies to aim for", "M" },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Rows of the first CSV (default N/4)", "C" },
    { "import-rows", 0, 0, G_OPTION_ARG_INT, &import_rows, "Rows of the CSV imported while texting (default N/4)", "R" },
    { "gen-script", 0, 0, G_OPTION_ARG_FILENAME, &gen_script, "tests/bench/gen-contacts-csv.py", "PATH" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Simulator seed", "S" },
    { NULL },
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- soak the session layer");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *db_path = NULL, *wal_path = NULL, *csv_a = NULL, *csv_b = NULL;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(SoakWatchingProvider) watcher = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(TbImportReport) report_a = NULL;
  TbImportReport *report_b = NULL;
  g_autoptr(GArray) pool = g_array_new (FALSE, TRUE, sizeof (PoolContact));
  g_autoptr(GArray) presses = g_array_new (FALSE, TRUE, sizeof (Press));
  g_autoptr(GArray) slice_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 texter_ids[N_TEXTERS];
  TbSimulatorSettings settings;
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;
  TbOutbox *outbox;
  TbInboxSync *sync;
  Failures fail = { 0 };
  gint64 now, start_real, campaign_a, campaign_b, next_poll, import_started_real = 0;
  guint64 rss_start, rss_peak, rss_end, written_start = 0;
  guint pool_cursor = 0, refused_opted_out = 0, refused_hours = 0, night_skips = 0;
  guint slice = 0, n_inbound_sim = 0, texter = 0, send_refused_opted_out = 0, send_refused_hours = 0;
  gboolean import_started = FALSE, import_joined = FALSE, is_follow_up = FALSE, stalled = FALSE;
  GQueue follow_ups = G_QUEUE_INIT;
  guint n_follow_ups = 0;
  g_autoptr(GRand) rand = NULL;

  g_array_set_clear_func (pool, pool_contact_clear);
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (gen_script == NULL)
    g_error ("--gen-script is needed (tests/bench/gen-contacts-csv.py)");
  sends = MAX (sends, 100);
  if (n_contacts <= 0)
    n_contacts = sends / 4;
  if (import_rows <= 0)
    import_rows = sends / 4;

  rand = g_rand_new_with_seed ((guint32) seed);
  start_real = g_get_monotonic_time ();
  rss_start = rss_kib ();
  rss_peak = rss_start;

  dir = g_dir_make_tmp ("textbank-soak-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "soak.db", NULL);
  wal_path = g_strconcat (db_path, "-wal", NULL);
  csv_a = g_build_filename (dir, "contacts-a.csv", NULL);
  csv_b = g_build_filename (dir, "contacts-b.csv", NULL);
  generate_csv (gen_script, csv_a, (guint) n_contacts, 11);
  generate_csv (gen_script, csv_b, (guint) import_rows, 12);

  /* Monday 2 March 2026, 15:00 UTC: 10:00 in New York. */
  now = G_GINT64_CONSTANT (1772463600) * G_USEC_PER_SEC;

  store = tb_store_open (db_path, &error);
  g_assert_no_error (error);
  campaign_a = tb_store_campaign_create (store, "Soak A", NULL, SENDER, FALSE, &error);
  g_assert_no_error (error);
  campaign_b = tb_store_campaign_create (store, "Soak B", NULL, SENDER, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = g_file_new_for_path (csv_a);

    report_a = tb_store_import_sync (store, campaign_a, file, NULL, NULL, &error);
  }
  g_assert_no_error (error);
  pool_add_campaign (store, campaign_a, pool);
  /* The window the checks below hold each send to: the campaigns' own. */
  {
    g_autoptr(TbCampaign) campaign = tb_store_campaign_get (store, campaign_a, &error);

    g_assert_no_error (error);
    window.start_minute = tb_campaign_get_hours_start_min (campaign);
    window.end_minute = tb_campaign_get_hours_end_min (campaign);
  }

  tb_simulator_settings_init_default (&settings);
  /* Replies come to delivered messages; ~93 % are delivered. */
  settings.reply_rate = MIN (1.0, (double) replies / (sends * 0.93));
  settings.opt_out_rate = 0.2;
  simulator = tb_simulator_provider_new_full ((guint32) seed, &settings);
  tb_simulator_provider_set_clock (simulator, clock_func, &now, NULL);
  watcher = soak_watching_provider_new (TB_PROVIDER (simulator), store, &now);

  session = tb_session_new (store, TB_PROVIDER (watcher));
  tb_session_set_clock (session, clock_func, &now);
  outbox = tb_session_get_outbox (session);
  sync = tb_session_get_inbox_sync (session);
  tb_outbox_set_rate_per_second (outbox, 0);
  tb_inbox_sync_set_interval (sync, 0);
  tb_session_start (session);
  for (guint i = 0; i < N_TEXTERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Texter %u", i + 1);

      tb_session_sign_in_by_name (session, name, &error);
      g_assert_no_error (error);
      texter_ids[i] = tb_session_get_texter_id (session);
    }
  tb_session_sign_in (session, texter_ids[0], &error);
  g_assert_no_error (error);

  g_print ("soak: %d sends, ~%d replies aimed for, %u contacts imported first (of %d rows), "
           "%d rows imported while texting\n",
           sends, replies, pool->len, n_contacts, import_rows);
  g_print ("start: RSS %" G_GUINT64_FORMAT " KiB (after the first import)\n", rss_kib ());
  rss_start = rss_kib ();
  written_start = written_bytes ();

  next_poll = now + POLL_EVERY_USEC;
  while (presses->len < (guint) sends)
    {
      g_autofree char *press_id = NULL, *body = NULL;
      PoolContact *contact;
      gint64 t0, dt, message_id;
      guint tried = 0;

      /* A texter switch. */
      if (presses->len > 0 && presses->len % PRESSES_PER_TEXTER == 0 &&
          texter != presses->len / PRESSES_PER_TEXTER)
        {
          texter = presses->len / PRESSES_PER_TEXTER;
          tb_session_sign_out (session);
          tb_session_sign_in (session, texter_ids[texter % N_TEXTERS], &error);
          g_assert_no_error (error);
        }

      /* The second import starts a fifth of the way in and runs in its
       * worker thread while the presses go on. */
      if (!import_started && presses->len >= (guint) sends / 5)
        {
          g_autoptr(GFile) file = g_file_new_for_path (csv_b);

          import_started = TRUE;
          import_started_real = g_get_monotonic_time ();
          tb_store_import_async (store, campaign_b, file, NULL, NULL, NULL, NULL,
                                 import_done_cb, &report_b);
        }
      if (report_b != NULL && !import_joined)
        {
          guint before = pool->len;

          import_joined = TRUE;
          pool_add_campaign (store, campaign_b, pool);
          g_print ("import while texting: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                   " rows imported in %.1f s (real), done at press %u; pool %u -> %u contacts\n",
                   tb_import_report_get_imported (report_b), tb_import_report_get_records (report_b),
                   (g_get_monotonic_time () - import_started_real) / 1e6, presses->len,
                   before, pool->len);
        }

      /* Find a contact that may be texted now; at night, jump ahead. */
      for (;;)
        {
          press_id = g_strdup_printf ("soak-%u", presses->len);
          body = g_strdup_printf ("Soak press %u: can we count on you this Saturday?", presses->len);
          is_follow_up = FALSE;
          if (!g_queue_is_empty (&follow_ups) &&
              ((FollowUp *) g_queue_peek_head (&follow_ups))->due <= now)
            {
              g_autofree FollowUp *follow_up = g_queue_pop_head (&follow_ups);

              contact = &g_array_index (pool, PoolContact, follow_up->pool_index);
              is_follow_up = TRUE;
            }
          else
            {
              contact = &g_array_index (pool, PoolContact, pool_cursor % pool->len);
              pool_cursor++;
            }

          t0 = g_get_monotonic_time ();
          message_id = tb_outbox_submit (outbox, contact->id, body, press_id, &error);
          dt = g_get_monotonic_time () - t0;
          if (message_id > 0)
            break;
          if (g_error_matches (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OPTED_OUT))
            refused_opted_out++;
          else if (g_error_matches (error, TB_OUTBOX_ERROR, TB_OUTBOX_ERROR_OUTSIDE_HOURS))
            refused_hours++;
          else
            g_error ("Unexpected refusal of press %u: %s", presses->len, error->message);
          g_clear_error (&error);
          g_clear_pointer (&press_id, g_free);
          g_clear_pointer (&body, g_free);
          if (++tried % 200 == 0)
            {
              now += 10 * 60 * G_USEC_PER_SEC;
              night_skips++;
              test_settle_outbox (outbox);
            }
        }

      {
        Press press = { message_id, contact->id, texter_ids[texter % N_TEXTERS],
                        (guint) (contact - (PoolContact *) (gpointer) pool->data) };

        g_array_append_val (presses, press);
        g_array_append_val (slice_times, dt);
        g_array_append_val (all_times, dt);
        if (is_follow_up)
          n_follow_ups++;
        else if (g_rand_double (rand) < FOLLOW_UP_SHARE)
          {
            FollowUp *follow_up = g_new (FollowUp, 1);

            follow_up->due = now + FOLLOW_UP_AFTER_USEC;
            follow_up->pool_index = press.pool_index;
            g_queue_push_tail (&follow_ups, follow_up);
          }
      }

      /* The outbox gets its turn every few presses, after the inbox: a STOP
       * can land between a press and its send, and the window can close
       * on a queued message, as with a busy main loop. */
      now += PRESS_STEP_USEC;
      if (now >= next_poll)
        {
          test_poll_inbox (sync);
          next_poll = now + POLL_EVERY_USEC;
        }
      stalled = presses->len % STALL_EVERY >= STALL_EVERY - STALL_PRESSES;
      if (!stalled && presses->len % PRESSES_PER_TURN == 0)
        test_settle_outbox (outbox);

      if (presses->len % MAX (sends / 10, 1) == 0)
        {
          guint64 rss = rss_kib ();

          rss_peak = MAX (rss_peak, rss);
          print_slice (slice++, slice_times, rss);
          g_array_set_size (slice_times, 0);
        }
    }

  /* Let the import finish if it is still going. */
  while (import_started && report_b == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!import_joined)
    g_print ("import while texting: %" G_GUINT64_FORMAT " rows imported, finished after the presses\n",
             tb_import_report_get_imported (report_b));

  /* Move the clock past every receipt and reply, then settle. */
  for (guint i = 0; i < 40; i++)
    {
      now += 15 * G_USEC_PER_SEC;
      test_settle_outbox (outbox);
      test_poll_inbox (sync);
    }
  now += 10 * 60 * G_USEC_PER_SEC;
  test_settle_outbox (outbox);
  test_poll_inbox (sync);
  test_poll_inbox (sync);
  rss_end = rss_kib ();
  rss_peak = MAX (rss_peak, rss_end);

  /* ---- The checks ---- */

  /* Every press ends in a final state, with its texter. */
  for (guint i = 0; i < presses->len; i++)
    {
      Press *press = &g_array_index (presses, Press, i);
      g_autoptr(TbMessage) message = tb_store_message_get (store, press->message_id, &error);
      TbMessageState state;

      g_assert_no_error (error);
      state = tb_message_get_state (message);
      if (state != TB_MESSAGE_STATE_DELIVERED && state != TB_MESSAGE_STATE_UNDELIVERED &&
          state != TB_MESSAGE_STATE_FAILED)
        {
          if (fail.lost++ < 5)
            g_printerr ("LOST: press %u (message %" G_GINT64_FORMAT ") ends in state %d\n", i,
                        press->message_id, (int) state);
        }
      if (state == TB_MESSAGE_STATE_FAILED && g_strcmp0 (tb_message_get_error_code (message), "opted_out") == 0)
        send_refused_opted_out++;
      if (state == TB_MESSAGE_STATE_FAILED && g_strcmp0 (tb_message_get_error_code (message), "outside_hours") == 0)
        send_refused_hours++;
      if (tb_message_get_texter_id (message) != press->texter_id && fail.wrong_texter++ < 5)
        g_printerr ("TEXTER: press %u records texter %" G_GINT64_FORMAT ", pressed by %" G_GINT64_FORMAT "\n",
                    i, tb_message_get_texter_id (message), press->texter_id);
    }

  /* Each send, at the instant it went out: not opted out, inside hours. */
  for (guint i = 0; i < watcher->seen->len; i++)
    {
      SeenSend *seen = &g_array_index (watcher->seen, SeenSend, i);
      TbTextingHoursVerdict verdict = { 0 };
      PoolContact *contact;
      Press *press;
      guint index;

      if (sscanf (seen->body, "Soak press %u:", &index) != 1 || index >= presses->len)
        {
          fail.unmatched_sends++;
          continue;
        }
      press = &g_array_index (presses, Press, index);
      contact = &g_array_index (pool, PoolContact, press->pool_index);
      if (g_strcmp0 (contact->phone, seen->to) != 0 && fail.unmatched_sends++ < 5)
        g_printerr ("MISMATCH: press %u went to %s, pressed for %s\n", index, seen->to, contact->phone);
      if (seen->opted_out && fail.opted_out_sends++ < 5)
        g_printerr ("OPTED OUT: press %u went to %s, on the opt-out list\n", index, seen->to);
      tb_texting_hours_check (contact->zones, &window, seen->at, &verdict, &error);
      g_assert_no_error (error);
      if (verdict.status != TB_TEXTING_HOURS_OPEN && fail.outside_hours_sends++ < 5)
        {
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (seen->at / G_USEC_PER_SEC);
          g_autofree char *text = g_date_time_format_iso8601 (at);

          g_printerr ("HOURS: press %u went to %s (%s) at %s\n", index, seen->to, contact->zones, text);
        }
    }

  /* The simulator's own record: each press taken at most once; each reply
   * stored exactly once. */
  {
    g_autoptr(TbProviderListQuery) query = tb_provider_list_query_new ();
    g_autoptr(GPtrArray) listed = NULL;
    g_autoptr(GHashTable) taken = g_hash_table_new (g_direct_hash, g_direct_equal);
    g_autoptr(GPtrArray) unknown = NULL;
    TbCampaignStats stats_a = { 0 }, stats_b = { 0 };
    guint n_outbound_sim = 0;
    gint64 stored_inbound;

    query->direction = TB_PROVIDER_DIRECTION_UNKNOWN;
    tb_provider_list_messages_async (TB_PROVIDER (simulator), query, NULL, list_done_cb, &listed);
    while (listed == NULL)
      g_main_context_iteration (NULL, TRUE);

    for (guint i = 0; i < listed->len; i++)
      {
        TbProviderMessage *message = g_ptr_array_index (listed, i);
        guint index;

        if (message->direction == TB_PROVIDER_DIRECTION_INBOUND)
          {
            g_autoptr(TbMessage) stored = NULL;

            n_inbound_sim++;
            stored = tb_store_message_get_by_provider_id (store, message->sid, &error);
            if (stored == NULL || tb_message_get_direction (stored) != TB_MESSAGE_DIRECTION_IN)
              {
                if (fail.reply_missing++ < 5)
                  g_printerr ("REPLY LOST: %s from %s (%s)\n", message->sid, message->from,
                              error != NULL ? error->message : "stored as outbound");
              }
            g_clear_error (&error);
            continue;
          }
        n_outbound_sim++;
        if (message->body == NULL || sscanf (message->body, "Soak press %u:", &index) != 1)
          {
            fail.unmatched_sends++;
            continue;
          }
        if (g_hash_table_contains (taken, GUINT_TO_POINTER (index + 1)))
          {
            if (fail.double_sends++ < 5)
              g_printerr ("DOUBLE SEND: press %u reached the simulator twice\n", index);
          }
        g_hash_table_add (taken, GUINT_TO_POINTER (index + 1));
      }

    /* The store's own count of inbound rows: the unique provider id keeps
     * each once; equal counts mean none is stored twice under two ids. */
    tb_store_stats_campaign (store, campaign_a, 0, &stats_a, &error);
    g_assert_no_error (error);
    tb_store_stats_campaign (store, campaign_b, 0, &stats_b, &error);
    g_assert_no_error (error);
    unknown = tb_store_unknown_sender_list (store, &error);
    g_assert_no_error (error);
    stored_inbound = stats_a.received + stats_b.received + unknown->len;
    if (stored_inbound != n_inbound_sim)
      {
        fail.reply_duplicate += stored_inbound > n_inbound_sim ? (guint) (stored_inbound - n_inbound_sim) : 0;
        g_printerr ("REPLIES: the simulator holds %u, the store %" G_GINT64_FORMAT "\n",
                    n_inbound_sim, stored_inbound);
      }

    g_print ("\nresult: %u presses (%u of them follow-ups; %u refused: %u opted out, %u outside hours; "
             "%u night skips of 10 min)\n",
             presses->len, n_follow_ups, refused_opted_out + refused_hours, refused_opted_out, refused_hours,
             night_skips);
    g_print ("refused at the send, after the press: %u opted out in between, %u window closed in between\n",
             send_refused_opted_out, send_refused_hours);
    g_print ("simulator: %u outbound taken, %u replies; store: %" G_GINT64_FORMAT " delivered, %"
             G_GINT64_FORMAT " failed/undelivered, %" G_GINT64_FORMAT " pending, %" G_GINT64_FORMAT
             " received, %" G_GINT64_FORMAT " opted out\n",
             n_outbound_sim, n_inbound_sim, stats_a.delivered + stats_b.delivered,
             stats_a.failed + stats_b.failed, stats_a.pending + stats_b.pending, stored_inbound,
             stats_a.opted_out + stats_b.opted_out);
    g_print ("simulated time: %.1f h\n",
             (now - G_GINT64_CONSTANT (1772463600) * G_USEC_PER_SEC) / 3.6e9);
  }

  g_array_sort (all_times, test_compare_gint64);
  {
    gint64 *t = (gint64 *) (gpointer) all_times->data;
    guint n = all_times->len;

    g_print ("submit latency, whole run: p50 %" G_GINT64_FORMAT " us  p90 %" G_GINT64_FORMAT
             " us  p99 %" G_GINT64_FORMAT " us  max %" G_GINT64_FORMAT " us\n",
             t[n / 2], t[n * 9 / 10], t[n * 99 / 100], t[n - 1]);
  }
  g_print ("RSS: start %" G_GUINT64_FORMAT " KiB, end %" G_GUINT64_FORMAT " KiB, peak seen %"
           G_GUINT64_FORMAT " KiB, growth %+" G_GINT64_FORMAT " KiB\n",
           rss_start, rss_end, rss_peak, (gint64) rss_end - (gint64) rss_start);
  g_print ("database: %.1f MiB (+ WAL %.1f MiB)\n", file_size (db_path) / 1048576.0,
           file_size (wal_path) / 1048576.0);
  {
    guint64 written = written_bytes () - written_start;

    /* The second import's rows are in it too. */
    g_print ("written to disk since the first import: %.1f MiB, %.1f KiB per press "
             "(/proc/self/io write_bytes, with the import while texting)\n",
             written / 1048576.0, written / 1024.0 / MAX (presses->len, 1));
  }
  g_print ("run time: %.1f s\n", (g_get_monotonic_time () - start_real) / 1e6);

  g_print ("failures: lost %u, reply missing %u, reply duplicated %u, double sends %u, "
           "sends to opted-out %u, sends outside hours %u, wrong texter %u, unmatched %u\n",
           fail.lost, fail.reply_missing, fail.reply_duplicate, fail.double_sends,
           fail.opted_out_sends, fail.outside_hours_sends, fail.wrong_texter, fail.unmatched_sends);

  g_queue_clear_full (&follow_ups, g_free);
  g_clear_object (&session);
  g_clear_object (&watcher);
  g_clear_object (&simulator);
  g_clear_object (&report_b);
  g_clear_object (&store);
  test_remove_tree (dir);

  if (fail.lost + fail.reply_missing + fail.reply_duplicate + fail.double_sends +
      fail.opted_out_sends + fail.outside_hours_sends + fail.wrong_texter + fail.unmatched_sends > 0)
    {
      g_printerr ("soak: FAILED\n");
      return 1;
    }
  g_print ("soak: passed\n");
  return 0;
}
