#!/usr/bin/python3
"""Hostile file names and where seam writes (issue 9).

Sources and headers named with spaces, quotes, a newline, a backslash, a
tab and UTF-8, in folder-scan mode and in compile-database mode (both the
"arguments" and the shell-quoted "command" form): the analysis works,
report.json is valid JSON with the names intact, and explain finds their
functions. And no path or flag from the input makes seam write anywhere
but the output folder: a listing of the whole temporary root (which is
also HOME and TMPDIR for the run) before and after differs only there."""
import json
import os
import shutil
import shlex
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

# source name -> (header it includes, how it includes it)
SOURCES = {
    "with space.c": ("hdr with space.h", '"hdr with space.h"'),
    "it's.c": ("it's.h", "\"it's.h\""),
    'say "hi".c': ('q"uote.h', '<q"uote.h>'),
    "new\nline.c": ("back\\slash.h", '"back\\slash.h"'),
    "back\\slash.c": ("ünï 名前.h", '"ünï 名前.h"'),
    "ünïcødé 名前.c": ("tab\there.h", '"tab\there.h"'),
}
# (names that are not UTF-8 at all: test_names_that_are_not_utf8)


write = T.write


def make_project(root):
    for i, (src, (hdr, inc)) in enumerate(SOURCES.items()):
        write(os.path.join(root, "include", hdr),
              "int g_%d;\nstatic inline int h%d(int x) { g_%d = x; return x; }\n" % (i, i, i))
        write(os.path.join(root, "src", src),
              "#include %s\nint f%d(int x) { return h%d(x) + 1; }\n" % (inc, i, i))


def listing(root):
    out = set()
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            p = os.path.join(d, n)
            st = os.lstat(p)
            out.add((os.path.relpath(p, root), st.st_size, int(st.st_mtime_ns)))
    return out


class NameTests(unittest.TestCase):
    def setUp(self):
        self.dir = T.tmpdir("names")
        self.proj = os.path.join(self.dir, "proj")
        make_project(self.proj)

    def check_report(self, out):
        path = os.path.join(self.dir, out, "report.json")
        with open(path, "rb") as f:
            raw = f.read()
        r = json.loads(raw.decode("utf-8"))  # strict: valid UTF-8 and JSON
        T.validator().validate(r)
        self.assertEqual(r["summary"]["translation_units_with_errors"], 0,
                         [f.get("messages") for f in r["files"]])
        paths = {f["path"] for f in r["files"]}
        fns = {f["name"]: f for f in r["functions"]}
        for i, (src, (hdr, _)) in enumerate(SOURCES.items()):
            self.assertIn("src/" + src, paths)
            self.assertIn("include/" + hdr, paths)
            self.assertEqual(fns["f%d" % i]["file"], "src/" + src)
            self.assertEqual(fns["h%d" % i]["file"], "include/" + hdr)
            self.assertIn({"from": "src/" + src, "to": "include/" + hdr}, r["includes"])
            self.assertEqual(fns["f%d" % i]["class"], "stateful")
        return path

    def check_explain(self, report):
        for i, src in enumerate(SOURCES):
            p = T.seam("explain", "f%d" % i, "--report", report, "--json")
            self.assertEqual(p.returncode, 0, p.stderr)
            j = json.loads(p.stdout)
            self.assertEqual(j[0]["file"], "src/" + src)
            self.assertEqual(j[0]["evidence"][-1]["file"], "include/" + SOURCES[src][0])
            p = T.seam("explain", "%s:f%d" % (src, i), "--report", report)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertTrue(p.stdout.startswith("f%d (src/%s:2): stateful" % (i, src)), p.stdout)

    def test_folder_scan(self):
        p = T.seam("analyze", "proj/src", "--root", "proj", "-o", "out", "--", "-Iproj/include", cwd=self.dir)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.check_explain(self.check_report("out"))

    def test_compile_database_both_forms(self):
        src = os.path.join(self.proj, "src")
        db = []
        for k, name in enumerate(SOURCES):
            if k % 2:
                db.append({"directory": src, "file": name, "arguments": ["cc", "-I../include", "-c", name]})
            else:
                db.append({"directory": src, "file": os.path.join(src, name),
                           "command": "cc -I../include -c " + shlex.quote(os.path.join(src, name))})
        write(os.path.join(self.dir, "b", "compile_commands.json"), json.dumps(db, ensure_ascii=False))
        p = T.seam("analyze", "-p", "b", "--root", "proj", "-o", "out", cwd=self.dir)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.check_explain(self.check_report("out"))

    def test_names_that_are_not_utf8(self):
        """JSON is UTF-8: a byte that is not becomes U+FFFD, and the report
        stays valid."""
        os.makedirs(os.path.join(self.dir, "raw"))
        with open(os.path.join(self.dir.encode(), b"raw", b"lat\xe9in\xff.c"), "w") as f:
            f.write("int latin(int x) { return x; }\n")
        p = T.seam("analyze", "raw", "-o", "out", cwd=self.dir)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(self.dir, "out", "report.json"), "rb") as f:
            r = json.loads(f.read().decode("utf-8"))
        T.validator().validate(r)
        self.assertEqual([f["path"] for f in r["files"]], ["lat\ufffdin\ufffd.c"])
        self.assertEqual(r["functions"][0]["file"], "lat\ufffdin\ufffd.c")

    def test_writes_only_inside_the_output_folder(self):
        src = os.path.join(self.proj, "src")
        home = os.path.join(self.dir, "home")
        tmp = os.path.join(self.dir, "tmp")
        os.makedirs(home)
        os.makedirs(tmp)
        write(os.path.join(self.proj, "include", "module.modulemap"), 'module m { header "hdr with space.h" }\n')
        esc = os.path.join(self.dir, "escaped")
        writers = ["-o", esc + ".o", "-MD", "-MF", esc + ".d", "-MJ", esc + ".json", "-save-temps=obj",
                   "-ftime-trace", "--serialize-diagnostics", esc + ".dia",
                   "-Xclang", "-dependency-file", "-Xclang", esc + ".dep",
                   "-Xclang", "-header-include-file", "-Xclang", esc + ".inc",
                   "-Wp,-MD," + esc + ".wpd", "-fmodules", "-fmodules-cache-path=" + esc + "-modules",
                   "-fimplicit-module-maps", "-I../include"]
        db = [{"directory": src, "file": name, "arguments": ["cc"] + writers + ["-c", name]} for name in SOURCES]
        db.append({"directory": src, "file": "../../../../../../../../../../tmp/../" + src.lstrip("/") + "/it's.c",
                   "arguments": ["cc", "-I../include", "-c", "it's.c"]})
        write(os.path.join(self.dir, "b", "compile_commands.json"), json.dumps(db))
        before = listing(self.dir)
        env = dict(os.environ, HOME=home, TMPDIR=tmp, XDG_CACHE_HOME=os.path.join(home, ".cache"))
        p = T.run([T.SEAM, "analyze", "-p", "b", "--root", "proj", "-o", "out"], cwd=self.dir, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.check_report("out")
        after = listing(self.dir)
        added = sorted(x[0] for x in after - before)
        # nothing removed or changed (home/ only gains the cache folder)
        self.assertEqual(sorted(x[0] for x in before - after if x[0] != "home"), [])
        # the output folder, and the facts cache where the user's environment
        # puts it ($XDG_CACHE_HOME/seam; --cache, --no-cache): nowhere else
        outside = [a for a in added if not a.startswith(("out/", "home/.cache/seam/"))
                   and a not in ("out", "home", "home/.cache", "home/.cache/seam")]
        self.assertEqual(outside, [])
        self.assertIn("out/report.json", added)
        # cache entries are named by hashes: nothing of the input's paths
        cached = [a for a in added if a.startswith("home/.cache/seam/") and not os.path.isdir(os.path.join(self.dir, a))]
        self.assertTrue(cached)
        for a in cached:
            self.assertRegex(os.path.basename(a), r"^[0-9a-f.]+[a-z]*$")
        # and with --no-cache, only the output folder
        shutil.rmtree(os.path.join(self.dir, "out"))
        shutil.rmtree(os.path.join(home, ".cache"))
        before = listing(self.dir)
        p = T.run([T.SEAM, "analyze", "-p", "b", "--root", "proj", "-o", "out", "--no-cache", "--no-views"],
                  cwd=self.dir, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        added = sorted(x[0] for x in listing(self.dir) - before)
        self.assertEqual(added, ["out", "out/report.html", "out/report.json", "out/summary.md"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
