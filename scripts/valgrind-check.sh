#!/usr/bin/env bash
# valgrind-check.sh [--seam BIN] [--dest DIR] [PKG] — seam analyze on real
# code (default: Debian's lua5.4, fetched and prepared by
# fetch-real-code.sh into DIR, default build/realcode) under valgrind's
# memcheck: any invalid read or write, use of uninitialised memory or
# definite/indirect leak is an error (exit 99 from valgrind, 1 here).
# BIN defaults to build/analyzer/seam (the -O2 -g build of scripts/build.sh).
# Suppressions: tests/valgrind.supp (libclang/LLVM internals only).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seam="$root/build/analyzer/seam"
dest="$root/build/realcode"
pkg=lua5.4
while [ $# -gt 0 ]; do
  case "$1" in
    --seam) seam="$2"; shift 2 ;;
    --dest) dest="$2"; shift 2 ;;
    *) pkg="$1"; shift ;;
  esac
done
if ! command -v valgrind >/dev/null; then
  echo "valgrind-check: valgrind not found: install the Debian package 'valgrind'" >&2
  exit 2
fi
"$root/scripts/fetch-real-code.sh" --dest "$dest" "$pkg" >/dev/null
out="$(mktemp -d "${TMPDIR:-/tmp}/seam-valgrind-XXXXXX")"
log="$out/valgrind.log"
start=$(date +%s)
# -j2: two libclang workers, as on a small CI machine; --fair-sched keeps
# the threads' interleaving varied
if valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --track-origins=yes --fair-sched=yes --num-callers=30 \
    --suppressions="$root/tests/valgrind.supp" --log-file="$log" \
    "$seam" analyze -q -j2 --no-cache -p "$dest/$pkg" -o "$out/report"; then
  rc=0
else
  rc=$?
fi
secs=$(( $(date +%s) - start ))
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|suppressed:" "$log" | sed 's/^==[0-9]*== *//'
if [ "$rc" != 0 ]; then
  echo "valgrind-check: $pkg: FAILED (exit $rc) in ${secs}s; log: $log" >&2
  exit 1
fi
echo "valgrind-check: $pkg: clean in ${secs}s"
rm -rf "$out"
