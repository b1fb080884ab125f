#!/usr/bin/env python3
"""Run `clang -fsyntax-only` on every entry of a compile_commands.json.

Usage: scripts/check-compdb.py [-j N] [--clang PATH] [-v] compile_commands.json

Each entry's own arguments are used (the `arguments` form, or `command`
split like a shell would), with the compiler replaced by clang, `-c`/`-o X`
dropped and `-fsyntax-only` added, run in the entry's `directory`.
Prints the number of TUs OK / failed and the total wall time; exits 1 if any
TU failed. Also a reference timing for what plain parsing costs.
Python 3 standard library only.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def syntax_only_args(entry, clang):
    if "arguments" in entry:
        args = list(entry["arguments"])
    else:
        args = shlex.split(entry["command"])
    out = [clang]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a == "-c":
            continue
        if a == "-o":
            skip = True
            continue
        if a.startswith("-o") and len(a) > 2:
            continue
        # dependency-file generation writes files: not wanted for a check
        if a in ("-MD", "-MMD", "-MP"):
            continue
        if a in ("-MF", "-MT", "-MQ"):
            skip = True
            continue
        out.append(a)
    out.append("-fsyntax-only")
    return out


def check(entry, clang, timeout):
    args = syntax_only_args(entry, clang)
    t0 = time.monotonic()
    try:
        p = subprocess.run(args, cwd=entry["directory"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, errors="replace",
                           timeout=timeout)
        rc, err = p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        rc, err = -1, "timeout after %ss" % timeout
    except OSError as e:
        rc, err = -1, str(e)
    return entry["file"], rc, err, time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("compdb", help="path to compile_commands.json")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="parallel clang processes (default: CPU count)")
    ap.add_argument("--clang", default=os.environ.get("CLANG", "clang"),
                    help="clang binary (default: $CLANG or clang)")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds per TU (default: 600)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print per-TU times and the stderr of failures")
    opts = ap.parse_args()

    with open(opts.compdb) as f:
        entries = json.load(f)
    if not entries:
        print("no entries in %s" % opts.compdb, file=sys.stderr)
        return 1

    t0 = time.monotonic()
    ok = failed = 0
    with ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        for fn, rc, err, secs in pool.map(lambda e: check(e, opts.clang, opts.timeout), entries):
            if rc == 0:
                ok += 1
                if opts.verbose:
                    print("ok     %6.2fs %s" % (secs, fn))
            else:
                failed += 1
                print("FAILED %6.2fs %s (exit %d)" % (secs, fn, rc))
                lines = [l for l in err.splitlines() if "error" in l] or err.splitlines()
                shown = err.splitlines() if opts.verbose else lines[:5]
                for l in shown:
                    print("    " + l)
    wall = time.monotonic() - t0
    print("%s: %d TUs, %d OK, %d failed, -j%d, wall %.2fs"
          % (opts.compdb, ok + failed, ok, failed, opts.jobs, wall))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
