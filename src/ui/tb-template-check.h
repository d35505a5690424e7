/* tb-template-check.h: what the template editor says about a message, and
 * how it renders a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tb-store.h"
#include "tb-template.h"

G_BEGIN_DECLS

/* Advice that never blocks Save, one sentence a line, "" when none: a
 * first message should name the sender and say how to opt out (CTIA);
 * links get messages filtered. */
char  *tb_template_check_warnings        (const char         *source,
                                          gboolean            first_message);
/* The source with the braces of unknown placeholders doubled, so they
 * render as written; NULL when it has none. */
char  *tb_template_check_escape_unknown  (const char         *source,
                                          const char * const *fields);
/* Renders for a contact as the composer does (contact NULL: only the
 * texter's name is filled in). */
char  *tb_template_check_render          (TbTemplate         *template,
                                          TbContact          *contact,
                                          const char         *texter_name);
/* The custom field names of some TbContacts, in order of first appearance. */
GStrv  tb_template_check_fields_of       (GPtrArray          *contacts);
/* The campaign's custom columns, from its first contacts. */
GStrv  tb_template_check_campaign_fields (TbStore            *store,
                                          gint64              campaign_id,
                                          GError            **error);
/* A contact's value for a placeholder, as the composer sends it; NULL for
 * {texter_name}, which is not the contact's. A custom field's value is kept
 * in *scratch: it replaces the one there, and the caller frees the last. */
const char *tb_template_check_contact_value (TbContact        *contact,
                                             TbTemplateField   field,
                                             const char       *custom_name,
                                             char            **scratch);

G_END_DECLS
