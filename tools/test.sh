#!/usr/bin/env bash
# tools/test.sh: install what is missing (PostgreSQL included), build, and run
# the whole test suite. The database suites start their own throwaway
# PostgreSQL (tools/pg-test-server.sh, via the CTest `pg` fixture).
# With CI=true (or STAFETT_REQUIRE_PG=1) the PostgreSQL half fails instead of
# skipping when no server can be started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/install-deps.sh" test
"$root/tools/build.sh" "$root/build"
if [ "${CI:-}" = true ]; then export STAFETT_REQUIRE_PG=1; fi
cd "$root/build"
# Two jobs: the machine has two cores. The database suites share one
# PostgreSQL server and isolate themselves by schema.
ctest --output-on-failure -j "$(nproc)" "$@"
