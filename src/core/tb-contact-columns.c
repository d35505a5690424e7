/* tb-contact-columns.c: which CSV column holds which contact field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-contact-columns"

#include "config.h"

#include "tb-contact-columns.h"
#include "tb-enum-names.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* How many header names the "no phone column" message lists. */
#define MAX_LISTED_COLUMNS 20

enum {
  CHANGED,
  N_SIGNALS
};

struct _TbContactColumns
{
  GObject         parent_instance;

  guint           n_columns;
  char          **headers;
  char          **custom_names;
  TbContactField *fields;
};

G_DEFINE_FINAL_TYPE (TbContactColumns, tb_contact_columns, G_TYPE_OBJECT)

G_DEFINE_QUARK (tb-contact-columns-error-quark, tb_contact_columns_error)

static guint signals[N_SIGNALS];

typedef struct {
  const char     *alias;  /* normalised: lower case, no spaces, dashes or underscores */
  TbContactField  field;
} Alias;

/* Best first: when two columns alias the same field, the earlier alias wins,
 * so a cell phone column beats a plain "phone" (often a landline). */
static const Alias aliases[] = {
  { "firstname", TB_CONTACT_FIELD_FIRST_NAME },
  { "fname", TB_CONTACT_FIELD_FIRST_NAME },
  { "first", TB_CONTACT_FIELD_FIRST_NAME },
  { "lastname", TB_CONTACT_FIELD_LAST_NAME },
  { "lname", TB_CONTACT_FIELD_LAST_NAME },
  { "last", TB_CONTACT_FIELD_LAST_NAME },
  { "cellphone", TB_CONTACT_FIELD_PHONE },
  { "cell", TB_CONTACT_FIELD_PHONE },
  { "mobilenumber", TB_CONTACT_FIELD_PHONE },
  { "mobile", TB_CONTACT_FIELD_PHONE },
  { "phonenumber", TB_CONTACT_FIELD_PHONE },
  { "phone", TB_CONTACT_FIELD_PHONE },
  { "zip5", TB_CONTACT_FIELD_ZIP },
  { "zip", TB_CONTACT_FIELD_ZIP },
  { "zipcode", TB_CONTACT_FIELD_ZIP },
  { "postalcode", TB_CONTACT_FIELD_ZIP },
};

static const char * const field_names[] = {
  [TB_CONTACT_FIELD_IGNORED] = "ignored",
  [TB_CONTACT_FIELD_CUSTOM] = "custom",
  [TB_CONTACT_FIELD_FIRST_NAME] = "first_name",
  [TB_CONTACT_FIELD_LAST_NAME] = "last_name",
  [TB_CONTACT_FIELD_PHONE] = "phone",
  [TB_CONTACT_FIELD_ZIP] = "zip",
};

static gboolean
is_standard (TbContactField field)
{
  return field >= TB_CONTACT_FIELD_FIRST_NAME && field <= TB_CONTACT_FIELD_ZIP;
}

/* Lower case without spaces, dashes, dots or underscores: "Cell_Phone" and
 * "cell phone" are both "cellphone". */
static char *
normalize_header (const char *header)
{
  GString *out = g_string_new (NULL);

  for (const char *p = header; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '_' || *p == '-' || *p == '.')
        continue;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/* The rank of a header's alias (lower is better), or -1. */
static int
alias_rank (const char *header)
{
  g_autofree char *normalized = normalize_header (header);

  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (normalized, aliases[i].alias))
      return (int) i;
  return -1;
}

static void
name_custom_columns (TbContactColumns *self)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *base = g_strstrip (g_strdup (self->headers[i]));
      char *name;

      if (base[0] == '\0')
        {
          g_free (base);
          base = g_strdup_printf (_("Column %u"), i + 1);
        }
      name = g_strdup (base);
      for (guint n = 2; g_hash_table_contains (taken, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s %u", base, n);
        }
      self->custom_names[i] = name;
      g_hash_table_add (taken, name);
    }
}

static void
tb_contact_columns_finalize (GObject *object)
{
  TbContactColumns *self = TB_CONTACT_COLUMNS (object);

  g_strfreev (self->headers);
  g_strfreev (self->custom_names);
  g_free (self->fields);

  G_OBJECT_CLASS (tb_contact_columns_parent_class)->finalize (object);
}

static void
tb_contact_columns_class_init (TbContactColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tb_contact_columns_finalize;

  /* The mapping of some column changed. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tb_contact_columns_init (TbContactColumns *self)
{
}

TbContactColumns *
tb_contact_columns_new (const char * const *header,
                        guint               n_columns)
{
  TbContactColumns *self;
  int best_rank[TB_CONTACT_FIELD_ZIP + 1];
  int best_column[TB_CONTACT_FIELD_ZIP + 1];

  g_return_val_if_fail (header != NULL || n_columns == 0, NULL);

  self = g_object_new (TB_TYPE_CONTACT_COLUMNS, NULL);
  self->n_columns = n_columns;
  self->headers = g_new0 (char *, n_columns + 1);
  self->custom_names = g_new0 (char *, n_columns + 1);
  self->fields = g_new0 (TbContactField, n_columns);

  for (guint f = 0; f < G_N_ELEMENTS (best_rank); f++)
    best_rank[f] = best_column[f] = -1;

  for (guint i = 0; i < n_columns; i++)
    {
      const char *cell = header[i] != NULL ? header[i] : "";
      g_autofree char *trimmed = g_strstrip (g_strdup (cell));
      int rank;

      self->headers[i] = g_strdup (cell);
      if (trimmed[0] == '\0')
        {
          self->fields[i] = TB_CONTACT_FIELD_IGNORED;
          continue;
        }

      self->fields[i] = TB_CONTACT_FIELD_CUSTOM;
      rank = alias_rank (cell);
      if (rank >= 0)
        {
          TbContactField field = aliases[rank].field;

          if (best_rank[field] < 0 || rank < best_rank[field])
            {
              best_rank[field] = rank;
              best_column[field] = (int) i;
            }
        }
    }

  for (guint f = TB_CONTACT_FIELD_FIRST_NAME; f <= TB_CONTACT_FIELD_ZIP; f++)
    if (best_column[f] >= 0)
      self->fields[best_column[f]] = (TbContactField) f;

  name_custom_columns (self);
  return self;
}

const char *
tb_contact_field_to_string (TbContactField field)
{
  return tb_enum_to_name (field_names, G_N_ELEMENTS (field_names), (int) field, "unknown");
}

gboolean
tb_contact_field_from_string (const char     *name,
                              TbContactField *field_out)
{
  G_STATIC_ASSERT (sizeof (TbContactField) == sizeof (int));

  g_return_val_if_fail (name != NULL, FALSE);

  return tb_enum_from_name (field_names, G_N_ELEMENTS (field_names), name, (int *) field_out);
}

TbContactField
tb_contact_field_for_header (const char *header)
{
  int rank;

  g_return_val_if_fail (header != NULL, TB_CONTACT_FIELD_CUSTOM);

  rank = alias_rank (header);
  return rank >= 0 ? aliases[rank].field : TB_CONTACT_FIELD_CUSTOM;
}

gboolean
tb_contact_columns_check (TbContactColumns *self,
                          GError          **error)
{
  g_autoptr(GString) found = NULL;

  g_return_val_if_fail (TB_IS_CONTACT_COLUMNS (self), FALSE);

  if (tb_contact_columns_find (self, TB_CONTACT_FIELD_PHONE) >= 0)
    return TRUE;

  found = g_string_new (NULL);
  for (guint i = 0; i < self->n_columns && i < MAX_LISTED_COLUMNS; i++)
    {
      g_autofree char *shown = g_utf8_make_valid (self->headers[i], -1);

      if (i > 0)
        g_string_append (found, ", ");
      g_string_append_printf (found, "“%s”", shown);
    }
  if (self->n_columns > MAX_LISTED_COLUMNS)
    g_string_append_printf (found, _(" and %u more"), self->n_columns - MAX_LISTED_COLUMNS);
  if (self->n_columns == 0)
    g_string_append (found, _("none"));

  g_set_error (error, TB_CONTACT_COLUMNS_ERROR, TB_CONTACT_COLUMNS_ERROR_NO_PHONE,
               _("No column holds the phone number (name one “Cell Phone” or “Phone”, or choose it). "
                 "Columns found: %s"),
               found->str);
  return FALSE;
}

guint
tb_contact_columns_get_n_columns (TbContactColumns *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_COLUMNS (self), 0);

  return self->n_columns;
}

const char *
tb_contact_columns_get_header (TbContactColumns *self,
                               guint             column)
{
  g_return_val_if_fail (TB_IS_CONTACT_COLUMNS (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->headers[column];
}

TbContactField
tb_contact_columns_get_field (TbContactColumns *self,
                              guint             column)
{
  g_return_val_if_fail (TB_IS_CONTACT_COLUMNS (self), TB_CONTACT_FIELD_IGNORED);
  g_return_val_if_fail (column < self->n_columns, TB_CONTACT_FIELD_IGNORED);

  return self->fields[column];
}

const char *
tb_contact_columns_get_custom_name (TbContactColumns *self,
                                    guint             column)
{
  g_return_val_if_fail (TB_IS_CONTACT_COLUMNS (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->custom_names[column];
}

void
tb_contact_columns_set_field (TbContactColumns *self,
                              guint             column,
                              TbContactField    field)
{
  g_return_if_fail (TB_IS_CONTACT_COLUMNS (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail ((guint) field < G_N_ELEMENTS (field_names));

  if (self->fields[column] == field)
    return;

  if (is_standard (field))
    for (guint i = 0; i < self->n_columns; i++)
      if (self->fields[i] == field)
        self->fields[i] = TB_CONTACT_FIELD_CUSTOM;

  self->fields[column] = field;
  g_signal_emit (self, signals[CHANGED], 0);
}

int
tb_contact_columns_find (TbContactColumns *self,
                         TbContactField    field)
{
  g_return_val_if_fail (TB_IS_CONTACT_COLUMNS (self), -1);

  if (!is_standard (field))
    return -1;
  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == field)
      return (int) i;
  return -1;
}

const char *
tb_contact_columns_get_value (TbContactColumns   *self,
                              const char * const *fields,
                              guint               n_fields,
                              TbContactField      field)
{
  int column;

  g_return_val_if_fail (TB_IS_CONTACT_COLUMNS (self), "");
  g_return_val_if_fail (fields != NULL || n_fields == 0, "");

  column = tb_contact_columns_find (self, field);
  if (column < 0 || (guint) column >= n_fields || fields[column] == NULL)
    return "";
  return fields[column];
}
