/* model.c — the program model: adding, merging and freezing facts */
#include "model.h"
#include "fsutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->arena);
	hashmap_init(&m->strings, false);
	hashmap_init(&m->file_index, false);
	hashmap_init(&m->function_index, false);
	hashmap_init(&m->global_index, false);
	hashmap_init(&m->type_index, false);
}

void model_release(struct model *m)
{
	hashmap_release(&m->strings);
	hashmap_release(&m->file_index);
	hashmap_release(&m->function_index);
	hashmap_release(&m->global_index);
	hashmap_release(&m->type_index);
	VEC_FREE(m->files);
	VEC_FREE(m->functions);
	VEC_FREE(m->globals);
	VEC_FREE(m->types);
	VEC_FREE(m->calls);
	VEC_FREE(m->external_calls);
	VEC_FREE(m->accesses);
	VEC_FREE(m->refs);
	VEC_FREE(m->loops);
	VEC_FREE(m->includes);
	VEC_FREE(m->type_uses);
	arena_release(&m->arena);
}

void model_free(struct model *m)
{
	if (!m)
		return;
	model_release(m);
	free(m);
}

static const void *copy_to_arena(const void *s, void *arena)
{
	return arena_strdup(arena, s);
}

const char *model_intern(struct model *m, const char *s)
{
	return s ? hashmap_intern(&m->strings, s, copy_to_arena, &m->arena) : NULL;
}

uint32_t model_add_file(struct model *m, const char *abs_path)
{
	uint32_t idx;
	if (hashmap_get(&m->file_index, abs_path, &idx))
		return idx;
	struct model_file f = { .path = model_intern(m, abs_path), .parsed = true };
	idx = (uint32_t)m->files.n;
	VEC_PUSH(m->files, f);
	hashmap_put(&m->file_index, f.path, idx);
	return idx;
}

uint32_t model_find_function(const struct model *m, const char *key)
{
	uint32_t idx;
	return hashmap_get(&m->function_index, key, &idx) ? idx : MODEL_NONE;
}

uint32_t model_add_function(struct model *m, const struct model_function *in)
{
	uint32_t idx;
	if (hashmap_get(&m->function_index, in->key, &idx)) {
		struct model_function *f = &m->functions.v[idx];
		if (f->defined && in->defined && f->file != in->file) {
			/* Two definitions of one external name in different files:
			 * separate programs in one compile database (two mains). */
			char *key = xmalloc(strlen(in->key) + strlen(m->files.v[in->file].path) + 2);
			sprintf(key, "%s@%s", in->key, m->files.v[in->file].path);
			struct model_function copy = *in;
			copy.key = key;
			idx = model_add_function(m, &copy);
			free(key);
			return idx;
		}
		f->address_taken |= in->address_taken;
		if (in->defined && !f->defined) {
			bool taken = f->address_taken;
			*f = *in;
			f->key = model_intern(m, in->key);
			f->usr = model_intern(m, in->usr);
			f->name = model_intern(m, in->name);
			f->signature = model_intern(m, in->signature);
			f->type = model_intern(m, in->type);
			f->address_taken = taken;
		}
		return idx;
	}
	struct model_function f = *in;
	f.key = model_intern(m, in->key);
	f.usr = model_intern(m, in->usr);
	f.name = model_intern(m, in->name);
	f.signature = model_intern(m, in->signature);
	f.type = model_intern(m, in->type);
	idx = (uint32_t)m->functions.n;
	VEC_PUSH(m->functions, f);
	hashmap_put(&m->function_index, f.key, idx);
	return idx;
}

uint32_t model_add_global(struct model *m, const struct model_global *in)
{
	uint32_t idx;
	if (hashmap_get(&m->global_index, in->key, &idx)) {
		struct model_global *g = &m->globals.v[idx];
		if (in->defined && !g->defined) {
			*g = *in;
			g->key = model_intern(m, in->key);
			g->usr = model_intern(m, in->usr);
			g->name = model_intern(m, in->name);
			g->type = model_intern(m, in->type);
		}
		return idx;
	}
	struct model_global g = *in;
	g.key = model_intern(m, in->key);
	g.usr = model_intern(m, in->usr);
	g.name = model_intern(m, in->name);
	g.type = model_intern(m, in->type);
	idx = (uint32_t)m->globals.n;
	VEC_PUSH(m->globals, g);
	hashmap_put(&m->global_index, g.key, idx);
	return idx;
}

uint32_t model_add_type(struct model *m, const struct model_type *in)
{
	uint32_t idx;
	if (hashmap_get(&m->type_index, in->key, &idx))
		return idx;
	struct model_type t = *in;
	t.key = model_intern(m, in->key);
	t.usr = model_intern(m, in->usr);
	t.name = model_intern(m, in->name);
	idx = (uint32_t)m->types.n;
	VEC_PUSH(m->types, t);
	hashmap_put(&m->type_index, t.key, idx);
	return idx;
}

void model_add_call(struct model *m, const struct model_call *in)
{
	struct model_call c = *in;
	c.callee_key = model_intern(m, in->callee_key);
	c.callee_name = model_intern(m, in->callee_name);
	c.via_name = model_intern(m, in->via_name);
	c.via_struct = model_intern(m, in->via_struct);
	c.fptr_type = model_intern(m, in->fptr_type);
	c.callee = MODEL_NONE;
	VEC_PUSH(m->calls, c);
}

void model_add_access(struct model *m, const struct model_access *a)
{
	VEC_PUSH(m->accesses, *a);
}

void model_add_ref(struct model *m, const struct model_ref *in)
{
	struct model_ref r = *in;
	r.call = model_intern(m, in->call);
	r.field = model_intern(m, in->field);
	VEC_PUSH(m->refs, r);
}

void model_add_loop(struct model *m, const struct model_loop *l)
{
	VEC_PUSH(m->loops, *l);
}

void model_add_include(struct model *m, uint32_t from, uint32_t to)
{
	struct model_include inc = { from, to };
	VEC_PUSH(m->includes, inc);
}

void model_add_type_use(struct model *m, uint32_t function, uint32_t type)
{
	struct model_type_use u = { function, type };
	VEC_PUSH(m->type_uses, u);
}

/* ---- merge -------------------------------------------------------------- */

static uint32_t map_idx(const uint32_t *map, uint32_t i)
{
	return i == MODEL_NONE ? MODEL_NONE : map[i];
}

static uint32_t *merge_files(struct model *dst, const struct model *src)
{
	uint32_t *map = xcalloc(src->files.n + 1, sizeof(*map));
	for (size_t i = 0; i < src->files.n; i++) {
		const struct model_file *sf = &src->files.v[i];
		uint32_t d = model_add_file(dst, sf->path);
		struct model_file *df = &dst->files.v[d];
		map[i] = d;
		if (!sf->tu)
			continue;
		df->tu = true;
		df->parsed = sf->parsed;
		df->failed = sf->failed;
		df->errors = sf->errors;
		df->warnings = sf->warnings;
		df->nmessages = sf->nmessages;
		df->messages = arena_alloc(&dst->arena, sizeof(char *) * (sf->nmessages + 1));
		for (uint32_t k = 0; k < sf->nmessages; k++)
			df->messages[k] = model_intern(dst, sf->messages[k]);
	}
	return map;
}

void model_merge(struct model *dst, const struct model *src)
{
	uint32_t *fmap = merge_files(dst, src);
	uint32_t *fnmap = xcalloc(src->functions.n + 1, sizeof(*fnmap));
	uint32_t *gmap = xcalloc(src->globals.n + 1, sizeof(*gmap));
	uint32_t *tmap = xcalloc(src->types.n + 1, sizeof(*tmap));

	for (size_t i = 0; i < src->functions.n; i++) {
		struct model_function f = src->functions.v[i];
		f.file = map_idx(fmap, f.file);
		fnmap[i] = model_add_function(dst, &f);
	}
	for (size_t i = 0; i < src->globals.n; i++) {
		struct model_global g = src->globals.v[i];
		g.file = map_idx(fmap, g.file);
		g.function = map_idx(fnmap, g.function);
		gmap[i] = model_add_global(dst, &g);
	}
	for (size_t i = 0; i < src->types.n; i++) {
		struct model_type t = src->types.v[i];
		t.file = map_idx(fmap, t.file);
		tmap[i] = model_add_type(dst, &t);
	}
	for (size_t i = 0; i < src->calls.n; i++) {
		struct model_call c = src->calls.v[i];
		c.caller = map_idx(fnmap, c.caller);
		c.file = map_idx(fmap, c.file);
		/* a callee this TU defines may have been renamed on the way in
		 * (a second definition of the name: another program) */
		uint32_t s = c.indirect || !c.callee_key ? MODEL_NONE : model_find_function(src, c.callee_key);
		if (s != MODEL_NONE && src->functions.v[s].defined)
			c.callee_key = dst->functions.v[fnmap[s]].key;
		model_add_call(dst, &c);
	}
	for (size_t i = 0; i < src->external_calls.n; i++) {
		struct model_external_call e = src->external_calls.v[i];
		e.caller = map_idx(fnmap, e.caller);
		e.file = map_idx(fmap, e.file);
		e.name = model_intern(dst, e.name);
		VEC_PUSH(dst->external_calls, e);
	}
	for (size_t i = 0; i < src->accesses.n; i++) {
		struct model_access a = src->accesses.v[i];
		a.function = map_idx(fnmap, a.function);
		a.global = map_idx(gmap, a.global);
		a.file = map_idx(fmap, a.file);
		model_add_access(dst, &a);
	}
	for (size_t i = 0; i < src->refs.n; i++) {
		struct model_ref r = src->refs.v[i];
		r.function = map_idx(fnmap, r.function);
		r.from = map_idx(r.from_kind == REF_FUNCTION ? fnmap : gmap, r.from);
		r.file = map_idx(fmap, r.file);
		model_add_ref(dst, &r);
	}
	for (size_t i = 0; i < src->loops.n; i++) {
		struct model_loop l = src->loops.v[i];
		l.function = map_idx(fnmap, l.function);
		l.file = map_idx(fmap, l.file);
		model_add_loop(dst, &l);
	}
	for (size_t i = 0; i < src->includes.n; i++)
		model_add_include(dst, map_idx(fmap, src->includes.v[i].from),
				  map_idx(fmap, src->includes.v[i].to));
	for (size_t i = 0; i < src->type_uses.n; i++)
		model_add_type_use(dst, map_idx(fnmap, src->type_uses.v[i].function),
				   map_idx(tmap, src->type_uses.v[i].type));
	free(fmap);
	free(fnmap);
	free(gmap);
	free(tmap);
}

const char *model_linkage_name(enum model_linkage l)
{
	static const char *const names[] = { "extern", "static", "inline" };
	return names[l];
}

const char *model_global_kind_name(enum model_global_kind k)
{
	static const char *const names[] = { "global", "file-static", "static-local", "thread-local" };
	return names[k];
}

const char *model_access_kind_name(enum model_access_kind k)
{
	static const char *const names[] = { "read", "write", "address" };
	return names[k];
}

const char *model_via_name(enum model_via_kind v)
{
	static const char *const names[] = { "variable", "parameter", "field", "expression" };
	return names[v];
}
