/* report_markdown.c — summary.md: the analysis in a few lines of Markdown
 * for CI job summaries and pull-request comments (headline figures,
 * services, the best serverless candidates, stateful hotspots, metrics). */
#include "hotspots.h"
#include "report.h"
#include <string.h>

#define TOP 10

/* Text for a Markdown table cell: no pipes, newlines or markup. */
static void cell(struct strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("|\\`*_[]<>#", *s))
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

static void figures(struct strbuf *out, const struct model *m, const struct report_context *ctx)
{
	struct report_figures f;
	report_figures_compute(m, ctx, &f);
	strbuf_addf(out, "## seam: %zu services proposed, %zu serverless candidates\n\n", f.services, f.fitting);
	strbuf_addf(out, "%zu translation units, %zu files, %zu functions defined, %zu call sites, %zu mutable globals; "
		    "%zu cross-service calls and %zu cross-service state accesses in the proposal.\n\n",
		    f.tus, f.files, f.functions_defined, f.calls, f.mutable_globals, f.crossing_calls, f.cut_costs);
	if (!ctx->analysis)
		return;
	strbuf_addstr(out, "| class | functions |\n| --- | ---: |\n");
	for (int c = 0; c < CLASS_COUNT; c++)
		strbuf_addf(out, "| %s | %u |\n", class_name((enum fn_class)c), ctx->analysis->class_counts[c]);
	strbuf_addch(out, '\n');
}

static void services(struct strbuf *out, const struct boundaries *b)
{
	if (!b || !b->nservices)
		return;
	strbuf_addstr(out, "### Services\n\n| service | files | functions | owned globals | API | recommendation |\n"
			   "| --- | ---: | ---: | ---: | ---: | --- |\n");
	for (size_t i = 0; i < b->nservices; i++) {
		const struct service *sv = &b->services[i];
		strbuf_addstr(out, "| ");
		cell(out, sv->name);
		strbuf_addf(out, " | %zu | %zu | %zu | %zu | %s |\n", sv->files.n, sv->functions.n, sv->owned.n,
			    sv->api.n, recommendation_name((enum recommendation)sv->recommendation));
	}
	strbuf_addch(out, '\n');
}

static void candidates(struct strbuf *out, const struct model *m, const struct analysis *a)
{
	size_t shown = 0;
	strbuf_addstr(out, "### Serverless candidates\n\n");
	for (size_t i = 0; a && i < a->candidates.n && shown < TOP; i++) {
		const struct candidate *c = &a->candidates.v[i];
		if (!c->fits)
			continue;
		const struct model_function *fn = &m->functions.v[c->function];
		if (!shown++)
			strbuf_addstr(out, "| function | where | class | score |\n| --- | --- | --- | ---: |\n");
		strbuf_addstr(out, "| ");
		cell(out, fn->name);
		strbuf_addstr(out, " | ");
		cell(out, m->files.v[fn->file].path);
		strbuf_addf(out, ":%u | %s | %d |\n", fn->line, class_name((enum fn_class)a->fns[c->function].cls), c->score);
	}
	strbuf_addstr(out, shown ? "\n" : "None: no entry point reaches only pure, stateless or config code.\n\n");
}

static void hotspots(struct strbuf *out, const struct model *m, const struct report_context *ctx)
{
	struct hotspot hs[5];
	size_t n = ctx->analysis && ctx->boundaries ? hotspots_find(m, ctx->analysis, ctx->boundaries, hs, 5) : 0;
	if (!n)
		return;
	strbuf_addstr(out, "### Stateful hotspots\n\n| global | writers | readers | accesses from other services | "
			   "example chain |\n| --- | ---: | ---: | ---: | --- |\n");
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(out, "| ");
		cell(out, m->globals.v[hs[i].global].name);
		strbuf_addf(out, " | %u | %u | %u | ", hs[i].writers, hs[i].readers, hs[i].foreign);
		if (hs[i].chain_function != MODEL_NONE) {
			cell(out, m->functions.v[hs[i].chain_function].name);
			for (uint32_t k = 0; k < hs[i].nsteps; k++) {
				strbuf_addstr(out, " → ");
				cell(out, hs[i].steps[k].what);
			}
		}
		strbuf_addstr(out, " |\n");
	}
	strbuf_addch(out, '\n');
}

static void metrics(struct strbuf *out, const struct boundaries *b)
{
	if (!b)
		return;
	const struct partition_metrics *p = &b->proposal, *d = &b->baseline;
	strbuf_addf(out, "### Metrics (proposal vs directory baseline)\n\n| metric | proposal | directories |\n"
		    "| --- | ---: | ---: |\n| services | %u | %u |\n| modularity | %.3f | %.3f |\n"
		    "| TurboMQ | %.3f | %.3f |\n| ICP | %.3f | %.3f |\n| IFN | %.3f | %.3f |\n| NED | %.3f | %.3f |\n\n",
		    p->services, d->services, p->modularity, d->modularity, p->turbomq, d->turbomq, p->icp, d->icp,
		    p->ifn, d->ifn, p->ned, d->ned);
}

void report_markdown_write(const struct model *m, const struct report_context *ctx, struct strbuf *out)
{
	figures(out, m, ctx);
	services(out, ctx->boundaries);
	candidates(out, m, ctx->analysis);
	hotspots(out, m, ctx);
	metrics(out, ctx->boundaries);
	strbuf_addf(out, "<sub>seam %s: report.json and report.html hold the details.</sub>\n", ctx->tool_version);
}
