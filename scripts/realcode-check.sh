#!/usr/bin/env bash
# realcode-check.sh [--seam BIN] [--strict] PKG... — seam on real C code from
# Debian source packages (fetched by fetch-real-code.sh, never committed):
# the report must validate against the JSON Schema, its direct call graph
# must equal clang's (debug.DumpCallGraph), and the counts, classes,
# services, metrics (next to the directory layout) and the five largest cut
# costs are printed. PKG among lua5.4 sqlite3 redis bash postgresql-15.
# Without --strict, a package that cannot be fetched (no network, mirror
# trouble) is reported as skipped; with --strict it fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seam="$root/build/analyzer/seam"
strict=0
pkgs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seam) seam="$2"; shift 2 ;;
    --strict) strict=1; shift ;;
    *) pkgs+=("$1"); shift ;;
  esac
done
[ ${#pkgs[@]} -gt 0 ] || pkgs=(lua5.4 sqlite3)
py=/usr/bin/python3
status=0
for p in "${pkgs[@]}"; do
  if ! "$root/scripts/fetch-real-code.sh" "$p" > "$root/build/realcode-$p.log" 2>&1; then
    if [ "$strict" = 1 ]; then
      echo "realcode: $p: could not fetch or prepare (see build/realcode-$p.log)" >&2
      status=1
    else
      echo "realcode: $p: skipped, could not fetch or prepare (see build/realcode-$p.log)"
    fi
    continue
  fi
  db="$root/build/realcode/$p/compile_commands.json"
  out="$root/build/realcode-out/$p"
  start=$(date +%s.%N)
  "$seam" analyze -q -p "$db" -o "$out"
  end=$(date +%s.%N)
  "$py" - "$out/report.json" "$root/docs/schema/report.schema.json" "$p" "$start" "$end" <<'PY'
import json, sys
import jsonschema
report = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator(json.load(open(sys.argv[2]))).validate(report)
s, a = report["summary"], report["analysis"]
print("realcode: %s: %d TUs (%d failed, %d with errors), %d functions, %d call edges, %d external calls, "
      "%d globals, %d accesses, %.2fs" % (sys.argv[3], s["translation_units"], s["translation_units_failed"],
      s["translation_units_with_errors"], s["functions"], s["calls"], s["external_calls"], s["globals"],
      s["accesses"], float(sys.argv[5]) - float(sys.argv[4])))
print("realcode: %s: classes %s; indirect calls %s" % (sys.argv[3], a["classes"], a["indirect_calls"]))
m, cut = report["metrics"], {}
for c in report["cut_costs"]:
    k = (report["globals"][c["global"]]["name"], c["owner"])
    cut[k] = cut.get(k, 0) + 1
top = sorted(cut.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
fmt = lambda d: ", ".join("%s %.3f" % (k, d[k]) for k in ("modularity", "turbomq", "icp", "ifn", "sm", "ned"))
print("realcode: %s: %d services; proposal: %s" % (sys.argv[3], len(report["services"]), fmt(m["proposal"])))
print("realcode: %s: directory baseline (%d folders): %s" % (sys.argv[3], m["directory_baseline"]["services"],
      fmt(m["directory_baseline"])))
print("realcode: %s: largest cut costs: %s" % (sys.argv[3], "; ".join(
      "%s (owned by %s): %d accesses from other services" % (g, o, n) for (g, o), n in top)))
if s["translation_units_failed"]:
    sys.exit("realcode: %s: translation units failed" % sys.argv[3])
PY
  "$py" "$root/tests/tools/compare_callgraph.py" "$out/report.json" "$db" | tail -1
done
exit $status
