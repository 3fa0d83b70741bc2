# RE2 and Abseil from one pinned, integrity-checked source: the `re2` npm package,
# which ships upstream RE2 and Abseil sources under vendor/. We only take the C++
# sources; the package's Node addon is never built. Both the native and the
# WebAssembly builds compile these same sources, so tests cover the code that ships.
#
# To move to another version: change both lines below, delete .cache/deps, rebuild.
set(FAKELENS_RE2_NPM_VERSION "1.27.1")
set(FAKELENS_RE2_NPM_SHA512
  "274447b9b8b01ff8ac3560f667e4d7fa1a5564291a4bf5f7d0a3ed6307242b9b2311a5bc051867775e443c88c10791b10f5ef888456d266982a2a7c4ac7d6a0d")

set(FAKELENS_DEPS_CACHE "${PROJECT_SOURCE_DIR}/.cache/deps" CACHE PATH
  "Where pinned dependency archives are downloaded and unpacked (shared by all builds)")

set(_re2_tarball "${FAKELENS_DEPS_CACHE}/re2-${FAKELENS_RE2_NPM_VERSION}.tgz")
set(_re2_unpacked "${FAKELENS_DEPS_CACHE}/re2-${FAKELENS_RE2_NPM_VERSION}")

function(_fakelens_check_re2_tarball out_ok)
  file(SHA512 "${_re2_tarball}" _actual)
  if(_actual STREQUAL FAKELENS_RE2_NPM_SHA512)
    set(${out_ok} TRUE PARENT_SCOPE)
  else()
    message(WARNING "re2-${FAKELENS_RE2_NPM_VERSION}.tgz has SHA-512 ${_actual}, expected ${FAKELENS_RE2_NPM_SHA512}; discarding it.")
    file(REMOVE "${_re2_tarball}")
    file(REMOVE_RECURSE "${_re2_unpacked}")
    set(${out_ok} FALSE PARENT_SCOPE)
  endif()
endfunction()

if(NOT EXISTS "${_re2_unpacked}/.complete")
  file(MAKE_DIRECTORY "${FAKELENS_DEPS_CACHE}")
  if(EXISTS "${_re2_tarball}")
    _fakelens_check_re2_tarball(_ok)
  endif()
  if(NOT EXISTS "${_re2_tarball}")
    find_program(FAKELENS_NPM npm)
    if(NOT FAKELENS_NPM)
      message(FATAL_ERROR "npm is needed once to fetch the pinned RE2 sources (re2@${FAKELENS_RE2_NPM_VERSION}). Install Node.js and npm (Debian: apt-get install nodejs npm), or place re2-${FAKELENS_RE2_NPM_VERSION}.tgz in ${FAKELENS_DEPS_CACHE}.")
    endif()
    message(STATUS "Fetching re2@${FAKELENS_RE2_NPM_VERSION} sources with npm pack")
    execute_process(
      COMMAND "${FAKELENS_NPM}" pack "re2@${FAKELENS_RE2_NPM_VERSION}" --silent --ignore-scripts
              --pack-destination "${FAKELENS_DEPS_CACHE}"
      WORKING_DIRECTORY "${FAKELENS_DEPS_CACHE}"
      RESULT_VARIABLE _npm_result OUTPUT_QUIET)
    if(NOT _npm_result EQUAL 0 OR NOT EXISTS "${_re2_tarball}")
      message(FATAL_ERROR "npm pack re2@${FAKELENS_RE2_NPM_VERSION} failed (exit ${_npm_result}). Check that the npm registry is reachable.")
    endif()
    _fakelens_check_re2_tarball(_ok)
    if(NOT _ok)
      message(FATAL_ERROR "The fetched re2 archive does not match the pinned SHA-512; refusing to build with it.")
    endif()
  endif()
  file(REMOVE_RECURSE "${_re2_unpacked}")
  file(ARCHIVE_EXTRACT INPUT "${_re2_tarball}" DESTINATION "${_re2_unpacked}"
       PATTERNS "package/vendor/re2/*" "package/vendor/abseil-cpp/*")
  file(TOUCH "${_re2_unpacked}/.complete")
endif()

set(FAKELENS_RE2_SOURCE_DIR "${_re2_unpacked}/package/vendor/re2")
set(FAKELENS_ABSEIL_SOURCE_DIR "${_re2_unpacked}/package/vendor/abseil-cpp")

# Abseil and RE2 options: static, no tests, no install rules of RE2's own.
set(BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
set(BUILD_TESTING OFF CACHE BOOL "" FORCE)
set(ABSL_PROPAGATE_CXX_STD ON CACHE BOOL "" FORCE)
set(ABSL_ENABLE_INSTALL ON CACHE BOOL "" FORCE)
set(ABSL_BUILD_TESTING OFF CACHE BOOL "" FORCE)
set(RE2_BUILD_TESTING OFF CACHE BOOL "" FORCE)
set(RE2_INSTALL OFF CACHE BOOL "" FORCE)

# In WebAssembly, RE2's internal logging is compiled out: we never let it log
# (log_errors is off), and its message formatting pulled in Abseil's logging, str_format,
# time zones and C++ iostreams, a third of the module. A failed internal check still aborts.
if(EMSCRIPTEN)
  add_compile_definitions(ABSL_MIN_LOG_LEVEL=1000)  # absl::LogSeverityAtLeast::kInfinity
  # Link-time optimisation across RE2, Abseil and the core: about 7% faster scoring and a
  # slightly smaller gzip in the module; the link takes a little longer.
  add_compile_options(-flto)
  add_link_options(-flto)
endif()

# Third-party warnings are not ours to fix; keep our own build output readable.
set(_fakelens_saved_cxx_flags "${CMAKE_CXX_FLAGS}")
string(APPEND CMAKE_CXX_FLAGS " -w")
add_subdirectory("${FAKELENS_ABSEIL_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/_deps/abseil" EXCLUDE_FROM_ALL)
add_subdirectory("${FAKELENS_RE2_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/_deps/re2" EXCLUDE_FROM_ALL)
set(CMAKE_CXX_FLAGS "${_fakelens_saved_cxx_flags}")
