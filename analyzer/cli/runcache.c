/* runcache.c — whole runs in the cache: the outputs of an unchanged run */
#include "runcache.h"
#include "binimg.h"
#include "blobstore.h"
#include "cache.h"
#include "flags.h"
#include "fsutil.h"
#include "hash.h"
#include <string.h>

/* the payload's layout; blobstore checks the envelope (key, length, checksum) */
enum { RUN_FORMAT = 2, BYTE_ORDER_MARK = 0x01020304u };

void run_cache_init(struct run_cache *rc, struct cache *c, const struct compdb *db, const char *resource_dir,
		    const char *db_path, uint64_t options)
{
	memset(rc, 0, sizeof(*rc));
	uint64_t h = hash_mix(hash_mix(c->salt, options), RUN_FORMAT);
	h = hash_mix(h, hash_str(db_path, 11));
	for (size_t i = 0; i < db->entries.n; i++) {
		const struct compdb_entry *e = &db->entries.v[i];
		struct flags fl;
		flags_init(&fl);
		flags_from_entry(&fl, e, resource_dir);
		h = hash_mix(h, cache_key(c, e->file, fl.argv.v, fl.argv.n));
		flags_release(&fl);
	}
	rc->key = hash_mix(h, db->entries.n);
	char *dir = path_join(c->dir, "runs");
	blobstore_init(&rc->store, dir, "run");
	free(dir);
	rc->path = blobstore_path(&rc->store, rc->key);
}

static void clear_contents(struct run_cache *rc)
{
	for (size_t i = 0; i < rc->deps.n; i++)
		free(rc->deps.v[i].path);
	VEC_FREE(rc->deps);
	for (size_t i = 0; i < rc->warnings.n; i++)
		free(rc->warnings.v[i]);
	VEC_FREE(rc->warnings);
	for (size_t i = 0; i < rc->notes.n; i++)
		free(rc->notes.v[i]);
	VEC_FREE(rc->notes);
	for (size_t i = 0; i < rc->outputs.n; i++) {
		free(rc->outputs.v[i].name);
		strbuf_release(&rc->outputs.v[i].data);
	}
	VEC_FREE(rc->outputs);
	free(rc->summary);
	rc->summary = NULL;
}

void run_cache_release(struct run_cache *rc)
{
	clear_contents(rc);
	free(rc->path);
	if (rc->store.dir)
		blobstore_release(&rc->store);
	memset(rc, 0, sizeof(*rc));
}

/* ---- the entry's image ---------------------------------------------------- */

static void put_strings(struct strbuf *o, char *const *v, size_t n)
{
	binimg_put_u32(o, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		binimg_put_str(o, v[i]);
}

static void encode(const struct run_cache *rc, struct strbuf *p)
{
	binimg_put_u32(p, RUN_FORMAT);
	binimg_put_u32(p, BYTE_ORDER_MARK);
	binimg_put_u32(p, (uint32_t)rc->deps.n);
	for (size_t i = 0; i < rc->deps.n; i++) {
		binimg_put_str(p, rc->deps.v[i].path);
		binimg_put_u64(p, rc->deps.v[i].size);
		binimg_put_u64(p, rc->deps.v[i].hash);
	}
	put_strings(p, rc->warnings.v, rc->warnings.n);
	binimg_put_str(p, rc->summary ? rc->summary : "");
	put_strings(p, rc->notes.v, rc->notes.n);
	binimg_put_u32(p, (uint32_t)rc->outputs.n);
	for (size_t i = 0; i < rc->outputs.n; i++) {
		binimg_put_str(p, rc->outputs.v[i].name);
		binimg_put_u64(p, rc->outputs.v[i].data.len); /* an output may pass 4 GiB */
		strbuf_add(p, rc->outputs.v[i].data.buf, rc->outputs.v[i].data.len);
	}
}

/* A copy of the next string; NULL (and the reader bad) when there is none. */
static char *get_str(struct binimg_reader *r)
{
	uint32_t n;
	const char *s = binimg_get_str(r, &n);
	if (!s) {
		r->bad = true;
		return NULL;
	}
	char *copy = xmalloc((size_t)n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

/* An output's name must stay inside the output folder. */
static bool safe_name(const char *name)
{
	if (!name[0] || name[0] == '/')
		return false;
	for (const char *c = name; *c;) {
		size_t n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		c += n + (c[n] == '/');
	}
	return name[strlen(name) - 1] != '/';
}

static void decode_outputs(struct binimg_reader *r, struct run_cache *rc)
{
	uint32_t n = binimg_get_u32(r);
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		char *name = get_str(r);
		uint64_t len = binimg_get_u64(r);
		const char *data = len <= binimg_left(r) ? binimg_get_bytes(r, (size_t)len) : NULL;
		if (!name || !data || !safe_name(name)) {
			r->bad = true;
			free(name);
			break;
		}
		struct run_output o = { name, STRBUF_INIT };
		strbuf_add(&o.data, data, (size_t)len);
		VEC_PUSH(rc->outputs, o);
	}
}

static void get_strings(struct binimg_reader *r, char ***v, size_t *n, size_t *cap)
{
	uint32_t count = binimg_get_u32(r);
	for (uint32_t i = 0; i < count && !r->bad; i++) {
		char *s = get_str(r);
		if (s) {
			ALLOC_GROW(*v, *n + 1, *cap);
			(*v)[(*n)++] = s;
		}
	}
}

static void decode_payload(struct binimg_reader *r, struct run_cache *rc)
{
	if (binimg_get_u32(r) != RUN_FORMAT || binimg_get_u32(r) != BYTE_ORDER_MARK)
		r->bad = true;
	uint32_t n = binimg_get_u32(r);
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		struct fact_dep d = { get_str(r), 0, 0 };
		d.size = binimg_get_u64(r);
		d.hash = binimg_get_u64(r);
		if (d.path)
			VEC_PUSH(rc->deps, d);
	}
	get_strings(r, &rc->warnings.v, &rc->warnings.n, &rc->warnings.cap);
	if (!r->bad)
		rc->summary = get_str(r);
	get_strings(r, &rc->notes.v, &rc->notes.n, &rc->notes.cap);
	decode_outputs(r, rc);
	if (binimg_left(r) != 0)
		r->bad = true;
}

static int decode(const char *data, size_t len, struct run_cache *rc, struct strbuf *why)
{
	struct binimg_reader r = { data, data + len, false };
	decode_payload(&r, rc);
	if (!r.bad)
		return 0;
	clear_contents(rc);
	strbuf_addf(why, "cache entry '%s' is unusable (malformed contents)", rc->path);
	return -1;
}

/* ---- using and storing entries ---------------------------------------------- */

static bool deps_unchanged(const struct run_cache *rc, struct cache *c)
{
	for (size_t i = 0; i < rc->deps.n; i++) {
		struct fact_dep now = cache_file_hash(c, rc->deps.v[i].path);
		if (now.size != rc->deps.v[i].size || now.hash != rc->deps.v[i].hash)
			return false;
	}
	return rc->deps.n > 0;
}

int run_cache_load(struct run_cache *rc, struct cache *c, struct strbuf *why)
{
	struct strbuf data = STRBUF_INIT;
	int hit = 0;
	enum blob_status st = blobstore_load(&rc->store, rc->key, &data, why);
	if (st == BLOB_CORRUPT || (st == BLOB_HIT && decode(data.buf, data.len, rc, why) != 0)) {
		strbuf_addstr(why, "; rebuilding it");
		hit = -1;
	} else if (st == BLOB_HIT) {
		hit = deps_unchanged(rc, c);
	}
	if (hit != 1)
		clear_contents(rc);
	strbuf_release(&data);
	return hit;
}

void run_cache_add_output(struct run_cache *rc, const char *name, const char *data, size_t len)
{
	struct run_output o = { xstrdup(name), STRBUF_INIT };
	strbuf_add(&o.data, data, len);
	VEC_PUSH(rc->outputs, o);
}

void run_cache_take_deps(struct run_cache *rc, const struct cache *c)
{
	for (size_t i = 0; i < c->hashes.n; i++) {
		struct fact_dep d = c->hashes.v[i];
		d.path = xstrdup(d.path);
		VEC_PUSH(rc->deps, d);
	}
}

int run_cache_store(struct run_cache *rc, struct strbuf *err)
{
	struct strbuf img = STRBUF_INIT;
	encode(rc, &img);
	int ok = blobstore_store(&rc->store, rc->key, img.buf, img.len, err);
	strbuf_release(&img);
	return ok;
}

int run_cache_write_outputs(const struct run_cache *rc, const char *out_dir, size_t *written, struct strbuf *err)
{
	int rc_ = 0;
	for (size_t i = 0; rc_ == 0 && i < rc->outputs.n; i++) {
		const struct run_output *o = &rc->outputs.v[i];
		char *path = path_join(out_dir, o->name), *dir = path_dirname(path);
		rc_ = fs_mkdirs(dir, err);
		if (rc_ == 0)
			rc_ = fs_write_atomic_if_changed(path, o->data.buf, o->data.len, err);
		*written += rc_ == 0;
		free(path);
		free(dir);
	}
	return rc_;
}
