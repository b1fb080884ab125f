/* test_binimg.c — unit tests for analyzer/util/binimg.h: fields round-trip,
 * and a reader that runs out or meets a malformed string turns bad. */
#include "unit.h"
#include "binimg.h"

static void test_round_trip(void **state)
{
	(void)state;
	struct strbuf o = STRBUF_INIT;
	binimg_put_u8(&o, 0xab);
	binimg_put_u16(&o, 0xbeef);
	binimg_put_u32(&o, 123456789u);
	binimg_put_u64(&o, 0x0123456789abcdefull);
	binimg_put_str(&o, "name");
	binimg_put_str(&o, NULL);
	binimg_put_str(&o, "");
	struct binimg_reader r = { o.buf, o.buf + o.len, false };
	assert_int_equal(binimg_get_u8(&r), 0xab);
	assert_int_equal(binimg_get_u16(&r), 0xbeef);
	assert_int_equal(binimg_get_u32(&r), 123456789u);
	assert_true(binimg_get_u64(&r) == 0x0123456789abcdefull);
	uint32_t n;
	const char *s = binimg_get_str(&r, &n);
	assert_int_equal(n, 4);
	assert_memory_equal(s, "name", 4);
	assert_null(binimg_get_str(&r, &n)); /* NULL written, NULL read, not bad */
	assert_false(r.bad);
	assert_non_null(binimg_get_str(&r, &n));
	assert_int_equal(n, 0);
	assert_int_equal(binimg_left(&r), 0);
	assert_false(r.bad);
	strbuf_release(&o);
}

static void test_running_out_is_bad_and_stays_bad(void **state)
{
	(void)state;
	struct strbuf o = STRBUF_INIT;
	binimg_put_u16(&o, 7);
	struct binimg_reader r = { o.buf, o.buf + o.len, false };
	assert_int_equal(binimg_get_u32(&r), 0); /* 2 bytes left, 4 asked */
	assert_true(r.bad);
	assert_int_equal(binimg_get_u8(&r), 0); /* no read after that */
	assert_int_equal(binimg_left(&r), 2);
	strbuf_release(&o);
}

static void test_bad_strings(void **state)
{
	(void)state;
	struct strbuf o = STRBUF_INIT;
	binimg_put_u32(&o, 3);
	strbuf_add(&o, "a\0b", 3); /* a NUL inside */
	struct binimg_reader r = { o.buf, o.buf + o.len, false };
	uint32_t n;
	assert_null(binimg_get_str(&r, &n));
	assert_true(r.bad);
	strbuf_reset(&o);
	binimg_put_u32(&o, 1000); /* longer than the image */
	strbuf_addstr(&o, "abc");
	r = (struct binimg_reader){ o.buf, o.buf + o.len, false };
	assert_null(binimg_get_str(&r, &n));
	assert_true(r.bad);
	r = (struct binimg_reader){ o.buf, o.buf + o.len, false };
	assert_null(binimg_get_bytes(&r, o.len + 1));
	assert_true(r.bad);
	strbuf_release(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_running_out_is_bad_and_stays_bad),
		cmocka_unit_test(test_bad_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
