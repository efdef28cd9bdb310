#!/usr/bin/env bash
# Installs what is missing, builds Pathway and starts the app.
# Arguments go to the app: scripts/run.sh --demo, scripts/run.sh --db FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPATHWAY_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target pathway pathway-cli

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run.sh: no display found; starting without a window (QT_QPA_PLATFORM=offscreen)." >&2
  echo "run.sh: on a desktop, run this from a graphical session to see the app." >&2
  export QT_QPA_PLATFORM=offscreen
fi
exec build/src/pathway "$@"
