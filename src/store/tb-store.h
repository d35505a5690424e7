/* tb-store.h: the Textbank database
 *
 * One TbStore per database file, used from the thread that opened it (its
 * thread-default main context is where the signals are emitted). Imports
 * and exports run in worker threads on their own connections.
 *
 * The public API names no SQLite type: a PostgreSQL backend can implement
 * the same functions later.
 *
 * Lists are returned as GPtrArrays that own their elements (free with
 * g_ptr_array_unref). A "get" that finds nothing returns NULL with a
 * TB_STORE_ERROR_NOT_FOUND error. Times are UTC microseconds
 * (g_get_real_time()); 0 means "none".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tb-store-types.h"
#include "tb-campaign.h"
#include "tb-contact.h"
#include "tb-message.h"

G_BEGIN_DECLS

/* The schema version this code writes (PRAGMA user_version). */
#define TB_STORE_VERSION 2

#define TB_TYPE_STORE (tb_store_get_type ())
G_DECLARE_FINAL_TYPE (TbStore, tb_store, TB, STORE, GObject)

/* Signals (always emitted on the opening thread's main context, also for
 * changes made by an import or export worker):
 *   "campaigns-changed"  (gint64 campaign_id)            0: several
 *   "contacts-changed"   (gint64 campaign_id, gint64 contact_id)
 *                        contact_id 0: many contacts of the campaign (an
 *                        import, an opt-out); campaign_id 0: any campaign
 *   "messages-changed"   (gint64 contact_id, gint64 message_id)
 *                        contact_id 0: an unknown sender's message;
 *                        message_id 0: several messages of that contact
 *   "opt-outs-changed"   (const char *phone)               NULL: several
 */

/* ---- Opening -------------------------------------------------------- */

/* $XDG_DATA_HOME/textbank/textbank.db */
char            *tb_store_default_path        (void);

/* Opens (creating it and its folders when missing) and migrates the
 * database. A file written by a newer version fails with
 * TB_STORE_ERROR_NEWER_VERSION and is left untouched; a read-only file
 * with TB_STORE_ERROR_READ_ONLY; a damaged one with TB_STORE_ERROR_CORRUPT. */
TbStore         *tb_store_open                (const char        *path,
                                               GError           **error);
const char      *tb_store_get_path            (TbStore           *self);
/* Makes every commit so far survive a power cut (commits are otherwise
 * synced to disk only now and then): for what must be on disk before
 * another party acts on it. A send's claim, before the provider is asked;
 * an incoming message, before the webhook answers Twilio 200 (it does not
 * send that message again). One fsync of the WAL, in a worker thread: on a
 * busy or spinning disk it takes 10-100 ms. */
void             tb_store_sync_async          (TbStore           *self,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
gboolean         tb_store_sync_finish         (TbStore           *self,
                                               GAsyncResult      *result,
                                               GError           **error);

/* PRAGMA integrity_check plus the schema version, for `textbank-cli check`.
 * problems_out gets NULL when all is well, else one line per problem. */
gboolean         tb_store_check               (TbStore           *self,
                                               int               *version_out,
                                               GStrv             *problems_out,
                                               GError           **error);

/* ---- Settings kept in the database (e.g. the admin passphrase hash) ---- */

/* NULL with no error when the key is not set. */
char            *tb_store_setting_get         (TbStore           *self,
                                               const char        *key,
                                               GError           **error);
/* value NULL removes the key. */
gboolean         tb_store_setting_set         (TbStore           *self,
                                               const char        *key,
                                               const char        *value,
                                               GError           **error);

/* ---- Campaigns ------------------------------------------------------ */

gint64           tb_store_campaign_create     (TbStore           *self,
                                               const char        *name,
                                               const char        *description,
                                               const char        *sender,
                                               gboolean           is_demo,
                                               GError           **error);
TbCampaign      *tb_store_campaign_get        (TbStore           *self,
                                               gint64             campaign_id,
                                               GError           **error);
/* By id. state TB_CAMPAIGN_STATE_ANY lists all. GPtrArray of TbCampaign. */
GPtrArray       *tb_store_campaign_list       (TbStore           *self,
                                               TbCampaignState    state,
                                               GError           **error);
/* NULL strings and negative hours keep the current value. */
gboolean         tb_store_campaign_update     (TbStore           *self,
                                               gint64             campaign_id,
                                               const char        *name,
                                               const char        *description,
                                               const char        *sender,
                                               int                hours_start_min,
                                               int                hours_end_min,
                                               GError           **error);
gboolean         tb_store_campaign_set_initial_message (TbStore  *self,
                                               gint64             campaign_id,
                                               const char        *body,
                                               GError           **error);
gboolean         tb_store_campaign_set_state  (TbStore           *self,
                                               gint64             campaign_id,
                                               TbCampaignState    state,
                                               GError           **error);
gboolean         tb_store_campaign_archive    (TbStore           *self,
                                               gint64             campaign_id,
                                               GError           **error);

/* ---- Scripts: canned replies, survey questions, responses, tags ------- */

gint64           tb_store_canned_reply_add    (TbStore           *self,
                                               gint64             campaign_id,
                                               const char        *title,
                                               const char        *body,
                                               GError           **error);
gboolean         tb_store_canned_reply_update (TbStore           *self,
                                               gint64             reply_id,
                                               const char        *title,
                                               const char        *body,
                                               GError           **error);
/* Moves a reply to a position (0 first), shifting the others. */
gboolean         tb_store_canned_reply_move   (TbStore           *self,
                                               gint64             reply_id,
                                               int                position,
                                               GError           **error);
gboolean         tb_store_canned_reply_remove (TbStore           *self,
                                               gint64             reply_id,
                                               GError           **error);
/* GPtrArray of TbCannedReply, by position. */
GPtrArray       *tb_store_canned_reply_list   (TbStore           *self,
                                               gint64             campaign_id,
                                               GError           **error);

gint64           tb_store_question_add        (TbStore           *self,
                                               gint64             campaign_id,
                                               const char        *text,
                                               GError           **error);
/* follow_up_body may be NULL. */
gint64           tb_store_answer_add          (TbStore           *self,
                                               gint64             question_id,
                                               const char        *label,
                                               const char        *follow_up_body,
                                               GError           **error);
gboolean         tb_store_question_remove     (TbStore           *self,
                                               gint64             question_id,
                                               GError           **error);
/* GPtrArray of TbSurveyQuestion with their answers, by position. */
GPtrArray       *tb_store_question_list       (TbStore           *self,
                                               gint64             campaign_id,
                                               GError           **error);

/* One answer per contact and question: a new one replaces the old.
 * answer_id 0 clears the response. */
gboolean         tb_store_response_set        (TbStore           *self,
                                               gint64             contact_id,
                                               gint64             question_id,
                                               gint64             answer_id,
                                               gint64             texter_id,
                                               GError           **error);
/* GPtrArray of TbSurveyResponse. */
GPtrArray       *tb_store_response_list       (TbStore           *self,
                                               gint64             contact_id,
                                               GError           **error);

/* Tags are shared by all campaigns; ensure returns the id of the tag with
 * that name, creating it when missing. */
gint64           tb_store_tag_ensure          (TbStore           *self,
                                               const char        *name,
                                               GError           **error);
GPtrArray       *tb_store_tag_list            (TbStore           *self,
                                               GError           **error);
gboolean         tb_store_contact_tag_add     (TbStore           *self,
                                               gint64             contact_id,
                                               gint64             tag_id,
                                               gint64             texter_id,
                                               GError           **error);
gboolean         tb_store_contact_tag_remove  (TbStore           *self,
                                               gint64             contact_id,
                                               gint64             tag_id,
                                               GError           **error);
/* GPtrArray of TbTag. */
GPtrArray       *tb_store_contact_tag_list    (TbStore           *self,
                                               gint64             contact_id,
                                               GError           **error);

/* ---- Texters and the audit trail ------------------------------------ */

/* pin_hash may be NULL. A name already taken fails with DUPLICATE. */
gint64           tb_store_texter_add          (TbStore           *self,
                                               const char        *name,
                                               const char        *pin_hash,
                                               gboolean           is_admin,
                                               GError           **error);
TbTexter        *tb_store_texter_get          (TbStore           *self,
                                               gint64             texter_id,
                                               GError           **error);
TbTexter        *tb_store_texter_get_by_name  (TbStore           *self,
                                               const char        *name,
                                               GError           **error);
/* GPtrArray of TbTexter, by name. */
GPtrArray       *tb_store_texter_list         (TbStore           *self,
                                               GError           **error);
gboolean         tb_store_texter_set_pin_hash (TbStore           *self,
                                               gint64             texter_id,
                                               const char        *pin_hash,
                                               GError           **error);
gboolean         tb_store_texter_set_admin    (TbStore           *self,
                                               gint64             texter_id,
                                               gboolean           is_admin,
                                               GError           **error);

/* texter_id 0 when nobody is signed in; subject and detail may be NULL. */
gint64           tb_store_audit_add           (TbStore           *self,
                                               gint64             texter_id,
                                               const char        *action,
                                               const char        *subject,
                                               const char        *detail,
                                               GError           **error);
/* Newest first. before_id 0 starts at the newest; pass the last entry's id
 * for the next page. GPtrArray of TbAuditEntry. */
GPtrArray       *tb_store_audit_list          (TbStore           *self,
                                               gint64             before_id,
                                               guint              limit,
                                               GError           **error);

/* ---- Contacts and the queries the texting screen needs ---------------- */

TbContact       *tb_store_contact_get         (TbStore           *self,
                                               gint64             contact_id,
                                               GError           **error);
/* Adds one contact (the import adds many faster). phone must be E.164;
 * fields_json a JSON object or NULL; time_zone may be NULL. A phone already
 * in the campaign fails with DUPLICATE; an opted-out phone gets the
 * opted-out status. */
gint64           tb_store_contact_add         (TbStore           *self,
                                               gint64             campaign_id,
                                               const char        *phone,
                                               const char        *first_name,
                                               const char        *last_name,
                                               const char        *zip,
                                               const char        *time_zone,
                                               const char        *fields_json,
                                               GError           **error);
/* Corrects a contact's name (NULL: empty); search finds the new name. */
gboolean         tb_store_contact_set_name    (TbStore           *self,
                                               gint64             contact_id,
                                               const char        *first_name,
                                               const char        *last_name,
                                               GError           **error);
/* Skip, close, reopen. To opt out use tb_store_opt_out_add(); a contact on
 * the opt-out list cannot be moved out of OPTED_OUT here. */
gboolean         tb_store_contact_set_status  (TbStore           *self,
                                               gint64             contact_id,
                                               TbContactStatus    status,
                                               GError           **error);

/* O(1): kept by triggers. */
gboolean         tb_store_contact_counts      (TbStore           *self,
                                               gint64             campaign_id,
                                               TbQueueCounts     *counts_out,
                                               GError           **error);
/* The lowest-id contact needing a first text with an id above after_id (0
 * from the start; pass a skipped contact's id to skip it). NULL with no
 * error when there is none. */
TbContact       *tb_store_contact_next_first_text (TbStore       *self,
                                               gint64             campaign_id,
                                               gint64             after_id,
                                               GError           **error);
/* Keyset paging: up to limit contacts with id > after_id, by id, in one
 * queue (TB_CONTACT_STATUS_ANY for all), optionally matching search (a name
 * prefix, "first last" prefixes, or phone digits as a prefix of the number
 * with or without its country code; NULL or "" for no search).
 * GPtrArray of TbContact. */
GPtrArray       *tb_store_contact_page        (TbStore           *self,
                                               gint64             campaign_id,
                                               TbContactStatus    status,
                                               const char        *search,
                                               gint64             after_id,
                                               guint              limit,
                                               GError           **error);
/* How many contacts tb_store_contact_page() would walk through. O(1)
 * without search; with one it visits every match (about 50 ms for 120,000
 * at a million contacts): on the main thread use the _async form. */
gint64           tb_store_contact_count       (TbStore           *self,
                                               gint64             campaign_id,
                                               TbContactStatus    status,
                                               const char        *search,
                                               GError           **error);
/* tb_store_contact_count() in a worker thread on a connection of its own,
 * for a search whose matches are many (every match is visited). Cancelling
 * interrupts the query; finish then fails with G_IO_ERROR_CANCELLED.
 * Without search it answers at once (O(1)). finish returns -1 on error. */
void             tb_store_contact_count_async (TbStore           *self,
                                               gint64             campaign_id,
                                               TbContactStatus    status,
                                               const char        *search,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
gint64           tb_store_contact_count_finish (TbStore          *self,
                                               GAsyncResult      *result,
                                               GError           **error);
/* A batch of contact ids, ascending (tb_store_contact_find_async()). */
typedef void (*TbContactIdsFunc) (const gint64 *ids,
                                  guint         n_ids,
                                  gpointer      user_data);
/* The ids of every contact tb_store_contact_page() would list (the whole
 * queue without search), found in a worker thread on a connection of its
 * own. ids_func gets them in id order, in batches, in the caller's
 * thread-default main context: the first batch as soon as first_batch ids
 * (or all) are known, then a few a second; never once cancellable is
 * cancelled, and every batch before callback (at the latest inside
 * _finish). finish returns how many there were, or -1 with error
 * (G_IO_ERROR_CANCELLED when cancelled). */
void             tb_store_contact_find_async  (TbStore           *self,
                                               gint64             campaign_id,
                                               TbContactStatus    status,
                                               const char        *search,
                                               guint              first_batch,
                                               TbContactIdsFunc   ids_func,
                                               gpointer           ids_data,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
gint64           tb_store_contact_find_finish (TbStore          *self,
                                               GAsyncResult      *result,
                                               GError           **error);
/* The contacts with these ids (ascending, at most
 * TB_STORE_GET_MANY_MAX), element i for ids[i]; NULL where a contact no
 * longer exists. One query of primary key lookups. */
#define TB_STORE_GET_MANY_MAX 1000
GPtrArray       *tb_store_contact_get_many    (TbStore           *self,
                                               const gint64      *ids,
                                               guint              n_ids,
                                               GError           **error);
/* The id of the contact `skip` positions after after_id in the same order
 * as tb_store_contact_page() (skip 0 is the first one after after_id); 0
 * when there are fewer. Lets a list model find a far page's start. */
gint64           tb_store_contact_seek        (TbStore           *self,
                                               gint64             campaign_id,
                                               TbContactStatus    status,
                                               const char        *search,
                                               gint64             after_id,
                                               gint64             skip,
                                               GError           **error);

/* ---- Messages: the send path ------------------------------------------ */

/* One Send press: in one transaction, checks that the phone is not opted
 * out (OPTED_OUT) and inserts the message QUEUED with the texter and the
 * press time, then moves the contact to WAITING, and writes the audit row
 * (action "send", or "send_first_text" from queue_first_text; subject the
 * phone; detail "message ID"). A contact that still needs
 * its first text gets this as its first text. texter_id must name a texter
 * (promise 6: CONSTRAINT otherwise); pressed_at 0 means now. Texting hours
 * are the caller's to check (the store knows no clock policy).
 * press_id is a unique token per press: calling again with the same
 * press_id returns the same message id and inserts nothing. */
gint64           tb_store_message_queue_outbound (TbStore        *self,
                                               gint64             contact_id,
                                               const char        *body,
                                               gint64             texter_id,
                                               gint64             pressed_at,
                                               const char        *press_id,
                                               GError           **error);
/* The same for a press on a first-text screen: fails with ALREADY_TEXTED
 * when the contact has had its first text already (another texter, a stale
 * screen), so the initial message can never go twice. */
gint64           tb_store_message_queue_first_text (TbStore      *self,
                                               gint64             contact_id,
                                               const char        *body,
                                               gint64             texter_id,
                                               gint64             pressed_at,
                                               const char        *press_id,
                                               GError           **error);
/* Moves a message along the send state machine. Allowed:
 *   queued -> sending | failed
 *   sending -> accepted | sent | delivered | undelivered | failed | unknown
 *   unknown -> accepted | sent | delivered | undelivered | failed
 *   accepted -> sent | delivered | undelivered | failed
 *   sent -> delivered | undelivered | failed
 * Setting the current state again only fills in what is given. Anything
 * else fails with INVALID_STATE and changes nothing. provider_id,
 * error_code and error_text may be NULL (kept as they are). A provider id
 * used by another message fails with DUPLICATE. */
gboolean         tb_store_message_set_state   (TbStore           *self,
                                               gint64             message_id,
                                               TbMessageState     state,
                                               const char        *provider_id,
                                               const char        *error_code,
                                               const char        *error_text,
                                               GError           **error);
/* tb_store_message_set_state() with the provider's segment count too
 * (segments > 0), in the same statement. */
gboolean         tb_store_message_change_state (TbStore                    *self,
                                               const TbMessageStateChange *change,
                                               GError                    **error);
/* Several changes in one transaction: one commit (one write of the pages
 * they share) instead of one each. A change that cannot be made (the row
 * moved on meanwhile, a duplicate provider id) is skipped and the others
 * are made. Returns how many were made; 0 with error set when the
 * transaction itself failed (then none was). */
guint            tb_store_message_change_states (TbStore                    *self,
                                               const TbMessageStateChange *changes,
                                               guint                       n_changes,
                                               GError                    **error);
/* queued → sending, only if the row is still queued: of two programs (or
 * two outboxes) about to send the same row, one wins and the other gets
 * TB_STORE_ERROR_INVALID_STATE. Committed, not yet on disk: a sender calls
 * tb_store_sync_async() before it asks the provider. */
gboolean         tb_store_message_claim       (TbStore           *self,
                                               gint64             message_id,
                                               GError           **error);
/* The same, also recording the provider and our number (NULL: kept) in
 * the same statement and commit. */
gboolean         tb_store_message_claim_for   (TbStore           *self,
                                               gint64             message_id,
                                               const char        *provider,
                                               const char        *our_phone,
                                               GError           **error);
/* Which provider carries it and from which number; set when it goes out. */
gboolean         tb_store_message_set_provider (TbStore          *self,
                                               gint64             message_id,
                                               const char        *provider,
                                               const char        *our_phone,
                                               int                segments,
                                               GError           **error);
/* A person pressed Retry on a FAILED message: it becomes QUEUED again
 * (same row, so a first text stays the only first text) with the new
 * texter, press time and press_id. The same press_id again is a no-op. */
gboolean         tb_store_message_retry       (TbStore           *self,
                                               gint64             message_id,
                                               gint64             texter_id,
                                               gint64             pressed_at,
                                               const char        *press_id,
                                               GError           **error);
TbMessage       *tb_store_message_get         (TbStore           *self,
                                               gint64             message_id,
                                               GError           **error);
TbMessage       *tb_store_message_get_by_provider_id (TbStore    *self,
                                               const char        *provider_id,
                                               GError           **error);
/* Outbound messages in a state, oldest press first (the outbox takes
 * QUEUED; reconciliation takes SENDING and UNKNOWN; status polls take
 * ACCEPTED and SENT). limit 0: no limit. GPtrArray of TbMessage. */
GPtrArray       *tb_store_message_list_by_state (TbStore         *self,
                                               TbMessageState     state,
                                               guint              limit,
                                               GError           **error);
/* The failed outbound messages a retry could still send, oldest press
 * first: those to a number on the opt-out list are left out (a retry of
 * one is always refused, promise 1). limit 0: no limit. */
GPtrArray       *tb_store_message_list_retryable (TbStore         *self,
                                               guint              limit,
                                               GError           **error);
/* How many tb_store_message_list_retryable() would list; -1 on error. */
gint64           tb_store_message_count_retryable (TbStore        *self,
                                               GError           **error);
/* Stores an inbound message once: a provider_id seen before is not an
 * error: it returns the existing message's id with *duplicate_out TRUE.
 * Attaches it to the contact with that phone (the one texted most
 * recently, preferring campaigns whose sender is to_phone) and moves that
 * contact to NEEDS_REPLY (an opted-out contact stays opted out). A sender
 * that matches no contact is kept as an unknown sender (contact id 0).
 * duplicate_out and contact_id_out may be NULL. */
gint64           tb_store_message_insert_inbound (TbStore        *self,
                                               const char        *from_phone,
                                               const char        *to_phone,
                                               const char        *body,
                                               const char        *provider_id,
                                               gint64             received_at,
                                               gboolean          *duplicate_out,
                                               gint64            *contact_id_out,
                                               GError           **error);
/* A conversation, oldest first (by press or receive time, then id).
 * GPtrArray of TbMessage. */
GPtrArray       *tb_store_message_list_for_contact (TbStore      *self,
                                               gint64             contact_id,
                                               GError           **error);
/* Inbound messages that matched no contact, newest first. */
GPtrArray       *tb_store_unknown_sender_list (TbStore           *self,
                                               GError           **error);
/* Attaches an unknown sender's message to a contact (whose phone must be
 * the sender's), which then needs a reply. */
gboolean         tb_store_message_attach      (TbStore           *self,
                                               gint64             message_id,
                                               gint64             contact_id,
                                               GError           **error);

/* ---- Opt-outs: one list across every campaign ------------------------ */

/* Records an opt-out (phone in E.164) and moves every contact with that
 * phone, in every campaign, to OPTED_OUT. message_id and texter_id may be
 * 0. A phone already on the list keeps its first record and returns TRUE. */
gboolean         tb_store_opt_out_add         (TbStore           *self,
                                               const char        *phone,
                                               TbOptOutSource     source,
                                               gint64             message_id,
                                               gint64             texter_id,
                                               GError           **error);
/* An admin's undo: the contacts go back to the queue they were in before
 * (audited with the texter). NOT_FOUND when the phone is not listed. */
gboolean         tb_store_opt_out_remove      (TbStore           *self,
                                               const char        *phone,
                                               gint64             texter_id,
                                               GError           **error);
gboolean         tb_store_is_opted_out        (TbStore           *self,
                                               const char        *phone,
                                               GError           **error);
/* By phone; after_phone NULL from the start. limit 0: no limit.
 * GPtrArray of TbOptOut. */
GPtrArray       *tb_store_opt_out_list        (TbStore           *self,
                                               const char        *after_phone,
                                               guint              limit,
                                               GError           **error);

/* ---- Stats ----------------------------------------------------------- */

/* since 0: all time; otherwise messages pressed or received since then. */
gboolean         tb_store_stats_campaign      (TbStore           *self,
                                               gint64             campaign_id,
                                               gint64             since,
                                               TbCampaignStats   *stats_out,
                                               GError           **error);
/* Per texter; campaign_id 0 for every campaign (an end-of-shift summary).
 * GPtrArray of TbTexterStats, by texter name. */
GPtrArray       *tb_store_stats_texters       (TbStore           *self,
                                               gint64             campaign_id,
                                               gint64             since,
                                               GError           **error);
/* Everything the stats page shows, read in a worker thread on a connection
 * of its own, in one read transaction: the queue counts, the all-time
 * figures, the texters, and the outbound messages in each of n_hours hours
 * from hours_from (UTC µs; a later message counts in the last hour).
 * Cancelling stops a running query. */
void             tb_store_stats_snapshot_async  (TbStore             *self,
                                                 gint64               campaign_id,
                                                 gint64               hours_from,
                                                 guint                n_hours,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TbStatsSnapshot *tb_store_stats_snapshot_finish (TbStore             *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
