/* mojo.c — MoJo distance and MoJoFM between two partitions of the same objects
 *
 * Operations (Tzerpos & Holt, "MoJo: a distance metric for software
 * clusterings", WCRE 1999): Move one object to another cluster, existing or
 * new; Join two clusters into one. mno(A, B) is the fewest operations that
 * turn A into B. It is not symmetric; the 1999 paper's MoJo(A, B) is
 * min(mno(A, B), mno(B, A)).
 *
 * mno(A, B), exactly (Wen & Tzerpos, "An optimal algorithm for MoJo
 * distance", IWPC 2003): tag every object of A with the B cluster holding it;
 * the objects of A_i with tag k form the group G_ik = A_i ∩ B_k. A_i keeps
 * one of its largest groups and every other object of A_i is moved out; the
 * A clusters that keep groups of the same B_k are then joined. With
 *   n  objects, l clusters in A,
 *   g  the size of a maximum matching in the bipartite graph that has an
 *      edge A_i — B_k whenever |G_ik| = max_j |G_ij|,
 * the formula implemented is
 *   mno(A, B) = M + J,  M = n - Σ_i max_k |A_i ∩ B_k|,  J = l - g.
 * (Keeping a smaller group costs at least one more move and saves at most
 * one join, so only largest groups need an edge; ties are where a greedy
 * choice of tag goes wrong and the matching is needed.)
 *
 * MoJoFM (Wen & Tzerpos, "An effectiveness measure for software clustering
 * algorithms", IWPC 2004):
 *   MoJoFM(A, B) = (1 - mno(A, B) / max(mno(∀A', B))) × 100%
 * where max(mno(∀A', B)) is the largest mno from any partition A' of the same
 * n objects to B:
 *   max(mno(∀A', B)) = n - g_B,
 * with g_B computed from the sizes of B's clusters alone: visit the sizes in
 * ascending order, and add 1 to g_B (from 0) whenever g_B is below the size
 * visited. (Equivalently g_B = min over t of (t + the (t+1)-th largest
 * size), the smallest matching any A' can force: the worst A' puts at most
 * one object of each B cluster in every A' cluster, so every max group is 1
 * and mno(A', B) = n - g, and by König's theorem the smallest such g is a
 * minimum vertex cover: the t largest B clusters plus as many A' clusters as
 * the (t+1)-th largest has objects.)
 * tests/unit/test_mojo.c checks both formulas against an exhaustive search
 * over every pair of partitions of up to 6 objects. */
#include "mojo.h"
#include "xalloc.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

/* The bipartite graph of largest groups: A cluster i (numbered densely in
 * the order of their numbers) has edges to B clusters adj[start[i] ..
 * start[i + 1]). */
struct max_groups {
	size_t la;           /* clusters in A */
	size_t sum_max;      /* Σ_i max_k |G_ik| */
	uint32_t *start;     /* la + 1 offsets */
	uint32_t *adj;       /* B cluster numbers */
};

/* keys: the n pairs (a << 32 | b), sorted; so the groups G_ik are runs of
 * equal keys and the clusters A_i runs of equal high halves. */
static void max_groups_build(struct max_groups *g, const uint64_t *keys, size_t n)
{
	g->la = g->sum_max = 0;
	g->start = xmalloc((n + 1) * sizeof(*g->start));
	g->adj = xmalloc(n * sizeof(*g->adj));
	size_t nadj = 0;
	for (size_t i = 0; i < n;) {
		size_t end = i, largest = 0;
		while (end < n && keys[end] >> 32 == keys[i] >> 32)
			end++;
		for (size_t r = i, run; r < end; r += run) {
			for (run = 1; r + run < end && keys[r + run] == keys[r]; run++)
				;
			largest = run > largest ? run : largest;
		}
		g->start[g->la++] = (uint32_t)nadj;
		for (size_t r = i, run; r < end; r += run) {
			for (run = 1; r + run < end && keys[r + run] == keys[r]; run++)
				;
			if (run == largest)
				g->adj[nadj++] = (uint32_t)keys[r];
		}
		g->sum_max += largest;
		i = end;
	}
	g->start[g->la] = (uint32_t)nadj;
}

static void max_groups_release(struct max_groups *g)
{
	free(g->start);
	free(g->adj);
}

/* One augmenting path from the free left vertex u, found breadth-first
 * (no recursion); applies it and returns true when there is one. */
static bool augment(const struct max_groups *g, uint32_t u, uint32_t *match_l, uint32_t *match_r,
		    uint32_t *from, uint32_t *seen, uint32_t stamp, uint32_t *queue)
{
	size_t head = 0, tail = 0;
	queue[tail++] = u;
	while (head < tail) {
		uint32_t x = queue[head++];
		for (uint32_t e = g->start[x]; e < g->start[x + 1]; e++) {
			uint32_t r = g->adj[e];
			if (seen[r] == stamp)
				continue;
			seen[r] = stamp;
			from[r] = x;
			if (match_r[r] != NONE) {
				queue[tail++] = match_r[r];
				continue;
			}
			for (;;) { /* flip the path r, from[r], match_l[from[r]], ... back to u */
				uint32_t l = from[r], next = match_l[l];
				match_l[l] = r;
				match_r[r] = l;
				if (l == u)
					return true;
				r = next;
			}
		}
	}
	return false;
}

/* Maximum matching size; right vertices are numbers below nr. */
static size_t max_matching(const struct max_groups *g, size_t nr)
{
	uint32_t *match_l = xmalloc(g->la * sizeof(uint32_t));
	uint32_t *match_r = xmalloc(nr * sizeof(uint32_t));
	uint32_t *from = xmalloc(nr * sizeof(uint32_t));
	uint32_t *seen = xmalloc(nr * sizeof(uint32_t));
	uint32_t *queue = xmalloc(g->la * sizeof(uint32_t));
	memset(match_l, 0xff, g->la * sizeof(uint32_t));
	memset(match_r, 0xff, nr * sizeof(uint32_t));
	memset(seen, 0xff, nr * sizeof(uint32_t));
	size_t size = 0;
	for (uint32_t u = 0; u < g->la; u++) /* stamp u marks the right vertices seen from u */
		size += augment(g, u, match_l, match_r, from, seen, u, queue);
	free(match_l);
	free(match_r);
	free(from);
	free(seen);
	free(queue);
	return size;
}

size_t mojo_mno(size_t n, const uint32_t *a, const uint32_t *b)
{
	if (n == 0)
		return 0;
	uint64_t *keys = xmalloc(n * sizeof(*keys));
	for (size_t i = 0; i < n; i++)
		keys[i] = (uint64_t)a[i] << 32 | b[i];
	qsort(keys, n, sizeof(*keys), cmp_u64);
	struct max_groups g;
	max_groups_build(&g, keys, n);
	free(keys);
	size_t moves = n - g.sum_max;
	size_t joins = g.la - max_matching(&g, n);
	max_groups_release(&g);
	return moves + joins;
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

size_t mojo_max_mno(size_t n, const uint32_t *b)
{
	if (n == 0)
		return 0;
	size_t *size = xcalloc(n, sizeof(*size));
	for (size_t i = 0; i < n; i++)
		size[b[i]]++;
	qsort(size, n, sizeof(*size), cmp_size); /* ascending; empty numbers first, and skipped */
	size_t g_b = 0;
	for (size_t i = 0; i < n; i++)
		if (g_b < size[i])
			g_b++;
	free(size);
	return n - g_b;
}

double mojo_fm(size_t mno, size_t max)
{
	return max == 0 ? 100.0 : (1.0 - (double)mno / (double)max) * 100.0;
}

/* Cluster name -> dense number, in the order first seen. */
static uint32_t number_of(struct hashmap *numbers, const char *cluster)
{
	uint32_t v;
	if (!hashmap_get(numbers, cluster, &v)) {
		v = (uint32_t)numbers->count;
		hashmap_put(numbers, cluster, v);
	}
	return v;
}

void mojo_compare(const struct decomposition *a, const struct decomposition *b, struct mojo_result *r)
{
	memset(r, 0, sizeof(*r));
	size_t cap = a->entries.n;
	uint32_t *la = xmalloc((cap ? cap : 1) * sizeof(uint32_t));
	uint32_t *lb = xmalloc((cap ? cap : 1) * sizeof(uint32_t));
	struct hashmap na, nb;
	hashmap_init(&na, false);
	hashmap_init(&nb, false);
	for (size_t i = 0; i < cap; i++) {
		const struct decomposition_entry *e = &a->entries.v[i];
		const char *in_b = decomposition_cluster_of(b, e->entity);
		if (!in_b) {
			r->dropped_a++;
			continue;
		}
		la[r->n] = number_of(&na, e->cluster);
		lb[r->n++] = number_of(&nb, in_b);
	}
	r->dropped_b = b->entries.n - r->n;
	r->clusters_a = na.count;
	r->clusters_b = nb.count;
	r->mojo_a_to_b = mojo_mno(r->n, la, lb);
	r->mojo_b_to_a = mojo_mno(r->n, lb, la);
	r->max_to_b = mojo_max_mno(r->n, lb);
	r->mojofm = mojo_fm(r->mojo_a_to_b, r->max_to_b);
	hashmap_release(&na);
	hashmap_release(&nb);
	free(la);
	free(lb);
}

size_t mojo_distance(const struct decomposition *a, const struct decomposition *b)
{
	struct mojo_result r;
	mojo_compare(a, b, &r);
	return r.mojo_a_to_b;
}

double mojofm(const struct decomposition *a, const struct decomposition *b)
{
	struct mojo_result r;
	mojo_compare(a, b, &r);
	return r.mojofm;
}
