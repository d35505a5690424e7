/* tb-template-editor.c: edits a campaign's initial message or a canned reply
 *
 * The source is checked on every change: placeholders are highlighted,
 * problems underlined (with the reason under the text and as a tooltip),
 * and the message is rendered for a real contact of the campaign, with the
 * segment count of that rendered text (TbTemplatePreview).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-segments.h"
#include "tb-template-check.h"
#include "tb-template.h"
#include "tb-template-editor.h"
#include "tb-template-preview.h"
#include "tb-text-highlight.h"

enum {
  PROP_0,
  PROP_CAN_SAVE,
  N_PROPS
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

struct _TbTemplateEditor
{
  AdwWindow             parent_instance;

  TbStore              *store;
  gint64                campaign_id;
  TbTemplateEditorKind  kind;
  gint64                reply_id;
  char                 *texter_name;

  GStrv                 fields;        /* the campaign's custom columns */

  GArray               *problems;      /* TbTemplateProblem of the source */
  char                 *problems_text;
  char                 *warnings_text;
  gboolean              can_save;

  GtkTextTag           *placeholder_tag;
  GtkTextTag           *unknown_tag;
  GtkTextTag           *ucs2_tag;

  AdwToastOverlay      *toast_overlay;
  GtkListBox           *title_list;
  AdwEntryRow          *title_row;
  GtkMenuButton        *insert_field_button;
  GtkTextView          *text_view;
  GtkLabel             *problems_label;
  GtkLabel             *warnings_label;
  TbTemplatePreview    *preview;
};

G_DEFINE_FINAL_TYPE (TbTemplateEditor, tb_template_editor, ADW_TYPE_WINDOW)

G_DEFINE_QUARK (tb-template-editor-error-quark, tb_template_editor_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
tb_template_editor_dup_source (TbTemplateEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
tb_template_editor_set_can_save (TbTemplateEditor *self,
                                 gboolean          can_save)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);

  if (self->can_save == can_save)
    return;

  self->can_save = can_save;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
}

static void tb_template_editor_toast (TbTemplateEditor *self,
                                      const char       *format,
                                      ...) G_GNUC_PRINTF (2, 3);

static void
tb_template_editor_toast (TbTemplateEditor *self,
                          const char       *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
tb_template_editor_update_preview (TbTemplateEditor *self,
                                   const char       *source)
{
  tb_template_preview_render (self->preview, source, (const char * const *) self->fields, self->texter_name);
}

static void
tb_template_editor_update_contact_actions (TbTemplateEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.previous-contact",
                                 tb_template_preview_has_previous (self->preview));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.next-contact",
                                 tb_template_preview_has_next (self->preview));
}

static void
tb_template_editor_refresh (TbTemplateEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *source = tb_template_editor_dup_source (self);
  g_autoptr(GArray) spans = NULL;
  g_autoptr(TbSegmentInfo) source_info = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *replaced = NULL;
  guint n_lookalikes = 0;
  GtkTextIter start, end;
  gboolean has_title = TRUE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);

  spans = tb_template_scan (source, (const char * const *) self->fields);
  for (guint i = 0; i < spans->len; i++)
    {
      TbTemplateSpan *span = &g_array_index (spans, TbTemplateSpan, i);

      tb_text_highlight_chars (buffer, span->known ? self->placeholder_tag : self->unknown_tag,
                               span->char_offset, span->char_length);
    }

  g_clear_pointer (&self->problems, g_array_unref);
  self->problems = tb_template_lint (source, (const char * const *) self->fields);
  for (guint i = 0; i < self->problems->len; i++)
    {
      TbTemplateProblem *problem = &g_array_index (self->problems, TbTemplateProblem, i);

      tb_text_highlight_chars (buffer, self->unknown_tag, problem->char_offset, MAX (problem->char_length, 1));
      g_string_append_printf (problems, "%s%s", i > 0 ? "\n" : "", problem->message);
    }

  source_info = tb_segments_count (source, -1);
  tb_text_highlight_ucs2 (buffer, self->ucs2_tag, source_info);

  g_free (self->problems_text);
  self->problems_text = g_string_free (g_steal_pointer (&problems), FALSE);
  gtk_label_set_text (self->problems_label, self->problems_text);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), *self->problems_text != '\0');

  g_free (self->warnings_text);
  self->warnings_text = tb_template_check_warnings (source, self->kind == TB_TEMPLATE_EDITOR_INITIAL_MESSAGE);
  gtk_label_set_text (self->warnings_label, self->warnings_text);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), *self->warnings_text != '\0');

  replaced = tb_segments_replace_lookalikes (source, &n_lookalikes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.replace-lookalikes", n_lookalikes > 0);

  if (self->kind == TB_TEMPLATE_EDITOR_CANNED_REPLY)
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
      has_title = *title != '\0';
    }

  tb_template_editor_set_can_save (self, self->problems->len == 0 && *source != '\0' && has_title);
  tb_template_editor_update_preview (self, source);
}

static void
on_text_changed (TbTemplateEditor *self)
{
  tb_template_editor_refresh (self);
}

static gboolean
on_query_tooltip (TbTemplateEditor *self,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip,
                  GtkTextView      *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  int bx, by, offset;

  if (keyboard_mode)
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  else
    {
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
        return FALSE;
    }
  offset = gtk_text_iter_get_offset (&iter);

  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      TbTemplateProblem *problem = &g_array_index (self->problems, TbTemplateProblem, i);

      if ((gsize) offset >= problem->char_offset &&
          (gsize) offset < problem->char_offset + MAX (problem->char_length, 1))
        {
          gtk_tooltip_set_text (tooltip, problem->message);
          return TRUE;
        }
    }

  if (gtk_text_iter_has_tag (&iter, self->ucs2_tag))
    {
      char utf8[8] = { 0 };
      g_autofree char *text = NULL;

      g_unichar_to_utf8 (gtk_text_iter_get_char (&iter), utf8);
      text = g_strdup_printf (_("“%s” is not in the GSM alphabet: the message goes as UCS-2, "
                                "70 characters a segment instead of 160"), utf8);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  return FALSE;
}

static void
tb_template_editor_build_field_menu (TbTemplateEditor *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) standard = g_menu_new ();
  g_autoptr(GMenu) custom = g_menu_new ();
  static const struct {
    const char *name;
    const char *label;
  } standard_fields[] = {
    { "first_name", N_("First Name") },
    { "last_name", N_("Last Name") },
    { "phone", N_("Phone") },
    { "zip", N_("ZIP Code") },
    { "texter_name", N_("Texter’s Name") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(standard_fields[i].label), NULL);
      g_menu_item_set_action_and_target (item, "editor.insert-field", "s", standard_fields[i].name);
      g_menu_append_item (standard, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (standard));

  for (guint i = 0; self->fields != NULL && self->fields[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      /* A name with a brace or a bar cannot be written as a placeholder. */
      if (strpbrk (self->fields[i], "{}|") != NULL)
        continue;
      item = g_menu_item_new (self->fields[i], NULL);
      g_menu_item_set_action_and_target (item, "editor.insert-field", "s", self->fields[i]);
      g_menu_append_item (custom, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (custom)) > 0)
    g_menu_append_section (menu, _("Campaign Columns"), G_MENU_MODEL (custom));

  gtk_menu_button_set_menu_model (self->insert_field_button, G_MENU_MODEL (menu));
}

static void
tb_template_editor_load (TbTemplateEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GError) error = NULL;

  tb_template_preview_set_campaign (self->preview, self->store, self->campaign_id);
  if (!tb_template_preview_load_more (self->preview, &error))
    {
      tb_template_editor_toast (self, _("The contacts cannot be read: %s"), error->message);
      g_clear_error (&error);
    }
  self->fields = tb_template_check_fields_of (tb_template_preview_get_contacts (self->preview));
  tb_template_editor_build_field_menu (self);

  gtk_widget_set_visible (GTK_WIDGET (self->title_list), self->kind == TB_TEMPLATE_EDITOR_CANNED_REPLY);

  if (self->kind == TB_TEMPLATE_EDITOR_INITIAL_MESSAGE)
    {
      g_autoptr(TbCampaign) campaign = tb_store_campaign_get (self->store, self->campaign_id, &error);

      gtk_window_set_title (GTK_WINDOW (self), _("Initial Message"));
      if (campaign != NULL)
        gtk_text_buffer_set_text (buffer, tb_campaign_get_initial_message (campaign), -1);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), self->reply_id == 0 ? _("New Canned Reply") : _("Canned Reply"));
      if (self->reply_id != 0)
        {
          g_autoptr(GPtrArray) replies = tb_store_canned_reply_list (self->store, self->campaign_id, &error);

          for (guint i = 0; replies != NULL && i < replies->len; i++)
            {
              TbCannedReply *reply = g_ptr_array_index (replies, i);

              if (reply->id == self->reply_id)
                {
                  gtk_editable_set_text (GTK_EDITABLE (self->title_row), reply->title);
                  gtk_text_buffer_set_text (buffer, reply->body, -1);
                }
            }
        }
    }

  if (error != NULL)
    tb_template_editor_toast (self, _("The message cannot be read: %s"), error->message);

  tb_template_editor_refresh (self);
  tb_template_editor_update_contact_actions (self);
}

static void
tb_template_editor_action_save (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TbTemplateEditor *self = TB_TEMPLATE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!tb_template_editor_save (self, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
tb_template_editor_action_insert_field (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  TbTemplateEditor *self = TB_TEMPLATE_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *placeholder = g_strdup_printf ("{%s}", g_variant_get_string (parameter, NULL));

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, placeholder, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
tb_template_editor_action_replace_lookalikes (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  TbTemplateEditor *self = TB_TEMPLATE_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *source = tb_template_editor_dup_source (self);
  g_autofree char *replaced = NULL;
  g_autofree char *text = NULL;
  guint n_replaced = 0;
  GtkTextIter start, end;

  replaced = tb_segments_replace_lookalikes (source, &n_replaced);
  if (n_replaced == 0)
    return;

  /* Delete and insert, not set_text: one step that Undo takes back. */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, replaced, -1);
  gtk_text_buffer_end_user_action (buffer);

  text = g_strdup_printf (ngettext ("Replaced %u character with its GSM look-alike",
                                    "Replaced %u characters with their GSM look-alikes",
                                    n_replaced), n_replaced);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
tb_template_editor_action_move_contact (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  TbTemplateEditor *self = TB_TEMPLATE_EDITOR (widget);
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  if (!tb_template_preview_move (self->preview, g_str_equal (action_name, "editor.next-contact"), &error))
    tb_template_editor_toast (self, _("The contacts cannot be read: %s"), error->message);

  source = tb_template_editor_dup_source (self);
  tb_template_editor_update_preview (self, source);
  tb_template_editor_update_contact_actions (self);
}

static void
tb_template_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TbTemplateEditor *self = TB_TEMPLATE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tb_template_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_TEMPLATE_EDITOR);

  G_OBJECT_CLASS (tb_template_editor_parent_class)->dispose (object);
}

static void
tb_template_editor_finalize (GObject *object)
{
  TbTemplateEditor *self = TB_TEMPLATE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->texter_name, g_free);
  g_clear_pointer (&self->fields, g_strfreev);
  g_clear_pointer (&self->problems, g_array_unref);
  g_clear_pointer (&self->problems_text, g_free);
  g_clear_pointer (&self->warnings_text, g_free);

  G_OBJECT_CLASS (tb_template_editor_parent_class)->finalize (object);
}

static void
tb_template_editor_class_init (TbTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tb_template_editor_get_property;
  object_class->dispose = tb_template_editor_dispose;
  object_class->finalize = tb_template_editor_finalize;

  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TB_TYPE_TEMPLATE_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, title_list);
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, insert_field_button);
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, TbTemplateEditor, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, tb_template_editor_action_save);
  gtk_widget_class_install_action (widget_class, "editor.insert-field", "s",
                                   tb_template_editor_action_insert_field);
  gtk_widget_class_install_action (widget_class, "editor.replace-lookalikes", NULL,
                                   tb_template_editor_action_replace_lookalikes);
  gtk_widget_class_install_action (widget_class, "editor.previous-contact", NULL,
                                   tb_template_editor_action_move_contact);
  gtk_widget_class_install_action (widget_class, "editor.next-contact", NULL,
                                   tb_template_editor_action_move_contact);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "editor.next-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "editor.previous-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tb_template_editor_init (TbTemplateEditor *self)
{
  GtkTextBuffer *buffer;
  GdkRGBA accent = { 0.11f, 0.44f, 0.85f, 1.0f };
  GdkRGBA accent_bg = { 0.21f, 0.52f, 0.89f, 0.16f };
  GdkRGBA error = { 0.88f, 0.11f, 0.14f, 1.0f };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->texter_name = g_strdup (_("Your Name"));
  self->problems_text = g_strdup ("");
  self->warnings_text = g_strdup ("");

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  self->placeholder_tag = gtk_text_buffer_create_tag (buffer, "placeholder",
                                                      "foreground-rgba", &accent,
                                                      "background-rgba", &accent_bg,
                                                      "weight", PANGO_WEIGHT_BOLD,
                                                      NULL);
  self->unknown_tag = gtk_text_buffer_create_tag (buffer, "unknown",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &error,
                                                  "foreground-rgba", &error,
                                                  NULL);
  self->ucs2_tag = tb_text_highlight_create_ucs2_tag (buffer);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

TbTemplateEditor *
tb_template_editor_new (GtkWindow            *parent,
                        TbStore              *store,
                        gint64                campaign_id,
                        TbTemplateEditorKind  kind,
                        gint64                reply_id)
{
  TbTemplateEditor *self;

  g_return_val_if_fail (TB_IS_STORE (store), NULL);

  self = g_object_new (TB_TYPE_TEMPLATE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->campaign_id = campaign_id;
  self->kind = kind;
  self->reply_id = reply_id;
  tb_template_editor_load (self);

  return self;
}

void
tb_template_editor_set_texter_name (TbTemplateEditor *self,
                                    const char       *name)
{
  g_return_if_fail (TB_IS_TEMPLATE_EDITOR (self));

  g_free (self->texter_name);
  self->texter_name = g_strdup (name != NULL && *name != '\0' ? name : _("Your Name"));
  tb_template_editor_refresh (self);
}

GtkTextBuffer *
tb_template_editor_get_buffer (TbTemplateEditor *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_EDITOR (self), NULL);

  return gtk_text_view_get_buffer (self->text_view);
}

gboolean
tb_template_editor_get_can_save (TbTemplateEditor *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_EDITOR (self), FALSE);

  return self->can_save;
}

const char *
tb_template_editor_get_problems (TbTemplateEditor *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_EDITOR (self), NULL);

  return self->problems_text;
}

const char *
tb_template_editor_get_warnings (TbTemplateEditor *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_EDITOR (self), NULL);

  return self->warnings_text;
}

TbContact *
tb_template_editor_get_preview_contact (TbTemplateEditor *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_EDITOR (self), NULL);

  return tb_template_preview_get_contact (self->preview);
}

char *
tb_template_editor_dup_preview (TbTemplateEditor *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_EDITOR (self), NULL);

  return g_strdup (tb_template_preview_get_text (self->preview));
}

gboolean
tb_template_editor_save (TbTemplateEditor  *self,
                         GError           **error)
{
  g_autofree char *source = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TB_IS_TEMPLATE_EDITOR (self), FALSE);

  source = tb_template_editor_dup_source (self);
  trimmed = g_strstrip (g_strdup (source));

  /* Checked again here: the action may be invoked while disabled. */
  if (self->problems != NULL && self->problems->len > 0)
    {
      TbTemplateProblem *first = &g_array_index (self->problems, TbTemplateProblem, 0);

      g_set_error (error, TB_TEMPLATE_EDITOR_ERROR, TB_TEMPLATE_EDITOR_ERROR_PROBLEMS,
                   _("Not saved: %s"), first->message);
      return FALSE;
    }

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, TB_TEMPLATE_EDITOR_ERROR, TB_TEMPLATE_EDITOR_ERROR_EMPTY,
                           _("Not saved: the message is empty"));
      return FALSE;
    }

  if (self->kind == TB_TEMPLATE_EDITOR_INITIAL_MESSAGE)
    return tb_store_campaign_set_initial_message (self->store, self->campaign_id, source, error);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      g_set_error_literal (error, TB_TEMPLATE_EDITOR_ERROR, TB_TEMPLATE_EDITOR_ERROR_NO_TITLE,
                           _("Not saved: a canned reply needs a title"));
      return FALSE;
    }

  if (self->reply_id == 0)
    {
      gint64 id = tb_store_canned_reply_add (self->store, self->campaign_id, title, source, error);

      if (id == 0)
        return FALSE;
      self->reply_id = id;
      return TRUE;
    }

  return tb_store_canned_reply_update (self->store, self->reply_id, title, source, error);
}
