#!/usr/bin/env bash
# The main job: install what is missing, build, then compile the FNO-2D
# example model for the CPU and run it on seeded random inputs, printing the
# output summary and timings (JIT and ahead-of-time).
#
#   scripts/run-example.sh [examples/MODEL.mlir [ENTRY]]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TESSERA_BUILD_DIR:-$root/build}
model=${1:-$root/examples/fno2d.mlir}
entry=${2:-$(basename "$model" .mlir)}

"$root/scripts/setup.sh" >/dev/null

echo "== $(basename "$model"): JIT-compile and run @$entry on the CPU"
"$build/bin/tessera-run" "$model" --entry "$entry" --random-inputs --seed 0 --bench 5

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== ahead of time: tessera-compile --target=cpu"
start=$(date +%s%N)
"$build/bin/tessera-compile" "$model" --target=cpu -o "$out/model.so"
end=$(date +%s%N)
echo "  compiled to a shared library + C header in $(( (end - start) / 1000000 )) ms"
"$build/bin/tessera-run" "$out/model.so" --entry "$entry" --random-inputs --seed 0 --bench 5
