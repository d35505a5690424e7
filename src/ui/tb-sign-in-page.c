/* tb-sign-in-page.c: "Who is texting?": pick or add a texter before anything can be sent
 *
 * Every send records the texter who pressed Send (promise 6), so the texting
 * screen only shows once somebody is signed in. A texter may have a PIN
 * (checked in a worker thread, rate limited); the first run asks for the
 * admin passphrase here. The page also shows when the workstation locks.
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
  GtkBox        *form_box;
  GtkListBox    *texter_list;
  AdwEntryRow   *name_row;
  AdwPasswordEntryRow *pin_row;
  AdwPreferencesGroup *admin_group;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *passphrase_again_row;
  GtkWidget     *set_passphrase_button;
  GtkLabel      *error_label;

  GCancellable  *cancellable;
  gboolean       busy;
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
set_busy (TbSignInPage *self,
          gboolean      busy)
{
  /* The entries stay sensitive (a focused entry made insensitive loses its
   * focus-out); their handlers check busy instead. */
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->texter_list), !busy);
  gtk_widget_set_sensitive (self->set_passphrase_button, !busy);
}

static void
signed_in (TbSignInPage *self)
{
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0);
}

static void
pin_sign_in_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TbSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!tb_session_sign_in_with_pin_finish (TB_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error (self, error->message);
          gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
        }
      return;
    }
  signed_in (self);
}

/* A texter with a PIN: verified in a worker thread. */
static void
sign_in_texter (TbSignInPage *self,
                gint64        texter_id,
                gboolean      has_pin)
{
  g_autoptr(GError) error = NULL;
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));

  if (self->session == NULL || self->busy)
    return;

  if (!has_pin)
    {
      if (!tb_session_sign_in (self->session, texter_id, &error))
        show_error (self, error->message);
      else
        signed_in (self);
      return;
    }

  if (*pin == '\0')
    {
      show_error (self, _("This name has a PIN: type it, then pick your name again."));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }
  set_busy (self, TRUE);
  tb_session_sign_in_with_pin_async (self->session, texter_id, pin, self->cancellable,
                                     pin_sign_in_cb, g_object_ref (self));
}

static void
on_texter_activated (TbSignInPage  *self,
                     GtkListBoxRow *row)
{
  gint64 texter_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "texter-id"));
  gboolean has_pin = g_object_get_data (G_OBJECT (row), "has-pin") != NULL;

  sign_in_texter (self, texter_id, has_pin);
}

static void
texter_added_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TbSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 texter_id;

  set_busy (self, FALSE);
  texter_id = tb_access_add_texter_finish (TB_ACCESS (source), result, &error);
  if (texter_id <= 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  /* The new name has a PIN: it signs in through the PIN check like any
   * other (the PIN is still in its row). */
  sign_in_texter (self, texter_id, TRUE);
}

/* The first run also asks for the admin passphrase: a compact header
 * (smaller icon, less padding) keeps the whole form and its buttons in
 * view on a laptop screen (1280x800). */
static void
set_first_run (TbSignInPage *self,
               gboolean      first_run)
{
  gtk_widget_set_visible (GTK_WIDGET (self->admin_group), first_run);
  gtk_box_set_spacing (self->form_box, first_run ? 12 : 18);
  if (first_run)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_page), "compact");
}

static void
passphrase_set_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TbSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!tb_access_set_admin_passphrase_finish (TB_ACCESS (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_again_row), "");
  set_first_run (self, FALSE);
  show_error (self, NULL);
}

static void
on_set_passphrase (TbSignInPage *self)
{
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_again_row));
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || self->busy)
    return;
  if (!tb_auth_passphrase_is_valid (first, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (g_strcmp0 (first, again) != 0)
    {
      show_error (self, _("The two passphrases differ: type the same one twice."));
      return;
    }
  set_busy (self, TRUE);
  tb_access_set_admin_passphrase_async (tb_session_get_access (self->session), first,
                                        self->cancellable, passphrase_set_cb, g_object_ref (self));
}

static void
on_name_apply (TbSignInPage *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  g_strstrip (name);
  if (self->busy)
    return;
  if (*name == '\0')
    {
      show_error (self, _("Type your name to sign in."));
      return;
    }

  /* A new name with a PIN is hashed in a worker thread; anything else is
   * quick. */
  {
    const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
    g_autoptr(TbTexter) existing = NULL;

    if (self->session != NULL && *pin != '\0')
      existing = tb_store_texter_get_by_name (tb_session_get_store (self->session), name, NULL);
    if (existing != NULL)
      sign_in_texter (self, existing->id, existing->pin_hash != NULL);
    else if (self->session != NULL && *pin != '\0' && !self->busy)
      {
        set_busy (self, TRUE);
        tb_access_add_texter_async (tb_session_get_access (self->session), name, pin,
                                    self->cancellable, texter_added_cb, g_object_ref (self));
      }
    else
      tb_sign_in_page_sign_in_name (self, name, NULL);
  }
}

static void
tb_sign_in_page_dispose (GObject *object)
{
  TbSignInPage *self = TB_SIGN_IN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TB_TYPE_SIGN_IN_PAGE);
  /* The template's unnamed top child too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, form_box);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, texter_list);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, admin_group);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, passphrase_again_row);
  gtk_widget_class_bind_template_child (widget_class, TbSignInPage, set_passphrase_button);
  gtk_widget_class_bind_template_callback (widget_class, on_set_passphrase);
  gtk_widget_class_bind_template_callback (widget_class, on_texter_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tb_sign_in_page_init (TbSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
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
      else if (texter->pin_hash != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Has a PIN"));
      if (texter->pin_hash != NULL)
        g_object_set_data (G_OBJECT (row), "has-pin", GINT_TO_POINTER (TRUE));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "texter-id", GSIZE_TO_POINTER (texter->id));
      gtk_list_box_append (self->texter_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->texter_list), texters != NULL && texters->len > 0);
  set_first_run (self, self->session != NULL &&
                       !tb_access_has_admin_passphrase (tb_session_get_access (self->session)));
  if (self->session != NULL && tb_session_get_locked (self->session))
    {
      adw_status_page_set_title (self->status_page, _("Locked"));
      adw_status_page_set_description (self->status_page,
                                       _("This workstation was idle. Pick your name to carry on, or let the next texter sign in."));
      return;
    }
  adw_status_page_set_title (self->status_page, _("Who is texting?"));
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

  /* A name with a PIN signs in only through the PIN check. */
  {
    g_autoptr(TbTexter) existing = tb_store_texter_get_by_name (tb_session_get_store (self->session),
                                                                name, NULL);

    if (existing != NULL && existing->pin_hash != NULL)
      {
        g_set_error_literal (&local_error, TB_AUTH_ERROR, TB_AUTH_ERROR_WRONG_SECRET,
                             _("This name has a PIN: type it, then pick your name again."));
        show_error (self, local_error->message);
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }

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
