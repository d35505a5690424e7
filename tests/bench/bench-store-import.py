#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import benchmark: textbank-cli import of a generated VAN-style CSV against
the sqlite3 tool's `.import --csv` of the same file into a plain table, in
the same run. Prints time, peak RSS and the ratio; never fails for being
slow.

Usage: bench-store-import.py TEXTBANK_CLI GEN_CONTACTS_CSV [RECORDS [BENCH_IMPORT_WAIT]]

With BENCH_IMPORT_WAIT (bench-import-wait.c), also times a write on the
main connection every 20 ms during an import of the same file: how long a
Send press waits behind the import's transactions.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

CLI, GENERATOR = sys.argv[1], sys.argv[2]
RECORDS = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
WAIT_BENCH = sys.argv[4] if len(sys.argv) > 4 else None


def measure(argv, stdin=None):
    """Runs argv; returns (seconds, peak RSS in MiB, stdout, CPU seconds)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin else None,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if stdin:
        proc.stdin.write(stdin)
        proc.stdin.close()
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[0]} failed ({proc.returncode}): {err}")
    return seconds, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def main():
    sqlite3 = shutil.which("sqlite3")
    tmp = tempfile.mkdtemp(prefix="bench-store-import-")
    try:
        csv_path = os.path.join(tmp, "contacts.csv")
        subprocess.run([sys.executable, GENERATOR, "-n", str(RECORDS), "-o", csv_path], check=True)
        size = os.path.getsize(csv_path) / 1e6
        print(f"# {RECORDS} records, {size:.1f} MB")

        raw_time = raw_rss = None
        if sqlite3:
            raw_db = os.path.join(tmp, "raw.db")
            raw_time, raw_rss, _, raw_cpu = measure([sqlite3, raw_db],
                                                    stdin=f".import --csv {csv_path} contacts\n")
            print(f"sqlite3 .import --csv (plain table): {raw_time:.2f} s ({raw_cpu:.2f} s CPU), "
                  f"peak RSS {raw_rss:.1f} MiB")
        else:
            print("# sqlite3 tool not found: no reference")

        db = os.path.join(tmp, "textbank.db")
        measure([CLI, "--database", db, "campaign", "create", "Bench"])
        tb_time, tb_rss, out, tb_cpu = measure([CLI, "--database", db, "import", "--campaign", "1",
                                                csv_path, "--json"])
        report = json.loads(out)
        print(f"textbank-cli import: {tb_time:.2f} s ({tb_cpu:.2f} s CPU), peak RSS {tb_rss:.1f} MiB "
              f"({RECORDS / tb_time:,.0f} records/s)")
        print("# " + ", ".join(f"{k} {report[k]}" for k in
                               ("records", "imported", "duplicates", "invalid_phone",
                                "missing_phone", "opted_out", "bad_records")))
        if raw_time:
            print(f"ratio textbank / sqlite3 .import: {tb_time / raw_time:.2f}x wall, "
                  f"{tb_cpu / raw_cpu:.2f}x CPU (target within 2x); RSS target under 100 MiB")
        # Importing the same file again: every row a duplicate.
        again_time, again_rss, out, _ = measure([CLI, "--database", db, "import", "--campaign", "1",
                                              csv_path, "--json"])
        print(f"the same file again (all duplicates): {again_time:.2f} s, peak RSS {again_rss:.1f} MiB")
        if WAIT_BENCH:
            _, _, out, _ = measure([WAIT_BENCH, csv_path])
            print(out, end="")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
