#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pack the ZIP and phone prefix time zone data into tb-zone-table's format.

Usage: tb-zone-table-compile.py US_ZIP_TSV PHONE_PREFIX_TXT OUTPUT

The format (all integers little-endian; read by src/core/tb-zone-table.c):

  char[4]  magic "TBZT"
  u32      version (1)
  u32      n_strings        distinct zone lists ("A" or "A&B")
  u32      strings_size     bytes of the string blob, NULs included
  u32      n_zip_strings    the first n_zip_strings strings are the ZIPs'
  u32      n_prefixes
  u32      string_offsets[n_strings]
  char     strings[strings_size]
  u8       zip_index[100000]  ZIP as a number -> 1 + string index, 0 = none
  u64      prefix_keys[n_prefixes]   (digits as a number) << 4 | digit count,
                                     sorted ascending
  u16      prefix_strings[n_prefixes]
"""

import re
import struct
import sys

MAGIC = b"TBZT"
VERSION = 1
N_ZIPS = 100000
ZONE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")


def fail(path, line_no, message):
    sys.exit(f"{path}:{line_no}: {message}")


def check_zone_list(path, line_no, zones):
    for zone in zones.split("&"):
        if not ZONE_RE.match(zone):
            fail(path, line_no, f"not a time zone name: {zone!r}")


def read_zips(path):
    zips = {}
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 2:
                fail(path, line_no, "expected ZIP<TAB>zone")
            zip_code, zone = fields
            if not re.fullmatch(r"[0-9]{5}", zip_code):
                fail(path, line_no, f"not a five-digit ZIP: {zip_code!r}")
            check_zone_list(path, line_no, zone)
            if zip_code in zips:
                fail(path, line_no, f"ZIP {zip_code} listed twice")
            zips[zip_code] = zone
    return zips


def read_prefixes(path):
    prefixes = {}
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split("|")
            if len(fields) != 2:
                fail(path, line_no, "expected PREFIX|zone&zone")
            prefix, zones = fields
            if not re.fullmatch(r"[1-9][0-9]{0,14}", prefix):
                fail(path, line_no, f"not a phone prefix: {prefix!r}")
            check_zone_list(path, line_no, zones)
            if prefix in prefixes:
                fail(path, line_no, f"prefix {prefix} listed twice")
            prefixes[prefix] = zones
    return prefixes


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    zip_path, prefix_path, output_path = sys.argv[1:]
    zips = read_zips(zip_path)
    prefixes = read_prefixes(prefix_path)

    # The ZIPs' zone lists come first so one byte indexes them.
    strings = sorted(set(zips.values()))
    n_zip_strings = len(strings)
    if n_zip_strings > 255:
        sys.exit(f"{zip_path}: {n_zip_strings} zone lists; at most 255 fit")
    strings += sorted(set(prefixes.values()) - set(strings))
    if len(strings) > 0xFFFF:
        sys.exit(f"{prefix_path}: too many zone lists")
    string_index = {s: i for i, s in enumerate(strings)}

    blob = bytearray()
    offsets = []
    for s in strings:
        offsets.append(len(blob))
        blob += s.encode("ascii") + b"\0"

    zip_index = bytearray(N_ZIPS)
    for zip_code, zone in zips.items():
        zip_index[int(zip_code)] = 1 + string_index[zone]

    entries = sorted((int(p) << 4 | len(p), string_index[z])
                     for p, z in prefixes.items())

    out = bytearray()
    out += MAGIC
    out += struct.pack("<IIIII", VERSION, len(strings), len(blob),
                       n_zip_strings, len(entries))
    out += struct.pack(f"<{len(offsets)}I", *offsets)
    out += blob
    out += zip_index
    out += struct.pack(f"<{len(entries)}Q", *(k for k, _ in entries))
    out += struct.pack(f"<{len(entries)}H", *(i for _, i in entries))

    with open(output_path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
