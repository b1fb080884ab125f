/* blobstore.c — checked byte blobs in a folder, keyed by 64-bit hashes */
#include "blobstore.h"
#include "fsutil.h"
#include "hash.h"
#include "xalloc.h"
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Every entry starts with this line: magic, key, length, checksum. */
#define BLOB_MAGIC "seam-blob 1"
#define BLOB_SEED 0x5eab10b5ull

void blobstore_init(struct blobstore *s, const char *dir, const char *suffix)
{
	s->dir = xstrdup(dir);
	s->suffix = xstrdup(suffix);
}

void blobstore_release(struct blobstore *s)
{
	free(s->dir);
	free(s->suffix);
	s->dir = s->suffix = NULL;
}

char *blobstore_path(const struct blobstore *s, uint64_t key)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%02x/%016" PRIx64 ".%s", s->dir, (unsigned)(key >> 56), key, s->suffix);
	return strbuf_detach(&sb);
}

static void header_of(struct strbuf *sb, uint64_t key, const void *data, size_t len)
{
	strbuf_addf(sb, BLOB_MAGIC " %016" PRIx64 " %zu %016" PRIx64 "\n", key, len,
		    hash_bytes(data, len, BLOB_SEED));
}

/* Whether img is a sound entry for key; *body and *len locate its bytes. */
static const char *blob_check(const struct strbuf *img, uint64_t key, const char **body, size_t *len)
{
	const char *nl = img->len ? memchr(img->buf, '\n', img->len < 128 ? img->len : 128) : NULL;
	uint64_t k, sum;
	size_t n;
	if (!nl || sscanf(img->buf, BLOB_MAGIC " %16" SCNx64 " %zu %16" SCNx64, &k, &n, &sum) != 3)
		return "no header";
	if (k != key)
		return "stored under another key";
	*body = nl + 1;
	*len = img->len - (size_t)(*body - img->buf);
	if (*len != n)
		return "truncated or extended";
	struct strbuf want = STRBUF_INIT;
	header_of(&want, key, *body, *len);
	bool same = want.len == (size_t)(*body - img->buf) && memcmp(want.buf, img->buf, want.len) == 0;
	strbuf_release(&want);
	return same ? NULL : "checksum mismatch";
}

enum blob_status blobstore_load(const struct blobstore *s, uint64_t key, struct strbuf *out, struct strbuf *why)
{
	char *path = blobstore_path(s, key);
	struct strbuf img = STRBUF_INIT, err = STRBUF_INIT;
	enum blob_status st = BLOB_MISS;
	if (access(path, F_OK) == 0 && fs_read_file(path, &img, &err) == 0) {
		const char *body = NULL, *bad;
		size_t len = 0;
		bad = blob_check(&img, key, &body, &len);
		if (bad) {
			strbuf_addf(why, "cache entry '%s' is unusable (%s)", path, bad);
			st = BLOB_CORRUPT;
		} else {
			strbuf_add(out, body, len);
			st = BLOB_HIT;
		}
	}
	strbuf_release(&img);
	strbuf_release(&err);
	free(path);
	return st;
}

int blobstore_store(const struct blobstore *s, uint64_t key, const void *data, size_t len, struct strbuf *err)
{
	char *path = blobstore_path(s, key);
	char *dir = path_dirname(path);
	struct strbuf img = STRBUF_INIT;
	header_of(&img, key, data, len);
	strbuf_add(&img, data, len);
	/* no fsync: a torn entry after a crash fails its checksum and is rebuilt */
	int rc = fs_mkdirs(dir, err);
	if (rc == 0)
		rc = fs_write_atomic_nosync(path, img.buf, img.len, err);
	strbuf_release(&img);
	free(dir);
	free(path);
	return rc;
}
