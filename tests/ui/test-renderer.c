/* test-renderer.c: the app draws with cairo where GL is a software rasterizer
 *
 * Under Xvfb, GL is Mesa's llvmpipe: the real app's window must get the
 * cairo renderer there, and GTK's own choice when GSK_RENDERER is set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-renderer.h"
#include "ui-test-util.h"

static void
test_software_names (void)
{
  static const struct { const char *name; gboolean software; } cases[] = {
    { "llvmpipe (LLVM 15.0.6, 256 bits)", TRUE },
    { "softpipe", TRUE },
    { "Software Rasterizer", TRUE },
    { "Mesa DRI swrast", TRUE },
    { "Mesa Intel(R) UHD Graphics 620 (KBL GT2)", FALSE },
    { "AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)", FALSE },
    { "NVIDIA GeForce GTX 1050/PCIe/SSE2", FALSE },
    { "virgl (Mesa)", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (tb_renderer_name_is_software (cases[i].name), ==, cases[i].software);
}

/* GTK 4.8 installs the GL renderer's header but not inside <gtk/gtk.h>. */
static gboolean
is_gl_renderer (GskRenderer *renderer)
{
  GType gl_type = g_type_from_name ("GskGLRenderer");

  return gl_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (renderer, gl_type);
}

static void
check_chosen (TbApplication *app,
              TbWindow      *window,
              gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gl_name = tb_renderer_probe_gl_name (gtk_widget_get_display (GTK_WIDGET (window)), &error);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  /* This test is about the software GL of Xvfb; CI installs Mesa's. */
  g_assert_no_error (error);
  g_assert_nonnull (gl_name);
  g_test_message ("GL renderer: %s; window renderer: %s", gl_name, G_OBJECT_TYPE_NAME (renderer));
  if (tb_renderer_name_is_software (gl_name))
    {
      g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
    }
  else
    {
      g_assert_true (is_gl_renderer (renderer));
    }
}

static void
check_environment_kept (TbApplication *app,
                        TbWindow      *window,
                        gpointer       user_data)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_assert_true (is_gl_renderer (renderer));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
  g_assert_cmpint (tb_renderer_choose (gtk_widget_get_display (GTK_WIDGET (window)), NULL),
                   ==, TB_RENDERER_CHOICE_ENVIRONMENT);
}

/* Without a working GL the probe says why, the app leaves GSK_RENDERER
 * alone, and GTK falls back to cairo by itself. */
static void
check_no_gl (TbApplication *app,
             TbWindow      *window,
             gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gl_name = tb_renderer_probe_gl_name (gtk_widget_get_display (GTK_WIDGET (window)), &error);

  g_assert_null (gl_name);
  g_assert_nonnull (error);
  g_test_message ("without GL: %s", error->message);
  g_assert_null (g_getenv ("GSK_RENDERER"));
  g_assert_cmpint (tb_renderer_choose (gtk_widget_get_display (GTK_WIDGET (window)), NULL),
                   ==, TB_RENDERER_CHOICE_GTK_DEFAULT);
  g_assert_null (g_getenv ("GSK_RENDERER"));
  g_assert_true (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))));
}

/* GTK reads GSK_RENDERER once per process, so each case runs the app in a
 * process of its own. */
static void
test_chosen_for_software_gl (void)
{
  if (g_test_subprocess ())
    {
      g_unsetenv ("GSK_RENDERER");
      ui_test_run_app (TRUE, check_chosen, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_environment_respected (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("GSK_RENDERER", "gl", TRUE);
      ui_test_run_app (TRUE, check_environment_kept, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_without_gl (void)
{
  if (g_test_subprocess ())
    {
      ui_test_run_app (TRUE, check_no_gl, NULL);
      return;
    }
  /* GDK sets up GL when it opens the display, so the child must inherit
   * an environment where Mesa finds no driver. */
  g_unsetenv ("GSK_RENDERER");
  g_setenv ("LIBGL_DRIVERS_PATH", "/nonexistent", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("LIBGL_DRIVERS_PATH");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/renderer/software-names", test_software_names);
  g_test_add_func ("/renderer/cairo-on-software-gl", test_chosen_for_software_gl);
  g_test_add_func ("/renderer/environment-respected", test_environment_respected);
  g_test_add_func ("/renderer/without-gl", test_without_gl);

  return g_test_run ();
}
