# CLI tests for `stafett serve` and `stafett token` (included from
# src/app/CMakeLists.txt). Each prints "rc=<exit code>" last, so one regular
# expression checks what was printed and how the command exited.
if(TARGET stafett)
  set(_stafett $<TARGET_FILE:stafett>)
  set(_secret "cli-test-secret-cli-test-secret-0123456789")

  # --- token -------------------------------------------------------------
  add_test(NAME cli.token.prints_a_jwt
    COMMAND sh -c "STAFETT_TOKEN_SECRET=${_secret} ${_stafett} token --tenant demo --service demo_skole --role worker --ttl 8h; echo rc=$?")
  set_tests_properties(cli.token.prints_a_jwt PROPERTIES
    PASS_REGULAR_EXPRESSION "^eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\nrc=0\n$")

  add_test(NAME cli.token.missing_secret_exits_2
    COMMAND sh -c "env -u STAFETT_TOKEN_SECRET ${_stafett} token --tenant demo --service s --role worker 2>&1; echo rc=$?")
  set_tests_properties(cli.token.missing_secret_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "STAFETT_TOKEN_SECRET.*\nrc=2\n$")

  add_test(NAME cli.token.short_secret_exits_2
    COMMAND sh -c "STAFETT_TOKEN_SECRET=short ${_stafett} token --tenant demo --service s --role worker 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.token.short_secret_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.token.unknown_role_exits_2
    COMMAND sh -c "STAFETT_TOKEN_SECRET=${_secret} ${_stafett} token --tenant demo --service s --role boss 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.token.unknown_role_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.token.missing_tenant_exits_2
    COMMAND sh -c "STAFETT_TOKEN_SECRET=${_secret} ${_stafett} token --service s --role worker 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.token.missing_tenant_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.token.ttl_over_a_year_exits_2
    COMMAND sh -c "STAFETT_TOKEN_SECRET=${_secret} ${_stafett} token --tenant demo --service s --role worker --ttl P2Y 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.token.ttl_over_a_year_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  # --- serve: refusing to start ------------------------------------------
  add_test(NAME cli.serve.no_secret_exits_2
    COMMAND sh -c "env -u STAFETT_TOKEN_SECRET ${_stafett} serve --listen 127.0.0.1:0 2>&1; echo rc=$?")
  set_tests_properties(cli.serve.no_secret_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "STAFETT_TOKEN_SECRET.*\nrc=2\n$")

  add_test(NAME cli.serve.dev_secret_only_on_loopback
    COMMAND sh -c "env -u STAFETT_TOKEN_SECRET ${_stafett} serve --insecure-dev-secret --listen 0.0.0.0:0 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.serve.dev_secret_only_on_loopback PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.serve.bad_listen_exits_2
    COMMAND sh -c "STAFETT_TOKEN_SECRET=${_secret} ${_stafett} serve --listen nowhere 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.serve.bad_listen_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.serve.unknown_flag_exits_2
    COMMAND sh -c "STAFETT_TOKEN_SECRET=${_secret} ${_stafett} serve --port 8080 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.serve.unknown_flag_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  # An invalid routine file: diagnostics FILE:LINE:COLUMN on stderr, exit 1,
  # and the database is never created.
  add_test(NAME cli.serve.invalid_routine_refuses_to_start
    COMMAND sh -c "d=$(mktemp -d) && cp ${PROJECT_SOURCE_DIR}/src/routine/testdata/broken.yaml $d/ && STAFETT_TOKEN_SECRET=${_secret} ${_stafett} serve --listen 127.0.0.1:0 --db sqlite:$d/s.db --routines $d 2>&1 >/dev/null; echo rc=$?; test -e $d/s.db && echo db-created; rm -rf $d")
  set_tests_properties(cli.serve.invalid_routine_refuses_to_start PROPERTIES
    PASS_REGULAR_EXPRESSION "broken\\.yaml:[0-9]+:[0-9]+: .*rc=1\n$"
    FAIL_REGULAR_EXPRESSION "db-created")

  # --- serve: a real start, a request, a graceful stop -------------------
  # Waits (polling, no fixed sleep) for the "listening" log line to learn
  # the ephemeral port, then logs a concern and stops the server with the
  # given signal; the server must exit 0 after logging "stopped".
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/serve_smoke.sh [=[
set -u
stafett=$1; src=$2; sig=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export STAFETT_TOKEN_SECRET=cli-test-secret-cli-test-secret-0123456789
"$stafett" serve --listen 127.0.0.1:0 --db "sqlite:$dir/s.db" \
  --routines "$src/workflows" >"$dir/out" 2>"$dir/err" &
pid=$!
i=0
while [ $i -lt 600 ] && ! grep -q '"event":"listening"' "$dir/out"; do
  kill -0 $pid 2>/dev/null || break
  sleep 0.1; i=$((i + 1))
done
port=$(sed -n 's/.*"event":"listening","message":"127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/out")
if [ -z "$port" ]; then cat "$dir/err"; kill $pid 2>/dev/null; echo "no port"; exit 1; fi
base="http://127.0.0.1:$port"
echo "healthz $(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")"
echo "readyz $(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")"
echo "anonymous $(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/cases")"
token=$("$stafett" token --tenant demo --service demo_skole --role worker)
echo "create $(curl -s -o /dev/null -w '%{http_code}' -X POST \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"age_band":"6-12","categories":["trivsel"],"text":"Virker lei seg."}' \
  "$base/api/v1/cases")"
kill -"$sig" $pid
wait $pid
rc=$?
grep -q '"event":"stopped"' "$dir/out" && echo stopped
echo rc=$rc
]=])
  foreach(sig TERM INT)
    add_test(NAME cli.serve.starts_answers_and_stops_on_${sig}
      COMMAND sh ${CMAKE_CURRENT_BINARY_DIR}/serve_smoke.sh ${_stafett} ${PROJECT_SOURCE_DIR} ${sig})
    set_tests_properties(cli.serve.starts_answers_and_stops_on_${sig} PROPERTIES
      PASS_REGULAR_EXPRESSION "healthz 200\nreadyz 200\nanonymous 401\ncreate 201\nstopped\nrc=0\n$")
  endforeach()
endif()
