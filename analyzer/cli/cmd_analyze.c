/* cmd_analyze.c — seam analyze: compile database or sources -> report.json */
#include "commands.h"
#include "compdb.h"
#include "extract.h"
#include "fsutil.h"
#include "options.h"
#include "report.h"
#include "seam_config.h"
#include <clang-c/Index.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct analyze_args {
	const char *build_dir, *out_dir, *root;
	unsigned jobs;
	bool quiet;
	struct option_list excludes;
};

static const char usage_line[] =
	"seam analyze [-p BUILD_DIR | PATH... [-- COMPILER_FLAGS]] [options]";
static const char summary[] =
	"Parses every translation unit with libclang and writes the program model\n"
	"(functions, globals, calls, accesses, includes, types) to OUT_DIR/report.json.\n"
	"With -p, reads BUILD_DIR/compile_commands.json; otherwise scans the PATHs\n"
	"for .c files and compiles them with the flags after '--'.";

static int load_inputs(const struct analyze_args *a, const struct parsed_args *pa, struct compdb *db,
		       char **db_path)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;
	if (a->build_dir) {
		if (pa->positional.n) {
			cli_error("give either -p BUILD_DIR or PATHs, not both");
			return SEAM_EXIT_USAGE;
		}
		*db_path = fs_is_dir(a->build_dir) ? path_join(a->build_dir, "compile_commands.json")
						   : xstrdup(a->build_dir);
		rc = compdb_load(db, *db_path, &err);
	} else if (pa->positional.n) {
		rc = compdb_scan(db, pa->positional.v, pa->positional.n, pa->passthrough.v,
				 pa->passthrough.n, a->excludes.v, a->excludes.n, &err);
	} else {
		cli_error("nothing to analyse: give -p BUILD_DIR (with compile_commands.json) or source PATHs");
		return SEAM_EXIT_USAGE;
	}
	if (rc != 0) {
		cli_error("%s", strbuf_str(&err));
		strbuf_release(&err);
		return SEAM_EXIT_USAGE;
	}
	strbuf_release(&err);
	compdb_exclude(db, a->excludes.v, a->excludes.n);
	if (db->entries.n == 0) {
		cli_error("no C translation units to analyse%s", a->excludes.n ? " (after --exclude)" : "");
		return SEAM_EXIT_INPUT;
	}
	return SEAM_EXIT_OK;
}

static int write_report(const char *out_dir, const struct model *m, const struct report_context *ctx,
			bool quiet)
{
	struct strbuf err = STRBUF_INIT, text = STRBUF_INIT;
	const struct report_writer *w = report_writer_find("json");
	int rc = fs_mkdirs(out_dir, &err);
	char *path = path_join(out_dir, w->file_name);
	if (rc == 0) {
		w->write(m, ctx, &text);
		rc = fs_write_atomic(path, text.buf, text.len, &err);
	}
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	else if (!quiet)
		fprintf(stderr, "seam: wrote %s\n", path);
	free(path);
	strbuf_release(&err);
	strbuf_release(&text);
	return rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

static void print_summary(const struct model *m, const struct extract_result *r)
{
	size_t defined = 0;
	for (size_t i = 0; i < m->functions.n; i++)
		defined += m->functions.v[i].defined;
	fprintf(stderr,
		"seam: %u translation units (%u failed, %u with errors), %zu files, %zu functions "
		"(%zu defined), %zu call edges, %zu external calls, %zu globals, %zu accesses in %.2fs\n",
		r->tus, r->tus_failed, r->tus_with_errors, m->files.n, m->functions.n, defined,
		m->calls.n, m->external_calls.n, m->globals.n, m->accesses.n, r->seconds);
	if (r->unclassified_writes)
		cli_warning("%u accesses inside macro expansions could not be classified and were "
			    "recorded as reads", r->unclassified_writes);
}

static void print_failures(const struct model *m)
{
	for (size_t i = 0; i < m->files.n; i++) {
		const struct model_file *f = &m->files.v[i];
		if (!f->tu || f->parsed)
			continue;
		cli_warning("'%s' %s (%u errors); its facts are partial", f->path,
			    f->failed ? "could not be parsed" : "has errors", f->errors);
		for (uint32_t k = 0; k < f->nmessages && k < 3; k++)
			fprintf(stderr, "  %s\n", f->messages[k]);
	}
}

static int run(struct analyze_args *a, const struct parsed_args *pa)
{
	struct compdb db;
	compdb_init(&db);
	char *db_path = NULL;
	int rc = load_inputs(a, pa, &db, &db_path);
	if (rc != SEAM_EXIT_OK) {
		compdb_release(&db);
		free(db_path);
		return rc;
	}
	char *root = a->root ? path_absolute(a->root, NULL) : NULL;
	struct extract_options eo = {
		.root = root, .excludes = a->excludes.v, .nexcludes = a->excludes.n, .jobs = a->jobs,
		.progress = !a->quiet && isatty(STDERR_FILENO), .resource_dir = SEAM_CLANG_RESOURCE_DIR,
	};
	struct extract_result r = { 0 };
	struct model m;
	model_init(&m);
	extract_run(&db, &eo, &m, &r);
	for (size_t i = 0; i < r.warnings.n; i++)
		cli_warning("%s", r.warnings.v[i]);
	print_failures(&m);
	CXString v = clang_getClangVersion();
	struct report_context ctx = {
		.tool_version = SEAM_VERSION, .libclang_version = clang_getCString(v),
		.compile_database = db_path, .tus = r.tus, .tus_failed = r.tus_failed,
		.tus_with_errors = r.tus_with_errors,
	};
	rc = r.tus_failed == r.tus ? SEAM_EXIT_INPUT : SEAM_EXIT_OK;
	if (rc == SEAM_EXIT_INPUT)
		cli_error("none of the %u translation units could be parsed", r.tus);
	else
		rc = write_report(a->out_dir, &m, &ctx, a->quiet);
	if (!a->quiet)
		print_summary(&m, &r);
	clang_disposeString(v);
	extract_result_release(&r);
	model_release(&m);
	compdb_release(&db);
	free(db_path);
	free(root);
	return rc;
}

int cmd_analyze(int argc, char **argv)
{
	struct analyze_args a = { .out_dir = "seam-out" };
	const struct option opts[] = {
		{ 'p', "build-dir", OPT_STRING, &a.build_dir, "BUILD_DIR",
		  "read BUILD_DIR/compile_commands.json (or that file itself)" },
		{ 'o', "output", OPT_STRING, &a.out_dir, "OUT_DIR", "where reports go (default: seam-out)" },
		{ 'j', "jobs", OPT_UINT, &a.jobs, "N", "parallel libclang workers (default: number of cores)" },
		{ 0, "exclude", OPT_LIST, &a.excludes, "GLOB",
		  "skip sources and headers matching GLOB (repeatable; '*' crosses '/')" },
		{ 0, "root", OPT_STRING, &a.root, "DIR",
		  "project root: paths are reported relative to it and files outside it are not the project's "
		  "(default: the common folder of all project files)" },
		{ 'q', "quiet", OPT_FLAG, &a.quiet, NULL, "no progress line, no summary (warnings and errors still show)" },
		{ 0 },
	};
	struct parsed_args pa;
	struct strbuf err = STRBUF_INIT;
	int rc;
	if (options_parse(opts, argc, argv, &pa, &err) != 0) {
		cli_error("%s (see 'seam analyze --help')", strbuf_str(&err));
		rc = SEAM_EXIT_USAGE;
	} else if (pa.help) {
		struct strbuf help = STRBUF_INIT;
		options_usage(opts, usage_line, summary, &help);
		fputs(strbuf_str(&help), stdout);
		strbuf_release(&help);
		rc = SEAM_EXIT_OK;
	} else {
		rc = run(&a, &pa);
	}
	strbuf_release(&err);
	options_release(opts, &pa);
	return rc;
}
