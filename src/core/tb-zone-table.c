/* tb-zone-table.c: where a US ZIP code or a phone number prefix is, as time zones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-zone-table"

#include "tb-zone-table.h"
#include "tb-zone-table-private.h"

#include <gio/gio.h>
#include <string.h>

#include "tb-core-resources.h"

/* See build-aux/tb-zone-table-compile.py for the format. */
#define ZONE_TABLE_PATH    "/io/github/textbank/Textbank/core/zone-table.bin"
#define ZONE_TABLE_MAGIC   "TBZT"
#define ZONE_TABLE_VERSION 1
#define ZONE_TABLE_HEADER  24
#define N_ZIPS             100000
#define MAX_PREFIX_DIGITS  15

typedef struct {
  GBytes        *bytes;          /* kept for ever: the strings point into it */
  const char   **strings;        /* n_strings zone lists */
  guint          n_strings;
  guint          n_zip_strings;
  guint          n_zips;
  const guint8  *zip_index;      /* N_ZIPS bytes: 1 + string index, 0 none */
  guint64       *prefix_keys;    /* digits << 4 | length, sorted */
  guint16       *prefix_strings;
  guint          n_prefixes;
  guint32        prefix_lengths; /* bit n set: some prefix has n digits */
} ZoneTable;

static guint32
read_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static guint64
read_u64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

static guint16
read_u16 (const guint8 *p)
{
  guint16 v;

  memcpy (&v, p, sizeof v);
  return GUINT16_FROM_LE (v);
}

/* The table is built with the library, so a bad one is a build bug; still,
 * check every size so a bad one can never be read out of bounds. */
static gboolean
zone_table_parse (ZoneTable *table,
                  GBytes    *bytes,
                  GError   **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const guint8 *p;
  const char *blob;
  guint32 strings_size;
  guint64 needed;

  if (size < ZONE_TABLE_HEADER || memcmp (data, ZONE_TABLE_MAGIC, 4) != 0 ||
      read_u32 (data + 4) != ZONE_TABLE_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: not a version %d zone table", ZONE_TABLE_PATH,
                   ZONE_TABLE_VERSION);
      return FALSE;
    }

  table->n_strings = read_u32 (data + 8);
  strings_size = read_u32 (data + 12);
  table->n_zip_strings = read_u32 (data + 16);
  table->n_prefixes = read_u32 (data + 20);

  needed = (guint64) ZONE_TABLE_HEADER + 4 * (guint64) table->n_strings +
           strings_size + N_ZIPS + 10 * (guint64) table->n_prefixes;
  if (needed != size || table->n_zip_strings > table->n_strings ||
      table->n_zip_strings > 255 || table->n_strings > G_MAXUINT16 ||
      strings_size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: sizes do not add up (%" G_GSIZE_FORMAT " bytes, "
                   "expected %" G_GUINT64_FORMAT ")",
                   ZONE_TABLE_PATH, size, needed);
      return FALSE;
    }

  p = data + ZONE_TABLE_HEADER;
  blob = (const char *) (p + 4 * (gsize) table->n_strings);
  if (blob[strings_size - 1] != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: the string table is not terminated", ZONE_TABLE_PATH);
      return FALSE;
    }

  table->strings = g_new (const char *, table->n_strings);
  for (guint i = 0; i < table->n_strings; i++)
    {
      guint32 offset = read_u32 (p + 4 * (gsize) i);

      if (offset >= strings_size)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: string %u starts past the table", ZONE_TABLE_PATH, i);
          return FALSE;
        }
      table->strings[i] = blob + offset;
    }

  p = (const guint8 *) blob + strings_size;
  table->zip_index = p;
  for (guint i = 0; i < N_ZIPS; i++)
    {
      if (p[i] > table->n_zip_strings)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: ZIP %05u points past the zone lists",
                       ZONE_TABLE_PATH, i);
          return FALSE;
        }
      if (p[i] != 0)
        table->n_zips++;
    }

  /* Copied: the resource gives no alignment guarantee for 8-byte reads. */
  p += N_ZIPS;
  table->prefix_keys = g_new (guint64, MAX (table->n_prefixes, 1));
  table->prefix_strings = g_new (guint16, MAX (table->n_prefixes, 1));
  for (guint i = 0; i < table->n_prefixes; i++)
    {
      guint64 key = read_u64 (p + 8 * (gsize) i);
      guint16 string = read_u16 (p + 8 * (gsize) table->n_prefixes + 2 * (gsize) i);
      guint length = key & 0xF;

      if (length == 0 || length > MAX_PREFIX_DIGITS || string >= table->n_strings ||
          (i > 0 && key <= table->prefix_keys[i - 1]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: phone prefix %u is malformed or out of order",
                       ZONE_TABLE_PATH, i);
          return FALSE;
        }
      table->prefix_keys[i] = key;
      table->prefix_strings[i] = string;
      table->prefix_lengths |= 1u << length;
    }

  table->bytes = g_bytes_ref (bytes);
  return TRUE;
}

static void
zone_table_clear (ZoneTable *table)
{
  g_clear_pointer (&table->bytes, g_bytes_unref);
  g_clear_pointer (&table->strings, g_free);
  g_clear_pointer (&table->prefix_keys, g_free);
  g_clear_pointer (&table->prefix_strings, g_free);
  memset (table, 0, sizeof *table);
}

static gpointer
zone_table_load (gpointer data)
{
  ZoneTable *table = g_new0 (ZoneTable, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Registration is idempotent per process and only adds our prefix. */
  tb_core_register_resource ();
  bytes = g_resource_lookup_data (tb_core_get_resource (), ZONE_TABLE_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL || !zone_table_parse (table, bytes, &error))
    {
      /* Lookups then say "unknown", which the texting hours treat as the
       * whole continental US: still safe, only stricter. */
      g_critical ("Cannot load the time zone table: %s", error->message);
      zone_table_clear (table);
    }

  return table;
}

static const ZoneTable *
zone_table_get (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, zone_table_load, NULL);
  return once.retval;
}

/* The ZIP as a number 0..99999, or -1. */
static int
parse_zip (const char *zip)
{
  const char *p = zip;
  int value = 0;
  int digits = 0;
  int plus4 = 0;

  while (g_ascii_isspace (*p))
    p++;
  for (; g_ascii_isdigit (*p); p++, digits++)
    {
      if (digits < 5)
        value = value * 10 + (*p - '0');
    }
  if (*p == '-')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        plus4++;
      if (plus4 != 4 || digits > 5)
        return -1;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return -1;

  /* 3 or 4 digits: leading zeros lost in a spreadsheet. 9: ZIP+4 unhyphenated. */
  if (digits == 3 || digits == 4 || digits == 5 || (digits == 9 && plus4 == 0))
    return value;
  return -1;
}

const char *
tb_zone_table_lookup_zip (const char *zip)
{
  const ZoneTable *table;
  int value;
  guint8 entry;

  if (zip == NULL)
    return NULL;
  value = parse_zip (zip);
  if (value < 0)
    return NULL;

  table = zone_table_get ();
  if (table->zip_index == NULL)
    return NULL;
  entry = table->zip_index[value];
  return entry != 0 ? table->strings[entry - 1] : NULL;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 ka = *(const guint64 *) a;
  guint64 kb = *(const guint64 *) b;

  return ka < kb ? -1 : ka > kb;
}

const char *
tb_zone_table_lookup_phone (const char *e164)
{
  const ZoneTable *table;
  guint64 values[MAX_PREFIX_DIGITS + 1];
  guint n = 0;

  if (e164 == NULL)
    return NULL;
  if (*e164 == '+')
    e164++;
  for (const char *p = e164; *p; p++)
    {
      if (!g_ascii_isdigit (*p) || n == MAX_PREFIX_DIGITS)
        return NULL;
      values[n + 1] = (n > 0 ? values[n] : 0) * 10 + (guint64) (*p - '0');
      n++;
    }
  if (n == 0)
    return NULL;

  table = zone_table_get ();
  for (guint length = n; length >= 1; length--)
    {
      guint64 key;
      const guint64 *found;

      if ((table->prefix_lengths & (1u << length)) == 0)
        continue;
      /* The bare NANP country code lists zones from Guam to Newfoundland. */
      if (length == 1 && values[1] == 1)
        return NULL;
      key = values[length] << 4 | length;
      found = bsearch (&key, table->prefix_keys, table->n_prefixes,
                       sizeof *table->prefix_keys, compare_keys);
      if (found != NULL)
        return table->strings[table->prefix_strings[found - table->prefix_keys]];
    }

  return NULL;
}

guint
tb_zone_table_n_zips (void)
{
  return zone_table_get ()->n_zips;
}

guint
tb_zone_table_n_prefixes (void)
{
  return zone_table_get ()->n_prefixes;
}

GBytes *
tb_zone_table_get_bytes (void)
{
  const ZoneTable *table = zone_table_get ();

  return table->bytes != NULL ? g_bytes_ref (table->bytes) : NULL;
}

gboolean
tb_zone_table_validate (GBytes  *bytes,
                        GError **error)
{
  ZoneTable table = { NULL };
  gboolean ok = zone_table_parse (&table, bytes, error);

  zone_table_clear (&table);
  return ok;
}
