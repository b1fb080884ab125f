/* test_decomposition.c — unit tests for analyzer/analyses/decomposition.h */
#include "unit.h"
#include "decomposition.h"

/* Loads text (auto-detected) into a fresh d; returns the loader's result and
 * leaves its message in err. */
static int load(struct decomposition *d, const char *name, const char *text, struct strbuf *err)
{
	decomposition_init(d);
	strbuf_reset(err);
	return decomposition_load_text(d, name, text, err);
}

static char *rsf_of(const struct decomposition *d)
{
	struct strbuf out = STRBUF_INIT;
	decomposition_write_rsf(d, &out);
	return strbuf_detach(&out);
}

/* Loading must fail with exactly this message. */
static void check_error(const char *name, const char *text, const char *want)
{
	struct decomposition d;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(load(&d, name, text, &err), -1);
	assert_string_equal(strbuf_str(&err), want);
	decomposition_release(&d);
	strbuf_release(&err);
}

/* ---- RSF ------------------------------------------------------------------- */

static void test_rsf_parse(void **state)
{
	(void)state;
	struct decomposition d;
	struct strbuf err = STRBUF_INIT;
	const char *text = "# proposal\n"
			   "\n"
			   "contain net src/net/server.c\n"
			   "  contain\tnet   src/net/server.h  \r\n"
			   "depends src/a.c src/b.c\n"          /* another relation: ignored */
			   "   # indented comment\n"
			   "weight a b 3\n"                     /* four fields, not contain: ignored */
			   "contain orders src/orders/orders.c"; /* no final newline */
	assert_int_equal(load(&d, "p.rsf", text, &err), 0);
	assert_string_equal(strbuf_str(&err), "");
	assert_int_equal(d.entries.n, 3);
	assert_int_equal(decomposition_cluster_count(&d), 2);
	assert_string_equal(decomposition_cluster_of(&d, "src/net/server.c"), "net");
	assert_string_equal(decomposition_cluster_of(&d, "src/net/server.h"), "net");
	assert_string_equal(decomposition_cluster_of(&d, "src/orders/orders.c"), "orders");
	assert_null(decomposition_cluster_of(&d, "src/a.c"));
	assert_null(decomposition_cluster_of(&d, "src/net"));
	/* clusters are interned: one string per name */
	assert_ptr_equal(d.entries.v[0].cluster, d.entries.v[1].cluster);
	decomposition_release(&d);
	strbuf_release(&err);
}

static void test_rsf_write_sorted(void **state)
{
	(void)state;
	struct decomposition d;
	decomposition_init(&d);
	assert_int_equal(decomposition_add(&d, "src/z.c", "b"), 0);
	assert_int_equal(decomposition_add(&d, "src/y.c", "a"), 0);
	assert_int_equal(decomposition_add(&d, "src/a.c", "b"), 0);
	assert_int_equal(decomposition_add(&d, "src/B.c", "b"), 0);
	char *out = rsf_of(&d);
	assert_string_equal(out, "contain a src/y.c\n"
				 "contain b src/B.c\n"
				 "contain b src/a.c\n"
				 "contain b src/z.c\n");
	free(out);
	decomposition_release(&d);
	decomposition_init(&d); /* empty: nothing */
	out = rsf_of(&d);
	assert_string_equal(out, "");
	free(out);
	decomposition_release(&d);
}

static void test_rsf_round_trip(void **state)
{
	(void)state;
	struct decomposition d, e;
	struct strbuf err = STRBUF_INIT;
	decomposition_init(&d);
	assert_int_equal(decomposition_add(&d, "src/my file.c", "two words"), 0);
	assert_int_equal(decomposition_add(&d, "src/q\"uote\\d.c", "a"), 0);
	assert_int_equal(decomposition_add(&d, "src/tab\there.c", "a"), 0);
	assert_int_equal(decomposition_add(&d, "src/back\\slash.c", "a"), 0);
	assert_int_equal(decomposition_add(&d, "src/plain.c", ""), 0);
	char *out = rsf_of(&d);
	assert_string_equal(out, "contain \"\" src/plain.c\n"
				 "contain a src/back\\slash.c\n"
				 "contain a \"src/q\\\"uote\\\\d.c\"\n"
				 "contain a \"src/tab\\there.c\"\n"
				 "contain \"two words\" \"src/my file.c\"\n");
	assert_int_equal(load(&e, "out.rsf", out, &err), 0);
	assert_int_equal(e.entries.n, 5);
	for (size_t i = 0; i < d.entries.n; i++)
		assert_string_equal(decomposition_cluster_of(&e, d.entries.v[i].entity), d.entries.v[i].cluster);
	char *again = rsf_of(&e);
	assert_string_equal(again, out);
	free(again);
	free(out);
	decomposition_release(&e);
	decomposition_release(&d);
	strbuf_release(&err);
}

static void test_rsf_errors(void **state)
{
	(void)state;
	check_error("x.rsf", "contain a a.c\n\ncontain b\n", "'x.rsf':3: expected 'contain <cluster> <entity>'");
	check_error("x.rsf", "contain a a.c extra\n", "'x.rsf':1: expected 'contain <cluster> <entity>'");
	check_error("x.rsf", "contain\n", "'x.rsf':1: expected 'contain <cluster> <entity>'");
	check_error("x.rsf", "contain a \"a.c\ncontain b b.c\n", "'x.rsf':1: unterminated quote");
	check_error("x.rsf", "contain a a.c\ncontain b b.c\ncontain c a.c\n",
		    "'x.rsf':3: 'a.c' is listed twice (in 'a' and in 'c')");
	check_error("x.rsf", "contain a a.c\ncontain a a.c\n", "'x.rsf':2: 'a.c' is listed twice (in 'a' and in 'a')");
	check_error("x.rsf", "", "'x.rsf': no 'contain <cluster> <entity>' line");
	check_error("x.rsf", "# only a comment\ndepends a b\n", "'x.rsf': no 'contain <cluster> <entity>' line");
	check_error("x.rsf", "a,b,c\n1,2,3\n", "'x.rsf': no 'contain <cluster> <entity>' line");
}

/* ---- JSON: report.json and EXPECTED.json ----------------------------------------- */

static void test_json_answer_key(void **state)
{
	(void)state;
	struct decomposition d;
	struct strbuf err = STRBUF_INIT;
	const char *key = "{\n"
			  "  \"format\": 1, \"sample\": \"s\", \"description\": \"...\",\n"
			  "  \"services\": [\n"
			  "    {\"name\": \"server\", \"files\": [\"src/main.c\", \"src/net.c\"], \"why\": \"edge\"},\n"
			  "    {\"name\": \"orders\", \"files\": [\"src/orders.c\"], \"why\": \"domain\"},\n"
			  "    {\"name\": \"empty\", \"files\": []}\n"
			  "  ],\n"
			  "  \"globals\": [], \"functions\": []\n"
			  "}\n";
	assert_int_equal(load(&d, "EXPECTED.json", key, &err), 0);
	assert_int_equal(d.entries.n, 3);
	assert_int_equal(decomposition_cluster_count(&d), 2); /* "empty" has no file */
	assert_string_equal(decomposition_cluster_of(&d, "src/net.c"), "server");
	assert_string_equal(decomposition_cluster_of(&d, "src/orders.c"), "orders");
	char *out = rsf_of(&d);
	assert_string_equal(out, "contain orders src/orders.c\ncontain server src/main.c\ncontain server src/net.c\n");
	free(out);
	decomposition_release(&d);
	strbuf_release(&err);
}

static void test_json_report(void **state)
{
	(void)state;
	struct decomposition d;
	struct strbuf err = STRBUF_INIT;
	/* a report: many other fields, services with ids, functions, ... */
	const char *report = "\xEF\xBB\xBF  \n{\"schema_version\": 1, \"files\": [{\"path\": \"a.c\"}],\n"
			     " \"services\": [{\"id\": 0, \"name\": \"svc-0\", \"files\": [\"a.c\", \"b.c\"],\n"
			     "   \"functions\": [1, 2], \"recommendation\": \"serverless\"},\n"
			     "  {\"id\": 1, \"name\": \"svc-1\", \"files\": [\"c.c\"], \"functions\": []}]}";
	assert_int_equal(load(&d, "report.json", report, &err), 0);
	assert_int_equal(d.entries.n, 3);
	assert_string_equal(decomposition_cluster_of(&d, "b.c"), "svc-0");
	assert_string_equal(decomposition_cluster_of(&d, "c.c"), "svc-1");
	decomposition_release(&d);
	strbuf_release(&err);
}

static void test_json_errors(void **state)
{
	(void)state;
	struct decomposition d; /* the column is where cJSON stopped: at or just after the second ',' */
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(load(&d, "r.json", "{\n  \"services\": [\n    {\"name\": \"a\",, }\n  ]\n}", &err), -1);
	assert_true(strcmp(strbuf_str(&err), "'r.json':3:18: malformed JSON") == 0 ||
		    strcmp(strbuf_str(&err), "'r.json':3:19: malformed JSON") == 0);
	decomposition_release(&d);
	strbuf_release(&err);
	check_error("r.json", "{\"services\": [", "'r.json':1:15: malformed JSON");
	check_error("r.json", "{\"functions\": []}",
		    "'r.json': expected a JSON object with a \"services\" array "
		    "(a seam report with services, or an EXPECTED.json answer key)");
	check_error("r.json", "{\"services\": {}}",
		    "'r.json': expected a JSON object with a \"services\" array "
		    "(a seam report with services, or an EXPECTED.json answer key)");
	check_error("r.json", "{\"services\": [{\"name\": \"a\", \"files\": [\"a.c\"]}, {\"files\": [\"b.c\"]}]}",
		    "'r.json': services[1]: expected {\"name\": \"...\", \"files\": [\"...\"]}");
	check_error("r.json", "{\"services\": [{\"name\": \"a\", \"files\": [\"a.c\", 3]}]}",
		    "'r.json': services[0]: expected {\"name\": \"...\", \"files\": [\"...\"]}");
	check_error("r.json", "{\"services\": [7]}",
		    "'r.json': services[0]: expected {\"name\": \"...\", \"files\": [\"...\"]}");
	check_error("r.json",
		    "{\"services\": [{\"name\": \"a\", \"files\": [\"a.c\"]}, {\"name\": \"b\", \"files\": [\"a.c\"]}]}",
		    "'r.json': services[1]: 'a.c' is listed twice (in 'a' and in 'b')");
	check_error("r.json", "{\"services\": [{\"name\": \"a\", \"files\": []}]}",
		    "'r.json': \"services\" lists no files");
	check_error("r.json", "{\"services\": []}", "'r.json': \"services\" lists no files");
}

/* ---- files --------------------------------------------------------------------- */

static void test_load_file(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "p.rsf", "contain a x.c\ncontain b y.c\n");
	tmp_write(dir, "k.json", "{\"services\": [{\"name\": \"a\", \"files\": [\"x.c\", \"y.c\"]}]}");
	char *rsf = tmp_path(dir, "p.rsf"), *json = tmp_path(dir, "k.json"), *missing = tmp_path(dir, "no.rsf");
	struct decomposition d;
	struct strbuf err = STRBUF_INIT;
	decomposition_init(&d);
	assert_int_equal(decomposition_load_file(&d, rsf, &err), 0);
	assert_int_equal(decomposition_cluster_count(&d), 2);
	decomposition_release(&d);
	decomposition_init(&d);
	assert_int_equal(decomposition_load_file(&d, json, &err), 0);
	assert_int_equal(decomposition_cluster_count(&d), 1);
	decomposition_release(&d);
	decomposition_init(&d);
	assert_int_equal(decomposition_load_file(&d, missing, &err), -1);
	assert_non_null(strstr(strbuf_str(&err), "cannot open '"));
	assert_non_null(strstr(strbuf_str(&err), "no.rsf"));
	decomposition_release(&d);
	strbuf_release(&err);
	free(rsf);
	free(json);
	free(missing);
}

static void test_add_twice(void **state)
{
	(void)state;
	struct decomposition d;
	decomposition_init(&d);
	assert_int_equal(decomposition_add(&d, "a.c", "x"), 0);
	assert_int_equal(decomposition_add(&d, "a.c", "y"), -1);
	assert_int_equal(decomposition_add(&d, "a.c", "x"), -1);
	assert_int_equal(d.entries.n, 1);
	assert_string_equal(decomposition_cluster_of(&d, "a.c"), "x");
	assert_int_equal(decomposition_cluster_count(&d), 1); /* "y" was never created */
	decomposition_release(&d);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsf_parse),
		cmocka_unit_test(test_rsf_write_sorted),
		cmocka_unit_test(test_rsf_round_trip),
		cmocka_unit_test(test_rsf_errors),
		cmocka_unit_test(test_json_answer_key),
		cmocka_unit_test(test_json_report),
		cmocka_unit_test(test_json_errors),
		T(test_load_file),
		cmocka_unit_test(test_add_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
