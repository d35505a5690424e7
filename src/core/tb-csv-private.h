/* tb-csv-private.h: what the CSV reader's files share
 *
 * tb-csv.c holds the reader object, its buffer and its errors;
 * tb-csv-parse.c the RFC 4180 state machine; tb-csv-encoding.c the file's
 * start (BOM, UTF-16, binary) and the decoding of each record to UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tb-csv.h"

G_BEGIN_DECLS

#define READ_BUFFER_SIZE (64 * 1024)

typedef enum {
  STATE_RECORD_START,  /* before a record: blank lines are skipped here */
  STATE_FIELD_START,   /* at the first byte of a field */
  STATE_UNQUOTED,      /* inside a plain field */
  STATE_QUOTED,        /* inside a quoted field */
  STATE_QUOTE_SEEN,    /* a quote inside a quoted field: doubled, or the end */
} ParseState;

typedef enum {
  PARSE_RECORD,
  PARSE_END,
  PARSE_ERROR,
} ParseResult;

struct _TbCsvReader
{
  GObject       parent_instance;

  GInputStream *stream;

  /* The read buffer. */
  guint8       *buffer;
  gsize         buffer_len;
  gsize         buffer_pos;
  guint8        previous_byte;  /* the byte before buffer[0], for CRLF */
  gboolean      at_eof;
  gboolean      started;        /* the BOM check has been done */
  gboolean      has_bom;
  gboolean      windows_1252;
  GError       *fatal_error;    /* returned again by every later call */

  gsize         max_field_size;
  gsize         max_record_size;
  guint         max_columns;

  /* The record being parsed: fields back to back, each NUL-terminated. */
  ParseState    state;
  char         *data;
  gsize         data_len;
  gsize         data_alloc;
  gsize        *starts;         /* offset of each field in data */
  guint         starts_alloc;
  guint         n_fields;
  guint         n_extra_fields; /* fields past the header's width, dropped */
  gboolean      discarding;     /* the current field is past the header's width */
  gboolean      discarded_text; /* some dropped field was not empty */
  gboolean      saw_bad_quote;
  gboolean      saw_nul;
  guint64       quote_line;     /* where the open quoted field started */

  /* The record handed out. */
  const char  **fields;         /* n_fields + 1, NULL-terminated */
  guint         fields_alloc;
  guint         n_out_fields;
  char         *converted;      /* re-encoded fields (Windows-1252, U+FFFD) */
  gsize         converted_alloc;

  char        **header;
  guint         n_columns;

  guint64       line;           /* the line the parser is on, from 1 */
  guint64       record_line;    /* the line the current record starts on */
  guint64       record_number;
  guint64       bytes_read;
};

/* Sets a fatal error naming the record; every later call returns it again. */
ParseResult  tb_csv_reader_fail            (TbCsvReader   *self,
                                            GError       **error,
                                            TbCsvError     code,
                                            const char    *format,
                                            ...) G_GNUC_PRINTF (4, 5);
/* Refills the buffer. FALSE on error; at the end self->at_eof is set. */
gboolean     tb_csv_reader_fill_buffer     (TbCsvReader   *self,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* tb-csv-parse.c */
void         tb_csv_parse_init_tables      (void);
/* Parses one record into self->data (blank ones are skipped). */
ParseResult  tb_csv_reader_parse_record    (TbCsvReader   *self,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* tb-csv-encoding.c */
/* The first bytes: skip a UTF-8 BOM, refuse UTF-16 and binary files. */
gboolean     tb_csv_reader_check_start     (TbCsvReader   *self,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* Points self->fields at the record, padded to the header's width and
 * decoded to UTF-8. */
void         tb_csv_reader_publish_record  (TbCsvReader   *self);

G_END_DECLS
