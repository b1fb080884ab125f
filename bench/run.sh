#!/usr/bin/env bash
# bench/run.sh — seam against the libclang floor and `clang -fsyntax-only`
# on real code, in one run: wall-time medians, peak RSS, seam's phases, and
# the incremental cache. Writes a Markdown report (docs/performance.md keeps
# one such run).
#
# Usage: bench/run.sh [--realcode DIR] [--build DIR] [--reps N] [--jobs "1 2"]
#                     [--out FILE] [PKG...]
#   --realcode DIR  what scripts/fetch-real-code.sh --dest DIR prepared
#                   (default: build/realcode; fetch first with
#                   scripts/fetch-real-code.sh lua5.4 sqlite3 redis bash postgresql-15)
#   --build DIR     where seam and seam-floor are built (default: build)
#   --reps N        repetitions of every measurement; medians are reported (default 3)
#   --big-reps N    repetitions for a codebase of more than 500 TUs (default: --reps)
#   --jobs "A B"    parallelism levels (default: "1 $(nproc)")
#   --out FILE      the Markdown report (default: build/bench/results.md)
#   PKG             default: lua5.4 sqlite3 redis bash postgresql-15; also
#                   synthetic-100k: 100,000 functions in 400 TUs made by
#                   bench/synth.py (what seam does after extraction, at scale)
#
# For each package and each -j: seam-floor (parse + one clang_visitChildren
# walk per TU, bench/floor.c), `seam analyze --no-cache --stats`, and
# `clang -fsyntax-only` over the same TUs with the same arguments (xargs -P).
# At the highest -j, the cache: a cold run that fills it, an unchanged
# second run (answered by the run cache), the same without the run cache
# (every TU's facts read back), and a run where one TU's arguments changed (-DSEAM_BENCH_EDIT,
# so its key changes and only it is parsed again; the sources are not touched).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
realcode="$root/build/realcode"
build="$root/build"
reps=3
big_reps=""
jobs_list="1 $(nproc)"
out=""
pkgs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --realcode) realcode=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        --reps) reps=$2; shift 2 ;;
        --big-reps) big_reps=$2; shift 2 ;;
        --jobs) jobs_list=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) pkgs+=("$1"); shift ;;
    esac
done
[ ${#pkgs[@]} -gt 0 ] || pkgs=(lua5.4 sqlite3 redis bash postgresql-15)
out=${out:-$build/bench/results.md}
seam="$build/analyzer/seam"
floor="$build/bench/seam-floor"
clang_bin=$(command -v clang-14 || command -v clang)
[ -x "$seam" ] && [ -x "$floor" ] || { echo "run.sh: build seam first (scripts/build.sh $build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/seam-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"
raw="${out%.md}.tsv"   # pkg  jobs  tool  rep  seconds  rss_kb  stats...  cpu_seconds (kept as it grows)
: > "$raw"

# measure PKG JOBS TOOL REP -- COMMAND...: one timed run into $raw
measure() {
    local pkg=$1 j=$2 tool=$3 rep=$4; shift 5
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || true
    local stats
    stats=$(grep '^seam: stats:' "$work/stderr" | sed 's/^seam: stats: //' | tr '\n' '|' || true)
    local t
    t=$(tail -1 "$work/time")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$pkg" "$j" "$tool" "$rep" "$(echo "$t" | cut -d' ' -f1)" \
        "$(echo "$t" | cut -d' ' -f2)" "$stats" "$(echo "$t" | awk '{print $3 + $4}')" >> "$raw"
}

clang_all() { # DB JOBS
    "$floor" --commands "$1" "$clang_bin" | xargs -0 -P "$2" -n 1 sh -c >/dev/null 2>&1 || true
}

# A copy of the database where entry N/2 has one more argument.
edited_db() { # DB OUT
    python3 - "$1" "$2" <<'PY'
import json, sys
db = json.load(open(sys.argv[1]))
e = db[len(db) // 2]
if "arguments" in e:
    e["arguments"] = e["arguments"][:1] + ["-DSEAM_BENCH_EDIT=1"] + e["arguments"][1:]
else:
    e["command"] = e["command"].replace(" ", " -DSEAM_BENCH_EDIT=1 ", 1)
json.dump(db, open(sys.argv[2], "w"), indent=1)
print(e["file"])
PY
}

for pkg in "${pkgs[@]}"; do
    db="$realcode/$pkg/compile_commands.json"
    if [ "$pkg" = synthetic-100k ]; then
        python3 "$root/bench/synth.py" "$work/$pkg" 400 250
        db="$work/$pkg/compile_commands.json"
    fi
    [ -f "$db" ] || { echo "run.sh: no $db (run scripts/fetch-real-code.sh --dest $realcode $pkg)" >&2; exit 2; }
    n=$reps
    if [ -n "$big_reps" ] && [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$db")" -gt 500 ]; then
        n=$big_reps
    fi
    for j in $jobs_list; do
        for r in $(seq "$n"); do
            echo "run.sh: $(date +%T) $pkg -j$j rep $r/$n" >&2
            measure "$pkg" "$j" floor "$r" -- "$floor" "$db" "$j"
            measure "$pkg" "$j" seam "$r" -- "$seam" analyze -p "$db" -o "$work/out" --no-cache -q --stats -j "$j"
            measure "$pkg" "$j" clang "$r" -- bash -c "$(declare -f clang_all); floor='$floor' clang_bin='$clang_bin' clang_all '$db' $j"
        done
    done
    jmax=${jobs_list##* }
    mkdir -p "$work/edit-$pkg"
    edited_db "$db" "$work/edit-$pkg/compile_commands.json" > "$work/edit-$pkg/file"
    for r in $(seq "$n"); do
        echo "run.sh: $(date +%T) $pkg cache rep $r/$n" >&2
        rm -rf "$work/cache"
        measure "$pkg" "$jmax" cache-cold "$r" -- "$seam" analyze -p "$db" -o "$work/out" --cache "$work/cache" -q --stats -j "$jmax"
        measure "$pkg" "$jmax" cache-unchanged "$r" -- "$seam" analyze -p "$db" -o "$work/out" --cache "$work/cache" -q --stats -j "$jmax"
        rm -rf "$work/cache/runs" # without the run cache: every TU's facts read back, analysed and reported again
        measure "$pkg" "$jmax" cache-facts "$r" -- "$seam" analyze -p "$db" -o "$work/out" --cache "$work/cache" -q --stats -j "$jmax"
        measure "$pkg" "$jmax" cache-one-tu "$r" -- "$seam" analyze -p "$work/edit-$pkg" -o "$work/out" --cache "$work/cache" -q --stats -j "$jmax"
    done
done

python3 "$root/bench/table.py" "$raw" "$jobs_list" > "$out"
echo "run.sh: wrote $out" >&2
