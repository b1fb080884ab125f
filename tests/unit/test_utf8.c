/* test_utf8.c — unit tests for analyzer/util/utf8.h */
#include "unit.h"
#include "utf8.h"

static size_t seq(const char *s)
{
	return utf8_sequence_length((const unsigned char *)s, strlen(s));
}

static void test_sequence_lengths(void **state)
{
	(void)state;
	assert_int_equal(seq("a"), 1);
	assert_int_equal(seq("\xC3\xA9"), 2);          /* é */
	assert_int_equal(seq("\xE5\x90\x8D"), 3);      /* 名 */
	assert_int_equal(seq("\xF0\x9F\x98\x80"), 4);  /* U+1F600 */
	assert_int_equal(seq("\xE9t"), 0);             /* Latin-1 é */
	assert_int_equal(seq("\xC0\xAF"), 0);          /* overlong '/' */
	assert_int_equal(seq("\xE0\x80\xAF"), 0);      /* overlong, three bytes */
	assert_int_equal(seq("\xED\xA0\x80"), 0);      /* a surrogate */
	assert_int_equal(seq("\xF4\x90\x80\x80"), 0);  /* above U+10FFFF */
	assert_int_equal(seq("\xE5\x90"), 0);          /* cut short */
	assert_int_equal(seq("\x80"), 0);              /* a lone continuation */
	assert_int_equal(utf8_sequence_length((const unsigned char *)"", 0), 0);
}

static void test_sanitize_replaces_only_bad_bytes(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "{\"path\": \"caf\xC3\xA9/lat\xE9in\xFF.c\"}");
	assert_int_equal(utf8_sanitize(&sb, 0), 2);
	assert_string_equal(strbuf_str(&sb), "{\"path\": \"caf\xC3\xA9/lat\xEF\xBF\xBDin\xEF\xBF\xBD.c\"}");
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_int_equal(utf8_sanitize(&sb, 0), 0);
	strbuf_release(&sb);
}

static void test_sanitize_from_an_offset(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "\xFF" "ok \xE5\x90");
	assert_int_equal(utf8_sanitize(&sb, 1), 2); /* the cut-short sequence: two bad bytes */
	assert_string_equal(strbuf_str(&sb), "\xFF" "ok \xEF\xBF\xBD\xEF\xBF\xBD");
	strbuf_release(&sb);
	struct strbuf empty = STRBUF_INIT;
	assert_int_equal(utf8_sanitize(&empty, 0), 0);
	strbuf_release(&empty);
}

static void test_sanitize_long_ascii_runs(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "0123456\xE5\x90\x8D" "0123456789abcdef" "tail\x80");
	assert_int_equal(utf8_sanitize(&sb, 0), 1); /* 名 straddles the first eight bytes */
	assert_string_equal(strbuf_str(&sb), "0123456\xE5\x90\x8D" "0123456789abcdef" "tail\xEF\xBF\xBD");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequence_lengths),
		cmocka_unit_test(test_sanitize_replaces_only_bad_bytes),
		cmocka_unit_test(test_sanitize_from_an_offset),
		cmocka_unit_test(test_sanitize_long_ascii_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
