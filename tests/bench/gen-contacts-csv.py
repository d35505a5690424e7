#!/usr/bin/env python3
# gen-contacts-csv.py: a realistic VAN-style contacts CSV for benchmarks
#
#   gen-contacts-csv.py [-n RECORDS] [--seed N] [-o FILE]
#
# Deterministic for a given seed. About 90% of the rows carry a valid,
# unique NANP cell number whose area code matches the row's state (so time
# zones vary); the rest are duplicates of an earlier number written another
# way, missing, invalid, fictional (555-01XX) or short codes. Addresses with
# commas and names with quotes exercise CSV quoting.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import csv
import random
import sys

# (area code, state, a ZIP prefix in that state, a city)
AREAS = [
    ("212", "NY", "100", "New York"), ("718", "NY", "112", "Brooklyn"),
    ("617", "MA", "021", "Boston"), ("215", "PA", "191", "Philadelphia"),
    ("305", "FL", "331", "Miami"), ("850", "FL", "323", "Tallahassee"),
    ("404", "GA", "303", "Atlanta"), ("312", "IL", "606", "Chicago"),
    ("214", "TX", "752", "Dallas"), ("512", "TX", "787", "Austin"),
    ("713", "TX", "770", "Houston"), ("915", "TX", "799", "El Paso"),
    ("303", "CO", "802", "Denver"), ("602", "AZ", "850", "Phoenix"),
    ("520", "AZ", "857", "Tucson"), ("801", "UT", "841", "Salt Lake City"),
    ("206", "WA", "981", "Seattle"), ("503", "OR", "972", "Portland"),
    ("415", "CA", "941", "San Francisco"), ("213", "CA", "900", "Los Angeles"),
    ("702", "NV", "891", "Las Vegas"), ("808", "HI", "968", "Honolulu"),
    ("907", "AK", "995", "Anchorage"), ("505", "NM", "871", "Albuquerque"),
    ("615", "TN", "372", "Nashville"), ("502", "KY", "402", "Louisville"),
    ("313", "MI", "482", "Detroit"), ("906", "MI", "498", "Marquette"),
    ("612", "MN", "554", "Minneapolis"), ("314", "MO", "631", "St. Louis"),
    ("504", "LA", "701", "New Orleans"), ("205", "AL", "352", "Birmingham"),
    ("601", "MS", "392", "Jackson"), ("919", "NC", "276", "Raleigh"),
    ("803", "SC", "292", "Columbia"), ("804", "VA", "232", "Richmond"),
    ("202", "DC", "200", "Washington"), ("207", "ME", "041", "Portland"),
    ("802", "VT", "054", "Burlington"), ("603", "NH", "031", "Manchester"),
    ("401", "RI", "029", "Providence"), ("860", "CT", "061", "Hartford"),
    ("201", "NJ", "073", "Jersey City"), ("302", "DE", "198", "Wilmington"),
    ("410", "MD", "212", "Baltimore"), ("304", "WV", "253", "Charleston"),
    ("317", "IN", "462", "Indianapolis"), ("219", "IN", "463", "Gary"),
    ("614", "OH", "432", "Columbus"), ("414", "WI", "532", "Milwaukee"),
    ("515", "IA", "503", "Des Moines"), ("402", "NE", "681", "Omaha"),
    ("308", "NE", "691", "North Platte"), ("316", "KS", "672", "Wichita"),
    ("405", "OK", "731", "Oklahoma City"), ("501", "AR", "722", "Little Rock"),
    ("701", "ND", "581", "Fargo"), ("605", "SD", "571", "Sioux Falls"),
    ("406", "MT", "591", "Billings"), ("208", "ID", "837", "Boise"),
    ("307", "WY", "820", "Cheyenne"),
]

FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
         "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan",
         "José", "María", "Nguyễn", "Aaliyah", "DeShawn", "Zoë", "Siobhán",
         "Wei", "Fatima", "Olumide", "Priya", "Connor", "Ana", "Luis", "Mei",
         'Robert "Bob"', "Anne-Marie", "JOHN", "mary"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
        "Davis", "Rodriguez", "Martinez", "Hernández", "Lopez", "Gonzalez",
        "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "O'Brien", "Nguyen", "Kim", "Patel", "Okafor", "Van der Berg", "Smith, Jr.",
        "Núñez", "Begay", "Kealoha"]
STREETS = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Park Blvd",
           "Washington Ave", "Lake Rd", "Hill St", "Sunset Blvd", "MLK Jr Blvd"]
PARTIES = ["D", "R", "I", "G", "L", "U", ""]


def exchange(rng):
    # NXX: 2-9 first, never N11, never 555 (the fictional exchange)
    while True:
        nxx = "%d%02d" % (rng.randint(2, 9), rng.randint(0, 99))
        if nxx[1:] != "11" and nxx != "555":
            return nxx


def write_as(rng, area, nxx, line):
    style = rng.randrange(8)
    if style == 0:
        return "(%s) %s-%s" % (area, nxx, line)
    if style == 1:
        return "%s-%s-%s" % (area, nxx, line)
    if style == 2:
        return "%s%s%s" % (area, nxx, line)
    if style == 3:
        return "+1 %s %s %s" % (area, nxx, line)
    if style == 4:
        return "1-%s-%s-%s" % (area, nxx, line)
    if style == 5:
        return "%s.%s.%s" % (area, nxx, line)
    if style == 6:
        return "+1%s%s%s" % (area, nxx, line)
    return "%s %s %s" % (area, nxx, line)


def bad_phone(rng, area):
    kind = rng.randrange(6)
    if kind == 0:
        return ""                                          # missing
    if kind == 1:
        return "%s-%04d" % (exchange(rng), rng.randrange(10000))  # no area code
    if kind == 2:
        return "(123) %s-%04d" % (exchange(rng), rng.randrange(10000))  # no such area code
    if kind == 3:
        return "%s-555-01%02d" % (area, rng.randrange(100))  # fictional
    if kind == 4:
        return rng.choice(["911", "311", "22333", "n/a", "none", "refused"])
    return "%s-%s-%04d%d" % (area, exchange(rng), rng.randrange(10000), rng.randrange(10))  # too long


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--records", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", newline="", encoding="utf-8")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["VanID", "FirstName", "LastName", "Address", "City", "State", "Zip5",
                     "CellPhone", "Email", "Precinct", "Party", "Age", "Notes"])

    recent = []          # numbers already used, for duplicates
    used = set()         # every valid number, so the valid ones stay unique
    for i in range(args.records):
        area, state, zip3, city = rng.choice(AREAS)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        roll = rng.random()
        if roll < 0.04 and recent:
            a, n, l = rng.choice(recent)
            phone = write_as(rng, a, n, l)                  # a duplicate, written another way
        elif roll < 0.10:
            phone = bad_phone(rng, area)
        else:
            while True:
                nxx, line = exchange(rng), "%04d" % rng.randrange(10000)
                key = area + nxx + line
                if key not in used:
                    break
            used.add(key)
            if len(recent) < 5000:
                recent.append((area, nxx, line))
            else:
                recent[rng.randrange(5000)] = (area, nxx, line)
            phone = write_as(rng, area, nxx, line)
            if rng.random() < 0.005:
                phone += " x%d" % rng.randrange(1, 999)     # an extension
        address = "%d %s" % (rng.randrange(1, 9999), rng.choice(STREETS))
        if rng.random() < 0.2:
            address += ", Apt %d" % rng.randrange(1, 400)
        email = "" if rng.random() < 0.3 else "%s.%s%d@example.com" % (
            first.split()[0].lower(), last.split()[0].lower().strip(",'"), rng.randrange(100))
        notes = "" if rng.random() < 0.9 else rng.choice([
            "Prefers Spanish", "Said \"call after 5\"", "Volunteer, 2024", "Line one\nline two"])
        writer.writerow([100000 + i, first, last, address, city, state,
                         "%s%02d" % (zip3, rng.randrange(100)), phone, email,
                         "%s-%03d" % (state, rng.randrange(1, 300)), rng.choice(PARTIES),
                         rng.randint(18, 99), notes])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
