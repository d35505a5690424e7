/* tb-import-mapping-page.c: the import dialog's preview page, the first rows
 * of the file under a menu a column that says what the column holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-import-mapping-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-import-mapping-page.h"

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

struct _TbImportMappingPage
{
  AdwBin             parent_instance;

  TbContactColumns  *columns;
  GPtrArray         *dropdowns;        /* GtkDropDown, one per column */
  GPtrArray         *column_labels;    /* GPtrArray of GtkWidget per column */
  gboolean           syncing;

  GtkLabel          *preview_title;
  GtkLabel          *mapping_error_label;
  GtkGrid           *preview_grid;
};

G_DEFINE_FINAL_TYPE (TbImportMappingPage, tb_import_mapping_page, ADW_TYPE_BIN)

static guint signals[N_SIGNALS];

/* The order of the column menu. */
static const struct {
  TbContactField  field;
  const char     *label;
} field_choices[] = {
  { TB_CONTACT_FIELD_FIRST_NAME, N_("First Name") },
  { TB_CONTACT_FIELD_LAST_NAME, N_("Last Name") },
  { TB_CONTACT_FIELD_PHONE, N_("Phone") },
  { TB_CONTACT_FIELD_ZIP, N_("ZIP Code") },
  { TB_CONTACT_FIELD_CUSTOM, N_("Custom Field") },
  { TB_CONTACT_FIELD_IGNORED, N_("Ignore") },
};

static guint
choice_for_field (TbContactField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_choices); i++)
    if (field_choices[i].field == field)
      return i;

  return G_N_ELEMENTS (field_choices) - 1;
}

static void
on_columns_changed (TbImportMappingPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->syncing = TRUE;
  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      TbContactField field = tb_contact_columns_get_field (self->columns, i);
      GPtrArray *labels = g_ptr_array_index (self->column_labels, i);

      gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, i), choice_for_field (field));
      for (guint j = 0; j < labels->len; j++)
        gtk_widget_set_opacity (g_ptr_array_index (labels, j), field == TB_CONTACT_FIELD_IGNORED ? 0.4 : 1.0);
    }
  self->syncing = FALSE;

  ok = tb_contact_columns_check (self->columns, &error);
  gtk_label_set_text (self->mapping_error_label, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), !ok);

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_dropdown_selected (GtkDropDown         *dropdown,
                      GParamSpec          *pspec,
                      TbImportMappingPage *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "tb-column"));
  guint choice = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || choice >= G_N_ELEMENTS (field_choices))
    return;

  /* Emits "changed", which brings every menu in line (a standard field
   * moved here leaves the column that had it). */
  tb_contact_columns_set_field (self->columns, column, field_choices[choice].field);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  /* Short values show whole; long ones are cut with an ellipsis. */
  gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (g_utf8_strlen (text, -1), 18));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_tooltip_text (label, text);

  return label;
}

static void
tb_import_mapping_page_clear_grid (TbImportMappingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  g_ptr_array_set_size (self->dropdowns, 0);
  g_ptr_array_set_size (self->column_labels, 0);
}

/* The menu and the cells of one column. */
static void
tb_import_mapping_page_add_column (TbImportMappingPage *self,
                                   guint                c,
                                   const char          *heading,
                                   GPtrArray           *rows,
                                   GListModel          *choices)
{
  GtkWidget *dropdown = gtk_drop_down_new (g_object_ref (choices), NULL);
  GPtrArray *labels = g_ptr_array_new ();
  GtkWidget *header = cell_label (heading, TRUE);
  g_autofree char *accessible = g_strdup_printf (_("What the column “%s” holds"), heading);
  g_autofree char *name = g_strdup_printf ("column-%u", c);

  gtk_widget_set_name (dropdown, name);
  g_object_set_data (G_OBJECT (dropdown), "tb-column", GUINT_TO_POINTER (c));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              choice_for_field (tb_contact_columns_get_field (self->columns, c)));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected), self);
  gtk_grid_attach (self->preview_grid, dropdown, (int) c, 0, 1, 1);
  g_ptr_array_add (self->dropdowns, dropdown);

  gtk_grid_attach (self->preview_grid, header, (int) c, 1, 1, 1);
  g_ptr_array_add (labels, header);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      GtkWidget *label = cell_label (c < g_strv_length (row) ? row[c] : "", FALSE);

      gtk_grid_attach (self->preview_grid, label, (int) c, (int) r + 2, 1, 1);
      g_ptr_array_add (labels, label);
    }
  g_ptr_array_add (self->column_labels, labels);
}

static void
tb_import_mapping_page_dispose (GObject *object)
{
  TbImportMappingPage *self = TB_IMPORT_MAPPING_PAGE (object);

  if (self->columns != NULL)
    g_signal_handlers_disconnect_by_data (self->columns, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_IMPORT_MAPPING_PAGE);

  G_OBJECT_CLASS (tb_import_mapping_page_parent_class)->dispose (object);
}

static void
tb_import_mapping_page_finalize (GObject *object)
{
  TbImportMappingPage *self = TB_IMPORT_MAPPING_PAGE (object);

  g_clear_object (&self->columns);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->column_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (tb_import_mapping_page_parent_class)->finalize (object);
}

static void
tb_import_mapping_page_class_init (TbImportMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_import_mapping_page_dispose;
  object_class->finalize = tb_import_mapping_page_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-import-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbImportMappingPage, preview_title);
  gtk_widget_class_bind_template_child (widget_class, TbImportMappingPage, mapping_error_label);
  gtk_widget_class_bind_template_child (widget_class, TbImportMappingPage, preview_grid);
}

static void
tb_import_mapping_page_init (TbImportMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dropdowns = g_ptr_array_new ();
  self->column_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

TbImportMappingPage *
tb_import_mapping_page_new (void)
{
  return g_object_new (TB_TYPE_IMPORT_MAPPING_PAGE, NULL);
}

void
tb_import_mapping_page_show_preview (TbImportMappingPage *self,
                                     const char          *file_name,
                                     const char * const  *header,
                                     GPtrArray           *rows)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  guint n_columns;

  g_return_if_fail (TB_IS_IMPORT_MAPPING_PAGE (self));
  g_return_if_fail (header != NULL);
  g_return_if_fail (rows != NULL);

  n_columns = g_strv_length ((GStrv) header);
  for (guint i = 0; i < G_N_ELEMENTS (field_choices); i++)
    gtk_string_list_append (choices, _(field_choices[i].label));

  if (self->columns != NULL)
    g_signal_handlers_disconnect_by_data (self->columns, self);
  g_clear_object (&self->columns);
  self->columns = tb_contact_columns_new (header, n_columns);
  g_signal_connect_swapped (self->columns, "changed", G_CALLBACK (on_columns_changed), self);

  tb_import_mapping_page_clear_grid (self);
  for (guint c = 0; c < n_columns; c++)
    tb_import_mapping_page_add_column (self, c, header[c], rows, G_LIST_MODEL (choices));

  title = g_strdup_printf (ngettext ("%s: %u column, the first %u rows",
                                     "%s: %u columns, the first %u rows", n_columns),
                           file_name, n_columns, rows->len);
  gtk_label_set_text (self->preview_title, title);

  on_columns_changed (self);
}

TbContactColumns *
tb_import_mapping_page_get_columns (TbImportMappingPage *self)
{
  g_return_val_if_fail (TB_IS_IMPORT_MAPPING_PAGE (self), NULL);

  return self->columns;
}

GtkDropDown *
tb_import_mapping_page_get_column_dropdown (TbImportMappingPage *self,
                                            guint                column)
{
  g_return_val_if_fail (TB_IS_IMPORT_MAPPING_PAGE (self), NULL);

  if (column >= self->dropdowns->len)
    return NULL;

  return g_ptr_array_index (self->dropdowns, column);
}

gboolean
tb_import_mapping_page_check (TbImportMappingPage  *self,
                              GError              **error)
{
  g_return_val_if_fail (TB_IS_IMPORT_MAPPING_PAGE (self), FALSE);

  if (self->columns == NULL)
    return FALSE;

  return tb_contact_columns_check (self->columns, error);
}
