/* tb-texting-hours.h: may a contact be texted now, and if not, when?
 *
 * A contact's zones are a zone list (see tb-zone-table.h): one IANA name, or
 * several joined by '&', or NULL when unknown. An instant is allowed only
 * when the local wall-clock time of that instant lies inside the window in
 * EVERY zone of the list. The window is [start, end): 09:00:00 is open,
 * 20:59:59 is open, 21:00:00 is closed. Offsets and DST come from GTimeZone
 * (so America/Phoenix and Pacific/Honolulu keep one offset all year).
 *
 * Unknown zones: a NULL or empty list, and any name GTimeZone does not know,
 * stand for every zone of the continental US, listed by
 * tb_texting_hours_continental_zones(): America/New_York, America/Chicago,
 * America/Denver, America/Phoenix, America/Los_Angeles. With the default
 * window that allows 12:00 to 21:00 New York time (9:00 to 18:00 in Los
 * Angeles), all year.
 *
 * Every function here is thread-safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TB_TEXTING_HOURS_ERROR (tb_texting_hours_error_quark ())

typedef enum {
  TB_TEXTING_HOURS_ERROR_INVALID_WINDOW, /* start >= end, or out of 0..1440 */
  TB_TEXTING_HOURS_ERROR_PARSE,          /* a window string is not "HH:MM-HH:MM" */
} TbTextingHoursError;

GQuark tb_texting_hours_error_quark (void);

/* Minutes after local midnight, wall clock: 9:00 is 540. The window is
 * [start_minute, end_minute); 0 <= start_minute < end_minute <= 1440. A
 * window cannot wrap past midnight. */
typedef struct {
  int start_minute;
  int end_minute;
} TbTextingWindow;

#define TB_TEXTING_WINDOW_DEFAULT_START (9 * 60)
#define TB_TEXTING_WINDOW_DEFAULT_END   (21 * 60)
#define TB_TEXTING_WINDOW_INIT_DEFAULT \
  { TB_TEXTING_WINDOW_DEFAULT_START, TB_TEXTING_WINDOW_DEFAULT_END }

gboolean  tb_texting_window_validate  (const TbTextingWindow *window,
                                       GError               **error);
/* "09:00-21:00" (also "9:00-21:00", "09:00-24:00"); validates too. */
gboolean  tb_texting_window_parse     (const char            *text,
                                       TbTextingWindow       *window,
                                       GError               **error);
/* "09:00-21:00" */
char     *tb_texting_window_to_string (const TbTextingWindow *window);

/* The zone list for a contact: its ZIP's (first five digits) if the ZIP is
 * known, else its phone's longest matching prefix's, else NULL (unknown).
 * Either argument may be NULL. This is what the store keeps in
 * contact.time_zone. Free with g_free(). */
char                *tb_time_zones_for_contact          (const char *zip,
                                                         const char *e164);

/* The zones a list stands for, in order, without duplicates; unknown names
 * and a NULL or empty list give the continental US zones. */
GStrv                tb_time_zones_expand               (const char *time_zones);

/* NULL-terminated, static. */
const char * const  *tb_texting_hours_continental_zones (void);

/* "America/Los_Angeles" -> "Los Angeles"; "America/Indiana/Knox" -> "Knox".
 * Free with g_free(). */
char                *tb_time_zone_city                  (const char *zone);

/* Stored nowhere: numbering may change. */
typedef enum {
  TB_TEXTING_HOURS_OPEN,   /* allowed now */
  TB_TEXTING_HOURS_CLOSED, /* not now; next_allowed says when */
  TB_TEXTING_HOURS_NEVER,  /* the zones' windows never overlap (looked at a
                            * year ahead): this contact cannot be texted with
                            * this window */
} TbTextingHoursStatus;

/* All instants are UTC microseconds, as g_get_real_time() gives. */
typedef struct {
  TbTextingHoursStatus status;
  gint64       instant;       /* the instant checked */
  gint64       next_allowed;  /* CLOSED: the earliest instant allowed in every
                               * zone; else 0 */
  gint64       closes_at;     /* OPEN: the first instant no longer allowed (the
                               * first zone to close); G_MAXINT64 when the
                               * window never closes (a 00:00-24:00 window);
                               * else 0 */
  gint64       seconds_left;  /* OPEN: whole seconds until closes_at, -1 when
                               * it never closes; else 0 */
  const char  *deciding_zone; /* OPEN: the zone that closes first. CLOSED and
                               * NEVER: a zone whose window is shut at the
                               * instant (the one opening last). Interned:
                               * never free it. */
} TbTextingHoursVerdict;

/* Fills verdict for the zone list at the instant (which must lie between
 * the years 1 and 9900: a programmer error otherwise). FALSE with an error
 * only when the window is invalid; the verdict then says CLOSED with no
 * next_allowed, so a caller that ignores the error still never sends. */
gboolean  tb_texting_hours_check (const char            *time_zones,
                                  const TbTextingWindow *window,
                                  gint64                 instant,
                                  TbTextingHoursVerdict *verdict,
                                  GError               **error);

/* Why the composer's Send is enabled or not, as numbers for the UI to
 * format: "8:02 PM in Phoenix; opens 9:00 AM". */
typedef struct {
  TbTextingHoursStatus status;
  char      *zone;        /* the deciding zone (see TbTextingHoursVerdict) */
  char      *city;        /* tb_time_zone_city (zone) */
  GDateTime *local_time;  /* the instant, in zone */
  GDateTime *opens;       /* CLOSED: next_allowed, in zone; else NULL */
  GDateTime *closes;      /* OPEN: closes_at, in zone; NULL if never */
} TbTextingHoursReason;

TbTextingHoursReason *tb_texting_hours_explain      (const char            *time_zones,
                                                     const TbTextingWindow *window,
                                                     gint64                 instant,
                                                     GError               **error);
void                  tb_texting_hours_reason_free  (TbTextingHoursReason  *reason);

/* The default English (translatable) sentence: "8:02 PM in Phoenix; opens
 * 9:00 AM", "2:15 PM in New York; closes 9:00 PM", "Never open in every time
 * zone of this contact". The weekday is named when the opening or closing
 * is a day or more away: "opens Sat 9:00 AM". */
char                 *tb_texting_hours_reason_format (const TbTextingHoursReason *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbTextingHoursReason, tb_texting_hours_reason_free)

G_END_DECLS
