/* tb-stable-contact-model.h: hands out the same TbContact object for an unchanged contact
 *
 * The store's list model pages lazily: after a contact leaves the queue it
 * reloads its pages, so every later position comes back as a new TbContact
 * object. A GtkListView compares items by pointer and rebinds every row whose
 * object changed, which after each send would be all ~200 rows it keeps.
 * This wrapper returns the object it handed out before for a contact whose
 * record did not change, so only the rows that really changed are rebound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-stable-contact-model"

#include "config.h"

#include "tb-stable-contact-model.h"

/* Forget everything past this many contacts: a list view keeps ~200. */
#define MAX_CACHED 4096

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

struct _TbStableContactModel
{
  GObject     parent_instance;

  GListModel *model;
  /* contact id (gint64 *) -> TbContact handed out for it */
  GHashTable *handed_out;
};

static void tb_stable_contact_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TbStableContactModel, tb_stable_contact_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tb_stable_contact_model_list_model_init))

static GParamSpec *properties[N_PROPS];

static gboolean
same_record (TbContact *a,
             TbContact *b)
{
  return tb_contact_get_updated_at (a) == tb_contact_get_updated_at (b) &&
         tb_contact_get_last_message_at (a) == tb_contact_get_last_message_at (b) &&
         tb_contact_get_status (a) == tb_contact_get_status (b) &&
         g_strcmp0 (tb_contact_get_last_message_preview (a), tb_contact_get_last_message_preview (b)) == 0;
}

static GType
tb_stable_contact_model_get_item_type (GListModel *model)
{
  return TB_TYPE_CONTACT;
}

static guint
tb_stable_contact_model_get_n_items (GListModel *model)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (model);

  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
tb_stable_contact_model_get_item (GListModel *model,
                                  guint       position)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (model);
  g_autoptr(TbContact) fresh = NULL;
  TbContact *before;
  gint64 id;

  if (self->model == NULL)
    return NULL;

  fresh = g_list_model_get_item (self->model, position);
  if (fresh == NULL)
    return NULL;

  id = tb_contact_get_id (fresh);
  before = g_hash_table_lookup (self->handed_out, &id);
  if (before != NULL && same_record (before, fresh))
    return g_object_ref (before);

  if (g_hash_table_size (self->handed_out) >= MAX_CACHED)
    g_hash_table_remove_all (self->handed_out);
  g_hash_table_replace (self->handed_out, g_memdup2 (&id, sizeof id), g_object_ref (fresh));

  return g_steal_pointer (&fresh);
}

static void
tb_stable_contact_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tb_stable_contact_model_get_item_type;
  iface->get_n_items = tb_stable_contact_model_get_n_items;
  iface->get_item = tb_stable_contact_model_get_item;
}

static void
on_items_changed (TbStableContactModel *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  GListModel           *model)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
tb_stable_contact_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_stable_contact_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      tb_stable_contact_model_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_stable_contact_model_dispose (GObject *object)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_hash_table_remove_all (self->handed_out);

  G_OBJECT_CLASS (tb_stable_contact_model_parent_class)->dispose (object);
}

static void
tb_stable_contact_model_finalize (GObject *object)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (object);

  g_clear_pointer (&self->handed_out, g_hash_table_unref);

  G_OBJECT_CLASS (tb_stable_contact_model_parent_class)->finalize (object);
}

static void
tb_stable_contact_model_class_init (TbStableContactModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_stable_contact_model_get_property;
  object_class->set_property = tb_stable_contact_model_set_property;
  object_class->dispose = tb_stable_contact_model_dispose;
  object_class->finalize = tb_stable_contact_model_finalize;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tb_stable_contact_model_init (TbStableContactModel *self)
{
  self->handed_out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

TbStableContactModel *
tb_stable_contact_model_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (TB_TYPE_STABLE_CONTACT_MODEL, "model", model, NULL);
}

GListModel *
tb_stable_contact_model_get_model (TbStableContactModel *self)
{
  g_return_val_if_fail (TB_IS_STABLE_CONTACT_MODEL (self), NULL);

  return self->model;
}

void
tb_stable_contact_model_set_model (TbStableContactModel *self,
                                   GListModel           *model)
{
  guint removed;
  guint added;

  g_return_if_fail (TB_IS_STABLE_CONTACT_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  removed = tb_stable_contact_model_get_n_items (G_LIST_MODEL (self));
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  g_hash_table_remove_all (self->handed_out);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);
  added = tb_stable_contact_model_get_n_items (G_LIST_MODEL (self));

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
