/* tb-demo-data.h: the fictional people and scripts of the demo campaign
 *
 * Pure data, no store: tb_session_ensure_demo_campaign() writes it.
 * Phones are in the NANP range reserved for fiction, +1 NPA 555-01XX.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char       *phone;       /* E.164 */
  const char *first_name;
  const char *last_name;
  const char *zip;
  const char *time_zone;   /* IANA name */
  const char *city;
  char       *precinct;
  const char *volunteer;   /* custom field: "yes", "no", "maybe" */
} TbDemoContact;

typedef struct {
  const char *title;
  const char *body;
} TbDemoScript;

typedef struct {
  const char *question;
  const char *answers[5];  /* NULL-terminated labels */
} TbDemoQuestion;

/* The initial message: names the sender, says how to opt out. */
extern const char *const tb_demo_initial_message;
extern const TbDemoScript tb_demo_canned_replies[];
extern const gsize tb_demo_n_canned_replies;
extern const TbDemoQuestion tb_demo_question;

/* The n first demo contacts (n <= 200): distinct phones over 14 area codes
 * in 7 time zones (Eastern, Central, Mountain, Arizona, Pacific, Alaska,
 * Hawaii). Free with g_array_unref. */
GArray   *tb_demo_contacts_new (guint n);

G_END_DECLS
