/* tb-credentials.c: provider credentials, kept only in the Secret Service
 *
 * One keyring item per provider (provider=twilio). Its attributes name the
 * account and the kind so a person can recognise it in Seahorse; the secret
 * itself is a small JSON object holding the SIDs and the token or key
 * secret, so a lookup needs no second search. No function here logs, and no
 * GError message here contains, a token or secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-credentials"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "tb-credentials.h"

struct _TbCredentials
{
  TbCredentialsKind  kind;
  char              *account_sid;
  char              *key_sid;   /* API_KEY only */
  char              *secret;    /* the Auth Token or the API key secret */
};

G_DEFINE_QUARK (tb-credentials-error-quark, tb_credentials_error)

G_DEFINE_BOXED_TYPE (TbCredentials, tb_credentials, tb_credentials_copy, tb_credentials_free)

static const SecretSchema *
credentials_schema (void)
{
  static const SecretSchema schema = {
    TB_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account_sid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "key_sid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    {
      volatile char *p = text;

      while (*p)
        *p++ = '\0';
    }
}

static const char *
kind_to_string (TbCredentialsKind kind)
{
  return kind == TB_CREDENTIALS_KIND_API_KEY ? "api-key" : "auth-token";
}

static gboolean
is_sid (const char *text,
        const char *prefix)
{
  if (text == NULL || strlen (text) != 34 || !g_str_has_prefix (text, prefix))
    return FALSE;
  for (const char *p = text + 2; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

typedef enum {
  KEYRING_STORE,
  KEYRING_READ,
  KEYRING_REMOVE,
} KeyringOperation;

/* A keyring failure, without echoing anything that came from the item. */
static GError *
keyring_error (const GError     *error,
               KeyringOperation  operation)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  switch (operation)
    {
    case KEYRING_STORE:
      return g_error_new (TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING,
                          _("Could not store the provider credentials in the keyring (%s). Textbank "
                            "keeps them only in the Secret Service: make sure the GNOME keyring is "
                            "running and unlocked"),
                          error->message);
    case KEYRING_REMOVE:
      return g_error_new (TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING,
                          _("Could not remove the provider credentials from the keyring (%s). Make "
                            "sure the GNOME keyring is running and unlocked"),
                          error->message);
    case KEYRING_READ:
    default:
      return g_error_new (TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING,
                          _("Could not read the provider credentials from the keyring (%s). Textbank "
                            "keeps them only in the Secret Service: make sure the GNOME keyring is "
                            "running and unlocked"),
                          error->message);
    }
}

TbCredentials *
tb_credentials_new_auth_token (const char *account_sid,
                               const char *auth_token)
{
  TbCredentials *self = g_new0 (TbCredentials, 1);

  self->kind = TB_CREDENTIALS_KIND_AUTH_TOKEN;
  self->account_sid = g_strdup (account_sid);
  self->secret = g_strdup (auth_token);
  return self;
}

TbCredentials *
tb_credentials_new_api_key (const char *account_sid,
                            const char *key_sid,
                            const char *key_secret)
{
  TbCredentials *self = g_new0 (TbCredentials, 1);

  self->kind = TB_CREDENTIALS_KIND_API_KEY;
  self->account_sid = g_strdup (account_sid);
  self->key_sid = g_strdup (key_sid);
  self->secret = g_strdup (key_secret);
  return self;
}

TbCredentials *
tb_credentials_copy (const TbCredentials *self)
{
  TbCredentials *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TbCredentials, 1);
  copy->kind = self->kind;
  copy->account_sid = g_strdup (self->account_sid);
  copy->key_sid = g_strdup (self->key_sid);
  copy->secret = g_strdup (self->secret);
  return copy;
}

void
tb_credentials_free (TbCredentials *self)
{
  if (self == NULL)
    return;
  wipe_string (self->secret);
  g_free (self->secret);
  g_free (self->account_sid);
  g_free (self->key_sid);
  g_free (self);
}

TbCredentialsKind
tb_credentials_get_kind (const TbCredentials *self)
{
  g_return_val_if_fail (self != NULL, TB_CREDENTIALS_KIND_AUTH_TOKEN);

  return self->kind;
}

const char *
tb_credentials_get_account_sid (const TbCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->account_sid != NULL ? self->account_sid : "";
}

const char *
tb_credentials_get_key_sid (const TbCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->key_sid;
}

const char *
tb_credentials_get_username (const TbCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == TB_CREDENTIALS_KIND_API_KEY && self->key_sid != NULL)
    return self->key_sid;
  return tb_credentials_get_account_sid (self);
}

const char *
tb_credentials_get_password (const TbCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->secret != NULL ? self->secret : "";
}

gboolean
tb_credentials_validate (const TbCredentials  *self,
                         GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!is_sid (self->account_sid, "AC"))
    {
      g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID,
                           _("The Account SID must be “AC” followed by 32 hexadecimal digits"));
      return FALSE;
    }
  if (self->kind == TB_CREDENTIALS_KIND_API_KEY && !is_sid (self->key_sid, "SK"))
    {
      g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID,
                           _("The API Key SID must be “SK” followed by 32 hexadecimal digits"));
      return FALSE;
    }
  if (self->secret == NULL || *self->secret == '\0')
    {
      g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID,
                           self->kind == TB_CREDENTIALS_KIND_API_KEY
                             ? _("The API key secret is empty")
                             : _("The Auth Token is empty"));
      return FALSE;
    }
  return TRUE;
}

static const char *
nonempty_env (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

TbCredentials *
tb_credentials_from_environment (GError **error)
{
  const char *account_sid = nonempty_env ("TWILIO_ACCOUNT_SID");
  const char *auth_token = nonempty_env ("TWILIO_AUTH_TOKEN");
  const char *api_key = nonempty_env ("TWILIO_API_KEY");
  const char *api_secret = nonempty_env ("TWILIO_API_SECRET");

  if (account_sid == NULL && auth_token == NULL && api_key == NULL && api_secret == NULL)
    {
      g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_NOT_FOUND,
                           _("No Twilio credentials in the environment (TWILIO_ACCOUNT_SID with "
                             "TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and TWILIO_API_SECRET)"));
      return NULL;
    }
  if (account_sid == NULL)
    {
      g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID,
                           _("TWILIO_ACCOUNT_SID is not set; it is needed with either an auth "
                             "token or an API key"));
      return NULL;
    }
  if (api_key != NULL || api_secret != NULL)
    {
      if (api_key == NULL || api_secret == NULL)
        {
          g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID,
                               api_key == NULL ? _("TWILIO_API_SECRET is set but TWILIO_API_KEY is not")
                                               : _("TWILIO_API_KEY is set but TWILIO_API_SECRET is not"));
          return NULL;
        }
      return tb_credentials_new_api_key (account_sid, api_key, api_secret);
    }
  if (auth_token == NULL)
    {
      g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID,
                           _("TWILIO_ACCOUNT_SID is set but neither TWILIO_AUTH_TOKEN nor "
                             "TWILIO_API_KEY and TWILIO_API_SECRET are"));
      return NULL;
    }
  return tb_credentials_new_auth_token (account_sid, auth_token);
}

/* ------------------------------------------------------------------------ */
/* The keyring                                                               */
/* ------------------------------------------------------------------------ */

static char *
credentials_to_secret (const TbCredentials *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind_to_string (self->kind));
  json_builder_set_member_name (builder, "account_sid");
  json_builder_add_string_value (builder, tb_credentials_get_account_sid (self));
  if (self->key_sid != NULL)
    {
      json_builder_set_member_name (builder, "key_sid");
      json_builder_add_string_value (builder, self->key_sid);
    }
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, tb_credentials_get_password (self));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static TbCredentials *
credentials_from_secret (const char  *secret,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *kind;
  const char *account_sid;
  const char *key_sid;
  const char *value;

  if (!json_parser_load_from_data (parser, secret, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;

  object = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member_with_default (object, "kind", NULL);
  account_sid = json_object_get_string_member_with_default (object, "account_sid", NULL);
  key_sid = json_object_get_string_member_with_default (object, "key_sid", NULL);
  value = json_object_get_string_member_with_default (object, "secret", NULL);
  if (kind == NULL || account_sid == NULL || value == NULL)
    goto invalid;

  if (g_str_equal (kind, "api-key"))
    {
      if (key_sid == NULL)
        goto invalid;
      return tb_credentials_new_api_key (account_sid, key_sid, value);
    }
  if (g_str_equal (kind, "auth-token"))
    return tb_credentials_new_auth_token (account_sid, value);

invalid:
  g_set_error_literal (error, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_INVALID,
                       _("The provider credentials in the keyring are damaged; enter them again "
                         "in Preferences"));
  return NULL;
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      /* A dismissed unlock prompt fails without an error. */
      if (error == NULL)
        g_task_return_new_error (task, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING,
                                 _("The keyring is locked, so the provider credentials were not "
                                   "stored: unlock it and try again"));
      else
        g_task_return_error (task, keyring_error (error, KEYRING_STORE));
    }
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_cleared_before_store (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const TbCredentials *self = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  char *secret;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, KEYRING_STORE));
      return;
    }

  label = g_strdup_printf (_("Textbank: Twilio account %s"), tb_credentials_get_account_sid (self));
  secret = credentials_to_secret (self);
  secret_password_store (credentials_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         g_task_get_cancellable (task), on_stored, g_object_ref (task),
                         "provider", "twilio",
                         "account_sid", tb_credentials_get_account_sid (self),
                         "kind", kind_to_string (self->kind),
                         "key_sid", self->key_sid != NULL ? self->key_sid : "",
                         NULL);
  wipe_string (secret);
  g_free (secret);
}

void
tb_credentials_store_async (const TbCredentials *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tb_credentials_store_async);
  g_task_set_task_data (task, tb_credentials_copy (self), (GDestroyNotify) tb_credentials_free);

  if (!tb_credentials_validate (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* One item per provider: drop the old one (another account) first. */
  secret_password_clear (credentials_schema (), cancellable, on_cleared_before_store,
                         g_steal_pointer (&task),
                         "provider", "twilio",
                         NULL);
}

gboolean
tb_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static GHashTable *
lookup_attributes (void)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (char *) "provider", (char *) "twilio");
  return attributes;
}

static void
on_searched_locked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_service_search_finish (NULL, result, &error);
  gboolean locked = FALSE;

  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, KEYRING_READ));
      return;
    }
  for (GList *l = items; l != NULL; l = l->next)
    locked |= secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);

  if (locked)
    g_task_return_new_error (task, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_KEYRING,
                             _("The keyring that holds the provider credentials is locked: unlock "
                               "it (log in again, or open Passwords and Keys) and try again"));
  else
    g_task_return_new_error (task, TB_CREDENTIALS_ERROR, TB_CREDENTIALS_ERROR_NOT_FOUND,
                             _("No provider credentials are stored in the keyring; enter them "
                               "in Preferences"));
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;
  TbCredentials *credentials;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, KEYRING_READ));
      return;
    }
  if (secret == NULL)
    {
      g_autoptr(GHashTable) attributes = lookup_attributes ();
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* Nothing stored, or stored in a keyring that stays locked: ask. */
      secret_service_search (NULL, credentials_schema (), attributes,
                             SECRET_SEARCH_ALL, cancellable,
                             on_searched_locked, g_steal_pointer (&task));
      return;
    }

  credentials = credentials_from_secret (secret, &error);
  secret_password_free (secret);
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) tb_credentials_free);
}

void
tb_credentials_lookup_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tb_credentials_lookup_async);
  secret_password_lookup (credentials_schema (), cancellable, on_looked_up, task,
                          "provider", "twilio",
                          NULL);
}

TbCredentials *
tb_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error, KEYRING_REMOVE));
  else
    g_task_return_boolean (task, TRUE);
}

void
tb_credentials_clear_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tb_credentials_clear_async);
  secret_password_clear (credentials_schema (), cancellable, on_cleared, task,
                         "provider", "twilio",
                         NULL);
}

gboolean
tb_credentials_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
