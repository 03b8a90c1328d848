#!/usr/bin/env bash
# tests/fuzz/smoke.sh: the fuzz smoke tests (tests/fuzz/CMakeLists.txt).
#   smoke.sh build ROOT DIR       configure DIR with clang (-DSTAFETT_FUZZ=ON)
#                                 and build the `fuzzers` target (ccache)
#   smoke.sh run ROOT DIR NAME    run fuzz_NAME for STAFETT_FUZZ_SMOKE_SECONDS
#                                 (default 10) on corpus/NAME
# New inputs go to DIR/smoke/NAME, never into the committed corpus; a crash
# is saved to DIR/artifacts/NAME/ and fails the test.
# Without clang the tests skip (exit 77), except in CI, where they fail.
set -euo pipefail
cmd=$1 root=$2 dir=$3

if ! command -v clang++ >/dev/null; then
  echo "clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  exit 77
fi

case $cmd in
  build)
    gen=()
    command -v ninja >/dev/null && gen=(-G Ninja)
    if [ ! -f "$dir/CMakeCache.txt" ]; then
      CC=clang CXX=clang++ cmake -S "$root" -B "$dir" "${gen[@]}" \
        -DSTAFETT_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
    fi
    start=$(date +%s)
    cmake --build "$dir" --target fuzzers --parallel "$(nproc)"
    echo "fuzz tree built in $(( $(date +%s) - start )) s"
    ;;
  run)
    name=$4
    bin=$dir/tests/fuzz/fuzz_$name
    work=$dir/smoke/$name
    rm -rf "$work"
    mkdir -p "$work" "$dir/artifacts/$name"
    # Exit 1 on a finding: libFuzzer's default (77) is CTest's skip code here.
    args=(-max_total_time="${STAFETT_FUZZ_SMOKE_SECONDS:-10}" -timeout=10
          -error_exitcode=1 -timeout_exitcode=1
          -rss_limit_mb=2048 -print_final_stats=1
          -artifact_prefix="$dir/artifacts/$name/")
    [ -f "$root/tests/fuzz/$name.dict" ] && args+=(-dict="$root/tests/fuzz/$name.dict")
    [ -f "$root/tests/fuzz/$name.options" ] && read -ra extra < "$root/tests/fuzz/$name.options" && args+=("${extra[@]}")
    exec "$bin" "${args[@]}" "$work" "$root/tests/fuzz/corpus/$name"
    ;;
  *)
    echo "usage: smoke.sh build|run ROOT DIR [NAME]" >&2
    exit 2
    ;;
esac
