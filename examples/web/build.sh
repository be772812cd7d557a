#!/bin/sh
# Compiles the WebGPU demo's artifacts (examples/<model>.mlir, entry
# function <model>) into OUT/<model>/ with tessera-compile --target=webgpu:
#
#   examples/web/build.sh [-o OUT] [MODEL...]
#
# OUT defaults to build/web-demo (the page's default artifact is
# build/web-demo/pau_mlp/); MODEL defaults to every examples/*.mlir.
# tessera-compile is $TESSERA_COMPILE, else build/bin/tessera-compile.
# The artifacts are build outputs: never commit them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$repo/build/web-demo"
compile="${TESSERA_COMPILE:-$repo/build/bin/tessera-compile}"

if [ "${1:-}" = "-o" ]; then
  [ $# -ge 2 ] || { echo "build.sh: -o needs a directory" >&2; exit 1; }
  out=$2
  shift 2
fi
case "${1:-}" in -*) echo "usage: examples/web/build.sh [-o OUT] [MODEL...]" >&2; exit 1;; esac
[ -x "$compile" ] || { echo "build.sh: $compile is missing: build Tessera first (ninja -C build)" >&2; exit 1; }

if [ $# -eq 0 ]; then
  for f in "$repo"/examples/*.mlir; do set -- "$@" "$(basename "$f" .mlir)"; done
fi
mkdir -p "$out"
for model in "$@"; do
  src="$repo/examples/$model.mlir"
  [ -f "$src" ] || { echo "build.sh: no model $src" >&2; exit 1; }
  rm -rf "$out/$model"
  "$compile" "$src" --target=webgpu --entry "$model" -o "$out/$model"
  echo "built $out/$model"
done
