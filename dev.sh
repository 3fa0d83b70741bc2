#!/usr/bin/env bash
# The two commands of the README, and the step they share:
#   ./dev.sh start      install what is missing, build everything, serve the web demo
#   ./dev.sh test       install what is missing, build everything, run every test tier
#   ./dev.sh bootstrap  only install what is missing
# On Debian/Ubuntu as root the toolchain comes from apt; anywhere else this prints the
# exact packages to install and stops. npm packages always come from `npm ci`.
set -euo pipefail
cd "$(dirname "$0")"

command_name="${1:-}"
case "$command_name" in
  start|test|bootstrap) ;;
  *) echo "usage: ./dev.sh start | test | bootstrap" >&2; exit 64 ;;
esac

have() { command -v "$1" >/dev/null 2>&1; }

missing=()
have node || missing+=(nodejs)
have npm || missing+=(npm)
have cmake || missing+=(cmake)
have make || missing+=(make)
have g++ || missing+=(g++)
have em++ || missing+=(emscripten)
[ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann-json3-dev)
[ -f /usr/include/doctest/doctest.h ] || missing+=(doctest-dev)
if [ "$command_name" = test ]; then
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  # The fuzz smoke stage: clang with its libFuzzer runtime.
  have clang++ || missing+=(clang)
  compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null || missing+=(libclang-rt-dev)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && have apt-get; then
    echo "dev.sh: installing with apt-get: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    cat >&2 <<MSG
dev.sh: these packages are missing: ${missing[*]}
Install them, then run ./dev.sh $command_name again. On Debian or Ubuntu:
  sudo apt-get update && sudo apt-get install -y ${missing[*]}
(Run as root, ./dev.sh installs them itself.) Elsewhere: Node.js 18 or newer with npm,
CMake 3.22+, a C++17 compiler, Emscripten, nlohmann/json 3.11 and doctest 2.4 headers
in /usr/include; for the tests, Chromium, and clang with libFuzzer (libclang-rt-dev).
MSG
    exit 1
  fi
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
  echo "dev.sh: Node.js $(node --version) is too old; FakeLens needs Node.js 18 or newer." >&2
  exit 1
fi

# npm packages, exactly as package-lock.json pins them; skipped when already in place.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "dev.sh: npm ci"
  npm ci --no-audit --no-fund
fi

case "$command_name" in
  start) exec npm start ;;
  test) exec npm test ;;
  bootstrap) echo "dev.sh: everything is installed." ;;
esac
