/* tb-enum-names.c: enums to and from their stable names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-enum-names"

#include "config.h"

#include "tb-enum-names.h"

const char *
tb_enum_to_name (const char * const *names,
                 guint               n_names,
                 int                 value,
                 const char         *fallback)
{
  if (value >= 0 && (guint) value < n_names && names[value] != NULL)
    return names[value];
  return fallback;
}

gboolean
tb_enum_from_name (const char * const *names,
                   guint               n_names,
                   const char         *name,
                   int                *value_out)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    {
      if (names[i] != NULL && g_str_equal (names[i], name))
        {
          if (value_out != NULL)
            *value_out = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}
