/* tb-template.h: message templates with {first_name}-style placeholders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Syntax:
 *   {first_name} {last_name} {phone} {zip} {texter_name}   standard fields
 *   {firstName} {lastName} {cell}                          Spoke's names (aliases)
 *   {Precinct}        a custom field by its column header (any text but { } |)
 *   {first_name|friend}  a fallback, used when the value is NULL, empty or
 *                        only white space
 *   {{ and }}         a literal { and }
 * Spaces just inside the braces and around the bar are ignored. Standard
 * names match in any case; a custom field matches its header exactly, or in
 * any case when only one header matches that way.
 *
 * A TbTemplate is compiled once and is immutable: share it between threads
 * and render it as often as needed.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TB_TEMPLATE_ERROR (tb_template_error_quark ())

/* Also the kind of a TbTemplateProblem. */
typedef enum {
  TB_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER,  /* {Precint}: no such field */
  TB_TEMPLATE_ERROR_UNBALANCED_BRACE,     /* a { never closed, or a stray } */
  TB_TEMPLATE_ERROR_EMPTY_PLACEHOLDER,    /* {}, { } or {|x} */
  TB_TEMPLATE_ERROR_NESTED_BRACE,         /* {a{b}}: a brace inside a placeholder */
  TB_TEMPLATE_ERROR_INVALID_UTF8,         /* the source is not UTF-8 */
} TbTemplateError;

GQuark tb_template_error_quark (void);

/* The field a placeholder stands for. Stored nowhere: may grow. */
typedef enum {
  TB_TEMPLATE_FIELD_FIRST_NAME,
  TB_TEMPLATE_FIELD_LAST_NAME,
  TB_TEMPLATE_FIELD_PHONE,
  TB_TEMPLATE_FIELD_ZIP,
  TB_TEMPLATE_FIELD_TEXTER_NAME,
  TB_TEMPLATE_FIELD_CUSTOM,       /* one of the custom_fields given at parse */
} TbTemplateField;

typedef enum {
  TB_TEMPLATE_RENDER_NONE             = 0,
  /* Recase ALL-CAPS or all-lower first_name, last_name and texter_name
   * values ("JOHN" -> "John"); mixed case is left alone. See
   * tb_name_capitalize(). Fallback text is never recased. */
  TB_TEMPLATE_RENDER_CAPITALIZE_NAMES = 1 << 0,
} TbTemplateRenderFlags;

/* Returns the value of a field for the contact being rendered, or NULL when
 * it has none. For TB_TEMPLATE_FIELD_CUSTOM, custom_index is the index into
 * the custom_fields given to tb_template_new() and custom_name is that entry;
 * for standard fields custom_index is G_MAXUINT and custom_name is NULL.
 * The string only needs to live until the callback is called again.
 * Values are inserted as they are (never parsed as a template), without
 * leading and trailing spaces. Should be UTF-8; invalid bytes are rendered
 * as U+FFFD. */
typedef const char *(*TbTemplateLookup) (TbTemplateField  field,
                                         guint            custom_index,
                                         const char      *custom_name,
                                         gpointer         user_data);

/* One problem in a source, for the editor to underline. Offsets are from the
 * start of the source: bytes, and characters (code points, as GtkTextBuffer
 * counts them). message is translated and says what is wrong and where. */
typedef struct {
  TbTemplateError  kind;
  gsize            offset;       /* bytes */
  gsize            length;       /* bytes */
  gsize            char_offset;  /* characters */
  gsize            char_length;  /* characters */
  char            *message;
} TbTemplateProblem;

/* One placeholder in a source, for highlighting; the span covers the
 * braces. */
typedef struct {
  gsize            offset;       /* bytes, at the { */
  gsize            length;       /* bytes, through the } */
  gsize            char_offset;
  gsize            char_length;
  gboolean         known;        /* FALSE: an unknown field or an empty {} */
  TbTemplateField  field;        /* meaningful when known */
  guint            custom_index; /* for TB_TEMPLATE_FIELD_CUSTOM, else G_MAXUINT */
  char            *name;         /* as written, without braces, spaces and fallback */
  char            *fallback;     /* NULL when there is no bar */
} TbTemplateSpan;

typedef struct _TbTemplate TbTemplate;

#define TB_TYPE_TEMPLATE (tb_template_get_type ())

GType        tb_template_get_type          (void) G_GNUC_CONST;

/* custom_fields: the campaign's real column names, NULL-terminated, or NULL.
 * On error returns NULL and sets the first problem (TB_TEMPLATE_ERROR; the
 * code is the problem's kind). */
TbTemplate  *tb_template_new               (const char          *source,
                                            const char * const  *custom_fields,
                                            GError             **error);
TbTemplate  *tb_template_ref               (TbTemplate          *self);
void         tb_template_unref             (TbTemplate          *self);

const char  *tb_template_get_source        (TbTemplate          *self);
/* TRUE when some placeholder of the template stands for that field;
 * custom_name is used only for TB_TEMPLATE_FIELD_CUSTOM. */
gboolean     tb_template_uses_field        (TbTemplate          *self,
                                            TbTemplateField      field,
                                            const char          *custom_name);

/* A new string. */
char        *tb_template_render            (TbTemplate          *self,
                                            TbTemplateLookup     lookup,
                                            gpointer             user_data,
                                            TbTemplateRenderFlags flags);
/* Appends to out, which the caller owns and may reuse (truncate it first).
 * Returns how many placeholders rendered empty: no value and no fallback. */
guint        tb_template_render_into       (TbTemplate          *self,
                                            TbTemplateLookup     lookup,
                                            gpointer             user_data,
                                            TbTemplateRenderFlags flags,
                                            GString             *out);

/* Every problem of a source, in order; an empty array when there is none.
 * Element type TbTemplateProblem; freeing the array frees the messages. */
GArray      *tb_template_lint              (const char          *source,
                                            const char * const  *custom_fields);
/* Every placeholder of a source, known or not, in order. Element type
 * TbTemplateSpan; freeing the array frees the strings. Stops at the first
 * invalid UTF-8 byte. */
GArray      *tb_template_scan              (const char          *source,
                                            const char * const  *custom_fields);

/* Standard field names, canonical spelling: "first_name", …, "texter_name". */
const char  *tb_template_field_to_string   (TbTemplateField      field);
/* Resolves a standard name or alias in any case ("firstName", "CELL").
 * FALSE for anything else, custom fields included. */
gboolean     tb_template_field_from_string (const char          *name,
                                            TbTemplateField     *field);

/* "JOHN SMITH" -> "John Smith", "mary-ann o'neil" -> "Mary-Ann O'Neil";
 * a name with both upper- and lower-case letters ("McDonald", "DeShawn") is
 * returned unchanged. Invalid UTF-8 is made valid first. */
char        *tb_name_capitalize            (const char          *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbTemplate, tb_template_unref)

G_END_DECLS
