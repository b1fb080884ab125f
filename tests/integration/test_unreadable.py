#!/usr/bin/python3
"""Input files that exist but cannot be read (issue 9): a folder where a
file should be, a file without read permission (skipped as root, who may
read anything). Exit 2, and the message names the file and the reason."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402


write = T.write


class UnreadableTests(unittest.TestCase):
    def setUp(self):
        self.dir = T.tmpdir("unreadable")
        write(os.path.join(self.dir, "p", "a.c"), "int f(int x) { return x; }\n")

    def test_compile_database_is_a_folder(self):
        os.makedirs(os.path.join(self.dir, "b", "compile_commands.json"))
        p = T.seam("analyze", "-p", "b", "-o", "out", cwd=self.dir)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("seam: error: cannot read 'b/compile_commands.json': Is a directory", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out")))

    def test_rule_pack_and_report_are_folders(self):
        os.makedirs(os.path.join(self.dir, "pack.json"))
        p = T.seam("analyze", "p", "--rules", "pack.json", "-o", "out", cwd=self.dir)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("seam: error: cannot read 'pack.json': Is a directory", p.stderr)
        os.makedirs(os.path.join(self.dir, "rep"))
        p = T.seam("explain", "f", "--report", "rep", cwd=self.dir)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("seam: error: cannot read 'rep': Is a directory", p.stderr)

    @unittest.skipIf(os.geteuid() == 0, "root reads files without read permission")
    def test_compile_database_without_read_permission(self):
        db = os.path.join(self.dir, "b", "compile_commands.json")
        write(db, "[]")
        os.chmod(db, 0)
        p = T.seam("analyze", "-p", "b", "-o", "out", cwd=self.dir)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("seam: error: cannot open 'b/compile_commands.json': Permission denied", p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
