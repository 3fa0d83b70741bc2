# nlohmann/json and doctest come from Debian's packages (nlohmann-json3-dev, doctest-dev).
# Both live in /usr/include, which must never be put on em++'s include path (it would
# drag glibc headers into the WebAssembly build). So each header folder is linked into a
# private include directory and only that directory is added, natively and for wasm alike.
set(FAKELENS_PRIVATE_INCLUDE "${CMAKE_BINARY_DIR}/private-include")
file(MAKE_DIRECTORY "${FAKELENS_PRIVATE_INCLUDE}")

function(fakelens_link_header_dir name probe_file apt_package)
  find_path(_dir_${name} "${probe_file}"
    PATHS /usr/include /usr/local/include
    NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(NOT _dir_${name})
    message(FATAL_ERROR "${probe_file} not found. Install it: apt-get install -y ${apt_package} (or run scripts/bootstrap.sh as root).")
  endif()
  if(NOT EXISTS "${FAKELENS_PRIVATE_INCLUDE}/${name}")
    file(CREATE_LINK "${_dir_${name}}/${name}" "${FAKELENS_PRIVATE_INCLUDE}/${name}" SYMBOLIC)
  endif()
endfunction()

fakelens_link_header_dir(nlohmann nlohmann/json.hpp nlohmann-json3-dev)

add_library(fakelens_nlohmann_json INTERFACE)
target_include_directories(fakelens_nlohmann_json SYSTEM INTERFACE "${FAKELENS_PRIVATE_INCLUDE}")
# The core is built without exceptions (as it ships in WebAssembly), so nlohmann must not
# throw either: every call site checks types and uses the non-throwing parse and dump.
target_compile_definitions(fakelens_nlohmann_json INTERFACE JSON_NOEXCEPTION)

if(FAKELENS_BUILD_TESTS)
  fakelens_link_header_dir(doctest doctest/doctest.h doctest-dev)
endif()
