#!/usr/bin/env python3
# test-cli-phone-csv.py: runs the built textbank-cli's phone, check-csv and
# keyword subcommands on fixture files and checks their JSON and exit codes.
#
#   test-cli-phone-csv.py TEXTBANK_CLI DATA_DIR GENERATOR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile

CLI, DATA, GENERATOR = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []
count = 0


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def check(name, condition, detail=""):
    global count
    count += 1
    if condition:
        print("ok %d - %s" % (count, name))
    else:
        print("not ok %d - %s %s" % (count, name, detail))
        failures.append(name)


def test_phone():
    code, out, err = run("phone", "(512) 463-0123 ext. 9", "911", "512-555-0150", "", "+44 20 7946 0958",
                         "--json")
    check("phone exits 0", code == 0, err)
    got = json.loads(out)
    expected = [
        {"input": "(512) 463-0123 ext. 9", "e164": "+15124630123", "valid": True, "reason": None},
        {"input": "911", "e164": None, "valid": False, "reason": "short_code"},
        {"input": "512-555-0150", "e164": None, "valid": False, "reason": "fictional"},
        {"input": "", "e164": None, "valid": False, "reason": "empty"},
        {"input": "+44 20 7946 0958", "e164": "+442079460958", "valid": True, "reason": None},
    ]
    check("phone gives one object per input", len(got) == len(expected), out)
    for g, e in zip(got, expected):
        check("phone %r" % e["input"], {k: g.get(k) for k in e} == e, repr(g))
    check("phone reports the dropped extension", got[0]["extension_dropped"] is True)
    check("phone message names the input", "512-555-0150" in got[2]["message"])

    code, out, _ = run("phone", "--allow-fictional", "--json", "512-555-0150")
    check("phone --allow-fictional", json.loads(out)[0]["e164"] == "+15125550150", out)

    code, out, _ = run("phone", "--region", "GB", "--json", "020 7946 0958")
    check("phone --region GB", json.loads(out)[0]["e164"] == "+442079460958", out)

    code, out, _ = run("phone", "5124630123")
    check("phone prints text without --json", code == 0 and out == "5124630123\t+15124630123\n", out)

    code, _, err = run("phone")
    check("phone without numbers is a usage error", code == 2 and "phone" in err, err)
    code, _, err = run("phone", "--region", "Narnia", "5124630123")
    check("phone with a bad region is a usage error", code == 2 and "Narnia" in err, err)


def test_check_csv():
    code, out, err = run("check-csv", os.path.join(DATA, "contacts.csv"), "--json")
    check("check-csv exits 0", code == 0, err)
    code, _, err = run("check-csv", "--region", "Narnia", os.path.join(DATA, "contacts.csv"))
    check("check-csv with a bad region is a usage error naming it",
          code == 2 and "Narnia" in err and "check-csv" in err, err)
    got = json.loads(out)
    summary = {k: got[k] for k in ("records", "valid", "duplicates", "invalid_phone", "missing_phone",
                                   "bad_records", "extensions_dropped", "encoding", "complete")}
    check("check-csv counts", summary == {
        "records": 10, "valid": 3, "duplicates": 1, "invalid_phone": 4, "missing_phone": 1,
        "bad_records": 1, "extensions_dropped": 1, "encoding": "UTF-8", "complete": True}, repr(summary))
    check("check-csv columns", got["columns"] == {
        "First Name": "first_name", "Last Name": "last_name", "Cell Phone": "phone",
        "Zip Code": "zip", "Precinct": "custom", "Notes": "custom"}, repr(got["columns"]))
    errors = [(e["record"], e["line"], e["reason"]) for e in got["errors"]]
    check("check-csv errors with record and line", errors == [
        (3, 4, "duplicate"), (4, 5, "missing_phone"), (5, 6, "fictional"), (6, 7, "short_code"),
        (7, 8, "not_a_number"), (8, 11, "too_many_fields"), (10, 15, "not_a_number")], repr(errors))
    check("check-csv duplicate names the first record", "record 1" in got["errors"][0]["message"])
    check("check-csv nothing omitted", got["errors_omitted"] == 0)

    code, out, _ = run("check-csv", os.path.join(DATA, "contacts.csv"), "--json", "--max-errors", "2")
    got = json.loads(out)
    check("check-csv --max-errors caps the list", len(got["errors"]) == 2 and got["errors_omitted"] == 5, out)

    code, out, _ = run("check-csv", os.path.join(DATA, "contacts.csv"), "--json", "--allow-fictional")
    check("check-csv --allow-fictional", json.loads(out)["valid"] == 4, out)

    code, out, _ = run("check-csv", os.path.join(DATA, "contacts.csv"))
    check("check-csv text", code == 0 and "Record 8 (line 11): 7 fields, but the header has 6" in out, out)

    code, out, err = run("check-csv", os.path.join(DATA, "windows-1252.csv"), "--json")
    got = json.loads(out)
    check("check-csv reads Windows-1252", code == 0 and got["encoding"] == "WINDOWS-1252"
          and got["valid"] == 2, out)

    code, out, err = run("check-csv", os.path.join(DATA, "unterminated.csv"), "--json")
    got = json.loads(out)
    check("check-csv stops at an unterminated quote", code == 1 and got["complete"] is False
          and got["records"] == 1 and "line 3" in got["fatal"], out + err)

    code, out, err = run("check-csv", os.path.join(DATA, "no-phone.csv"), "--json")
    check("check-csv without a phone column names the columns", code == 1 and out == ""
          and "“First Name”, “Last Name”, “Home Phone”, “Zip”" in err, err)

    code, out, err = run("check-csv", os.path.join(DATA, "empty.csv"))
    check("check-csv on an empty file", code == 1 and "empty" in err, err)

    code, out, err = run("check-csv", os.path.join(DATA, "does-not-exist.csv"))
    check("check-csv on a missing file", code == 1 and "does-not-exist.csv" in err, err)

    code, _, err = run("check-csv")
    check("check-csv without a file is a usage error", code == 2, err)


def test_check_csv_generated():
    # The generator's output, small: every record is accounted for.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "contacts.csv")
        subprocess.run([sys.executable, GENERATOR, "-n", "3000", "-o", path], check=True)
        code, out, err = run("check-csv", path, "--json", "--max-errors", "10")
        got = json.loads(out)
        total = (got["valid"] + got["duplicates"] + got["invalid_phone"] + got["missing_phone"]
                 + got["bad_records"])
        check("generated file: every record counted", code == 0 and got["records"] == 3000 and total == 3000, out)
        check("generated file: about 90% valid", 0.85 < got["valid"] / 3000 < 0.95, out)
        check("generated file: duplicates found", got["duplicates"] > 0, out)
        check("generated file: errors capped", len(got["errors"]) == 10 and got["errors_omitted"] > 0, out)


def test_keyword():
    code, out, err = run("keyword", "--json", "STOP", "please stop texting me", "Sure!")
    got = json.loads(out) if code == 0 else None
    check("keyword --json classifies each text", got == [
        {"input": "STOP", "keyword": "opt-out"},
        {"input": "please stop texting me", "keyword": "likely-opt-out"},
        {"input": "Sure!", "keyword": "none"},
    ], out + err)


test_phone()
test_check_csv()
test_check_csv_generated()
test_keyword()
print("1..%d" % count)
sys.exit(1 if failures else 0)
