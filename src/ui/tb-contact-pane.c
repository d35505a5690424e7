/* tb-contact-pane.c: queue tabs with live counts, search, and the lazy contact list
 *
 * The list is a GtkListView over the store's TbContactListModel, which pages
 * from SQLite: a queue of a million contacts costs a few pages of objects.
 * Rows are recycled by the view; only the visible ones are bound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-contact-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-contact-list-model.h"
#include "tb-contact-pane.h"
#include "tb-contact-row.h"
#include "tb-stable-contact-model.h"
#include "tb-ui-format.h"

enum {
  PROP_0,
  PROP_CONTACT,
  PROP_QUEUE,
  N_PROPS
};

enum {
  SIGNAL_CONTACT_ACTIVATED,
  N_SIGNALS
};

/* The tabs, in the order they are shown. */
static const TbContactStatus queue_order[] = {
  TB_CONTACT_STATUS_NEEDS_FIRST_TEXT,
  TB_CONTACT_STATUS_NEEDS_REPLY,
  TB_CONTACT_STATUS_WAITING,
  TB_CONTACT_STATUS_CLOSED,
  TB_CONTACT_STATUS_OPTED_OUT,
};

struct _TbContactPane
{
  GtkWidget            parent_instance;

  TbStore             *store;
  gint64               campaign_id;
  TbContactStatus      queue;
  TbContactListModel  *model;
  TbStableContactModel *stable;
  GtkSingleSelection  *selection;
  gulong               flush_handler;
  GdkFrameClock       *flush_clock;
  TbQueueCounts        counts;
  char                *empty_title;
  char                *empty_description;
  gboolean             changing_queue;
  gboolean             activate_when_shown;  /* Enter before a search's rows came */

  GtkToggleButton     *queue_first_button;
  GtkToggleButton     *queue_reply_button;
  GtkToggleButton     *queue_waiting_button;
  GtkToggleButton     *queue_closed_button;
  GtkToggleButton     *queue_opted_out_button;
  GtkLabel            *queue_first_count;
  GtkLabel            *queue_reply_count;
  GtkLabel            *queue_waiting_count;
  GtkLabel            *queue_closed_count;
  GtkLabel            *queue_opted_out_count;
  GtkLabel            *queue_title;
  GtkLabel            *queue_count;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;
};

G_DEFINE_FINAL_TYPE (TbContactPane, tb_contact_pane, GTK_TYPE_WIDGET)

G_DEFINE_QUARK (tb-contact-pane-error-quark, tb_contact_pane_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkToggleButton *
button_for_queue (TbContactPane   *self,
                  TbContactStatus  queue)
{
  switch (queue)
    {
    case TB_CONTACT_STATUS_NEEDS_FIRST_TEXT:
      return self->queue_first_button;
    case TB_CONTACT_STATUS_NEEDS_REPLY:
      return self->queue_reply_button;
    case TB_CONTACT_STATUS_WAITING:
      return self->queue_waiting_button;
    case TB_CONTACT_STATUS_CLOSED:
      return self->queue_closed_button;
    case TB_CONTACT_STATUS_OPTED_OUT:
      return self->queue_opted_out_button;
    case TB_CONTACT_STATUS_ANY:
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkLabel *
count_label_for_queue (TbContactPane   *self,
                       TbContactStatus  queue)
{
  switch (queue)
    {
    case TB_CONTACT_STATUS_NEEDS_FIRST_TEXT:
      return self->queue_first_count;
    case TB_CONTACT_STATUS_NEEDS_REPLY:
      return self->queue_reply_count;
    case TB_CONTACT_STATUS_WAITING:
      return self->queue_waiting_count;
    case TB_CONTACT_STATUS_CLOSED:
      return self->queue_closed_count;
    case TB_CONTACT_STATUS_OPTED_OUT:
      return self->queue_opted_out_count;
    case TB_CONTACT_STATUS_ANY:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

static void
set_empty_text (TbContactPane *self,
                const char    *title,
                const char    *description)
{
  g_free (self->empty_title);
  g_free (self->empty_description);
  self->empty_title = g_strdup (title);
  self->empty_description = g_strdup (description);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

static void
update_empty_state (TbContactPane *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  adw_status_page_set_icon_name (self->empty_page, tb_ui_status_icon (self->queue));

  if (search != NULL && *search != '\0')
    {
      g_autofree char *title = g_strdup_printf (_("No contacts match “%s”"), search);

      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      set_empty_text (self, title, _("Search by first or last name, or by digits of the phone number."));
    }
  else if (self->counts.total == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "contact-new-symbolic");
      set_empty_text (self, _("No contacts yet"),
                      _("Import a CSV of contacts into this campaign to start texting."));
    }
  else
    {
      switch (self->queue)
        {
        case TB_CONTACT_STATUS_NEEDS_FIRST_TEXT:
          set_empty_text (self, _("All first texts sent"),
                          _("Replies show up in Needs reply as people answer."));
          break;
        case TB_CONTACT_STATUS_NEEDS_REPLY:
          set_empty_text (self, _("No replies to answer"),
                          _("New replies show up here as they arrive."));
          break;
        case TB_CONTACT_STATUS_WAITING:
          set_empty_text (self, _("Nobody is waiting"),
                          _("Contacts you texted show up here until they reply."));
          break;
        case TB_CONTACT_STATUS_CLOSED:
          set_empty_text (self, _("No closed conversations"),
                          _("Conversations you close or mark as a wrong number show up here."));
          break;
        case TB_CONTACT_STATUS_OPTED_OUT:
          set_empty_text (self, _("Nobody opted out"),
                          _("People who ask not to be texted show up here, and are never texted again."));
          break;
        case TB_CONTACT_STATUS_ANY:
        default:
          set_empty_text (self, _("No contacts"), NULL);
          break;
        }
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_queue_header (TbContactPane *self)
{
  g_autofree char *count = format_count (tb_contact_pane_get_count (self, self->queue));

  gtk_label_set_label (self->queue_title, tb_ui_status_label (self->queue));
  gtk_label_set_label (self->queue_count, count);
}

static void
on_model_items_changed (TbContactPane *self)
{
  update_empty_state (self);
}

static void
stop_waiting_for_paint (TbContactPane *self)
{
  if (self->flush_clock != NULL)
    g_clear_signal_handler (&self->flush_handler, self->flush_clock);
  g_clear_object (&self->flush_clock);
}

static void
on_after_paint (GdkFrameClock *clock,
                TbContactPane *self)
{
  stop_waiting_for_paint (self);
  tb_stable_contact_model_flush (self->stable);
}

/* A contact left the list (after a send): the frame that shows the next
 * contact goes first, the list catches up in the one after. */
static void
on_removal_held (TbContactPane *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      tb_stable_contact_model_flush (self->stable);
      return;
    }

  if (self->flush_clock == NULL)
    {
      self->flush_clock = g_object_ref (clock);
      self->flush_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_selected_item_changed (TbContactPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

static void
on_queue_toggled (GtkToggleButton *button,
                  TbContactPane   *self)
{
  if (!gtk_toggle_button_get_active (button) || self->changing_queue)
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (queue_order); i++)
    if (button_for_queue (self, queue_order[i]) == button)
      tb_contact_pane_set_queue (self, queue_order[i]);
}

static void
on_search_changed (TbContactPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* (Enter may have searched for this text already, and wait for it.) */
  if (self->model != NULL &&
      g_strcmp0 (*text != '\0' ? text : NULL, tb_contact_list_model_get_search (self->model)) != 0)
    self->activate_when_shown = FALSE;
  if (self->model != NULL)
    tb_contact_list_model_set_search (self->model, text);
  update_empty_state (self);
}

static void
on_stop_search (TbContactPane *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Enter in the search entry opens the first match: once the search's
 * rows are there (a worker reads them; the previous ones show meanwhile). */
static void
on_search_activate (TbContactPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Enter within the entry's search delay: search for what is typed now. */
  if (self->model != NULL && !self->activate_when_shown &&
      g_strcmp0 (*text != '\0' ? text : NULL, tb_contact_list_model_get_search (self->model)) != 0)
    tb_contact_list_model_set_search (self->model, text);
  if (self->model != NULL && !tb_contact_list_model_shows_search (self->model))
    {
      self->activate_when_shown = TRUE;
      return;
    }
  self->activate_when_shown = FALSE;
  if (self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  g_signal_emit (self, signals[SIGNAL_CONTACT_ACTIVATED], 0);
}

/* The selection lists the search's first rows: an Enter pressed before
 * they came opens the first. */
static void
on_selection_items_changed (TbContactPane *self)
{
  if (self->activate_when_shown && self->model != NULL &&
      tb_contact_list_model_shows_search (self->model))
    on_search_activate (self);
}

static void
on_list_activate (TbContactPane *self,
                  guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[SIGNAL_CONTACT_ACTIVATED], 0);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (tb_contact_row_new ()));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  tb_contact_row_set_contact (TB_CONTACT_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
tb_contact_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TbContactPane *self = TB_CONTACT_PANE (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, tb_contact_pane_get_contact (self));
      break;
    case PROP_QUEUE:
      g_value_set_int (value, self->queue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_contact_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TbContactPane *self = TB_CONTACT_PANE (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      tb_contact_pane_set_queue (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_contact_pane_dispose (GObject *object)
{
  TbContactPane *self = TB_CONTACT_PANE (object);

  stop_waiting_for_paint (self);
  if (self->stable != NULL)
    g_signal_handlers_disconnect_by_data (self->stable, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_CONTACT_PANE);
  /* The template's unnamed top child too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->stable);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tb_contact_pane_parent_class)->dispose (object);
}

static void
tb_contact_pane_finalize (GObject *object)
{
  TbContactPane *self = TB_CONTACT_PANE (object);

  g_free (self->empty_title);
  g_free (self->empty_description);

  G_OBJECT_CLASS (tb_contact_pane_parent_class)->finalize (object);
}

static void
tb_contact_pane_class_init (TbContactPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tb_contact_pane_get_property;
  object_class->set_property = tb_contact_pane_set_property;
  object_class->dispose = tb_contact_pane_dispose;
  object_class->finalize = tb_contact_pane_finalize;

  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, TB_TYPE_CONTACT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUE] =
    g_param_spec_int ("queue", NULL, NULL,
                      TB_CONTACT_STATUS_NEEDS_FIRST_TEXT, TB_CONTACT_STATUS_OPTED_OUT,
                      TB_CONTACT_STATUS_NEEDS_FIRST_TEXT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TbContactPane::contact-activated:
   *
   * Enter on a row or in the search: open the selected contact.
   */
  signals[SIGNAL_CONTACT_ACTIVATED] =
    g_signal_new ("contact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-contact-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_first_button);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_reply_button);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_waiting_button);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_closed_button);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_opted_out_button);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_first_count);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_reply_count);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_waiting_count);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_closed_count);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_opted_out_count);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_title);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, queue_count);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, TbContactPane, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tb_contact_pane_init (TbContactPane *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->queue = TB_CONTACT_STATUS_NEEDS_FIRST_TEXT;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  /* No unbind: GTK 4.8 unbinds and rebinds every row it keeps (~200) when
   * the list changes near the top. A row keeps its contact until bound to
   * another, and binding the same (stable) object again costs nothing. */
  gtk_list_view_set_factory (self->list_view, factory);

  /* store model -> the same object per unchanged contact -> selection */
  self->stable = tb_stable_contact_model_new (NULL);
  tb_stable_contact_model_set_hold_removals (self->stable, TRUE);
  g_signal_connect_swapped (self->stable, "removal-held", G_CALLBACK (on_removal_held), self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->stable)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed), self);
  g_signal_connect_swapped (self->selection, "items-changed",
                            G_CALLBACK (on_selection_items_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  for (gsize i = 0; i < G_N_ELEMENTS (queue_order); i++)
    g_signal_connect (button_for_queue (self, queue_order[i]), "toggled",
                      G_CALLBACK (on_queue_toggled), self);
  gtk_toggle_button_set_active (self->queue_first_button, TRUE);

  tb_contact_pane_update_counts (self);
  update_empty_state (self);
}

TbContactPane *
tb_contact_pane_new (void)
{
  return g_object_new (TB_TYPE_CONTACT_PANE, NULL);
}

void
tb_contact_pane_set_campaign (TbContactPane *self,
                              TbStore       *store,
                              gint64         campaign_id)
{
  g_return_if_fail (TB_IS_CONTACT_PANE (self));
  g_return_if_fail (store == NULL || TB_IS_STORE (store));

  if (self->store == store && self->campaign_id == campaign_id)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  tb_stable_contact_model_set_model (self->stable, NULL);
  g_clear_object (&self->model);
  g_set_object (&self->store, store);
  self->campaign_id = campaign_id;

  if (store != NULL && campaign_id > 0)
    {
      self->activate_when_shown = FALSE;
      self->model = tb_contact_list_model_new (store, campaign_id, self->queue);
      tb_contact_list_model_set_search (self->model,
                                        gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      g_signal_connect_swapped (self->model, "items-changed",
                                G_CALLBACK (on_model_items_changed), self);
      tb_stable_contact_model_set_model (self->stable, G_LIST_MODEL (self->model));
    }

  tb_contact_pane_update_counts (self);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

TbContactStatus
tb_contact_pane_get_queue (TbContactPane *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), TB_CONTACT_STATUS_NEEDS_FIRST_TEXT);

  return self->queue;
}

void
tb_contact_pane_set_queue (TbContactPane   *self,
                           TbContactStatus  queue)
{
  g_return_if_fail (TB_IS_CONTACT_PANE (self));
  g_return_if_fail (queue >= TB_CONTACT_STATUS_NEEDS_FIRST_TEXT && queue <= TB_CONTACT_STATUS_OPTED_OUT);

  if (self->queue == queue)
    return;

  self->queue = queue;

  self->changing_queue = TRUE;
  gtk_toggle_button_set_active (button_for_queue (self, queue), TRUE);
  self->changing_queue = FALSE;

  if (self->model != NULL)
    tb_contact_list_model_set_status (self->model, queue);

  update_queue_header (self);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE]);
}

TbContact *
tb_contact_pane_get_contact (TbContactPane *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

static gboolean
select_offset (TbContactPane *self,
               int            delta,
               gboolean       scroll)
{
  guint selected;
  guint n;
  gint64 target;

  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  selected = gtk_single_selection_get_selected (self->selection);
  if (n == 0 || selected == GTK_INVALID_LIST_POSITION)
    return FALSE;

  target = (gint64) selected + delta;
  if (target < 0 || target >= n)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, (guint) target);
  /* Scrolling makes GTK 4.8's list view re-anchor and re-measure every row
   * it keeps: only when the move may leave the view. */
  if (scroll)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) target);

  return TRUE;
}

/* Where contact_id sits in the model (ordered by id): a loaded page (with
 * a search, the model knows every position), else a binary search over
 * the queue's index, each seek starting from the lower bound so the rows
 * stepped over add up to one pass at most. */
static gint64
find_position (TbContactPane *self,
               gint64         contact_id,
               GError       **error)
{
  const char *search = tb_contact_list_model_get_search (self->model);
  gint64 lo = 0;
  gint64 hi = (gint64) g_list_model_get_n_items (G_LIST_MODEL (self->model)) - 1;
  gint64 lo_after = 0;   /* the id just before position lo; 0: the start */
  int loaded = tb_contact_list_model_find_loaded (self->model, contact_id);

  if (loaded >= 0 || search != NULL)
    return loaded;

  while (lo <= hi)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 mid = lo + (hi - lo) / 2;
      gint64 id = tb_store_contact_seek (self->store, self->campaign_id, self->queue, NULL,
                                         lo_after, mid - lo, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return -1;
        }
      if (id == contact_id)
        return mid;
      if (id == 0 || id > contact_id)
        hi = mid - 1;
      else
        {
          lo = mid + 1;
          lo_after = id;
        }
    }

  return -1;
}

gboolean
tb_contact_pane_select_offset (TbContactPane *self,
                               int            delta)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), FALSE);

  return select_offset (self, delta, TRUE);
}

gboolean
tb_contact_pane_advance (TbContactPane *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), FALSE);

  /* The row next to a visible one: no scrolling needed. */
  return select_offset (self, 1, FALSE) || select_offset (self, -1, FALSE);
}

gboolean
tb_contact_pane_select_contact (TbContactPane  *self,
                                TbContact      *contact,
                                GError        **error)
{
  g_autofree char *name = NULL;
  gint64 position;

  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), FALSE);
  g_return_val_if_fail (TB_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = tb_contact_dup_display_name (contact);
  if (self->model == NULL || tb_contact_get_campaign_id (contact) != self->campaign_id)
    {
      g_set_error (error, TB_CONTACT_PANE_ERROR, TB_CONTACT_PANE_ERROR_NOT_LISTED,
                   /* Translators: %s is a person. */
                   _("%s is not in the campaign shown"), name);
      return FALSE;
    }

  tb_contact_pane_set_queue (self, tb_contact_get_status (contact));
  /* A search that hides the contact goes. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Positions below are the store's: let a held removal catch up first. */
  tb_stable_contact_model_flush (self->stable);

  position = find_position (self, tb_contact_get_id (contact), error);
  if (position < 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TB_CONTACT_PANE_ERROR, TB_CONTACT_PANE_ERROR_NOT_LISTED,
                     /* Translators: %s is a person, the queue is e.g. "Waiting". */
                     _("%s is no longer in the %s queue"), name, tb_ui_status_label (self->queue));
      return FALSE;
    }

  gtk_single_selection_set_selected (self->selection, (guint) position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
  return TRUE;
}

void
tb_contact_pane_focus_search (TbContactPane *self)
{
  g_return_if_fail (TB_IS_CONTACT_PANE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
tb_contact_pane_update_counts (TbContactPane *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TB_IS_CONTACT_PANE (self));

  memset (&self->counts, 0, sizeof self->counts);
  if (self->store != NULL && self->campaign_id > 0 &&
      !tb_store_contact_counts (self->store, self->campaign_id, &self->counts, &error))
    g_warning ("Could not count the queues of campaign %" G_GINT64_FORMAT ": %s",
               self->campaign_id, error->message);

  for (gsize i = 0; i < G_N_ELEMENTS (queue_order); i++)
    {
      TbContactStatus queue = queue_order[i];
      gint64 count = self->counts.by_status[queue];
      g_autofree char *text = format_count (count);
      g_autofree char *accessible = NULL;

      gtk_label_set_label (count_label_for_queue (self, queue), text);
      /* Translators: a queue tab for screen readers: "Needs reply, 12 contacts".
       * (No tooltip here: setting one asks the display server where the
       * pointer is, and this runs on every send.) */
      accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s contact", "%s, %s contacts", count),
                                    tb_ui_status_label (queue), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button_for_queue (self, queue)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }

  update_queue_header (self);
}

gint64
tb_contact_pane_get_count (TbContactPane   *self,
                           TbContactStatus  queue)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), 0);
  g_return_val_if_fail (queue >= 0 && queue < TB_CONTACT_N_STATUSES, 0);

  return self->counts.by_status[queue];
}

GListModel *
tb_contact_pane_get_model (TbContactPane *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

const char *
tb_contact_pane_get_empty_title (TbContactPane *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), NULL);

  return self->empty_title;
}

const char *
tb_contact_pane_get_empty_description (TbContactPane *self)
{
  g_return_val_if_fail (TB_IS_CONTACT_PANE (self), NULL);

  return self->empty_description;
}
