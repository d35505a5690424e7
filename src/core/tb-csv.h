/* tb-csv.h: a streaming RFC 4180 reader
 *
 * Reads records from a GInputStream with a fixed-size buffer, so memory does
 * not grow with the file. Handles a UTF-8 BOM; CRLF, LF and CR line ends;
 * quoted fields with commas, doubled quotes and embedded newlines; blank
 * lines (skipped anywhere, including at the end).
 *
 * Encoding: fields are returned as UTF-8. A file is read as UTF-8 until the
 * first record that is not valid UTF-8; from that record on, the whole rest
 * of the file is read as Windows-1252 (what spreadsheets on Windows save).
 * The records before it were valid UTF-8, and a Windows-1252 file whose
 * earlier records are all ASCII reads the same either way, so streaming
 * needs no second pass. A file that starts with a UTF-8 BOM stays UTF-8:
 * invalid bytes there become U+FFFD. A UTF-16 file is refused.
 *
 * A reader is used from one thread at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TB_CSV_DEFAULT_MAX_FIELD_SIZE  (1024 * 1024)      /* bytes */
#define TB_CSV_DEFAULT_MAX_RECORD_SIZE (8 * 1024 * 1024)  /* bytes */
#define TB_CSV_DEFAULT_MAX_COLUMNS     2000

#define TB_CSV_ERROR (tb_csv_error_quark ())

/* Recoverable errors spoil one record only: the next call to
 * tb_csv_reader_next() goes on with the record after it. The others are
 * fatal: the reader stops (further calls return the same error).
 * Use tb_csv_error_is_recoverable(). */
typedef enum {
  /* fatal */
  TB_CSV_ERROR_EMPTY = 0,               /* no header: the file has no records */
  TB_CSV_ERROR_UNTERMINATED_QUOTE = 1,  /* a quoted field runs to the end of the file */
  TB_CSV_ERROR_FIELD_TOO_LONG = 2,      /* one field over the field size cap */
  TB_CSV_ERROR_RECORD_TOO_LONG = 3,     /* one record over the record size cap */
  TB_CSV_ERROR_TOO_MANY_COLUMNS = 4,    /* the header (or a record) over the column cap */
  TB_CSV_ERROR_ENCODING = 5,            /* a UTF-16 or binary file */
  TB_CSV_ERROR_READ = 6,                /* the stream failed (message says why) */
  /* recoverable */
  TB_CSV_ERROR_TOO_MANY_FIELDS = 100,   /* a record with more fields than the header */
  TB_CSV_ERROR_BAD_QUOTE = 101,         /* text after a closing quote: "ab"c */
  TB_CSV_ERROR_NUL_BYTE = 102,          /* a NUL byte in a field */
} TbCsvError;

#define TB_TYPE_CSV_READER (tb_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (TbCsvReader, tb_csv_reader, TB, CSV_READER, GObject)

GQuark        tb_csv_error_quark               (void);
gboolean      tb_csv_error_is_recoverable      (const GError  *error);

TbCsvReader  *tb_csv_reader_new                (GInputStream  *stream);

/* Caps against hostile files; set before reading. 0 keeps the default. */
void          tb_csv_reader_set_limits         (TbCsvReader   *self,
                                                gsize          max_field_size,
                                                gsize          max_record_size,
                                                guint          max_columns);

/* Reads the first record as the header. Later records are then padded with
 * empty strings to its width, and one with more fields is a
 * TB_CSV_ERROR_TOO_MANY_FIELDS error. A file with no record at all is
 * TB_CSV_ERROR_EMPTY. Without a header, records have any width. */
gboolean      tb_csv_reader_read_header        (TbCsvReader   *self,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* The header's fields (NULL-terminated, owned by the reader), or NULL
 * before tb_csv_reader_read_header(). */
const char * const *tb_csv_reader_get_header   (TbCsvReader   *self);
guint         tb_csv_reader_get_n_columns      (TbCsvReader   *self);

/* Reads the next record. Returns TRUE when there is one; FALSE with no error
 * at the end of the file; FALSE with an error otherwise (see
 * tb_csv_error_is_recoverable()). Error messages name the record and line. */
gboolean      tb_csv_reader_next               (TbCsvReader   *self,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* The current record's fields: NULL-terminated UTF-8 strings owned by the
 * reader, valid until the next call to tb_csv_reader_next(). */
const char * const *tb_csv_reader_get_fields   (TbCsvReader   *self);
guint         tb_csv_reader_get_n_fields       (TbCsvReader   *self);
/* "" for an index past the end. */
const char   *tb_csv_reader_get_field          (TbCsvReader   *self,
                                                guint          index);

/* The number of the current (or failed) record: data records count from 1;
 * the header is record 0. */
guint64       tb_csv_reader_get_record_number  (TbCsvReader   *self);
/* The line (from 1) where the current (or failed) record starts. */
guint64       tb_csv_reader_get_line_number    (TbCsvReader   *self);
/* Bytes consumed from the stream so far: for a progress bar. */
guint64       tb_csv_reader_get_bytes_read     (TbCsvReader   *self);
/* "UTF-8" or "WINDOWS-1252": what the reader decided so far. */
const char   *tb_csv_reader_get_encoding       (TbCsvReader   *self);

G_END_DECLS
