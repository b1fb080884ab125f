/* cmd_analyze.c — seam analyze: compile database or sources -> report.json */
#include "commands.h"
#include "clock.h"
#include "fsutil.h"
#include "options.h"
#include "pipeline.h"
#include "report.h"
#include <stdio.h>
#include <string.h>

static const char usage_line[] =
	"seam analyze [-p BUILD_DIR | PATH... [-- COMPILER_FLAGS]] [options]";
static const char summary[] =
	"Parses every translation unit with libclang and writes the program model\n"
	"(functions, globals, calls, accesses, includes, types) to OUT_DIR/report.json.\n"
	"With -p, reads BUILD_DIR/compile_commands.json; otherwise scans the PATHs\n"
	"for .c files and compiles them with the flags after '--'.";

static int write_report(const char *out_dir, const struct strbuf *text, bool quiet)
{
	struct strbuf err = STRBUF_INIT;
	const struct report_writer *w = report_writer_find("json");
	int rc = fs_mkdirs(out_dir, &err);
	char *path = path_join(out_dir, w->file_name);
	if (rc == 0)
		rc = fs_write_atomic(path, text->buf, text->len, &err);
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	else if (!quiet)
		fprintf(stderr, "seam: wrote %s\n", path);
	free(path);
	strbuf_release(&err);
	return rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

static int run(struct analyze_args *a, const struct parsed_args *pa)
{
	struct strbuf report = STRBUF_INIT;
	struct pipeline_stats st = { 0 };
	a->timing = &st;
	int rc = pipeline_run(a, pa, &report);
	double t0 = clock_seconds();
	if (rc == SEAM_EXIT_OK)
		rc = write_report(a->out_dir, &report, a->quiet);
	st.report += clock_seconds() - t0;
	st.total += clock_seconds() - t0;
	if (a->stats && rc == SEAM_EXIT_OK)
		pipeline_print_stats(&st);
	strbuf_release(&report);
	return rc;
}

int cmd_analyze(int argc, char **argv)
{
	struct analyze_args a = { .out_dir = "seam-out" };
	const struct option opts[] = {
		PIPELINE_OPTIONS(a),
		PIPELINE_SPEED_OPTIONS(a),
		{ 'o', "output", OPT_STRING, &a.out_dir, "OUT_DIR", "where reports go (default: seam-out)" },
		{ 'q', "quiet", OPT_FLAG, &a.quiet, NULL, "no progress line, no summary (warnings and errors still show)" },
		{ 0 },
	};
	static const struct command_help help = { "analyze", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0)
		rc = run(&a, &pa);
	options_release(opts, &pa);
	return rc;
}
