/* report_json.c — report.json: the program model as JSON (docs/report-format.md).
 * One top-level key per line and one array element per line, so reports
 * diff well; same model, same bytes. Written member by member with jsonout
 * (no cJSON tree: on large programs building and freeing one cost more
 * than printing it). */
#include "jsonout.h"
#include "report.h"
#include "utf8.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *file_path(const struct model *m, uint32_t f)
{
	return f == MODEL_NONE ? "" : m->files.v[f].path;
}

static void add_place(struct jsonout *o, const struct model *m, uint32_t file, uint32_t line, uint32_t col)
{
	jsonout_add_string(o, "file", file_path(m, file));
	jsonout_add_number(o, "line", line);
	jsonout_add_number(o, "column", col);
}

static void add_strings(struct jsonout *o, const char *key, const char *const *v, size_t n)
{
	struct jsonout arr;
	jsonout_nest(&arr, o, key, '[');
	for (size_t k = 0; k < n; k++)
		jsonout_add_string(&arr, NULL, v[k]);
	jsonout_end(&arr, ']');
}

static void add_ids(struct jsonout *o, const char *key, const uint32_t *v, size_t n)
{
	struct jsonout arr;
	jsonout_nest(&arr, o, key, '[');
	for (size_t k = 0; k < n; k++)
		jsonout_add_number(&arr, NULL, v[k]);
	jsonout_end(&arr, ']');
}

struct json_ctx {
	const struct model *m;
	const struct analysis *a;   /* may be NULL */
	const struct boundaries *b; /* may be NULL */
};

/* Writes element i of an array as one JSON object. */
typedef void (*element_fn)(struct strbuf *out, const struct json_ctx *x, size_t i);

static void emit_array(struct strbuf *out, const char *name, const struct json_ctx *x, size_t n,
		       element_fn fn, bool last)
{
	if (n == 0) {
		strbuf_addf(out, "  \"%s\": []%s\n", name, last ? "" : ",");
		return;
	}
	strbuf_addf(out, "  \"%s\": [\n", name);
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(out, "    ");
		fn(out, x, i);
		strbuf_addstr(out, i + 1 == n ? "\n" : ",\n");
	}
	strbuf_addf(out, "  ]%s\n", last ? "" : ",");
}

static void add_function_analysis(struct jsonout *o, const struct analysis *a, size_t i)
{
	const struct fn_analysis *fa = &a->fns[i];
	const struct model *m = a->m;
	jsonout_add_string(o, "class", class_name((enum fn_class)fa->cls));
	struct jsonout eff, ev;
	jsonout_nest(&eff, o, "effects", '[');
	for (int e = 0; e < EFFECT_COUNT; e++)
		if (fa->effects & (1u << e))
			jsonout_add_string(&eff, NULL, effect_name((enum effect)e));
	jsonout_end(&eff, ']');
	jsonout_nest(&ev, o, "evidence", '[');
	for (uint32_t k = 0; k < fa->nsteps; k++) {
		const struct evidence_step *st = &fa->steps[k];
		struct jsonout step;
		jsonout_nest(&step, &ev, NULL, '{');
		jsonout_add_number(&step, "function", st->function);
		jsonout_add_string(&step, "file", file_path(m, st->file));
		jsonout_add_number(&step, "line", st->line);
		jsonout_add_string(&step, "what", st->what);
		jsonout_end(&step, '}');
	}
	jsonout_end(&ev, ']');
	if (fa->entry == ENTRY_NONE)
		jsonout_add_null(o, "entry");
	else
		jsonout_add_string(o, "entry", entry_kind_name((enum entry_kind)fa->entry));
}

static void candidate_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct candidate *c = &x->a->candidates.v[i];
	const struct fn_analysis *fa = &x->a->fns[c->function];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "function", c->function);
	jsonout_add_string(&o, "name", x->m->functions.v[c->function].name);
	jsonout_add_string(&o, "file", file_path(x->m, x->m->functions.v[c->function].file));
	jsonout_add_string(&o, "entry", entry_kind_name((enum entry_kind)fa->entry));
	jsonout_add_string(&o, "class", class_name((enum fn_class)fa->cls));
	jsonout_add_bool(&o, "fits", c->fits);
	jsonout_add_number(&o, "score", c->score);
	jsonout_add_number(&o, "closure_functions", fa->closure_functions);
	jsonout_add_number(&o, "closure_lines", fa->closure_lines);
	add_strings(&o, "reasons", c->reasons.v, c->reasons.n);
	add_strings(&o, "blockers", c->blockers.v, c->blockers.n);
	jsonout_end(&o, '}');
}

static void analysis_json(struct jsonout *o, const void *arg)
{
	const struct analysis *a = arg;
	struct jsonout cls, ind, unk, cfg;
	jsonout_nest(&cls, o, "classes", '{');
	for (int c = 0; c < CLASS_COUNT; c++)
		jsonout_add_number(&cls, class_name((enum fn_class)c), a->class_counts[c]);
	jsonout_end(&cls, '}');
	jsonout_nest(&ind, o, "indirect_calls", '{');
	jsonout_add_number(&ind, "total", a->indirect);
	jsonout_add_number(&ind, "resolved_by_table", a->by_table);
	jsonout_add_number(&ind, "resolved_by_type", a->by_type);
	jsonout_add_number(&ind, "unresolved", a->unresolved);
	jsonout_end(&ind, '}');
	jsonout_nest(&unk, o, "unknown_functions", '[');
	for (size_t i = 0; i < a->unknowns.n; i++) {
		struct jsonout u;
		jsonout_nest(&u, &unk, NULL, '{');
		jsonout_add_string(&u, "name", a->unknowns.v[i].name);
		jsonout_add_number(&u, "calls", a->unknowns.v[i].calls);
		jsonout_end(&u, '}');
	}
	jsonout_end(&unk, ']');
	jsonout_nest(&cfg, o, "config_globals", '[');
	for (size_t g = 0; g < a->m->globals.n; g++)
		if (a->config[g])
			jsonout_add_number(&cfg, NULL, (double)g);
	jsonout_end(&cfg, ']');
}

static void service_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct boundaries *b = x->b;
	const struct service *sv = &b->services[i];
	struct jsonout o, files, cls;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "id", (double)i);
	jsonout_add_string(&o, "name", sv->name);
	jsonout_nest(&files, &o, "files", '[');
	for (size_t k = 0; k < sv->files.n; k++)
		jsonout_add_string(&files, NULL, x->m->files.v[sv->files.v[k]].path);
	jsonout_end(&files, ']');
	add_ids(&o, "functions", sv->functions.v, sv->functions.n);
	add_ids(&o, "owned_globals", sv->owned.v, sv->owned.n);
	add_ids(&o, "api", sv->api.v, sv->api.n);
	jsonout_add_number(&o, "calls_in", sv->calls_in);
	jsonout_add_number(&o, "calls_out", sv->calls_out);
	jsonout_nest(&cls, &o, "classes", '{');
	for (int c = 0; c < CLASS_COUNT; c++)
		jsonout_add_number(&cls, class_name((enum fn_class)c), sv->classes[c]);
	jsonout_end(&cls, '}');
	jsonout_add_string(&o, "recommendation", recommendation_name((enum recommendation)sv->recommendation));
	add_strings(&o, "reasons", sv->reasons.v, sv->reasons.n);
	jsonout_end(&o, '}');
}

static void state_cut_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct boundaries *b = x->b;
	const struct state_cut *c = &b->state_cuts.v[i];
	const struct model_access *ac = &x->m->accesses.v[c->access];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "global", ac->global);
	jsonout_add_string(&o, "owner", b->services[c->owner].name);
	jsonout_add_string(&o, "service", b->services[c->user].name);
	jsonout_add_number(&o, "function", ac->function);
	jsonout_add_string(&o, "kind", model_access_kind_name(ac->kind));
	add_place(&o, x->m, ac->file, ac->line, ac->col);
	jsonout_end(&o, '}');
}

static void call_cut_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct boundaries *b = x->b;
	const struct call_cut *c = &b->call_cuts.v[i];
	const struct model_call *call = &x->m->calls.v[c->call];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "caller", call->caller);
	jsonout_add_number(&o, "callee", c->callee);
	jsonout_add_string(&o, "from", b->services[c->from].name);
	jsonout_add_string(&o, "to", b->services[c->to].name);
	add_place(&o, x->m, call->file, call->line, call->col);
	jsonout_add_string(&o, "carries", c->carries);
	jsonout_end(&o, '}');
}

static void metrics_json(struct jsonout *parent, const char *key, const struct partition_metrics *pm)
{
	struct jsonout o;
	jsonout_nest(&o, parent, key, '{');
	jsonout_add_number(&o, "services", pm->services);
	jsonout_add_number(&o, "modularity", round(pm->modularity * 1e6) / 1e6);
	jsonout_add_number(&o, "turbomq", round(pm->turbomq * 1e6) / 1e6);
	jsonout_add_number(&o, "icp", round(pm->icp * 1e6) / 1e6);
	jsonout_add_number(&o, "ifn", round(pm->ifn * 1e6) / 1e6);
	jsonout_add_number(&o, "sm", round(pm->sm * 1e6) / 1e6);
	jsonout_add_number(&o, "ned", round(pm->ned * 1e6) / 1e6);
	jsonout_end(&o, '}');
}

static void metrics_pair(struct jsonout *o, const void *arg)
{
	const struct boundaries *b = arg;
	metrics_json(o, "proposal", &b->proposal);
	metrics_json(o, "directory_baseline", &b->baseline);
}

static void clustering_json(struct jsonout *o, const void *arg)
{
	const struct boundaries *b = arg;
	jsonout_add_string(o, "granularity", b->o.granularity == GRANULARITY_FILE ? "file" : "function");
	jsonout_add_number(o, "resolution", round(b->resolution * 1e6) / 1e6);
	if (b->o.services)
		jsonout_add_number(o, "services_requested", b->o.services);
	else
		jsonout_add_null(o, "services_requested");
	struct jsonout w;
	jsonout_nest(&w, o, "weights", '{');
	jsonout_add_number(&w, "calls", b->o.weights.calls);
	jsonout_add_number(&w, "state", b->o.weights.state);
	jsonout_add_number(&w, "types", b->o.weights.types);
	jsonout_add_number(&w, "includes", b->o.weights.includes);
	jsonout_add_number(&w, "dir", b->o.weights.dir);
	jsonout_end(&w, '}');
}

static void file_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_file *f = &m->files.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "id", (double)i);
	jsonout_add_string(&o, "path", f->path);
	jsonout_add_bool(&o, "tu", f->tu);
	jsonout_add_bool(&o, "parsed", f->parsed);
	jsonout_add_number(&o, "errors", f->errors);
	jsonout_add_number(&o, "warnings", f->warnings);
	if (f->tu)
		add_strings(&o, "messages", (const char *const *)f->messages, f->nmessages);
	jsonout_end(&o, '}');
}

static void function_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_function *f = &m->functions.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "id", (double)i);
	jsonout_add_string(&o, "name", f->name);
	jsonout_add_string(&o, "usr", f->usr);
	jsonout_add_string(&o, "file", file_path(m, f->file));
	jsonout_add_number(&o, "line", f->line);
	jsonout_add_number(&o, "end_line", f->end_line);
	jsonout_add_string(&o, "linkage", model_linkage_name(f->linkage));
	jsonout_add_bool(&o, "inline", f->inline_);
	jsonout_add_bool(&o, "defined", f->defined);
	jsonout_add_bool(&o, "address_taken", f->address_taken);
	jsonout_add_bool(&o, "variadic", f->variadic);
	jsonout_add_string(&o, "signature", f->signature);
	jsonout_add_string(&o, "type", f->type ? f->type : "");
	jsonout_add_number(&o, "lines", f->defined ? f->end_line - f->line + 1 : 0);
	jsonout_add_number(&o, "statements", f->statements);
	if (x->a)
		add_function_analysis(&o, x->a, i);
	jsonout_end(&o, '}');
}

static void global_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_global *g = &m->globals.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "id", (double)i);
	jsonout_add_string(&o, "name", g->name);
	jsonout_add_string(&o, "usr", g->usr);
	jsonout_add_string(&o, "file", file_path(m, g->file));
	jsonout_add_number(&o, "line", g->line);
	jsonout_add_string(&o, "kind", model_global_kind_name(g->kind));
	jsonout_add_bool(&o, "const", g->is_const);
	jsonout_add_bool(&o, "defined", g->defined);
	jsonout_add_string(&o, "type", g->type);
	if (g->function != MODEL_NONE)
		jsonout_add_number(&o, "function", g->function);
	jsonout_end(&o, '}');
}

static void type_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_type *t = &m->types.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "id", (double)i);
	jsonout_add_string(&o, "name", t->name);
	jsonout_add_string(&o, "usr", t->usr);
	jsonout_add_string(&o, "kind", t->is_union ? "union" : "struct");
	jsonout_add_string(&o, "file", file_path(m, t->file));
	jsonout_add_number(&o, "line", t->line);
	jsonout_end(&o, '}');
}

static void add_indirect(struct jsonout *o, const struct json_ctx *x, size_t i)
{
	const struct model_call *c = &x->m->calls.v[i];
	struct jsonout via;
	jsonout_nest(&via, o, "via", '{');
	jsonout_add_string(&via, "kind", model_via_name(c->via));
	jsonout_add_string(&via, "name", c->via_name);
	jsonout_add_string(&via, "struct", c->via_struct);
	jsonout_end(&via, '}');
	jsonout_add_string(o, "type", c->fptr_type ? c->fptr_type : "");
	if (x->a) {
		const struct call_targets *t = &x->a->calls[i];
		jsonout_add_string(o, "resolution", resolution_name((enum resolution)t->how));
		add_ids(o, "targets", t->targets, t->ntargets);
	}
}

static void call_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_call *c = &m->calls.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "caller", c->caller);
	if (c->indirect)
		jsonout_add_null(&o, "callee");
	else
		jsonout_add_number(&o, "callee", c->callee);
	add_place(&o, m, c->file, c->line, c->col);
	jsonout_add_bool(&o, "indirect", c->indirect);
	if (c->indirect)
		add_indirect(&o, x, i);
	jsonout_end(&o, '}');
}

static void external_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_external_call *e = &m->external_calls.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "caller", e->caller);
	jsonout_add_string(&o, "name", e->name);
	add_place(&o, m, e->file, e->line, e->col);
	jsonout_end(&o, '}');
}

static void access_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_access *a = &m->accesses.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "function", a->function);
	jsonout_add_number(&o, "global", a->global);
	jsonout_add_string(&o, "kind", model_access_kind_name(a->kind));
	add_place(&o, m, a->file, a->line, a->col);
	jsonout_end(&o, '}');
}

static void ref_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_ref *r = &m->refs.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "function", r->function);
	jsonout_add_number(&o, r->from_kind == REF_FUNCTION ? "from_function" : "from_global", r->from);
	add_place(&o, m, r->file, r->line, r->col);
	jsonout_add_string(&o, "call", r->call);
	jsonout_add_string(&o, "field", r->field);
	jsonout_end(&o, '}');
}

static void loop_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_loop *l = &m->loops.v[i];
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "function", l->function);
	jsonout_add_string(&o, "file", file_path(m, l->file));
	jsonout_add_number(&o, "line", l->line);
	jsonout_add_number(&o, "end_line", l->end_line);
	jsonout_add_bool(&o, "infinite", l->infinite);
	jsonout_add_bool(&o, "exits", l->exits);
	jsonout_add_bool(&o, "controlled", l->controlled);
	jsonout_end(&o, '}');
}

static void include_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_string(&o, "from", file_path(m, m->includes.v[i].from));
	jsonout_add_string(&o, "to", file_path(m, m->includes.v[i].to));
	jsonout_end(&o, '}');
}

static void type_use_json(struct strbuf *out, const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	jsonout_add_number(&o, "function", m->type_uses.v[i].function);
	jsonout_add_number(&o, "type", m->type_uses.v[i].type);
	jsonout_end(&o, '}');
}

static size_t count_defined(const struct model *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->functions.n; i++)
		n += m->functions.v[i].defined;
	return n;
}

static size_t count_indirect(const struct model *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->calls.n; i++)
		n += m->calls.v[i].indirect;
	return n;
}

/* Writes a top-level key whose value fill writes as one object, on one line. */
typedef void (*object_fn)(struct jsonout *o, const void *arg);

static void emit_object(struct strbuf *out, const char *name, object_fn fill, const void *arg)
{
	strbuf_addf(out, "  \"%s\": ", name);
	struct jsonout o;
	jsonout_begin(&o, out, '{');
	fill(&o, arg);
	jsonout_end(&o, '}');
	strbuf_addstr(out, ",\n");
}

struct header {
	const struct model *m;
	const struct report_context *ctx;
};

static void tool_json(struct jsonout *o, const void *arg)
{
	const struct report_context *ctx = ((const struct header *)arg)->ctx;
	jsonout_add_string(o, "name", "seam");
	jsonout_add_string(o, "version", ctx->tool_version);
	jsonout_add_string(o, "libclang", ctx->libclang_version);
}

static void inputs_json(struct jsonout *o, const void *arg)
{
	const struct header *h = arg;
	jsonout_add_string(o, "root", h->m->root ? h->m->root : "");
	if (h->ctx->compile_database)
		jsonout_add_string(o, "compile_database", h->ctx->compile_database);
	else
		jsonout_add_null(o, "compile_database");
	jsonout_add_number(o, "translation_units", h->ctx->tus);
}

static void summary_json(struct jsonout *o, const void *arg)
{
	const struct model *m = ((const struct header *)arg)->m;
	const struct report_context *ctx = ((const struct header *)arg)->ctx;
	jsonout_add_number(o, "files", (double)m->files.n);
	jsonout_add_number(o, "translation_units", ctx->tus);
	jsonout_add_number(o, "translation_units_failed", ctx->tus_failed);
	jsonout_add_number(o, "translation_units_with_errors", ctx->tus_with_errors);
	jsonout_add_number(o, "functions", (double)m->functions.n);
	jsonout_add_number(o, "functions_defined", (double)count_defined(m));
	jsonout_add_number(o, "calls", (double)m->calls.n);
	jsonout_add_number(o, "indirect_calls", (double)count_indirect(m));
	jsonout_add_number(o, "external_calls", (double)m->external_calls.n);
	jsonout_add_number(o, "globals", (double)m->globals.n);
	jsonout_add_number(o, "accesses", (double)m->accesses.n);
	jsonout_add_number(o, "types", (double)m->types.n);
}

void report_json_write(const struct model *m, const struct report_context *ctx, struct strbuf *out)
{
	const struct json_ctx xc = { m, ctx->analysis, ctx->boundaries }, *x = &xc;
	const struct header h = { m, ctx };
	size_t start = out->len;
	strbuf_addf(out, "{\n  \"schema_version\": %d,\n", REPORT_SCHEMA_VERSION);
	emit_object(out, "tool", tool_json, &h);
	emit_object(out, "inputs", inputs_json, &h);
	emit_object(out, "summary", summary_json, &h);
	if (ctx->analysis)
		emit_object(out, "analysis", analysis_json, ctx->analysis);
	emit_array(out, "files", x, m->files.n, file_json, false);
	emit_array(out, "functions", x, m->functions.n, function_json, false);
	emit_array(out, "globals", x, m->globals.n, global_json, false);
	emit_array(out, "types", x, m->types.n, type_json, false);
	emit_array(out, "calls", x, m->calls.n, call_json, false);
	emit_array(out, "external_calls", x, m->external_calls.n, external_json, false);
	emit_array(out, "accesses", x, m->accesses.n, access_json, false);
	emit_array(out, "function_refs", x, m->refs.n, ref_json, false);
	emit_array(out, "loops", x, m->loops.n, loop_json, false);
	emit_array(out, "includes", x, m->includes.n, include_json, false);
	emit_array(out, "type_uses", x, m->type_uses.n, type_use_json, !ctx->analysis && !ctx->boundaries);
	if (ctx->analysis)
		emit_array(out, "candidates", x, ctx->analysis->candidates.n, candidate_json, !ctx->boundaries);
	if (ctx->boundaries) {
		const struct boundaries *b = ctx->boundaries;
		emit_object(out, "metrics", metrics_pair, b);
		emit_object(out, "clustering", clustering_json, b);
		emit_array(out, "services", x, b->nservices, service_json, false);
		emit_array(out, "cut_costs", x, b->state_cuts.n, state_cut_json, false);
		emit_array(out, "crossing_calls", x, b->call_cuts.n, call_cut_json, true);
	}
	strbuf_addstr(out, "}\n");
	/* file names and diagnostics are bytes; JSON is UTF-8 */
	utf8_sanitize(out, start);
}
