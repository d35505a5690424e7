/* test-stable-contact-model.c: the same objects for unchanged contacts, and
 * held removals, over the store's real list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-store-helpers.h"
#include "tb-contact-list-model.h"
#include "tb-stable-contact-model.h"

typedef struct {
  guint count;
  guint position;
  guint removed;
  guint added;
  guint held;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->count++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
on_removal_held (TbStableContactModel *model,
                 Changes              *changes)
{
  changes->held++;
}

/* What a list view showing the first rows asked for. */
static GPtrArray *
show_rows (GListModel *model,
           guint       count)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < count; i++)
    g_ptr_array_add (shown, g_list_model_get_item (model, i));
  return shown;
}

static void
send_first_text (StoreFixture *fixture,
                 TbContact    *contact,
                 const char   *press_id)
{
  g_autoptr(GError) error = NULL;

  tb_store_message_queue_outbound (fixture->store, tb_contact_get_id (contact), "hi",
                                   fixture->texter_id, 0, press_id, &error);
  g_assert_no_error (error);
}

/* Send after send, the list view asks only for the row that comes into
 * view at the bottom: every removal is still held until flushed, and the
 * rows it keeps get the very objects it has. */
static void
test_every_removal_held (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(TbContactListModel) base = NULL;
  g_autoptr(TbStableContactModel) stable = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  Changes changes = { 0 };
  GListModel *list;

  add_contacts (fixture, 0, 40);
  base = tb_contact_list_model_new (fixture->store, fixture->campaign_id, TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);
  stable = tb_stable_contact_model_new (G_LIST_MODEL (base));
  tb_stable_contact_model_set_hold_removals (stable, TRUE);
  list = G_LIST_MODEL (stable);
  g_signal_connect (stable, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_signal_connect (stable, "removal-held", G_CALLBACK (on_removal_held), &changes);
  shown = show_rows (list, 10);

  for (guint send = 0; send < 5; send++)
    {
      g_autofree char *press_id = g_strdup_printf ("press-%u", send);
      g_autoptr(TbContact) last = NULL;

      changes = (Changes) { 0 };
      send_first_text (fixture, shown->pdata[0], press_id);

      /* Held: still shown where it was, no change yet. */
      g_assert_cmpuint (changes.held, ==, 1);
      g_assert_cmpuint (changes.count, ==, 0);
      g_assert_true (tb_stable_contact_model_has_held (stable));
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 40 - send);

      tb_stable_contact_model_flush (stable);
      g_assert_cmpuint (changes.count, ==, 1);
      g_assert_cmpuint (changes.position, ==, 0);
      g_assert_cmpuint (changes.removed, ==, 1);
      g_assert_cmpuint (changes.added, ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 39 - send);

      /* The list view keeps its rows, moved up one, and asks only for
       * the one that comes into view. */
      g_ptr_array_remove_index (shown, 0);
      last = g_list_model_get_item (list, shown->len);
      g_ptr_array_add (shown, g_steal_pointer (&last));
    }

  /* The rows it kept are the very objects it would get now. */
  for (guint i = 0; i < shown->len; i++)
    {
      g_autoptr(TbContact) again = g_list_model_get_item (list, i);

      g_assert_true (again == shown->pdata[i]);
      g_assert_cmpint (tb_contact_get_id (again), ==, tb_contact_get_id (shown->pdata[i]));
    }

  /* Anything other than one row leaving goes through at once. */
  changes = (Changes) { 0 };
  tb_stable_contact_model_set_hold_removals (stable, FALSE);
  send_first_text (fixture, shown->pdata[3], "press-late");
  g_assert_cmpuint (changes.held, ==, 0);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 3);

  g_signal_handlers_disconnect_by_data (stable, &changes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stable-contact-model/every-removal-held", StoreFixture, NULL,
              store_fixture_set_up, test_every_removal_held, store_fixture_tear_down);

  return g_test_run ();
}
