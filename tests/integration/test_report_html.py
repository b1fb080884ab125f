#!/usr/bin/python3
"""report.html opened from disk in headless Chromium (Debian's `chromium`):
the page's own script runs a search given in the URL (#search=...), and
the DOM it leaves must show the service cards, the SVG views, the
candidates table and the search's result; a screenshot is saved under the
build folder (tests/tmp/report-screenshot.png). No network is used: the page
is self-contained, and the browser runs with a fresh profile and its
background networking off."""
import os
import re
import shutil
import sys
import unittest
import html.parser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


class Dom(html.parser.HTMLParser):
    """Elements by id and class, with their text, from a dumped DOM."""

    def __init__(self):
        super().__init__()
        self.stack, self.elements = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        el = {"tag": tag, "id": a.get("id"), "class": (a.get("class") or "").split(), "text": []}
        self.elements.append(el)
        if tag not in ("br", "meta", "input", "img", "link", "path", "polygon", "ellipse", "polyline"):
            self.stack.append(el)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for el in self.stack:
            el["text"].append(data)

    def by_id(self, id_):
        return next((e for e in self.elements if e["id"] == id_), None)

    def with_class(self, *classes):
        return [e for e in self.elements if all(c in e["class"] for c in classes)]


def chromium(url, *flags):
    profile = T.tmpdir("chromium-profile")
    p = T.run([CHROMIUM] + FLAGS + ["--user-data-dir=" + profile] + list(flags) + [url], timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    return p


@unittest.skipUnless(os.access(CHROMIUM, os.X_OK), "chromium is not installed (scripts/setup.sh installs it)")
class ReportInBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        build = T.sample_compdb("bookstore")
        cls.out = T.tmpdir("html-bookstore")
        p = T.seam("analyze", "-q", "-p", build, "--root", os.path.join(T.SRC, "samples", "bookstore"),
                   "-o", cls.out, "-j", "2")
        assert p.returncode == 0, p.stderr
        cls.url = "file://" + os.path.join(cls.out, "report.html")
        cls.report = T.load(os.path.join(cls.out, "report.json"))

    def dom(self, fragment=""):
        p = chromium(self.url + fragment, "--dump-dom")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("</html>", p.stdout)
        d = Dom()
        d.feed(p.stdout)
        return d

    def test_cards_svgs_candidates(self):
        d = self.dom()
        cards = d.with_class("card", "service")
        self.assertEqual(len(cards), len(self.report["services"]))
        names = {"".join(c["text"]).split()[0] for c in cards}
        self.assertEqual(names, {s["name"] for s in self.report["services"]})
        svgs = [e for e in d.elements if e["tag"] == "svg"]
        self.assertEqual(len(svgs), 5)
        self.assertGreater(len(d.with_class("node")), 50)
        table = d.by_id("candidates")
        self.assertIsNotNone(table)
        rows = [e for e in d.elements if e["tag"] == "tr"]
        for c in self.report["candidates"][:5]:
            self.assertIn(self.report["functions"][c["function"]]["name"], "".join(table["text"]))
        self.assertGreater(len(rows), len(self.report["candidates"][:5]))

    def test_search_filters_the_page(self):
        d = self.dom("#search=order_create")
        count = "".join(d.by_id("search-count")["text"])
        self.assertEqual(count, "1 function match \u201corder_create\u201d")
        self.assertIn("order_create src/orders/orders.c", "".join(d.by_id("search-results")["text"]).replace("  ", " "))
        visible = [c for c in d.with_class("card", "service") if "hidden" not in c["class"]]
        owner = next(s["name"] for s in self.report["services"]
                     if any(self.report["functions"][f]["name"] == "order_create" for f in s["functions"]))
        self.assertEqual(["".join(c["text"]).split()[0] for c in visible], [owner])
        marked = d.with_class("node", "match")
        self.assertTrue(marked, "no node marked in the views")
        self.assertTrue(any("src/orders/orders.c" in "".join(n["text"]) for n in marked), marked[:3])
        hidden_rows = [e for e in d.elements if e["tag"] == "tr" and "hidden" in e["class"]]
        self.assertGreater(len(hidden_rows), 0)

    def test_selecting_a_node_highlights_its_neighbours(self):
        d = self.dom("#node=service-map_n0")
        with open(os.path.join(self.out, "views", "service-map.dot"), encoding="utf-8") as f:
            dot = f.read()
        edges = re.findall(r'id="?service-map_e(\d+)_(\d+)_\d+', dot)
        want = {"service-map_n0"} | {"service-map_n" + b for a, b in edges if a == "0"} | \
               {"service-map_n" + a for a, b in edges if b == "0"}
        lit = {e["id"] for e in d.with_class("node", "hl")}
        self.assertEqual(lit, want)
        self.assertTrue(d.with_class("node", "dim") or len(want) == len(self.report["services"]))
        self.assertEqual(len(d.with_class("edge", "hl")), sum(1 for a, b in edges if "0" in (a, b)))

    def test_screenshot(self):
        shot = os.path.join(T.TMP, "report-screenshot.png")
        if os.path.exists(shot):
            os.remove(shot)
        p = chromium(self.url + "#search=order", "--screenshot=" + shot, "--window-size=1400,1000",
                     "--hide-scrollbars")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(shot, "rb") as f:
            data = f.read()
        self.assertEqual(data[:4], b"\x89PNG")
        self.assertGreater(len(data), 20000, "the screenshot looks blank")


if __name__ == "__main__":
    unittest.main(verbosity=2)
