#!/usr/bin/env bash
# Screenshots of the texting screen from real runs, into docs/screenshots/:
#   build-aux/screenshots.sh BUILDDIR
set -euo pipefail
builddir=${1:-_build}
src=$(cd "$(dirname "$0")/.." && pwd)
out="$src/docs/screenshots"
mkdir -p "$out"
shoot() {
  local scene=$1 file=$2 w=${3:-1280} h=${4:-800}
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data" GTK_A11Y=none ADW_DISABLE_PORTAL=1 \
    xvfb-run -a -s "-screen 0 ${w}x${h}x24" \
    "$builddir/tests/ui/shoot-texting" "$scene" "$out/$file" "$w" "$h"
}
shoot sign-in sign-in.png
shoot first-run first-run.png
shoot first-run first-run-narrow.png 360 760
shoot first-text first-text.png
shoot conversation conversation.png
shoot outside-hours outside-hours.png
shoot opted-out opted-out.png
shoot dark dark.png
shoot narrow narrow.png 360 760
shoot first-text narrow-contacts.png 360 760
shoot header-status header-status.png
shoot header-status header-status-narrow.png 360 760
shoot failed-contact failed-contact.png
shoot failed-contact failed-contact-narrow.png 360 760
shoot shortcuts shortcuts.png
