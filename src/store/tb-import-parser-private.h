/* tb-import-parser-private.h: the import's first stage, on its own thread
 *
 * The import is a two-stage pipeline: this stage reads the CSV, normalises
 * phones, looks up time zones and builds the custom fields' JSON into
 * batches; the inserting thread (tb-store-import.c) takes whole batches in
 * file order. Batches come from a pool of a few, so memory stays flat and
 * the parser waits when the inserter lags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-contact-columns.h"
#include "tb-csv.h"
#include "tb-phone.h"
#include "tb-store-import.h"

G_BEGIN_DECLS

#define TB_IMPORT_NO_STRING G_MAXSIZE

typedef enum {
  TB_IMPORT_ROW_INSERT,      /* a contact to insert */
  TB_IMPORT_ROW_REJECT,      /* rejected before the database saw it */
} TbImportRowKind;

/* Strings are offsets into the batch's arena (NUL-terminated there). */
typedef struct {
  TbImportRowKind kind;
  TbImportReason  reason;        /* for TB_IMPORT_ROW_REJECT */
  guint64         record;
  guint64         line;
  guint64         bytes_read;    /* the reader's position after this record */
  gsize           phone;
  gsize           first_name;
  gsize           last_name;
  gsize           zip;
  gsize           time_zone;     /* TB_IMPORT_NO_STRING: unknown */
  gsize           fields_json;
  gsize           json_length;
  gsize           message;       /* for TB_IMPORT_ROW_REJECT */
  guint           first_field;   /* index into field_offsets */
  guint           n_fields;
  gboolean        has_fields;    /* a broken record may have none */
} TbImportRow;

typedef struct {
  GString *arena;
  GArray  *rows;           /* TbImportRow */
  GArray  *field_offsets;  /* gsize: the record's fields, in the arena */
  GError  *error;          /* the stream ended with this error */
  gboolean error_is_fatal_record; /* a CSV error that stops the import */
  gboolean end;            /* the last batch */
} TbImportBatch;

typedef struct _TbImportParser TbImportParser;

/* Starts the parsing thread on a reader whose header was read. Every
 * argument must outlive the parser. */
TbImportParser *tb_import_parser_start   (TbCsvReader      *reader,
                                          TbContactColumns *columns,
                                          const char       *default_region,
                                          TbPhoneFlags      phone_flags,
                                          GHashTable       *opted_out_phones,
                                          guint             batch_size,
                                          GCancellable     *cancellable);
/* The next batch in file order; blocks. Give it back with _recycle(). */
TbImportBatch  *tb_import_parser_next    (TbImportParser   *self);
/* The next batch if the parser has one ready, else NULL. */
TbImportBatch  *tb_import_parser_try_next (TbImportParser  *self);
void            tb_import_parser_recycle (TbImportParser   *self,
                                          TbImportBatch    *batch);
/* Stops the thread (wherever it is) and frees everything. */
void            tb_import_parser_free    (TbImportParser   *self);

static inline const char *
tb_import_batch_string (TbImportBatch *batch,
                        gsize          offset)
{
  return offset == TB_IMPORT_NO_STRING ? NULL : batch->arena->str + offset;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbImportParser, tb_import_parser_free)

G_END_DECLS
