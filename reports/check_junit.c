/* check_junit.c — seam check results as JUnit XML, one test case per rule:
 * it fails when the rule has new violations at error severity. */
#include "check_report.h"
#include "escape.h"

static void count_rule(const struct check_result *res, enum rule_id r, unsigned *errors, unsigned *all)
{
	*errors = *all = 0;
	for (size_t i = 0; i < res->violations.n; i++) {
		const struct violation *v = &res->violations.v[i];
		if (v->rule != r || v->known)
			continue;
		(*all)++;
		*errors += v->severity == SEVERITY_ERROR;
	}
}

static void violation_lines(struct strbuf *out, const struct check_result *res, enum rule_id r)
{
	for (size_t i = 0; i < res->violations.n; i++) {
		const struct violation *v = &res->violations.v[i];
		if (v->rule != r || v->known)
			continue;
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%s:%u:%u: %s: %s\n", v->file ? v->file : res->config_path, v->line, v->column,
			    severity_name(v->severity), v->message);
		escape_xml(out, strbuf_str(&line));
		strbuf_release(&line);
	}
}

static void testcase(struct strbuf *out, const struct check_result *res, enum rule_id r, enum severity sev)
{
	unsigned errors, all;
	count_rule(res, r, &errors, &all);
	strbuf_addf(out, "    <testcase classname=\"seam.check\" name=\"%s\">\n", rule_name(r));
	if (sev == SEVERITY_OFF) {
		strbuf_addstr(out, "      <skipped message=\"rule is off in seam.json\"/>\n");
	} else if (errors) {
		strbuf_addf(out, "      <failure type=\"%s\" message=\"%u new violation%s\">", rule_name(r), errors,
			    errors == 1 ? "" : "s");
		violation_lines(out, res, r);
		strbuf_addstr(out, "</failure>\n");
	} else if (all) {
		strbuf_addstr(out, "      <system-out>");
		violation_lines(out, res, r);
		strbuf_addstr(out, "</system-out>\n");
	}
	strbuf_addstr(out, "    </testcase>\n");
}

/* With a baseline: one more case, failed by stale entries under
 * --strict-baseline (the check then exits 1 too). */
static void baseline_case(struct strbuf *out, const struct check_result *res, const struct check_report_info *info)
{
	strbuf_addstr(out, "    <testcase classname=\"seam.check\" name=\"baseline\">\n");
	if (res->stale.n && info->strict_baseline)
		strbuf_addf(out, "      <failure type=\"stale-baseline\" message=\"%zu stale baseline entr%s\">",
			    res->stale.n, res->stale.n == 1 ? "y" : "ies");
	else if (res->stale.n)
		strbuf_addstr(out, "      <system-out>");
	for (size_t i = 0; i < res->stale.n; i++) {
		escape_xml(out, res->stale.v[i].fingerprint);
		strbuf_addch(out, '\n');
	}
	if (res->stale.n)
		strbuf_addstr(out, info->strict_baseline ? "</failure>\n" : "</system-out>\n");
	strbuf_addstr(out, "    </testcase>\n");
}

void check_junit_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out)
{
	unsigned failures = 0, skipped = 0;
	const enum severity *sev = res->severity;
	for (int r = 0; r < RULE_COUNT; r++) {
		unsigned errors, all;
		count_rule(res, r, &errors, &all);
		failures += errors > 0;
		skipped += sev[r] == SEVERITY_OFF;
	}
	bool baseline = res->baseline_used, stale_fails = baseline && info->strict_baseline && res->stale.n;
	int tests = RULE_COUNT + baseline;
	failures += stale_fails;
	strbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_addf(out, "<testsuites name=\"seam check\" tests=\"%d\" failures=\"%u\">\n", tests, failures);
	strbuf_addf(out, "  <testsuite name=\"seam check\" tests=\"%d\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n",
		    tests, failures, skipped);
	for (int r = 0; r < RULE_COUNT; r++)
		testcase(out, res, r, sev[r]);
	if (baseline)
		baseline_case(out, res, info);
	strbuf_addstr(out, "  </testsuite>\n</testsuites>\n");
}
