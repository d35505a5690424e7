/* bench-send-io.c: what one Send press writes to disk
 *
 *   bench-send-io [SENDS] [CONTACTS]
 *
 * A counting SQLite VFS (a shim over the default one) adds up the bytes
 * written to the database file and to its WAL, and the syncs of each, on a
 * real file with CONTACTS imported contacts (10,000 by default):
 *
 *  1. reference: SENDS single-row INSERT transactions into a plain table
 *     (same pragmas as the store: WAL, synchronous NORMAL);
 *  2. the store's send path, one message at a time from the press to
 *     `delivered`, each step measured on its own, and the B-trees (tables
 *     and indexes, named through the dbstat table) whose pages each step
 *     appended to the WAL;
 *  3. the whole session: SENDS presses through tb_outbox_submit(), the
 *     outbox sending each through the simulator, the inbox sync polling the
 *     statuses every 20 simulated seconds (a press every 2 s).
 *
 * Checkpoints (WAL pages copied into the database file) are counted apart
 * and in the totals. /proc/self/io's write_bytes (what the kernel was asked
 * to write to the block device, before writeback merges) is printed too.
 * Prints figures; never fails for being slow or big.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "tb-session.h"
#include "tb-simulator-provider.h"
#include "tb-store-import.h"
#include "tb-store-private.h"
#include "tb-io-count.h"
#include "tb-session-test-util.h"

/* ---- Helpers ----------------------------------------------------------- */

#define FRAME_HEADER 24
/* TB_BENCH_PAGE_SIZE makes the store's files with another page size (an
 * experiment: the store itself keeps SQLite's default, 4096). */
static int PAGE_SIZE = 4096;

/* An empty database file with PAGE_SIZE pages, in WAL mode, for the store
 * to migrate. */
static void
precreate (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA page_size = %d; PRAGMA journal_mode = WAL;", PAGE_SIZE);
  sqlite3 *db = NULL;

  if (g_getenv ("TB_BENCH_PAGE_SIZE") == NULL)
    return;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint64
proc_write_bytes (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &text, NULL, NULL))
    return 0;
  line = strstr (text, "\nwrite_bytes: ");
  return line != NULL ? g_ascii_strtoull (line + 14, NULL, 10) : 0;
}

typedef struct {
  TbIoCounts io;
  guint64  proc_bytes;
} Snapshot;

static Snapshot
snapshot (void)
{
  Snapshot s = { *tb_io_count_get (), proc_write_bytes () };

  return s;
}

static void
print_totals (const char *what,
              Snapshot   before,
              guint      n)
{
  Snapshot after = snapshot ();
  double wal = (double) (after.io.bytes[TB_IO_WAL] - before.io.bytes[TB_IO_WAL]) / n;
  double db = (double) (after.io.bytes[TB_IO_DB] - before.io.bytes[TB_IO_DB]) / n;
  double other = (double) (after.io.bytes[TB_IO_OTHER] - before.io.bytes[TB_IO_OTHER]) / n;
  double syncs = (double) (after.io.syncs[TB_IO_WAL] + after.io.syncs[TB_IO_DB] + after.io.syncs[TB_IO_OTHER]
                           - before.io.syncs[TB_IO_WAL] - before.io.syncs[TB_IO_DB]
                           - before.io.syncs[TB_IO_OTHER]) / n;

  g_print ("%-28s per send: %7.1f KiB written (WAL %6.1f KiB = %5.1f pages, checkpoints %6.1f KiB, "
           "other %4.1f KiB), %.3f syncs (WAL %.3f, DB %.3f); /proc write_bytes %7.1f KiB\n",
           what, (wal + db + other) / 1024, wal / 1024, wal / (PAGE_SIZE + FRAME_HEADER), db / 1024,
           other / 1024, syncs,
           (double) (after.io.syncs[TB_IO_WAL] - before.io.syncs[TB_IO_WAL]) / n,
           (double) (after.io.syncs[TB_IO_DB] - before.io.syncs[TB_IO_DB]) / n,
           (double) (after.proc_bytes - before.proc_bytes) / n / 1024);
}

static void
exec_or_die (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* ---- 1. The reference: bare single-row INSERT transactions -------------- */

static void
run_reference (const char *dir,
               guint       n)
{
  g_autofree char *path = g_build_filename (dir, "reference.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  Snapshot before;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *page_size = g_strdup_printf ("PRAGMA page_size = %d;", PAGE_SIZE);

    exec_or_die (db, page_size);
  }
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                   "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL);");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (body, at) VALUES (?1, ?2)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  before = snapshot ();
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_text (stmt, 1, "Hi, this is Bench from the campaign: can we count on you this "
                         "Saturday? Reply STOP to opt out", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  print_totals ("reference (1-row INSERT)", before, n);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* ---- The campaign ------------------------------------------------------- */

static const char *FIRST_NAMES[] = { "Maria", "John", "Aisha", "Wei", "José", "Olga", "Sam", "Nia" };

static gint64
make_campaign (TbStore    *store,
               const char *dir,
               const char *name,
               guint       n,
               guint       phone_base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (dir, "contacts.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("first_name,last_name,phone,zip\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(TbImportReport) report = NULL;
  gint64 campaign_id;

  campaign_id = tb_store_campaign_create (store, name, NULL, "+15005550006", FALSE, &error);
  g_assert_no_error (error);
  tb_store_campaign_update (store, campaign_id, NULL, NULL, NULL, 0, 24 * 60, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "%s,Person%u,+1303%07u,80202\n",
                            FIRST_NAMES[i % G_N_ELEMENTS (FIRST_NAMES)], i, phone_base + i);
  g_file_set_contents (csv_path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (csv_path);
  report = tb_store_import_sync (store, campaign_id, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tb_import_report_get_imported (report), ==, n);
  g_unlink (csv_path);
  return campaign_id;
}

static GArray *
campaign_contacts (TbStore *store,
                   gint64   campaign_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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
          gint64 id = tb_contact_get_id (g_ptr_array_index (page, i));

          g_array_append_val (ids, id);
          after = id;
        }
    }
  return ids;
}

/* ---- 2. The store's send path, step by step ----------------------------- */

typedef enum {
  STEP_QUEUE,
  STEP_CLAIM,
  STEP_ACCEPTED,
  STEP_SENT,
  STEP_DELIVERED,
  N_STEPS
} Step;

static const char *STEP_NAMES[N_STEPS] = {
  "press: queued (+ contact)",
  "claim: sending (+ provider)",
  "accepted (+ id, segments)",
  "sent",
  "delivered",
};

typedef struct {
  guint64     wal_bytes[N_STEPS];
  guint64     db_bytes[N_STEPS];
  guint64     syncs[N_STEPS];
  guint64     commits[N_STEPS];
  GHashTable *pages[N_STEPS];   /* page number -> times appended */
} StepTotals;

/* The outbox's writes around the request, as it makes them. */
static void
bench_claim (TbStore *store, gint64 message_id, GError **error)
{
  tb_store_message_claim_for (store, message_id, "simulator", "+15005550006", error);
}

static void
bench_accept (TbStore *store, gint64 message_id, const char *sid, GError **error)
{
  TbMessageStateChange change = { message_id, TB_MESSAGE_STATE_ACCEPTED, sid, NULL, NULL, 1 };

  tb_store_message_change_state (store, &change, error);
}

static Snapshot step_start;
static guint64 step_commits;

static int
commit_hook (void *data)
{
  step_commits++;
  return 0;
}

static void
begin_step (void)
{
  g_array_set_size (tb_io_count_wal_pages (), 0);
  step_commits = 0;
  step_start = snapshot ();
}

static void
end_step (StepTotals *totals,
          Step        step)
{
  TbIoCounts *now = tb_io_count_get ();

  totals->wal_bytes[step] += now->bytes[TB_IO_WAL] - step_start.io.bytes[TB_IO_WAL];
  totals->db_bytes[step] += now->bytes[TB_IO_DB] - step_start.io.bytes[TB_IO_DB];
  totals->syncs[step] += now->syncs[TB_IO_WAL] + now->syncs[TB_IO_DB]
                         - step_start.io.syncs[TB_IO_WAL] - step_start.io.syncs[TB_IO_DB];
  totals->commits[step] += step_commits;
  for (guint i = 0; i < tb_io_count_wal_pages ()->len; i++)
    {
      gpointer key = GUINT_TO_POINTER (g_array_index (tb_io_count_wal_pages (), guint32, i));

      g_hash_table_insert (totals->pages[step], key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (totals->pages[step], key)) + 1));
    }
}

/* The B-tree of each page, from the dbstat table, on a connection of our own. */
static GHashTable *
page_owners (const char *path)
{
  GHashTable *owners = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT name, pageno FROM dbstat", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_print ("(no dbstat table: %s)\n", sqlite3_errmsg (db));
      sqlite3_close (db);
      return owners;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (owners, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return owners;
}

static void
print_step_owners (GHashTable *pages,
                   GHashTable *owners,
                   guint       n)
{
  g_autoptr(GHashTable) per_owner = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) names = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *owner = g_hash_table_lookup (owners, key);

      if (owner == NULL)
        owner = GPOINTER_TO_UINT (key) == 1 ? "sqlite_schema (page 1)" : "(freed page)";
      g_hash_table_insert (per_owner, (gpointer) owner,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_owner, owner))
                                             + GPOINTER_TO_UINT (value)));
    }
  names = g_list_sort (g_hash_table_get_keys (per_owner), (GCompareFunc) g_strcmp0);
  g_print ("      ");
  for (GList *l = names; l != NULL; l = l->next)
    g_print (" %s %.2f", (const char *) l->data,
             GPOINTER_TO_UINT (g_hash_table_lookup (per_owner, l->data)) / (double) n);
  g_print ("\n");
}

static void
run_store_path (const char *dir,
                guint       n,
                guint       n_contacts)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = (precreate (path), tb_store_open (path, &error));
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) owners = NULL;
  StepTotals totals = { { 0 } };
  sqlite3 *db;
  gint64 campaign_id, texter_id;
  Snapshot before;
  guint64 all_wal = 0, all_db = 0, all_syncs = 0;

  g_assert_no_error (error);
  campaign_id = make_campaign (store, dir, "Bench", MAX (n_contacts, n), 2000000);
  contacts = campaign_contacts (store, campaign_id);
  texter_id = tb_store_texter_add (store, "Bench", NULL, FALSE, &error);
  g_assert_no_error (error);
  db = tb_store_get_db (store);
  sqlite3_commit_hook (db, commit_hook, NULL);
  for (guint s = 0; s < N_STEPS; s++)
    totals.pages[s] = g_hash_table_new (NULL, NULL);
  /* A clean start: the import's pages out of the WAL. */
  sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  before = snapshot ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *press = g_uuid_string_random ();
      g_autofree char *sid = g_strdup_printf ("SM%08x%08x%08x%08x", g_rand_int (rand), g_rand_int (rand),
                                              g_rand_int (rand), g_rand_int (rand));
      gint64 message_id;

      begin_step ();
      message_id = tb_store_message_queue_outbound (store, g_array_index (contacts, gint64, i),
                                                    "Hi, this is Bench from the campaign: can we count on "
                                                    "you this Saturday? Reply STOP to opt out",
                                                    texter_id, 0, press, &error);
      g_assert_no_error (error);
      end_step (&totals, STEP_QUEUE);

      begin_step ();
      bench_claim (store, message_id, &error);
      g_assert_no_error (error);
      end_step (&totals, STEP_CLAIM);

      begin_step ();
      bench_accept (store, message_id, sid, &error);
      g_assert_no_error (error);
      end_step (&totals, STEP_ACCEPTED);

      begin_step ();
      tb_store_message_set_state (store, message_id, TB_MESSAGE_STATE_SENT, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      end_step (&totals, STEP_SENT);

      begin_step ();
      tb_store_message_set_state (store, message_id, TB_MESSAGE_STATE_DELIVERED, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      end_step (&totals, STEP_DELIVERED);
    }

  sqlite3_commit_hook (db, NULL, NULL);
  owners = page_owners (path);
  g_print ("store path, %u messages, %u contacts; per message (checkpoints land in the step "
           "whose commit ran them):\n", n, contacts->len);
  for (guint s = 0; s < N_STEPS; s++)
    {
      g_print ("  %-28s %5.2f commits  WAL %6.1f KiB (%5.2f pages)  checkpoint %6.1f KiB  syncs %.3f\n",
               STEP_NAMES[s], totals.commits[s] / (double) n, totals.wal_bytes[s] / 1024.0 / n,
               totals.wal_bytes[s] / (double) (PAGE_SIZE + FRAME_HEADER) / n,
               totals.db_bytes[s] / 1024.0 / n, totals.syncs[s] / (double) n);
      print_step_owners (totals.pages[s], owners, n);
      all_wal += totals.wal_bytes[s];
      all_db += totals.db_bytes[s];
      all_syncs += totals.syncs[s];
      g_hash_table_unref (totals.pages[s]);
    }
  print_totals ("store path, all steps", before, n);
  g_print ("  (WAL %.1f KiB + checkpoints %.1f KiB, %.3f syncs per message)\n",
           all_wal / 1024.0 / n, all_db / 1024.0 / n, all_syncs / (double) n);

  /* A second text to contacts already waiting, from the same texter. */
  {
    guint n_follow = MIN (n, 500);
    g_autoptr(GHashTable) follow_pages = g_hash_table_new (NULL, NULL);
    guint64 wal = 0, commits = 0;

    sqlite3_commit_hook (db, commit_hook, NULL);
    for (guint i = 0; i < n_follow; i++)
      {
        g_autofree char *press = g_uuid_string_random ();
        Snapshot start;

        begin_step ();
        start = step_start;
        tb_store_message_queue_outbound (store, g_array_index (contacts, gint64, i), "And one more thing",
                                         texter_id, 0, press, &error);
        g_assert_no_error (error);
        wal += tb_io_count_get ()->bytes[TB_IO_WAL] - start.io.bytes[TB_IO_WAL];
        commits += step_commits;
        for (guint j = 0; j < tb_io_count_wal_pages ()->len; j++)
          {
            gpointer key = GUINT_TO_POINTER (g_array_index (tb_io_count_wal_pages (), guint32, j));

            g_hash_table_insert (follow_pages, key,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (follow_pages, key)) + 1));
          }
      }
    sqlite3_commit_hook (db, NULL, NULL);
    g_hash_table_unref (owners);
    owners = page_owners (path);
    g_print ("follow-up press (contact waiting, same texter), %u of them: %.2f commits  WAL %.1f KiB (%.2f pages)\n",
             n_follow, commits / (double) n_follow, wal / 1024.0 / n_follow,
             wal / (double) (PAGE_SIZE + FRAME_HEADER) / n_follow);
    print_step_owners (follow_pages, owners, n_follow);
  }
}

/* ---- 2b. What a claim durable across power loss would cost ------------ */

/* With synchronous = NORMAL (the store's) a WAL commit survives the
 * program's crash but not a power cut or an OS crash: the claim (and the
 * presses before it) could roll back after one, and the row be sent again.
 * synchronous = FULL syncs the WAL at the commit. Prints what each costs. */
static void
run_claim_durability (const char *dir,
                      guint       n)
{
  g_autofree char *path = g_build_filename (dir, "claim.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = tb_store_open (path, &error);
  g_autoptr(GArray) contacts = NULL;
  gint64 campaign_id, texter_id;
  sqlite3 *db;

  g_assert_no_error (error);
  n = MIN (n, 500);
  campaign_id = make_campaign (store, dir, "Claims", 2 * n, 4000000);
  contacts = campaign_contacts (store, campaign_id);
  texter_id = tb_store_texter_add (store, "Bench", NULL, FALSE, &error);
  g_assert_no_error (error);
  db = tb_store_get_db (store);
  for (guint full = 0; full < 2; full++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      Snapshot before;
      guint64 syncs;

      before = snapshot ();
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *press = g_uuid_string_random ();
          gint64 message_id = tb_store_message_queue_outbound (store, g_array_index (contacts, gint64, full * n + i),
                                                               "Hi", texter_id, 0, press, &error);
          gint64 t0;

          g_assert_no_error (error);
          /* Only the claim's commit syncs (and with it the presses before). */
          t0 = g_get_monotonic_time ();
          if (full)
            exec_or_die (db, "PRAGMA synchronous = FULL;");
          bench_claim (store, message_id, &error);
          if (full)
            exec_or_die (db, "PRAGMA synchronous = NORMAL;");
          t0 = g_get_monotonic_time () - t0;
          g_assert_no_error (error);
          g_array_append_val (times, t0);
        }
      syncs = tb_io_count_get ()->syncs[TB_IO_WAL] + tb_io_count_get ()->syncs[TB_IO_DB]
              - before.io.syncs[TB_IO_WAL] - before.io.syncs[TB_IO_DB];
      g_array_sort (times, test_compare_gint64);
      g_print ("claim, synchronous %-6s   %.3f syncs per press+claim, claim median %.3f ms, p90 %.3f ms\n",
               full ? "FULL" : "NORMAL", syncs / (double) n,
               g_array_index (times, gint64, n / 2) / 1000.0, g_array_index (times, gint64, n * 9 / 10) / 1000.0);
    }
}

/* ---- 3. The session: presses, the outbox, the inbox sync ---------------- */

static gint64
hand_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
run_session (const char *dir,
             guint       n,
             guint       n_contacts)
{
  g_autofree char *path = g_build_filename (dir, "session.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TbStore) store = (precreate (path), tb_store_open (path, &error));
  g_autoptr(TbSimulatorProvider) simulator = NULL;
  g_autoptr(TbSession) session = NULL;
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GPtrArray) delivered = NULL;
  TbSimulatorSettings settings;
  TbOutbox *outbox;
  TbInboxSync *sync;
  gint64 campaign_id;
  /* Monday 2 March 2026, 15:00 UTC. */
  gint64 now = G_GINT64_CONSTANT (1772463600) * G_USEC_PER_SEC;
  Snapshot before;

  g_assert_no_error (error);
  campaign_id = make_campaign (store, dir, "Bench", MAX (n_contacts, n), 3000000);
  contacts = campaign_contacts (store, campaign_id);

  tb_simulator_settings_init_default (&settings);
  settings.invalid_number_rate = 0;
  settings.landline_rate = 0;
  settings.reply_rate = 0;
  simulator = tb_simulator_provider_new_full (3, &settings);
  tb_simulator_provider_set_clock (simulator, hand_clock, &now, NULL);
  session = tb_session_new (store, TB_PROVIDER (simulator));
  tb_session_set_clock (session, hand_clock, &now);
  outbox = tb_session_get_outbox (session);
  sync = tb_session_get_inbox_sync (session);
  tb_outbox_set_rate_per_second (outbox, 0);
  tb_inbox_sync_set_interval (sync, 0);
  tb_session_start (session);
  tb_session_sign_in_by_name (session, "Bench", &error);
  g_assert_no_error (error);
  sqlite3_wal_checkpoint_v2 (tb_store_get_db (store), NULL, SQLITE_CHECKPOINT_TRUNCATE,
                             NULL, NULL);

  before = snapshot ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *press = g_uuid_string_random ();

      tb_outbox_submit (outbox, g_array_index (contacts, gint64, i),
                        "Hi, this is Bench from the campaign: can we count on you this Saturday? "
                        "Reply STOP to opt out", press, &error);
      g_assert_no_error (error);
      test_settle_outbox (outbox);
      now += 2 * G_USEC_PER_SEC;
      if (i % 10 == 9)
        test_poll_inbox (sync);
    }
  now += 60 * G_USEC_PER_SEC;
  test_poll_inbox (sync);
  test_poll_inbox (sync);
  print_totals ("session (press..delivered)", before, n);

  delivered = tb_store_message_list_by_state (store, TB_MESSAGE_STATE_ACCEPTED, 0, &error);
  g_assert_no_error (error);
  g_print ("  %u presses; still accepted at the end: %u\n", n, delivered->len);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  guint n_contacts = argc > 2 ? (guint) atoi (argv[2]) : 10000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  n = MAX (n, 10);
  tb_io_count_install ();
  tb_io_count_watch_wal_pages (TRUE);
  dir = g_dir_make_tmp ("textbank-bench-io-XXXXXX", &error);
  g_assert_no_error (error);
  if (g_getenv ("TB_BENCH_PAGE_SIZE") != NULL)
    PAGE_SIZE = atoi (g_getenv ("TB_BENCH_PAGE_SIZE"));
  else
    {
      /* The page size the store gives a new file. */
      g_autofree char *probe_path = g_build_filename (dir, "probe.db", NULL);
      g_autoptr(TbStore) probe = tb_store_open (probe_path, &error);
      sqlite3_stmt *stmt = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_prepare_v2 (tb_store_get_db (probe), "PRAGMA page_size", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      PAGE_SIZE = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  g_print ("bench-send-io: %u sends, %u contacts, files in %s (SQLite %s, page size %d)\n",
           n, n_contacts, dir, sqlite3_libversion (), PAGE_SIZE);

  run_reference (dir, n);
  run_store_path (dir, n, n_contacts);
  run_claim_durability (dir, n);
  run_session (dir, n, n_contacts);

  tb_io_count_watch_wal_pages (FALSE);
  test_remove_tree (dir);
  return 0;
}
