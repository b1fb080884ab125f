#!/usr/bin/python3
"""Run one test case: tests/cases/<name>/ holds the input and the expectation.

A case folder contains C sources (analysed with `seam analyze .` from the
folder, unless an `args` file gives other arguments, one shell-quoted line),
and `expected.json`:

  description      what the case pins down (for humans)
  exit_code        expected exit status (default 0)
  stderr_contains  strings that must appear on stderr
  summary          {key: value} that must equal report.summary's
  contains         {array: [row, ...]} every row must match some report row
  absent           {array: [row, ...]} no row may match any report row
  exact            {array: [row, ...]} as contains, and moreover every report
                   row must match one of these rows (nothing else is there)
  xfail            a reason: the case pins a known bug and is expected to
                   fail; it passes when the bug is still there, and fails
                   (loudly) once the bug is fixed so the marker gets removed

Rows name things by name instead of id: calls.caller/callee/targets,
functions.evidence[].function, loops.function,
external_calls.caller, accesses.function/global, globals.function,
function_refs.function/from_function/from_global, type_uses.function/type.
A row matches when every key it has equals the report row's value.
Every report is also validated against docs/schema/report.schema.json.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True


def load_schema_validator(src):
    try:
        import jsonschema
    except ImportError:
        return None
    with open(os.path.join(src, "docs", "schema", "report.schema.json")) as f:
        return jsonschema.Draft202012Validator(json.load(f))


def resolve(report):
    fn = {f["id"]: f["name"] for f in report["functions"]}
    gl = {g["id"]: g["name"] for g in report["globals"]}
    ty = {t["id"]: t["name"] for t in report["types"]}
    out = {k: [dict(r) for r in report.get(k, [])] for k in
           ("files", "functions", "globals", "types", "calls", "external_calls",
            "accesses", "function_refs", "loops", "includes", "type_uses", "candidates")}
    for r in out["calls"]:
        r["caller"] = fn[r["caller"]]
        r["callee"] = None if r["callee"] is None else fn[r["callee"]]
        if "targets" in r:
            r["targets"] = [fn[t] for t in r["targets"]]
    for r in out["external_calls"]:
        r["caller"] = fn[r["caller"]]
    for r in out["accesses"]:
        r["function"] = fn[r["function"]]
        r["global"] = gl[r["global"]]
    for r in out["globals"]:
        if "function" in r:
            r["function"] = fn[r["function"]]
    for r in out["function_refs"]:
        r["function"] = fn[r["function"]]
        if "from_function" in r:
            r["from_function"] = fn[r["from_function"]]
        if "from_global" in r:
            r["from_global"] = gl[r["from_global"]]
    for r in out["loops"]:
        r["function"] = fn[r["function"]]
    for r in out["functions"]:
        for step in r.get("evidence", []):
            step["function"] = fn[step["function"]]
    for r in out["type_uses"]:
        r["function"] = fn[r["function"]]
        r["type"] = ty[r["type"]]
    return out


def matches(want, row):
    for k, v in want.items():
        if k not in row:
            return False
        if isinstance(v, dict) and isinstance(row[k], dict):
            if not matches(v, row[k]):
                return False
        elif row[k] != v:
            return False
    return True


def check(expected, report, proc):
    errors = []
    for s in expected.get("stderr_contains", []):
        if s not in proc.stderr:
            errors.append("stderr lacks %r" % s)
    if report is None:
        return errors
    for k, v in expected.get("summary", {}).items():
        if report["summary"].get(k) != v:
            errors.append("summary.%s = %r, expected %r" % (k, report["summary"].get(k), v))
    rows = resolve(report)
    for arr, wants in expected.get("contains", {}).items():
        for w in wants:
            if not any(matches(w, r) for r in rows[arr]):
                errors.append("%s: no row matches %s" % (arr, json.dumps(w)))
    for arr, wants in expected.get("absent", {}).items():
        for w in wants:
            hit = [r for r in rows[arr] if matches(w, r)]
            if hit:
                errors.append("%s: unexpected row %s (matches %s)" % (arr, json.dumps(hit[0]), json.dumps(w)))
    for arr, wants in expected.get("exact", {}).items():
        for r in rows[arr]:
            if not any(matches(w, r) for w in wants):
                errors.append("%s: unexpected %s" % (arr, json.dumps(r, sort_keys=True)))
        for w in wants:
            if not any(matches(w, r) for r in rows[arr]):
                errors.append("%s: missing %s" % (arr, json.dumps(w, sort_keys=True)))
    return errors


def main():
    case = os.path.abspath(sys.argv[1])
    seam = os.environ["SEAM"]
    src = os.environ.get("SEAM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
    with open(os.path.join(case, "expected.json")) as f:
        expected = json.load(f)
    args = ["."]
    if os.path.exists(os.path.join(case, "args")):
        with open(os.path.join(case, "args")) as f:
            args = shlex.split(f.read())
    with tempfile.TemporaryDirectory(prefix="seam-case-") as tmp:
        out = os.path.join(tmp, "out")
        cmd = [seam, "analyze", "-q", "-o", out] + args
        proc = subprocess.run(cmd, cwd=case, capture_output=True, text=True, timeout=300)
        errors = []
        want_rc = expected.get("exit_code", 0)
        if proc.returncode != want_rc:
            errors.append("exit code %d, expected %d" % (proc.returncode, want_rc))
        report = None
        path = os.path.join(out, "report.json")
        if os.path.exists(path):
            with open(path) as f:
                report = json.load(f)
            validator = load_schema_validator(src)
            if validator:
                for e in validator.iter_errors(report):
                    errors.append("schema: %s at %s" % (e.message, "/".join(map(str, e.path))))
        elif want_rc == 0:
            errors.append("no report.json written")
        errors += check(expected, report, proc)
    name = os.path.basename(case)
    if expected.get("xfail"):
        if errors:
            print("case %s: known bug still present (%s): %d mismatches" % (name, expected["xfail"], len(errors)))
            for e in errors:
                print("  " + e)
            return 0
        print("case %s: marked xfail (%s) but now passes: remove the marker" % (name, expected["xfail"]))
        return 1
    if errors:
        print("case %s: FAILED\n  command: %s" % (name, " ".join(shlex.quote(c) for c in cmd)))
        for e in errors:
            print("  " + e)
        if proc.stderr:
            print("stderr:\n" + proc.stderr)
        return 1
    print("case %s: ok" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
