/* test_model.c — unit tests for analyzer/model/model.h */
#include "unit.h"
#include "model.h"

/* ---- building per-TU models as the extractor would ---------------------- */

#define K_FOO "c:@F@foo"
#define K_BAR "c:@F@bar"
#define K_EXT "c:@F@ext_decl"
#define K_PRINTF "c:@F@printf"
#define K_HELPER "c:a.c@F@helper@/p/src/a.c"
#define K_COUNTER "c:@counter"
#define K_TABLE "c:@table"
#define K_CALLS "c:a.c@F@foo@calls@/p/src/a.c"
#define K_REQ "c:@S@req"
#define K_ANON "c:h.h@S@h.h@170@/p/include/h.h"

static void set_tu(struct model *m, uint32_t file, bool parsed, uint32_t errors, const char *msg)
{
	struct model_file *f = &m->files.v[file];
	f->tu = true;
	f->parsed = parsed;
	f->errors = errors;
	if (msg) {
		f->nmessages = 1;
		f->messages = arena_alloc(&m->arena, sizeof(char *));
		f->messages[0] = model_intern(m, msg);
	}
}

static uint32_t fn(struct model *m, const char *key, const char *name, uint32_t file, uint32_t line,
		   bool defined)
{
	struct model_function f = {
		.key = key, .usr = key, .name = name, .signature = "int (int)", .file = file,
		.line = line, .end_line = defined ? line + 5 : line, .defined = defined,
	};
	return model_add_function(m, &f);
}

static uint32_t glob(struct model *m, const char *key, const char *name, const char *type,
		     uint32_t file, uint32_t line, bool defined, uint32_t function, uint8_t kind)
{
	struct model_global g = {
		.key = key, .usr = key, .name = name, .type = type, .file = file, .line = line,
		.function = function, .kind = kind, .defined = defined,
	};
	return model_add_global(m, &g);
}

static void direct(struct model *m, uint32_t caller, const char *key, const char *name,
		   uint32_t file, uint32_t line, uint32_t col)
{
	struct model_call c = {
		.caller = caller, .callee_key = key, .callee_name = name, .file = file,
		.line = line, .col = col,
	};
	model_add_call(m, &c);
}

static void access_(struct model *m, uint32_t function, uint32_t global, uint8_t kind,
		    uint32_t file, uint32_t line, uint32_t col)
{
	struct model_access a = { .function = function, .global = global, .kind = kind,
				   .file = file, .line = line, .col = col };
	model_add_access(m, &a);
}

/* a.c: defines foo, a static helper, the globals counter and table, a static
 * local in foo; calls bar (defined in b.c), helper, printf (external),
 * ext_decl (declared only) and a callback; has duplicate facts. */
static void build_tu_a(struct model *m)
{
	uint32_t fa = model_add_file(m, "/p/src/a.c");
	uint32_t fh = model_add_file(m, "/p/include/h.h");
	set_tu(m, fa, false, 2, "a.c:3:1: error: boom");
	uint32_t ext = fn(m, K_EXT, "ext_decl", fh, 7, false);
	uint32_t bar = fn(m, K_BAR, "bar", fh, 3, false);
	uint32_t foo_decl = fn(m, K_FOO, "foo", fh, 2, false);
	uint32_t helper = fn(m, K_HELPER, "helper", fa, 5, true);
	uint32_t foo = fn(m, K_FOO, "foo", fa, 10, true);
	assert_int_equal(foo, foo_decl);
	uint32_t counter = glob(m, K_COUNTER, "counter", "int", fh, 1, false, MODEL_NONE, GLOBAL_EXTERN);
	assert_int_equal(glob(m, K_COUNTER, "counter", "int", fa, 2, true, MODEL_NONE, GLOBAL_EXTERN),
			 counter);
	uint32_t table = glob(m, K_TABLE, "table", "struct (unnamed at /p/include/h.h:9:1)[2]", fa, 3,
			      true, MODEL_NONE, GLOBAL_EXTERN);
	uint32_t calls = glob(m, K_CALLS, "calls", "int", fa, 11, true, foo, GLOBAL_STATIC_LOCAL);
	struct model_type req = { .key = K_REQ, .usr = K_REQ, .name = "req", .file = fh, .line = 5 };
	uint32_t treq = model_add_type(m, &req);
	struct model_type anon = { .key = K_ANON, .usr = K_ANON,
				   .name = "struct (unnamed at /p/include/h.h:9:1)", .file = fh, .line = 9 };
	model_add_type(m, &anon);

	direct(m, foo, K_BAR, "bar", fa, 12, 5);
	direct(m, foo, K_BAR, "bar", fa, 12, 5); /* duplicate fact */
	direct(m, foo, K_HELPER, "helper", fa, 13, 5);
	direct(m, foo, K_PRINTF, "printf", fa, 14, 5);
	direct(m, foo, K_EXT, "ext_decl", fa, 15, 5);
	struct model_call ind = {
		.caller = foo, .file = fa, .line = 16, .col = 5, .indirect = true, .via = VIA_PARAMETER,
		.via_name = "cb", .fptr_type = "void (*)(struct (unnamed at /p/include/h.h:9:1) *)",
	};
	model_add_call(m, &ind);
	access_(m, foo, counter, ACCESS_WRITE, fa, 17, 3);
	access_(m, foo, counter, ACCESS_WRITE, fa, 17, 3); /* duplicate */
	access_(m, foo, calls, ACCESS_WRITE, fa, 18, 3);
	struct model_ref r1 = { .function = helper, .from_kind = REF_FUNCTION, .from = foo,
				.file = fa, .line = 19, .col = 10 };
	model_add_ref(m, &r1);
	struct model_ref r2 = { .function = foo, .from_kind = REF_GLOBAL, .from = table,
				.file = fa, .line = 3, .col = 20 };
	model_add_ref(m, &r2);
	model_add_ref(m, &r2); /* duplicate */
	model_add_include(m, fa, fh);
	model_add_include(m, fa, fh);
	model_add_type_use(m, foo, treq);
	(void)ext;
	(void)bar;
}

/* b.c: defines bar, which calls foo and reads counter (declared in h.h). */
static void build_tu_b(struct model *m)
{
	uint32_t fb = model_add_file(m, "/p/src/b.c");
	uint32_t fh = model_add_file(m, "/p/include/h.h");
	set_tu(m, fb, true, 0, NULL);
	fn(m, K_FOO, "foo", fh, 2, false);
	uint32_t bar = fn(m, K_BAR, "bar", fb, 4, true);
	uint32_t counter = glob(m, K_COUNTER, "counter", "int", fh, 1, false, MODEL_NONE, GLOBAL_EXTERN);
	struct model_type req = { .key = K_REQ, .usr = K_REQ, .name = "req", .file = fh, .line = 5 };
	uint32_t treq = model_add_type(m, &req);
	direct(m, bar, K_FOO, "foo", fb, 5, 3);
	access_(m, bar, counter, ACCESS_READ, fb, 6, 3);
	struct model_external_call e = { .caller = bar, .name = model_intern(m, "malloc"),
					 .file = fb, .line = 7, .col = 9 };
	VEC_PUSH(m->external_calls, e);
	model_add_include(m, fb, fh);
	model_add_type_use(m, bar, treq);
	model_add_type_use(m, bar, treq);
}

static struct model *merged(const char *order, const char *root)
{
	struct model *m = xmalloc(sizeof(*m));
	model_init(m);
	for (const char *o = order; *o; o++) {
		struct model tu;
		model_init(&tu);
		if (*o == 'a')
			build_tu_a(&tu);
		else
			build_tu_b(&tu);
		model_merge(m, &tu);
		model_release(&tu);
	}
	model_finalize(m, root);
	return m;
}

/* ---- comparing models ---------------------------------------------------- */

static void str_eq(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_models_equal(const struct model *a, const struct model *b)
{
	str_eq(a->root, b->root);
	assert_int_equal(a->files.n, b->files.n);
	for (size_t i = 0; i < a->files.n; i++) {
		const struct model_file *x = &a->files.v[i], *y = &b->files.v[i];
		str_eq(x->path, y->path);
		assert_int_equal(x->tu, y->tu);
		assert_int_equal(x->parsed, y->parsed);
		assert_int_equal(x->errors, y->errors);
		assert_int_equal(x->nmessages, y->nmessages);
		for (uint32_t k = 0; k < x->nmessages; k++)
			str_eq(x->messages[k], y->messages[k]);
	}
	assert_int_equal(a->functions.n, b->functions.n);
	for (size_t i = 0; i < a->functions.n; i++) {
		const struct model_function *x = &a->functions.v[i], *y = &b->functions.v[i];
		str_eq(x->key, y->key);
		str_eq(x->name, y->name);
		str_eq(x->usr, y->usr);
		str_eq(x->signature, y->signature);
		assert_int_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->end_line, y->end_line);
		assert_int_equal(x->defined, y->defined);
		assert_int_equal(x->address_taken, y->address_taken);
	}
	assert_int_equal(a->globals.n, b->globals.n);
	for (size_t i = 0; i < a->globals.n; i++) {
		const struct model_global *x = &a->globals.v[i], *y = &b->globals.v[i];
		str_eq(x->key, y->key);
		str_eq(x->type, y->type);
		assert_int_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->function, y->function);
		assert_int_equal(x->defined, y->defined);
	}
	assert_int_equal(a->types.n, b->types.n);
	for (size_t i = 0; i < a->types.n; i++) {
		str_eq(a->types.v[i].key, b->types.v[i].key);
		str_eq(a->types.v[i].name, b->types.v[i].name);
		assert_int_equal(a->types.v[i].file, b->types.v[i].file);
	}
	assert_int_equal(a->calls.n, b->calls.n);
	for (size_t i = 0; i < a->calls.n; i++) {
		const struct model_call *x = &a->calls.v[i], *y = &b->calls.v[i];
		assert_int_equal(x->caller, y->caller);
		assert_int_equal(x->callee, y->callee);
		str_eq(x->callee_name, y->callee_name);
		assert_int_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->col, y->col);
		assert_int_equal(x->indirect, y->indirect);
		str_eq(x->via_name, y->via_name);
		str_eq(x->fptr_type, y->fptr_type);
	}
	assert_int_equal(a->external_calls.n, b->external_calls.n);
	for (size_t i = 0; i < a->external_calls.n; i++) {
		const struct model_external_call *x = &a->external_calls.v[i], *y = &b->external_calls.v[i];
		assert_int_equal(x->caller, y->caller);
		str_eq(x->name, y->name);
		assert_int_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
	}
	assert_int_equal(a->accesses.n, b->accesses.n);
	for (size_t i = 0; i < a->accesses.n; i++) {
		const struct model_access *x = &a->accesses.v[i], *y = &b->accesses.v[i];
		assert_int_equal(x->function, y->function);
		assert_int_equal(x->global, y->global);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->col, y->col);
	}
	assert_int_equal(a->refs.n, b->refs.n);
	for (size_t i = 0; i < a->refs.n; i++) {
		assert_int_equal(a->refs.v[i].function, b->refs.v[i].function);
		assert_int_equal(a->refs.v[i].from_kind, b->refs.v[i].from_kind);
		assert_int_equal(a->refs.v[i].from, b->refs.v[i].from);
		assert_int_equal(a->refs.v[i].line, b->refs.v[i].line);
	}
	assert_int_equal(a->includes.n, b->includes.n);
	assert_memory_equal(a->includes.v, b->includes.v, a->includes.n * sizeof(*a->includes.v));
	assert_int_equal(a->type_uses.n, b->type_uses.n);
	assert_memory_equal(a->type_uses.v, b->type_uses.v, a->type_uses.n * sizeof(*a->type_uses.v));
}

/* ---- adding -------------------------------------------------------------- */

static void test_intern(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	char buf[] = "name";
	const char *a = model_intern(&m, buf);
	const char *b = model_intern(&m, "name");
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, buf);
	assert_string_equal(a, "name");
	assert_null(model_intern(&m, NULL));
	assert_ptr_not_equal(model_intern(&m, "other"), a);
	model_release(&m);
}

static void test_add_file_dedupes(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	char path[] = "/p/src/a.c";
	uint32_t a = model_add_file(&m, path);
	uint32_t b = model_add_file(&m, "/p/src/b.c");
	assert_int_equal(model_add_file(&m, "/p/src/a.c"), a);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(m.files.n, 2);
	assert_ptr_not_equal(m.files.v[a].path, path); /* copied */
	path[1] = 'X';
	assert_string_equal(m.files.v[a].path, "/p/src/a.c");
	assert_true(m.files.v[a].parsed);
	assert_false(m.files.v[a].tu);
	model_release(&m);
}

static void test_add_function_dedupes_by_key(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	uint32_t fh = model_add_file(&m, "/p/h.h");
	uint32_t a = fn(&m, K_FOO, "foo", fh, 2, false);
	uint32_t b = fn(&m, K_BAR, "bar", fh, 3, false);
	assert_int_equal(fn(&m, K_FOO, "foo", fh, 2, false), a);
	assert_int_equal(m.functions.n, 2);
	assert_int_not_equal(a, b);
	assert_int_equal(model_find_function(&m, K_FOO), a);
	assert_int_equal(model_find_function(&m, K_BAR), b);
	assert_int_equal(model_find_function(&m, "c:@F@nope"), MODEL_NONE);
	model_release(&m);
}

static void test_definition_replaces_declaration(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	uint32_t fh = model_add_file(&m, "/p/h.h");
	uint32_t fa = model_add_file(&m, "/p/a.c");
	struct model_function decl = {
		.key = K_FOO, .usr = K_FOO, .name = "foo", .signature = "int (int)", .file = fh,
		.line = 2, .end_line = 2, .address_taken = true,
	};
	uint32_t i = model_add_function(&m, &decl);
	assert_false(m.functions.v[i].defined);
	uint32_t j = fn(&m, K_FOO, "foo", fa, 10, true);
	assert_int_equal(i, j);
	const struct model_function *f = &m.functions.v[i];
	assert_true(f->defined);
	assert_int_equal(f->file, fa);
	assert_int_equal(f->line, 10);
	assert_int_equal(f->end_line, 15);
	assert_true(f->address_taken); /* kept from the declaration */
	assert_string_equal(f->key, K_FOO);
	/* a later declaration does not move the definition back */
	fn(&m, K_FOO, "foo", fh, 2, false);
	assert_int_equal(m.functions.v[i].file, fa);
	assert_int_equal(m.functions.v[i].line, 10);
	assert_true(m.functions.v[i].defined);
	/* ...but contributes address_taken */
	uint32_t k = fn(&m, K_BAR, "bar", fa, 20, true);
	struct model_function bar_decl = { .key = K_BAR, .usr = K_BAR, .name = "bar", .file = fh,
					   .line = 3, .address_taken = true };
	model_add_function(&m, &bar_decl);
	assert_true(m.functions.v[k].address_taken);
	assert_int_equal(m.functions.v[k].line, 20);
	assert_int_equal(m.functions.n, 2);
	model_release(&m);
}

static void test_two_definitions_in_different_files(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	uint32_t f1 = model_add_file(&m, "/p/tool1/main.c");
	uint32_t f2 = model_add_file(&m, "/p/tool2/main.c");
	uint32_t a = fn(&m, "c:@F@main", "main", f1, 3, true);
	uint32_t b = fn(&m, "c:@F@main", "main", f2, 8, true);
	assert_int_not_equal(a, b);
	assert_int_equal(m.functions.n, 2);
	assert_int_equal(m.functions.v[a].file, f1);
	assert_int_equal(m.functions.v[b].file, f2);
	assert_int_equal(m.functions.v[b].line, 8);
	assert_string_equal(m.functions.v[b].name, "main");
	assert_string_not_equal(m.functions.v[a].key, m.functions.v[b].key);
	/* the same second definition again (same file): still two */
	assert_int_equal(fn(&m, "c:@F@main", "main", f2, 8, true), b);
	/* the same definition again in the first file: still two */
	assert_int_equal(fn(&m, "c:@F@main", "main", f1, 3, true), a);
	assert_int_equal(m.functions.n, 2);

	model_finalize(&m, NULL);
	assert_int_equal(m.functions.n, 2);
	assert_string_equal(m.files.v[m.functions.v[0].file].path, "tool1/main.c");
	assert_string_equal(m.files.v[m.functions.v[1].file].path, "tool2/main.c");
	assert_true(m.functions.v[0].defined && m.functions.v[1].defined);
	model_release(&m);
}

/* Two programs in one compile database, each with its own main and usage:
 * calls stay inside their own program whatever the merge order. */
static void build_program(struct model *m, const char *path)
{
	uint32_t f = model_add_file(m, path);
	set_tu(m, f, true, 0, NULL);
	uint32_t usage = fn(m, "c:@F@usage", "usage", f, 2, true);
	uint32_t main_ = fn(m, "c:@F@main", "main", f, 9, true);
	direct(m, main_, "c:@F@usage", "usage", f, 10, 3);
	struct model_ref r = { .function = usage, .from_kind = REF_FUNCTION, .from = main_,
			       .file = f, .line = 11, .col = 7 };
	model_add_ref(m, &r);
}

static void test_two_programs_keep_their_own_calls(void **state)
{
	(void)state;
	for (int order = 0; order < 2; order++) {
		struct model m;
		model_init(&m);
		for (int k = 0; k < 2; k++) {
			struct model tu;
			model_init(&tu);
			build_program(&tu, (k ^ order) ? "/p/tool2/main.c" : "/p/tool1/main.c");
			model_merge(&m, &tu);
			model_release(&tu);
		}
		model_finalize(&m, NULL);
		/* tool1: usage 0, main 1; tool2: usage 2, main 3 */
		assert_int_equal(m.functions.n, 4);
		assert_string_equal(m.functions.v[0].name, "usage");
		assert_string_equal(m.functions.v[1].name, "main");
		assert_int_equal(m.functions.v[1].file, 0);
		assert_int_equal(m.functions.v[3].file, 1);
		assert_int_equal(m.calls.n, 2);
		assert_int_equal(m.external_calls.n, 0);
		assert_int_equal(m.calls.v[0].caller, 1);
		assert_int_equal(m.calls.v[0].callee, 0);
		assert_int_equal(m.calls.v[1].caller, 3);
		assert_int_equal(m.calls.v[1].callee, 2); /* not tool1's usage */
		assert_int_equal(m.refs.n, 2);
		assert_int_equal(m.refs.v[1].function, 2);
		assert_int_equal(m.refs.v[1].from, 3);
		model_release(&m);
	}
}

static void test_add_global_and_type(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	uint32_t fh = model_add_file(&m, "/p/h.h");
	uint32_t fa = model_add_file(&m, "/p/a.c");
	uint32_t g = glob(&m, K_COUNTER, "counter", "int", fh, 1, false, MODEL_NONE, GLOBAL_EXTERN);
	assert_int_equal(glob(&m, K_COUNTER, "counter", "int", fa, 4, true, MODEL_NONE, GLOBAL_EXTERN), g);
	assert_true(m.globals.v[g].defined);
	assert_int_equal(m.globals.v[g].file, fa);
	assert_int_equal(m.globals.v[g].line, 4);
	/* a later declaration leaves the definition */
	glob(&m, K_COUNTER, "counter", "int", fh, 1, false, MODEL_NONE, GLOBAL_EXTERN);
	assert_int_equal(m.globals.v[g].file, fa);
	assert_int_equal(m.globals.n, 1);

	struct model_type t = { .key = K_REQ, .usr = K_REQ, .name = "req", .file = fh, .line = 5 };
	uint32_t ti = model_add_type(&m, &t);
	struct model_type t2 = t;
	t2.line = 99;
	assert_int_equal(model_add_type(&m, &t2), ti);
	assert_int_equal(m.types.n, 1);
	assert_int_equal(m.types.v[ti].line, 5);
	model_release(&m);
}

static void test_add_call_copies_strings(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	char key[] = "c:@F@bar", name[] = "bar";
	struct model_call c = { .caller = 0, .callee_key = key, .callee_name = name, .callee = 7 };
	model_add_call(&m, &c);
	key[0] = name[0] = 'X';
	assert_string_equal(m.calls.v[0].callee_key, "c:@F@bar");
	assert_string_equal(m.calls.v[0].callee_name, "bar");
	assert_int_equal(m.calls.v[0].callee, MODEL_NONE);
	assert_null(m.calls.v[0].via_name);
	model_release(&m);
}

/* ---- merging --------------------------------------------------------------- */

static void test_merge_remaps_indexes(void **state)
{
	(void)state;
	struct model dst, tu;
	model_init(&dst);
	model_init(&tu);
	build_tu_b(&dst); /* dst already holds b.c, h.h, foo (decl), bar */
	build_tu_a(&tu);
	model_merge(&dst, &tu);
	/* src unchanged */
	assert_int_equal(tu.files.n, 2);
	assert_string_equal(tu.files.v[0].path, "/p/src/a.c");
	model_release(&tu);

	assert_int_equal(dst.files.n, 3);
	assert_string_equal(dst.files.v[0].path, "/p/src/b.c");
	assert_string_equal(dst.files.v[1].path, "/p/include/h.h");
	assert_string_equal(dst.files.v[2].path, "/p/src/a.c");
	/* TU status travels with the file */
	assert_true(dst.files.v[2].tu);
	assert_false(dst.files.v[2].parsed);
	assert_int_equal(dst.files.v[2].errors, 2);
	assert_int_equal(dst.files.v[2].nmessages, 1);
	assert_string_equal(dst.files.v[2].messages[0], "a.c:3:1: error: boom");
	assert_false(dst.files.v[1].tu);

	uint32_t foo = model_find_function(&dst, K_FOO);
	uint32_t bar = model_find_function(&dst, K_BAR);
	uint32_t helper = model_find_function(&dst, K_HELPER);
	assert_int_equal(foo, 0); /* b's declaration, now defined by a */
	assert_int_equal(bar, 1);
	assert_true(dst.functions.v[foo].defined);
	assert_int_equal(dst.functions.v[foo].file, 2);
	assert_int_equal(dst.functions.v[foo].line, 10);
	assert_true(dst.functions.v[bar].defined);
	assert_int_equal(dst.functions.v[bar].file, 0); /* b's definition stays */
	assert_int_equal(dst.functions.n, 4);            /* foo, bar, ext_decl, helper */

	/* a's static local points at foo's index in dst */
	bool found = false;
	for (size_t i = 0; i < dst.globals.n; i++)
		if (strcmp(dst.globals.v[i].key, K_CALLS) == 0) {
			assert_int_equal(dst.globals.v[i].function, foo);
			assert_int_equal(dst.globals.v[i].file, 2);
			found = true;
		}
	assert_true(found);
	uint32_t counter = 0;
	assert_true(hashmap_get(&dst.global_index, K_COUNTER, &counter));
	assert_true(dst.globals.v[counter].defined);
	assert_int_equal(dst.globals.v[counter].file, 2);

	/* a's calls, appended after b's one, with remapped caller and file */
	assert_int_equal(dst.calls.n, 1 + 6);
	const struct model_call *c = &dst.calls.v[1];
	assert_int_equal(c->caller, foo);
	assert_int_equal(c->file, 2);
	assert_string_equal(c->callee_key, K_BAR);
	assert_int_equal(c->callee, MODEL_NONE);
	const struct model_call *ind = &dst.calls.v[6];
	assert_true(ind->indirect);
	assert_string_equal(ind->via_name, "cb");
	/* refs: function and from remapped by kind */
	assert_int_equal(dst.refs.n, 3);
	assert_int_equal(dst.refs.v[0].function, helper);
	assert_int_equal(dst.refs.v[0].from, foo);
	uint32_t table = 0;
	assert_true(hashmap_get(&dst.global_index, K_TABLE, &table));
	assert_int_equal(dst.refs.v[1].function, foo);
	assert_int_equal(dst.refs.v[1].from, table);
	/* includes and type uses */
	assert_int_equal(dst.includes.n, 3);
	assert_int_equal(dst.includes.v[1].from, 2);
	assert_int_equal(dst.includes.v[1].to, 1);
	assert_int_equal(dst.types.n, 2);
	assert_int_equal(dst.type_uses.n, 3);
	assert_int_equal(dst.type_uses.v[2].function, foo);
	assert_int_equal(dst.type_uses.v[2].type, 0);
	/* external calls kept, strings owned by dst */
	assert_int_equal(dst.external_calls.n, 1);
	assert_string_equal(dst.external_calls.v[0].name, "malloc");
	model_release(&dst);
}

static void test_merge_into_empty_equals_source(void **state)
{
	(void)state;
	struct model a, b;
	model_init(&a);
	model_init(&b);
	build_tu_a(&a);
	model_merge(&b, &a);
	model_finalize(&a, NULL);
	model_finalize(&b, NULL);
	assert_models_equal(&a, &b);
	model_release(&a);
	model_release(&b);
}

/* ---- finalizing --------------------------------------------------------------- */

static void test_finalize_sorts_and_assigns_ids(void **state)
{
	(void)state;
	struct model *m = merged("ab", NULL);
	assert_true(m->finalized);
	assert_string_equal(m->root, "/p");
	assert_int_equal(m->files.n, 3);
	assert_string_equal(m->files.v[0].path, "include/h.h");
	assert_string_equal(m->files.v[1].path, "src/a.c");
	assert_string_equal(m->files.v[2].path, "src/b.c");
	assert_true(m->files.v[1].tu && m->files.v[2].tu);

	/* functions by file, line: ext_decl (h.h:7), helper (a.c:5), foo (a.c:10), bar (b.c:4) */
	assert_int_equal(m->functions.n, 4);
	const char *names[] = { "ext_decl", "helper", "foo", "bar" };
	for (uint32_t i = 0; i < 4; i++) {
		assert_string_equal(m->functions.v[i].name, names[i]);
		/* ids are indexes: the rebuilt index agrees */
		assert_int_equal(model_find_function(m, m->functions.v[i].key), i);
	}
	assert_int_equal(m->functions.v[0].file, 0);
	assert_false(m->functions.v[0].defined);
	assert_int_equal(m->functions.v[2].file, 1);
	assert_int_equal(m->functions.v[3].file, 2);

	/* globals by file, line: counter (a.c:2), table (a.c:3), calls (a.c:11) */
	assert_int_equal(m->globals.n, 3);
	assert_string_equal(m->globals.v[0].name, "counter");
	assert_string_equal(m->globals.v[1].name, "table");
	assert_string_equal(m->globals.v[2].name, "calls");
	assert_int_equal(m->globals.v[2].function, 2); /* foo's new id */
	assert_int_equal(m->globals.v[0].function, MODEL_NONE);
	uint32_t gi = 99;
	assert_true(hashmap_get(&m->global_index, K_CALLS, &gi));
	assert_int_equal(gi, 2);

	/* types by file, line: req (h.h:5), the anonymous struct (h.h:9) */
	assert_int_equal(m->types.n, 2);
	assert_string_equal(m->types.v[0].name, "req");
	assert_int_equal(m->types.v[0].file, 0);
	model_free(m);
}

static void test_finalize_resolves_calls(void **state)
{
	(void)state;
	struct model *m = merged("ab", NULL);
	enum { EXT = 0, HELPER = 1, FOO = 2, BAR = 3 };
	/* calls to defined project functions, then the indirect one; by caller */
	assert_int_equal(m->calls.n, 4);
	const struct model_call *c = m->calls.v;
	assert_int_equal(c[0].caller, FOO);
	assert_int_equal(c[0].callee, BAR);
	assert_int_equal(c[0].line, 12);
	assert_int_equal(c[0].file, 1);
	assert_int_equal(c[1].caller, FOO);
	assert_int_equal(c[1].callee, HELPER);
	assert_int_equal(c[2].caller, FOO);
	assert_true(c[2].indirect);
	assert_int_equal(c[2].callee, MODEL_NONE);
	assert_int_equal(c[3].caller, BAR);
	assert_int_equal(c[3].callee, FOO);
	assert_int_equal(c[3].file, 2);

	/* printf (unknown) and ext_decl (declared only) became external calls,
	 * next to the one recorded as external by the extractor */
	assert_int_equal(m->external_calls.n, 3);
	const struct model_external_call *e = m->external_calls.v;
	assert_int_equal(e[0].caller, FOO);
	assert_string_equal(e[0].name, "printf");
	assert_int_equal(e[0].line, 14);
	assert_int_equal(e[0].file, 1);
	assert_int_equal(e[1].caller, FOO);
	assert_string_equal(e[1].name, "ext_decl");
	assert_int_equal(e[2].caller, BAR);
	assert_string_equal(e[2].name, "malloc");
	assert_int_equal(e[2].file, 2);
	for (size_t i = 0; i < m->calls.n; i++)
		assert_true(m->calls.v[i].indirect || m->functions.v[m->calls.v[i].callee].defined);
	(void)EXT;
	model_free(m);
}

static void test_finalize_removes_duplicate_facts(void **state)
{
	(void)state;
	/* a twice: every fact of a appears twice before finalize */
	struct model *m = merged("aab", NULL);
	assert_int_equal(m->calls.n, 4);
	assert_int_equal(m->external_calls.n, 3);
	assert_int_equal(m->accesses.n, 3); /* foo writes counter, foo writes calls, bar reads counter */
	assert_int_equal(m->accesses.v[0].function, 2);
	assert_int_equal(m->accesses.v[0].global, 0);
	assert_int_equal(m->accesses.v[0].kind, ACCESS_WRITE);
	assert_int_equal(m->accesses.v[1].global, 2);
	assert_int_equal(m->accesses.v[2].function, 3);
	assert_int_equal(m->accesses.v[2].kind, ACCESS_READ);
	assert_int_equal(m->refs.n, 2);
	assert_int_equal(m->includes.n, 2);
	assert_int_equal(m->includes.v[0].from, 1);
	assert_int_equal(m->includes.v[0].to, 0);
	assert_int_equal(m->includes.v[1].from, 2);
	assert_int_equal(m->type_uses.n, 2);
	assert_int_equal(m->files.n, 3);
	assert_int_equal(m->functions.n, 4);
	assert_int_equal(m->globals.n, 3);
	/* same facts as merging a once */
	struct model *once = merged("ab", NULL);
	assert_models_equal(m, once);
	model_free(once);
	model_free(m);
}

static void test_finalize_sets_address_taken_from_refs(void **state)
{
	(void)state;
	struct model *m = merged("ab", NULL);
	assert_false(m->functions.v[0].address_taken); /* ext_decl */
	assert_true(m->functions.v[1].address_taken);  /* helper: &helper in foo */
	assert_true(m->functions.v[2].address_taken);  /* foo: in table's initializer */
	assert_false(m->functions.v[3].address_taken); /* bar */
	assert_int_equal(m->refs.v[0].function, 1);
	assert_int_equal(m->refs.v[0].from_kind, REF_FUNCTION);
	assert_int_equal(m->refs.v[0].from, 2);
	assert_int_equal(m->refs.v[1].function, 2);
	assert_int_equal(m->refs.v[1].from_kind, REF_GLOBAL);
	assert_int_equal(m->refs.v[1].from, 1); /* table */
	model_free(m);
}

static void test_finalize_with_root(void **state)
{
	(void)state;
	struct model *m = merged("ab", "/p/src/");
	assert_string_equal(m->root, "/p/src");
	assert_int_equal(m->files.n, 3);
	/* outside the root: stays absolute (and '/' sorts first) */
	assert_string_equal(m->files.v[0].path, "/p/include/h.h");
	assert_string_equal(m->files.v[1].path, "a.c");
	assert_string_equal(m->files.v[2].path, "b.c");
	/* a file index still finds files by their new path */
	uint32_t idx = 9;
	assert_true(hashmap_get(&m->file_index, "a.c", &idx));
	assert_int_equal(idx, 1);
	model_free(m);

	m = merged("ab", "/p");
	assert_string_equal(m->files.v[1].path, "src/a.c");
	model_free(m);
}

static void test_finalize_single_dir_and_root_files(void **state)
{
	(void)state;
	struct model m;
	model_init(&m);
	model_add_file(&m, "/w/x/z.c");
	model_add_file(&m, "/w/x/y.c");
	model_finalize(&m, NULL);
	assert_string_equal(m.root, "/w/x");
	assert_string_equal(m.files.v[0].path, "y.c");
	assert_string_equal(m.files.v[1].path, "z.c");
	model_release(&m);

	model_init(&m);
	model_add_file(&m, "/top.c");
	model_add_file(&m, "/w/deep/a.c");
	model_finalize(&m, NULL);
	assert_string_equal(m.root, "/");
	assert_string_equal(m.files.v[0].path, "top.c");
	assert_string_equal(m.files.v[1].path, "w/deep/a.c");
	model_release(&m);

	model_init(&m); /* empty model */
	model_finalize(&m, NULL);
	assert_string_equal(m.root, "/");
	assert_int_equal(m.files.n, 0);
	assert_true(m.finalized);
	model_release(&m);
}

static void test_finalize_strips_root_from_type_spellings(void **state)
{
	(void)state;
	struct model *m = merged("ab", NULL);
	assert_string_equal(m->types.v[1].name, "struct (unnamed at include/h.h:9:1)");
	assert_string_equal(m->globals.v[1].type, "struct (unnamed at include/h.h:9:1)[2]");
	assert_string_equal(m->calls.v[2].fptr_type, "void (*)(struct (unnamed at include/h.h:9:1) *)");
	assert_string_equal(m->functions.v[2].signature, "int (int)");
	model_free(m);
}

static void test_merge_order_does_not_matter(void **state)
{
	(void)state;
	struct model *ab = merged("ab", NULL);
	struct model *ba = merged("ba", NULL);
	assert_models_equal(ab, ba);
	struct model *bab = merged("bab", NULL);
	assert_models_equal(ab, bab);
	model_free(bab);
	model_free(ba);
	model_free(ab);

	ab = merged("ab", "/p/src");
	ba = merged("ba", "/p/src");
	assert_models_equal(ab, ba);
	model_free(ba);
	model_free(ab);
}

/* Many functions added in scrambled orders: same ids after finalize. */
static void test_finalize_deterministic_many(void **state)
{
	(void)state;
	enum { N = 500 };
	struct model a, b;
	model_init(&a);
	model_init(&b);
	uint32_t fa[2] = { model_add_file(&a, "/q/one.c"), model_add_file(&a, "/q/two.c") };
	uint32_t fb[2] = { model_add_file(&b, "/q/two.c"), model_add_file(&b, "/q/one.c") };
	(void)fb;
	for (uint32_t k = 0; k < N; k++) {
		uint32_t i = (k * 7919u) % N, j = N - 1 - k;
		char key[32], name[32];
		snprintf(key, sizeof(key), "c:@F@f%u", i);
		snprintf(name, sizeof(name), "f%u", i);
		fn(&a, key, name, fa[i % 2], 1 + i / 3, true);
		snprintf(key, sizeof(key), "c:@F@f%u", j);
		snprintf(name, sizeof(name), "f%u", j);
		fn(&b, key, name, j % 2 ? 0 : 1, 1 + j / 3, true); /* b's file ids are swapped */
	}
	for (uint32_t k = 0; k < N; k++) {
		char key[32];
		snprintf(key, sizeof(key), "c:@F@f%u", (k + 1) % N);
		direct(&a, model_find_function(&a, "c:@F@f0"), key, "callee", fa[0], 1, k);
		direct(&b, model_find_function(&b, "c:@F@f0"), key, "callee", 1, 1, k);
	}
	model_finalize(&a, NULL);
	model_finalize(&b, NULL);
	assert_models_equal(&a, &b);
	assert_int_equal(a.functions.n, N);
	for (size_t i = 1; i < a.functions.n; i++) {
		const struct model_function *p = &a.functions.v[i - 1], *q = &a.functions.v[i];
		assert_true(p->file < q->file || (p->file == q->file && p->line <= q->line));
	}
	model_release(&a);
	model_release(&b);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(model_linkage_name(LINKAGE_EXTERN), "extern");
	assert_string_equal(model_linkage_name(LINKAGE_STATIC), "static");
	assert_string_equal(model_linkage_name(LINKAGE_INLINE), "inline");
	assert_string_equal(model_global_kind_name(GLOBAL_EXTERN), "global");
	assert_string_equal(model_global_kind_name(GLOBAL_FILE_STATIC), "file-static");
	assert_string_equal(model_global_kind_name(GLOBAL_STATIC_LOCAL), "static-local");
	assert_string_equal(model_global_kind_name(GLOBAL_THREAD_LOCAL), "thread-local");
	assert_string_equal(model_access_kind_name(ACCESS_READ), "read");
	assert_string_equal(model_access_kind_name(ACCESS_WRITE), "write");
	assert_string_equal(model_access_kind_name(ACCESS_ADDRESS), "address");
	assert_string_equal(model_via_name(VIA_VARIABLE), "variable");
	assert_string_equal(model_via_name(VIA_PARAMETER), "parameter");
	assert_string_equal(model_via_name(VIA_FIELD), "field");
	assert_string_equal(model_via_name(VIA_EXPRESSION), "expression");
}

static void test_free_null(void **state)
{
	(void)state;
	model_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_add_file_dedupes),
		cmocka_unit_test(test_add_function_dedupes_by_key),
		cmocka_unit_test(test_definition_replaces_declaration),
		cmocka_unit_test(test_two_definitions_in_different_files),
		cmocka_unit_test(test_two_programs_keep_their_own_calls),
		cmocka_unit_test(test_add_global_and_type),
		cmocka_unit_test(test_add_call_copies_strings),
		cmocka_unit_test(test_merge_remaps_indexes),
		cmocka_unit_test(test_merge_into_empty_equals_source),
		cmocka_unit_test(test_finalize_sorts_and_assigns_ids),
		cmocka_unit_test(test_finalize_resolves_calls),
		cmocka_unit_test(test_finalize_removes_duplicate_facts),
		cmocka_unit_test(test_finalize_sets_address_taken_from_refs),
		cmocka_unit_test(test_finalize_with_root),
		cmocka_unit_test(test_finalize_single_dir_and_root_files),
		cmocka_unit_test(test_finalize_strips_root_from_type_spellings),
		cmocka_unit_test(test_merge_order_does_not_matter),
		cmocka_unit_test(test_finalize_deterministic_many),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
