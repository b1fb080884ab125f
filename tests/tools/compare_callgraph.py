#!/usr/bin/python3
"""Compare seam's call graph (report.json) with clang's (clang_callgraph.py).

Usage: compare_callgraph.py REPORT_JSON COMPILE_COMMANDS_JSON [--clang PATH]
           [-j N] [--ignore-callee-regex RE]... [--keep-system-callers]

seam's direct edges:
    { (name(caller), name(callee)) for c in calls[] if c.indirect is false }
  | { (name(caller), e.name)       for e in external_calls[] }
where name(id) is the `name` of the functions[] entry whose `id` field is id.
clang's direct edges: the union over the TUs of clang's debug.DumpCallGraph
(see clang_callgraph.py for what clang counts as a direct call).

Scope: by default edges whose caller clang saw defined only in system
headers (glibc's inline and _FORTIFY_SOURCE wrappers such as
`memcpy -> __builtin___memcpy_chk`, present at -O1 and up) are left out on
both sides: they are libc's code, not the project's, and which of them exist
depends on -O and -D_FORTIFY_SOURCE.  A seam edge is left out when its
caller is such a function (a caller clang never saw at all stays in).
Everything left out is printed.  --keep-system-callers compares them too.

--ignore-callee-regex RE (repeatable) drops, on both sides, the edges whose
callee matches RE (re.search), and prints them.  Use it only for a reason,
e.g. '^__builtin_' if seam deliberately leaves clang builtins out.

Exit status: 0 when the edge sets are equal, 1 when they differ, 2 on usage
or input errors (including a TU clang could not analyse: the comparison
would be incomplete).
"""

import argparse
import json
import os
import re
import sys

sys.dont_write_bytecode = True       # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clang_callgraph  # noqa: E402


class ReportError(Exception):
    """A report.json that cannot be used."""


def _require(obj, key, kind, where):
    if not isinstance(obj, dict) or key not in obj:
        raise ReportError("%s: missing '%s'" % (where, key))
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ReportError("%s: '%s' has the wrong type" % (where, key))
    return value


def _function_names(report):
    names = {}
    for i, fn in enumerate(_require(report, "functions", list, "report")):
        where = "functions[%d]" % i
        fid = _require(fn, "id", int, where)
        if fid in names:
            raise ReportError("%s: duplicate id %d" % (where, fid))
        names[fid] = _require(fn, "name", str, where)
    return names


def _name_of(names, fid, where):
    if fid not in names:
        raise ReportError("%s: no function with id %d" % (where, fid))
    return names[fid]


def seam_edges(report):
    """seam's direct edge set from a parsed report.json."""
    names = _function_names(report)
    edges = set()
    for i, call in enumerate(_require(report, "calls", list, "report")):
        where = "calls[%d]" % i
        caller = _name_of(names, _require(call, "caller", int, where), where)
        if _require(call, "indirect", bool, where):
            continue        # callee is null: no direct edge
        callee = _name_of(names, _require(call, "callee", int, where), where)
        edges.add((caller, callee))
    for i, ext in enumerate(_require(report, "external_calls", list, "report")):
        where = "external_calls[%d]" % i
        caller = _name_of(names, _require(ext, "caller", int, where), where)
        edges.add((caller, _require(ext, "name", str, where)))
    return edges


def load_report(path):
    try:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
    except OSError as e:
        raise ReportError("cannot open '%s': %s" % (path, e.strerror))
    except (ValueError, UnicodeDecodeError) as e:
        raise ReportError("'%s' is not valid JSON: %s" % (path, e))
    if not isinstance(report, dict):
        raise ReportError("'%s' is not a JSON object" % path)
    return report


def split(edges, drop):
    """(kept, dropped) by the predicate drop(edge)."""
    dropped = {e for e in edges if drop(e)}
    return edges - dropped, dropped


def print_edges(title, edges, out):
    out.write("%s (%d):\n" % (title, len(edges)))
    for line in clang_callgraph.format_edges(edges):
        out.write("  %s\n" % line)


def drop_system_callers(clang, seam, graph, out):
    system = graph.system_callers()
    clang, c_dropped = split(clang, lambda e: e[0] in system)
    seam, s_dropped = split(seam, lambda e: e[0] in system or
                            (e[0] in graph.nodes and e[0] not in graph.project))
    callers = sorted({e[0] for e in c_dropped | s_dropped})
    if callers:
        out.write("left out: %d clang and %d seam edges of %d callers defined "
                  "only in system headers:\n  %s\n"
                  % (len(c_dropped), len(s_dropped), len(callers),
                     " ".join(callers)))
    return clang, seam


def drop_skipped_files(seam, skipped, report_path, out):
    """Leaves out seam's edges from functions defined in files clang's
    analyzer skipped (bison-generated parsers): there is nothing to compare
    them with."""
    report = load_report(report_path)
    root = report.get("inputs", {}).get("root", "")
    rel = {os.path.relpath(os.path.realpath(f), os.path.realpath(root)) for f in skipped}
    rel |= {os.path.relpath(f, root) for f in skipped}
    callers = {f["name"] for f in report["functions"] if f.get("defined") and f.get("file") in rel}
    kept = {e for e in seam if e[0] not in callers}
    out.write("left out: %d seam edges of %d functions defined in %d file(s) clang's analyzer "
              "skips as bison-generated: %s\n" % (len(seam) - len(kept), len(callers), len(skipped),
                                                   " ".join(sorted(rel))))
    return kept


def drop_callees(clang, seam, patterns, out):
    def match(e):
        return any(p.search(e[1]) for p in patterns)
    clang, c_dropped = split(clang, match)
    seam, s_dropped = split(seam, match)
    out.write("--ignore-callee-regex %s\n"
              % " ".join(repr(p.pattern) for p in patterns))
    print_edges("dropped from clang", c_dropped, out)
    print_edges("dropped from seam", s_dropped, out)
    return clang, seam


def compare(clang, seam, out):
    only_clang, only_seam = clang - seam, seam - clang
    print_edges("only in clang", only_clang, out)
    print_edges("only in seam", only_seam, out)
    out.write("summary: clang %d edges, seam %d edges, common %d, "
              "only in clang %d, only in seam %d: %s\n"
              % (len(clang), len(seam), len(clang & seam), len(only_clang),
                 len(only_seam),
                 "equal" if not (only_clang or only_seam) else "DIFFERENT"))
    return 0 if not (only_clang or only_seam) else 1


def parse_cli(argv):
    p = argparse.ArgumentParser(
        prog="compare_callgraph.py",
        description="Compare seam's direct call edges with clang's.")
    p.add_argument("report", metavar="REPORT_JSON")
    p.add_argument("compile_commands", metavar="COMPILE_COMMANDS_JSON")
    p.add_argument("--clang", default="clang", metavar="PATH",
                   help="clang binary (default: clang)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   metavar="N", help="parallel clang runs (default: cores)")
    p.add_argument("--ignore-callee-regex", action="append", default=[],
                   metavar="RE", help="drop edges whose callee matches RE "
                   "on both sides (repeatable; printed)")
    p.add_argument("--keep-system-callers", action="store_true",
                   help="also compare edges of callers defined only in "
                        "system headers")
    args = p.parse_args(argv)
    if args.jobs < 1:
        p.error("-j must be at least 1")
    try:
        args.patterns = [re.compile(r) for r in args.ignore_callee_regex]
    except re.error as e:
        p.error("bad --ignore-callee-regex: %s" % e)
    return args


def main(argv=None):
    args = parse_cli(argv)
    out = sys.stdout
    try:
        seam = seam_edges(load_report(args.report))
        graph = clang_callgraph.collect(args.compile_commands, args.clang,
                                        args.jobs)
    except (ReportError, clang_callgraph.InputError) as e:
        sys.stderr.write("compare_callgraph: error: %s\n" % e)
        return 2
    if graph.failures:
        clang_callgraph.report_failures(graph)
        sys.stderr.write("compare_callgraph: error: clang failed on %d of %d "
                         "TUs; not comparing\n" % (len(graph.failures),
                                                   graph.tus))
        return 2
    out.write("clang: %d TUs, %d edges; seam: %d edges\n"
              % (graph.tus, len(graph.edges), len(seam)))
    if graph.anon_edges:
        out.write("left out: %d clang call sites inside blocks ('< >')\n"
                  % graph.anon_edges)
    clang = set(graph.edges)
    if graph.skipped:
        seam = drop_skipped_files(seam, graph.skipped, args.report, out)
    if not args.keep_system_callers:
        clang, seam = drop_system_callers(clang, seam, graph, out)
    if args.patterns:
        clang, seam = drop_callees(clang, seam, args.patterns, out)
    return compare(clang, seam, out)


if __name__ == "__main__":
    sys.exit(main())
