#!/usr/bin/env bash
# run-prism.sh TEST [ARGS…]: serves Twilio's official OpenAPI spec with
# Prism (--errors: any request that does not match the spec fails) on a free
# loopback port, runs TEST with TB_PRISM_URL set, and stops Prism.
#
# Skipped when node or Prism is missing, except in CI (CI=true), where the
# contract tests must run. The skip is TAP's "1..0 # SKIP reason" with exit
# status 0: meson's TAP protocol counts any other status, 77 included, as an
# error, and reports this plan as SKIP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

here=$(cd "$(dirname "$0")" && pwd)
prism="$here/node_modules/.bin/prism"
spec="$here/node_modules/@twilio/cli-core/src/services/twilio-api/twilio_api_v2010.json"

missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "Bail out! $1 (CI must run the contract tests: build-aux/install-deps.sh runs npm ci in tests/contract)"
    exit 1
  fi
  echo "1..0 # SKIP $1 (run build-aux/install-deps.sh, which runs npm ci in tests/contract)"
  exit 0
}

command -v node >/dev/null 2>&1 || missing "node is not installed"
[ -x "$prism" ] || missing "Prism is not installed in tests/contract/node_modules"
[ -f "$spec" ] || missing "Twilio's spec (@twilio/cli-core) is not installed in tests/contract/node_modules"
command -v python3 >/dev/null 2>&1 || missing "python3 is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/textbank-prism.XXXXXX")
prism_pid=""
cleanup() {
  if [ -n "$prism_pid" ]; then
    kill "$prism_pid" 2>/dev/null
    wait "$prism_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 "$here/patch-spec.py" "$spec" "$work/twilio_api_v2010.json" || exit 1

# A port that was free a moment ago.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

"$prism" mock --errors -h 127.0.0.1 -p "$port" "$work/twilio_api_v2010.json" >"$work/prism.log" 2>&1 &
prism_pid=$!

# Wait until it answers (it parses a 4 MB spec first).
for _ in $(seq 1 240); do
  if ! kill -0 "$prism_pid" 2>/dev/null; then
    echo "Bail out! Prism exited before it answered:"
    sed 's/^/# /' "$work/prism.log"
    exit 1
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    break
  fi
  sleep 0.25
done
if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Bail out! Prism did not answer on 127.0.0.1:$port within 60 s"
  exit 1
fi

TB_PRISM_URL="http://127.0.0.1:$port" "$@"
status=$?
if [ $status -ne 0 ]; then
  echo "# Prism's log:"
  tail -n 40 "$work/prism.log" | sed 's/^/# /'
fi
exit $status
