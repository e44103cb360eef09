#!/usr/bin/env bash
# The whole test suite, as README.md gives it and as CI runs it.
# PostgreSQL tests start a throwaway server of their own (initdb/pg_ctl on a free port) and the browser test starts
# headless Chromium; this script only makes sure both are installed. First it builds the container image and checks
# it (scripts/image.sh --local-base --check, README "Deployment"); DVC_SKIP_IMAGE=1 leaves that out.
# Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: PostgreSQL's binaries, and Chromium for the province page's browser test (which
# fails, not skips, without it). Installed as root with apt-get when missing, like a fresh CI machine needs.
missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if [ ! -x "${DVC_CHROMIUM:-/usr/bin/chromium}" ]; then missing+=(chromium); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Not found: ${missing[*]}. Installing the Debian package(s) ${missing[*]}..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || echo "Could not install ${missing[*]}; the tests that need them will fail."
fi

image_status=0
if [ "${DVC_SKIP_IMAGE:-0}" != 1 ]; then
  echo "Container image: bash scripts/image.sh --local-base --check"
  bash scripts/image.sh --local-base --check || image_status=$?
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test DossierTracking.slnx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failing test: the build or a test host failed (see above)."
fi
if [ "$image_status" -ne 0 ]; then
  echo "The container image step failed with exit code $image_status (see its lines at the top)."
  [ "$status" -ne 0 ] || status=$image_status
fi
echo "$passed passed, $failed failed"
exit "$status"
