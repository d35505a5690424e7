#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the built textbank-cli's store subcommands on a temporary database:
campaign, import, export, stats, optout, check.

Usage: test-cli-store.py PATH/TO/textbank-cli DATA_DIR    (TAP on stdout)
"""

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
DATA = sys.argv[2]
MESSY = os.path.join(DATA, "messy.csv")
TMP = tempfile.mkdtemp(prefix="test-cli-store-")
DB = os.path.join(TMP, "nested", "textbank.db")
results = []


def run(*args, db=DB):
    return subprocess.run([CLI, "--database", db, *args], capture_output=True,
                          text=True, timeout=120)


def run_json(*args, db=DB):
    proc = run(*args, "--json", db=db)
    if proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return json.loads(proc.stdout)


def check(name, func):
    try:
        func()
        results.append((True, name, ""))
    except Exception as e:  # report every failure, keep going
        results.append((False, name, repr(e)))


def expect(got, want):
    if got != want:
        raise AssertionError(f"got {got!r}, want {want!r}")


def campaign():
    out = run_json("campaign", "create", "Spring", "--description", "Doors",
                   "--sender", "+15125550000")
    expect(out["id"], 1)
    expect(out["sender"], "+15125550000")
    listed = run_json("campaign", "list")
    expect([c["name"] for c in listed], ["Spring"])
    expect(run("campaign", "create").returncode, 2)
    expect(run("campaign", "frobnicate").returncode, 2)


def audit_rows(action, phone):
    with sqlite3.connect(DB) as db:
        return db.execute("SELECT audit.texter_id, texter.name FROM audit"
                          " LEFT JOIN texter ON texter.id = audit.texter_id"
                          " WHERE action = ? AND subject = ?", (action, phone)).fetchall()


def optout():
    # Every change records who made it: without --texter nothing happens.
    nobody = run("optout", "add", "(512) 463-0202")
    expect(nobody.returncode, 2)
    if "--texter" not in nobody.stderr:
        raise AssertionError(nobody.stderr)
    expect(audit_rows("opt_out", "+15124630202"), [])
    out = run_json("optout", "add", "(512) 463-0202", "--texter", "Rosa")
    expect({k: out[k] for k in ("phone", "opted_out", "texter")},
           {"phone": "+15124630202", "opted_out": True, "texter": "Rosa"})
    rosa = out["texter_id"]
    if rosa <= 0:
        raise AssertionError(out)
    listed = run_json("optout", "list")
    expect([r["phone"] for r in listed], ["+15124630202"])
    expect(listed[0]["source"], "manual")
    expect(listed[0]["texter_id"], rosa)
    expect(audit_rows("opt_out", "+15124630202"), [(rosa, "Rosa")])
    bad = run("optout", "add", "hello", "--texter", "Rosa")
    expect(bad.returncode, 1)
    if "hello" not in bad.stderr:
        raise AssertionError(bad.stderr)
    expect(run("optout", "remove", "+15129999999", "--texter", "Rosa").returncode, 1)
    expect(run("optout", "remove", "+15124630202").returncode, 2)
    # The undo (no admin passphrase on this database) names its texter too.
    out = run_json("optout", "remove", "+15124630202", "--texter", "Sam")
    expect({k: out[k] for k in ("opted_out", "texter")}, {"opted_out": False, "texter": "Sam"})
    expect(audit_rows("opt_out_undo", "+15124630202"), [(out["texter_id"], "Sam")])
    expect(run_json("optout", "list"), [])
    out = run_json("optout", "add", "+15124630202", "--texter", "Rosa")
    expect(out["texter_id"], rosa)


def import_messy():
    rejected = os.path.join(TMP, "rejected.csv")
    out = run_json("import", "--campaign", "1", MESSY, "--rejected", rejected)
    expect({k: out[k] for k in ("records", "imported", "duplicates", "invalid_phone",
                                "missing_phone", "opted_out")},
           {"records": 12, "imported": 4, "duplicates": 1, "invalid_phone": 3,
            "missing_phone": 2, "opted_out": 1})
    expect(len(out["errors"]), 8)
    expect(out["errors"][0]["line"], 4)
    expect(out["errors"][0]["reason"], "duplicate_in_file")
    with open(rejected, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    expect(rows[0][-1], "reason")
    expect(len(rows), 9)
    again = run_json("import", "--campaign", "1", MESSY)
    expect(again["imported"], 0)
    expect(again["duplicates"], 5)


def import_errors():
    expect(run("import", MESSY).returncode, 2)
    missing = run("import", "--campaign", "7", MESSY)
    expect(missing.returncode, 1)
    if "campaign with id 7" not in missing.stderr:
        raise AssertionError(missing.stderr)
    gone = run("import", "--campaign", "1", os.path.join(TMP, "nope.csv"))
    expect(gone.returncode, 1)
    if "nope.csv" not in gone.stderr:
        raise AssertionError(gone.stderr)


def stats():
    out = run_json("stats", "--campaign", "1")
    expect(out["contacts"], 4)
    expect(out["queues"]["needs_first_text"], 4)
    expect(out["texters"], [])


def export():
    contacts = os.path.join(TMP, "contacts.csv")
    messages = os.path.join(TMP, "messages.csv")
    out = run_json("export", "--campaign", "1", "--contacts", contacts, "--messages", messages)
    expect(out, {"contacts": 4, "messages": 0})
    with open(contacts, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expect([r["phone"] for r in rows],
           ["+15124630123", "+15124630124", "+15124630201", "+442079460958"])
    expect(rows[3]["first_name"], "'=Max")   # the formula guard
    expect(rows[1]["Notes"], 'Said "hi"')
    # Re-import into a new campaign: the same contacts.
    run_json("campaign", "create", "Copy")
    back = run_json("import", "--campaign", "2", contacts)
    expect(back["imported"], 4)
    expect(run("export", "--campaign", "1").returncode, 2)


def check_db():
    out = run_json("check")
    expect(out["ok"], True)
    expect(out["version"], 2)
    expect(out["problems"], [])


def newer_version_refused():
    path = os.path.join(TMP, "future.db")
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with open(path, "rb") as f:
        before = f.read()
    proc = run("check", db=path)
    expect(proc.returncode, 1)
    if "newer version" not in proc.stderr:
        raise AssertionError(proc.stderr)
    with open(path, "rb") as f:
        expect(f.read(), before)


def not_a_database():
    path = os.path.join(TMP, "garbage.db")
    with open(path, "wb") as f:
        f.write(b"x" * 4096)
    proc = run("check", db=path)
    expect(proc.returncode, 1)
    if "not a Textbank database" not in proc.stderr:
        raise AssertionError(proc.stderr)


for name, func in [("campaign create and list", campaign),
                   ("optout add, list, errors", optout),
                   ("import a messy file, twice", import_messy),
                   ("import errors", import_errors),
                   ("stats", stats),
                   ("export and re-import", export),
                   ("check", check_db),
                   ("a newer database is refused untouched", newer_version_refused),
                   ("not a database", not_a_database)]:
    check(name, func)

print(f"1..{len(results)}")
for i, (ok, name, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    if detail:
        print(f"# {detail}")

shutil.rmtree(TMP, ignore_errors=True)
