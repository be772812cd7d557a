#!/usr/bin/env bash
# Sets up what the WebGPU target's tests need (scripts/setup.sh calls it;
# each step is skipped when already done, so a second run takes well under a
# second):
#   1. node and npm (Debian's nodejs / npm when missing);
#   2. web/node_modules from web/package-lock.json (`npm ci`): the npm package
#      `webgpu` (Dawn's dawn.node) for the runtime, its CLI and the validator;
#   3. a real WebGPU adapter: Dawn's Vulkan backend rejects Debian 12's Mesa 22
#      lavapipe, so Mesa 25's lavapipe from bookworm-backports is unpacked into
#      BUILD/third_party/mesa25 (not installed: the system's drivers, which
#      tessera-run's Vulkan tests use, stay as they are);
#   4. BUILD/webgpu-env.sh, the environment that selects it, and
#      BUILD/bin/tessera-web-run, which runs web/tools/run-artifact.mjs in that
#      environment - only node processes started through it see Mesa 25.
#
#   scripts/setup-webgpu.sh            BUILD = ./build
#   TESSERA_BUILD_DIR=dir ...          BUILD = dir
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TESSERA_BUILD_DIR:-$root/build}
mkdir -p "$build/bin"
build=$(cd "$build" && pwd)
web=$root/web
mesa=$build/third_party/mesa25

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# 1. node + npm. Not in packages.txt: Debian's `npm` conflicts with the
# nodejs packages that bundle npm (NodeSource's), so it is installed only
# where no npm command exists.
install_node() {
  local missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup-webgpu: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
}

# 2. `npm ci` when node_modules does not match the lockfile (a stamp holds
# the lockfile's hash of the last successful install).
install_npm_packages() {
  local stamp=$web/node_modules/.tessera-lock-sha256 want
  want=$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
     [ -f "$web/node_modules/webgpu/package.json" ]; then
    return 0
  fi
  echo "setup-webgpu: npm ci in $web"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

# 3. Mesa 25 lavapipe, unpacked with its own apt lists and cache (the
# system's sources and lists are not touched). Failure is not fatal: without
# it the WebGPU execution tests report UNSUPPORTED with the reason.
fetch_mesa25() {
  local lib=$mesa/root/usr/lib/x86_64-linux-gnu
  [ -f "$mesa/stamp" ] && [ -f "$lib/libvulkan_lvp.so" ] && return 0
  [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] || {
    echo "setup-webgpu: warning: Mesa 25 lavapipe is fetched for amd64 only" >&2
    return 1
  }
  echo "setup-webgpu: fetching Mesa 25 lavapipe (bookworm-backports) into $mesa"
  rm -rf "$mesa"
  mkdir -p "$mesa/apt/lists/partial" "$mesa/apt/cache/archives/partial" "$mesa/debs"
  echo 'deb http://deb.debian.org/debian bookworm-backports main' > "$mesa/apt/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$mesa/apt/sources.list"
              -o Dir::Etc::SourceParts=/nonexistent
              -o "Dir::State::Lists=$mesa/apt/lists"
              -o "Dir::Cache=$mesa/apt/cache"
              -o "APT::Sandbox::User=$(id -un)")
  apt-get "${opts[@]}" -qq update &&
  (cd "$mesa/debs" && apt-get "${opts[@]}" -qq download \
     mesa-vulkan-drivers/bookworm-backports libdrm2/bookworm-backports \
     libdrm-amdgpu1/bookworm-backports) || {
    echo "setup-webgpu: warning: cannot download Mesa 25 from bookworm-backports" >&2
    rm -rf "$mesa"
    return 1
  }
  # (set -e is off in a function called with ||: each step checks itself.)
  local deb
  for deb in "$mesa"/debs/*.deb; do
    dpkg-deb -x "$deb" "$mesa/root" || { rm -rf "$mesa"; return 1; }
  done
  if [ ! -f "$lib/libvulkan_lvp.so" ]; then
    echo "setup-webgpu: warning: no libvulkan_lvp.so in mesa-vulkan-drivers" >&2
    rm -rf "$mesa"
    return 1
  fi
  # Our own ICD manifest: the package's names the library without a path.
  cat > "$mesa/lvp_icd.json" <<EOF
{"file_format_version": "1.0.0",
 "ICD": {"library_path": "$lib/libvulkan_lvp.so", "api_version": "1.4.305"}}
EOF
  local missing
  missing=$(LD_LIBRARY_PATH=$lib ldd "$lib/libvulkan_lvp.so" | grep 'not found' || true)
  if [ -n "$missing" ]; then
    echo "setup-webgpu: warning: Mesa 25 lavapipe lacks libraries:" >&2
    echo "$missing" >&2
  fi
  dpkg-deb -f "$mesa"/debs/mesa-vulkan-drivers_*.deb Version > "$mesa/stamp" || return 1
  rm -rf "$mesa/apt" "$mesa/debs"
}

# Writes $1 from stdin only when its content changes (keeps the second run
# from touching files that the build or lit may watch).
write_if_changed() {
  local tmp
  tmp=$(mktemp)
  cat > "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 0; fi
  mv "$tmp" "$1"
  chmod "${2:-644}" "$1"
}

# 4. The environment of node processes that run artifacts, and the wrapper.
write_env() {
  {
    echo "# Written by scripts/setup-webgpu.sh: the environment in which node runs"
    echo "# WebGPU (Dawn) on Mesa 25 lavapipe. Sourced by bin/tessera-web-run;"
    echo "# not meant for the whole test run (tessera-run uses the system's Mesa)."
    if [ -f "$mesa/stamp" ]; then
      echo "export VK_ICD_FILENAMES='$mesa/lvp_icd.json'"
      echo "export LD_LIBRARY_PATH='$mesa/root/usr/lib/x86_64-linux-gnu'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
    fi
    echo "export TESSERA_WEB_ROOT='$web'"
  } | write_if_changed "$build/webgpu-env.sh"
  write_if_changed "$build/bin/tessera-web-run" 755 <<EOF
#!/bin/sh
# Runs a WebGPU artifact on a real adapter (web/tools/run-artifact.mjs):
#   tessera-web-run DIR --input a.npy ... --output y.npy ... [--bench N]
#   tessera-web-run --probe
. '$build/webgpu-env.sh'
exec node '$web/tools/run-artifact.mjs' "\$@"
EOF
}

install_node
install_npm_packages
fetch_mesa25 || true
write_env
