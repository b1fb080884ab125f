/* cmd_analyze.c — seam analyze: compile database or sources -> report.json */
#include "commands.h"
#include "clock.h"
#include "dot.h"
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
};

static int write_file(struct analyze_outputs *o, const char *name, const struct strbuf *text)
{
	char *path = path_join(o->out_dir, name);
	int rc = fs_write_atomic(path, strbuf_str(text), text->len, &o->err);
	free(path);
	o->written += rc == 0;
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

static int write_reports(struct analyze_outputs *o, struct pipeline *p)
{
	static const char *const formats[] = { "json", "html", "markdown" };
	struct view_image imgs[VIEW_KIND_COUNT];
	struct strbuf svgs[VIEW_KIND_COUNT];
	for (size_t i = 0; i < VIEW_KIND_COUNT; i++)
		strbuf_init(&svgs[i]);
	char *views_dir = path_join(o->out_dir, "views");
	int rc = fs_mkdirs(o->no_views ? o->out_dir : views_dir, &o->err);
	if (rc == 0 && !o->no_views) {
		rc = write_views(o, p, imgs, svgs);
		p->ctx.views = imgs;
		p->ctx.nviews = view_ndefaults;
	}
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

static int run(struct analyze_args *a, const struct parsed_args *pa, struct analyze_outputs *o)
{
	struct pipeline p;
	struct pipeline_stats st = { 0 };
	a->timing = &st;
	o->stats = &st;
	int rc = pipeline_open(&p, a, pa);
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
	st.report = clock_seconds() - t0;
	st.total += st.report;
	if (a->stats && rc == SEAM_EXIT_OK)
		pipeline_print_stats(&st);
	pipeline_close(&p);
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
