/* tb-stable-contact-model.h: hands out the same TbContact object for an unchanged contact
 *
 * The store's list model pages lazily: after a contact leaves the queue it
 * reloads its pages, so every later position comes back as a new TbContact
 * object. A GtkListView compares items by pointer and rebinds every row whose
 * object changed, which after each send would be all ~200 rows it keeps.
 * This wrapper returns the object it handed out before for a contact whose
 * record did not change, so only the rows that really changed are rebound.
 *
 * It can also hold back the removal of one row (a contact that just left the
 * queue) until the caller flushes it: GTK 4.8's list view restyles and
 * re-measures every row it keeps after a change near the top, so the pane
 * flushes after the frame that shows the next contact has been drawn.
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

enum {
  SIGNAL_REMOVAL_HELD,
  N_SIGNALS
};

struct _TbStableContactModel
{
  GObject     parent_instance;

  GListModel *model;
  /* contact id (gint64 *) -> TbContact handed out for it */
  GHashTable *handed_out;
  /* position -> TbContact handed out since the last change */
  GHashTable *by_position;
  /* A row the base model removed that is still shown until flushed. */
  TbContact  *held;
  guint       held_position;
  gboolean    hold_removals;
};

static void tb_stable_contact_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TbStableContactModel, tb_stable_contact_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tb_stable_contact_model_list_model_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
same_record (TbContact *a,
             TbContact *b)
{
  return tb_contact_get_updated_at (a) == tb_contact_get_updated_at (b) &&
         tb_contact_get_last_message_at (a) == tb_contact_get_last_message_at (b) &&
         tb_contact_get_status (a) == tb_contact_get_status (b) &&
         g_strcmp0 (tb_contact_get_last_message_preview (a), tb_contact_get_last_message_preview (b)) == 0;
}

/* Keeps by_position in step with a change of rows, so the row at a
 * position is still known after a removal: the list view does not ask
 * again for rows it already shows, and the next removal can be held too. */
static void
shift_positions (TbStableContactModel *self,
                 guint                 position,
                 guint                 removed,
                 guint                 added)
{
  g_autoptr(GHashTable) shifted = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (removed == added)
    {
      for (guint i = position; i < position + removed; i++)
        g_hash_table_remove (self->by_position, GUINT_TO_POINTER (i));
      return;
    }

  shifted = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_hash_table_iter_init (&iter, self->by_position);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (at >= position && at < position + removed)
        continue;
      if (at >= position + removed)
        at = at - removed + added;
      g_hash_table_insert (shifted, GUINT_TO_POINTER (at), g_object_ref (value));
    }
  g_hash_table_remove_all (self->by_position);
  g_hash_table_iter_init (&iter, shifted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_insert (self->by_position, key, value);
      g_hash_table_iter_steal (&iter);
    }
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

  if (self->model == NULL)
    return 0;
  return g_list_model_get_n_items (self->model) + (self->held != NULL ? 1 : 0);
}

static gpointer
tb_stable_contact_model_get_item (GListModel *model,
                                  guint       position)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (model);
  g_autoptr(TbContact) fresh = NULL;
  TbContact *before;
  gint64 id;

  guint base_position = position;

  if (self->model == NULL)
    return NULL;

  if (self->held != NULL)
    {
      if (position == self->held_position)
        return g_object_ref (self->held);
      if (position > self->held_position)
        base_position--;
    }

  fresh = g_list_model_get_item (self->model, base_position);
  if (fresh == NULL)
    return NULL;

  id = tb_contact_get_id (fresh);
  before = g_hash_table_lookup (self->handed_out, &id);
  if (before == NULL || !same_record (before, fresh))
    {
      if (g_hash_table_size (self->handed_out) >= MAX_CACHED)
        {
          g_hash_table_remove_all (self->handed_out);
          g_hash_table_remove_all (self->by_position);
        }
      g_hash_table_replace (self->handed_out, g_memdup2 (&id, sizeof id), g_object_ref (fresh));
      before = fresh;
    }

  g_hash_table_replace (self->by_position, GUINT_TO_POINTER (position), g_object_ref (before));
  return g_object_ref (before);
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
  TbContact *shown;

  /* One row left: keep showing it until flushed, if we know what it was. */
  if (self->hold_removals && self->held == NULL && removed == 1 && added == 0 &&
      (shown = g_hash_table_lookup (self->by_position, GUINT_TO_POINTER (position))) != NULL)
    {
      self->held = g_object_ref (shown);
      self->held_position = position;
      g_signal_emit (self, signals[SIGNAL_REMOVAL_HELD], 0);
      return;
    }

  /* Anything else: first show what was held, then this change, so
   * positions stay those of the base model. */
  tb_stable_contact_model_flush (self);
  shift_positions (self, position, removed, added);
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
  g_clear_object (&self->held);
  g_hash_table_remove_all (self->handed_out);
  g_hash_table_remove_all (self->by_position);

  G_OBJECT_CLASS (tb_stable_contact_model_parent_class)->dispose (object);
}

static void
tb_stable_contact_model_finalize (GObject *object)
{
  TbStableContactModel *self = TB_STABLE_CONTACT_MODEL (object);

  g_clear_pointer (&self->handed_out, g_hash_table_unref);
  g_clear_pointer (&self->by_position, g_hash_table_unref);

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

  /**
   * TbStableContactModel::removal-held:
   *
   * A row the base model removed is still shown; call
   * tb_stable_contact_model_flush() when convenient.
   */
  signals[SIGNAL_REMOVAL_HELD] =
    g_signal_new ("removal-held", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tb_stable_contact_model_init (TbStableContactModel *self)
{
  self->handed_out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->by_position = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
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
  g_clear_object (&self->held);
  g_hash_table_remove_all (self->handed_out);
  g_hash_table_remove_all (self->by_position);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);
  added = tb_stable_contact_model_get_n_items (G_LIST_MODEL (self));

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* Whether a removal of one row waits for tb_stable_contact_model_flush(). */
void
tb_stable_contact_model_set_hold_removals (TbStableContactModel *self,
                                           gboolean              hold)
{
  g_return_if_fail (TB_IS_STABLE_CONTACT_MODEL (self));

  self->hold_removals = !!hold;
  if (!hold)
    tb_stable_contact_model_flush (self);
}

gboolean
tb_stable_contact_model_has_held (TbStableContactModel *self)
{
  g_return_val_if_fail (TB_IS_STABLE_CONTACT_MODEL (self), FALSE);

  return self->held != NULL;
}

/* Lets the held row go. */
void
tb_stable_contact_model_flush (TbStableContactModel *self)
{
  guint position;

  g_return_if_fail (TB_IS_STABLE_CONTACT_MODEL (self));

  if (self->held == NULL)
    return;

  position = self->held_position;
  g_clear_object (&self->held);
  shift_positions (self, position, 1, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}
