/* shard.c — slices of a compile database, their facts files, and their merge */
#include "shard.h"
#include "clock.h"
#include "fsutil.h"
#include "hash.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define FILE_PREFIX "tu-"
#define FILE_SUFFIX ".facts"

int shard_parse(const char *spec, unsigned *i, unsigned *n, struct strbuf *err)
{
	int used = 0;
	if (!spec || sscanf(spec, "%u/%u%n", i, n, &used) != 2 || spec[used] || *n == 0 || *i == 0 || *i > *n) {
		strbuf_addf(err, "--shard expects I/N with 1 <= I <= N, not '%s'", spec ? spec : "");
		return -1;
	}
	return 0;
}

void shard_range(size_t count, unsigned i, unsigned n, size_t *begin, size_t *end)
{
	*begin = count * (i - 1) / n;
	*end = count * i / n;
}

uint64_t shard_db_hash(const struct compdb *db)
{
	uint64_t h = hash_mix(0x5a4dull, db->entries.n);
	for (size_t i = 0; i < db->entries.n; i++) {
		const struct compdb_entry *e = &db->entries.v[i];
		h = hash_mix(h, hash_str(e->file, 1));
		h = hash_mix(h, hash_str(e->directory, 2));
		for (size_t k = 0; k < e->nargs; k++)
			h = hash_mix(h, hash_str(e->args[k], 3));
		h = hash_mix(h, e->nargs);
	}
	return h;
}

char *shard_file_path(const char *dir, size_t index)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/" FILE_PREFIX "%06zu" FILE_SUFFIX, dir, index);
	return strbuf_detach(&sb);
}

int shard_write(const char *dir, const struct tu_facts *f, struct strbuf *err)
{
	struct strbuf img = STRBUF_INIT;
	facts_encode(f, &img);
	char *path = shard_file_path(dir, (size_t)f->index);
	int rc = fs_write_atomic(path, img.buf, img.len, err);
	free(path);
	strbuf_release(&img);
	return rc;
}

/* ---- merging -------------------------------------------------------------- */

struct shard_file {
	char *path;
	size_t index;
};

struct shard_files {
	struct shard_file *v;
	size_t n, cap;
};

static int by_index(const void *a, const void *b)
{
	const struct shard_file *x = a, *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

static bool is_facts_name(const char *name, size_t *index)
{
	size_t n = strlen(name), lp = strlen(FILE_PREFIX), ls = strlen(FILE_SUFFIX);
	if (n <= lp + ls || strncmp(name, FILE_PREFIX, lp) != 0 || strcmp(name + n - ls, FILE_SUFFIX) != 0)
		return false;
	char *end;
	unsigned long long v = strtoull(name + lp, &end, 10);
	*index = (size_t)v;
	return end == name + n - ls;
}

static int list_dir(const char *dir, struct shard_files *out, struct strbuf *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		strbuf_addf(err, "cannot open facts folder '%s': %s", dir, strerror(errno));
		return -1;
	}
	for (struct dirent *de; (de = readdir(d));) {
		struct shard_file sf;
		if (is_facts_name(de->d_name, &sf.index)) {
			sf.path = path_join(dir, de->d_name);
			VEC_PUSH(*out, sf);
		}
	}
	closedir(d);
	return 0;
}

/* The first file fixes the database; every other must agree with it. */
static int check_file(const struct tu_facts *f, const struct tu_facts *first, size_t expect, const char *path,
		      struct strbuf *err)
{
	if (f->db_hash != first->db_hash || f->count != first->count ||
	    (f->db_path == NULL) != (first->db_path == NULL) || (f->db_path && strcmp(f->db_path, first->db_path)) ||
	    (f->root == NULL) != (first->root == NULL) || (f->root && strcmp(f->root, first->root))) {
		strbuf_addf(err, "'%s' comes from another compile database or other options than the first facts file; "
			    "run every shard of one 'seam extract' setup", path);
		return -1;
	}
	if (f->index != expect) {
		strbuf_addf(err, "'%s' holds translation unit %llu, not %zu as its name says", path,
			    (unsigned long long)f->index, expect);
		return -1;
	}
	return 0;
}

static int load_one(const struct shard_file *sf, struct tu_facts *f, struct strbuf *err)
{
	struct strbuf data = STRBUF_INIT, why = STRBUF_INIT;
	int rc = fs_read_file(sf->path, &data, err);
	if (rc == 0 && facts_decode(data.buf, data.len, f, &why) != 0) {
		strbuf_addf(err, "'%s' is not a usable facts file: %s", sf->path, strbuf_str(&why));
		rc = -1;
	}
	strbuf_release(&data);
	strbuf_release(&why);
	return rc;
}

/* Indexes 0, 1, 2, ... with neither gap nor repetition. */
static int coverage(const struct shard_file *files, size_t n, struct strbuf *err)
{
	for (size_t i = 0; i < n; i++) {
		if (files[i].index == i)
			continue;
		if (i > 0 && files[i].index == files[i - 1].index)
			strbuf_addf(err, "the facts of translation unit %zu are given twice: '%s' and '%s'", i - 1,
				    files[i - 1].path, files[i].path);
		else
			strbuf_addf(err, "the facts of translation unit %zu are missing (was every shard extracted?)", i);
		return -1;
	}
	return 0;
}

static void keep_meta(struct tu_facts *meta, const struct tu_facts *f)
{
	meta->db_hash = f->db_hash, meta->count = f->count;
	meta->db_path = f->db_path ? xstrdup(f->db_path) : NULL;
	meta->root = f->root ? xstrdup(f->root) : NULL;
}

static int merge_files(const struct shard_file *files, size_t n, struct model *out, struct extract_result *r,
		       struct tu_facts *meta, struct strbuf *err)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct tu_facts f;
		tu_facts_init(&f);
		rc = load_one(&files[i], &f, err);
		if (rc == 0 && i == 0)
			keep_meta(meta, &f);
		if (rc == 0)
			rc = check_file(&f, meta, i, files[i].path, err);
		if (rc == 0)
			extract_take(r, out, &f);
		tu_facts_release(&f);
	}
	if (rc == 0 && n != meta->count) {
		strbuf_addf(err, "the facts of translation units %zu to %llu are missing (was every shard extracted?)", n,
			    (unsigned long long)meta->count - 1);
		rc = -1;
	}
	return rc;
}

int shard_merge(char *const *dirs, size_t ndirs, struct model *out, struct extract_result *r, char **db_path,
		struct strbuf *err)
{
	struct shard_files files = { 0 };
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < ndirs; i++)
		rc = list_dir(dirs[i], &files, err);
	if (rc == 0 && files.n == 0) {
		strbuf_addf(err, "no facts files (" FILE_PREFIX "*" FILE_SUFFIX ") in '%s'%s", dirs[0],
			    ndirs > 1 ? " and the other folders given" : "");
		rc = -1;
	}
	if (files.n)
		qsort(files.v, files.n, sizeof(*files.v), by_index);
	if (rc == 0)
		rc = coverage(files.v, files.n, err);
	struct tu_facts meta;
	tu_facts_init(&meta);
	if (rc == 0)
		rc = merge_files(files.v, files.n, out, r, &meta, err);
	if (rc == 0) {
		double t0 = clock_seconds();
		model_finalize(out, meta.root);
		r->finalize_seconds = clock_seconds() - t0;
		*db_path = meta.db_path;
		meta.db_path = NULL;
	}
	tu_facts_release(&meta);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i].path);
	VEC_FREE(files);
	return rc;
}
