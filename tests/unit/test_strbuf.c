/* test_strbuf.c — unit tests for analyzer/util/strbuf.h */
#include "unit.h"

static void test_init_is_empty(void **state)
{
	(void)state;
	struct strbuf a = STRBUF_INIT, b;
	strbuf_init(&b);
	assert_string_equal(strbuf_str(&a), "");
	assert_string_equal(strbuf_str(&b), "");
	assert_int_equal(a.len, 0);
	assert_null(a.buf);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_add_and_addstr(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "hello");
	strbuf_addch(&sb, ',');
	strbuf_add(&sb, " worldXXX", 6);
	assert_string_equal(strbuf_str(&sb), "hello, world");
	assert_int_equal(sb.len, 12);
	assert_true(sb.cap > sb.len);
	strbuf_release(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
}

static void test_add_binary_with_nul(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.buf, "a\0b", 4); /* still NUL-terminated */
	strbuf_release(&sb);
}

static void test_addf(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s:%d:%u", "f.c", -3, 7u);
	strbuf_addf(&sb, "%s", "");
	strbuf_addf(&sb, "[%05.1f]", 2.5);
	assert_string_equal(strbuf_str(&sb), "f.c:-3:7[002.5]");
	assert_int_equal(sb.len, strlen("f.c:-3:7[002.5]"));
	strbuf_release(&sb);
}

static void test_addf_long_output_grows(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char big[5000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	strbuf_addstr(&sb, "<");
	strbuf_addf(&sb, "%s|%s", big, big);
	strbuf_addch(&sb, '>');
	assert_int_equal(sb.len, 1 + 4999 + 1 + 4999 + 1);
	assert_int_equal(sb.buf[0], '<');
	assert_int_equal(sb.buf[5000], '|');
	assert_int_equal(sb.buf[sb.len - 1], '>');
	assert_int_equal(sb.buf[sb.len], '\0');
	strbuf_release(&sb);
}

static void test_many_appends(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 100000);
	assert_int_equal(strlen(sb.buf), 100000);
	assert_int_equal(sb.buf[26], 'a');
	assert_int_equal(sb.buf[99999], 'a' + 99999 % 26);
	strbuf_release(&sb);
}

static void test_reset_keeps_buffer(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_reset(&sb); /* on an empty buffer: no crash */
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_addstr(&sb, "abcdef");
	size_t cap = sb.cap;
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(sb.cap, cap);
	strbuf_addstr(&sb, "xy");
	assert_string_equal(strbuf_str(&sb), "xy");
	strbuf_release(&sb);
}

static void test_detach(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char *empty = strbuf_detach(&sb);
	assert_non_null(empty);
	assert_string_equal(empty, "");
	free(empty);

	strbuf_addstr(&sb, "owned");
	char *s = strbuf_detach(&sb);
	assert_string_equal(s, "owned");
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	strbuf_addstr(&sb, "again"); /* usable after detach */
	assert_string_equal(strbuf_str(&sb), "again");
	strbuf_release(&sb);
	free(s);
}

static void test_grow_reserves(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_grow(&sb, 1000);
	assert_true(sb.cap >= 1001);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	char *before = sb.buf;
	for (int i = 0; i < 1000; i++)
		strbuf_addch(&sb, 'z');
	assert_ptr_equal(sb.buf, before); /* no reallocation was needed */
	assert_int_equal(sb.len, 1000);
	strbuf_release(&sb);
}

static void vaddf_helper(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vaddf_helper(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static void test_vaddf(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "seam: ");
	vaddf_helper(&sb, "cannot open '%s': %s", "x.json", "No such file or directory");
	assert_string_equal(strbuf_str(&sb), "seam: cannot open 'x.json': No such file or directory");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty),
		cmocka_unit_test(test_add_and_addstr),
		cmocka_unit_test(test_add_binary_with_nul),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_addf_long_output_grows),
		cmocka_unit_test(test_many_appends),
		cmocka_unit_test(test_reset_keeps_buffer),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_grow_reserves),
		cmocka_unit_test(test_vaddf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
