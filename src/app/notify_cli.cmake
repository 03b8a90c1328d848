# Tests of the notifier through the `stafett` binary (included from
# src/app/CMakeLists.txt).
if(TARGET stafett)
  set(_stafett $<TARGET_FILE:stafett>)
  set(_notify_data ${PROJECT_SOURCE_DIR}/src/notify/testdata)

  # `stafett routine check` reports every channel problem, once each, at
  # the offending value, and never repeats a password from a URL.
  add_test(NAME cli.notify.routine_check_rejects_bad_channels
    COMMAND sh -c "${_stafett} routine check ${_notify_data}/bad_channels.yaml; echo rc=$?")
  set_tests_properties(cli.notify.routine_check_rejects_bad_channels PROPERTIES
    PASS_REGULAR_EXPRESSION "bad_channels.yaml:15:22: webhook-adressen kan ikke inneholde brukernavn eller passord[^\n]*\\*\\*\\*@hook.example[^\n]*\n[^\n]*bad_channels.yaml:20:60: secret_env 'STAFETT_TOKEN_SECRET' er en av Stafetts egne nøkler[^\n]*\n[^\n]*bad_channels.yaml:25:22: http:// er bare lov mot denne maskinen[^\n]*\n[^\n]*bad_channels.yaml:30:31: e-postadressen 'Post@D.example' står to ganger[^\n]*\n4 feil funnet\nrc=1\n$"
    FAIL_REGULAR_EXPRESSION "hemmelig@")

  # A configuration that cannot work stops serve before it listens.
  add_test(NAME cli.notify.serve_refuses_smtp_without_sender
    COMMAND sh -c "rm -f ${CMAKE_CURRENT_BINARY_DIR}/notify_cli.db*; ${_stafett} serve --db sqlite:${CMAKE_CURRENT_BINARY_DIR}/notify_cli.db --listen 127.0.0.1:0 --insecure-dev-secret --routines ${PROJECT_SOURCE_DIR}/workflows --smtp-host 127.0.0.1 2>&1 >/dev/null; echo rc=$?")
  set_tests_properties(cli.notify.serve_refuses_smtp_without_sender PROPERTIES
    PASS_REGULAR_EXPRESSION "--smtp-from \\(avsenderadressen\\) må settes[^\n]*\nrc=2\n$")

  # Two replicas on one PostgreSQL, one SIGKILLed mid-run: every
  # notification delivered (deduplicated receiver sees each once), every
  # deadline stage fired once, promtool accepts /metrics.
  add_test(NAME notify.replicas_sigkill_exactly_once
    COMMAND /usr/bin/python3 ${_notify_data}/replicas_test.py ${_stafett})
  set_tests_properties(notify.replicas_sigkill_exactly_once PROPERTIES
    FIXTURES_REQUIRED pg LABELS db TIMEOUT 400 SKIP_RETURN_CODE 77
    ENVIRONMENT "STAFETT_TEST_PG_DSN_FILE=${STAFETT_PG_DIR}/dsn")
endif()
