/* resolve.c — calls through function pointers: to the address-taken
 * functions of the called type, narrowed to the members of a dispatch table
 * (a static-storage initializer holding the struct type the pointer comes
 * from, or the variable itself) when there is one. */
#include "internal.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Does a type spelling mention `name` as a whole word ("struct route" in
 * "const struct route[12]", not in "struct router")? */
static bool mentions(const char *type, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strstr(type, name); p; p = strstr(p + 1, name)) {
		char after = p[n];
		char before = p == type ? ' ' : p[-1];
		if (!isalnum((unsigned char)after) && after != '_' && !isalnum((unsigned char)before) &&
		    before != '_')
			return true;
	}
	return false;
}

static bool same_type(const struct model_function *f, const char *type)
{
	return type && f->type && strcmp(f->type, type) == 0;
}

/* Functions stored in static-storage initializers that match the call's
 * origin: the struct type for fields, the variable itself for variables. */
static void table_targets(const struct model *m, const struct model_call *c, VEC_U32 *out)
{
	if (c->via != VIA_FIELD && c->via != VIA_VARIABLE)
		return;
	for (size_t i = 0; i < m->refs.n; i++) {
		const struct model_ref *r = &m->refs.v[i];
		if (r->from_kind != REF_GLOBAL)
			continue;
		const struct model_global *g = &m->globals.v[r->from];
		bool match = c->via == VIA_FIELD ? c->via_struct && mentions(g->type, c->via_struct)
						 : c->via_name && strcmp(g->name, c->via_name) == 0;
		if (match && same_type(&m->functions.v[r->function], c->fptr_type))
			vec_u32_add_unique(out, r->function);
	}
}

static void type_targets(const struct model *m, const bool *callable, const struct model_call *c, VEC_U32 *out)
{
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct model_function *f = &m->functions.v[i];
		if (f->defined && callable[i] && same_type(f, c->fptr_type))
			vec_u32_add_unique(out, (uint32_t)i);
	}
}

/* Functions a project function pointer can hold: address-taken somewhere
 * other than as the argument of a library call. A thread routine given
 * only to pthread_create, or a handler given only to signal(), is called
 * by the library, not through the project's pointers. */
static bool *callable_through_pointers(const struct model *m)
{
	bool *callable = xcalloc(m->functions.n + 1, sizeof(bool));
	struct hashmap defined;
	hashmap_init(&defined, false);
	for (size_t i = 0; i < m->functions.n; i++)
		if (m->functions.v[i].defined)
			hashmap_put(&defined, m->functions.v[i].name, (uint32_t)i);
	for (size_t i = 0; i < m->refs.n; i++) {
		const struct model_ref *r = &m->refs.v[i];
		uint32_t dummy;
		if (!r->call || hashmap_get(&defined, r->call, &dummy))
			callable[r->function] = true;
	}
	hashmap_release(&defined);
	return callable;
}

void resolve_indirect_calls(struct analysis *a)
{
	const struct model *m = a->m;
	bool *callable = callable_through_pointers(m);
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		if (!c->indirect)
			continue;
		a->indirect++;
		VEC_U32 t = { 0 };
		table_targets(m, c, &t);
		enum resolution how = RESOLVED_TABLE;
		if (!t.n) {
			type_targets(m, callable, c, &t);
			how = RESOLVED_TYPE;
		}
		if (!t.n)
			how = RESOLVED_NONE;
		a->calls[i].how = (uint8_t)how;
		a->calls[i].ntargets = (uint32_t)t.n;
		a->calls[i].targets = arena_alloc(&a->arena, sizeof(uint32_t) * (t.n + 1));
		if (t.n)
			memcpy(a->calls[i].targets, t.v, t.n * sizeof(uint32_t));
		a->by_table += how == RESOLVED_TABLE;
		a->by_type += how == RESOLVED_TYPE;
		a->unresolved += how == RESOLVED_NONE;
		VEC_FREE(t);
	}
	free(callable);
}
