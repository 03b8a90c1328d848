# stafett_layer(NAME DEPS <libs> TEST_DEPS <libs> [DB_TESTS])
#
# One static library per src/ folder: every *.cc that is not a test or a
# benchmark. Tests sit beside the code they test:
#   *_test.cc    pure unit tests          -> <name>_tests
#   *_dbtest.cc  need SQLite + PostgreSQL  -> <name>_dbtests (requires the pg fixture)
# Benchmarks (*_bench.cc) are separate programs, built but never run by CTest.
function(stafett_layer name)
  cmake_parse_arguments(L "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "_(test|dbtest|bench)\\.cc$")
  list(FILTER srcs EXCLUDE REGEX "/test_[a-z_]+\\.cc$")
  if(srcs)
    add_library(stafett_${name} STATIC ${srcs})
    target_include_directories(stafett_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(stafett_${name} PUBLIC ${L_DEPS})
  else()  # a layer still being written: headers only
    add_library(stafett_${name} INTERFACE)
    target_include_directories(stafett_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(stafett_${name} INTERFACE ${L_DEPS})
  endif()

  # Shared test helpers of a layer are named test_*.cc.
  file(GLOB_RECURSE helpers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_*.cc)

  file(GLOB_RECURSE tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(tests)
    add_executable(${name}_tests ${tests} ${helpers})
    target_link_libraries(${name}_tests PRIVATE stafett_${name} ${L_TEST_DEPS}
      GTest::gtest_main GTest::gmock)
    target_compile_definitions(${name}_tests PRIVATE
      STAFETT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${name}_tests DISCOVERY_TIMEOUT 60
      PROPERTIES ENVIRONMENT "STAFETT_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()

  file(GLOB_RECURSE dbtests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_dbtest.cc)
  if(dbtests)
    add_executable(${name}_dbtests ${dbtests} ${helpers})
    target_link_libraries(${name}_dbtests PRIVATE stafett_${name} ${L_TEST_DEPS}
      GTest::gtest_main GTest::gmock)
    target_compile_definitions(${name}_dbtests PRIVATE
      STAFETT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${name}_dbtests DISCOVERY_TIMEOUT 60
      PROPERTIES FIXTURES_REQUIRED pg LABELS db
      ENVIRONMENT "STAFETT_TEST_PG_DSN_FILE=${STAFETT_PG_DIR}/dsn;STAFETT_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()

  file(GLOB_RECURSE benches CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_bench.cc)
  foreach(b ${benches})
    get_filename_component(bn ${b} NAME_WE)
    add_executable(${bn} ${b})
    target_link_libraries(${bn} PRIVATE stafett_${name} ${L_TEST_DEPS})
  endforeach()
endfunction()
