#!/usr/bin/env bash
# quickstart.sh — set up, build seam, and run `seam analyze` on the bundled
# sample (samples/bookstore) through its compile database.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
# a fresh build/ skips the tests; one that scripts/test.sh configured keeps them
# (forcing them off would leave stale test binaries behind for ctest)
if [ -f "$root/build/CMakeCache.txt" ]; then
  "$root/scripts/build.sh" "$root/build"
else
  "$root/scripts/build.sh" "$root/build" -DSEAM_TESTS=OFF
fi
# the sample's compile_commands.json comes from its own CMake project
cmake -S "$root/samples/bookstore" -B "$root/build/samples/bookstore" >/dev/null
out="$root/build/bookstore-report"
"$root/build/analyzer/seam" analyze -p "$root/build/samples/bookstore" --root "$root/samples/bookstore" -o "$out"
echo "quickstart: the report is in $out (report.json)"
