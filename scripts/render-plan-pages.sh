#!/usr/bin/env bash
# Renders printed career plans to PNG pages, to look at them.
#
#   scripts/render-plan-pages.sh [OUT_DIR]
#
# Builds nothing: uses ${PATHWAY_BUILD:-build}/src/pathway-cli. In a temporary
# folder it makes a demo database (20 clients), agency settings with a name
# and a small logo, then prints the client with the fewest steps and the one
# with the most, and turns every page into a PNG (pdftoppm -r 60). The dates
# are fixed, so the pages come out the same every time.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/${PATHWAY_BUILD:-build}/src/pathway-cli"
[ -x "$cli" ] || { echo "render-plan-pages: $cli not found; build it first" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "render-plan-pages: pdftoppm missing (poppler-utils)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${1:-$root/build-pages}"
mkdir -p "$out"
rm -f "$out"/plan-short-*.png "$out"/plan-long-*.png

today=2026-11-23
db="$work/demo.sqlite"
export XDG_CONFIG_HOME="$work/config" # the agency settings below, not yours
unset PATHWAY_DB
# A throwaway password for the demo users of this temporary database.
export PATHWAY_PASSWORD="render pages only"

# A small logo: a blue disc with a white path climbing through it.
python3 - "$work/logo.png" <<'PY'
import struct, sys, zlib, math
n = 96
rows = []
for y in range(n):
    row = bytearray([0])
    for x in range(n):
        dx, dy = x - n / 2 + 0.5, y - n / 2 + 0.5
        inside = dx * dx + dy * dy <= (n / 2 - 1) ** 2
        # the path: a rising sine curve, 7 px wide
        on_path = abs((n - y) - (n * 0.25 + x * 0.5 + 8 * math.sin(x / 9.0))) < 4
        if inside and on_path:
            row += bytes([255, 255, 255, 255])
        elif inside:
            row += bytes([31, 78, 121, 255])
        else:
            row += bytes([255, 255, 255, 0])
    rows.append(bytes(row))
def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

mkdir -p "$XDG_CONFIG_HOME/Pathway"
cat > "$XDG_CONFIG_HOME/Pathway/Pathway.conf" <<CONF
[agency]
name=Riverside Career Center
logo=$work/logo.png
pageSize=A4
CONF

"$cli" demo --db "$db" --clients 20 --seed 1 --today "$today" >/dev/null 2>&1

# Steps per client, from the plans the rules make (the same as the stored ones).
counts="$(for id in $(seq 1 20); do
  "$cli" plan --db "$db" --user sreyes --client "$id" --today "$today" |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["steps"]), sys.argv[1])' "$id"
done | sort -n)"
short="$(echo "$counts" | head -1 | cut -d' ' -f2)"
long="$(echo "$counts" | tail -1 | cut -d' ' -f2)"

for which in short long; do
  id="${!which}"
  "$cli" print --db "$db" --user sreyes --client "$id" --pdf "$work/$which.pdf" --today "$today"
  pdftoppm -r 60 -png "$work/$which.pdf" "$out/plan-$which"
done
ls "$out"/plan-*.png
