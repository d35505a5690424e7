/* tb-store.c: opening the database, its connections and statements, signals, settings, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <errno.h>
#include <glib/gstdio.h>

#include "tb-store-private.h"

#define BUSY_TIMEOUT_MS 5000

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CAMPAIGNS_CHANGED,
  CONTACTS_CHANGED,
  MESSAGES_CHANGED,
  OPT_OUTS_CHANGED,
  N_SIGNALS
};

struct _TbStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GHashTable   *statements;  /* SQL text -> sqlite3_stmt */
  GMainContext *context;     /* where signals are emitted */
  GThread      *owner;
  gint          writer_waiting;  /* atomic: this connection waits for the write lock */
  TbWalWorker  *wal_worker;  /* this connection's checkpoints and syncs, on a worker */
};

G_DEFINE_FINAL_TYPE (TbStore, tb_store, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  TbStore *store;
  guint    signal;
  gint64   a;
  gint64   b;
  char    *phone;
} PendingSignal;

static void
pending_signal_free (gpointer data)
{
  PendingSignal *pending = data;

  g_object_unref (pending->store);
  g_free (pending->phone);
  g_free (pending);
}

static void
emit_now (TbStore    *self,
          guint       signal,
          gint64      a,
          gint64      b,
          const char *phone)
{
  switch (signal)
    {
    case CAMPAIGNS_CHANGED:
      g_signal_emit (self, signals[signal], 0, a);
      break;
    case CONTACTS_CHANGED:
    case MESSAGES_CHANGED:
      g_signal_emit (self, signals[signal], 0, a, b);
      break;
    case OPT_OUTS_CHANGED:
      g_signal_emit (self, signals[signal], 0, phone);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
emit_pending (gpointer data)
{
  PendingSignal *pending = data;

  emit_now (pending->store, pending->signal, pending->a, pending->b, pending->phone);
  return G_SOURCE_REMOVE;
}

/* From a worker, the signal goes through an idle source on the store's
 * context, so handlers (list models, widgets) always run on that thread. */
static void
emit_signal (TbStore    *self,
             guint       signal,
             gint64      a,
             gint64      b,
             const char *phone)
{
  PendingSignal *pending;
  g_autoptr(GSource) source = NULL;

  if (g_thread_self () == self->owner)
    {
      emit_now (self, signal, a, b, phone);
      return;
    }

  pending = g_new0 (PendingSignal, 1);
  pending->store = g_object_ref (self);
  pending->signal = signal;
  pending->a = a;
  pending->b = b;
  pending->phone = g_strdup (phone);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_pending, pending, pending_signal_free);
  g_source_set_static_name (source, "[tb-store] signal");
  g_source_attach (source, self->context);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* The main connection retries every millisecond (not SQLite's growing
 * sleeps), so it gets the lock in the short gap between an import's
 * transactions, and says it waits: an import then commits at once. */
static int
poll_busy (void *data,
           int   tries)
{
  TbStore *self = data;

  if (tries >= BUSY_TIMEOUT_MS)
    return 0;
  g_atomic_int_set (&self->writer_waiting, 1);
  g_usleep (1000);
  return 1;
}

static int
user_version (sqlite3 *db,
              int     *version_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version_out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

static void
tb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TbStore *self = TB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_store_finalize (GObject *object)
{
  TbStore *self = TB_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  tb_wal_worker_stop (g_steal_pointer (&self->wal_worker), self->db);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->path);

  G_OBJECT_CLASS (tb_store_parent_class)->finalize (object);
}

static void
tb_store_class_init (TbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_store_get_property;
  object_class->finalize = tb_store_finalize;

  /* No allocation statistics: they take a global mutex on every malloc
   * and free (~7% of an import). Only works before SQLite's first use, and
   * is harmless (SQLITE_MISUSE) after it. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CAMPAIGNS_CHANGED] =
    g_signal_new ("campaigns-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CONTACTS_CHANGED] =
    g_signal_new ("contacts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[MESSAGES_CHANGED] =
    g_signal_new ("messages-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[OPT_OUTS_CHANGED] =
    g_signal_new ("opt-outs-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tb_store_init (TbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();
}

/* ---- Private: the connection and its statements ----------------------- */

sqlite3 *
tb_store_get_db (TbStore *self)
{
  g_assert (g_thread_self () == self->owner);
  return self->db;
}

TbCachedStmt *
tb_store_prepare (TbStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (g_thread_self () == self->owner);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      tb_store_set_error (error, self->db, rc, _("Could not prepare a query"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* journal_size_limit: a WAL that grew while nothing could checkpoint (an
 * import running while texting: the store's own connection leaves
 * checkpoints to it) is cut back to this when it next starts over; without
 * a limit the file keeps its largest size for good (soak-short left a
 * 2.2 GiB WAL beside a 33 MiB database). 64 MiB is the import's own
 * checkpoint interval, so its cycle is never cut. */
void
tb_store_configure_db (sqlite3 *db)
{
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_exec (db,
                "PRAGMA foreign_keys = ON;"
                "PRAGMA synchronous = NORMAL;"
                "PRAGMA journal_size_limit = " G_STRINGIFY (TB_STORE_WAL_SIZE_LIMIT) ";"
                "PRAGMA temp_store = MEMORY;",
                NULL, NULL, NULL);
}

sqlite3 *
tb_store_open_worker_db (TbStore  *self,
                         GError  **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      tb_store_set_error (error, db, rc, _("Could not open the database"));
      sqlite3_close_v2 (db);
      return NULL;
    }
  tb_store_configure_db (db);
  return db;
}

TbWalWorker *
tb_store_get_wal_worker (TbStore *self)
{
  return self->wal_worker;
}

gboolean
tb_store_writer_is_waiting (TbStore *self)
{
  return g_atomic_int_get (&self->writer_waiting) != 0;
}

void
tb_store_clear_writer_waiting (TbStore *self)
{
  g_atomic_int_set (&self->writer_waiting, 0);
}

void
tb_store_emit_campaigns_changed (TbStore *self,
                                 gint64   campaign_id)
{
  emit_signal (self, CAMPAIGNS_CHANGED, campaign_id, 0, NULL);
}

void
tb_store_emit_contacts_changed (TbStore *self,
                                gint64   campaign_id,
                                gint64   contact_id)
{
  emit_signal (self, CONTACTS_CHANGED, campaign_id, contact_id, NULL);
}

void
tb_store_emit_messages_changed (TbStore *self,
                                gint64   contact_id,
                                gint64   message_id)
{
  emit_signal (self, MESSAGES_CHANGED, contact_id, message_id, NULL);
}

void
tb_store_emit_opt_outs_changed (TbStore    *self,
                                const char *phone)
{
  emit_signal (self, OPT_OUTS_CHANGED, 0, 0, phone);
}

/* ---- Public API ------------------------------------------------------- */

char *
tb_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "textbank", "textbank.db", NULL);
}

static gboolean
open_database (TbStore    *self,
               GError    **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  int version = 0;
  int rc;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TB_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS
                     ? TB_STORE_ERROR_READ_ONLY : TB_STORE_ERROR_CANT_OPEN,
                   _("Could not create the folder %s for the database: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not open the database %s"), self->path);
      return tb_store_set_error (error, self->db, rc, what);
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Read the version before anything writes: a newer file stays as it is. */
  rc = user_version (self->db, &version);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not read the database %s"), self->path);
      return tb_store_set_error (error, self->db, rc, what);
    }
  if (version > TB_STORE_VERSION)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NEWER_VERSION,
                   _("The database %s was written by a newer version of Textbank "
                   "(schema %d; this version knows up to %d). It was left untouched: "
                   "update Textbank to open it."),
                   self->path, version, TB_STORE_VERSION);
      return FALSE;
    }
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, TB_STORE_ERROR, TB_STORE_ERROR_READ_ONLY,
                   _("The database %s is read-only: Textbank needs to write to it. "
                   "Check the file's permissions."), self->path);
      return FALSE;
    }

  {
    g_autofree char *what = g_strdup_printf (_("Could not set up the database %s"), self->path);

    if (!tb_db_exec (self->db, "PRAGMA journal_mode = WAL;", what, error))
      return FALSE;
  }
  tb_store_configure_db (self->db);
  sqlite3_busy_handler (self->db, poll_busy, self);
  self->wal_worker = tb_wal_worker_start (self->db, self->path);

  return tb_store_migrate (self->db, version, error);
}

TbStore *
tb_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(TbStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
sync_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  int rc = tb_wal_worker_sync (task_data);

  if (rc != SQLITE_OK)
    {
      GError *error = NULL;

      tb_store_set_error (&error, NULL, rc, _("Could not write the database to disk"));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
tb_store_sync_async (TbStore             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_store_sync_async);
  g_task_set_task_data (task, tb_wal_worker_ref (self->wal_worker), (GDestroyNotify) tb_wal_worker_unref);
  g_task_run_in_thread (task, sync_in_thread);
}

gboolean
tb_store_sync_finish (TbStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
tb_store_get_path (TbStore *self)
{
  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  return self->path;
}

/* Integrity check rows: "ok", or a problem in words. */
static char *
integrity_problem (sqlite3_stmt *stmt)
{
  const char *line = (const char *) sqlite3_column_text (stmt, 0);

  return g_strcmp0 (line, "ok") != 0 ? g_strdup (line) : NULL;
}

/* Foreign key check rows: table, rowid, parent table. */
static char *
foreign_key_problem (sqlite3_stmt *stmt)
{
  return g_strdup_printf (_("row %" PRId64 " of %s refers to a missing row of %s"),
                          (gint64) sqlite3_column_int64 (stmt, 1),
                          sqlite3_column_text (stmt, 0),
                          sqlite3_column_text (stmt, 2));
}

/* Runs a checking PRAGMA and adds the problems its rows describe. */
static gboolean
collect_problems (sqlite3        *db,
                  const char     *pragma,
                  char         *(*problem_from_row) (sqlite3_stmt *stmt),
                  GStrvBuilder   *problems,
                  GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *line = problem_from_row (stmt);

      if (line != NULL)
        g_strv_builder_add (problems, line);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    ok = tb_store_set_error (error, db, rc, _("Could not check the database"));
  sqlite3_finalize (stmt);
  return ok;
}

/* FTS5 compares contact_name with the contact rows (rank 1: the content
 * too) and fails with SQLITE_CORRUPT_VTAB when they differ. */
static gboolean
check_name_index (sqlite3       *db,
                  GStrvBuilder  *problems,
                  GError       **error)
{
  int rc = sqlite3_exec (db, "INSERT INTO contact_name (contact_name, rank) VALUES ('integrity-check', 1)",
                         NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;
  if ((sqlite3_extended_errcode (db) & 0xff) == SQLITE_CORRUPT)
    {
      g_strv_builder_add (problems, _("the names' search index (contact_name) differs from the contacts"));
      return TRUE;
    }
  return tb_store_set_error (error, db, rc, _("Could not check the database"));
}

gboolean
tb_store_check (TbStore  *self,
                int      *version_out,
                GStrv    *problems_out,
                GError  **error)
{
  g_autoptr(GStrvBuilder) problems = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);

  rc = user_version (self->db, version_out);
  if (rc != SQLITE_OK)
    return tb_store_set_error (error, self->db, rc, _("Could not read the schema version"));

  if (!collect_problems (self->db, "PRAGMA integrity_check;", integrity_problem, problems, error) ||
      !collect_problems (self->db, "PRAGMA foreign_key_check;", foreign_key_problem, problems, error) ||
      !check_name_index (self->db, problems, error))
    return FALSE;

  if (problems_out != NULL)
    {
      GStrv lines = g_strv_builder_end (problems);

      if (lines[0] == NULL)
        g_clear_pointer (&lines, g_strfreev);
      *problems_out = lines;
    }
  return TRUE;
}

char *
tb_store_setting_get (TbStore     *self,
                      const char  *key,
                      GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = tb_store_prepare (self, "SELECT value FROM setting WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  tb_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return tb_column_dup (stmt, 0, NULL);
  if (rc != SQLITE_DONE)
    tb_store_set_error (error, self->db, rc, _("Could not read a setting"));
  return NULL;
}

gboolean
tb_store_setting_set (TbStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(TbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TB_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = tb_store_prepare (self, "DELETE FROM setting WHERE key = ?1", error);
  else
    stmt = tb_store_prepare (self,
                             "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;
  tb_bind_text (stmt, 1, key);
  if (value != NULL)
    tb_bind_text (stmt, 2, value);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return tb_store_set_error (error, self->db, rc, _("Could not save a setting"));
  return TRUE;
}
