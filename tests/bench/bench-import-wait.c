/* bench-import-wait.c: how long a write waits behind a running import
 *
 *   bench-import-wait CSV [INTERVAL_MS]
 *
 * Imports CSV (gen-contacts-csv.py makes one) into a campaign of a fresh
 * database on the store's worker thread while the main loop writes a
 * contact into another campaign every INTERVAL_MS (default 20), the way a
 * Send press writes its message, and times each write. The reference is
 * the same write with no import running, timed the same way in the same
 * process. Prints the median, 99th percentile and worst wait; never fails
 * for being slow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tb-store-import.h"
#include "tb-store-private.h"

typedef struct {
  TbStore        *store;
  GMainLoop      *loop;
  GArray         *waits;    /* double, ms */
  guint           n_writes;
  TbImportReport *report;
  GError         *error;
} Bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
timed_write (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = g_strdup_printf ("+1303%07u", 2000000 + bench->n_writes++);
  gint64 start = g_get_monotonic_time ();

  tb_store_contact_add (bench->store, 2, phone, "Send", "Press", NULL, NULL, NULL, &error);
  if (error != NULL)
    g_error ("a write failed: %s", error->message);
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
on_tick (gpointer data)
{
  Bench *bench = data;
  double wait = timed_write (bench);

  g_array_append_val (bench->waits, wait);
  return G_SOURCE_CONTINUE;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Bench *bench = data;

  bench->report = tb_store_import_finish (TB_STORE (source), result, &bench->error);
  g_main_loop_quit (bench->loop);
}

static void
print_waits (const char *name,
             GArray     *waits)
{
  g_array_sort (waits, compare_doubles);
  printf ("%-28s %5u writes: median %7.2f ms  p99 %7.2f ms  worst %7.2f ms\n", name, waits->len,
          g_array_index (waits, double, waits->len / 2),
          g_array_index (waits, double, (waits->len * 99) / 100),
          g_array_index (waits, double, waits->len - 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (double));
  guint interval = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20;
  Bench bench = { NULL };
  gint64 start;
  guint tick;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CSV [INTERVAL_MS]\n", argv[0]);
      return 2;
    }
  csv = g_file_new_for_commandline_arg (argv[1]);
  dir = g_dir_make_tmp ("bench-import-wait-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "textbank.db", NULL);
  bench.store = tb_store_open (path, &error);
  g_assert_no_error (error);
  tb_store_campaign_create (bench.store, "Import", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  tb_store_campaign_create (bench.store, "Texting", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 200; i++)
    {
      double wait = timed_write (&bench);

      g_array_append_val (reference, wait);
    }

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.waits = g_array_new (FALSE, FALSE, sizeof (double));
  start = g_get_monotonic_time ();
  tb_store_import_async (bench.store, 1, csv, NULL, NULL, NULL, NULL, on_imported, &bench);
  tick = g_timeout_add (interval, on_tick, &bench);
  g_main_loop_run (bench.loop);
  g_source_remove (tick);
  if (bench.error != NULL)
    g_error ("the import failed: %s", bench.error->message);

  printf ("# import of %" G_GUINT64_FORMAT " records (%" G_GUINT64_FORMAT " imported) in %.2f s,"
          " a write every %u ms meanwhile\n",
          tb_import_report_get_records (bench.report), tb_import_report_get_imported (bench.report),
          (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC, interval);
  print_waits ("a write, no import (ref)", reference);
  if (bench.waits->len > 0)
    print_waits ("a write during the import", bench.waits);

  g_clear_object (&bench.report);
  g_array_unref (bench.waits);
  g_main_loop_unref (bench.loop);
  g_clear_object (&bench.store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
  return 0;
}
