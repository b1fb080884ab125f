/* test_hashmap.c — unit tests for analyzer/util/hashmap.h */
#include "unit.h"
#include "hashmap.h"

static void test_empty_map(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	uint32_t v = 42;
	assert_false(hashmap_get(&m, "absent", &v));
	assert_int_equal(v, 42); /* untouched on a miss */
	assert_null(hashmap_find_key(&m, "absent"));
	assert_int_equal(m.count, 0);
	hashmap_release(&m);
	hashmap_release(&m); /* twice is harmless */
}

static void test_string_keys_compare_by_content(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	char k1[] = "alpha", k2[] = "beta";
	hashmap_put(&m, k1, 1);
	hashmap_put(&m, k2, 2);
	char probe[] = "alpha"; /* another pointer, same text */
	uint32_t v = 0;
	assert_true(hashmap_get(&m, probe, &v));
	assert_int_equal(v, 1);
	assert_true(hashmap_get(&m, "beta", &v));
	assert_int_equal(v, 2);
	assert_false(hashmap_get(&m, "alph", &v));
	assert_false(hashmap_get(&m, "alphaa", &v));
	assert_false(hashmap_get(&m, "", &v));
	assert_int_equal(m.count, 2);
	hashmap_release(&m);
}

static void test_empty_string_key(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	hashmap_put(&m, "", 9);
	uint32_t v = 0;
	assert_true(hashmap_get(&m, "", &v));
	assert_int_equal(v, 9);
	hashmap_release(&m);
}

static void test_overwrite_keeps_first_key(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	char first[] = "key", second[] = "key";
	hashmap_put(&m, first, 1);
	hashmap_put(&m, second, 2);
	uint32_t v = 0;
	assert_true(hashmap_get(&m, "key", &v));
	assert_int_equal(v, 2);
	assert_int_equal(m.count, 1);
	assert_ptr_equal(hashmap_find_key(&m, second), first);
	hashmap_release(&m);
}

static void test_find_key_interns(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	const char *stored = "c:@F@main";
	hashmap_put(&m, stored, 0);
	char copy[32];
	snprintf(copy, sizeof(copy), "%s", "c:@F@main");
	assert_ptr_equal(hashmap_find_key(&m, copy), stored);
	assert_null(hashmap_find_key(&m, "c:@F@other"));
	hashmap_release(&m);
}

static void test_pointer_keys_compare_by_address(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, true);
	char a[] = "same", b[] = "same";
	int x;
	hashmap_put(&m, a, 10);
	hashmap_put(&m, &x, 30);
	uint32_t v = 0;
	assert_true(hashmap_get(&m, a, &v));
	assert_int_equal(v, 10);
	assert_false(hashmap_get(&m, b, &v)); /* equal text, other address */
	assert_null(hashmap_find_key(&m, b));
	assert_ptr_equal(hashmap_find_key(&m, &x), &x);
	hashmap_put(&m, b, 20);
	assert_true(hashmap_get(&m, b, &v));
	assert_int_equal(v, 20);
	assert_true(hashmap_get(&m, a, &v));
	assert_int_equal(v, 10);
	assert_int_equal(m.count, 3);
	hashmap_release(&m);
}

enum { MANY = 20000 };

static void test_growth_string_keys(void **state)
{
	(void)state;
	char **keys = xcalloc(MANY, sizeof(*keys));
	struct hashmap m;
	hashmap_init(&m, false);
	for (uint32_t i = 0; i < MANY; i++) {
		char buf[32];
		snprintf(buf, sizeof(buf), "key-%u", i);
		keys[i] = xstrdup(buf);
		hashmap_put(&m, keys[i], i * 3);
	}
	assert_int_equal(m.count, MANY);
	assert_true(m.cap >= MANY);
	assert_int_equal(m.cap & (m.cap - 1), 0); /* power of two */
	assert_true(m.count * 4 <= m.cap * 3);    /* load factor kept */
	for (uint32_t i = 0; i < MANY; i++) {
		char buf[32];
		snprintf(buf, sizeof(buf), "key-%u", i);
		uint32_t v = 0;
		assert_true(hashmap_get(&m, buf, &v));
		assert_int_equal(v, i * 3);
		assert_ptr_equal(hashmap_find_key(&m, buf), keys[i]);
	}
	assert_false(hashmap_get(&m, "key-20000", &(uint32_t){ 0 }));
	/* overwrite all after growth: count unchanged */
	for (uint32_t i = 0; i < MANY; i++)
		hashmap_put(&m, keys[i], i);
	assert_int_equal(m.count, MANY);
	uint32_t v = 0;
	assert_true(hashmap_get(&m, "key-12345", &v));
	assert_int_equal(v, 12345);
	hashmap_release(&m);
	for (uint32_t i = 0; i < MANY; i++)
		free(keys[i]);
	free(keys);
}

static void test_growth_pointer_keys(void **state)
{
	(void)state;
	char *block = xcalloc(MANY, 1); /* MANY distinct addresses, adjacent */
	struct hashmap m;
	hashmap_init(&m, true);
	for (uint32_t i = 0; i < MANY; i++)
		hashmap_put(&m, block + i, MANY - i);
	assert_int_equal(m.count, MANY);
	for (uint32_t i = 0; i < MANY; i++) {
		uint32_t v = 0;
		assert_true(hashmap_get(&m, block + i, &v));
		assert_int_equal(v, MANY - i);
	}
	uint32_t v = 0;
	assert_false(hashmap_get(&m, &v, &v));
	hashmap_release(&m);
	free(block);
}

static void test_hash_string_is_stable(void **state)
{
	(void)state;
	/* FNV-1a 64: known values, so hashes (and probe order) never change
	 * between runs or builds */
	assert_true(hashmap_hash_string("") == 0xcbf29ce484222325ULL);
	assert_true(hashmap_hash_string("a") == 0xaf63dc4c8601ec8cULL);
	assert_true(hashmap_hash_string("foobar") == 0x85944171f73967e8ULL);
	assert_true(hashmap_hash_string("ab") != hashmap_hash_string("ba"));
}

static void test_values_full_range(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	hashmap_put(&m, "max", UINT32_MAX);
	hashmap_put(&m, "zero", 0);
	uint32_t v = 1;
	assert_true(hashmap_get(&m, "max", &v));
	assert_true(v == UINT32_MAX);
	assert_true(hashmap_get(&m, "zero", &v));
	assert_int_equal(v, 0);
	hashmap_release(&m);
}

static void test_put_new_keeps_the_first(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	assert_true(hashmap_put_new(&m, "k", 1));
	char again[] = "k";
	assert_false(hashmap_put_new(&m, again, 2));
	uint32_t v = 0;
	assert_true(hashmap_get(&m, "k", &v));
	assert_int_equal(v, 1);
	assert_int_equal(m.count, 1);
	hashmap_release(&m);
}

static const void *copy_counting(const void *key, void *ctx)
{
	++*(int *)ctx;
	return strdup(key);
}

static void test_intern_copies_once(void **state)
{
	(void)state;
	struct hashmap m;
	hashmap_init(&m, false);
	int copies = 0;
	char probe[16];
	const char *first = NULL;
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 200; i++) {
			snprintf(probe, sizeof(probe), "s%d", i);
			const char *k = hashmap_intern(&m, probe, copy_counting, &copies);
			assert_ptr_not_equal(k, probe);
			assert_string_equal(k, probe);
			if (i == 0 && round == 0)
				first = k;
		}
	}
	assert_int_equal(copies, 200);
	assert_ptr_equal(hashmap_find_key(&m, "s0"), first);
	for (size_t i = 0; i < m.cap; i++)
		free((void *)m.slots[i].key);
	hashmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_string_keys_compare_by_content),
		cmocka_unit_test(test_empty_string_key),
		cmocka_unit_test(test_overwrite_keeps_first_key),
		cmocka_unit_test(test_find_key_interns),
		cmocka_unit_test(test_pointer_keys_compare_by_address),
		cmocka_unit_test(test_growth_string_keys),
		cmocka_unit_test(test_growth_pointer_keys),
		cmocka_unit_test(test_hash_string_is_stable),
		cmocka_unit_test(test_values_full_range),
		cmocka_unit_test(test_put_new_keeps_the_first),
		cmocka_unit_test(test_intern_copies_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
