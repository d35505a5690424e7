/* test-access.c: Argon2id hashes, the rate limit, the admin role, PINs, the
 * idle lock, the audit trail and the shift summary, on real SQLite files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tb-provider-fixtures.h"
#include "tb-session.h"
#include "test-store-helpers.h"

#define PASSPHRASE "correct horse battery"
/* 2026-11-27 18:00 UTC: noon in Chicago, inside texting hours. */
#define NOON_CHICAGO G_GINT64_CONSTANT (1795802400000000)

typedef struct {
  StoreFixture  base;
  gint64        now;
  TbSession    *session;
  TbAccess     *access;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  store_fixture_set_up (&fixture->base, data);
  fixture->now = NOON_CHICAGO;
  fixture->session = tb_session_new (fixture->base.store, NULL);
  tb_session_set_clock (fixture->session, fake_clock, fixture);
  fixture->access = tb_session_get_access (fixture->session);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->base.store);
  remove_tree (fixture->base.dir);
  g_free (fixture->base.dir);
  g_free (fixture->base.path);
}

static guint
count_audit (TbStore    *store,
             const char *action,
             gint64      texter_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = tb_store_audit_list (store, 0, 1000, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      TbAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->action, action) && (texter_id < 0 || entry->texter_id == texter_id))
        count++;
    }
  return count;
}

static void
set_passphrase (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_access_set_admin_passphrase (fixture->access, PASSPHRASE, &error));
  g_assert_no_error (error);
  tb_access_lock_admin (fixture->access);
  g_assert_false (tb_session_get_admin_unlocked (fixture->session));
}

static void
idle_locked_cb (gpointer  instance,
                gpointer  user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* ---- tb-auth ------------------------------------------------------------- */

static void
test_pin_validation (void)
{
  static const struct { const char *pin; gboolean valid; } cases[] = {
    { "1234", TRUE }, { "123456", TRUE }, { "00000", TRUE },
    { "123", FALSE }, { "1234567", FALSE }, { "", FALSE }, { NULL, FALSE },
    { "12a4", FALSE }, { "12 34", FALSE }, { "١٢٣٤", FALSE }, { "-123", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = tb_auth_pin_is_valid (cases[i].pin, &error);

      g_test_message ("PIN %s", cases[i].pin ? cases[i].pin : "(null)");
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (!valid)
        g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_INVALID_PIN);
    }
}

static void
test_passphrase_validation (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_auth_passphrase_is_valid ("eight ch", NULL));
  g_assert_true (tb_auth_passphrase_is_valid ("éééééééé", NULL));
  g_assert_false (tb_auth_passphrase_is_valid ("éééééé", &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (tb_auth_passphrase_is_valid (NULL, &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WEAK_PASSPHRASE);
}

static void
test_hash_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;
  gint64 start, hash_us, verify_us;

  start = g_get_monotonic_time ();
  hash = tb_auth_hash_secret (PASSPHRASE, &error);
  hash_us = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  /* Never the secret itself, salted: the same secret hashes differently. */
  g_assert_null (strstr (hash, PASSPHRASE));
  again = tb_auth_hash_secret (PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, !=, again);

  start = g_get_monotonic_time ();
  g_assert_true (tb_auth_verify_secret (hash, PASSPHRASE, &error));
  verify_us = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_test_message ("Argon2id INTERACTIVE: hash %.1f ms, verify %.1f ms",
                  hash_us / 1000.0, verify_us / 1000.0);

  g_assert_false (tb_auth_verify_secret (hash, "correct horse battery!", &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_false (tb_auth_verify_secret (hash, NULL, &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_false (tb_auth_verify_secret ("$2y$10$notargon", PASSPHRASE, &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_BAD_HASH);
  g_clear_error (&error);
  /* A damaged Argon2id string never verifies. */
  hash[strlen (hash) - 3] ^= 0x01;
  g_assert_false (tb_auth_verify_secret (hash, PASSPHRASE, &error));
  g_assert_nonnull (error);
}

static void
test_hash_async (void)
{
  g_autoptr(GAsyncResult) hashed = NULL;
  g_autoptr(GAsyncResult) verified = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  tb_auth_hash_secret_async ("2468", NULL, tb_test_keep_result, &hashed);
  hash = tb_auth_hash_secret_finish (tb_test_wait_for (&hashed), &error);
  g_assert_no_error (error);
  tb_auth_verify_secret_async (hash, "2469", NULL, tb_test_keep_result, &verified);
  g_assert_false (tb_auth_verify_secret_finish (tb_test_wait_for (&verified), &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
}

static void
test_rate_limit_persisted (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 t = NOON_CHICAGO;
  gint64 retry_at = -1;

  /* Two free wrong guesses. */
  g_assert_cmpint (tb_auth_limit_fail (fixture->base.store, "admin", t, &error), ==, 0);
  g_assert_cmpint (tb_auth_limit_fail (fixture->base.store, "admin", t, &error), ==, 0);
  g_assert_true (tb_auth_limit_check (fixture->base.store, "admin", t, &retry_at, &error));
  g_assert_cmpint (retry_at, ==, 0);
  /* The third locks for 30 s. */
  g_assert_cmpint (tb_auth_limit_fail (fixture->base.store, "admin", t, &error), ==,
                   t + 30 * G_USEC_PER_SEC);
  g_assert_no_error (error);

  /* Reopening the database keeps it. */
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->base.store);
  fixture->base.store = tb_store_open (fixture->base.path, &error);
  g_assert_no_error (error);

  g_assert_false (tb_auth_limit_check (fixture->base.store, "admin", t + 29 * G_USEC_PER_SEC,
                                       &retry_at, &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "1 second"));
  g_assert_cmpint (retry_at, ==, t + 30 * G_USEC_PER_SEC);
  g_clear_error (&error);
  /* Other scopes are not affected. */
  g_assert_true (tb_auth_limit_check (fixture->base.store, "texter:1", t, NULL, &error));

  /* Each further wrong guess doubles the wait, up to the cap. */
  t += 31 * G_USEC_PER_SEC;
  g_assert_true (tb_auth_limit_check (fixture->base.store, "admin", t, NULL, &error));
  g_assert_cmpint (tb_auth_limit_fail (fixture->base.store, "admin", t, &error), ==,
                   t + 60 * G_USEC_PER_SEC);
  g_assert_cmpint (tb_auth_limit_fail (fixture->base.store, "admin", t, &error), ==,
                   t + 120 * G_USEC_PER_SEC);
  for (int i = 0; i < 30; i++)
    tb_auth_limit_fail (fixture->base.store, "admin", t, &error);
  g_assert_cmpint (tb_auth_limit_fail (fixture->base.store, "admin", t, &error), ==,
                   t + (gint64) TB_AUTH_MAX_LOCKOUT_SECONDS * G_USEC_PER_SEC);
  g_assert_false (tb_auth_limit_check (fixture->base.store, "admin", t, NULL, NULL));

  /* A right guess resets it. */
  g_assert_true (tb_auth_limit_reset (fixture->base.store, "admin", &error));
  g_assert_true (tb_auth_limit_check (fixture->base.store, "admin", t, NULL, &error));
  g_assert_cmpint (tb_auth_limit_fail (fixture->base.store, "admin", t, &error), ==, 0);
  g_assert_no_error (error);
}

/* ---- The admin role ------------------------------------------------------ */

static void
test_admin_no_passphrase (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A single-user machine before the first-run step: admin is open. */
  g_assert_false (tb_access_has_admin_passphrase (fixture->access));
  g_assert_true (tb_session_get_admin_unlocked (fixture->session));
  g_assert_true (tb_session_check_admin (fixture->session, TB_ADMIN_ACTION_IMPORT, &error));
  g_assert_no_error (error);

  g_assert_false (tb_access_set_admin_passphrase (fixture->access, "short", &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WEAK_PASSPHRASE);
  g_assert_false (tb_access_has_admin_passphrase (fixture->access));
}

static void
test_admin_unlock (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(TbAccess) reopened = NULL;

  g_assert_true (tb_session_sign_in (fixture->session, fixture->base.texter_id, &error));
  set_passphrase (fixture);

  stored = tb_store_setting_get (fixture->base.store, TB_ACCESS_SETTING_ADMIN_HASH, &error);
  g_assert_true (g_str_has_prefix (stored, "$argon2id$"));
  g_assert_cmpuint (count_audit (fixture->base.store, "admin_passphrase_set",
                                 fixture->base.texter_id), ==, 1);

  /* Every admin-only operation refuses while locked. */
  for (TbAdminAction action = TB_ADMIN_ACTION_IMPORT;
       action <= TB_ADMIN_ACTION_WORKSTATION_SETTINGS; action++)
    {
      g_assert_false (tb_session_check_admin (fixture->session, action, &error));
      g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_ADMIN_LOCKED);
      g_assert_nonnull (strstr (error->message, tb_admin_action_describe (action)));
      g_clear_error (&error);
    }
  /* Changing the passphrase needs the admin too. */
  g_assert_false (tb_access_set_admin_passphrase (fixture->access, "another one", &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_ADMIN_LOCKED);
  g_clear_error (&error);

  g_assert_false (tb_access_unlock_admin (fixture->access, "wrong passphrase", &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_false (tb_session_get_admin_unlocked (fixture->session));
  g_assert_cmpuint (count_audit (fixture->base.store, "admin_unlock_failed",
                                 fixture->base.texter_id), ==, 1);

  g_assert_true (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (tb_session_get_admin_unlocked (fixture->session));
  g_assert_true (tb_session_check_admin (fixture->session, TB_ADMIN_ACTION_EXPORT, &error));
  g_assert_cmpuint (count_audit (fixture->base.store, "admin_unlock",
                                 fixture->base.texter_id), ==, 1);

  /* It locks again after the admin timeout (5 minutes by default). */
  fixture->now += (TB_ACCESS_DEFAULT_ADMIN_TIMEOUT - 1) * G_USEC_PER_SEC;
  tb_access_expire (fixture->access);
  g_assert_true (tb_session_get_admin_unlocked (fixture->session));
  fixture->now += 2 * G_USEC_PER_SEC;
  g_assert_false (tb_session_check_admin (fixture->session, TB_ADMIN_ACTION_EXPORT, &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_ADMIN_LOCKED);
  g_assert_false (tb_session_get_admin_unlocked (fixture->session));

  /* A new TbAccess on the same file (a restart, the CLI) starts locked. */
  reopened = tb_access_new (fixture->base.store);
  g_assert_true (tb_access_has_admin_passphrase (reopened));
  g_assert_false (tb_access_get_admin_unlocked (reopened));
}

static void
test_admin_rate_limited (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_passphrase (fixture);

  for (int i = 0; i < TB_AUTH_FREE_FAILURES; i++)
    {
      g_assert_false (tb_access_unlock_admin (fixture->access, "guess", &error));
      g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
      g_clear_error (&error);
    }
  /* Now even the right passphrase is refused until the wait is over. */
  g_assert_false (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  g_assert_false (tb_session_get_admin_unlocked (fixture->session));

  fixture->now += (TB_AUTH_FIRST_LOCKOUT_SECONDS + 1) * G_USEC_PER_SEC;
  g_assert_true (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));
  g_assert_no_error (error);
  /* The right one reset the count: a wrong one is free again. */
  tb_access_lock_admin (fixture->access);
  g_assert_false (tb_access_unlock_admin (fixture->access, "guess", &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
}

static void
test_admin_unlock_async (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) wrong = NULL;
  g_autoptr(GAsyncResult) right = NULL;
  g_autoptr(GAsyncResult) changed = NULL;
  g_autoptr(GError) error = NULL;

  set_passphrase (fixture);

  tb_access_unlock_admin_async (fixture->access, "nope nope", NULL, tb_test_keep_result, &wrong);
  /* The hash runs in a thread: nothing is decided before the loop runs. */
  g_assert_null (wrong);
  g_assert_false (tb_access_unlock_admin_finish (fixture->access, tb_test_wait_for (&wrong), &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  tb_access_unlock_admin_async (fixture->access, PASSPHRASE, NULL, tb_test_keep_result, &right);
  g_assert_true (tb_access_unlock_admin_finish (fixture->access, tb_test_wait_for (&right), &error));
  g_assert_no_error (error);
  g_assert_true (tb_session_get_admin_unlocked (fixture->session));

  /* While unlocked the admin may change the passphrase. */
  tb_access_set_admin_passphrase_async (fixture->access, "a new passphrase", NULL,
                                        tb_test_keep_result, &changed);
  g_assert_true (tb_access_set_admin_passphrase_finish (fixture->access, tb_test_wait_for (&changed),
                                                        &error));
  g_assert_no_error (error);
  tb_access_lock_admin (fixture->access);
  g_assert_false (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_true (tb_access_unlock_admin (fixture->access, "a new passphrase", &error));
}

static void
test_admin_locks_on_switch (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_true (tb_session_sign_in (fixture->session, fixture->base.texter_id, &error));
  set_passphrase (fixture);
  g_assert_true (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));
  g_signal_connect (fixture->session, "notify::admin-unlocked",
                    G_CALLBACK (notify_count_cb), &notified);

  g_assert_true (tb_session_sign_in_by_name (fixture->session, "Grace", &error));
  g_assert_no_error (error);
  g_assert_false (tb_session_get_admin_unlocked (fixture->session));
  g_assert_cmpuint (notified, ==, 1);

  /* Signing out locks it too. */
  g_assert_true (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));
  tb_session_sign_out (fixture->session);
  g_assert_false (tb_session_get_admin_unlocked (fixture->session));
}

static guint
count_texters (TbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texters = tb_store_texter_list (store, &error);

  g_assert_no_error (error);
  return texters->len;
}

/* What signing in by name would do, with nothing written: a command checks
 * this before it can still be refused (textbank-cli optout remove, send). */
static void
test_check_sign_in_by_name (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pin_hash = tb_auth_hash_secret ("4711", &error);
  struct {
    const char *name;
    const char *checked;    /* NULL: refused with code */
    gboolean    known;      /* the fixture's Ada */
    int         code;
  } cases[] = {
    { "Ada", "Ada", TRUE, 0 },
    { "  ada\t", "Ada", TRUE, 0 },      /* names match in any case */
    { " Grace  Hopper ", "Grace  Hopper", FALSE, 0 },
    { "", NULL, FALSE, TB_SESSION_ERROR_INVALID_NAME },
    { " \n ", NULL, FALSE, TB_SESSION_ERROR_INVALID_NAME },
    { NULL, NULL, FALSE, TB_SESSION_ERROR_INVALID_NAME },
    { "\xff", NULL, FALSE, TB_SESSION_ERROR_INVALID_NAME },
    { "Lin", NULL, FALSE, TB_SESSION_ERROR_PIN_REQUIRED },
  };
  guint texters, audits;

  g_assert_no_error (error);
  g_assert_cmpint (tb_store_texter_add (fixture->base.store, "Lin", pin_hash, FALSE, &error), >, 0);
  texters = count_texters (fixture->base.store);
  audits = count_audit (fixture->base.store, "sign_in", -1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 texter_id = -1;
      g_autofree char *checked = tb_session_check_sign_in_by_name (fixture->session, cases[i].name,
                                                                   &texter_id, &error);

      g_test_message ("“%s”", cases[i].name != NULL ? cases[i].name : "(null)");
      g_assert_cmpstr (checked, ==, cases[i].checked);
      if (cases[i].checked == NULL)
        {
          g_assert_error (error, TB_SESSION_ERROR, cases[i].code);
          g_clear_error (&error);
        }
      else
        g_assert_no_error (error);
      g_assert_cmpint (texter_id, ==, cases[i].known ? fixture->base.texter_id : 0);
    }

  g_assert_cmpuint (count_texters (fixture->base.store), ==, texters);
  g_assert_cmpuint (count_audit (fixture->base.store, "sign_in", -1), ==, audits);
  g_assert_cmpint (tb_session_get_texter_id (fixture->session), ==, 0);

  /* Signing in adds the new name as checked. */
  g_assert_true (tb_session_sign_in_by_name (fixture->session, " Grace  Hopper ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tb_session_get_texter_name (fixture->session), ==, "Grace  Hopper");
  g_assert_cmpuint (count_texters (fixture->base.store), ==, texters + 1);
}

static void
test_opt_out_undo_needs_admin (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_store_opt_out_add (fixture->base.store, "+15125550123",
                                       TB_OPT_OUT_SOURCE_MANUAL, 0, 0, &error));
  g_assert_true (tb_session_sign_in (fixture->session, fixture->base.texter_id, &error));
  set_passphrase (fixture);

  g_assert_false (tb_session_remove_opt_out (fixture->session, "+15125550123", &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_ADMIN_LOCKED);
  g_clear_error (&error);
  g_assert_true (tb_store_is_opted_out (fixture->base.store, "+15125550123", &error));
  g_assert_cmpuint (count_audit (fixture->base.store, "opt_out_undo", -1), ==, 0);

  g_assert_true (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));
  g_assert_true (tb_session_remove_opt_out (fixture->session, "+15125550123", &error));
  g_assert_no_error (error);
  g_assert_false (tb_store_is_opted_out (fixture->base.store, "+15125550123", &error));
  g_assert_cmpuint (count_audit (fixture->base.store, "opt_out_undo",
                                 fixture->base.texter_id), ==, 1);
}

/* ---- Settings ------------------------------------------------------------- */

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbAccess) reopened = NULL;

  g_assert_cmpuint (tb_access_get_idle_timeout (fixture->access), ==,
                    TB_ACCESS_DEFAULT_IDLE_TIMEOUT);
  g_assert_true (tb_session_sign_in (fixture->session, fixture->base.texter_id, &error));
  set_passphrase (fixture);

  g_assert_false (tb_access_set_idle_timeout (fixture->access, 120, &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_ADMIN_LOCKED);
  g_clear_error (&error);
  g_assert_true (tb_access_unlock_admin (fixture->access, PASSPHRASE, &error));

  g_assert_false (tb_access_set_admin_timeout (fixture->access, 5, &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_INVALID_SETTING);
  g_clear_error (&error);
  g_assert_false (tb_access_set_admin_timeout (fixture->access, 0, &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_INVALID_SETTING);
  g_clear_error (&error);
  g_assert_false (tb_access_set_idle_timeout (fixture->access, TB_ACCESS_MAX_TIMEOUT + 1, &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_INVALID_SETTING);
  g_clear_error (&error);

  g_assert_true (tb_access_set_idle_timeout (fixture->access, 120, &error));
  g_assert_true (tb_access_set_admin_timeout (fixture->access, 60, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (fixture->base.store, "setting_change",
                                 fixture->base.texter_id), ==, 2);

  reopened = tb_access_new (fixture->base.store);
  g_assert_cmpuint (tb_access_get_idle_timeout (reopened), ==, 120);
  g_assert_cmpuint (tb_access_get_admin_timeout (reopened), ==, 60);
}

/* ---- PINs ----------------------------------------------------------------- */

static void
test_pin_sign_in (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) bad_pin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTexter) texter = NULL;
  gint64 id;

  tb_access_add_texter_async (fixture->access, "Pin", "12a4", NULL, tb_test_keep_result, &bad_pin);
  g_assert_cmpint (tb_access_add_texter_finish (fixture->access, tb_test_wait_for (&bad_pin), &error),
                   ==, 0);
  g_assert_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_INVALID_PIN);
  g_clear_error (&error);

  tb_access_add_texter_async (fixture->access, "  Lin  ", "4711", NULL, tb_test_keep_result, &added);
  id = tb_access_add_texter_finish (fixture->access, tb_test_wait_for (&added), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  texter = tb_store_texter_get (fixture->base.store, id, &error);
  g_assert_cmpstr (texter->name, ==, "Lin");
  g_assert_true (g_str_has_prefix (texter->pin_hash, "$argon2id$"));

  /* Below the UI too: no sign-in without the PIN. */
  g_assert_false (tb_session_sign_in (fixture->session, id, &error));
  g_assert_error (error, TB_SESSION_ERROR, TB_SESSION_ERROR_PIN_REQUIRED);
  g_clear_error (&error);
  g_assert_false (tb_session_sign_in_by_name (fixture->session, "Lin", &error));
  g_assert_error (error, TB_SESSION_ERROR, TB_SESSION_ERROR_PIN_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (tb_session_get_texter_id (fixture->session), ==, 0);

  for (int i = 0; i < TB_AUTH_FREE_FAILURES + 1; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      tb_session_sign_in_with_pin_async (fixture->session, id, i == 1 ? NULL : "0000", NULL,
                                         tb_test_keep_result, &result);
      g_assert_false (tb_session_sign_in_with_pin_finish (fixture->session, tb_test_wait_for (&result),
                                                          &error));
      g_assert_error (error, TB_AUTH_ERROR, (i < TB_AUTH_FREE_FAILURES
                                             ? TB_AUTH_ERROR_WRONG_SECRET
                                             : TB_AUTH_ERROR_RATE_LIMITED));
      g_clear_error (&error);
      g_assert_cmpint (tb_session_get_texter_id (fixture->session), ==, 0);
    }
  g_assert_cmpuint (count_audit (fixture->base.store, "pin_failed", id), ==,
                    TB_AUTH_FREE_FAILURES);

  /* Another texter is not locked out by Lin's wrong PINs. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    tb_session_sign_in_with_pin_async (fixture->session, fixture->base.texter_id, NULL, NULL,
                                       tb_test_keep_result, &result);
    g_assert_true (tb_session_sign_in_with_pin_finish (fixture->session, tb_test_wait_for (&result),
                                                       &error));
    g_assert_no_error (error);
  }

  fixture->now += (TB_AUTH_FIRST_LOCKOUT_SECONDS + 1) * G_USEC_PER_SEC;
  {
    g_autoptr(GAsyncResult) result = NULL;

    tb_session_sign_in_with_pin_async (fixture->session, id, "4711", NULL,
                                       tb_test_keep_result, &result);
    g_assert_true (tb_session_sign_in_with_pin_finish (fixture->session, tb_test_wait_for (&result),
                                                       &error));
    g_assert_no_error (error);
    g_assert_cmpint (tb_session_get_texter_id (fixture->session), ==, id);
  }
}

/* ---- Idle lock ------------------------------------------------------------ */

static void
test_idle_lock (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint locked = 0;
  gint64 start;

  g_signal_connect (fixture->access, "idle-locked", G_CALLBACK (idle_locked_cb), &locked);
  g_assert_true (tb_session_sign_in (fixture->session, fixture->base.texter_id, &error));
  tb_access_set_timeouts_ms (fixture->access, 60000, 150);

  /* Activity keeps it open. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 300 * 1000)
    {
      tb_access_note_activity (fixture->access);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (locked, ==, 0);
  g_assert_false (tb_session_get_locked (fixture->session));
  g_assert_true (tb_session_get_admin_unlocked (fixture->session));

  /* No input: it locks, and the admin role with it. */
  while (locked == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tb_session_get_locked (fixture->session));
  g_assert_false (tb_session_get_admin_unlocked (fixture->session));
  g_assert_false (tb_session_check_admin (fixture->session, TB_ADMIN_ACTION_IMPORT, &error));
  g_assert_error (error, TB_ACCESS_ERROR, TB_ACCESS_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture->base.store, "lock", fixture->base.texter_id), ==, 1);

  /* Signing in again unlocks. */
  g_assert_true (tb_session_sign_in (fixture->session, fixture->base.texter_id, &error));
  g_assert_false (tb_session_get_locked (fixture->session));
  g_assert_true (tb_session_get_admin_unlocked (fixture->session));
  tb_access_set_timeouts_ms (fixture->access, 60000, 0);
}

/* ---- The audit trail and the shift summary --------------------------------- */

static void
test_send_audit_and_summary (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TbTexterStats) before = NULL;
  g_autoptr(TbTexterStats) summary = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  TbOutbox *outbox = tb_session_get_outbox (fixture->session);
  gint64 grace, contact_a, contact_b, message_id;
  gboolean found = FALSE;

  /* The store stamps opt-outs with the real time: follow it, all day long. */
  fixture->now = g_get_real_time () - G_USEC_PER_SEC;
  g_assert_true (tb_store_campaign_update (fixture->base.store, fixture->base.campaign_id,
                                           NULL, NULL, NULL, 0, 1440, &error));
  contact_a = tb_store_contact_add (fixture->base.store, fixture->base.campaign_id,
                                    "+15125550101", "Ann", "A", "78701", "America/Chicago",
                                    NULL, &error);
  g_assert_no_error (error);
  contact_b = tb_store_contact_add (fixture->base.store, fixture->base.campaign_id,
                                    "+15125550102", "Bo", "B", "78701", "America/Chicago",
                                    NULL, &error);
  g_assert_no_error (error);

  g_assert_null (tb_session_shift_summary (fixture->session, &error));
  g_assert_error (error, TB_SESSION_ERROR, TB_SESSION_ERROR_NO_SUCH_TEXTER);
  g_clear_error (&error);

  g_assert_true (tb_session_sign_in_by_name (fixture->session, "Grace", &error));
  grace = tb_session_get_texter_id (fixture->session);
  before = tb_session_shift_summary (fixture->session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->sent, ==, 0);
  g_assert_cmpstr (before->texter_name, ==, "Grace");

  message_id = tb_outbox_submit_first_text (outbox, contact_a, "Hi Ann", "press-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (message_id, >, 0);
  g_assert_cmpint (tb_outbox_submit_first_text (outbox, contact_b, "Hi Bo", "press-2", &error),
                   >, 0);
  g_assert_true (tb_store_opt_out_add (fixture->base.store, "+15125550102",
                                       TB_OPT_OUT_SOURCE_MANUAL, 0, grace, &error));

  entries = tb_store_audit_list (fixture->base.store, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      TbAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->action, "send_first_text")
          && g_strcmp0 (entry->subject, "+15125550101") == 0)
        {
          g_assert_cmpint (entry->texter_id, ==, grace);
          g_assert_cmpstr (entry->texter_name, ==, "Grace");
          g_assert_cmpint (entry->at, >, 0);
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (count_audit (fixture->base.store, "sign_in", grace), ==, 1);

  summary = tb_session_shift_summary (fixture->session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->texter_id, ==, grace);
  g_assert_cmpint (summary->sent, ==, 2);
  g_assert_cmpint (summary->first_texts, ==, 2);
  g_assert_cmpint (summary->replies, ==, 0);
  g_assert_cmpint (summary->opted_out, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/pin-validation", test_pin_validation);
  g_test_add_func ("/auth/passphrase-validation", test_passphrase_validation);
  g_test_add_func ("/auth/hash-verify", test_hash_verify);
  g_test_add_func ("/auth/hash-async", test_hash_async);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/auth/rate-limit-persisted", test_rate_limit_persisted);
  ADD ("/access/admin-no-passphrase", test_admin_no_passphrase);
  ADD ("/access/admin-unlock", test_admin_unlock);
  ADD ("/access/admin-rate-limited", test_admin_rate_limited);
  ADD ("/access/admin-unlock-async", test_admin_unlock_async);
  ADD ("/access/admin-locks-on-switch", test_admin_locks_on_switch);
  ADD ("/access/opt-out-undo-needs-admin", test_opt_out_undo_needs_admin);
  ADD ("/access/check-sign-in-by-name", test_check_sign_in_by_name);
  ADD ("/access/settings", test_settings);
  ADD ("/access/pin-sign-in", test_pin_sign_in);
  ADD ("/access/idle-lock", test_idle_lock);
  ADD ("/access/send-audit-and-summary", test_send_audit_and_summary);
#undef ADD

  return g_test_run ();
}
