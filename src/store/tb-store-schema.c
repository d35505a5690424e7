/* tb-store-schema.c: the schema and its migrations
 *
 * PRAGMA user_version is the schema version. Each step runs in its own
 * BEGIN … COMMIT and rolls back on error, so a failed migration leaves the
 * previous version intact. A step is never edited once released: a change
 * is a new step.
 *
 * The rules that keep the promises are enforced here, in SQL, whatever the
 * C code above does:
 *  - message_refuse_opted_out: no outbound message to a phone on the
 *    opt-out list, nor one moving back to queued/sending while it is;
 *  - UNIQUE (phone, campaign_id): a phone once per campaign;
 *  - message.provider_id UNIQUE, message.press_id UNIQUE;
 *  - message_first_text: at most one first text per contact;
 *  - message_transition + message_state_change: no state goes backwards;
 *  - CHECK: every outbound message names its texter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-store-private.h"

/* Version 0 -> 1: the first schema. */
static const char migration_1[] =
  "CREATE TABLE setting ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE texter ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0),"
  "  pin_hash TEXT,"
  "  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),"
  "  created_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE campaign ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  sender TEXT,"
  "  hours_start_min INTEGER NOT NULL DEFAULT 540,"
  "  hours_end_min INTEGER NOT NULL DEFAULT 1260,"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1)),"
  "  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),"
  "  initial_message TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  CHECK (hours_start_min >= 0 AND hours_end_min <= 1440"
  "         AND hours_start_min < hours_end_min)"
  ");"

  /* status: TbContactStatus. prior_status: the queue before an opt-out,
   * for an admin's undo. last_texted_at: the last outbound press, to match
   * a reply to the campaign that texted that phone last. */
  "CREATE TABLE contact ("
  "  id INTEGER PRIMARY KEY,"
  "  campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,"
  "  phone TEXT NOT NULL CHECK (phone GLOB '+[1-9]*' AND length (phone) BETWEEN 3 AND 16),"
  "  first_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,"
  "  last_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,"
  "  zip TEXT NOT NULL DEFAULT '',"
  "  time_zone TEXT,"
  "  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (fields)),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 4),"
  "  prior_status INTEGER CHECK (prior_status BETWEEN 0 AND 3),"
  "  texter_id INTEGER REFERENCES texter (id) ON DELETE SET NULL,"
  "  last_message_preview TEXT,"
  "  last_message_at INTEGER,"
  "  last_texted_at INTEGER,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (phone, campaign_id)"
  ");"
  "CREATE INDEX contact_queue ON contact (campaign_id, status, id);"
  "CREATE INDEX contact_first_name ON contact (campaign_id, first_name);"
  "CREATE INDEX contact_last_name ON contact (campaign_id, last_name);"

  /* The custom field names an import brought, in column order: the
   * columns of an export. */
  "CREATE TABLE campaign_field ("
  "  campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (campaign_id, name)"
  ") WITHOUT ROWID;"

  /* Contacts per queue, kept by triggers so counting a million is O(1). */
  "CREATE TABLE contact_count ("
  "  campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,"
  "  status INTEGER NOT NULL,"
  "  n INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (campaign_id, status)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER campaign_counts AFTER INSERT ON campaign BEGIN"
  "  INSERT INTO contact_count (campaign_id, status)"
  "    VALUES (NEW.id, 0), (NEW.id, 1), (NEW.id, 2), (NEW.id, 3), (NEW.id, 4);"
  "END;"
  "CREATE TRIGGER contact_count_insert AFTER INSERT ON contact BEGIN"
  "  UPDATE contact_count SET n = n + 1"
  "    WHERE campaign_id = NEW.campaign_id AND status = NEW.status;"
  "END;"
  "CREATE TRIGGER contact_count_delete AFTER DELETE ON contact BEGIN"
  "  UPDATE contact_count SET n = n - 1"
  "    WHERE campaign_id = OLD.campaign_id AND status = OLD.status;"
  "END;"
  "CREATE TRIGGER contact_count_update AFTER UPDATE OF status, campaign_id ON contact"
  "  WHEN OLD.status IS NOT NEW.status OR OLD.campaign_id IS NOT NEW.campaign_id BEGIN"
  "  UPDATE contact_count SET n = n - 1"
  "    WHERE campaign_id = OLD.campaign_id AND status = OLD.status;"
  "  UPDATE contact_count SET n = n + 1"
  "    WHERE campaign_id = NEW.campaign_id AND status = NEW.status;"
  "END;"

  /* direction: 0 in, 1 out. phone: the other party. contact_id NULL: an
   * inbound message from an unknown sender. at: the instant a conversation
   * is ordered by (press or receive time). */
  "CREATE TABLE message ("
  "  id INTEGER PRIMARY KEY,"
  "  contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,"
  "  campaign_id INTEGER REFERENCES campaign (id) ON DELETE CASCADE,"
  "  direction INTEGER NOT NULL CHECK (direction IN (0, 1)),"
  "  phone TEXT NOT NULL,"
  "  our_phone TEXT,"
  "  body TEXT NOT NULL,"
  "  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 8),"
  "  provider TEXT,"
  "  provider_id TEXT UNIQUE,"
  "  error_code TEXT,"
  "  error_text TEXT,"
  "  segments INTEGER NOT NULL DEFAULT 0,"
  "  texter_id INTEGER REFERENCES texter (id) ON DELETE RESTRICT,"
  "  is_first INTEGER NOT NULL DEFAULT 0 CHECK (is_first IN (0, 1)),"
  "  press_id TEXT UNIQUE,"
  "  pressed_at INTEGER,"
  "  sent_at INTEGER,"
  "  at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  CHECK (direction = 0 OR (contact_id IS NOT NULL AND texter_id IS NOT NULL"
  "                           AND press_id IS NOT NULL AND pressed_at IS NOT NULL)),"
  "  CHECK (direction = 1 OR (is_first = 0 AND state = 8))"
  ");"
  "CREATE UNIQUE INDEX message_first_text ON message (contact_id) WHERE is_first = 1;"
  "CREATE INDEX message_contact ON message (contact_id, at, id);"
  "CREATE INDEX message_outbox ON message (state, pressed_at, id) WHERE direction = 1;"
  "CREATE INDEX message_unknown_sender ON message (id) WHERE contact_id IS NULL;"
  "CREATE INDEX message_campaign ON message (campaign_id, texter_id);"

  "CREATE TABLE opt_out ("
  "  phone TEXT PRIMARY KEY CHECK (phone GLOB '+[1-9]*'),"
  "  source INTEGER NOT NULL CHECK (source BETWEEN 0 AND 3),"
  "  message_id INTEGER REFERENCES message (id) ON DELETE SET NULL,"
  "  texter_id INTEGER REFERENCES texter (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL"
  ");"

  /* Promise 1, in the database: never an outbound message to an opted-out
   * phone, whichever program writes the row. The contact's own phone is
   * checked too, so a row with a different phone cannot slip through. */
  /* SQLite runs the newest trigger first: the opt-out check is created
   * last so its message wins. */
  "CREATE TRIGGER message_phone_is_contacts BEFORE INSERT ON message"
  "  WHEN NEW.direction = 1"
  "   AND NEW.phone IS NOT (SELECT phone FROM contact WHERE id = NEW.contact_id) BEGIN"
  "  SELECT RAISE (ABORT, 'outbound phone differs from the contact''s');"
  "END;"
  "CREATE TRIGGER message_refuse_opted_out BEFORE INSERT ON message"
  "  WHEN NEW.direction = 1 AND ("
  "    EXISTS (SELECT 1 FROM opt_out WHERE opt_out.phone = NEW.phone)"
  "    OR EXISTS (SELECT 1 FROM contact JOIN opt_out ON opt_out.phone = contact.phone"
  "               WHERE contact.id = NEW.contact_id)) BEGIN"
  "  SELECT RAISE (ABORT, 'opted out');"
  "END;"
  "CREATE TRIGGER message_refuse_opted_out_update BEFORE UPDATE OF state ON message"
  "  WHEN NEW.direction = 1 AND NEW.state IN (0, 1) AND OLD.state IS NOT NEW.state"
  "   AND EXISTS (SELECT 1 FROM opt_out WHERE opt_out.phone = NEW.phone) BEGIN"
  "  SELECT RAISE (ABORT, 'opted out');"
  "END;"

  /* The send state machine: the allowed moves (see tb-store-types.c). */
  "CREATE TABLE message_transition ("
  "  from_state INTEGER NOT NULL,"
  "  to_state INTEGER NOT NULL,"
  "  PRIMARY KEY (from_state, to_state)"
  ") WITHOUT ROWID;"
  "INSERT INTO message_transition VALUES"
  "  (0, 1), (0, 6),"
  "  (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7),"
  "  (7, 2), (7, 3), (7, 4), (7, 5), (7, 6),"
  "  (2, 3), (2, 4), (2, 5), (2, 6),"
  "  (3, 4), (3, 5), (3, 6),"
  "  (6, 0);"
  "CREATE TRIGGER message_state_change BEFORE UPDATE OF state ON message"
  "  WHEN OLD.state IS NOT NEW.state AND NOT EXISTS ("
  "    SELECT 1 FROM message_transition"
  "    WHERE from_state = OLD.state AND to_state = NEW.state) BEGIN"
  "  SELECT RAISE (ABORT, 'invalid state change');"
  "END;"

  /* An opt-out moves that phone's contacts, in every campaign, to the
   * opted-out queue; its removal (an admin's undo) moves them back. */
  "CREATE TRIGGER opt_out_insert AFTER INSERT ON opt_out BEGIN"
  "  UPDATE contact SET prior_status = status, status = 4, updated_at = NEW.created_at"
  "    WHERE phone = NEW.phone AND status <> 4;"
  "END;"
  "CREATE TRIGGER opt_out_delete AFTER DELETE ON opt_out BEGIN"
  "  UPDATE contact SET"
  "    status = coalesce (prior_status,"
  "                       CASE WHEN last_texted_at IS NULL THEN 0 ELSE 1 END),"
  "    prior_status = NULL"
  "    WHERE phone = OLD.phone AND status = 4;"
  "END;"
  "CREATE TRIGGER contact_opted_out_on_insert AFTER INSERT ON contact"
  "  WHEN NEW.status <> 4 AND EXISTS (SELECT 1 FROM opt_out WHERE phone = NEW.phone) BEGIN"
  "  UPDATE contact SET prior_status = NEW.status, status = 4 WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER contact_stays_opted_out BEFORE UPDATE OF status ON contact"
  "  WHEN OLD.status = 4 AND NEW.status <> 4"
  "   AND EXISTS (SELECT 1 FROM opt_out WHERE phone = NEW.phone) BEGIN"
  "  SELECT RAISE (ABORT, 'opted out');"
  "END;"

  /* Scripts: kind 1 canned reply, 2 survey question. */
  "CREATE TABLE script ("
  "  id INTEGER PRIMARY KEY,"
  "  campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX script_campaign ON script (campaign_id, kind, position);"
  "CREATE TABLE answer ("
  "  id INTEGER PRIMARY KEY,"
  "  question_id INTEGER NOT NULL REFERENCES script (id) ON DELETE CASCADE,"
  "  label TEXT NOT NULL,"
  "  body TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX answer_question ON answer (question_id, position);"
  "CREATE TABLE response ("
  "  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,"
  "  question_id INTEGER NOT NULL REFERENCES script (id) ON DELETE CASCADE,"
  "  answer_id INTEGER NOT NULL REFERENCES answer (id) ON DELETE CASCADE,"
  "  texter_id INTEGER REFERENCES texter (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (contact_id, question_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX response_question ON response (question_id);"
  "CREATE INDEX response_answer ON response (answer_id);"
  "CREATE TABLE tag ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0)"
  ");"
  "CREATE TABLE contact_tag ("
  "  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,"
  "  texter_id INTEGER REFERENCES texter (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (contact_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX contact_tag_tag ON contact_tag (tag_id);"

  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  texter_id INTEGER REFERENCES texter (id) ON DELETE SET NULL,"
  "  action TEXT NOT NULL,"
  "  subject TEXT,"
  "  detail TEXT"
  ");"
  "CREATE INDEX audit_texter ON audit (texter_id);"
  "CREATE INDEX contact_texter ON contact (texter_id) WHERE texter_id IS NOT NULL;"
  "CREATE INDEX message_texter ON message (texter_id);"
  "CREATE INDEX opt_out_message ON opt_out (message_id) WHERE message_id IS NOT NULL;"
  "CREATE INDEX opt_out_texter ON opt_out (texter_id) WHERE texter_id IS NOT NULL;"
  "CREATE INDEX response_texter ON response (texter_id) WHERE texter_id IS NOT NULL;"
  "CREATE INDEX contact_tag_texter ON contact_tag (texter_id) WHERE texter_id IS NOT NULL;";

/* Version 1 -> 2: the names' search index is full-text (FTS5) instead of
 * the two B-tree indexes on (campaign_id, first_name) and (…, last_name).
 *
 * A million contacts put two million entries into those B-trees, each
 * insert a descent (a third of the import's time); FTS5 keeps one list of
 * ids per distinct name and writes a transaction's names as one segment.
 * contact_name reads its text from contact (external content): it stores
 * only the index. The tokenizer keeps spaces, hyphens, apostrophes, dots
 * and commas inside a token, so a whole name is (mostly) one token and a
 * search is a prefix of the first or the last name, as before; case folds
 * for every letter, accents are kept. The triggers keep it for every
 * writer; the import does their work once per transaction
 * (tb-import-writer.c). The campaign is checked on the contact row. */
static const char migration_2[] =
  "CREATE VIRTUAL TABLE contact_name USING fts5 ("
  "  first_name, last_name, content = 'contact', content_rowid = 'id',"
  "  columnsize = 0, tokenize = \"unicode61 remove_diacritics 0 tokenchars ' -''.,'\");"
  "INSERT INTO contact_name (contact_name) VALUES ('rebuild');"
  "DROP INDEX contact_first_name;"
  "DROP INDEX contact_last_name;"
  "CREATE TRIGGER contact_name_insert AFTER INSERT ON contact BEGIN"
  "  INSERT INTO contact_name (rowid, first_name, last_name)"
  "    VALUES (NEW.id, NEW.first_name, NEW.last_name);"
  "END;"
  /* An external content index forgets a row given its old text. */
  "CREATE TRIGGER contact_name_delete AFTER DELETE ON contact BEGIN"
  "  INSERT INTO contact_name (contact_name, rowid, first_name, last_name)"
  "    VALUES ('delete', OLD.id, OLD.first_name, OLD.last_name);"
  "END;"
  "CREATE TRIGGER contact_name_update AFTER UPDATE OF id, first_name, last_name ON contact"
  "  WHEN OLD.id IS NOT NEW.id OR OLD.first_name IS NOT NEW.first_name"
  "    OR OLD.last_name IS NOT NEW.last_name BEGIN"
  "  INSERT INTO contact_name (contact_name, rowid, first_name, last_name)"
  "    VALUES ('delete', OLD.id, OLD.first_name, OLD.last_name);"
  "  INSERT INTO contact_name (rowid, first_name, last_name)"
  "    VALUES (NEW.id, NEW.first_name, NEW.last_name);"
  "END;";

static const char * const migrations[] = {
  migration_1,
  migration_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TB_STORE_VERSION);

gboolean
tb_store_migrate (sqlite3  *db,
                  int       from_version,
                  GError  **error)
{
  return tb_store_migrate_to (db, from_version, TB_STORE_VERSION, error);
}

gboolean
tb_store_migrate_to (sqlite3  *db,
                     int       from_version,
                     int       to_version,
                     GError  **error)
{
  g_return_val_if_fail (to_version <= TB_STORE_VERSION, FALSE);

  for (int version = from_version; version < to_version; version++)
    {
      g_autofree char *what = g_strdup_printf ("Could not upgrade the database to version %d",
                                               version + 1);
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d;", version + 1);

      if (!tb_db_begin (db, error))
        return FALSE;
      if (!tb_db_exec (db, migrations[version], what, error) ||
          !tb_db_exec (db, set_version, what, error) ||
          !tb_db_commit (db, error))
        {
          tb_db_rollback (db);
          return FALSE;
        }
    }

  return TRUE;
}
