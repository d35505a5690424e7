/* tb-renderer.h: which GSK renderer draws Textbank's windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  /* GSK_RENDERER was set: the person's choice stands. */
  TB_RENDERER_CHOICE_ENVIRONMENT,
  /* A hardware GL driver, or no GL at all: GTK chooses as it always does. */
  TB_RENDERER_CHOICE_GTK_DEFAULT,
  /* GL is a software rasterizer: the cairo renderer draws instead. */
  TB_RENDERER_CHOICE_CAIRO_FOR_SOFTWARE_GL,
} TbRendererChoice;

/* Whether a GL_RENDERER string names one of Mesa's software rasterizers. */
gboolean          tb_renderer_name_is_software (const char  *gl_renderer);
/* The GL_RENDERER string of a GL context made on display, or NULL with
 * error set when the display has no working GL. */
char             *tb_renderer_probe_gl_name    (GdkDisplay  *display,
                                                GError     **error);
/* Chooses for every window realized after this call; call it before the
 * first window is realized. gl_renderer_out (nullable) receives what the
 * probe found, NULL when it did not run or failed. */
TbRendererChoice  tb_renderer_choose           (GdkDisplay  *display,
                                                char       **gl_renderer_out);

G_END_DECLS
