/* tb-contact-list-model.h: the contacts of one queue, paged lazily
 *
 * A GListModel of TbContact that holds a few pages of rows at a time (an
 * LRU), so a queue of a million contacts never becomes a million objects.
 * It follows the store's signals and emits items-changed by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-store.h"

G_BEGIN_DECLS

#define TB_CONTACT_LIST_MODEL_PAGE_SIZE 200

#define TB_TYPE_CONTACT_LIST_MODEL (tb_contact_list_model_get_type ())
G_DECLARE_FINAL_TYPE (TbContactListModel, tb_contact_list_model, TB, CONTACT_LIST_MODEL, GObject)

/* status TB_CONTACT_STATUS_ANY: every contact of the campaign. */
TbContactListModel *tb_contact_list_model_new          (TbStore            *store,
                                                        gint64              campaign_id,
                                                        TbContactStatus     status);
TbStore            *tb_contact_list_model_get_store    (TbContactListModel *self);
gint64              tb_contact_list_model_get_campaign_id (TbContactListModel *self);
TbContactStatus     tb_contact_list_model_get_status   (TbContactListModel *self);
void                tb_contact_list_model_set_status   (TbContactListModel *self,
                                                        TbContactStatus     status);
const char         *tb_contact_list_model_get_search   (TbContactListModel *self);
/* NULL or "" shows all (see tb_store_contact_page() for what matches). */
void                tb_contact_list_model_set_search   (TbContactListModel *self,
                                                        const char         *search);
/* Drops every cached page and re-counts (e.g. after another program wrote
 * to the file). */
void                tb_contact_list_model_reload       (TbContactListModel *self);
/* The position of a contact in the model, or -1 when it is not in it (or,
 * without search, not in a loaded page: this never scans the queue). */
int                 tb_contact_list_model_find_loaded  (TbContactListModel *self,
                                                        gint64              contact_id);
/* TRUE while a search's matches are read in a worker thread: the rows
 * grow as batches arrive (notify::counting when it ends). */
gboolean            tb_contact_list_model_is_counting  (TbContactListModel *self);
/* FALSE from a new search (or queue) until its first rows arrive: the rows
 * are still the previous ones meanwhile. */
gboolean            tb_contact_list_model_shows_search (TbContactListModel *self);
/* How many pages are loaded now: for tests. */
guint               tb_contact_list_model_get_n_loaded_pages (TbContactListModel *self);
/* The last query error, or NULL: the model cannot report errors through
 * GListModel, so it logs them and keeps the last here. */
const GError       *tb_contact_list_model_get_error    (TbContactListModel *self);

G_END_DECLS
