#!/usr/bin/env bash
# Takes a screenshot of the real app under Xvfb:
#   build-aux/screenshot.sh BUILDDIR OUT.png [WIDTHxHEIGHT] [-- APP ARGS…]
# The app runs on a throwaway database and in-memory settings.
set -euo pipefail
builddir=$1; out=$2; size=${3:-1280x800}
shift $(( $# >= 3 ? 3 : $# ))
[ "${1:-}" = "--" ] && shift
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'kill "${app_pid:-}" "${xvfb_pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

export DISPLAY=$display GSETTINGS_BACKEND=memory XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
"$src/build-aux/run-uninstalled.sh" "$builddir" "$builddir/src/textbank" "$@" &
app_pid=$!
sleep "${SCREENSHOT_DELAY:-4}"
import -window root "$out"
echo "saved $out"
