#!/bin/sh
# Takes the user guide's screenshots (docs/images/*.png) from the running app,
# offscreen, on a fresh demo database, once on a 1366x768 screen and once on
# a 1920x1080 one: the first run and sign-in; as a counselor the caseload,
# each intake page, the plan, profile and notes tabs and the idle lock; as a
# supervisor the caseload, reassigning, the dashboard and the audit trail; as
# the administrator the users and the agency settings. Each window is shown
# at the size it opens with on that screen.
#
#   scripts/screenshots.sh [BUILD_DIR]     (default: build)
#
# The tour creates the administrator (and gives the demo users the same
# password) and signs in by itself with PATHWAY_PASSWORD: a throwaway one
# here, for a throwaway database.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
cmake --build "$build" -j1 --target pathway
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATHWAY_PASSWORD="screenshots $(date +%s) only"
for size in 1366x768 1920x1080; do
    width=${size%x*}
    height=${size#*x}
    # One offscreen screen of that size (Qt's offscreen platform reads it).
    cat >"$work/screen-$size.json" <<JSON
{"screens": [{"name": "screen", "x": 0, "y": 0, "width": $width, "height": $height,
              "logicalDpi": 96, "logicalBaseDpi": 96}]}
JSON
    # Settings (window sizes, column widths) must not leak in from the
    # person's own, nor from the other screen size.
    XDG_CONFIG_HOME="$work/config-$size" \
    QT_QPA_PLATFORM="offscreen:configfile=$work/screen-$size.json" \
        "$build/src/pathway" --db "$work/demo-$size.sqlite" --demo --screenshots "$here/docs/images"
done
for name in first-run sign-in main-window intake-identity intake-household \
    intake-employment intake-independence intake-barriers intake-goals intake-review \
    plan-tab profile-tab notes-tab lock main-window-supervisor reassign dashboard \
    audit-trail users agency-settings; do
    ls -1 "$here"/docs/images/"$name"-1366x768.png "$here"/docs/images/"$name"-1920x1080.png
done
