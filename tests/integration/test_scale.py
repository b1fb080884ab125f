#!/usr/bin/python3
"""Speed and scale features run as a user would: sharded extraction merges
into the very report one machine writes, the per-TU cache gives the very
report a cold run writes (and notices edits, corrupt entries), --stats,
--verbose and the progress output."""
import glob
import os
import shutil
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

SAMPLE = "bookstore"


def read(path):
    with open(path, "rb") as f:
        return f.read()


class ScaleTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.build = T.sample_compdb(SAMPLE)
        cls.root = os.path.join(T.SRC, "samples", SAMPLE)
        cls.out = T.tmpdir("scale-cold")
        p = T.seam("analyze", "-p", cls.build, "--root", cls.root, "-o", cls.out, "--no-cache", "-j", "1")
        assert p.returncode == 0, p.stderr
        cls.cold = read(os.path.join(cls.out, "report.json"))

    def analyze(self, *args):
        out = T.tmpdir("scale-out")
        p = T.seam("analyze", "-p", self.build, "--root", self.root, "-o", out, *args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return read(os.path.join(out, "report.json")), p.stderr

    def test_jobs_do_not_change_the_report_without_cache(self):
        report, _ = self.analyze("--no-cache", "-j", "3")
        self.assertEqual(report, self.cold)

    def test_three_shards_merge_into_the_single_machine_report(self):
        dirs = []
        for i in (1, 2, 3):
            d = T.tmpdir("shard%d" % i)
            p = T.seam("extract", "-p", self.build, "--root", self.root, "--shard", "%d/3" % i, "--facts", d,
                       "-j", "2")
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("seam: wrote the facts of translation units", p.stderr)
            dirs.append(d)
        counts = [len(glob.glob(os.path.join(d, "tu-*.facts"))) for d in dirs]
        self.assertTrue(all(counts), counts)  # every shard got a slice
        out = T.tmpdir("shard-merged")
        # shards given in any order: the merge follows the database
        p = T.seam("analyze", "--facts", dirs[2], "--facts", dirs[0], "--facts", dirs[1], "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(read(os.path.join(out, "report.json")), self.cold)
        # a missing shard is an error naming what is missing
        p = T.seam("analyze", "--facts", dirs[0], "--facts", dirs[2], "-o", T.tmpdir("shard-missing"))
        self.assertEqual(p.returncode, 2)
        self.assertRegex(p.stderr, r"seam: error: the facts of translation unit \d+ are missing")
        # the same shard twice
        p = T.seam("analyze", "--facts", dirs[0], "--facts", dirs[0], "-o", T.tmpdir("shard-twice"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("are given twice", p.stderr)

    def test_shards_from_other_options_do_not_mix(self):
        a, b = T.tmpdir("mix-a"), T.tmpdir("mix-b")
        T.run([T.SEAM, "extract", "-p", self.build, "--root", self.root, "--shard", "1/2", "--facts", a], check=True)
        T.run([T.SEAM, "extract", "-p", self.build, "--shard", "2/2", "--facts", b], check=True)
        p = T.seam("analyze", "--facts", a, "--facts", b, "-o", T.tmpdir("mix-out"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("other options than the first facts file", p.stderr)

    def test_shard_usage_errors(self):
        for spec in ("0/3", "4/3", "1/0", "x", "1/2/3"):
            p = T.seam("extract", "-p", self.build, "--shard", spec, "--facts", T.tmpdir("bad-shard"))
            self.assertEqual(p.returncode, 2, spec)
            self.assertIn("--shard expects I/N", p.stderr)
        p = T.seam("extract", "-p", self.build)
        self.assertEqual(p.returncode, 2)
        self.assertIn("needs --facts DIR", p.stderr)
        p = T.seam("analyze", "-p", self.build, "--facts", T.tmpdir("facts"), "-o", T.tmpdir("o"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("give -p, PATHs, --root and --exclude to 'seam extract'", p.stderr)
        p = T.seam("analyze", "--facts", T.tmpdir("empty-facts"), "-o", T.tmpdir("o"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("no facts files", p.stderr)

    def test_cache_gives_the_cold_report_and_is_used(self):
        cache = T.tmpdir("cache")
        first, err1 = self.analyze("--cache", cache, "--stats")
        self.assertEqual(first, self.cold)
        self.assertRegex(err1, r"from cache 0\n")
        second, err2 = self.analyze("--cache", cache, "--stats", "-j", "3")
        self.assertEqual(second, self.cold)
        tus = int(err2.split("seam: stats: tus ")[1].split(",")[0])
        self.assertIn("from cache %d\n" % tus, err2)
        self.assertIn("parse 0.000s", err2)

    def test_concurrent_runs_share_a_cache(self):
        import subprocess
        cache = T.tmpdir("cache-shared")
        outs = [T.tmpdir("cache-shared-out") for _ in range(3)]
        procs = [subprocess.Popen([T.SEAM, "analyze", "-p", self.build, "--root", self.root, "-o", o, "--cache",
                                   cache, "-j", "2"], stderr=subprocess.PIPE, text=True) for o in outs]
        for p in procs:
            _, err = p.communicate(timeout=600)
            self.assertEqual(p.returncode, 0, err)
            self.assertNotIn("warning", err)
        for o in outs:
            self.assertEqual(read(os.path.join(o, "report.json")), self.cold)
        self.assertEqual(glob.glob(os.path.join(cache, "*", "*.tmp.*")), [])  # no temporary left behind
        report, err = self.analyze("--cache", cache, "--stats")
        self.assertEqual(report, self.cold)
        self.assertNotIn("from cache 0\n", err)

    def test_corrupt_cache_entry_is_rebuilt_with_a_warning(self):
        cache = T.tmpdir("cache-corrupt")
        self.analyze("--cache", cache)
        entries = sorted(glob.glob(os.path.join(cache, "*", "*.facts")))
        self.assertTrue(entries)
        with open(entries[0], "r+b") as f:  # flip one byte in the middle
            f.seek(os.path.getsize(entries[0]) // 2)
            b = f.read(1)
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([b[0] ^ 0xff]))
        with open(entries[-1], "r+b") as f:  # and truncate another
            f.truncate(40)
        shutil.rmtree(os.path.join(cache, "runs"))  # else the run cache answers without reading any facts
        report, err = self.analyze("--cache", cache, "--stats")
        self.assertEqual(report, self.cold)
        self.assertIn("checksum mismatch", err)
        self.assertIn("truncated", err)
        self.assertIn("rebuilding it", err)
        report, err = self.analyze("--cache", cache)  # rebuilt: no warning any more
        self.assertEqual(report, self.cold)
        self.assertNotIn("cache entry", err)

    def test_edited_header_invalidates_what_includes_it(self):
        src = T.tmpdir("cache-edit")
        os.makedirs(os.path.join(src, "inc"))
        with open(os.path.join(src, "inc", "h.h"), "w") as f:
            f.write("static inline int h(void) { return 1; }\n")
        for name in ("a.c", "b.c", "c.c"):
            with open(os.path.join(src, name), "w") as f:
                f.write('#include "h.h"\nint %s_fn(void) { return h(); }\n' % name[0])
        cache, out = T.tmpdir("cache-edit-c"), T.tmpdir("cache-edit-o")
        args = ["analyze", src, "-o", out, "--cache", cache, "--stats", "--", "-I" + os.path.join(src, "inc")]
        p = T.seam(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = T.seam(*args)
        self.assertIn("nothing changed", p.stderr)  # the run cache: nothing was edited
        with open(os.path.join(src, "inc", "h.h"), "w") as f:
            f.write("int g;\nstatic inline int h(void) { return g++; }\n")
        p = T.seam(*args)
        self.assertNotIn("nothing changed", p.stderr)
        self.assertIn("from cache 0\n", p.stderr)  # all three include h.h
        self.assertIn('"name":"g"', read(os.path.join(out, "report.json")).decode())
        with open(os.path.join(src, "b.c"), "a") as f:
            f.write("int b_more(void) { return 2; }\n")
        p = T.seam(*args)
        self.assertIn("from cache 2\n", p.stderr)  # only b.c changed
        self.assertIn("b_more", read(os.path.join(out, "report.json")).decode())

    def outputs(self, out):
        files = {}
        for dirpath, _, names in os.walk(out):
            for n in names:
                path = os.path.join(dirpath, n)
                files[os.path.relpath(path, out)] = read(path)
        return files

    def test_unchanged_run_is_answered_from_the_run_cache(self):
        cache, first, second = T.tmpdir("run-cache"), T.tmpdir("run-first"), T.tmpdir("run-second")
        base = ["analyze", "-p", self.build, "--root", self.root, "--cache", cache, "--stats"]
        p = T.seam(*base, "-o", first)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("nothing changed", p.stderr)
        self.assertEqual(len(glob.glob(os.path.join(cache, "runs", "*", "*.run"))), 1)
        p = T.seam(*base, "-o", second, "-j", "3")  # -j and -o do not shape the outputs
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("(nothing changed since the last run: outputs from the cache)", p.stderr)
        self.assertIn("seam: stats: run cache hit", p.stderr)
        self.assertRegex(p.stderr, r"seam: \d+ translation units \(0 failed, 0 with errors\)")
        want = self.outputs(first)
        self.assertIn("views/services.svg", want)
        self.assertEqual(self.outputs(second), want)  # every file, byte for byte
        self.assertEqual(want["report.json"], self.cold)
        # into the same folder: files already holding the bytes are not rewritten
        before = {n: os.stat(os.path.join(second, n)).st_mtime_ns for n in want}
        os.remove(os.path.join(second, "summary.md"))
        p = T.seam(*base, "-o", second)
        self.assertIn("nothing changed", p.stderr)
        self.assertEqual(self.outputs(second), want)
        for n, t in before.items():
            if n != "summary.md":
                self.assertEqual(os.stat(os.path.join(second, n)).st_mtime_ns, t, n)

    def test_outputs_holding_the_same_bytes_are_not_rewritten(self):
        out = T.tmpdir("same-bytes")
        args = ["analyze", "-p", self.build, "--root", self.root, "-o", out, "--no-cache"]
        T.run([T.SEAM, *args], check=True)
        report = os.path.join(out, "report.json")
        os.utime(report, ns=(1, 1))
        summary = os.path.join(out, "summary.md")
        with open(summary, "ab") as f:
            f.write(b"stale\n")
        T.run([T.SEAM, *args], check=True)
        self.assertEqual(os.stat(report).st_mtime_ns, 1)  # same bytes: left alone
        self.assertNotIn(b"stale", read(summary))  # other bytes: written again

    def test_run_cache_sees_options_and_files_they_name(self):
        cache = T.tmpdir("run-opts")
        base = ["analyze", "-p", self.build, "--root", self.root, "--cache", cache]
        T.run([T.SEAM, *base, "-o", T.tmpdir("run-opts-0")], check=True)
        for extra in (["--node-limit", "5"], ["--no-views"], ["--services", "2"], ["--exclude", "*/nothing*"]):
            out = T.tmpdir("run-opts-x")
            p = T.seam(*base, "-o", out, *extra)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertNotIn("nothing changed", p.stderr, extra)
        pack = os.path.join(T.tmpdir("run-pack"), "pack.json")
        with open(pack, "w") as f:
            f.write('{"schema": 1, "pack": "extra", "functions": {"my_logger": ["io-file"]}}\n')
        p = T.seam(*base, "-o", T.tmpdir("run-pack-1"), "--rules", pack)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = T.seam(*base, "-o", T.tmpdir("run-pack-2"), "--rules", pack)
        self.assertIn("nothing changed", p.stderr)
        with open(pack, "w") as f:  # the same pack file, other contents
            f.write('{"schema": 1, "pack": "extra", "functions": {"my_logger": ["time"]}}\n')
        p = T.seam(*base, "-o", T.tmpdir("run-pack-3"), "--rules", pack)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("nothing changed", p.stderr)

    def test_corrupt_run_entry_is_rebuilt_with_a_warning(self):
        cache = T.tmpdir("run-corrupt")
        first = T.tmpdir("run-corrupt-1")
        T.run([T.SEAM, "analyze", "-p", self.build, "--root", self.root, "--cache", cache, "-o", first], check=True)
        entry = glob.glob(os.path.join(cache, "runs", "*", "*.run"))[0]
        with open(entry, "r+b") as f:
            f.seek(os.path.getsize(entry) // 2)
            b = f.read(1)
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([b[0] ^ 0x01]))
        report, err = self.analyze("--cache", cache)
        self.assertEqual(report, self.cold)
        self.assertRegex(err, r"seam: warning: cache entry '.*\.run' is unusable \(checksum mismatch\); rebuilding it")
        self.assertNotIn("nothing changed", err)
        report, err = self.analyze("--cache", cache)
        self.assertEqual(report, self.cold)
        self.assertIn("nothing changed", err)
        self.assertNotIn("warning: cache", err)

    def test_stats_verbose_and_quiet_progress(self):
        _, err = self.analyze("--no-cache", "--stats")
        for phase in ("compile-db", "extraction", "merge", "finalize", "analysis", "boundaries", "report",
                      "total", "peak-rss"):
            self.assertRegex(err, r"seam: stats: %s " % phase)
        self.assertNotIn("\r", err)  # stderr is not a terminal: no progress bar
        _, err = self.analyze("--no-cache", "--verbose")
        tus = err.count("seam: [")
        self.assertGreater(tus, 1)
        self.assertRegex(err, r"seam: \[%d/%d\] /" % (tus, tus))
        _, err = self.analyze("--no-cache", "-q", "--verbose")
        self.assertEqual(err, "")

    @unittest.skipUnless(shutil.which("script"), "needs script(1) for a terminal")
    def test_progress_bar_on_a_terminal(self):
        log = os.path.join(T.tmpdir("tty"), "typescript")
        cmd = "%s analyze -p %s --root %s -o %s --no-cache -j 2" % (T.SEAM, self.build, self.root, T.tmpdir("tty-out"))
        T.run(["script", "-qec", cmd, log], check=True)
        text = read(log).decode(errors="replace")
        self.assertRegex(text, r"\r\x1b\[K\[#+\.*\] \d+/\d+ TUs  [0-9.]+ TU/s  ETA \d+:\d\d  ")
        self.assertRegex(text, r"\] (\d+)/\1 TUs")  # reaches the total
        T.run(["script", "-qec", cmd + " -q", log], check=True)
        self.assertNotIn("TUs", read(log).decode(errors="replace"))

    def test_unwritable_cache_is_a_warning(self):
        blocker = os.path.join(T.tmpdir("cache-file"), "file")
        with open(blocker, "w") as f:
            f.write("x")
        report, err = self.analyze("--cache", os.path.join(blocker, "sub"))
        self.assertEqual(report, self.cold)
        self.assertIn("going on without the cache", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
