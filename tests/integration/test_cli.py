#!/usr/bin/python3
"""The seam binary's messages and exit codes on good and bad input."""
import json
import os
import stat
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

GOOD = "int add(int a, int b) { return a + b; }\nint twice(int x) { return add(x, x); }\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


class CliTests(unittest.TestCase):
    def setUp(self):
        self.dir = T.tmpdir("cli")

    def analyze(self, *args):
        return T.seam("analyze", *args, cwd=self.dir)

    def test_help_lists_every_option(self):
        p = T.seam("analyze", "--help")
        self.assertEqual(p.returncode, 0)
        for opt in ("--build-dir", "--output", "--jobs", "--exclude", "--root", "--quiet", "--help"):
            self.assertIn(opt, p.stdout)
        p = T.seam("--help")
        self.assertEqual(p.returncode, 0)
        self.assertIn("analyze", p.stdout)

    def test_version(self):
        p = T.seam("version")
        self.assertEqual(p.returncode, 0)
        self.assertRegex(p.stdout, r"^seam \d+\.\d+\.\d+ \(.*clang version \d+")

    def test_unknown_command_and_option(self):
        p = T.seam("frobnicate")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: unknown command 'frobnicate'", p.stderr)
        p = T.seam("analyze", "--frob")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: unknown option '--frob'", p.stderr)
        p = T.seam("analyze", "-j", "many", ".")
        self.assertEqual(p.returncode, 2)
        self.assertIn("expects a whole number", p.stderr)

    def test_nothing_to_analyse(self):
        p = self.analyze()
        self.assertEqual(p.returncode, 2)
        self.assertIn("nothing to analyse", p.stderr)

    def test_missing_compile_database(self):
        p = self.analyze("-p", "nowhere")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: cannot open 'nowhere': No such file or directory", p.stderr)
        os.makedirs(os.path.join(self.dir, "empty-build"))
        p = self.analyze("-p", "empty-build")
        self.assertEqual(p.returncode, 2)
        self.assertIn("cannot open 'empty-build/compile_commands.json'", p.stderr)

    def test_malformed_compile_database_names_line_and_column(self):
        write(os.path.join(self.dir, "b", "compile_commands.json"),
              '[\n  {"directory": ".", "file": "a.c",\n   "arguments": ["cc" "a.c"]}\n]\n')
        p = self.analyze("-p", "b")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: 'b/compile_commands.json':3:", p.stderr)
        self.assertIn("malformed JSON", p.stderr)
        write(os.path.join(self.dir, "c", "compile_commands.json"), '{"not": "an array"}')
        p = self.analyze("-p", "c")
        self.assertEqual(p.returncode, 2)
        self.assertIn("expected a JSON array", p.stderr)
        write(os.path.join(self.dir, "d", "compile_commands.json"), '[{"directory": "."}]')
        p = self.analyze("-p", "d")
        self.assertEqual(p.returncode, 2)
        self.assertIn("entry 1", p.stderr)

    def test_both_compile_database_forms_and_relative_directory(self):
        write(os.path.join(self.dir, "proj", "src", "a.c"), '#include "a.h"\n' + GOOD)
        write(os.path.join(self.dir, "proj", "include", "a.h"), "int add(int a, int b);\n")
        db = [
            {"directory": "../src", "file": "a.c",
             "command": "cc -I../include -c -o a.o a.c"},
        ]
        write(os.path.join(self.dir, "proj", "build", "compile_commands.json"), json.dumps(db))
        p = self.analyze("-p", "proj/build", "-o", "out1")
        self.assertEqual(p.returncode, 0, p.stderr)
        r1 = T.load(os.path.join(self.dir, "out1", "report.json"))
        self.assertEqual(r1["summary"]["translation_units_with_errors"], 0)
        self.assertIn({"from": "src/a.c", "to": "include/a.h"}, r1["includes"])
        db = [{"directory": os.path.join(self.dir, "proj", "src"), "file": "a.c",
               "arguments": ["cc", "-I", "../include", "-c", "a.c", "-o", "a.o"]}]
        write(os.path.join(self.dir, "proj", "build2", "compile_commands.json"), json.dumps(db))
        p = self.analyze("-p", "proj/build2", "-o", "out2")
        self.assertEqual(p.returncode, 0, p.stderr)
        r2 = T.load(os.path.join(self.dir, "out2", "report.json"))
        self.assertEqual(r1["functions"], r2["functions"])
        self.assertEqual(r1["calls"], r2["calls"])

    def test_not_c_and_missing_paths(self):
        write(os.path.join(self.dir, "notes.txt"), "hello")
        p = self.analyze("notes.txt")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: 'notes.txt' is not a C source file", p.stderr)
        p = self.analyze("missing.c")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: cannot open 'missing.c'", p.stderr)

    def test_empty_project(self):
        os.makedirs(os.path.join(self.dir, "empty"))
        p = self.analyze("empty")
        self.assertEqual(p.returncode, 3)
        self.assertIn("no C translation units to analyse", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "seam-out")))

    def test_syntax_error_is_reported_and_the_rest_analysed(self):
        write(os.path.join(self.dir, "p", "good.c"), GOOD)
        write(os.path.join(self.dir, "p", "bad.c"), "int broken(void) { return 1 +; }\nint fine(void) { return 2; }\n")
        p = self.analyze("p", "-o", "out")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("'", p.stderr)
        self.assertRegex(p.stderr, r"seam: warning: '.*bad\.c' has errors \(1 errors\)")
        self.assertIn("1 with errors", p.stderr)
        r = T.load(os.path.join(self.dir, "out", "report.json"))
        files = {f["path"]: f for f in r["files"]}
        self.assertFalse(files["bad.c"]["parsed"])
        self.assertEqual(files["bad.c"]["errors"], 1)
        self.assertIn("expected expression", files["bad.c"]["messages"][0])
        self.assertTrue(files["good.c"]["parsed"])
        names = {f["name"] for f in r["functions"]}
        self.assertTrue({"add", "twice", "broken", "fine"} <= names)

    def test_all_translation_units_failing_is_exit_3(self):
        os.makedirs(os.path.join(self.dir, "p"))
        db = [{"directory": os.path.join(self.dir, "p"), "file": "gone.c",
               "arguments": ["cc", "-c", "gone.c"]}]
        write(os.path.join(self.dir, "b", "compile_commands.json"), json.dumps(db))
        p = self.analyze("-p", "b", "-o", "out")
        self.assertEqual(p.returncode, 3, p.stderr)
        self.assertIn("gone.c' could not be parsed", p.stderr)
        self.assertIn("gone.c: error: no such file (named by the compile database)", p.stderr)
        self.assertIn("none of the 1 translation units could be parsed", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out", "report.json")))

    def test_dangerous_flags_are_dropped_with_a_warning(self):
        write(os.path.join(self.dir, "p", "a.c"), GOOD)
        db = [{"directory": os.path.join(self.dir, "p"), "file": "a.c",
               "arguments": ["cc", "-fplugin=/nonexistent/evil.so", "-Xclang", "-load", "-Xclang",
                             "/nonexistent/evil2.so", "-c", "a.c"]}]
        write(os.path.join(self.dir, "b", "compile_commands.json"), json.dumps(db))
        p = self.analyze("-p", "b", "-o", "out")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("seam: warning: dropped '-fplugin=/nonexistent/evil.so'", p.stderr)
        self.assertIn("dropped '-Xclang -load -Xclang /nonexistent/evil2.so'", p.stderr)
        r = T.load(os.path.join(self.dir, "out", "report.json"))
        self.assertEqual(r["summary"]["translation_units_with_errors"], 0)

    def test_exclude(self):
        write(os.path.join(self.dir, "p", "src", "a.c"), GOOD)
        write(os.path.join(self.dir, "p", "tests", "t.c"), "int t(void) { return 0; }\n")
        write(os.path.join(self.dir, "p", "vendor", "v.c"), "int v(void) { return 0; }\n")
        p = self.analyze("p", "--exclude", "p/tests/*", "--exclude", "*/vendor/*", "-o", "out")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = T.load(os.path.join(self.dir, "out", "report.json"))
        self.assertEqual([f["path"] for f in r["files"]], ["a.c"])

    def test_unwritable_output_keeps_nothing_half_written(self):
        write(os.path.join(self.dir, "p", "a.c"), GOOD)
        write(os.path.join(self.dir, "blocker"), "a file where a folder should be")
        p = self.analyze("p", "-o", "blocker/out")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: cannot create directory", p.stderr)
        if os.geteuid() != 0:  # root ignores permissions
            os.makedirs(os.path.join(self.dir, "ro"))
            os.chmod(os.path.join(self.dir, "ro"), stat.S_IRUSR | stat.S_IXUSR)
            p = self.analyze("p", "-o", "ro")
            self.assertEqual(p.returncode, 2)
            self.assertIn("cannot write", p.stderr)

    def test_previous_report_survives_a_failed_run(self):
        write(os.path.join(self.dir, "p", "a.c"), GOOD)
        p = self.analyze("p", "-o", "out")
        self.assertEqual(p.returncode, 0)
        with open(os.path.join(self.dir, "out", "report.json"), "rb") as f:
            before = f.read()
        write(os.path.join(self.dir, "b", "compile_commands.json"), "[")
        p = self.analyze("-p", "b", "-o", "out")
        self.assertEqual(p.returncode, 2)
        with open(os.path.join(self.dir, "out", "report.json"), "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(sorted(os.listdir(os.path.join(self.dir, "out"))),
                         ["report.html", "report.json", "summary.md", "views"])
        self.assertEqual(len(os.listdir(os.path.join(self.dir, "out", "views"))), 10)  # no temporaries

    STATE = ("int g_count;\n"
             "static void bump(void) { g_count++; }\n"
             "int handle(int x) { bump(); return x; }\n"
             "int pure_add(int a, int b) { return a + b; }\n")

    def test_explain_text_json_and_errors(self):
        write(os.path.join(self.dir, "p", "a.c"), self.STATE)
        self.assertEqual(self.analyze("p", "-o", "out").returncode, 0)
        rep = os.path.join(self.dir, "out", "report.json")
        p = T.seam("explain", "handle", "--report", rep)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.splitlines(), [
            "handle (a.c:3): stateful",
            "  effects: global-write",
            "  entry point: exported",
            "  why:",
            "    a.c:3: handle calls bump",
            "    a.c:2: bump writes g_count",
        ])
        p = T.seam("explain", "a.c:pure_add", "--report", rep, "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        j = json.loads(p.stdout)
        self.assertEqual([(x["name"], x["class"], x["evidence"]) for x in j], [("pure_add", "pure", [])])
        p = T.seam("explain", "nosuch", "--report", rep)
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: no function named 'nosuch' in '%s'" % rep, p.stderr)
        p = T.seam("explain", "handle", cwd=self.dir)  # no seam-out/ here
        self.assertEqual(p.returncode, 2)
        self.assertIn("cannot open 'seam-out/report.json'", p.stderr)
        p = T.seam("explain", "handle", "p", cwd=self.dir)  # analyse first
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("handle (a.c:3): stateful", p.stdout)

    def test_user_rule_pack_and_its_errors(self):
        write(os.path.join(self.dir, "p", "a.c"),
              "int vendor_send(const char *m);\nint notify(void) { return vendor_send(\"x\"); }\n")
        p = self.analyze("p", "-o", "out")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = T.load(os.path.join(self.dir, "out", "report.json"))
        f = [x for x in r["functions"] if x["name"] == "notify"][0]
        self.assertEqual(f["class"], "unknown")
        self.assertIn({"name": "vendor_send", "calls": 1}, r["analysis"]["unknown_functions"])
        write(os.path.join(self.dir, "pack.json"),
              '{"schema": 1, "pack": "vendor", "functions": {"vendor_send": ["io-net"]}}')
        p = self.analyze("p", "-o", "out2", "--rules", "pack.json")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = T.load(os.path.join(self.dir, "out2", "report.json"))
        f = [x for x in r["functions"] if x["name"] == "notify"][0]
        self.assertEqual((f["class"], f["effects"]), ("stateless", ["io-net"]))
        write(os.path.join(self.dir, "bad.json"),
              '{"schema": 1,\n "functions": {\n  "vendor_send": ["io-nett"]\n }\n}')
        p = self.analyze("p", "-o", "out3", "--rules", "bad.json")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: 'bad.json':3: unknown effect 'io-nett' for 'vendor_send' (known:", p.stderr)
        write(os.path.join(self.dir, "broken.json"), '{"schema": 1,\n "functions": {,}}')
        p = self.analyze("p", "-o", "out3", "--rules", "broken.json")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: 'broken.json':2:", p.stderr)
        self.assertIn("malformed JSON", p.stderr)
        p = self.analyze("p", "-o", "out3", "--rules", "missing.json")
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: cannot open 'missing.json'", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out3")))

    def interrupt(self, sig, want):
        """Starts an analysis that takes a few seconds, signals it while it
        runs, and checks the exit code and that nothing was half-written."""
        import signal
        import subprocess
        import time
        lines = ["int g;"] + ["int f%d(int x) { g += x; return x + %d; }" % (i, i) for i in range(40000)]
        write(os.path.join(self.dir, "big", "big.c"), "\n".join(lines) + "\n")
        out = os.path.join(self.dir, "out")
        write(os.path.join(out, "report.json"), "previous report\n")
        proc = subprocess.Popen([T.SEAM, "analyze", "-q", "big", "-o", "out"], cwd=self.dir,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        self.assertIsNone(proc.poll(), "the analysis ended before it could be interrupted")
        proc.send_signal(sig)
        proc.wait(timeout=60)
        self.assertEqual(proc.returncode, want)
        self.assertEqual(sorted(os.listdir(out)), ["report.json"])
        with open(os.path.join(out, "report.json")) as f:
            self.assertEqual(f.read(), "previous report\n")

    def test_sigint_mid_run_exits_130_and_writes_nothing(self):
        import signal
        self.interrupt(signal.SIGINT, 130)

    def test_sigterm_mid_run_exits_143_and_writes_nothing(self):
        import signal
        self.interrupt(signal.SIGTERM, 143)


if __name__ == "__main__":
    unittest.main(verbosity=2)
