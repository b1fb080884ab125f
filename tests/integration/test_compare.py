#!/usr/bin/python3
"""seam compare: MoJo / MoJoFM between decompositions, RSF export, errors."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

SAMPLES = ("bookstore", "logcrunch")


def key_path(sample):
    return os.path.join(T.SRC, "samples", sample, "EXPECTED.json")


def clusters_of(path):
    """{cluster: [files]} from an answer key (only services with files)."""
    return {s["name"]: list(s["files"]) for s in T.load(path)["services"] if s["files"]}


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def rsf(clusters):
    return "".join("contain %s %s\n" % (c, f) for c, files in clusters.items() for f in files)


def max_mno(clusters):
    """max(mno(any A', B)) = n - g (Wen & Tzerpos 2004), computed independently here."""
    g = 0
    for size in sorted(len(f) for f in clusters.values()):
        if g < size:
            g += 1
    return sum(len(f) for f in clusters.values()) - g


class CompareTests(unittest.TestCase):
    def setUp(self):
        self.dir = T.tmpdir("compare")

    def path(self, name):
        return os.path.join(self.dir, name)

    def compare_json(self, a, b):
        p = T.seam("compare", a, b, "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def test_key_with_itself(self):
        for sample in SAMPLES:
            key = key_path(sample)
            clusters = clusters_of(key)
            n = sum(len(f) for f in clusters.values())
            p = T.seam("compare", key, key)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("MoJo(A -> B) = 0, MoJoFM(A, B) = 100.0%%  (n = %d files, A: %d clusters, B: %d clusters)"
                          % (n, len(clusters), len(clusters)), p.stdout)
            self.assertIn("MoJo(B -> A) = 0", p.stdout)
            self.assertNotIn("only in", p.stdout)
            r = self.compare_json(key, key)
            self.assertEqual((r["mojo_a_to_b"], r["mojo_b_to_a"], r["mojo"], r["mojofm"]), (0, 0, 0, 100))
            self.assertEqual((r["n"], r["clusters_a"], r["clusters_b"]), (n, len(clusters), len(clusters)))
            self.assertEqual((r["dropped_a"], r["dropped_b"]), (0, 0))
            self.assertEqual(r["max_mojo_to_b"], max_mno(clusters))

    def moved(self, clusters):
        """A copy with one file moved out of each of the two largest services
        into a third one: MoJo 2 either way (both sources keep their service)."""
        names = sorted(clusters, key=lambda c: (-len(clusters[c]), c))
        src1, src2, dst = names[0], names[1], names[2]
        self.assertGreaterEqual(len(clusters[src2]), 3)
        out = {c: list(f) for c, f in clusters.items()}
        for src in (src1, src2):
            out[dst].append(out[src].pop())
        return out

    def test_two_files_moved(self):
        for sample in SAMPLES:
            key = key_path(sample)
            clusters = clusters_of(key)
            moved = self.path(sample + "-moved.rsf")
            write(moved, rsf(self.moved(clusters)))
            r = self.compare_json(moved, key)
            self.assertEqual((r["mojo_a_to_b"], r["mojo_b_to_a"], r["mojo"]), (2, 2, 2))
            mx = max_mno(clusters)
            self.assertEqual(r["max_mojo_to_b"], mx)
            self.assertAlmostEqual(r["mojofm"], round((1 - 2 / mx) * 100, 2), places=6)
            p = T.seam("compare", moved, key)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("MoJo(A -> B) = 2, MoJoFM(A, B) = %.1f%%" % ((1 - 2 / mx) * 100), p.stdout)

    def test_direction(self):
        # A = everything in one service: turning it into the key takes a Move for
        # every file outside the largest service; the key into A takes a Join
        # per service but one.
        key = key_path("bookstore")
        clusters = clusters_of(key)
        n = sum(len(f) for f in clusters.values())
        one = self.path("one.rsf")
        write(one, "".join("contain all %s\n" % f for files in clusters.values() for f in files))
        r = self.compare_json(one, key)
        self.assertEqual(r["mojo_a_to_b"], n - max(len(f) for f in clusters.values()))
        self.assertEqual(r["mojo_b_to_a"], len(clusters) - 1)
        self.assertEqual(r["mojo"], min(r["mojo_a_to_b"], r["mojo_b_to_a"]))
        self.assertEqual(r["clusters_a"], 1)
        r2 = self.compare_json(key, one)
        self.assertEqual((r2["mojo_a_to_b"], r2["mojo_b_to_a"]), (r["mojo_b_to_a"], r["mojo_a_to_b"]))

    def test_rsf_export_round_trip(self):
        for sample in SAMPLES:
            key = key_path(sample)
            p = T.seam("compare", "--rsf", key)
            self.assertEqual(p.returncode, 0, p.stderr)
            lines = p.stdout.splitlines()
            n = sum(len(f) for f in clusters_of(key).values())
            self.assertEqual(len(lines), n)
            self.assertEqual(lines, sorted(lines, key=lambda s: s.split(" ")[1:]))
            self.assertTrue(all(line.startswith("contain ") and len(line.split()) == 3 for line in lines))
            exported = self.path(sample + ".rsf")
            write(exported, p.stdout)
            r = self.compare_json(exported, key)
            self.assertEqual((r["mojo_a_to_b"], r["mojofm"], r["n"]), (0, 100, n))
            again = T.seam("compare", "--rsf", exported)
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertEqual(again.stdout, p.stdout)

    def test_dropped_files(self):
        key = key_path("bookstore")
        clusters = clusters_of(key)
        first = sorted(clusters)[0]
        gone = clusters[first][0]
        partial = {c: [f for f in files if f != gone] for c, files in clusters.items()}
        partial[first].append("src/extra.c")
        a = self.path("partial.rsf")
        write(a, "# one file missing, one extra\n" + rsf(partial))
        r = self.compare_json(a, key)
        self.assertEqual((r["dropped_a"], r["dropped_b"], r["only_in_a"], r["only_in_b"]),
                         (1, 1, ["src/extra.c"], [gone]))
        self.assertEqual((r["mojo_a_to_b"], r["mojofm"]), (0, 100))
        self.assertEqual(r["n"], sum(len(f) for f in clusters.values()) - 1)
        p = T.seam("compare", a, key)
        self.assertIn("only in A, not compared: 1 file: src/extra.c", p.stdout)
        self.assertIn("only in B, not compared: 1 file: %s" % gone, p.stdout)

    def test_seam_report(self):
        # a report written by seam analyze, when it has services
        build = T.sample_compdb("bookstore")
        out = self.path("out")
        p = T.seam("analyze", "-p", build, "--root", os.path.join(T.SRC, "samples", "bookstore"), "-o", out, "-q")
        self.assertEqual(p.returncode, 0, p.stderr)
        report = os.path.join(out, "report.json")
        if "services" not in T.load(report):
            self.skipTest("this seam's report.json has no services")
        r = self.compare_json(report, key_path("bookstore"))
        self.assertGreaterEqual(r["mojofm"], 0)
        self.assertLessEqual(r["mojofm"], 100)
        self.assertLessEqual(r["mojo_a_to_b"], r["max_mojo_to_b"])
        self.assertEqual(r["dropped_b"], 0, r["only_in_b"])

    def test_errors(self):
        key = key_path("logcrunch")
        cases = []
        write(self.path("bad.json"), '{"services": [\n  {"name": "a", "files": ["x.c",]}\n]}')
        cases.append(("bad.json", "seam: error: '%s':2:" % self.path("bad.json"), "malformed JSON"))
        write(self.path("bad.rsf"), "contain a x.c\ncontain b\n")
        cases.append(("bad.rsf", "seam: error: '%s':2: expected 'contain <cluster> <entity>'"
                      % self.path("bad.rsf"), None))
        write(self.path("twice.rsf"), "contain a x.c\ncontain b x.c\n")
        cases.append(("twice.rsf", "seam: error: '%s':2: 'x.c' is listed twice (in 'a' and in 'b')"
                      % self.path("twice.rsf"), None))
        write(self.path("noservices.json"), '{"schema_version": 1, "functions": []}')
        cases.append(("noservices.json", "seam: error: '%s': expected a JSON object with a \"services\" array"
                      % self.path("noservices.json"), None))
        write(self.path("empty.rsf"), "# nothing\n")
        cases.append(("empty.rsf", "seam: error: '%s': no 'contain <cluster> <entity>' line"
                      % self.path("empty.rsf"), None))
        cases.append(("missing.rsf", "seam: error: cannot open '%s': No such file or directory"
                      % self.path("missing.rsf"), None))
        for name, want, also in cases:
            for args in (("compare", self.path(name), key), ("compare", key, self.path(name)),
                         ("compare", "--rsf", self.path(name))):
                p = T.seam(*args)
                self.assertEqual(p.returncode, 2, (args, p.stdout, p.stderr))
                self.assertIn(want, p.stderr)
                if also:
                    self.assertIn(also, p.stderr)
                self.assertEqual(p.stdout, "")
        write(self.path("other.rsf"), "contain a nowhere.c\n")
        p = T.seam("compare", self.path("other.rsf"), key)
        self.assertEqual(p.returncode, 2)
        self.assertIn("seam: error: '%s' and '%s' have no file in common" % (self.path("other.rsf"), key), p.stderr)

    def test_usage(self):
        key = key_path("logcrunch")
        for args, want in ((("compare",), "compare needs two decompositions"),
                           (("compare", key), "compare needs two decompositions"),
                           (("compare", key, key, key), "compare needs two decompositions"),
                           (("compare", "--rsf", key, key), "--rsf FILE takes no other argument"),
                           (("compare", "--frob", key, key), "unknown option '--frob'"),
                           (("compare", "--rsf"), "option '--rsf' needs a value")):
            p = T.seam(*args)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn("seam: error: " + want, p.stderr)
        p = T.seam("compare", "--help")
        self.assertEqual(p.returncode, 0)
        for opt in ("--json", "--rsf", "--help", "MoJoFM"):
            self.assertIn(opt, p.stdout)
        p = T.seam("--help")
        self.assertIn("compare", p.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
