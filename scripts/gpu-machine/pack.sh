#!/bin/bash
# Packs this build for a GPU machine that has no LLVM/MLIR (e.g. a lent
# NVIDIA machine with a different distribution): the tools, runtime
# libraries and unit tests, LLVM/MLIR's shared libraries and the lit tools,
# and the Vulkan loader. scripts/gpu-machine/check.sh unpacks and runs it.
#
#   scripts/gpu-machine/pack.sh [DIR]      (default: .gpu-bundle, ~50 MB)
#
# The bundle is for x86-64 Linux with glibc >= Debian 12's; libz3 and
# libxml2 (needed by libLLVM at load time, never called) are replaced by
# empty stubs, which keeps the bundle small.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/.gpu-bundle}
LLVM=/usr/lib/llvm-22
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$WORK/opt/tessera-deps"

# Libraries of libLLVM/libMLIR that such a machine may lack.
for lib in libedit.so.2 libbsd.so.0 libmd.so.0 libffi.so.8; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$WORK/opt/tessera-deps/"
done
cc -shared -fPIC -o "$WORK/opt/tessera-deps/libxml2.so.2" \
  -Wl,-soname,libxml2.so.2 \
  -Wl,--version-script="$ROOT/scripts/gpu-machine/libxml2-stub.map" \
  "$ROOT/scripts/gpu-machine/libxml2-stub.c"
echo > "$WORK/empty.c"
cc -shared -fPIC -o "$WORK/opt/tessera-deps/libz3.so.4" -Wl,-soname,libz3.so.4 \
  "$WORK/empty.c"

# System part: unpacked at / (LLVM's own paths, which the build refers to).
LLVM_LIB=$(readlink -f $LLVM/lib/libLLVM.so.22.1)
tar -C / -cf "$WORK/system.tar" \
  "${LLVM#/}/lib/libLLVM.so.22.1" "${LLVM_LIB#/}" "${LLVM#/}/lib/libMLIR.so.22.1" \
  "${LLVM#/}/lib/libomp.so" "${LLVM#/}/lib/libomp.so.5" \
  "${LLVM#/}/bin/lld" "${LLVM#/}/bin/ld.lld" "${LLVM#/}/bin/FileCheck" \
  "${LLVM#/}/bin/not" "${LLVM#/}/bin/count" "${LLVM#/}/bin/split-file" \
  "${LLVM#/}/bin/lit" "${LLVM#/}/utils/lit"
tar -C "$WORK" -rf "$WORK/system.tar" opt
xz -T0 -9e -c "$WORK/system.tar" > "$OUT/system.tar.xz"

# Build part: unpacked into the checkout on the GPU machine.
(cd "$ROOT" && tar -cf "$WORK/build.tar" build/bin build/lib/*.so \
  build/unittests/TesseraCUDARuntimeTests \
  $(find build/test build/unittests -name lit.site.cfg.py))
xz -T0 -9 -c "$WORK/build.tar" > "$OUT/build.tar.xz"

# The Vulkan loader and GLVND (NVIDIA's Vulkan driver needs them).
(cd "$OUT" && apt-get download libvulkan1 libglvnd0 libegl1 libgl1 libglx0 \
  libopengl0 libgles2 >/dev/null)
echo "$ROOT" > "$OUT/built-at"
du -sh "$OUT"
