/* test-cli-segments.c: runs the built textbank-cli segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs textbank-cli with the arguments, standard input from stdin_text. */
static RunResult
run_cli (const char *stdin_text,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GBytes) in = NULL;
  const char *cli = g_getenv ("TEXTBANK_CLI");
  RunResult result = { 0 };
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, stdin_text);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  in = g_bytes_new (stdin_text ? stdin_text : "", stdin_text ? strlen (stdin_text) : 0);
  g_subprocess_communicate (process, in, NULL, &out, &err, &error);
  g_assert_no_error (error);

  result.status = g_subprocess_get_exit_status (process);
  /* Empty GBytes may hold NULL data. */
  result.out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "",
                          g_bytes_get_size (out));
  result.err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "",
                          g_bytes_get_size (err));
  return result;
}

typedef struct {
  const char *text;
  const char *encoding;
  gint64      segments;
  gint64      characters;
  gint64      remaining;
  const char *unicode;   /* the unicode_characters joined with spaces */
} JsonCase;

static const JsonCase json_cases[] = {
  { "hello", "GSM-7", 1, 5, 155, "" },
  { "a{b}€", "GSM-7", 1, 8, 152, "" },
  { "It\xe2\x80\x99s \xf0\x9f\x98\x80 \xc3\xa7\xc3\xa7", "UCS-2", 1, 10, 60,
    "\xe2\x80\x99 \xf0\x9f\x98\x80 \xc3\xa7" },
  { "", "GSM-7", 0, 0, 160, "" },
};

static void
check_json (const char *out,
            const char *encoding,
            gint64      segments,
            gint64      characters,
            gint64      remaining,
            const char *unicode)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonObject *object;
  JsonArray *chars;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (object);

  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, encoding);
  g_assert_cmpint (json_object_get_int_member (object, "segments"), ==, segments);
  g_assert_cmpint (json_object_get_int_member (object, "characters"), ==, characters);
  g_assert_cmpint (json_object_get_int_member (object, "remaining"), ==, remaining);
  chars = json_object_get_array_member (object, "unicode_characters");
  g_assert_nonnull (chars);
  for (guint i = 0; i < json_array_get_length (chars); i++)
    g_string_append_printf (joined, "%s%s", i ? " " : "", json_array_get_string_element (chars, i));
  g_assert_cmpstr (joined->str, ==, unicode);
}

static void
test_json_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (json_cases); i++)
    {
      const JsonCase *c = &json_cases[i];
      g_auto(RunResult) r = run_cli (NULL, "segments", c->text, "--json", NULL);

      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");
      check_json (r.out, c->encoding, c->segments, c->characters, c->remaining, c->unicode);
    }
}

static void
test_json_long (void)
{
  g_autofree char *text = g_strnfill (161, 'a');
  g_auto(RunResult) r = run_cli (NULL, "segments", "--json", text, NULL);

  g_assert_cmpint (r.status, ==, 0);
  check_json (r.out, "GSM-7", 2, 161, 145, "");
}

static void
test_joined_arguments (void)
{
  g_auto(RunResult) r = run_cli (NULL, "segments", "--json", "Hi", "there", NULL);

  g_assert_cmpint (r.status, ==, 0);
  check_json (r.out, "GSM-7", 1, 8, 152, "");
}

static void
test_stdin (void)
{
  g_auto(RunResult) r = run_cli ("line one\nline \xe2\x80\x9ctwo\xe2\x80\x9d\n",
                                 "segments", "--json", "-", NULL);

  g_assert_cmpint (r.status, ==, 0);
  check_json (r.out, "UCS-2", 1, 19, 51, "\xe2\x80\x9c \xe2\x80\x9d");
}

static void
test_readable (void)
{
  g_auto(RunResult) r = run_cli (NULL, "segments", "It\xe2\x80\x99s \xc3\xa7", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Encoding:   UCS-2"));
  g_assert_nonnull (strstr (r.out, "Segments:   1"));
  g_assert_nonnull (strstr (r.out, "Remaining:  64"));
  g_assert_nonnull (strstr (r.out, "U+2019  at character 3  (can be replaced with \"'\")"));
  g_assert_nonnull (strstr (r.out, "U+00E7  at character 6\n"));
  g_assert_nonnull (strstr (r.out, "With look-alikes replaced: UCS-2, 1 segment."));
  g_assert_null (strstr (r.out, "{"));
}

static void
test_usage_errors (void)
{
  g_auto(RunResult) none = run_cli (NULL, "segments", NULL);
  g_auto(RunResult) bad = run_cli (NULL, "segments", "--nope", "x", NULL);

  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "textbank-cli: segments: give the text of a message"));
  g_assert_cmpstr (none.out, ==, "");
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--nope"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/segments/json", test_json_table);
  g_test_add_func ("/cli/segments/json-long", test_json_long);
  g_test_add_func ("/cli/segments/joined-arguments", test_joined_arguments);
  g_test_add_func ("/cli/segments/stdin", test_stdin);
  g_test_add_func ("/cli/segments/readable", test_readable);
  g_test_add_func ("/cli/segments/usage-errors", test_usage_errors);

  return g_test_run ();
}
