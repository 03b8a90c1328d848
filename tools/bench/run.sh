#!/usr/bin/env bash
# tools/bench/run.sh [--quick] [--rounds N] [--seconds S] [--conns C]
#
# Stafett's step-change commands over HTTP against the 5-statement floor of
# a step change (pgbench), side by side on one throwaway PostgreSQL with
# durable commits (fsync and synchronous_commit on, as in production),
# interleaved: floor, Stafett, creation, in each of N rounds (default 3).
# Prints every run and the medians and ratios. Not a CTest test: on a
# shared machine the absolute figures are noise; the ratios of interleaved
# runs are what to compare (docs/performance.md).
#
# Needs: a built `stafett` (STAFETT_BUILD, default build/), postgresql-15
# (server binaries and pgbench), node. Everything it starts it stops, but
# with BENCH_KEEP=1 it leaves the filled PostgreSQL running (for EXPLAIN
# ANALYZE on what the bench wrote) and prints how to reach and stop it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${STAFETT_BUILD:-$root/build}
bin=$build/src/app/stafett
rounds=3 seconds=10 conns=8 create_conns=32
# Cases per connection for the step run: the floor's (floor.pgbench), so that
# both spread their updates over the same number of rows. Fewer cases make
# each row hotter: more versions per row between prunes (docs/performance.md).
per_conn=${BENCH_CASES_PER_CONN:-64}
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rounds=1 seconds=3 ;;
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --conns) conns=$2; shift ;;
    *) echo "usage: $0 [--quick] [--rounds N] [--seconds S] [--conns C]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "bench: $bin not built (tools/build.sh)" >&2; exit 1; }
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dir=$(mktemp -d /tmp/stbench.XXXX)
server_pid="" pid_a="" pid_b=""
cleanup() {
  for p in $pid_a $pid_b; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  if [ -n "${BENCH_KEEP:-}" ]; then
    local owner=""
    [ "$(id -u)" -eq 0 ] && owner="runuser -u postgres -- "
    echo "bench: kept PostgreSQL: psql -h $dir -p 5432 -U postgres stafett;" \
         "stop: ${owner}$PGBIN/pg_ctl -D $dir/data -m fast stop && rm -rf $dir" >&2
    return
  fi
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"

# Durable: the defaults (fsync, synchronous_commit, full_page_writes on).
as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -k $dir -p 5432 -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
psql_() { "$PGBIN/psql" -X -q -h "$dir" -p 5432 -U postgres "$@"; }
as_owner "$PGBIN/createdb" -h "$dir" -p 5432 -U postgres floor
as_owner "$PGBIN/createdb" -h "$dir" -p 5432 -U postgres stafett
psql_ -d floor -f "$root/tools/bench/floor.sql" >/dev/null
psql_ -d stafett -c "create extension pg_stat_statements" >/dev/null
dsn="host=$dir port=5432 user=postgres dbname=stafett"

# A free loopback port, from the kernel.
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export STAFETT_TOKEN_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
"$bin" migrate --db "$dsn" >/dev/null

# Start-up to the first /healthz 200 on the migrated database. Two
# servers on the one database: A as configured (prepared statements), and
# B with STAFETT_PG_PREPARED=0 (SOCI's unprepared statements), measured in
# turn so that the difference prepared statements make is side by side.
start_server() {  # NAME PORT [ENV...]
  local name=$1 port=$2; shift 2
  local t0; t0=$(date +%s%N)
  (cd "$root" && exec env "$@" "$bin" serve --db "$dsn" \
     --routines "$root/tools/bench/routines" --listen "127.0.0.1:$port" \
     >"$dir/$name.log" 2>&1) &
  eval "pid_$name=$!"
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$(eval echo \$pid_$name)" 2>/dev/null || { cat "$dir/$name.log" >&2; exit 1; }
    sleep 0.005
  done
  eval "startup_$name=$(( ($(date +%s%N) - t0) / 1000000 ))"
}
port_b=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
start_server a "$port" STAFETT_PG_PREPARED=1
server_pid=$pid_a
start_server b "$port_b" STAFETT_PG_PREPARED=0
startup_ms=$startup_a
token=$("$bin" token --tenant bench --service skole --role worker)
url="http://127.0.0.1:$port"
url_b="http://127.0.0.1:$port_b"

# CPU seconds (user+sys) of a process, and of this PostgreSQL's postmaster
# and its backends (not the other PostgreSQL servers on the machine).
cpu_of() { awk '{print ($14+$15)/100}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_cpu() {  # the postmaster, its live backends, and (cutime) the ones that exited
  local master total p
  master=$(head -n1 "$dir/data/postmaster.pid")
  total=$(awk '{print ($14+$15+$16+$17)/100}' "/proc/$master/stat" 2>/dev/null || echo 0)
  for p in $(pgrep -P "$master" 2>/dev/null); do
    total=$(awk -v t="$total" '{print t+($14+$15)/100}' "/proc/$p/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
field() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$1" "$2"; }

floor=() step=() create=() create_p99=() step_p99=() ratios=() unprep=() unprep_ratios=()
echo "bench: $rounds round(s) of ${seconds}s, $conns connections (creation: $create_conns); start-up ${startup_ms} ms; load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  f_pg0=$(pg_cpu)
  f_out=$("$PGBIN/pgbench" -n -M prepared -h "$dir" -p 5432 -U postgres -c "$conns" -j 2 \
        -T "$seconds" -f "$root/tools/bench/floor.pgbench" floor 2>/dev/null)
  f=$(awk '/^tps = .*without initial/ {print $3}' <<<"$f_out")
  f_n=$(awk '/^number of transactions actually processed/ {split($6,a,"/"); print a[1]}' <<<"$f_out")
  f_pg=$(awk -v a="$f_pg0" -v b="$(pg_cpu)" 'BEGIN{print b-a}')
  s_cpu0=$(cpu_of "$server_pid"); p_cpu0=$(pg_cpu)
  s=$(node "$root/tools/bench/load.js" step "$url" "$token" "$conns" "$seconds" "$per_conn")
  s_cpu=$(awk -v a="$s_cpu0" -v b="$(cpu_of "$server_pid")" 'BEGIN{print b-a}')
  p_cpu=$(awk -v a="$p_cpu0" -v b="$(pg_cpu)" 'BEGIN{print b-a}')
  u=$(node "$root/tools/bench/load.js" step "$url_b" "$token" "$conns" "$seconds" "$per_conn")
  c=$(node "$root/tools/bench/load.js" create "$url" "$token" "$create_conns" "$seconds")
  unprep+=("$(field "$u" per_s)")
  floor+=("$f"); step+=("$(field "$s" per_s)"); step_p99+=("$(field "$s" p99_ms)")
  create+=("$(field "$c" per_s)"); create_p99+=("$(field "$c" p99_ms)")
  ratio=$(awk -v a="${step[-1]}" -v b="$f" 'BEGIN{printf "%.2f", a/b}')
  ratios+=("$ratio")
  unprep_ratios+=("$(awk -v a="${unprep[-1]}" -v b="$f" 'BEGIN{printf "%.2f", a/b}')")
  s_n=$(field "$s" ok)
  echo "round $r: floor ${f} tx/s (postgres $(awk -v c="$f_pg" -v n="$f_n" 'BEGIN{printf "%.3f", 1000*c/n}') ms CPU per tx)"
  echo "  step changes:              $s"
  echo "    CPU per step change: postgres $(awk -v c="$p_cpu" -v n="$s_n" 'BEGIN{printf "%.3f", 1000*c/n}') ms," \
       "stafett $(awk -v c="$s_cpu" -v n="$s_n" 'BEGIN{printf "%.3f", 1000*c/n}') ms," \
       "client (set-up included) $(awk -v c="$(field "$s" client_cpu_s)" -v n="$s_n" 'BEGIN{printf "%.3f", 1000*c/n}') ms"
  echo "  step changes, unprepared:  $u"
  echo "  creation:                  $c"
  echo "  step/floor $ratio, unprepared/floor ${unprep_ratios[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "median floor (pgbench, prepared, $conns conns):  $(median "${floor[@]}") tx/s"
echo "median step changes over HTTP ($conns conns):     $(median "${step[@]}") /s, p99 $(median "${step_p99[@]}") ms"
echo "median step/floor (per round):                $(median "${ratios[@]}")"
echo "median unprepared step changes:               $(median "${unprep[@]}") /s, /floor $(median "${unprep_ratios[@]}")"
echo "median creation over HTTP ($create_conns conns):     $(median "${create[@]}") /s, p99 $(median "${create_p99[@]}") ms"
echo "start-up to first /healthz 200:               ${startup_ms} ms (second server: ${startup_b} ms)"
if [ -n "${BENCH_STATEMENTS:-}" ]; then
  echo; echo "top statements (pg_stat_statements, calls; per call: buffers hit, WAL records and bytes, which do not depend on the load):"
  psql_ -d stafett -c "select calls, round(mean_exec_time::numeric, 3) as mean_ms, round(shared_blks_hit::numeric / calls, 1) as blks, round(wal_records::numeric / calls, 1) as wal_recs, round(wal_bytes::numeric / calls) as wal_b, left(regexp_replace(query, '\s+', ' ', 'g'), 90) as query from pg_stat_statements order by calls desc limit 25"
fi
