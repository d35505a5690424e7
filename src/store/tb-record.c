/* tb-record.c: the read-only records the store hands out, by their tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-record-private.h"
#include "tb-store-private.h"

/* TB_FIELD_INT reads and writes enums as int. */
G_STATIC_ASSERT (sizeof (TbCampaignState) == sizeof (int));
G_STATIC_ASSERT (sizeof (TbContactStatus) == sizeof (int));
G_STATIC_ASSERT (sizeof (TbMessageDirection) == sizeof (int));
G_STATIC_ASSERT (sizeof (TbMessageState) == sizeof (int));

#define FIELD(record, field, ctype) ((ctype *) ((guint8 *) (record) + (field)->offset))

void
tb_record_install_properties (GObjectClass        *object_class,
                              const TbRecordField *fields,
                              guint                n_fields)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  for (guint i = 0; i < n_fields; i++)
    {
      const TbRecordField *field = &fields[i];
      GParamSpec *pspec = NULL;

      switch (field->type)
        {
        case TB_FIELD_INT64:
          pspec = g_param_spec_int64 (field->name, NULL, NULL, 0, G_MAXINT64, 0, flags);
          break;
        case TB_FIELD_INT:
          pspec = g_param_spec_int (field->name, NULL, NULL, field->min, field->max,
                                    field->default_value, flags);
          break;
        case TB_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
          break;
        case TB_FIELD_STRING:
          pspec = g_param_spec_string (field->name, NULL, NULL, NULL, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

void
tb_record_get_property (GObject             *object,
                        const TbRecordField *fields,
                        guint                n_fields,
                        guint                prop_id,
                        GValue              *value,
                        GParamSpec          *pspec)
{
  const TbRecordField *field;

  if (prop_id == 0 || prop_id > n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  field = &fields[prop_id - 1];
  switch (field->type)
    {
    case TB_FIELD_INT64:
      g_value_set_int64 (value, *FIELD (object, field, gint64));
      break;
    case TB_FIELD_INT:
      g_value_set_int (value, *FIELD (object, field, int));
      break;
    case TB_FIELD_BOOLEAN:
      g_value_set_boolean (value, *FIELD (object, field, gboolean));
      break;
    case TB_FIELD_STRING:
      g_value_set_string (value, *FIELD (object, field, char *));
      break;
    default:
      g_assert_not_reached ();
    }
}

void
tb_record_read_row (gpointer             record,
                    const TbRecordField *fields,
                    guint                n_fields,
                    sqlite3_stmt        *stmt)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const TbRecordField *field = &fields[i];
      int column = (int) i;

      switch (field->type)
        {
        case TB_FIELD_INT64:
          *FIELD (record, field, gint64) = sqlite3_column_int64 (stmt, column);
          break;
        case TB_FIELD_INT:
          *FIELD (record, field, int) = sqlite3_column_int (stmt, column);
          break;
        case TB_FIELD_BOOLEAN:
          *FIELD (record, field, gboolean) = sqlite3_column_int (stmt, column) != 0;
          break;
        case TB_FIELD_STRING:
          *FIELD (record, field, char *) = tb_column_dup (stmt, column, field->fallback);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
tb_record_free_strings (gpointer             record,
                        const TbRecordField *fields,
                        guint                n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == TB_FIELD_STRING)
      g_clear_pointer (FIELD (record, &fields[i], char *), g_free);
}
