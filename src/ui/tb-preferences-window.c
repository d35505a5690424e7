/* tb-preferences-window.c: app preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-preferences-window.h"

struct _TbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSwitch            *two_step_switch;
  AdwComboRow          *style_row;
};

static const char *const style_values[] = { "default", "light", "dark" };

G_DEFINE_FINAL_TYPE (TbPreferencesWindow, tb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
style_to_index (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_values); i++)
    if (g_str_equal (style, style_values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
index_to_style (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  return g_variant_new_string (index < G_N_ELEMENTS (style_values) ? style_values[index] : "default");
}

static void
tb_preferences_window_dispose (GObject *object)
{
  TbPreferencesWindow *self = TB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tb_preferences_window_parent_class)->dispose (object);
}

static void
tb_preferences_window_class_init (TbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/tb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, two_step_switch);
  gtk_widget_class_bind_template_child (widget_class, TbPreferencesWindow, style_row);
}

static void
tb_preferences_window_init (TbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "two-step-send", self->two_step_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_to_index, index_to_style,
                                NULL, NULL);
}

TbPreferencesWindow *
tb_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (TB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
