/* bench-csv.c: throughput of TbCsvReader and tb_phone_normalize()
 *
 *   bench-csv [MEGABYTES | FILE]
 *
 * Prints figures; never fails for being slow. The CSV reader is compared
 * with a reference measured in the same process: reading the same bytes
 * and counting line ends with memchr(), the least any reader must do.
 * Without FILE, it builds MEGABYTES (default 100) of simple records in
 * memory; a small number makes a quick smoke run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "tb-csv.h"
#include "tb-phone.h"
#include "tb-phone-private.h"

static GBytes *
make_simple_csv (gsize target)
{
  GString *csv = g_string_sized_new (target + 256);

  g_string_append (csv, "VanID,FirstName,LastName,CellPhone,Zip5,Precinct,Notes\n");
  for (guint i = 0; csv->len < target; i++)
    g_string_append_printf (csv, "%u,Maria,Hernandez,512463%04u,787%02u,TX-%03u,%s\n",
                            100000 + i, i % 10000, i % 100, i % 300,
                            i % 10 == 0 ? "\"Said \"\"call after 5\"\", Apt 4\"" : "");
  return g_string_free_to_bytes (csv);
}

static double
reference_pass (GBytes *bytes,
                guint64 *lines)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autofree char *buffer = g_malloc (64 * 1024);
  gint64 start = g_get_monotonic_time ();
  gssize n;

  *lines = 0;
  while ((n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, NULL)) > 0)
    {
      const char *p = buffer;
      const char *end = buffer + n;

      while ((p = memchr (p, '\n', (gsize) (end - p))) != NULL)
        {
          (*lines)++;
          p++;
        }
    }
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static double
reader_pass (GBytes  *bytes,
             guint64 *records)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(TbCsvReader) reader = tb_csv_reader_new (stream);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gsize sink = 0;

  *records = 0;
  if (!tb_csv_reader_read_header (reader, NULL, &error))
    g_error ("%s", error->message);
  while (tb_csv_reader_next (reader, NULL, &error) || (error != NULL && tb_csv_error_is_recoverable (error)))
    {
      g_clear_error (&error);
      sink += strlen (tb_csv_reader_get_field (reader, 3));
      (*records)++;
    }
  if (error != NULL)
    g_error ("%s", error->message);
  g_assert (sink > 0 || *records == 0);
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

typedef char *(*NormalizeFunc) (const char *, const char *, TbPhoneFlags, TbPhoneWarnings *, GError **);

static double
phone_pass (NormalizeFunc normalize,
            guint         n)
{
  gint64 start = g_get_monotonic_time ();
  guint valid = 0;

  for (guint i = 0; i < n; i++)
    {
      char input[32];
      char *e164;

      g_snprintf (input, sizeof input, "(512) 463-%04u", i % 10000);
      e164 = normalize (input, "US", 0, NULL, NULL);
      valid += e164 != NULL;
      g_free (e164);
    }
  g_assert (valid == n);
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  double mb, reference, reader;
  guint64 lines, records;
  guint n_phones = 100000;
  guint64 megabytes = 100;
  double fast, full;

  if (argc > 1 && g_ascii_string_to_unsigned (argv[1], 10, 1, 100000, &megabytes, NULL))
    {
      bytes = make_simple_csv (megabytes * 1024 * 1024);
      n_phones = MIN (n_phones, (guint) megabytes * 1000);
    }
  else if (argc > 1)
    {
      g_autoptr(GError) error = NULL;
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (argv[1], &contents, &len, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new_take (contents, len);
    }
  else
    bytes = make_simple_csv (megabytes * 1024 * 1024);
  mb = (double) g_bytes_get_size (bytes) / (1024 * 1024);

  reference = reference_pass (bytes, &lines);
  reader = reader_pass (bytes, &records);
  g_print ("csv: %.1f MB, %" G_GUINT64_FORMAT " records\n", mb, records);
  g_print ("csv: reference (read + memchr lines): %.3f s, %.0f MB/s\n", reference, mb / reference);
  g_print ("csv: TbCsvReader: %.3f s, %.0f MB/s, %.2f M records/s; %.1fx the reference time\n",
           reader, mb / reader, records / reader / 1e6, reader / reference);

  fast = phone_pass (tb_phone_normalize, n_phones);
  full = phone_pass (tb_phone_normalize_without_fast_path, n_phones);
  g_print ("phone: tb_phone_normalize: %.2f us/number; libphonenumber Parse path: %.2f us/number; %.1fx faster\n",
           fast / n_phones * 1e6, full / n_phones * 1e6, full / fast);
  return 0;
}
