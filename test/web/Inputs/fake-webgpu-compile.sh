#!/bin/sh
# Stands in for `tessera-compile MODEL --target=webgpu -o DIR` in
# test/web/check-webgpu.test: "compiles" any model to the hand-written
# artifact basic/, so that check.py's WebGPU path is tested on its own.
set -e
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift ;;
    --target=webgpu) target=ok ;;
  esac
  shift
done
[ "$target" = ok ] || { echo "fake-webgpu-compile: expected --target=webgpu" >&2; exit 1; }
rm -rf "$out"
cp -r "$(dirname "$(readlink -f "$0")")/basic" "$out"
