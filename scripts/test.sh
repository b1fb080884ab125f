#!/usr/bin/env bash
# test.sh — set up, build with -Werror and run the whole test suite, then
# build again with AddressSanitizer + UndefinedBehaviorSanitizer and run it again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
start=$(date +%s)
"$root/scripts/setup.sh"

echo "== build (-Wall -Wextra -Werror) and test"
"$root/scripts/build.sh" "$root/build" -DSEAM_WERROR=ON -DSEAM_TESTS=ON -DSEAM_SANITIZE=OFF
(cd "$root/build" && ctest --output-on-failure -j "$(nproc)")

echo "== build with ASan + UBSan and test again"
"$root/scripts/build.sh" "$root/build-asan" -DSEAM_WERROR=ON -DSEAM_TESTS=ON -DSEAM_SANITIZE=ON \
  -DCMAKE_BUILD_TYPE=Debug
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
(cd "$root/build-asan" && ctest --output-on-failure -j "$(nproc)")

echo "== real code from Debian (Lua 5.4, SQLite) under ASan + UBSan: schema, clang's call graph"
"$root/scripts/realcode-check.sh" --seam "$root/build-asan/analyzer/seam" lua5.4 sqlite3

echo "== fuzzing: each libFuzzer target for 30s from its seed corpus (tests/fuzz/)"
"$root/scripts/fuzz.sh" 30

n=$(cd "$root/build" && ctest -N | awk '/Total Tests:/ {print $3}')
echo "test.sh: all passed in $(( $(date +%s) - start ))s"
echo "tests: $(( 2 * n )) passed, 0 failed"
