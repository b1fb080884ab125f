/* reportdiff.c — comparing two reports symbol by symbol */
#include "reportdiff.h"
#include "hashmap.h"
#include <stdio.h>
#include <string.h>

static const char *const class_order[] = { "pure", "stateless", "config", "unknown", "stateful", "long-running" };

static int class_rank(const char *cls)
{
	for (int i = 0; i < 6; i++)
		if (strcmp(class_order[i], cls) == 0)
			return i;
	return 3; /* an unknown name ranks as unknown */
}

static const char *key(struct report_diff *d, const char *file, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s:%s", file, name);
	const char *k = arena_strdup(&d->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return k;
}

static void index_functions(struct report_diff *d, const struct report_view *v, struct hashmap *m)
{
	for (size_t i = 0; i < v->functions.n; i++)
		if (v->functions.v[i].defined)
			hashmap_put(m, key(d, v->functions.v[i].file, v->functions.v[i].name), (uint32_t)i);
}

static void diff_classes(struct report_diff *d, const struct report_view *a, const struct report_view *b)
{
	struct hashmap old_fns, new_fns;
	hashmap_init(&old_fns, false);
	hashmap_init(&new_fns, false);
	index_functions(d, a, &old_fns);
	index_functions(d, b, &new_fns);
	for (size_t i = 0; i < b->functions.n; i++) {
		const struct rv_function *f = &b->functions.v[i];
		uint32_t k;
		if (!f->defined)
			continue;
		if (!hashmap_get(&old_fns, key(d, f->file, f->name), &k))
			continue; /* added: counted by key below */
		const char *was = a->functions.v[k].cls;
		if (strcmp(was, f->cls) == 0)
			continue;
		struct class_change c = { arena_strdup(&d->arena, f->name), arena_strdup(&d->arena, f->file),
					  arena_strdup(&d->arena, was), arena_strdup(&d->arena, f->cls),
					  class_rank(f->cls) > class_rank(was) };
		VEC_PUSH(d->classes, c);
		d->worse |= c.worse ? DIFF_CLASS : 0;
	}
	for (size_t s = 0; s < old_fns.cap; s++) /* by key: a name defined twice counts once */
		d->functions_removed += old_fns.slots[s].key && !hashmap_get(&new_fns, old_fns.slots[s].key, &(uint32_t){ 0 });
	for (size_t s = 0; s < new_fns.cap; s++)
		d->functions_added += new_fns.slots[s].key && !hashmap_get(&old_fns, new_fns.slots[s].key, &(uint32_t){ 0 });
	hashmap_release(&old_fns);
	hashmap_release(&new_fns);
}

/* Every crossing pair of one report, as "caller\tcallee" -> index. */
static void index_crossing(struct report_diff *d, const struct report_view *v, struct hashmap *m)
{
	for (size_t i = 0; i < v->crossing.n; i++) {
		const struct rv_function *a = &v->functions.v[v->crossing.v[i].caller];
		const struct rv_function *b = &v->functions.v[v->crossing.v[i].callee];
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s:%s\t%s:%s", a->file, a->name, b->file, b->name);
		if (!hashmap_get(m, strbuf_str(&sb), &(uint32_t){ 0 }))
			hashmap_put(m, arena_strdup(&d->arena, strbuf_str(&sb)), (uint32_t)i);
		strbuf_release(&sb);
	}
}

static void crossing_side(struct report_diff *d, const struct report_view *v, const struct hashmap *mine,
			  const struct hashmap *other, bool added)
{
	for (size_t s = 0; s < mine->cap; s++) {
		const char *k = mine->slots[s].key;
		if (!k || hashmap_get(other, k, &(uint32_t){ 0 }))
			continue;
		const struct rv_crossing *c = &v->crossing.v[mine->slots[s].value];
		const char *tab = strchr(k, '\t');
		struct crossing_change ch = { arena_strndup(&d->arena, k, (size_t)(tab - k)), tab + 1,
					      arena_strdup(&d->arena, c->from), arena_strdup(&d->arena, c->to), added };
		VEC_PUSH(d->crossing, ch);
		d->worse |= added ? DIFF_CROSSING : 0;
	}
}

static int cmp_crossing(const void *x, const void *y)
{
	const struct crossing_change *a = x, *b = y;
	int c = strcmp(a->caller, b->caller);
	if (!c)
		c = strcmp(a->callee, b->callee);
	return c ? c : (int)b->added - (int)a->added;
}

static void diff_crossing(struct report_diff *d, const struct report_view *a, const struct report_view *b)
{
	struct hashmap ma, mb;
	hashmap_init(&ma, false);
	hashmap_init(&mb, false);
	index_crossing(d, a, &ma);
	index_crossing(d, b, &mb);
	crossing_side(d, b, &mb, &ma, true);
	crossing_side(d, a, &ma, &mb, false);
	if (d->crossing.n > 1) /* hash order is not an order: sort for byte-identical output */
		qsort(d->crossing.v, d->crossing.n, sizeof(*d->crossing.v), cmp_crossing);
	hashmap_release(&ma);
	hashmap_release(&mb);
}

typedef VEC(const char *) name_list;

/* global key -> owning service name, for one report. */
static void owners_of(struct report_diff *d, const struct report_view *v, struct hashmap *m, name_list *names)
{
	for (size_t s = 0; s < v->services.n; s++)
		for (size_t k = 0; k < v->services.v[s].owned_globals.n; k++) {
			const struct rv_global *g = &v->globals.v[v->services.v[s].owned_globals.v[k]];
			hashmap_put(m, key(d, g->file, g->name), (uint32_t)names->n);
			VEC_PUSH(*names, arena_strdup(&d->arena, v->services.v[s].name));
		}
}

static int cmp_owner(const void *x, const void *y)
{
	return strcmp(((const struct owner_change *)x)->global, ((const struct owner_change *)y)->global);
}

static void diff_owners(struct report_diff *d, const struct report_view *a, const struct report_view *b)
{
	struct hashmap ma, mb;
	name_list na = { 0 }, nb = { 0 };
	hashmap_init(&ma, false);
	hashmap_init(&mb, false);
	owners_of(d, a, &ma, &na);
	owners_of(d, b, &mb, &nb);
	for (int side = 0; side < 2; side++) {
		const struct hashmap *m = side ? &ma : &mb, *o = side ? &mb : &ma;
		for (size_t s = 0; s < m->cap; s++) {
			uint32_t mine = m->slots[s].value, theirs;
			if (!m->slots[s].key)
				continue;
			bool in_other = hashmap_get(o, m->slots[s].key, &theirs);
			if (side && in_other)
				continue; /* seen from the new side already */
			const char *now = side ? NULL : nb.v[mine];
			const char *was = side ? na.v[mine] : in_other ? na.v[theirs] : NULL;
			if (was && now && strcmp(was, now) == 0)
				continue;
			struct owner_change c = { m->slots[s].key, was, now };
			VEC_PUSH(d->owners, c);
			d->worse |= now ? DIFF_OWNERSHIP : 0; /* new or moved state; giving state up is better */
		}
	}
	if (d->owners.n > 1)
		qsort(d->owners.v, d->owners.n, sizeof(*d->owners.v), cmp_owner);
	VEC_FREE(na);
	VEC_FREE(nb);
	hashmap_release(&ma);
	hashmap_release(&mb);
}

static void diff_metrics(struct report_diff *d, const struct rv_metrics *a, const struct rv_metrics *b)
{
	/* which way is better: +1 higher, -1 lower (docs/boundaries.md, "Metrics") */
	static const int better[6] = { +1, +1, -1, -1, +1, -1 };
	static const char *const names[6] = { "modularity", "turbomq", "icp", "ifn", "sm", "ned" };
	const double old_v[6] = { a->modularity, a->turbomq, a->icp, a->ifn, a->sm, a->ned };
	const double new_v[6] = { b->modularity, b->turbomq, b->icp, b->ifn, b->sm, b->ned };
	for (int i = 0; i < 6; i++) {
		double delta = (new_v[i] - old_v[i]) * better[i];
		d->metrics[i] = (struct metric_change){ names[i], old_v[i], new_v[i], delta < -1e-6, delta > 1e-6 };
		d->worse |= d->metrics[i].worse ? DIFF_METRICS : 0;
	}
}

void report_diff_run(struct report_diff *d, const struct report_view *old, const struct report_view *new_)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->arena);
	diff_classes(d, old, new_);
	diff_crossing(d, old, new_);
	diff_owners(d, old, new_);
	diff_metrics(d, &old->proposal, &new_->proposal);
}

void report_diff_release(struct report_diff *d)
{
	VEC_FREE(d->classes);
	VEC_FREE(d->crossing);
	VEC_FREE(d->owners);
	arena_release(&d->arena);
}

int report_diff_kinds(const char *list)
{
	static const struct { const char *name; int bits; } kinds[] = {
		{ "class", DIFF_CLASS }, { "crossing", DIFF_CROSSING }, { "ownership", DIFF_OWNERSHIP },
		{ "metrics", DIFF_METRICS }, { "any", 15 }, { "none", 0 },
	};
	int bits = 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		size_t k = 0;
		while (k < sizeof(kinds) / sizeof(kinds[0]) && (strlen(kinds[k].name) != len || strncmp(kinds[k].name, p, len)))
			k++;
		if (k == sizeof(kinds) / sizeof(kinds[0]))
			return -1;
		bits |= kinds[k].bits;
		p += len + (p[len] == ',');
	}
	return bits;
}
