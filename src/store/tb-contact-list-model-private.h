/* tb-contact-list-model-private.h: what the list model's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-contact-list-model.h"

G_BEGIN_DECLS

#define PAGE_SIZE TB_CONTACT_LIST_MODEL_PAGE_SIZE

typedef struct {
  guint      index;
  GPtrArray *contacts;  /* of TbContact */
  guint64    used;      /* LRU stamp */
} Page;

struct _TbContactListModel
{
  GObject          parent_instance;

  TbStore         *store;
  gint64           campaign_id;
  TbContactStatus  status;
  char            *search;

  guint            n_items;
  GHashTable      *pages;       /* page index -> Page */
  GHashTable      *page_starts; /* page index -> id before the page's first row */
  guint64          clock;
  GError          *error;
  gulong           changed_id;

  /* A search's matches, shown while showing_ids: position = index. Else
   * the rows are the queue's, read in keyset pages. */
  GArray          *ids;               /* of gint64 */
  gboolean         showing_ids;
  GCancellable    *find_cancellable;  /* set while a search's ids are read */
  GArray          *found;             /* the running search's, until shown */
  gboolean         find_shown;        /* its ids are the ones shown */
  gboolean         find_swap_early;   /* show its first batch (else all) */
};

/* tb-contact-list-pages.c */
void     tb_contact_list_model_page_free      (gpointer            data);
/* Logs the error and keeps it (tb_contact_list_model_get_error()). */
void     tb_contact_list_model_remember_error (TbContactListModel *self,
                                               GError             *error);
/* The page, loaded if need be (and marked used); NULL on error. */
Page    *tb_contact_list_model_ensure_page    (TbContactListModel *self,
                                               guint               index);
/* Where a loaded contact sits, or FALSE. */
gboolean tb_contact_list_model_find_row       (TbContactListModel *self,
                                               gint64              contact_id,
                                               guint              *position_out,
                                               Page              **page_out,
                                               guint              *index_out);
/* Without search: the row at position left the queue; the loaded pages
 * after it shift by one (the caller emits items-changed). */
void     tb_contact_list_model_shift_pages    (TbContactListModel *self,
                                               guint               position);

G_END_DECLS
