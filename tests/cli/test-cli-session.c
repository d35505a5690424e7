/* test-cli-session.c: the demo campaign end to end from the command line:
 * textbank-cli demo, send, sync --once, then the database's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tb-store.h"
#include "tb-texting-hours.h"

typedef struct {
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} RunResult;

static void
run_result_clear (RunResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
  g_clear_pointer (&r->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs textbank-cli --database DB ARGS…; parses stdout as JSON when it is. */
static RunResult
run_cli (const char *database,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TEXTBANK_CLI");
  static guint run_count;
  g_autofree char *seed = NULL;
  RunResult result = { 0 };
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  va_start (args, database);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Credentials for the one run that names Twilio: a demo campaign must be
   * refused before any request. */
  g_subprocess_launcher_unsetenv (launcher, "TWILIO_ACCOUNT_SID");
  /* Each run has its own simulator: its own seed, so the message ids differ;
   * fixed, so the few sends it refuses at random (21211) are not these. */
  seed = g_strdup_printf ("%u", 1000 + run_count++);
  g_subprocess_launcher_setenv (launcher, "TEXTBANK_SIMULATOR_SEED", seed, TRUE);
  if (g_strv_contains ((const char * const *) argv->pdata, "twilio"))
    {
      g_subprocess_launcher_setenv (launcher, "TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef", TRUE);
      g_subprocess_launcher_setenv (launcher, "TWILIO_AUTH_TOKEN", "not-a-real-token", TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result.out, &result.err, &error);
  g_assert_no_error (error);
  result.status = g_subprocess_get_exit_status (process);
  if (result.out != NULL && result.out[0] == '{')
    {
      result.json = json_from_string (result.out, &error);
      g_assert_no_error (error);
    }
  if (g_test_verbose ())
    g_printerr ("%s%s", result.out ? result.out : "", result.err ? result.err : "");
  return result;
}

static gint64
member_int (RunResult  *r,
            const char *name)
{
  g_assert_nonnull (r->json);
  return json_object_get_int_member (json_node_get_object (r->json), name);
}

static const char *
member_string (RunResult  *r,
               const char *name)
{
  g_assert_nonnull (r->json);
  return json_object_get_string_member (json_node_get_object (r->json), name);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

/* A demo contact whose window is shut now, or 0 when every zone is open. */
static gint64
find_closed_contact (TbStore *store,
                     gint64   campaign_id)
{
  g_autoptr(GPtrArray) contacts = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY,
                                                         NULL, 0, 500, NULL);
  TbTextingWindow window = TB_TEXTING_WINDOW_INIT_DEFAULT;

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      TbContact *contact = g_ptr_array_index (contacts, i);
      TbTextingHoursVerdict verdict;

      tb_texting_hours_check (tb_contact_get_time_zone (contact), &window,
                              g_get_real_time (), &verdict, NULL);
      if (verdict.status != TB_TEXTING_HOURS_OPEN)
        return tb_contact_get_id (contact);
    }
  return 0;
}

static void
test_demo_end_to_end (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("textbank-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *campaign = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *other = NULL;
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(TbContact) first = NULL;
  TbCampaignStats stats = { 0 };
  gint64 campaign_id;
  gint64 contact_id;
  gint64 closed_id;

  /* demo: made once, found again. */
  {
    g_auto(RunResult) r = run_cli (db, "demo", "--json", NULL);
    g_auto(RunResult) again = run_cli (db, "demo", "--json", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (member_int (&r, "contacts"), ==, 200);
    campaign_id = member_int (&r, "campaign_id");
    g_assert_cmpint (member_int (&again, "campaign_id"), ==, campaign_id);
    g_assert_cmpint (member_int (&again, "contacts"), ==, 200);
  }
  campaign = g_strdup_printf ("%" G_GINT64_FORMAT, campaign_id);

  store = tb_store_open (db, &error);
  g_assert_no_error (error);
  page = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, 2, &error);
  g_assert_no_error (error);
  first = g_object_ref (g_ptr_array_index (page, 0));
  contact_id = tb_contact_get_id (first);
  contact = g_strdup_printf ("%" G_GINT64_FORMAT, contact_id);
  other = g_strdup_printf ("%" G_GINT64_FORMAT, tb_contact_get_id (g_ptr_array_index (page, 1)));

  /* Texting hours hold on the command line too (when some zone is shut). */
  closed_id = find_closed_contact (store, campaign_id);
  if (closed_id != 0)
    {
      g_autofree char *closed = g_strdup_printf ("%" G_GINT64_FORMAT, closed_id);
      g_auto(RunResult) r = run_cli (db, "send", "--campaign", campaign, "--contact", closed,
                                     "--texter", "Ada Lovelace", "--json", NULL);

      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "Outside texting hours"));
      g_clear_pointer (&thread, g_ptr_array_unref);
      thread = tb_store_message_list_for_contact (store, closed_id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (thread->len, ==, 0);
    }

  /* An admin opens the window all day so the test does not depend on the
   * hour it runs at. */
  tb_store_campaign_update (store, campaign_id, NULL, NULL, NULL, 0, 24 * 60, &error);
  g_assert_no_error (error);

  /* The first text: the initial message, rendered, with the texter. */
  {
    g_auto(RunResult) r = run_cli (db, "send", "--campaign", campaign, "--contact", contact,
                                   "--texter", "Ada Lovelace", "--json", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (member_string (&r, "state"), ==, "accepted");
    g_assert_cmpstr (member_string (&r, "provider"), ==, "simulator");
    g_assert_true (g_str_has_prefix (member_string (&r, "provider_id"), "SM"));
    g_assert_cmpstr (member_string (&r, "texter"), ==, "Ada Lovelace");
    g_assert_nonnull (strstr (member_string (&r, "body"), tb_contact_get_first_name (first)));
    g_assert_nonnull (strstr (member_string (&r, "body"), "Ada Lovelace"));
    g_assert_nonnull (strstr (member_string (&r, "body"), "STOP"));
    g_assert_true (json_object_get_boolean_member (json_node_get_object (r.json), "first_text"));
  }

  /* A second initial message to the same person is refused. */
  {
    g_auto(RunResult) r = run_cli (db, "send", "--campaign", campaign, "--contact", contact,
                                   "--texter", "Grace Hopper", "--json", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "not sent"));
  }

  /* A reply with a body. */
  {
    g_auto(RunResult) r = run_cli (db, "send", "--campaign", campaign, "--contact", contact,
                                   "--texter", "Grace Hopper", "--body", "Thanks, see you there!",
                                   "--json", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (member_string (&r, "state"), ==, "accepted");
    g_assert_cmpstr (member_string (&r, "texter"), ==, "Grace Hopper");
  }

  /* A demo campaign never goes through a real provider. */
  {
    g_auto(RunResult) r = run_cli (db, "send", "--campaign", campaign, "--contact", other,
                                   "--texter", "Ada Lovelace", "--provider", "twilio",
                                   "--api-base", "http://127.0.0.1:9", "--json", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "demo campaign"));
  }

  /* An opted-out number is refused, with the reason. */
  tb_store_opt_out_add (store, tb_contact_get_phone (g_ptr_array_index (page, 1)),
                        TB_OPT_OUT_SOURCE_MANUAL, 0, 0, &error);
  g_assert_no_error (error);
  {
    g_auto(RunResult) r = run_cli (db, "send", "--campaign", campaign, "--contact", other,
                                   "--texter", "Ada Lovelace", "--json", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "opted out"));
  }

  /* sync --once runs one round against the simulator. */
  {
    g_auto(RunResult) r = run_cli (db, "sync", "--once", "--json", NULL);
    g_auto(RunResult) usage = run_cli (db, "sync", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (member_string (&r, "provider"), ==, "Simulator");
    g_assert_cmpint (member_int (&r, "inbound_stored"), ==, 0);
    g_assert_cmpint (usage.status, ==, 2);
  }

  /* The database says the same: two messages, each with its texter. */
  thread = tb_store_message_list_for_contact (store, contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 2);
  for (guint i = 0; i < thread->len; i++)
    {
      TbMessage *message = g_ptr_array_index (thread, i);

      g_assert_cmpint (tb_message_get_state (message), ==, TB_MESSAGE_STATE_ACCEPTED);
      g_assert_cmpint (tb_message_get_texter_id (message), >, 0);
    }
  {
    g_autoptr(TbTexter) ada = tb_store_texter_get_by_name (store, "Ada Lovelace", &error);
    g_autoptr(TbTexter) grace = tb_store_texter_get_by_name (store, "Grace Hopper", NULL);

    g_assert_no_error (error);
    g_assert_nonnull (grace);
    g_assert_cmpint (tb_message_get_texter_id (g_ptr_array_index (thread, 0)), ==, ada->id);
    g_assert_cmpint (tb_message_get_texter_id (g_ptr_array_index (thread, 1)), ==, grace->id);
  }
  g_assert_true (tb_store_stats_campaign (store, campaign_id, 0, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.sent, ==, 2);
  g_assert_cmpint (stats.first_texts, ==, 1);
  g_assert_cmpint (stats.contacts, ==, 200);
  g_assert_cmpint (stats.opted_out, ==, 1);

  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/session/demo-end-to-end", test_demo_end_to_end);

  return g_test_run ();
}
