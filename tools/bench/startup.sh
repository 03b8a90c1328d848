#!/usr/bin/env bash
# tools/bench/startup.sh [--runs N] [--conns C] [--db pg|sqlite|both]
#
# Start-up and memory of `stafett serve` (docs/performance.md, "Reads,
# start-up and memory"), on an already-migrated database whose routine
# versions are stored (one serve ran before), with the shipped workflows/
# and web/:
#   - start-up: the time from exec to the first /healthz 200 (and to the
#     first /readyz 200), N runs, median and min, and the server's CPU time
#     until the first /healthz 200 (less stretched by a loaded machine);
#   - RSS idle, 1 s after the first /healthz 200;
#   - RSS with C keep-alive connections open (default 200), each having
#     sent an authenticated worklist read, and while they stay open;
#   - PostgreSQL: the WAL fsyncs (pg_stat_wal.wal_sync) during those C
#     reads, each of which wrote an access-log row.
# Prints the load average beside every timing. Not a CTest test.
#
# Needs: a built `stafett` (STAFETT_BUILD, default build/), postgresql-15
# (server binaries), node, curl. Everything it starts it stops.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${STAFETT_BUILD:-$root/build}
bin=$build/src/app/stafett
runs=5 conns=200 which=both
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift ;;
    --conns) conns=$2; shift ;;
    --db) which=$2; shift ;;
    *) echo "usage: $0 [--runs N] [--conns C] [--db pg|sqlite|both]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "startup: $bin not built (tools/build.sh)" >&2; exit 1; }
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dir=$(mktemp -d /tmp/ststart.XXXX)
pid="" psql=""
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
export STAFETT_TOKEN_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

serve() {  # DB: starts the server in the background, sets pid
  (cd "$root" && exec "$bin" serve --db "$1" --listen "127.0.0.1:$port" \
     >"$dir/serve.log" 2>&1) &
  pid=$!
}
wait_for() {  # PATH: polls until 200, every 2 ms
  until curl -sf "http://127.0.0.1:$port$1" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$dir/serve.log" >&2; exit 1; }
    sleep 0.002
  done
}
stop() {  # the server may not be this shell's child: wait for its exit
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
  pid=""
}

measure() {  # NAME DB
  local name=$1 db=$2 h r c healthz=() readyz=() cpu=()
  "$bin" migrate --db "$db" >/dev/null
  serve "$db"; wait_for /readyz; stop  # stores the routine versions
  for i in $(seq 1 "$runs"); do
    (cd "$root" && node "$root/tools/bench/first_healthz.js" "$port" "$dir/serve.log" \
       "$bin" serve --db "$db" --listen "127.0.0.1:$port") >"$dir/first.out"
    read -r h r c < "$dir/first.out"; pid=$(sed -n 2p "$dir/first.out")
    healthz+=("$h"); readyz+=("$r"); cpu+=("$c")
    if [ "$i" -lt "$runs" ]; then stop; fi
  done
  echo "$name: start-up to first /healthz 200: median $(median "${healthz[@]}") ms, min $(printf '%s\n' "${healthz[@]}" | sort -g | head -n1) ms (runs: ${healthz[*]}); /readyz 200: median $(median "${readyz[@]}") ms; server CPU until /healthz: median $(median "${cpu[@]}") ms; load $(load)"
  sleep 1
  echo "$name: RSS idle: $(( $(rss_kb "$pid") / 1024 )) MB; threads $(ls /proc/$pid/task | wc -l)"
  local syncs0="" rows0=""
  if [ -n "$psql" ]; then
    sleep 1.2  # backends report WAL statistics at most once a second
    syncs0=$($psql -d stafett -Atc "select wal_sync from pg_stat_wal")
    rows0=$($psql -d stafett -Atc "select count(*) from access_log")
  fi
  local token; token=$("$bin" token --tenant demo --service helsestasjon --role worker)
  node -e '
    const http = require("http");
    const [port, token, n] = process.argv.slice(1);
    let open = 0, ok = 0;
    const agents = [];
    for (let i = 0; i < Number(n); i++) {
      const agent = new http.Agent({keepAlive: true, maxSockets: 1});
      agents.push(agent);
      http.get({host: "127.0.0.1", port, path: "/api/v1/cases?limit=20", agent,
                headers: {authorization: "Bearer " + token}}, (res) => {
        res.resume();
        res.on("end", () => { if (res.statusCode === 200) ok++;
          if (++open === Number(n)) console.log("ready " + ok); });
      }).on("error", (e) => { console.log("error " + e.message); process.exit(1); });
    }
    setInterval(() => {}, 1000);  // idle keep-alive sockets are unref()ed
  ' "$port" "$token" "$conns" >"$dir/conns.out" &
  local client=$!
  until grep -q "ready\|error" "$dir/conns.out" 2>/dev/null; do sleep 0.05; done
  sleep 1
  echo "$name: server's established connections: $(ss -Htn state established "( sport = :$port )" | wc -l)"
  echo "$name: RSS with $conns keep-alive connections open ($(cat "$dir/conns.out") answered 200): $(( $(rss_kb "$pid") / 1024 )) MB; threads $(ls /proc/$pid/task | wc -l)"
  if [ -n "$psql" ]; then
    sleep 1.2
    echo "$name: WAL fsyncs (pg_stat_wal.wal_sync) during those reads: $(( $($psql -d stafett -Atc "select wal_sync from pg_stat_wal") - syncs0 )) for $(( $($psql -d stafett -Atc "select count(*) from access_log") - rows0 )) access-log rows"
  fi
  kill "$client" 2>/dev/null || true; wait "$client" 2>/dev/null || true
  stop
}

if [ "$which" = pg ] || [ "$which" = both ]; then
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir -p 5432" start >/dev/null || { cat "$dir/pg.log" >&2; exit 1; }
  as_owner "$PGBIN/createdb" -h "$dir" -p 5432 -U postgres stafett
  psql="$PGBIN/psql -X -q -h $dir -p 5432 -U postgres"
  measure postgresql "host=$dir port=5432 user=postgres dbname=stafett"
fi
if [ "$which" = sqlite ] || [ "$which" = both ]; then
  psql=""
  measure sqlite "sqlite:$dir/stafett.db"
fi
