#!/usr/bin/env bash
# Spanish, high-contrast and large-text screenshots from real runs, into
# docs/screenshots/ (the scenes are those of shoot-texting and shoot-setup):
#   build-aux/screenshots-a11y.sh BUILDDIR
#
# Spanish:       LANGUAGE=es, translations from the build tree (TEXTBANK_LOCALEDIR).
# High contrast: ADW_DEBUG_HIGH_CONTRAST=1, libadwaita 1.2's switch for the
#                setting it otherwise reads from the Settings portal or
#                org.gnome.desktop.a11y.interface high-contrast.
# Large text:    GtkSettings gtk-xft-dpi = 192 * 1024 (text at 200%), set by
#                the drivers when TB_SHOOT_TEXT_SCALE=2: GNOME's Large Text
#                reaches GTK as that same setting through XSETTINGS, which
#                Xvfb has no daemon for (gtk-xft-dpi in a gtk-4.0/settings.ini
#                under XDG_CONFIG_HOME had no effect in our runs; xrdb is
#                not installed to try Xft.dpi).
set -euo pipefail
builddir=${1:-_build}
src=$(cd "$(dirname "$0")/.." && pwd)
out="$src/docs/screenshots"
mkdir -p "$out"

# shoot PROGRAM SCENE FILE WIDTH HEIGHT [VAR=VALUE…]
shoot() {
  local program=$1 scene=$2 file=$3 w=$4 h=$5
  shift 5
  env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data" GTK_A11Y=none ADW_DISABLE_PORTAL=1 \
    TEXTBANK_LOCALEDIR="$builddir/po" "$@" \
    xvfb-run -a -s "-screen 0 ${w}x${h}x24" \
    "$builddir/tests/ui/$program" "$scene" "$out/$file" "$w" "$h"
}

spanish=(LANGUAGE=es)
contrast=(ADW_DEBUG_HIGH_CONTRAST=1)
large=(TB_SHOOT_TEXT_SCALE=2)

shoot shoot-texting sign-in es-sign-in.png 1280 800 "${spanish[@]}"
shoot shoot-texting conversation es-conversation.png 1280 800 "${spanish[@]}"
shoot shoot-texting outside-hours es-outside-hours.png 1280 800 "${spanish[@]}"
shoot shoot-setup campaign-editor es-campaign-editor.png 1100 800 "${spanish[@]}"
shoot shoot-setup preferences es-preferences.png 720 860 "${spanish[@]}"

shoot shoot-texting conversation high-contrast-conversation.png 1280 800 "${contrast[@]}"
shoot shoot-texting opted-out high-contrast-opted-out.png 1280 800 "${contrast[@]}"
shoot shoot-texting dark high-contrast-dark.png 1280 800 "${contrast[@]}"

shoot shoot-texting conversation large-text-conversation.png 1280 800 "${large[@]}"
shoot shoot-texting sign-in large-text-sign-in.png 1280 800 "${large[@]}"
shoot shoot-setup preferences large-text-preferences.png 720 860 "${large[@]}"
