#!/usr/bin/env bash
# Installs the Debian 12 packages Pathway needs to build and run; with
# --tests also what the test suite needs (a PostgreSQL 15 server, started
# only by the tests on a private socket). Skips everything already
# installed; safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6opengl6-dev
  qt6-charts-dev qt6-tools-dev
  libgl-dev
  libsqlite3-dev nlohmann-json3-dev catch2 libssl-dev
  libpq-dev
  poppler-utils
  python3
  fonts-dejavu-core
)
if [ "${1:-}" = "--tests" ]; then
  packages+=(postgresql-15)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
