#!/usr/bin/python3
"""seam check / init: every rule fires and stays quiet, exit codes, seam.json
errors, baselines (known, new, stale), SARIF validated against the SARIF
2.1.0 schema, JUnit and Markdown output. Inputs: tests/check/."""
import json
import os
import shutil
import sys
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamtest as T  # noqa: E402

SHOP = os.path.join(T.SRC, "tests", "check", "shop")
BROKEN = os.path.join(T.SRC, "tests", "check", "broken.c")
SERVICES = [
    {"name": "billing", "files": ["billing/*"], "api": ["billing_add", "billing_notify"]},
    {"name": "web", "files": ["web/*"]},
]


def config(**changes):
    c = {"version": 1, "services": SERVICES, "serverless": ["web_double"],
         "rules": {"coupling-threshold": {"severity": "error"}}}
    c.update(changes)
    return c


class Project:
    """A copy of tests/check/shop, analysed once per state."""

    def __init__(self, name):
        self.dir = T.tmpdir("check-" + name)
        self.src = os.path.join(self.dir, "shop")
        shutil.copytree(SHOP, self.src)
        self.out = os.path.join(self.dir, "out")

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def analyze(self, *extra):
        p = T.seam("analyze", "-q", self.src, *extra, "-o", self.out)
        assert p.returncode == 0, p.stderr
        return os.path.join(self.out, "report.json")

    def write_config(self, cfg, name="seam.json"):
        path = self.path(name)
        with open(path, "w") as f:
            f.write(cfg if isinstance(cfg, str) else json.dumps(cfg, indent=2))
        return path

    def check(self, cfg, *args, report=None):
        path = self.write_config(cfg)
        return T.seam("check", "--config", path, "--report", report or os.path.join(self.out, "report.json"),
                      *args)

    def violations(self, cfg, *args):
        p = self.check(cfg, "--format", "json", *args)
        assert p.returncode in (0, 1), p.stderr
        return p.returncode, json.loads(p.stdout)


class RuleTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = Project("rules")
        cls.p.analyze()

    def rules_fired(self, cfg):
        rc, out = self.p.violations(cfg)
        return rc, sorted({v["rule"] for v in out["violations"]}), out

    def fired(self, rule, cfg):
        rc, rules, out = self.rules_fired(cfg)
        self.assertIn(rule, rules, json.dumps(out, indent=1))
        return [v for v in out["violations"] if v["rule"] == rule], rc

    def quiet(self, rule, cfg):
        rc, rules, out = self.rules_fired(cfg)
        self.assertNotIn(rule, rules, json.dumps(out, indent=1))

    def test_cross_service_state(self):
        vs, rc = self.fired("cross-service-state", config())
        self.assertEqual(rc, 1)
        self.assertEqual(len(vs), 1)
        v = vs[0]
        self.assertEqual((v["file"], v["line"]), ("web/web.c", 16))
        self.assertIn("'web_peek' (service web) reads 'g_total', owned by service billing", v["message"])
        self.assertIn("call an API function of billing", v["message"])
        # one service holding both: quiet
        one = config(services=[{"name": "all", "files": ["*"]}])
        self.quiet("cross-service-state", one)

    def test_undeclared_api_call(self):
        vs, _ = self.fired("undeclared-api-call", config())
        self.assertEqual([(v["file"], v["line"]) for v in vs], [("web/web.c", 22)])
        self.assertIn("'web_secret' (service web) calls 'billing_secret' of service billing", vs[0]["message"])
        self.assertIn("add 'billing_secret' to its \"api\"", vs[0]["message"])
        services = [dict(SERVICES[0], api=["billing_*"]), SERVICES[1]]
        self.quiet("undeclared-api-call", config(services=services))
        # no "api" at all: everything is public
        self.quiet("undeclared-api-call", config(services=[{"name": "billing", "files": ["billing/*"]},
                                                           SERVICES[1]]))

    def test_serverless_stateful(self):
        vs, _ = self.fired("serverless-stateful", config(serverless=["web_double", "web_counter"]))
        self.assertEqual(len(vs), 1)
        self.assertIn("'web_counter' is designated serverless but is stateful", vs[0]["message"])
        self.assertIn("n", vs[0]["message"])
        self.assertTrue(vs[0]["related"], "the evidence chain is attached")
        self.quiet("serverless-stateful", config(serverless=["web_double"]))

    def test_new_mutable_global(self):
        rules = {"new-mutable-global": {"severity": "error", "files": ["web/*"]}}
        vs, _ = self.fired("new-mutable-global", config(rules=rules))
        names = sorted(v["message"].split("'")[1] for v in vs)
        self.assertEqual(names, ["g_hits", "n"])  # the global and the static local
        rules = {"new-mutable-global": {"severity": "error", "files": ["nowhere/*"]}}
        self.quiet("new-mutable-global", config(rules=rules))

    def test_service_cycle(self):
        vs, _ = self.fired("service-cycle", config())
        self.assertEqual(len(vs), 1)
        self.assertIn("billing -> web -> billing", vs[0]["message"])
        self.assertIn("'billing_notify' calls 'web_double'", vs[0]["message"])
        self.quiet("service-cycle", config(services=[{"name": "all", "files": ["*"]}]))

    def test_coupling_threshold(self):
        rules = {"coupling-threshold": {"severity": "error", "max_icp": 0.1, "max_fan_out": 0}}
        vs, _ = self.fired("coupling-threshold", config(rules=rules))
        self.assertEqual(sorted(v["fingerprint"] for v in vs),
                         ["coupling-threshold fan-out billing", "coupling-threshold fan-out web",
                          "coupling-threshold icp"])
        icp = [v for v in vs if v["fingerprint"].endswith("icp")][0]
        self.assertTrue(icp["in_config"])
        self.assertIn("limit 0.100", icp["message"])
        rules = {"coupling-threshold": {"severity": "error", "max_icp": 1, "max_fan_out": 1}}
        self.quiet("coupling-threshold", config(rules=rules))

    def test_unparsed_file(self):
        p = Project("unparsed")
        shutil.copy(BROKEN, os.path.join(p.src, "web", "broken.c"))
        p.analyze()
        vs, rc = None, None
        rc, out = p.violations(config())
        vs = [v for v in out["violations"] if v["rule"] == "unparsed-file"]
        self.assertEqual([v["file"] for v in vs], ["web/broken.c"])
        self.assertIn("expected expression", vs[0]["message"])
        self.assertEqual(rc, 1)
        rc, out = p.violations(config(exclude=["web/broken.c"]))
        self.assertNotIn("unparsed-file", {v["rule"] for v in out["violations"]})

    def test_severity_and_exit_codes(self):
        off = {r: "off" for r in ("cross-service-state", "undeclared-api-call", "service-cycle")}
        p = self.p.check(config(rules=off))
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("seam check: 0 errors, 0 warnings", p.stdout)
        warn = {r: "warning" for r in off}
        p = self.p.check(config(rules=warn))
        self.assertEqual(p.returncode, 0, "warnings do not fail")
        self.assertIn("0 errors, 3 warnings", p.stdout)
        self.assertRegex(p.stdout, r"web/web\.c:16:\d+: warning: .* \[cross-service-state\]")
        p = self.p.check(config())
        self.assertEqual(p.returncode, 1)
        for line in p.stdout.splitlines()[:-1]:
            self.assertRegex(line, r"^[^:]+:\d+:\d+: (error|warning): .* \[[a-z-]+\]$")

    def test_icp_is_reported_with_the_rule_off(self):
        _, on = self.p.violations(config())
        _, off = self.p.violations(config(rules={"coupling-threshold": "off"}))
        self.assertGreater(on["summary"]["icp"], 0)
        self.assertEqual(on["summary"]["icp"], off["summary"]["icp"])

    def test_text_is_deterministic(self):
        a = self.p.check(config(), "--format", "sarif").stdout
        b = self.p.check(config(), "--format", "sarif").stdout
        self.assertEqual(a, b)


class ConfigErrorTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = Project("config")
        cls.p.analyze()

    def error(self, text, *args):
        p = self.p.check(text, *args)
        self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
        return p.stderr

    def test_malformed_json(self):
        err = self.error('{\n  "version": 1,\n  "services": [\n    {"name": "a",, }\n  ]\n}\n')
        self.assertRegex(err, r"seam: error: .*seam\.json:4:19: malformed JSON")

    def test_wrong_types_point_at_the_value(self):
        text = '{\n  "version": 1,\n  "services": [\n    {"name": "a", "files": "x/*"}\n  ]\n}\n'
        err = self.error(text)
        self.assertRegex(err, r"seam\.json:4:28: services\[0\]: expected an array of strings")
        text = '{"version": 1,\n "rules": {"cross-service-state": "fatal"}}'
        self.assertRegex(self.error(text), r"seam\.json:2:35: rules\.cross-service-state: expected a "
                                           r"severity: \"error\", \"warning\" or \"off\"")

    def test_unknown_keys_and_rules(self):
        self.assertRegex(self.error('{"version": 1, "servces": []}'),
                         r"seam\.json:1:16: seam\.json: unknown key 'servces' \(known: .*services")
        self.assertIn("unknown rule 'no-such-rule'", self.error('{"version": 1, "rules": {"no-such-rule": "off"}}'))
        err = self.error('{"version": 1, "rules": {"coupling-threshold": {"max_icp": 2}}}')
        self.assertIn("rules.coupling-threshold.max_icp: expected a number from 0 to 1", err)
        self.assertIn('expected "version": 1', self.error('{"services": []}'))

    def test_missing_config_and_bad_options(self):
        p = T.seam("check", "--report", os.path.join(self.p.out, "report.json"), cwd=T.tmpdir("noconfig"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("no seam.json here: write one with 'seam init'", p.stderr)
        self.assertIn("unknown format 'yaml'", self.error(config(), "--format", "yaml"))
        self.assertIn("--write expects FORMAT=FILE", self.error(config(), "--write", "sarif"))
        self.assertIn("not a seam report", self.error(config(), "--report", self.p.write_config("[1]", "r.json")))

    def test_input_that_cannot_be_analysed_exits_3(self):
        empty = self.p.path("empty")
        os.makedirs(empty)
        path = self.p.write_config(config())
        p = T.seam("check", "--config", path, empty)
        self.assertEqual(p.returncode, 3, p.stderr)

    def test_root_mismatch(self):
        p = self.p.check(config(root="elsewhere"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("was made with project root", p.stderr)


class BaselineTests(unittest.TestCase):
    def test_ratchet(self):
        p = Project("baseline")
        report = p.analyze()
        base = p.path("baseline.json")
        w = p.check(config(), "--write-baseline", base)
        self.assertEqual(w.returncode, 0, w.stderr)
        entries = T.load(base)["violations"]
        self.assertEqual(len(entries), 3)  # state, api call, cycle
        self.assertTrue(all("line" not in e for e in entries))
        # the same code with the baseline: known, not failing
        c = p.check(config(), "--baseline", base)
        self.assertEqual(c.returncode, 0, c.stdout)
        self.assertIn("0 errors, 0 warnings (3 known violations in the baseline, 0 stale baseline entries)",
                      c.stdout)
        # unrelated edits move every line: still known (fingerprints have no line numbers)
        web = os.path.join(p.src, "web", "web.c")
        with open(web) as f:
            text = f.read()
        with open(web, "w") as f:
            f.write("/* a comment\n   that moves\n   every line */\n" + text)
        p.analyze()
        c = p.check(config(), "--baseline", base)
        self.assertEqual(c.returncode, 0, c.stdout)
        # a new violation fails, and only it is reported
        with open(web, "a") as f:
            f.write("\nint web_reset(void)\n{\n\tg_total = 0;\n\treturn 0;\n}\n")
        p.analyze()
        c = p.check(config(), "--baseline", base)
        self.assertEqual(c.returncode, 1, c.stdout)
        lines = c.stdout.splitlines()
        self.assertEqual(len(lines), 2, c.stdout)
        self.assertIn("'web_reset' (service web) writes 'g_total'", lines[0])
        self.assertIn("1 error, 0 warnings (3 known violations", lines[1])
        # SARIF marks new and known apart
        s = p.check(config(), "--baseline", base, "--format", "sarif")
        results = json.loads(s.stdout)["runs"][0]["results"]
        self.assertEqual(sorted(r["baselineState"] for r in results), ["new", "unchanged", "unchanged", "unchanged"])
        # fixing old debt leaves a stale entry; --strict-baseline fails on it
        with open(web, "w") as f:
            f.write(text.replace("return g_total;", "return 0;"))
        p.analyze()
        c = p.check(config(), "--baseline", base)
        self.assertEqual(c.returncode, 0, c.stdout)
        self.assertIn("stale baseline entry, no longer occurs: cross-service-state web/web.c:web_peek", c.stdout)
        self.assertIn("1 stale baseline entry)", c.stdout)
        c = p.check(config(), "--baseline", base, "--strict-baseline")
        self.assertEqual(c.returncode, 1)
        self.assertTrue(os.path.exists(report))

    def test_every_format_gives_the_strict_verdict(self):
        """With --strict-baseline a stale entry fails the check: the Markdown
        heading, JUnit and the exit status agree."""
        p = Project("strict")
        p.analyze()
        base = p.path("b.json")
        self.assertEqual(p.check(config(), "--write-baseline", base).returncode, 0)
        data = T.load(base)
        data["violations"].append({"rule": "service-cycle", "fingerprint": "service-cycle gone,away", "message": ""})
        with open(base, "w") as f:
            json.dump(data, f)
        md = p.check(config(), "--baseline", base, "--strict-baseline", "--format", "markdown")
        self.assertEqual(md.returncode, 1)
        self.assertTrue(md.stdout.startswith("### seam check: failed"), md.stdout)
        ju = p.check(config(), "--baseline", base, "--strict-baseline", "--format", "junit")
        suite = ET.fromstring(ju.stdout).find("testsuite")
        self.assertEqual((suite.get("tests"), suite.get("failures")), ("8", "1"))
        failed = [tc.get("name") for tc in suite.iter("testcase") if tc.find("failure") is not None]
        self.assertEqual(failed, ["baseline"])
        md = p.check(config(), "--baseline", base, "--format", "markdown")
        self.assertEqual(md.returncode, 0)
        self.assertTrue(md.stdout.startswith("### seam check: passed"), md.stdout)

    def test_bad_baseline(self):
        p = Project("badbase")
        p.analyze()
        bad = p.write_config('{"version": 1, "violations": [{"rule": 1}]}', "b.json")
        c = p.check(config(), "--baseline", bad)
        self.assertEqual(c.returncode, 2)
        self.assertIn("violations[0]: expected", c.stderr)


class FormatTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = Project("formats")
        cls.p.analyze()
        cfg = config(serverless=["web_counter"])
        cls.files = {f: cls.p.path("out." + f) for f in ("sarif", "junit", "markdown", "json")}
        args = []
        for f, path in cls.files.items():
            args += ["--write", "%s=%s" % (f, path)]
        cls.out = cls.p.check(cfg, *args)

    def test_exit_and_text(self):
        self.assertEqual(self.out.returncode, 1)
        self.assertIn("seam check: 4 errors, 0 warnings", self.out.stdout)

    def test_sarif_validates_against_the_2_1_0_schema(self):
        import jsonschema
        schema = T.load(os.path.join(T.SRC, "docs", "schema", "sarif-2.1.0.json"))
        log = T.load(self.files["sarif"])
        jsonschema.Draft4Validator(schema).validate(log)
        run = log["runs"][0]
        rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
        self.assertEqual(len(rules), 7)
        for r in run["results"]:
            self.assertEqual(rules[r["ruleIndex"]], r["ruleId"])
            loc = r["locations"][0]["physicalLocation"]
            self.assertEqual(loc["artifactLocation"]["uriBaseId"], "SRCROOT")
            self.assertGreaterEqual(loc["region"]["startLine"], 1)
        self.assertTrue(run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///"))
        stateful = [r for r in run["results"] if r["ruleId"] == "serverless-stateful"][0]
        self.assertTrue(stateful["relatedLocations"])
        # the validator really checks: a broken log fails
        log["runs"][0]["results"][0]["level"] = "fatal"
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.Draft4Validator(schema).validate(log)

    def test_junit(self):
        root = ET.parse(self.files["junit"]).getroot()
        suite = root.find("testsuite")
        self.assertEqual(suite.get("tests"), "7")
        self.assertEqual(suite.get("failures"), "4")
        failed = sorted(tc.get("name") for tc in suite.iter("testcase") if tc.find("failure") is not None)
        self.assertEqual(failed, ["cross-service-state", "serverless-stateful", "service-cycle",
                                  "undeclared-api-call"])

    def test_markdown_and_json(self):
        with open(self.files["markdown"]) as f:
            md = f.read()
        self.assertTrue(md.startswith("### seam check: failed"))
        self.assertIn("| cross\\-service\\-state |", md.replace("| cross-service-state |", "| cross\\-service\\-state |"))
        self.assertIn("web\\_peek", md)
        j = T.load(self.files["json"])
        self.assertEqual(j["summary"]["errors"], 4)
        self.assertEqual(len(j["violations"]), 4)


class HostileNameTests(unittest.TestCase):
    """File names with spaces, quotes, markup, backslashes, a newline and
    non-ASCII stay intact and inert in every check output."""

    NAME = 'odd dir/q"<&\\\u00e9>\nx.c'

    def test_outputs_escape_names(self):
        p = Project("hostile")
        path = os.path.join(p.src, self.NAME)
        os.makedirs(os.path.dirname(path))
        with open(path, "w") as f:
            f.write('#include "../billing/billing.h"\nint odd_peek(void)\n{\n\treturn g_total;\n}\n')
        p.analyze()
        services = SERVICES + [{"name": "odd <svc>", "files": ["odd dir/*"]}]
        files = {f: p.path("h." + f) for f in ("sarif", "junit", "markdown", "json")}
        args = [a for f, path in files.items() for a in ("--write", "%s=%s" % (f, path))]
        c = p.check(config(services=services), *args)
        self.assertEqual(c.returncode, 1, c.stderr)
        # text: one violation per line, the newline shown as \n
        odd = [l for l in c.stdout.splitlines() if "odd_peek" in l]
        self.assertEqual(len(odd), 1, c.stdout)
        self.assertTrue(odd[0].startswith('odd dir/q"<&\\\u00e9>\\nx.c:4:'), odd[0])
        # JSON keeps the name exactly
        j = T.load(files["json"])
        self.assertIn(self.NAME, [v["file"] for v in j["violations"]])
        # SARIF: a percent-encoded relative URI that decodes to the name, and a valid log
        import jsonschema
        import urllib.parse
        log = T.load(files["sarif"])
        jsonschema.Draft4Validator(T.load(os.path.join(T.SRC, "docs", "schema", "sarif-2.1.0.json"))).validate(log)
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
        odd_uri = [u for u in uris if u.startswith("odd")][0]
        self.assertRegex(odd_uri, r"^[A-Za-z0-9._~/%-]+$")
        self.assertEqual(urllib.parse.unquote(odd_uri), self.NAME)
        # JUnit parses as XML and keeps the name in the failure text
        root = ET.parse(files["junit"]).getroot()
        texts = "".join(t.text or "" for t in root.iter("failure"))
        self.assertIn('q"<&\\\u00e9>', texts)
        # Markdown: no raw markup from the name
        with open(files["markdown"]) as f:
            md = f.read()
        self.assertNotIn("<&", md)
        self.assertIn("q\"&lt;&amp;\\\\\u00e9&gt; x\\.c", md)


class InitTests(unittest.TestCase):
    def test_init_writes_a_config_that_check_accepts(self):
        p = Project("init")
        report = p.analyze()
        out = p.path("seam.json")
        i = T.seam("init", "--report", report, "-o", out)
        self.assertEqual(i.returncode, 0, i.stderr)
        cfg = T.load(out)
        self.assertEqual(cfg["root"], "shop")
        import jsonschema
        schema = T.load(os.path.join(T.SRC, "docs", "schema", "seam.schema.json"))
        jsonschema.Draft202012Validator(schema).validate(cfg)
        with open(os.path.join(T.SRC, "docs", "config.md")) as f:
            example = json.loads(f.read().split("```json\n")[1].split("```")[0])
        jsonschema.Draft202012Validator(schema).validate(example)
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.Draft202012Validator(schema).validate(dict(cfg, rules={"no-such-rule": "off"}))
        files = sorted(g for s in cfg["services"] for g in s["files"])
        self.assertTrue(files)
        again = T.seam("init", "--report", report, "-o", out)
        self.assertEqual(again.returncode, 2)
        self.assertIn("exists: give --force", again.stderr)
        c = T.seam("check", "--config", out, "--report", report, "--format", "json")
        self.assertIn(c.returncode, (0, 1), c.stderr)
        j = json.loads(c.stdout)
        self.assertEqual(j["summary"]["files_unassigned"], 0)
        # the limits are today's values: coupling never fails right after init
        self.assertNotIn("coupling-threshold", {v["rule"] for v in j["violations"]})
        # nor does serverless-stateful: init lists only functions that fit
        self.assertNotIn("serverless-stateful", {v["rule"] for v in j["violations"]})
        # and check analyses with the root seam.json names
        c2 = T.seam("check", "--config", out, "--format", "json", p.src)
        self.assertEqual(json.loads(c2.stdout)["violations"], j["violations"])


class DiffTests(unittest.TestCase):
    def test_two_versions(self):
        p = Project("diff")
        old = p.path("old.json")
        shutil.copy(p.analyze(), old)
        same = T.seam("diff", old, old, "--format", "json", "--fail-on", "any")
        self.assertEqual(same.returncode, 0, same.stderr)
        j = json.loads(same.stdout)
        self.assertEqual((j["functions"]["class_changes"], j["crossing_calls"], j["ownership"]), ([], [], []))
        web = os.path.join(p.src, "web", "web.c")
        with open(web) as f:
            text = f.read()
        with open(web, "w") as f:
            f.write(text.replace("return 2 * x;", "static int calls;\n\tcalls++;\n\treturn 2 * x;")
                    + "\nint web_triple(int x)\n{\n\treturn 3 * x;\n}\n")
        new = p.analyze()
        d = T.seam("diff", old, new, "--format", "json")
        self.assertEqual(d.returncode, 0, d.stderr)
        j = json.loads(d.stdout)
        self.assertEqual(j["functions"]["added"], 1)
        self.assertEqual(j["functions"]["class_changes"],
                         [{"name": "web_double", "file": "web/web.c", "old": "pure", "new": "stateful", "worse": True}])
        self.assertEqual(sorted(j["metrics"]), ["icp", "ifn", "modularity", "ned", "sm", "turbomq"])
        self.assertEqual(T.seam("diff", old, new, "--fail-on", "class").returncode, 1)
        self.assertEqual(T.seam("diff", new, old, "--fail-on", "class").returncode, 0, "better is not worse")
        text_out = T.seam("diff", old, new).stdout
        self.assertIn("worse  web/web.c:web_double: pure -> stateful", text_out)
        self.assertIn("web\\_double", T.seam("diff", old, new, "--format", "markdown").stdout)
        bad = T.seam("diff", old, new, "--fail-on", "everything")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--fail-on takes", bad.stderr)
        self.assertEqual(T.seam("diff", old).returncode, 2)
        missing = T.seam("diff", old, p.path("nope.json"))
        self.assertEqual(missing.returncode, 2)
        self.assertIn("nope.json", missing.stderr)


class PinTests(unittest.TestCase):
    def test_config_pins_steer_clustering(self):
        p = Project("pins")
        cfg = p.write_config(config(pins=[{"files": "billing/*", "service": "money"}]))
        a = T.seam("analyze", "-q", p.src, "-o", p.out, "--config", cfg)
        self.assertEqual(a.returncode, 0, a.stderr)
        services = {s["name"]: s["files"] for s in T.load(os.path.join(p.out, "report.json"))["services"]}
        self.assertIn("money", services)
        self.assertEqual(sorted(f for f in services["money"] if f.startswith("billing/")),
                         ["billing/billing.c", "billing/billing.h"])
        bad = p.write_config('{"version": 1, "pins": [{"files": "x"}]}', "bad.json")
        a = T.seam("analyze", "-q", p.src, "-o", p.out, "--config", bad)
        self.assertEqual(a.returncode, 2)
        self.assertIn("bad.json:1:", a.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
