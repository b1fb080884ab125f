/* boundaries.c — service boundaries: the coupling graph over files (or
 * functions), Leiden communities (igraph, seeded), names, data ownership,
 * cut costs and metrics. How each step decides is in docs/boundaries.md. */
#include "boundaries.h"
#include "fsutil.h"
#include "internal.h"
#include <fnmatch.h>
#include <igraph.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const recommendation_names[] = { "serverless", "microservice", "stateful-core" };
const char *recommendation_name(enum recommendation r) { return recommendation_names[r]; }

static const char *bstrf(struct boundaries *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *bstrf(struct boundaries *b, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	const char *r = arena_strdup(&b->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

struct cedge {
	uint32_t u, v;
	double w;
};

struct coupling {
	size_t nunits;
	uint32_t *unit_of_fn;    /* MODEL_NONE for declarations */
	VEC(struct cedge) edges;
};

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

static char *dir_of(const char *path)
{
	char *d = path_dirname(path);
	return d;
}

static void couple_layout(struct coupling *c, const struct boundaries *b)
{
	const struct model *m = b->m;
	double w = b->o.weights.dir;
	VEC(uint32_t) group = { 0 };
	if (b->o.granularity == GRANULARITY_FILE) {
		/* files are sorted by path: a folder's files are adjacent, except
		 * that subfolders interleave; group by exact dirname */
		bool *done = xcalloc(m->files.n + 1, sizeof(bool));
		for (size_t i = 0; i < m->files.n; i++) {
			if (done[i])
				continue;
			char *di = dir_of(m->files.v[i].path);
			group.n = 0;
			for (size_t j = i; j < m->files.n; j++) {
				char *dj = dir_of(m->files.v[j].path);
				if (!done[j] && strcmp(di, dj) == 0) {
					done[j] = true;
					VEC_PUSH(group, (uint32_t)j);
				}
				free(dj);
			}
			free(di);
			couple_group(c, group.v, group.n, w);
		}
		free(done);
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

static void build_coupling(struct coupling *c, const struct boundaries *b)
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
	/* drop communities emptied by the moves, keeping first-appearance order */
	uint32_t *map = xcalloc((size_t)*k + 1, sizeof(uint32_t));
	for (uint32_t c = 0; c <= *k; c++)
		map[c] = MODEL_NONE;
	const char **kept = xcalloc((size_t)*k + 1, sizeof(char *));
	uint32_t next = 0;
	for (size_t u = 0; u < n; u++) {
		if (map[part[u]] == MODEL_NONE) {
			kept[next] = names[part[u]];
			map[part[u]] = next++;
		}
		part[u] = map[part[u]];
	}
	*k = next;
	free(map);
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
	uint32_t ndirs = 0;
	for (size_t i = 0; i < n; i++) {
		char *d = path_dirname(m->files.v[i].path);
		file_dir[i] = MODEL_NONE;
		for (size_t j = 0; j < i && file_dir[i] == MODEL_NONE; j++) {
			char *e = path_dirname(m->files.v[j].path);
			if (strcmp(d, e) == 0)
				file_dir[i] = file_dir[j];
			free(e);
		}
		if (file_dir[i] == MODEL_NONE)
			file_dir[i] = ndirs++;
		free(d);
	}
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
	uint32_t *map = xcalloc((size_t)k + 2, sizeof(uint32_t));
	for (uint32_t c = 0; c <= k; c++)
		map[c] = MODEL_NONE;
	const char **kept = xcalloc((size_t)k + 2, sizeof(char *));
	uint32_t next = 0, platform = MODEL_NONE;
	for (size_t u = 0; u < n; u++) {
		if (shared[u]) {
			if (platform == MODEL_NONE) {
				platform = next++;
				kept[platform] = "platform";
			}
			part[u] = platform;
			continue;
		}
		if (map[part[u]] == MODEL_NONE) {
			kept[next] = *names ? (*names)[part[u]] : NULL;
			map[part[u]] = next++;
		}
		part[u] = map[part[u]];
	}
	free(map);
	free(*names);
	*names = kept;
	return next;
}

/* ---- services ------------------------------------------------------------ */

static void assign_files(struct boundaries *b, const struct coupling *c, const uint32_t *part, uint32_t k)
{
	const struct model *m = b->m;
	for (size_t f = 0; f < m->functions.n; f++)
		b->fn_service[f] = c->unit_of_fn[f] == MODEL_NONE ? MODEL_NONE : part[c->unit_of_fn[f]];
	if (b->o.granularity == GRANULARITY_FILE) {
		for (size_t i = 0; i < m->files.n; i++)
			b->file_service[i] = part[i];
		return;
	}
	/* functions: a file goes where most of its functions went; a file with
	 * none (a header) where most of the files including it went */
	uint32_t *votes = xcalloc((size_t)k + 1, sizeof(uint32_t));
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->files.n; i++) {
			if (pass == 1 && b->file_service[i] != MODEL_NONE)
				continue;
			memset(votes, 0, ((size_t)k + 1) * sizeof(uint32_t));
			if (pass == 0) {
				for (size_t f = 0; f < m->functions.n; f++)
					if (m->functions.v[f].file == i && b->fn_service[f] != MODEL_NONE)
						votes[b->fn_service[f]]++;
			} else {
				for (size_t e = 0; e < m->includes.n; e++)
					if (m->includes.v[e].to == i && b->file_service[m->includes.v[e].from] != MODEL_NONE)
						votes[b->file_service[m->includes.v[e].from]]++;
			}
			uint32_t best = MODEL_NONE;
			for (uint32_t s = 0; s < k; s++)
				if (votes[s] && (best == MODEL_NONE || votes[s] > votes[best]))
					best = s;
			b->file_service[i] = best != MODEL_NONE ? best : (pass == 1 ? 0 : MODEL_NONE);
		}
	free(votes);
}

/* The folder holding most of a service's files, and how many it holds. */
static const char *dominant_dir(struct boundaries *b, const struct service *s, uint32_t *count)
{
	const char *best = NULL;
	*count = 0;
	for (size_t i = 0; i < s->files.n; i++) {
		char *d = path_dirname(b->m->files.v[s->files.v[i]].path);
		uint32_t n = 0;
		for (size_t j = 0; j < s->files.n; j++) {
			char *e = path_dirname(b->m->files.v[s->files.v[j]].path);
			n += strcmp(d, e) == 0;
			free(e);
		}
		if (n > *count || (n == *count && best && strcmp(d, best) < 0)) {
			*count = n;
			best = arena_strdup(&b->arena, d);
		}
		free(d);
	}
	return best ? best : ".";
}

static const char *stem_of(struct boundaries *b, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return arena_strndup(&b->arena, base, dot ? (size_t)(dot - base) : strlen(base));
}

static bool name_taken(const struct boundaries *b, size_t upto, const char *name)
{
	for (size_t i = 0; i < upto; i++)
		if (b->services[i].name && strcmp(b->services[i].name, name) == 0)
			return true;
	return false;
}

/* Named after the dominant folder (its last component), or the first
 * file's stem when that folder is the root or already names a service. */
static void name_services(struct boundaries *b, const char **pinned)
{
	for (size_t s = 0; s < b->nservices; s++) {
		struct service *sv = &b->services[s];
		if (pinned && pinned[s]) {
			sv->name = pinned[s];
			continue;
		}
		uint32_t n;
		const char *dir = dominant_dir(b, sv, &n);
		const char *last = strrchr(dir, '/');
		const char *name = strcmp(dir, ".") == 0 || !*dir ? NULL : (last ? last + 1 : dir);
		const char *first = sv->files.n ? b->m->files.v[sv->files.v[0]].path : "service";
		if (!name || name_taken(b, s, name))
			name = name ? bstrf(b, "%s-%s", name, stem_of(b, first))
				    : stem_of(b, first);
		for (int k = 2; name_taken(b, s, name); k++)
			name = bstrf(b, "%s-%d", name, k);
		sv->name = arena_strdup(&b->arena, name);
	}
}

static void add_unique(struct id_list *v, uint32_t x)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i] == x)
			return;
	VEC_PUSH(*v, x);
}

/* Every mutable global has one owner: the service whose functions use it
 * most (ties: the first service); a static local, its function's. Every
 * use from elsewhere is a cut. */
static void find_owners(struct boundaries *b)
{
	const struct model *m = b->m;
	size_t k = b->nservices;
	uint32_t *uses = xcalloc(m->globals.n * k + 1, sizeof(uint32_t));
	for (size_t i = 0; i < m->accesses.n; i++) {
		uint32_t s = b->fn_service[m->accesses.v[i].function];
		if (s != MODEL_NONE)
			uses[(size_t)m->accesses.v[i].global * k + s]++;
	}
	for (size_t g = 0; g < m->globals.n; g++) {
		const struct model_global *gl = &m->globals.v[g];
		b->owner[g] = MODEL_NONE;
		if (gl->is_const)
			continue;
		uint32_t best = b->file_service[gl->file];
		for (size_t s = 0; s < k; s++)
			if (uses[g * k + s] > (best == MODEL_NONE ? 0 : uses[g * k + best]))
				best = (uint32_t)s;
		if (gl->kind == GLOBAL_STATIC_LOCAL && gl->function != MODEL_NONE)
			best = b->fn_service[gl->function];
		b->owner[g] = best;
		if (best != MODEL_NONE)
			VEC_PUSH(b->services[best].owned, (uint32_t)g);
	}
	free(uses);
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *ac = &m->accesses.v[i];
		uint32_t user = b->fn_service[ac->function], own = b->owner[ac->global];
		if (own != MODEL_NONE && user != MODEL_NONE && user != own) {
			struct state_cut cut = { (uint32_t)i, own, user };
			VEC_PUSH(b->state_cuts, cut);
		}
	}
}

/* What the arguments of a call would carry over a network: pointers to
 * structs (marshalling), callbacks (impossible), variadic lists. */
static const char *carries(struct boundaries *b, const char *type)
{
	const char *open = type ? strchr(type, '(') : NULL;
	if (!open)
		return "";
	struct strbuf sb = STRBUF_INIT;
	const char *p = open + 1;
	while (*p && *p != ')') {
		const char *start = p;
		int depth = 0;
		while (*p && (depth > 0 || (*p != ',' && *p != ')'))) {
			depth += *p == '(';
			depth -= *p == ')';
			p++;
		}
		char *param = strndup(start, (size_t)(p - start));
		const char *what = NULL;
		if (strstr(param, "(*)"))
			what = "callback";
		else if (strstr(param, "..."))
			what = "variadic arguments";
		else if (strstr(param, "struct ") && strchr(param, '*'))
			what = param;
		if (what) {
			const char *t = what == param ? param + strspn(param, " ") : what;
			if (what == param && strncmp(t, "const ", 6) == 0)
				t += 6;
			strbuf_addf(&sb, "%s%s%s", sb.len ? ", " : "", what == param ? "pointer to " : "", t);
			if (what == param && sb.len && sb.buf[sb.len - 1] == '*') {
				sb.len--;
				while (sb.len && sb.buf[sb.len - 1] == ' ')
					sb.len--;
				sb.buf[sb.len] = '\0';
			}
		}
		free(param);
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	const char *r = arena_strdup(&b->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

static void cross_call(struct boundaries *b, uint32_t call, uint32_t callee)
{
	uint32_t from = b->fn_service[b->m->calls.v[call].caller], to = b->fn_service[callee];
	if (from == MODEL_NONE || to == MODEL_NONE || from == to)
		return;
	b->services[from].calls_out++;
	b->services[to].calls_in++;
	add_unique(&b->services[to].api, callee);
	struct call_cut cut = { call, callee, from, to, carries(b, b->m->functions.v[callee].type) };
	VEC_PUSH(b->call_cuts, cut);
}

static void find_crossings(struct boundaries *b)
{
	const struct model *m = b->m;
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		if (!c->indirect) {
			cross_call(b, (uint32_t)i, c->callee);
			continue;
		}
		const struct call_targets *t = &b->a->calls[i];
		for (uint32_t k = 0; t->how == RESOLVED_TABLE && k < t->ntargets; k++)
			cross_call(b, (uint32_t)i, t->targets[k]);
	}
}

/* ---- recommendations ------------------------------------------------------ */

/* How far cross-service calls go from a service: the largest number of
 * service hops on a shortest path (breadth-first over the service graph). */
static uint32_t chain_depth(const struct boundaries *b, uint32_t s, uint32_t *far)
{
	size_t k = b->nservices;
	bool *adj = xcalloc(k * k + 1, sizeof(bool));
	for (size_t i = 0; i < b->call_cuts.n; i++)
		adj[b->call_cuts.v[i].from * k + b->call_cuts.v[i].to] = true;
	uint32_t *dist = xcalloc(k + 1, sizeof(uint32_t)), *queue = xcalloc(k + 1, sizeof(uint32_t));
	for (size_t i = 0; i < k; i++)
		dist[i] = MODEL_NONE;
	size_t head = 0, tail = 0;
	dist[s] = 0;
	queue[tail++] = s;
	uint32_t depth = 0;
	*far = s;
	while (head < tail) {
		uint32_t u = queue[head++];
		for (uint32_t v = 0; v < k; v++)
			if (adj[u * k + v] && dist[v] == MODEL_NONE) {
				dist[v] = dist[u] + 1;
				queue[tail++] = v;
				if (dist[v] > depth) {
					depth = dist[v];
					*far = v;
				}
			}
	}
	free(adj);
	free(dist);
	free(queue);
	return depth;
}

static void recommend(struct boundaries *b, uint32_t s)
{
	struct service *sv = &b->services[s];
	const struct model *m = b->m;
	uint32_t shared = 0, state = 0;
	const char *shared_name = NULL;
	for (size_t i = 0; i < sv->owned.n; i++) {
		uint32_t g = sv->owned.v[i];
		if (b->a->config[g])
			continue;
		state++;
		for (size_t c = 0; c < b->state_cuts.n; c++)
			if (m->accesses.v[b->state_cuts.v[c].access].global == g) {
				shared++;
				shared_name = m->globals.v[g].name;
				break;
			}
	}
	bool long_running = sv->classes[CLASS_LONG_RUNNING] > 0;
	bool stateful = sv->classes[CLASS_STATEFUL] > 0 || state > 0;
	if (shared)
		sv->recommendation = RECOMMEND_STATEFUL_CORE;
	else if (long_running || stateful || sv->classes[CLASS_UNKNOWN])
		sv->recommendation = RECOMMEND_MICROSERVICE;
	else
		sv->recommendation = RECOMMEND_SERVERLESS;

	uint32_t targets = 0;
	for (size_t t = 0; t < b->nservices; t++) {
		bool calls = false;
		for (size_t c = 0; c < b->call_cuts.n && !calls; c++)
			calls = b->call_cuts.v[c].from == s && b->call_cuts.v[c].to == t;
		targets += calls;
	}
	VEC_PUSH(sv->reasons, bstrf(b, "build and deploy: %zu files, %zu functions; calls %u other services "
				       "(%u call sites), called %u times, its API has %zu functions",
				       sv->files.n, sv->functions.n, targets, sv->calls_out, sv->calls_in, sv->api.n));
	uint32_t far, depth = chain_depth(b, s, &far);
	VEC_PUSH(sv->reasons, depth ? bstrf(b, "observability: cross-service call chains from here reach %u "
					     "services deep (to %s): trace across them", depth,
					     b->services[far].name)
				  : bstrf(b, "observability: no calls into other services"));
	VEC_PUSH(sv->reasons,
		 bstrf(b, "scaling and cost: %u pure, %u stateless, %u config, %u unknown, %u stateful, %u long-running "
			  "functions; owns %u pieces of mutable state%s%s%s", sv->classes[CLASS_PURE],
		       sv->classes[CLASS_STATELESS], sv->classes[CLASS_CONFIG], sv->classes[CLASS_UNKNOWN],
		       sv->classes[CLASS_STATEFUL], sv->classes[CLASS_LONG_RUNNING], state,
		       shared ? ", used by other services too (" : "", shared ? shared_name : "", shared ? ", ...)" : ""));
	uint32_t n;
	const char *dir = dominant_dir(b, sv, &n);
	VEC_PUSH(sv->reasons, bstrf(b, "ownership: folder %s holds %u of its %zu files", dir, n, sv->files.n));
}

/* ---- metrics and the run -------------------------------------------------- */

/* The directory layout as a decomposition: one part per folder. */
static uint32_t directory_parts(const struct model *m, uint32_t *file_dir)
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

static void compute_metrics(struct boundaries *b, const struct coupling *c, const uint32_t *part)
{
	const struct model *m = b->m;
	partition_metrics_compute(&b->proposal, m, b->a, b->fn_service, (uint32_t)b->nservices, part, c->nunits);
	uint32_t *file_dir = xcalloc(m->files.n + 1, sizeof(uint32_t));
	uint32_t ndirs = directory_parts(m, file_dir);
	uint32_t *fn_dir = xcalloc(m->functions.n + 1, sizeof(uint32_t));
	uint32_t *unit_dir = xcalloc(c->nunits + 1, sizeof(uint32_t));
	for (size_t f = 0; f < m->functions.n; f++) {
		fn_dir[f] = c->unit_of_fn[f] == MODEL_NONE ? MODEL_NONE : file_dir[m->functions.v[f].file];
		if (c->unit_of_fn[f] != MODEL_NONE)
			unit_dir[c->unit_of_fn[f]] = fn_dir[f];
	}
	partition_metrics_compute(&b->baseline, m, b->a, fn_dir, ndirs,
				  b->o.granularity == GRANULARITY_FILE ? file_dir : unit_dir, c->nunits);
	free(file_dir);
	free(fn_dir);
	free(unit_dir);
}

static void build_services(struct boundaries *b, const uint32_t *part, uint32_t k, const char **pinned,
			   const struct coupling *c)
{
	const struct model *m = b->m;
	b->nservices = k;
	b->services = arena_alloc(&b->arena, ((size_t)k + 1) * sizeof(*b->services));
	assign_files(b, c, part, k);
	for (size_t i = 0; i < m->files.n; i++)
		if (b->file_service[i] != MODEL_NONE)
			VEC_PUSH(b->services[b->file_service[i]].files, (uint32_t)i);
	for (size_t f = 0; f < m->functions.n; f++)
		if (b->fn_service[f] != MODEL_NONE) {
			VEC_PUSH(b->services[b->fn_service[f]].functions, (uint32_t)f);
			b->services[b->fn_service[f]].classes[b->a->fns[f].cls]++;
		}
	name_services(b, pinned);
	find_owners(b);
	find_crossings(b);
	for (uint32_t s = 0; s < k; s++)
		recommend(b, s);
}

void boundaries_run(struct boundaries *b, const struct model *m, const struct analysis *a,
		    const struct boundary_options *o)
{
	memset(b, 0, sizeof(*b));
	arena_init(&b->arena);
	b->m = m;
	b->a = a;
	b->o = *o;
	b->file_service = arena_alloc(&b->arena, (m->files.n + 1) * sizeof(uint32_t));
	b->fn_service = arena_alloc(&b->arena, (m->functions.n + 1) * sizeof(uint32_t));
	b->owner = arena_alloc(&b->arena, (m->globals.n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < m->files.n; i++)
		b->file_service[i] = MODEL_NONE;
	struct coupling c = { 0 };
	build_coupling(&c, b);
	const char **pin = xcalloc(c.nunits + 1, sizeof(char *));
	for (size_t u = 0; u < c.nunits; u++)
		pin[u] = pin_of_unit(b, &c, u);
	uint32_t nshared;
	bool *shared = find_shared(b, &nshared);
	for (size_t u = 0; u < c.nunits; u++)
		if (pin[u] && shared[u]) { /* a pin wins over the platform */
			shared[u] = false;
			nshared--;
		}
	if (nshared) { /* shared files sit out the clustering */
		size_t out = 0;
		for (size_t i = 0; i < c.edges.n; i++)
			if (!shared[c.edges.v[i].u] && !shared[c.edges.v[i].v])
				c.edges.v[out++] = c.edges.v[i];
		c.edges.n = out;
	}
	struct leiden_input in;
	leiden_init(&in, &c);
	uint32_t *start = o->npins ? seed_pins(pin, c.nunits) : NULL;
	uint32_t *part = xcalloc(c.nunits + 1, sizeof(uint32_t));
	uint32_t k;
	b->resolution = 1.0;
	if (o->services)
		k = leiden_for_count(&in, o->services - (nshared > 0 && o->services > 1), start, shared, part,
				     &b->resolution);
	else
		k = leiden(&in, 1.0, start, part);
	const char **pinned = o->npins ? enforce_pins(b, pin, c.nunits, part, &k) : NULL;
	if (nshared)
		k = gather_shared(shared, c.nunits, part, k, &pinned);
	build_services(b, part, k, pinned, &c);
	compute_metrics(b, &c, part);
	free(pinned);
	free(shared);
	free(start);
	free(pin);
	free(part);
	leiden_release(&in);
	free(c.unit_of_fn);
	VEC_FREE(c.edges);
}

void boundaries_release(struct boundaries *b)
{
	for (size_t s = 0; s < b->nservices; s++) {
		struct service *sv = &b->services[s];
		VEC_FREE(sv->files);
		VEC_FREE(sv->functions);
		VEC_FREE(sv->owned);
		VEC_FREE(sv->api);
		VEC_FREE(sv->reasons);
	}
	VEC_FREE(b->state_cuts);
	VEC_FREE(b->call_cuts);
	arena_release(&b->arena);
}
