#!/bin/bash
# Peak memory and time of `pathway-cli demo`, `export` and `import` at a
# given caseload size, with the floor: the same data written and read by
# `sqlite3` alone (issue 12, item 21; results in docs/performance.md).
#
#   tests/bench/memory.sh CLI COUNT DIR [floor]
#
# CLI is a pathway-cli binary (run it once with this build's and once with
# an older build's to compare), COUNT the number of demo clients, DIR a
# folder for the files (several GB at 1,000,000 clients; removed at the
# end). With "floor", also times sqlite3 loading the imported clients'
# tables from an SQL dump, loading the whole demo database from its dump,
# and reading the clients' tables out as CSV. Each line gives the wall and
# user time and the peak resident memory (GNU time's %M).
set -euo pipefail

cli=$1
count=$2
dir=$3
floor=${4:-}
mkdir -p "$dir"
export PATHWAY_PASSWORD=${PATHWAY_PASSWORD:-bench-password-1}
today=2026-11-24

measure() {
    local what=$1
    shift
    if ! /usr/bin/time -o "$dir/time.txt" -f "%e %U %M" "$@" > "$dir/out.txt" 2> "$dir/err.txt"; then
        echo "$what failed:" >&2
        tail -5 "$dir/err.txt" >&2
        exit 1
    fi
    read -r wall user kb < "$dir/time.txt"
    printf '%-34s %9s s wall %9s s user %8d MB peak\n' "$what" "$wall" "$user" $((kb / 1024))
}

demo=$dir/demo.sqlite
json=$dir/clients.json
imported=$dir/imported.sqlite
rm -f "$demo"* "$imported"* "$json"

measure "demo --clients $count" "$cli" demo --db "$demo" --clients "$count" --today "$today"
measure "export" "$cli" export --db "$demo" --user sreyes --out "$json"
printf '%-34s %s\n' "exchange file" "$(du -m "$json" | cut -f1) MB"
"$cli" init --db "$imported" > /dev/null 2>&1
measure "import" "$cli" import --db "$imported" --user admin --in "$json"

if [ "$floor" = floor ]; then
    tables="clients client_barriers client_goals client_name_keys"
    # shellcheck disable=SC2086
    sqlite3 "$imported" ".dump $tables" > "$dir/clients.sql"
    rm -f "$dir/floor.sqlite"*
    measure "floor: sqlite3 loads the clients" sqlite3 "$dir/floor.sqlite" ".read $dir/clients.sql"
    rm -f "$dir/floor.sqlite"* "$dir/clients.sql"
    sqlite3 "$demo" .dump > "$dir/demo.sql"
    measure "floor: sqlite3 loads the demo" sqlite3 "$dir/floor.sqlite" ".read $dir/demo.sql"
    rm -f "$dir/floor.sqlite"* "$dir/demo.sql"
    measure "floor: sqlite3 reads clients (CSV)" sqlite3 -csv "$demo" \
        "SELECT * FROM clients ORDER BY id; SELECT * FROM client_barriers ORDER BY client_id, position; SELECT * FROM client_goals ORDER BY client_id, position"
fi
rm -f "$demo"* "$imported"* "$json" "$dir/time.txt" "$dir/out.txt" "$dir/err.txt"
