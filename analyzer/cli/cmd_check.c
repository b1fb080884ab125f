/* cmd_check.c — seam check: gate a change against seam.json's architecture
 * and a baseline of accepted violations */
#include "baseline.h"
#include "check_report.h"
#include "commands.h"
#include "fsutil.h"
#include "options.h"
#include "pipeline.h"
#include "seam_config.h"
#include <stdio.h>
#include <string.h>

struct check_args {
	struct analyze_args in;
	const char *report, *format, *baseline, *write_baseline;
	bool strict_baseline;
	struct option_list writes;
};

static const char usage_line[] =
	"seam check [--config seam.json] [--report FILE | -p BUILD_DIR | PATH... [-- FLAGS]] [options]";
static const char summary[] =
	"Checks the code against the architecture in seam.json: cross-service state,\n"
	"calls outside a service's API, serverless functions that became stateful,\n"
	"mutable globals where none are allowed, service cycles, coupling limits and\n"
	"files that could not be parsed. Exit status: 0 clean, 1 new violations at\n"
	"error severity (or stale baseline entries with --strict-baseline), 2 usage or\n"
	"configuration error, 3 the input could not be analysed.";

/* Writes text to path atomically; "-" is standard output. */
static int emit(const char *path, const struct strbuf *text)
{
	if (strcmp(path, "-") == 0) {
		fwrite(text->buf, 1, text->len, stdout);
		return SEAM_EXIT_OK;
	}
	struct strbuf err = STRBUF_INIT;
	int rc = fs_write_atomic(path, text->buf, text->len, &err);
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	strbuf_release(&err);
	return rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

static int render(const struct check_result *res, const struct check_report_info *info, const char *format,
		  const char *path)
{
	const struct check_writer *w = check_writer_find(format);
	if (!w) {
		cli_error("unknown format '%s' (known: %s)", format, check_writer_names());
		return SEAM_EXIT_USAGE;
	}
	struct strbuf out = STRBUF_INIT;
	w->write(res, info, &out);
	int rc = emit(path, &out);
	strbuf_release(&out);
	return rc;
}

/* Every FORMAT=FILE of --write names a known format: checked before any work. */
static int check_writes(const struct check_args *a)
{
	const char *f = a->format ? a->format : "text";
	if (!check_writer_find(f)) {
		cli_error("unknown format '%s' (known: %s)", f, check_writer_names());
		return SEAM_EXIT_USAGE;
	}
	for (size_t i = 0; i < a->writes.n; i++) {
		const char *eq = strchr(a->writes.v[i], '=');
		char fmt[16] = "";
		if (eq && (size_t)(eq - a->writes.v[i]) < sizeof(fmt))
			memcpy(fmt, a->writes.v[i], (size_t)(eq - a->writes.v[i]));
		if (!eq || !eq[1] || !check_writer_find(fmt)) {
			cli_error("--write expects FORMAT=FILE with FORMAT among %s, not '%s'", check_writer_names(),
				  a->writes.v[i]);
			return SEAM_EXIT_USAGE;
		}
	}
	return SEAM_EXIT_OK;
}

static int outputs(const struct check_args *a, const struct check_result *res)
{
	struct check_report_info info = { SEAM_VERSION, a->baseline, a->strict_baseline };
	int rc = render(res, &info, a->format ? a->format : "text", "-");
	for (size_t i = 0; rc == SEAM_EXIT_OK && i < a->writes.n; i++) {
		char *spec = xstrdup(a->writes.v[i]);
		char *eq = strchr(spec, '=');
		*eq = '\0';
		rc = render(res, &info, spec, eq + 1);
		free(spec);
	}
	if (rc == SEAM_EXIT_OK && a->write_baseline) {
		struct strbuf text = STRBUF_INIT;
		baseline_write(res, &text);
		rc = emit(a->write_baseline, &text);
		if (rc == SEAM_EXIT_OK)
			fprintf(stderr, "seam: wrote %s (%zu violations)\n", a->write_baseline, res->violations.n);
		strbuf_release(&text);
	}
	return rc;
}

static int verdict(const struct check_args *a, const struct check_result *res)
{
	for (size_t i = 0; i < res->notes.n; i++)
		cli_warning("%s", res->notes.v[i]);
	if (a->write_baseline)
		return SEAM_EXIT_OK; /* recording the debt is not failing on it */
	if (check_count(res, SEVERITY_ERROR, false) > 0)
		return SEAM_EXIT_VIOLATIONS;
	return a->strict_baseline && res->stale.n ? SEAM_EXIT_VIOLATIONS : SEAM_EXIT_OK;
}

/* The report's root must be the one seam.json's globs are written against. */
static int same_root(const struct arch_config *c, const struct report_view *v, const char *source)
{
	if (!c->root_abs || strcmp(c->root_abs, v->root) == 0)
		return SEAM_EXIT_OK;
	cli_error("'%s' was made with project root '%s', but %s says \"root\": \"%s\" ('%s'); analyse with "
		  "--root %s", source, v->root, c->path, c->root, c->root_abs, c->root_abs);
	return SEAM_EXIT_USAGE;
}

static int check(struct check_args *a, const struct arch_config *c, struct parsed_args *pa)
{
	struct strbuf err = STRBUF_INIT;
	if (!a->in.root)
		a->in.root = c->root_abs;
	struct report_view v;
	report_view_init(&v);
	int rc = pipeline_report_view(&a->in, pa, a->report, &v);
	if (rc == SEAM_EXIT_OK)
		rc = same_root(c, &v, a->report ? a->report : "seam-out/report.json");
	if (rc == SEAM_EXIT_OK) {
		struct check_result res;
		check_run(&res, c, &v);
		if (a->baseline && baseline_apply_file(&res, a->baseline, &err) != 0) {
			cli_error("%s", strbuf_str(&err));
			rc = SEAM_EXIT_USAGE;
		}
		if (rc == SEAM_EXIT_OK)
			rc = outputs(a, &res);
		if (rc == SEAM_EXIT_OK)
			rc = verdict(a, &res);
		check_result_release(&res);
	}
	report_view_release(&v);
	strbuf_release(&err);
	return rc;
}

static int run(struct check_args *a, struct parsed_args *pa)
{
	int rc = check_writes(a);
	if (rc != SEAM_EXIT_OK)
		return rc;
	const char *path = a->in.config ? a->in.config : "seam.json";
	if (!a->in.config && !fs_is_file(path)) {
		cli_error("no seam.json here: write one with 'seam init', or give --config FILE");
		return SEAM_EXIT_USAGE;
	}
	struct arch_config c;
	struct strbuf err = STRBUF_INIT;
	arch_config_init(&c);
	if (arch_config_load_file(&c, path, &err) != 0) {
		cli_error("%s", strbuf_str(&err));
		rc = SEAM_EXIT_USAGE;
	} else {
		a->in.config = path;
		rc = check(a, &c, pa);
	}
	arch_config_release(&c);
	strbuf_release(&err);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	struct check_args a = { 0 };
	const struct option opts[] = {
		{ 0, "report", OPT_STRING, &a.report, "FILE", "check this report.json (default: seam-out/report.json "
		  "unless -p or PATHs are given)" },
		{ 'f', "format", OPT_STRING, &a.format, "FORMAT", "what goes to standard output: text (default), json, "
		  "sarif, junit, markdown" },
		{ 0, "write", OPT_LIST, &a.writes, "FORMAT=FILE", "also write FORMAT to FILE, atomically (repeatable)" },
		{ 0, "baseline", OPT_STRING, &a.baseline, "FILE", "violations listed in FILE are known: they do not fail" },
		{ 0, "write-baseline", OPT_STRING, &a.write_baseline, "FILE",
		  "record every current violation in FILE (and exit 0)" },
		{ 0, "strict-baseline", OPT_FLAG, &a.strict_baseline, NULL,
		  "fail when a baseline entry no longer occurs, so the baseline only shrinks" },
		PIPELINE_OPTIONS(a.in),
		{ 0 },
	};
	static const struct command_help help = { "check", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0)
		rc = run(&a, &pa);
	options_release(opts, &pa);
	return rc;
}
