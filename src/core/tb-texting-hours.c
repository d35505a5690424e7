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

#include <string.h>

#include "tb-texting-hours-private.h"
#include "tb-zone-table.h"

#define SECONDS_PER_DAY   86400
#define MAX_ZONE_NAME     128
/* UTC seconds */
#define TRANSITIONS_FROM  G_GINT64_CONSTANT (946684800)                          /* 2000-01-01 */
#define TRANSITIONS_TO    G_GINT64_CONSTANT (4102444800)                         /* 2100-01-01 */
#define MIN_SECONDS       (G_GINT64_CONSTANT (-62135596800) + SECONDS_PER_DAY)   /* 0001-01-02 */
#define MAX_SECONDS       G_GINT64_CONSTANT (250246627200)                       /* 9900-01-01 */
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

/* A zone as cached for the life of the process: its interned name, its
 * GTimeZone (NULL when unknown), and its offset changes between
 * TRANSITIONS_FROM and TRANSITIONS_TO, looked up by binary search where
 * g_time_zone_find_interval() scans from the 19th century. */
typedef struct {
  const char *name;
  GTimeZone  *tz;
  gint64     *transitions;   /* UTC seconds, ascending */
  gint32     *offsets;       /* offsets[i]: in effect before transitions[i];
                              * offsets[n_transitions]: after the last */
  guint       n_transitions;
} Zone;

typedef struct {
  gint64 start; /* UTC seconds, inclusive */
  gint64 end;   /* exclusive */
} Span;

typedef struct {
  const Zone  *stack[8];
  const Zone **items;
  guint        n;
  guint        capacity;
} ZoneList;

static GMutex zone_cache_lock;
static GHashTable *zone_cache; /* name -> Zone; Zone.tz NULL when unknown */

/* Appends to transitions every second in (a, b] at which tz's interval
 * changes; ia and ib are the intervals of a and b. Interval indices count
 * the transitions before an instant, so equal indices mean none between. */
static void
collect_transitions (GTimeZone *tz,
                     gint64     a,
                     int        ia,
                     gint64     b,
                     int        ib,
                     GArray    *transitions)
{
  gint64 middle;
  int im;

  if (ia == ib)
    return;
  if (b - a == 1)
    {
      g_array_append_val (transitions, b);
      return;
    }
  middle = a + (b - a) / 2;
  im = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, middle);
  collect_transitions (tz, a, ia, middle, im, transitions);
  collect_transitions (tz, middle, im, b, ib, transitions);
}

static void
zone_load_transitions (Zone *zone)
{
  GTimeZone *tz = zone->tz;
  GArray *transitions = g_array_new (FALSE, FALSE, sizeof (gint64));
  int first = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, TRANSITIONS_FROM);

  collect_transitions (tz, TRANSITIONS_FROM, first, TRANSITIONS_TO - 1,
                       g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, TRANSITIONS_TO - 1),
                       transitions);
  zone->n_transitions = transitions->len;
  zone->offsets = g_new (gint32, transitions->len + 1);
  zone->offsets[0] = g_time_zone_get_offset (tz, first);
  for (guint i = 0; i < transitions->len; i++)
    {
      gint64 at = g_array_index (transitions, gint64, i);

      zone->offsets[i + 1] =
        g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, at));
    }
  zone->transitions = (gint64 *) (void *) g_array_free (transitions, FALSE);
}

/* GTimeZone reads and parses a tzfile, so each zone is created once and
 * kept for the life of the process. Its tz is NULL when the identifier is
 * unknown. */
static const Zone *
zone_cache_get (const char *name)
{
  Zone *zone;

  g_mutex_lock (&zone_cache_lock);
  if (zone_cache == NULL)
    zone_cache = g_hash_table_new (g_str_hash, g_str_equal);
  zone = g_hash_table_lookup (zone_cache, name);
  if (zone == NULL)
    {
      zone = g_new0 (Zone, 1);
      zone->name = g_intern_string (name);
      zone->tz = g_time_zone_new_identifier (name);
      if (zone->tz != NULL)
        zone_load_transitions (zone);
      g_hash_table_insert (zone_cache, (gpointer) zone->name, zone);
    }
  g_mutex_unlock (&zone_cache_lock);

  return zone;
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
               const Zone *zone)
{
  for (guint i = 0; i < list->n; i++)
    {
      if (list->items[i] == zone)
        return;
    }

  if (list->n == list->capacity)
    {
      const Zone **items = g_new (const Zone *, list->capacity * 2);

      memcpy (items, list->items, list->n * sizeof *items);
      if (list->items != list->stack)
        g_free (list->items);
      list->items = items;
      list->capacity *= 2;
    }
  list->items[list->n++] = zone;
}

static void
zone_list_add_continental (ZoneList *list)
{
  for (guint i = 0; continental_zones[i] != NULL; i++)
    {
      const Zone *zone = zone_cache_get (continental_zones[i]);

      /* The system always knows these; if not, nothing is allowed. */
      if (zone->tz != NULL)
        zone_list_add (list, zone);
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
          const Zone *zone;

          memcpy (name, p, length);
          name[length] = '\0';
          zone = zone_cache_get (name);
          if (zone->tz != NULL)
            zone_list_add (list, zone);
          else
            unknown = TRUE;
        }
      p = end != NULL ? end + 1 : NULL;
    }

  if (unknown || list->n == 0)
    zone_list_add_continental (list);
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

/* The offset in effect at from, and the end of its piece: the next offset
 * change, or to when there is none before it. */
static gint64
zone_offset_piece (const Zone *zone,
                   gint64      from,
                   gint64      to,
                   gint64     *piece_end)
{
  if (from >= TRANSITIONS_FROM && to <= TRANSITIONS_TO)
    {
      /* low = the number of transitions at or before from */
      guint low = 0, high = zone->n_transitions;

      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (zone->transitions[middle] <= from)
            low = middle + 1;
          else
            high = middle;
        }
      *piece_end = low < zone->n_transitions ? MIN (zone->transitions[low], to) : to;
      return zone->offsets[low];
    }
  else
    {
      int interval = g_time_zone_find_interval (zone->tz, G_TIME_TYPE_UNIVERSAL, from);

      *piece_end = next_transition (zone->tz, interval, from, to);
      return g_time_zone_get_offset (zone->tz, interval);
    }
}

/* The spans within [from, to) when the zone's wall clock is inside the
 * window. */
static void
zone_spans (const Zone            *zone,
            const TbTextingWindow *window,
            gint64                 from,
            gint64                 to,
            GArray                *spans)
{
  gint64 piece_start = from;

  g_array_set_size (spans, 0);
  while (piece_start < to)
    {
      gint64 piece_end;
      gint64 offset = zone_offset_piece (zone, piece_start, to, &piece_end);
      gint64 day = tb_floor_div (piece_start + offset, SECONDS_PER_DAY);

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
    names[i] = g_strdup (list.items[i]->name);
  zone_list_clear (&list);
  return names;
}

const char * const *
tb_texting_hours_continental_zones (void)
{
  return continental_zones;
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
            return list->items[k]->name;
        }
      else if (own == NULL)
        {
          /* Shut now; the one whose own opening comes last decides. */
          const Span *then = next_allowed != 0 ? spans_find (spans[k], next_allowed) : NULL;
          gint64 opens = then != NULL ? then->start : G_MAXINT64;

          if (best == NULL || opens > best_time)
            {
              best = list->items[k]->name;
              best_time = opens;
            }
        }
    }
  return best != NULL ? best : list->items[0]->name;
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
  gint64 t = tb_floor_div (instant, G_USEC_PER_SEC);
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
    verdict->deciding_zone = list.items[0]->name;

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
          zone_spans (list.items[k], window, t, to, spans[k]);
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

GTimeZone *
tb_texting_hours_cached_zone (const char *zone)
{
  return zone_cache_get (zone)->tz;
}
