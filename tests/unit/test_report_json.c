/* test_report_json.c — unit tests for reports/report.h: report.json rendered
 * from small hand-built models, with and without an analysis, parsed back
 * with cJSON: key order, field values, escaping, layout, determinism. */
#include "modelfx.h"
#include "report.h"
#include <cjson/cJSON.h>

#define PACK "{\"schema\": 1, \"functions\": {\"printf\": [\"io-console\"]}}"

/* Names no C identifier has, but the writer must still carry. */
#define WEIRD "we\"ird\\na\nme\x01/\t"
#define UNI "na\xc3\xafve_\xc3\xbc\xe2\x82\xac" /* naïve_ü€ */
#define GTAB "g\ttab\"q\""
#define MSG "a.c:3:1: error: \"boom\" in C:\\dir\n  here"

/* include/h.h: decl_fn (declared only), struct req.
 * src/a.c: main, helper (in the routes table), WEIRD (a signal handler
 * that calls helper), UNI (exported). Ids after finalize: files
 * include/h.h 0, src/a.c 1; functions decl_fn 0, main 1, helper 2, WEIRD 3,
 * UNI 4; globals g_count 0, routes 1, calls 2, GTAB 3. */
static void build(struct mfx *x)
{
	mfx_init(x);
	struct model *m = &x->m;
	uint32_t fh = model_add_file(m, "/p/include/h.h");
	struct model_file *fa = &m->files.v[x->file];
	fa->parsed = false;
	fa->errors = 1;
	fa->warnings = 2;
	fa->nmessages = 1;
	fa->messages = arena_alloc(&m->arena, sizeof(char *));
	fa->messages[0] = model_intern(m, MSG);
	model_add_include(m, x->file, fh);
	struct model_type req = { .key = "c:@S@req", .usr = "c:@S@req", .name = "req", .file = fh, .line = 5 };
	uint32_t treq = model_add_type(m, &req);

	uint32_t decl = mfx_fn_full(x, "decl_fn", 2, 2, NULL, LINKAGE_EXTERN, false);
	m->functions.v[decl].file = fh;
	uint32_t g_count = mfx_global(x, "g_count", 1);
	uint32_t routes = mfx_global_full(x, "routes", "const struct req[2]", 2, GLOBAL_EXTERN, MODEL_NONE, true);
	uint32_t main_ = mfx_fn(x, "main", 3, 12);
	uint32_t calls = mfx_global_full(x, "calls", "int", 4, GLOBAL_STATIC_LOCAL, main_, false);
	mfx_global_full(x, GTAB, "double", 30, GLOBAL_FILE_STATIC, MODEL_NONE, false);
	uint32_t helper = mfx_static_fn(x, "helper", 14, 16);
	m->functions.v[helper].inline_ = true;
	uint32_t weird = mfx_fn(x, WEIRD, 20, 22);
	uint32_t uni = mfx_fn(x, UNI, 24, 26);
	m->functions.v[uni].variadic = true;
	m->functions.v[uni].statements = 7;

	mfx_call(x, main_, "helper", 5);
	mfx_call(x, main_, "printf", 6);
	mfx_indirect(x, main_, 7, VIA_FIELD, "fn", "req", MFX_TYPE);
	mfx_call(x, main_, "decl_fn", 8);
	mfx_call(x, weird, "helper", 21);
	mfx_access(x, main_, g_count, ACCESS_WRITE, 9);
	mfx_access(x, main_, calls, ACCESS_READ, 10);
	mfx_ref_global(x, helper, routes, 2);
	mfx_ref_fn(x, weird, main_, 11, "signal", NULL);
	mfx_loop(x, main_, 4, 11, false, true, true, 0);
	model_add_type_use(m, main_, treq);
	(void)uni;
}

static const struct report_context CTX = {
	.tool_version = "0.1.0",
	.libclang_version = "clang version 14.0.6",
	.compile_database = "build/compile_commands.json",
	.tus = 1,
	.tus_failed = 0,
	.tus_with_errors = 1,
};

/* Renders x (analysed or not) into a malloc'd string. */
static char *render(struct mfx *x, bool with_analysis)
{
	struct report_context ctx = CTX;
	ctx.analysis = with_analysis ? &x->a : NULL;
	struct strbuf out = STRBUF_INIT;
	report_json_write(&x->m, &ctx, &out);
	return strbuf_detach(&out);
}

static void prepare(struct mfx *x, bool with_analysis)
{
	build(x);
	if (with_analysis) {
		mfx_run(x, PACK);
	} else {
		model_finalize(&x->m, "/p");
	}
}

static cJSON *parse(const char *text)
{
	cJSON *root = cJSON_ParseWithLength(text, strlen(text));
	if (!root)
		fail_msg("report.json does not parse near: %.40s", cJSON_GetErrorPtr());
	assert_true(cJSON_IsObject(root));
	return root;
}

static cJSON *get(const cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		fail_msg("no key '%s'", key);
	return v;
}

static cJSON *at(const cJSON *o, const char *key, int i)
{
	cJSON *arr = get(o, key);
	assert_true(cJSON_IsArray(arr));
	cJSON *v = cJSON_GetArrayItem(arr, i);
	if (!v)
		fail_msg("no %s[%d]", key, i);
	return v;
}

static void is_str(const cJSON *o, const char *key, const char *want)
{
	cJSON *v = get(o, key);
	if (!cJSON_IsString(v))
		fail_msg("'%s' is not a string", key);
	assert_string_equal(v->valuestring, want);
}

static void is_num(const cJSON *o, const char *key, double want)
{
	cJSON *v = get(o, key);
	if (!cJSON_IsNumber(v))
		fail_msg("'%s' is not a number", key);
	if (v->valuedouble != want)
		fail_msg("'%s' is %g, want %g", key, v->valuedouble, want);
}

static void is_bool(const cJSON *o, const char *key, bool want)
{
	cJSON *v = get(o, key);
	if (!cJSON_IsBool(v))
		fail_msg("'%s' is not a boolean", key);
	assert_int_equal(cJSON_IsTrue(v), want);
}

static void is_null(const cJSON *o, const char *key)
{
	if (!cJSON_IsNull(get(o, key)))
		fail_msg("'%s' is not null", key);
}

static void absent(const cJSON *o, const char *key)
{
	if (cJSON_GetObjectItemCaseSensitive(o, key))
		fail_msg("'%s' should be absent", key);
}

static int size(const cJSON *o, const char *key)
{
	cJSON *arr = get(o, key);
	assert_true(cJSON_IsArray(arr) || cJSON_IsObject(arr));
	return cJSON_GetArraySize(arr);
}

/* The keys of an object, in order, are exactly `keys`. */
static void keys_are(const cJSON *o, const char *const *keys, size_t n)
{
	size_t i = 0;
	for (const cJSON *c = o->child; c; c = c->next, i++) {
		if (i >= n)
			fail_msg("extra key '%s'", c->string);
		if (strcmp(c->string, keys[i]) != 0)
			fail_msg("key %zu is '%s', want '%s'", i, c->string, keys[i]);
	}
	if (i != n)
		fail_msg("%zu keys, want %zu (missing '%s')", i, n, keys[i]);
}

/* ---- layout --------------------------------------------------------------- */

static const char *const MODEL_KEYS[] = {
	"schema_version", "tool", "inputs", "summary", "files", "functions", "globals", "types", "calls",
	"external_calls", "accesses", "function_refs", "loops", "includes", "type_uses",
};

static void test_keys_model_only(void **state)
{
	(void)state;
	struct mfx x;
	prepare(&x, false);
	char *text = render(&x, false);
	cJSON *root = parse(text);
	keys_are(root, MODEL_KEYS, sizeof(MODEL_KEYS) / sizeof(MODEL_KEYS[0]));
	assert_int_equal(strncmp(text, "{\n  \"schema_version\": 1,\n", 25), 0);
	assert_string_equal(text + strlen(text) - 2, "}\n");
	/* no analysis: no analysis fields either */
	absent(at(root, "functions", 1), "class");
	absent(at(root, "functions", 1), "entry");
	absent(at(root, "calls", 1), "resolution");
	absent(at(root, "calls", 1), "targets");
	cJSON_Delete(root);
	free(text);
	mfx_release(&x);
}

static void test_keys_with_analysis(void **state)
{
	(void)state;
	struct mfx x;
	prepare(&x, true);
	char *text = render(&x, true);
	cJSON *root = parse(text);
	static const char *const keys[] = {
		"schema_version", "tool", "inputs", "summary", "analysis", "files", "functions", "globals", "types",
		"calls", "external_calls", "accesses", "function_refs", "loops", "includes", "type_uses", "candidates",
	};
	keys_are(root, keys, sizeof(keys) / sizeof(keys[0]));
	static const char *const akeys[] = { "classes", "indirect_calls", "unknown_functions", "config_globals" };
	keys_are(get(root, "analysis"), akeys, 4);
	static const char *const ckeys[] = { "pure", "stateless", "config", "unknown", "stateful", "long-running" };
	keys_are(get(get(root, "analysis"), "classes"), ckeys, 6);
	cJSON_Delete(root);
	free(text);
	mfx_release(&x);
}

/* One top-level key per line, one array element per line. */
static void test_one_line_per_element(void **state)
{
	(void)state;
	for (int with = 0; with < 2; with++) {
		struct mfx x;
		prepare(&x, with);
		char *text = render(&x, with);
		cJSON *root = parse(text);
		size_t lines = 0;
		for (const char *p = text; *p; p++)
			lines += *p == '\n';
		size_t want = 2; /* { and } */
		for (const cJSON *c = root->child; c; c = c->next) {
			int n = cJSON_IsArray(c) ? cJSON_GetArraySize(c) : 0;
			want += n ? (size_t)n + 2 : 1;
			/* each element's line is one parseable JSON value */
			struct strbuf head = STRBUF_INIT;
			strbuf_addf(&head, "\n  \"%s\": ", c->string);
			const char *h = strstr(text, strbuf_str(&head));
			if (!h)
				fail_msg("'%s' is not at the start of a line", c->string);
			strbuf_release(&head);
			if (cJSON_IsArray(c) && n == 0)
				assert_int_equal(strncmp(strchr(h + 1, ':'), ": []", 4), 0);
			if (!cJSON_IsArray(c) || n == 0)
				continue;
			const char *line = strchr(h + 1, '\n') + 1;
			for (int i = 0; i < n; i++) {
				const char *end = strchr(line, '\n');
				assert_int_equal(strncmp(line, "    {", 5), 0);
				size_t len = (size_t)(end - line) - (i + 1 < n ? 1 : 0); /* the comma */
				cJSON *el = cJSON_ParseWithLength(line + 4, len - 4);
				assert_non_null(el);
				cJSON_Delete(el);
				if (i + 1 < n)
					assert_int_equal(end[-1], ',');
				line = end + 1;
			}
			assert_int_equal(strncmp(line, "  ]", 3), 0);
		}
		assert_int_equal(lines, want);
		cJSON_Delete(root);
		free(text);
		mfx_release(&x);
	}
}

static void test_empty_model(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	model_finalize(&m, "/p");
	struct strbuf out = STRBUF_INIT;
	report_json_write(&m, &CTX, &out);
	cJSON *root = parse(strbuf_str(&out));
	keys_are(root, MODEL_KEYS, sizeof(MODEL_KEYS) / sizeof(MODEL_KEYS[0]));
	for (size_t i = 4; i < sizeof(MODEL_KEYS) / sizeof(MODEL_KEYS[0]); i++)
		assert_int_equal(size(root, MODEL_KEYS[i]), 0);
	assert_non_null(strstr(strbuf_str(&out), "\n  \"files\": [],\n"));
	assert_non_null(strstr(strbuf_str(&out), "\n  \"type_uses\": []\n}\n"));
	is_num(get(root, "summary"), "functions", 0);
	cJSON_Delete(root);
	/* and with an (empty) analysis */
	struct catalog cat;
	catalog_init(&cat);
	struct analysis a;
	analysis_run(&a, &m, &cat);
	struct report_context ctx = CTX;
	ctx.analysis = &a;
	strbuf_reset(&out);
	report_json_write(&m, &ctx, &out);
	root = parse(strbuf_str(&out));
	assert_int_equal(size(root, "candidates"), 0);
	assert_non_null(strstr(strbuf_str(&out), "\n  \"type_uses\": [],\n  \"candidates\": []\n}\n"));
	cJSON_Delete(root);
	analysis_release(&a);
	catalog_release(&cat);
	strbuf_release(&out);
	model_release(&m);
}

/* ---- values --------------------------------------------------------------- */

static void test_header_values(void **state)
{
	(void)state;
	struct mfx x;
	prepare(&x, false);
	char *text = render(&x, false);
	cJSON *root = parse(text);
	is_num(root, "schema_version", REPORT_SCHEMA_VERSION);
	assert_int_equal(REPORT_SCHEMA_VERSION, 1);
	cJSON *tool = get(root, "tool");
	is_str(tool, "name", "seam");
	is_str(tool, "version", "0.1.0");
	is_str(tool, "libclang", "clang version 14.0.6");
	cJSON *in = get(root, "inputs");
	is_str(in, "root", "/p");
	is_str(in, "compile_database", "build/compile_commands.json");
	is_num(in, "translation_units", 1);
	cJSON *s = get(root, "summary");
	static const char *const skeys[] = {
		"files", "translation_units", "translation_units_failed", "translation_units_with_errors",
		"functions", "functions_defined", "calls", "indirect_calls", "external_calls", "globals",
		"accesses", "types",
	};
	keys_are(s, skeys, sizeof(skeys) / sizeof(skeys[0]));
	is_num(s, "files", 2);
	is_num(s, "translation_units", 1);
	is_num(s, "translation_units_failed", 0);
	is_num(s, "translation_units_with_errors", 1);
	is_num(s, "functions", 5);
	is_num(s, "functions_defined", 4);
	is_num(s, "calls", 3);
	is_num(s, "indirect_calls", 1);
	is_num(s, "external_calls", 2);
	is_num(s, "globals", 4);
	is_num(s, "accesses", 2);
	is_num(s, "types", 1);
	cJSON_Delete(root);
	free(text);

	/* scan mode: no compile database */
	struct report_context ctx = CTX;
	ctx.compile_database = NULL;
	struct strbuf out = STRBUF_INIT;
	report_json_write(&x.m, &ctx, &out);
	root = parse(strbuf_str(&out));
	is_null(get(root, "inputs"), "compile_database");
	cJSON_Delete(root);
	strbuf_release(&out);
	mfx_release(&x);
}

static void test_model_values(void **state)
{
	(void)state;
	struct mfx x;
	prepare(&x, false);
	char *text = render(&x, false);
	cJSON *root = parse(text);

	cJSON *f0 = at(root, "files", 0), *f1 = at(root, "files", 1);
	is_num(f0, "id", 0);
	is_str(f0, "path", "include/h.h");
	is_bool(f0, "tu", false);
	absent(f0, "messages");
	is_num(f1, "id", 1);
	is_str(f1, "path", MFX_REL);
	is_bool(f1, "tu", true);
	is_bool(f1, "parsed", false);
	is_num(f1, "errors", 1);
	is_num(f1, "warnings", 2);
	assert_int_equal(size(f1, "messages"), 1);
	assert_string_equal(cJSON_GetArrayItem(get(f1, "messages"), 0)->valuestring, MSG);

	assert_int_equal(size(root, "functions"), 5);
	cJSON *decl = at(root, "functions", 0);
	is_str(decl, "name", "decl_fn");
	is_str(decl, "file", "include/h.h");
	is_bool(decl, "defined", false);
	is_num(decl, "lines", 0);
	cJSON *main_ = at(root, "functions", 1);
	static const char *const fkeys[] = {
		"id", "name", "usr", "file", "line", "end_line", "linkage", "inline", "defined", "address_taken",
		"variadic", "signature", "type", "lines", "statements",
	};
	keys_are(main_, fkeys, sizeof(fkeys) / sizeof(fkeys[0]));
	is_num(main_, "id", 1);
	is_str(main_, "name", "main");
	is_str(main_, "usr", "c:@F@main");
	is_str(main_, "file", MFX_REL);
	is_num(main_, "line", 3);
	is_num(main_, "end_line", 12);
	is_str(main_, "linkage", "extern");
	is_bool(main_, "defined", true);
	is_bool(main_, "address_taken", false);
	is_str(main_, "signature", MFX_TYPE);
	is_str(main_, "type", MFX_TYPE);
	is_num(main_, "lines", 10);
	is_num(main_, "statements", 1);
	cJSON *helper = at(root, "functions", 2);
	is_str(helper, "name", "helper");
	is_str(helper, "linkage", "static");
	is_bool(helper, "inline", true);
	is_bool(helper, "address_taken", true);
	cJSON *uni = at(root, "functions", 4);
	is_bool(uni, "variadic", true);
	is_num(uni, "statements", 7);

	cJSON *g0 = at(root, "globals", 0), *g2 = at(root, "globals", 2), *g3 = at(root, "globals", 3);
	is_str(g0, "name", "g_count");
	is_str(g0, "kind", "global");
	is_bool(g0, "const", false);
	is_str(g0, "type", "int");
	absent(g0, "function");
	is_bool(get(root, "globals")->child->next, "const", true);
	is_str(g2, "name", "calls");
	is_str(g2, "kind", "static-local");
	is_num(g2, "function", 1);
	is_str(g3, "kind", "file-static");

	cJSON *t = at(root, "types", 0);
	is_str(t, "name", "req");
	is_str(t, "kind", "struct");
	is_str(t, "file", "include/h.h");
	is_num(t, "line", 5);

	assert_int_equal(size(root, "calls"), 3);
	cJSON *c0 = at(root, "calls", 0), *c1 = at(root, "calls", 1), *c2 = at(root, "calls", 2);
	is_num(c0, "caller", 1);
	is_num(c0, "callee", 2);
	is_str(c0, "file", MFX_REL);
	is_num(c0, "line", 5);
	is_num(c0, "column", 5);
	is_bool(c0, "indirect", false);
	absent(c0, "via");
	is_null(c1, "callee");
	is_bool(c1, "indirect", true);
	is_str(get(c1, "via"), "kind", "field");
	is_str(get(c1, "via"), "name", "fn");
	is_str(get(c1, "via"), "struct", "req");
	is_str(c1, "type", MFX_TYPE);
	is_num(c2, "caller", 3);
	is_num(c2, "callee", 2);

	cJSON *e0 = at(root, "external_calls", 0), *e1 = at(root, "external_calls", 1);
	is_num(e0, "caller", 1);
	is_str(e0, "name", "printf");
	is_num(e0, "line", 6);
	is_str(e1, "name", "decl_fn");

	cJSON *a0 = at(root, "accesses", 0), *a1 = at(root, "accesses", 1);
	is_num(a0, "function", 1);
	is_num(a0, "global", 0);
	is_str(a0, "kind", "write");
	is_num(a0, "line", 9);
	is_num(a0, "column", 3);
	is_str(a1, "kind", "read");
	is_num(a1, "global", 2);

	cJSON *r0 = at(root, "function_refs", 0), *r1 = at(root, "function_refs", 1);
	is_num(r0, "function", 2);
	is_num(r0, "from_global", 1);
	absent(r0, "from_function");
	absent(r0, "call");
	is_num(r1, "function", 3);
	is_num(r1, "from_function", 1);
	absent(r1, "from_global");
	is_str(r1, "call", "signal");
	absent(r1, "field");

	cJSON *l = at(root, "loops", 0);
	is_num(l, "function", 1);
	is_num(l, "line", 4);
	is_num(l, "end_line", 11);
	is_bool(l, "infinite", false);
	is_bool(l, "exits", true);
	is_bool(l, "controlled", true);

	is_str(at(root, "includes", 0), "from", MFX_REL);
	is_str(at(root, "includes", 0), "to", "include/h.h");
	is_num(at(root, "type_uses", 0), "function", 1);
	is_num(at(root, "type_uses", 0), "type", 0);
	cJSON_Delete(root);
	free(text);
	mfx_release(&x);
}

static void test_analysis_values(void **state)
{
	(void)state;
	struct mfx x;
	prepare(&x, true);
	char *text = render(&x, true);
	cJSON *root = parse(text);
	cJSON *an = get(root, "analysis");
	cJSON *cls = get(an, "classes");
	is_num(cls, "pure", 4);
	is_num(cls, "stateful", 1);
	is_num(cls, "unknown", 0);
	cJSON *ind = get(an, "indirect_calls");
	is_num(ind, "total", 1);
	is_num(ind, "resolved_by_table", 1);
	is_num(ind, "resolved_by_type", 0);
	is_num(ind, "unresolved", 0);
	assert_int_equal(size(an, "unknown_functions"), 1);
	is_str(at(an, "unknown_functions", 0), "name", "decl_fn");
	is_num(at(an, "unknown_functions", 0), "calls", 1);
	/* never written: configuration (const routes and the static local are not) */
	assert_int_equal(size(an, "config_globals"), 1);
	assert_int_equal(cJSON_GetArrayItem(get(an, "config_globals"), 0)->valuedouble, 3);

	cJSON *main_ = at(root, "functions", 1);
	is_str(main_, "class", "stateful");
	is_str(main_, "entry", "main");
	cJSON *eff = get(main_, "effects");
	const char *want[] = { "global-write", "static-local", "io-console", "unknown" }; /* fixed order */
	assert_int_equal(cJSON_GetArraySize(eff), 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(cJSON_GetArrayItem(eff, i)->valuestring, want[i]);
	assert_int_equal(size(main_, "evidence"), 1);
	cJSON *step = at(main_, "evidence", 0);
	static const char *const stkeys[] = { "function", "file", "line", "what" };
	keys_are(step, stkeys, 4);
	is_num(step, "function", 1);
	is_str(step, "file", MFX_REL);
	is_num(step, "line", 9);
	is_str(step, "what", "writes g_count");
	cJSON *decl = at(root, "functions", 0);
	is_str(decl, "class", "pure");
	is_null(decl, "entry");
	assert_int_equal(size(decl, "evidence"), 0);
	assert_int_equal(size(decl, "effects"), 0);
	is_str(at(root, "functions", 2), "entry", "dispatch-table");
	is_str(at(root, "functions", 3), "entry", "signal-handler");
	is_str(at(root, "functions", 4), "entry", "exported");

	cJSON *c1 = at(root, "calls", 1);
	is_str(c1, "resolution", "table");
	assert_int_equal(size(c1, "targets"), 1);
	assert_int_equal(cJSON_GetArrayItem(get(c1, "targets"), 0)->valuedouble, 2);
	absent(at(root, "calls", 0), "resolution");

	assert_int_equal(size(root, "candidates"), 2);
	cJSON *k0 = at(root, "candidates", 0), *k1 = at(root, "candidates", 1);
	static const char *const kkeys[] = { "function", "name", "file", "entry", "class", "fits", "score",
					     "closure_functions", "closure_lines", "reasons", "blockers" };
	keys_are(k0, kkeys, sizeof(kkeys) / sizeof(kkeys[0]));
	is_num(k0, "function", 2);
	is_str(k0, "name", "helper");
	is_str(k0, "file", MFX_REL);
	is_str(k0, "entry", "dispatch-table");
	is_str(k0, "class", "pure");
	is_bool(k0, "fits", true);
	is_num(k0, "score", x.a.candidates.v[0].score);
	is_num(k0, "closure_functions", 1);
	is_num(k0, "closure_lines", 3);
	assert_int_equal(size(k0, "reasons"), (int)x.a.candidates.v[0].reasons.n);
	assert_string_equal(cJSON_GetArrayItem(get(k0, "reasons"), 0)->valuestring,
			    "closure: 1 functions, 3 lines (a cold-start proxy)");
	assert_int_equal(size(k0, "blockers"), 0);
	is_str(k1, "name", UNI);
	is_str(k1, "entry", "exported");
	cJSON_Delete(root);
	free(text);
	mfx_release(&x);
}

/* ---- escaping and determinism ---------------------------------------------- */

static void test_escaping_round_trips(void **state)
{
	(void)state;
	struct mfx x;
	prepare(&x, true);
	char *text = render(&x, true);
	cJSON *root = parse(text);
	is_str(at(root, "functions", 3), "name", WEIRD);
	is_str(at(root, "functions", 3), "usr", "c:@F@" WEIRD);
	is_str(at(root, "functions", 4), "name", UNI);
	is_str(at(root, "globals", 3), "name", GTAB);
	assert_string_equal(cJSON_GetArrayItem(get(at(root, "files", 1), "messages"), 0)->valuestring, MSG);
	is_str(at(root, "candidates", 1), "name", UNI);
	/* on the wire: escaped, never a raw control character */
	assert_non_null(strstr(text, "\"we\\\"ird\\\\na\\nme\\u0001/\\t\""));
	assert_non_null(strstr(text, "\"g\\ttab\\\"q\\\"\""));
	assert_non_null(strstr(text, UNI)); /* UTF-8 as is */
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p < 0x20 && *p != '\n')
			fail_msg("raw control character 0x%02x at offset %td", *p, (const char *)p - text);
	cJSON_Delete(root);
	free(text);
	mfx_release(&x);
}

static void test_deterministic(void **state)
{
	(void)state;
	for (int with = 0; with < 2; with++) {
		struct mfx x, y;
		prepare(&x, with);
		prepare(&y, with);
		char *a = render(&x, with), *b = render(&x, with), *c = render(&y, with);
		assert_string_equal(a, b);
		assert_string_equal(a, c);
		free(a);
		free(b);
		free(c);
		mfx_release(&x);
		mfx_release(&y);
	}
}

/* The writer appends: what the caller had stays. */
static void test_appends(void **state)
{
	(void)state;
	struct mfx x;
	prepare(&x, false);
	struct strbuf out = STRBUF_INIT;
	strbuf_addstr(&out, "prefix");
	report_json_write(&x.m, &CTX, &out);
	assert_int_equal(strncmp(strbuf_str(&out), "prefix{\n", 8), 0);
	char *alone = render(&x, false);
	assert_string_equal(strbuf_str(&out) + 6, alone);
	free(alone);
	strbuf_release(&out);
	mfx_release(&x);
}

static void test_writer_table(void **state)
{
	(void)state;
	const struct report_writer *w = report_writer_find("json");
	assert_non_null(w);
	assert_string_equal(w->name, "json");
	assert_string_equal(w->file_name, "report.json");
	assert_ptr_equal(w->write, report_json_write);
	assert_null(report_writer_find("JSON"));
	assert_null(report_writer_find("sarif"));
	assert_null(report_writer_find(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_model_only),
		cmocka_unit_test(test_keys_with_analysis),
		cmocka_unit_test(test_one_line_per_element),
		cmocka_unit_test(test_empty_model),
		cmocka_unit_test(test_header_values),
		cmocka_unit_test(test_model_values),
		cmocka_unit_test(test_analysis_values),
		cmocka_unit_test(test_escaping_round_trips),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_writer_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
