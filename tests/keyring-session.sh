#!/bin/sh
# keyring-session.sh TEST [ARGS…]: runs TEST in a private D-Bus session with
# its own, unlocked GNOME keyring in a temporary home, so tests never touch
# the user's keyring. Skipped only when the tools are missing: TAP's
# "1..0 # SKIP reason" with status 0, which meson's TAP protocol reports as
# SKIP (it counts status 77 as an error).
#
# SPDX-License-Identifier: GPL-3.0-or-later

if [ -z "$TB_KEYRING_SESSION_INNER" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "1..0 # SKIP $tool is not installed (apt-get install dbus gnome-keyring)"
      exit 0
    fi
  done
  # The bus, the keyring and its prompter must not inherit the test's
  # G_DEBUG=fatal-warnings: a prompter that cannot open a display would
  # crash instead of failing politely. The test gets it back below.
  export TB_KEYRING_SESSION_G_DEBUG="${G_DEBUG-}"
  unset G_DEBUG
  # Under xvfb-run a prompter would find a display and wait for a click:
  # the locked-keyring tests would hang instead of failing politely.
  unset DISPLAY WAYLAND_DISPLAY
  TB_KEYRING_SESSION_INNER=1 exec dbus-run-session -- "$0" "$@"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/textbank-keyring.XXXXXX")
export HOME="$home"
export XDG_DATA_HOME="$home/data"
export XDG_CONFIG_HOME="$home/config"
export XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# A non-empty password creates the login keyring unlocked; an empty one
# makes the daemon ask a prompter, which has no display here.
printf 'textbank-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1

G_DEBUG="$TB_KEYRING_SESSION_G_DEBUG" "$@"
status=$?
rm -rf "$home"
exit $status
