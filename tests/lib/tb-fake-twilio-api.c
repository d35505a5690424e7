/* tb-fake-twilio-api.c: the fake's Messages API: send, status, list with
 * pages, and Twilio's JSON for answers and errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-fake-twilio"

#include "config.h"

#include <string.h>

#include "tb-fake-twilio-private.h"

/* RFC 2822 as Twilio writes it, independent of the locale. */
static char *
format_date (gint64 usec)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0000",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date),
                          g_date_time_get_hour (date),
                          g_date_time_get_minute (date),
                          g_date_time_get_second (date));
}

void
fake_add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autofree char *text = usec > 0 ? format_date (usec) : NULL;

  fake_add_string_or_null (builder, name, text);
}

void
fake_build_message (JsonBuilder       *builder,
               const FakeMessage *message)
{
  g_autofree char *uri = g_strdup_printf (API_PREFIX "%s/Messages/%s.json",
                                          TB_FAKE_TWILIO_ACCOUNT_SID, message->sid);

  json_builder_begin_object (builder);
  fake_add_string_or_null (builder, "account_sid", TB_FAKE_TWILIO_ACCOUNT_SID);
  fake_add_string_or_null (builder, "api_version", "2010-04-01");
  fake_add_string_or_null (builder, "body", message->body);
  add_date (builder, "date_created", message->date_created);
  add_date (builder, "date_sent", message->date_sent);
  add_date (builder, "date_updated", message->date_updated);
  fake_add_string_or_null (builder, "direction", message->direction);
  json_builder_set_member_name (builder, "error_code");
  if (message->error_code != 0)
    json_builder_add_int_value (builder, message->error_code);
  else
    json_builder_add_null_value (builder);
  fake_add_string_or_null (builder, "error_message", NULL);
  fake_add_string_or_null (builder, "from", message->from);
  fake_add_string_or_null (builder, "messaging_service_sid", message->messaging_service_sid);
  fake_add_string_or_null (builder, "num_media", "0");
  /* Twilio sends the segment count as a string. */
  fake_add_string_or_null (builder, "num_segments", "1");
  fake_add_string_or_null (builder, "price", NULL);
  fake_add_string_or_null (builder, "price_unit", "USD");
  fake_add_string_or_null (builder, "sid", message->sid);
  fake_add_string_or_null (builder, "status", message->status);
  fake_add_string_or_null (builder, "to", message->to);
  fake_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

void
fake_respond_json (SoupServerMessage *msg,
              guint              status,
              JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

void
fake_respond_error (SoupServerMessage *msg,
               guint              status,
               int                code,
               const char        *message,
               guint              retry_after)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *more_info = g_strdup_printf ("https://www.twilio.com/docs/errors/%d", code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  fake_add_string_or_null (builder, "message", message);
  fake_add_string_or_null (builder, "more_info", more_info);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_end_object (builder);

  if (retry_after > 0)
    {
      char value[16];

      g_snprintf (value, sizeof value, "%u", retry_after);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
    }
  fake_respond_json (msg, status, builder);
}

/* ------------------------------------------------------------------------ */
/* The Messages API                                                          */
/* ------------------------------------------------------------------------ */

FakeMessage *
fake_store_message (TbFakeTwilio *self,
               const char   *to,
               const char   *from,
               const char   *messaging_service_sid,
               const char   *body,
               const char   *direction,
               gint64        date_sent)
{
  FakeMessage *message = g_new0 (FakeMessage, 1);
  gint64 now = g_get_real_time ();

  message->order = ++self->counter;
  message->sid = g_strdup_printf ("SM%032" G_GINT64_MODIFIER "x", (gint64) message->order);
  message->to = g_strdup (to);
  message->from = g_strdup (from);
  message->messaging_service_sid = g_strdup (messaging_service_sid);
  message->body = g_strdup (body);
  message->direction = g_strdup (direction);
  if (g_str_equal (direction, "inbound"))
    {
      message->status = g_strdup ("received");
      message->date_created = date_sent > 0 ? date_sent : now;
      message->date_sent = message->date_created;
    }
  else
    {
      message->status = g_strdup (messaging_service_sid != NULL && from == NULL ? "accepted" : "queued");
      message->date_created = now;
    }
  message->date_updated = message->date_created;
  g_ptr_array_add (self->messages, message);
  return message;
}

FakeMessage *
fake_find_message (TbFakeTwilio *self,
              const char   *sid)
{
  for (guint i = 0; i < self->messages->len; i++)
    {
      FakeMessage *message = g_ptr_array_index (self->messages, i);

      if (g_str_equal (message->sid, sid))
        return message;
    }
  return NULL;
}

/* Stores a send when the form is complete; answers the error otherwise. */
FakeMessage *
fake_handle_send (TbFakeTwilio      *self,
             SoupServerMessage *msg,
             GHashTable        *form,
             gboolean           answer)
{
  const char *to = form != NULL ? g_hash_table_lookup (form, "To") : NULL;
  const char *from = form != NULL ? g_hash_table_lookup (form, "From") : NULL;
  const char *service = form != NULL ? g_hash_table_lookup (form, "MessagingServiceSid") : NULL;
  const char *body = form != NULL ? g_hash_table_lookup (form, "Body") : NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  FakeMessage *message;

  if (to == NULL || *to == '\0')
    {
      if (answer)
        fake_respond_error (msg, 400, 21604, "A 'To' phone number is required.", 0);
      return NULL;
    }
  if (to[0] != '+' || strlen (to) < 8)
    {
      if (answer)
        fake_respond_error (msg, 400, 21211, "The 'To' number is not a valid phone number.", 0);
      return NULL;
    }
  if ((from == NULL || *from == '\0') && (service == NULL || *service == '\0'))
    {
      if (answer)
        fake_respond_error (msg, 400, 21603, "A 'From' phone number is required.", 0);
      return NULL;
    }
  if (body == NULL || *body == '\0')
    {
      if (answer)
        fake_respond_error (msg, 400, 21602, "Message body is required.", 0);
      return NULL;
    }

  message = fake_store_message (self, to, from, service, body, "outbound-api", 0);
  if (answer)
    {
      builder = json_builder_new ();
      fake_build_message (builder, message);
      fake_respond_json (msg, 201, builder);
    }
  return message;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const FakeMessage *x = *(const FakeMessage * const *) a;
  const FakeMessage *y = *(const FakeMessage * const *) b;

  if (x->date_created != y->date_created)
    return x->date_created > y->date_created ? -1 : 1;
  return x->order > y->order ? -1 : (x->order < y->order ? 1 : 0);
}

static gboolean
list_matches (const FakeMessage *message,
              GHashTable        *params)
{
  const char *to = g_hash_table_lookup (params, "To");
  const char *from = g_hash_table_lookup (params, "From");
  const char *since = g_hash_table_lookup (params, "DateSent>");

  if (to != NULL && g_strcmp0 (message->to, to) != 0)
    return FALSE;
  if (from != NULL && g_strcmp0 (message->from, from) != 0)
    return FALSE;
  if (since != NULL)
    {
      gint64 when = message->date_sent;
      g_autoptr(GDateTime) date = NULL;

      /* Like Twilio: a message not sent yet has no date_sent, so a DateSent
       * filter leaves it out. */
      if (when == 0)
        return FALSE;
      date = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);
      g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (since, NULL);
      g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

      /* Twilio takes a day (YYYY-MM-DD) or an instant. */
      if (instant != NULL)
        {
          if (g_date_time_to_unix (date) < g_date_time_to_unix (instant))
            return FALSE;
        }
      else if (strcmp (day, since) < 0)
        return FALSE;
    }
  return TRUE;
}

void
fake_handle_list (TbFakeTwilio      *self,
             SoupServerMessage *msg,
             const char        *path,
             const char        *query)
{
  g_autoptr(GHashTable) params = query != NULL ? soup_form_decode (query)
                                               : g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *page_size_text = g_hash_table_lookup (params, "PageSize");
  const char *page_text = g_hash_table_lookup (params, "Page");
  guint64 page_size = DEFAULT_PAGE_SIZE;
  guint64 page = 0;
  guint64 start;
  guint64 end;

  if (page_size_text != NULL &&
      (!g_ascii_string_to_unsigned (page_size_text, 10, 1, 1000, &page_size, NULL)))
    {
      fake_respond_error (msg, 400, 20001, "PageSize must be between 1 and 1000.", 0);
      return;
    }
  if (page_text != NULL && !g_ascii_string_to_unsigned (page_text, 10, 0, G_MAXUINT, &page, NULL))
    {
      fake_respond_error (msg, 400, 20001, "Invalid Page.", 0);
      return;
    }

  for (guint i = 0; i < self->messages->len; i++)
    if (list_matches (g_ptr_array_index (self->messages, i), params))
      g_ptr_array_add (matching, g_ptr_array_index (self->messages, i));
  g_ptr_array_sort (matching, compare_newest_first);

  start = page * page_size;
  end = MIN (start + page_size, matching->len);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint64 i = start; i < end; i++)
    fake_build_message (builder, g_ptr_array_index (matching, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "next_page_uri");
  if (end < matching->len)
    {
      GString *next = g_string_new (path);
      GHashTableIter iter;
      gpointer key, value;
      gboolean first = TRUE;

      /* Keep the filters, replace the page. */
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *escaped_key = NULL;
          g_autofree char *escaped_value = NULL;

          if (g_str_equal (key, "Page") || g_str_equal (key, "PageToken"))
            continue;
          escaped_key = g_uri_escape_string (key, NULL, FALSE);
          escaped_value = g_uri_escape_string (value, NULL, FALSE);
          g_string_append_printf (next, "%c%s=%s", first ? '?' : '&', escaped_key, escaped_value);
          first = FALSE;
        }
      g_string_append_printf (next, "%cPage=%" G_GUINT64_FORMAT "&PageToken=PASM%" G_GUINT64_FORMAT,
                              first ? '?' : '&', page + 1, end);
      json_builder_add_string_value (builder, next->str);
      g_string_free (next, TRUE);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, (gint64) page);
  json_builder_set_member_name (builder, "page_size");
  json_builder_add_int_value (builder, (gint64) page_size);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, (gint64) start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, end > start ? (gint64) end - 1 : (gint64) start);
  fake_add_string_or_null (builder, "uri", path);
  json_builder_end_object (builder);

  fake_respond_json (msg, 200, builder);
}
