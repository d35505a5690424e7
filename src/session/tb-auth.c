/* tb-auth.c: Argon2id hashes and the persisted rate limit on wrong guesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-auth"

#include "config.h"

#include "tb-auth.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

G_DEFINE_QUARK (tb-auth-error-quark, tb_auth_error)

/* The settings key of a scope's rate limit: "failures until_us". */
#define LIMIT_KEY_PREFIX "auth.limit."

typedef struct {
  char *hash;
  char *secret;
} SecretJob;

static void
secret_job_free (SecretJob *job)
{
  if (job->secret != NULL)
    sodium_memzero (job->secret, strlen (job->secret));
  g_free (job->secret);
  g_free (job->hash);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretJob, secret_job_free)

static void
hash_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SecretJob *job = task_data;
  GError *error = NULL;
  char *hash;

  hash = tb_auth_hash_secret (job->secret, &error);
  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SecretJob *job = task_data;
  GError *error = NULL;

  if (tb_auth_verify_secret (job->hash, job->secret, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
limit_key (const char *scope)
{
  return g_strconcat (LIMIT_KEY_PREFIX, scope, NULL);
}

/* A missing or unreadable value counts as no failures. */
static void
limit_read (TbStore    *store,
            const char *scope,
            gint64     *failures_out,
            gint64     *until_out,
            GError    **error)
{
  g_autofree char *key = limit_key (scope);
  g_autofree char *value = tb_store_setting_get (store, key, error);
  gint64 failures = 0;
  gint64 until = 0;

  if (value != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (value, " ", 2);

      if (g_strv_length (parts) == 2)
        {
          failures = g_ascii_strtoll (parts[0], NULL, 10);
          until = g_ascii_strtoll (parts[1], NULL, 10);
        }
    }
  *failures_out = MAX (failures, 0);
  *until_out = MAX (until, 0);
}

static char *
format_wait (gint64 microseconds)
{
  gint64 seconds = (microseconds + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds",
                                         (gulong) seconds), (int) seconds);
  else
    {
      int minutes = (int) ((seconds + 59) / 60);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                           (gulong) minutes), minutes);
    }
}

void
tb_auth_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      /* 1 means "already initialised"; -1 a broken libsodium. */
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialised, 1);
    }
}

gboolean
tb_auth_passphrase_is_valid (const char  *passphrase,
                             GError     **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL)
      || g_utf8_strlen (passphrase, -1) < TB_AUTH_MIN_PASSPHRASE_CHARS)
    {
      g_set_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WEAK_PASSPHRASE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The admin passphrase needs at least %d character",
                                "The admin passphrase needs at least %d characters",
                                TB_AUTH_MIN_PASSPHRASE_CHARS),
                   TB_AUTH_MIN_PASSPHRASE_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
tb_auth_pin_is_valid (const char  *pin,
                      GError     **error)
{
  gsize length = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        length = 0;
        break;
      }

  if (length < 4 || length > 6)
    {
      g_set_error_literal (error, TB_AUTH_ERROR, TB_AUTH_ERROR_INVALID_PIN,
                           _("A PIN is 4 to 6 digits"));
      return FALSE;
    }
  return TRUE;
}

char *
tb_auth_hash_secret (const char  *secret,
                     GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (secret != NULL, NULL);

  tb_auth_init ();
  if (crypto_pwhash_str (hash, secret, strlen (secret),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_HASH_FAILED,
                   _("Could not hash the secret: %zu MiB of memory were not available"),
                   (size_t) (crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20));
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
tb_auth_verify_secret (const char  *hash,
                       const char  *secret,
                       GError     **error)
{
  g_return_val_if_fail (hash != NULL, FALSE);

  tb_auth_init ();
  if (!g_str_has_prefix (hash, crypto_pwhash_argon2id_STRPREFIX))
    {
      g_set_error_literal (error, TB_AUTH_ERROR, TB_AUTH_ERROR_BAD_HASH,
                           _("The stored hash is not an Argon2id hash"));
      return FALSE;
    }
  if (secret == NULL
      || crypto_pwhash_str_verify (hash, secret, strlen (secret)) != 0)
    {
      g_set_error_literal (error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET,
                           _("That is not the right passphrase or PIN"));
      return FALSE;
    }
  return TRUE;
}

void
tb_auth_hash_secret_async (const char          *secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SecretJob *job;

  g_return_if_fail (secret != NULL);

  job = g_new0 (SecretJob, 1);
  job->secret = g_strdup (secret);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_auth_hash_secret_async);
  g_task_set_task_data (task, job, (GDestroyNotify) secret_job_free);
  g_task_run_in_thread (task, hash_thread);
}

char *
tb_auth_hash_secret_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tb_auth_verify_secret_async (const char          *hash,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SecretJob *job;

  g_return_if_fail (hash != NULL);

  job = g_new0 (SecretJob, 1);
  job->hash = g_strdup (hash);
  job->secret = g_strdup (secret);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_auth_verify_secret_async);
  g_task_set_task_data (task, job, (GDestroyNotify) secret_job_free);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
tb_auth_verify_secret_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
tb_auth_texter_scope (gint64 texter_id)
{
  return g_strdup_printf ("texter:%" G_GINT64_FORMAT, texter_id);
}

gboolean
tb_auth_limit_check (TbStore     *store,
                     const char  *scope,
                     gint64       now,
                     gint64      *retry_at_out,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 failures, until;

  g_return_val_if_fail (TB_IS_STORE (store), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  limit_read (store, scope, &failures, &until, &local_error);
  if (local_error != NULL)
    {
      /* Fail closed: a store we cannot read allows no guess. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (retry_at_out != NULL)
    *retry_at_out = until > now ? until : 0;
  if (until > now)
    {
      g_autofree char *wait = format_wait (until - now);

      g_set_error (error, TB_AUTH_ERROR, TB_AUTH_ERROR_RATE_LIMITED,
                   _("Too many wrong tries: try again in %s"), wait);
      return FALSE;
    }
  return TRUE;
}

gint64
tb_auth_limit_fail (TbStore     *store,
                    const char  *scope,
                    gint64       now,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = limit_key (scope);
  g_autofree char *value = NULL;
  gint64 failures, until;

  g_return_val_if_fail (TB_IS_STORE (store), -1);
  g_return_val_if_fail (scope != NULL, -1);

  limit_read (store, scope, &failures, &until, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  failures++;
  if (failures >= TB_AUTH_FREE_FAILURES)
    {
      gint64 doublings = MIN (failures - TB_AUTH_FREE_FAILURES, 20);
      gint64 seconds = MIN ((gint64) TB_AUTH_FIRST_LOCKOUT_SECONDS << doublings,
                            TB_AUTH_MAX_LOCKOUT_SECONDS);

      until = now + seconds * G_USEC_PER_SEC;
    }
  else
    until = 0;

  value = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, failures, until);
  if (!tb_store_setting_set (store, key, value, error))
    return -1;
  return until;
}

gboolean
tb_auth_limit_reset (TbStore     *store,
                     const char  *scope,
                     GError     **error)
{
  g_autofree char *key = limit_key (scope);

  g_return_val_if_fail (TB_IS_STORE (store), FALSE);

  return tb_store_setting_set (store, key, NULL, error);
}
