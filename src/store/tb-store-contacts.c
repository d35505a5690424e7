/* tb-store-contacts.c: contacts and the queue queries
 *
 * Every list query pages by key (id > ? ORDER BY id LIMIT ?), never by
 * OFFSET, on the index contact_queue (campaign_id, status, id), or for a
 * name search on the full-text matches in id order: a page stops after its
 * rows however many match (tb_search_page_sql()). The searches run in a
 * worker thread are in tb-store-search.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tb-store-private.h"

/* A phone prefix with at most this many of the campaign's entries in the
 * phone index (among the first 4x as many) has its matches collected and
 * sorted; with more, the queue is walked in id order (see tb_search_page_sql()). */
#define PHONE_COLLECT_MAX 8192

/* A name search walks the full-text matches in a queue holding at least
 * 1/this of the campaign (see tb_search_page_sql()). */
#define NAME_WALK_MIN_SHARE 8

void
tb_search_clear (TbSearch *search)
{
  g_free (search->phone_prefix);
  g_free (search->phone_prefix_local);
  g_free (search->name_match);
}

/* A word as an FTS5 prefix query: a quoted string (its quotes doubled),
 * so no character the user types is FTS5 syntax. */
static void
append_prefix_query (GString    *query,
                     const char *column,
                     const char *word)
{
  if (column != NULL)
    g_string_append_printf (query, "{%s} : ", column);
  g_string_append_c (query, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append (query, "\"*");
}

gboolean
tb_search_parse (const char *text,
                 TbSearch   *search)
{
  g_autofree char *trimmed = NULL;
  gboolean has_digit = FALSE;
  gboolean phone_like = TRUE;

  memset (search, 0, sizeof *search);
  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return FALSE;

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        has_digit = TRUE;
      else if (strchr ("+-() .", *p) == NULL)
        phone_like = FALSE;
    }

  if (has_digit && phone_like)
    {
      GString *digits = g_string_new ("+");

      for (const char *p = trimmed; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      if (trimmed[0] != '+')
        search->phone_prefix_local = g_strdup_printf ("+1%s", digits->str + 1);
      search->phone_prefix = g_string_free (digits, FALSE);
      return TRUE;
    }
  else
    {
      g_auto(GStrv) words = g_strsplit_set (trimmed, " \t", 2);
      GString *match = g_string_new (NULL);

      /* One word: a prefix of the first or the last name; two: of the
       * first name, then of the last. */
      if (words[1] != NULL && *g_strstrip (words[1]) != '\0')
        {
          append_prefix_query (match, "first_name", words[0]);
          g_string_append (match, " AND ");
          append_prefix_query (match, "last_name", words[1]);
        }
      else
        append_prefix_query (match, NULL, words[0]);
      search->name_match = g_string_free (match, FALSE);
      return TRUE;
    }
}

/* Builds "FROM contact WHERE …" for a queue and search; binds are
 * ?1 campaign, ?2 status, ?3 after id, ?4 limit/skip, ?5..?6 search.
 * The matches are found through their own indexes in a subquery, so the
 * planner never walks the whole campaign in id order looking for them. */
static char *
where_clause (TbContactStatus status,
              const TbSearch *search,
              gboolean        searching)
{
  GString *sql = g_string_new ("FROM contact");

  /* A queue is read through its index whatever the statistics say: after a
   * fresh import they say every contact needs a first text, and a walk in
   * id order would then look fine for the planner and be slow for a small
   * queue later. */
  if (status != TB_CONTACT_STATUS_ANY)
    g_string_append (sql, " INDEXED BY contact_queue WHERE contact.campaign_id = ?1 AND contact.status = ?2");
  else
    g_string_append (sql, " WHERE contact.campaign_id = ?1");
  if (searching && search->phone_prefix != NULL)
    {
      /* ';' sorts right after '9': a range on the (phone, campaign) index. */
      g_string_append (sql, " AND contact.id IN (SELECT id FROM contact"
                            " WHERE phone >= ?5 AND phone < ?5 || ';' AND campaign_id = ?1");
      if (search->phone_prefix_local != NULL)
        g_string_append (sql, " UNION ALL SELECT id FROM contact"
                              " WHERE phone >= ?6 AND phone < ?6 || ';' AND campaign_id = ?1");
      g_string_append (sql, ")");
    }
  else if (searching)
    /* The campaign is checked on the contact row. */
    g_string_append (sql, " AND contact.id IN (SELECT rowid FROM contact_name"
                          " WHERE contact_name MATCH ?5 AND rowid > ?3)");
  g_string_append (sql, " AND contact.id > ?3");
  return g_string_free (sql, FALSE);
}

void
tb_search_bind (sqlite3_stmt    *stmt,
                gint64           campaign_id,
                TbContactStatus  status,
                const TbSearch  *search,
                gboolean         searching,
                gint64           after_id)
{
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  if (status != TB_CONTACT_STATUS_ANY)
    sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_int64 (stmt, 3, after_id);
  if (searching && search->phone_prefix != NULL)
    {
      tb_bind_text (stmt, 5, search->phone_prefix);
      if (search->phone_prefix_local != NULL)
        tb_bind_text (stmt, 6, search->phone_prefix_local);
    }
  else if (searching)
    tb_bind_text (stmt, 5, search->name_match);
}

/* How many of the first `scan` entries of the phone index under each of
 * the search's prefixes are the campaign's. The scan is bounded: when
 * other campaigns hold most of a prefix, the answer is low and the
 * matches are collected, as they always were. */
static gint64
count_phone_entries (sqlite3         *db,
                     gint64           campaign_id,
                     const TbSearch  *search,
                     gint64           scan,
                     GError         **error)
{
  const char *prefixes[] = { search->phone_prefix, search->phone_prefix_local };
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes) && prefixes[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      /* Prepared each time: the statement serves the store's connection
       * and the workers' alike, and preparing it is a few microseconds. */
      rc = sqlite3_prepare_v2 (db, "SELECT count (*) FROM (SELECT campaign_id FROM contact"
                                   " WHERE phone >= ?1 AND phone < ?1 || ';' LIMIT ?2)"
                                   " WHERE campaign_id = ?3", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          tb_bind_text (stmt, 1, prefixes[i]);
          sqlite3_bind_int64 (stmt, 2, scan);
          sqlite3_bind_int64 (stmt, 3, campaign_id);
          rc = sqlite3_step (stmt);
        }
      if (rc != SQLITE_ROW)
        {
          tb_store_set_error (error, db, rc, _("Could not list the contacts"));
          sqlite3_finalize (stmt);
          return -1;
        }
      total += sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return total;
}

/* How many contacts the campaign's queue holds and the campaign in all
 * (contact_count, one row per queue). */
static gboolean
count_queue (sqlite3          *db,
             gint64            campaign_id,
             TbContactStatus   status,
             gint64           *queue_out,
             gint64           *total_out,
             GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *queue_out = *total_out = 0;
  rc = sqlite3_prepare_v2 (db, "SELECT status, n FROM contact_count WHERE campaign_id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, campaign_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 n = sqlite3_column_int64 (stmt, 1);

          if (sqlite3_column_int (stmt, 0) == (int) status)
            *queue_out = n;
          *total_out += n;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return tb_store_set_error (error, db, rc, _("Could not count the contacts"));
  return TRUE;
}

/* How many of a name search's full-text matches there are, up to
 * `limit` (counting stops there; FTS5 still merges the prefix's lists). */
static gint64
count_name_matches (sqlite3         *db,
                    const TbSearch  *search,
                    gint64           limit,
                    GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count (*) FROM (SELECT 1 FROM contact_name"
                               " WHERE contact_name MATCH ?1 LIMIT ?2)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      tb_bind_text (stmt, 1, search->name_match);
      sqlite3_bind_int64 (stmt, 2, limit);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tb_store_set_error (error, db, rc, _("Could not list the contacts"));
  sqlite3_finalize (stmt);
  return n;
}

gboolean
tb_search_choose_plan (sqlite3          *db,
                       gint64            campaign_id,
                       TbContactStatus   status,
                       const TbSearch   *search,
                       TbSearchPlan     *plan_out,
                       gboolean         *walk_first_out,
                       GError          **error)
{
  *plan_out = TB_SEARCH_PLAN_WALK;
  if (walk_first_out != NULL)
    *walk_first_out = FALSE;
  if (search->phone_prefix != NULL)
    {
      gint64 entries = count_phone_entries (db, campaign_id, search, 4 * PHONE_COLLECT_MAX, error);

      if (entries < 0)
        return FALSE;
      if (entries <= PHONE_COLLECT_MAX)
        *plan_out = TB_SEARCH_PLAN_COLLECT;
    }
  else if (status != TB_CONTACT_STATUS_ANY)
    {
      gint64 queue, total, matches;

      if (!count_queue (db, campaign_id, status, &queue, &total, error))
        return FALSE;
      if (queue * NAME_WALK_MIN_SHARE >= total)
        return TRUE;
      /* A small queue: testing each of its contacts against the matches
       * beats looking each match up in the queue when the matches (in all
       * campaigns) are at least as many as the queue holds. An empty
       * queue never reads the matches at all. */
      *plan_out = TB_SEARCH_PLAN_QUEUE;
      if (queue == 0)
        return TRUE;
      /* The caller walks first: it asks again (without walk_first_out)
       * only when more than a page matches. */
      if (walk_first_out != NULL)
        {
          *walk_first_out = TRUE;
          return TRUE;
        }
      matches = count_name_matches (db, search, queue, error);
      if (matches < 0)
        return FALSE;
      if (matches < queue)
        *plan_out = TB_SEARCH_PLAN_COLLECT;
    }
  return TRUE;
}

/* A page's statement, which must stop after its LIMIT rows whatever the
 * number of matches:
 * - names: the full-text matches drive, in rowid (= contact id) order, and
 *   each one's contact row is checked for the campaign and queue;
 * - a phone prefix with few of the campaign's index entries: collected
 *   through the phone index and sorted (where_clause());
 * - a phone prefix with many: the queue in id order, each phone compared
 *   (the unary + keeps the planner off the phone index). Matches are then
 *   at least one in PHONE_COLLECT_MAX / contacts, so a page is near;
 * - names in a queue under 1/NAME_WALK_MIN_SHARE of the campaign: the
 *   walk would look at most matches to fill a page (all of them, for an
 *   empty queue), so either the queue's index is walked and each contact
 *   tested against the matches, collected once (TB_SEARCH_PLAN_QUEUE, the
 *   unary + keeps the planner from looking the matches up instead), or,
 *   when the matches are fewer than the queue's contacts, the matches are
 *   collected and each looked up in the queue's index (COLLECT), as for a
 *   rare phone. */
char *
tb_search_page_sql (const char      *columns,
                    TbContactStatus  status,
                    const TbSearch  *search,
                    gboolean         searching,
                    TbSearchPlan     plan)
{
  GString *sql;

  if (searching && plan == TB_SEARCH_PLAN_QUEUE && search->name_match != NULL &&
      status != TB_CONTACT_STATUS_ANY)
    return g_strdup_printf ("SELECT %s FROM contact INDEXED BY contact_queue"
                            " WHERE contact.campaign_id = ?1 AND contact.status = ?2 AND contact.id > ?3"
                            " AND +contact.id IN (SELECT rowid FROM contact_name WHERE contact_name MATCH ?5)"
                            " ORDER BY contact.id", columns);
  if (!searching || plan != TB_SEARCH_PLAN_WALK)
    {
      g_autofree char *where = where_clause (status, search, searching);

      return g_strdup_printf ("SELECT %s %s ORDER BY contact.id", columns, where);
    }

  sql = g_string_new (NULL);
  if (search->name_match != NULL)
    {
      g_string_append_printf (sql, "SELECT %s FROM contact_name CROSS JOIN contact"
                                   " ON contact.id = contact_name.rowid"
                                   " WHERE contact_name MATCH ?5 AND contact_name.rowid > ?3"
                                   " AND contact.campaign_id = ?1", columns);
      if (status != TB_CONTACT_STATUS_ANY)
        g_string_append (sql, " AND contact.status = ?2");
      g_string_append (sql, " ORDER BY contact_name.rowid");
      return g_string_free (sql, FALSE);
    }

  if (status != TB_CONTACT_STATUS_ANY)
    g_string_append_printf (sql, "SELECT %s FROM contact INDEXED BY contact_queue"
                                 " WHERE contact.campaign_id = ?1 AND contact.status = ?2", columns);
  else
    g_string_append_printf (sql, "SELECT %s FROM contact NOT INDEXED"
                                 " WHERE contact.campaign_id = ?1", columns);
  g_string_append (sql, " AND contact.id > ?3 AND ((+contact.phone >= ?5 AND +contact.phone < ?5 || ';')");
  if (search->phone_prefix_local != NULL)
    g_string_append (sql, " OR (+contact.phone >= ?6 AND +contact.phone < ?6 || ';')");
  g_string_append (sql, ") ORDER BY contact.id");
  return g_string_free (sql, FALSE);
}

/* Prepares a page-ordered statement (LIMIT and OFFSET appended by the
 * caller in tail) on the store's connection, bound but for ?4. */
static TbCachedStmt *
prepare_paged (TbStore          *self,
               const char       *columns,
               const char       *tail,
               gint64            campaign_id,
               TbContactStatus   status,
               const TbSearch     *search,
               gboolean          searching,
               gint64            after_id,
               GError          **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autofree char *base = NULL;
  g_autofree char *sql = NULL;
  TbSearchPlan plan = TB_SEARCH_PLAN_WALK;

  if (searching && !tb_search_choose_plan (tb_store_get_db (self), campaign_id, status, search, &plan, NULL, error))
    return NULL;
  base = tb_search_page_sql (columns, status, search, searching, plan);
  sql = g_strconcat (base, tail, NULL);
  stmt = tb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  tb_search_bind (stmt, campaign_id, status, search, searching, after_id);
  return g_steal_pointer (&stmt);
}

/* Counts what a search's pages walk through: every match is visited, so
 * this is for a worker (tb_store_contact_count_async()) or a small result. */
char *
tb_search_count_sql (TbContactStatus  status,
                     const TbSearch  *search)
{
  g_autofree char *where = where_clause (status, search, TRUE);

  return g_strdup_printf ("SELECT count(*) %s", where);
}

/* ---- Single contacts ---------------------------------------------------- */

TbContact *
tb_store_contact_get (TbStore  *self,
                      gint64    contact_id,
                      GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self, "SELECT " TB_CONTACT_SQL_COLUMNS " FROM contact WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return tb_contact_new_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND,
                 _("There is no contact with id %" PRId64), contact_id);
  else
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the contact"));
  return NULL;
}

static void
clear_contact (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

GPtrArray *
tb_store_contact_get_many (TbStore       *self,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GString) list = g_string_new ("[");
  guint i = 0;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (n_ids <= TB_STORE_GET_MANY_MAX, NULL);

  contacts = g_ptr_array_new_full (n_ids, clear_contact);
  g_ptr_array_set_size (contacts, n_ids);
  if (n_ids == 0)
    return g_steal_pointer (&contacts);

  /* One statement for any number of ids: a JSON array of them. */
  for (guint k = 0; k < n_ids; k++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, k > 0 ? "," : "", ids[k]);
  g_string_append_c (list, ']');
  stmt = tb_store_prepare (self, "SELECT " TB_CONTACT_SQL_COLUMNS " FROM contact"
                                 " WHERE contact.id IN (SELECT value FROM json_each (?1))"
                                 " ORDER BY contact.id", error);
  if (stmt == NULL)
    return NULL;
  tb_bind_text (stmt, 1, list->str);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* Rows come in id order, as the ids do: a gone contact is skipped. */
      while (i < n_ids && ids[i] < id)
        i++;
      if (i < n_ids && ids[i] == id)
        contacts->pdata[i++] = tb_contact_new_from_row (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not read the contacts"));
      return NULL;
    }
  return g_steal_pointer (&contacts);
}

gint64
tb_store_contact_add (TbStore     *self,
                      gint64       campaign_id,
                      const char  *phone,
                      const char  *first_name,
                      const char  *last_name,
                      const char  *zip,
                      const char  *time_zone,
                      const char  *fields_json,
                      GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  sqlite3 *db;
  gint64 id;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), 0);
  g_return_val_if_fail (phone != NULL, 0);

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self,
                           "INSERT INTO contact (campaign_id, phone, first_name, last_name, zip, "
                           "  time_zone, fields, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  tb_bind_text (stmt, 2, phone);
  tb_bind_text (stmt, 3, first_name != NULL ? first_name : "");
  tb_bind_text (stmt, 4, last_name != NULL ? last_name : "");
  tb_bind_text (stmt, 5, zip != NULL ? zip : "");
  tb_bind_text (stmt, 6, time_zone);
  tb_bind_text (stmt, 7, fields_json != NULL ? fields_json : "{}");
  sqlite3_bind_int64 (stmt, 8, tb_now ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE,
                     _("The campaign already has a contact with the phone %s"), phone);
      else
        {
          g_autofree char *what = g_strdup_printf (_("Could not add the contact %s"), phone);
          tb_store_set_error (error, db, rc, what);
        }
      return 0;
    }
  id = sqlite3_last_insert_rowid (db);
  tb_store_emit_contacts_changed (self, campaign_id, id);
  return id;
}

gboolean
tb_store_contact_set_name (TbStore     *self,
                           gint64       contact_id,
                           const char  *first_name,
                           const char  *last_name,
                           GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(TbContact) contact = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  db = tb_store_get_db (self);
  /* contact_name_update keeps the search's name keys. */
  stmt = tb_store_prepare (self, "UPDATE contact SET first_name = ?2, last_name = ?3, updated_at = ?4"
                                 " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  tb_bind_text (stmt, 2, first_name != NULL ? first_name : "");
  tb_bind_text (stmt, 3, last_name != NULL ? last_name : "");
  sqlite3_bind_int64 (stmt, 4, tb_now ());
  if (!tb_step_done (db, stmt, _("Could not rename the contact"), error) ||
      !tb_check_changed (db, "contact", contact_id, error))
    return FALSE;

  g_clear_pointer (&stmt, tb_cached_stmt_release);
  contact = tb_store_contact_get (self, contact_id, NULL);
  tb_store_emit_contacts_changed (self, contact != NULL ? tb_contact_get_campaign_id (contact) : 0,
                                  contact_id);
  return TRUE;
}

gboolean
tb_store_contact_set_status (TbStore          *self,
                             gint64            contact_id,
                             TbContactStatus   status,
                             GError          **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(TbContact) contact = NULL;
  sqlite3 *db;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (status >= 0 && status < TB_CONTACT_N_STATUSES, FALSE);

  if (status == TB_CONTACT_STATUS_OPTED_OUT)
    {
      g_set_error_literal (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT,
                           _("A contact is opted out by adding the phone to the opt-out list"));
      return FALSE;
    }

  db = tb_store_get_db (self);
  stmt = tb_store_prepare (self, "UPDATE contact SET status = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_int64 (stmt, 3, tb_now ());
  if (!tb_step_done (db, stmt, _("Could not change the contact's queue"), error) ||
      !tb_check_changed (db, "contact", contact_id, error))
    return FALSE;

  g_clear_pointer (&stmt, tb_cached_stmt_release);
  contact = tb_store_contact_get (self, contact_id, NULL);
  tb_store_emit_contacts_changed (self, contact != NULL ? tb_contact_get_campaign_id (contact) : 0,
                                  contact_id);
  return TRUE;
}

/* ---- Queue queries ------------------------------------------------------ */

TbContact *
tb_store_contact_next_first_text (TbStore  *self,
                                  gint64    campaign_id,
                                  gint64    after_id,
                                  GError  **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  stmt = tb_store_prepare (self,
                           "SELECT " TB_CONTACT_SQL_COLUMNS " FROM contact INDEXED BY contact_queue "
                           "WHERE campaign_id = ?1 AND status = 0 AND id > ?2 "
                           "ORDER BY id LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_int64 (stmt, 2, after_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return tb_contact_new_from_row (stmt);
  if (rc != SQLITE_DONE)
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not find the next contact"));
  return NULL;
}

GPtrArray *
tb_store_contact_page (TbStore          *self,
                       gint64            campaign_id,
                       TbContactStatus   status,
                       const char       *search_text,
                       gint64            after_id,
                       guint             limit,
                       GError          **error)
{
  g_auto(TbSearch) search = { NULL, NULL, NULL };
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean searching;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);

  searching = tb_search_parse (search_text, &search);
  stmt = prepare_paged (self, TB_CONTACT_SQL_COLUMNS, " LIMIT ?4", campaign_id, status, &search,
                        searching, after_id, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 4, limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (contacts, tb_contact_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the contacts"));
      return NULL;
    }
  return g_steal_pointer (&contacts);
}

gint64
tb_store_contact_count (TbStore          *self,
                        gint64            campaign_id,
                        TbContactStatus   status,
                        const char       *search_text,
                        GError          **error)
{
  g_auto(TbSearch) search = { NULL, NULL, NULL };
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean searching;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), -1);

  searching = tb_search_parse (search_text, &search);
  if (!searching)
    {
      TbQueueCounts counts;

      if (!tb_store_contact_counts (self, campaign_id, &counts, error))
        return -1;
      return status == TB_CONTACT_STATUS_ANY ? counts.total : counts.by_status[status];
    }

  sql = tb_search_count_sql (status, &search);
  stmt = tb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  tb_search_bind (stmt, campaign_id, status, &search, searching, 0);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not count the contacts"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gint64
tb_store_contact_seek (TbStore          *self,
                       gint64            campaign_id,
                       TbContactStatus   status,
                       const char       *search_text,
                       gint64            after_id,
                       gint64            skip,
                       GError          **error)
{
  g_auto(TbSearch) search = { NULL, NULL, NULL };
  g_autoptr(TbCachedStmt) stmt = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  gboolean searching;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), 0);

  searching = tb_search_parse (search_text, &search);
  where = where_clause (status, &search, searching);
  /* Only the index is read: the skipped rows are never loaded. */
  sql = g_strdup_printf ("SELECT contact.id %s ORDER BY contact.id LIMIT 1 OFFSET ?4", where);
  stmt = tb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return 0;
  tb_search_bind (stmt, campaign_id, status, &search, searching, after_id);
  sqlite3_bind_int64 (stmt, 4, skip);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    tb_store_set_error (error, tb_store_get_db (self), rc, _("Could not list the contacts"));
  return 0;
}
