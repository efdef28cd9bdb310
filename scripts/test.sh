#!/usr/bin/env bash
# Installs what is missing, builds Pathway with its tests and runs every test,
# on both storage engines: the SQLite file and a throwaway PostgreSQL server
# that this script starts on a private socket and stops afterwards.
#
#   scripts/test.sh [--sanitize] [ctest options]
#
# --sanitize builds in build-asan with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs the same suite there; any report fails
# the test that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build=build
flags=()
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build=build-asan
  flags=(-DPATHWAY_SANITIZE=ON -DPATHWAY_BUILD_BENCH=OFF)
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
  export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$root/scripts/ubsan.supp"
fi

scripts/install-deps.sh --tests
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPATHWAY_BUILD_TESTS=ON "${flags[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)"

pgdir=$(mktemp -d /tmp/pathway-pgtest.XXXXXX)
trap '"$root/scripts/pg-test-server.sh" stop "$pgdir"' EXIT
PATHWAY_TEST_PG=$("$root/scripts/pg-test-server.sh" start "$pgdir")
export PATHWAY_TEST_PG

# GUI tests pick the offscreen platform themselves; set here too for anything else.
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
