/* tb-contact-list-pages.c: the list model's page cache
 *
 * Pages of rows are loaded on demand, at most MAX_PAGES kept (the least
 * recently used one goes). Without search a page is a keyset page of the
 * queue, whose start is found from the nearest known one
 * (tb_store_contact_seek()) and remembered; a search's page is its ids'
 * rows. A row leaving the queue shifts the loaded pages instead of
 * dropping them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-contact-list-model-private.h"

#define MAX_PAGES 8

void
tb_contact_list_model_page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->contacts);
  g_free (page);
}

void
tb_contact_list_model_remember_error (TbContactListModel *self,
                                      GError             *error)
{
  g_warning ("Contact list: %s", error->message);
  g_clear_error (&self->error);
  self->error = error;
}

static gint64 *
boxed_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
find_page_start (TbContactListModel *self,
                 guint               index,
                 gint64             *after_id_out)
{
  g_autoptr(GError) error = NULL;
  gint64 *known;
  guint from;
  gint64 after_id;

  if (index == 0)
    {
      *after_id_out = 0;
      return TRUE;
    }
  known = g_hash_table_lookup (self->page_starts, GUINT_TO_POINTER (index));
  if (known != NULL)
    {
      *after_id_out = *known;
      return TRUE;
    }

  /* The nearest earlier page whose start is known. */
  for (from = index - 1; from > 0; from--)
    if (g_hash_table_contains (self->page_starts, GUINT_TO_POINTER (from)))
      break;
  after_id = from == 0 ? 0 : *(gint64 *) g_hash_table_lookup (self->page_starts, GUINT_TO_POINTER (from));

  /* The last row before the page: (index - from) pages later, minus one. */
  after_id = tb_store_contact_seek (self->store, self->campaign_id, self->status, NULL,
                                    after_id, (gint64) (index - from) * PAGE_SIZE - 1, &error);
  if (error != NULL)
    {
      tb_contact_list_model_remember_error (self, g_steal_pointer (&error));
      return FALSE;
    }
  if (after_id == 0)
    return FALSE;
  g_hash_table_insert (self->page_starts, GUINT_TO_POINTER (index), boxed_id (after_id));
  *after_id_out = after_id;
  return TRUE;
}

static void
evict_pages (TbContactListModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;

          if (page->used < oldest)
            {
              oldest = page->used;
              oldest_key = key;
            }
        }
      g_hash_table_remove (self->pages, oldest_key);
    }
}

Page *
tb_contact_list_model_ensure_page (TbContactListModel *self,
                                   guint               index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  Page *page;
  gint64 after_id;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    {
      page->used = ++self->clock;
      return page;
    }

  if (self->showing_ids)
    {
      guint start = index * PAGE_SIZE;

      if (start >= self->ids->len)
        return NULL;
      contacts = tb_store_contact_get_many (self->store, &g_array_index (self->ids, gint64, start),
                                            MIN (PAGE_SIZE, self->ids->len - start), &error);
    }
  else if (find_page_start (self, index, &after_id))
    contacts = tb_store_contact_page (self->store, self->campaign_id, self->status, NULL,
                                      after_id, PAGE_SIZE, &error);
  else
    return NULL;
  if (contacts == NULL)
    {
      tb_contact_list_model_remember_error (self, g_steal_pointer (&error));
      return NULL;
    }

  if (!self->showing_ids && contacts->len == PAGE_SIZE)
    g_hash_table_insert (self->page_starts, GUINT_TO_POINTER (index + 1),
                         boxed_id (tb_contact_get_id (contacts->pdata[PAGE_SIZE - 1])));

  page = g_new0 (Page, 1);
  page->index = index;
  page->contacts = g_steal_pointer (&contacts);
  page->used = ++self->clock;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  evict_pages (self);
  return page;
}

/* Where a loaded contact sits, or FALSE. */
gboolean
tb_contact_list_model_find_row (TbContactListModel *self,
                                gint64              contact_id,
                                guint              *position_out,
                                Page              **page_out,
                                guint              *index_out)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->contacts->len; i++)
        {
          /* (NULL: a search's row whose contact is gone) */
          if (page->contacts->pdata[i] != NULL &&
              tb_contact_get_id (page->contacts->pdata[i]) == contact_id)
            {
              *position_out = page->index * PAGE_SIZE + i;
              *page_out = page;
              *index_out = i;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* A full page lost a row and the next page is not loaded: the row that
 * now ends it is the one after its last, one keyset step. */
static gboolean
refill_page_end (TbContactListModel *self,
                 Page               *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) next = NULL;
  gint64 after_id;

  if (page->contacts->len == 0)
    return FALSE;
  after_id = tb_contact_get_id (page->contacts->pdata[page->contacts->len - 1]);
  next = tb_store_contact_page (self->store, self->campaign_id, self->status, NULL,
                                after_id, 1, &error);
  if (next == NULL)
    {
      tb_contact_list_model_remember_error (self, g_steal_pointer (&error));
      return FALSE;
    }
  if (next->len > 0)
    g_ptr_array_add (page->contacts, g_object_ref (next->pdata[0]));
  return TRUE;
}

/* The contact at position left: later rows move up by one. The loaded
 * pages shift rather than being dropped, so the rows a list view shows
 * need no reload after each send. */
void
tb_contact_list_model_shift_pages (TbContactListModel *self,
                                   guint               position)
{
  guint page_index = position / PAGE_SIZE;
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key, value;

  /* A later page now starts one row earlier: after the row that was its
   * first, known only while that page is loaded. */
  g_hash_table_iter_init (&iter, self->page_starts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = g_hash_table_lookup (self->pages, key);

      if (GPOINTER_TO_UINT (key) <= page_index)
        continue;
      if (page != NULL && page->contacts->len > 0)
        *(gint64 *) value = tb_contact_get_id (page->contacts->pdata[0]);
      else
        g_hash_table_iter_remove (&iter);
    }

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key);

      if (index >= page_index)
        g_array_append_val (later, index);
    }
  g_array_sort (later, compare_uints);

  for (guint i = 0; i < later->len; i++)
    {
      guint index = g_array_index (later, guint, i);
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
      Page *next = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index + 1));
      gboolean was_full = page->contacts->len == PAGE_SIZE;

      if (index == page_index)
        {
          if (position % PAGE_SIZE < page->contacts->len)
            g_ptr_array_remove_index (page->contacts, position % PAGE_SIZE);
        }
      else if (page->contacts->len > 0)
        g_ptr_array_remove_index (page->contacts, 0);  /* moved to the page before */

      if (!was_full)
        continue;  /* the last page: it just got shorter */
      if (next != NULL && next->contacts->len > 0)
        g_ptr_array_add (page->contacts, g_object_ref (next->contacts->pdata[0]));
      else if (!refill_page_end (self, page))
        {
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (index));
          continue;
        }
      if (page->contacts->len == PAGE_SIZE)
        g_hash_table_insert (self->page_starts, GUINT_TO_POINTER (index + 1),
                             boxed_id (tb_contact_get_id (page->contacts->pdata[PAGE_SIZE - 1])));
    }
}
