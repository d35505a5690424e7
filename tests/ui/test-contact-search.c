/* test-contact-search.c: typing in the contact pane's search box at a
 * few thousand matches, in the real window
 *
 * The search is read in a worker: the list view shows its first page,
 * then grows as the rest arrives and scrolls past the first page
 * meanwhile; every items-changed the list view gets fits the size it
 * knew; text typed mid-search leaves only the last search's rows; Enter
 * right after typing opens the new text's first match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-contact-list-model.h"
#include "tb-stable-contact-model.h"
#include "tb-store-private.h"
#include "ui-test-util.h"

#define N_NAMESAKES 3000

typedef struct {
  GListModel *model;
  guint       shadow;  /* n_items as the signals tell it */
  guint       signals;
  gboolean    saw_one_page;
  TbContactListModel *list;     /* under the selection */
  GtkWidget  *scroll_view;       /* set: scroll to each new last row */
  guint       scrolled_counting; /* past the first page, while counting */
} Shown;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Shown      *shown)
{
  g_assert_cmpuint (position + removed, <=, shown->shadow);
  shown->shadow = shown->shadow - removed + added;
  g_assert_cmpuint (shown->shadow, ==, g_list_model_get_n_items (model));
  shown->signals++;
  shown->saw_one_page |= shown->shadow == TB_CONTACT_LIST_MODEL_PAGE_SIZE;
}

/* Connected after the pane's own models: the list view knows the rows. */
static void
on_items_changed_scroll (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Shown      *shown)
{
  guint n = g_list_model_get_n_items (model);

  if (shown->scroll_view == NULL || !tb_contact_list_model_is_counting (shown->list) ||
      n <= TB_CONTACT_LIST_MODEL_PAGE_SIZE)
    return;
  gtk_widget_activate_action (shown->scroll_view, "list.scroll-to-item", "u", n - 1);
  shown->scrolled_counting++;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GListModel *model;
  guint       n;
} WantItems;

static gboolean
has_n_items (gpointer data)
{
  WantItems *want = data;

  return g_list_model_get_n_items (want->model) == want->n;
}

static const char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(TbContact) contact = g_list_model_get_item (model, position);
  static char name[64];

  g_assert_nonnull (contact);
  g_strlcpy (name, tb_contact_get_first_name (contact), sizeof name);
  return name;
}

typedef struct {
  TbContactPane *pane;
  char          *first_name;  /* of the contact Enter opened */
} Activated;

static void
on_contact_activated (TbContactPane *pane,
                      Activated     *activated)
{
  TbContact *contact = tb_contact_pane_get_contact (pane);

  g_free (activated->first_name);
  activated->first_name = g_strdup (contact != NULL ? tb_contact_get_first_name (contact) : "");
}

static gboolean
was_activated (gpointer data)
{
  return ((Activated *) data)->first_name != NULL;
}

static void
search_in_window (TbApplication *app,
                  TbWindow      *window,
                  gpointer       user_data)
{
  TbContactPane *pane = tb_window_get_contact_pane (window);
  TbSession *session = tb_window_get_session (window);
  TbStore *store = tb_session_get_store (session);
  GtkWidget *entry = find_widget (GTK_WIDGET (pane), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *list_view = find_widget (GTK_WIDGET (pane), GTK_TYPE_LIST_VIEW);
  g_autofree char *sql = NULL;
  Shown shown = { NULL, 0, 0, FALSE, NULL, NULL, 0 };
  WantItems want;

  ui_test_sign_in (window, "Ada");
  g_assert_nonnull (entry);
  g_assert_nonnull (list_view);

  /* Namesakes needing a first text: Zelda0…, far more than a page. */
  sql = g_strdup_printf ("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %d) "
                         "INSERT INTO contact (campaign_id, phone, first_name, last_name, updated_at) "
                         "SELECT %" G_GINT64_FORMAT ", printf ('+1303%%07d', i), 'Zelda' || i, 'Q', 1 FROM n",
                         N_NAMESAKES, tb_session_get_campaign_id (session));
  g_assert_cmpint (sqlite3_exec (tb_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  shown.model = tb_contact_pane_get_model (pane);
  shown.shadow = g_list_model_get_n_items (shown.model);
  g_signal_connect (shown.model, "items-changed", G_CALLBACK (on_items_changed), &shown);
  g_signal_connect (shown.model, "items-changed", G_CALLBACK (on_items_changed_scroll), &shown);

  /* One page at first, then every namesake. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zeld");
  want.model = shown.model;
  want.n = N_NAMESAKES;
  g_assert_true (ui_test_wait_for (has_n_items, &want, 10000));
  g_assert_true (shown.saw_one_page);
  g_assert_cmpstr (name_at (shown.model, 0), ==, "Zelda0");
  g_assert_cmpstr (name_at (shown.model, N_NAMESAKES - 1), ==, "Zelda2999");

  /* The list view scrolls to the last row and draws it. */
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", N_NAMESAKES - 1);
  ui_test_spin ();

  /* Typed mid-count: only the last text's count lands. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zelda");
  gtk_editable_set_text (GTK_EDITABLE (entry), "zelda1");
  want.n = 1111;  /* Zelda1, Zelda10.., Zelda100.., Zelda1000..1999 */
  g_assert_true (ui_test_wait_for (has_n_items, &want, 10000));
  for (guint i = 0; i < 20; i++)
    ui_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown.model), ==, 1111);
  g_assert_cmpstr (name_at (shown.model, 1110), ==, "Zelda1999");

  /* Scrolled past the first page while the rest is still read: the
   * worker hands on a page at a time here, and the list view goes to each
   * new last row as it arrives. */
  {
    GtkSelectionModel *selection = GTK_SELECTION_MODEL (shown.model);
    GListModel *stable = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));

    shown.list = TB_CONTACT_LIST_MODEL (tb_stable_contact_model_get_model (TB_STABLE_CONTACT_MODEL (stable)));
    shown.scroll_view = list_view;
    tb_store_set_find_batch_for_testing (TB_CONTACT_LIST_MODEL_PAGE_SIZE);
    gtk_editable_set_text (GTK_EDITABLE (entry), "zeld");
    want.n = N_NAMESAKES;
    g_assert_true (ui_test_wait_for (has_n_items, &want, 10000));
    tb_store_set_find_batch_for_testing (0);
    shown.scroll_view = NULL;
    /* 15 batches of a page: 14 grew the list while counting */
    g_assert_cmpuint (shown.scrolled_counting, ==, N_NAMESAKES / TB_CONTACT_LIST_MODEL_PAGE_SIZE - 1);
    ui_test_spin ();
    g_assert_cmpstr (name_at (shown.model, N_NAMESAKES - 1), ==, "Zelda2999");
  }
  /* A rare name: exact at once. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zelda2999");
  want.n = 1;
  g_assert_true (ui_test_wait_for (has_n_items, &want, 5000));

  /* Enter right after typing opens the new text's first match, not the
   * first of the rows still shown from the text before. */
  {
    Activated activated = { pane, NULL };

    g_signal_connect (pane, "contact-activated", G_CALLBACK (on_contact_activated), &activated);
    gtk_editable_set_text (GTK_EDITABLE (entry), "zelda2");
    /* The entry emptied, so the rows are the queue's (the entry reports
     * the new text after its search delay, or Enter). */
    g_assert_cmpuint (g_list_model_get_n_items (shown.model), >, 1);
    g_assert_cmpstr (name_at (shown.model, 0), !=, "Zelda2");
    g_signal_emit_by_name (entry, "activate");
    g_assert_null (activated.first_name);
    g_assert_true (ui_test_wait_for (was_activated, &activated, 5000));
    g_assert_cmpstr (activated.first_name, ==, "Zelda2");
    g_signal_handlers_disconnect_by_data (pane, &activated);
    g_free (activated.first_name);
  }

  g_assert_cmpuint (shown.signals, >=, 4);
  g_signal_handlers_disconnect_by_data (shown.model, &shown);
}

static void
test_contact_search (void)
{
  ui_test_run_app (FALSE, search_in_window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/contact-search/first-page-then-count", test_contact_search);

  return g_test_run ();
}
