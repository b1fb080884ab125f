/* hotspots.c — ranking shared mutable globals and finding, for each, the
 * shortest evidence chain (from an entry point when there is one) that
 * ends at an access to it. */
#include "hotspots.h"
#include <string.h>

static void count_users(const struct model *m, const struct boundaries *b, struct hotspot *h)
{
	uint32_t *last_w = xmalloc((m->globals.n + 1) * sizeof(uint32_t));
	uint32_t *last_r = xmalloc((m->globals.n + 1) * sizeof(uint32_t));
	memset(last_w, 0xff, (m->globals.n + 1) * sizeof(uint32_t));
	memset(last_r, 0xff, (m->globals.n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < m->accesses.n; i++) { /* grouped by function */
		const struct model_access *ac = &m->accesses.v[i];
		uint32_t *last = ac->kind == ACCESS_READ ? last_r : last_w;
		if (last[ac->global] != ac->function) {
			last[ac->global] = ac->function;
			*(ac->kind == ACCESS_READ ? &h[ac->global].readers : &h[ac->global].writers) += 1;
		}
	}
	for (size_t i = 0; i < b->state_cuts.n; i++)
		h[m->accesses.v[b->state_cuts.v[i].access].global].foreign++;
	free(last_w);
	free(last_r);
}

/* Whether chain a (of function fa) explains better than the current one. */
static bool better_chain(const struct analysis *a, uint32_t fa, const struct hotspot *h)
{
	if (h->chain_function == MODEL_NONE)
		return true;
	bool entry_a = a->fns[fa].entry != ENTRY_NONE, entry_h = a->fns[h->chain_function].entry != ENTRY_NONE;
	if (entry_a != entry_h)
		return entry_a;
	return a->fns[fa].nsteps < h->nsteps;
}

/* For each function whose evidence ends at an access to a global, offer
 * its chain to that global's hotspot. */
static void find_chains(const struct model *m, const struct analysis *a, struct hotspot *h)
{
	uint32_t *first = xmalloc((m->functions.n + 1) * sizeof(uint32_t));
	memset(first, 0xff, (m->functions.n + 1) * sizeof(uint32_t));
	for (size_t i = m->accesses.n; i-- > 0;)
		first[m->accesses.v[i].function] = (uint32_t)i;
	for (size_t f = 0; f < m->functions.n; f++) {
		const struct fn_analysis *fa = &a->fns[f];
		if (!fa->nsteps)
			continue;
		const struct evidence_step *last = &fa->steps[fa->nsteps - 1];
		for (size_t i = first[last->function]; i < m->accesses.n && m->accesses.v[i].function == last->function; i++) {
			const struct model_access *ac = &m->accesses.v[i];
			struct hotspot *hs = &h[ac->global];
			if (ac->line != last->line || ac->file != last->file || !better_chain(a, (uint32_t)f, hs))
				continue;
			hs->chain_function = (uint32_t)f;
			hs->nsteps = fa->nsteps;
			hs->steps = fa->steps;
		}
	}
	free(first);
}

static int by_score(const void *pa, const void *pb)
{
	const struct hotspot *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->global < b->global ? -1 : a->global > b->global;
}

size_t hotspots_find(const struct model *m, const struct analysis *a, const struct boundaries *b,
		     struct hotspot *out, size_t max)
{
	struct hotspot *h = xcalloc(m->globals.n + 1, sizeof(*h));
	for (size_t g = 0; g < m->globals.n; g++)
		h[g].global = (uint32_t)g, h[g].chain_function = MODEL_NONE;
	count_users(m, b, h);
	find_chains(m, a, h);
	size_t n = 0;
	for (size_t g = 0; g < m->globals.n; g++) {
		if (m->globals.v[g].is_const || h[g].writers + h[g].readers == 0)
			continue;
		h[g].score = 2 * h[g].writers + h[g].readers + 3 * h[g].foreign;
		h[n++] = h[g];
	}
	if (n)
		qsort(h, n, sizeof(*h), by_score);
	n = n < max ? n : max;
	memcpy(out, h, n * sizeof(*h));
	free(h);
	return n;
}
