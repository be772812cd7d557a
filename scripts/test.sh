#!/usr/bin/env bash
# Installs what is missing, builds, and runs every Tessera test.
# Ends with lit's summary and a plain "N passed, N failed" line; exits
# non-zero on any failure.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TESSERA_BUILD_DIR:-$root/build}

"$root/scripts/setup.sh"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cmake --build "$build" --target check-tessera 2>&1 | tee "$log" || status=$?

# lit prints "  Passed: N (..%)", "  Failed: N (..%)" and friends, padded
# to a common width when several appear ("  Passed     : N (..%)").
count() {
  awk -v key="$1" '$0 ~ "^ *" key " *: *[0-9]" { sub(/^[^:]*: */, ""); print $1 }' \
    "$log" | tail -n 1
}
passed=$(count Passed); failed=$(count Failed); unsupported=$(count Unsupported)
skipped=$(count Skipped); unresolved=$(count Unresolved)
failed=$(( ${failed:-0} + ${unresolved:-0} ))
skipped=$(( ${skipped:-0} + ${unsupported:-0} ))
echo "tessera: ${passed:-0} passed, ${failed} failed, ${skipped} skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
