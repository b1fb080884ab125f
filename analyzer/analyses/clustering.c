/* clustering.c — the coupling graph over files (or functions) and its
 * communities: shared "platform" files set apart, igraph's Leiden (seeded),
 * --services N, pins. How each step decides is in docs/boundaries.md. */
#include "clustering.h"
#include "fsutil.h"
#include "internal.h"
#include <fnmatch.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Numbers the folders of the files in order of first appearance. */
uint32_t folder_index(const struct model *m, uint32_t *file_dir)
{
	VEC(char *) dirs = { 0 };
	for (size_t i = 0; i < m->files.n; i++) {
		char *d = path_dirname(m->files.v[i].path);
		uint32_t idx = MODEL_NONE;
		for (size_t k = 0; k < dirs.n && idx == MODEL_NONE; k++)
			if (strcmp(dirs.v[k], d) == 0)
				idx = (uint32_t)k;
		if (idx == MODEL_NONE) {
			idx = (uint32_t)dirs.n;
			VEC_PUSH(dirs, d);
		} else {
			free(d);
		}
		file_dir[i] = idx;
	}
	uint32_t n = (uint32_t)dirs.n;
	for (size_t k = 0; k < dirs.n; k++)
		free(dirs.v[k]);
	VEC_FREE(dirs);
	return n;
}

static void couple(struct coupling *c, uint32_t u, uint32_t v, double w)
{
	if (u == v || u == MODEL_NONE || v == MODEL_NONE || w <= 0)
		return;
	struct cedge e = { u < v ? u : v, u < v ? v : u, w };
	VEC_PUSH(c->edges, e);
}

static int cmp_cedge(const void *pa, const void *pb)
{
	const struct cedge *a = pa, *b = pb;
	if (a->u != b->u)
		return a->u < b->u ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

static void merge_edges(struct coupling *c)
{
	if (c->edges.n < 2)
		return;
	qsort(c->edges.v, c->edges.n, sizeof(*c->edges.v), cmp_cedge);
	size_t out = 0;
	for (size_t i = 0; i < c->edges.n; i++) {
		if (out && c->edges.v[out - 1].u == c->edges.v[i].u && c->edges.v[out - 1].v == c->edges.v[i].v)
			c->edges.v[out - 1].w += c->edges.v[i].w;
		else
			c->edges.v[out++] = c->edges.v[i];
	}
	c->edges.n = out;
}

/* Units that belong together by layout: a folder's files (file
 * granularity) or a file's functions. Small groups are cliques; large ones
 * a ring of near neighbours, so a 2,000-function file stays linear. Each
 * unit gets about `w` in all. */
static void couple_group(struct coupling *c, const uint32_t *g, size_t n, double w)
{
	if (n < 2)
		return;
	if (n <= 64) {
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				couple(c, g[i], g[j], w / (double)(n - 1));
		return;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t d = 1; d <= 4; d++)
			couple(c, g[i], g[(i + d) % n], w / 8.0);
}

static void couple_layout(struct coupling *c, const struct boundaries *b)
{
	const struct model *m = b->m;
	double w = b->o.weights.dir;
	VEC(uint32_t) group = { 0 };
	if (b->o.granularity == GRANULARITY_FILE) {
		uint32_t *file_dir = xcalloc(m->files.n + 1, sizeof(uint32_t));
		uint32_t ndirs = folder_index(m, file_dir);
		for (uint32_t d = 0; d < ndirs; d++) { /* a folder's files, in path order */
			group.n = 0;
			for (size_t i = 0; i < m->files.n; i++)
				if (file_dir[i] == d)
					VEC_PUSH(group, (uint32_t)i);
			couple_group(c, group.v, group.n, w);
		}
		free(file_dir);
	} else {
		for (size_t f = 0; f < m->functions.n;) {
			group.n = 0;
			uint32_t file = m->functions.v[f].file;
			for (; f < m->functions.n && m->functions.v[f].file == file; f++)
				if (c->unit_of_fn[f] != MODEL_NONE)
					VEC_PUSH(group, c->unit_of_fn[f]);
			couple_group(c, group.v, group.n, w);
		}
	}
	VEC_FREE(group);
}

static void couple_calls(struct coupling *c, const struct boundaries *b)
{
	const struct model *m = b->m;
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *call = &m->calls.v[i];
		uint32_t u = c->unit_of_fn[call->caller];
		if (!call->indirect) {
			couple(c, u, c->unit_of_fn[call->callee], b->o.weights.calls);
			continue;
		}
		const struct call_targets *t = &b->a->calls[i];
		for (uint32_t k = 0; t->how == RESOLVED_TABLE && k < t->ntargets; k++)
			couple(c, u, c->unit_of_fn[t->targets[k]], b->o.weights.calls / t->ntargets);
	}
}

/* Shared state: every function using a mutable global is tied to the
 * global's home (its file; for functions, its most frequent user). */
static void couple_state(struct coupling *c, const struct boundaries *b)
{
	const struct model *m = b->m;
	uint32_t *home = xcalloc(m->globals.n + 1, sizeof(uint32_t));
	for (size_t g = 0; g < m->globals.n; g++)
		home[g] = b->o.granularity == GRANULARITY_FILE ? m->globals.v[g].file : MODEL_NONE;
	if (b->o.granularity == GRANULARITY_FUNCTION) {
		uint32_t *best = xcalloc(m->globals.n + 1, sizeof(uint32_t));
		for (size_t i = 0; i < m->accesses.n;) { /* sorted by function */
			size_t j = i;
			uint32_t f = m->accesses.v[i].function;
			while (j < m->accesses.n && m->accesses.v[j].function == f)
				j++;
			for (size_t k = i; k < j; k++) {
				uint32_t g = m->accesses.v[k].global, n = 0;
				for (size_t q = i; q < j; q++)
					n += m->accesses.v[q].global == g;
				if (n > best[g] || home[g] == MODEL_NONE) {
					best[g] = n;
					home[g] = c->unit_of_fn[f];
				}
			}
			i = j;
		}
		free(best);
	}
	uint32_t last_f = MODEL_NONE, last_g = MODEL_NONE;
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *ac = &m->accesses.v[i];
		if (m->globals.v[ac->global].is_const || (ac->function == last_f && ac->global == last_g))
			continue;
		last_f = ac->function;
		last_g = ac->global;
		couple(c, c->unit_of_fn[ac->function], home[ac->global], b->o.weights.state);
	}
	free(home);
}

static void couple_types_and_includes(struct coupling *c, const struct boundaries *b)
{
	const struct model *m = b->m;
	if (b->o.granularity != GRANULARITY_FILE)
		return;
	for (size_t i = 0; i < m->type_uses.n; i++) {
		const struct model_type_use *u = &m->type_uses.v[i];
		couple(c, c->unit_of_fn[u->function], m->types.v[u->type].file, b->o.weights.types);
	}
	for (size_t i = 0; i < m->includes.n; i++)
		couple(c, m->includes.v[i].from, m->includes.v[i].to, b->o.weights.includes);
}

/* One kind of coupling at a time: its edges are counted (weight 1 per
 * call site, user, use or include), then damped to weight * log2(1 + count)
 * so that a pair of files with 40 call sites does not outweigh everything
 * else, and appended to the coupling graph. */
static void add_component(struct coupling *c, struct coupling *part, double weight)
{
	merge_edges(part);
	for (size_t i = 0; i < part->edges.n; i++) {
		struct cedge e = part->edges.v[i];
		e.w = weight * log2(1.0 + e.w);
		if (e.w > 0)
			VEC_PUSH(c->edges, e);
	}
	part->edges.n = 0;
}

void build_coupling(struct coupling *c, const struct boundaries *b)
{
	const struct model *m = b->m;
	c->unit_of_fn = xcalloc(m->functions.n + 1, sizeof(uint32_t));
	c->nunits = 0;
	for (size_t f = 0; f < m->functions.n; f++) {
		if (!m->functions.v[f].defined)
			c->unit_of_fn[f] = MODEL_NONE;
		else if (b->o.granularity == GRANULARITY_FILE)
			c->unit_of_fn[f] = m->functions.v[f].file;
		else
			c->unit_of_fn[f] = (uint32_t)c->nunits++;
	}
	if (b->o.granularity == GRANULARITY_FILE)
		c->nunits = m->files.n;
	struct coupling part = { c->nunits, c->unit_of_fn, { 0 } };
	struct boundaries counting = *b;
	counting.o.weights.calls = counting.o.weights.state = 1.0;
	counting.o.weights.types = counting.o.weights.includes = 1.0;
	couple_calls(&part, &counting);
	add_component(c, &part, b->o.weights.calls);
	couple_state(&part, &counting);
	add_component(c, &part, b->o.weights.state);
	struct boundaries types_only = counting, includes_only = counting;
	types_only.o.weights.includes = 0;
	includes_only.o.weights.types = 0;
	couple_types_and_includes(&part, &types_only);
	add_component(c, &part, b->o.weights.types);
	couple_types_and_includes(&part, &includes_only);
	add_component(c, &part, b->o.weights.includes);
	couple_layout(c, b);
	VEC_FREE(part.edges);
	merge_edges(c);
}


/* ---- clustering ---------------------------------------------------------- */

struct leiden_input {
	igraph_t g;
	igraph_vector_t weights, strength;
	double total; /* sum of edge weights */
	size_t n;
};

static void leiden_init(struct leiden_input *in, const struct coupling *c)
{
	igraph_vector_int_t edges;
	igraph_vector_int_init(&edges, (igraph_integer_t)(2 * c->edges.n));
	igraph_vector_init(&in->weights, (igraph_integer_t)c->edges.n);
	igraph_vector_init(&in->strength, (igraph_integer_t)c->nunits);
	in->total = 0;
	for (size_t i = 0; i < c->edges.n; i++) {
		VECTOR(edges)[2 * i] = c->edges.v[i].u;
		VECTOR(edges)[2 * i + 1] = c->edges.v[i].v;
		VECTOR(in->weights)[i] = c->edges.v[i].w;
		VECTOR(in->strength)[c->edges.v[i].u] += c->edges.v[i].w;
		VECTOR(in->strength)[c->edges.v[i].v] += c->edges.v[i].w;
		in->total += c->edges.v[i].w;
	}
	igraph_create(&in->g, &edges, (igraph_integer_t)c->nunits, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&edges);
	in->n = c->nunits;
}

static void leiden_release(struct leiden_input *in)
{
	igraph_destroy(&in->g);
	igraph_vector_destroy(&in->weights);
	igraph_vector_destroy(&in->strength);
}

/* Leiden with the modularity objective at resolution gamma (seeded: the
 * same input always gives the same communities). `start` holds the
 * initial membership when pins are given, else NULL. Returns the number of
 * communities; membership in out[]. */
static uint32_t leiden(const struct leiden_input *in, double gamma, const uint32_t *start, uint32_t *out)
{
	igraph_vector_int_t membership;
	igraph_vector_int_init(&membership, (igraph_integer_t)in->n);
	for (size_t u = 0; u < in->n; u++)
		VECTOR(membership)[u] = start ? start[u] : (igraph_integer_t)u;
	igraph_integer_t k = 0;
	igraph_real_t quality;
	igraph_rng_seed(igraph_rng_default(), 20261125);
	double res = in->total > 0 ? gamma / (2.0 * in->total) : 1.0;
	/* a fixed number of iterations: "until stable" (-1) never returned on
	 * some small graphs (a single file, no edges) */
	if (in->total > 0)
		igraph_community_leiden(&in->g, &in->weights, &in->strength, res, 0.01, start != NULL, 10,
					&membership, &k, &quality);
	/* renumber by first appearance: ids in unit order */
	uint32_t *map = xcalloc(in->n + 1, sizeof(uint32_t));
	for (size_t u = 0; u <= in->n; u++)
		map[u] = MODEL_NONE;
	uint32_t next = 0;
	for (size_t u = 0; u < in->n; u++) {
		igraph_integer_t c = VECTOR(membership)[u];
		if (map[c] == MODEL_NONE)
			map[c] = next++;
		out[u] = map[c];
	}
	free(map);
	igraph_vector_int_destroy(&membership);
	return next;
}

/* Communities among the units that take part (shared files sit out). */
static uint32_t count_parts(const uint32_t *part, size_t n, const bool *out)
{
	bool *seen = xcalloc(n + 1, sizeof(bool));
	uint32_t k = 0;
	for (size_t u = 0; u < n; u++)
		if (!(out && out[u]) && !seen[part[u]]) {
			seen[part[u]] = true;
			k++;
		}
	free(seen);
	return k;
}

/* --services N: the resolution (log-scale bisection) whose partition has N
 * communities, or the closest count found. `want` counts the communities
 * of the units that take part. */
static uint32_t leiden_for_count(const struct leiden_input *in, unsigned want, const uint32_t *start,
				 const bool *out_units, uint32_t *out, double *gamma_out)
{
	double lo = 0.01, hi = 20.0, best_gamma = 1.0;
	uint32_t *tmp = xcalloc(in->n + 1, sizeof(uint32_t));
	uint32_t k_all = leiden(in, 1.0, start, out), best = count_parts(out, in->n, out_units);
	for (int it = 0; it < 40 && best != want; it++) {
		double mid = sqrt(lo * hi);
		uint32_t k_mid = leiden(in, mid, start, tmp), k = count_parts(tmp, in->n, out_units);
		if (abs((int)k - (int)want) < abs((int)best - (int)want)) {
			best = k;
			k_all = k_mid;
			best_gamma = mid;
			memcpy(out, tmp, in->n * sizeof(uint32_t));
		}
		if (k < want)
			lo = mid;
		else
			hi = mid;
	}
	free(tmp);
	*gamma_out = best_gamma;
	return k_all;
}

static const char *pin_of_unit(const struct boundaries *b, const struct coupling *c, size_t u)
{
	const struct model *m = b->m;
	for (size_t p = 0; p < b->o.npins; p++) {
		if (b->o.granularity == GRANULARITY_FILE) {
			if (fnmatch(b->o.pins[p].glob, m->files.v[u].path, 0) == 0)
				return b->o.pins[p].service;
			continue;
		}
		for (size_t f = 0; f < m->functions.n; f++)
			if (c->unit_of_fn[f] == u && fnmatch(b->o.pins[p].glob, m->functions.v[f].name, 0) == 0)
				return b->o.pins[p].service;
	}
	return NULL;
}

/* Renumbers communities by first appearance in unit order, dropping those
 * left empty; returns their names in the new order (a new array). */
static const char **compact(uint32_t *part, size_t n, uint32_t *k, const char **names)
{
	uint32_t *map = xcalloc((size_t)*k + 1, sizeof(uint32_t));
	for (uint32_t i = 0; i <= *k; i++)
		map[i] = MODEL_NONE;
	const char **kept = xcalloc((size_t)*k + 1, sizeof(char *));
	uint32_t next = 0;
	for (size_t u = 0; u < n; u++) {
		if (map[part[u]] == MODEL_NONE) {
			kept[next] = names ? names[part[u]] : NULL;
			map[part[u]] = next++;
		}
		part[u] = map[part[u]];
	}
	*k = next;
	free(map);
	return kept;
}

/* Pins: units pinned to the same name start in one community (a seed),
 * and after clustering each pin's units are moved to the community that
 * holds most of them, which takes the pin's name. */
static uint32_t *seed_pins(const char **pin, size_t n)
{
	uint32_t *start = xcalloc(n + 1, sizeof(uint32_t));
	for (size_t u = 0; u < n; u++) {
		start[u] = (uint32_t)u;
		for (size_t v = 0; v < u && pin[u]; v++)
			if (pin[v] && strcmp(pin[v], pin[u]) == 0) {
				start[u] = start[v];
				break;
			}
	}
	return start;
}

static const char **enforce_pins(const struct boundaries *b, const char **pin, size_t n, uint32_t *part,
				 uint32_t *k)
{
	const char **names = xcalloc((size_t)*k + b->o.npins + 1, sizeof(char *));
	for (size_t p = 0; p < b->o.npins; p++) {
		const char *name = b->o.pins[p].service;
		uint32_t *votes = xcalloc((size_t)*k + 1, sizeof(uint32_t)), target = MODEL_NONE;
		for (size_t u = 0; u < n; u++) {
			if (!pin[u] || strcmp(pin[u], name) != 0)
				continue;
			votes[part[u]]++;
			if (target == MODEL_NONE || votes[part[u]] > votes[target])
				target = part[u];
		}
		free(votes);
		if (target == MODEL_NONE)
			continue;
		if (names[target] && strcmp(names[target], name) != 0)
			target = (*k)++; /* two pins met in one community: this one gets its own */
		for (size_t u = 0; u < n; u++)
			if (pin[u] && strcmp(pin[u], name) == 0)
				part[u] = target;
		names[target] = name;
	}
	const char **kept = compact(part, n, k, names);
	free(names);
	return kept;
}

/* ---- shared code ---------------------------------------------------------- */

/* Do two paths name the same file stem (util.c, util.h)? */
static bool same_stem(const char *a, const char *b)
{
	const char *ba = strrchr(a, '/'), *bb = strrchr(b, '/');
	ba = ba ? ba + 1 : a;
	bb = bb ? bb + 1 : b;
	const char *da = strrchr(ba, '.'), *db = strrchr(bb, '.');
	size_t la = da ? (size_t)(da - ba) : strlen(ba), lb = db ? (size_t)(db - bb) : strlen(bb);
	return la == lb && strncmp(ba, bb, la) == 0;
}

/* Omnipresent files (Mancoridis et al.'s Bunch sets them apart the same
 * way): files used from at least three other folders and from at least a
 * third of them, through calls or #includes. They are the platform every
 * service links, and left in the clustering they would be torn apart
 * between their many users. The files pairing with them by stem (util.c
 * and util.h) go with them. */
enum { SHARED_NUM = 1, SHARED_DEN = 2 }; /* used from at least half of the other folders */

static bool *find_shared(const struct boundaries *b, uint32_t *nshared)
{
	const struct model *m = b->m;
	size_t n = m->files.n;
	bool *shared = xcalloc(n + 1, sizeof(bool));
	*nshared = 0;
	if (b->o.granularity != GRANULARITY_FILE || n < 4)
		return shared;
	uint32_t *file_dir = xcalloc(n + 1, sizeof(uint32_t));
	uint32_t ndirs = folder_index(m, file_dir);
	bool *seen = xcalloc((size_t)n * ndirs + 1, sizeof(bool)); /* file x user folder */
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		if (c->indirect)
			continue;
		uint32_t to = m->functions.v[c->callee].file, from = m->functions.v[c->caller].file;
		seen[(size_t)to * ndirs + file_dir[from]] = true;
	}
	for (size_t i = 0; i < m->includes.n; i++)
		seen[(size_t)m->includes.v[i].to * ndirs + file_dir[m->includes.v[i].from]] = true;
	for (size_t f = 0; f < n; f++) {
		uint32_t users = 0;
		for (uint32_t d = 0; d < ndirs; d++)
			users += d != file_dir[f] && seen[f * ndirs + d];
		if (ndirs > 3 && users >= 3 && SHARED_DEN * users >= SHARED_NUM * (ndirs - 1))
			shared[f] = true;
	}
	/* a platform is a library: it calls nothing outside its folder but
	 * other shared files (a widely used service that calls others is not
	 * shared code) */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < m->calls.n; i++) {
			const struct model_call *c = &m->calls.v[i];
			if (c->indirect)
				continue;
			uint32_t from = m->functions.v[c->caller].file, to = m->functions.v[c->callee].file;
			if (shared[from] && !shared[to] && file_dir[to] != file_dir[from]) {
				shared[from] = false;
				changed = true;
			}
		}
	}
	for (size_t f = 0; f < n; f++) /* stem pairs follow */
		for (size_t g = 0; g < n && !shared[f]; g++)
			if (shared[g] && file_dir[g] == file_dir[f] && same_stem(m->files.v[f].path, m->files.v[g].path))
				shared[f] = true;
	for (size_t f = 0; f < n; f++)
		*nshared += shared[f];
	free(seen);
	free(file_dir);
	return shared;
}

/* The shared files become one service, "platform"; communities left
 * empty by their leaving are dropped. */
static uint32_t gather_shared(const bool *shared, size_t n, uint32_t *part, uint32_t k, const char ***names)
{
	const char **named = xcalloc((size_t)k + 2, sizeof(char *));
	for (uint32_t i = 0; *names && i < k; i++)
		named[i] = (*names)[i];
	named[k] = "platform";
	for (size_t u = 0; u < n; u++)
		if (shared[u])
			part[u] = k;
	k++;
	free(*names);
	*names = compact(part, n, &k, named);
	free(named);
	return k;
}


/* The units' communities: shared files set apart, pins seeded and
 * enforced, Leiden for the rest. Returns the number of communities; part[]
 * holds each unit's, *names their pinned names (or NULL). */
uint32_t cluster_units(struct boundaries *b, struct coupling *c, uint32_t *part, const char ***names)
{
	const struct boundary_options *o = &b->o;
	const char **pin = xcalloc(c->nunits + 1, sizeof(char *));
	for (size_t u = 0; u < c->nunits; u++)
		pin[u] = pin_of_unit(b, c, u);
	uint32_t nshared;
	bool *shared = find_shared(b, &nshared);
	for (size_t u = 0; u < c->nunits; u++)
		if (pin[u] && shared[u]) { /* a pin wins over the platform */
			shared[u] = false;
			nshared--;
		}
	if (nshared) { /* shared files sit out the clustering */
		size_t out = 0;
		for (size_t i = 0; i < c->edges.n; i++)
			if (!shared[c->edges.v[i].u] && !shared[c->edges.v[i].v])
				c->edges.v[out++] = c->edges.v[i];
		c->edges.n = out;
	}
	struct leiden_input in;
	leiden_init(&in, c);
	uint32_t *start = o->npins ? seed_pins(pin, c->nunits) : NULL;
	uint32_t k;
	b->resolution = 1.0;
	if (o->services)
		k = leiden_for_count(&in, o->services - (nshared > 0 && o->services > 1), start, shared, part,
				     &b->resolution);
	else
		k = leiden(&in, 1.0, start, part);
	const char **pinned = o->npins ? enforce_pins(b, pin, c->nunits, part, &k) : NULL;
	if (nshared)
		k = gather_shared(shared, c->nunits, part, k, &pinned);
	*names = pinned;
	free(shared);
	free(start);
	free(pin);
	leiden_release(&in);
	return k;
}

void coupling_release(struct coupling *c)
{
	free(c->unit_of_fn);
	VEC_FREE(c->edges);
}
