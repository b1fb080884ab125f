/* test_archconfig.c — unit tests for analyzer/check/archconfig.h (seam.json),
 * util/jsonpos.h (positions) and reports/escape.h (names in outputs) */
#include "archconfig.h"
#include "escape.h"
#include "jsonpos.h"
#include "unit.h"

static int load(struct arch_config *c, const char *text, struct strbuf *err)
{
	arch_config_init(c);
	return arch_config_load_text(c, "s.json", text, strlen(text), err);
}

static void test_values_in_document_order(void **state)
{
	(void)state;
	const char *t = "{\"a\": [1, \"x\"], \"b\": {\"c\": true}}";
	jsonpos_offsets o = { 0 };
	jsonpos_values(t, strlen(t), &o);
	/* {, [, 1, "x", {, true */
	assert_int_equal(o.n, 6);
	assert_int_equal(o.v[0], 0);
	assert_int_equal(t[o.v[1]], '[');
	assert_int_equal(t[o.v[2]], '1');
	assert_int_equal(t[o.v[3]], '"');
	assert_int_equal(t[o.v[4]], '{');
	assert_int_equal(t[o.v[5]], 't');
	VEC_FREE(o);
	unsigned line, col;
	jsonpos_line_col("ab\ncd", 4, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
}

static void test_valid_config(void **state)
{
	(void)state;
	struct arch_config c;
	struct strbuf err = STRBUF_INIT;
	const char *t = "{\"version\": 1, \"exclude\": [\"vendor/*\"], \"services\": ["
			"{\"name\": \"a\", \"files\": [\"a/*\"], \"api\": [\"a_*\"]},"
			"{\"name\": \"b\", \"files\": [\"b/*\", \"a/shared.c\"]}],"
			"\"serverless\": [\"h_*\"], \"pins\": [{\"files\": \"u/*\", \"service\": \"p\"}],"
			"\"rules\": {\"service-cycle\": \"off\", \"coupling-threshold\": {\"max_icp\": 0.25}}}";
	assert_int_equal(load(&c, t, &err), 0);
	assert_int_equal(arch_config_service_of(&c, "a/x.c"), 0);
	assert_int_equal(arch_config_service_of(&c, "a/shared.c"), 0); /* the first match wins */
	assert_int_equal(arch_config_service_of(&c, "b/deep/y.c"), 1);
	assert_int_equal(arch_config_service_of(&c, "vendor/a/x.c"), -1);
	assert_int_equal(arch_config_service_of(&c, "c.c"), -1);
	assert_true(arch_service_exports(&c.services.v[0], "a_get"));
	assert_false(arch_service_exports(&c.services.v[0], "helper"));
	assert_true(arch_service_exports(&c.services.v[1], "anything")); /* no "api": all public */
	assert_true(arch_config_is_serverless(&c, "h_quote"));
	assert_int_equal(c.severity[RULE_SERVICE_CYCLE], SEVERITY_OFF);
	assert_int_equal(c.severity[RULE_UNPARSED_FILE], SEVERITY_ERROR);
	assert_true(c.max_icp > 0.24 && c.max_icp < 0.26);
	assert_int_equal(c.max_fan_out, -1);
	assert_int_equal(c.pins.n, 1);
	arch_config_release(&c);
	strbuf_release(&err);
}

static void expect_error(const char *text, const char *message)
{
	struct arch_config c;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(load(&c, text, &err), -1);
	assert_string_equal(strbuf_str(&err), message);
	arch_config_release(&c);
	strbuf_release(&err);
}

static void test_errors_point_at_the_value(void **state)
{
	(void)state;
	expect_error("{\"version\": 1,\n \"services\": [{\"name\": \"a\", \"files\": [\"x\", 3]}]}",
		     "s.json:2:44: services[0]: expected a non-empty string");
	expect_error("{\"version\": 2}", "s.json:1:13: version: expected \"version\": 1");
	expect_error("{\"version\": 1, \"services\": [{\"name\": \"a\", \"files\": []}, {\"name\": \"a\", \"files\": []}]}",
		     "s.json:1:66: services[1]: a service of this name is already declared");
	expect_error("{\"version\": 1, \"rules\": {\"coupling-threshold\": {\"max_fan_out\": 1.5}}}",
		     "s.json:1:64: rules.coupling-threshold.max_fan_out: expected a whole number");
	expect_error("{\"version\": 1, \"rules\": {\"service-cycle\": {\"files\": []}}}",
		     "s.json:1:44: rules.service-cycle.files: unknown option (this rule takes: severity)");
	expect_error("{\"version\": 1, \"rules\": {}, \"rules\": {\"service-cycle\": \"off\"}}",
		     "s.json:1:29: seam.json: key 'rules' given twice");
	expect_error("{\"version\": 1, \"rules\": {\"service-cycle\": \"off\", \"service-cycle\": \"error\"}}",
		     "s.json:1:50: rules: key 'service-cycle' given twice");
	/* control characters count as blanks, as cJSON skips them: positions stay right */
	expect_error("{\"version\": 1,\f\"services\": [{\"name\": \"a\", \"files\": 5}]}",
		     "s.json:1:52: services[0]: expected an array of strings");
	expect_error("{\"version\": 1,}", "s.json:1:15: malformed JSON");
	expect_error("{\"version\": 1} x", "s.json:1:16: malformed JSON");
}

static void test_escapes(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	escape_xml(&sb, "a<b>&\"'\x01\n");
	assert_string_equal(strbuf_str(&sb), "a&lt;b&gt;&amp;&quot;&#39;\xef\xbf\xbd&#10;");
	strbuf_reset(&sb);
	escape_markdown(&sb, "f_x|*y*`<script>\n[l](u)");
	assert_string_equal(strbuf_str(&sb), "f\\_x\\|\\*y\\*\\`&lt;script&gt; \\[l\\]\\(u\\)");
	strbuf_reset(&sb);
	escape_uri_path(&sb, "dir with space/\xc3\xa9%\"q\".c");
	assert_string_equal(strbuf_str(&sb), "dir%20with%20space/%C3%A9%25%22q%22.c");
	strbuf_reset(&sb);
	escape_line(&sb, "a\nb\tc\x7f");
	assert_string_equal(strbuf_str(&sb), "a\\nb\\tc\\x7f");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_in_document_order),
		cmocka_unit_test(test_valid_config),
		cmocka_unit_test(test_errors_point_at_the_value),
		cmocka_unit_test(test_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
