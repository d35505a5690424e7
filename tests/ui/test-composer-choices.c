/* test-composer-choices.c: survey answers and tags follow the contact shown
 *
 * The composer builds its survey and tag menus once and only sets their
 * states per contact. Picking the chosen answer again clears it, and a tag
 * toggles: so a state left over from the previous contact would clear or
 * remove instead of set or add, which the database shows. A tag created
 * while texting appears in the menu for the next contact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-util.h"

static TbStore *
store_of (TbWindow *window)
{
  return tb_session_get_store (tb_window_get_session (window));
}

/* The answer the store holds for the contact and question, 0 for none. */
static gint64
answer_of (TbWindow *window,
           gint64    contact_id,
           gint64    question_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = tb_store_response_list (store_of (window), contact_id, &error);
  gint64 answer = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      TbSurveyResponse *response = responses->pdata[i];

      if (response->question_id == question_id)
        answer = response->answer_id;
    }
  return answer;
}

static gboolean
has_tag (TbWindow *window,
         gint64    contact_id,
         gint64    tag_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = tb_store_contact_tag_list (store_of (window), contact_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tags->len; i++)
    if (((TbTag *) tags->pdata[i])->id == tag_id)
      return TRUE;
  return FALSE;
}

static void
pick_answer (TbWindow *window,
             gint64    question_id,
             gint64    answer_id)
{
  g_autofree char *action = g_strdup_printf ("choices.q%" G_GINT64_FORMAT, question_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tb_window_get_composer (window)), action,
                                             "x", answer_id));
  ui_test_spin ();
}

static gboolean
toggle_tag (TbWindow *window,
            gint64    tag_id)
{
  g_autofree char *action = g_strdup_printf ("choices.tag%" G_GINT64_FORMAT, tag_id);
  gboolean found = gtk_widget_activate_action (GTK_WIDGET (tb_window_get_composer (window)), action, NULL);

  ui_test_spin ();
  return found;
}

static gint64
move_to (TbWindow *window,
         int       offset)
{
  gint64 before = ui_test_current_contact_id (window);

  g_assert_true (tb_contact_pane_select_offset (tb_window_get_contact_pane (window), offset));
  g_assert_true (ui_test_wait_next_contact (window, before));
  return ui_test_current_contact_id (window);
}

static void
check_choices_follow_contact (TbApplication *app,
                              TbWindow      *window,
                              gpointer       user_data)
{
  TbSession *session = tb_window_get_session (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  TbSurveyQuestion *question;
  gint64 answer_id;
  gint64 tag_id;
  gint64 new_tag_id;
  gint64 first;
  gint64 second;
  gint64 third;

  ui_test_sign_in (window, "Sam Texter");
  ui_test_open_all_day (window);
  g_assert_true (ui_test_wait_ready (window));

  questions = tb_store_question_list (store_of (window), tb_session_get_campaign_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (questions->len, >, 0);
  question = questions->pdata[0];
  g_assert_cmpuint (question->answers->len, >, 0);
  answer_id = ((TbSurveyAnswer *) question->answers->pdata[0])->id;
  tag_id = tb_store_tag_ensure (store_of (window), "Needs a ride", &error);
  g_assert_no_error (error);

  /* The first contact: the answer is set, the tag added. */
  first = move_to (window, 1);
  pick_answer (window, question->id, answer_id);
  g_assert_cmpint (answer_of (window, first, question->id), ==, answer_id);
  g_assert_true (toggle_tag (window, tag_id));
  g_assert_true (has_tag (window, first, tag_id));

  /* The next one starts clear: the same picks set and add again. */
  second = move_to (window, 1);
  g_assert_cmpint (second, !=, first);
  pick_answer (window, question->id, answer_id);
  g_assert_cmpint (answer_of (window, second, question->id), ==, answer_id);
  g_assert_true (toggle_tag (window, tag_id));
  g_assert_true (has_tag (window, second, tag_id));

  /* Back to the first: its answer and tag show as chosen, so the same
   * picks clear and remove them. */
  g_assert_cmpint (move_to (window, -1), ==, first);
  pick_answer (window, question->id, answer_id);
  g_assert_cmpint (answer_of (window, first, question->id), ==, 0);
  g_assert_true (toggle_tag (window, tag_id));
  g_assert_false (has_tag (window, first, tag_id));

  /* A tag made while texting is in the menu for the next contact. */
  new_tag_id = tb_store_tag_ensure (store_of (window), "Host a house party", &error);
  g_assert_no_error (error);
  g_assert_cmpint (move_to (window, 1), ==, second);
  third = move_to (window, 1);
  g_assert_true (toggle_tag (window, new_tag_id));
  g_assert_true (has_tag (window, third, new_tag_id));
  g_assert_false (has_tag (window, third, tag_id));
}

static void
test_choices_follow_contact (void)
{
  ui_test_run_app (FALSE, check_choices_follow_contact, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/composer/choices-follow-contact", test_choices_follow_contact);

  return g_test_run ();
}
