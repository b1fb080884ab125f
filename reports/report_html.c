/* report_html.c — report.html: one self-contained page that works offline
 * from disk: headline figures, the views (inline SVG, pan and zoom), service
 * cards, serverless candidates, stateful hotspots, metrics and a search. */
#include "hotspots.h"
#include "report.h"
#include "report_assets.h"
#include "view.h"
#include <cjson/cJSON.h>
#include <string.h>

#define MAX_ROWS 200
#define MAX_LIST 25

/* Text for HTML content and attribute values. */
static void esc(struct strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		case '\'': strbuf_addstr(out, "&#39;"); break;
		default: strbuf_addch(out, *s);
		}
	}
}

static const char *asset(const char *name)
{
	for (const struct builtin_pack *a = report_assets; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a->text;
	return "";
}

static const char *fn_path(const struct model *m, uint32_t f)
{
	return m->files.v[m->functions.v[f].file].path;
}

static void head(struct strbuf *out, const struct model *m, const struct report_context *ctx)
{
	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>seam report: ");
	esc(out, m->root);
	strbuf_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>seam report</h1>\n"
		    "<input id=\"search\" type=\"search\" placeholder=\"search a function or file\" autocomplete=\"off\">\n"
		    "<nav><a href=\"#figures\">figures</a><a href=\"#views\">views</a><a href=\"#services\">services</a>"
		    "<a href=\"#candidates-section\">candidates</a><a href=\"#hotspots\">hotspots</a>"
		    "<a href=\"#metrics\">metrics</a></nav></header>\n<main>\n"
		    "<p class=\"note\">", asset("report.css"));
	esc(out, m->root);
	strbuf_addf(out, " &middot; seam %s &middot; libclang: ", ctx->tool_version);
	esc(out, ctx->libclang_version);
	strbuf_addstr(out, "</p>\n<section id=\"search-section\"><p id=\"search-count\"></p>"
			   "<ul id=\"search-results\"></ul></section>\n");
}

static void figure(struct strbuf *out, size_t n, const char *what)
{
	strbuf_addf(out, "<div class=\"figure\"><b>%zu</b>%s</div>\n", n, what);
}

static void figures(struct strbuf *out, const struct model *m, const struct report_context *ctx)
{
	struct report_figures f;
	report_figures_compute(m, ctx, &f);
	strbuf_addstr(out, "<section id=\"figures\"><h2>Headline figures</h2><div class=\"figures\">\n");
	figure(out, f.tus, "translation units");
	figure(out, f.files, "files");
	figure(out, f.functions_defined, "functions defined");
	figure(out, f.calls, "call sites");
	figure(out, f.mutable_globals, "mutable globals");
	figure(out, f.services, "proposed services");
	figure(out, f.fitting, "serverless candidates");
	figure(out, f.crossing_calls, "cross-service calls");
	figure(out, f.cut_costs, "cross-service state accesses");
	for (int c = 0; ctx->analysis && c < CLASS_COUNT; c++)
		figure(out, ctx->analysis->class_counts[c], class_name((enum fn_class)c));
	strbuf_addstr(out, "</div></section>\n");
}

static void views(struct strbuf *out, const struct report_context *ctx)
{
	strbuf_addstr(out, "<section id=\"views\"><h2>Views</h2>\n<p class=\"note\">Scroll to zoom, drag to pan, "
			   "click a node to highlight its neighbours (click the background to clear).</p>\n<p class=\"note\">");
	for (int c = 0; c < CLASS_COUNT; c++)
		strbuf_addf(out, "<span class=\"tag\" style=\"background:%s\">%s</span> ", view_class_colour((enum fn_class)c),
			    class_name((enum fn_class)c));
	strbuf_addstr(out, "&middot; globals are yellow ellipses &middot; edges: calls grey, includes dashed, "
			   "writes red, reads dashed blue, shared state dashed red</p>\n");
	for (size_t i = 0; i < ctx->nviews; i++) {
		const struct view_image *v = &ctx->views[i];
		const char *svg = strstr(v->svg, "<svg");
		strbuf_addf(out, "<h3 id=\"view-%s\">%s</h3>\n<div class=\"viewport\" data-view=\"%s\"><div class=\"tools\">"
			    "<button data-zoom=\"in\">+</button><button data-zoom=\"out\">&minus;</button>"
			    "<button data-zoom=\"reset\">&#8634;</button></div>\n%s</div>\n",
			    v->name, v->name, v->name, svg ? svg : "");
	}
	if (!ctx->nviews)
		strbuf_addstr(out, "<p class=\"note\">No views were drawn (--no-views).</p>\n");
	strbuf_addstr(out, "</section>\n");
}

/* A list of names, the first MAX_LIST of them, then how many more. */
static void id_names(struct strbuf *out, const struct model *m, const struct id_list *l, bool globals)
{
	for (size_t i = 0; i < l->n && i < MAX_LIST; i++) {
		strbuf_addstr(out, i ? ", " : "");
		esc(out, globals ? m->globals.v[l->v[i]].name : m->functions.v[l->v[i]].name);
	}
	if (l->n > MAX_LIST)
		strbuf_addf(out, " and %zu more", l->n - MAX_LIST);
	if (!l->n)
		strbuf_addstr(out, "none");
}

static void card_search_text(struct strbuf *out, const struct model *m, const struct service *sv)
{
	esc(out, sv->name);
	for (size_t i = 0; i < sv->files.n; i++) {
		strbuf_addch(out, ' ');
		esc(out, m->files.v[sv->files.v[i]].path);
	}
	for (size_t i = 0; i < sv->functions.n; i++) {
		strbuf_addch(out, ' ');
		esc(out, m->functions.v[sv->functions.v[i]].name);
	}
}

static void card(struct strbuf *out, const struct model *m, const struct service *sv)
{
	const char *rec = recommendation_name((enum recommendation)sv->recommendation);
	strbuf_addf(out, "<div class=\"card service %s\" data-search=\"", rec);
	card_search_text(out, m, sv);
	strbuf_addstr(out, "\"><h3>");
	esc(out, sv->name);
	strbuf_addf(out, " <span class=\"tag\">%s</span></h3>\n<div>%zu files, %zu functions, %u calls in, %u calls out</div>\n<ul>",
		    rec, sv->files.n, sv->functions.n, sv->calls_in, sv->calls_out);
	for (size_t i = 0; i < sv->reasons.n; i++) {
		strbuf_addstr(out, "<li>");
		esc(out, sv->reasons.v[i]);
		strbuf_addstr(out, "</li>");
	}
	strbuf_addstr(out, "</ul>\n<div><b>Owned state:</b> ");
	id_names(out, m, &sv->owned, true);
	strbuf_addstr(out, "</div>\n<div><b>API:</b> ");
	id_names(out, m, &sv->api, false);
	strbuf_addstr(out, "</div>\n<details><summary>members</summary><ul>");
	for (size_t i = 0; i < sv->files.n; i++) {
		strbuf_addstr(out, "<li>");
		esc(out, m->files.v[sv->files.v[i]].path);
		strbuf_addstr(out, "</li>");
	}
	strbuf_addstr(out, "</ul></details></div>\n");
}

static void services(struct strbuf *out, const struct model *m, const struct boundaries *b)
{
	strbuf_addstr(out, "<section id=\"services\"><h2>Proposed services</h2><div class=\"cards\">\n");
	for (size_t i = 0; b && i < b->nservices; i++)
		card(out, m, &b->services[i]);
	strbuf_addstr(out, "</div></section>\n");
}

static void joined(struct strbuf *out, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(out, i ? "; " : "");
		esc(out, v[i]);
	}
}

static void candidate_row(struct strbuf *out, const struct model *m, const struct analysis *a,
			  const struct candidate *c)
{
	const struct model_function *fn = &m->functions.v[c->function];
	const char *cls = class_name((enum fn_class)a->fns[c->function].cls);
	strbuf_addstr(out, "<tr data-search=\"");
	esc(out, fn->name);
	strbuf_addch(out, ' ');
	esc(out, fn_path(m, c->function));
	strbuf_addstr(out, "\"><td>");
	esc(out, fn->name);
	strbuf_addstr(out, "</td><td>");
	esc(out, fn_path(m, c->function));
	strbuf_addf(out, ":%u</td><td class=\"cls-%s\">%s</td><td class=\"num\">%d</td><td>%s</td><td>", fn->line, cls,
		    cls, c->score, c->fits ? "yes" : "no");
	joined(out, c->reasons.v, c->reasons.n);
	strbuf_addstr(out, "</td><td>");
	joined(out, c->blockers.v, c->blockers.n);
	strbuf_addstr(out, "</td></tr>\n");
}

static void candidates(struct strbuf *out, const struct model *m, const struct analysis *a)
{
	strbuf_addstr(out, "<section id=\"candidates-section\"><h2>Serverless candidates</h2>\n"
			   "<table id=\"candidates\"><thead><tr><th>function</th><th>where</th><th>class</th>"
			   "<th>score</th><th>fits</th><th>reasons</th><th>blockers</th></tr></thead><tbody>\n");
	size_t n = a ? a->candidates.n : 0;
	for (size_t i = 0; i < n && i < MAX_ROWS; i++)
		candidate_row(out, m, a, &a->candidates.v[i]);
	strbuf_addstr(out, "</tbody></table>\n");
	if (n > MAX_ROWS)
		strbuf_addf(out, "<p class=\"note\">The first %d of %zu candidates; report.json lists all.</p>\n",
			    MAX_ROWS, n);
	strbuf_addstr(out, "</section>\n");
}

static void chain(struct strbuf *out, const struct model *m, const struct hotspot *h)
{
	if (h->chain_function == MODEL_NONE) {
		strbuf_addstr(out, "<span class=\"note\">no class is decided by it alone</span>");
		return;
	}
	strbuf_addstr(out, "<ol class=\"chain\"><li>");
	esc(out, m->functions.v[h->chain_function].name);
	strbuf_addstr(out, "</li>");
	for (uint32_t i = 0; i < h->nsteps; i++) {
		const struct evidence_step *s = &h->steps[i];
		strbuf_addstr(out, "<li>");
		esc(out, m->files.v[s->file].path);
		strbuf_addf(out, ":%u: ", s->line);
		esc(out, m->functions.v[s->function].name);
		strbuf_addch(out, ' ');
		esc(out, s->what);
		strbuf_addstr(out, "</li>");
	}
	strbuf_addstr(out, "</ol>");
}

static void hotspots(struct strbuf *out, const struct model *m, const struct report_context *ctx)
{
	struct hotspot hs[MAX_LIST];
	size_t n = ctx->analysis && ctx->boundaries ? hotspots_find(m, ctx->analysis, ctx->boundaries, hs, MAX_LIST) : 0;
	strbuf_addstr(out, "<section id=\"hotspots\"><h2>Stateful hotspots</h2>\n<table id=\"hotspot-table\"><thead><tr>"
			   "<th>global</th><th>where</th><th>owner</th><th>writers</th><th>readers</th>"
			   "<th>accesses from other services</th><th>evidence chain</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct model_global *g = &m->globals.v[hs[i].global];
		uint32_t owner = ctx->boundaries->owner[hs[i].global];
		strbuf_addstr(out, "<tr data-search=\"");
		esc(out, g->name);
		strbuf_addstr(out, "\"><td>");
		esc(out, g->name);
		strbuf_addstr(out, "</td><td>");
		esc(out, m->files.v[g->file].path);
		strbuf_addf(out, ":%u</td><td>", g->line);
		esc(out, owner < ctx->boundaries->nservices ? ctx->boundaries->services[owner].name : "");
		strbuf_addf(out, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">%u</td><td>",
			    hs[i].writers, hs[i].readers, hs[i].foreign);
		chain(out, m, &hs[i]);
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addstr(out, "</tbody></table></section>\n");
}

static void metrics(struct strbuf *out, const struct boundaries *b)
{
	if (!b)
		return;
	const struct partition_metrics *p = &b->proposal, *d = &b->baseline;
	strbuf_addf(out, "<section id=\"metrics\"><h2>Metrics</h2>\n<table id=\"metrics-table\"><thead><tr><th>metric</th>"
		    "<th>proposal</th><th>directory baseline</th></tr></thead><tbody>\n"
		    "<tr><td>services</td><td class=\"num\">%u</td><td class=\"num\">%u</td></tr>\n",
		    p->services, d->services);
	const char *names[] = { "modularity (Q)", "TurboMQ", "ICP (inter-partition calls)", "IFN (interface number)",
				"SM (structural modularity)", "NED (non-extreme distribution)" };
	const double pv[] = { p->modularity, p->turbomq, p->icp, p->ifn, p->sm, p->ned };
	const double dv[] = { d->modularity, d->turbomq, d->icp, d->ifn, d->sm, d->ned };
	for (size_t i = 0; i < sizeof(pv) / sizeof(pv[0]); i++)
		strbuf_addf(out, "<tr><td>%s</td><td class=\"num\">%.3f</td><td class=\"num\">%.3f</td></tr>\n", names[i],
			    pv[i], dv[i]);
	strbuf_addstr(out, "</tbody></table></section>\n");
}

/* The search index: [name, file, line, class, service] per defined
 * function, as JSON inside a script element ('<' escaped, so no name can
 * close it). */
static void search_index(struct strbuf *out, const struct model *m, const struct report_context *ctx)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t f = 0; f < m->functions.n; f++) {
		if (!m->functions.v[f].defined)
			continue;
		cJSON *row = cJSON_CreateArray();
		uint32_t svc = ctx->boundaries ? ctx->boundaries->fn_service[f] : MODEL_NONE;
		cJSON_AddItemToArray(row, cJSON_CreateString(m->functions.v[f].name));
		cJSON_AddItemToArray(row, cJSON_CreateString(fn_path(m, (uint32_t)f)));
		cJSON_AddItemToArray(row, cJSON_CreateNumber(m->functions.v[f].line));
		cJSON_AddItemToArray(row, cJSON_CreateString(ctx->analysis ? class_name((enum fn_class)ctx->analysis->fns[f].cls) : ""));
		cJSON_AddItemToArray(row, cJSON_CreateString(svc != MODEL_NONE ? ctx->boundaries->services[svc].name : ""));
		cJSON_AddItemToArray(arr, row);
	}
	char *json = cJSON_PrintUnformatted(arr);
	strbuf_addstr(out, "<script type=\"application/json\" id=\"seam-index\">");
	for (const char *p = json; *p; p++) {
		if (*p == '<' || *p == '>' || *p == '&')
			strbuf_addf(out, "\\u%04x", (unsigned char)*p);
		else
			strbuf_addch(out, *p);
	}
	strbuf_addstr(out, "</script>\n");
	free(json);
	cJSON_Delete(arr);
}

void report_html_write(const struct model *m, const struct report_context *ctx, struct strbuf *out)
{
	head(out, m, ctx);
	figures(out, m, ctx);
	views(out, ctx);
	services(out, m, ctx->boundaries);
	candidates(out, m, ctx->analysis);
	hotspots(out, m, ctx);
	metrics(out, ctx->boundaries);
	strbuf_addstr(out, "</main>\n");
	search_index(out, m, ctx);
	strbuf_addf(out, "<script>\n%s</script>\n</body>\n</html>\n", asset("report.js"));
}
