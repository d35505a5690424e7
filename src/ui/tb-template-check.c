/* tb-template-check.c: what the template editor says about a message, and
 * how it renders a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-template-check"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-template-check.h"

#define CONTACT_PAGE 50

typedef struct {
  TbContact  *contact;
  const char *texter_name;
  char       *scratch;
} RenderData;

/* The same lookup the composer uses, so the preview is what is sent. */
static const char *
render_lookup (TbTemplateField  field,
               guint            custom_index,
               const char      *custom_name,
               gpointer         user_data)
{
  RenderData *data = user_data;

  if (field == TB_TEMPLATE_FIELD_TEXTER_NAME)
    return data->texter_name;
  if (data->contact == NULL)
    return NULL;

  return tb_template_check_contact_value (data->contact, field, custom_name, &data->scratch);
}

static gboolean
contains_word_ci (const char *haystack_folded,
                  const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (haystack_folded, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean start_ok = p == haystack_folded || !g_ascii_isalnum (p[-1]);
      gboolean end_ok = !g_ascii_isalnum (p[len]);

      if (start_ok && end_ok)
        return TRUE;
    }

  return FALSE;
}

/* CTIA asks the first message to name the sender and say how to opt out;
 * links make carriers filter messages. Warnings never block Save. */
char *
tb_template_check_warnings (const char *source,
                            gboolean    first_message)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *folded = g_utf8_strdown (source, -1);
  static GRegex *link_regex = NULL;

  if (link_regex == NULL)
    link_regex = g_regex_new ("(https?://|www\\.|\\b[a-z0-9-]+\\.(com|org|net|ly|io|us|co|info|me|gl)\\b)",
                              G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

  if (*source == '\0')
    return g_strdup ("");

  if (first_message)
    {
      static const char *const sender_hints[] = {
        "{texter_name", "{ texter_name", "this is", "i'm", "i’m", "i am", "my name",
        "from", "with", "on behalf", NULL
      };
      gboolean names_sender = FALSE;
      gboolean says_opt_out = contains_word_ci (folded, "stop") ||
                              strstr (folded, "opt out") != NULL ||
                              strstr (folded, "opt-out") != NULL ||
                              strstr (folded, "unsubscribe") != NULL;

      for (guint i = 0; sender_hints[i] != NULL && !names_sender; i++)
        names_sender = sender_hints[i][0] == '{' ? strstr (folded, sender_hints[i]) != NULL
                                                 : contains_word_ci (folded, sender_hints[i]);

      if (!names_sender)
        g_string_append_printf (out, "%s\n",
                                _("The first message should name the sender: who is texting, for which "
                                  "organisation (“Hi {first_name}, this is {texter_name} with …”). CTIA asks for it."));
      if (!says_opt_out)
        g_string_append_printf (out, "%s\n",
                                _("The first message should say how to opt out (“Reply STOP to opt out.”). "
                                  "CTIA asks for it."));
    }

  if (g_regex_match (link_regex, source, 0, NULL))
    g_string_append_printf (out, "%s\n",
                            _("This message has a link: carriers filter messages with links more often, "
                              "shortened links (bit.ly…) most of all. Use your own domain, and only when needed."));

  if (out->len > 0)
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The source with the braces of unknown placeholders doubled, so they
 * render as written; NULL when it has no unknown placeholder. */
char *
tb_template_check_escape_unknown (const char         *source,
                                  const char * const *fields)
{
  g_autoptr(GArray) spans = tb_template_scan (source, fields);
  g_autoptr(GString) out = g_string_new (NULL);
  gsize done = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < spans->len; i++)
    {
      TbTemplateSpan *span = &g_array_index (spans, TbTemplateSpan, i);

      if (span->known)
        continue;
      any = TRUE;
      g_string_append_len (out, source + done, span->offset - done);
      for (gsize j = span->offset; j < span->offset + span->length; j++)
        {
          if (source[j] == '{' || source[j] == '}')
            g_string_append_c (out, source[j]);
          g_string_append_c (out, source[j]);
        }
      done = span->offset + span->length;
    }

  if (!any)
    return NULL;

  g_string_append (out, source + done);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tb_template_check_render (TbTemplate *template,
                          TbContact  *contact,
                          const char *texter_name)
{
  RenderData data = { contact, texter_name, NULL };
  char *text;

  /* The composer's flags, so the preview is what is sent. */
  text = tb_template_render (template, render_lookup, &data,
                             contact != NULL ? TB_TEMPLATE_RENDER_CAPITALIZE_NAMES : TB_TEMPLATE_RENDER_NONE);
  g_free (data.scratch);

  return text;
}

/* The custom field names of some contacts, in order of first appearance. */
GStrv
tb_template_check_fields_of (GPtrArray *contacts)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      g_auto(GStrv) fields = tb_contact_dup_field_names (g_ptr_array_index (contacts, i));

      for (guint j = 0; fields != NULL && fields[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (names, fields[j], g_str_equal, NULL))
          g_ptr_array_add (names, g_strdup (fields[j]));
    }
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

GStrv
tb_template_check_campaign_fields (TbStore  *store,
                                        gint64    campaign_id,
                                        GError  **error)
{
  g_autoptr(GPtrArray) page = NULL;

  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  page = tb_store_contact_page (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, 0, CONTACT_PAGE, error);
  if (page == NULL)
    return NULL;

  return tb_template_check_fields_of (page);
}

const char *
tb_template_check_contact_value (TbContact        *contact,
                                 TbTemplateField   field,
                                 const char       *custom_name,
                                 char            **scratch)
{
  g_return_val_if_fail (TB_IS_CONTACT (contact), NULL);
  g_return_val_if_fail (scratch != NULL, NULL);

  switch (field)
    {
    case TB_TEMPLATE_FIELD_FIRST_NAME:
      return tb_contact_get_first_name (contact);
    case TB_TEMPLATE_FIELD_LAST_NAME:
      return tb_contact_get_last_name (contact);
    case TB_TEMPLATE_FIELD_PHONE:
      return tb_contact_get_phone (contact);
    case TB_TEMPLATE_FIELD_ZIP:
      return tb_contact_get_zip (contact);
    case TB_TEMPLATE_FIELD_CUSTOM:
      g_free (*scratch);
      *scratch = tb_contact_dup_field (contact, custom_name);
      return *scratch;
    case TB_TEMPLATE_FIELD_TEXTER_NAME:
    default:
      return NULL;
    }
}
