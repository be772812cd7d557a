#!/bin/bash
# On a GPU machine without LLVM/MLIR, from a checkout of the same commit:
# unpacks the bundle of scripts/gpu-machine/pack.sh, then runs the GPU
# tests (lit: e2e/cuda, e2e/vulkan, Pipelines, Target; the CUDA runtime's
# unit tests) and the tuning benchmark on CUDA and Vulkan, one round each.
#
#   scripts/gpu-machine/check.sh [BUNDLE_DIR] [OUT_DIR]
#
# BUNDLE_DIR defaults to .gpu-bundle, OUT_DIR to $OUT or gpu-check-out:
# log.txt, lit.txt, gtest.txt, TUNING-cuda.md, TUNING-vulkan.md. Needs
# root (LLVM goes to /usr/lib/llvm-22, where the build looks for it) and a
# python3 with numpy. Time limits (seconds) and models: LIT_TIMEOUT (300),
# CUDA_TIMEOUT (200), VULKAN_TIMEOUT (90), CUDA_MODELS (all),
# VULKAN_MODELS (pau_mlp,fasternet_block), STEPS (lit,gtest,cuda,vulkan).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/.gpu-bundle}" && pwd)
RESULTS=${2:-${OUT:-$ROOT/gpu-check-out}}
mkdir -p "$RESULTS"
exec > >(tee "$RESULTS/log.txt") 2>&1
START=$(date +%s)
step() { echo "[$(($(date +%s) - START)) s] $*"; }
wants() { [[ ",${STEPS:-lit,gtest,cuda,vulkan}," == *",$1,"* ]]; }

step "unpacking $BUNDLE into / and $ROOT"
cd "$ROOT"
if ! ldconfig -p | grep -qP '^\s+libvulkan.so.1 \('; then
  for deb in "$BUNDLE"/*.deb; do dpkg -x "$deb" /; done
  ldconfig
fi
xz -dc -T0 "$BUNDLE/system.tar.xz" | tar -C / -xf -
xz -dc -T0 "$BUNDLE/build.tar.xz" | tar -C "$ROOT" -xf -
BUILT_AT=$(cat "$BUNDLE/built-at")
find build/test build/unittests -name lit.site.cfg.py \
  -exec sed -i "s|$BUILT_AT|$ROOT|g" {} +
# The bundle's copies (and stubs) only where the machine lacks a library:
# a stub must not shadow a real one that something else loads.
for lib in /opt/tessera-deps/*; do
  if ldconfig -p | grep -qP "^\s+$(basename "$lib") \("; then rm "$lib"; fi
done
export LD_LIBRARY_PATH=/opt/tessera-deps${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
NVIDIA_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -f "$NVIDIA_ICD" ] && [ -z "${VK_DRIVER_FILES:-}" ]; then
  export VK_DRIVER_FILES=$NVIDIA_ICD VK_ICD_FILENAMES=$NVIDIA_ICD
fi
# The tests' reference data need numpy (and some torch): the first python3
# that has it.
PYTHON=${TESSERA_TEST_PYTHON:-}
for candidate in $(command -v python3) /usr/bin/python3; do
  [ -z "$PYTHON" ] && "$candidate" -c "import numpy" 2>/dev/null &&
    PYTHON=$candidate
done
[ -n "$PYTHON" ] || { echo "no python3 with numpy"; exit 1; }
export TESSERA_TEST_PYTHON=$PYTHON
nvidia-smi -L 2>/dev/null
build/bin/tessera-run --list-devices

if wants gtest; then
  step "CUDA runtime unit tests"
  timeout 120 build/unittests/TesseraCUDARuntimeTests > "$RESULTS/gtest.txt" 2>&1
  tail -3 "$RESULTS/gtest.txt"
fi
if wants lit; then
  step "lit: GPU tests"
  timeout "${LIT_TIMEOUT:-300}" "$PYTHON" /usr/lib/llvm-22/bin/lit -v \
    build/test/e2e/cuda build/test/e2e/vulkan build/test/Pipelines \
    build/test/Target > "$RESULTS/lit.txt" 2>&1
  grep -E "^(FAIL|UNSUPPORTED|UNRESOLVED|TIMEOUT):|^Total|^  (Passed|Failed|Unsupported)" \
    "$RESULTS/lit.txt"
fi
tune() {
  local target=$1 limit=$2 models=$3
  step "tuning benchmark, $target"
  timeout "$limit" "$PYTHON" benchmarks/tuning.py --target "$target" \
    --rounds 1 --budget 10 --reps 20 ${models:+--models "$models"} \
    --out "$RESULTS/TUNING-$target.md" --results /nonexistent
}
wants cuda && tune cuda "${CUDA_TIMEOUT:-200}" "${CUDA_MODELS:-}"
wants vulkan && tune vulkan "${VULKAN_TIMEOUT:-90}" \
  "${VULKAN_MODELS-pau_mlp,fasternet_block}"
step "done"
