/* report_json.c — report.json: the program model as JSON (docs/report-format.md).
 * One top-level key per line and one array element per line, so reports
 * diff well; same model, same bytes. */
#include "jsonout.h"
#include "report.h"
#include "utf8.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *file_path(const struct model *m, uint32_t f)
{
	return f == MODEL_NONE ? "" : m->files.v[f].path;
}

static void add_place(cJSON *o, const struct model *m, uint32_t file, uint32_t line, uint32_t col)
{
	cJSON_AddStringToObject(o, "file", file_path(m, file));
	cJSON_AddNumberToObject(o, "line", line);
	cJSON_AddNumberToObject(o, "column", col);
}

static void emit(struct strbuf *out, cJSON *item, bool last)
{
	strbuf_addstr(out, "    ");
	jsonout_item(out, item);
	strbuf_addstr(out, last ? "\n" : ",\n");
	cJSON_Delete(item);
}

struct json_ctx {
	const struct model *m;
	const struct analysis *a;   /* may be NULL */
	const struct boundaries *b; /* may be NULL */
};

typedef cJSON *(*element_fn)(const struct json_ctx *x, size_t i);

static void emit_array(struct strbuf *out, const char *name, const struct json_ctx *x, size_t n,
		       element_fn fn, bool last)
{
	if (n == 0) {
		strbuf_addf(out, "  \"%s\": []%s\n", name, last ? "" : ",");
		return;
	}
	strbuf_addf(out, "  \"%s\": [\n", name);
	for (size_t i = 0; i < n; i++)
		emit(out, fn(x, i), i + 1 == n);
	strbuf_addf(out, "  ]%s\n", last ? "" : ",");
}

static void add_function_analysis(cJSON *o, const struct analysis *a, size_t i)
{
	const struct fn_analysis *fa = &a->fns[i];
	const struct model *m = a->m;
	cJSON_AddStringToObject(o, "class", class_name((enum fn_class)fa->cls));
	cJSON *eff = cJSON_AddArrayToObject(o, "effects");
	for (int e = 0; e < EFFECT_COUNT; e++)
		if (fa->effects & (1u << e))
			cJSON_AddItemToArray(eff, cJSON_CreateString(effect_name((enum effect)e)));
	cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
	for (uint32_t k = 0; k < fa->nsteps; k++) {
		const struct evidence_step *st = &fa->steps[k];
		cJSON *step = cJSON_CreateObject();
		cJSON_AddNumberToObject(step, "function", st->function);
		cJSON_AddStringToObject(step, "file", file_path(m, st->file));
		cJSON_AddNumberToObject(step, "line", st->line);
		cJSON_AddStringToObject(step, "what", st->what);
		cJSON_AddItemToArray(ev, step);
	}
	if (fa->entry == ENTRY_NONE)
		cJSON_AddNullToObject(o, "entry");
	else
		cJSON_AddStringToObject(o, "entry", entry_kind_name((enum entry_kind)fa->entry));
}

static cJSON *candidate_json(const struct json_ctx *x, size_t i)
{
	const struct candidate *c = &x->a->candidates.v[i];
	const struct fn_analysis *fa = &x->a->fns[c->function];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", c->function);
	cJSON_AddStringToObject(o, "name", x->m->functions.v[c->function].name);
	cJSON_AddStringToObject(o, "file", file_path(x->m, x->m->functions.v[c->function].file));
	cJSON_AddStringToObject(o, "entry", entry_kind_name((enum entry_kind)fa->entry));
	cJSON_AddStringToObject(o, "class", class_name((enum fn_class)fa->cls));
	cJSON_AddBoolToObject(o, "fits", c->fits);
	cJSON_AddNumberToObject(o, "score", c->score);
	cJSON_AddNumberToObject(o, "closure_functions", fa->closure_functions);
	cJSON_AddNumberToObject(o, "closure_lines", fa->closure_lines);
	cJSON *r = cJSON_AddArrayToObject(o, "reasons");
	for (size_t k = 0; k < c->reasons.n; k++)
		cJSON_AddItemToArray(r, cJSON_CreateString(c->reasons.v[k]));
	cJSON *b = cJSON_AddArrayToObject(o, "blockers");
	for (size_t k = 0; k < c->blockers.n; k++)
		cJSON_AddItemToArray(b, cJSON_CreateString(c->blockers.v[k]));
	return o;
}

static cJSON *analysis_summary(const struct analysis *a)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *cls = cJSON_AddObjectToObject(o, "classes");
	for (int c = 0; c < CLASS_COUNT; c++)
		cJSON_AddNumberToObject(cls, class_name((enum fn_class)c), a->class_counts[c]);
	cJSON *ind = cJSON_AddObjectToObject(o, "indirect_calls");
	cJSON_AddNumberToObject(ind, "total", a->indirect);
	cJSON_AddNumberToObject(ind, "resolved_by_table", a->by_table);
	cJSON_AddNumberToObject(ind, "resolved_by_type", a->by_type);
	cJSON_AddNumberToObject(ind, "unresolved", a->unresolved);
	cJSON *unk = cJSON_AddArrayToObject(o, "unknown_functions");
	for (size_t i = 0; i < a->unknowns.n; i++) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "name", a->unknowns.v[i].name);
		cJSON_AddNumberToObject(u, "calls", a->unknowns.v[i].calls);
		cJSON_AddItemToArray(unk, u);
	}
	cJSON *cfg = cJSON_AddArrayToObject(o, "config_globals");
	for (size_t g = 0; g < a->m->globals.n; g++)
		if (a->config[g])
			cJSON_AddItemToArray(cfg, cJSON_CreateNumber((double)g));
	return o;
}

static cJSON *ids_json(const struct id_list *l)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(l->v[i]));
	return arr;
}

static cJSON *service_json(const struct json_ctx *x, size_t i)
{
	const struct boundaries *b = x->b;
	const struct service *sv = &b->services[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)i);
	cJSON_AddStringToObject(o, "name", sv->name);
	cJSON *files = cJSON_AddArrayToObject(o, "files");
	for (size_t k = 0; k < sv->files.n; k++)
		cJSON_AddItemToArray(files, cJSON_CreateString(x->m->files.v[sv->files.v[k]].path));
	cJSON_AddItemToObject(o, "functions", ids_json(&sv->functions));
	cJSON_AddItemToObject(o, "owned_globals", ids_json(&sv->owned));
	cJSON_AddItemToObject(o, "api", ids_json(&sv->api));
	cJSON_AddNumberToObject(o, "calls_in", sv->calls_in);
	cJSON_AddNumberToObject(o, "calls_out", sv->calls_out);
	cJSON *cls = cJSON_AddObjectToObject(o, "classes");
	for (int c = 0; c < CLASS_COUNT; c++)
		cJSON_AddNumberToObject(cls, class_name((enum fn_class)c), sv->classes[c]);
	cJSON_AddStringToObject(o, "recommendation", recommendation_name((enum recommendation)sv->recommendation));
	cJSON *r = cJSON_AddArrayToObject(o, "reasons");
	for (size_t k = 0; k < sv->reasons.n; k++)
		cJSON_AddItemToArray(r, cJSON_CreateString(sv->reasons.v[k]));
	return o;
}

static cJSON *state_cut_json(const struct json_ctx *x, size_t i)
{
	const struct boundaries *b = x->b;
	const struct state_cut *c = &b->state_cuts.v[i];
	const struct model_access *ac = &x->m->accesses.v[c->access];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "global", ac->global);
	cJSON_AddStringToObject(o, "owner", b->services[c->owner].name);
	cJSON_AddStringToObject(o, "service", b->services[c->user].name);
	cJSON_AddNumberToObject(o, "function", ac->function);
	cJSON_AddStringToObject(o, "kind", model_access_kind_name(ac->kind));
	add_place(o, x->m, ac->file, ac->line, ac->col);
	return o;
}

static cJSON *call_cut_json(const struct json_ctx *x, size_t i)
{
	const struct boundaries *b = x->b;
	const struct call_cut *c = &b->call_cuts.v[i];
	const struct model_call *call = &x->m->calls.v[c->call];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "caller", call->caller);
	cJSON_AddNumberToObject(o, "callee", c->callee);
	cJSON_AddStringToObject(o, "from", b->services[c->from].name);
	cJSON_AddStringToObject(o, "to", b->services[c->to].name);
	add_place(o, x->m, call->file, call->line, call->col);
	cJSON_AddStringToObject(o, "carries", c->carries);
	return o;
}

static cJSON *metrics_json(const struct partition_metrics *pm)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "services", pm->services);
	cJSON_AddNumberToObject(o, "modularity", round(pm->modularity * 1e6) / 1e6);
	cJSON_AddNumberToObject(o, "turbomq", round(pm->turbomq * 1e6) / 1e6);
	cJSON_AddNumberToObject(o, "icp", round(pm->icp * 1e6) / 1e6);
	cJSON_AddNumberToObject(o, "ifn", round(pm->ifn * 1e6) / 1e6);
	cJSON_AddNumberToObject(o, "sm", round(pm->sm * 1e6) / 1e6);
	cJSON_AddNumberToObject(o, "ned", round(pm->ned * 1e6) / 1e6);
	return o;
}

static cJSON *clustering_json(const struct boundaries *b)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "granularity", b->o.granularity == GRANULARITY_FILE ? "file" : "function");
	cJSON_AddNumberToObject(o, "resolution", round(b->resolution * 1e6) / 1e6);
	if (b->o.services)
		cJSON_AddNumberToObject(o, "services_requested", b->o.services);
	else
		cJSON_AddNullToObject(o, "services_requested");
	cJSON *w = cJSON_AddObjectToObject(o, "weights");
	cJSON_AddNumberToObject(w, "calls", b->o.weights.calls);
	cJSON_AddNumberToObject(w, "state", b->o.weights.state);
	cJSON_AddNumberToObject(w, "types", b->o.weights.types);
	cJSON_AddNumberToObject(w, "includes", b->o.weights.includes);
	cJSON_AddNumberToObject(w, "dir", b->o.weights.dir);
	cJSON *m = cJSON_AddObjectToObject(o, "metrics");
	cJSON_AddItemToObject(m, "proposal", metrics_json(&b->proposal));
	cJSON_AddItemToObject(m, "directory_baseline", metrics_json(&b->baseline));
	return o;
}

static cJSON *file_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_file *f = &m->files.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)i);
	cJSON_AddStringToObject(o, "path", f->path);
	cJSON_AddBoolToObject(o, "tu", f->tu);
	cJSON_AddBoolToObject(o, "parsed", f->parsed);
	cJSON_AddNumberToObject(o, "errors", f->errors);
	cJSON_AddNumberToObject(o, "warnings", f->warnings);
	if (f->tu) {
		cJSON *msgs = cJSON_AddArrayToObject(o, "messages");
		for (uint32_t k = 0; k < f->nmessages; k++)
			cJSON_AddItemToArray(msgs, cJSON_CreateString(f->messages[k]));
	}
	return o;
}

static cJSON *function_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_function *f = &m->functions.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)i);
	cJSON_AddStringToObject(o, "name", f->name);
	cJSON_AddStringToObject(o, "usr", f->usr);
	cJSON_AddStringToObject(o, "file", file_path(m, f->file));
	cJSON_AddNumberToObject(o, "line", f->line);
	cJSON_AddNumberToObject(o, "end_line", f->end_line);
	cJSON_AddStringToObject(o, "linkage", model_linkage_name(f->linkage));
	cJSON_AddBoolToObject(o, "inline", f->inline_);
	cJSON_AddBoolToObject(o, "defined", f->defined);
	cJSON_AddBoolToObject(o, "address_taken", f->address_taken);
	cJSON_AddBoolToObject(o, "variadic", f->variadic);
	cJSON_AddStringToObject(o, "signature", f->signature);
	cJSON_AddStringToObject(o, "type", f->type ? f->type : "");
	cJSON_AddNumberToObject(o, "lines", f->defined ? f->end_line - f->line + 1 : 0);
	cJSON_AddNumberToObject(o, "statements", f->statements);
	if (x->a)
		add_function_analysis(o, x->a, i);
	return o;
}

static cJSON *global_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_global *g = &m->globals.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)i);
	cJSON_AddStringToObject(o, "name", g->name);
	cJSON_AddStringToObject(o, "usr", g->usr);
	cJSON_AddStringToObject(o, "file", file_path(m, g->file));
	cJSON_AddNumberToObject(o, "line", g->line);
	cJSON_AddStringToObject(o, "kind", model_global_kind_name(g->kind));
	cJSON_AddBoolToObject(o, "const", g->is_const);
	cJSON_AddBoolToObject(o, "defined", g->defined);
	cJSON_AddStringToObject(o, "type", g->type);
	if (g->function != MODEL_NONE)
		cJSON_AddNumberToObject(o, "function", g->function);
	return o;
}

static cJSON *type_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_type *t = &m->types.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)i);
	cJSON_AddStringToObject(o, "name", t->name);
	cJSON_AddStringToObject(o, "usr", t->usr);
	cJSON_AddStringToObject(o, "kind", t->is_union ? "union" : "struct");
	cJSON_AddStringToObject(o, "file", file_path(m, t->file));
	cJSON_AddNumberToObject(o, "line", t->line);
	return o;
}

static cJSON *call_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_call *c = &m->calls.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "caller", c->caller);
	if (c->indirect)
		cJSON_AddNullToObject(o, "callee");
	else
		cJSON_AddNumberToObject(o, "callee", c->callee);
	add_place(o, m, c->file, c->line, c->col);
	cJSON_AddBoolToObject(o, "indirect", c->indirect);
	if (c->indirect) {
		cJSON *via = cJSON_AddObjectToObject(o, "via");
		cJSON_AddStringToObject(via, "kind", model_via_name(c->via));
		if (c->via_name)
			cJSON_AddStringToObject(via, "name", c->via_name);
		if (c->via_struct)
			cJSON_AddStringToObject(via, "struct", c->via_struct);
		cJSON_AddStringToObject(o, "type", c->fptr_type ? c->fptr_type : "");
		if (x->a) {
			const struct call_targets *t = &x->a->calls[i];
			cJSON_AddStringToObject(o, "resolution", resolution_name((enum resolution)t->how));
			cJSON *arr = cJSON_AddArrayToObject(o, "targets");
			for (uint32_t k = 0; k < t->ntargets; k++)
				cJSON_AddItemToArray(arr, cJSON_CreateNumber(t->targets[k]));
		}
	}
	return o;
}

static cJSON *external_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_external_call *e = &m->external_calls.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "caller", e->caller);
	cJSON_AddStringToObject(o, "name", e->name);
	add_place(o, m, e->file, e->line, e->col);
	return o;
}

static cJSON *access_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_access *a = &m->accesses.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", a->function);
	cJSON_AddNumberToObject(o, "global", a->global);
	cJSON_AddStringToObject(o, "kind", model_access_kind_name(a->kind));
	add_place(o, m, a->file, a->line, a->col);
	return o;
}

static cJSON *ref_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_ref *r = &m->refs.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", r->function);
	cJSON_AddNumberToObject(o, r->from_kind == REF_FUNCTION ? "from_function" : "from_global", r->from);
	add_place(o, m, r->file, r->line, r->col);
	if (r->call)
		cJSON_AddStringToObject(o, "call", r->call);
	if (r->field)
		cJSON_AddStringToObject(o, "field", r->field);
	return o;
}

static cJSON *loop_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	const struct model_loop *l = &m->loops.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", l->function);
	cJSON_AddStringToObject(o, "file", file_path(m, l->file));
	cJSON_AddNumberToObject(o, "line", l->line);
	cJSON_AddNumberToObject(o, "end_line", l->end_line);
	cJSON_AddBoolToObject(o, "infinite", l->infinite);
	cJSON_AddBoolToObject(o, "exits", l->exits);
	cJSON_AddBoolToObject(o, "controlled", l->controlled);
	return o;
}

static cJSON *include_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "from", file_path(m, m->includes.v[i].from));
	cJSON_AddStringToObject(o, "to", file_path(m, m->includes.v[i].to));
	return o;
}

static cJSON *type_use_json(const struct json_ctx *x, size_t i)
{
	const struct model *m = x->m;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", m->type_uses.v[i].function);
	cJSON_AddNumberToObject(o, "type", m->type_uses.v[i].type);
	return o;
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

static void emit_object(struct strbuf *out, const char *name, cJSON *o)
{
	strbuf_addf(out, "  \"%s\": ", name);
	jsonout_item(out, o);
	strbuf_addstr(out, ",\n");
	cJSON_Delete(o);
}

static void emit_header(const struct model *m, const struct report_context *ctx, struct strbuf *out)
{
	strbuf_addf(out, "{\n  \"schema_version\": %d,\n", REPORT_SCHEMA_VERSION);
	cJSON *tool = cJSON_CreateObject();
	cJSON_AddStringToObject(tool, "name", "seam");
	cJSON_AddStringToObject(tool, "version", ctx->tool_version);
	cJSON_AddStringToObject(tool, "libclang", ctx->libclang_version);
	emit_object(out, "tool", tool);
	cJSON *in = cJSON_CreateObject();
	cJSON_AddStringToObject(in, "root", m->root ? m->root : "");
	if (ctx->compile_database)
		cJSON_AddStringToObject(in, "compile_database", ctx->compile_database);
	else
		cJSON_AddNullToObject(in, "compile_database");
	cJSON_AddNumberToObject(in, "translation_units", ctx->tus);
	emit_object(out, "inputs", in);
	cJSON *s = cJSON_CreateObject();
	cJSON_AddNumberToObject(s, "files", (double)m->files.n);
	cJSON_AddNumberToObject(s, "translation_units", ctx->tus);
	cJSON_AddNumberToObject(s, "translation_units_failed", ctx->tus_failed);
	cJSON_AddNumberToObject(s, "translation_units_with_errors", ctx->tus_with_errors);
	cJSON_AddNumberToObject(s, "functions", (double)m->functions.n);
	cJSON_AddNumberToObject(s, "functions_defined", (double)count_defined(m));
	cJSON_AddNumberToObject(s, "calls", (double)m->calls.n);
	cJSON_AddNumberToObject(s, "indirect_calls", (double)count_indirect(m));
	cJSON_AddNumberToObject(s, "external_calls", (double)m->external_calls.n);
	cJSON_AddNumberToObject(s, "globals", (double)m->globals.n);
	cJSON_AddNumberToObject(s, "accesses", (double)m->accesses.n);
	cJSON_AddNumberToObject(s, "types", (double)m->types.n);
	emit_object(out, "summary", s);
}

void report_json_write(const struct model *m, const struct report_context *ctx, struct strbuf *out)
{
	const struct json_ctx xc = { m, ctx->analysis, ctx->boundaries }, *x = &xc;
	size_t start = out->len;
	emit_header(m, ctx, out);
	if (ctx->analysis)
		emit_object(out, "analysis", analysis_summary(ctx->analysis));
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
		cJSON *cl = clustering_json(b);
		strbuf_addstr(out, "  \"metrics\": ");
		jsonout_item(out, cJSON_GetObjectItemCaseSensitive(cl, "metrics"));
		strbuf_addstr(out, ",\n");
		cJSON_DeleteItemFromObjectCaseSensitive(cl, "metrics");
		emit_object(out, "clustering", cl);
		emit_array(out, "services", x, b->nservices, service_json, false);
		emit_array(out, "cut_costs", x, b->state_cuts.n, state_cut_json, false);
		emit_array(out, "crossing_calls", x, b->call_cuts.n, call_cut_json, true);
	}
	strbuf_addstr(out, "}\n");
	/* file names and diagnostics are bytes; JSON is UTF-8 */
	utf8_sanitize(out, start);
}
