#!/bin/bash
# Usage: replan-wait.sh PATHWAY_CLI DB_FILE (a demo database; password correct horse 42).
# Runs replan --all, and caseload over and over until the replan ends; prints
# the number of caseload runs, how many failed, and the longest (docs/performance.md).
CLI=$1; DB=$2
export PATHWAY_PASSWORD='correct horse 42'
$CLI replan --all --db $DB --user sreyes --today 2026-11-23 > /tmp/replan-wait-replan.out 2>/tmp/replan-wait-replan.err &
RP=$!
sleep 1
max=0; n=0; failed=0
while kill -0 $RP 2>/dev/null; do
  s=$(date +%s.%N)
  $CLI caseload --db $DB --user sreyes > /dev/null 2>/tmp/replan-wait-cl.err || failed=$((failed+1))
  e=$(date +%s.%N)
  d=$(echo "$e - $s" | bc)
  n=$((n+1))
  if (( $(echo "$d > $max" | bc) )); then max=$d; fi
done
wait $RP; echo "replan exit $?: $(tail -c 200 /tmp/replan-wait-replan.out)"
echo "caseload runs: $n, failed: $failed, longest: $max s"
tail -2 /tmp/replan-wait-cl.err
