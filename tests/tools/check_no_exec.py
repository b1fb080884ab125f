#!/usr/bin/python3
"""check_no_exec.py SRC_DIR... — seam's own C code runs no program and
writes files in one place only (docs/SECURITY.md): no system(), popen(),
exec*(), posix_spawn*(), fork() or dlopen() anywhere, and every call that
creates, writes, renames or removes a file lives in analyzer/util/fsutil.c
(fs_write_atomic and fs_mkdirs, used only for the output folder)."""
import os
import re
import sys

EXEC = re.compile(r"\b(system|popen|exec[lv]p?e?|execvpe|fexecve|posix_spawnp?|fork|vfork|dlopen)\s*\(")
WRITE = re.compile(r"\b(creat|mkdir|mkdirat|rename|renameat2?|unlink|unlinkat|remove|rmdir|mkstemp|mkdtemp|"
                   r"truncate|ftruncate|symlink|link)\s*\(|\bfopen\s*\([^;]*\"[wa]|O_CREAT|O_WRONLY|O_RDWR")
WRITER = os.path.join("analyzer", "util", "fsutil.c")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def main(dirs):
    bad = []
    for top in dirs:
        for d, _, files in os.walk(top):
            for n in sorted(files):
                if not n.endswith((".c", ".h")):
                    continue
                path = os.path.join(d, n)
                with open(path, encoding="utf-8") as f:
                    lines = strip_comments(f.read()).split("\n")
                for i, line in enumerate(lines, 1):
                    if EXEC.search(line):
                        bad.append("%s:%d: runs a program: %s" % (path, i, line.strip()))
                    if WRITE.search(line) and not path.endswith(WRITER):
                        bad.append("%s:%d: writes a file outside fsutil.c: %s" % (path, i, line.strip()))
    for b in bad:
        print(b)
    print("check_no_exec: %d problem(s)" % len(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
