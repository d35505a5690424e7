/* bench-texting.c: how fast the texting screen moves on, and what it costs to start
 *
 *   bench-texting [CONTACTS [SENDS]]        (default 1000000 contacts, 100 sends)
 *
 * Under a display (xvfb-run). Builds a campaign of CONTACTS contacts through
 * the store's CSV import, then runs the real app on it:
 *  - send latency: from the Send press to the frame clock's after-paint of
 *    the frame that shows the next contact; median, p90 and max over SENDS
 *    presses (target: median under 16 ms), against a frame with nothing
 *    changed and one with a word of the composer changed (the least a
 *    send changes). The renderer matters: on Mesa's software GL (Xvfb,
 *    virtual machines) GL redraws the whole window for any change, so the
 *    app draws with cairo there (src/ui/tb-renderer.c). When the app made
 *    that choice, the sends are measured again in a child with GL forced
 *    (GSK_RENDERER=gl), as the reference for what the choice saves;
 *  - startup: a fresh process of the real app on that database, from spawn
 *    to its first painted frame, and its RSS then; against a bare
 *    libadwaita window measured the same way in the same run, with ratios.
 * It prints figures and never fails for being slow.
 *
 * It also prints how many frames each send causes and how long they take in
 * all (with GL and no buffer age each one redraws the whole window).
 *
 * Environment, for digging: BENCH_DB=PATH reuses (or builds there) the
 * database; BENCH_NO_STARTUP skips the startup part; BENCH_VERBOSE prints
 * how long each press took to handle; BENCH_PHASES prints the frame
 * clock's phases per send; BENCH_HIDE=pane|thread|composer hides a part to
 * see what it costs; BENCH_NODES prints the render nodes of a frame and
 * the subtrees that cost most to render with the window's renderer
 * (BENCH_NODES_FILE=PATH also saves them); BENCH_EVENTS prints, after each
 * press, the store's signals and the frames with the widgets each moved;
 * BENCH_NO_ANIMATIONS turns GTK's animations off; BENCH_SPANS prints each
 * press's span in CLOCK_MONOTONIC seconds for `perf report --time`;
 * BENCH_STALLS counts the main loop's stalls during the sends (a 1 ms
 * ticker, so not in the default run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "tb-application.h"
#include "tb-renderer.h"
#include "tb-store-import.h"
#include "tb-window.h"

/* ---- Building the campaign ---------------------------------------------- */

static const char *const first_names[] = {
  "Alex", "Maria", "James", "Aisha", "Chen", "Fatima", "Diego", "Grace", "Omar", "Priya",
};
static const char *const last_names[] = {
  "Rivera", "Nguyen", "Smith", "Okafor", "Garcia", "Kim", "Patel", "Johnson", "Lopez", "Brown",
};
/* Area codes in several time zones, with a ZIP in each. */
static const struct { const char *area; const char *zip; } areas[] = {
  { "212", "10001" }, { "312", "60601" }, { "303", "80202" }, { "602", "85004" },
  { "415", "94103" }, { "617", "02108" }, { "713", "77002" }, { "206", "98101" },
};

static char *
build_database (guint       contacts,
                const char *at_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = at_path != NULL ? g_path_get_dirname (at_path)
                                         : g_dir_make_tmp ("textbank-bench-XXXXXX", &error);
  g_autofree char *csv_path = NULL;
  g_autoptr(GString) csv = g_string_sized_new ((gsize) contacts * 48);
  g_autoptr(TbStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TbImportReport) report = NULL;
  char *db_path;
  gint64 campaign_id;
  gint64 start;

  g_assert_no_error (error);
  db_path = at_path != NULL ? g_strdup (at_path) : g_build_filename (dir, "bench.db", NULL);
  csv_path = g_strconcat (db_path, ".contacts.csv", NULL);

  g_string_append (csv, "first_name,last_name,phone,zip\n");
  for (guint i = 0; i < contacts; i++)
    {
      guint area = i % G_N_ELEMENTS (areas);
      guint n = i / G_N_ELEMENTS (areas);

      /* Exchange 200-999, line 0000-9999: 8 million numbers per area code. */
      g_string_append_printf (csv, "%s,%s,+1%s%03u%04u,%s\n",
                              first_names[i % G_N_ELEMENTS (first_names)],
                              last_names[(i / 10) % G_N_ELEMENTS (last_names)],
                              areas[area].area, 200 + n / 10000, n % 10000, areas[area].zip);
    }
  g_file_set_contents (csv_path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);

  store = tb_store_open (db_path, &error);
  g_assert_no_error (error);
  campaign_id = tb_store_campaign_create (store, "Benchmark campaign", "", "+15125550100", FALSE, &error);
  g_assert_no_error (error);
  tb_store_campaign_update (store, campaign_id, NULL, NULL, NULL, 0, 24 * 60, &error);
  g_assert_no_error (error);
  tb_store_campaign_set_initial_message (store, campaign_id,
                                         "Hi {first_name}, it's {texter_name} with the campaign. "
                                         "Can we count on your vote? Reply STOP to opt out.",
                                         &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (csv_path);
  start = g_get_monotonic_time ();
  report = tb_store_import_sync (store, campaign_id, file, NULL, NULL, &error);
  if (report == NULL)
    {
      /* The rows are committed batch by batch before the report is closed:
       * a failure at the very end still leaves the campaign filled. */
      printf ("import reported an error: %s\n", error->message);
      g_clear_error (&error);
    }
  printf ("campaign: %" G_GINT64_FORMAT " contacts imported in %.1f s\n",
          tb_store_contact_count (store, campaign_id, TB_CONTACT_STATUS_ANY, NULL, NULL),
          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_unlink (csv_path);

  return db_path;
}

/* ---- Send latency ------------------------------------------------------- */

typedef struct {
  guint      sends;
  GArray    *latencies;     /* double, ms */
  GArray    *redraws;       /* double, ms: a frame with nothing changed, the reference */
  GArray    *small_changes; /* double, ms: a frame with one word of the composer changed */
  gint64     pressed_at;
  gint64     waiting_for;   /* the contact id that must be shown */
  gboolean   painted;
  guint      frames;        /* frames painted since the last press */
  GArray    *frames_per_send; /* guint */
  gint64     frame_started;
  gint64     frame_us;      /* time in frames since the last press */
  GArray    *frame_ms_per_send; /* double */
} SendBench;

/* When the frame clock's phases reached our handlers (BENCH_PHASES): ours
 * run after GTK's own, so "layout" is when GTK's layout ended and "paint"
 * when its snapshot and render ended. */
static gint64 phase_update, phase_layout, phase_paint;

static void
on_phase_update (GdkFrameClock *clock, gpointer data)
{
  phase_update = g_get_monotonic_time ();
}

static void
on_phase_layout (GdkFrameClock *clock, gpointer data)
{
  phase_layout = g_get_monotonic_time ();
}

static void
on_phase_paint (GdkFrameClock *clock, gpointer data)
{
  phase_paint = g_get_monotonic_time ();
}

/* BENCH_EVENTS: what happens after a press, in order, with times. */
static gint64 events_press;
static gint64 last_after_paint;

static void
print_event (const char *what,
             gint64      a,
             gint64      b)
{
  if (g_getenv ("BENCH_EVENTS") != NULL && events_press != 0)
    printf ("  +%6.1f ms %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
            (g_get_monotonic_time () - events_press) / 1000.0, what, a, b);
}

static void
on_store_contacts_changed (TbStore *store, gint64 campaign_id, gint64 contact_id, gpointer data)
{
  print_event ("contacts-changed", campaign_id, contact_id);
}

static void
on_store_messages_changed (TbStore *store, gint64 contact_id, gint64 message_id, gpointer data)
{
  print_event ("messages-changed", contact_id, message_id);
}

/* BENCH_EVENTS: which widgets moved or resized since the last frame. */
static GHashTable *last_bounds;
static GtkWidget *events_window;

static void
diff_bounds (GtkWidget *widget,
             GHashTable *seen)
{
  graphene_rect_t bounds;
  graphene_rect_t *old;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_compute_bounds (widget, events_window, &bounds))
    {
      old = g_hash_table_lookup (last_bounds, widget);
      if (old != NULL && !graphene_rect_equal (old, &bounds))
        {
          GtkWidget *parent = gtk_widget_get_parent (widget);
          printf ("      moved %s (in %s) %.0fx%.0f+%.0f+%.0f -> %.0fx%.0f+%.0f+%.0f\n",
                  G_OBJECT_TYPE_NAME (widget), parent ? G_OBJECT_TYPE_NAME (parent) : "-",
                  old->size.width, old->size.height, old->origin.x, old->origin.y,
                  bounds.size.width, bounds.size.height, bounds.origin.x, bounds.origin.y);
        }
      g_hash_table_insert (seen, widget, g_memdup2 (&bounds, sizeof bounds));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    diff_bounds (child, seen);
}

static void
on_before_paint (GdkFrameClock *clock,
                 SendBench     *bench)
{
  bench->frame_started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                SendBench     *bench)
{
  bench->frames++;
  if (bench->frame_started != 0)
    bench->frame_us += g_get_monotonic_time () - bench->frame_started;
  print_event (phase_update > last_after_paint ? "frame painted (with update phase: a tick callback), µs:" : "frame painted, µs:",
               bench->frame_started != 0 ? g_get_monotonic_time () - bench->frame_started : 0, 0);
  last_after_paint = g_get_monotonic_time ();
  if (g_getenv ("BENCH_EVENTS") != NULL && events_window != NULL)
    {
      GHashTable *seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);

      diff_bounds (events_window, seen);
      g_clear_pointer (&last_bounds, g_hash_table_unref);
      last_bounds = seen;
    }
  if (g_getenv ("BENCH_PHASES") != NULL && bench->pressed_at != 0 && bench->waiting_for == 0)
    printf ("  to the frame's update %.1f, layout %.1f, snapshot+render %.1f, to after-paint %.1f ms\n",
            (phase_update - bench->pressed_at) / 1000.0, (phase_layout - phase_update) / 1000.0,
            (phase_paint - phase_layout) / 1000.0, (g_get_monotonic_time () - phase_paint) / 1000.0);
  if (bench->pressed_at != 0 && bench->waiting_for == 0)
    {
      double ms = (g_get_monotonic_time () - bench->pressed_at) / 1000.0;

      /* For `perf report --time`: each press's span, by CLOCK_MONOTONIC
       * (record with `perf record -k mono`). */
      if (g_getenv ("BENCH_SPANS") != NULL)
        printf ("span %.6f,%.6f\n", bench->pressed_at / 1e6, g_get_monotonic_time () / 1e6);
      g_array_append_val (bench->latencies, ms);
      bench->pressed_at = 0;
      bench->painted = TRUE;
    }
}

static gint64
shown_contact (TbWindow *window)
{
  TbContact *contact = tb_composer_get_contact (tb_window_get_composer (window));

  return contact != NULL ? tb_contact_get_id (contact) : 0;
}

static void
on_composer_contact (TbComposer *composer,
                     GParamSpec *pspec,
                     SendBench  *bench)
{
  TbContact *contact = tb_composer_get_contact (composer);

  if (bench->pressed_at != 0 && contact != NULL && tb_contact_get_id (contact) != bench->waiting_for)
    bench->waiting_for = 0;
}

static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}


/* ---- BENCH_NODES: what a frame of the window draws, and what it costs ----- */

static gint64
time_render (GskRenderer   *renderer,
             GskRenderNode *node)
{
  gint64 best = G_MAXINT64;

  for (guint i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      GdkTexture *texture = gsk_renderer_render_texture (renderer, node, NULL);

      best = MIN (best, g_get_monotonic_time () - start);
      g_object_unref (texture);
    }
  return best;
}

static GskRenderNode **
node_children (GskRenderNode *node,
               guint         *n_out)
{
  static GskRenderNode *one[1];

  *n_out = 0;
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      *n_out = gsk_container_node_get_n_children (node);
      {
        GskRenderNode **children = g_new (GskRenderNode *, *n_out + 1);

        for (guint i = 0; i < *n_out; i++)
          children[i] = gsk_container_node_get_child (node, i);
        return children;
      }
    case GSK_TRANSFORM_NODE: one[0] = gsk_transform_node_get_child (node); break;
    case GSK_CLIP_NODE: one[0] = gsk_clip_node_get_child (node); break;
    case GSK_ROUNDED_CLIP_NODE: one[0] = gsk_rounded_clip_node_get_child (node); break;
    case GSK_OPACITY_NODE: one[0] = gsk_opacity_node_get_child (node); break;
    case GSK_SHADOW_NODE: one[0] = gsk_shadow_node_get_child (node); break;
    case GSK_COLOR_MATRIX_NODE: one[0] = gsk_color_matrix_node_get_child (node); break;
    case GSK_DEBUG_NODE: one[0] = gsk_debug_node_get_child (node); break;
    case GSK_CROSS_FADE_NODE:
      {
        GskRenderNode **children = g_new (GskRenderNode *, 2);

        children[0] = gsk_cross_fade_node_get_start_child (node);
        children[1] = gsk_cross_fade_node_get_end_child (node);
        *n_out = 2;
        return children;
      }
    default: return NULL;
    }
  *n_out = 1;
  return g_memdup2 (one, sizeof one);
}

/* How many nodes of each type, and how many pixels they cover (each
 * counted at its own bounds: what a renderer that draws them all shades). */
static void
count_nodes (GskRenderNode *node,
             guint         *counts,
             double        *pixels)
{
  g_autofree GskRenderNode **children = NULL;
  graphene_rect_t bounds;
  guint n = 0;

  gsk_render_node_get_bounds (node, &bounds);
  counts[gsk_render_node_get_node_type (node)]++;
  pixels[gsk_render_node_get_node_type (node)] += bounds.size.width * bounds.size.height;
  children = node_children (node, &n);
  for (guint i = 0; i < n; i++)
    count_nodes (children[i], counts, pixels);
}

/* Prints the subtrees that take more than a tenth of their parent's time. */
static void
print_costs (GskRenderer   *renderer,
             GskRenderNode *node,
             gint64         parent_us,
             guint          depth)
{
  g_autofree GskRenderNode **children = NULL;
  gint64 us = time_render (renderer, node);
  graphene_rect_t bounds;
  guint n = 0;

  gsk_render_node_get_bounds (node, &bounds);
  if (depth > 0 && (us * 10 < parent_us || us < 1000))
    return;
  printf ("  %*s%s %.0fx%.0f+%.0f+%.0f: %.1f ms\n", (int) depth * 2, "",
          g_type_name (G_TYPE_FROM_INSTANCE (node)), bounds.size.width, bounds.size.height,
          bounds.origin.x, bounds.origin.y, us / 1000.0);
  if (depth >= 14)
    return;
  children = node_children (node, &n);
  for (guint i = 0; i < n; i++)
    print_costs (renderer, children[i], us, depth + 1);
}

static void
dump_nodes (TbWindow *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  guint counts[64] = { 0 };
  double pixels[64] = { 0 };

  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  count_nodes (node, counts, pixels);
  printf ("nodes of a frame (%s), by GskRenderNodeType: count, kilopixels covered\n",
          G_OBJECT_TYPE_NAME (renderer));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (counts[i] > 0)
      printf ("  type %2u: %4u nodes, %6.0f kpx\n", i, counts[i], pixels[i] / 1000.0);
  if (g_getenv ("BENCH_NODES_FILE") != NULL)
    gsk_render_node_write_to_file (node, g_getenv ("BENCH_NODES_FILE"), NULL);
  print_costs (renderer, node, 0, 0);
  gsk_render_node_unref (node);
}

/* Main-loop stalls during the sends: a 1 ms high-priority tick notes every
 * gap over 2 ms between its runs (a press and its frame is one; the rest
 * is background work: sending, syncing, store signals). */
static GArray *stall_gaps;   /* double, ms */
static gint64 last_tick;

static gboolean
on_stall_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > 2000)
    {
      double ms = (now - last_tick) / 1000.0;

      g_array_append_val (stall_gaps, ms);
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}


static void
on_activate (GApplication *app,
             SendBench    *bench)
{
  g_autoptr(GError) error = NULL;
  TbWindow *window = TB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  TbSession *session = tb_window_get_session (window);
  TbComposer *composer = tb_window_get_composer (window);
  GdkFrameClock *clock;
  guint stall_tick;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  tb_session_sign_in_by_name (session, "Bench Texter", &error);
  g_assert_no_error (error);
  iterate_for (500);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  {
    g_autofree char *gl_name = tb_renderer_probe_gl_name (gtk_widget_get_display (GTK_WIDGET (window)), NULL);

    printf ("renderer: %s (GL: %s)\n",
            G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
            gl_name != NULL ? gl_name : "none");
  }
  if (g_getenv ("BENCH_NO_ANIMATIONS") != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (g_strcmp0 (g_getenv ("BENCH_HIDE"), "thread") == 0)
    gtk_widget_set_visible (GTK_WIDGET (tb_window_get_thread_view (window)), FALSE);
  if (g_strcmp0 (g_getenv ("BENCH_HIDE"), "pane") == 0)
    gtk_widget_set_visible (GTK_WIDGET (tb_window_get_contact_pane (window)), FALSE);
  if (g_strcmp0 (g_getenv ("BENCH_HIDE"), "composer") == 0)
    gtk_widget_set_visible (GTK_WIDGET (tb_window_get_composer (window)), FALSE);

  /* The references: what a frame of this window costs here when nothing in
   * it changed (the frame clock, snapshot and present, no new drawing), and
   * when one word of the composer changed (the least a send can change:
   * under Xvfb without buffer age, GL redraws the whole window for it). */
  {
    GArray *latencies = bench->latencies;
    g_autofree char *text = tb_composer_dup_text (composer);

    g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), bench);
    for (guint i = 0; i < 40; i++)
      {
        bench->latencies = i < 20 ? bench->redraws : bench->small_changes;
        bench->painted = FALSE;
        bench->waiting_for = 0;
        bench->pressed_at = g_get_monotonic_time ();
        if (i < 20)
          gtk_widget_queue_draw (GTK_WIDGET (window));
        else
          tb_composer_set_text (composer, i % 2 == 0 ? "Hello" : "Hi");
        deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
        while (!bench->painted && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, TRUE);
        iterate_for (30);
      }
    g_signal_handlers_disconnect_by_func (clock, on_after_paint, bench);
    bench->latencies = latencies;
    tb_composer_set_text (composer, text);
    iterate_for (100);
  }
  if (g_getenv ("BENCH_NODES") != NULL)
    dump_nodes (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), bench);
  g_signal_connect (clock, "update", G_CALLBACK (on_phase_update), bench);
  g_signal_connect (clock, "layout", G_CALLBACK (on_phase_layout), bench);
  g_signal_connect (clock, "paint", G_CALLBACK (on_phase_paint), bench);
  g_signal_connect (composer, "notify::contact", G_CALLBACK (on_composer_contact), bench);
  events_window = GTK_WIDGET (window);

  g_signal_connect (tb_session_get_store (session), "contacts-changed", G_CALLBACK (on_store_contacts_changed), NULL);
  g_signal_connect (tb_session_get_store (session), "messages-changed", G_CALLBACK (on_store_messages_changed), NULL);

  stall_tick = 0;
  if (g_getenv ("BENCH_STALLS") != NULL)
    {
      stall_gaps = g_array_new (FALSE, FALSE, sizeof (double));
      stall_tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_stall_tick, NULL, NULL);
    }
  for (guint i = 0; i < bench->sends; i++)
    {
      gint64 before = shown_contact (window);

      if (i > 0)
        {
          double ms = bench->frame_us / 1000.0;

          g_array_append_val (bench->frames_per_send, bench->frames);
          g_array_append_val (bench->frame_ms_per_send, ms);
        }
      bench->frames = 0;
      bench->frame_us = 0;
      events_press = g_get_monotonic_time ();
      /* A frame shortly before the press holds the next one back to the
       * frame clock's pace (one refresh interval). */
      if (g_getenv ("BENCH_EVENTS") != NULL)
        printf ("press %u (the last frame ended %.1f ms before)\n", i,
                (events_press - last_after_paint) / 1000.0);
      bench->painted = FALSE;
      bench->waiting_for = before;
      bench->pressed_at = g_get_monotonic_time ();
      /* What a click on Send does. */
      tb_send_guard_press (tb_composer_get_send_guard (composer));
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        printf ("  press handled in %.2f ms\n", (g_get_monotonic_time () - bench->pressed_at) / 1000.0);
      if (shown_contact (window) != before)
        bench->waiting_for = 0;

      deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      while (!bench->painted && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      if (!bench->painted)
        {
          printf ("send %u: the next contact was not drawn within 5 s\n", i);
          break;
        }
      /* A volunteer reads before the next press: let the list catch up and
       * the outbox and the simulator run (300 ms is a fast volunteer). */
      iterate_for (300);
    }

  g_clear_handle_id (&stall_tick, g_source_remove);
  g_signal_handlers_disconnect_by_data (clock, bench);
  g_signal_handlers_disconnect_by_data (composer, bench);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
bench_sends (const char *db_path,
             guint       sends)
{
  g_autoptr(TbApplication) app = tb_application_new ();
  char *argv[] = { (char *) "textbank", (char *) "--database", (char *) db_path, NULL };
  SendBench bench = { sends, g_array_new (FALSE, FALSE, sizeof (double)),
                      g_array_new (FALSE, FALSE, sizeof (double)),
                      g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, FALSE,
                      0, g_array_new (FALSE, FALSE, sizeof (guint)),
                      0, 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  double redraw = 0;
  guint n;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &bench);
  g_application_run (G_APPLICATION (app), 3, argv);

  if (bench.redraws->len > 0)
    {
      g_array_sort (bench.redraws, compare_doubles);
      redraw = g_array_index (bench.redraws, double, bench.redraws->len / 2);
      printf ("reference: a frame of the same window with nothing changed: median %.2f ms\n", redraw);
    }
  g_array_unref (bench.redraws);
  if (bench.small_changes->len > 0)
    {
      g_array_sort (bench.small_changes, compare_doubles);
      printf ("reference: a frame with one word of the composer changed: median %.2f ms\n",
              g_array_index (bench.small_changes, double, bench.small_changes->len / 2));
    }
  g_array_unref (bench.small_changes);

  /* Under GL without buffer age each frame redraws the whole window: the
   * frames a send causes after the one that shows the next contact cost
   * as much again, just later. */
  if (bench.frames_per_send->len > 0)
    {
      guint total = 0;

      for (guint i = 0; i < bench.frames_per_send->len; i++)
        total += g_array_index (bench.frames_per_send, guint, i);
      g_array_sort (bench.frame_ms_per_send, compare_doubles);
      printf ("frames per send (press to next press, 300 ms): mean %.2f, taking %.2f ms in all (median)\n",
              total / (double) bench.frames_per_send->len,
              g_array_index (bench.frame_ms_per_send, double, bench.frame_ms_per_send->len / 2));
    }
  g_array_unref (bench.frames_per_send);
  g_array_unref (bench.frame_ms_per_send);

  n = bench.latencies->len;
  if (n == 0)
    {
      printf ("send latency: no sample\n");
      return;
    }
  g_array_sort (bench.latencies, compare_doubles);
  printf ("send latency (press -> next contact drawn, %u presses): median %.2f ms, "
          "p90 %.2f ms, max %.2f ms; median / 16 ms frame budget = %.2f; "
          "median / unchanged frame = %.2f\n",
          n,
          g_array_index (bench.latencies, double, n / 2),
          g_array_index (bench.latencies, double, (n * 9) / 10),
          g_array_index (bench.latencies, double, n - 1),
          g_array_index (bench.latencies, double, n / 2) / 16.0,
          redraw > 0 ? g_array_index (bench.latencies, double, n / 2) / redraw : 0.0);
  g_array_unref (bench.latencies);

  if (stall_gaps != NULL)
    {
      guint over_frame = 0, over_half = 0;
      double longest = 0;

      for (guint i = 0; i < stall_gaps->len; i++)
        {
          double ms = g_array_index (stall_gaps, double, i);

          longest = MAX (longest, ms);
          over_frame += ms > 16.7;
          over_half += ms > 8.3;
        }
      printf ("main-loop stalls during the sends (gaps over 2 ms between 1 ms ticks): %u, longest %.2f ms; "
              "over 8.3 ms: %u, over a 16.7 ms frame: %u\n",
              stall_gaps->len, longest, over_half, over_frame);
      g_clear_pointer (&stall_gaps, g_array_unref);
    }
}

/* ---- Startup: the real app against a bare libadwaita window -------------- */

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
on_first_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  /* CLOCK_MONOTONIC is shared with the parent, which noted the spawn time. */
  printf ("%" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (), rss_kb ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, app);
  g_application_quit (app);
}

static void
on_window_mapped (GtkWidget    *window,
                  GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint), app);
}

static void
on_startup_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Presenting a new window maps it at once; its first frame comes later. */
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    on_window_mapped (GTK_WIDGET (window), app);
  else
    g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), app);
}

static void
on_bare_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), adw_status_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), app);
  gtk_window_present (GTK_WINDOW (window));
}

/* The child: one start, then it prints "<monotonic µs> <rss kB>" and quits. */
static int
run_startup_child (const char *mode,
                   const char *db_path)
{
  if (g_str_equal (mode, "bare"))
    {
      g_autoptr(AdwApplication) app = adw_application_new ("io.github.textbank.BenchBare",
                                                           G_APPLICATION_NON_UNIQUE);

      g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate), NULL);
      return g_application_run (G_APPLICATION (app), 0, NULL);
    }
  else
    {
      g_autoptr(TbApplication) app = tb_application_new ();
      char *argv[] = { (char *) "textbank", (char *) "--database", (char *) db_path, NULL };

      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_signal_connect_after (app, "activate", G_CALLBACK (on_startup_activate), NULL);
      return g_application_run (G_APPLICATION (app), 3, argv);
    }
}

static gboolean
measure_start (const char *self_path,
               const char *mode,
               const char *db_path,
               double     *ms_out,
               long       *rss_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self_path, "--startup-child", mode, db_path, NULL };
  gint64 spawned = g_get_monotonic_time ();
  gint64 painted = 0;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      sscanf (out, "%" G_GINT64_FORMAT " %ld", &painted, rss_out) != 2)
    {
      printf ("startup %s: %s\n", mode, error != NULL ? error->message : "no figures");
      return FALSE;
    }

  *ms_out = (painted - spawned) / 1000.0;
  return TRUE;
}

static void
bench_startup (const char *self_path,
               const char *db_path)
{
  double app_ms[5], bare_ms[5];
  long app_rss[5], bare_rss[5];
  guint n = 0;

  /* Alternate, so both see the same warm caches. */
  for (guint i = 0; i < G_N_ELEMENTS (app_ms); i++)
    {
      if (!measure_start (self_path, "bare", db_path, &bare_ms[n], &bare_rss[n]) ||
          !measure_start (self_path, "app", db_path, &app_ms[n], &app_rss[n]))
        break;
      n++;
    }
  if (n == 0)
    return;

  qsort (app_ms, n, sizeof (double), compare_doubles);
  qsort (bare_ms, n, sizeof (double), compare_doubles);
  printf ("startup to first frame (median of %u): textbank %.0f ms, bare libadwaita window %.0f ms, "
          "ratio %.2f\n", n, app_ms[n / 2], bare_ms[n / 2], app_ms[n / 2] / bare_ms[n / 2]);
  printf ("RSS at first frame: textbank %ld kB, bare libadwaita window %ld kB, ratio %.2f\n",
          app_rss[0], bare_rss[0], (double) app_rss[0] / (double) bare_rss[0]);
}

/* The reference for the app's renderer choice: the same sends in a child
 * process with GL forced (GTK reads GSK_RENDERER once per process). */
static void
bench_sends_with_gl (const char *self_path,
                     const char *db_path,
                     guint       sends)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sends_text = g_strdup_printf ("%u", sends);
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "GSK_RENDERER", "gl", TRUE);
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { self_path, "--sends-child", db_path, sends_text, NULL };
  int status = 0;

  printf ("the same sends with GL forced (GSK_RENDERER=gl), for reference:\n");
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
    {
      printf ("  could not run: %s\n", error->message);
      return;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && *lines[i] != ' ')
      printf ("  %s\n", lines[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *self_path = NULL;
  guint contacts = 1000000;
  guint sends = 100;
  gboolean user_set_renderer;

  if (argc == 4 && g_str_equal (argv[1], "--startup-child"))
    {
      adw_init ();
      return run_startup_child (argv[2], argv[3]);
    }
  if (argc == 4 && g_str_equal (argv[1], "--sends-child"))
    {
      setvbuf (stdout, NULL, _IOLBF, 0);
      gtk_init ();
      adw_init ();
      bench_sends (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
      return 0;
    }

  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();
  adw_init ();
  user_set_renderer = g_getenv ("GSK_RENDERER") != NULL;

  if (argc > 1)
    contacts = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  if (argc > 2)
    sends = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  self_path = g_file_read_link ("/proc/self/exe", NULL);

  /* BENCH_DB reuses a database built before (the import of a million
   * contacts takes a while); it is built there when missing. */
  if (g_getenv ("BENCH_DB") != NULL && g_file_test (g_getenv ("BENCH_DB"), G_FILE_TEST_EXISTS))
    db_path = g_strdup (g_getenv ("BENCH_DB"));
  else
    db_path = build_database (contacts, g_getenv ("BENCH_DB"));
  if (g_getenv ("BENCH_NO_STARTUP") == NULL)
    bench_startup (self_path, db_path);
  bench_sends (db_path, sends);
  if (!user_set_renderer && g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0)
    bench_sends_with_gl (self_path, db_path, sends);

  if (g_getenv ("BENCH_DB") == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (db_path);
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);

          g_unlink (file);
        }
      g_rmdir (dir);
    }

  return 0;
}
