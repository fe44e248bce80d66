# SUNDIALS CVODE from Debian's libsundials-dev (tests and benchmarks only), with the dense and
# KLU direct linear solvers. Defines the interface target qiantang_sundials.
if(NOT TARGET qiantang_sundials)
  find_path(QIANTANG_CVODE_INCLUDE cvode/cvode.h REQUIRED)
  find_path(QIANTANG_KLU_INCLUDE klu.h PATH_SUFFIXES suitesparse REQUIRED)
  add_library(qiantang_sundials INTERFACE)
  target_include_directories(qiantang_sundials SYSTEM INTERFACE ${QIANTANG_CVODE_INCLUDE} ${QIANTANG_KLU_INCLUDE})
  foreach(lib sundials_cvode sundials_nvecserial sundials_sunlinsoldense sundials_sunmatrixdense
              sundials_sunlinsolklu sundials_sunmatrixsparse klu)
    find_library(QIANTANG_LIB_${lib} ${lib} REQUIRED)
    target_link_libraries(qiantang_sundials INTERFACE ${QIANTANG_LIB_${lib}})
  endforeach()
endif()
