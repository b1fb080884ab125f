#!/usr/bin/env python3
"""Check seam's effect packs: valid JSON, the pack format (docs/effects.md),
known effect ids, sorted keys, and no name listed in two packs with
different effects.

usage: check_packs.py DIR   (rules/effects)
Exit status 0 when every pack is clean, 1 otherwise.
"""
import glob
import json
import os
import sys

KINDS = ["io-file", "io-console", "io-net", "io-db", "process", "thread",
         "time", "random", "env", "blocking", "alloc", "non-reentrant"]
TOP = {"schema", "pack", "description", "functions", "prefixes", "init_patterns", "event_waits", "sleeps"}


def line_of(text, key):
    needle = json.dumps(key) + ":"
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else 0


def check_effects(path, text, name, effects, problems):
    if not isinstance(effects, list) or not all(isinstance(e, str) for e in effects):
        problems.append(f"{path}:{line_of(text, name)}: effects of '{name}' must be an array of strings")
        return
    for e in effects:
        if e not in KINDS:
            problems.append(f"{path}:{line_of(text, name)}: unknown effect '{e}' for '{name}' "
                            f"(known: {', '.join(KINDS)})")
    if len(set(effects)) != len(effects):
        problems.append(f"{path}:{line_of(text, name)}: '{name}' lists an effect twice")


def check_pack(path, problems, seen):
    text = open(path, encoding="utf-8").read()
    try:
        pairs_ok = []
        data = json.loads(text, object_pairs_hook=lambda kv: (pairs_ok.append([k for k, _ in kv]), dict(kv))[1])
    except json.JSONDecodeError as e:
        problems.append(f"{path}:{e.lineno}:{e.colno}: malformed JSON")
        return 0
    for keys in pairs_ok:
        if len(keys) != len(set(keys)):
            problems.append(f"{path}: a key appears twice in one object")
    for k in data:
        if k not in TOP:
            problems.append(f"{path}:{line_of(text, k)}: unknown key '{k}'")
    if data.get("schema") != 1:
        problems.append(f"{path}: 'schema' must be 1")
    if not isinstance(data.get("pack"), str) or not data["pack"]:
        problems.append(f"{path}: 'pack' must be a non-empty string")
    funcs = data.get("functions", {})
    if not isinstance(funcs, dict):
        problems.append(f"{path}: 'functions' must be an object")
        funcs = {}
    if list(funcs) != sorted(funcs):
        problems.append(f"{path}: keys of 'functions' are not sorted")
    for name, effects in funcs.items():
        check_effects(path, text, name, effects, problems)
        if name in seen and sorted(seen[name][1]) != sorted(effects):
            problems.append(f"{path}:{line_of(text, name)}: '{name}' is {effects} here but "
                            f"{seen[name][1]} in {seen[name][0]}")
        seen.setdefault(name, (os.path.basename(path), effects))
    prefixes = data.get("prefixes", {})
    if not isinstance(prefixes, dict):
        problems.append(f"{path}: 'prefixes' must be an object")
        prefixes = {}
    for name, effects in prefixes.items():
        check_effects(path, text, name, effects, problems)
    for key in ("init_patterns", "event_waits", "sleeps"):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(p, str) and p for p in items):
            problems.append(f"{path}:{line_of(text, key)}: '{key}' must be an array of non-empty strings")
    return len(funcs)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    problems, seen = [], {}
    paths = sorted(glob.glob(os.path.join(folder, "*.json")))
    for path in paths:
        n = check_pack(path, problems, seen)
        print(f"{os.path.basename(path)}: {n} functions")
    dups = {}
    for path in paths:
        try:
            for name in json.load(open(path, encoding="utf-8")).get("functions", {}):
                dups.setdefault(name, []).append(os.path.basename(path))
        except json.JSONDecodeError:
            pass
    shared = {n: p for n, p in dups.items() if len(p) > 1}
    if shared:
        print(f"{len(shared)} names in more than one pack (same effects): "
              + ", ".join(f"{n} ({'/'.join(p)})" for n, p in sorted(shared.items())[:20])
              + (" ..." if len(shared) > 20 else ""))
    for p in problems:
        print("problem: " + p, file=sys.stderr)
    print(f"{len(paths)} packs, {len(seen)} distinct names, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
