#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A refused textbank-cli command leaves the database as it was (promise 7).

`optout add|remove` and `send` sign in by name, which adds a texter the
first time a name is used. Each case here runs one command that must be
refused on a copy of the same database, then compares every table before
and after: no new texter, no opt-out change, no message, and in the audit
only what the design records for a refused admin unlock (a wrong guess:
`admin_unlock_failed` and the rate-limit counter, docs/workstation.md).
The accepted commands still record their texter (promise 6).

Usage: test-cli-refused.py PATH/TO/textbank-cli    (TAP on stdout)
"""

import collections
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zoneinfo

CLI = sys.argv[1]
PASSPHRASE = "a long admin passphrase"
RIGHT = {"TEXTBANK_ADMIN_PASSPHRASE": PASSPHRASE}
WRONG = {"TEXTBANK_ADMIN_PASSPHRASE": "not the passphrase"}
# A seed per send: the same seed gives the same provider ids in every run.
SIMULATOR = {"TEXTBANK_SIMULATOR_SEED": "7"}
SIMULATOR_AGAIN = {"TEXTBANK_SIMULATOR_SEED": "8"}
TMP = tempfile.mkdtemp(prefix="test-cli-refused-")
BASE = os.path.join(TMP, "base", "textbank.db")
results = []

# The contacts of campaign 1 (Doors) and 2 (Other), by phone.
ADA, BOB, CY, DEE = "+15124630101", "+15124630102", "+15124630103", "+15124630104"
EVE = "+15124630105"


def run(db, *args, env=None, stdin=""):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTBANK_")}
    full_env.update(env or {})
    return subprocess.run([CLI, "--database", db, *args], capture_output=True,
                          text=True, timeout=60, env=full_env, input=stdin)


def run_ok(db, *args, env=None):
    proc = run(db, *args, env=env)
    if proc.returncode != 0:
        raise AssertionError(f"{args}: exit {proc.returncode}: {proc.stderr}")
    return proc


def expect(got, want):
    if got != want:
        raise AssertionError(f"got {got!r}, want {want!r}")


def expect_in(needle, haystack):
    if needle not in haystack:
        raise AssertionError(f"{needle!r} not in {haystack!r}")


def sql(db, statement, *params):
    with sqlite3.connect(db) as conn:
        return conn.execute(statement, params).fetchall()


def contact_id(db, phone, campaign=1):
    return sql(db, "SELECT id FROM contact WHERE phone = ? AND campaign_id = ?", phone, campaign)[0][0]


def make_base():
    os.makedirs(os.path.dirname(BASE))
    csv1 = os.path.join(TMP, "doors.csv")
    csv2 = os.path.join(TMP, "other.csv")
    with open(csv1, "w") as f:
        f.write("first_name,last_name,phone,zip\n"
                "Ada,Lovelace,(512) 463-0101,78701\nBob,Babbage,(512) 463-0102,78701\n"
                "Cy,Young,(512) 463-0103,78701\nDee,Dee,(512) 463-0104,78701\n")
    with open(csv2, "w") as f:
        f.write("first_name,last_name,phone,zip\nEve,Evans,(512) 463-0105,78701\n")
    run_ok(BASE, "campaign", "create", "Doors", "--sender", "+15125550000")
    run_ok(BASE, "campaign", "create", "Other", "--sender", "+15125550001")
    run_ok(BASE, "import", "--campaign", "1", csv1)
    run_ok(BASE, "import", "--campaign", "2", csv2)
    # Open all day, so only the hours case depends on the clock.
    sql(BASE, "UPDATE campaign SET hours_start_min = 0, hours_end_min = 1440,"
              " initial_message = 'Hi {first_name}, it is {texter_name}' WHERE id = 1")
    sql(BASE, "UPDATE campaign SET hours_start_min = 0, hours_end_min = 1440 WHERE id = 2")
    run_ok(BASE, "optout", "add", ADA, "--texter", "Rosa")
    # Bob has had his first text.
    sent = run_ok(BASE, "send", "--campaign", "1", "--contact", str(contact_id(BASE, BOB)),
                  "--texter", "Rosa", "--provider", "simulator", "--json", env=SIMULATOR)
    expect(json.loads(sent.stdout)["first_text"], True)
    # A texter with a PIN signs in only through the PIN check (the app).
    sql(BASE, "INSERT INTO texter (name, pin_hash, created_at) VALUES"
              " ('Pia', '$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaA', 0)")
    run_ok(BASE, "admin", "set-passphrase", env={"TEXTBANK_NEW_ADMIN_PASSPHRASE": PASSPHRASE})


def fresh_copy(name):
    path = os.path.join(TMP, name, "textbank.db")
    os.makedirs(os.path.dirname(path))
    for suffix in ("", "-wal"):
        if os.path.exists(BASE + suffix):
            shutil.copyfile(BASE + suffix, path + suffix)
    return path


def snapshot(db):
    """Every row of every stored table (the FTS index's shadow tables too)."""
    tables = {}
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]
        for name in names:
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            tables[name] = [dict(r) for r in rows]
    return tables


def changes(before, after):
    """What changed, in terms a case can state: the audit rows added (action,
    texter's name), the setting keys changed, and other tables' added and
    removed row counts."""
    names = {r["id"]: r["name"] for r in after.get("texter", [])}
    summary = {}
    for table in sorted(set(before) | set(after)):
        b = collections.Counter(tuple(sorted(r.items())) for r in before.get(table, []))
        a = collections.Counter(tuple(sorted(r.items())) for r in after.get(table, []))
        added = [dict(r) for r in (a - b).elements()]
        removed = [dict(r) for r in (b - a).elements()]
        if not added and not removed:
            continue
        if table == "audit" and not removed:
            summary["audit"] = [(r["action"], names.get(r["texter_id"])) for r in added]
        elif table == "setting":
            summary["setting"] = sorted({r["key"] for r in added + removed})
        else:
            summary[table] = {"added": len(added), "removed": len(removed)}
    return summary


# A wrong guess is audited and counted (rate limit), whoever is named.
def wrong_guess(texter=None):
    return {"audit": [("admin_unlock_failed", texter)], "setting": ["auth.limit.admin"]}


def refused(name, args, status, message, env=None, expected=None, prepare=None, stdin=""):
    """A case: ARGS on a fresh copy exits STATUS, says MESSAGE, and changes
    nothing but EXPECTED."""
    def case():
        db = fresh_copy(name)
        if prepare is not None:
            prepare(db)
        before = snapshot(db)
        proc = run(db, *[a(db) if callable(a) else a for a in args], env=env, stdin=stdin)
        expect(proc.returncode, status)
        expect_in(message, proc.stderr)
        expect(proc.stdout, "")
        expect(changes(before, snapshot(db)), expected or {})
    return name, case


def contact(phone, campaign=1):
    return lambda db: str(contact_id(db, phone, campaign))


def close_hours_now(db):
    """Sets campaign 1's window to an hour that is not now in Austin."""
    now = datetime.datetime.now(zoneinfo.ZoneInfo("America/Chicago"))
    minute = now.hour * 60 + now.minute
    start = (minute + 600) % 1380
    sql(db, "UPDATE campaign SET hours_start_min = ?, hours_end_min = ? WHERE id = 1",
        start, start + 60)


SEND = ("send", "--provider", "simulator", "--texter", "Newt", "--campaign")

CASES = [
    # optout remove: the admin's. Asked first, before anyone is signed in.
    refused("optout remove, new name, no passphrase",
            ("optout", "remove", ADA, "--texter", "Newt"), 1,
            "Undoing an opt-out: this needs the admin passphrase"),
    refused("optout remove, new name, wrong passphrase",
            ("optout", "remove", ADA, "--texter", "Newt"), 1,
            "not the right passphrase", env=WRONG, expected=wrong_guess()),
    refused("optout remove, new name, wrong passphrase on stdin",
            ("--passphrase-stdin", "optout", "remove", ADA, "--texter", "Newt"), 1,
            "not the right passphrase", stdin="guess\n", expected=wrong_guess()),
    refused("optout remove, known name, wrong passphrase: the guess names them",
            ("optout", "remove", ADA, "--texter", "Rosa"), 1,
            "not the right passphrase", env=WRONG, expected=wrong_guess("Rosa")),
    # Which numbers are listed is the admin's to know: the passphrase first,
    # and the unlock is audited (naming nobody: Newt is new).
    refused("optout remove, a number not on the list: nothing to undo",
            ("optout", "remove", CY, "--texter", "Newt"), 1,
            "+15124630103 is not on the opt-out list", env=RIGHT,
            expected={"audit": [("admin_unlock", None)]}),
    refused("optout remove, a texter with a PIN, right passphrase",
            ("optout", "remove", ADA, "--texter", "Pia"), 1, "Pia has a PIN", env=RIGHT),
    refused("optout remove, a blank name",
            ("optout", "remove", ADA, "--texter", "  "), 1, "A texter needs a name", env=RIGHT),
    # optout add: anyone, but not as a texter with a PIN.
    refused("optout add, a texter with a PIN",
            ("optout", "add", CY, "--texter", "Pia"), 1, "Pia has a PIN"),
    refused("optout add, not a phone number",
            ("optout", "add", "hello", "--texter", "Newt"), 1, "hello"),
    # send: every refusal comes before the new name is added.
    refused("send, no such campaign", (*SEND, "99", "--contact", contact(CY)), 1,
            "There is no campaign with id 99"),
    refused("send, no such contact", (*SEND, "1", "--contact", "999"), 1,
            "There is no contact with id 999"),
    refused("send, a contact of another campaign", (*SEND, "1", "--contact", contact(EVE, 2)), 1,
            "is not in campaign 1"),
    refused("send, an opted-out contact", (*SEND, "1", "--contact", contact(ADA)), 1,
            "has opted out"),
    refused("send, outside texting hours", (*SEND, "1", "--contact", contact(CY)), 1,
            "Outside texting hours", prepare=close_hours_now),
    refused("send, an empty body", (*SEND, "1", "--contact", contact(CY), "--body", "  "), 1,
            "The message is empty"),
    refused("send, a first text again", (*SEND, "1", "--contact", contact(BOB)), 1,
            "+15124630102 has had its first text already"),
    refused("send, no initial message", (*SEND, "2", "--contact", contact(EVE, 2)), 1,
            "has no initial message"),
    refused("send, a texter with a PIN",
            ("send", "--provider", "simulator", "--texter", "Pia", "--campaign", "1",
             "--contact", contact(CY)), 1, "Pia has a PIN"),
    # send-test signs nobody in: a wrong guess is all it records.
    refused("send-test, wrong passphrase",
            ("send-test", "--simulator", "--to", CY, "--from", "+15125550000"), 1,
            "not the right passphrase", env=WRONG, expected=wrong_guess()),
]


def audit_since(db, first_id):
    return [tuple(r) for r in sql(
        db, "SELECT audit.action, texter.name FROM audit LEFT JOIN texter"
            " ON texter.id = audit.texter_id WHERE audit.id > ? ORDER BY audit.id", first_id)]


def optout_remove_accepted():
    # Promise 6: the accepted undo adds and records the new texter.
    db = fresh_copy("optout remove accepted")
    last = sql(db, "SELECT max(id) FROM audit")[0][0]
    out = json.loads(run_ok(db, "optout", "remove", ADA, "--texter", "  Nia ", "--json",
                            env=RIGHT).stdout)
    nia = sql(db, "SELECT id FROM texter WHERE name = 'Nia'")
    expect(len(nia), 1)
    expect({k: out[k] for k in ("phone", "opted_out", "texter", "texter_id")},
           {"phone": ADA, "opted_out": False, "texter": "Nia", "texter_id": nia[0][0]})
    expect(sql(db, "SELECT count(*) FROM opt_out WHERE phone = ?", ADA), [(0,)])
    # The unlock came before the new name existed, so it names nobody.
    expect(audit_since(db, last),
           [("admin_unlock", None), ("sign_in", "Nia"), ("opt_out_undo", "Nia")])


def optout_add_accepted():
    db = fresh_copy("optout add accepted")
    out = json.loads(run_ok(db, "optout", "add", CY, "--texter", "Nia", "--json").stdout)
    expect(out["texter"], "Nia")
    expect(sql(db, "SELECT texter.name FROM opt_out JOIN texter ON texter.id = opt_out.texter_id"
                   " WHERE phone = ?", CY), [("Nia",)])


def send_accepted():
    db = fresh_copy("send accepted")
    out = json.loads(run_ok(db, *SEND, "1", "--contact", str(contact_id(db, CY)),
                            "--json", env=SIMULATOR_AGAIN).stdout)
    expect(out["texter"], "Newt")
    expect(out["body"], "Hi Cy, it is Newt")
    expect(sql(db, "SELECT texter.name FROM message JOIN texter ON texter.id = message.texter_id"
                   " WHERE message.id = ?", out["id"]), [("Newt",)])


try:
    make_base()
except Exception as e:  # nothing else can run
    print("1..1\nnot ok 1 - the base database\n# " + repr(e).replace("\n", "\n# "))
    shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(1)

CASES += [("optout remove accepted: the new texter is recorded", optout_remove_accepted),
          ("optout add accepted: the new texter is recorded", optout_add_accepted),
          ("send accepted: the new texter is recorded", send_accepted)]
for name, func in CASES:
    try:
        func()
        results.append((True, name, ""))
    except Exception as e:  # report every failure, keep going
        results.append((False, name, repr(e)))
shutil.rmtree(TMP, ignore_errors=True)

print(f"1..{len(results)}")
for i, (ok, name, why) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        print("# " + why.replace("\n", "\n# "))
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
