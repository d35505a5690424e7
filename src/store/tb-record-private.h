/* tb-record-private.h: the read-only records the store hands out
 * (TbCampaign, TbContact, TbMessage), described by a table of fields
 *
 * One table gives each record its properties, its get_property, the strings
 * finalize frees, and how _new_from_row reads a row: field i is column i of
 * the record's TB_*_SQL_COLUMNS and property i + 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>
#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  TB_FIELD_INT64,    /* gint64, 0 .. G_MAXINT64 */
  TB_FIELD_INT,      /* int or an enum, min .. max */
  TB_FIELD_BOOLEAN,  /* gboolean, from a 0/1 column */
  TB_FIELD_STRING,   /* char *, owned; fallback when the column is NULL */
} TbFieldType;

typedef struct {
  const char  *name;
  TbFieldType  type;
  gsize        offset;
  int          min;
  int          max;
  int          default_value;
  const char  *fallback;
} TbRecordField;

#define TB_RECORD_INT64(Type, member, name) \
  { name, TB_FIELD_INT64, G_STRUCT_OFFSET (Type, member), 0, 0, 0, NULL }
#define TB_RECORD_INT(Type, member, name, min, max, default_value) \
  { name, TB_FIELD_INT, G_STRUCT_OFFSET (Type, member), min, max, default_value, NULL }
#define TB_RECORD_BOOLEAN(Type, member, name) \
  { name, TB_FIELD_BOOLEAN, G_STRUCT_OFFSET (Type, member), 0, 0, 0, NULL }
#define TB_RECORD_STRING(Type, member, name, fallback) \
  { name, TB_FIELD_STRING, G_STRUCT_OFFSET (Type, member), 0, 0, 0, fallback }

/* Installs one read-only property a field. */
void  tb_record_install_properties (GObjectClass        *object_class,
                                    const TbRecordField *fields,
                                    guint                n_fields);
void  tb_record_get_property       (GObject             *object,
                                    const TbRecordField *fields,
                                    guint                n_fields,
                                    guint                prop_id,
                                    GValue              *value,
                                    GParamSpec          *pspec);
void  tb_record_read_row           (gpointer             record,
                                    const TbRecordField *fields,
                                    guint                n_fields,
                                    sqlite3_stmt        *stmt);
void  tb_record_free_strings       (gpointer             record,
                                    const TbRecordField *fields,
                                    guint                n_fields);

G_END_DECLS
