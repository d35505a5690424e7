/* tb-contact-columns.h: which CSV column holds which contact field
 *
 * Guesses from the header through aliases, ignoring case, spaces, dashes and
 * underscores ("Cell Phone", "cell_phone" and "CELLPHONE" are the same).
 * Every other column becomes a custom field under its header name. The
 * import dialog can change the mapping column by column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Never renumber: saved mappings store these. */
typedef enum {
  TB_CONTACT_FIELD_IGNORED = 0,    /* not imported */
  TB_CONTACT_FIELD_CUSTOM = 1,     /* a custom field under the column's name */
  TB_CONTACT_FIELD_FIRST_NAME = 2,
  TB_CONTACT_FIELD_LAST_NAME = 3,
  TB_CONTACT_FIELD_PHONE = 4,
  TB_CONTACT_FIELD_ZIP = 5,
} TbContactField;

#define TB_CONTACT_COLUMNS_ERROR (tb_contact_columns_error_quark ())

typedef enum {
  TB_CONTACT_COLUMNS_ERROR_NO_PHONE = 0,  /* no column is mapped to the phone */
} TbContactColumnsError;

#define TB_TYPE_CONTACT_COLUMNS (tb_contact_columns_get_type ())
G_DECLARE_FINAL_TYPE (TbContactColumns, tb_contact_columns, TB, CONTACT_COLUMNS, GObject)

GQuark            tb_contact_columns_error_quark (void);

/* "ignored", "custom", "first_name", "last_name", "phone", "zip". */
const char       *tb_contact_field_to_string     (TbContactField    field);
/* The reverse; FALSE for an unknown name. */
gboolean          tb_contact_field_from_string   (const char       *name,
                                                  TbContactField   *field_out);
/* The standard field a header name is an alias of, or
 * TB_CONTACT_FIELD_CUSTOM. */
TbContactField    tb_contact_field_for_header    (const char       *header);

/* Guesses a mapping for a header row. When several columns alias the same
 * field, the better alias wins (a cell phone over a plain "phone"), then the
 * leftmost; the others become custom fields. Empty header cells are
 * ignored. Always succeeds: check with tb_contact_columns_check(). */
TbContactColumns *tb_contact_columns_new         (const char * const *header,
                                                  guint             n_columns);

/* Fails with TB_CONTACT_COLUMNS_ERROR_NO_PHONE, naming the columns found,
 * when no column is the phone. */
gboolean          tb_contact_columns_check       (TbContactColumns *self,
                                                  GError          **error);

guint             tb_contact_columns_get_n_columns (TbContactColumns *self);
/* The header cell of a column as found in the file. */
const char       *tb_contact_columns_get_header  (TbContactColumns *self,
                                                  guint             column);
TbContactField    tb_contact_columns_get_field   (TbContactColumns *self,
                                                  guint             column);
/* The name a custom column is stored under: its trimmed header, made unique
 * ("Notes", "Notes 2") and never empty ("Column 7"). */
const char       *tb_contact_columns_get_custom_name (TbContactColumns *self,
                                                      guint             column);

/* Maps a column. A standard field belongs to one column at most: the column
 * that had it before becomes a custom field. Emits "changed". */
void              tb_contact_columns_set_field   (TbContactColumns *self,
                                                  guint             column,
                                                  TbContactField    field);

/* The column mapped to a standard field, or -1. */
int               tb_contact_columns_find        (TbContactColumns *self,
                                                  TbContactField    field);

/* A standard field's value in a record (as from tb_csv_reader_get_fields()
 * with n_fields entries): "" when unmapped or past the end. */
const char       *tb_contact_columns_get_value   (TbContactColumns   *self,
                                                  const char * const *fields,
                                                  guint               n_fields,
                                                  TbContactField      field);

G_END_DECLS
