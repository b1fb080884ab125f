/* pipeline.c — inputs -> extraction -> analysis -> report.json text */
#include "pipeline.h"
#include "clock.h"
#include "analysis.h"
#include "archconfig.h"
#include "reportview.h"
#include "boundaries.h"
#include "commands.h"
#include "compdb.h"
#include "extract.h"
#include "fsutil.h"
#include "cache.h"
#include "hash.h"
#include "progress.h"
#include "runcache.h"
#include "shard.h"
#include "report.h"
#include "seam_config.h"
#include <clang-c/Index.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

int pipeline_load_inputs(const struct analyze_args *a, const struct parsed_args *pa, struct compdb *db,
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

void pipeline_summary(const struct model *m, const struct extract_result *r, struct strbuf *out)
{
	size_t defined = 0;
	for (size_t i = 0; i < m->functions.n; i++)
		defined += m->functions.v[i].defined;
	strbuf_addf(out,
		    "seam: %u translation units (%u failed, %u with errors), %zu files, %zu functions "
		    "(%zu defined), %zu call edges, %zu external calls, %zu globals, %zu accesses",
		    r->tus, r->tus_failed, r->tus_with_errors, m->files.n, m->functions.n, defined,
		    m->calls.n, m->external_calls.n, m->globals.n, m->accesses.n);
}

void pipeline_unclassified_note(const struct extract_result *r, struct strbuf *out)
{
	if (r->unclassified_writes)
		strbuf_addf(out, "%u accesses inside macro expansions could not be classified and were "
			    "recorded as reads", r->unclassified_writes);
}

static void print_summary(const struct model *m, const struct extract_result *r)
{
	struct strbuf sb = STRBUF_INIT;
	pipeline_summary(m, r, &sb);
	fprintf(stderr, "%s in %.2fs\n", sb.buf, r->seconds);
	strbuf_reset(&sb);
	pipeline_unclassified_note(r, &sb);
	if (sb.len)
		cli_warning("%s", sb.buf);
	strbuf_release(&sb);
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

/* --weights calls=1,state=3,...; --granularity; --pin GLOB=NAME */
static int boundary_options(const struct analyze_args *a, const struct arch_config *cfg, struct boundary_options *o,
			    struct service_pin **pins)
{
	struct coupling_weights dw = COUPLING_WEIGHTS_DEFAULT;
	o->weights = dw;
	o->services = a->services;
	o->granularity = GRANULARITY_FILE;
	if (a->granularity && strcmp(a->granularity, "function") == 0) {
		o->granularity = GRANULARITY_FUNCTION;
	} else if (a->granularity && strcmp(a->granularity, "file") != 0) {
		cli_error("--granularity takes 'file' or 'function', not '%s'", a->granularity);
		return SEAM_EXIT_USAGE;
	}
	for (const char *p = a->weights; p && *p;) {
		char key[32];
		double v;
		int used = 0;
		if (sscanf(p, "%31[a-z]=%lf%n", key, &v, &used) != 2 || v < 0 || (p[used] && p[used] != ',')) {
			cli_error("--weights expects KEY=NUMBER,... with KEY among calls, state, types, includes, dir: "
				  "'%s'", a->weights);
			return SEAM_EXIT_USAGE;
		}
		double *slot = strcmp(key, "calls") == 0 ? &o->weights.calls
			     : strcmp(key, "state") == 0 ? &o->weights.state
			     : strcmp(key, "types") == 0 ? &o->weights.types
			     : strcmp(key, "includes") == 0 ? &o->weights.includes
			     : strcmp(key, "dir") == 0 ? &o->weights.dir : NULL;
		if (!slot) {
			cli_error("--weights: unknown weight '%s' (known: calls, state, types, includes, dir)", key);
			return SEAM_EXIT_USAGE;
		}
		*slot = v;
		p += used + (p[used] == ',');
	}
	*pins = xcalloc(a->pins.n + cfg->pins.n + 1, sizeof(**pins));
	for (size_t i = 0; i < a->pins.n; i++) {
		char *eq = strrchr(a->pins.v[i], '=');
		if (!eq || eq == a->pins.v[i] || !eq[1]) {
			cli_error("--pin expects GLOB=SERVICE, not '%s'", a->pins.v[i]);
			return SEAM_EXIT_USAGE;
		}
		*eq = '\0'; /* the option's value belongs to argv: split it in place */
		(*pins)[i].glob = a->pins.v[i];
		(*pins)[i].service = eq + 1;
	}
	for (size_t i = 0; i < cfg->pins.n; i++) /* after --pin: the command line wins */
		(*pins)[a->pins.n + i] = (struct service_pin){ cfg->pins.v[i].glob, cfg->pins.v[i].service };
	o->pins = *pins;
	o->npins = a->pins.n + cfg->pins.n;
	return SEAM_EXIT_OK;
}

/* seam's own build: any rebuild of the binary invalidates cached facts. */
static uint64_t tool_fingerprint(void)
{
	struct strbuf exe = STRBUF_INIT, err = STRBUF_INIT;
	uint64_t h = hash_str(SEAM_VERSION, 9);
	if (fs_read_file("/proc/self/exe", &exe, &err) == 0)
		h = hash_bytes(exe.buf, exe.len, h);
	strbuf_release(&exe);
	strbuf_release(&err);
	return h;
}

/* --cache DIR, else $XDG_CACHE_HOME/seam, else $HOME/.cache/seam; NULL when none. */
static char *cache_dir_of(const struct analyze_args *a)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (a->cache_dir)
		return xstrdup(a->cache_dir);
	if (xdg && xdg[0] == '/')
		return path_join(xdg, "seam");
	if (home && home[0] == '/')
		return path_join(home, ".cache/seam");
	return NULL;
}

char *pipeline_cache_dir(const struct analyze_args *a)
{
	return a->no_cache ? NULL : cache_dir_of(a);
}

/* Opens the cache unless --no-cache; a cache that cannot be created is a
 * warning, not a failure. Returns the cache or NULL. */
struct cache *pipeline_open_cache(const struct analyze_args *a, const struct extract_options *eo, struct cache *c)
{
	char *dir = pipeline_cache_dir(a);
	if (!dir)
		return NULL;
	struct strbuf err = STRBUF_INIT;
	int rc = cache_open(c, dir, extract_cache_salt(eo, tool_fingerprint()), &err);
	if (rc != 0)
		cli_warning("%s; going on without the cache", strbuf_str(&err));
	else if (a->verbose)
		fprintf(stderr, "seam: cache in '%s'\n", dir);
	strbuf_release(&err);
	free(dir);
	return rc == 0 ? c : NULL;
}

void pipeline_tick(void *ctx, const struct extract_tick *t)
{
	struct pipeline_ticks *k = ctx;
	watchdog_tick(&k->wd, t->done);
	progress_tick(&k->pr, t);
}

/* -p/PATHs: parse every TU (or take it from the cache) and merge. */
static int extract_inputs(const struct analyze_args *a, const struct parsed_args *pa, struct model *m,
			  struct extract_result *r, char **db_path, char *root)
{
	struct compdb db;
	compdb_init(&db);
	double t0 = clock_seconds();
	int rc = pipeline_load_inputs(a, pa, &db, db_path);
	if (a->timing)
		a->timing->inputs = clock_seconds() - t0;
	if (rc != SEAM_EXIT_OK) {
		compdb_release(&db);
		return rc;
	}
	struct pipeline_ticks t;
	progress_init(&t.pr, a->quiet, a->verbose);
	struct extract_options eo = {
		.root = root, .excludes = a->excludes.v, .nexcludes = a->excludes.n, .jobs = a->jobs,
		.resource_dir = SEAM_CLANG_RESOURCE_DIR, .progress = pipeline_tick, .progress_ctx = &t,
	};
	struct cache cache;
	eo.cache = pipeline_open_cache(a, &eo, &cache);
	watchdog_start(&t.wd, &db, 0, a->tu_timeout ? a->tu_timeout : WATCHDOG_DEFAULT_SECONDS);
	extract_run(&db, &eo, m, r);
	watchdog_stop(&t.wd);
	progress_finish(&t.pr);
	if (eo.cache && a->record)
		run_cache_take_deps(a->record, eo.cache);
	if (eo.cache)
		cache_close(eo.cache);
	compdb_release(&db);
	return SEAM_EXIT_OK;
}

/* --facts DIR...: merge what 'seam extract --shard' wrote. */
static int merge_facts(const struct analyze_args *a, const struct parsed_args *pa, struct model *m,
		       struct extract_result *r, char **db_path)
{
	if (a->build_dir || pa->positional.n || a->root || a->excludes.n) {
		cli_error("--facts merges extracted facts: give -p, PATHs, --root and --exclude to 'seam extract'");
		return SEAM_EXIT_USAGE;
	}
	struct strbuf err = STRBUF_INIT;
	double t0 = clock_seconds();
	int rc = shard_merge(a->facts.v, a->facts.n, m, r, db_path, &err);
	r->seconds = clock_seconds() - t0;
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	strbuf_release(&err);
	return rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

static void fill_stats(struct pipeline_stats *s, const struct extract_result *r, const struct analyze_args *a)
{
	s->extraction = r->seconds - r->finalize_seconds;
	s->parse = r->parse_seconds, s->walk = r->walk_seconds, s->cache = r->cache_seconds;
	s->merge = r->merge_seconds, s->finalize = r->finalize_seconds;
	s->tus = r->tus, s->cache_hits = r->cache_hits;
	s->jobs = a->jobs ? a->jobs : extract_default_jobs();
}

/* --config seam.json: its pins steer the clustering. */
static int load_config(const struct analyze_args *a, struct arch_config *cfg)
{
	if (!a->config)
		return SEAM_EXIT_OK;
	struct strbuf err = STRBUF_INIT;
	int rc = arch_config_load_file(cfg, a->config, &err);
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	strbuf_release(&err);
	return rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

/* Options, effect packs, then the facts: parsed (or cached), or merged from shards. */
static int open_inputs(struct pipeline *p, const struct analyze_args *a, const struct parsed_args *pa)
{
	int rc = load_config(a, &p->cfg);
	if (rc == SEAM_EXIT_OK)
		rc = boundary_options(a, &p->cfg, &p->bo, &p->pins);
	if (rc == SEAM_EXIT_OK)
		rc = load_catalog(&p->cat, a->rules.v, a->rules.n);
	p->root = a->root ? path_absolute(a->root, NULL) : NULL;
	if (rc == SEAM_EXIT_OK)
		rc = a->facts.n ? merge_facts(a, pa, &p->m, &p->r, &p->db_path)
				: extract_inputs(a, pa, &p->m, &p->r, &p->db_path, p->root);
	return rc;
}

int pipeline_open(struct pipeline *p, const struct analyze_args *a, const struct parsed_args *pa)
{
	double t_start = clock_seconds();
	memset(p, 0, sizeof(*p));
	catalog_init(&p->cat);
	model_init(&p->m);
	arch_config_init(&p->cfg);
	int rc = open_inputs(p, a, pa);
	if (rc != SEAM_EXIT_OK)
		return rc;
	struct extract_result *r = &p->r;
	for (size_t i = 0; i < r->warnings.n; i++)
		cli_warning("%s", r->warnings.v[i]);
	print_failures(&p->m);
	double t0 = clock_seconds();
	analysis_run(&p->an, &p->m, &p->cat);
	double t1 = clock_seconds();
	boundaries_run(&p->bd, &p->m, &p->an, &p->bo);
	p->analysed = true;
	if (a->timing) {
		fill_stats(a->timing, r, a);
		a->timing->analysis = t1 - t0, a->timing->boundaries = clock_seconds() - t1;
		a->timing->total = clock_seconds() - t_start;
	}
	CXString v = clang_getClangVersion();
	p->libclang_version = xstrdup(clang_getCString(v));
	clang_disposeString(v);
	p->ctx = (struct report_context){
		.analysis = &p->an, .boundaries = &p->bd,
		.tool_version = SEAM_VERSION, .libclang_version = p->libclang_version,
		.compile_database = p->db_path, .tus = r->tus, .tus_failed = r->tus_failed,
		.tus_with_errors = r->tus_with_errors,
	};
	if (!a->quiet)
		print_summary(&p->m, r);
	if (r->tus_failed == r->tus) {
		cli_error("none of the %u translation units could be parsed", r->tus);
		return SEAM_EXIT_INPUT;
	}
	return SEAM_EXIT_OK;
}

void pipeline_close(struct pipeline *p)
{
	if (p->analysed) {
		boundaries_release(&p->bd);
		analysis_release(&p->an);
	}
	extract_result_release(&p->r);
	catalog_release(&p->cat);
	model_release(&p->m);
	free(p->libclang_version);
	free(p->db_path);
	free(p->root);
	free(p->pins);
	arch_config_release(&p->cfg);
}

int pipeline_run(const struct analyze_args *a, const struct parsed_args *pa, struct strbuf *report)
{
	struct pipeline p;
	int rc = pipeline_open(&p, a, pa);
	if (rc == SEAM_EXIT_OK)
		report_json_write(&p.m, &p.ctx, report);
	pipeline_close(&p);
	return rc;
}

void pipeline_print_stats(const struct pipeline_stats *s)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr,
		"seam: stats: tus %u, jobs %u, from cache %u\n"
		"seam: stats: compile-db %.3fs\n"
		"seam: stats: extraction %.3fs (summed over workers: parse %.3fs, walk %.3fs, cache %.3fs)\n"
		"seam: stats: merge %.3fs (main thread, overlaps extraction)\n"
		"seam: stats: finalize %.3fs\n"
		"seam: stats: analysis %.3fs\n"
		"seam: stats: boundaries %.3fs\n"
		"seam: stats: report %.3fs\n"
		"seam: stats: views %.3fs (%u drawn, %u from cache)\n"
		"seam: stats: total %.3fs\n"
		"seam: stats: peak-rss %ld KiB\n",
		s->tus, s->jobs, s->cache_hits, s->inputs, s->extraction, s->parse, s->walk, s->cache, s->merge,
		s->finalize, s->analysis, s->boundaries, s->report, s->views, s->views_drawn, s->views_cached, s->total,
		ru.ru_maxrss);
}

int pipeline_report(struct analyze_args *in, const struct parsed_args *inputs, const char *report_path,
		    struct strbuf *text, const char **source)
{
	if (in->build_dir || inputs->positional.n) {
		if (report_path) {
			cli_error("give either --report or the inputs to analyse (-p or PATHs), not both");
			return SEAM_EXIT_USAGE;
		}
		in->quiet = true;
		*source = "the analysis";
		return pipeline_run(in, inputs, text);
	}
	struct strbuf err = STRBUF_INIT;
	*source = report_path ? report_path : "seam-out/report.json";
	int rc = fs_read_file(*source, text, &err) == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
	if (rc != SEAM_EXIT_OK)
		cli_error("%s (run 'seam analyze' first, or give --report, -p or PATHs)", strbuf_str(&err));
	strbuf_release(&err);
	return rc;
}

int pipeline_report_view(struct analyze_args *in, const struct parsed_args *inputs, const char *report_path,
			 struct report_view *v)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	const char *source;
	int rc = pipeline_report(in, inputs, report_path, &text, &source);
	if (rc == SEAM_EXIT_OK && report_view_load_text(v, source, text.buf, text.len, &err) != 0) {
		cli_error("%s", strbuf_str(&err));
		rc = SEAM_EXIT_USAGE;
	}
	strbuf_release(&text);
	strbuf_release(&err);
	return rc;
}
