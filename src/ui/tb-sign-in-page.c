/* tb-sign-in-page.c: "Who is texting?": pick or add a texter before anything can be sent
 *
 * Every send records the texter who pressed Send (promise 6), so the texting
 * screen only shows once somebody is signed in. Issue 8 adds PINs and the
 * admin role on top of this page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tb-sign-in-page.h"

enum {
  SIGNAL_SIGNED_IN,
  N_SIGNALS
};

struct _TbSignInPage
{
  GtkWidget      parent_instance;

  TbSession     *session;

  AdwStatusPage *status_page;
  GtkListBox    *texter_list;
  AdwEntryRow   *name_row;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (TbSignInPage, tb_sign_in_page, GTK_TYPE_WIDGET)

static guint signals[N_SIGNALS];

static void
show_error (TbSignInPage *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_texter_activated (TbSignInPage  *self,
                     GtkListBoxRow *row)
{
  g_autoptr(GError) error = NULL;
  gint64 texter_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "texter-id"));

  if (self->session == NULL)
    return;

  if (!tb_session_sign_in (self->session, texter_id, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0);
}

static void
on_name_apply (TbSignInPage *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  g_strstrip (name);
  if (*name == '\0')
    {
      show_error (self, _("Type your name to sign in."));
      return;
    }

  tb_sign_in_page_sign_in_name (self, name, NULL);
}

static void
tb_sign_in_page_dispose (GObject *object)
{
  TbSignInPage *self = TB_SIGN_IN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_SIGN_IN_PAGE);
  /* The template's unnamed top child too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tb_sign_in_page_parent_class)->dispose (object);
}

static void
tb_sign_in_page_class_init (TbSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tb_sign_in_page_dispose;

  /**
   * TbSignInPage::signed-in:
   *
   * A texter signed in; the session says who.
   */
  signals[SIGNAL_SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tb-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, texter_list);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_texter_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tb_sign_in_page_init (TbSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TbSignInPage *
tb_sign_in_page_new (void)
{
  return g_object_new (TB_TYPE_SIGN_IN_PAGE, NULL);
}

void
tb_sign_in_page_set_session (TbSignInPage *self,
                             TbSession    *session)
{
  g_return_if_fail (TB_IS_SIGN_IN_PAGE (self));

  if (g_set_object (&self->session, session))
    tb_sign_in_page_reload (self);
}

void
tb_sign_in_page_reload (TbSignInPage *self)
{
  g_autoptr(GPtrArray) texters = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (TB_IS_SIGN_IN_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->texter_list))) != NULL)
    gtk_list_box_remove (self->texter_list, child);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  show_error (self, NULL);

  if (self->session != NULL)
    {
      texters = tb_store_texter_list (tb_session_get_store (self->session), &error);
      if (texters == NULL)
        show_error (self, error->message);
    }

  for (guint i = 0; texters != NULL && i < texters->len; i++)
    {
      TbTexter *texter = texters->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *avatar = adw_avatar_new (32, texter->name, TRUE);
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), texter->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (texter->is_admin)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Admin"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "texter-id", GSIZE_TO_POINTER (texter->id));
      gtk_list_box_append (self->texter_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->texter_list), texters != NULL && texters->len > 0);
  adw_status_page_set_description (self->status_page,
                                   texters != NULL && texters->len > 0
                                   ? _("Pick your name, or add it. Every message you send is recorded with your name.")
                                   : _("Add your name to start. Every message you send is recorded with your name."));
}

gboolean
tb_sign_in_page_sign_in_name (TbSignInPage  *self,
                              const char    *name,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TB_IS_SIGN_IN_PAGE (self), FALSE);
  g_return_val_if_fail (TB_IS_SESSION (self->session), FALSE);

  if (!tb_session_sign_in_by_name (self->session, name, &local_error))
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0);
  return TRUE;
}

void
tb_sign_in_page_focus (TbSignInPage *self)
{
  GtkWidget *first;

  g_return_if_fail (TB_IS_SIGN_IN_PAGE (self));

  first = gtk_widget_get_first_child (GTK_WIDGET (self->texter_list));
  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->texter_list)))
    gtk_widget_grab_focus (first);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
