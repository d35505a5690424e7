/* replay-main.c: runs a fuzz target over files, without libFuzzer
 *
 *   fuzz-replay-NAME FILE_OR_DIRECTORY...
 *
 * A crash or sanitizer report fails the run, so the seed corpus and every
 * crash the fuzzer once found are regression tests in any build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  /* A copy of exactly len bytes, so ASan sees any read past the end. */
  {
    g_autofree uint8_t *copy = g_memdup2 (contents, len);
    LLVMFuzzerTestOneInput (copy, len);
  }
  return 1;
}

static guint
replay_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return replay_file (path);

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    g_error ("cannot open %s", path);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      n += replay_path (child);
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE_OR_DIRECTORY...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    n += replay_path (argv[i]);
  if (n == 0)
    g_error ("no inputs found");
  g_print ("replayed %u inputs\n", n);
  return 0;
}
