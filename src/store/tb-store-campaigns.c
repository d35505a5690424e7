/* tb-store-campaigns.c: campaigns, their scripts, tags, texters, audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tb-store-private.h"

#define SCRIPT_CANNED   1
#define SCRIPT_QUESTION 2

/* ---- Campaigns -------------------------------------------------------- */

gint64
tb_store_campaign_create (TbStore     *self,
                          const char  *name,
                          const char  *description,
                          const char  *sender,
                          gboolean     is_demo,
                          GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  db = tb_store_get_db (self);
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
  if (!tb_step_done (db, stmt, _("Could not create the campaign"), error))
    return 0;

  id = sqlite3_last_insert_rowid (db);
  tb_store_emit_campaigns_changed (self, id);
  return id;
}

TbCampaign *
tb_store_campaign_get (TbStore     *self,
                       gint64       campaign_id,
                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT " TB_CAMPAIGN_SQL_COLUMNS " FROM campaign WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return tb_campaign_new_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                 _("There is no campaign with id %" PRId64), campaign_id);
  else
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the campaign"));
  return NULL;
}

GPtrArray *
tb_store_campaign_list (TbStore          *self,
                        TbCampaignState   state,
                        GError          **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT " TB_CAMPAIGN_SQL_COLUMNS " FROM campaign "
                           "WHERE ?1 < 0 OR state = ?1 ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, state);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (campaigns, tb_campaign_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the campaigns"));
      return NULL;
    }
  return g_steal_pointer (&campaigns);
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
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "UPDATE campaign SET "
                           "  name = coalesce (?2, name),"
                           "  description = coalesce (?3, description),"
                           "  sender = CASE WHEN ?4 IS NULL THEN sender WHEN ?4 = '' THEN NULL ELSE ?4 END,"
                           "  hours_start_min = CASE WHEN ?5 < 0 THEN hours_start_min ELSE ?5 END,"
                           "  hours_end_min = CASE WHEN ?6 < 0 THEN hours_end_min ELSE ?6 END "
                           "WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  tb_bind_text (stmt, 2, name);
  tb_bind_text (stmt, 3, description);
  tb_bind_text (stmt, 4, sender);
  sqlite3_bind_int (stmt, 5, hours_start_min);
  sqlite3_bind_int (stmt, 6, hours_end_min);
  if (!tb_step_done (db, stmt, _("Could not change the campaign"), error) ||
      !tb_check_changed (db, "campaign", campaign_id, error))
    return FALSE;

  tb_store_emit_campaigns_changed (self, campaign_id);
  return TRUE;
}

gboolean
tb_store_campaign_set_initial_message (TbStore     *self,
                                       gint64       campaign_id,
                                       const char  *body,
                                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "UPDATE campaign SET initial_message = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  tb_bind_text (stmt, 2, body != NULL ? body : "");
  if (!tb_step_done (db, stmt, _("Could not save the initial message"), error) ||
      !tb_check_changed (db, "campaign", campaign_id, error))
    return FALSE;

  tb_store_emit_campaigns_changed (self, campaign_id);
  return TRUE;
}

gboolean
tb_store_campaign_set_state (TbStore          *self,
                             gint64            campaign_id,
                             TbCampaignState   state,
                             GError          **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state == TB_CAMPAIGN_STATE_ACTIVE || state == TB_CAMPAIGN_STATE_ARCHIVED, FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "UPDATE campaign SET state = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_int (stmt, 2, state);
  if (!tb_step_done (db, stmt, _("Could not change the campaign"), error) ||
      !tb_check_changed (db, "campaign", campaign_id, error))
    return FALSE;

  tb_store_emit_campaigns_changed (self, campaign_id);
  return TRUE;
}

gboolean
tb_store_campaign_archive (TbStore  *self,
                           gint64    campaign_id,
                           GError  **error)
{
  return tb_store_campaign_set_state (self, campaign_id, TB_CAMPAIGN_STATE_ARCHIVED, error);
}

/* ---- Canned replies ---------------------------------------------------- */

gint64
tb_store_canned_reply_add (TbStore     *self,
                           gint64       campaign_id,
                           const char  *title,
                           const char  *body,
                           GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), 0);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT INTO script (campaign_id, kind, title, body, position) "
                           "VALUES (?1, 1, ?2, ?3, (SELECT coalesce (max (position) + 1, 0) "
                           "  FROM script WHERE campaign_id = ?1 AND kind = 1))",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  tb_bind_text (stmt, 2, title != NULL ? title : "");
  tb_bind_text (stmt, 3, body != NULL ? body : "");
  if (!tb_step_done (db, stmt, _("Could not add the canned reply"), error))
    return 0;
  tb_store_emit_campaigns_changed (self, campaign_id);
  return sqlite3_last_insert_rowid (db);
}

gboolean
tb_store_canned_reply_update (TbStore     *self,
                              gint64       reply_id,
                              const char  *title,
                              const char  *body,
                              GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "UPDATE script SET title = coalesce (?2, title), body = coalesce (?3, body) "
                           "WHERE id = ?1 AND kind = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, reply_id);
  tb_bind_text (stmt, 2, title);
  tb_bind_text (stmt, 3, body);
  if (!tb_step_done (db, stmt, _("Could not change the canned reply"), error) ||
      !tb_check_changed (db, "canned reply", reply_id, error))
    return FALSE;
  tb_store_emit_campaigns_changed (self, 0);
  return TRUE;
}

gboolean
tb_store_canned_reply_move (TbStore  *self,
                            gint64    reply_id,
                            int       position,
                            GError  **error)
{
  g_autoptr(GPtrArray) replies = NULL;
  sqlite3 *db;
  gint64 campaign_id = 0;
  int from = -1;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  {
    g_autoptr(TbCachedStmt) stmt =
      tb_store_prepare (self, "SELECT campaign_id FROM script WHERE id = ?1 AND kind = 1", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, reply_id);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      campaign_id = sqlite3_column_int64 (stmt, 0);
  }
  if (campaign_id == 0)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no canned reply with id %" PRId64), reply_id);
      return FALSE;
    }

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
        tb_store_prepare (self, "UPDATE script SET position = ?2 WHERE id = ?1", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ((TbCannedReply *) replies->pdata[i])->id);
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
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "DELETE FROM script WHERE id = ?1 AND kind = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, reply_id);
  if (!tb_step_done (db, stmt, _("Could not remove the canned reply"), error) ||
      !tb_check_changed (db, "canned reply", reply_id, error))
    return FALSE;
  tb_store_emit_campaigns_changed (self, 0);
  return TRUE;
}

GPtrArray *
tb_store_canned_reply_list (TbStore     *self,
                            gint64       campaign_id,
                            GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_canned_reply_free);
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT id, campaign_id, title, body, position FROM script "
                           "WHERE campaign_id = ?1 AND kind = 1 ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TbCannedReply *reply = g_new0 (TbCannedReply, 1);

      reply->id = sqlite3_column_int64 (stmt, 0);
      reply->campaign_id = sqlite3_column_int64 (stmt, 1);
      reply->title = tb_column_dup (stmt, 2, "");
      reply->body = tb_column_dup (stmt, 3, "");
      reply->position = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (replies, reply);
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the canned replies"));
      return NULL;
    }
  return g_steal_pointer (&replies);
}

/* ---- Survey questions, answers, responses ------------------------------ */

gint64
tb_store_question_add (TbStore     *self,
                       gint64       campaign_id,
                       const char  *text,
                       GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT INTO script (campaign_id, kind, title, position) "
                           "VALUES (?1, 2, ?2, (SELECT coalesce (max (position) + 1, 0) "
                           "  FROM script WHERE campaign_id = ?1 AND kind = 2))",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  tb_bind_text (stmt, 2, text);
  if (!tb_step_done (db, stmt, _("Could not add the survey question"), error))
    return 0;
  tb_store_emit_campaigns_changed (self, campaign_id);
  return sqlite3_last_insert_rowid (db);
}

gint64
tb_store_answer_add (TbStore     *self,
                     gint64       question_id,
                     const char  *label,
                     const char  *follow_up_body,
                     GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT INTO answer (question_id, label, body, position) "
                           "SELECT ?1, ?2, ?3, (SELECT coalesce (max (position) + 1, 0) "
                           "  FROM answer WHERE question_id = ?1) "
                           "WHERE EXISTS (SELECT 1 FROM script WHERE id = ?1 AND kind = 2)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, question_id);
  tb_bind_text (stmt, 2, label);
  tb_bind_text (stmt, 3, follow_up_body != NULL && *follow_up_body != '\0' ? follow_up_body : NULL);
  if (!tb_step_done (db, stmt, _("Could not add the answer"), error) ||
      !tb_check_changed (db, "survey question", question_id, error))
    return 0;
  tb_store_emit_campaigns_changed (self, 0);
  return sqlite3_last_insert_rowid (db);
}

gboolean
tb_store_question_remove (TbStore  *self,
                          gint64    question_id,
                          GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "DELETE FROM script WHERE id = ?1 AND kind = 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, question_id);
  if (!tb_step_done (db, stmt, _("Could not remove the survey question"), error) ||
      !tb_check_changed (db, "survey question", question_id, error))
    return FALSE;
  tb_store_emit_campaigns_changed (self, 0);
  return TRUE;
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

  stmt = tb_store_prepare (self,
                           "SELECT s.id, s.title, s.position, a.id, a.label, a.body, a.position "
                           "FROM script s LEFT JOIN answer a ON a.question_id = s.id "
                           "WHERE s.campaign_id = ?1 AND s.kind = 2 "
                           "ORDER BY s.position, s.id, a.position, a.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
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

gboolean
tb_store_response_set (TbStore  *self,
                       gint64    contact_id,
                       gint64    question_id,
                       gint64    answer_id,
                       gint64    texter_id,
                       GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  if (answer_id == 0)
    stmt = tb_store_prepare (self,
                             "DELETE FROM response WHERE contact_id = ?1 AND question_id = ?2",
                             error);
  else
    stmt = tb_store_prepare (self,
                             "INSERT INTO response (contact_id, question_id, answer_id, texter_id, created_at) "
                             "SELECT ?1, ?2, ?3, ?4, ?5 "
                             "WHERE EXISTS (SELECT 1 FROM answer WHERE id = ?3 AND question_id = ?2) "
                             "ON CONFLICT (contact_id, question_id) DO UPDATE SET "
                             "  answer_id = excluded.answer_id, texter_id = excluded.texter_id,"
                             "  created_at = excluded.created_at",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, question_id);
  if (answer_id != 0)
    {
      sqlite3_bind_int64 (stmt, 3, answer_id);
      tb_bind_id (stmt, 4, texter_id);
      sqlite3_bind_int64 (stmt, 5, tb_now ());
    }
  if (!tb_step_done (db, stmt, _("Could not save the survey answer"), error))
    return FALSE;
  if (answer_id != 0 && sqlite3_changes (db) == 0)
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
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) responses =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tb_survey_response_free);
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT question_id, answer_id, texter_id, created_at FROM response "
                           "WHERE contact_id = ?1 ORDER BY question_id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TbSurveyResponse *response = g_new0 (TbSurveyResponse, 1);

      response->contact_id = contact_id;
      response->question_id = sqlite3_column_int64 (stmt, 0);
      response->answer_id = sqlite3_column_int64 (stmt, 1);
      response->texter_id = sqlite3_column_int64 (stmt, 2);
      response->created_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (responses, response);
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the survey answers"));
      return NULL;
    }
  return g_steal_pointer (&responses);
}

/* ---- Tags -------------------------------------------------------------- */

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

static GPtrArray *
read_tags (TbStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_tag_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TbTag *tag = g_new0 (TbTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = tb_column_dup (stmt, 1, "");
      g_ptr_array_add (tags, tag);
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the tags"));
      return NULL;
    }
  return g_steal_pointer (&tags);
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
  return read_tags (self, stmt, error);
}

gboolean
tb_store_contact_tag_add (TbStore  *self,
                          gint64    contact_id,
                          gint64    tag_id,
                          gint64    texter_id,
                          GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id, texter_id, created_at) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  tb_bind_id (stmt, 3, texter_id);
  sqlite3_bind_int64 (stmt, 4, tb_now ());
  if (!tb_step_done (db, stmt, _("Could not tag the contact"), error))
    return FALSE;
  tb_store_emit_contacts_changed (self, 0, contact_id);
  return TRUE;
}

gboolean
tb_store_contact_tag_remove (TbStore  *self,
                             gint64    contact_id,
                             gint64    tag_id,
                             GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "DELETE FROM contact_tag WHERE contact_id = ?1 AND tag_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  if (!tb_step_done (db, stmt, _("Could not untag the contact"), error))
    return FALSE;
  tb_store_emit_contacts_changed (self, 0, contact_id);
  return TRUE;
}

GPtrArray *
tb_store_contact_tag_list (TbStore  *self,
                           gint64    contact_id,
                           GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT tag.id, tag.name FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id "
                           "WHERE contact_tag.contact_id = ?1 ORDER BY tag.name",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  return read_tags (self, stmt, error);
}

/* ---- Texters ------------------------------------------------------------ */

#define TEXTER_COLUMNS "id, name, pin_hash, is_admin, created_at"

static TbTexter *
texter_from_row (sqlite3_stmt *stmt)
{
  TbTexter *texter = g_new0 (TbTexter, 1);

  texter->id = sqlite3_column_int64 (stmt, 0);
  texter->name = tb_column_dup (stmt, 1, "");
  texter->pin_hash = tb_column_dup (stmt, 2, NULL);
  texter->is_admin = sqlite3_column_int (stmt, 3) != 0;
  texter->created_at = sqlite3_column_int64 (stmt, 4);
  return texter;
}

gint64
tb_store_texter_add (TbStore     *self,
                     const char  *name,
                     const char  *pin_hash,
                     gboolean     is_admin,
                     GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT INTO texter (name, pin_hash, is_admin, created_at) "
                           "VALUES (trim (?1), ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    return 0;
  tb_bind_text (stmt, 1, name);
  tb_bind_text (stmt, 2, pin_hash);
  sqlite3_bind_int (stmt, 3, is_admin ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, tb_now ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE,
                     _("There is already a texter named “%s”"), name);
      else
        tb_store_set_error (error, db, rc, _("Could not add the texter"));
      return 0;
    }
  return sqlite3_last_insert_rowid (db);
}

static TbTexter *
texter_get (TbStore     *self,
            const char  *sql,
            gint64       id,
            const char  *name,
            GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = tb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    tb_bind_text (stmt, 1, name);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return texter_from_row (stmt);
  if (rc != SQLITE_DONE)
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the texter"));
  else if (name != NULL)
    g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                 _("There is no texter named “%s”"), name);
  else
    g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                 _("There is no texter with id %" PRId64), id);
  return NULL;
}

TbTexter *
tb_store_texter_get (TbStore  *self,
                     gint64    texter_id,
                     GError  **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  return texter_get (self, "SELECT " TEXTER_COLUMNS " FROM texter WHERE id = ?1",
                     texter_id, NULL, error);
}

TbTexter *
tb_store_texter_get_by_name (TbStore     *self,
                             const char  *name,
                             GError     **error)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return texter_get (self, "SELECT " TEXTER_COLUMNS " FROM texter WHERE name = trim (?1)",
                     0, name, error);
}

GPtrArray *
tb_store_texter_list (TbStore  *self,
                      GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) texters = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_texter_free);
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self, "SELECT " TEXTER_COLUMNS " FROM texter ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (texters, texter_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the texters"));
      return NULL;
    }
  return g_steal_pointer (&texters);
}

gboolean
tb_store_texter_set_pin_hash (TbStore     *self,
                              gint64       texter_id,
                              const char  *pin_hash,
                              GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "UPDATE texter SET pin_hash = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, texter_id);
  tb_bind_text (stmt, 2, pin_hash);
  return tb_step_done (db, stmt, _("Could not save the PIN"), error) &&
         tb_check_changed (db, "texter", texter_id, error);
}

gboolean
tb_store_texter_set_admin (TbStore  *self,
                           gint64    texter_id,
                           gboolean  is_admin,
                           GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "UPDATE texter SET is_admin = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, texter_id);
  sqlite3_bind_int (stmt, 2, is_admin ? 1 : 0);
  return tb_step_done (db, stmt, _("Could not change the texter"), error) &&
         tb_check_changed (db, "texter", texter_id, error);
}

/* ---- Audit -------------------------------------------------------------- */

gint64
tb_store_audit_add (TbStore     *self,
                    gint64       texter_id,
                    const char  *action,
                    const char  *subject,
                    const char  *detail,
                    GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (action != NULL, 0);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT INTO audit (at, texter_id, action, subject, detail) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, tb_now ());
  tb_bind_id (stmt, 2, texter_id);
  tb_bind_text (stmt, 3, action);
  tb_bind_text (stmt, 4, subject);
  tb_bind_text (stmt, 5, detail);
  if (!tb_step_done (db, stmt, _("Could not write the audit log"), error))
    return 0;
  return sqlite3_last_insert_rowid (db);
}

GPtrArray *
tb_store_audit_list (TbStore  *self,
                     gint64    before_id,
                     guint     limit,
                     GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tb_audit_entry_free);
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT audit.id, audit.at, audit.texter_id, texter.name, audit.action, "
                           "  audit.subject, audit.detail "
                           "FROM audit LEFT JOIN texter ON texter.id = audit.texter_id "
                           "WHERE audit.id < ?1 ORDER BY audit.id DESC LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_id > 0 ? before_id : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TbAuditEntry *entry = g_new0 (TbAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = sqlite3_column_int64 (stmt, 1);
      entry->texter_id = sqlite3_column_int64 (stmt, 2);
      entry->texter_name = tb_column_dup (stmt, 3, NULL);
      entry->action = tb_column_dup (stmt, 4, "");
      entry->subject = tb_column_dup (stmt, 5, NULL);
      entry->detail = tb_column_dup (stmt, 6, NULL);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the audit log"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}
