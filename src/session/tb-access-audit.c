/* tb-access-audit.c: the audit trail and the end-of-shift summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-access"

#include "config.h"

#include "tb-access.h"
#include "tb-access-private.h"
#include "tb-store-export.h"


void
tb_access_audit (TbAccess   *self,
                 const char *action,
                 const char *subject,
                 const char *detail)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TB_IS_ACCESS (self));
  g_return_if_fail (action != NULL);

  if (tb_store_audit_add (self->store, self->texter_id, action, subject, detail, &error) <= 0)
    g_warning ("Could not record %s in the audit log: %s", action, error->message);
}

/* A phone as the store keeps it: written as is, never a formula. */
static gboolean
looks_like_e164 (const char *text)
{
  if (text == NULL || text[0] != '+' || text[1] == '\0')
    return FALSE;
  for (const char *p = text + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

GBytes *
tb_access_audit_csv (TbAccess  *self,
                     GError   **error)
{
  g_autoptr(GString) out = g_string_new ("id,at,texter,action,subject,detail\r\n");
  gint64 before_id = 0;

  g_return_val_if_fail (TB_IS_ACCESS (self), NULL);

  if (!tb_access_check_admin (self, TB_ADMIN_ACTION_VIEW_AUDIT, error))
    return NULL;
  tb_access_audit (self, "audit_export", NULL, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) page = tb_store_audit_list (self->store, before_id, 500, error);

      if (page == NULL)
        return NULL;
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          TbAuditEntry *entry = g_ptr_array_index (page, i);
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (entry->at / G_USEC_PER_SEC);
          g_autofree char *at_text = at != NULL ? g_date_time_format_iso8601 (at) : NULL;
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);

          /* The store's CSV quoting and formula guard, as in its exports. */
          tb_csv_append_field (out, id_text, FALSE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, at_text, FALSE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->texter_name, TRUE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->action, TRUE);
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->subject, !looks_like_e164 (entry->subject));
          g_string_append_c (out, ',');
          tb_csv_append_field (out, entry->detail, TRUE);
          g_string_append (out, "\r\n");
          before_id = entry->id;
        }
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

TbTexterStats *
tb_access_shift_summary (TbAccess  *self,
                         gint64     texter_id,
                         gint64     since,
                         GError   **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(TbTexter) texter = NULL;
  TbTexterStats *summary;

  g_return_val_if_fail (TB_IS_ACCESS (self), NULL);

  texter = tb_store_texter_get (self->store, texter_id, error);
  if (texter == NULL)
    return NULL;
  all = tb_store_stats_texters (self->store, 0, since, error);
  if (all == NULL)
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      TbTexterStats *stats = g_ptr_array_index (all, i);

      if (stats->texter_id == texter_id)
        return g_ptr_array_steal_index (all, i);
    }

  summary = g_new0 (TbTexterStats, 1);
  summary->texter_id = texter_id;
  summary->texter_name = g_strdup (texter->name);
  return summary;
}
