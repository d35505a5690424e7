/* tb-store-campaigns.c: campaigns, their scripts (canned replies, survey), tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tb-store-private.h"

/* ---- Campaigns -------------------------------------------------------- */

/* Steps an UPDATE of one campaign and tells listeners. */
static gboolean
finish_campaign_update (TbStore       *self,
                        sqlite3_stmt  *stmt,
                        gint64         campaign_id,
                        const char    *what,
                        GError       **error)
{
  if (!tb_store_step_changed (self, stmt, what, "campaign", campaign_id, error))
    return FALSE;
  tb_store_emit_campaigns_changed (self, campaign_id);
  return TRUE;
}

gint64
tb_store_campaign_create (TbStore     *self,
                          const char  *name,
                          const char  *description,
                          const char  *sender,
                          gboolean     is_demo,
                          GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (*name == '\0' || strspn (name, " \t\r\n") == strlen (name))
    {
      g_set_error_literal (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT,
                           _("A campaign needs a name"));
      return 0;
    }

  stmt = tb_store_prepare (self,
                           "INSERT INTO campaign (name, description, sender, is_demo, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return 0;
  tb_bind_text (stmt, 1, name);
  tb_bind_text (stmt, 2, description != NULL ? description : "");
  tb_bind_text (stmt, 3, sender != NULL && *sender != '\0' ? sender : NULL);
  sqlite3_bind_int (stmt, 4, is_demo ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, tb_now ());
  id = tb_store_step_insert (self, stmt, _("Could not create the campaign"), error);
  if (id != 0)
    tb_store_emit_campaigns_changed (self, id);
  return id;
}

TbCampaign *
tb_store_campaign_get (TbStore     *self,
                       gint64       campaign_id,
                       GError     **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return tb_store_get_for_id (self, "SELECT " TB_CAMPAIGN_SQL_COLUMNS " FROM campaign WHERE id = ?1",
                              campaign_id, (TbRowReader) tb_campaign_new_from_row,
                              TB_RECORD_CAMPAIGN, _("Could not read the campaign"), error);
}

GPtrArray *
tb_store_campaign_list (TbStore          *self,
                        TbCampaignState   state,
                        GError          **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  /* state < 0 lists them all. */
  return tb_store_list_for_id (self,
                               "SELECT " TB_CAMPAIGN_SQL_COLUMNS " FROM campaign "
                               "WHERE ?1 < 0 OR state = ?1 ORDER BY id",
                               state, (TbRowReader) tb_campaign_new_from_row, g_object_unref,
                               _("Could not list the campaigns"), error);
}

gboolean
tb_store_campaign_update (TbStore     *self,
                          gint64       campaign_id,
                          const char  *name,
                          const char  *description,
                          const char  *sender,
                          int          hours_start_min,
                          int          hours_end_min,
                          GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  stmt = tb_store_prepare_for_id (self,
                                  "UPDATE campaign SET "
                                  "  name = coalesce (?2, name),"
                                  "  description = coalesce (?3, description),"
                                  "  sender = CASE WHEN ?4 IS NULL THEN sender WHEN ?4 = '' THEN NULL ELSE ?4 END,"
                                  "  hours_start_min = CASE WHEN ?5 < 0 THEN hours_start_min ELSE ?5 END,"
                                  "  hours_end_min = CASE WHEN ?6 < 0 THEN hours_end_min ELSE ?6 END "
                                  "WHERE id = ?1",
                                  campaign_id, error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 2, name);
  tb_bind_text (stmt, 3, description);
  tb_bind_text (stmt, 4, sender);
  sqlite3_bind_int (stmt, 5, hours_start_min);
  sqlite3_bind_int (stmt, 6, hours_end_min);
  return finish_campaign_update (self, stmt, campaign_id, _("Could not change the campaign"), error);
}

gboolean
tb_store_campaign_set_initial_message (TbStore     *self,
                                       gint64       campaign_id,
                                       const char  *body,
                                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  stmt = tb_store_prepare_for_id (self, "UPDATE campaign SET initial_message = ?2 WHERE id = ?1",
                                  campaign_id, error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 2, body != NULL ? body : "");
  return finish_campaign_update (self, stmt, campaign_id, _("Could not save the initial message"), error);
}

gboolean
tb_store_campaign_set_state (TbStore          *self,
                             gint64            campaign_id,
                             TbCampaignState   state,
                             GError          **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state == TB_CAMPAIGN_STATE_ACTIVE || state == TB_CAMPAIGN_STATE_ARCHIVED, FALSE);

  stmt = tb_store_prepare_for_id (self, "UPDATE campaign SET state = ?2 WHERE id = ?1", campaign_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, state);
  return finish_campaign_update (self, stmt, campaign_id, _("Could not change the campaign"), error);
}

gboolean
tb_store_campaign_archive (TbStore  *self,
                           gint64    campaign_id,
                           GError  **error)
{
  return tb_store_campaign_set_state (self, campaign_id, TB_CAMPAIGN_STATE_ARCHIVED, error);
}

/* ---- Scripts: canned replies and survey questions ---------------------- */

/* Steps the INSERT of a script entry (or answer) and tells listeners. */
static gint64
finish_script_insert (TbStore       *self,
                      sqlite3_stmt  *stmt,
                      gint64         campaign_id,
                      const char    *what,
                      GError       **error)
{
  gint64 id = tb_store_step_insert (self, stmt, what, error);

  if (id != 0)
    tb_store_emit_campaigns_changed (self, campaign_id);
  return id;
}

/* Runs a DELETE of one script entry by id and tells listeners. */
static gboolean
remove_script (TbStore     *self,
               const char  *sql,
               gint64       id,
               const char  *what,
               const char  *noun,
               GError     **error)
{
  if (!tb_store_exec_for_id (self, sql, id, what, noun, error))
    return FALSE;
  tb_store_emit_campaigns_changed (self, 0);
  return TRUE;
}

static gpointer
canned_reply_from_row (sqlite3_stmt *stmt)
{
  TbCannedReply *reply = g_new0 (TbCannedReply, 1);

  reply->id = sqlite3_column_int64 (stmt, 0);
  reply->campaign_id = sqlite3_column_int64 (stmt, 1);
  reply->title = tb_column_dup (stmt, 2, "");
  reply->body = tb_column_dup (stmt, 3, "");
  reply->position = sqlite3_column_int (stmt, 4);
  return reply;
}

gint64
tb_store_canned_reply_add (TbStore     *self,
                           gint64       campaign_id,
                           const char  *title,
                           const char  *body,
                           GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), 0);

  stmt = tb_store_prepare_for_id (self,
                                  "INSERT INTO script (campaign_id, kind, title, body, position) "
                                  "VALUES (?1, 1, ?2, ?3, (SELECT coalesce (max (position) + 1, 0) "
                                  "  FROM script WHERE campaign_id = ?1 AND kind = 1))",
                                  campaign_id, error);
  if (stmt == NULL)
    return 0;
  tb_bind_text (stmt, 2, title != NULL ? title : "");
  tb_bind_text (stmt, 3, body != NULL ? body : "");
  return finish_script_insert (self, stmt, campaign_id, _("Could not add the canned reply"), error);
}

gboolean
tb_store_canned_reply_update (TbStore     *self,
                              gint64       reply_id,
                              const char  *title,
                              const char  *body,
                              GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  stmt = tb_store_prepare_for_id (self,
                                  "UPDATE script SET title = coalesce (?2, title), body = coalesce (?3, body) "
                                  "WHERE id = ?1 AND kind = 1",
                                  reply_id, error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 2, title);
  tb_bind_text (stmt, 3, body);
  if (!tb_store_step_changed (self, stmt, _("Could not change the canned reply"), "canned reply",
                              reply_id, error))
    return FALSE;
  tb_store_emit_campaigns_changed (self, 0);
  return TRUE;
}

static gint64
canned_reply_campaign (TbStore  *self,
                       gint64    reply_id,
                       GError  **error)
{
  g_autoptr(TbCachedStmt) stmt =
    tb_store_prepare_for_id (self, "SELECT campaign_id FROM script WHERE id = ?1 AND kind = 1",
                             reply_id, error);

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  tb_set_not_found (error, TB_RECORD_CANNED_REPLY, reply_id);
  return 0;
}

gboolean
tb_store_canned_reply_move (TbStore  *self,
                            gint64    reply_id,
                            int       position,
                            GError  **error)
{
  g_autoptr(GPtrArray) replies = NULL;
  sqlite3 *db;
  gint64 campaign_id;
  int from = -1;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  campaign_id = canned_reply_campaign (self, reply_id, error);
  if (campaign_id == 0)
    return FALSE;

  replies = tb_store_canned_reply_list (self, campaign_id, error);
  if (replies == NULL)
    return FALSE;
  for (guint i = 0; i < replies->len; i++)
    if (((TbCannedReply *) replies->pdata[i])->id == reply_id)
      from = (int) i;
  position = CLAMP (position, 0, (int) replies->len - 1);
  {
    gpointer moved = g_ptr_array_steal_index (replies, from);
    g_ptr_array_insert (replies, position, moved);
  }

  if (!tb_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < replies->len; i++)
    {
      g_autoptr(TbCachedStmt) stmt =
        tb_store_prepare_for_id (self, "UPDATE script SET position = ?2 WHERE id = ?1",
                                 ((TbCannedReply *) replies->pdata[i])->id, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int (stmt, 2, (int) i);
      if (!tb_step_done (db, stmt, _("Could not move the canned reply"), error))
        goto fail;
    }
  if (!tb_db_commit (db, error))
    goto fail;
  tb_store_emit_campaigns_changed (self, campaign_id);
  return TRUE;

fail:
  tb_db_rollback (db);
  return FALSE;
}

gboolean
tb_store_canned_reply_remove (TbStore  *self,
                              gint64    reply_id,
                              GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  return remove_script (self, "DELETE FROM script WHERE id = ?1 AND kind = 1", reply_id,
                        _("Could not remove the canned reply"), "canned reply", error);
}

GPtrArray *
tb_store_canned_reply_list (TbStore     *self,
                            gint64       campaign_id,
                            GError     **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return tb_store_list_for_id (self,
                               "SELECT id, campaign_id, title, body, position FROM script "
                               "WHERE campaign_id = ?1 AND kind = 1 ORDER BY position, id",
                               campaign_id, canned_reply_from_row,
                               (GDestroyNotify) tb_canned_reply_free,
                               _("Could not list the canned replies"), error);
}

gint64
tb_store_question_add (TbStore     *self,
                       gint64       campaign_id,
                       const char  *text,
                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  stmt = tb_store_prepare_for_id (self,
                                  "INSERT INTO script (campaign_id, kind, title, position) "
                                  "VALUES (?1, 2, ?2, (SELECT coalesce (max (position) + 1, 0) "
                                  "  FROM script WHERE campaign_id = ?1 AND kind = 2))",
                                  campaign_id, error);
  if (stmt == NULL)
    return 0;
  tb_bind_text (stmt, 2, text);
  return finish_script_insert (self, stmt, campaign_id, _("Could not add the survey question"), error);
}

gint64
tb_store_answer_add (TbStore     *self,
                     gint64       question_id,
                     const char  *label,
                     const char  *follow_up_body,
                     GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  /* Inserts nothing (NOT_FOUND) unless question_id is a survey question. */
  stmt = tb_store_prepare_for_id (self,
                                  "INSERT INTO answer (question_id, label, body, position) "
                                  "SELECT ?1, ?2, ?3, (SELECT coalesce (max (position) + 1, 0) "
                                  "  FROM answer WHERE question_id = ?1) "
                                  "WHERE EXISTS (SELECT 1 FROM script WHERE id = ?1 AND kind = 2)",
                                  question_id, error);
  if (stmt == NULL)
    return 0;
  tb_bind_text (stmt, 2, label);
  tb_bind_text (stmt, 3, follow_up_body != NULL && *follow_up_body != '\0' ? follow_up_body : NULL);
  if (!tb_store_step_changed (self, stmt, _("Could not add the answer"), "survey question",
                              question_id, error))
    return 0;
  id = sqlite3_last_insert_rowid (tb_store_get_db (self));
  tb_store_emit_campaigns_changed (self, 0);
  return id;
}

gboolean
tb_store_question_remove (TbStore  *self,
                          gint64    question_id,
                          GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  return remove_script (self, "DELETE FROM script WHERE id = ?1 AND kind = 2", question_id,
                        _("Could not remove the survey question"), "survey question", error);
}

GPtrArray *
tb_store_question_list (TbStore  *self,
                        gint64    campaign_id,
                        GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) questions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tb_survey_question_free);
  TbSurveyQuestion *question = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  /* One row per answer (or one for a question without any), in order. */
  stmt = tb_store_prepare_for_id (self,
                                  "SELECT s.id, s.title, s.position, a.id, a.label, a.body, a.position "
                                  "FROM script s LEFT JOIN answer a ON a.question_id = s.id "
                                  "WHERE s.campaign_id = ?1 AND s.kind = 2 "
                                  "ORDER BY s.position, s.id, a.position, a.id",
                                  campaign_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (question == NULL || question->id != id)
        {
          question = g_new0 (TbSurveyQuestion, 1);
          question->id = id;
          question->campaign_id = campaign_id;
          question->text = tb_column_dup (stmt, 1, "");
          question->position = sqlite3_column_int (stmt, 2);
          question->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_survey_answer_free);
          g_ptr_array_add (questions, question);
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          TbSurveyAnswer *answer = g_new0 (TbSurveyAnswer, 1);

          answer->id = sqlite3_column_int64 (stmt, 3);
          answer->question_id = id;
          answer->label = tb_column_dup (stmt, 4, "");
          answer->body = tb_column_dup (stmt, 5, NULL);
          answer->position = sqlite3_column_int (stmt, 6);
          g_ptr_array_add (question->answers, answer);
        }
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the survey questions"));
      return NULL;
    }
  return g_steal_pointer (&questions);
}

/* ---- What contacts answered, and their tags ---------------------------- */

/* Steps a change to one contact's answers or tags and tells listeners. */
static gboolean
finish_contact_change (TbStore       *self,
                       sqlite3_stmt  *stmt,
                       gint64         contact_id,
                       const char    *what,
                       GError       **error)
{
  if (!tb_step_done (tb_store_get_db (self), stmt, what, error))
    return FALSE;
  tb_store_emit_contacts_changed (self, 0, contact_id);
  return TRUE;
}

static gpointer
response_from_row (sqlite3_stmt *stmt)
{
  TbSurveyResponse *response = g_new0 (TbSurveyResponse, 1);

  response->contact_id = sqlite3_column_int64 (stmt, 0);
  response->question_id = sqlite3_column_int64 (stmt, 1);
  response->answer_id = sqlite3_column_int64 (stmt, 2);
  response->texter_id = sqlite3_column_int64 (stmt, 3);
  response->created_at = sqlite3_column_int64 (stmt, 4);
  return response;
}

static gpointer
tag_from_row (sqlite3_stmt *stmt)
{
  TbTag *tag = g_new0 (TbTag, 1);

  tag->id = sqlite3_column_int64 (stmt, 0);
  tag->name = tb_column_dup (stmt, 1, "");
  return tag;
}

gboolean
tb_store_response_set (TbStore  *self,
                       gint64    contact_id,
                       gint64    question_id,
                       gint64    answer_id,
                       gint64    texter_id,
                       GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  if (answer_id == 0)
    {
      stmt = tb_store_prepare_for_id (self,
                                      "DELETE FROM response WHERE contact_id = ?1 AND question_id = ?2",
                                      contact_id, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 2, question_id);
      return finish_contact_change (self, stmt, contact_id, _("Could not save the survey answer"), error);
    }

  /* Saves nothing unless the answer belongs to the question. */
  stmt = tb_store_prepare_for_id (self,
                                  "INSERT INTO response (contact_id, question_id, answer_id, texter_id, created_at) "
                                  "SELECT ?1, ?2, ?3, ?4, ?5 "
                                  "WHERE EXISTS (SELECT 1 FROM answer WHERE id = ?3 AND question_id = ?2) "
                                  "ON CONFLICT (contact_id, question_id) DO UPDATE SET "
                                  "  answer_id = excluded.answer_id, texter_id = excluded.texter_id,"
                                  "  created_at = excluded.created_at",
                                  contact_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, question_id);
  sqlite3_bind_int64 (stmt, 3, answer_id);
  tb_bind_id (stmt, 4, texter_id);
  sqlite3_bind_int64 (stmt, 5, tb_now ());
  if (!tb_step_done (tb_store_get_db (self), stmt, _("Could not save the survey answer"), error))
    return FALSE;
  if (sqlite3_changes (tb_store_get_db (self)) == 0)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("Answer %" PRId64 " does not belong to survey question %" PRId64),
                   answer_id, question_id);
      return FALSE;
    }
  tb_store_emit_contacts_changed (self, 0, contact_id);
  return TRUE;
}

GPtrArray *
tb_store_response_list (TbStore  *self,
                        gint64    contact_id,
                        GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return tb_store_list_for_id (self,
                               "SELECT contact_id, question_id, answer_id, texter_id, created_at "
                               "FROM response WHERE contact_id = ?1 ORDER BY question_id",
                               contact_id, response_from_row,
                               (GDestroyNotify) tb_survey_response_free,
                               _("Could not list the survey answers"), error);
}

gint64
tb_store_tag_ensure (TbStore     *self,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(TbCachedStmt) insert = NULL;
  g_autoptr(TbCachedStmt) select = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  db = tb_store_get_db (self);
  insert = tb_store_prepare (self, "INSERT OR IGNORE INTO tag (name) VALUES (trim (?1))", error);
  if (insert == NULL)
    return 0;
  tb_bind_text (insert, 1, name);
  if (!tb_step_done (db, insert, _("Could not save the tag"), error))
    return 0;

  select = tb_store_prepare (self, "SELECT id FROM tag WHERE name = trim (?1)", error);
  if (select == NULL)
    return 0;
  tb_bind_text (select, 1, name);
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW)
    {
      tb_store_set_error (error, db, rc == SQLITE_DONE ? SQLITE_CONSTRAINT : rc,
                          _("Could not save the tag"));
      return 0;
    }
  return sqlite3_column_int64 (select, 0);
}

GPtrArray *
tb_store_tag_list (TbStore  *self,
                   GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self, "SELECT id, name FROM tag ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  return tb_store_read_rows (self, stmt, tag_from_row, (GDestroyNotify) tb_tag_free,
                             _("Could not list the tags"), error);
}

gboolean
tb_store_contact_tag_add (TbStore  *self,
                          gint64    contact_id,
                          gint64    tag_id,
                          gint64    texter_id,
                          GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  stmt = tb_store_prepare_for_id (self,
                                  "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id, texter_id, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4)",
                                  contact_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, tag_id);
  tb_bind_id (stmt, 3, texter_id);
  sqlite3_bind_int64 (stmt, 4, tb_now ());
  return finish_contact_change (self, stmt, contact_id, _("Could not tag the contact"), error);
}

gboolean
tb_store_contact_tag_remove (TbStore  *self,
                             gint64    contact_id,
                             gint64    tag_id,
                             GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  stmt = tb_store_prepare_for_id (self, "DELETE FROM contact_tag WHERE contact_id = ?1 AND tag_id = ?2",
                                  contact_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, tag_id);
  return finish_contact_change (self, stmt, contact_id, _("Could not untag the contact"), error);
}

GPtrArray *
tb_store_contact_tag_list (TbStore  *self,
                           gint64    contact_id,
                           GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  return tb_store_list_for_id (self,
                               "SELECT tag.id, tag.name FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id "
                               "WHERE contact_tag.contact_id = ?1 ORDER BY tag.name",
                               contact_id, tag_from_row, (GDestroyNotify) tb_tag_free,
                               _("Could not list the tags"), error);
}
