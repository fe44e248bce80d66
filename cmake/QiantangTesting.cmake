# qiantang_add_test(NAME <name> SOURCES <src...> LIBS <libs...> LABELS <labels...>
#                   [RANKS <n...>] [THREADS <n>] [ARGS <args...>])
# Builds one Catch2 executable and registers it with ctest. With RANKS, the same
# executable is registered once per rank count under mpiexec (label `mpi` added),
# so one test body runs on 1, 2, ... ranks (STYLE.md habit 11).
set(QIANTANG_MPIEXEC_FLAGS --oversubscribe --allow-run-as-root CACHE STRING "Flags for mpiexec in tests")

function(qiantang_add_test)
  cmake_parse_arguments(T "" "NAME;THREADS" "SOURCES;LIBS;LABELS;RANKS;ARGS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE qiantang_catch_main ${T_LIBS} qiantang_warnings)
  set(threads 1)
  if(T_THREADS)
    set(threads ${T_THREADS})
  endif()
  if(T_RANKS)
    foreach(n IN LISTS T_RANKS)
      add_test(NAME ${T_NAME}_np${n}
               COMMAND ${MPIEXEC_EXECUTABLE} ${QIANTANG_MPIEXEC_FLAGS} ${MPIEXEC_NUMPROC_FLAG} ${n}
                       $<TARGET_FILE:${T_NAME}> ${T_ARGS})
      set_tests_properties(${T_NAME}_np${n} PROPERTIES LABELS "${T_LABELS};mpi"
        ENVIRONMENT "OMP_NUM_THREADS=${threads};QIANTANG_TEST_DATA=${PROJECT_SOURCE_DIR}"
        PROCESSORS ${n})
    endforeach()
  else()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME} ${T_ARGS})
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}"
      ENVIRONMENT "OMP_NUM_THREADS=${threads};QIANTANG_TEST_DATA=${PROJECT_SOURCE_DIR}")
  endif()
endfunction()
