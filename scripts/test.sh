#!/usr/bin/env bash
# Installs what is missing, builds Pathway with its tests and runs every test,
# on both storage engines: the SQLite file and a throwaway PostgreSQL server
# that this script starts on a private socket and stops afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh --tests
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPATHWAY_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"

pgdir=$(mktemp -d /tmp/pathway-pgtest.XXXXXX)
trap '"$root/scripts/pg-test-server.sh" stop "$pgdir"' EXIT
PATHWAY_TEST_PG=$("$root/scripts/pg-test-server.sh" start "$pgdir")
export PATHWAY_TEST_PG

# GUI tests pick the offscreen platform themselves; set here too for anything else.
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
