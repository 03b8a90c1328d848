#!/usr/bin/env bash
# tools/build.sh [BUILD_DIR]: configure and build everything (default: build/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build}
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$dir" "${gen[@]}" -DCMAKE_BUILD_TYPE="${STAFETT_BUILD_TYPE:-Debug}" >/dev/null
fi
cmake --build "$dir" --parallel "$(nproc)"
