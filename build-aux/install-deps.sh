#!/usr/bin/env bash
# Installs what Textbank needs to build, run and test on Debian 12, and only
# what is missing, so a second run costs a second. Uses sudo when not root.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc g++ gettext libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libsqlite3-dev libsecret-1-dev libphonenumber-dev libsodium-dev libepoxy-dev
  # run
  adwaita-icon-theme fonts-cantarell gnome-keyring dbus dbus-x11
  # test
  # Mesa's software GL: the renderer choice is tested against it
  libgl1-mesa-dri
  xvfb xauth desktop-file-utils appstream sqlite3 imagemagick
  clang libclang-rt-14-dev valgrind libsecret-tools python3 nodejs npm
)

missing=()
for pkg in "${packages[@]}"; do
  # Tools that are already on PATH from elsewhere (node from nodesource, say)
  # do not need Debian's copy.
  case "$pkg" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    python3) command -v python3 >/dev/null 2>&1 && continue ;;
  esac
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The contract tests serve Twilio's OpenAPI spec with Prism; both come from npm.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$here/tests/contract/package.json" ] && [ ! -x "$here/tests/contract/node_modules/.bin/prism" ]; then
  echo "Installing the contract-test tools with npm"
  (cd "$here/tests/contract" && npm ci --no-audit --no-fund --loglevel=error)
fi
