/* report_json.c — report.json: the program model as JSON (docs/report-format.md).
 * One top-level key per line and one array element per line, so reports
 * diff well; same model, same bytes. */
#include "report.h"
#include <cjson/cJSON.h>
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
	char *s = cJSON_PrintUnformatted(item);
	strbuf_addf(out, "    %s%s\n", s, last ? "" : ",");
	free(s);
	cJSON_Delete(item);
}

typedef cJSON *(*element_fn)(const struct model *m, size_t i);

static void emit_array(struct strbuf *out, const char *name, const struct model *m, size_t n,
		       element_fn fn, bool last)
{
	if (n == 0) {
		strbuf_addf(out, "  \"%s\": []%s\n", name, last ? "" : ",");
		return;
	}
	strbuf_addf(out, "  \"%s\": [\n", name);
	for (size_t i = 0; i < n; i++)
		emit(out, fn(m, i), i + 1 == n);
	strbuf_addf(out, "  ]%s\n", last ? "" : ",");
}

static cJSON *file_json(const struct model *m, size_t i)
{
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

static cJSON *function_json(const struct model *m, size_t i)
{
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
	cJSON_AddNumberToObject(o, "lines", f->defined ? f->end_line - f->line + 1 : 0);
	cJSON_AddNumberToObject(o, "statements", f->statements);
	return o;
}

static cJSON *global_json(const struct model *m, size_t i)
{
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

static cJSON *type_json(const struct model *m, size_t i)
{
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

static cJSON *call_json(const struct model *m, size_t i)
{
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
	}
	return o;
}

static cJSON *external_json(const struct model *m, size_t i)
{
	const struct model_external_call *e = &m->external_calls.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "caller", e->caller);
	cJSON_AddStringToObject(o, "name", e->name);
	add_place(o, m, e->file, e->line, e->col);
	return o;
}

static cJSON *access_json(const struct model *m, size_t i)
{
	const struct model_access *a = &m->accesses.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", a->function);
	cJSON_AddNumberToObject(o, "global", a->global);
	cJSON_AddStringToObject(o, "kind", model_access_kind_name(a->kind));
	add_place(o, m, a->file, a->line, a->col);
	return o;
}

static cJSON *ref_json(const struct model *m, size_t i)
{
	const struct model_ref *r = &m->refs.v[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", r->function);
	cJSON_AddNumberToObject(o, r->from_kind == REF_FUNCTION ? "from_function" : "from_global", r->from);
	add_place(o, m, r->file, r->line, r->col);
	return o;
}

static cJSON *include_json(const struct model *m, size_t i)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "from", file_path(m, m->includes.v[i].from));
	cJSON_AddStringToObject(o, "to", file_path(m, m->includes.v[i].to));
	return o;
}

static cJSON *type_use_json(const struct model *m, size_t i)
{
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
	char *s = cJSON_PrintUnformatted(o);
	strbuf_addf(out, "  \"%s\": %s,\n", name, s);
	free(s);
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
	emit_header(m, ctx, out);
	emit_array(out, "files", m, m->files.n, file_json, false);
	emit_array(out, "functions", m, m->functions.n, function_json, false);
	emit_array(out, "globals", m, m->globals.n, global_json, false);
	emit_array(out, "types", m, m->types.n, type_json, false);
	emit_array(out, "calls", m, m->calls.n, call_json, false);
	emit_array(out, "external_calls", m, m->external_calls.n, external_json, false);
	emit_array(out, "accesses", m, m->accesses.n, access_json, false);
	emit_array(out, "function_refs", m, m->refs.n, ref_json, false);
	emit_array(out, "includes", m, m->includes.n, include_json, false);
	emit_array(out, "type_uses", m, m->type_uses.n, type_use_json, true);
	strbuf_addstr(out, "}\n");
}
