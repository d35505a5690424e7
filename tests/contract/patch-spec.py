#!/usr/bin/env python3
# patch-spec.py IN OUT: Twilio's official 2010-04-01 spec, with one
# correction. The page links of list answers (uri, first_page_uri,
# next_page_uri, previous_page_uri) are declared format "uri", yet Twilio
# sends, and the spec's own examples show, relative paths; Prism --errors
# then rejects every list answer it generates from those examples. Dropping
# that one format keeps all request validation as Twilio publishes it.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

PAGE_LINKS = {"uri", "first_page_uri", "next_page_uri", "previous_page_uri"}


def relax(node):
    changed = 0
    if isinstance(node, dict):
        if node.get("title", "").startswith("List") and isinstance(node.get("properties"), dict):
            for name, prop in node["properties"].items():
                if name in PAGE_LINKS and isinstance(prop, dict) and prop.get("format") == "uri":
                    del prop["format"]
                    changed += 1
        for value in node.values():
            changed += relax(value)
    elif isinstance(node, list):
        for value in node:
            changed += relax(value)
    return changed


with open(sys.argv[1], encoding="utf-8") as f:
    spec = json.load(f)
count = relax(spec)
if count == 0:
    sys.exit("patch-spec.py: found no page links to relax; has the spec changed?")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(spec, f)
print(f"patch-spec.py: relaxed {count} page-link formats", file=sys.stderr)
