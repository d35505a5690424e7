/* tb-store-private.h: what the store's own files share (SQLite lives here)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "tb-store.h"
#include "tb-store-wal-worker-private.h"

G_BEGIN_DECLS

/* Column lists that the _new_from_row constructors read, in order. */
#define TB_CAMPAIGN_SQL_COLUMNS \
  "campaign.id, campaign.name, campaign.description, campaign.sender, " \
  "campaign.hours_start_min, campaign.hours_end_min, campaign.state, " \
  "campaign.is_demo, campaign.initial_message, campaign.created_at"
#define TB_CONTACT_SQL_COLUMNS \
  "contact.id, contact.campaign_id, contact.phone, contact.first_name, " \
  "contact.last_name, contact.zip, contact.time_zone, contact.fields, " \
  "contact.status, contact.texter_id, contact.last_message_preview, " \
  "contact.last_message_at, contact.updated_at"
#define TB_MESSAGE_SQL_COLUMNS \
  "message.id, message.contact_id, message.direction, message.phone, " \
  "message.our_phone, message.body, message.state, message.provider, " \
  "message.provider_id, message.error_code, message.error_text, " \
  "message.segments, message.texter_id, message.is_first, " \
  "message.pressed_at, message.sent_at, message.at, message.updated_at"

TbCampaign  *tb_campaign_new_from_row (sqlite3_stmt *stmt);
TbContact   *tb_contact_new_from_row  (sqlite3_stmt *stmt);
TbMessage   *tb_message_new_from_row  (sqlite3_stmt *stmt);

/* A column as a new string; fallback (copied) when it is NULL. */
char        *tb_column_dup            (sqlite3_stmt *stmt,
                                       int           column,
                                       const char   *fallback);

/* A cached prepared statement: reset and unbound when it goes out of scope
 * (g_autoptr(TbCachedStmt)), never finalized by the caller. */
typedef sqlite3_stmt TbCachedStmt;
void         tb_cached_stmt_release   (TbCachedStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbCachedStmt, tb_cached_stmt_release)

/* Connections: the store's own, and extra ones for worker threads. */
sqlite3     *tb_store_get_db          (TbStore      *self);
sqlite3     *tb_store_open_worker_db  (TbStore      *self,
                                       GError      **error);
/* The WAL file's size after it starts over (bytes), whatever it grew to. */
#define TB_STORE_WAL_SIZE_LIMIT 67108864
void         tb_store_configure_db    (sqlite3      *db);
/* Checkpoints of the store's own connection run on a worker thread. */
TbWalWorker *tb_store_get_wal_worker (TbStore   *self);

TbCachedStmt *tb_store_prepare        (TbStore      *self,
                                       const char   *sql,
                                       GError      **error);

/* Sets error from a failed SQLite call; what says what we were doing
 * ("Could not save the message"). Always returns FALSE. */
gboolean     tb_store_set_error       (GError      **error,
                                       sqlite3      *db,
                                       int           rc,
                                       const char   *what);
/* Runs SQL without results (may hold several statements). */
gboolean     tb_db_exec               (sqlite3      *db,
                                       const char   *sql,
                                       const char   *what,
                                       GError      **error);
/* BEGIN IMMEDIATE (a writer takes the lock first, so no deadlock on
 * upgrade), COMMIT, ROLLBACK. */
gboolean     tb_db_begin              (sqlite3      *db,
                                       GError      **error);
gboolean     tb_db_commit             (sqlite3      *db,
                                       GError      **error);
void         tb_db_rollback           (sqlite3      *db);

/* Binds text, or NULL when value is NULL. */
int          tb_bind_text             (sqlite3_stmt *stmt,
                                       int           index,
                                       const char   *value);
/* Binds an id, or NULL when it is 0. */
int          tb_bind_id               (sqlite3_stmt *stmt,
                                       int           index,
                                       gint64        id);

/* The schema: migrates db from its user_version to TB_STORE_VERSION. */
gboolean     tb_store_migrate         (sqlite3      *db,
                                       int           from_version,
                                       GError      **error);
/* The same up to to_version only: the tests build older files with it. */
gboolean     tb_store_migrate_to      (sqlite3      *db,
                                       int           from_version,
                                       int           to_version,
                                       GError      **error);

/* Signals; safe from any thread (delivered on the store's context). */
void         tb_store_emit_campaigns_changed (TbStore    *self,
                                              gint64      campaign_id);
/* Whether the store's own connection has waited for the write lock
 * since the last clear (any thread may ask): an import's transaction then
 * ends early. */
gboolean     tb_store_writer_is_waiting     (TbStore    *self);
void         tb_store_clear_writer_waiting  (TbStore    *self);
void         tb_store_emit_contacts_changed  (TbStore    *self,
                                              gint64      campaign_id,
                                              gint64      contact_id);
void         tb_store_emit_messages_changed  (TbStore    *self,
                                              gint64      contact_id,
                                              gint64      message_id);
void         tb_store_emit_opt_outs_changed  (TbStore    *self,
                                              const char *phone);

/* Adds an audit entry (in the caller's transaction, if any): its id, or 0
 * with error set (what). */
gint64       tb_store_audit_insert    (TbStore      *self,
                                       gint64        at,
                                       gint64        texter_id,
                                       const char   *action,
                                       const char   *subject,
                                       const char   *detail,
                                       const char   *what,
                                       GError      **error);

/* Internal queries shared by import and export. */
gboolean     tb_db_is_opted_out       (sqlite3      *db,
                                       const char   *phone,
                                       gboolean     *opted_out,
                                       GError      **error);

/* Steps a statement that returns no rows; sets error on failure. */
gboolean     tb_step_done             (sqlite3      *db,
                                       sqlite3_stmt *stmt,
                                       const char   *what,
                                       GError      **error);
/* After an UPDATE/DELETE: NOT_FOUND naming what when no row changed. */
gboolean     tb_check_changed         (sqlite3      *db,
                                       const char   *what,
                                       gint64        id,
                                       GError      **error);
gint64       tb_now                   (void);
/* A message body as one line of at most 120 characters, for the contact
 * list. */
char        *tb_message_preview       (const char   *body);

/* ---- The shapes every query function shares --------------------------- */

/* Which record a lookup by id was for, so NOT_FOUND can name it. */
typedef enum {
  TB_RECORD_CAMPAIGN,
  TB_RECORD_CANNED_REPLY,
  TB_RECORD_CONTACT,
  TB_RECORD_MESSAGE,
  TB_RECORD_TEXTER,
} TbRecordKind;

/* Sets NOT_FOUND: "There is no campaign with id 7". Always returns FALSE. */
gboolean     tb_set_not_found         (GError      **error,
                                       TbRecordKind  kind,
                                       gint64        id);

/* Makes one record (or row struct) from the current row. */
typedef gpointer (*TbRowReader) (sqlite3_stmt *stmt);

/* A cached statement with id bound to ?1. */
TbCachedStmt *tb_store_prepare_for_id (TbStore      *self,
                                       const char   *sql,
                                       gint64        id,
                                       GError      **error);
/* Steps an UPDATE or DELETE: what on failure, NOT_FOUND naming noun and id
 * (tb_check_changed()) when no row changed. */
gboolean     tb_store_step_changed    (TbStore      *self,
                                       sqlite3_stmt *stmt,
                                       const char   *what,
                                       const char   *noun,
                                       gint64        id,
                                       GError      **error);
/* tb_store_prepare_for_id() and tb_store_step_changed() for a statement
 * whose only parameter is the id. */
gboolean     tb_store_exec_for_id     (TbStore      *self,
                                       const char   *sql,
                                       gint64        id,
                                       const char   *what,
                                       const char   *noun,
                                       GError      **error);
/* Steps an INSERT: the new row's id, or 0 with error set (what). */
gint64       tb_store_step_insert     (TbStore      *self,
                                       sqlite3_stmt *stmt,
                                       const char   *what,
                                       GError      **error);
/* The row whose id is ?1 of sql, through read_row; NOT_FOUND (kind) when
 * there is none, what when reading fails. */
gpointer     tb_store_get_for_id      (TbStore      *self,
                                       const char   *sql,
                                       gint64        id,
                                       TbRowReader   read_row,
                                       TbRecordKind  kind,
                                       const char   *what,
                                       GError      **error);
/* The rows of sql with id bound to ?1: tb_store_read_rows(). */
GPtrArray   *tb_store_list_for_id     (TbStore       *self,
                                       const char    *sql,
                                       gint64         id,
                                       TbRowReader    read_row,
                                       GDestroyNotify free_row,
                                       const char    *what,
                                       GError       **error);
/* Every row stmt returns, through read_row, in an array that frees them
 * with free_row; NULL with error set (what) when a step fails. */
GPtrArray   *tb_store_read_rows       (TbStore       *self,
                                       sqlite3_stmt  *stmt,
                                       TbRowReader    read_row,
                                       GDestroyNotify free_row,
                                       const char    *what,
                                       GError       **error);

/* ---- Searching contacts (tb-store-contacts.c) ------------------------- */

/* A parsed search: a phone prefix, or name prefixes. */
typedef struct {
  char *phone_prefix;        /* "+1512" (with the country code as typed) */
  char *phone_prefix_local;  /* "+1" + digits, for numbers typed without it */
  char *name_match;          /* an FTS5 query on contact_name */
} TbSearch;

/* Returns FALSE when there is nothing to search for. */
gboolean     tb_search_parse          (const char      *text,
                                       TbSearch        *search);
void         tb_search_clear          (TbSearch        *search);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TbSearch, tb_search_clear)
/* How a search's pages are read (see tb_search_page_sql()). */
typedef enum {
  TB_SEARCH_PLAN_WALK,     /* the matches (or the queue) in id order */
  TB_SEARCH_PLAN_COLLECT,  /* the matches collected, looked up in the queue */
  TB_SEARCH_PLAN_QUEUE,    /* a small queue in id order, each tested */
} TbSearchPlan;
/* Chooses the plan on db: the queue's share of the campaign, and how
 * many matches there are (bounded counts). walk_first_out (may be NULL):
 * a name in a small, non-empty queue, whose first page a walk of the
 * matches finds sooner than the plan for all of them; the matches are not
 * counted then, and the caller asks again (with NULL) for the rest. */
gboolean     tb_search_choose_plan    (sqlite3         *db,
                                       gint64           campaign_id,
                                       TbContactStatus  status,
                                       const TbSearch  *search,
                                       TbSearchPlan    *plan_out,
                                       gboolean        *walk_first_out,
                                       GError         **error);
/* "SELECT columns FROM … ORDER BY contact.id" for the plan chosen; binds
 * are ?1 campaign, ?2 status, ?3 after id, ?5..?6 the search
 * (tb_search_bind()); the caller appends its LIMIT ?4. */
char        *tb_search_page_sql       (const char      *columns,
                                       TbContactStatus  status,
                                       const TbSearch  *search,
                                       gboolean         searching,
                                       TbSearchPlan     plan);
char        *tb_search_count_sql      (TbContactStatus  status,
                                       const TbSearch  *search);
void         tb_search_bind           (sqlite3_stmt    *stmt,
                                       gint64           campaign_id,
                                       TbContactStatus  status,
                                       const TbSearch  *search,
                                       gboolean         searching,
                                       gint64           after_id);

/* Tests: tb_store_contact_find_async() hands on a batch every n_ids ids
 * after the first (0: every FIND_FLUSH_US, the default). */
void         tb_store_set_find_batch_for_testing (guint n_ids);

G_END_DECLS
