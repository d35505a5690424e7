/* tb-store-messages.c: the send path (queue, claim, state, retry), reading messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tb-segments.h"
#include "tb-store-private.h"

#define PREVIEW_CHARS 120

char *
tb_message_preview (const char *body)
{
  g_autofree char *flat = g_strdup (body);

  g_strdelimit (flat, "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= PREVIEW_CHARS)
    return g_steal_pointer (&flat);
  return g_utf8_substring (flat, 0, PREVIEW_CHARS);
}

static gboolean
find_press (TbStore     *self,
            const char  *press_id,
            gint64      *message_id_out,
            GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = tb_store_prepare (self, "SELECT id FROM message WHERE press_id = ?1", error);
  int rc;

  *message_id_out = 0;
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 1, press_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *message_id_out = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not look up the press"));
  return TRUE;
}

static gint64
queue_outbound (TbStore     *self,
                gint64       contact_id,
                const char  *body,
                gint64       texter_id,
                gint64       pressed_at,
                const char  *press_id,
                gboolean     first_text_only,
                GError     **error)
{
  sqlite3 *db = tb_store_get_db (self);
  g_autofree char *phone = NULL;
  g_autofree char *preview = NULL;
  gint64 campaign_id = 0;
  gint64 message_id = 0;
  gint64 contact_texter_id = 0;
  TbContactStatus status;
  gboolean has_first = FALSE;
  gboolean opted_out = FALSE;
  gboolean is_first;

  if (texter_id <= 0)
    {
      g_set_error_literal (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT,
                           _("A message cannot be sent without the texter who pressed Send"));
      return 0;
    }
  if (press_id == NULL || *press_id == '\0')
    {
      g_set_error_literal (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT,
                           _("A message cannot be sent without the id of its Send press"));
      return 0;
    }
  if (pressed_at <= 0)
    pressed_at = tb_now ();

  if (!tb_db_begin (db, error))
    return 0;

  /* The same press again (a retried call, a repeated key event that
   * carried the same token): the row it made already. */
  if (!find_press (self, press_id, &message_id, error))
    goto fail;
  if (message_id != 0)
    {
      tb_db_rollback (db);
      return message_id;
    }

  {
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare_for_id (self,
                               "SELECT contact.campaign_id, contact.phone, contact.status,"
                               "  EXISTS (SELECT 1 FROM message WHERE message.contact_id = contact.id"
                               "          AND message.is_first = 1),"
                               "  EXISTS (SELECT 1 FROM opt_out WHERE opt_out.phone = contact.phone),"
                               "  contact.texter_id "
                               "FROM contact WHERE contact.id = ?1",
                               contact_id, error);
    int rc;

    if (stmt == NULL)
      goto fail;
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        tb_set_not_found (error, TB_RECORD_CONTACT, contact_id);
        goto fail;
      }
    if (rc != SQLITE_ROW)
      {
        tb_store_set_error (error, db, rc, _("Could not read the contact"));
        goto fail;
      }
    campaign_id = sqlite3_column_int64 (stmt, 0);
    phone = tb_column_dup (stmt, 1, "");
    status = (TbContactStatus) sqlite3_column_int (stmt, 2);
    has_first = sqlite3_column_int (stmt, 3) != 0;
    opted_out = sqlite3_column_int (stmt, 4) != 0;
    contact_texter_id = sqlite3_column_int64 (stmt, 5);
  }

  if (opted_out || status == TB_CONTACT_STATUS_OPTED_OUT)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_OPTED_OUT,
                   _("%s is opted out: no message can be sent to it"), phone);
      goto fail;
    }
  is_first = status == TB_CONTACT_STATUS_NEEDS_FIRST_TEXT && !has_first;
  if (first_text_only && !is_first)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_ALREADY_TEXTED,
                   _("%s has had its first text already"), phone);
      goto fail;
    }

  {
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare_for_id (self,
                               "INSERT INTO message (contact_id, campaign_id, direction, phone, body, state,"
                               "  texter_id, is_first, press_id, pressed_at, at, updated_at, segments) "
                               "VALUES (?1, ?2, 1, ?3, ?4, 0, ?5, ?6, ?7, ?8, ?8, ?9, ?10)",
                               contact_id, error);
    TbSegmentInfo *segments;

    if (stmt == NULL)
      goto fail;
    segments = tb_segments_count (body, -1);
    sqlite3_bind_int64 (stmt, 2, campaign_id);
    tb_bind_text (stmt, 3, phone);
    tb_bind_text (stmt, 4, body);
    sqlite3_bind_int64 (stmt, 5, texter_id);
    sqlite3_bind_int (stmt, 6, is_first ? 1 : 0);
    tb_bind_text (stmt, 7, press_id);
    sqlite3_bind_int64 (stmt, 8, pressed_at);
    sqlite3_bind_int64 (stmt, 9, tb_now ());
    sqlite3_bind_int (stmt, 10, (int) segments->segments);
    tb_segment_info_free (segments);
    message_id = tb_store_step_insert (self, stmt, _("Could not queue the message"), error);
    if (message_id == 0)
      goto fail;
  }

  preview = tb_message_preview (body);
  {
    /* A contact already waiting, last texted by the same texter: status
     * and texter_id stay out of the SET list, since naming a column
     * rewrites its index entries (contact_queue, contact_texter) even when
     * the value does not change. */
    gboolean same_queue = status == TB_CONTACT_STATUS_WAITING && contact_texter_id == texter_id;
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare_for_id (self,
                               same_queue
                               ? "UPDATE contact SET last_message_preview = ?3,"
                                 "  last_message_at = max (coalesce (last_message_at, 0), ?4),"
                                 "  last_texted_at = ?4, updated_at = ?5 "
                                 "WHERE id = ?1"
                               : "UPDATE contact SET status = 1, texter_id = ?2, last_message_preview = ?3,"
                                 "  last_message_at = max (coalesce (last_message_at, 0), ?4),"
                                 "  last_texted_at = ?4, updated_at = ?5 "
                                 "WHERE id = ?1",
                               contact_id, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 2, texter_id);
    tb_bind_text (stmt, 3, preview);
    sqlite3_bind_int64 (stmt, 4, pressed_at);
    sqlite3_bind_int64 (stmt, 5, tb_now ());
    if (!tb_step_done (db, stmt, _("Could not update the contact"), error))
      goto fail;
  }

  /* Who pressed Send, in the audit trail too (issue 8), in the same
   * commit: a crash cannot keep the message and lose the record. */
  {
    g_autofree char *detail = g_strdup_printf ("message %" PRId64, message_id);

    if (tb_store_audit_insert (self, tb_now (), texter_id, first_text_only ? "send_first_text" : "send",
                               phone, detail, _("Could not write the audit log"), error) == 0)
      goto fail;
  }

  if (!tb_db_commit (db, error))
    goto fail;

  tb_store_emit_messages_changed (self, contact_id, message_id);
  tb_store_emit_contacts_changed (self, campaign_id, contact_id);
  return message_id;

fail:
  tb_db_rollback (db);
  return 0;
}

gint64
tb_store_message_queue_outbound (TbStore     *self,
                                 gint64       contact_id,
                                 const char  *body,
                                 gint64       texter_id,
                                 gint64       pressed_at,
                                 const char  *press_id,
                                 GError     **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (body != NULL, 0);

  return queue_outbound (self, contact_id, body, texter_id, pressed_at, press_id, FALSE, error);
}

gint64
tb_store_message_queue_first_text (TbStore     *self,
                                   gint64       contact_id,
                                   const char  *body,
                                   gint64       texter_id,
                                   gint64       pressed_at,
                                   const char  *press_id,
                                   GError     **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (body != NULL, 0);

  return queue_outbound (self, contact_id, body, texter_id, pressed_at, press_id, TRUE, error);
}

static gboolean
read_state (TbStore         *self,
            gint64           message_id,
            TbMessageState  *state_out,
            gint64          *contact_id_out,
            char           **press_id_out,
            GError         **error)
{
  g_autoptr(TbCachedStmt) stmt =
    tb_store_prepare_for_id (self, "SELECT state, contact_id, press_id FROM message WHERE id = ?1",
                             message_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return tb_set_not_found (error, TB_RECORD_MESSAGE, message_id);
  if (rc != SQLITE_ROW)
    return tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the message"));
  *state_out = (TbMessageState) sqlite3_column_int (stmt, 0);
  *contact_id_out = sqlite3_column_int64 (stmt, 1);
  if (press_id_out != NULL)
    *press_id_out = tb_column_dup (stmt, 2, NULL);
  return TRUE;
}

/* Only the columns a change gives are in the statement's SET list: SQLite
 * rewrites an index entry for every indexed column named there, even one
 * set to the value it had (provider_id's UNIQUE index has random keys, so
 * each status update wrote one more page). */
static const char SET_STATE_SQL[] =
  "UPDATE message SET state = ?2,"
  "  error_code = coalesce (?4, error_code),"
  "  error_text = coalesce (?5, error_text),"
  "  segments = CASE WHEN ?7 > 0 THEN ?7 ELSE segments END,"
  "  sent_at = CASE WHEN ?2 IN (2, 3, 4, 5) THEN coalesce (sent_at, ?6)"
  "            ELSE sent_at END,"
  "  updated_at = ?6 "
  "WHERE id = ?1";
static const char SET_STATE_AND_ID_SQL[] =
  "UPDATE message SET state = ?2,"
  "  provider_id = ?3,"
  "  error_code = coalesce (?4, error_code),"
  "  error_text = coalesce (?5, error_text),"
  "  segments = CASE WHEN ?7 > 0 THEN ?7 ELSE segments END,"
  "  sent_at = CASE WHEN ?2 IN (2, 3, 4, 5) THEN coalesce (sent_at, ?6)"
  "            ELSE sent_at END,"
  "  updated_at = ?6 "
  "WHERE id = ?1";

/* One change, in whatever transaction is open (none: its own). */
static gboolean
change_state (TbStore                     *self,
              const TbMessageStateChange  *change,
              gint64                      *contact_id_out,
              GError                     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  TbMessageState current;
  sqlite3 *db = tb_store_get_db (self);
  int rc;

  if (!read_state (self, change->message_id, &current, contact_id_out, NULL, error))
    return FALSE;
  if (current != change->state && !tb_message_state_can_change (current, change->state))
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE,
                   _("Message %" PRId64 " cannot go from %s to %s"),
                   change->message_id, tb_message_state_to_string (current),
                   tb_message_state_to_string (change->state));
      return FALSE;
    }

  stmt = tb_store_prepare_for_id (self, change->provider_id != NULL ? SET_STATE_AND_ID_SQL : SET_STATE_SQL,
                                  change->message_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, change->state);
  tb_bind_text (stmt, 3, change->provider_id);
  tb_bind_text (stmt, 4, change->error_code);
  tb_bind_text (stmt, 5, change->error_text);
  sqlite3_bind_int64 (stmt, 6, tb_now ());
  sqlite3_bind_int (stmt, 7, MAX (change->segments, 0));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE,
                     _("Another message already has the provider id %s"), change->provider_id);
      else
        {
          g_autofree char *what = g_strdup_printf (_("Could not mark message %" PRId64 " %s"),
                                                   change->message_id,
                                                   tb_message_state_to_string (change->state));
          tb_store_set_error (error, db, rc, what);
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
tb_store_message_change_state (TbStore                     *self,
                               const TbMessageStateChange  *change,
                               GError                     **error)
{
  gint64 contact_id = 0;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (change->state >= 0 && change->state < TB_MESSAGE_N_STATES, FALSE);

  if (!change_state (self, change, &contact_id, error))
    return FALSE;
  tb_store_emit_messages_changed (self, contact_id, change->message_id);
  return TRUE;
}

gboolean
tb_store_message_set_state (TbStore         *self,
                            gint64           message_id,
                            TbMessageState   state,
                            const char      *provider_id,
                            const char      *error_code,
                            const char      *error_text,
                            GError         **error)
{
  TbMessageStateChange change = { message_id, state, provider_id, error_code, error_text, 0 };

  return tb_store_message_change_state (self, &change, error);
}

guint
tb_store_message_change_states (TbStore                     *self,
                                const TbMessageStateChange  *changes,
                                guint                        n_changes,
                                GError                     **error)
{
  g_autoptr(GArray) contact_ids = NULL;
  g_autoptr(GArray) applied = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (changes != NULL || n_changes == 0, 0);

  if (n_changes == 0)
    return 0;
  db = tb_store_get_db (self);
  contact_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_changes);
  applied = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_changes);
  if (!tb_db_begin (db, error))
    return 0;
  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 contact_id = 0;

      if (changes[i].state < 0 || changes[i].state >= TB_MESSAGE_N_STATES)
        {
          g_critical ("Message %" PRId64 ": no state %d", changes[i].message_id, changes[i].state);
          continue;
        }
      /* A failed statement undoes only itself: the others stay. */
      if (!change_state (self, &changes[i], &contact_id, &local_error))
        {
          g_debug ("Message %" PRId64 ": %s", changes[i].message_id, local_error->message);
          continue;
        }
      g_array_append_val (contact_ids, contact_id);
      g_array_append_val (applied, i);
    }
  if (!tb_db_commit (db, error))
    {
      tb_db_rollback (db);
      return 0;
    }
  for (guint i = 0; i < applied->len; i++)
    tb_store_emit_messages_changed (self, g_array_index (contact_ids, gint64, i),
                                    changes[g_array_index (applied, guint, i)].message_id);
  return applied->len;
}

gboolean
tb_store_message_claim (TbStore  *self,
                        gint64    message_id,
                        GError  **error)
{
  return tb_store_message_claim_for (self, message_id, NULL, NULL, error);
}

gboolean
tb_store_message_claim_for (TbStore     *self,
                            gint64       message_id,
                            const char  *provider,
                            const char  *our_phone,
                            GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  TbMessageState current;
  gint64 contact_id;
  sqlite3 *db;
  int changes;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  /* One statement: the state test and the change cannot be split, and the
   * provider is written in the same commit (one WAL write, not two). */
  stmt = tb_store_prepare_for_id (self,
                                  "UPDATE message SET state = 1, updated_at = ?2,"
                                  "  provider = coalesce (?3, provider),"
                                  "  our_phone = coalesce (?4, our_phone) "
                                  "WHERE id = ?1 AND direction = 1 AND state = 0",
                                  message_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, tb_now ());
  tb_bind_text (stmt, 3, provider);
  tb_bind_text (stmt, 4, our_phone);
  /* Promise 3 across a power cut or an OS crash: with synchronous NORMAL a
   * WAL commit reaches the disk only at a later sync, so after a power cut
   * the claim could be gone while the provider has the message, and the
   * row would go out again from `queued`. The caller syncs before it asks
   * the provider (tb_store_sync_async, in a worker: the outbox). An
   * application crash never needed it: the OS keeps what was written. */
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return tb_store_set_error (error, db, rc, _("Could not mark the message sending"));
  changes = sqlite3_changes (db);
  g_clear_pointer (&stmt, tb_cached_stmt_release);
  if (!read_state (self, message_id, &current, &contact_id, NULL, error))
    return FALSE;
  if (changes == 0 || current != TB_MESSAGE_STATE_SENDING)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE,
                   _("Message %" PRId64 " is %s, not queued: something else is sending it or finished it"),
                   message_id, tb_message_state_to_string (current));
      return FALSE;
    }
  tb_store_emit_messages_changed (self, contact_id, message_id);
  return TRUE;
}

gboolean
tb_store_message_set_provider (TbStore     *self,
                               gint64       message_id,
                               const char  *provider,
                               const char  *our_phone,
                               int          segments,
                               GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare_for_id (self,
                                  "UPDATE message SET provider = coalesce (?2, provider),"
                                  "  our_phone = coalesce (?3, our_phone),"
                                  "  segments = CASE WHEN ?4 > 0 THEN ?4 ELSE segments END,"
                                  "  updated_at = ?5 "
                                  "WHERE id = ?1 RETURNING contact_id",
                                  message_id, error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 2, provider);
  tb_bind_text (stmt, 3, our_phone);
  sqlite3_bind_int (stmt, 4, segments);
  sqlite3_bind_int64 (stmt, 5, tb_now ());
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      {
        gint64 contact_id = sqlite3_column_int64 (stmt, 0);

        if (sqlite3_step (stmt) != SQLITE_DONE)
          return tb_store_set_error (error, db, sqlite3_errcode (db), _("Could not save the message's provider"));
        tb_store_emit_messages_changed (self, contact_id, message_id);
        return TRUE;
      }
    case SQLITE_DONE:
      return tb_set_not_found (error, TB_RECORD_MESSAGE, message_id);
    default:
      return tb_store_set_error (error, db, sqlite3_errcode (db), _("Could not save the message's provider"));
    }
}

gboolean
tb_store_message_retry (TbStore     *self,
                        gint64       message_id,
                        gint64       texter_id,
                        gint64       pressed_at,
                        const char  *press_id,
                        GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autofree char *current_press = NULL;
  TbMessageState current;
  gint64 contact_id;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (press_id != NULL, FALSE);

  db = tb_store_get_db (self);
  if (texter_id <= 0)
    {
      g_set_error_literal (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT,
                           _("A message cannot be sent without the texter who pressed Send"));
      return FALSE;
    }
  if (!read_state (self, message_id, &current, &contact_id, &current_press, error))
    return FALSE;
  if (g_strcmp0 (current_press, press_id) == 0)
    return TRUE;
  if (current != TB_MESSAGE_STATE_FAILED)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_INVALID_STATE,
                   _("Message %" PRId64 " is %s: only a failed message can be retried"),
                   message_id, tb_message_state_to_string (current));
      return FALSE;
    }

  stmt = tb_store_prepare_for_id (self,
                                  "UPDATE message SET state = 0, texter_id = ?2, pressed_at = ?3, press_id = ?4,"
                                  "  provider_id = NULL, error_code = NULL, error_text = NULL, sent_at = NULL,"
                                  "  updated_at = ?5 "
                                  "WHERE id = ?1 AND state = 6",
                                  message_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, texter_id);
  sqlite3_bind_int64 (stmt, 3, pressed_at > 0 ? pressed_at : tb_now ());
  tb_bind_text (stmt, 4, press_id);
  sqlite3_bind_int64 (stmt, 5, tb_now ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE,
                     _("The press %s already made another message"), press_id);
      else
        tb_store_set_error (error, db, rc, _("Could not queue the message again"));
      return FALSE;
    }
  tb_store_emit_messages_changed (self, contact_id, message_id);
  return TRUE;
}

TbMessage *
tb_store_message_get (TbStore  *self,
                      gint64    message_id,
                      GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return tb_store_get_for_id (self, "SELECT " TB_MESSAGE_SQL_COLUMNS " FROM message WHERE id = ?1",
                              message_id, (TbRowReader) tb_message_new_from_row,
                              TB_RECORD_MESSAGE, _("Could not read the message"), error);
}

TbMessage *
tb_store_message_get_by_provider_id (TbStore     *self,
                                     const char  *provider_id,
                                     GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  stmt = tb_store_prepare (self, "SELECT " TB_MESSAGE_SQL_COLUMNS " FROM message WHERE provider_id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  tb_bind_text (stmt, 1, provider_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return tb_message_new_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                 _("There is no message with the provider id %s"), provider_id);
  else
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the message"));
  return NULL;
}

static GPtrArray *
read_messages (TbStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  return tb_store_read_rows (self, stmt, (TbRowReader) tb_message_new_from_row, g_object_unref,
                             _("Could not list the messages"), error);
}

/* A failed message a retry could still send: not to an opted-out number. */
#define RETRYABLE_SQL "NOT EXISTS (SELECT 1 FROM opt_out WHERE opt_out.phone = message.phone)"

/* Outbound messages in a state (sql binds it as ?1 and the limit as ?2). */
static GPtrArray *
list_outbound (TbStore        *self,
               const char     *sql,
               TbMessageState  state,
               guint           limit,
               GError        **error)
{
  g_autoptr(TbCachedStmt) stmt = tb_store_prepare_for_id (self, sql, state, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  return read_messages (self, stmt, error);
}

GPtrArray *
tb_store_message_list_by_state (TbStore         *self,
                                TbMessageState   state,
                                guint            limit,
                                GError         **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return list_outbound (self,
                        "SELECT " TB_MESSAGE_SQL_COLUMNS " FROM message "
                        "WHERE direction = 1 AND state = ?1 ORDER BY pressed_at, id LIMIT ?2",
                        state, limit, error);
}

GPtrArray *
tb_store_message_list_retryable (TbStore  *self,
                                 guint     limit,
                                 GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return list_outbound (self,
                        "SELECT " TB_MESSAGE_SQL_COLUMNS " FROM message "
                        "WHERE direction = 1 AND state = ?1 AND " RETRYABLE_SQL " "
                        "ORDER BY pressed_at, id LIMIT ?2",
                        TB_MESSAGE_STATE_FAILED, limit, error);
}

gint64
tb_store_message_count_retryable (TbStore  *self,
                                  GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), -1);

  stmt = tb_store_prepare_for_id (self,
                                  "SELECT count(*) FROM message "
                                  "WHERE direction = 1 AND state = ?1 AND " RETRYABLE_SQL,
                                  TB_MESSAGE_STATE_FAILED, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the messages"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

GPtrArray *
tb_store_message_list_for_contact (TbStore  *self,
                                   gint64    contact_id,
                                   GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return tb_store_list_for_id (self,
                               "SELECT " TB_MESSAGE_SQL_COLUMNS " FROM message "
                               "WHERE contact_id = ?1 ORDER BY at, id",
                               contact_id, (TbRowReader) tb_message_new_from_row, g_object_unref,
                               _("Could not list the messages"), error);
}
