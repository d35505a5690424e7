/* tb-store-types.h: the enums and small value records of the store's API
 *
 * Stored enum integers never change: new values are appended. Nothing here
 * names a SQLite type, so another backend can implement the same API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TB_STORE_ERROR (tb_store_error_quark ())

typedef enum {
  TB_STORE_ERROR_FAILED = 0,         /* anything else; the message says what */
  TB_STORE_ERROR_OPTED_OUT = 1,      /* the phone is on the opt-out list */
  TB_STORE_ERROR_OUTSIDE_HOURS = 2,  /* for callers that check texting hours */
  TB_STORE_ERROR_DUPLICATE = 3,      /* a unique value already exists */
  TB_STORE_ERROR_NOT_FOUND = 4,      /* no row with that id or name */
  TB_STORE_ERROR_CONSTRAINT = 5,     /* another rule of the schema refused it */
  TB_STORE_ERROR_CORRUPT = 6,        /* not a database, or a damaged one */
  TB_STORE_ERROR_NEWER_VERSION = 7,  /* written by a newer Textbank: left untouched */
  TB_STORE_ERROR_READ_ONLY = 8,      /* the file or its folder cannot be written */
  TB_STORE_ERROR_FULL = 9,           /* the disk is full */
  TB_STORE_ERROR_BUSY = 10,          /* another program holds a lock too long */
  TB_STORE_ERROR_INVALID_STATE = 11, /* a message state change that is not allowed */
  TB_STORE_ERROR_ALREADY_TEXTED = 12,/* a second first text to one contact */
  TB_STORE_ERROR_CANT_OPEN = 13,     /* the file or its folder cannot be opened */
} TbStoreError;

GQuark tb_store_error_quark (void);

/* A contact's queue. Stored: never renumber. */
typedef enum {
  TB_CONTACT_STATUS_ANY = -1,             /* not stored: "every queue" in queries */
  TB_CONTACT_STATUS_NEEDS_FIRST_TEXT = 0,
  TB_CONTACT_STATUS_WAITING = 1,          /* texted, no reply yet */
  TB_CONTACT_STATUS_NEEDS_REPLY = 2,
  TB_CONTACT_STATUS_CLOSED = 3,
  TB_CONTACT_STATUS_OPTED_OUT = 4,
} TbContactStatus;

#define TB_CONTACT_N_STATUSES 5

/* Stored: never renumber. */
typedef enum {
  TB_MESSAGE_STATE_QUEUED = 0,      /* pressed, not yet handed to a provider */
  TB_MESSAGE_STATE_SENDING = 1,     /* committed before the request goes out */
  TB_MESSAGE_STATE_ACCEPTED = 2,    /* the provider took it and gave an id */
  TB_MESSAGE_STATE_SENT = 3,
  TB_MESSAGE_STATE_DELIVERED = 4,
  TB_MESSAGE_STATE_UNDELIVERED = 5,
  TB_MESSAGE_STATE_FAILED = 6,
  TB_MESSAGE_STATE_UNKNOWN = 7,     /* may have reached the provider: reconcile */
  TB_MESSAGE_STATE_RECEIVED = 8,    /* inbound */
} TbMessageState;

#define TB_MESSAGE_N_STATES 9

/* Stored: never renumber. */
typedef enum {
  TB_MESSAGE_DIRECTION_IN = 0,
  TB_MESSAGE_DIRECTION_OUT = 1,
} TbMessageDirection;

/* Stored: never renumber. */
typedef enum {
  TB_CAMPAIGN_STATE_ANY = -1,       /* not stored: for listing */
  TB_CAMPAIGN_STATE_ACTIVE = 0,
  TB_CAMPAIGN_STATE_ARCHIVED = 1,
} TbCampaignState;

/* Stored: never renumber. */
typedef enum {
  TB_OPT_OUT_SOURCE_KEYWORD = 0,    /* the contact texted STOP */
  TB_OPT_OUT_SOURCE_MANUAL = 1,     /* a texter pressed Opt out */
  TB_OPT_OUT_SOURCE_CARRIER = 2,    /* the provider refused (Twilio 21610) */
  TB_OPT_OUT_SOURCE_IMPORT = 3,     /* an imported do-not-text list */
} TbOptOutSource;

/* Stable lower-case names ("needs_first_text", "queued", "in", "keyword", …)
 * for JSON, CSV and logs; the _from_string functions return FALSE for an
 * unknown name. */
const char *tb_contact_status_to_string   (TbContactStatus     status);
gboolean    tb_contact_status_from_string (const char         *name,
                                           TbContactStatus    *status_out);
const char *tb_message_state_to_string    (TbMessageState      state);
gboolean    tb_message_state_from_string  (const char         *name,
                                           TbMessageState     *state_out);
const char *tb_message_direction_to_string (TbMessageDirection direction);
const char *tb_campaign_state_to_string   (TbCampaignState     state);
const char *tb_opt_out_source_to_string   (TbOptOutSource      source);
gboolean    tb_opt_out_source_from_string (const char         *name,
                                           TbOptOutSource     *source_out);

/* TRUE when the state is final (delivered, undelivered, failed, received):
 * no poll needs to ask about it again. Failed may still be retried by a
 * person (tb_store_message_retry()). */
gboolean    tb_message_state_is_final     (TbMessageState      state);
/* TRUE when the store allows a message to move from one state to another. */
gboolean    tb_message_state_can_change   (TbMessageState      from,
                                           TbMessageState      to);

/* A move along the send state machine (tb_store_message_change_state).
 * provider_id, error_code and error_text NULL: kept as they are;
 * segments 0: kept. */
typedef struct {
  gint64          message_id;
  TbMessageState  state;
  const char     *provider_id;
  const char     *error_code;
  const char     *error_text;
  int             segments;
} TbMessageStateChange;

/* Contacts per queue in one campaign. */
typedef struct {
  gint64 by_status[TB_CONTACT_N_STATUSES]; /* indexed by TbContactStatus */
  gint64 total;
} TbQueueCounts;

typedef struct {
  gint64  id;
  gint64  campaign_id;
  char   *title;
  char   *body;
  int     position;
} TbCannedReply;

typedef struct {
  gint64  id;
  gint64  question_id;
  char   *label;
  char   *body;      /* an optional follow-up message, or NULL */
  int     position;
} TbSurveyAnswer;

typedef struct {
  gint64     id;
  gint64     campaign_id;
  char      *text;
  int        position;
  GPtrArray *answers; /* of TbSurveyAnswer, by position */
} TbSurveyQuestion;

typedef struct {
  gint64  contact_id;
  gint64  question_id;
  gint64  answer_id;
  gint64  texter_id;  /* 0 when unknown */
  gint64  created_at;
} TbSurveyResponse;

typedef struct {
  gint64  id;
  char   *name;
} TbTag;

typedef struct {
  gint64    id;
  char     *name;
  char     *pin_hash;  /* NULL when the texter has no PIN */
  gboolean  is_admin;
  gint64    created_at;
} TbTexter;

typedef struct {
  gint64  id;
  gint64  at;
  gint64  texter_id;   /* 0 when no texter was signed in */
  char   *texter_name; /* NULL with texter_id 0 */
  char   *action;      /* "send", "opt_out", "opt_out_undo", "import", … */
  char   *subject;     /* what it was done to: a phone, a campaign id, … */
  char   *detail;
} TbAuditEntry;

typedef struct {
  char           *phone;
  TbOptOutSource  source;
  gint64          message_id;  /* the STOP message, or 0 */
  gint64          texter_id;   /* 0 when none */
  gint64          created_at;
} TbOptOut;

/* Outbound figures count messages; replied and opted_out count contacts. */
typedef struct {
  gint64 contacts;
  gint64 first_texts;   /* outbound first texts pressed */
  gint64 sent;          /* outbound messages pressed (any state) */
  gint64 delivered;
  gint64 failed;        /* failed or undelivered */
  gint64 pending;       /* queued, sending, unknown */
  gint64 received;      /* inbound messages */
  gint64 replied;       /* contacts with at least one inbound message */
  gint64 opted_out;     /* contacts in the opted-out queue */
} TbCampaignStats;

typedef struct {
  gint64  texter_id;    /* 0 for messages with no texter */
  char   *texter_name;
  gint64  sent;         /* outbound messages pressed */
  gint64  first_texts;
  gint64  replies;      /* outbound messages that were not first texts */
  gint64  delivered;
  gint64  failed;
  gint64  opted_out;    /* opt-outs recorded by this texter */
  gint64  first_press_at;
  gint64  last_press_at;
  double  sends_per_hour; /* sent / hours between first and last press (min 1 minute) */
} TbTexterStats;

/* What the stats page shows, read at one moment (tb_store_stats_snapshot_async()). */
typedef struct {
  TbQueueCounts    counts;
  TbCampaignStats  campaign;       /* all time */
  GPtrArray       *texters;        /* of TbTexterStats, by name, all time */
  gint64           hours_from;     /* UTC µs: where the first hour starts */
  guint            n_hours;
  gint64          *sent_per_hour;  /* n_hours outbound messages, an hour each from hours_from */
} TbStatsSnapshot;

void tb_canned_reply_free    (TbCannedReply    *reply);
void tb_survey_answer_free   (TbSurveyAnswer   *answer);
void tb_survey_question_free (TbSurveyQuestion *question);
void tb_survey_response_free (TbSurveyResponse *response);
void tb_tag_free             (TbTag            *tag);
void tb_texter_free          (TbTexter         *texter);
void tb_audit_entry_free     (TbAuditEntry     *entry);
void tb_opt_out_free         (TbOptOut         *opt_out);
void tb_texter_stats_free    (TbTexterStats    *stats);
void tb_stats_snapshot_free  (TbStatsSnapshot  *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbCannedReply, tb_canned_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbSurveyAnswer, tb_survey_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbSurveyQuestion, tb_survey_question_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbSurveyResponse, tb_survey_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbTag, tb_tag_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbTexter, tb_texter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbAuditEntry, tb_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbOptOut, tb_opt_out_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbTexterStats, tb_texter_stats_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TbStatsSnapshot, tb_stats_snapshot_free)

G_END_DECLS
