#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs textbank-cli in the environment meson gives (LANGUAGE=es) and checks
its usage text and a plural come out in Spanish. TAP output.
  check-spanish-run.py TEXTBANK_CLI
"""
import subprocess
import sys

cli = sys.argv[1]
checks = []

usage = subprocess.run([cli, '--help'], capture_output=True, text=True)
text = usage.stdout + usage.stderr
checks.append(('Subcomandos:' in text, 'the usage text is in Spanish'))
checks.append(('Subcommands:' not in text, 'no English left in the usage text'))

segments = subprocess.run([cli, 'segments', 'hola'], capture_output=True, text=True)
checks.append(('Segmentos:' in segments.stdout, 'segments prints Spanish labels'))

# The same program without LANGUAGE speaks English: the test can tell.
english = subprocess.run([cli, '--help'], capture_output=True, text=True,
                         env={'LC_ALL': 'C.UTF-8', 'PATH': '/usr/bin:/bin'})
checks.append(('Subcommands:' in english.stdout + english.stderr, 'without LANGUAGE it is English'))

print(f'1..{len(checks)}')
for number, (ok, name) in enumerate(checks, 1):
    print(f'{"ok" if ok else "not ok"} {number} - {name}')
sys.exit(0 if all(ok for ok, _ in checks) else 1)
