# CLI tests for `stafett migrate` (included from src/app/CMakeLists.txt).
# Each test prints the command's output and then "rc=<exit code>". SQLite
# only: the database suites cover PostgreSQL (store_dbtests).
if(TARGET stafett)
  set(_stafett $<TARGET_FILE:stafett>)
  set(_mig ${PROJECT_SOURCE_DIR}/db/migrations)

  add_test(NAME cli.migrate.applies_then_reports_current
    COMMAND sh -c "d=$(mktemp -d) && ${_stafett} migrate --db sqlite:$d/s.db --migrations ${_mig} && ${_stafett} migrate --db=sqlite://$d/s.db --migrations=${_mig}; echo rc=$?; rm -rf $d")
  set_tests_properties(cli.migrate.applies_then_reports_current PROPERTIES
    PASS_REGULAR_EXPRESSION "^applied 0001_init\n.*: [1-9][0-9]* applied, 0 already applied\nsqlite:.*: 0 applied, [1-9][0-9]* already applied\nrc=0\n$")

  add_test(NAME cli.migrate.edited_migration_exits_1
    COMMAND sh -c "d=$(mktemp -d) && cp -r ${_mig} $d/m && ${_stafett} migrate --db sqlite:$d/s.db --migrations $d/m >/dev/null && echo '-- edit' >> $d/m/sqlite/0001_init.sql && ${_stafett} migrate --db sqlite:$d/s.db --migrations $d/m; echo rc=$?; rm -rf $d")
  set_tests_properties(cli.migrate.edited_migration_exits_1 PROPERTIES
    PASS_REGULAR_EXPRESSION "0001_init.*changed.*rc=1\n$")

  add_test(NAME cli.migrate.bad_url_exits_2
    COMMAND sh -c "${_stafett} migrate --db mysql://x 2>&1; echo rc=$?")
  set_tests_properties(cli.migrate.bad_url_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "rc=2\n$")

  add_test(NAME cli.migrate.missing_migrations_exits_2
    COMMAND sh -c "d=$(mktemp -d) && ${_stafett} migrate --db sqlite:$d/s.db --migrations $d/none 2>&1; echo rc=$?; rm -rf $d")
  set_tests_properties(cli.migrate.missing_migrations_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "not found.*rc=2\n$")

  add_test(NAME cli.migrate.unknown_flag_exits_2
    COMMAND sh -c "${_stafett} migrate --frobnicate 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.migrate.unknown_flag_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")
endif()
