# CLI tests for `stafett audit` (included from src/app/CMakeLists.txt).
# Each test prints the command's output and then "rc=<exit code>".
if(TARGET stafett)
  set(_stafett $<TARGET_FILE:stafett>)
  set(_audit_dir ${CMAKE_CURRENT_BINARY_DIR}/audit_cli)

  # One journal row changed directly in the database: verify names it, a
  # checkpoint refuses to vouch for it. The hashes are made with sha256sum.
  add_test(NAME cli.audit.verify_catches_a_changed_journal_row
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/audit_cli_test.sh ${_stafett} ${_audit_dir}/changed)
  set_tests_properties(cli.audit.verify_catches_a_changed_journal_row PROPERTIES
    PASS_REGULAR_EXPRESSION "^ok: 1 kommune\\(r\\), 1 saker, 2 journaloppføringer, 0 sjekkpunkter\nrc=0\nrc=0\nførste brudd: kommune nes: saken 0123456789abcdef0123456789abcdef, oppføring 2: innholdet er endret \\(hashen stemmer ikke\\)\n1 brudd i 1 saker\nrc=1\nrc=1\n$")

  add_test(NAME cli.audit.empty_database_is_ok
    COMMAND sh -c "rm -f ${_audit_dir}-empty.db && ${_stafett} migrate --db sqlite:${_audit_dir}-empty.db >/dev/null && ${_stafett} audit verify --db sqlite:${_audit_dir}-empty.db; echo rc=$?")
  set_tests_properties(cli.audit.empty_database_is_ok PROPERTIES
    PASS_REGULAR_EXPRESSION "^ok: 0 kommune\\(r\\), 0 saker, 0 journaloppføringer, 0 sjekkpunkter\nrc=0\n$")

  add_test(NAME cli.audit.no_subcommand_exits_2
    COMMAND sh -c "${_stafett} audit 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.audit.no_subcommand_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.audit.unknown_subcommand_exits_2
    COMMAND sh -c "${_stafett} audit repair 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.audit.unknown_subcommand_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.audit.purge_needs_a_tenant
    COMMAND sh -c "${_stafett} audit purge --db sqlite:${_audit_dir}-empty.db 2>&1; echo rc=$?")
  set_tests_properties(cli.audit.purge_needs_a_tenant PROPERTIES
    PASS_REGULAR_EXPRESSION "--tenant er påkrevd\nrc=2\n$")

  # The command runs the purge worker's pass (store/lifecycle/purge.h); the
  # old --closed-days, which deleted cases before their retention was out,
  # is refused.
  add_test(NAME cli.audit.purge_refuses_closed_days
    COMMAND sh -c "${_stafett} audit purge --tenant nes --closed-days 30 --db sqlite:${_audit_dir}-empty.db 2>&1; echo rc=$?")
  set_tests_properties(cli.audit.purge_refuses_closed_days PROPERTIES
    PASS_REGULAR_EXPRESSION "--closed-days finnes ikke lenger; oppbevaringstiden settes i rutinens retention-blokk \\(workflows/README.md\\)\nrc=2\n$")

  add_test(NAME cli.audit.purge_with_nothing_due
    COMMAND sh -c "rm -f ${_audit_dir}-purge.db && ${_stafett} migrate --db sqlite:${_audit_dir}-purge.db >/dev/null && ${_stafett} audit purge --tenant nes --db sqlite:${_audit_dir}-purge.db; echo rc=$?")
  set_tests_properties(cli.audit.purge_with_nothing_due PROPERTIES
    PASS_REGULAR_EXPRESSION "^kommune nes: 0 sak\\(er\\) slettet; 0 rader i tilgangsloggen, 0 varsler, 0 idempotensnøkler og 0 rapportutgivelser slettet\nrc=0\n$")

  # The dry run reads the retention the purge uses (the tenant's routines),
  # also before the purge worker has ever run: a routine that keeps the
  # access log two years is shown as such, not as the five-year default.
  add_test(NAME cli.audit.purge_dry_run_uses_the_routines_retention
    COMMAND sh -c "rm -rf ${_audit_dir}-dry && mkdir -p ${_audit_dir}-dry && sed 's/access_log: P5Y/access_log: P2Y/' ${PROJECT_SOURCE_DIR}/workflows/nesseby.yaml >${_audit_dir}-dry/nesseby.yaml && ${_stafett} routine publish ${_audit_dir}-dry/nesseby.yaml --db sqlite:${_audit_dir}-dry/db >/dev/null && ${_stafett} audit purge --tenant nesseby --dry-run --db sqlite:${_audit_dir}-dry/db; echo rc=$?")
  set_tests_properties(cli.audit.purge_dry_run_uses_the_routines_retention PROPERTIES
    PASS_REGULAR_EXPRESSION "^kommune nesseby \\(prøvekjøring, ingenting slettet\\)\noppbevaring: closed_case=P5Y closed_case_reported=P10Y access_log=P2Y [^\n]*\nforfalt: 0 sak\\(er\\)[^\n]*\nrc=0\n$")

  add_test(NAME cli.audit.unreachable_database_exits_3
    COMMAND sh -c "${_stafett} audit verify --db 'host=/nonexistent dbname=x connect_timeout=1' 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.audit.unreachable_database_exits_3 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=3\n$")
endif()
