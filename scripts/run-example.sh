#!/usr/bin/env bash
# The main job: install what is missing, build, and compile an example model.
# Until the CPU back end lands this parses, verifies and canonicalizes the
# FNO-2D example with tessera-opt and prints the result and the time taken.
#
#   scripts/run-example.sh [examples/MODEL.mlir]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TESSERA_BUILD_DIR:-$root/build}
model=${1:-$root/examples/fno2d.mlir}

"$root/scripts/setup.sh" >/dev/null

start=$(date +%s%N)
"$build/bin/tessera-opt" --canonicalize "$model"
end=$(date +%s%N)
echo "// $(basename "$model"): parsed, verified and canonicalized in" \
     "$(( (end - start) / 1000000 )) ms"
