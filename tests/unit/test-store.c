/* test-store.c: the rules the schema enforces, errors, enums, campaigns,
 * scripts, texters, signals and records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-store-helpers.h"
#include "test-store-raw.h"
#include "tb-store-private.h"

/* ---- Rules enforced by the database itself ----------------------------- */

/* Inserts a queued outbound message with straight SQL from another
 * connection, bypassing every C check: the SQLite result code, and the
 * error message in message_out. */
static int
insert_raw_message (StoreFixture  *fixture,
                    gint64         contact_id,
                    const char    *phone,
                    const char    *press_id,
                    char         **message_out)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO message (contact_id, campaign_id, direction, phone, body, state,"
                     " texter_id, press_id, pressed_at, at, updated_at)"
                     " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1, '%s',"
                     " 'hi', 0, %" G_GINT64_FORMAT ", '%s', 1, 1, 1);",
                     contact_id, fixture->campaign_id, phone, fixture->texter_id, press_id);

  return exec_raw (fixture->path, sql, message_out);
}

static void
test_direct_insert_to_opted_out_fails (StoreFixture  *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 contact_id;

  contact_id = tb_store_contact_add (fixture->store, fixture->campaign_id, "+15125550100",
                                     "Opal", "Out", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_opt_out_add (fixture->store, "+15125550100", TB_OPT_OUT_SOURCE_KEYWORD,
                                       0, 0, &error));
  g_assert_no_error (error);

  g_assert_cmpint (insert_raw_message (fixture, contact_id, "+15125550100", "raw-1", &message),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "opted out");

  /* Nor with a different phone on the row: the contact's own is checked. */
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (insert_raw_message (fixture, contact_id, "+15125550199", "raw-2", &message),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "opted out");

  g_assert_cmpint (query_int (tb_store_get_db (fixture->store), "SELECT count(*) FROM message;"), ==, 0);
}

static char *
fill_ids (const char *pattern,
          gint64      campaign_id,
          gint64      contact_id,
          gint64      texter_id)
{
  g_autoptr(GString) sql = g_string_new (pattern);
  g_autofree char *campaign = g_strdup_printf ("%" G_GINT64_FORMAT, campaign_id);
  g_autofree char *contact = g_strdup_printf ("%" G_GINT64_FORMAT, contact_id);
  g_autofree char *texter = g_strdup_printf ("%" G_GINT64_FORMAT, texter_id);

  g_string_replace (sql, "{campaign}", campaign, 0);
  g_string_replace (sql, "{contact}", contact, 0);
  g_string_replace (sql, "{texter}", texter, 0);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

typedef struct {
  const char *name;
  const char *sql;         /* {campaign} campaign, {contact} contact, {texter} texter */
  const char *error_part;  /* in SQLite's message */
} RawCase;

static void
test_schema_rules (StoreFixture  *fixture,
                   gconstpointer  data)
{
  static const RawCase cases[] = {
    { "duplicate phone in a campaign",
      "INSERT INTO contact (campaign_id, phone, updated_at) VALUES ({campaign}, '+15125550001', 1);",
      "UNIQUE" },
    { "phone not E.164",
      "INSERT INTO contact (campaign_id, phone, updated_at) VALUES ({campaign}, '512-555-0002', 1);",
      "CHECK" },
    { "fields not JSON",
      "INSERT INTO contact (campaign_id, phone, fields, updated_at) VALUES ({campaign}, '+15125550003', '{', 1);",
      "CHECK" },
    { "contact in no campaign",
      "INSERT INTO contact (campaign_id, phone, updated_at) VALUES (9999, '+15125550004', 1);",
      "FOREIGN KEY" },
    { "second first text",
      "INSERT INTO message (contact_id, campaign_id, direction, phone, body, state, texter_id,"
      " is_first, press_id, pressed_at, at, updated_at)"
      " VALUES ({contact}, {campaign}, 1, '+15125550001', 'again', 0, {texter}, 1, 'raw-first', 1, 1, 1);",
      "UNIQUE" },
    { "duplicate provider id",
      "INSERT INTO message (direction, phone, body, state, provider_id, at, updated_at)"
      " VALUES (0, '+15125550009', 'hi', 8, 'SM-dup', 1, 1);",
      "UNIQUE" },
    { "duplicate press id",
      "INSERT INTO message (contact_id, campaign_id, direction, phone, body, state, texter_id,"
      " press_id, pressed_at, at, updated_at)"
      " VALUES ({contact}, {campaign}, 1, '+15125550001', 'x', 0, {texter}, 'press-1', 1, 1, 1);",
      "UNIQUE" },
    { "outbound with no texter",
      "INSERT INTO message (contact_id, campaign_id, direction, phone, body, state,"
      " press_id, pressed_at, at, updated_at)"
      " VALUES ({contact}, {campaign}, 1, '+15125550001', 'x', 0, 'raw-nt', 1, 1, 1);",
      "CHECK" },
    { "outbound to another phone than the contact's",
      "INSERT INTO message (contact_id, campaign_id, direction, phone, body, state, texter_id,"
      " press_id, pressed_at, at, updated_at)"
      " VALUES ({contact}, {campaign}, 1, '+15125550777', 'x', 0, {texter}, 'raw-ph', 1, 1, 1);",
      "differs" },
    { "state backwards: delivered -> queued",
      "UPDATE message SET state = 0 WHERE press_id = 'press-1';",
      "invalid state change" },
    { "state backwards: delivered -> sending",
      "UPDATE message SET state = 1 WHERE press_id = 'press-1';",
      "invalid state change" },
    { "unknown contact status",
      "UPDATE contact SET status = 7 WHERE id = {contact};",
      "CHECK" },
  };
  g_autoptr(GError) error = NULL;
  gint64 contact_id;
  gint64 message_id;
  sqlite3 *db = tb_store_get_db (fixture->store);

  contact_id = tb_store_contact_add (fixture->store, fixture->campaign_id, "+15125550001",
                                     "Ann", "Lee", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  message_id = tb_store_message_queue_outbound (fixture->store, contact_id, "Hello", fixture->texter_id,
                                                0, "press-1", &error);
  g_assert_no_error (error);
  for (TbMessageState s = TB_MESSAGE_STATE_SENDING; s <= TB_MESSAGE_STATE_DELIVERED; s++)
    {
      if (s == TB_MESSAGE_STATE_SENT)
        continue;
      tb_store_message_set_state (fixture->store, message_id, s,
                                  s == TB_MESSAGE_STATE_ACCEPTED ? "SM-out" : NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (exec_raw (fixture->path,
                             "INSERT INTO message (direction, phone, body, state, provider_id, at, updated_at)"
                             " VALUES (0, '+15125550009', 'hi', 8, 'SM-dup', 1, 1);", NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = NULL;
      g_autofree char *message = NULL;
      int before = query_int (db, "SELECT (SELECT count(*) FROM message) * 1000 + (SELECT count(*) FROM contact);");

      g_test_message ("case: %s", cases[i].name);
      sql = fill_ids (cases[i].sql, fixture->campaign_id, contact_id, fixture->texter_id);
      g_assert_cmpint (exec_raw (fixture->path, sql, &message), ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, cases[i].error_part));
      g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM message) * 1000 + (SELECT count(*) FROM contact);"),
                       ==, before);
    }
}

/* The C table of transitions and the schema's agree. */
static void
test_transition_tables_agree (StoreFixture  *fixture,
                              gconstpointer  data)
{
  sqlite3 *db = tb_store_get_db (fixture->store);

  for (int from = 0; from < TB_MESSAGE_N_STATES; from++)
    for (int to = 0; to < TB_MESSAGE_N_STATES; to++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM message_transition"
                                                " WHERE from_state = %d AND to_state = %d;", from, to);

        g_assert_cmpint (query_int (db, sql), ==, tb_message_state_can_change (from, to) ? 1 : 0);
      }
}

static void
test_error_mapping (void)
{
  static const struct {
    int rc;
    TbStoreError code;
  } cases[] = {
    { SQLITE_CORRUPT, TB_STORE_ERROR_CORRUPT },
    { SQLITE_NOTADB, TB_STORE_ERROR_CORRUPT },
    { SQLITE_READONLY, TB_STORE_ERROR_READ_ONLY },
    { SQLITE_FULL, TB_STORE_ERROR_FULL },
    { SQLITE_BUSY, TB_STORE_ERROR_BUSY },
    { SQLITE_CANTOPEN, TB_STORE_ERROR_CANT_OPEN },
    { SQLITE_CONSTRAINT, TB_STORE_ERROR_CONSTRAINT },
    { SQLITE_ERROR, TB_STORE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (tb_store_set_error (&error, NULL, cases[i].rc, "Doing it"));
      g_assert_error (error, TB_STORE_ERROR, (int) cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "Doing it: "));
    }
}

static void
test_names (void)
{
  TbContactStatus status;
  TbMessageState state;
  TbOptOutSource source;

  for (int i = 0; i < TB_CONTACT_N_STATUSES; i++)
    {
      g_assert_true (tb_contact_status_from_string (tb_contact_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  for (int i = 0; i < TB_MESSAGE_N_STATES; i++)
    {
      g_assert_true (tb_message_state_from_string (tb_message_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  for (int i = 0; i <= TB_OPT_OUT_SOURCE_IMPORT; i++)
    {
      g_assert_true (tb_opt_out_source_from_string (tb_opt_out_source_to_string (i), &source));
      g_assert_cmpint (source, ==, i);
    }
  g_assert_false (tb_contact_status_from_string ("nope", &status));
  g_assert_false (tb_message_state_from_string (NULL, &state));
  g_assert_cmpstr (tb_message_state_to_string (TB_MESSAGE_STATE_UNKNOWN), ==, "unknown");
  g_assert_cmpstr (tb_contact_status_to_string (TB_CONTACT_STATUS_NEEDS_FIRST_TEXT), ==, "needs_first_text");

  /* Out of range: a fallback, never a read past the table. */
  g_assert_cmpstr (tb_contact_status_to_string (TB_CONTACT_STATUS_ANY), ==, "any");
  g_assert_cmpstr (tb_contact_status_to_string (-5), ==, "unknown");
  g_assert_cmpstr (tb_contact_status_to_string (TB_CONTACT_N_STATUSES), ==, "unknown");
  g_assert_cmpstr (tb_message_state_to_string (TB_MESSAGE_N_STATES), ==, "invalid");
  g_assert_cmpstr (tb_opt_out_source_to_string (42), ==, "unknown");
  /* A name that is not there leaves the output alone. */
  status = TB_CONTACT_STATUS_CLOSED;
  g_assert_false (tb_contact_status_from_string ("Closed", &status));
  g_assert_cmpint (status, ==, TB_CONTACT_STATUS_CLOSED);
  source = TB_OPT_OUT_SOURCE_IMPORT;
  g_assert_false (tb_opt_out_source_from_string ("", &source));
  g_assert_cmpint (source, ==, TB_OPT_OUT_SOURCE_IMPORT);
}

/* ---- Campaigns, scripts, texters, audit, settings --------------------- */

static void
test_campaigns (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 demo;
  guint changed = 0;

  campaign = tb_store_campaign_get (fixture->store, fixture->campaign_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tb_campaign_get_name (campaign), ==, "Test");
  g_assert_cmpstr (tb_campaign_get_sender (campaign), ==, "+15125550000");
  g_assert_cmpint (tb_campaign_get_hours_start_min (campaign), ==, TB_CAMPAIGN_DEFAULT_HOURS_START_MIN);
  g_assert_cmpint (tb_campaign_get_hours_end_min (campaign), ==, TB_CAMPAIGN_DEFAULT_HOURS_END_MIN);
  g_assert_cmpint (tb_campaign_get_state (campaign), ==, TB_CAMPAIGN_STATE_ACTIVE);
  g_assert_false (tb_campaign_get_is_demo (campaign));
  g_assert_cmpstr (tb_campaign_get_initial_message (campaign), ==, "");
  g_clear_object (&campaign);

  g_signal_connect_swapped (fixture->store, "campaigns-changed",
                            G_CALLBACK (g_atomic_int_inc), &changed);
  demo = tb_store_campaign_create (fixture->store, "Demo", NULL, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (tb_store_campaign_update (fixture->store, demo, "Demo 2", "desc", "MG123", 600, 1200, &error));
  g_assert_no_error (error);
  g_assert_true (tb_store_campaign_set_initial_message (fixture->store, demo, "Hi {first_name}", &error));
  g_assert_no_error (error);
  campaign = tb_store_campaign_get (fixture->store, demo, &error);
  g_assert_cmpstr (tb_campaign_get_name (campaign), ==, "Demo 2");
  g_assert_cmpstr (tb_campaign_get_sender (campaign), ==, "MG123");
  g_assert_cmpint (tb_campaign_get_hours_start_min (campaign), ==, 600);
  g_assert_true (tb_campaign_get_is_demo (campaign));
  g_assert_cmpstr (tb_campaign_get_initial_message (campaign), ==, "Hi {first_name}");
  g_clear_object (&campaign);

  /* A window that ends before it starts is refused. */
  g_assert_false (tb_store_campaign_update (fixture->store, demo, NULL, NULL, NULL, 1300, -1, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (tb_store_campaign_create (fixture->store, "  ", NULL, NULL, FALSE, &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (tb_store_campaign_archive (fixture->store, 4242, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (tb_store_campaign_get (fixture->store, 4242, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tb_store_campaign_archive (fixture->store, demo, &error));
  list = tb_store_campaign_list (fixture->store, TB_CAMPAIGN_STATE_ACTIVE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = tb_store_campaign_list (fixture->store, TB_CAMPAIGN_STATE_ARCHIVED, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (tb_campaign_get_id (list->pdata[0]), ==, demo);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = tb_store_campaign_list (fixture->store, TB_CAMPAIGN_STATE_ANY, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_signal_handlers_disconnect_by_data (fixture->store, &changed);
}

static void
test_scripts (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  gint64 r1, r2, r3, q, yes, no, contact, tag, tag_again;
  TbSurveyQuestion *question;

  r1 = tb_store_canned_reply_add (fixture->store, fixture->campaign_id, "Thanks", "Thank you!", &error);
  r2 = tb_store_canned_reply_add (fixture->store, fixture->campaign_id, "Where", "At the library.", &error);
  r3 = tb_store_canned_reply_add (fixture->store, fixture->campaign_id, "Bye", "Bye!", &error);
  g_assert_no_error (error);
  g_assert_true (tb_store_canned_reply_move (fixture->store, r3, 0, &error));
  g_assert_true (tb_store_canned_reply_update (fixture->store, r2, NULL, "At the school.", &error));
  g_assert_no_error (error);
  replies = tb_store_canned_reply_list (fixture->store, fixture->campaign_id, &error);
  g_assert_cmpuint (replies->len, ==, 3);
  g_assert_cmpint (((TbCannedReply *) replies->pdata[0])->id, ==, r3);
  g_assert_cmpint (((TbCannedReply *) replies->pdata[1])->id, ==, r1);
  g_assert_cmpstr (((TbCannedReply *) replies->pdata[2])->body, ==, "At the school.");
  g_assert_cmpstr (((TbCannedReply *) replies->pdata[2])->title, ==, "Where");
  g_assert_true (tb_store_canned_reply_remove (fixture->store, r1, &error));
  g_assert_false (tb_store_canned_reply_remove (fixture->store, r1, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  q = tb_store_question_add (fixture->store, fixture->campaign_id, "Will you vote?", &error);
  yes = tb_store_answer_add (fixture->store, q, "Yes", "Great! Polls open at 7.", &error);
  no = tb_store_answer_add (fixture->store, q, "No", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_store_answer_add (fixture->store, r2, "Not a question", NULL, &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  questions = tb_store_question_list (fixture->store, fixture->campaign_id, &error);
  g_assert_cmpuint (questions->len, ==, 1);
  question = questions->pdata[0];
  g_assert_cmpstr (question->text, ==, "Will you vote?");
  g_assert_cmpuint (question->answers->len, ==, 2);
  g_assert_cmpstr (((TbSurveyAnswer *) question->answers->pdata[0])->body, ==, "Great! Polls open at 7.");
  g_assert_null (((TbSurveyAnswer *) question->answers->pdata[1])->body);

  contact = tb_store_contact_add (fixture->store, fixture->campaign_id, "+15125550001", "A", "B",
                                  NULL, NULL, NULL, &error);
  g_assert_true (tb_store_response_set (fixture->store, contact, q, yes, fixture->texter_id, &error));
  g_assert_true (tb_store_response_set (fixture->store, contact, q, no, fixture->texter_id, &error));
  g_assert_no_error (error);
  responses = tb_store_response_list (fixture->store, contact, &error);
  g_assert_cmpuint (responses->len, ==, 1);
  g_assert_cmpint (((TbSurveyResponse *) responses->pdata[0])->answer_id, ==, no);
  g_assert_cmpint (((TbSurveyResponse *) responses->pdata[0])->texter_id, ==, fixture->texter_id);
  g_clear_pointer (&responses, g_ptr_array_unref);
  /* An answer of another question is refused. */
  g_assert_false (tb_store_response_set (fixture->store, contact, q + 1000, yes, 0, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (tb_store_response_set (fixture->store, contact, q, 0, 0, &error));
  responses = tb_store_response_list (fixture->store, contact, &error);
  g_assert_cmpuint (responses->len, ==, 0);

  tag = tb_store_tag_ensure (fixture->store, "Volunteer", &error);
  tag_again = tb_store_tag_ensure (fixture->store, " volunteer ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tag, ==, tag_again);
  g_assert_true (tb_store_contact_tag_add (fixture->store, contact, tag, fixture->texter_id, &error));
  g_assert_true (tb_store_contact_tag_add (fixture->store, contact, tag, fixture->texter_id, &error));
  tags = tb_store_contact_tag_list (fixture->store, contact, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (((TbTag *) tags->pdata[0])->name, ==, "Volunteer");
  g_clear_pointer (&tags, g_ptr_array_unref);
  g_assert_true (tb_store_contact_tag_remove (fixture->store, contact, tag, &error));
  tags = tb_store_contact_tag_list (fixture->store, contact, &error);
  g_assert_cmpuint (tags->len, ==, 0);
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = tb_store_tag_list (fixture->store, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_no_error (error);
}

static void
test_texters_audit_settings (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTexter) texter = NULL;
  g_autoptr(GPtrArray) texters = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *value = NULL;
  gint64 bob, a1, a2, a3;

  bob = tb_store_texter_add (fixture->store, "Bob", "$argon2id$hash", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_store_texter_add (fixture->store, "ada", NULL, FALSE, &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "ada"));
  g_clear_error (&error);

  texter = tb_store_texter_get_by_name (fixture->store, "Bob", &error);
  g_assert_no_error (error);
  g_assert_cmpint (texter->id, ==, bob);
  g_assert_true (texter->is_admin);
  g_assert_cmpstr (texter->pin_hash, ==, "$argon2id$hash");
  g_clear_pointer (&texter, tb_texter_free);
  g_assert_null (tb_store_texter_get_by_name (fixture->store, "Nobody", &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (tb_store_texter_set_pin_hash (fixture->store, bob, NULL, &error));
  g_assert_true (tb_store_texter_set_admin (fixture->store, bob, FALSE, &error));
  texter = tb_store_texter_get (fixture->store, bob, &error);
  g_assert_null (texter->pin_hash);
  g_assert_false (texter->is_admin);
  texters = tb_store_texter_list (fixture->store, &error);
  g_assert_cmpuint (texters->len, ==, 2);
  g_assert_cmpstr (((TbTexter *) texters->pdata[0])->name, ==, "Ada");

  a1 = tb_store_audit_add (fixture->store, bob, "import", "campaign 1", "10 contacts", &error);
  a2 = tb_store_audit_add (fixture->store, 0, "settings", NULL, NULL, &error);
  a3 = tb_store_audit_add (fixture->store, fixture->texter_id, "export", "campaign 1", NULL, &error);
  g_assert_no_error (error);
  entries = tb_store_audit_list (fixture->store, 0, 2, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((TbAuditEntry *) entries->pdata[0])->id, ==, a3);
  g_assert_cmpstr (((TbAuditEntry *) entries->pdata[0])->texter_name, ==, "Ada");
  g_assert_cmpint (((TbAuditEntry *) entries->pdata[1])->id, ==, a2);
  g_assert_null (((TbAuditEntry *) entries->pdata[1])->texter_name);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = tb_store_audit_list (fixture->store, a2, 10, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((TbAuditEntry *) entries->pdata[0])->id, ==, a1);
  g_assert_cmpstr (((TbAuditEntry *) entries->pdata[0])->detail, ==, "10 contacts");

  value = tb_store_setting_get (fixture->store, "admin-hash", &error);
  g_assert_no_error (error);
  g_assert_null (value);
  g_assert_true (tb_store_setting_set (fixture->store, "admin-hash", "one", &error));
  g_assert_true (tb_store_setting_set (fixture->store, "admin-hash", "two", &error));
  value = tb_store_setting_get (fixture->store, "admin-hash", &error);
  g_assert_cmpstr (value, ==, "two");
  g_clear_pointer (&value, g_free);
  g_assert_true (tb_store_setting_set (fixture->store, "admin-hash", NULL, &error));
  value = tb_store_setting_get (fixture->store, "admin-hash", &error);
  g_assert_null (value);
  g_assert_no_error (error);
}

/* ---- Signals from another thread arrive on the opening thread --------- */

typedef struct {
  GThread *thread;
  gint64   campaign_id;
  gint64   contact_id;
  guint    count;
} SignalRecord;

static void
on_contacts_changed (TbStore      *store,
                     gint64        campaign_id,
                     gint64        contact_id,
                     SignalRecord *record)
{
  record->thread = g_thread_self ();
  record->campaign_id = campaign_id;
  record->contact_id = contact_id;
  record->count++;
}

static gpointer
emit_from_worker (gpointer data)
{
  tb_store_emit_contacts_changed (data, 7, 8);
  return NULL;
}

static void
test_signals_from_worker (StoreFixture  *fixture,
                          gconstpointer  data)
{
  SignalRecord record = { NULL };
  GThread *worker;

  g_signal_connect (fixture->store, "contacts-changed", G_CALLBACK (on_contacts_changed), &record);
  worker = g_thread_new ("emitter", emit_from_worker, fixture->store);
  g_thread_join (worker);
  /* Not delivered in the worker. */
  g_assert_cmpuint (record.count, ==, 0);
  while (record.count == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (record.thread == g_thread_self ());
  g_assert_cmpint (record.campaign_id, ==, 7);
  g_assert_cmpint (record.contact_id, ==, 8);
  g_signal_handlers_disconnect_by_data (fixture->store, &record);
}

/* ---- Records: properties from the field tables ------------------------- */

/* The names, in order, and that each reads what its getter returns. */
static void
assert_properties (GObject            *record,
                   const char * const *names)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n_pspecs);
  g_assert_cmpuint (n_pspecs, ==, g_strv_length ((char **) names));
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), names[i]);

      g_assert_nonnull (pspec);
      g_assert_true ((pspec->flags & G_PARAM_READWRITE) == G_PARAM_READABLE);
    }
}

static void
test_record_properties (StoreFixture  *fixture,
                        gconstpointer  data)
{
  static const char * const campaign_names[] = {
    "id", "name", "description", "sender", "hours-start-min", "hours-end-min", "state",
    "is-demo", "initial-message", "created-at", NULL
  };
  static const char * const contact_names[] = {
    "id", "campaign-id", "phone", "first-name", "last-name", "zip", "time-zone", "fields",
    "status", "texter-id", "last-message-preview", "last-message-at", "updated-at", NULL
  };
  static const char * const message_names[] = {
    "id", "contact-id", "direction", "phone", "our-phone", "body", "state", "provider",
    "provider-id", "error-code", "error-text", "segments", "texter-id", "is-first",
    "pressed-at", "sent-at", "at", "updated-at", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCampaign) campaign = NULL;
  g_autoptr(TbContact) contact = NULL;
  g_autoptr(TbMessage) message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *time_zone = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *body = NULL;
  g_autofree char *provider = NULL;
  gint64 id = 0, contact_id, message_id, texter_id = 0, pressed_at = 0;
  int hours_start = 0, status = -1, state = -1, segments = 0;
  gboolean is_demo = TRUE, is_first = FALSE;
  GParamSpec *pspec;

  contact_id = tb_store_contact_add (fixture->store, fixture->campaign_id, "+15125550101",
                                     "Ada", "Lovelace", "78701", NULL, "{\"team\":\"red\"}", &error);
  g_assert_no_error (error);
  message_id = tb_store_message_queue_outbound (fixture->store, contact_id, "Hello Ada",
                                                fixture->texter_id, 0, "press-1", &error);
  g_assert_no_error (error);

  campaign = tb_store_campaign_get (fixture->store, fixture->campaign_id, &error);
  g_assert_no_error (error);
  assert_properties (G_OBJECT (campaign), campaign_names);
  g_object_get (campaign, "id", &id, "name", &name, "sender", &sender,
                "hours-start-min", &hours_start, "is-demo", &is_demo, NULL);
  g_assert_cmpint (id, ==, fixture->campaign_id);
  g_assert_cmpstr (name, ==, "Test");
  g_assert_cmpstr (sender, ==, "+15125550000");
  g_assert_cmpint (hours_start, ==, TB_CAMPAIGN_DEFAULT_HOURS_START_MIN);
  g_assert_false (is_demo);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (campaign), "hours-end-min");
  g_assert_cmpint (G_PARAM_SPEC_INT (pspec)->maximum, ==, 1440);
  g_assert_cmpint (G_PARAM_SPEC_INT (pspec)->default_value, ==, TB_CAMPAIGN_DEFAULT_HOURS_END_MIN);

  contact = tb_store_contact_get (fixture->store, contact_id, &error);
  g_assert_no_error (error);
  assert_properties (G_OBJECT (contact), contact_names);
  g_object_get (contact, "first-name", &first_name, "time-zone", &time_zone, "fields", &fields,
                "status", &status, "texter-id", &texter_id, NULL);
  g_assert_cmpstr (first_name, ==, tb_contact_get_first_name (contact));
  g_assert_cmpstr (time_zone, ==, tb_contact_get_time_zone (contact));
  g_assert_cmpstr (fields, ==, "{\"team\":\"red\"}");
  g_assert_cmpint (status, ==, TB_CONTACT_STATUS_WAITING);
  g_assert_cmpint (status, ==, tb_contact_get_status (contact));
  g_assert_cmpint (texter_id, ==, fixture->texter_id);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (contact), "status");
  g_assert_cmpint (G_PARAM_SPEC_INT (pspec)->maximum, ==, TB_CONTACT_N_STATUSES - 1);

  message = tb_store_message_get (fixture->store, message_id, &error);
  g_assert_no_error (error);
  assert_properties (G_OBJECT (message), message_names);
  g_object_get (message, "body", &body, "provider", &provider, "state", &state,
                "segments", &segments, "is-first", &is_first, "pressed-at", &pressed_at, NULL);
  g_assert_cmpstr (body, ==, "Hello Ada");
  g_assert_null (provider);
  g_assert_cmpint (state, ==, TB_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (segments, ==, 1);
  g_assert_true (is_first);
  g_assert_cmpint (pressed_at, ==, tb_message_get_pressed_at (message));
  g_assert_cmpint (pressed_at, >, 0);
}

/* Lookups by id name what is missing, in whole sentences. */
static void
test_not_found_messages (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (tb_store_campaign_get (fixture->store, 4242, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no campaign with id 4242");
  g_clear_error (&error);
  g_assert_null (tb_store_message_get (fixture->store, 4343, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no message with id 4343");
  g_clear_error (&error);
  g_assert_null (tb_store_texter_get (fixture->store, 4444, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no texter with id 4444");
  g_clear_error (&error);
  g_assert_false (tb_store_canned_reply_move (fixture->store, 4545, 0, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no canned reply with id 4545");
  g_clear_error (&error);
  g_assert_cmpint (tb_store_message_queue_outbound (fixture->store, 4646, "Hi", fixture->texter_id,
                                                    0, "press-x", &error), ==, 0);
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no contact with id 4646");
  g_clear_error (&error);
  /* Changes name the record by its noun. */
  g_assert_false (tb_store_texter_set_admin (fixture->store, 4747, TRUE, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no texter with id 4747");
  g_clear_error (&error);
  g_assert_false (tb_store_question_remove (fixture->store, 4848, &error));
  g_assert_error (error, TB_STORE_ERROR, TB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no survey question with id 4848");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/errors/mapping", test_error_mapping);
  g_test_add_func ("/store/enums/names", test_names);
  STORE_TEST_ADD ("/store/rules/direct-insert-to-opted-out-fails", test_direct_insert_to_opted_out_fails);
  STORE_TEST_ADD ("/store/rules/schema", test_schema_rules);
  STORE_TEST_ADD ("/store/rules/transition-tables-agree", test_transition_tables_agree);
  STORE_TEST_ADD ("/store/campaigns", test_campaigns);
  STORE_TEST_ADD ("/store/scripts", test_scripts);
  STORE_TEST_ADD ("/store/texters-audit-settings", test_texters_audit_settings);
  STORE_TEST_ADD ("/store/signals/from-worker", test_signals_from_worker);
  STORE_TEST_ADD ("/store/records/properties", test_record_properties);
  STORE_TEST_ADD ("/store/errors/not-found-messages", test_not_found_messages);

  return g_test_run ();
}
