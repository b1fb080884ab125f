/* cmd_analyze.c — seam analyze: compile database or sources -> report.json */
#include "commands.h"
#include "clock.h"
#include "dot.h"
#include "fsutil.h"
#include "options.h"
#include "pipeline.h"
#include "cache.h"
#include "hash.h"
#include "report.h"
#include "runcache.h"
#include "seam_config.h"
#include <pthread.h>
#include <sys/resource.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage_line[] =
	"seam analyze [-p BUILD_DIR | PATH... [-- COMPILER_FLAGS]] [options]";
static const char summary[] =
	"Parses every translation unit with libclang and writes the program model\n"
	"(functions, globals, calls, accesses, includes, types) to OUT_DIR/report.json,\n"
	"the default views to OUT_DIR/views/ (DOT and SVG), OUT_DIR/report.html (one\n"
	"self-contained page) and OUT_DIR/summary.md (for CI job summaries).\n"
	"With -p, reads BUILD_DIR/compile_commands.json; otherwise scans the PATHs\n"
	"for .c files and compiles them with the flags after '--'.";

struct analyze_outputs {
	const char *out_dir;
	char *view_cache;               /* CACHE_DIR/views, NULL with --no-cache */
	struct pipeline_stats *stats;
	unsigned node_limit;
	bool no_views, quiet;
	struct strbuf err;
	size_t written;
	struct run_cache *record;  /* the run being recorded for the run cache, or NULL */
};

/* A file that already holds these bytes is left alone (no write, no fsync). */
static int write_file(struct analyze_outputs *o, const char *name, const struct strbuf *text)
{
	char *path = path_join(o->out_dir, name);
	int rc = fs_write_atomic_if_changed(path, strbuf_str(text), text->len, &o->err);
	free(path);
	o->written += rc == 0;
	if (rc == 0 && o->record)
		run_cache_add_output(o->record, name, strbuf_str(text), text->len);
	return rc;
}

/* Draws the default views into OUT_DIR/views/ (DOT and SVG); keeps the
 * SVGs in imgs for report.html. */
static int write_views(struct analyze_outputs *o, const struct pipeline *p, struct view_image *imgs,
		       struct strbuf *svgs)
{
	double t0 = clock_seconds();
	struct renderer *r = renderer_new(o->view_cache);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < view_ndefaults; i++) {
		struct view_options vo = { .kind = view_defaults[i], .node_limit = o->node_limit };
		struct view v;
		struct strbuf dot = STRBUF_INIT;
		rc = view_build(&v, &p->m, &p->an, &p->bd, &vo, &o->err);
		if (rc == 0)
			rc = renderer_render(r, &v, "dot", &dot, &o->err);
		if (rc == 0) /* the SVG is drawn from the very DOT text written next to it */
			rc = renderer_render_dot(r, v.name, &dot, "svg", &svgs[i], &o->err);
		struct strbuf name = STRBUF_INIT;
		strbuf_addf(&name, "views/%s.dot", v.name);
		if (rc == 0)
			rc = write_file(o, name.buf, &dot);
		strbuf_reset(&name);
		strbuf_addf(&name, "views/%s.svg", v.name);
		if (rc == 0)
			rc = write_file(o, name.buf, &svgs[i]);
		imgs[i] = (struct view_image){ view_kind_name(view_defaults[i]), NULL, strbuf_str(&svgs[i]), v.nodes.n, v.edges.n };
		strbuf_release(&name);
		strbuf_release(&dot);
		view_release(&v);
	}
	struct strbuf w = STRBUF_INIT;
	renderer_take_warnings(r, &w);
	cli_warning_lines(strbuf_str(&w));
	strbuf_release(&w);
	o->stats->views = clock_seconds() - t0;
	o->stats->views_drawn = renderer_stats(r)->drawn;
	o->stats->views_cached = renderer_stats(r)->cached;
	renderer_free(r);
	return rc;
}

/* report.json is rendered on a second thread while this one lays out the
 * views: both only read the model and the analyses, Graphviz stays on one
 * thread, and every file is written from this one. */
struct json_job {
	const struct model *m;
	struct report_context ctx;  /* a copy: the views are added to the original meanwhile */
	struct strbuf text;
};

static void *render_json(void *arg)
{
	struct json_job *j = arg;
	report_json_write(j->m, &j->ctx, &j->text);
	return NULL;
}

/* Under an address-space limit (ulimit -v) a thread costs more than its
 * time: its stack and its own malloc arena (64 MiB reserved) can leave
 * too little for Graphviz's text layout, whose GLib aborts the process when
 * it cannot start a thread. report.json is then rendered after the views. */
static bool address_space_limited(void)
{
	struct rlimit rl;
	return getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY;
}

static bool start_json(pthread_t *thread, struct json_job *job)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)1 << 20); /* the writer does not recurse deeply */
	bool ok = pthread_create(thread, &attr, render_json, job) == 0;
	pthread_attr_destroy(&attr);
	return ok;
}

static int write_reports(struct analyze_outputs *o, struct pipeline *p)
{
	static const char *const formats[] = { "html", "markdown" };
	struct view_image imgs[VIEW_KIND_COUNT];
	struct strbuf svgs[VIEW_KIND_COUNT];
	for (size_t i = 0; i < VIEW_KIND_COUNT; i++)
		strbuf_init(&svgs[i]);
	struct json_job job = { &p->m, p->ctx, STRBUF_INIT };
	pthread_t thread;
	bool threaded = !o->no_views && !address_space_limited() && start_json(&thread, &job);
	char *views_dir = path_join(o->out_dir, "views");
	int rc = fs_mkdirs(o->no_views ? o->out_dir : views_dir, &o->err);
	if (rc == 0 && !o->no_views) {
		rc = write_views(o, p, imgs, svgs);
		p->ctx.views = imgs;
		p->ctx.nviews = view_ndefaults;
	}
	if (threaded)
		pthread_join(thread, NULL);
	else
		render_json(&job);
	if (rc == 0)
		rc = write_file(o, report_writer_find("json")->file_name, &job.text);
	strbuf_release(&job.text);
	for (size_t i = 0; rc == 0 && i < sizeof(formats) / sizeof(formats[0]); i++) {
		const struct report_writer *w = report_writer_find(formats[i]);
		struct strbuf text = STRBUF_INIT;
		w->write(&p->m, &p->ctx, &text);
		rc = write_file(o, w->file_name, &text);
		strbuf_release(&text);
	}
	p->ctx.views = NULL;
	p->ctx.nviews = 0;
	for (size_t i = 0; i < VIEW_KIND_COUNT; i++)
		strbuf_release(&svgs[i]);
	free(views_dir);
	return rc;
}

/* ---- the run cache (docs/scale.md) ------------------------------------------ */

static uint64_t file_hash(const char *path, uint64_t seed)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	uint64_t h = hash_str(path, seed);
	if (fs_read_file(path, &text, &err) == 0)
		h = hash_bytes(text.buf, text.len, h);
	strbuf_release(&text);
	strbuf_release(&err);
	return h;
}

static uint64_t strings_hash(uint64_t h, const struct option_list *l, uint64_t seed)
{
	for (size_t i = 0; i < l->n; i++)
		h = hash_mix(h, hash_str(l->v[i], seed));
	return hash_mix(h, l->n);
}

/* Everything besides the TUs that shapes analyze's outputs: the options,
 * the contents of the files they name, and the working directory (which
 * relative --exclude globs are matched from). */
static uint64_t options_hash(const struct analyze_args *a, const struct analyze_outputs *o)
{
	char cwd[4096];
	uint64_t h = hash_str(getcwd(cwd, sizeof(cwd)) ? cwd : "", 1);
	h = hash_mix(h, hash_str(a->root, 2));
	h = hash_mix(h, hash_str(a->granularity, 3));
	h = hash_mix(h, hash_str(a->weights, 4));
	h = hash_mix(hash_mix(h, a->services), o->node_limit * 2u + o->no_views);
	h = strings_hash(strings_hash(h, &a->excludes, 5), &a->pins, 6);
	for (size_t i = 0; i < a->rules.n; i++)
		h = hash_mix(h, file_hash(a->rules.v[i], 7));
	h = hash_mix(h, a->rules.n);
	return a->config ? hash_mix(h, file_hash(a->config, 8)) : h;
}

struct replay {
	struct run_cache rc;
	bool keyed;             /* rc has a key: record this run */
};

static void print_replayed(const struct analyze_args *a, const struct analyze_outputs *o, const struct run_cache *rc,
			   double seconds)
{
	for (size_t i = 0; i < rc->warnings.n; i++)
		cli_warning("%s", rc->warnings.v[i]);
	if (a->quiet)
		return;
	fprintf(stderr, "%s in %.2fs (nothing changed since the last run: outputs from the cache)\n", rc->summary,
		seconds);
	for (size_t i = 0; i < rc->notes.n; i++)
		cli_warning("%s", rc->notes.v[i]);
	fprintf(stderr, "seam: wrote %s/report.json, report.html, summary.md%s\n", a->out_dir,
		o->no_views ? "" : " and the views in views/ (DOT and SVG)");
}

static void replay_stats(const struct analyze_args *a, unsigned tus, double t_start, double t_lookup, double t_written)
{
	struct pipeline_stats st = { 0 };
	st.tus = st.cache_hits = tus;
	st.jobs = a->jobs ? a->jobs : extract_default_jobs();
	st.extraction = st.cache = t_lookup - t_start;
	st.report = t_written - t_lookup;
	st.total = t_written - t_start;
	fprintf(stderr, "seam: stats: run cache hit: nothing changed, the last run's outputs were written again\n");
	pipeline_print_stats(&st);
}

/* Looks the run up in the cache. Returns an exit code when it was answered
 * from there (or the inputs are wrong), -1 to analyse. */
static int replay(struct analyze_args *a, const struct parsed_args *pa, struct analyze_outputs *o, struct replay *rp)
{
	double t0 = clock_seconds();
	struct compdb db;
	compdb_init(&db);
	char *db_path = NULL;
	int rc = pipeline_load_inputs(a, pa, &db, &db_path);
	char *root = a->root ? path_absolute(a->root, NULL) : NULL;
	struct extract_options eo = { .root = root, .excludes = a->excludes.v, .nexcludes = a->excludes.n,
				      .resource_dir = SEAM_CLANG_RESOURCE_DIR };
	struct cache cache;
	struct cache *c = rc == SEAM_EXIT_OK ? pipeline_open_cache(a, &eo, &cache) : NULL;
	if (rc == SEAM_EXIT_OK && !c)
		a->no_cache = true; /* warned once: the analysis goes on without it */
	rc = rc == SEAM_EXIT_OK ? -1 : rc;
	if (c) {
		struct strbuf why = STRBUF_INIT;
		run_cache_init(&rp->rc, c, &db, SEAM_CLANG_RESOURCE_DIR, db_path, options_hash(a, o));
		rp->keyed = true;
		int hit = run_cache_load(&rp->rc, c, &why);
		if (hit < 0)
			cli_warning("%s", why.buf);
		double t1 = clock_seconds();
		if (hit == 1 && run_cache_write_outputs(&rp->rc, o->out_dir, &o->written, &o->err) != 0) {
			cli_error("%s", strbuf_str(&o->err));
			rc = SEAM_EXIT_USAGE;
		} else if (hit == 1) {
			print_replayed(a, o, &rp->rc, clock_seconds() - t0);
			if (a->stats)
				replay_stats(a, (unsigned)db.entries.n, t0, t1, clock_seconds());
			rc = SEAM_EXIT_OK;
		}
		strbuf_release(&why);
		cache_close(c);
	}
	free(root);
	free(db_path);
	compdb_release(&db);
	return rc;
}

/* After a clean run: store what it printed and wrote. A run with a failed
 * TU or one with errors is not kept (a header that appears later would not
 * change any key), nor one that read a file that is gone already. */
static void record(struct pipeline *p, struct replay *rp, const struct analyze_args *a)
{
	const struct extract_result *r = &p->r;
	if (!rp->keyed || rp->rc.deps.n == 0 || r->tus_failed || r->tus_with_errors || r->cache_rebuilt)
		return; /* no deps: the per-TU cache could not be opened, nothing to check an entry against */
	for (size_t i = 0; i < rp->rc.deps.n; i++)
		if (rp->rc.deps.v[i].size == UINT64_MAX)
			return;
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	for (size_t i = 0; i < r->warnings.n; i++)
		VEC_PUSH(rp->rc.warnings, xstrdup(r->warnings.v[i]));
	pipeline_summary(&p->m, r, &sb);
	rp->rc.summary = strbuf_detach(&sb);
	pipeline_unclassified_note(r, &sb);
	if (sb.len)
		VEC_PUSH(rp->rc.notes, strbuf_detach(&sb));
	if (run_cache_store(&rp->rc, &err) != 0)
		cli_warning("%s; the next run analyses again", strbuf_str(&err));
	else if (a->verbose)
		fprintf(stderr, "seam: run stored in the cache as '%s'\n", rp->rc.path);
	strbuf_release(&sb);
	strbuf_release(&err);
}

static int run(struct analyze_args *a, const struct parsed_args *pa, struct analyze_outputs *o)
{
	struct replay rp = { 0 };
	int rc = a->no_cache || a->facts.n ? -1 : replay(a, pa, o, &rp);
	if (rc >= 0) {
		run_cache_release(&rp.rc);
		strbuf_release(&o->err);
		return rc;
	}
	if (rp.keyed)
		a->record = o->record = &rp.rc;
	struct pipeline p;
	struct pipeline_stats st = { 0 };
	a->timing = &st;
	o->stats = &st;
	rc = pipeline_open(&p, a, pa);
	char *cache = pipeline_cache_dir(a);
	o->view_cache = cache ? path_join(cache, "views") : NULL;
	free(cache);
	double t0 = clock_seconds();
	if (rc == SEAM_EXIT_OK && write_reports(o, &p) != 0) {
		cli_error("%s", strbuf_str(&o->err));
		rc = SEAM_EXIT_USAGE;
	} else if (rc == SEAM_EXIT_OK && !a->quiet) {
		fprintf(stderr, "seam: wrote %s/report.json, report.html, summary.md%s\n", a->out_dir,
			o->no_views ? "" : " and the views in views/ (DOT and SVG)");
	}
	if (rc == SEAM_EXIT_OK)
		record(&p, &rp, a);
	st.report = clock_seconds() - t0;
	st.total += st.report;
	if (a->stats && rc == SEAM_EXIT_OK)
		pipeline_print_stats(&st);
	pipeline_close(&p);
	run_cache_release(&rp.rc);
	strbuf_release(&o->err);
	free(o->view_cache);
	return rc;
}

int cmd_analyze(int argc, char **argv)
{
	struct analyze_args a = { .out_dir = "seam-out" };
	struct analyze_outputs out = { 0 };
	const struct option opts[] = {
		PIPELINE_OPTIONS(a),
		PIPELINE_SPEED_OPTIONS(a),
		{ 'o', "output", OPT_STRING, &a.out_dir, "OUT_DIR", "where reports go (default: seam-out)" },
		{ 'q', "quiet", OPT_FLAG, &a.quiet, NULL, "no progress line, no summary (warnings and errors still show)" },
		{ 0, "node-limit", OPT_UINT, &out.node_limit, "N", "views collapse past N nodes (default: 150)" },
		{ 0, "no-views", OPT_FLAG, &out.no_views, NULL, "draw no views (report.html then has none)" },
		{ 0 },
	};
	static const struct command_help help = { "analyze", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0) {
		out.out_dir = a.out_dir;
		rc = run(&a, &pa, &out);
	}
	options_release(opts, &pa);
	return rc;
}
