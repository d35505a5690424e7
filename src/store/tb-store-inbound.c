/* tb-store-inbound.c: received messages, and those from unknown senders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "tb-store-private.h"

/* Marks a contact as needing a reply after an inbound message. */
static gboolean
contact_received (TbStore     *self,
                  gint64       contact_id,
                  const char  *body,
                  gint64       received_at,
                  GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autofree char *preview = tb_message_preview (body);

  stmt = tb_store_prepare_for_id (self,
                                  "UPDATE contact SET status = CASE WHEN status = 4 THEN 4 ELSE 2 END,"
                                  "  last_message_preview = CASE WHEN ?3 >= coalesce (last_message_at, 0)"
                                  "                         THEN ?2 ELSE last_message_preview END,"
                                  "  last_message_at = max (coalesce (last_message_at, 0), ?3),"
                                  "  updated_at = ?4 "
                                  "WHERE id = ?1",
                                  contact_id, error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 2, preview);
  sqlite3_bind_int64 (stmt, 3, received_at);
  sqlite3_bind_int64 (stmt, 4, tb_now ());
  return tb_step_done (tb_store_get_db (self), stmt, _("Could not update the contact"), error);
}

gint64
tb_store_message_insert_inbound (TbStore     *self,
                                 const char  *from_phone,
                                 const char  *to_phone,
                                 const char  *body,
                                 const char  *provider_id,
                                 gint64       received_at,
                                 gboolean    *duplicate_out,
                                 gint64      *contact_id_out,
                                 GError     **error)
{
  sqlite3 *db;
  gint64 message_id = 0;
  gint64 contact_id = 0;
  gint64 campaign_id = 0;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (from_phone != NULL, 0);
  g_return_val_if_fail (body != NULL, 0);

  if (duplicate_out != NULL)
    *duplicate_out = FALSE;
  if (contact_id_out != NULL)
    *contact_id_out = 0;
  if (received_at <= 0)
    received_at = tb_now ();

  db = tb_store_get_db (self);
  if (!tb_db_begin (db, error))
    return 0;

  if (provider_id != NULL)
    {
      g_autoptr(TbCachedStmt) stmt =
        tb_store_prepare (self, "SELECT id, contact_id FROM message WHERE provider_id = ?1", error);
      int rc;

      if (stmt == NULL)
        goto fail;
      tb_bind_text (stmt, 1, provider_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          message_id = sqlite3_column_int64 (stmt, 0);
          if (duplicate_out != NULL)
            *duplicate_out = TRUE;
          if (contact_id_out != NULL)
            *contact_id_out = sqlite3_column_int64 (stmt, 1);
          g_clear_pointer (&stmt, tb_cached_stmt_release);
          tb_db_rollback (db);
          return message_id;
        }
      if (rc != SQLITE_DONE)
        {
          tb_store_set_error (error, db, rc, _("Could not look up the message"));
          goto fail;
        }
    }

  {
    /* Prefer a campaign sending from the number it was sent to, then the
     * contact texted last. */
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare (self,
                        "SELECT contact.id, contact.campaign_id FROM contact "
                        "JOIN campaign ON campaign.id = contact.campaign_id "
                        "WHERE contact.phone = ?1 "
                        "ORDER BY (campaign.sender IS ?2) DESC, coalesce (contact.last_texted_at, 0) DESC,"
                        "  contact.id DESC LIMIT 1",
                        error);
    int rc;

    if (stmt == NULL)
      goto fail;
    tb_bind_text (stmt, 1, from_phone);
    tb_bind_text (stmt, 2, to_phone);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        contact_id = sqlite3_column_int64 (stmt, 0);
        campaign_id = sqlite3_column_int64 (stmt, 1);
      }
    else if (rc != SQLITE_DONE)
      {
        tb_store_set_error (error, db, rc, _("Could not match the sender to a contact"));
        goto fail;
      }
  }

  {
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare (self,
                        "INSERT INTO message (contact_id, campaign_id, direction, phone, our_phone, body,"
                        "  state, provider_id, sent_at, at, updated_at) "
                        "VALUES (?1, ?2, 0, ?3, ?4, ?5, 8, ?6, ?7, ?7, ?8)",
                        error);

    if (stmt == NULL)
      goto fail;
    tb_bind_id (stmt, 1, contact_id);
    tb_bind_id (stmt, 2, campaign_id);
    tb_bind_text (stmt, 3, from_phone);
    tb_bind_text (stmt, 4, to_phone);
    tb_bind_text (stmt, 5, body);
    tb_bind_text (stmt, 6, provider_id);
    sqlite3_bind_int64 (stmt, 7, received_at);
    sqlite3_bind_int64 (stmt, 8, tb_now ());
    message_id = tb_store_step_insert (self, stmt, _("Could not save the received message"), error);
    if (message_id == 0)
      goto fail;
  }

  if (contact_id != 0 && !contact_received (self, contact_id, body, received_at, error))
    goto fail;

  if (!tb_db_commit (db, error))
    goto fail;

  if (contact_id_out != NULL)
    *contact_id_out = contact_id;
  tb_store_emit_messages_changed (self, contact_id, message_id);
  if (contact_id != 0)
    tb_store_emit_contacts_changed (self, campaign_id, contact_id);
  return message_id;

fail:
  tb_db_rollback (db);
  return 0;
}

gboolean
tb_store_message_attach (TbStore  *self,
                         gint64    message_id,
                         gint64    contact_id,
                         GError  **error)
{
  g_autoptr(TbMessage) message = NULL;
  g_autoptr(TbContact) contact = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  message = tb_store_message_get (self, message_id, error);
  if (message == NULL)
    return FALSE;
  contact = tb_store_contact_get (self, contact_id, error);
  if (contact == NULL)
    return FALSE;
  if (tb_message_get_contact_id (message) != 0 ||
      tb_message_get_direction (message) != TB_MESSAGE_DIRECTION_IN)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE,
                   _("Message %" PRId64 " is not from an unknown sender"), message_id);
      return FALSE;
    }
  if (g_strcmp0 (tb_message_get_phone (message), tb_contact_get_phone (contact)) != 0)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT,
                   _("Message %" PRId64 " is from %s, not from the contact's %s"),
                   message_id, tb_message_get_phone (message), tb_contact_get_phone (contact));
      return FALSE;
    }

  db = tb_store_get_db (self);
  if (!tb_db_begin (db, error))
    return FALSE;
  {
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare_for_id (self,
                               "UPDATE message SET contact_id = ?2, campaign_id = ?3, updated_at = ?4 "
                               "WHERE id = ?1 AND contact_id IS NULL",
                               message_id, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 2, contact_id);
    sqlite3_bind_int64 (stmt, 3, tb_contact_get_campaign_id (contact));
    sqlite3_bind_int64 (stmt, 4, tb_now ());
    if (!tb_step_done (db, stmt, _("Could not attach the message"), error))
      goto fail;
  }
  if (!contact_received (self, contact_id, tb_message_get_body (message),
                         tb_message_get_at (message), error) ||
      !tb_db_commit (db, error))
    goto fail;

  tb_store_emit_messages_changed (self, 0, message_id);
  tb_store_emit_messages_changed (self, contact_id, message_id);
  tb_store_emit_contacts_changed (self, tb_contact_get_campaign_id (contact), contact_id);
  return TRUE;

fail:
  tb_db_rollback (db);
  return FALSE;
}

GPtrArray *
tb_store_unknown_sender_list (TbStore  *self,
                              GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT " TB_MESSAGE_SQL_COLUMNS " FROM message "
                           "WHERE contact_id IS NULL ORDER BY id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  return tb_store_read_rows (self, stmt, (TbRowReader) tb_message_new_from_row, g_object_unref,
                             _("Could not list the messages"), error);
}
