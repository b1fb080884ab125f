#!/usr/bin/env bash
# fuzz.sh [SECONDS_PER_TARGET [TARGET...]] — build the libFuzzer targets of
# tests/fuzz/ with clang (-fsanitize=fuzzer,address,undefined) in
# build-fuzz/ and run each for SECONDS_PER_TARGET (default 30), one after
# the other, starting from its seed corpus tests/fuzz/<target>/ (copied:
# the seeds in the repository are not modified) and with the dictionary
# tests/fuzz/<target>.dict (the formats' keywords). New inputs stay in
# build-fuzz/corpus/<target>/ and crashes in build-fuzz/crashes/; a crash
# fails the script. Each run's final figures (executions, cov, ft) are
# printed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(compdb rulepack report config reportview)
fi
dir="$root/build-fuzz"
cc="$(command -v clang || command -v clang-14)"
CC="$cc" cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEAM_FUZZ=ON -DSEAM_TESTS=ON \
  -DSEAM_SANITIZE=OFF >/dev/null
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for t in "${targets[@]}"; do
  corpus="$dir/corpus/$t"
  crashes="$dir/crashes"
  mkdir -p "$corpus" "$crashes"
  log="$dir/fuzz-$t.log"
  echo "== fuzz_$t for ${secs}s (log: $log)"
  # -rss_limit_mb: an input that makes a reader use this much is a bug too
  if ! "$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=2048 \
      -max_len=65536 -timeout=20 -artifact_prefix="$crashes/$t-" -dict="$root/tests/fuzz/$t.dict" \
      "$corpus" "$root/tests/fuzz/$t" >"$log" 2>&1; then
    echo "fuzz_$t: FAILED — see $log; the input is in $crashes/ (add it to tests/fuzz/$t/ once fixed)"
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -5 || true
    status=1
  fi
  grep -E "^#[0-9]+.*(DONE|pulse)" "$log" | tail -1 || true
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^stat::new_units_added" "$log" || true
done
exit $status
