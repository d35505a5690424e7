/* tb-renderer.c: which GSK renderer draws Textbank's windows
 *
 * GTK 4.8 draws with GL whenever GL works, even when the GL is Mesa's
 * software rasterizer (llvmpipe), as on virtual machines, remote desktops
 * and the older office PCs volunteers share. There GL redraws the whole
 * window for every change, because software GL offers no buffer age,
 * while the cairo renderer redraws only what changed: moving on to the
 * next contact after Send took a median 16.9-17.9 ms with GL on llvmpipe
 * and 10 ms with cairo (tests/bench/bench-texting.c, docs/ARCHITECTURE.md).
 * Later GTK releases also pass over GL on llvmpipe when they have a better
 * renderer to offer; under GTK 4.8 the better one is cairo.
 *
 * GTK reads GSK_RENDERER when it makes the first window's renderer, so the
 * choice is made by setting it, once, before any window is realized, and
 * only when the person has not set it themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "textbank-renderer"

#include "config.h"

#include <epoxy/gl.h>

#include "tb-renderer.h"

gboolean
tb_renderer_name_is_software (const char *gl_renderer)
{
  /* Mesa's software rasterizers: "llvmpipe (LLVM 15.0.6, 256 bits)",
   * "softpipe", and the classic "Software Rasterizer" (swrast). */
  static const char *const software[] = { "llvmpipe", "softpipe", "Software Rasterizer", "swrast" };

  if (gl_renderer == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (gl_renderer, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
tb_renderer_probe_gl_name (GdkDisplay  *display,
                           GError     **error)
{
  g_autoptr(GdkGLContext) context = NULL;
  const char *name;
  char *result;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  context = gdk_display_create_gl_context (display, error);
  if (context == NULL || !gdk_gl_context_realize (context, error))
    return NULL;
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  result = g_strdup (name);
  gdk_gl_context_clear_current ();
  if (result == NULL)
    g_set_error_literal (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                         "The GL context did not name its renderer");
  return result;
}

TbRendererChoice
tb_renderer_choose (GdkDisplay  *display,
                    char       **gl_renderer_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gl_renderer = NULL;
  const char *set = g_getenv ("GSK_RENDERER");
  TbRendererChoice choice;

  if (gl_renderer_out != NULL)
    *gl_renderer_out = NULL;
  if (set != NULL && *set != '\0')
    return TB_RENDERER_CHOICE_ENVIRONMENT;

  gl_renderer = tb_renderer_probe_gl_name (display, &error);
  if (gl_renderer == NULL)
    {
      /* GTK falls back to cairo by itself when GL fails. */
      g_debug ("No GL to probe: %s", error->message);
      choice = TB_RENDERER_CHOICE_GTK_DEFAULT;
    }
  else if (tb_renderer_name_is_software (gl_renderer))
    {
      g_debug ("GL is %s, a software rasterizer: drawing with cairo", gl_renderer);
      /* Under glibc, setenv never frees an environment a getenv in another
       * thread (GDBus's worker) may be reading. */
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      choice = TB_RENDERER_CHOICE_CAIRO_FOR_SOFTWARE_GL;
    }
  else
    {
      g_debug ("GL is %s: GTK chooses the renderer", gl_renderer);
      choice = TB_RENDERER_CHOICE_GTK_DEFAULT;
    }

  if (gl_renderer_out != NULL)
    *gl_renderer_out = g_steal_pointer (&gl_renderer);
  return choice;
}
