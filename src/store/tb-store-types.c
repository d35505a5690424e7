/* tb-store-types.c: names of the store's enums, and freeing value records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-store"

#include "config.h"

#include "tb-enum-names.h"
#include "tb-store-types.h"

G_DEFINE_QUARK (tb-store-error-quark, tb_store_error)

static const char * const contact_status_names[] = {
  "needs_first_text", "waiting", "needs_reply", "closed", "opted_out",
};

static const char * const message_state_names[] = {
  "queued", "sending", "accepted", "sent", "delivered", "undelivered",
  "failed", "unknown", "received",
};

static const char * const opt_out_source_names[] = {
  "keyword", "manual", "carrier", "import",
};

/* The *_from_string () functions write enums through an int pointer. */
G_STATIC_ASSERT (sizeof (TbContactStatus) == sizeof (int));
G_STATIC_ASSERT (sizeof (TbMessageState) == sizeof (int));
G_STATIC_ASSERT (sizeof (TbOptOutSource) == sizeof (int));

#define TO_NAME(names, value, fallback) \
  tb_enum_to_name (names, G_N_ELEMENTS (names), (int) (value), fallback)
#define FROM_NAME(names, name, value_out) \
  tb_enum_from_name (names, G_N_ELEMENTS (names), name, (int *) (value_out))

const char *
tb_contact_status_to_string (TbContactStatus status)
{
  if (status == TB_CONTACT_STATUS_ANY)
    return "any";
  return TO_NAME (contact_status_names, status, "unknown");
}

gboolean
tb_contact_status_from_string (const char      *name,
                               TbContactStatus *status_out)
{
  return FROM_NAME (contact_status_names, name, status_out);
}

const char *
tb_message_state_to_string (TbMessageState state)
{
  return TO_NAME (message_state_names, state, "invalid");
}

gboolean
tb_message_state_from_string (const char     *name,
                              TbMessageState *state_out)
{
  return FROM_NAME (message_state_names, name, state_out);
}

const char *
tb_message_direction_to_string (TbMessageDirection direction)
{
  return direction == TB_MESSAGE_DIRECTION_IN ? "in" : "out";
}

const char *
tb_campaign_state_to_string (TbCampaignState state)
{
  switch (state)
    {
    case TB_CAMPAIGN_STATE_ACTIVE:
      return "active";
    case TB_CAMPAIGN_STATE_ARCHIVED:
      return "archived";
    case TB_CAMPAIGN_STATE_ANY:
    default:
      return "any";
    }
}

const char *
tb_opt_out_source_to_string (TbOptOutSource source)
{
  return TO_NAME (opt_out_source_names, source, "unknown");
}

gboolean
tb_opt_out_source_from_string (const char     *name,
                               TbOptOutSource *source_out)
{
  return FROM_NAME (opt_out_source_names, name, source_out);
}

gboolean
tb_message_state_is_final (TbMessageState state)
{
  return state == TB_MESSAGE_STATE_DELIVERED ||
         state == TB_MESSAGE_STATE_UNDELIVERED ||
         state == TB_MESSAGE_STATE_FAILED ||
         state == TB_MESSAGE_STATE_RECEIVED;
}

/* The same table is in the schema (message_transition), where a trigger
 * enforces it; test-store checks that both agree. Failed -> queued is only
 * reached through tb_store_message_retry(). */
gboolean
tb_message_state_can_change (TbMessageState from,
                             TbMessageState to)
{
  switch (from)
    {
    case TB_MESSAGE_STATE_QUEUED:
      return to == TB_MESSAGE_STATE_SENDING || to == TB_MESSAGE_STATE_FAILED;
    case TB_MESSAGE_STATE_SENDING:
      return to == TB_MESSAGE_STATE_ACCEPTED || to == TB_MESSAGE_STATE_SENT ||
             to == TB_MESSAGE_STATE_DELIVERED || to == TB_MESSAGE_STATE_UNDELIVERED ||
             to == TB_MESSAGE_STATE_FAILED || to == TB_MESSAGE_STATE_UNKNOWN;
    case TB_MESSAGE_STATE_UNKNOWN:
      return to == TB_MESSAGE_STATE_ACCEPTED || to == TB_MESSAGE_STATE_SENT ||
             to == TB_MESSAGE_STATE_DELIVERED || to == TB_MESSAGE_STATE_UNDELIVERED ||
             to == TB_MESSAGE_STATE_FAILED;
    case TB_MESSAGE_STATE_ACCEPTED:
      return to == TB_MESSAGE_STATE_SENT || to == TB_MESSAGE_STATE_DELIVERED ||
             to == TB_MESSAGE_STATE_UNDELIVERED || to == TB_MESSAGE_STATE_FAILED;
    case TB_MESSAGE_STATE_SENT:
      return to == TB_MESSAGE_STATE_DELIVERED || to == TB_MESSAGE_STATE_UNDELIVERED ||
             to == TB_MESSAGE_STATE_FAILED;
    case TB_MESSAGE_STATE_FAILED:
      return to == TB_MESSAGE_STATE_QUEUED;
    case TB_MESSAGE_STATE_DELIVERED:
    case TB_MESSAGE_STATE_UNDELIVERED:
    case TB_MESSAGE_STATE_RECEIVED:
    default:
      return FALSE;
    }
}

void
tb_canned_reply_free (TbCannedReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->title);
  g_free (reply->body);
  g_free (reply);
}

void
tb_survey_answer_free (TbSurveyAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->label);
  g_free (answer->body);
  g_free (answer);
}

void
tb_survey_question_free (TbSurveyQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->text);
  g_clear_pointer (&question->answers, g_ptr_array_unref);
  g_free (question);
}

void
tb_survey_response_free (TbSurveyResponse *response)
{
  g_free (response);
}

void
tb_tag_free (TbTag *tag)
{
  if (tag == NULL)
    return;
  g_free (tag->name);
  g_free (tag);
}

void
tb_texter_free (TbTexter *texter)
{
  if (texter == NULL)
    return;
  g_free (texter->name);
  g_free (texter->pin_hash);
  g_free (texter);
}

void
tb_audit_entry_free (TbAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->texter_name);
  g_free (entry->action);
  g_free (entry->subject);
  g_free (entry->detail);
  g_free (entry);
}

void
tb_opt_out_free (TbOptOut *opt_out)
{
  if (opt_out == NULL)
    return;
  g_free (opt_out->phone);
  g_free (opt_out);
}

void
tb_texter_stats_free (TbTexterStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->texter_name);
  g_free (stats);
}

void
tb_stats_snapshot_free (TbStatsSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->texters, g_ptr_array_unref);
  g_free (snapshot->sent_per_hour);
  g_free (snapshot);
}
