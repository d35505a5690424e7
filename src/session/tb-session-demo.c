/* tb-session-demo.c: the demo campaign, made on first start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-session"

#include "config.h"

#include "tb-session.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tb-demo-data.h"
#include "tb-phone.h"
#include "tb-texting-hours.h"

/* A fictional sending number (NANP 555-01XX): the simulator's. */
#define DEMO_SENDER "+12025550100"

static gint64
find_demo_campaign (TbStore  *store,
                    GError  **error)
{
  g_autoptr(GPtrArray) campaigns = tb_store_campaign_list (store, TB_CAMPAIGN_STATE_ANY, error);

  if (campaigns == NULL)
    return -1;
  for (guint i = 0; i < campaigns->len; i++)
    {
      TbCampaign *campaign = g_ptr_array_index (campaigns, i);

      if (tb_campaign_get_is_demo (campaign))
        return tb_campaign_get_id (campaign);
    }
  return 0;
}

static char *
demo_fields_json (const TbDemoContact *contact)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Precinct");
  json_builder_add_string_value (builder, contact->precinct);
  json_builder_set_member_name (builder, "City");
  json_builder_add_string_value (builder, contact->city);
  json_builder_set_member_name (builder, "Volunteer");
  json_builder_add_string_value (builder, contact->volunteer);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Adds the demo people; ones already there (a start interrupted half way)
 * are skipped. */
static gboolean
add_demo_contacts (TbStore  *store,
                   gint64    campaign_id,
                   GError  **error)
{
  g_autoptr(GArray) contacts = tb_demo_contacts_new (TB_SESSION_DEMO_CONTACTS);

  for (guint i = 0; i < contacts->len; i++)
    {
      const TbDemoContact *contact = &g_array_index (contacts, TbDemoContact, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *zones = NULL;
      g_autofree char *fields = NULL;

      /* The fictional range is refused everywhere else. */
      phone = tb_phone_normalize (contact->phone, "US", TB_PHONE_ALLOW_FICTIONAL, NULL, error);
      if (phone == NULL)
        return FALSE;
      zones = tb_time_zones_for_contact (contact->zip, phone);
      fields = demo_fields_json (contact);

      if (tb_store_contact_add (store, campaign_id, phone, contact->first_name,
                                contact->last_name, contact->zip,
                                zones != NULL ? zones : contact->time_zone,
                                fields, &local_error) <= 0 &&
          !g_error_matches (local_error, TB_STORE_ERROR, TB_STORE_ERROR_DUPLICATE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

static gint64
create_demo_campaign (TbStore  *store,
                      GError  **error)
{
  gint64 campaign_id;
  gint64 question_id;

  campaign_id = tb_store_campaign_create (store, _(TB_SESSION_DEMO_CAMPAIGN_NAME),
                                          _("Fictional people to try Textbank with. "
                                            "It is only ever sent through the simulator."),
                                          DEMO_SENDER, TRUE, error);
  if (campaign_id <= 0)
    return 0;

  if (!tb_store_campaign_set_initial_message (store, campaign_id, _(tb_demo_initial_message), error))
    return 0;

  for (gsize i = 0; i < tb_demo_n_canned_replies; i++)
    if (tb_store_canned_reply_add (store, campaign_id, _(tb_demo_canned_replies[i].title),
                                   _(tb_demo_canned_replies[i].body), error) <= 0)
      return 0;

  question_id = tb_store_question_add (store, campaign_id, _(tb_demo_question.question), error);
  if (question_id <= 0)
    return 0;
  for (gsize i = 0; tb_demo_question.answers[i] != NULL; i++)
    if (tb_store_answer_add (store, question_id, _(tb_demo_question.answers[i]), NULL, error) <= 0)
      return 0;

  return campaign_id;
}

gint64
tb_session_ensure_demo_campaign (TbSession  *self,
                                 GError    **error)
{
  TbStore *store;
  gint64 campaign_id;
  gint64 n_contacts;

  g_return_val_if_fail (TB_IS_SESSION (self), 0);

  store = tb_session_get_store (self);
  campaign_id = find_demo_campaign (store, error);
  if (campaign_id < 0)
    return 0;
  if (campaign_id == 0)
    {
      campaign_id = create_demo_campaign (store, error);
      if (campaign_id <= 0)
        return 0;
      tb_store_audit_add (store, tb_session_get_texter_id (self), "demo_campaign_create",
                          TB_SESSION_DEMO_CAMPAIGN_NAME, NULL, NULL);
    }

  /* Only a start interrupted half way left fewer. */
  n_contacts = tb_store_contact_count (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, error);
  if (n_contacts < 0)
    return 0;
  if (n_contacts < TB_SESSION_DEMO_CONTACTS && !add_demo_contacts (store, campaign_id, error))
    return 0;
  return campaign_id;
}
