/* test_blobstore.c — unit tests for analyzer/util/blobstore.h */
#include "unit.h"
#include "blobstore.h"

static void test_store_then_load(void **state)
{
	struct blobstore s;
	blobstore_init(&s, *state, "bin");
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(blobstore_load(&s, 42, &out, &err), BLOB_MISS);
	const char data[] = "a\0b\nc";
	assert_int_equal(blobstore_store(&s, 42, data, sizeof(data), &err), 0);
	assert_int_equal(blobstore_load(&s, 42, &out, &err), BLOB_HIT);
	assert_int_equal(out.len, sizeof(data));
	assert_memory_equal(out.buf, data, sizeof(data));
	strbuf_reset(&out);
	assert_int_equal(blobstore_store(&s, 43, "", 0, &err), 0); /* empty blobs too */
	assert_int_equal(blobstore_load(&s, 43, &out, &err), BLOB_HIT);
	assert_int_equal(out.len, 0);
	char *path = blobstore_path(&s, 0xab00000000000001ull);
	char *want = tmp_path(*state, "ab/ab00000000000001.bin");
	assert_string_equal(path, want);
	assert_string_equal(strbuf_str(&err), "");
	free(want);
	free(path);
	strbuf_release(&out);
	strbuf_release(&err);
	blobstore_release(&s);
}

/* Overwrites the entry of key with text; returns what loading it says. */
static enum blob_status load_after_writing(struct blobstore *s, uint64_t key, const char *text, struct strbuf *why)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	char *path = blobstore_path(s, key);
	assert_int_equal(fs_write_atomic_nosync(path, text, strlen(text), &err), 0);
	enum blob_status st = blobstore_load(s, key, &out, why);
	if (st != BLOB_HIT)
		assert_int_equal(out.len, 0); /* nothing of a bad entry is handed out */
	free(path);
	strbuf_release(&out);
	strbuf_release(&err);
	return st;
}

static void test_damaged_entries_are_corrupt(void **state)
{
	struct blobstore s;
	blobstore_init(&s, *state, "bin");
	struct strbuf img = STRBUF_INIT, err = STRBUF_INIT, why = STRBUF_INIT;
	assert_int_equal(blobstore_store(&s, 7, "hello world", 11, &err), 0);
	char *path = blobstore_path(&s, 7);
	assert_int_equal(fs_read_file(path, &img, &err), 0);
	char *good = strbuf_detach(&img);
	char *bad = xstrdup(good);
	bad[strlen(bad) - 3] ^= 1; /* one flipped bit in the bytes */
	assert_int_equal(load_after_writing(&s, 7, bad, &why), BLOB_CORRUPT);
	assert_non_null(strstr(strbuf_str(&why), "checksum mismatch"));
	assert_non_null(strstr(strbuf_str(&why), path));
	bad[strlen(bad) - 1] = '\0'; /* truncated */
	assert_int_equal(load_after_writing(&s, 7, bad, &why), BLOB_CORRUPT);
	assert_int_equal(load_after_writing(&s, 7, "", &why), BLOB_CORRUPT);
	assert_int_equal(load_after_writing(&s, 7, "<svg>not an entry</svg>", &why), BLOB_CORRUPT);
	/* a sound entry copied under another key's name */
	assert_int_equal(load_after_writing(&s, 8, good, &why), BLOB_CORRUPT);
	assert_non_null(strstr(strbuf_str(&why), "another key"));
	assert_int_equal(load_after_writing(&s, 7, good, &why), BLOB_HIT);
	free(bad);
	free(good);
	free(path);
	strbuf_release(&why);
	strbuf_release(&err);
	blobstore_release(&s);
}

static void test_store_fails_when_dir_is_a_file(void **state)
{
	tmp_write(*state, "file", "x");
	char *dir = tmp_path(*state, "file");
	struct blobstore s;
	blobstore_init(&s, dir, "bin");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(blobstore_store(&s, 1, "x", 1, &err), -1);
	assert_non_null(strstr(strbuf_str(&err), "file"));
	strbuf_release(&err);
	blobstore_release(&s);
	free(dir);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store_then_load),
		T(test_damaged_entries_are_corrupt),
		T(test_store_fails_when_dir_is_a_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
