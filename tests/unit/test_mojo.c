/* test_mojo.c — unit tests for analyzer/analyses/mojo.h
 *
 * Partitions are written one letter per object: "AABC" puts objects 0 and 1
 * in one cluster, 2 and 3 in clusters of their own. Objects are numbered
 * 1..n in the comments ("A1 = {1 2}" is "AA..."), clusters of A are A1, A2,
 * ... and of B are B1, B2, ... in the order their letters first occur.
 *
 * The worked examples below are built for these tests, each computed by
 * hand with the formulas in mojo.c:
 *   mno(A, B) = (n - Σ_i max_k |A_i ∩ B_k|) + (l - g)  and
 *   MoJoFM(A, B) = (1 - mno(A, B) / (n - g_B)) × 100.
 * The worked examples of the MoJo papers themselves (Tzerpos & Holt 1999,
 * Wen & Tzerpos 2003 and 2004) could not be obtained here: no copy of their
 * text was found (docs/compare.md, "Tests and sources", says where we
 * looked). What could be checked against the authors' side is the example in
 * York University's reference implementation (test_york_max_example) and its
 * claim about the direction of the MoJoFM maximum (test_exhaustive).
 * test_exhaustive checks the implementation against a breadth-first search
 * over every Move and Join for every pair of partitions of up to 6 objects. */
#include "unit.h"
#include "mojo.h"

/* Cluster numbers from letters, densely in order of first occurrence. */
static void labels_of(const char *p, uint32_t *out)
{
	uint32_t map[128];
	memset(map, 0xff, sizeof(map));
	uint32_t next = 0;
	for (size_t i = 0; p[i]; i++) {
		unsigned char c = (unsigned char)p[i];
		if (map[c] == UINT32_MAX)
			map[c] = next++;
		out[i] = map[c];
	}
}

static size_t mno(const char *a, const char *b)
{
	size_t n = strlen(a);
	assert_int_equal(strlen(b), n);
	uint32_t la[64], lb[64];
	assert_true(n <= 64);
	labels_of(a, la);
	labels_of(b, lb);
	return mojo_mno(n, la, lb);
}

static size_t max_to(const char *b)
{
	uint32_t lb[64];
	labels_of(b, lb);
	return mojo_max_mno(strlen(b), lb);
}

static double fm(const char *a, const char *b)
{
	return mojo_fm(mno(a, b), max_to(b));
}

static void test_identical(void **state)
{
	(void)state;
	assert_int_equal(mno("AABBBC", "AABBBC"), 0);
	assert_int_equal(mno("AABBBC", "XXYYYZ"), 0); /* names do not matter */
	assert_int_equal(mno("ABCDEF", "ABCDEF"), 0);
	assert_int_equal(mno("AAAAAA", "AAAAAA"), 0);
	assert_int_equal(mno("A", "A"), 0);
	assert_int_equal(mojo_mno(0, NULL, NULL), 0);
	assert_float_equal(fm("AABBBC", "AABBBC"), 100.0, 1e-9);
	assert_float_equal(fm("AAAAAA", "AAAAAA"), 100.0, 1e-9);
	assert_float_equal(fm("A", "A"), 100.0, 1e-9); /* max is 0: one partition only */
}

/* All singletons against one cluster, n = 5.
 * singletons -> one: every A_i = {i} keeps its only object (Σ max = 5, M = 0);
 *   every edge goes to B1, so g = 1 and J = l - g = 5 - 1 = 4: four Joins.
 * one -> singletons: A1 keeps one object (max = 1, M = 5 - 1 = 4), J = 1 - 1
 *   = 0: four Moves.
 * Largest mno to one cluster (sizes [5]: g_B = 1) = 5 - 1 = 4, and to five
 * singletons (sizes [1 1 1 1 1]: g_B = 1) = 4, so MoJoFM is 0 both ways: each
 * is as far as anything can be from the other. */
static void test_singletons_and_one_cluster(void **state)
{
	(void)state;
	assert_int_equal(mno("ABCDE", "AAAAA"), 4);
	assert_int_equal(mno("AAAAA", "ABCDE"), 4);
	assert_int_equal(max_to("AAAAA"), 4);
	assert_int_equal(max_to("ABCDE"), 4);
	assert_float_equal(fm("ABCDE", "AAAAA"), 0.0, 1e-9);
	assert_float_equal(fm("AAAAA", "ABCDE"), 0.0, 1e-9);
}

/* Asymmetry. A = {1 2 3} {4 5 6}, B = {1 2 3 4 5 6}.
 * A -> B: both A clusters keep 3 (M = 0), both have their only edge to B1:
 *   g = 1, J = 2 - 1 = 1. One Join.
 * B -> A: B1's groups are {1 2 3} and {4 5 6}; it keeps 3, M = 6 - 3 = 3;
 *   J = 1 - 1 = 0. Three Moves (no Split operation exists).
 * max to B (sizes [6]) = 6 - 1 = 5: MoJoFM(A, B) = (1 - 1/5) × 100 = 80.
 * max to A (sizes [3 3]: g_B = 2) = 6 - 2 = 4: MoJoFM(B, A) = (1 - 3/4) × 100
 * = 25. */
static void test_asymmetry(void **state)
{
	(void)state;
	assert_int_equal(mno("AAABBB", "AAAAAA"), 1);
	assert_int_equal(mno("AAAAAA", "AAABBB"), 3);
	assert_float_equal(fm("AAABBB", "AAAAAA"), 80.0, 1e-9);
	assert_float_equal(fm("AAAAAA", "AAABBB"), 25.0, 1e-9);
}

/* Ties: the greedy "tag A_i with its largest group" is not optimal when it
 * breaks a tie the wrong way; the matching is needed.
 * (a) A = {1 2} {3}, B = {1 3} {2}. A1's groups: {1} in B1, {2} in B2 (a
 *   tie); A2: {3} in B1. Σ max = 1 + 1 = 2, M = 3 - 2 = 1. Edges A1-B1, A1-B2,
 *   A2-B1; maximum matching A1-B2, A2-B1, g = 2, J = 2 - 2 = 0: mno = 1
 *   (move 1 to A2). Tagging A1 with B1 (the first, or lowest, tie) gives
 *   1 Move + 1 Join = 2.
 * (b) the mirror, A = {1 2} {3}, B = {1} {2 3}: edges A1-B1, A1-B2, A2-B2;
 *   mno = 1 again (move 2 to A2), and tagging A1 with its last tie, B2,
 *   gives 2. No fixed tie-break passes both. */
static void test_ties_need_the_matching(void **state)
{
	(void)state;
	assert_int_equal(mno("AAB", "ABA"), 1);
	assert_int_equal(mno("AAB", "ABB"), 1);
}

/* An augmenting path of length 3. A = {1 2} {3 4} {5}, B = {1 5} {2 3} {4}.
 * Groups: A1: {1} B1, {2} B2 (tie); A2: {3} B2, {4} B3 (tie); A3: {5} B1.
 * Σ max = 3, M = 5 - 3 = 2. Edges A1-B1, A1-B2, A2-B2, A2-B3, A3-B1. First
 * fit takes A1-B1, A2-B2, then A3 (only B1) must re-route A1 to B2 and A2 to
 * B3: g = 3, J = 0, mno = 2 (move 1 to A3, move 3 to A1). Tagging every A_i
 * with its lowest tie gives A1, A3 -> B1, A2 -> B2: 2 Moves + 1 Join = 3. */
static void test_augmenting_path(void **state)
{
	(void)state;
	assert_int_equal(mno("AABBC", "ABBCA"), 2);
}

/* A worked example, n = 10.
 *   A = A1 {1 2 3 4}  A2 {5 6 7}  A3 {8 9 10}
 *   B = B1 {1 2 5}    B2 {3 4 6 7 8}  B3 {9 10}
 * Tags (B cluster of each object): A1: 1 1 2 2; A2: 1 2 2; A3: 2 3 3.
 * Groups: A1: G11 = {1 2}, G12 = {3 4} (tie, 2); A2: G21 = {5}, G22 = {6 7}
 * (max 2); A3: G32 = {8}, G33 = {9 10} (max 2).
 * M = n - Σ max = 10 - (2 + 2 + 2) = 4.
 * Edges: A1-B1, A1-B2, A2-B2, A3-B3; maximum matching A1-B1, A2-B2, A3-B3:
 * g = 3, J = l - g = 3 - 3 = 0.  mno(A, B) = 4 + 0 = 4
 * (move 3 and 4 to A2, 5 to A1, 8 to A2).
 * max(mno(∀A', B)): B's sizes ascending 2, 3, 5: g_B goes 0 -> 1 (0 < 2),
 * -> 2 (1 < 3), -> 3 (2 < 5); max = 10 - 3 = 7.
 * MoJoFM(A, B) = (1 - 4/7) × 100 = 42.857...
 * mno(B, A): B1 {1 2 5} tags A1 A1 A2 -> max 2 (A1); B2 {3 4 6 7 8} tags A1
 * A1 A2 A2 A3 -> max 2, tie A1/A2; B3 {9 10} -> A3, 2. M = 10 - 6 = 4; edges
 * B1-A1, B2-A1, B2-A2, B3-A3, g = 3, J = 0: 4. */
static void test_worked_example(void **state)
{
	(void)state;
	const char *a = "AAAABBBCCC", *b = "XXYYXYYYZZ";
	assert_int_equal(mno(a, b), 4);
	assert_int_equal(max_to(b), 7);
	assert_float_equal(fm(a, b), (1.0 - 4.0 / 7.0) * 100.0, 1e-9);
	assert_int_equal(mno(b, a), 4);
}

/* Two files moved out of a reference of sizes 4, 3, 2 (n = 9):
 *   B = {1 2 3 4} {5 6 7} {8 9};  A = {1 2 3} {4 5 6} {7 8 9}
 * A1 keeps {1 2 3} (B1), A2 keeps {5 6} (B2), A3 keeps {8 9} (B3): M = 9 - 7
 * = 2, g = 3, J = 0, mno = 2. max: sizes 2 3 4 -> g_B = 3, 9 - 3 = 6.
 * MoJoFM = (1 - 2/6) × 100 = 66.67. */
static void test_two_files_moved(void **state)
{
	(void)state;
	assert_int_equal(mno("AAABBBCCC", "AAAABBBCC"), 2);
	assert_int_equal(max_to("AAAABBBCC"), 6);
	assert_float_equal(fm("AAABBBCCC", "AAAABBBCC"), 200.0 / 3.0, 1e-9);
}

/* max(mno(∀A', B)) on shapes where it is not n - (clusters of B):
 * B = {1 2 3} {4} {5}: sizes 1 1 3 -> g_B: 0 -> 1, stays 1, -> 2; max = 3,
 * reached by A' = {1 4 5} {2} {3}: Σ max = 3, M = 2, edges A1'-B1, A1'-B2,
 * A1'-B3, A2'-B1, A3'-B1, g = 2, J = 1: 3 (all singletons give only 2). */
static void test_max_distance(void **state)
{
	(void)state;
	assert_int_equal(max_to("AAABC"), 3);
	assert_int_equal(mno("ABCAA", "AAABC"), 3);
	assert_int_equal(mno("ABCDE", "AAABC"), 2);
	assert_int_equal(max_to("AAAAAB"), 4);   /* sizes 1 5: g_B = 2 */
	assert_int_equal(max_to("AABBCC"), 4);   /* sizes 2 2 2: g_B = 2 */
	assert_int_equal(max_to("AAABBBCCC"), 6); /* sizes 3 3 3: g_B = 3 */
	assert_int_equal(max_to("A"), 0);
	assert_float_equal(mojo_fm(3, 0), 100.0, 1e-9);
}

/* The example of the reference implementation. York University's MoJo 2.0
 * (MoJoCalculator.java, whose MoJo algorithm is Zhihua Wen's; the copy read
 * is papachristoumarios/sade, sade/mojo/MoJoCalculator.java, maxDistanceTo())
 * computes MoJoFM's denominator as n - g and, in a comment, works g out for
 * a B whose cluster sizes, sorted ascending, are
 *   B_i: 1 2 3 4 5 6 7 8 10 10 10 15      (n = 81)
 *   g:   1 2 3 4 5 6 7 8  9 10 10 11
 * so max(mno(∀A', B)) = 81 - 11 = 70. Each prefix of the list is a partition
 * of its own whose g_B is the g below its last size, so every step of the
 * staircase is checked: the 11th size (10) is the one that does not raise g.
 * Built again with the clusters in another order (largest first), the result
 * must not change: the sizes are sorted inside mojo_max_mno(). */
static void test_york_max_example(void **state)
{
	(void)state;
	static const uint32_t size[] = { 1, 2, 3, 4, 5, 6, 7, 8, 10, 10, 10, 15 };
	static const size_t g[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 11 };
	enum { K = sizeof(size) / sizeof(size[0]), N = 81 };
	uint32_t b[N], reversed[N];
	size_t n = 0;
	for (uint32_t k = 0; k < K; k++) {
		for (uint32_t i = 0; i < size[k]; i++)
			b[n++] = k;
		assert_int_equal(mojo_max_mno(n, b), n - g[k]);
	}
	assert_int_equal(n, N);
	assert_int_equal(mojo_max_mno(N, b), 70);
	n = 0;
	for (uint32_t k = K; k-- > 0;)
		for (uint32_t i = 0; i < size[k]; i++)
			reversed[n++] = (uint32_t)(K - 1 - k);
	assert_int_equal(mojo_max_mno(N, reversed), 70);
	/* All singletons are not the farthest A': 81 - 12 = 69 Joins, MoJoFM 1/70. */
	uint32_t single[N];
	for (uint32_t i = 0; i < N; i++)
		single[i] = i;
	assert_int_equal(mojo_mno(N, single, b), 69);
	assert_float_equal(mojo_fm(69, 70), 100.0 / 70.0, 1e-9);
}

/* ---- exhaustive check against a search over Move and Join ------------------- */

enum { MAXN = 6 };

struct space {
	size_t n, count;
	unsigned char (*parts)[MAXN]; /* restricted growth strings */
	int *index;                   /* base-n code -> partition, -1 if not canonical */
};

static size_t code_of(const unsigned char *p, size_t n)
{
	size_t c = 0;
	for (size_t i = n; i-- > 0;)
		c = c * n + p[i];
	return c;
}

/* Relabels clusters by first occurrence. */
static void canonical(unsigned char *p, size_t n)
{
	unsigned char map[MAXN + 1];
	memset(map, 0xff, sizeof(map));
	unsigned char next = 0;
	for (size_t i = 0; i < n; i++) {
		if (map[p[i]] == 0xff)
			map[p[i]] = next++;
		p[i] = map[p[i]];
	}
}

static size_t clusters_in(const unsigned char *p, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k = p[i] + 1u > k ? p[i] + 1u : k;
	return k;
}

static void space_build(struct space *s, size_t n)
{
	size_t codes = 1;
	for (size_t i = 0; i < n; i++)
		codes *= n;
	s->n = n;
	s->count = 0;
	s->index = xmalloc(codes * sizeof(int));
	for (size_t i = 0; i < codes; i++)
		s->index[i] = -1;
	s->parts = xmalloc(1000 * sizeof(*s->parts)); /* Bell(6) = 203 */
	unsigned char p[MAXN] = { 0 };
	for (;;) {
		s->index[code_of(p, n)] = (int)s->count;
		memcpy(s->parts[s->count++], p, MAXN);
		size_t i = n; /* next restricted growth string: bump the last position that can grow */
		while (i-- > 1) {
			unsigned char mx = 0;
			for (size_t j = 0; j < i; j++)
				mx = p[j] > mx ? p[j] : mx;
			if (p[i] <= mx) {
				p[i]++;
				memset(p + i + 1, 0, n - i - 1);
				break;
			}
		}
		if (i == 0)
			break;
	}
}

static void space_release(struct space *s)
{
	free(s->parts);
	free(s->index);
}

static void visit(const struct space *s, unsigned char *q, int *dist, int *queue, size_t *tail, int d)
{
	canonical(q, s->n);
	int v = s->index[code_of(q, s->n)];
	assert_true(v >= 0);
	if (dist[v] < 0) {
		dist[v] = d;
		queue[(*tail)++] = v;
	}
}

/* dist[v] = fewest Moves and Joins from partition `from` to v. */
static void search(const struct space *s, int from, int *dist)
{
	size_t n = s->n, head = 0, tail = 0;
	int *queue = xmalloc(s->count * sizeof(int));
	for (size_t i = 0; i < s->count; i++)
		dist[i] = -1;
	dist[from] = 0;
	queue[tail++] = from;
	while (head < tail) {
		int u = queue[head++];
		const unsigned char *p = s->parts[u];
		size_t k = clusters_in(p, n);
		unsigned char q[MAXN];
		for (unsigned char c1 = 0; c1 < k; c1++) /* Join c1 and c2 */
			for (unsigned char c2 = c1 + 1; c2 < k; c2++) {
				for (size_t i = 0; i < n; i++)
					q[i] = p[i] == c2 ? c1 : p[i];
				visit(s, q, dist, queue, &tail, dist[u] + 1);
			}
		for (size_t x = 0; x < n; x++) /* Move x to cluster c, or to a new one (c = k) */
			for (unsigned char c = 0; c <= k; c++) {
				if (c == p[x])
					continue;
				memcpy(q, p, MAXN);
				q[x] = c;
				visit(s, q, dist, queue, &tail, dist[u] + 1);
			}
	}
	free(queue);
}

/* For every pair of partitions A, B of n <= 6 objects: mojo_mno(A, B) is
 * the breadth-first distance, and mojo_max_mno(B) is the largest distance
 * from any A' to B. Also checked: the reference implementation's comment on
 * maxDistanceTo() (MoJoCalculator.java, see test_york_max_example) says the
 * number it returns, max(mno(∀A', B)), is also max(mno(B, ∀A')), the
 * farthest B can be taken from itself; so the n - g of a partition bounds
 * both directions. farthest_from = the largest distance from A to any B'. */
static void test_exhaustive(void **state)
{
	(void)state;
	for (size_t n = 1; n <= MAXN; n++) {
		struct space s;
		space_build(&s, n);
		int *dist = xmalloc(s.count * sizeof(int));
		size_t *worst = xcalloc(s.count, sizeof(size_t));
		for (size_t ai = 0; ai < s.count; ai++) {
			search(&s, (int)ai, dist);
			uint32_t a[MAXN], b[MAXN];
			for (size_t i = 0; i < n; i++)
				a[i] = s.parts[ai][i];
			size_t farthest_from = 0;
			for (size_t bi = 0; bi < s.count; bi++) {
				for (size_t i = 0; i < n; i++)
					b[i] = s.parts[bi][i];
				assert_true(dist[bi] >= 0);
				assert_int_equal(mojo_mno(n, a, b), (size_t)dist[bi]);
				worst[bi] = (size_t)dist[bi] > worst[bi] ? (size_t)dist[bi] : worst[bi];
				farthest_from = (size_t)dist[bi] > farthest_from ? (size_t)dist[bi] : farthest_from;
			}
			assert_int_equal(mojo_max_mno(n, a), farthest_from);
		}
		for (size_t bi = 0; bi < s.count; bi++) {
			uint32_t b[MAXN];
			for (size_t i = 0; i < n; i++)
				b[i] = s.parts[bi][i];
			assert_int_equal(mojo_max_mno(n, b), worst[bi]);
		}
		static const size_t bell[] = { 1, 1, 2, 5, 15, 52, 203 };
		assert_int_equal(s.count, bell[n]);
		free(worst);
		free(dist);
		space_release(&s);
	}
}

/* ---- decompositions: names, common entities -------------------------------- */

static void add_all(struct decomposition *d, const char *const *pairs)
{
	for (; *pairs; pairs += 2)
		assert_int_equal(decomposition_add(d, pairs[0], pairs[1]), 0);
}

static void test_compare_decompositions(void **state)
{
	(void)state;
	struct decomposition a, b;
	decomposition_init(&a);
	decomposition_init(&b);
	/* the asymmetry case by name, plus x.c only in A and y.c, z.c only in B */
	static const char *const pa[] = { "1.c", "left", "2.c", "left", "3.c", "left", "x.c", "extra",
					  "4.c", "right", "5.c", "right", "6.c", "right", NULL };
	static const char *const pb[] = { "6.c", "all", "5.c", "all", "y.c", "gone", "4.c", "all", "3.c", "all",
					  "2.c", "all", "1.c", "all", "z.c", "all", NULL };
	add_all(&a, pa);
	add_all(&b, pb);
	struct mojo_result r;
	mojo_compare(&a, &b, &r);
	assert_int_equal(r.n, 6);
	assert_int_equal(r.dropped_a, 1);
	assert_int_equal(r.dropped_b, 2);
	assert_int_equal(r.clusters_a, 2); /* "extra" had only x.c */
	assert_int_equal(r.clusters_b, 1); /* "gone" had only y.c */
	assert_int_equal(r.mojo_a_to_b, 1);
	assert_int_equal(r.mojo_b_to_a, 3);
	assert_int_equal(r.max_to_b, 5);
	assert_float_equal(r.mojofm, 80.0, 1e-9);
	assert_int_equal(mojo_distance(&a, &b), 1);
	assert_int_equal(mojo_distance(&b, &a), 3);
	assert_float_equal(mojofm(&a, &b), 80.0, 1e-9);
	assert_float_equal(mojofm(&b, &a), 25.0, 1e-9);
	assert_int_equal(mojo_distance(&a, &a), 0);
	assert_float_equal(mojofm(&b, &b), 100.0, 1e-9);
	decomposition_release(&a);
	decomposition_release(&b);
}

static void test_compare_nothing_in_common(void **state)
{
	(void)state;
	struct decomposition a, b;
	decomposition_init(&a);
	decomposition_init(&b);
	assert_int_equal(decomposition_add(&a, "a.c", "s"), 0);
	assert_int_equal(decomposition_add(&b, "b.c", "s"), 0);
	struct mojo_result r;
	mojo_compare(&a, &b, &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.dropped_a, 1);
	assert_int_equal(r.dropped_b, 1);
	assert_int_equal(r.mojo_a_to_b, 0);
	decomposition_release(&a);
	decomposition_release(&b);
	decomposition_init(&a); /* both empty */
	mojo_compare(&a, &a, &r);
	assert_int_equal(r.n, 0);
	assert_float_equal(r.mojofm, 100.0, 1e-9);
	decomposition_release(&a);
}

/* Larger: 300 singletons against 30 clusters of 10 and back. */
static void test_larger(void **state)
{
	(void)state;
	enum { N = 300 };
	uint32_t single[N], tens[N];
	for (uint32_t i = 0; i < N; i++) {
		single[i] = i;
		tens[i] = i / 10;
	}
	assert_int_equal(mojo_mno(N, single, tens), N - 30);        /* 270 Joins */
	assert_int_equal(mojo_mno(N, tens, single), N - 30);        /* 9 Moves per cluster */
	assert_int_equal(mojo_max_mno(N, tens), N - 10);           /* sizes 10 x 30: g_B = 10 */
	assert_int_equal(mojo_max_mno(N, single), N - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_singletons_and_one_cluster),
		cmocka_unit_test(test_asymmetry),
		cmocka_unit_test(test_ties_need_the_matching),
		cmocka_unit_test(test_augmenting_path),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_two_files_moved),
		cmocka_unit_test(test_max_distance),
		cmocka_unit_test(test_york_max_example),
		cmocka_unit_test(test_exhaustive),
		cmocka_unit_test(test_compare_decompositions),
		cmocka_unit_test(test_compare_nothing_in_common),
		cmocka_unit_test(test_larger),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
