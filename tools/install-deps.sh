#!/usr/bin/env bash
# tools/install-deps.sh [run|test]
# Installs the Debian 12 packages Stafett needs that are not installed yet.
#   run  : what it takes to build and run (the default)
#   test : also what the test suite uses: PostgreSQL 15, Graphviz, promtool,
#          an SMTP server (python3-aiosmtpd)
# Uses sudo when not root. Installs nothing when all is present.
set -euo pipefail
what=${1:-run}

pkgs=(cmake ninja-build g++ ccache libsoci-dev libsqlite3-dev libpq-dev libpoco-dev
      libboost-dev libyaml-cpp-dev libgtest-dev libgmock-dev curl ca-certificates)
if [ "$what" = test ]; then
  pkgs+=(postgresql-15 graphviz prometheus python3 python3-aiosmtpd)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends keeps PostgreSQL's and Prometheus's extras off the box;
# the packages' own services are not needed: tests start their own servers.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
