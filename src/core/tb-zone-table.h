/* tb-zone-table.h: where a US ZIP code or a phone number prefix is, as time zones
 *
 * The tables come from data/tz (see data/tz/NOTICE), compacted at build time
 * and bundled in the core library's own GResource. They are loaded once, on
 * first use, from any thread.
 *
 * A "zone list" is what the data writes: one IANA name ("America/Phoenix") or
 * several joined by '&' ("America/Boise&America/Los_Angeles"). The strings
 * returned here live as long as the process: never free them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The zone list of a US ZIP code, or NULL when the ZIP is malformed or not in
 * the table. Accepted forms: "85001", " 85001 ", "85001-1234", "850011234",
 * and ZIPs a spreadsheet stripped of leading zeros: "2134" and "501" are read
 * as "02134" and "00501" (no US ZIP has fewer than five digits, so this is
 * never ambiguous). Anything else (letters, 6-8 or 10+ digits) is NULL. */
const char  *tb_zone_table_lookup_zip    (const char *zip);

/* The zone list of the longest prefix in the table that starts the number, or
 * NULL. The number is E.164 with or without the '+' ("+16025550123",
 * "16025550123"); anything but digits after that gives NULL. A match on
 * nothing more than the country code "1" (the table lists some 40 zones, from
 * Guam to Newfoundland, for it) is too vague to be useful and gives NULL too:
 * the caller then treats the zone as unknown (see tb-texting-hours.h). */
const char  *tb_zone_table_lookup_phone  (const char *e164);

/* Number of ZIP codes and phone prefixes loaded (for tests and benchmarks). */
guint        tb_zone_table_n_zips        (void);
guint        tb_zone_table_n_prefixes    (void);

G_END_DECLS
