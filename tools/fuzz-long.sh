#!/usr/bin/env bash
# tools/fuzz-long.sh SECONDS [NAME...]: run each libFuzzer harness
# (tests/fuzz/fuzz_NAME.cc; all of them by default) for SECONDS, at most
# STAFETT_FUZZ_JOBS (default 2) at a time, under `nice -n 19`, then print
# executions and crashes per harness.
#
# Builds the clang tree first (build/fuzz, as the fuzz.build test does;
# STAFETT_FUZZ_DIR overrides; STAFETT_FUZZ_BUILD=0 skips the build). Each harness keeps its growing corpus in
# DIR/long/NAME (seeded from tests/fuzz/corpus/NAME, which is never written),
# its log in DIR/long/NAME.log and its crash inputs in DIR/long/NAME.crashes/.
# libFuzzer stops at the first crash; this script then restarts the harness
# for the time left (at most 20 times), so one bug does not end the run.
# The summary is also written to DIR/long/summary.txt.
#
# STAFETT_FUZZ_RUNS=N stops a harness once it has executed N inputs (summed
# over restarts), e.g. 10000000 for the goal in docs/security.md; SECONDS
# is then the cap.
#
# A NAME given more than once runs as that many processes (each takes a job
# slot when one is free) on the one corpus; libFuzzer reloads the corpus
# directory, so each sees what the others find. Their logs are NAME.log,
# NAME.2.log, ...; the summary adds them up. With STAFETT_FUZZ_RUNS, N is
# for all of them together: they run in chunks of STAFETT_FUZZ_CHUNK inputs
# (default 200000) and stop once their sum reaches N (or a little past it). This is how a slow
# harness (routine) gets both cores once the quick ones are done:
#   tools/fuzz-long.sh 14400 routine jwt pii_guard json_codec routine
#
# STAFETT_FUZZ_ARGS adds libFuzzer flags for every process, e.g.
# "-max_len=4096" or "-entropic=0" (libFuzzer's older input schedule). The
# latter is no shortcut: it skips the entropic schedule's per-feature
# bookkeeping, but on routine's corpus it picked slower inputs and ran at
# half the rate (docs/security.md, fifth run).
#
# Not part of the test suite: a long run is for hours (e.g. 3600 or more).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:?usage: tools/fuzz-long.sh SECONDS [NAME...]}
shift
dir=${STAFETT_FUZZ_DIR:-$root/build/fuzz}
jobs=${STAFETT_FUZZ_JOBS:-2}
chunk=${STAFETT_FUZZ_CHUNK:-200000}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$root"/tests/fuzz/fuzz_*.cc; do
    n=$(basename "$f" .cc)
    names+=("${n#fuzz_}")
  done
fi

if [ "${STAFETT_FUZZ_BUILD:-1}" != 0 ]; then
  nice -n 19 "$root/tests/fuzz/smoke.sh" build "$root" "$dir" >/dev/null
fi
mkdir -p "$dir/long"

# How many processes each harness runs as, and the distinct names in order.
declare -A procs=()
unique=()
for name in "${names[@]}"; do
  if [ ! -x "$dir/tests/fuzz/fuzz_$name" ]; then
    echo "no harness fuzz_$name" >&2
    exit 2
  fi
  [ -z "${procs[$name]:-}" ] && unique+=("$name")
  procs[$name]=$(( ${procs[$name]:-0} + 1 ))
done
for name in "${unique[@]}"; do
  rm -f "$dir/long/$name".*progress "$dir/long/$name".*result
done

# Executions so far of every process of NAME (each writes NAME[.K].progress).
shared_execs() {
  cat "$dir/long/$1".*progress 2>/dev/null | awk '{s += $1} END {print s + 0}'
}

# Runs process K of harness NAME for $secs; writes NAME[.K].result:
# "executions crashes runs seconds timeouts".
run_one() {
  local name=$1 k=$2
  local tag=$name
  [ "$k" -gt 1 ] && tag=$name.$k
  local bin=$dir/tests/fuzz/fuzz_$name
  local corpus=$dir/long/$name crashes=$dir/long/$name.crashes
  local log=$dir/long/$tag.log progress=$dir/long/$tag.progress
  mkdir -p "$corpus" "$crashes"
  : >"$log"
  echo 0 >"$progress"
  local args=(-timeout=25 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$crashes/")
  [ -f "$root/tests/fuzz/$name.dict" ] && args+=(-dict="$root/tests/fuzz/$name.dict")
  if [ -f "$root/tests/fuzz/$name.options" ]; then
    read -ra extra <"$root/tests/fuzz/$name.options"
    args+=("${extra[@]}")
  fi
  if [ -n "${STAFETT_FUZZ_ARGS:-}" ]; then
    read -ra more <<<"$STAFETT_FUZZ_ARGS"
    args+=("${more[@]}")
  fi
  local end=$(( $(date +%s) + secs )) execs=0 crashes_n=0 timeouts_n=0 runs=0 stops=0 left rc n want
  local target=${STAFETT_FUZZ_RUNS:-0} limit=()
  while left=$(( end - $(date +%s) )); [ "$left" -gt 0 ] && [ "$stops" -lt 20 ]; do
    if [ "$target" -gt 0 ]; then
      want=$(( target - $(shared_execs "$name") ))
      [ "$want" -le 0 ] && break
      # Several processes share the target: take it a chunk at a time, and
      # near the end only a share of what is left, so they overshoot little.
      if [ "${procs[$name]}" -gt 1 ]; then
        want=$(( (want + procs[$name] - 1) / procs[$name] ))
        [ "$want" -gt "$chunk" ] && want=$chunk
      fi
      limit=(-runs=$want)
    fi
    runs=$((runs + 1))
    echo "=== run $runs: $left s" >>"$log"
    rc=0
    nice -n 19 "$bin" "${args[@]}" "${limit[@]}" -max_total_time="$left" \
      "$corpus" "$root/tests/fuzz/corpus/$name" >>"$log" 2>&1 || rc=$?
    n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    # Each run prints its own final stats; sum them over runs.
    execs=$((execs + ${n:-0}))
    echo "$execs" >"$progress"
    sed -i 's/stat::number_of_executed_units:/counted_units:/' "$log"
    # A libFuzzer timeout (one input over -timeout=25 s of wall time) is
    # counted apart: under nice 19 on a busy machine a fuzzer can be starved
    # that long on an input that takes milliseconds. Re-run the saved input
    # (fuzz_NAME FILE) on a quiet machine to tell a hang from starvation.
    if [ "$rc" -ne 0 ]; then
      stops=$((stops + 1))
      # This run's part of the log (after its "=== run" line): the final
      # stats follow the SUMMARY line, so the log's last lines miss it.
      if awk '/^=== run /{run = ""} {run = run $0 "\n"} END {printf "%s", run}' \
          "$log" | grep -q 'SUMMARY: libFuzzer: timeout'; then
        timeouts_n=$((timeouts_n + 1))
      else
        crashes_n=$((crashes_n + 1))
      fi
    fi
  done
  echo "$execs $crashes_n $runs $(( $(date +%s) - end + secs )) $timeouts_n" >"$dir/long/$tag.result"
}

start=$(date +%s)
running=0
declare -A started=()
for name in "${names[@]}"; do
  started[$name]=$(( ${started[$name]:-0} + 1 ))
  run_one "$name" "${started[$name]}" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

{
  echo "fuzz-long: ${secs} s per harness, $jobs at a time, $(date -u +%FT%TZ)," \
    "wall $(( $(date +%s) - start )) s"
  printf '%-12s %14s %6s %8s %10s %8s %8s %6s %8s\n' harness executions procs seconds exec/s crashes timeouts runs corpus
  total_crashes=0
  for name in "${unique[@]}"; do
    # Seconds is the longest process's; exec/s is per process.
    sum_e=0 sum_c=0 sum_r=0 max_t=0 sum_t=0 sum_o=0
    for f in "$dir/long/$name".*result; do  # NAME.result, NAME.2.result, ...
      [ -f "$f" ] || continue
      read -r execs crashes runs took timeouts <"$f"
      sum_e=$((sum_e + execs)) sum_c=$((sum_c + crashes)) sum_r=$((sum_r + runs))
      sum_o=$((sum_o + timeouts)) sum_t=$((sum_t + took))
      [ "$took" -gt "$max_t" ] && max_t=$took
    done
    total_crashes=$((total_crashes + sum_c))
    printf '%-12s %14d %6d %8d %10d %8d %8d %6d %8d\n' "$name" "$sum_e" "${procs[$name]}" "$max_t" \
      $((sum_e / (sum_t > 0 ? sum_t : 1))) "$sum_c" "$sum_o" "$sum_r" \
      "$(find "$dir/long/$name" -type f | wc -l)"
  done
  echo "crash inputs: $dir/long/NAME.crashes/"
  [ "$total_crashes" -eq 0 ]
} >"$dir/long/summary.txt" && rc=0 || rc=$?
cat "$dir/long/summary.txt"
exit "$rc"
