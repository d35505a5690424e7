#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a source file with translatable strings is missing from
po/POTFILES.in, or when POTFILES.in names a file that does not exist.

A file has translatable strings when it calls _( N_( C_( NC_( ngettext(
g_dngettext( (C and C++ under src/) or has translatable="yes" (data/ui/*.ui
and any other .ui). TAP output, one line per check.
  check-potfiles.py SOURCE_ROOT
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true)"')

listed = set()
for line in (root / 'po' / 'POTFILES.in').read_text().splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.add(line)

needed = set()
for path in sorted((root / 'src').rglob('*')):
    if path.suffix in ('.c', '.cc') and C_MARKERS.search(path.read_text(errors='replace')):
        needed.add(path.relative_to(root).as_posix())
for path in sorted((root / 'data').rglob('*.ui')):
    if UI_MARKER.search(path.read_text(errors='replace')):
        needed.add(path.relative_to(root).as_posix())

checks = []
for name in sorted(needed):
    checks.append((name in listed, f'{name} is in po/POTFILES.in'))
for name in sorted(listed):
    checks.append(((root / name).exists(), f'po/POTFILES.in: {name} exists'))

print(f'1..{len(checks)}')
failed = 0
for number, (ok, text) in enumerate(checks, 1):
    print(f'{"ok" if ok else "not ok"} {number} - {text}')
    failed += not ok
if failed:
    print(f'# {failed} problem(s): add translatable files to po/POTFILES.in, drop missing ones')
sys.exit(1 if failed else 0)
