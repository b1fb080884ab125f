/* check_markdown.c — seam check results as Markdown, for CI job summaries
 * and pull-request comments */
#include "check_report.h"
#include "escape.h"

static void rule_table(struct strbuf *out, const struct check_result *res)
{
	strbuf_addstr(out, "| rule | severity | new | known |\n| --- | --- | ---: | ---: |\n");
	for (int r = 0; r < RULE_COUNT; r++) {
		unsigned fresh = 0, known = 0;
		for (size_t i = 0; i < res->violations.n; i++)
			if (res->violations.v[i].rule == (enum rule_id)r) {
				known += res->violations.v[i].known;
				fresh += !res->violations.v[i].known;
			}
		strbuf_addf(out, "| %s | %s | %u | %u |\n", rule_name(r), severity_name(res->severity[r]), fresh, known);
	}
}

static void violation_item(struct strbuf *out, const struct check_result *res, const struct violation *v)
{
	strbuf_addf(out, "- **%s** ", severity_name(v->severity));
	escape_markdown(out, v->file ? v->file : res->config_path);
	strbuf_addf(out, ":%u:%u: ", v->line, v->column);
	escape_markdown(out, v->message);
	strbuf_addf(out, " (%s)\n", rule_name(v->rule));
}

void check_markdown_write(const struct check_result *res, const struct check_report_info *info,
			  struct strbuf *out)
{
	strbuf_addf(out, "### seam check: %s\n\n", check_report_failed(res, info) ? "failed" : "passed");
	check_report_verdict(res, out);
	strbuf_addstr(out, ".\n\n");
	rule_table(out, res);
	size_t fresh = 0, known = 0;
	for (size_t i = 0; i < res->violations.n; i++)
		res->violations.v[i].known ? known++ : fresh++;
	if (fresh) {
		strbuf_addstr(out, "\n#### New violations\n\n");
		for (size_t i = 0; i < res->violations.n; i++)
			if (!res->violations.v[i].known)
				violation_item(out, res, &res->violations.v[i]);
	}
	if (known) {
		strbuf_addf(out, "\n<details><summary>%zu known violation%s (baseline)</summary>\n\n", known,
			    known == 1 ? "" : "s");
		for (size_t i = 0; i < res->violations.n; i++)
			if (res->violations.v[i].known)
				violation_item(out, res, &res->violations.v[i]);
		strbuf_addstr(out, "\n</details>\n");
	}
	if (res->stale.n) {
		strbuf_addf(out, "\n#### Stale baseline entries%s\n\nNo longer occur; rewrite the baseline with "
			    "`--write-baseline` to drop them.\n\n", info->strict_baseline ? " (fail with --strict-baseline)" : "");
		for (size_t i = 0; i < res->stale.n; i++) {
			strbuf_addstr(out, "- ");
			escape_markdown(out, res->stale.v[i].fingerprint);
			strbuf_addch(out, '\n');
		}
	}
}
