/* tb-template-preview.c: the template editor's preview, the message as
 * one of the campaign's contacts receives it, with its segment count
 *
 * The contacts are read a page at a time, as the user steps through them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-template-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-segments.h"
#include "tb-template.h"
#include "tb-template-check.h"
#include "tb-template-preview.h"
#include "tb-text-highlight.h"

#define CONTACT_PAGE 50

/* How many of the characters that force UCS-2 the note names. */
#define UCS2_NAMED 8

struct _TbTemplatePreview
{
  AdwBin         parent_instance;

  TbStore       *store;
  gint64         campaign_id;
  GPtrArray     *contacts;      /* TbContact, read a page at a time */
  guint          contact_index;
  gboolean       more_contacts;
  char          *text;
  GtkTextTag    *ucs2_tag;

  GtkLabel      *contact_label;
  GtkTextView   *preview_view;
  GtkLabel      *segments_label;
  GtkLabel      *ucs2_label;
  GtkWidget     *ucs2_box;
};

G_DEFINE_FINAL_TYPE (TbTemplatePreview, tb_template_preview, ADW_TYPE_BIN)

static void
tb_template_preview_show_contact_label (TbTemplatePreview *self)
{
  TbContact *contact = tb_template_preview_get_contact (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (contact == NULL)
    {
      gtk_label_set_text (self->contact_label, _("This campaign has no contacts yet: placeholders stay empty"));
      return;
    }

  name = tb_contact_dup_display_name (contact);
  label = g_strdup_printf (_("For %s (%u of %u%s)"), name, self->contact_index + 1, self->contacts->len,
                           self->more_contacts ? "+" : "");
  gtk_label_set_text (self->contact_label, label);
}

static void
tb_template_preview_show_segments (TbTemplatePreview *self,
                                   TbSegmentInfo     *info)
{
  g_autofree char *segments = NULL;

  if (info->segments == 0)
    segments = g_strdup (_("Empty message"));
  else
    segments = g_strdup_printf (ngettext ("%s · %u segment · %u characters left",
                                          "%s · %u segments · %u characters left",
                                          info->segments),
                                tb_segment_encoding_to_string (info->encoding),
                                info->segments, info->remaining);
  gtk_label_set_text (self->segments_label, segments);

  if (info->encoding == TB_SEGMENT_ENCODING_UCS2)
    {
      g_autoptr(GString) chars = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < info->unicode_characters->len && i < UCS2_NAMED; i++)
        {
          TbSegmentChar *ch = g_ptr_array_index (info->unicode_characters, i);
          g_string_append_printf (chars, "%s%s", i > 0 ? " " : "", ch->utf8);
        }
      if (info->unicode_characters->len > UCS2_NAMED)
        g_string_append (chars, " …");

      text = g_strdup_printf (_("Sent as UCS-2, 70 characters a segment, because of: %s"), chars->str);
      gtk_label_set_text (self->ucs2_label, text);
      gtk_widget_set_visible (self->ucs2_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->ucs2_box, FALSE);
}

static void
tb_template_preview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_TEMPLATE_PREVIEW);

  G_OBJECT_CLASS (tb_template_preview_parent_class)->dispose (object);
}

static void
tb_template_preview_finalize (GObject *object)
{
  TbTemplatePreview *self = TB_TEMPLATE_PREVIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (tb_template_preview_parent_class)->finalize (object);
}

static void
tb_template_preview_class_init (TbTemplatePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_template_preview_dispose;
  object_class->finalize = tb_template_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-template-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, TbTemplatePreview, contact_label);
  gtk_widget_class_bind_template_child (widget_class, TbTemplatePreview, preview_view);
  gtk_widget_class_bind_template_child (widget_class, TbTemplatePreview, segments_label);
  gtk_widget_class_bind_template_child (widget_class, TbTemplatePreview, ucs2_label);
  gtk_widget_class_bind_template_child (widget_class, TbTemplatePreview, ucs2_box);
}

static void
tb_template_preview_init (TbTemplatePreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  self->text = g_strdup ("");
  self->ucs2_tag = tb_text_highlight_create_ucs2_tag (gtk_text_view_get_buffer (self->preview_view));
}

TbTemplatePreview *
tb_template_preview_new (void)
{
  return g_object_new (TB_TYPE_TEMPLATE_PREVIEW, NULL);
}

void
tb_template_preview_set_campaign (TbTemplatePreview *self,
                                  TbStore           *store,
                                  gint64             campaign_id)
{
  g_return_if_fail (TB_IS_TEMPLATE_PREVIEW (self));
  g_return_if_fail (TB_IS_STORE (store));

  g_set_object (&self->store, store);
  self->campaign_id = campaign_id;
  g_ptr_array_set_size (self->contacts, 0);
  self->contact_index = 0;
  self->more_contacts = FALSE;
}

gboolean
tb_template_preview_load_more (TbTemplatePreview  *self,
                               GError            **error)
{
  g_autoptr(GPtrArray) page = NULL;
  gint64 after_id = 0;

  g_return_val_if_fail (TB_IS_TEMPLATE_PREVIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (self->contacts->len > 0)
    after_id = tb_contact_get_id (g_ptr_array_index (self->contacts, self->contacts->len - 1));

  page = tb_store_contact_page (self->store, self->campaign_id, TB_CONTACT_STATUS_ANY, NULL,
                                after_id, CONTACT_PAGE, error);
  if (page == NULL)
    {
      self->more_contacts = FALSE;
      return FALSE;
    }

  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (self->contacts, g_object_ref (g_ptr_array_index (page, i)));
  self->more_contacts = page->len == CONTACT_PAGE;

  return TRUE;
}

GPtrArray *
tb_template_preview_get_contacts (TbTemplatePreview *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_PREVIEW (self), NULL);

  return self->contacts;
}

gboolean
tb_template_preview_move (TbTemplatePreview  *self,
                          gboolean            forward,
                          GError            **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (TB_IS_TEMPLATE_PREVIEW (self), FALSE);

  if (forward)
    {
      if (self->contact_index + 1 >= self->contacts->len && self->more_contacts)
        ok = tb_template_preview_load_more (self, error);
      if (self->contact_index + 1 < self->contacts->len)
        self->contact_index++;
    }
  else if (self->contact_index > 0)
    self->contact_index--;

  return ok;
}

gboolean
tb_template_preview_has_previous (TbTemplatePreview *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_PREVIEW (self), FALSE);

  return self->contacts->len > 0 && self->contact_index > 0;
}

gboolean
tb_template_preview_has_next (TbTemplatePreview *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_PREVIEW (self), FALSE);

  return self->contacts->len > 0 && (self->contact_index + 1 < self->contacts->len || self->more_contacts);
}

TbContact *
tb_template_preview_get_contact (TbTemplatePreview *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_PREVIEW (self), NULL);

  if (self->contact_index >= self->contacts->len)
    return NULL;

  return g_ptr_array_index (self->contacts, self->contact_index);
}

void
tb_template_preview_render (TbTemplatePreview  *self,
                            const char         *source,
                            const char * const *fields,
                            const char         *texter_name)
{
  GtkTextBuffer *buffer;
  g_autoptr(TbTemplate) template = NULL;
  g_autoptr(TbSegmentInfo) info = NULL;

  g_return_if_fail (TB_IS_TEMPLATE_PREVIEW (self));
  g_return_if_fail (source != NULL);

  buffer = gtk_text_view_get_buffer (self->preview_view);
  g_clear_pointer (&self->text, g_free);
  tb_template_preview_show_contact_label (self);

  template = tb_template_new (source, fields, NULL);
  if (template == NULL)
    {
      /* Unknown placeholders still preview, written as they are, so the
       * rest of the message and its length can be checked meanwhile. */
      g_autofree char *literal = tb_template_check_escape_unknown (source, fields);

      if (literal != NULL)
        template = tb_template_new (literal, fields, NULL);
    }
  if (template == NULL)
    {
      self->text = g_strdup ("");
      gtk_text_buffer_set_text (buffer, _("Fix the problems in the message to see it here."), -1);
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_view), "dim-label");
      gtk_label_set_text (self->segments_label, "");
      gtk_widget_set_visible (self->ucs2_box, FALSE);
      return;
    }

  self->text = tb_template_check_render (template, tb_template_preview_get_contact (self), texter_name);

  gtk_widget_remove_css_class (GTK_WIDGET (self->preview_view), "dim-label");
  gtk_text_buffer_set_text (buffer, self->text, -1);

  info = tb_segments_count (self->text, -1);
  tb_text_highlight_ucs2 (buffer, self->ucs2_tag, info);
  tb_template_preview_show_segments (self, info);
}

const char *
tb_template_preview_get_text (TbTemplatePreview *self)
{
  g_return_val_if_fail (TB_IS_TEMPLATE_PREVIEW (self), NULL);

  return self->text;
}
