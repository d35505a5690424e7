/* test-sign-in-layout.c: the first-run sign-in form fits a laptop screen
 *
 * On a new database nobody is signed in and no admin passphrase is set, so
 * the sign-in page also asks for one. At 1280x800 every row and both
 * buttons' places must be in view without scrolling; at 360 px wide the
 * form still fits the width (and scrolls).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-util.h"

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  TbWindow *window;
  int       width;
  int       height;
} SizeProbe;

static gboolean
window_has_size (gpointer data)
{
  SizeProbe *probe = data;

  return gtk_widget_get_width (GTK_WIDGET (probe->window)) <= probe->width + 12 &&
         gtk_widget_get_height (GTK_WIDGET (probe->window)) <= probe->height + 12 &&
         gtk_widget_get_height (GTK_WIDGET (probe->window)) >= probe->height - 12;
}

/* The widget's box in window coordinates. */
static graphene_rect_t
bounds_in_window (GtkWidget *widget,
                  TbWindow  *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  return bounds;
}

static void
resize (TbWindow *window,
        int       width,
        int       height)
{
  SizeProbe probe = { window, width, height };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (ui_test_wait_for (window_has_size, &probe, 10000));
  ui_test_spin ();
}

static void
check_in_view (TbWindow      *window,
               GtkWidget     *button,
               GtkAdjustment *vadjustment)
{
  graphene_rect_t bounds = bounds_in_window (button, window);

  g_test_message ("%dx%d: Set Passphrase at y %.0f..%.0f; content %.0f in a page of %.0f",
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                  bounds.origin.y, bounds.origin.y + bounds.size.height,
                  gtk_adjustment_get_upper (vadjustment), gtk_adjustment_get_page_size (vadjustment));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), <=, gtk_adjustment_get_page_size (vadjustment) + 1);
}

static void
check_first_run_fits (TbApplication *app,
                      TbWindow      *window,
                      gpointer       user_data)
{
  GtkWidget *page = GTK_WIDGET (tb_window_get_sign_in_page (window));
  GtkWidget *button;
  GtkWidget *scrolled;
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;

  g_assert_cmpstr (tb_window_get_page (window), ==, "sign-in");
  button = ui_test_find_button (page, "Set Passphrase");
  g_assert_nonnull (button);
  scrolled = find_type (page, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* A laptop (1280x800): the window opens at its default size (1100x720,
   * what fits on that screen under a top bar); all of it in view,
   * nothing to scroll. Maximized, the same. */
  resize (window, 1100, 720);
  check_in_view (window, button, vadjustment);
  resize (window, 1280, 800);
  check_in_view (window, button, vadjustment);

  /* A phone: the form fits the width; the button is there, below. */
  resize (window, 360, 720);
  bounds = bounds_in_window (button, window);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 372);

  /* Once set, the regular page comes back with its large icon. */
  g_assert_true (gtk_widget_has_css_class (find_type (page, ADW_TYPE_STATUS_PAGE), "compact"));
  tb_access_set_admin_passphrase (tb_session_get_access (tb_window_get_session (window)),
                                  "correct horse battery", NULL);
  tb_sign_in_page_reload (TB_SIGN_IN_PAGE (page));
  ui_test_spin ();
  g_assert_false (gtk_widget_has_css_class (find_type (page, ADW_TYPE_STATUS_PAGE), "compact"));
  g_assert_false (gtk_widget_is_visible (button));
}

static void
test_first_run_fits (void)
{
  ui_test_run_app (FALSE, check_first_run_fits, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/sign-in/first-run-fits", test_first_run_fits);

  return g_test_run ();
}
