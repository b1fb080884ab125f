/* test_view.c — views: folding a big flat folder in part, the node limit,
 * focus, escaping of names in DOT (read back with cgraph), determinism. */
#include "modelfx.h"
#include "boundaries.h"
#include "dot.h"
#include <graphviz/cgraph.h>

#define NSRC 30

struct vfx {
	struct mfx x;
	struct boundaries b;
};

/* src/f0.c .. src/f29.c in a chain of calls (f0 also calls into lib/),
 * lib/a/x.c, lib/a/y.c, lib/b/z.c, one file with a hostile name, and the
 * fixture's own src/a.c (the call sites): 35 files. */
static void vfx_init(struct vfx *v, const char *odd_path)
{
	struct mfx *x = &v->x;
	mfx_init(x);
	struct strbuf sb = STRBUF_INIT;
	const char *lib[] = { "/p/lib/a/x.c", "/p/lib/a/y.c", "/p/lib/b/z.c", odd_path };
	for (int i = 0; i < NSRC + 4; i++) {
		strbuf_reset(&sb);
		if (i < NSRC)
			strbuf_addf(&sb, "/p/src/f%d.c", i);
		else
			strbuf_addstr(&sb, lib[i - NSRC]);
		uint32_t file = model_add_file(&x->m, sb.buf);
		x->m.files.v[file].tu = true;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "fn%d", i);
		uint32_t f = mfx_fn(x, model_intern(&x->m, sb.buf), 1, 3);
		x->m.functions.v[f].file = file;
	}
	for (int i = 0; i < NSRC + 3; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "fn%d", i + 1);
		mfx_call(x, (uint32_t)i, model_intern(&x->m, sb.buf), 2);
	}
	mfx_call(x, 0, "fn31", 2);
	mfx_call(x, 0, "fn32", 2);
	strbuf_release(&sb);
	mfx_run(x, "{\"schema\": 1, \"functions\": {}}");
	struct boundary_options o = { .granularity = GRANULARITY_FILE, .weights = COUPLING_WEIGHTS_DEFAULT };
	boundaries_run(&v->b, &x->m, &x->a, &o);
}

static void vfx_release(struct vfx *v)
{
	boundaries_release(&v->b);
	mfx_release(&v->x);
}

static void build(struct vfx *f, struct view *v, enum view_kind kind, unsigned limit)
{
	struct view_options o = { .kind = kind, .node_limit = limit };
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(view_build(v, &f->x.m, &f->x.a, &f->b, &o, &err), 0);
	strbuf_release(&err);
}

static bool has_label(const struct view *v, const char *part)
{
	for (size_t i = 0; i < v->nodes.n; i++)
		if (strstr(v->nodes.v[i].label, part))
			return true;
	return false;
}

static void test_fits_without_collapsing(void **state)
{
	(void)state;
	struct vfx f;
	vfx_init(&f, "/p/odd.c");
	struct view v;
	build(&f, &v, VIEW_FILES, 150);
	assert_int_equal(v.level, LEVEL_FILE);
	assert_int_equal(v.nodes.n, NSRC + 5);
	assert_int_equal(v.notes.n, 0);
	view_release(&v);
	vfx_release(&f);
}

/* 35 files, limit 20: folding lib/ is not enough, folding all of src/
 * would leave 3 nodes, so src/ folds its least connected files only. */
static void test_big_flat_folder_folds_in_part(void **state)
{
	(void)state;
	struct vfx f;
	vfx_init(&f, "/p/odd.c");
	struct view v;
	build(&f, &v, VIEW_FILES, 20);
	assert_int_equal(v.level, LEVEL_DIR);
	assert_int_equal(v.nodes.n, 20);
	assert_true(has_label(&v, "src/ ("));
	assert_true(has_label(&v, "less connected files)"));
	assert_true(has_label(&v, "src/f0.c")); /* the busiest file stays */
	assert_true(strstr(v.notes.v[0], "35 files collapsed into 20 files and folders") != NULL);
	view_release(&v);
	vfx_release(&f);
}

static void test_callgraph_focus(void **state)
{
	(void)state;
	struct vfx f;
	vfx_init(&f, "/p/odd.c");
	struct view_options o = { .kind = VIEW_CALLGRAPH, .focus = "fn5", .depth = 2, .direction = DIRECTION_CALLEES };
	struct strbuf err = STRBUF_INIT;
	struct view v;
	assert_int_equal(view_build(&v, &f.x.m, &f.x.a, &f.b, &o, &err), 0);
	assert_int_equal(v.nodes.n, 3); /* fn5, fn6, fn7 */
	assert_true(has_label(&v, "fn7") && !has_label(&v, "fn4") && !has_label(&v, "fn8"));
	view_release(&v);
	o.focus = "nope";
	assert_int_equal(view_build(&v, &f.x.m, &f.x.a, &f.b, &o, &err), -1);
	assert_string_equal(strbuf_str(&err), "--focus: no function named 'nope'");
	view_release(&v);
	strbuf_release(&err);
	vfx_release(&f);
}

/* A path with a quote, a backslash and a newline: cgraph reads the DOT
 * back with the label as a Graphviz escape string that shows it as is. */
static void test_dot_escapes_names(void **state)
{
	(void)state;
	struct vfx f;
	vfx_init(&f, "/p/we\"ird\\dir/a\nb.c");
	struct view v;
	build(&f, &v, VIEW_FILES, 150);
	struct strbuf dot = STRBUF_INIT;
	dot_write(&v, &dot);
	Agraph_t *g = agmemread(dot.buf);
	assert_non_null(g);
	int found = 0;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
		found += strcmp(agget(n, "label"), "we\"ird\\\\dir/a\\nb.c") == 0;
	assert_int_equal(found, 1);
	assert_int_equal(agnnodes(g), NSRC + 5);
	agclose(g);
	strbuf_release(&dot);
	view_release(&v);
	vfx_release(&f);
}

static void test_rendering_is_deterministic(void **state)
{
	(void)state;
	struct vfx f;
	vfx_init(&f, "/p/odd.c");
	struct view v;
	build(&f, &v, VIEW_SERVICES, 150);
	struct renderer *r = renderer_new(NULL);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(renderer_render(r, &v, "svg", &a, &err), 0);
	assert_int_equal(renderer_render(r, &v, "svg", &b, &err), 0);
	assert_true(a.len > 1000);
	assert_string_equal(a.buf, b.buf);
	assert_non_null(strstr(a.buf, "id=\"services_n0\""));
	renderer_free(r);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&err);
	view_release(&v);
	vfx_release(&f);
}

/* 25 functions: f0..f9 call each other three times each (90 heavy
 * edges), f10..f24 each call f0 once. 105 edges for 25 nodes is past the
 * cap (50): the heaviest 50 alone would all be clique edges and cut f10..f24
 * off; each node's heaviest edge is kept first. */
static void test_edge_cap_keeps_every_node_linked(void **state)
{
	(void)state;
	struct vfx f = { 0 };
	struct mfx *x = &f.x;
	mfx_init(x);
	uint32_t file = model_add_file(&x->m, "/p/a.c");
	x->m.files.v[file].tu = true;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 25; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "f%d", i);
		uint32_t fn = mfx_fn(x, model_intern(&x->m, sb.buf), (uint32_t)(10 * i + 1), (uint32_t)(10 * i + 9));
		x->m.functions.v[fn].file = file;
	}
	for (int i = 0; i < 10; i++)
		for (int j = 0; j < 10; j++)
			for (int k = 0; i != j && k < 3; k++) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "f%d", j);
				mfx_call(x, (uint32_t)i, model_intern(&x->m, sb.buf), (uint32_t)(10 * i + 2 + k));
			}
	for (int i = 10; i < 25; i++)
		mfx_call(x, (uint32_t)i, "f0", (uint32_t)(10 * i + 2));
	strbuf_release(&sb);
	mfx_run(x, "{\"schema\": 1, \"functions\": {}}");
	struct boundary_options o = { .granularity = GRANULARITY_FILE, .weights = COUPLING_WEIGHTS_DEFAULT };
	boundaries_run(&f.b, &x->m, &x->a, &o);
	struct view v;
	build(&f, &v, VIEW_CALLGRAPH, 150);
	assert_int_equal(v.nodes.n, 25);
	assert_int_equal(v.edges.n, 50);
	bool note = false;
	for (size_t i = 0; i < v.notes.n; i++)
		note |= strstr(v.notes.v[i], "showing 50 of 105 edges: each node's heaviest") != NULL;
	assert_true(note);
	for (size_t n = 0; n < v.nodes.n; n++) {
		size_t deg = 0;
		for (size_t e = 0; e < v.edges.n; e++)
			deg += v.edges.v[e].from == n || v.edges.v[e].to == n;
		assert_true(deg > 0);
	}
	view_release(&v);
	vfx_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fits_without_collapsing),
		cmocka_unit_test(test_big_flat_folder_folds_in_part),
		cmocka_unit_test(test_callgraph_focus),
		cmocka_unit_test(test_dot_escapes_names),
		cmocka_unit_test(test_rendering_is_deterministic),
		cmocka_unit_test(test_edge_cap_keeps_every_node_linked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
