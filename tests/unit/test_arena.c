/* test_arena.c — unit tests for analyzer/util/arena.h */
#include "unit.h"
#include "arena.h"

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void test_alloc_is_aligned_and_zeroed(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	for (size_t size = 0; size < 100; size++) {
		unsigned char *p = arena_alloc(&a, size);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		assert_true(all_zero(p, size));
		memset(p, 0xab, size); /* dirty it: the next ones must still be zero */
	}
	arena_release(&a);
}

static void test_allocations_do_not_overlap(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	enum { N = 5000 };
	unsigned char **ptrs = xcalloc(N, sizeof(*ptrs));
	for (size_t i = 0; i < N; i++) {
		size_t size = 1 + i % 97;
		ptrs[i] = arena_alloc(&a, size);
		memset(ptrs[i], (int)(i & 0xff), size);
	}
	/* every block still holds its own pattern: nothing was overwritten */
	for (size_t i = 0; i < N; i++) {
		size_t size = 1 + i % 97;
		for (size_t k = 0; k < size; k++)
			assert_int_equal(ptrs[i][k], i & 0xff);
	}
	assert_true(a.used_total >= (size_t)N * 16);
	free(ptrs);
	arena_release(&a);
}

static void test_many_small_allocations_span_blocks(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	size_t total = 0;
	for (int i = 0; i < 100000; i++) { /* ~3 MB: many 64 KiB blocks */
		int *p = arena_alloc(&a, 32);
		assert_int_equal((uintptr_t)p % 16, 0);
		assert_int_equal(*p, 0);
		*p = i;
		total += 32;
	}
	assert_int_equal(a.used_total, total);
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.used_total, 0);
}

static void test_big_allocation(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *small = arena_alloc(&a, 10);
	memcpy(small, "small", 6);
	size_t big_size = 1u << 20; /* larger than one block */
	unsigned char *big = arena_alloc(&a, big_size);
	assert_int_equal((uintptr_t)big % 16, 0);
	assert_true(all_zero(big, big_size));
	memset(big, 0x5a, big_size);
	char *after = arena_alloc(&a, 10);
	assert_true(all_zero((unsigned char *)after, 10));
	memcpy(after, "after", 6);
	assert_string_equal(small, "small");
	assert_int_equal(big[0], 0x5a);
	assert_int_equal(big[big_size - 1], 0x5a);
	assert_string_equal(after, "after");
	/* exactly one block size too */
	unsigned char *exact = arena_alloc(&a, 64 * 1024);
	assert_true(all_zero(exact, 64 * 1024));
	arena_release(&a);
}

static void test_sizes_rounded_to_16(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	arena_alloc(&a, 1);
	assert_int_equal(a.used_total, 16);
	arena_alloc(&a, 16);
	assert_int_equal(a.used_total, 32);
	arena_alloc(&a, 17);
	assert_int_equal(a.used_total, 64);
	arena_release(&a);
}

static void test_strdup(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char src[] = "c:@F@handle_order";
	char *s = arena_strdup(&a, src);
	assert_ptr_not_equal(s, src);
	assert_string_equal(s, "c:@F@handle_order");
	src[0] = 'X'; /* a copy, not an alias */
	assert_string_equal(s, "c:@F@handle_order");
	char *e = arena_strdup(&a, "");
	assert_string_equal(e, "");
	arena_release(&a);
}

static void test_strndup(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *s = arena_strndup(&a, "abcdef", 3);
	assert_string_equal(s, "abc");
	char *z = arena_strndup(&a, "abc", 0);
	assert_string_equal(z, "");
	/* reads exactly n bytes: no NUL needed in the source */
	char raw[4] = { 'w', 'x', 'y', 'z' };
	char *r = arena_strndup(&a, raw, sizeof(raw));
	assert_string_equal(r, "wxyz");
	arena_release(&a);
}

static void test_release_then_reuse(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	arena_strdup(&a, "one");
	arena_release(&a);
	char *p = arena_strdup(&a, "two");
	assert_string_equal(p, "two");
	assert_int_equal(a.used_total, 16);
	arena_release(&a);
	arena_release(&a); /* releasing an empty arena is fine */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_is_aligned_and_zeroed),
		cmocka_unit_test(test_allocations_do_not_overlap),
		cmocka_unit_test(test_many_small_allocations_span_blocks),
		cmocka_unit_test(test_big_allocation),
		cmocka_unit_test(test_sizes_rounded_to_16),
		cmocka_unit_test(test_strdup),
		cmocka_unit_test(test_strndup),
		cmocka_unit_test(test_release_then_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
