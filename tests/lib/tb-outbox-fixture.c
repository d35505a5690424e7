/* tb-outbox-fixture.c: a store, a campaign and a session with its outbox,
 * shared by the outbox tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-outbox-fixture.h"

static void
on_message_failed (TbOutbox     *outbox,
                   gint64        message_id,
                   const GError *error,
                   TbTestOutbox *self)
{
  g_ptr_array_add (self->failures, g_error_copy (error));
}

void
tb_test_outbox_init (TbTestOutbox *self,
                     gint64        now,
                     const char   *sender,
                     int           start_min,
                     int           end_min,
                     guint         n_contacts)
{
  g_assert_cmpuint (n_contacts, <=, TB_TEST_OUTBOX_MAX_CONTACTS);

  self->now = now;
  self->store = test_store_new (&self->dir);
  self->campaign_id = test_campaign_new (self->store, sender, start_min, end_min, n_contacts, self->contacts);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

void
tb_test_outbox_start_session (TbTestOutbox *self,
                              TbProvider   *provider)
{
  self->session = tb_session_new (self->store, provider);
  tb_session_set_clock (self->session, test_clock, &self->now);
  self->outbox = tb_session_get_outbox (self->session);
  tb_outbox_set_rate_per_second (self->outbox, 0);
  tb_outbox_set_settle_time (self->outbox, 60);
  g_signal_connect (self->outbox, "message-failed", G_CALLBACK (on_message_failed), self);
}

void
tb_test_outbox_clear (TbTestOutbox *self)
{
  g_clear_object (&self->session);
  self->outbox = NULL;
  g_clear_object (&self->store);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  if (self->dir != NULL)
    test_remove_tree (self->dir);
  g_clear_pointer (&self->dir, g_free);
}

void
tb_test_outbox_sign_in (TbTestOutbox *self,
                        const char   *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tb_session_sign_in_by_name (self->session, name, &error));
  g_assert_no_error (error);
}

gint64
tb_test_outbox_submit (TbTestOutbox *self,
                       guint         contact,
                       const char   *body,
                       const char   *press_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpuint (contact, <, TB_TEST_OUTBOX_MAX_CONTACTS);
  id = tb_outbox_submit (self->outbox, self->contacts[contact], body, press_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

TbMessage *
tb_test_outbox_get_message (TbTestOutbox *self,
                            gint64        message_id)
{
  g_autoptr(GError) error = NULL;
  TbMessage *message = tb_store_message_get (self->store, message_id, &error);

  g_assert_no_error (error);
  return message;
}

guint
tb_test_outbox_count_messages (TbTestOutbox *self,
                               guint         contact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  g_assert_cmpuint (contact, <, TB_TEST_OUTBOX_MAX_CONTACTS);
  messages = tb_store_message_list_for_contact (self->store, self->contacts[contact], &error);
  g_assert_no_error (error);
  return messages->len;
}

void
tb_test_outbox_run_until_idle (TbTestOutbox *self)
{
  g_assert_true (test_iterate_until (test_outbox_is_idle, self->outbox, 10000));
}

void
tb_test_outbox_advance (TbTestOutbox *self,
                        gint64        usec)
{
  self->now += usec;
  tb_outbox_kick (self->outbox);
  tb_test_outbox_run_until_idle (self);
}

const char *
tb_test_outbox_contact_phone (TbTestOutbox *self,
                              guint         contact)
{
  static char phone[16];

  g_assert_cmpuint (contact, <, TB_TEST_OUTBOX_MAX_CONTACTS);
  g_assert_cmpint (self->contacts[contact], >, 0);
  g_snprintf (phone, sizeof phone, "+120255501%02u", contact);
  return phone;
}
