#!/usr/bin/env bash
# tools/install-deps.sh [run|test]
# Installs the Debian 12 packages Stafett needs that are not installed yet.
#   run  : what it takes to build and run (the default)
#   test : also what the test suite uses: PostgreSQL 15, Graphviz, promtool,
#          an SMTP server (python3-aiosmtpd), Chromium for the browser tests,
#          poppler-utils (pdftotext), clang's sanitizer and fuzzer runtimes,
#          and the npm test tools (Playwright, axe-core, oidc-provider)
# Both install the npm packages pinned in package-lock.json (the web app's
# front-end libraries are served from node_modules/ by `stafett serve`).
# Uses sudo when not root. Installs nothing when all is present.
set -euo pipefail
what=${1:-run}

pkgs=(cmake ninja-build g++ ccache libsoci-dev libsqlite3-dev libpq-dev libpoco-dev
      libboost-dev libyaml-cpp-dev libgtest-dev libgmock-dev libglpk-dev libcairo2-dev
      fonts-dejavu-core curl ca-certificates)
command -v npm >/dev/null || pkgs+=(nodejs npm)
if [ "$what" = test ]; then
  pkgs+=(postgresql-15 graphviz prometheus python3 python3-aiosmtpd chromium
         poppler-utils clang libclang-rt-14-dev)
fi
root=$(cd "$(dirname "$0")/.." && pwd)

# npm packages: installed again only when the lockfile is newer than the tree.
npm_install() {
  local flags=(--no-audit --no-fund --loglevel=error)
  [ "$what" = test ] || flags+=(--omit=dev)
  local stamp="$root/node_modules/.stafett-$what" full="$root/node_modules/.stafett-test"
  # A tree installed for the tests has everything a run needs too.
  if [ -f "$full" ] && [ ! "$root/package-lock.json" -nt "$full" ]; then return 0; fi
  if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
    echo "install-deps: npm ci ${flags[*]}" >&2
    (cd "$root" && npm ci "${flags[@]}") && touch "$stamp"
  fi
}

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then npm_install; exit 0; fi

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
npm_install
