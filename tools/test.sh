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

# Second stage: the whole suite again, built with g++
# -fsanitize=address,undefined in build-asan/ (docs/security.md, "Sanitizer
# build of the suite"). On with CI=true; elsewhere STAFETT_SANITIZE=1 turns
# it on and STAFETT_SANITIZE=0 off. The fuzz tests are left out here: the
# first stage already ran them, built with clang under ASan and UBSan.
sanitize=${STAFETT_SANITIZE:-}
if [ -z "$sanitize" ] && [ "${CI:-}" = true ]; then sanitize=1; fi
if [ "$sanitize" = 1 ]; then
  asan=$root/build-asan
  # No vptr check: it needs the typeinfo of SOCI's internal classes, which
  # libsoci does not export, so anything using SOCI fails to link (the fuzz
  # tree turns it off for the store layer for the same reason).
  san="-fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
  gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  if [ ! -f "$asan/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$asan" "${gen[@]}" -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
  fi
  echo "== sanitizers: building $asan"
  cmake --build "$asan" --parallel "$(nproc)"
  # A report aborts the process, so the test fails; leaks are reported at
  # exit. tools/lsan.supp names the one library whose caches live forever.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$root/tools/lsan.supp
  cd "$asan"
  echo "== sanitizers: the suite under ASan and UBSan"
  ctest --output-on-failure -j "$(nproc)" -E '^fuzz\.' "$@"
fi
