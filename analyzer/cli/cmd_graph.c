/* cmd_graph.c — seam graph VIEW -o FILE: one view of the analysis, shaped
 * by hand (focus, collapse, include-only, exclude), as DOT, SVG, PNG or PDF. */
#include "commands.h"
#include "dot.h"
#include "fsutil.h"
#include "options.h"
#include "pipeline.h"
#include <stdio.h>
#include <string.h>

struct graph_args {
	struct analyze_args in;
	const char *output, *collapse, *focus, *direction;
	unsigned node_limit, depth;
	bool quiet;
	struct option_list include_only;
};

static const char usage_line[] =
	"seam graph VIEW -o FILE (-p BUILD_DIR | PATH... [-- FLAGS]) [options]";
static const char summary[] =
	"Analyses the inputs (as seam analyze does) and draws one view: services,\n"
	"service-map, callgraph, state or files. The format follows FILE's extension:\n"
	".dot/.gv (DOT text, not laid out), .svg, .png or .pdf. Past the node limit a\n"
	"view collapses functions into files, folders or services and says so in its\n"
	"title. --exclude also keeps matching files out of the analysis, and hides\n"
	"functions and globals whose names match.";

/* Reads the view options from the command line; prints what is wrong. */
static int view_options(const struct graph_args *a, const struct parsed_args *pa, struct view_options *o)
{
	int kind = pa->positional.n ? view_kind_from_name(pa->positional.v[0]) : -1;
	int level = a->collapse ? view_level_from_name(a->collapse) : LEVEL_AUTO;
	if (kind < 0) {
		cli_error("graph needs a VIEW: services, service-map, callgraph, state or files%s%s%s",
			  pa->positional.n ? " (not '" : "", pa->positional.n ? pa->positional.v[0] : "",
			  pa->positional.n ? "')" : "");
		return SEAM_EXIT_USAGE;
	}
	if (level < 0) {
		cli_error("--collapse takes function, file, dir or service, not '%s'", a->collapse);
		return SEAM_EXIT_USAGE;
	}
	const char *dir = a->direction ? a->direction : "both";
	if (strcmp(dir, "both") != 0 && strcmp(dir, "callers") != 0 && strcmp(dir, "callees") != 0) {
		cli_error("--direction takes callers, callees or both, not '%s'", dir);
		return SEAM_EXIT_USAGE;
	}
	if ((a->focus || a->depth || a->direction) && kind != VIEW_CALLGRAPH) {
		cli_error("--focus, --depth and --direction shape the callgraph view only");
		return SEAM_EXIT_USAGE;
	}
	*o = (struct view_options){
		.kind = (enum view_kind)kind, .collapse = (enum view_level)level, .node_limit = a->node_limit,
		.focus = a->focus, .depth = a->depth,
		.direction = dir[0] == 'b' ? DIRECTION_BOTH : dir[5] == 'r' ? DIRECTION_CALLERS : DIRECTION_CALLEES,
		.include_only = a->include_only.v, .ninclude_only = a->include_only.n,
		.exclude = a->in.excludes.v, .nexclude = a->in.excludes.n,
	};
	return SEAM_EXIT_OK;
}

static int draw(const struct pipeline *p, const struct view_options *o, const char *path, const char *format,
		const char *view_cache, bool quiet)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct view v;
	int rc = view_build(&v, &p->m, &p->an, &p->bd, o, &err);
	struct renderer *r = rc == 0 ? renderer_new(view_cache) : NULL;
	if (rc == 0) {
		rc = renderer_render(r, &v, format, &out, &err);
		struct strbuf w = STRBUF_INIT;
		renderer_take_warnings(r, &w);
		cli_warning_lines(strbuf_str(&w));
		strbuf_release(&w);
	}
	if (rc == 0)
		rc = fs_write_atomic(path, out.buf, out.len, &err);
	if (rc != 0)
		cli_error("%s", strbuf_str(&err));
	else if (!quiet)
		fprintf(stderr, "seam: wrote %s (%s: %zu nodes, %zu edges)\n", path, v.name, v.nodes.n, v.edges.n);
	renderer_free(r);
	view_release(&v);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
}

static int run(struct graph_args *a, struct parsed_args *pa)
{
	struct view_options o;
	int rc = view_options(a, pa, &o);
	const char *format = a->output ? dot_format_of_path(a->output) : NULL;
	if (rc == SEAM_EXIT_OK && !format) {
		cli_error(a->output ? "'%s': the output's extension must be .dot, .gv, .svg, .png or .pdf"
				    : "graph needs -o FILE (.dot, .gv, .svg, .png or .pdf)%s", a->output ? a->output : "");
		rc = SEAM_EXIT_USAGE;
	}
	if (rc != SEAM_EXIT_OK)
		return rc;
	struct parsed_args inputs = *pa; /* the PATHs after VIEW */
	inputs.positional.v = pa->positional.v + 1;
	inputs.positional.n = pa->positional.n - 1;
	a->in.quiet = true;
	struct pipeline p;
	rc = pipeline_open(&p, &a->in, &inputs);
	char *cache = pipeline_cache_dir(&a->in);
	char *view_cache = cache ? path_join(cache, "views") : NULL;
	if (rc == SEAM_EXIT_OK)
		rc = draw(&p, &o, a->output, format, view_cache, a->quiet);
	pipeline_close(&p);
	free(view_cache);
	free(cache);
	return rc;
}

int cmd_graph(int argc, char **argv)
{
	struct graph_args a = { 0 };
	const struct option opts[] = {
		{ 'o', "output", OPT_STRING, &a.output, "FILE", "where the view goes; the extension picks the format" },
		{ 0, "collapse", OPT_STRING, &a.collapse, "LEVEL",
		  "draw one node per function, file, dir or service (default: the finest that fits)" },
		{ 0, "node-limit", OPT_UINT, &a.node_limit, "N", "collapse past N nodes (default: 150)" },
		{ 0, "include-only", OPT_LIST, &a.include_only, "GLOB",
		  "draw only functions, files and globals whose path or name matches GLOB (repeatable)" },
		{ 0, "focus", OPT_STRING, &a.focus, "SYMBOL", "callgraph: start from SYMBOL (NAME or FILE:NAME)" },
		{ 0, "depth", OPT_UINT, &a.depth, "N", "callgraph with --focus: N calls away (default: 2)" },
		{ 0, "direction", OPT_STRING, &a.direction, "callers|callees|both",
		  "callgraph with --focus: which way to follow calls (default: both)" },
		{ 'q', "quiet", OPT_FLAG, &a.quiet, NULL, "say nothing unless something is wrong" },
		PIPELINE_OPTIONS(a.in),
		{ 0 },
	};
	static const struct command_help help = { "graph", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0)
		rc = run(&a, &pa);
	options_release(opts, &pa);
	return rc;
}
