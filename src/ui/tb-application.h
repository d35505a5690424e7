/* tb-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tb-session.h"

G_BEGIN_DECLS

#define TB_TYPE_APPLICATION (tb_application_get_type ())

G_DECLARE_FINAL_TYPE (TbApplication, tb_application, TB, APPLICATION, AdwApplication)

TbApplication *tb_application_new         (void);
/* The session on the database given with --database (or the default one);
 * NULL before startup, or when the database could not be opened. */
TbSession     *tb_application_get_session (TbApplication *self);
/* Why the database could not be opened, or NULL. */
const GError  *tb_application_get_error   (TbApplication *self);

G_END_DECLS
