#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the built textbank-cli's `hours` subcommand and checks what it says.

Usage: test-cli-hours.py PATH/TO/textbank-cli    (TAP on stdout)
"""

import datetime
import json
import subprocess
import sys

CLI = sys.argv[1]
CONTINENTAL = ["America/New_York", "America/Chicago", "America/Denver",
               "America/Phoenix", "America/Los_Angeles"]
results = []


def run(*args):
    return subprocess.run([CLI, "hours", *args], capture_output=True, text=True,
                          timeout=60)


def run_json(*args):
    proc = run(*args, "--json")
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


def zip_open():
    out = run_json("--zip", "85001", "--at", "2026-01-15T16:00:00Z")
    expect(out["time_zones"], ["America/Phoenix"])
    expect(out["checked_zones"], ["America/Phoenix"])
    expect(out["allowed"], True)
    expect(out["status"], "open")
    expect(out["next_allowed"], None)
    expect(out["seconds_left"], 43200)
    expect(out["closes_at"], "2026-01-16T04:00:00Z")
    expect(out["window"], "09:00-21:00")
    expect(out["at"], "2026-01-15T16:00:00Z")


def phone_closed():
    out = run_json("--phone", "+18085550123", "--at", "2026-07-01T18:59:59Z")
    expect(out["time_zones"], ["Pacific/Honolulu"])
    expect(out["allowed"], False)
    expect(out["next_allowed"], "2026-07-01T19:00:00Z")
    expect(out["seconds_left"], None)


def multi_zone_phone():
    out = run_json("--phone", "+17015550100", "--at", "2026-01-15T15:30:00Z")
    expect(out["time_zones"], ["America/Denver", "America/North_Dakota/Center"])
    expect(out["allowed"], False)
    expect(out["next_allowed"], "2026-01-15T16:00:00Z")
    expect(out["deciding_zone"], "America/Denver")


def zip_wins_over_phone():
    out = run_json("--zip", "85001-1234", "--phone", "+18085550123",
                   "--at", "2026-01-15T16:00:00Z")
    expect(out["time_zones"], ["America/Phoenix"])


def unknown_contact():
    out = run_json("--at", "2026-01-15T16:59:59Z")
    expect(out["time_zones"], [])
    expect(out["checked_zones"], CONTINENTAL)
    expect(out["allowed"], False)
    expect(out["next_allowed"], "2026-01-15T17:00:00Z")
    out = run_json("--phone", "+19995550123", "--at", "2026-01-15T17:00:00Z")
    expect(out["time_zones"], [])
    expect(out["allowed"], True)
    expect(out["seconds_left"], 32400)


def offset_in_at():
    out = run_json("--zip", "85001", "--at", "2026-01-15T08:59:59-07:00")
    expect(out["at"], "2026-01-15T15:59:59Z")
    expect(out["allowed"], False)


def custom_window():
    out = run_json("--zip", "85001", "--window", "08:00-20:00",
                   "--at", "2026-01-15T15:30:00Z")
    expect(out["window"], "08:00-20:00")
    expect(out["allowed"], True)
    expect(out["seconds_left"], 11 * 3600 + 30 * 60)


def whole_day_window():
    out = run_json("--zip", "85001", "--window", "00:00-24:00",
                   "--at", "2026-01-15T15:30:00Z")
    expect(out["allowed"], True)
    expect(out["seconds_left"], None)
    expect(out["closes_at"], None)


def default_now():
    out = run_json("--zip", "10001")
    at = datetime.datetime.strptime(out["at"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)
    now = datetime.datetime.now(datetime.timezone.utc)
    if abs((now - at).total_seconds()) > 60:
        raise AssertionError(f"--at defaults to now, got {out['at']}")


def text_output():
    proc = run("--zip", "85001", "--window", "09:00-20:00", "--at", "2026-01-16T03:02:00Z")
    expect(proc.returncode, 0)
    if "8:02 PM in Phoenix; opens 9:00 AM" not in proc.stdout:
        raise AssertionError(proc.stdout)
    if "2026-01-16T16:00:00Z" not in proc.stdout:
        raise AssertionError(proc.stdout)


def usage_errors():
    for args, needle in [
        (["--window", "21:00-09:00"], "21:00"),
        (["--window", "9-21"], "9-21"),
        (["--at", "yesterday"], "yesterday"),
        (["85001"], "85001"),
        (["--no-such-option"], "no-such-option"),
    ]:
        proc = run(*args, "--json")
        expect(proc.returncode, 2)
        expect(proc.stdout, "")
        if needle not in proc.stderr:
            raise AssertionError(f"{args}: stderr does not name {needle!r}: {proc.stderr}")


for name, func in list(globals().items()):
    if callable(func) and func.__module__ == "__main__" and name not in (
            "run", "run_json", "check", "expect"):
        check(name, func)

print(f"1..{len(results)}")
for i, (ok, name, message) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        print(f"# {message}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
