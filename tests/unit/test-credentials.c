/* test-credentials.c: credentials from the environment and in a real keyring
 *
 * The keyring tests run under tests/keyring-session.sh (a private D-Bus
 * session with its own gnome-keyring-daemon), which sets
 * TB_TEST_KEYRING=1; the "missing keyring" test runs with a D-Bus address
 * that leads nowhere and TB_TEST_NO_KEYRING=1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "tb-credentials.h"
#include "tb-provider-fixtures.h"

#define ACCOUNT "AC0123456789abcdef0123456789abcdef"
#define KEY_SID "SK0123456789abcdef0123456789abcdef"
#define TOKEN   "token-5ecret-0123456789"
#define SECRET  "key-5ecret-abcdefghij"

static void
assert_no_secret_in (const GError *error)
{
  if (error == NULL)
    return;
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strstr (error->message, SECRET));
}

static gboolean
store_sync (const TbCredentials  *credentials,
            GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_credentials_store_async (credentials, NULL, tb_test_keep_result, &result);
  return tb_credentials_store_finish (tb_test_wait_for (&result), error);
}

static TbCredentials *
lookup_sync (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_credentials_lookup_async (NULL, tb_test_keep_result, &result);
  return tb_credentials_lookup_finish (tb_test_wait_for (&result), error);
}

static gboolean
clear_sync (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tb_credentials_clear_async (NULL, tb_test_keep_result, &result);
  return tb_credentials_clear_finish (tb_test_wait_for (&result), error);
}

/* ------------------------------------------------------------------------ */

typedef struct {
  const char        *name;
  const char        *account_sid;
  const char        *auth_token;
  const char        *api_key;
  const char        *api_secret;
  int                error_code;   /* 0: success */
  TbCredentialsKind  kind;
  const char        *username;
  const char        *password;
} EnvCase;

static const EnvCase env_cases[] = {
  { "auth-token", ACCOUNT, TOKEN, NULL, NULL, 0, TB_CREDENTIALS_KIND_AUTH_TOKEN, ACCOUNT, TOKEN },
  { "api-key", ACCOUNT, NULL, KEY_SID, SECRET, 0, TB_CREDENTIALS_KIND_API_KEY, KEY_SID, SECRET },
  { "api-key-wins", ACCOUNT, TOKEN, KEY_SID, SECRET, 0, TB_CREDENTIALS_KIND_API_KEY, KEY_SID, SECRET },
  { "nothing", NULL, NULL, NULL, NULL, TB_CREDENTIALS_ERROR_NOT_FOUND, 0, NULL, NULL },
  { "empty-strings", "", "", NULL, NULL, TB_CREDENTIALS_ERROR_NOT_FOUND, 0, NULL, NULL },
  { "no-account", NULL, TOKEN, NULL, NULL, TB_CREDENTIALS_ERROR_INVALID, 0, NULL, NULL },
  { "key-without-secret", ACCOUNT, NULL, KEY_SID, NULL, TB_CREDENTIALS_ERROR_INVALID, 0, NULL, NULL },
  { "secret-without-key", ACCOUNT, NULL, NULL, SECRET, TB_CREDENTIALS_ERROR_INVALID, 0, NULL, NULL },
  { "account-only", ACCOUNT, NULL, NULL, NULL, TB_CREDENTIALS_ERROR_INVALID, 0, NULL, NULL },
};

static void
set_or_unset (const char *name,
              const char *value)
{
  if (value != NULL)
    g_setenv (name, value, TRUE);
  else
    g_unsetenv (name);
}

static void
test_environment (gconstpointer data)
{
  const EnvCase *test = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCredentials) credentials = NULL;

  set_or_unset ("TWILIO_ACCOUNT_SID", test->account_sid);
  set_or_unset ("TWILIO_AUTH_TOKEN", test->auth_token);
  set_or_unset ("TWILIO_API_KEY", test->api_key);
  set_or_unset ("TWILIO_API_SECRET", test->api_secret);

  credentials = tb_credentials_from_environment (&error);
  if (test->error_code != 0)
    {
      g_assert_null (credentials);
      g_assert_error (error, TB_CREDENTIALS_ERROR, test->error_code);
      g_assert_nonnull (strstr (error->message, "TWILIO_"));
      assert_no_secret_in (error);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpint (tb_credentials_get_kind (credentials), ==, test->kind);
  g_assert_cmpstr (tb_credentials_get_account_sid (credentials), ==, ACCOUNT);
  g_assert_cmpstr (tb_credentials_get_username (credentials), ==, test->username);
  g_assert_cmpstr (tb_credentials_get_password (credentials), ==, test->password);
  g_assert_true (tb_credentials_validate (credentials, &error));
}

static void
test_validate (void)
{
  struct {
    TbCredentials *credentials;
    gboolean       valid;
  } cases[] = {
    { tb_credentials_new_auth_token (ACCOUNT, TOKEN), TRUE },
    { tb_credentials_new_api_key (ACCOUNT, KEY_SID, SECRET), TRUE },
    { tb_credentials_new_auth_token ("AC123", TOKEN), FALSE },
    { tb_credentials_new_auth_token ("XX0123456789abcdef0123456789abcdef", TOKEN), FALSE },
    { tb_credentials_new_auth_token ("AC0123456789abcdef0123456789abcdeg", TOKEN), FALSE },
    { tb_credentials_new_auth_token (ACCOUNT, ""), FALSE },
    { tb_credentials_new_auth_token (ACCOUNT, NULL), FALSE },
    { tb_credentials_new_api_key (ACCOUNT, "SK1", SECRET), FALSE },
    { tb_credentials_new_api_key (ACCOUNT, NULL, SECRET), FALSE },
    { tb_credentials_new_api_key (ACCOUNT, KEY_SID, ""), FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TbCredentials) copy = tb_credentials_copy (cases[i].credentials);

      g_assert_cmpint (tb_credentials_validate (cases[i].credentials, &error), ==, cases[i].valid);
      if (!cases[i].valid)
        {
          g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID);
          assert_no_secret_in (error);
        }
      g_assert_cmpstr (tb_credentials_get_password (copy), ==, tb_credentials_get_password (cases[i].credentials));
      tb_credentials_free (cases[i].credentials);
    }
}

/* ------------------------------------------------------------------------ */
/* A real keyring                                                            */
/* ------------------------------------------------------------------------ */

static gboolean
have_keyring (void)
{
  if (g_strcmp0 (g_getenv ("TB_TEST_KEYRING"), "1") != 0)
    {
      g_test_skip ("needs tests/keyring-session.sh (TB_TEST_KEYRING=1)");
      return FALSE;
    }
  return TRUE;
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(TbCredentials) token = tb_credentials_new_auth_token (ACCOUNT, TOKEN);
  g_autoptr(TbCredentials) key = tb_credentials_new_api_key (ACCOUNT, KEY_SID, SECRET);
  g_autoptr(TbCredentials) found = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_keyring ())
    return;

  g_assert_true (clear_sync (&error));
  g_assert_no_error (error);
  found = lookup_sync (&error);
  g_assert_null (found);
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (store_sync (token, &error));
  g_assert_no_error (error);
  found = lookup_sync (&error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_credentials_get_kind (found), ==, TB_CREDENTIALS_KIND_AUTH_TOKEN);
  g_assert_cmpstr (tb_credentials_get_account_sid (found), ==, ACCOUNT);
  g_assert_cmpstr (tb_credentials_get_password (found), ==, TOKEN);
  g_assert_null (tb_credentials_get_key_sid (found));
  g_clear_pointer (&found, tb_credentials_free);

  /* Storing again replaces: one item per provider. */
  g_assert_true (store_sync (key, &error));
  g_assert_no_error (error);
  found = lookup_sync (&error);
  g_assert_no_error (error);
  g_assert_cmpint (tb_credentials_get_kind (found), ==, TB_CREDENTIALS_KIND_API_KEY);
  g_assert_cmpstr (tb_credentials_get_key_sid (found), ==, KEY_SID);
  g_assert_cmpstr (tb_credentials_get_username (found), ==, KEY_SID);
  g_assert_cmpstr (tb_credentials_get_password (found), ==, SECRET);
  g_clear_pointer (&found, tb_credentials_free);

  g_assert_true (clear_sync (&error));
  g_assert_no_error (error);
  found = lookup_sync (&error);
  g_assert_null (found);
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Clearing nothing is fine. */
  g_assert_true (clear_sync (&error));
  g_assert_no_error (error);
}

static void
test_keyring_refuses_invalid (void)
{
  g_autoptr(TbCredentials) bad = tb_credentials_new_auth_token ("AC1", TOKEN);
  g_autoptr(GError) error = NULL;

  if (!have_keyring ())
    return;

  g_assert_false (store_sync (bad, &error));
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID);
  assert_no_secret_in (error);
}

static void
test_keyring_damaged_item (void)
{
  static const SecretSchema schema = {
    TB_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    { { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TbCredentials) found = NULL;

  if (!have_keyring ())
    return;

  /* Someone else wrote something that is not ours under our schema. */
  g_assert_true (secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, "junk", "not json", NULL, &error,
                                             "provider", "twilio", NULL));
  g_assert_no_error (error);
  found = lookup_sync (&error);
  g_assert_null (found);
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  g_assert_true (clear_sync (&error));
}

/* Runs last: the keyring cannot be unlocked again without a prompter. */
static void
test_keyring_locked (void)
{
  g_autoptr(TbCredentials) token = tb_credentials_new_auth_token (ACCOUNT, TOKEN);
  g_autoptr(TbCredentials) found = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects;
  GList *locked = NULL;

  if (!have_keyring ())
    return;

  g_assert_true (store_sync (token, &error));
  g_assert_no_error (error);

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, &locked, &error), ==, 1);
  g_assert_no_error (error);
  g_list_free (objects);
  g_list_free_full (locked, g_object_unref);

  found = lookup_sync (&error);
  g_assert_null (found);
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING);
  g_test_message ("locked lookup: %s", error->message);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  g_assert_false (store_sync (token, &error));
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING);
  g_test_message ("locked store: %s", error->message);
  assert_no_secret_in (error);
}

static void
test_no_keyring (void)
{
  g_autoptr(TbCredentials) token = tb_credentials_new_auth_token (ACCOUNT, TOKEN);
  g_autoptr(TbCredentials) found = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("TB_TEST_NO_KEYRING"), "1") != 0)
    {
      g_test_skip ("needs a D-Bus address that leads nowhere (TB_TEST_NO_KEYRING=1)");
      return;
    }

  g_assert_false (store_sync (token, &error));
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING);
  g_test_message ("no keyring: %s", error->message);
  g_assert_nonnull (strstr (error->message, "keyring"));
  assert_no_secret_in (error);
  g_clear_error (&error);

  found = lookup_sync (&error);
  g_assert_null (found);
  g_assert_error (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (env_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/credentials/environment/%s", env_cases[i].name);

      g_test_add_data_func (path, &env_cases[i], test_environment);
    }
  g_test_add_func ("/credentials/validate", test_validate);
  g_test_add_func ("/credentials/keyring/round-trip", test_keyring_round_trip);
  g_test_add_func ("/credentials/keyring/refuses-invalid", test_keyring_refuses_invalid);
  g_test_add_func ("/credentials/keyring/damaged-item", test_keyring_damaged_item);
  g_test_add_func ("/credentials/keyring/zz-locked", test_keyring_locked);
  g_test_add_func ("/credentials/no-keyring", test_no_keyring);

  return g_test_run ();
}
