#!/usr/bin/env bash
# Installs the Debian packages Tessera needs (only the missing ones, so a
# second run costs a few seconds), then configures and builds the project.
#
#   scripts/setup.sh            install + configure + build (all targets)
#   TESSERA_BUILD_DIR=dir ...   build somewhere other than ./build
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TESSERA_BUILD_DIR:-$root/build}

install_missing_packages() {
  local wanted missing=()
  mapfile -t wanted < <(grep -vE '^\s*(#|$)' "$root/scripts/packages.txt")
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
}

configure() {
  [ -f "$build/build.ninja" ] && return 0
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit
}

# Puts the build tree's Python package (build/python_packages/tessera) on
# Debian's python3 path with a .pth file in its site-packages, so that
# `python3 -c "import tessera"` works. Rewritten only when it changes.
install_python_path() {
  local python=/usr/bin/python3 site pth line
  [ -x "$python" ] && [ -d "$build/python_packages/tessera" ] || return 0
  site=$("$python" -c 'import site; print(site.getsitepackages()[0])')
  pth="$site/tessera-build.pth"
  line="$(cd "$build" && pwd)/python_packages"
  [ -f "$pth" ] && [ "$(cat "$pth")" = "$line" ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: $pth -> $line"
  $sudo mkdir -p "$site"
  echo "$line" | $sudo tee "$pth" >/dev/null
}

install_missing_packages
configure
cmake --build "$build"
install_python_path
# WebGPU: node + web/node_modules, Mesa 25 lavapipe for Dawn, build/bin/tessera-web-run
TESSERA_BUILD_DIR=$build "$root/scripts/setup-webgpu.sh"
