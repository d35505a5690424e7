/* tb-demo-data.c: the fictional people and scripts of the demo campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tb-demo-data.h"

#include <glib/gi18n.h>

typedef struct {
  const char *npa;
  const char *zip;
  const char *time_zone;
  const char *city;
} DemoPlace;

/* Two blocks of seven area codes, one per block of 100 numbers
 * (555-0100..555-0199); the first block covers all seven zones. */
static const DemoPlace places[] = {
  { "212", "10001", "America/New_York", "New York" },
  { "312", "60601", "America/Chicago", "Chicago" },
  { "303", "80202", "America/Denver", "Denver" },
  { "602", "85004", "America/Phoenix", "Phoenix" },
  { "206", "98101", "America/Los_Angeles", "Seattle" },
  { "907", "99501", "America/Anchorage", "Anchorage" },
  { "808", "96813", "Pacific/Honolulu", "Honolulu" },
  { "404", "30303", "America/New_York", "Atlanta" },
  { "512", "78701", "America/Chicago", "Austin" },
  { "801", "84101", "America/Denver", "Salt Lake City" },
  { "480", "85004", "America/Phoenix", "Phoenix" },
  { "415", "94103", "America/Los_Angeles", "San Francisco" },
  /* Alaska and Hawaii have one area code each: the second block uses
   * others, so every phone stays distinct. */
  { "617", "02108", "America/New_York", "Boston" },
  { "503", "97204", "America/Los_Angeles", "Portland" },
};

static const char * const first_names[] = {
  "Avery", "Jordan", "Maria", "Wei", "Fatima", "Diego", "Priya", "Samuel",
  "Keiko", "Olu", "Grace", "Mateo", "Hannah", "Tariq", "Lucia", "Noah",
  "Aiyana", "Dmitri", "Rosa", "Kwame", "Elena", "Hiroshi", "Nadia",
};

static const char * const last_names[] = {
  "Rivera", "Chen", "Okafor", "Nguyen", "Schmidt", "Haddad", "Kowalski",
  "Patel", "Johnson", "Yamamoto", "Garcia", "Brooks", "Lindqvist", "Mensah",
  "O'Brien", "Castillo", "Novak", "Begay", "Ali",
};

static const char * const volunteer_answers[] = { "yes", "no", "maybe", "" };

const char *const tb_demo_initial_message =
  N_("Hi {first_name}, it's {texter_name}, a volunteer with Neighbors for "
     "Parks. Can we count on you to vote for the park bond on Nov 3? "
     "Reply STOP to opt out.");

const TbDemoScript tb_demo_canned_replies[] = {
  { N_("Thanks"), N_("Thank you, {first_name}! Have a great day.") },
  { N_("Where to vote"), N_("You can find your polling place at vote.example.org. Polls are open 7 AM to 8 PM.") },
  { N_("Who we are"), N_("Neighbors for Parks is a volunteer group working to keep our parks open and safe.") },
  { N_("Wrong number"), N_("Sorry about that! We'll take this number off our list.") },
  { N_("Volunteer"), N_("Wonderful! Someone from our team will reach out with volunteer shifts.") },
};
const gsize tb_demo_n_canned_replies = G_N_ELEMENTS (tb_demo_canned_replies);

const TbDemoQuestion tb_demo_question = {
  N_("Will you vote for the park bond?"),
  { N_("Yes"), N_("No"), N_("Undecided"), N_("Already voted"), NULL },
};

static void
demo_contact_clear (gpointer data)
{
  TbDemoContact *contact = data;

  g_clear_pointer (&contact->phone, g_free);
  g_clear_pointer (&contact->precinct, g_free);
}

GArray *
tb_demo_contacts_new (guint n)
{
  GArray *contacts;

  g_return_val_if_fail (n <= 200, NULL);

  contacts = g_array_sized_new (FALSE, TRUE, sizeof (TbDemoContact), n);
  g_array_set_clear_func (contacts, demo_contact_clear);

  for (guint i = 0; i < n; i++)
    {
      guint block = i / 100;
      guint line = i % 100;
      const DemoPlace *place = &places[block * 7 + line % 7];
      TbDemoContact contact = { NULL };

      contact.phone = g_strdup_printf ("+1%s55501%02u", place->npa, line);
      contact.first_name = first_names[i % G_N_ELEMENTS (first_names)];
      contact.last_name = last_names[(i * 7 + 3) % G_N_ELEMENTS (last_names)];
      contact.zip = place->zip;
      contact.time_zone = place->time_zone;
      contact.city = place->city;
      contact.precinct = g_strdup_printf ("%s-%03u", place->npa, 100 + (i * 37) % 60);
      contact.volunteer = volunteer_answers[(i * 5) % G_N_ELEMENTS (volunteer_answers)];
      g_array_append_val (contacts, contact);
    }

  return contacts;
}
