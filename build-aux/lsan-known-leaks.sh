#!/usr/bin/env bash
# Runs one test under LeakSanitizer and fails on every leak but one that GLib
# makes on purpose:
#
#   GLib's quark table starts as a 16 KiB block, allocated in GLib's library
#   constructor. When an app passes 2048 quarks (the UI tests do, once enough
#   widget types are loaded) GLib copies the table and abandons the old block
#   so readers need no lock (gquark.c: "This leaks the old quarks array").
#   GLib is built without frame pointers and the block comes from a
#   constructor, so LeakSanitizer's stack for it is only malloc <- g_malloc,
#   which no suppression can name without hiding every g_malloc leak. Matched
#   here by its exact shape instead: one direct leak, 16384 bytes, 1 object,
#   and no frame past g_malloc.
#
# Usage (as a meson test wrapper): lsan-known-leaks.sh TEST [ARGS…]
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$dir/asan" \
LSAN_OPTIONS="${LSAN_OPTIONS:-}:exitcode=0" \
  "$@"
status=$?

reports=("$dir"/asan*)
[ -e "${reports[0]}" ] || exit $status

python3 - "${reports[@]}" <<'PY' || status=1
import re, sys
unexpected = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8", errors="replace").read()
    if "ERROR: LeakSanitizer" not in text:
        unexpected.append(text)          # any other sanitizer report
        continue
    for block in re.split(r"\n(?=(?:Direct|Indirect) leak of )", text):
        m = re.match(r"(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\)", block)
        if not m:
            continue
        frames = re.findall(r"^\s+#\d+ 0x[0-9a-f]+ in (\S+)", block, re.M)
        known = (m.group(1) == "Direct" and m.group(2) == "16384" and m.group(3) == "1"
                 and len(frames) == 2 and frames[1] == "g_malloc")
        if not known:
            unexpected.append(block)
for block in unexpected:
    sys.stderr.write(block + "\n")
sys.exit(1 if unexpected else 0)
PY
exit $status
