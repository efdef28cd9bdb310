#!/usr/bin/env bash
# Installs what is missing, builds Pathway with its tests and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPATHWAY_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"
# GUI tests pick the offscreen platform themselves; set here too for anything else.
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
