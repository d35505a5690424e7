#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a translation has an untranslated or fuzzy string, as it is
and after merging it with a template regenerated from today's sources (so a
new string in the code without a translation fails too). TAP output.
  check-po-complete.py SOURCE_ROOT LANG [LANG…]

The template is built the way meson's i18n.gettext(preset: 'glib') builds
it (same xgettext keywords), into a temporary directory: nothing in the
source tree is touched.
"""
import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1])
languages = sys.argv[2:]

XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format', '--flag=g_fprintf:2:c-format',
]

checks = []


def statistics(po_path):
    """msgfmt --check --statistics: (check passed, counts, its output)."""
    run = subprocess.run(['msgfmt', '--check', '--statistics', '-o', '/dev/null', str(po_path)],
                         capture_output=True, text=True)
    output = (run.stdout + run.stderr).strip()
    counts = {kind: 0 for kind in ('translated', 'fuzzy', 'untranslated')}
    for number, kind in re.findall(r'(\d+) (translated|fuzzy|untranslated)', output):
        counts[kind] = int(number)
    return run.returncode == 0, counts, output


def check_po(label, po_path):
    passed, counts, output = statistics(po_path)
    for line in output.splitlines():
        print(f'# {label}: {line}')
    checks.append((passed, f'{label}: msgfmt --check passes'))
    checks.append((counts['translated'] > 0, f'{label}: has translated strings'))
    checks.append((counts['untranslated'] == 0, f'{label}: no untranslated strings ({counts["untranslated"]})'))
    checks.append((counts['fuzzy'] == 0, f'{label}: no fuzzy strings ({counts["fuzzy"]})'))


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    pot = tmp / 'textbank.pot'
    run = subprocess.run(['xgettext', '--package-name=textbank', '-D', str(root),
                          '--files-from=' + str(root / 'po' / 'POTFILES.in'),
                          '-o', str(pot)] + XGETTEXT_ARGS,
                         capture_output=True, text=True)
    checks.append((run.returncode == 0 and pot.exists(), 'xgettext builds a template from the sources'))
    for line in run.stderr.splitlines():
        print(f'# xgettext: {line}')
    # A msgid xgettext cannot read whole (a G_GINT64_FORMAT inside _()) is
    # never found at run time: say where.
    broken = [line for line in run.stderr.splitlines() if 'middle of a directive' in line]
    checks.append((not broken, f'every format string is readable by xgettext ({len(broken)} broken)'))

    for lang in languages:
        po = root / 'po' / f'{lang}.po'
        check_po(f'{lang}.po', po)
        if pot.exists():
            merged = tmp / f'{lang}.merged.po'
            run = subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', str(merged), str(po), str(pot)],
                                 capture_output=True, text=True)
            checks.append((run.returncode == 0, f'{lang}.po merges with the regenerated template'))
            if merged.exists():
                check_po(f'{lang}.po merged with today\'s sources', merged)
                # Name the strings still missing, to fix them quickly.
                missing = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', str(merged)],
                                         capture_output=True, text=True).stdout
                for msgid in re.findall(r'^msgid "(.+)"$', missing, re.M)[:20]:
                    print(f'# untranslated: {msgid}')

print(f'1..{len(checks)}')
failed = 0
for number, (ok, text) in enumerate(checks, 1):
    print(f'{"ok" if ok else "not ok"} {number} - {text}')
    failed += not ok
sys.exit(1 if failed else 0)
