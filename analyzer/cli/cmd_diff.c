/* cmd_diff.c — seam diff OLD.json NEW.json: what got worse or better */
#include "commands.h"
#include "diff_report.h"
#include "options.h"
#include <stdio.h>
#include <string.h>

static const char usage_line[] = "seam diff OLD.json NEW.json [--format text|json|markdown] [--fail-on KINDS]";
static const char summary[] =
	"Compares two reports of seam analyze: functions whose class changed (worse or\n"
	"better), calls between services that appeared or went away, globals whose\n"
	"owning service changed, and the metrics of the proposal. Functions and\n"
	"globals are matched by file and name. Exit status 1 when a kind named by\n"
	"--fail-on got worse (class, crossing, ownership, metrics, any; default none).";

static int load(struct report_view *v, const char *path)
{
	struct strbuf err = STRBUF_INIT;
	int rc = report_view_load_file(v, path, &err);
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	strbuf_release(&err);
	return rc;
}

static int run(const char *format, const char *fail_on, const struct parsed_args *pa)
{
	if (pa->positional.n != 2) {
		cli_error("diff needs two reports: OLD.json NEW.json (see 'seam diff --help')");
		return SEAM_EXIT_USAGE;
	}
	const struct diff_writer *w = diff_writer_find(format ? format : "text");
	int kinds = report_diff_kinds(fail_on ? fail_on : "none");
	if (!w || kinds < 0) {
		cli_error(!w ? "unknown format '%s' (known: text, json, markdown)"
			     : "--fail-on takes a comma-separated list of class, crossing, ownership, metrics, any, "
			       "none: '%s'", !w ? format : fail_on);
		return SEAM_EXIT_USAGE;
	}
	struct report_view a, b;
	report_view_init(&a);
	report_view_init(&b);
	int rc = SEAM_EXIT_USAGE;
	if (load(&a, pa->positional.v[0]) == 0 && load(&b, pa->positional.v[1]) == 0) {
		struct report_diff d;
		struct strbuf out = STRBUF_INIT;
		report_diff_run(&d, &a, &b);
		w->write(&d, &out);
		fwrite(out.buf, 1, out.len, stdout);
		rc = (unsigned)kinds & d.worse ? SEAM_EXIT_VIOLATIONS : SEAM_EXIT_OK;
		strbuf_release(&out);
		report_diff_release(&d);
	}
	report_view_release(&a);
	report_view_release(&b);
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	const char *format = NULL, *fail_on = NULL;
	const struct option opts[] = {
		{ 'f', "format", OPT_STRING, &format, "FORMAT", "text (default), json or markdown" },
		{ 0, "fail-on", OPT_STRING, &fail_on, "KINDS", "exit 1 when these got worse: class, crossing, "
		  "ownership, metrics, any (comma-separated; default: none)" },
		{ 0 },
	};
	static const struct command_help help = { "diff", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0)
		rc = run(format, fail_on, &pa);
	options_release(opts, &pa);
	return rc;
}
