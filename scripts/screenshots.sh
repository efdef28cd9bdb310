#!/bin/sh
# Takes the user guide's screenshots (docs/images/*.png) from the running app,
# offscreen, on a fresh demo database: the main window, each intake page, and
# the plan, profile and notes tabs, at 1366x768 and 1920x1080.
#
#   scripts/screenshots.sh [BUILD_DIR]     (default: build)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
cmake --build "$build" -j1 --target pathway
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Settings (window sizes, column widths) must not leak in from the person's own.
export XDG_CONFIG_HOME="$work/config"
export QT_QPA_PLATFORM=offscreen
"$build/src/pathway" --db "$work/demo.sqlite" --demo --screenshots "$here/docs/images"
ls -1 "$here"/docs/images/main-window-*.png "$here"/docs/images/intake-*.png \
    "$here"/docs/images/*-tab-*.png
