#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the built textbank-cli's admin, audit and shift-summary subcommands
on a real database file and checks the admin passphrase gate.

Usage: test-cli-admin.py PATH/TO/textbank-cli    (TAP on stdout)
"""

import json
import os
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
PASSPHRASE = "a long admin passphrase"
results = []
tmp = tempfile.TemporaryDirectory(prefix="test-cli-admin-")
DB = os.path.join(tmp.name, "sub", "textbank.db")


def run(*args, env=None, stdin=""):
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith("TEXTBANK_")}
    full_env.update(env or {})
    return subprocess.run([CLI, "--database", DB, *args], capture_output=True,
                          text=True, timeout=60, env=full_env, input=stdin)


def check(name, func):
    try:
        func()
        results.append((True, name, ""))
    except Exception as e:  # report every failure, keep going
        results.append((False, name, repr(e)))


def expect(got, want):
    if got != want:
        raise AssertionError(f"got {got!r}, want {want!r}")


def expect_in(needle, haystack):
    if needle not in haystack:
        raise AssertionError(f"{needle!r} not in {haystack!r}")


def open_before_passphrase():
    # No passphrase yet: a single-user machine, the audit is open.
    proc = run("audit", "--json")
    expect(proc.returncode, 0)
    expect(json.loads(proc.stdout), [])


def weak_passphrase_refused():
    proc = run("admin", "set-passphrase",
               env={"TEXTBANK_NEW_ADMIN_PASSPHRASE": "short"})
    expect(proc.returncode, 1)
    expect_in("at least 8 characters", proc.stderr)


def set_passphrase():
    proc = run("admin", "set-passphrase",
               env={"TEXTBANK_NEW_ADMIN_PASSPHRASE": PASSPHRASE})
    expect(proc.returncode, 0)
    raw = open(DB, "rb").read()
    for suffix in ("-wal",):
        if os.path.exists(DB + suffix):
            raw += open(DB + suffix, "rb").read()
    if PASSPHRASE.encode() in raw:
        raise AssertionError("the passphrase is stored in clear")
    expect_in(b"$argon2id$", raw)


def audit_needs_passphrase():
    proc = run("audit")
    expect(proc.returncode, 1)
    expect_in("needs the admin passphrase", proc.stderr)
    expect(proc.stdout, "")


def audit_wrong_passphrase():
    proc = run("--passphrase-stdin", "audit", stdin="not it at all\n")
    expect(proc.returncode, 1)
    expect_in("not the right passphrase", proc.stderr)
    expect(proc.stdout, "")


def audit_right_passphrase_stdin():
    proc = run("audit", "--json", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    expect(proc.returncode, 0)
    actions = [e["action"] for e in json.loads(proc.stdout)]
    expect(actions[0], "admin_unlock")
    expect_in("admin_unlock_failed", actions)
    expect_in("admin_passphrase_set", actions)


def change_needs_current():
    proc = run("admin", "set-passphrase",
               env={"TEXTBANK_NEW_ADMIN_PASSPHRASE": "another passphrase"})
    expect(proc.returncode, 1)
    # Current then new, one line each.
    proc = run("--passphrase-stdin", "admin", "set-passphrase",
               stdin=PASSPHRASE + "\nanother passphrase\n")
    expect(proc.returncode, 0)
    proc = run("admin", "set-passphrase", env={
        "TEXTBANK_ADMIN_PASSPHRASE": "another passphrase",
        "TEXTBANK_NEW_ADMIN_PASSPHRASE": PASSPHRASE})
    expect(proc.returncode, 0)


def rate_limited():
    env = {"TEXTBANK_ADMIN_PASSPHRASE": "guess guess"}
    for _ in range(3):
        expect(run("audit", env=env).returncode, 1)
    # Now the right one is refused too, and restarting the CLI does not help.
    proc = run("audit", env={"TEXTBANK_ADMIN_PASSPHRASE": PASSPHRASE})
    expect(proc.returncode, 1)
    expect_in("Too many wrong tries", proc.stderr)
    expect(proc.stdout, "")


def shift_summary():
    proc = run("shift-summary", "--json", "--all")
    expect(proc.returncode, 0)
    expect(json.loads(proc.stdout), [])
    proc = run("shift-summary", "--since", "yesterday")
    expect(proc.returncode, 2)
    expect_in("not an ISO 8601 time", proc.stderr)


def store_commands_gated():
    # Runs after the rate-limit check: start from a clean count.
    csv = os.path.join(tmp.name, "contacts.csv")
    with open(csv, "w") as f:
        f.write("first_name,last_name,phone,zip\nAda,Lovelace,(512) 555-0101,78701\n")
    proc = run("campaign", "create", "Gate", "--sender", "+15125550000")
    expect(proc.returncode, 0)
    ok_env = {"TEXTBANK_ADMIN_PASSPHRASE": PASSPHRASE}
    for args in (("import", "--campaign", "1", csv),
                 ("export", "--campaign", "1", "--contacts", os.path.join(tmp.name, "c.csv")),
                 ("optout", "remove", "+15125550101", "--texter", "Ana"),
                 ("optout", "list")):
        proc = run(*args)
        expect(proc.returncode, 1)
        expect_in("needs the admin passphrase", proc.stderr)
    expect(os.path.exists(os.path.join(tmp.name, "c.csv")), False)
    # Anyone may record an opt-out, with their name.
    expect(run("optout", "add", "+15125550101", "--texter", "Ana").returncode, 0)
    expect(run("import", "--campaign", "1", csv, env=ok_env).returncode, 0)
    expect(run("export", "--campaign", "1", "--contacts", os.path.join(tmp.name, "c.csv"),
               env=ok_env).returncode, 0)
    expect(run("optout", "remove", "+15125550101", "--texter", "Ana", env=ok_env).returncode, 0)
    entries = json.loads(run("audit", "--json", env=ok_env).stdout)
    actions = [e["action"] for e in entries]
    expect_in("import", actions)
    expect_in("export", actions)
    # The opt-out, its undo and the admin unlock for it name the texter.
    by_action = {}
    for e in entries:
        by_action.setdefault(e["action"], []).append(e)
    expect([e["texter"] for e in by_action["opt_out"]], ["Ana"])
    expect([e["texter"] for e in by_action["opt_out_undo"]], ["Ana"])
    expect_in("Ana", [e["texter"] for e in by_action["admin_unlock"]])


def send_test_gated():
    # send-test is the admin's too (the app keeps it in its provider settings).
    proc = run("send-test", "--to", "+15125550101", "--from", "+15125550100", "--simulator")
    expect(proc.returncode, 1)
    expect_in("needs the admin passphrase", proc.stderr)
    expect(proc.stdout, "")
    proc = run("send-test", "--to", "+15125550101", "--from", "+15125550100", "--simulator",
               "--json", env={"TEXTBANK_ADMIN_PASSPHRASE": PASSPHRASE})
    expect(proc.returncode, 0)
    expect(json.loads(proc.stdout)["simulator"], True)


def reset_rate_limit():
    # The lock-out is real (30 s); the gate test below would wait for it.
    import sqlite3
    with sqlite3.connect(DB) as db:
        db.execute("DELETE FROM setting WHERE key LIKE 'auth.limit.%'")


def usage():
    proc = run("admin", "reset")
    expect(proc.returncode, 2)


check("audit is open before a passphrase is set", open_before_passphrase)
check("a weak passphrase is refused", weak_passphrase_refused)
check("set-passphrase stores only an Argon2id hash", set_passphrase)
check("audit needs the passphrase", audit_needs_passphrase)
check("a wrong passphrase fails", audit_wrong_passphrase)
check("the right passphrase on stdin works and is audited", audit_right_passphrase_stdin)
check("changing the passphrase needs the current one", change_needs_current)
check("wrong passphrases are rate limited across runs", rate_limited)
check("shift-summary", shift_summary)
check("reset the rate limit", reset_rate_limit)
check("import, export and optout remove/list need the passphrase", store_commands_gated)
check("send-test needs the passphrase", send_test_gated)
check("admin: unknown command", usage)

print(f"1..{len(results)}")
for i, (ok, name, why) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        print(f"# {why}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
