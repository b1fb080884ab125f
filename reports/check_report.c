/* check_report.c — the table of `seam check` output formats, the shared
 * verdict line, and the text format (file:line:col: severity: message [rule]) */
#include "check_report.h"
#include "escape.h"
#include <string.h>

static const struct check_writer writers[] = {
	{ "text", check_text_write },
	{ "json", check_json_write },
	{ "sarif", check_sarif_write },
	{ "junit", check_junit_write },
	{ "markdown", check_markdown_write },
};

const struct check_writer *check_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].name, name) == 0)
			return &writers[i];
	return NULL;
}

const char *check_writer_names(void)
{
	return "text, json, sarif, junit, markdown";
}

static void plural(struct strbuf *out, unsigned n, const char *what)
{
	strbuf_addf(out, "%u %s%s", n, what, n == 1 ? "" : "s");
}

bool check_report_failed(const struct check_result *res, const struct check_report_info *info)
{
	return check_count(res, SEVERITY_ERROR, false) > 0 || (info->strict_baseline && res->stale.n > 0);
}

void check_report_verdict(const struct check_result *res, struct strbuf *out)
{
	plural(out, check_count(res, SEVERITY_ERROR, false), "error");
	strbuf_addstr(out, ", ");
	plural(out, check_count(res, SEVERITY_WARNING, false), "warning");
	if (res->baseline_used) {
		unsigned known = check_count(res, SEVERITY_ERROR, true) + check_count(res, SEVERITY_WARNING, true);
		strbuf_addf(out, " (%u known violation%s in the baseline, ", known, known == 1 ? "" : "s");
		strbuf_addf(out, "%zu stale baseline entr%s", res->stale.n, res->stale.n == 1 ? "y" : "ies");
		strbuf_addch(out, ')');
	}
}

void check_text_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out)
{
	for (size_t i = 0; i < res->violations.n; i++) {
		const struct violation *v = &res->violations.v[i];
		if (v->known)
			continue;
		escape_line(out, v->file ? v->file : res->config_path);
		strbuf_addf(out, ":%u:%u: %s: ", v->line, v->column, severity_name(v->severity));
		escape_line(out, v->message);
		strbuf_addf(out, " [%s]\n", rule_name(v->rule));
	}
	for (size_t i = 0; i < res->stale.n; i++) {
		escape_line(out, info->baseline_path ? info->baseline_path : "baseline");
		strbuf_addf(out, ": %s: stale baseline entry, no longer occurs: ", info->strict_baseline ? "error" : "note");
		escape_line(out, res->stale.v[i].fingerprint);
		strbuf_addstr(out, " (rewrite the baseline with --write-baseline to drop it)\n");
	}
	strbuf_addstr(out, "seam check: ");
	check_report_verdict(res, out);
	strbuf_addch(out, '\n');
}
