/* test_facts.c — unit tests for analyzer/model/facts.h: a TU's facts survive
 * the round trip, and a truncated, corrupt or inconsistent image is refused. */
#include "modelfx.h"
#include "facts.h"

/* A per-TU model with one of every kind of fact, and its metadata. */
static void sample_facts(struct mfx *x, struct tu_facts *f)
{
	uint32_t a = mfx_fn(x, "a", 1, 9), b = mfx_static_fn(x, "b", 10, 12);
	uint32_t g = mfx_global(x, "counter", 20);
	mfx_call(x, a, "b", 3);
	mfx_call(x, a, "printf", 4);
	mfx_indirect(x, a, 5, VIA_FIELD, "handler", "ops", MFX_TYPE);
	mfx_access(x, b, g, ACCESS_WRITE, 11);
	struct model_ref r = { .function = b, .from_kind = REF_FUNCTION, .from = a, .file = x->file, .line = 6,
			       .col = 2, .call = "pthread_create" };
	model_add_ref(&x->m, &r);
	struct model_loop l = { .function = a, .file = x->file, .line = 7, .end_line = 8, .infinite = true };
	model_add_loop(&x->m, &l);
	uint32_t h = model_add_file(&x->m, "/p/include/a.h");
	model_add_include(&x->m, x->file, h);
	struct model_type t = { .key = "c:@S@req", .usr = "c:@S@req", .name = "req", .file = h, .line = 3 };
	model_add_type_use(&x->m, a, model_add_type(&x->m, &t));
	x->m.files.v[x->file].warnings = 2;
	tu_facts_init(f);
	f->model = &x->m;
	f->db_path = xstrdup("/p/build/compile_commands.json");
	f->db_hash = 42, f->index = 7, f->count = 9, f->unclassified_writes = 3;
	VEC_PUSH(f->dropped, xstrdup("-fplugin=evil.so"));
	struct fact_dep d = { xstrdup(MFX_PATH), 100, 0xabcdef };
	VEC_PUSH(f->deps, d);
}

/* The model belongs to the mfx: take it back before releasing the facts. */
static void release_sample(struct mfx *x, struct tu_facts *f)
{
	f->model = NULL;
	tu_facts_release(f);
	mfx_release(x);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct mfx x;
	struct tu_facts f, back;
	mfx_init(&x);
	sample_facts(&x, &f);
	struct strbuf img = STRBUF_INIT, again = STRBUF_INIT, err = STRBUF_INIT;
	facts_encode(&f, &img);
	tu_facts_init(&back);
	assert_int_equal(facts_decode(img.buf, img.len, &back, &err), 0);
	assert_string_equal(back.db_path, f.db_path);
	assert_null(back.root);
	assert_int_equal(back.index, 7);
	assert_int_equal(back.count, 9);
	assert_int_equal(back.unclassified_writes, 3);
	assert_string_equal(back.dropped.v[0], "-fplugin=evil.so");
	assert_int_equal(back.deps.v[0].hash, 0xabcdef);
	assert_int_equal(back.model->functions.n, x.m.functions.n);
	assert_int_equal(back.model->calls.n, 3);
	assert_string_equal(back.model->calls.v[2].via_name, "handler");
	assert_int_equal(model_find_function(back.model, mfx_key(&x, "b", true)), 1);
	assert_int_equal(back.model->files.v[0].warnings, 2);
	assert_true(back.model->loops.v[0].infinite);
	facts_encode(&back, &again); /* every field that went in comes out */
	assert_int_equal(again.len, img.len);
	assert_memory_equal(again.buf, img.buf, img.len);
	tu_facts_release(&back);
	release_sample(&x, &f);
	strbuf_release(&img);
	strbuf_release(&again);
	strbuf_release(&err);
}

static int decode_error(const char *data, size_t len, const char *expect)
{
	struct tu_facts f;
	struct strbuf err = STRBUF_INIT;
	tu_facts_init(&f);
	int rc = facts_decode(data, len, &f, &err);
	if (rc != 0)
		assert_non_null(strstr(strbuf_str(&err), expect));
	tu_facts_release(&f);
	strbuf_release(&err);
	return rc;
}

static void test_truncated_and_corrupt(void **state)
{
	(void)state;
	struct mfx x;
	struct tu_facts f;
	mfx_init(&x);
	sample_facts(&x, &f);
	struct strbuf img = STRBUF_INIT;
	facts_encode(&f, &img);
	assert_int_equal(decode_error(img.buf, 10, "truncated header"), -1);
	assert_int_equal(decode_error(img.buf, img.len - 1, "truncated"), -1);
	assert_int_equal(decode_error("NOTFACTSxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 36, "not a seam facts file"), -1);
	for (size_t at = 32; at < img.len; at += 7) { /* any flipped payload byte */
		img.buf[at] ^= 0x40;
		assert_int_equal(decode_error(img.buf, img.len, "checksum mismatch"), -1);
		img.buf[at] ^= 0x40;
	}
	img.buf[8] = 99; /* another format version */
	assert_int_equal(decode_error(img.buf, img.len, "format 99"), -1);
	release_sample(&x, &f);
	strbuf_release(&img);
}

/* A well-formed, correctly checksummed image whose indexes point nowhere
 * (a hostile file) is refused, not merged. */
static void test_bad_index_refused(void **state)
{
	(void)state;
	struct mfx x;
	struct tu_facts f;
	mfx_init(&x);
	sample_facts(&x, &f);
	x.m.accesses.v[0].global = 5;
	struct strbuf img = STRBUF_INIT;
	facts_encode(&f, &img);
	assert_int_equal(decode_error(img.buf, img.len, "malformed contents"), -1);
	x.m.accesses.v[0].global = 0;
	x.m.calls.v[0].via = 9;
	strbuf_reset(&img);
	facts_encode(&f, &img);
	assert_int_equal(decode_error(img.buf, img.len, "malformed contents"), -1);
	release_sample(&x, &f);
	strbuf_release(&img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_truncated_and_corrupt),
		cmocka_unit_test(test_bad_index_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
