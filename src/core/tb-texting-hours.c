/* tb-texting-hours.c: may a contact be texted now, and if not, when?
 *
 * The allowed instants of one zone are those whose local wall-clock time is
 * inside the window. Between two offset changes local time is UTC plus a
 * constant, so there they form one interval a day, computed directly. An
 * instant is allowed for a contact when it is allowed in every zone: the
 * intersection of the zones' interval lists, built over a short horizon
 * first and a longer one only when that finds nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-texting-hours"

#include "config.h"

#include "tb-texting-hours.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tb-zone-table.h"

#define SECONDS_PER_DAY   86400
#define MAX_ZONE_NAME     128
#define MIN_SECONDS       (G_GINT64_CONSTANT (-62135596800) + SECONDS_PER_DAY)    /* 0001-01-02 */
#define MAX_SECONDS       G_GINT64_CONSTANT (250246627200)      /* 9900-01-01 */
/* Look this far ahead, in days, one after the other. Two days find the
 * next opening of any zones that overlap at all on an ordinary day; a year
 * covers zones that only overlap in one DST season. */
static const int horizons[] = { 2, 9, 370 };

G_DEFINE_QUARK (tb-texting-hours-error-quark, tb_texting_hours_error)

static const char * const continental_zones[] = {
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  NULL,
};

/* One zone of a contact: its interned name and its GTimeZone (shared from
 * the cache, never freed). */
typedef struct {
  const char *name;
  GTimeZone  *tz;
} Zone;

typedef struct {
  gint64 start; /* UTC seconds, inclusive */
  gint64 end;   /* exclusive */
} Span;

typedef struct {
  Zone   stack[8];
  Zone  *items;
  guint  n;
  guint  capacity;
} ZoneList;

static GMutex zone_cache_lock;
static GHashTable *zone_cache; /* name -> Zone; Zone.tz NULL when unknown */

/* GTimeZone reads and parses a tzfile, so each zone is created once and
 * kept for the life of the process. NULL when the identifier is unknown. */
static GTimeZone *
zone_cache_get (const char  *name,
                const char **interned)
{
  Zone *zone;

  g_mutex_lock (&zone_cache_lock);
  if (zone_cache == NULL)
    zone_cache = g_hash_table_new (g_str_hash, g_str_equal);
  zone = g_hash_table_lookup (zone_cache, name);
  if (zone == NULL)
    {
      zone = g_new (Zone, 1);
      zone->name = g_intern_string (name);
      zone->tz = g_time_zone_new_identifier (name);
      g_hash_table_insert (zone_cache, (gpointer) zone->name, zone);
    }
  g_mutex_unlock (&zone_cache_lock);

  *interned = zone->name;
  return zone->tz;
}

static void
zone_list_init (ZoneList *list)
{
  list->items = list->stack;
  list->n = 0;
  list->capacity = G_N_ELEMENTS (list->stack);
}

static void
zone_list_clear (ZoneList *list)
{
  if (list->items != list->stack)
    g_free (list->items);
  zone_list_init (list);
}

static void
zone_list_add (ZoneList   *list,
               const char *name,
               GTimeZone  *tz)
{
  for (guint i = 0; i < list->n; i++)
    {
      if (list->items[i].name == name)
        return;
    }

  if (list->n == list->capacity)
    {
      Zone *items = g_new (Zone, list->capacity * 2);

      memcpy (items, list->items, list->n * sizeof *items);
      if (list->items != list->stack)
        g_free (list->items);
      list->items = items;
      list->capacity *= 2;
    }
  list->items[list->n].name = name;
  list->items[list->n].tz = tz;
  list->n++;
}

static void
zone_list_add_continental (ZoneList *list)
{
  for (guint i = 0; continental_zones[i] != NULL; i++)
    {
      const char *interned;
      GTimeZone *tz = zone_cache_get (continental_zones[i], &interned);

      /* The system always knows these; if not, nothing is allowed. */
      if (tz != NULL)
        zone_list_add (list, interned, tz);
    }
}

/* Splits "A&B" into zones; unknown names and an empty list stand for the
 * continental US. Never empty afterwards unless the system has no tzdata. */
static void
zone_list_parse (ZoneList   *list,
                 const char *time_zones)
{
  const char *p = time_zones;
  gboolean unknown = (time_zones == NULL);

  while (p != NULL)
    {
      const char *end = strchr (p, '&');
      gsize length = end != NULL ? (gsize) (end - p) : strlen (p);
      char name[MAX_ZONE_NAME];

      if (length == 0 || length >= sizeof name)
        unknown = TRUE;
      else
        {
          const char *interned;
          GTimeZone *tz;

          memcpy (name, p, length);
          name[length] = '\0';
          tz = zone_cache_get (name, &interned);
          if (tz != NULL)
            zone_list_add (list, interned, tz);
          else
            unknown = TRUE;
        }
      p = end != NULL ? end + 1 : NULL;
    }

  if (unknown || list->n == 0)
    zone_list_add_continental (list);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static void
spans_append (GArray *spans,
              gint64  start,
              gint64  end)
{
  Span span = { start, end };

  if (start >= end)
    return;
  /* A window running across an offset change arrives in two pieces. */
  if (spans->len > 0)
    {
      Span *last = &g_array_index (spans, Span, spans->len - 1);

      if (last->end == start)
        {
          last->end = end;
          return;
        }
    }
  g_array_append_val (spans, span);
}

/* The first second after from (which is in interval) at which tz's offset
 * interval changes, or to when it does not change before to. Interval
 * indices only grow with time. */
static gint64
next_transition (GTimeZone *tz,
                 int        interval,
                 gint64     from,
                 gint64     to)
{
  gint64 low = from;
  gint64 high = to;

  if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, to - 1) == interval)
    return to;

  /* Invariant: low is in interval, high is not (or is to). */
  while (high - low > 1)
    {
      gint64 middle = low + (high - low) / 2;

      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, middle) == interval)
        low = middle;
      else
        high = middle;
    }
  return high;
}

/* The spans within [from, to) when tz's wall clock is inside the window. */
static void
zone_spans (GTimeZone             *tz,
            const TbTextingWindow *window,
            gint64                 from,
            gint64                 to,
            GArray                *spans)
{
  gint64 piece_start = from;

  g_array_set_size (spans, 0);
  while (piece_start < to)
    {
      int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, piece_start);
      gint64 piece_end = next_transition (tz, interval, piece_start, to);
      gint64 offset = g_time_zone_get_offset (tz, interval);
      gint64 day = floor_div (piece_start + offset, SECONDS_PER_DAY);

      for (;; day++)
        {
          gint64 open = day * SECONDS_PER_DAY + window->start_minute * 60 - offset;
          gint64 close = day * SECONDS_PER_DAY + window->end_minute * 60 - offset;

          if (open >= piece_end)
            break;
          spans_append (spans, MAX (open, piece_start), MIN (close, piece_end));
        }
      piece_start = piece_end;
    }
}

/* result = a ∩ b; both sorted and disjoint. */
static void
spans_intersect (const GArray *a,
                 const GArray *b,
                 GArray       *result)
{
  guint i = 0, j = 0;

  g_array_set_size (result, 0);
  while (i < a->len && j < b->len)
    {
      const Span *x = &g_array_index (a, Span, i);
      const Span *y = &g_array_index (b, Span, j);
      gint64 start = MAX (x->start, y->start);
      gint64 end = MIN (x->end, y->end);

      if (start < end)
        {
          Span span = { start, end };
          g_array_append_val (result, span);
        }
      if (x->end < y->end)
        i++;
      else
        j++;
    }
}

/* The span of spans containing t, or NULL. */
static const Span *
spans_find (const GArray *spans,
            gint64        t)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->start <= t && t < span->end)
        return span;
      if (span->start > t)
        break;
    }
  return NULL;
}

gboolean
tb_texting_window_validate (const TbTextingWindow  *window,
                            GError                **error)
{
  g_return_val_if_fail (window != NULL, FALSE);

  if (window->start_minute < 0 || window->end_minute > 24 * 60 ||
      window->start_minute >= window->end_minute)
    {
      g_set_error (error, TB_TEXTING_HOURS_ERROR,
                   TB_TEXTING_HOURS_ERROR_INVALID_WINDOW,
                   _("Texting window %02d:%02d–%02d:%02d is invalid: it must start "
                     "before it ends, within one day (00:00–24:00)"),
                   window->start_minute / 60, ABS (window->start_minute % 60),
                   window->end_minute / 60, ABS (window->end_minute % 60));
      return FALSE;
    }
  return TRUE;
}

/* "H:MM" or "HH:MM" at *p; advances p. Minutes after midnight, or -1. */
static int
parse_clock (const char **p)
{
  const char *s = *p;
  int hours = 0, minutes;
  int digits = 0;

  while (g_ascii_isdigit (*s) && digits < 2)
    {
      hours = hours * 10 + (*s++ - '0');
      digits++;
    }
  if (digits == 0 || *s != ':' || !g_ascii_isdigit (s[1]) || !g_ascii_isdigit (s[2]))
    return -1;
  minutes = (s[1] - '0') * 10 + (s[2] - '0');
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0))
    return -1;
  *p = s + 3;
  return hours * 60 + minutes;
}

gboolean
tb_texting_window_parse (const char       *text,
                         TbTextingWindow  *window,
                         GError          **error)
{
  const char *p = text;
  TbTextingWindow parsed;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  while (g_ascii_isspace (*p))
    p++;
  parsed.start_minute = parse_clock (&p);
  if (parsed.start_minute >= 0)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '-')
        {
          p++;
          while (g_ascii_isspace (*p))
            p++;
          parsed.end_minute = parse_clock (&p);
          while (g_ascii_isspace (*p))
            p++;
          if (parsed.end_minute >= 0 && *p == '\0')
            {
              if (!tb_texting_window_validate (&parsed, error))
                return FALSE;
              *window = parsed;
              return TRUE;
            }
        }
    }

  g_set_error (error, TB_TEXTING_HOURS_ERROR, TB_TEXTING_HOURS_ERROR_PARSE,
               _("Texting window “%s” is not of the form HH:MM-HH:MM "
                 "(error at character %d)"),
               text, (int) g_utf8_pointer_to_offset (text, p) + 1);
  return FALSE;
}

char *
tb_texting_window_to_string (const TbTextingWindow *window)
{
  g_return_val_if_fail (window != NULL, NULL);

  return g_strdup_printf ("%02d:%02d-%02d:%02d",
                          window->start_minute / 60, window->start_minute % 60,
                          window->end_minute / 60, window->end_minute % 60);
}

char *
tb_time_zones_for_contact (const char *zip,
                           const char *e164)
{
  const char *zones = tb_zone_table_lookup_zip (zip);

  if (zones == NULL)
    zones = tb_zone_table_lookup_phone (e164);
  return g_strdup (zones);
}

GStrv
tb_time_zones_expand (const char *time_zones)
{
  ZoneList list;
  GStrv names;

  zone_list_init (&list);
  zone_list_parse (&list, time_zones);
  names = g_new0 (char *, list.n + 1);
  for (guint i = 0; i < list.n; i++)
    names[i] = g_strdup (list.items[i].name);
  zone_list_clear (&list);
  return names;
}

const char * const *
tb_texting_hours_continental_zones (void)
{
  return continental_zones;
}

char *
tb_time_zone_city (const char *zone)
{
  const char *slash;

  g_return_val_if_fail (zone != NULL, NULL);

  slash = strrchr (zone, '/');
  return g_strdelimit (g_strdup (slash != NULL ? slash + 1 : zone), "_", ' ');
}

/* Picks the zone the verdict names; spans[k] are zone k's spans. */
static const char *
deciding_zone (const ZoneList  *list,
               GArray         **spans,
               gint64           t,
               const Span      *allowed,
               gint64           next_allowed)
{
  const char *best = NULL;
  gint64 best_time = 0;

  for (guint k = 0; k < list->n; k++)
    {
      const Span *own = spans_find (spans[k], t);

      if (allowed != NULL)
        {
          /* The first to close. */
          if (own != NULL && own->end == allowed->end)
            return list->items[k].name;
        }
      else if (own == NULL)
        {
          /* Shut now; the one whose own opening comes last decides. */
          const Span *then = next_allowed != 0 ? spans_find (spans[k], next_allowed) : NULL;
          gint64 opens = then != NULL ? then->start : G_MAXINT64;

          if (best == NULL || opens > best_time)
            {
              best = list->items[k].name;
              best_time = opens;
            }
        }
    }
  return best != NULL ? best : list->items[0].name;
}

gboolean
tb_texting_hours_check (const char             *time_zones,
                        const TbTextingWindow  *window,
                        gint64                  instant,
                        TbTextingHoursVerdict  *verdict,
                        GError                **error)
{
  ZoneList list;
  GArray *spans_stack[8];
  GArray **spans = spans_stack;
  g_autoptr(GArray) common = NULL;
  g_autoptr(GArray) scratch = NULL;
  gint64 t = floor_div (instant, G_USEC_PER_SEC);
  gboolean found = FALSE;

  g_return_val_if_fail (verdict != NULL, FALSE);

  memset (verdict, 0, sizeof *verdict);
  verdict->status = TB_TEXTING_HOURS_CLOSED;
  verdict->instant = instant;
  verdict->deciding_zone = g_intern_static_string (continental_zones[0]);

  g_return_val_if_fail (window != NULL, FALSE);
  /* GDateTime's range, less the longest look ahead. */
  g_return_val_if_fail (t > MIN_SECONDS && t < MAX_SECONDS, FALSE);

  zone_list_init (&list);
  zone_list_parse (&list, time_zones);
  if (list.n > 0)
    verdict->deciding_zone = list.items[0].name;

  if (!tb_texting_window_validate (window, error))
    {
      zone_list_clear (&list);
      return FALSE;
    }

  if (list.n == 0)
    {
      /* No tzdata at all: never allow what cannot be checked. */
      verdict->status = TB_TEXTING_HOURS_NEVER;
      return TRUE;
    }

  if (window->start_minute == 0 && window->end_minute == 24 * 60)
    {
      verdict->status = TB_TEXTING_HOURS_OPEN;
      verdict->closes_at = G_MAXINT64;
      verdict->seconds_left = -1;
      zone_list_clear (&list);
      return TRUE;
    }

  if (list.n > G_N_ELEMENTS (spans_stack))
    spans = g_new (GArray *, list.n);
  for (guint k = 0; k < list.n; k++)
    spans[k] = g_array_new (FALSE, FALSE, sizeof (Span));
  common = g_array_new (FALSE, FALSE, sizeof (Span));
  scratch = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint h = 0; h < G_N_ELEMENTS (horizons) && !found; h++)
    {
      gint64 to = t + (gint64) horizons[h] * SECONDS_PER_DAY;

      for (guint k = 0; k < list.n; k++)
        {
          zone_spans (list.items[k].tz, window, t, to, spans[k]);
          if (k == 0)
            {
              g_array_set_size (common, 0);
              g_array_append_vals (common, spans[0]->data, spans[0]->len);
            }
          else
            {
              GArray *swap;

              spans_intersect (common, spans[k], scratch);
              swap = common;
              common = scratch;
              scratch = swap;
            }
        }
      found = common->len > 0;
    }

  if (!found)
    {
      verdict->status = TB_TEXTING_HOURS_NEVER;
      verdict->deciding_zone = deciding_zone (&list, spans, t, NULL, 0);
    }
  else
    {
      const Span *first = &g_array_index (common, Span, 0);

      if (first->start <= t)
        {
          verdict->status = TB_TEXTING_HOURS_OPEN;
          verdict->closes_at = first->end * G_USEC_PER_SEC;
          verdict->seconds_left = (verdict->closes_at - instant) / G_USEC_PER_SEC;
          verdict->deciding_zone = deciding_zone (&list, spans, t, first, 0);
        }
      else
        {
          verdict->status = TB_TEXTING_HOURS_CLOSED;
          verdict->next_allowed = first->start * G_USEC_PER_SEC;
          verdict->deciding_zone = deciding_zone (&list, spans, t, NULL, first->start);
        }
    }

  for (guint k = 0; k < list.n; k++)
    g_array_unref (spans[k]);
  if (spans != spans_stack)
    g_free (spans);
  zone_list_clear (&list);
  return TRUE;
}

static GDateTime *
date_time_in_zone (gint64      instant,
                   const char *zone)
{
  const char *interned;
  GTimeZone *tz = zone_cache_get (zone, &interned);
  g_autoptr(GTimeZone) fallback = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) exact = NULL;
  gint64 seconds = floor_div (instant, G_USEC_PER_SEC);

  if (tz == NULL)
    tz = fallback = g_time_zone_new_utc ();
  utc = g_date_time_new_from_unix_utc (seconds);
  exact = g_date_time_add (utc, instant - seconds * G_USEC_PER_SEC);
  return g_date_time_to_timezone (exact, tz);
}

TbTextingHoursReason *
tb_texting_hours_explain (const char             *time_zones,
                          const TbTextingWindow  *window,
                          gint64                  instant,
                          GError                **error)
{
  TbTextingHoursVerdict verdict;
  TbTextingHoursReason *reason;

  if (!tb_texting_hours_check (time_zones, window, instant, &verdict, error))
    return NULL;

  reason = g_new0 (TbTextingHoursReason, 1);
  reason->status = verdict.status;
  reason->zone = g_strdup (verdict.deciding_zone);
  reason->city = tb_time_zone_city (reason->zone);
  reason->local_time = date_time_in_zone (instant, reason->zone);
  if (verdict.status == TB_TEXTING_HOURS_CLOSED)
    reason->opens = date_time_in_zone (verdict.next_allowed, reason->zone);
  else if (verdict.status == TB_TEXTING_HOURS_OPEN && verdict.closes_at != G_MAXINT64)
    reason->closes = date_time_in_zone (verdict.closes_at, reason->zone);
  return reason;
}

void
tb_texting_hours_reason_free (TbTextingHoursReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->zone);
  g_free (reason->city);
  g_clear_pointer (&reason->local_time, g_date_time_unref);
  g_clear_pointer (&reason->opens, g_date_time_unref);
  g_clear_pointer (&reason->closes, g_date_time_unref);
  g_free (reason);
}

/* Within a day, the time alone says when; further off, the weekday too. */
static const char *
pick_format (GDateTime  *now,
             GDateTime  *then,
             const char *time_format,
             const char *day_time_format)
{
  return g_date_time_difference (then, now) < G_TIME_SPAN_DAY ? time_format : day_time_format;
}

char *
tb_texting_hours_reason_format (const TbTextingHoursReason *reason)
{
  /* TRANSLATORS: a time of day for the texting hours, see g_date_time_format() */
  const char *time_format = C_("texting hours", "%-l:%M %p");
  /* TRANSLATORS: a weekday and time of day, see g_date_time_format() */
  const char *day_time_format = C_("texting hours", "%a %-l:%M %p");
  g_autofree char *now = NULL;
  g_autofree char *then = NULL;

  g_return_val_if_fail (reason != NULL, NULL);

  now = g_date_time_format (reason->local_time, time_format);
  switch (reason->status)
    {
    case TB_TEXTING_HOURS_OPEN:
      if (reason->closes == NULL)
        /* TRANSLATORS: "2:15 PM in New York; always open" */
        return g_strdup_printf (_("%s in %s; always open"), now, reason->city);
      then = g_date_time_format (reason->closes,
                                 pick_format (reason->local_time, reason->closes,
                                              time_format, day_time_format));
      /* TRANSLATORS: "2:15 PM in New York; closes 9:00 PM" */
      return g_strdup_printf (_("%s in %s; closes %s"), now, reason->city, then);

    case TB_TEXTING_HOURS_CLOSED:
      then = g_date_time_format (reason->opens,
                                 pick_format (reason->local_time, reason->opens,
                                              time_format, day_time_format));
      /* TRANSLATORS: "8:02 PM in Phoenix; opens 9:00 AM" */
      return g_strdup_printf (_("%s in %s; opens %s"), now, reason->city, then);

    case TB_TEXTING_HOURS_NEVER:
    default:
      /* TRANSLATORS: "8:02 PM in Phoenix; …" */
      return g_strdup_printf (_("%s in %s; the texting window is never open in "
                                "all of this contact’s time zones"),
                              now, reason->city);
    }
}
