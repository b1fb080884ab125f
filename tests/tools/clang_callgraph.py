#!/usr/bin/python3
"""Direct call graph of a C program, as clang's own analyzer sees it.

Usage: clang_callgraph.py COMPILE_COMMANDS_JSON [--clang PATH] [-j N]
                          [--exclude-system-callers]

Runs clang's debug.DumpCallGraph checker on every translation unit of a
compile database and prints the union of the direct edges, one
`caller -> callee` line each, sorted and unique.  seam's call graph is
checked against this (see compare_callgraph.py).  Python 3 stdlib only.

The clang invocation (one per compile-database entry, cwd = its directory):

    clang --analyze --analyzer-no-default-checks --analyzer-output text
          -Xclang -analyzer-checker=debug.DumpCallGraph
          -Xclang -analyzer-display-progress
          <the entry's arguments, sanitised: see sanitise_args()>
          -w -fno-color-diagnostics -o /dev/null -- FILE

  --analyzer-no-default-checks  without it the driver enables core, unix,
                                deadcode, security.*, nullability.* and
                                their warnings mix into the output.
                                (-Xclang -analyzer-disable-all-checks is NOT
                                usable: it silences the dump as well.)
  --analyzer-output text        no report files; anything reported goes to
                                stderr.  Without it and without -o, clang
                                writes FILE.plist into the cwd even when
                                nothing is found.
  -o /dev/null                  belt and braces for the same reason.
  -analyzer-display-progress    prints "ANALYZE (Syntax): FILE NAME : T ms"
                                for every function defined outside system
                                headers; used to tell project functions from
                                system-header ones.  Costs nothing extra.
  -w                            a clang warning under a gcc-tuned -Werror
                                would be an error, and on any error clang
                                skips the analysis (no dump at all).
  Dropped from the entry: the compiler (and a ccache/distcc-style wrapper),
  -c -S -E -fsyntax-only, -o X, dependency-file options (-M*, -Wp,-MD,X),
  -save-temps, -ftime-trace, --serialize-diagnostics X, -Werror*,
  -pedantic-errors and the source file itself (FILE is re-added after --).
  Verified: nothing is written next to the sources, even with -MD -MF,
  -save-temps or -Wp,-MD in the database.

Dump format (clang 14.0.6, Debian), on stderr, once per TU:

     --- Call graph Dump ---
      Function: < root > calls: f g printf h
      Function: f calls: printf g printf
      Function: g calls:

  One line per node in reverse post-order; callees separated by single
  spaces, with a trailing space; one callee entry per call site, so a callee
  repeats when called twice.  `< root >` is a pseudo node with an edge to
  every node: its edges are ignored.  Blocks (-fblocks) print as `< >`:
  their edges are dropped (no name to compare) and counted.  Names are the
  bare identifiers (printQualifiedName), so static functions of the same
  name in different TUs merge into one node in the union.

What clang's graph (CallGraph.cpp, CGBuilder) includes -- verified on clang
14.0.6 with a test set covering each case:
  * every CallExpr whose callee is a function declaration
    (CallExpr::getDirectCallee), including through parentheses and `*`/`&`:
    (*f)(x), (&f)(x), (**f)(x); and the function a `_Generic` selects:
    _Generic(x, int: f, default: g)(y) -> f;
  * calls written via macros (the graph is built after preprocessing);
  * recursion: a self edge `fact -> fact`; mutual edges both ways;
  * callees without a body: libc (printf, strlen, abs, memcpy), functions of
    other TUs, implicitly declared functions (C89 `undeclared_fn(1)`);
  * builtins, as callees under their own names: __builtin_expect,
    __builtin_abs, __builtin_strlen, __builtin_memcpy, __builtin_constant_p,
    __builtin_object_size, __builtin___memcpy_chk, ...; also the ones that
    libc macros expand to: va_start/va_end -> __builtin_va_start/_end,
    HUGE_VAL -> __builtin_huge_val (on Lua 5.4: 149 of 3603 project edges
    go to __builtin_*, 133 of them __builtin_expect).  __builtin_offsetof is
    not a call (OffsetOfExpr) and gives no edge;
  * static functions, static inline functions in project headers (as nodes
    even when unused), K&R-style definitions (ordinary callers);
  * calls in unevaluated or dead code -- the builder visits every child
    expression: sizeof(f(1)), sizeof(int[f(1)]), __builtin_constant_p(f(1)),
    the non-selected associations of _Generic, both arms of
    __builtin_choose_expr, `if (0) f();`, code after `return`;
  * calls in local initialisers (also of `static` locals, e.g.
    `static int s = sizeof(h(1));`), initialiser lists, statement
    expressions, VLA sizes, ?: and comma operands;
  * functions defined in system headers, with their calls: glibc's
    __bswap_16/32/64 and __uint*_identity always (no calls); with -O1 and
    up glibc's extern inlines, e.g. putchar -> putc, getchar -> getc,
    fputc_unlocked -> __overflow; with -D_FORTIFY_SOURCE>=1 and -O1 and up
    the fortify wrappers, e.g. memcpy -> __builtin___memcpy_chk,
    memcpy -> __builtin_object_size, fgets -> __fgets_chk.  Under fortify a
    printf() call is also rewritten by a glibc macro, so the project edge
    becomes `f -> __printf_chk`.  --exclude-system-callers drops the edges of
    callers never seen defined outside a system header (-isystem counts as
    system).
What it excludes:
  * calls through function pointers of any kind (parameter, local, global,
    struct member, even `static int (*const cp)(int) = h; cp(1);`): no edge
    at all, neither to the pointer nor to the pointee;
  * taking a function's address (`fp = sq;`, initialised tables): no edge;
  * calls in file-scope initialisers (`int g = sizeof(sq(3));`): no caller,
    so no edge;
  * __typeof__(f()) (a type, not an expression): no edge;
  * __attribute__((cleanup(fn))): no edge (no CallExpr);
  * functions whose name starts with `__inline`, as caller and as callee;
  * TUs with an error: clang skips the analysis, there is no dump at all
    (reported as a failure here, never silently dropped).

Exit status: 0 on success, 1 if some TU failed (the edges of the others are
still printed), 2 on usage or input errors.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

CLANG_FLAGS = [
    "--analyze",
    "--analyzer-no-default-checks",
    "--analyzer-output", "text",
    "-Xclang", "-analyzer-checker=debug.DumpCallGraph",
    "-Xclang", "-analyzer-display-progress",
]
CLANG_TAIL = ["-w", "-fno-color-diagnostics", "-o", "/dev/null", "--"]

ROOT = "< root >"
ANON = "< >"
DUMP_HEADER = "--- Call graph Dump ---"
_FUNC_LINE = re.compile(r"^  Function: (.*?) calls:(.*)$")
_TOKEN = re.compile(r"< root >|< >|\S+")
_PROGRESS = re.compile(r"^ANALYZE \(Syntax\): (.+?)(?: : [0-9.]+ ms)?$")

COMPILER_WRAPPERS = {"ccache", "sccache", "distcc", "icecc", "buildcache"}
# Options that are dropped together with their separate value.
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics",
                   "-dependency-file"}
# Options that are dropped on their own.
DROP_FLAGS = {"-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-MV",
              "-fsyntax-only", "--analyze", "-save-temps", "--save-temps",
              "-ftime-trace", "-Werror", "-pedantic-errors", "-emit-llvm"}
DROP_PREFIXES = ("-MF", "-MT", "-MQ", "-MJ", "-save-temps=", "--save-temps=",
                 "-ftime-trace=", "-Werror=", "--serialize-diagnostics=")
# Options whose value is a separate argument (kept, but never mistaken for
# the source file).
TAKES_VALUE = {"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
               "-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
               "-isysroot", "--sysroot", "-x", "-Xclang", "-Xpreprocessor",
               "-Xanalyzer", "-Xassembler", "-Xlinker", "-target", "-arch",
               "-include-pch", "-ivfsoverlay", "-F", "-L", "-u", "-T",
               "--gcc-toolchain", "-gcc-toolchain", "-aux-info", "-z",
               "-isystem-after", "-cxx-isystem", "-working-directory"}


class InputError(Exception):
    """A compile database that cannot be used."""


class TranslationUnit:
    """One compile-database entry, resolved."""

    def __init__(self, directory, file, args):
        self.directory = directory      # absolute
        self.file = file                # absolute
        self.args = args                # argv without the compiler

    def __repr__(self):
        return "TranslationUnit(%r)" % self.file


class TUResult:
    """What one clang run yielded."""

    def __init__(self, tu):
        self.tu = tu
        self.edges = set()          # (caller, callee)
        self.nodes = set()          # every named node of the dump
        self.project = set()        # functions defined outside system headers
        self.anon_edges = 0         # edges touching a block (`< >`)
        self.error = None           # str when the TU failed
        self.skipped = False        # clang's analyzer skips bison-generated files
        self.argv = None


class CallGraph:
    """Union over all TUs."""

    def __init__(self):
        self.edges = set()
        self.nodes = set()
        self.project = set()
        self.anon_edges = 0
        self.tus = 0
        self.failures = []          # TUResult with .error
        self.skipped = []           # files clang's analyzer refused to analyse

    def add(self, res):
        self.tus += 1
        if res.skipped:
            self.skipped.append(res.tu.file)
            return
        if res.error is not None:
            self.failures.append(res)
            return
        self.edges |= res.edges
        self.nodes |= res.nodes
        self.project |= res.project
        self.anon_edges += res.anon_edges

    def system_callers(self):
        """Callers clang never saw defined outside a system header."""
        return {caller for caller, _ in self.edges} - self.project


# ---------------------------------------------------------------- database

def _entry_args(entry, where):
    if "arguments" in entry:
        args = entry["arguments"]
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            raise InputError("%s: 'arguments' is not a list of strings" % where)
        return list(args)
    if "command" in entry:
        if not isinstance(entry["command"], str):
            raise InputError("%s: 'command' is not a string" % where)
        try:
            return shlex.split(entry["command"])
        except ValueError as e:
            raise InputError("%s: cannot split 'command': %s" % (where, e))
    raise InputError("%s: neither 'arguments' nor 'command'" % where)


def _strip_compiler(args):
    """Drop argv[0], and a compiler wrapper's own argv[0] too."""
    if args and os.path.basename(args[0]) in COMPILER_WRAPPERS:
        args = args[1:]
    return args[1:]


def load_compile_commands(path):
    """List of TranslationUnit; a relative 'directory' is taken relative to
    the directory holding the compile database."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as e:
        raise InputError("cannot open '%s': %s" % (path, e.strerror))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError("'%s' is not valid JSON: %s" % (path, e))
    if not isinstance(data, list):
        raise InputError("'%s' is not a JSON array" % path)
    base = os.path.dirname(os.path.abspath(path))
    tus = []
    for i, entry in enumerate(data):
        where = "%s: entry %d" % (path, i)
        if not isinstance(entry, dict):
            raise InputError("%s: not an object" % where)
        if not isinstance(entry.get("directory"), str) or \
           not isinstance(entry.get("file"), str):
            raise InputError("%s: 'directory' and 'file' must be strings" % where)
        directory = os.path.normpath(os.path.join(base, entry["directory"]))
        file = os.path.join(directory, entry["file"])
        args = _strip_compiler(_entry_args(entry, where))
        tus.append(TranslationUnit(directory, file, args))
    return tus


# --------------------------------------------------------------- arguments

def _sanitise_wp(arg):
    """-Wp,-MD,x.d,-DFOO -> -Wp,-DFOO; None when nothing is left."""
    parts = arg[4:].split(",")
    kept, i = [], 0
    while i < len(parts):
        p = parts[i]
        if p in ("-MD", "-MMD", "-MF", "-MT", "-MQ"):
            i += 2
        elif p.startswith("-M"):
            i += 1
        else:
            kept.append(p)
            i += 1
    return "-Wp," + ",".join(kept) if kept else None


def _is_source(arg, tu):
    path = os.path.join(tu.directory, arg)
    return os.path.normpath(path) == os.path.normpath(tu.file)


def sanitise_args(tu):
    """The entry's arguments minus outputs, compile-mode flags, -Werror and
    the source file."""
    args, kept, i = tu.args, [], 0
    while i < len(args):
        a = args[i]
        if a in DROP_WITH_VALUE:
            i += 2
        elif a in DROP_FLAGS or a.startswith(DROP_PREFIXES):
            i += 1
        elif a.startswith("-o") and not a.startswith("-objc"):
            i += 1                              # -ofile.o
        elif a.startswith("-Wp,"):
            wp = _sanitise_wp(a)
            if wp:
                kept.append(wp)
            i += 1
        elif a in TAKES_VALUE:
            kept.extend(args[i:i + 2])
            i += 2
        elif a == "--":
            i += 1                              # inputs follow; FILE re-added
        elif not a.startswith("-") and _is_source(a, tu):
            i += 1
        else:
            kept.append(a)
            i += 1
    return kept


def clang_argv(tu, clang="clang"):
    return [clang] + CLANG_FLAGS + sanitise_args(tu) + CLANG_TAIL + [tu.file]


# ------------------------------------------------------------------ parsing

def parse_dump(text, res):
    """Fill res.edges/nodes/anon_edges from clang's stderr; False when no
    dump was found."""
    found, in_dump = False, False
    for line in text.splitlines():
        if line.strip() == DUMP_HEADER:
            found, in_dump = True, True
            continue
        m = _FUNC_LINE.match(line) if in_dump else None
        if not m:
            in_dump = False
            continue
        caller = m.group(1).strip()
        callees = _TOKEN.findall(m.group(2))
        if caller == ROOT:
            continue
        if caller != ANON:
            res.nodes.add(caller)
        for callee in callees:
            if caller == ANON or callee in (ANON, ROOT):
                res.anon_edges += 1
                continue
            res.edges.add((caller, callee))
    return found


def parse_progress(text, res):
    for line in text.splitlines():
        m = _PROGRESS.match(line)
        if m and " " in m.group(1):             # "FILE NAME"
            res.project.add(m.group(1).rsplit(" ", 1)[1])


# ------------------------------------------------------------------ running

def run_tu(tu, clang="clang"):
    res = TUResult(tu)
    res.argv = clang_argv(tu, clang)
    if not os.path.isdir(tu.directory):
        res.error = "no such directory '%s'" % tu.directory
        return res
    try:
        proc = subprocess.run(res.argv, cwd=tu.directory,
                              stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        res.error = "cannot run '%s': %s" % (clang, e.strerror or e)
        return res
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        res.error = "clang exited with status %d\n%s" % (proc.returncode,
                                                         _tail(err))
        return res
    if not parse_dump(err, res):
        if "Skipping bison-generated file" in err:
            res.skipped = True  # the analyzer never looks at parser tables
            return res
        res.error = "no call graph dump in clang's output\n%s" % _tail(err)
        return res
    parse_progress(err, res)
    return res


def _tail(text, lines=20):
    return "\n".join(text.rstrip().splitlines()[-lines:])


def collect(compdb, clang="clang", jobs=None):
    """CallGraph for a compile database (path or list of TUs)."""
    tus = load_compile_commands(compdb) if isinstance(compdb, str) else compdb
    if shutil.which(clang) is None:
        raise InputError("cannot find clang '%s'" % clang)
    graph = CallGraph()
    jobs = max(1, jobs or os.cpu_count() or 1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for res in pool.map(lambda tu: run_tu(tu, clang), tus):
            graph.add(res)
    return graph


def report_failures(graph, out=sys.stderr):
    for res in graph.failures:
        out.write("clang_callgraph: error: '%s': %s\n" % (res.tu.file, res.error))
        out.write("clang_callgraph: note: command (in %s): %s\n"
                  % (res.tu.directory, shlex.join(res.argv or [])))


def format_edges(edges):
    return ["%s -> %s" % e for e in sorted(edges)]


# --------------------------------------------------------------------- main

def parse_cli(argv):
    p = argparse.ArgumentParser(
        prog="clang_callgraph.py",
        description="Print the direct call graph clang's debug.DumpCallGraph "
                    "sees, as sorted 'caller -> callee' lines.")
    p.add_argument("compile_commands", metavar="COMPILE_COMMANDS_JSON")
    p.add_argument("--clang", default="clang", metavar="PATH",
                   help="clang binary (default: clang)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   metavar="N", help="parallel clang runs (default: cores)")
    p.add_argument("--exclude-system-callers", action="store_true",
                   help="drop edges whose caller is only defined in system "
                        "headers (glibc inline and fortify wrappers)")
    args = p.parse_args(argv)
    if args.jobs < 1:
        p.error("-j must be at least 1")
    return args


def main(argv=None):
    args = parse_cli(argv)
    try:
        graph = collect(args.compile_commands, args.clang, args.jobs)
    except InputError as e:
        sys.stderr.write("clang_callgraph: error: %s\n" % e)
        return 2
    edges = graph.edges
    if args.exclude_system_callers:
        system = graph.system_callers()
        edges = {e for e in edges if e[0] not in system}
        sys.stderr.write("clang_callgraph: note: dropped %d edges of %d "
                         "system-header callers\n"
                         % (len(graph.edges) - len(edges), len(system)))
    if graph.anon_edges:
        sys.stderr.write("clang_callgraph: note: ignored %d call sites in "
                         "blocks ('< >')\n" % graph.anon_edges)
    for line in format_edges(edges):
        print(line)
    report_failures(graph)
    return 1 if graph.failures else 0


if __name__ == "__main__":
    sys.exit(main())
