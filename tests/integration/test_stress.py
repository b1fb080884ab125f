#!/usr/bin/python3
"""Generated stress inputs (issue 9): a 50,000-statement function and code
nested 10,000 deep. seam must finish (exit 0), write a report that
validates against the schema, and either analyse each file or name it as
partial; nothing may overflow a stack, neither seam's nor libclang's.
The inputs are generated at run time; nothing big is committed."""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

N = 10000
GOOD = "int ok(int a) { return a + 1; }\n"

# name -> (source, whether clang's -fbracket-depth (default 256) stops it)
DEEP = {
    "parens": ("int parens(int x) { return " + "(" * N + "x" + ")" * N + "; }\n", True),
    "plus_nested": ("int plus_nested(int a) { return " + "a+(" * N + "a" + ")" * N + "; }\n", True),
    "blocks": ("int blocks(int a) { " + "{" * N + "a++;" + "}" * N + " return a; }\n", True),
    "plus_flat": ("int plus_flat(int a) { return " + "+".join(["a"] * N) + "; }\n", False),
    "unary": ("int unary(int a) { return " + "!~" * (N // 2) + "a; }\n", False),
    "assign": ("int assign(int a) { int b; b = " + "a = " * N + "1; return b; }\n", False),
    "ifs": ("int ifs(int a) { " + "if (a) " * N + "a++; return a; }\n", False),
    "elses": ("int elses(int a) { if (a == 0) return 0; "
              + "".join("else if (a == %d) return %d; " % (i, i) for i in range(1, N)) + "return -1; }\n", False),
}


write = T.write


class StressTests(unittest.TestCase):
    def setUp(self):
        self.dir = T.tmpdir("stress")

    def analyze(self, *args, env=None):
        p = subprocess.run([T.SEAM, "analyze", "-q"] + list(args), cwd=self.dir, env=env,
                           capture_output=True, text=True, timeout=600)
        self.assertNotIn("ERROR: AddressSanitizer", p.stderr)
        self.assertNotIn("ERROR: LeakSanitizer", p.stderr)
        self.assertNotIn("runtime error:", p.stderr)
        self.assertGreaterEqual(p.returncode, 0, "killed by signal %d" % -p.returncode)
        return p

    def report(self, out):
        r = T.load(os.path.join(self.dir, out, "report.json"))
        T.validator().validate(r)
        return r

    def test_function_with_50000_statements(self):
        lines = ["int g_total;", "int helper(int v) { return v * 2; }", "int big(int x) {"]
        for i in range(50000):
            lines.append("  x = helper(x) + %d;" % i if i % 1000 == 0 else "  x += %d;" % i)
        lines += ["  g_total = x;", "  return x;", "}"]
        write(os.path.join(self.dir, "p", "big.c"), "\n".join(lines) + "\n")
        p = self.analyze("p", "-o", "out")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = self.report("out")
        big = [f for f in r["functions"] if f["name"] == "big"][0]
        self.assertEqual(big["statements"], 50002)
        self.assertEqual(big["lines"], 50004)
        self.assertEqual(big["class"], "stateful")
        sites = [c for c in r["calls"] if c["caller"] == big["id"]]
        self.assertEqual(sum(c.get("count", 1) for c in sites), 50, sites[:3])
        self.assertEqual(r["summary"]["translation_units_with_errors"], 0)

    def test_nesting_10000_deep_with_clangs_default_limits(self):
        for name, (src, _) in DEEP.items():
            write(os.path.join(self.dir, "p", name + ".c"), src)
        write(os.path.join(self.dir, "p", "good.c"), GOOD)
        p = self.analyze("p", "-o", "out")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = self.report("out")
        files = {f["path"]: f for f in r["files"]}
        fns = {f["name"]: f for f in r["functions"]}
        for name, (_, bracketed) in DEEP.items():
            f = files[name + ".c"]
            self.assertIn(name, fns)  # libclang recovers the declaration either way
            if bracketed:
                # an error diagnostic from clang, not a crash: the TU is partial
                self.assertFalse(f["parsed"], name)
                self.assertIn("bracket nesting level exceeded maximum of 256", f["messages"][0])
                self.assertRegex(p.stderr, r"seam: warning: '.*%s\.c' has errors" % name)
            else:
                self.assertTrue(f["parsed"], (name, f.get("messages")))
        self.assertTrue(files["good.c"]["parsed"])
        self.assertEqual(fns["ifs"]["statements"], N + 1)
        self.assertEqual(fns["elses"]["statements"], 2 * N + 1)  # each `else if` and its `return`
        self.assertEqual(r["summary"]["translation_units_with_errors"], 3)

    def test_nesting_10000_deep_with_the_bracket_limit_raised(self):
        """-fbracket-depth raised: clang's parser really recurses 10,000
        deep (on seam's 256 MiB worker stacks) and seam walks the result."""
        for name, (src, _) in DEEP.items():
            write(os.path.join(self.dir, "p", name + ".c"), src)
        db = '[' + ",".join('{"directory": "%s", "file": "%s.c", "arguments": ["cc", "-fbracket-depth=100000", "-c", "%s.c"]}'
                            % (os.path.join(self.dir, "p"), n, n) for n in DEEP) + ']'
        write(os.path.join(self.dir, "b", "compile_commands.json"), db)
        p = self.analyze("-p", "b", "-o", "out")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = self.report("out")
        self.assertEqual([f["path"] for f in r["files"] if not f["parsed"]], [])
        self.assertEqual(sorted(f["name"] for f in r["functions"]), sorted(DEEP))

    def test_stack_overflow_inside_libclang_is_a_failed_translation_unit(self):
        """A million unary minus signs overflow any parser stack: libclang's
        crash recovery (run on an alternate signal stack) turns it into a
        failed TU; the other files are analysed and the report says which
        TU failed."""
        write(os.path.join(self.dir, "p", "overflow.c"), "int overflow(int a) { return " + "-" * 1000000 + "a; }\n")
        write(os.path.join(self.dir, "p", "a.c"), GOOD)
        write(os.path.join(self.dir, "p", "z.c"), GOOD.replace("ok", "zz"))
        # libclang abandons the crashed parse's memory by design (LLVM's
        # CrashRecoveryContext longjmps out of it): LeakSanitizer, in the
        # ASan build, must ignore libclang's and LLVM's allocations here
        supp = os.path.join(self.dir, "lsan.supp")
        with open(os.path.join(T.SRC, "tests", "lsan.supp")) as f:  # and the suite's own (Graphviz's leaks)
            common = f.read()
        write(supp, common + "\nleak:libclang-14.so\nleak:libLLVM-14.so\nleak:clang_createIndex\n")
        env = dict(os.environ, LSAN_OPTIONS="suppressions=%s:print_suppressions=0" % supp)
        p = self.analyze("p", "-o", "out", "-j", "1", env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("seam: warning: 'overflow.c' could not be parsed", p.stderr)
        self.assertIn("libclang crashed parsing this file", p.stderr)
        r = self.report("out")
        files = {f["path"]: f for f in r["files"]}
        self.assertFalse(files["overflow.c"]["parsed"])
        self.assertTrue(files["a.c"]["parsed"] and files["z.c"]["parsed"])
        self.assertEqual(r["summary"]["translation_units_failed"], 1)
        self.assertEqual(sorted(f["name"] for f in r["functions"]), ["ok", "zz"])


def sanitized():
    """Whether seam is the ASan build (which needs terabytes of address space)."""
    p = subprocess.run(["ldd", T.SEAM], capture_output=True, text=True)
    return "libasan" in p.stdout


class AddressSpaceTests(unittest.TestCase):
    @unittest.skipIf(sanitized(), "ASan reserves more address space than the limit")
    def test_runs_when_big_worker_stacks_are_refused(self):
        """With 400 MB of address space two 256 MiB worker stacks cannot
        both exist: seam falls back to smaller stacks and still finishes."""
        import resource
        d = T.tmpdir("rlimit")
        for i in range(4):
            write(os.path.join(d, "p", "f%d.c" % i), GOOD.replace("ok", "ok%d" % i))
        limit = 400 << 20
        p = subprocess.run([T.SEAM, "analyze", "-q", "-j", "2", "p", "-o", "out"], cwd=d, capture_output=True,
                           text=True, timeout=60,
                           preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
        self.assertEqual(p.returncode, 0, p.stderr)
        r = T.load(os.path.join(d, "out", "report.json"))
        self.assertEqual(sorted(f["name"] for f in r["functions"]), ["ok0", "ok1", "ok2", "ok3"])


class ResponseFileTests(unittest.TestCase):
    def test_response_files_that_never_end_are_not_read(self):
        """@/dev/zero would never end and @/dev/stdin or a FIFO would block:
        only regular files are expanded."""
        d = T.tmpdir("rsp")
        write(os.path.join(d, "p", "a.c"), GOOD)
        os.mkfifo(os.path.join(d, "p", "fifo.rsp"))
        write(os.path.join(d, "p", "ok.rsp"), "-DFROM_RSP=1\n")
        db = ('[{"directory": "%s", "file": "a.c", "arguments": ["cc", "@/dev/zero", "@/dev/stdin", '
              '"@fifo.rsp", "@ok.rsp", "-c", "a.c"]}]' % os.path.join(d, "p"))
        write(os.path.join(d, "b", "compile_commands.json"), db)
        p = subprocess.run([T.SEAM, "analyze", "-q", "-p", "b", "-o", "out"], cwd=d, stdin=subprocess.PIPE,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        r = T.load(os.path.join(d, "out", "report.json"))
        self.assertEqual(r["summary"]["translation_units_with_errors"], 0)


class EndlessIncludeTests(unittest.TestCase):
    def test_device_includes_are_read_as_empty(self):
        """#include "/dev/zero" would grow memory without end and "/dev/stdin"
        would block: libclang is given them as empty files."""
        d = T.tmpdir("devinc")
        write(os.path.join(d, "p", "a.c"), '#include "/dev/zero"\n#include "/dev/stdin"\n' + GOOD)
        p = subprocess.run([T.SEAM, "analyze", "-q", "--no-cache", "--no-views", "p", "-o", "out"], cwd=d,
                           stdin=subprocess.PIPE, capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        r = T.load(os.path.join(d, "out", "report.json"))
        self.assertEqual(r["summary"]["translation_units_with_errors"], 0)
        self.assertTrue(r["functions"])

    def test_a_fifo_header_ends_in_a_clear_error(self):
        """A header that is a FIFO blocks libclang for ever: the watchdog
        names the TU and exits 3 after --tu-timeout seconds, writing nothing."""
        d = T.tmpdir("fifoinc")
        write(os.path.join(d, "p", "a.c"), '#include "fifo.h"\n' + GOOD)
        os.mkfifo(os.path.join(d, "p", "fifo.h"))
        p = subprocess.run([T.SEAM, "analyze", "-q", "--no-cache", "--tu-timeout", "2", "p", "-o", "out"], cwd=d,
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 3, p.stderr)
        self.assertRegex(p.stderr, r"seam: error: '.*/p/a\.c' has not finished after 2 seconds \(does it include "
                                   r"a FIFO")
        self.assertFalse(os.path.exists(os.path.join(d, "out")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
