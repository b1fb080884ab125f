/* cmd_extract.c — seam extract --shard I/N --facts DIR: the facts of one
 * slice of the compile database, one file per TU, for 'seam analyze --facts'. */
#include "cache.h"
#include "commands.h"
#include "compdb.h"
#include "extract.h"
#include "fsutil.h"
#include "options.h"
#include "pipeline.h"
#include "progress.h"
#include "seam_config.h"
#include "shard.h"
#include <stdio.h>
#include <string.h>

struct extract_args {
	struct analyze_args in;
	const char *shard, *facts_dir;
};

static const char usage_line[] =
	"seam extract [-p BUILD_DIR | PATH... [-- COMPILER_FLAGS]] --facts DIR [--shard I/N] [options]";
static const char summary[] =
	"Parses slice I of N of the compile database (contiguous, by database order;\n"
	"default 1/1: all of it) and writes one facts file per translation unit to\n"
	"DIR/tu-NNNNNN.facts. Run every slice, anywhere, then merge them with\n"
	"'seam analyze --facts DIR...': the report is byte-identical to a\n"
	"single-machine 'seam analyze'.";

struct writer {
	const char *dir, *db_path, *root;
	uint64_t db_hash;
	struct strbuf err;
	int rc;
};

static void write_facts(void *ctx, size_t index, struct tu_facts *f)
{
	struct writer *w = ctx;
	(void)index;
	if (w->rc != 0)
		return;
	f->db_path = w->db_path ? xstrdup(w->db_path) : NULL;
	f->root = w->root ? xstrdup(w->root) : NULL;
	f->db_hash = w->db_hash;
	w->rc = shard_write(w->dir, f, &w->err);
}

static int extract_slice(const struct extract_args *x, const struct compdb *db, const char *db_path, char *root)
{
	unsigned si = 1, sn = 1;
	struct writer w = { x->facts_dir, db_path, root, shard_db_hash(db), STRBUF_INIT, 0 };
	if ((x->shard && shard_parse(x->shard, &si, &sn, &w.err) != 0) || fs_mkdirs(x->facts_dir, &w.err) != 0) {
		cli_error("%s", strbuf_str(&w.err));
		strbuf_release(&w.err);
		return SEAM_EXIT_USAGE;
	}
	size_t begin, end;
	shard_range(db->entries.n, si, sn, &begin, &end);
	struct pipeline_ticks t;
	progress_init(&t.pr, x->in.quiet, x->in.verbose);
	struct extract_options eo = {
		.root = root, .excludes = x->in.excludes.v, .nexcludes = x->in.excludes.n, .jobs = x->in.jobs,
		.resource_dir = SEAM_CLANG_RESOURCE_DIR, .progress = pipeline_tick, .progress_ctx = &t,
	};
	struct cache cache;
	eo.cache = pipeline_open_cache(&x->in, &eo, &cache);
	struct extract_result r = { 0 };
	watchdog_start(&t.wd, db, begin, x->in.tu_timeout ? x->in.tu_timeout : WATCHDOG_DEFAULT_SECONDS);
	extract_each(db, &eo, begin, end, write_facts, &w, &r);
	watchdog_stop(&t.wd);
	progress_finish(&t.pr);
	if (eo.cache)
		cache_close(eo.cache);
	for (size_t i = 0; i < r.warnings.n; i++)
		cli_warning("%s", r.warnings.v[i]);
	if (w.rc != 0)
		cli_error("%s", strbuf_str(&w.err));
	else if (!x->in.quiet)
		fprintf(stderr, "seam: wrote the facts of translation units %zu to %zu (of %zu) to %s in %.2fs\n",
			begin, end ? end - 1 : 0, db->entries.n, x->facts_dir, r.seconds);
	extract_result_release(&r);
	strbuf_release(&w.err);
	return w.rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

static int run(const struct extract_args *x, const struct parsed_args *pa)
{
	if (!x->facts_dir) {
		cli_error("seam extract needs --facts DIR (where the facts files go)");
		return SEAM_EXIT_USAGE;
	}
	struct compdb db;
	compdb_init(&db);
	char *db_path = NULL;
	int rc = pipeline_load_inputs(&x->in, pa, &db, &db_path);
	if (rc == SEAM_EXIT_OK) {
		char *root = x->in.root ? path_absolute(x->in.root, NULL) : NULL;
		rc = extract_slice(x, &db, db_path, root);
		free(root);
	}
	compdb_release(&db);
	free(db_path);
	return rc;
}

int cmd_extract(int argc, char **argv)
{
	struct extract_args x = { .in = { .no_cache = true } };
	const struct option opts[] = {
		{ 'p', "build-dir", OPT_STRING, &x.in.build_dir, "BUILD_DIR",
		  "read BUILD_DIR/compile_commands.json (or that file itself)" },
		{ 'j', "jobs", OPT_UINT, &x.in.jobs, "N", "parallel libclang workers (default: number of cores)" },
		{ 0, "exclude", OPT_LIST, &x.in.excludes, "GLOB",
		  "skip sources and headers matching GLOB (repeatable; '*' crosses '/')" },
		{ 0, "root", OPT_STRING, &x.in.root, "DIR", "project root (as for seam analyze)" },
		{ 0, "shard", OPT_STRING, &x.shard, "I/N", "extract slice I of N (default 1/1)" },
		{ 0, "facts", OPT_STRING, &x.facts_dir, "DIR", "where the facts files go (created if missing)" },
		{ 0, "cache", OPT_STRING, &x.in.cache_dir, "DIR", "also use this per-TU cache (default: none)" },
		{ 'q', "quiet", OPT_FLAG, &x.in.quiet, NULL, "no progress, no summary" },
		{ 0, "verbose", OPT_FLAG, &x.in.verbose, NULL, "print each translation unit as it is done" },
		{ 0 },
	};
	static const struct command_help help = { "extract", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0) {
		x.in.no_cache = x.in.cache_dir == NULL; /* extract uses a cache only when given one */
		rc = run(&x, &pa);
	}
	options_release(opts, &pa);
	return rc;
}
