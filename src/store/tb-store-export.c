/* tb-store-export.c: a campaign's contacts and messages as CSV
 *
 * Runs on its own connection (in a worker for the async form) and streams
 * row by row: memory does not grow with the campaign. Each file is written
 * to a temporary name and renamed over the target only when complete, so a
 * failed or cancelled export never leaves half a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "tb-store-export.h"
#include "tb-store-private.h"

#define FLUSH_BYTES (64 * 1024)

typedef struct {
  gint64  campaign_id;
  GFile  *contacts;
  GFile  *messages;
  TbStore *store;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->contacts);
  g_clear_object (&job->messages);
  g_clear_object (&job->store);
  g_free (job);
}

static char *
iso8601 (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec <= 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return NULL;
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Writes the line (with CRLF) when it has grown, or always with force. */
static gboolean
end_line (GOutputStream  *out,
          GString        *buffer,
          gboolean        force,
          GCancellable   *cancellable,
          GError        **error)
{
  if (!force && buffer->len < FLUSH_BYTES)
    return TRUE;
  if (buffer->len > 0 &&
      !g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

static GOutputStream *
open_output (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileOutputStream) out =
    g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);

  if (out == NULL)
    return NULL;
  return g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 64 * 1024);
}

/* Finishes the file, or abandons it (the target stays as it was). */
static gboolean
close_output (GOutputStream  *out,
              gboolean        ok,
              GCancellable   *cancellable,
              GError        **error)
{
  if (!ok)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (out, abandon, NULL);
      return FALSE;
    }
  return g_output_stream_close (out, cancellable, error);
}

/* Appends ",value" (see tb_csv_append_field()). */
static void
append_cell (GString    *line,
             const char *value,
             gboolean    text)
{
  g_string_append_c (line, ',');
  tb_csv_append_field (line, value, text);
}

static void
append_time_cell (GString *line,
                  gint64   usec)
{
  g_autofree char *text = iso8601 (usec);

  append_cell (line, text, FALSE);
}

/* Appends one row's fields, without the line end. */
typedef void (*RowWriter) (GString      *line,
                           sqlite3_stmt *stmt,
                           gpointer      data);

/* Streams the header line and one line a row of stmt into file; what says
 * what was being read when a step fails. */
static gboolean
write_rows (sqlite3       *db,
            sqlite3_stmt  *stmt,
            GFile         *file,
            const char    *header,
            RowWriter      write_row,
            gpointer       data,
            const char    *what,
            guint64       *count_out,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GOutputStream) out = NULL;
  gboolean ok = FALSE;
  int rc;

  out = open_output (file, cancellable, error);
  if (out == NULL)
    return FALSE;

  buffer = g_string_new (header);
  g_string_append (buffer, "\r\n");
  *count_out = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      write_row (buffer, stmt, data);
      g_string_append (buffer, "\r\n");
      (*count_out)++;

      if (!end_line (out, buffer, FALSE, cancellable, error))
        goto out;
      if ((*count_out & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, db, rc, what);
      goto out;
    }
  ok = end_line (out, buffer, TRUE, cancellable, error);

out:
  return close_output (out, ok, cancellable, ok ? error : NULL);
}

static GPtrArray *
string_column (sqlite3     *db,
               const char  *sql,
               gint64       campaign_id,
               GArray      *ids_out,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, campaign_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (names, tb_column_dup (stmt, 0, ""));
          if (ids_out != NULL)
            {
              gint64 id = sqlite3_column_int64 (stmt, 1);
              g_array_append_val (ids_out, id);
            }
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, db, rc, _("Could not read the campaign's columns"));
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* The campaign's own columns in the contacts query. */
typedef struct {
  GPtrArray *field_names;
  GPtrArray *questions;
  int        first_field_col;
  int        first_question_col;
  int        fields_col;
  gboolean   parse_fields;  /* some field name has a '"' */
} ContactColumns;

static void
write_contact_row (GString      *line,
                   sqlite3_stmt *stmt,
                   gpointer      data)
{
  ContactColumns *columns = data;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object = NULL;

  if (columns->parse_fields)
    {
      JsonNode *root;

      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, column_text (stmt, columns->fields_col), -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        object = json_node_get_object (root);
    }

  tb_csv_append_field (line, column_text (stmt, 0), TRUE);
  append_cell (line, column_text (stmt, 1), TRUE);
  append_cell (line, column_text (stmt, 2), FALSE);
  append_cell (line, column_text (stmt, 3), TRUE);
  for (guint i = 0; i < columns->field_names->len; i++)
    {
      const char *name = columns->field_names->pdata[i];
      const char *value = column_text (stmt, columns->first_field_col + (int) i);

      if (object != NULL && strchr (name, '"') != NULL && json_object_has_member (object, name))
        value = json_object_get_string_member_with_default (object, name, NULL);
      append_cell (line, value, TRUE);
    }
  append_cell (line, tb_contact_status_to_string (sqlite3_column_int (stmt, 4)), FALSE);
  append_cell (line, sqlite3_column_int (stmt, 5) ? "yes" : "no", FALSE);
  append_cell (line, column_text (stmt, 6), FALSE);
  append_cell (line, column_text (stmt, 7), TRUE);
  append_cell (line, column_text (stmt, 8), TRUE);
  for (guint i = 0; i < columns->questions->len; i++)
    append_cell (line, column_text (stmt, columns->first_question_col + (int) i), TRUE);
}

static gboolean
export_contacts (sqlite3       *db,
                 gint64         campaign_id,
                 GFile         *file,
                 guint64       *count_out,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) field_names = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GArray) question_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) header = g_string_new ("first_name,last_name,phone,zip");
  ContactColumns columns = { 0 };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int param = 2;
  int rc;

  field_names = string_column (db, "SELECT name, 0 FROM campaign_field WHERE campaign_id = ?1 ORDER BY position",
                               campaign_id, NULL, error);
  if (field_names == NULL)
    return FALSE;
  questions = string_column (db, "SELECT title, id FROM script WHERE campaign_id = ?1 AND kind = 2 "
                                 "ORDER BY position, id",
                             campaign_id, question_ids, error);
  if (questions == NULL)
    return FALSE;

  g_string_append (sql,
                   "SELECT contact.first_name, contact.last_name, contact.phone, contact.zip,"
                   "  contact.status, EXISTS (SELECT 1 FROM opt_out WHERE opt_out.phone = contact.phone),"
                   "  contact.time_zone, texter.name,"
                   "  (SELECT group_concat (tag.name, '; ') FROM contact_tag"
                   "   JOIN tag ON tag.id = contact_tag.tag_id WHERE contact_tag.contact_id = contact.id)");
  columns.field_names = field_names;
  columns.questions = questions;
  columns.first_field_col = 9;
  for (guint i = 0; i < field_names->len; i++)
    g_string_append_printf (sql, ", json_extract (contact.fields, ?%d)", param++);
  columns.first_question_col = columns.first_field_col + (int) field_names->len;
  for (guint i = 0; i < questions->len; i++)
    g_string_append_printf (sql, ", (SELECT answer.label FROM response JOIN answer ON answer.id = response.answer_id"
                                 " WHERE response.contact_id = contact.id AND response.question_id = ?%d)", param++);
  g_string_append (sql, ", contact.fields FROM contact LEFT JOIN texter ON texter.id = contact.texter_id"
                        " WHERE contact.campaign_id = ?1 ORDER BY contact.id");
  columns.fields_col = columns.first_question_col + (int) questions->len;

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return tb_store_set_error (error, db, rc, _("Could not read the contacts"));
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  param = 2;
  /* SQLite's JSON paths cannot name a key with a '"' in it: such fields
   * are read by parsing the row's JSON here instead. */
  for (guint i = 0; i < field_names->len; i++)
    {
      const char *name = field_names->pdata[i];
      g_autofree char *path = NULL;

      if (strchr (name, '"') != NULL)
        columns.parse_fields = TRUE;
      else
        path = g_strdup_printf ("$.\"%s\"", name);
      tb_bind_text (stmt, param++, path);
    }
  for (guint i = 0; i < question_ids->len; i++)
    sqlite3_bind_int64 (stmt, param++, g_array_index (question_ids, gint64, i));

  for (guint i = 0; i < field_names->len; i++)
    append_cell (header, field_names->pdata[i], TRUE);
  g_string_append (header, ",status,opted_out,time_zone,texter,tags");
  for (guint i = 0; i < questions->len; i++)
    append_cell (header, questions->pdata[i], TRUE);

  ok = write_rows (db, stmt, file, header->str, write_contact_row, &columns,
                   _("Could not read the contacts"), count_out, cancellable, error);
  sqlite3_finalize (stmt);
  return ok;
}

static void
write_message_row (GString      *line,
                   sqlite3_stmt *stmt,
                   gpointer      data)
{
  gboolean inbound = sqlite3_column_int (stmt, 4) == TB_MESSAGE_DIRECTION_IN;

  tb_csv_append_field (line, column_text (stmt, 0), FALSE);
  append_cell (line, column_text (stmt, 1), FALSE);
  append_cell (line, column_text (stmt, 2), TRUE);
  append_cell (line, column_text (stmt, 3), TRUE);
  append_cell (line, tb_message_direction_to_string (sqlite3_column_int (stmt, 4)), FALSE);
  append_cell (line, column_text (stmt, 5), TRUE);
  append_cell (line, tb_message_state_to_string (sqlite3_column_int (stmt, 6)), FALSE);
  for (int column = 7; column <= 10; column++)
    append_cell (line, column_text (stmt, column), TRUE);
  append_cell (line, column_text (stmt, 11), FALSE);
  append_time_cell (line, inbound ? 0 : sqlite3_column_int64 (stmt, 12));
  append_time_cell (line, inbound ? 0 : sqlite3_column_int64 (stmt, 13));
  append_time_cell (line, inbound ? sqlite3_column_int64 (stmt, 14) : 0);
}

static gboolean
export_messages (sqlite3       *db,
                 gint64         campaign_id,
                 GFile         *file,
                 guint64       *count_out,
                 GCancellable  *cancellable,
                 GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT message.contact_id, message.phone, contact.first_name, contact.last_name,"
                           "  message.direction, message.body, message.state, message.error_code,"
                           "  message.error_text, texter.name, message.provider_id, message.segments,"
                           "  message.pressed_at, message.sent_at, message.at "
                           "FROM message LEFT JOIN contact ON contact.id = message.contact_id"
                           "  LEFT JOIN texter ON texter.id = message.texter_id "
                           "WHERE message.campaign_id = ?1 ORDER BY message.id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return tb_store_set_error (error, db, rc, _("Could not read the messages"));
  sqlite3_bind_int64 (stmt, 1, campaign_id);

  ok = write_rows (db, stmt, file,
                   "contact_id,phone,first_name,last_name,direction,body,state,error_code,"
                   "error_text,texter,provider_id,segments,pressed_at,sent_at,received_at",
                   write_message_row, NULL, _("Could not read the messages"),
                   count_out, cancellable, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
run_export (ExportJob       *job,
            TbExportCounts  *counts,
            GCancellable    *cancellable,
            GError         **error)
{
  sqlite3 *db;
  gboolean ok = TRUE;
  sqlite3_stmt *stmt = NULL;
  gboolean exists = FALSE;

  memset (counts, 0, sizeof *counts);
  db = tb_store_open_worker_db (job->store, error);
  if (db == NULL)
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM campaign WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, job->campaign_id);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  if (!exists)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                   _("There is no campaign with id %" PRId64), job->campaign_id);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  /* One read transaction: both files show the same moment. */
  ok = tb_db_exec (db, "BEGIN;", _("Could not read the campaign"), error);
  if (ok && job->contacts != NULL)
    ok = export_contacts (db, job->campaign_id, job->contacts, &counts->contacts, cancellable, error);
  if (ok && job->messages != NULL)
    ok = export_messages (db, job->campaign_id, job->messages, &counts->messages, cancellable, error);
  tb_db_rollback (db);
  sqlite3_close_v2 (db);
  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  TbExportCounts *counts = g_new0 (TbExportCounts, 1);

  if (run_export (task_data, counts, cancellable, &error))
    g_task_return_pointer (task, counts, g_free);
  else
    {
      g_free (counts);
      g_task_return_error (task, error);
    }
}

static ExportJob *
export_job_new (TbStore *self,
                gint64   campaign_id,
                GFile   *contacts,
                GFile   *messages)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->store = g_object_ref (self);
  job->campaign_id = campaign_id;
  job->contacts = contacts != NULL ? g_object_ref (contacts) : NULL;
  job->messages = messages != NULL ? g_object_ref (messages) : NULL;
  return job;
}

void
tb_store_export_async (TbStore             *self,
                       gint64               campaign_id,
                       GFile               *contacts,
                       GFile               *messages,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_store_export_async);
  g_task_set_task_data (task, export_job_new (self, campaign_id, contacts, messages), export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
tb_store_export_finish (TbStore         *self,
                        GAsyncResult    *result,
                        TbExportCounts  *counts_out,
                        GError         **error)
{
  g_autofree TbExportCounts *counts = NULL;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  counts = g_task_propagate_pointer (G_TASK (result), error);
  if (counts == NULL)
    return FALSE;
  if (counts_out != NULL)
    *counts_out = *counts;
  return TRUE;
}

gboolean
tb_store_export_sync (TbStore         *self,
                      gint64           campaign_id,
                      GFile           *contacts,
                      GFile           *messages,
                      TbExportCounts  *counts_out,
                      GCancellable    *cancellable,
                      GError         **error)
{
  ExportJob *job;
  TbExportCounts counts;
  gboolean ok;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  job = export_job_new (self, campaign_id, contacts, messages);
  ok = run_export (job, &counts, cancellable, error);
  export_job_free (job);
  if (ok && counts_out != NULL)
    *counts_out = counts;
  return ok;
}
