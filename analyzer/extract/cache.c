/* cache.c — per-TU facts files keyed by arguments, valid while the files read are unchanged */
#include "cache.h"
#include "fsutil.h"
#include "hash.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cache_open(struct cache *c, const char *dir, uint64_t salt, struct strbuf *err)
{
	memset(c, 0, sizeof(*c));
	if (fs_mkdirs(dir, err) != 0)
		return -1;
	c->dir = xstrdup(dir);
	c->salt = salt;
	pthread_mutex_init(&c->lock, NULL);
	hashmap_init(&c->memo, false);
	arena_init(&c->paths);
	return 0;
}

void cache_close(struct cache *c)
{
	if (!c->dir)
		return;
	pthread_mutex_destroy(&c->lock);
	hashmap_release(&c->memo);
	arena_release(&c->paths);
	VEC_FREE(c->hashes);
	free(c->dir);
	memset(c, 0, sizeof(*c));
}

uint64_t cache_key(const struct cache *c, const char *file, char *const *argv, size_t argc)
{
	uint64_t h = hash_mix(c->salt, hash_str(file, 1));
	for (size_t i = 0; i < argc; i++)
		h = hash_mix(h, hash_str(argv[i], 2));
	return hash_mix(h, argc);
}

char *cache_entry_path(const struct cache *c, uint64_t key)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%02x/%016llx.facts", c->dir, (unsigned)(key >> 56), (unsigned long long)key);
	return strbuf_detach(&sb);
}

struct fact_dep cache_file_hash(struct cache *c, const char *path)
{
	struct fact_dep d = { NULL, UINT64_MAX, 0 };
	uint32_t idx;
	pthread_mutex_lock(&c->lock);
	bool known = hashmap_get(&c->memo, path, &idx);
	if (known)
		d = c->hashes.v[idx];
	pthread_mutex_unlock(&c->lock);
	if (known)
		return d;
	struct strbuf data = STRBUF_INIT, err = STRBUF_INIT;
	/* only regular files: a device or a FIFO would never end or block */
	if (fs_is_file(path) && fs_read_file_max(path, (size_t)1 << 30, &data, &err) == 0) {
		d.size = data.len;
		d.hash = hash_bytes(data.buf, data.len, 3);
	}
	strbuf_release(&data);
	strbuf_release(&err);
	pthread_mutex_lock(&c->lock);
	if (!hashmap_get(&c->memo, path, &idx)) {
		d.path = arena_strdup(&c->paths, path);
		VEC_PUSH(c->hashes, d);
		hashmap_put(&c->memo, d.path, (uint32_t)(c->hashes.n - 1));
	}
	pthread_mutex_unlock(&c->lock);
	return d;
}

static bool deps_unchanged(struct cache *c, const struct tu_facts *f)
{
	for (size_t i = 0; i < f->deps.n; i++) {
		struct fact_dep now = cache_file_hash(c, f->deps.v[i].path);
		if (now.size != f->deps.v[i].size || now.hash != f->deps.v[i].hash)
			return false;
	}
	return f->deps.n > 0;
}

enum cache_status cache_load(struct cache *c, uint64_t key, struct tu_facts *f, struct strbuf *why)
{
	char *path = cache_entry_path(c, key);
	struct strbuf data = STRBUF_INIT, err = STRBUF_INIT;
	enum cache_status st = CACHE_MISS;
	if (access(path, F_OK) == 0 && fs_read_file(path, &data, &err) == 0) {
		if (facts_decode(data.buf, data.len, f, &err) != 0) {
			strbuf_addf(why, "cache entry '%s' is unusable (%s); rebuilding it", path, strbuf_str(&err));
			st = CACHE_CORRUPT;
		} else if (deps_unchanged(c, f)) {
			st = CACHE_HIT;
		}
	}
	if (st != CACHE_HIT) {
		tu_facts_release(f);
		tu_facts_init(f);
	}
	strbuf_release(&data);
	strbuf_release(&err);
	free(path);
	return st;
}

/* temporary file + rename (fsutil.c), without fsync: a torn entry after a
 * crash is caught by its checksum and rebuilt. */
static int write_entry(const char *path, const struct strbuf *img, struct strbuf *err)
{
	char *dir = path_dirname(path);
	int rc = fs_mkdirs(dir, err);
	free(dir);
	if (rc == 0)
		rc = fs_write_atomic_nosync(path, img->buf, img->len, err);
	return rc;
}

int cache_store(struct cache *c, uint64_t key, struct tu_facts *f, char *const *paths, size_t npaths,
		struct strbuf *err)
{
	for (size_t i = 0; i < npaths; i++) {
		struct fact_dep d = cache_file_hash(c, paths[i]);
		if (d.size == UINT64_MAX)
			return 0; /* a file it read is gone already: not worth keeping */
		d.path = xstrdup(paths[i]);
		VEC_PUSH(f->deps, d);
	}
	struct strbuf img = STRBUF_INIT;
	facts_encode(f, &img);
	char *path = cache_entry_path(c, key);
	int rc = write_entry(path, &img, err);
	free(path);
	strbuf_release(&img);
	return rc;
}
