/* model_finalize.c — freezing the model: resolve, relativise, sort, dedupe */
#include "model.h"
#include "fsutil.h"
#include "strbuf.h"
#include <stdlib.h>
#include <string.h>

struct order {
	const void *elem;
	uint32_t old;
};

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_file_order(const void *pa, const void *pb)
{
	const struct model_file *a = ((const struct order *)pa)->elem;
	const struct model_file *b = ((const struct order *)pb)->elem;
	return strcmp(a->path, b->path);
}

static int cmp_function_order(const void *pa, const void *pb)
{
	const struct model_function *a = ((const struct order *)pa)->elem;
	const struct model_function *b = ((const struct order *)pb)->elem;
	int c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = strcmp(a->name, b->name);
	if (!c) c = strcmp(a->key, b->key);
	return c;
}

static int cmp_global_order(const void *pa, const void *pb)
{
	const struct model_global *a = ((const struct order *)pa)->elem;
	const struct model_global *b = ((const struct order *)pb)->elem;
	int c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = strcmp(a->name, b->name);
	if (!c) c = strcmp(a->key, b->key);
	return c;
}

static int cmp_type_order(const void *pa, const void *pb)
{
	const struct model_type *a = ((const struct order *)pa)->elem;
	const struct model_type *b = ((const struct order *)pb)->elem;
	int c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = strcmp(a->name, b->name);
	if (!c) c = strcmp(a->key, b->key);
	return c;
}

/* Sorts n elements of size `size` in place with `cmp` (which compares
 * struct order entries) and returns the permutation old index -> new. */
static uint32_t *sort_entities(void *base, size_t n, size_t size,
			       int (*cmp)(const void *, const void *))
{
	struct order *ord = xmalloc((n + 1) * sizeof(*ord));
	for (size_t i = 0; i < n; i++) {
		ord[i].elem = (const char *)base + i * size;
		ord[i].old = (uint32_t)i;
	}
	qsort(ord, n, sizeof(*ord), cmp);
	char *sorted = xmalloc(n * size + 1);
	uint32_t *perm = xmalloc((n + 1) * sizeof(*perm));
	for (size_t i = 0; i < n; i++) {
		memcpy(sorted + i * size, ord[i].elem, size);
		perm[ord[i].old] = (uint32_t)i;
	}
	if (n)
		memcpy(base, sorted, n * size);
	free(sorted);
	free(ord);
	return perm;
}

static uint32_t remap(const uint32_t *perm, uint32_t i)
{
	return i == MODEL_NONE ? MODEL_NONE : perm[i];
}

static const char *choose_root(struct model *m, const char *root)
{
	if (root) {
		char *abs = path_absolute(root, NULL);
		const char *r = model_intern(m, abs);
		free(abs);
		return r;
	}
	char *common = NULL;
	for (size_t i = 0; i < m->files.n; i++) {
		char *dir = path_dirname(m->files.v[i].path);
		if (!common) {
			common = dir;
			continue;
		}
		char *c = path_common_dir(common, dir);
		free(common);
		free(dir);
		common = c;
	}
	const char *r = model_intern(m, common ? common : "/");
	free(common);
	return r;
}

static void relativise_files(struct model *m)
{
	for (size_t i = 0; i < m->files.n; i++) {
		char *rel = path_relative(m->files.v[i].path, m->root);
		m->files.v[i].path = model_intern(m, rel);
		free(rel);
	}
}

/* Type spellings of anonymous records carry absolute paths
 * ("struct (unnamed at /abs/src/a.c:3:9)"); make them root-relative. */
static const char *strip_root(struct model *m, const char *s)
{
	if (!s || !m->root || strlen(m->root) < 2)
		return s;
	size_t rn = strlen(m->root);
	const char *hit = strstr(s, m->root);
	if (!hit || hit[rn] != '/')
		return s;
	struct strbuf sb = STRBUF_INIT;
	const char *p = s;
	while ((hit = strstr(p, m->root)) != NULL && hit[rn] == '/') {
		strbuf_add(&sb, p, (size_t)(hit - p));
		p = hit + rn + 1;
	}
	strbuf_addstr(&sb, p);
	const char *r = model_intern(m, strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

static void strip_root_everywhere(struct model *m)
{
	for (size_t i = 0; i < m->types.n; i++)
		m->types.v[i].name = strip_root(m, m->types.v[i].name);
	for (size_t i = 0; i < m->globals.n; i++)
		m->globals.v[i].type = strip_root(m, m->globals.v[i].type);
	for (size_t i = 0; i < m->functions.n; i++) {
		m->functions.v[i].signature = strip_root(m, m->functions.v[i].signature);
		m->functions.v[i].type = strip_root(m, m->functions.v[i].type);
	}
	for (size_t i = 0; i < m->calls.n; i++) {
		m->calls.v[i].via_struct = strip_root(m, m->calls.v[i].via_struct);
		m->calls.v[i].fptr_type = strip_root(m, m->calls.v[i].fptr_type);
	}
}

static void rebuild_index(struct hashmap *map, const void *base, size_t n, size_t size, size_t key_off)
{
	hashmap_release(map);
	hashmap_init(map, false);
	for (size_t i = 0; i < n; i++) {
		const char *key = *(const char *const *)((const char *)base + i * size + key_off);
		hashmap_put(map, key, (uint32_t)i);
	}
}

/* ---- relations ---------------------------------------------------------- */

static int cmp_call(const void *pa, const void *pb)
{
	const struct model_call *a = pa, *b = pb;
	int c = cmp_u32(a->caller, b->caller);
	if (!c) c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = cmp_u32(a->col, b->col);
	if (!c) c = cmp_u32(a->callee, b->callee);
	if (!c) c = (int)a->indirect - (int)b->indirect;
	if (!c) c = (int)a->via - (int)b->via;
	if (!c) c = cmp_str(a->via_name, b->via_name);
	if (!c) c = cmp_str(a->via_struct, b->via_struct);
	if (!c) c = cmp_str(a->fptr_type, b->fptr_type);
	if (!c) c = cmp_str(a->callee_name, b->callee_name);
	return c;
}

static int cmp_external(const void *pa, const void *pb)
{
	const struct model_external_call *a = pa, *b = pb;
	int c = cmp_u32(a->caller, b->caller);
	if (!c) c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = cmp_u32(a->col, b->col);
	if (!c) c = strcmp(a->name, b->name);
	return c;
}

static int cmp_access(const void *pa, const void *pb)
{
	const struct model_access *a = pa, *b = pb;
	int c = cmp_u32(a->function, b->function);
	if (!c) c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = cmp_u32(a->col, b->col);
	if (!c) c = cmp_u32(a->global, b->global);
	if (!c) c = (int)a->kind - (int)b->kind;
	return c;
}

static int cmp_ref(const void *pa, const void *pb)
{
	const struct model_ref *a = pa, *b = pb;
	int c = cmp_u32(a->function, b->function);
	if (!c) c = (int)a->from_kind - (int)b->from_kind;
	if (!c) c = cmp_u32(a->from, b->from);
	if (!c) c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = cmp_u32(a->col, b->col);
	if (!c) c = cmp_str(a->call, b->call);
	if (!c) c = cmp_str(a->field, b->field);
	return c;
}

static int cmp_loop(const void *pa, const void *pb)
{
	const struct model_loop *a = pa, *b = pb;
	int c = cmp_u32(a->function, b->function);
	if (!c) c = cmp_u32(a->file, b->file);
	if (!c) c = cmp_u32(a->line, b->line);
	if (!c) c = cmp_u32(a->end_line, b->end_line);
	if (!c) c = (int)a->infinite - (int)b->infinite;
	if (!c) c = (int)a->exits - (int)b->exits;
	if (!c) c = (int)a->controlled - (int)b->controlled;
	if (!c) c = (int)a->nest - (int)b->nest;
	return c;
}

static int cmp_pair(const void *pa, const void *pb)
{
	const uint32_t *a = pa, *b = pb;
	int c = cmp_u32(a[0], b[0]);
	return c ? c : cmp_u32(a[1], b[1]);
}

/* Sorts and removes adjacent duplicates; returns the new count. */
static size_t sort_unique(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n < 2)
		return n;
	qsort(base, n, size, cmp);
	char *b = base;
	size_t out = 1;
	for (size_t i = 1; i < n; i++) {
		if (cmp(b + (out - 1) * size, b + i * size) == 0)
			continue;
		if (out != i)
			memcpy(b + out * size, b + i * size, size);
		out++;
	}
	return out;
}

static void resolve_calls(struct model *m, const uint32_t *fperm, const uint32_t *fnperm)
{
	size_t out = 0;
	for (size_t i = 0; i < m->calls.n; i++) {
		struct model_call c = m->calls.v[i];
		c.caller = remap(fnperm, c.caller);
		c.file = remap(fperm, c.file);
		if (!c.indirect) {
			uint32_t callee = model_find_function(m, c.callee_key);
			if (callee == MODEL_NONE || !m->functions.v[callee].defined) {
				struct model_external_call e = { c.caller, c.callee_name, c.file, c.line, c.col, c.nest };
				VEC_PUSH(m->external_calls, e);
				continue;
			}
			c.callee = callee;
		}
		m->calls.v[out++] = c;
	}
	m->calls.n = sort_unique(m->calls.v, out, sizeof(*m->calls.v), cmp_call);
}

static void remap_relations(struct model *m, const uint32_t *fperm, const uint32_t *fnperm,
			    const uint32_t *gperm, const uint32_t *tperm, size_t n_external_before)
{
	for (size_t i = 0; i < n_external_before; i++) {
		m->external_calls.v[i].caller = remap(fnperm, m->external_calls.v[i].caller);
		m->external_calls.v[i].file = remap(fperm, m->external_calls.v[i].file);
	}
	for (size_t i = 0; i < m->accesses.n; i++) {
		struct model_access *a = &m->accesses.v[i];
		a->function = remap(fnperm, a->function);
		a->global = remap(gperm, a->global);
		a->file = remap(fperm, a->file);
	}
	for (size_t i = 0; i < m->refs.n; i++) {
		struct model_ref *r = &m->refs.v[i];
		r->function = remap(fnperm, r->function);
		r->from = remap(r->from_kind == REF_FUNCTION ? fnperm : gperm, r->from);
		r->file = remap(fperm, r->file);
	}
	for (size_t i = 0; i < m->loops.n; i++) {
		m->loops.v[i].function = remap(fnperm, m->loops.v[i].function);
		m->loops.v[i].file = remap(fperm, m->loops.v[i].file);
	}
	for (size_t i = 0; i < m->includes.n; i++) {
		m->includes.v[i].from = remap(fperm, m->includes.v[i].from);
		m->includes.v[i].to = remap(fperm, m->includes.v[i].to);
	}
	for (size_t i = 0; i < m->type_uses.n; i++) {
		m->type_uses.v[i].function = remap(fnperm, m->type_uses.v[i].function);
		m->type_uses.v[i].type = remap(tperm, m->type_uses.v[i].type);
	}
}

void model_finalize(struct model *m, const char *root)
{
	m->root = choose_root(m, root);
	strip_root_everywhere(m);
	relativise_files(m);
	uint32_t *fperm = sort_entities(m->files.v, m->files.n, sizeof(*m->files.v), cmp_file_order);
	rebuild_index(&m->file_index, m->files.v, m->files.n, sizeof(*m->files.v),
		      offsetof(struct model_file, path));
	for (size_t i = 0; i < m->functions.n; i++)
		m->functions.v[i].file = remap(fperm, m->functions.v[i].file);
	for (size_t i = 0; i < m->globals.n; i++)
		m->globals.v[i].file = remap(fperm, m->globals.v[i].file);
	for (size_t i = 0; i < m->types.n; i++)
		m->types.v[i].file = remap(fperm, m->types.v[i].file);

	uint32_t *fnperm = sort_entities(m->functions.v, m->functions.n, sizeof(*m->functions.v),
					 cmp_function_order);
	rebuild_index(&m->function_index, m->functions.v, m->functions.n, sizeof(*m->functions.v),
		      offsetof(struct model_function, key));
	for (size_t i = 0; i < m->globals.n; i++)
		m->globals.v[i].function = remap(fnperm, m->globals.v[i].function);
	uint32_t *gperm = sort_entities(m->globals.v, m->globals.n, sizeof(*m->globals.v), cmp_global_order);
	rebuild_index(&m->global_index, m->globals.v, m->globals.n, sizeof(*m->globals.v),
		      offsetof(struct model_global, key));
	uint32_t *tperm = sort_entities(m->types.v, m->types.n, sizeof(*m->types.v), cmp_type_order);
	rebuild_index(&m->type_index, m->types.v, m->types.n, sizeof(*m->types.v),
		      offsetof(struct model_type, key));

	size_t n_external = m->external_calls.n;
	remap_relations(m, fperm, fnperm, gperm, tperm, n_external);
	resolve_calls(m, fperm, fnperm);
	m->external_calls.n = sort_unique(m->external_calls.v, m->external_calls.n,
					  sizeof(*m->external_calls.v), cmp_external);
	m->accesses.n = sort_unique(m->accesses.v, m->accesses.n, sizeof(*m->accesses.v), cmp_access);
	m->refs.n = sort_unique(m->refs.v, m->refs.n, sizeof(*m->refs.v), cmp_ref);
	m->loops.n = sort_unique(m->loops.v, m->loops.n, sizeof(*m->loops.v), cmp_loop);
	m->includes.n = sort_unique(m->includes.v, m->includes.n, sizeof(*m->includes.v), cmp_pair);
	m->type_uses.n = sort_unique(m->type_uses.v, m->type_uses.n, sizeof(*m->type_uses.v), cmp_pair);
	for (size_t i = 0; i < m->refs.n; i++)
		m->functions.v[m->refs.v[i].function].address_taken = true;
	free(fperm);
	free(fnperm);
	free(gperm);
	free(tperm);
	m->finalized = true;
}
