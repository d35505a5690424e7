/* test-cli-send-test.c: textbank-cli send-test, run as a program
 *
 * The built binary (TEXTBANK_CLI) talks to a fake Twilio in this process,
 * or to the simulator; the test checks its JSON, exit code and what the
 * fake received. Each run uses a database in the test's own folder (the
 * admin check reads it), with no admin passphrase unless a test sets one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tb-fake-twilio.h"

#define OUR_NUMBER "+12025550100"
#define CONTACT "+12025550142"

typedef struct {
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_pointer (&run->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The database every run uses unless it names another. */
static char *default_database;

/* env: NULL-terminated NAME, VALUE pairs; VALUE NULL unsets. */
static void
run_cli_command (Run                *run,
                 const char         *database,
                 const char         *command,
                 const char * const *env,
                 const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TEXTBANK_CLI");

  g_assert_nonnull (cli);
  /* Never the user's keyring nor their credentials. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/textbank-test-bus", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "TWILIO_ACCOUNT_SID");
  g_subprocess_launcher_unsetenv (launcher, "TWILIO_AUTH_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "TWILIO_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "TWILIO_API_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "TEXTBANK_FROM");
  g_subprocess_launcher_unsetenv (launcher, "TEXTBANK_ADMIN_PASSPHRASE");
  g_subprocess_launcher_unsetenv (launcher, "TEXTBANK_NEW_ADMIN_PASSPHRASE");
  for (gsize i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) database);
  g_ptr_array_add (argv, (char *) command);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);

  if (run->out != NULL && run->out[0] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, run->out, -1, &error);
      g_assert_no_error (error);
      run->json = json_node_copy (json_parser_get_root (parser));
    }
}

static void
run_cli (Run                *run,
         const char * const *env,
         const char * const *args)
{
  run_cli_command (run, default_database, "send-test", env, args);
}

static JsonObject *
json_object (Run *run)
{
  g_assert_nonnull (run->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (run->json));
  return json_node_get_object (run->json);
}

static JsonObject *
json_error (Run *run)
{
  JsonObject *root = json_object (run);

  g_assert_true (json_object_has_member (root, "error"));
  return json_object_get_object_member (root, "error");
}

static void
test_twilio_ok (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  const char *env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", TB_FAKE_TWILIO_AUTH_TOKEN,
    "TEXTBANK_FROM", OUR_NUMBER,
    NULL
  };
  const char *args[] = { "--to", CONTACT, "--api-base", tb_fake_twilio_get_base_url (fake), "--json", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) requests = NULL;
  TbFakeTwilioRequest *request;

  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_object (&run), "id"), "SM"));
  g_assert_cmpstr (json_object_get_string_member (json_object (&run), "status"), ==, "queued");
  g_assert_false (json_object_get_boolean_member (json_object (&run), "simulator"));

  g_assert_cmpuint (tb_fake_twilio_count_messages (fake), ==, 1);
  requests = tb_fake_twilio_get_requests (fake);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (g_hash_table_lookup (request->form, "From"), ==, OUR_NUMBER);
  g_assert_cmpstr (g_hash_table_lookup (request->form, "To"), ==, CONTACT);
  g_assert_nonnull (g_hash_table_lookup (request->form, "Body"));
}

static void
test_twilio_plain_output_and_from (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  const char *env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", TB_FAKE_TWILIO_AUTH_TOKEN,
    "TEXTBANK_FROM", "+19999999999",
    NULL
  };
  const char *args[] = { "--to", CONTACT, "--from", OUR_NUMBER, "--body", "Testing 1 2 3",
                         "--api-base", tb_fake_twilio_get_base_url (fake), NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) requests = NULL;
  TbFakeTwilioRequest *request;

  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "SM"));
  g_assert_nonnull (strstr (run.out, "\tqueued\t"));

  /* --from wins over TEXTBANK_FROM */
  requests = tb_fake_twilio_get_requests (fake);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (g_hash_table_lookup (request->form, "From"), ==, OUR_NUMBER);
  g_assert_cmpstr (g_hash_table_lookup (request->form, "Body"), ==, "Testing 1 2 3");
}

static void
test_twilio_api_key (void)
{
  const char *key_sid = "SK0123456789abcdef0123456789abcdef";
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  const char *env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_API_KEY", key_sid,
    "TWILIO_API_SECRET", "the-key-secret",
    NULL
  };
  const char *args[] = { "--to", CONTACT, "--from", OUR_NUMBER,
                         "--api-base", tb_fake_twilio_get_base_url (fake), "--json", NULL };
  g_auto(Run) run = { 0 };

  tb_fake_twilio_set_auth (fake, key_sid, "the-key-secret");
  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (tb_fake_twilio_count_messages (fake), ==, 1);
}

typedef struct {
  const char *name;
  const char *to;
  guint       http_status;
  int         fault_code;   /* 0: no fault, the fake's own answer */
  int         expected_code;
  const char *expected_kind;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "invalid-21211", "12345", 0, 0, 21211, "invalid-number" },
  { "opted-out-21610", CONTACT, 400, 21610, 21610, "recipient-opted-out" },
  { "rate-limited-20429", CONTACT, 429, 20429, 20429, "rate-limited" },
};

static void
test_twilio_error (gconstpointer data)
{
  const ErrorCase *test = data;
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  const char *env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", TB_FAKE_TWILIO_AUTH_TOKEN,
    NULL
  };
  const char *args[] = { "--to", test->to, "--from", OUR_NUMBER,
                         "--api-base", tb_fake_twilio_get_base_url (fake), "--json", NULL };
  g_auto(Run) run = { 0 };
  JsonObject *error;
  g_autofree char *code_text = g_strdup_printf ("%d", test->expected_code);

  if (test->fault_code != 0)
    {
      tb_fake_twilio_set_error (fake, test->http_status, test->fault_code, "Twilio refuses", 0);
      tb_fake_twilio_add_fault (fake, TB_FAKE_TWILIO_REQUEST_SEND, TB_FAKE_TWILIO_FAULT_ERROR, 1);
    }
  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 1);
  error = json_error (&run);
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, test->expected_code);
  g_assert_cmpstr (json_object_get_string_member (error, "kind"), ==, test->expected_kind);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), code_text));
  g_assert_nonnull (strstr (run.err, code_text));
  g_assert_cmpuint (tb_fake_twilio_count_messages (fake), ==, 0);
}

static void
test_wrong_token_never_printed (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  const char *env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", "wrong-token-s3cr3t",
    NULL
  };
  const char *args[] = { "--to", CONTACT, "--from", OUR_NUMBER,
                         "--api-base", tb_fake_twilio_get_base_url (fake), "--json", NULL };
  g_auto(Run) run = { 0 };

  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_error (&run), "code"), ==, 20003);
  g_assert_null (strstr (run.out, "s3cr3t"));
  g_assert_null (strstr (run.err, "s3cr3t"));
}

static void
test_no_credentials (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  const char *args[] = { "--to", CONTACT, "--from", OUR_NUMBER,
                         "--api-base", tb_fake_twilio_get_base_url (fake), "--json", NULL };
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (json_error (&run), "message"), "TWILIO_ACCOUNT_SID"));
  g_assert_cmpuint (tb_fake_twilio_count_requests (fake, TB_FAKE_TWILIO_REQUEST_ANY), ==, 0);
}

static void
test_unreachable (void)
{
  const char *env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", TB_FAKE_TWILIO_AUTH_TOKEN,
    NULL
  };
  /* port 9 (discard) on loopback: nothing listens there */
  const char *args[] = { "--to", CONTACT, "--from", OUR_NUMBER, "--api-base", "http://127.0.0.1:9",
                         "--timeout", "2", "--json", NULL };
  g_auto(Run) run = { 0 };
  JsonObject *error;

  run_cli (&run, env, args);
  g_assert_cmpint (run.status, ==, 1);
  error = json_error (&run);
  g_assert_cmpstr (json_object_get_string_member (error, "kind"), ==, "not-received");
  g_assert_true (json_object_get_boolean_member (error, "retryable"));
}

static void
test_simulator (void)
{
  const char *env[] = { "TEXTBANK_FROM", OUR_NUMBER, "TEXTBANK_SIMULATOR_SEED", "5", NULL };
  const char *args[] = { "--to", CONTACT, "--simulator", "--json", NULL };
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };

  run_cli (&first, env, args);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (json_object_get_boolean_member (json_object (&first), "simulator"));
  g_assert_cmpstr (json_object_get_string_member (json_object (&first), "provider"), ==, "Simulator");
  g_assert_cmpuint (strlen (json_object_get_string_member (json_object (&first), "id")), ==, 34);

  /* seeded: the same id again */
  run_cli (&again, env, args);
  g_assert_cmpstr (json_object_get_string_member (json_object (&first), "id"), ==,
                   json_object_get_string_member (json_object (&again), "id"));
}

static void
test_usage (void)
{
  const char *no_to[] = { "--from", OUR_NUMBER, "--simulator", NULL };
  const char *no_from[] = { "--to", CONTACT, "--simulator", NULL };
  const char *bad_option[] = { "--to", CONTACT, "--frobnicate", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) run3 = { 0 };

  run_cli (&run1, NULL, no_to);
  g_assert_cmpint (run1.status, ==, 2);
  g_assert_nonnull (strstr (run1.err, "--to"));
  run_cli (&run2, NULL, no_from);
  g_assert_cmpint (run2.status, ==, 2);
  g_assert_nonnull (strstr (run2.err, "TEXTBANK_FROM"));
  run_cli (&run3, NULL, bad_option);
  g_assert_cmpint (run3.status, ==, 2);
}

/* The file and SQLite's WAL files beside it. */
static void
remove_database (const char *database)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (database, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* With an admin passphrase set, send-test is the admin's: refused without
 * it or with a wrong one, before anything reaches the provider. */
static void
test_needs_admin (void)
{
  g_autoptr(TbFakeTwilio) fake = tb_fake_twilio_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-cli-send-test-admin-XXXXXX", NULL);
  g_autofree char *database = g_build_filename (dir, "textbank.db", NULL);
  const char *set_env[] = { "TEXTBANK_NEW_ADMIN_PASSPHRASE", "a long admin passphrase", NULL };
  const char *set_args[] = { "set-passphrase", NULL };
  const char *no_admin_env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", TB_FAKE_TWILIO_AUTH_TOKEN,
    NULL
  };
  const char *wrong_env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", TB_FAKE_TWILIO_AUTH_TOKEN,
    "TEXTBANK_ADMIN_PASSPHRASE", "not the passphrase",
    NULL
  };
  const char *admin_env[] = {
    "TWILIO_ACCOUNT_SID", TB_FAKE_TWILIO_ACCOUNT_SID,
    "TWILIO_AUTH_TOKEN", TB_FAKE_TWILIO_AUTH_TOKEN,
    "TEXTBANK_ADMIN_PASSPHRASE", "a long admin passphrase",
    NULL
  };
  const char *args[] = { "--to", CONTACT, "--from", OUR_NUMBER,
                         "--api-base", tb_fake_twilio_get_base_url (fake), "--json", NULL };
  g_auto(Run) set = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) allowed = { 0 };

  g_assert_nonnull (dir);
  run_cli_command (&set, database, "admin", set_env, set_args);
  g_assert_cmpint (set.status, ==, 0);

  run_cli_command (&refused, database, "send-test", no_admin_env, args);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "needs the admin passphrase"));
  g_assert_cmpstr (refused.out, ==, "");

  run_cli_command (&wrong, database, "send-test", wrong_env, args);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_nonnull (strstr (wrong.err, "not the right passphrase"));
  g_assert_cmpuint (tb_fake_twilio_count_requests (fake, TB_FAKE_TWILIO_REQUEST_ANY), ==, 0);

  /* The same command with the passphrase goes through: the refusals above
   * were the admin check, not something else. */
  run_cli_command (&allowed, database, "send-test", admin_env, args);
  g_assert_cmpint (allowed.status, ==, 0);
  g_assert_cmpuint (tb_fake_twilio_count_requests (fake, TB_FAKE_TWILIO_REQUEST_SEND), ==, 1);

  remove_database (database);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("test-cli-send-test-XXXXXX", NULL);
  g_assert_nonnull (dir);
  default_database = g_build_filename (dir, "textbank.db", NULL);

  g_test_add_func ("/cli/send-test/twilio-ok", test_twilio_ok);
  g_test_add_func ("/cli/send-test/plain-output-and-from", test_twilio_plain_output_and_from);
  g_test_add_func ("/cli/send-test/api-key", test_twilio_api_key);
  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/send-test/error/%s", error_cases[i].name);

      g_test_add_data_func (path, &error_cases[i], test_twilio_error);
    }
  g_test_add_func ("/cli/send-test/wrong-token-never-printed", test_wrong_token_never_printed);
  g_test_add_func ("/cli/send-test/no-credentials", test_no_credentials);
  g_test_add_func ("/cli/send-test/unreachable", test_unreachable);
  g_test_add_func ("/cli/send-test/simulator", test_simulator);
  g_test_add_func ("/cli/send-test/usage", test_usage);
  g_test_add_func ("/cli/send-test/needs-admin", test_needs_admin);

  status = g_test_run ();

  remove_database (default_database);
  g_rmdir (dir);
  g_clear_pointer (&default_database, g_free);
  return status;
}
