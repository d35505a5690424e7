/* tb-contact-list-model.c: the contacts of one queue, paged lazily
 *
 * Rows are loaded a page at a time (tb-contact-list-pages.c): without
 * search, keyset pages of the queue, whose count is O(1).
 *
 * A search runs in a worker thread (tb_store_contact_find_async()), which
 * hands on the matches' ids in batches: the rows shown stay those of the
 * previous search until the first batch (a page) arrives, and each later
 * batch adds its rows at the end, so the list scrolls on while the rest
 * is read. With the ids known, a page is one query of primary keys and a
 * far page needs no seek. A change to the campaign reads the search again
 * and swaps the rows when it is complete. A new search, a reset or
 * dispose cancels a search still running; its batches never reach the
 * model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-contact-list-model-private.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAMPAIGN_ID,
  PROP_STATUS,
  PROP_SEARCH,
  PROP_N_ITEMS,
  PROP_COUNTING,
  N_PROPS
};


static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TbContactListModel, tb_contact_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];

static void
cancel_find (TbContactListModel *self)
{
  if (self->find_cancellable == NULL)
    return;
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->found, g_array_unref);
}

/* Replaces every row with new_n others. */
static void
replace_all (TbContactListModel *self,
             guint               new_n)
{
  guint old_n = self->n_items;

  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->page_starts);
  self->n_items = new_n;
  if (old_n != 0 || new_n != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The running search's ids so far become the rows. */
static void
show_found (TbContactListModel *self)
{
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&self->found);
  self->showing_ids = TRUE;
  self->find_shown = TRUE;
  replace_all (self, self->ids->len);
}

/* A batch of the running search's ids (a cancelled search's never come). */
static void
on_ids (const gint64 *ids,
        guint         n_ids,
        gpointer      user_data)
{
  TbContactListModel *self = user_data;
  guint old_n = self->n_items;

  if (!self->find_shown)
    {
      g_array_append_vals (self->found, ids, n_ids);
      if (self->find_swap_early)
        show_found (self);
      return;
    }
  g_array_append_vals (self->ids, ids, n_ids);
  self->n_items = self->ids->len;
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The worker could not search (e.g. it could not open the file): the
 * first page on the store's own connection, as a search was read before. */
static void
show_first_page (TbContactListModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;

  g_clear_pointer (&self->found, g_array_unref);
  self->found = g_array_new (FALSE, FALSE, sizeof (gint64));
  page = tb_store_contact_page (self->store, self->campaign_id, self->status, self->search,
                                0, PAGE_SIZE, &error);
  if (page == NULL)
    tb_contact_list_model_remember_error (self, g_steal_pointer (&error));
  for (guint i = 0; page != NULL && i < page->len; i++)
    {
      gint64 id = tb_contact_get_id (page->pdata[i]);

      g_array_append_val (self->found, id);
    }
  show_found (self);
}

/* user_data is the model, not referenced: dispose cancels the search, and
 * a cancelled search's callback never touches the model. */
static void
on_find_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  TbContactListModel *self;
  gint64 n;

  /* Delivers the last batches to on_ids() first. */
  n = tb_store_contact_find_finish (TB_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TB_CONTACT_LIST_MODEL (user_data);
  g_clear_object (&self->find_cancellable);

  if (n < 0)
    {
      tb_contact_list_model_remember_error (self, g_steal_pointer (&error));
      /* Rows already shown stay. */
      if (!self->find_shown)
        show_first_page (self);
    }
  else if (!self->find_shown)
    show_found (self);
  g_clear_pointer (&self->found, g_array_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static guint
count_items (TbContactListModel *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  if (self->store == NULL)
    return 0;
  n = tb_store_contact_count (self->store, self->campaign_id, self->status, NULL, &error);
  if (n < 0)
    {
      tb_contact_list_model_remember_error (self, g_steal_pointer (&error));
      return 0;
    }
  return (guint) MIN (n, (gint64) G_MAXUINT);
}

/* Reads the rows again. Without search: the queue's count (O(1)) and
 * keyset pages, at once. With one: the search starts in a worker and the
 * rows shown stay until its first batch (swap_early) or all of it. */
static void
start_over (TbContactListModel *self,
            gboolean            swap_early)
{
  gboolean was_counting = self->find_cancellable != NULL;

  cancel_find (self);
  if (self->store == NULL)
    return;
  if (self->search == NULL)
    {
      g_clear_pointer (&self->ids, g_array_unref);
      self->showing_ids = FALSE;
      replace_all (self, count_items (self));
    }
  else
    {
      self->find_cancellable = g_cancellable_new ();
      self->found = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->find_shown = FALSE;
      self->find_swap_early = swap_early;
      tb_store_contact_find_async (self->store, self->campaign_id, self->status, self->search,
                                   PAGE_SIZE, on_ids, self, self->find_cancellable, on_find_done, self);
    }
  if (was_counting != (self->find_cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
reset (TbContactListModel *self)
{
  start_over (self, TRUE);
}

/* A contact at position left: later rows move up by one. */
static void
remove_at (TbContactListModel *self,
           guint               position)
{
  tb_contact_list_model_shift_pages (self, position);
  self->n_items--;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_contacts_changed (TbStore            *store,
                     gint64              campaign_id,
                     gint64              contact_id,
                     TbContactListModel *self)
{
  g_autoptr(TbContact) contact = NULL;
  guint position, index;
  Page *page;

  if (campaign_id != 0 && campaign_id != self->campaign_id)
    return;

  /* With a search, whether a changed row still matches is the query's
   * business: ask it again. The rows shown stay until the answer is
   * complete, unless a new text's first rows are still awaited. */
  if (self->search != NULL)
    {
      gboolean awaited = self->find_cancellable != NULL && !self->find_shown && self->find_swap_early;

      if (contact_id == 0 || campaign_id != 0)
        {
          start_over (self, awaited || !self->showing_ids);
          return;
        }
      /* Tags and answers: a loaded row shows them. */
      if (tb_contact_list_model_find_row (self, contact_id, &position, &page, &index))
        {
          contact = tb_store_contact_get (self->store, contact_id, NULL);
          if (contact == NULL)
            start_over (self, awaited || !self->showing_ids);
          else
            {
              TbContact *old = page->contacts->pdata[index];

              page->contacts->pdata[index] = g_steal_pointer (&contact);
              g_clear_object (&old);
              g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
            }
        }
      return;
    }
  if (contact_id == 0)
    {
      reset (self);
      return;
    }

  if (tb_contact_list_model_find_row (self, contact_id, &position, &page, &index))
    {
      contact = tb_store_contact_get (self->store, contact_id, NULL);
      if (contact != NULL &&
          (self->status == TB_CONTACT_STATUS_ANY || tb_contact_get_status (contact) == self->status))
        {
          TbContact *old = page->contacts->pdata[index];

          page->contacts->pdata[index] = g_steal_pointer (&contact);
          g_object_unref (old);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
      else
        remove_at (self, position);
      return;
    }

  if (campaign_id == 0)
    return;  /* tags and answers: only loaded rows could show them */

  /* A contact we have not loaded: only a change of count shows. When it
   * joined the queue its place is unknown without a scan: start over. */
  if (count_items (self) != self->n_items)
    reset (self);
}

static GType
tb_contact_list_model_get_item_type (GListModel *model)
{
  return TB_TYPE_CONTACT;
}

static guint
tb_contact_list_model_get_n_items (GListModel *model)
{
  return TB_CONTACT_LIST_MODEL (model)->n_items;
}

static gpointer
tb_contact_list_model_get_item (GListModel *model,
                                guint       position)
{
  TbContactListModel *self = TB_CONTACT_LIST_MODEL (model);
  Page *page;
  guint index;

  if (position >= self->n_items)
    return NULL;
  page = tb_contact_list_model_ensure_page (self, position / PAGE_SIZE);
  index = position % PAGE_SIZE;
  if (page == NULL || index >= page->contacts->len || page->contacts->pdata[index] == NULL)
    return NULL;  /* another program changed the file: reload() fixes it */
  return g_object_ref (page->contacts->pdata[index]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tb_contact_list_model_get_item_type;
  iface->get_n_items = tb_contact_list_model_get_n_items;
  iface->get_item = tb_contact_list_model_get_item;
}

static void
tb_contact_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TbContactListModel *self = TB_CONTACT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_COUNTING:
      g_value_set_boolean (value, self->find_cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_contact_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TbContactListModel *self = TB_CONTACT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CAMPAIGN_ID:
      self->campaign_id = g_value_get_int64 (value);
      break;
    case PROP_STATUS:
      tb_contact_list_model_set_status (self, g_value_get_int (value));
      break;
    case PROP_SEARCH:
      tb_contact_list_model_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_contact_list_model_constructed (GObject *object)
{
  TbContactListModel *self = TB_CONTACT_LIST_MODEL (object);

  G_OBJECT_CLASS (tb_contact_list_model_parent_class)->constructed (object);

  g_return_if_fail (TB_IS_STORE (self->store));
  self->changed_id = g_signal_connect (self->store, "contacts-changed",
                                       G_CALLBACK (on_contacts_changed), self);
  start_over (self, TRUE);
}

static void
tb_contact_list_model_dispose (GObject *object)
{
  TbContactListModel *self = TB_CONTACT_LIST_MODEL (object);

  cancel_find (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_hash_table_remove_all (self->pages);

  G_OBJECT_CLASS (tb_contact_list_model_parent_class)->dispose (object);
}

static void
tb_contact_list_model_finalize (GObject *object)
{
  TbContactListModel *self = TB_CONTACT_LIST_MODEL (object);

  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->page_starts);
  g_clear_error (&self->error);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->search);

  G_OBJECT_CLASS (tb_contact_list_model_parent_class)->finalize (object);
}

static void
tb_contact_list_model_class_init (TbContactListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_contact_list_model_get_property;
  object_class->set_property = tb_contact_list_model_set_property;
  object_class->constructed = tb_contact_list_model_constructed;
  object_class->dispose = tb_contact_list_model_dispose;
  object_class->finalize = tb_contact_list_model_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, TB_CONTACT_STATUS_ANY, TB_CONTACT_N_STATUSES - 1,
                      TB_CONTACT_STATUS_ANY,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* TRUE while a search's exact count is being read in a worker. */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tb_contact_list_model_init (TbContactListModel *self)
{
  self->status = TB_CONTACT_STATUS_ANY;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, tb_contact_list_model_page_free);
  self->page_starts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

TbContactListModel *
tb_contact_list_model_new (TbStore         *store,
                           gint64           campaign_id,
                           TbContactStatus  status)
{
  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  return g_object_new (TB_TYPE_CONTACT_LIST_MODEL,
                       "store", store,
                       "campaign-id", campaign_id,
                       "status", status,
                       NULL);
}

TbStore *
tb_contact_list_model_get_store (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), NULL);
  return self->store;
}

gint64
tb_contact_list_model_get_campaign_id (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), 0);
  return self->campaign_id;
}

TbContactStatus
tb_contact_list_model_get_status (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), TB_CONTACT_STATUS_ANY);
  return self->status;
}

void
tb_contact_list_model_set_status (TbContactListModel *self,
                                  TbContactStatus     status)
{
  g_return_if_fail (TB_IS_CONTACT_LIST_MODEL (self));
  g_return_if_fail (status >= TB_CONTACT_STATUS_ANY && status < TB_CONTACT_N_STATUSES);

  if (self->status == status)
    return;
  self->status = status;
  if (self->store != NULL)
    reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
tb_contact_list_model_get_search (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), NULL);
  return self->search;
}

void
tb_contact_list_model_set_search (TbContactListModel *self,
                                  const char         *search)
{
  g_return_if_fail (TB_IS_CONTACT_LIST_MODEL (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  if (self->store != NULL)
    reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

void
tb_contact_list_model_reload (TbContactListModel *self)
{
  g_return_if_fail (TB_IS_CONTACT_LIST_MODEL (self));
  reset (self);
}

int
tb_contact_list_model_find_loaded (TbContactListModel *self,
                                   gint64              contact_id)
{
  guint position, index;
  Page *page;

  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), -1);

  if (self->showing_ids)
    {
      /* The ids are sorted: a binary search, loaded or not. */
      guint lo = 0, hi = self->ids->len;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          gint64 id = g_array_index (self->ids, gint64, mid);

          if (id == contact_id)
            return (int) mid;
          if (id < contact_id)
            lo = mid + 1;
          else
            hi = mid;
        }
      return -1;
    }
  if (tb_contact_list_model_find_row (self, contact_id, &position, &page, &index))
    return (int) position;
  return -1;
}

guint
tb_contact_list_model_get_n_loaded_pages (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

gboolean
tb_contact_list_model_shows_search (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), FALSE);
  return self->find_cancellable == NULL || self->find_shown || !self->find_swap_early;
}

gboolean
tb_contact_list_model_is_counting (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), FALSE);
  return self->find_cancellable != NULL;
}

const GError *
tb_contact_list_model_get_error (TbContactListModel *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_LIST_MODEL (self), NULL);
  return self->error;
}
