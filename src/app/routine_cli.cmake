# CLI tests for `stafett routine check|render` (included from
# src/app/CMakeLists.txt). As in pii_cli.cmake, each test prints the
# command's output and then "rc=<exit code>", so one regular expression
# checks both what was reported and how it exited.
if(TARGET stafett)
  set(_stafett $<TARGET_FILE:stafett>)
  set(_workflows ${PROJECT_SOURCE_DIR}/workflows)
  set(_broken ${PROJECT_SOURCE_DIR}/src/routine/testdata/broken.yaml)

  # Every shipped routine passes, checked one by one and as a set (the
  # directory), which also catches a reference_prefix used twice.
  add_test(NAME cli.routine.check_shipped_workflows_exits_0
    COMMAND sh -c "${_stafett} routine check ${_workflows}; echo rc=$?")
  set_tests_properties(cli.routine.check_shipped_workflows_exits_0 PROPERTIES
    PASS_REGULAR_EXPRESSION "bti.yaml: ok .*nesseby.yaml: ok .*storby.yaml: ok .*\nrc=0\n$")

  file(GLOB _shipped CONFIGURE_DEPENDS ${_workflows}/*.yaml)
  foreach(_file ${_shipped})
    get_filename_component(_name ${_file} NAME_WE)
    add_test(NAME cli.routine.render_dot_${_name}_is_valid_graphviz
      COMMAND bash -c "set -o pipefail; ${_stafett} routine render ${_file} --format dot | dot -Tsvg >/dev/null; echo rc=$?")
    set_tests_properties(cli.routine.render_dot_${_name}_is_valid_graphviz PROPERTIES
      PASS_REGULAR_EXPRESSION "^rc=0\n$")
    add_test(NAME cli.routine.render_json_${_name}_parses
      COMMAND bash -c "set -o pipefail; ${_stafett} routine render ${_file} --format json | /usr/bin/python3 -m json.tool >/dev/null; echo rc=$?")
    set_tests_properties(cli.routine.render_json_${_name}_parses PROPERTIES
      PASS_REGULAR_EXPRESSION "^rc=0\n$")
  endforeach()

  add_test(NAME cli.routine.render_mermaid_has_levels
    COMMAND sh -c "${_stafett} routine render ${_workflows}/nesseby.yaml --format mermaid --lang se; echo rc=$?")
  set_tests_properties(cli.routine.render_mermaid_has_levels PROPERTIES
    PASS_REGULAR_EXPRESSION "^flowchart TD\n.*Unjárgga gielda.*subgraph level0\\[\"Dássi 0\"\\].*subgraph level3\\[\"Dássi 3\"\\].*\nrc=0\n$")

  add_test(NAME cli.routine.check_broken_fixture_exits_1_with_positions
    COMMAND sh -c "${_stafett} routine check ${_broken}; echo rc=$?")
  set_tests_properties(cli.routine.check_broken_fixture_exits_1_with_positions PROPERTIES
    PASS_REGULAR_EXPRESSION "broken.yaml:7:19: reference_prefix .*broken.yaml:15:5: ukjent nøkkel 'deadlnie' \\(mente du 'deadline'\\?\\)\n.*broken.yaml:17:26: .*'vurderng' \\(mente du 'vurdering'\\?\\)\n.*broken.yaml:20:12: .*broken.yaml:23:15: .*\nrc=1\n$")

  # Issue 12: check explains the consent rule under a routine that loads,
  # and prints warnings (which never change the exit code).
  add_test(NAME cli.routine.check_explains_consent_and_warns
    COMMAND sh -c "${_stafett} routine check ${_workflows}/bti.yaml ${_workflows}/storby.yaml; echo rc=$?")
  set_tests_properties(cli.routine.check_explains_consent_and_warns PROPERTIES
    PASS_REGULAR_EXPRESSION "bti.yaml: ok \\(bti versjon 2.*\n  samtykke hentes i 'samtykke_niva1' og 'samtykke_niva2'.*\n  uten samtykke: .*storby.yaml:[0-9]+:[0-9]+: advarsel: .*\nrc=0\n$")

  add_test(NAME cli.routine.check_mixed_files_exits_1
    COMMAND sh -c "${_stafett} routine check ${_workflows}/bti.yaml ${_broken}; echo rc=$?")
  set_tests_properties(cli.routine.check_mixed_files_exits_1 PROPERTIES
    PASS_REGULAR_EXPRESSION "bti.yaml: ok .*\nrc=1\n$")

  add_test(NAME cli.routine.check_missing_file_exits_1
    COMMAND sh -c "${_stafett} routine check /nonexistent/rutine.yaml; echo rc=$?")
  set_tests_properties(cli.routine.check_missing_file_exits_1 PROPERTIES
    PASS_REGULAR_EXPRESSION "^/nonexistent/rutine.yaml:0:0: kan ikke lese filen\n.*rc=1\n$")

  # render prints diagnostics to stderr and nothing to stdout.
  add_test(NAME cli.routine.render_broken_exits_1
    COMMAND sh -c "${_stafett} routine render ${_broken} --format dot 2>&1 >/dev/null; echo rc=$?")
  set_tests_properties(cli.routine.render_broken_exits_1 PROPERTIES
    PASS_REGULAR_EXPRESSION "broken.yaml:15:5: ukjent nøkkel 'deadlnie'.*\nrc=1\n$")

  function(_routine_usage_test name)
    string(JOIN " " _args ${ARGN})
    add_test(NAME cli.routine.usage_${name}_exits_2
      COMMAND sh -c "${_stafett} routine ${_args} 2>/dev/null; echo rc=$?")
    set_tests_properties(cli.routine.usage_${name}_exits_2 PROPERTIES
      PASS_REGULAR_EXPRESSION "^rc=2\n$")
  endfunction()
  _routine_usage_test(no_subcommand "")
  _routine_usage_test(unknown_subcommand frobnicate)
  _routine_usage_test(check_without_files check)
  _routine_usage_test(render_without_format render ${_workflows}/bti.yaml)
  _routine_usage_test(render_unknown_format render ${_workflows}/bti.yaml --format png)
  _routine_usage_test(render_without_file render --format dot)
  _routine_usage_test(render_unknown_language render ${_workflows}/bti.yaml --format dot --lang sv)
endif()

# The simulator (issue: routines for administrators): deterministic for a
# seed, CSV with its header, the example profile valid, and a broken profile
# reported at its line and column.
if(TARGET stafett)
  add_test(NAME cli.routine.simulate_is_deterministic
    COMMAND bash -c "set -o pipefail; a=$(${_stafett} routine simulate ${_workflows}/bti.yaml --cases 300 --seed 9 --profile ${_workflows}/sim/bti-profile.yaml) && b=$(${_stafett} routine simulate ${_workflows}/bti.yaml --cases 300 --seed 9 --threads 2 --profile ${_workflows}/sim/bti-profile.yaml) && [ \"$a\" = \"$b\" ] && echo \"$a\" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); assert r[\"closed\"]+r[\"open\"]==300 and r[\"refusals\"]==0, r'; echo rc=$?")
  set_tests_properties(cli.routine.simulate_is_deterministic PROPERTIES
    PASS_REGULAR_EXPRESSION "^rc=0\n$")
  add_test(NAME cli.routine.simulate_csv_has_its_header
    COMMAND sh -c "${_stafett} routine simulate ${_workflows}/storby.yaml --cases 50 --format csv | head -2; echo rc=$?")
  set_tests_properties(cli.routine.simulate_csv_has_its_header PROPERTIES
    PASS_REGULAR_EXPRESSION "^section,service,step,month,value\ncases,,,,50\nrc=0\n$")
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/broken-profile.yaml "consent: 0.9\nsteps:\n  droftet_anonymt:\n    outcomes: {talk_with_famly: 1}\n")
  add_test(NAME cli.routine.simulate_broken_profile_exits_1_with_position
    COMMAND sh -c "${_stafett} routine simulate ${_workflows}/bti.yaml --profile ${CMAKE_CURRENT_BINARY_DIR}/broken-profile.yaml 2>&1; echo rc=$?")
  set_tests_properties(cli.routine.simulate_broken_profile_exits_1_with_position PROPERTIES
    PASS_REGULAR_EXPRESSION "broken-profile.yaml:4:16: .*'talk_with_famly' \\(mente du 'talk_with_family'\\?\\)\nrc=1\n$")
endif()
