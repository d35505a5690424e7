/* test-demo-spanish.c: the demo campaign's Spanish initial message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tb-demo-data.h"
#include "tb-session.h"
#include "tb-session-test-util.h"
#include "tb-template.h"

static void
test_spanish_contacts (void)
{
  g_autoptr(GArray) contacts = tb_demo_contacts_new (200);
  guint spanish = 0;

  for (guint i = 0; i < contacts->len; i++)
    {
      TbDemoContact *contact = &g_array_index (contacts, TbDemoContact, i);

      g_assert_true (g_str_equal (contact->language, "Spanish") ||
                     g_str_equal (contact->language, "English"));
      spanish += g_str_equal (contact->language, "Spanish");
    }
  /* About one in four, and some of each. */
  g_assert_cmpuint (spanish, ==, 50);
}

static void
test_spanish_message_parses (void)
{
  const char * const fields[] = { "Precinct", "City", "Volunteer", "Language", NULL };
  g_autoptr(GError) error = NULL;
  TbTemplate *template;
  const char *body = tb_demo_spanish_initial_message.body;

  template = tb_template_new (body, fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (template);
  tb_template_unref (template);
  /* Names the sender, says how to opt out (CTIA), as the English one. */
  g_assert_nonnull (strstr (body, "{first_name}"));
  g_assert_nonnull (strstr (body, "{texter_name}"));
  g_assert_nonnull (strstr (body, "STOP"));
  g_assert_nonnull (strstr (body, "¿Podemos contar con su voto"));
  g_assert_true (g_utf8_validate (body, -1, NULL));
}

static void
test_demo_campaign_has_spanish (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TbStore) store = test_store_new (&dir);
  g_autoptr(TbSession) session = tb_session_new (store, NULL);
  g_autoptr(GPtrArray) replies = NULL;
  TbCannedReply *last;
  guint spanish = 0;
  gint64 campaign_id;

  campaign_id = tb_session_ensure_demo_campaign (session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (campaign_id, >, 0);

  /* The Spanish message comes last: the other canned replies keep their keys. */
  replies = tb_store_canned_reply_list (store, campaign_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, tb_demo_n_canned_replies + 1);
  last = replies->pdata[replies->len - 1];
  g_assert_cmpstr (last->title, ==, tb_demo_spanish_initial_message.title);
  g_assert_cmpstr (last->body, ==, tb_demo_spanish_initial_message.body);
  g_assert_cmpstr (((TbCannedReply *) replies->pdata[0])->title, ==, "Thanks");

  /* Contacts carry the Language field a texter reads in the details pane. */
  for (gint64 id = 1; id <= 8; id++)
    {
      g_autoptr(TbContact) contact = tb_store_contact_get (store, id, &error);
      g_autofree char *language = NULL;

      g_assert_no_error (error);
      language = tb_contact_dup_field (contact, "Language");
      g_assert_nonnull (language);
      spanish += g_str_equal (language, "Spanish");
    }
  g_assert_cmpuint (spanish, ==, 2);

  g_clear_object (&session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/spanish/contacts", test_spanish_contacts);
  g_test_add_func ("/demo/spanish/message-parses", test_spanish_message_parses);
  g_test_add_func ("/demo/spanish/campaign", test_demo_campaign_has_spanish);

  return g_test_run ();
}
