#!/usr/bin/env bash
# setup.sh — install the Debian packages seam needs to build and test.
# Idempotent: installs only what is missing, and is quick when all is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config     # toolchain
  clang libclang-dev llvm-dev          # libclang (LLVM >= 14; Debian 12 ships 14)
  libgraphviz-dev graphviz             # cgraph + gvc, and `dot` for tests
  libcjson-dev libigraph-dev           # JSON, graph algorithms
  libcmocka-dev                        # unit tests
  python3 python3-jsonschema           # test runners, schema validation
  chromium fonts-dejavu-core           # headless browser test of report.html
  time                                 # /usr/bin/time: peak RSS in bench/run.sh
  libclang-rt-14-dev                   # libFuzzer for scripts/fuzz.sh (only recommended by clang)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
