#!/usr/bin/env bash
# Runs a program from the build tree with its schemas and icons found.
set -euo pipefail
builddir=$1; shift
src=$(cd "$(dirname "$0")/.." && pwd)
export GSETTINGS_SCHEMA_DIR="$builddir/data"
# The translations meson builds in the tree (po/LANG/LC_MESSAGES/textbank.mo).
export TEXTBANK_LOCALEDIR="$builddir/po"
export XDG_DATA_DIRS="$src/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$@"
