#!/usr/bin/env python3
"""table.py RAW.tsv "JOBS..." — the Markdown tables of bench/run.sh from its
raw measurements (pkg, jobs, tool, rep, wall seconds, peak RSS KiB, seam's
--stats lines joined by '|', user + system CPU seconds). Medians over
repetitions."""
import re
import statistics
import sys
from collections import defaultdict

PKG_ORDER = ["lua5.4", "sqlite3", "redis", "bash", "postgresql-15", "synthetic-100k"]


def load(path):
    rows = defaultdict(list)
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) < 6 or not f[4]:
            continue
        stats = {}
        for part in f[6].split("|") if len(f) > 6 else []:
            m = re.match(r"([a-z-]+) ([0-9.]+)s", part)
            if m:
                stats[m.group(1)] = float(m.group(2))
            for k, v in re.findall(r"(parse|walk|cache) ([0-9.]+)s", part):
                stats["w-" + k] = float(v)
            m = re.match(r"tus (\d+)", part)
            if m:
                stats["tus"] = int(m.group(1))
        cpu = float(f[7]) if len(f) > 7 and f[7] else float("nan")
        rows[(f[0], int(f[1]), f[2])].append((float(f[4]), int(f[5]), stats, cpu))
    return rows


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def secs(rows, key):
    return med([r[0] for r in rows.get(key, [])])


def cpu(rows, key):
    return med([r[3] for r in rows.get(key, [])])


def rss(rows, key):
    return med([r[1] for r in rows.get(key, [])]) / 1024


def stat(rows, key, name):
    return med([r[2][name] for r in rows.get(key, []) if name in r[2]])


def pkgs_of(rows):
    seen = {k[0] for k in rows}
    return [p for p in PKG_ORDER if p in seen] + sorted(seen - set(PKG_ORDER))


def main():
    rows = load(sys.argv[1])
    jobs = [int(j) for j in sys.argv[2].split()]
    pkgs = pkgs_of(rows)
    print("### Cold runs: seam against the libclang floor and `clang -fsyntax-only` (medians)\n")
    print("| codebase | TUs | -j | floor s | seam s | seam / floor | clang -fsyntax-only s | clang / seam "
          "| floor CPU s | seam CPU s | CPU seam / floor | floor RSS MiB | seam RSS MiB | seam RSS / floor |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for p in pkgs:
        for j in jobs:
            fl, se, cl = secs(rows, (p, j, "floor")), secs(rows, (p, j, "seam")), secs(rows, (p, j, "clang"))
            tus = stat(rows, (p, j, "seam"), "tus")
            fr, sr = rss(rows, (p, j, "floor")), rss(rows, (p, j, "seam"))
            fc, sc = cpu(rows, (p, j, "floor")), cpu(rows, (p, j, "seam"))
            print(f"| {p} | {tus:.0f} | {j} | {fl:.2f} | {se:.2f} | **{se / fl:.2f}** | {cl:.2f} | {cl / se:.1f} "
                  f"| {fc:.2f} | {sc:.2f} | {sc / fc:.2f} | {fr:.0f} | {sr:.0f} | {sr / fr:.2f} |")
    jmax = jobs[-1]
    print(f"\n### seam's phases at -j{jmax} (`seam analyze --stats`, medians, seconds)\n")
    print("| codebase | total | extraction (wall) | parse (summed) | walk (summed) | merge (main thread) "
          "| finalize | analysis | boundaries | report | after extraction / total |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for p in pkgs:
        k = (p, jmax, "seam")
        v = {n: stat(rows, k, n) for n in ("total", "extraction", "w-parse", "w-walk", "merge", "finalize",
                                            "analysis", "boundaries", "report")}
        after = v["finalize"] + v["analysis"] + v["boundaries"] + v["report"]
        print(f"| {p} | {v['total']:.2f} | {v['extraction']:.2f} | {v['w-parse']:.2f} | {v['w-walk']:.2f} "
              f"| {v['merge']:.2f} | {v['finalize']:.2f} | {v['analysis']:.2f} | {v['boundaries']:.2f} "
              f"| {v['report']:.2f} | {100 * after / v['total']:.1f}% |")
    print(f"\n### Incremental cache at -j{jmax} (medians)\n")
    print("| codebase | cold, filling the cache s | unchanged second run s | % of cold (no cache) "
          "| unchanged, per-TU cache only s | % of cold | one TU changed s | % of cold | that TU's parse + walk s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for p in pkgs:
        cold = secs(rows, (p, jmax, "seam"))
        fill, un, facts, one = (secs(rows, (p, jmax, t))
                                for t in ("cache-cold", "cache-unchanged", "cache-facts", "cache-one-tu"))
        tu = stat(rows, (p, jmax, "cache-one-tu"), "w-parse") + stat(rows, (p, jmax, "cache-one-tu"), "w-walk")
        print(f"| {p} | {fill:.2f} | {un:.2f} | **{100 * un / cold:.1f}%** | {facts:.2f} | {100 * facts / cold:.1f}% "
              f"| {one:.2f} | **{100 * one / cold:.1f}%** | {tu:.2f} |")
    targets(rows, jobs)


def targets(rows, jobs):
    """The issue's targets, checked from the same measurements."""
    jmax = jobs[-1]
    print(f"\n### Targets (from the tables above)\n")
    js = " / ".join("-j%d" % j for j in jobs)
    print("| codebase | seam / floor wall, %s (<= 1.25) | seam / floor CPU, %s | after extraction, share "
          "of total (<= 10%% on redis) | RSS <= 1.5 x floor + model | unchanged rerun <= 5%% | one TU changed <= 5%% + its parse |"
          % (js, js))
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for p in pkgs_of(rows):
        wall = [secs(rows, (p, j, "seam")) / secs(rows, (p, j, "floor")) for j in jobs]
        cpus = [cpu(rows, (p, j, "seam")) / cpu(rows, (p, j, "floor")) for j in jobs]
        k = (p, jmax, "seam")
        total = stat(rows, k, "total")
        after = sum(stat(rows, k, n) for n in ("finalize", "analysis", "boundaries", "report"))
        model = rss(rows, (p, jmax, "cache-facts"))  # the merged model and analyses, no TU parsed
        rss_ok = all(rss(rows, (p, j, "seam")) <= 1.5 * rss(rows, (p, j, "floor")) + model for j in jobs)
        cold = secs(rows, k)
        un = secs(rows, (p, jmax, "cache-unchanged")) / cold
        one_k = (p, jmax, "cache-one-tu")
        one = secs(rows, one_k)
        tu = stat(rows, one_k, "w-parse") + stat(rows, one_k, "w-walk")

        def mark(ok):
            return "met" if ok else "**not met**"
        print(f"| {p} | {' / '.join('%.2f' % x for x in wall)} {mark(all(x <= 1.25 for x in wall))} "
              f"| {' / '.join('%.2f' % x for x in cpus)} {mark(all(x <= 1.25 for x in cpus))} "
              f"| {100 * after / total:.1f}%{' ' + mark(after <= 0.10 * total) if p == 'redis' else ''} "
              f"| {mark(rss_ok)} (model {model:.0f} MiB) "
              f"| {100 * un:.1f}% {mark(un <= 0.05)} | {100 * one / cold:.1f}% {mark(one <= 0.05 * cold + tu)} |")


if __name__ == "__main__":
    main()
