#!/usr/bin/env bash
# Screenshots of the campaign-setup screens from real runs, into docs/screenshots/:
#   build-aux/screenshots-setup.sh BUILDDIR
set -euo pipefail
builddir=${1:-_build}
src=$(cd "$(dirname "$0")/.." && pwd)
out="$src/docs/screenshots"
mkdir -p "$out"
shoot() {
  local scene=$1 file=$2 w=${3:-1100} h=${4:-760}
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data" GTK_A11Y=none ADW_DISABLE_PORTAL=1 \
    xvfb-run -a -s "-screen 0 ${w}x${h}x24" \
    "$builddir/tests/ui/shoot-setup" "$scene" "$out/$file" "$w" "$h"
}
shoot campaign-editor campaign-editor.png 1100 800
shoot template-editor template-editor.png 1100 540
shoot import-preview import-preview.png 1100 560
shoot import-report import-report.png 760 820
shoot stats stats.png 820 1300
shoot preferences preferences.png 720 860
