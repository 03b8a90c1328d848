# CLI tests for `stafett pii scan` (included from src/app/CMakeLists.txt).
# Each test prints the command's output and then "rc=<exit code>", so one
# regular expression checks both what was reported and how it exited.
if(TARGET stafett)
  set(_stafett $<TARGET_FILE:stafett>)

  add_test(NAME cli.pii.clean_text_exits_0
    COMMAND sh -c "printf 'Møte 17.05.2026 kl. 14:30, sak NES-2026-0042, 6-12 år\\n' | ${_stafett} pii scan; echo rc=$?")
  set_tests_properties(cli.pii.clean_text_exits_0 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=0\n$")

  # Test Norge number (synthetic) and made-up phone and address.
  add_test(NAME cli.pii.findings_exit_1_with_positions
    COMMAND sh -c "printf 'Hei\\nmor: 912 34 567, fnr 17858510023\\nblåbær@ørsta.no og ŋ +4791234567\\n' | ${_stafett} pii scan; echo rc=$?")
  set_tests_properties(cli.pii.findings_exit_1_with_positions PROPERTIES
    PASS_REGULAR_EXPRESSION "^2:6: phone: telefonnummer\n2:22: national_id: syntetisk fødselsnummer \\(Test Norge\\)\n3:1: email: e-postadresse\n3:22: phone: telefonnummer\nrc=1\n$"
    FAIL_REGULAR_EXPRESSION "912|178585|blåbær|4791")

  add_test(NAME cli.pii.empty_input_exits_0
    COMMAND sh -c "${_stafett} pii scan </dev/null; echo rc=$?")
  set_tests_properties(cli.pii.empty_input_exits_0 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=0\n$")

  add_test(NAME cli.pii.no_subcommand_exits_2
    COMMAND sh -c "${_stafett} pii </dev/null 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.pii.no_subcommand_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.pii.unknown_subcommand_exits_2
    COMMAND sh -c "${_stafett} pii check </dev/null 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.pii.unknown_subcommand_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")

  add_test(NAME cli.pii.extra_argument_exits_2
    COMMAND sh -c "${_stafett} pii scan file.txt </dev/null 2>/dev/null; echo rc=$?")
  set_tests_properties(cli.pii.extra_argument_exits_2 PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=2\n$")
endif()
