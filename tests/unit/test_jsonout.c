/* test_jsonout.c — unit tests for reports/jsonout.h: the same bytes as cJSON_PrintUnformatted */
#include "unit.h"
#include "jsonout.h"
#include <math.h>

/* item printed both ways must agree; the tree is deleted */
static void assert_same_as_cjson(cJSON *item)
{
	char *want = cJSON_PrintUnformatted(item);
	struct strbuf got = STRBUF_INIT;
	jsonout_item(&got, item);
	assert_string_equal(strbuf_str(&got), want);
	strbuf_release(&got);
	free(want);
	cJSON_Delete(item);
}

static void test_numbers(void **state)
{
	(void)state;
	static const double values[] = { 0, -0.0, 1, -1, 42, 2147483647.0, 2147483648.0, -2147483649.0,
					 4294967295.0, 999999999999999.0, 1e15, 1e16, -1e15, 0.5, 0.1,
					 1.0 / 3, -0.000001, 123456.789, 1e-7, 3.0000000000000004, 1e300 };
	for (size_t i = 0; i < sizeof(values) / sizeof(*values); i++)
		assert_same_as_cjson(cJSON_CreateNumber(values[i]));
	assert_same_as_cjson(cJSON_CreateNumber(NAN));
	assert_same_as_cjson(cJSON_CreateNumber(INFINITY));
	assert_same_as_cjson(cJSON_CreateNumber(-INFINITY));
}

static void test_strings(void **state)
{
	(void)state;
	assert_same_as_cjson(cJSON_CreateString(""));
	assert_same_as_cjson(cJSON_CreateString("plain/path.c"));
	assert_same_as_cjson(cJSON_CreateString("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f end"));
	assert_same_as_cjson(cJSON_CreateString("caf\xC3\xA9 lat\xE9in\xFF"));
}

static void test_nesting(void **state)
{
	(void)state;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", 7);
	cJSON_AddStringToObject(o, "k\"ey\n", "v");
	cJSON_AddNullToObject(o, "none");
	cJSON_AddBoolToObject(o, "yes", 1);
	cJSON_AddBoolToObject(o, "no", 0);
	cJSON_AddArrayToObject(o, "empty");
	cJSON_AddObjectToObject(o, "nothing");
	cJSON *arr = cJSON_AddArrayToObject(o, "list");
	for (int i = 0; i < 3; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(i * 1.5));
	cJSON_AddItemToArray(arr, cJSON_CreateObject());
	assert_same_as_cjson(o);
	assert_same_as_cjson(cJSON_CreateArray());
}

static void test_members_match_a_tree(void **state)
{
	(void)state;
	cJSON *tree = cJSON_CreateObject();
	cJSON_AddNumberToObject(tree, "id", 4294967295.0);
	cJSON_AddStringToObject(tree, "name", "f\tg");
	cJSON_AddStringToObject(tree, "gone", NULL); /* cJSON adds nothing */
	cJSON_AddBoolToObject(tree, "ok", 1);
	cJSON_AddNullToObject(tree, "entry");
	cJSON *arr = cJSON_AddArrayToObject(tree, "steps");
	cJSON *step = cJSON_CreateObject();
	cJSON_AddNumberToObject(step, "line", 3);
	cJSON_AddItemToArray(arr, step);
	cJSON_AddItemToArray(arr, cJSON_CreateString(NULL));
	cJSON_AddItemToArray(arr, cJSON_CreateNumber(0.25));
	cJSON_AddArrayToObject(tree, "none");
	char *want = cJSON_PrintUnformatted(tree);

	struct strbuf got = STRBUF_INIT;
	struct jsonout o, steps, st, none;
	jsonout_begin(&o, &got, '{');
	jsonout_add_number(&o, "id", 4294967295.0);
	jsonout_add_string(&o, "name", "f\tg");
	jsonout_add_string(&o, "gone", NULL);
	jsonout_add_bool(&o, "ok", true);
	jsonout_add_null(&o, "entry");
	jsonout_nest(&steps, &o, "steps", '[');
	jsonout_nest(&st, &steps, NULL, '{');
	jsonout_add_number(&st, "line", 3);
	jsonout_end(&st, '}');
	jsonout_add_string(&steps, NULL, NULL);
	jsonout_add_number(&steps, NULL, 0.25);
	jsonout_end(&steps, ']');
	jsonout_nest(&none, &o, "none", '[');
	jsonout_end(&none, ']');
	jsonout_end(&o, '}');
	assert_string_equal(strbuf_str(&got), want);
	strbuf_release(&got);
	free(want);
	cJSON_Delete(tree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_members_match_a_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
