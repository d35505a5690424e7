/* tb-thread-model.c: one contact's conversation
 *
 * A conversation is tens of messages, so it is loaded whole (with one
 * indexed query) and then kept up to date message by message.
 *
 * The store's changes are applied from a high-priority idle, which runs
 * before the next frame is drawn: a first text's bubble would otherwise be
 * built for the person just texted, and thrown away at once when the
 * screen moves on to the next one (half a millisecond of every send).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-thread-model.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_CONTACT_ID,
  N_PROPS
};

struct _TbThreadModel
{
  GObject    parent_instance;

  TbStore   *store;
  gint64     contact_id;
  GPtrArray *messages;  /* of TbMessage, by (at, id) */
  GError    *error;
  gulong     changed_id;
  GArray    *pending;     /* of gint64: changed message ids, in order */
  gboolean   pending_reload;
  guint      apply_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TbThreadModel, tb_thread_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];

static int
compare_order (TbMessage *a,
               TbMessage *b)
{
  gint64 at_a = tb_message_get_at (a), at_b = tb_message_get_at (b);

  if (at_a != at_b)
    return at_a < at_b ? -1 : 1;
  if (tb_message_get_id (a) != tb_message_get_id (b))
    return tb_message_get_id (a) < tb_message_get_id (b) ? -1 : 1;
  return 0;
}

static void
load (TbThreadModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  guint old_n = self->messages->len;

  if (self->contact_id != 0)
    messages = tb_store_message_list_for_contact (self->store, self->contact_id, &error);
  if (error != NULL)
    {
      g_warning ("Conversation: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
    }
  g_ptr_array_unref (self->messages);
  self->messages = messages != NULL ? g_steal_pointer (&messages)
                                    : g_ptr_array_new_with_free_func (g_object_unref);
  if (old_n != 0 || self->messages->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->messages->len);
}

static void
drop_pending (TbThreadModel *self)
{
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_array_set_size (self->pending, 0);
  self->pending_reload = FALSE;
}

static void
apply_message (TbThreadModel *self,
               gint64         message_id)
{
  g_autoptr(TbMessage) message = tb_store_message_get (self->store, message_id, NULL);
  guint position;

  for (guint i = 0; i < self->messages->len; i++)
    {
      TbMessage *old = self->messages->pdata[i];

      if (tb_message_get_id (old) != message_id)
        continue;
      if (message == NULL || tb_message_get_contact_id (message) != self->contact_id ||
          compare_order (old, message) != 0)
        {
          load (self);
          return;
        }
      self->messages->pdata[i] = g_steal_pointer (&message);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
      return;
    }

  if (message == NULL || tb_message_get_contact_id (message) != self->contact_id)
    return;
  /* New: usually the last, but a reply can carry an earlier time. */
  position = self->messages->len;
  while (position > 0 && compare_order (self->messages->pdata[position - 1], message) > 0)
    position--;
  g_ptr_array_insert (self->messages, position, g_steal_pointer (&message));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static gboolean
apply_pending (gpointer user_data)
{
  TbThreadModel *self = user_data;
  g_autoptr(GArray) pending = self->pending;
  gboolean reload = self->pending_reload;

  self->apply_id = 0;
  self->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending_reload = FALSE;

  if (reload)
    load (self);
  else
    for (guint i = 0; i < pending->len; i++)
      apply_message (self, g_array_index (pending, gint64, i));

  return G_SOURCE_REMOVE;
}

static void
on_messages_changed (TbStore       *store,
                     gint64         contact_id,
                     gint64         message_id,
                     TbThreadModel *self)
{
  if (self->contact_id == 0 || contact_id != self->contact_id)
    return;

  if (message_id == 0)
    self->pending_reload = TRUE;
  else
    g_array_append_val (self->pending, message_id);
  if (self->apply_id == 0)
    self->apply_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_pending, self, NULL);
}

static GType
tb_thread_model_get_item_type (GListModel *model)
{
  return TB_TYPE_MESSAGE;
}

static guint
tb_thread_model_get_n_items (GListModel *model)
{
  return TB_THREAD_MODEL (model)->messages->len;
}

static gpointer
tb_thread_model_get_item (GListModel *model,
                          guint       position)
{
  TbThreadModel *self = TB_THREAD_MODEL (model);

  if (position >= self->messages->len)
    return NULL;
  return g_object_ref (self->messages->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tb_thread_model_get_item_type;
  iface->get_n_items = tb_thread_model_get_n_items;
  iface->get_item = tb_thread_model_get_item;
}

static void
tb_thread_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TbThreadModel *self = TB_THREAD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_thread_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TbThreadModel *self = TB_THREAD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CONTACT_ID:
      tb_thread_model_set_contact_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_thread_model_constructed (GObject *object)
{
  TbThreadModel *self = TB_THREAD_MODEL (object);

  G_OBJECT_CLASS (tb_thread_model_parent_class)->constructed (object);

  g_return_if_fail (TB_IS_STORE (self->store));
  self->changed_id = g_signal_connect (self->store, "messages-changed",
                                       G_CALLBACK (on_messages_changed), self);
}

static void
tb_thread_model_dispose (GObject *object)
{
  TbThreadModel *self = TB_THREAD_MODEL (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  drop_pending (self);

  G_OBJECT_CLASS (tb_thread_model_parent_class)->dispose (object);
}

static void
tb_thread_model_finalize (GObject *object)
{
  TbThreadModel *self = TB_THREAD_MODEL (object);

  g_ptr_array_unref (self->messages);
  g_array_unref (self->pending);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tb_thread_model_parent_class)->finalize (object);
}

static void
tb_thread_model_class_init (TbThreadModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tb_thread_model_get_property;
  object_class->set_property = tb_thread_model_set_property;
  object_class->constructed = tb_thread_model_constructed;
  object_class->dispose = tb_thread_model_dispose;
  object_class->finalize = tb_thread_model_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tb_thread_model_init (TbThreadModel *self)
{
  self->messages = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
}

TbThreadModel *
tb_thread_model_new (TbStore *store,
                     gint64   contact_id)
{
  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  return g_object_new (TB_TYPE_THREAD_MODEL, "store", store, "contact-id", contact_id, NULL);
}

TbStore *
tb_thread_model_get_store (TbThreadModel *self)
{
  g_return_val_if_fail (TB_IS_THREAD_MODEL (self), NULL);
  return self->store;
}

gint64
tb_thread_model_get_contact_id (TbThreadModel *self)
{
  g_return_val_if_fail (TB_IS_THREAD_MODEL (self), 0);
  return self->contact_id;
}

void
tb_thread_model_set_contact_id (TbThreadModel *self,
                                gint64         contact_id)
{
  g_return_if_fail (TB_IS_THREAD_MODEL (self));

  if (self->contact_id == contact_id)
    return;
  self->contact_id = contact_id;
  drop_pending (self);
  if (self->store != NULL)
    load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

void
tb_thread_model_reload (TbThreadModel *self)
{
  g_return_if_fail (TB_IS_THREAD_MODEL (self));
  drop_pending (self);
  load (self);
}

gboolean
tb_thread_model_has_pending (TbThreadModel *self)
{
  g_return_val_if_fail (TB_IS_THREAD_MODEL (self), FALSE);
  return self->apply_id != 0;
}

const GError *
tb_thread_model_get_error (TbThreadModel *self)
{
  g_return_val_if_fail (TB_IS_THREAD_MODEL (self), NULL);
  return self->error;
}
