#!/usr/bin/env bash
# Fuzzes the file readers with libFuzzer (clang from Debian): the exchange
# file, the profile file, the rule file and the CSV parser, each seeded with
# the files in tests/data.
#
#   scripts/fuzz.sh [--runs N | --seconds S]   (default --runs 20000, as CI)
#
# Builds core and the targets in build-fuzz (clang, ASan, UBSan, coverage).
# Any crash, hang (over 10 s for one input) or sanitizer report fails the run;
# the input that caused it is kept in build-fuzz/artifacts/ to become a
# regression test (tests/data/fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
limit=(-runs=20000)
case "${1:-}" in
--runs) limit=(-runs="$2") ;;
--seconds) limit=(-max_total_time="$2") ;;
"") ;;
*) echo "usage: $0 [--runs N | --seconds S]" >&2; exit 2 ;;
esac

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ missing (scripts/install-deps.sh --tests)" >&2; exit 1; }
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DPATHWAY_FUZZ=ON -DPATHWAY_BUILD_TESTS=OFF \
  -DPATHWAY_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_exchange fuzz_profile fuzz_rules fuzz_csv

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/exchange" "$work/profile" "$work/rules" "$work/csv" build-fuzz/artifacts
cp tests/data/rules/*.json "$work/rules/"
cp resources/strategies.json "$work/rules/"
i=0
for p in tests/data/personas/*/profile.json; do
  i=$((i + 1))
  cp "$p" "$work/profile/$i.json"
  { printf '{"format":"pathway","version":1,"clients":[\n'; tr -d '\n' <"$p"; printf '\n]}\n'; } >"$work/exchange/$i.json"
done
cp tests/data/fuzz/exchange/* "$work/exchange/" 2>/dev/null || true
cp tests/data/fuzz/csv/* "$work/csv/" 2>/dev/null || true
printf 'name,note\r\n"Núñez, Zoë","said ""maybe"""\r\n' >"$work/csv/seed.csv"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in exchange profile rules csv; do
  echo "fuzz.sh: $target"
  if ! build-fuzz/tests/fuzz/fuzz_$target "$work/$target" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$root/build-fuzz/artifacts/$target-" -print_final_stats=1 \
    >"$work/$target.log" 2>&1; then
    status=1
    tail -n 40 "$work/$target.log" >&2
  else
    grep -E "stat::number_of_executed_units|Done" "$work/$target.log" | tail -n 2
  fi
done
exit $status
