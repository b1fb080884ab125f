#!/usr/bin/python3
"""docs/ci.md's walk-through is executable: every `$ command` between the
walkthrough markers runs (bash, in a fresh copy of samples/bookstore, with
seam on PATH), and its output (stdout and stderr) must equal the lines that
follow it in the doc; a line `...` stands for any number of lines, and
`(exit N)` gives the expected exit status (default 0)."""
import os
import re
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

DOC = os.path.join(T.SRC, "docs", "ci.md")


def steps(text):
    """[(command, [expected lines], exit status)] of the walk-through."""
    body = text.split("<!-- walkthrough:begin -->")[1].split("<!-- walkthrough:end -->")[0]
    out = []
    for block in re.findall(r"```console\n(.*?)```", body, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append([line[2:], [], 0])
            elif re.fullmatch(r"\(exit \d+\)", line):
                out[-1][2] = int(line[6:-1])
            else:
                out[-1][1].append(line)
    return out


def matches(expected, actual):
    """Line-by-line equality where '...' matches any run of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


class Walkthrough(unittest.TestCase):
    def test_walkthrough(self):
        with open(DOC) as f:
            todo = steps(f.read())
        self.assertGreater(len(todo), 15)
        work = os.path.join(T.tmpdir("walkthrough"), "bookstore")
        shutil.copytree(os.path.join(T.SRC, "samples", "bookstore"), work)
        env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(T.SEAM)) + os.pathsep + os.environ["PATH"])
        for cmd, expected, status in todo:
            p = subprocess.run(["bash", "-c", cmd], cwd=work, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, timeout=600)
            actual = p.stdout.splitlines()
            self.assertEqual(p.returncode, status, "$ %s\n%s" % (cmd, p.stdout))
            self.assertTrue(matches(expected, actual), "$ %s\nexpected:\n%s\ngot:\n%s"
                            % (cmd, "\n".join(expected), p.stdout))

    def test_matcher_can_fail(self):
        self.assertTrue(matches(["a", "...", "d"], ["a", "b", "c", "d"]))
        self.assertFalse(matches(["a", "...", "d"], ["a", "b", "c"]))
        self.assertFalse(matches(["a"], ["a", "b"]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
