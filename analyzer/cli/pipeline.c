/* pipeline.c — inputs -> extraction -> analysis -> report.json text */
#include "pipeline.h"
#include "analysis.h"
#include "commands.h"
#include "compdb.h"
#include "extract.h"
#include "fsutil.h"
#include "report.h"
#include "seam_config.h"
#include <clang-c/Index.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

int load_catalog(struct catalog *cat, char *const *files, size_t nfiles)
{
	struct strbuf err = STRBUF_INIT;
	int rc = catalog_load_builtin(cat, &err);
	for (size_t i = 0; rc == 0 && i < nfiles; i++)
		rc = catalog_load_file(cat, files[i], &err);
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	strbuf_release(&err);
	return rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

int pipeline_run(const struct analyze_args *a, const struct parsed_args *pa, struct strbuf *report)
{
	struct compdb db;
	compdb_init(&db);
	char *db_path = NULL;
	struct catalog cat;
	catalog_init(&cat);
	int rc = load_catalog(&cat, a->rules.v, a->rules.n);
	if (rc == SEAM_EXIT_OK)
		rc = load_inputs(a, pa, &db, &db_path);
	if (rc != SEAM_EXIT_OK) {
		catalog_release(&cat);
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
	struct analysis an;
	analysis_run(&an, &m, &cat);
	CXString v = clang_getClangVersion();
	struct report_context ctx = {
		.analysis = &an,
		.tool_version = SEAM_VERSION, .libclang_version = clang_getCString(v),
		.compile_database = db_path, .tus = r.tus, .tus_failed = r.tus_failed,
		.tus_with_errors = r.tus_with_errors,
	};
	rc = r.tus_failed == r.tus ? SEAM_EXIT_INPUT : SEAM_EXIT_OK;
	if (rc == SEAM_EXIT_INPUT)
		cli_error("none of the %u translation units could be parsed", r.tus);
	else
		report_json_write(&m, &ctx, report);
	if (!a->quiet)
		print_summary(&m, &r);
	clang_disposeString(v);
	extract_result_release(&r);
	analysis_release(&an);
	catalog_release(&cat);
	model_release(&m);
	compdb_release(&db);
	free(db_path);
	free(root);
	return rc;
}

