#!/usr/bin/python3
"""Views, report.html and summary.md on both samples: every view (from
seam analyze and from seam graph) is written as DOT, parsed back and
rendered by Graphviz's own `dot` command; SVGs are well-formed XML and
byte-identical across runs; focus, collapse and filters shape the views as
documented; hostile file and symbol names stay escaped in DOT, SVG and HTML."""
import html.parser
import os
import re
import shutil
import sys
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

SAMPLES = ["bookstore", "logcrunch"]
VIEWS = ["services", "service-map", "callgraph", "state", "files"]
DOT = shutil.which("dot") or "/usr/bin/dot"
SVG_NS = "{http://www.w3.org/2000/svg}"


def sample(name):
    """The sample analysed once (quietly) for all tests: (build, out)."""
    build, out, p = T.analyzed_sample(name, "-q")
    assert p.returncode == 0, p.stderr
    return build, out


def graph(name, view, out, *extra):
    build, _ = sample(name)
    return T.seam("graph", view, "-p", build, "--root", T.sample_root(name), "-o", out, "-j", "2", *extra)


def dot_nodes(path):
    """Node statements of a DOT file seam wrote: their ids (id=VIEW_nI)."""
    with open(path, encoding="utf-8") as f:
        return re.findall(r'\bid="?[\w-]+_n(\d+)\b', f.read())


def svg_titles(path):
    root = ET.parse(path).getroot()
    return [g.find(SVG_NS + "title").text for g in root.iter(SVG_NS + "g") if g.get("class") == "node"]


def render_with_dot(test, path):
    p = T.run([DOT, "-Tsvg", path])
    test.assertEqual(p.returncode, 0, "dot could not render %s:\n%s" % (path, p.stderr))
    test.assertEqual(p.stderr, "", p.stderr)
    ET.fromstring(p.stdout.encode("utf-8"))
    return p.stdout


class ViewTests(unittest.TestCase):
    def test_default_views_parse_back_and_render(self):
        for name in SAMPLES:
            _, out = sample(name)
            for view in VIEWS:
                with self.subTest(sample=name, view=view):
                    dot = os.path.join(out, "views", view + ".dot")
                    svg = os.path.join(out, "views", view + ".svg")
                    rendered = render_with_dot(self, dot)
                    nodes = dot_nodes(dot)
                    self.assertGreater(len(nodes), 1)
                    self.assertLessEqual(len(nodes), 150)
                    self.assertEqual(len(svg_titles(svg)), len(nodes))
                    self.assertEqual(rendered.count('class="node"'), len(nodes))

    @unittest.skipUnless(shutil.which("dot"), "needs Graphviz's dot command")
    def test_svgs_equal_dot_of_the_dot_files(self):
        # seam lays out the DOT text it writes: its SVG is the dot command's
        for name in SAMPLES:
            _, out = sample(name)
            for view in VIEWS:
                with self.subTest(sample=name, view=view):
                    rendered = render_with_dot(self, os.path.join(out, "views", view + ".dot"))
                    with open(os.path.join(out, "views", view + ".svg"), encoding="utf-8") as f:
                        self.assertEqual(f.read(), rendered, "seam's %s.svg is not dot -Tsvg %s.dot" % (view, view))

    def test_layout_cache_reuses_and_rebuilds_corrupt_entries(self):
        build, out = sample("bookstore")
        cache = T.tmpdir("layout-cache")

        def analyze(tag):
            o = T.tmpdir("layout-" + tag)
            # else the run cache answers an unchanged run without drawing anything
            shutil.rmtree(os.path.join(cache, "runs"), ignore_errors=True)
            p = T.seam("analyze", "-q", "-p", build, "--root", T.sample_root("bookstore"), "-o", o, "-j", "2",
                       "--cache", cache, "--stats")
            self.assertEqual(p.returncode, 0, p.stderr)
            m = re.search(r"seam: stats: views [0-9.]+s \((\d+) drawn, (\d+) from cache\)", p.stderr)
            self.assertIsNotNone(m, p.stderr)
            for view in VIEWS:  # whatever the cache did, the drawings are the same
                with open(os.path.join(out, "views", view + ".svg"), "rb") as a, \
                        open(os.path.join(o, "views", view + ".svg"), "rb") as b:
                    self.assertEqual(a.read(), b.read(), view)
            return (int(m.group(1)), int(m.group(2))), p.stderr

        self.assertEqual(analyze("cold")[0], (len(VIEWS), 0))
        entries = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(cache, "views")) for f in fs]
        self.assertEqual(len(entries), len(VIEWS))
        counts, err = analyze("warm")
        self.assertEqual(counts, (0, len(VIEWS)))
        self.assertNotIn("warning", err)
        with open(entries[0], "r+b") as f:  # one flipped byte in an entry's drawing
            f.seek(-10, os.SEEK_END)
            b = f.read(1)
            f.seek(-10, os.SEEK_END)
            f.write(bytes([b[0] ^ 0x20]))
        counts, err = analyze("corrupt")
        self.assertEqual(counts, (1, len(VIEWS) - 1))
        self.assertEqual(err.count("seam: warning: cache entry"), 1, err)
        self.assertIn(entries[0], err)
        counts, err = analyze("repaired")
        self.assertEqual(counts, (0, len(VIEWS)))
        self.assertNotIn("warning", err)
        # --no-cache: drawn every time, and nothing is kept anywhere
        home = T.tmpdir("layout-home")
        env = dict(os.environ, HOME=home, XDG_CACHE_HOME=os.path.join(home, "xdg"))
        for cache_args in ([], ["--cache", cache]):
            p = T.run([T.SEAM, "analyze", "-q", "-p", build, "--root", T.sample_root("bookstore"), "-o",
                       T.tmpdir("layout-nocache"), "--no-cache", "--stats"] + cache_args, env=env)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("views", p.stderr)
            self.assertRegex(p.stderr, r"\(%d drawn, 0 from cache\)" % len(VIEWS))
        self.assertEqual(os.listdir(home), [])
        self.assertEqual(len([f for _, _, fs in os.walk(os.path.join(cache, "views")) for f in fs]), len(VIEWS))

    def test_seam_graph_every_view_and_format(self):
        for name in SAMPLES:
            out = T.tmpdir("graph-" + name)
            for view in VIEWS:
                with self.subTest(sample=name, view=view):
                    dot = os.path.join(out, view + ".dot")
                    p = graph(name, view, dot)
                    self.assertEqual(p.returncode, 0, p.stderr)
                    self.assertRegex(p.stderr, r"seam: wrote .*\(%s: \d+ nodes, \d+ edges\)" % view)
                    rendered = render_with_dot(self, dot)
                    svg = os.path.join(out, view + ".svg")
                    self.assertEqual(graph(name, view, svg, "-q").returncode, 0)
                    self.assertEqual(len(svg_titles(svg)), len(dot_nodes(dot)))
                    with open(svg, encoding="utf-8") as f:
                        self.assertEqual(f.read(), rendered, "seam graph's SVG is not dot -Tsvg of its DOT")
        for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
            path = os.path.join(out, "services." + fmt)
            self.assertEqual(graph("bookstore", "services", path, "-q").returncode, 0)
            with open(path, "rb") as f:
                self.assertEqual(f.read(4), magic)

    def test_svgs_and_html_are_deterministic(self):
        _, out = sample("bookstore")
        build, _ = sample("bookstore")
        again = T.tmpdir("views-again")
        p = T.seam("analyze", "-q", "-p", build, "--root", T.sample_root("bookstore"), "-o", again, "-j", "1")
        self.assertEqual(p.returncode, 0, p.stderr)
        files = ["report.html", "summary.md"] + ["views/%s.%s" % (v, e) for v in VIEWS for e in ("svg", "dot")]
        for rel in files:
            with self.subTest(file=rel):
                with open(os.path.join(out, rel), "rb") as a, open(os.path.join(again, rel), "rb") as b:
                    self.assertEqual(a.read(), b.read(), rel + " differs between two runs")

    def test_focus_depth_direction(self):
        build, out = sample("bookstore")
        report = T.load(os.path.join(out, "report.json"))
        fns = report["functions"]
        focus = next(f for f in fns if f["name"] == "order_create")
        callees = set()
        for c in report["calls"]:
            if c["caller"] == focus["id"]:
                callees.update([c["callee"]] if c["callee"] is not None else c.get("targets", []))
        want = {fns[i]["name"] for i in callees} | {"order_create"}
        path = os.path.join(T.tmpdir("focus"), "focus.svg")
        p = graph("bookstore", "callgraph", path, "--focus", "order_create", "--depth", "1", "--direction", "callees")
        self.assertEqual(p.returncode, 0, p.stderr)
        got = {t.rsplit(":", 1)[1] for t in svg_titles(path)}
        self.assertEqual(got, want)
        p = graph("bookstore", "callgraph", path, "--focus", "order_create", "--depth", "2", "--direction", "callers")
        got = {t.rsplit(":", 1)[1] for t in svg_titles(path)}
        self.assertIn("order_create", got)
        self.assertFalse(got & (want - {"order_create"}), "callers view shows callees")

    def test_collapse_and_node_limit(self):
        path = os.path.join(T.tmpdir("collapse"), "cg.dot")
        p = graph("bookstore", "callgraph", path, "--node-limit", "12")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertLessEqual(len(dot_nodes(path)), 12)
        self.assertRegex(text, r"\d+ functions collapsed into \d+ (files and folders|services)")
        p = graph("bookstore", "callgraph", path, "--collapse", "file")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(path, encoding="utf-8") as f:
            self.assertIn("collapsed into", f.read())
        self.assertTrue(all(n for n in dot_nodes(path)))
        p = graph("bookstore", "services", path, "--collapse", "service")
        self.assertEqual(len(dot_nodes(path)), 10)

    def test_include_only_and_exclude(self):
        path = os.path.join(T.tmpdir("filters"), "f.svg")
        p = graph("bookstore", "files", path, "--include-only", "src/orders/*")
        self.assertEqual(p.returncode, 0, p.stderr)
        titles = svg_titles(path)
        self.assertTrue(titles and all(t.startswith("src/orders/") for t in titles), titles)
        p = graph("bookstore", "callgraph", path, "--exclude", "handle_*")
        self.assertEqual(p.returncode, 0, p.stderr)
        titles = svg_titles(path)
        self.assertFalse([t for t in titles if ":handle_" in t])

    def test_usage_errors(self):
        out = T.tmpdir("graph-errors")
        cases = [
            (["graph", "hairball", "-o", out + "/x.svg"], "graph needs a VIEW"),
            (["graph", "files", "-o", out + "/x.txt"], "extension must be"),
            (["graph", "files"], "graph needs -o FILE"),
            (["graph", "files", "-o", out + "/x.svg", "--collapse", "planet"], "--collapse takes"),
            (["graph", "state", "-o", out + "/x.svg", "--focus", "main"], "callgraph view only"),
        ]
        for args, msg in cases:
            with self.subTest(args=args):
                p = T.seam(*args)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn("seam: error: ", p.stderr)
                self.assertIn(msg, p.stderr)
        p = graph("bookstore", "callgraph", out + "/x.svg", "--focus", "no_such_function")
        self.assertEqual(p.returncode, 2)
        self.assertIn("no function named 'no_such_function'", p.stderr)

    def test_summary_md(self):
        for name in SAMPLES:
            with self.subTest(sample=name):
                _, out = sample(name)
                report = T.load(os.path.join(out, "report.json"))
                with open(os.path.join(out, "summary.md"), encoding="utf-8") as f:
                    md = f.read()
                self.assertIn("## seam: %d services proposed" % len(report["services"]), md)
                for s in report["services"]:
                    self.assertIn("| %s |" % s["name"].replace("_", "\\_"), md)
                self.assertIn("| modularity | %.3f |" % report["metrics"]["proposal"]["modularity"], md)


HOSTILE_FILES = {
    'we"ird dir/a b\\c.c': 'int g_count;\nint caf\u00e9(int x) { g_count += x; return g_count; }\n',
    '<x>&y \u00fcn\u00ef.c': 'int caf\u00e9(int);\nstatic int lt_amp;\n'
                             'int main(void) { lt_amp = caf\u00e9(1); return lt_amp; }\n',
    'new\nline.c': 'int caf\u00e9(int);\nint nl_fn(void) { return caf\u00e9(2); }\n',
    "quote'<script>.c": 'int caf\u00e9(int);\nint sq(void) { return caf\u00e9(3); }\n',
}


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


class HostileNames(unittest.TestCase):
    def test_hostile_names_survive_dot_svg_and_html(self):
        src = T.tmpdir("hostile")
        for rel, text in HOSTILE_FILES.items():
            os.makedirs(os.path.join(src, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(src, rel), "w", encoding="utf-8") as f:
                f.write(text)
        out = os.path.join(src, "out")
        p = T.seam("analyze", "-q", src, "-o", out, "--", "-std=c11")
        self.assertEqual(p.returncode, 0, p.stderr)
        for view in VIEWS:
            with self.subTest(view=view):
                render_with_dot(self, os.path.join(out, "views", view + ".dot"))
                ET.parse(os.path.join(out, "views", view + ".svg"))
        files_text = "\n".join(ET.parse(os.path.join(out, "views", "files.svg")).getroot().itertext())
        for name in ('we"ird dir/a b\\c.c', '<x>&y \u00fcn\u00ef.c', "quote'<script>.c"):
            self.assertIn(name, files_text)
        self.assertIn("caf\u00e9", "".join(ET.parse(os.path.join(out, "views", "callgraph.svg")).getroot().itertext()))
        with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
            page = f.read()
        tags = Tags()
        tags.feed(page)
        self.assertNotIn("x", tags.tags)
        self.assertEqual(page.count("<script"), 2, "a name opened a script element")
        text = "".join(tags.text)
        self.assertIn("quote'<script>.c", text)
        self.assertIn("caf\u00e9", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
