/* test_metrics.c — partition metrics (docs/boundaries.md) on call graphs
 * small enough to compute by hand. */
#include "modelfx.h"
#include "boundaries.h"
#include <math.h>

#define NOPACK "{\"schema\": 1, \"functions\": {}}"

/* a, b in partition 0; c, d in partition 1. Call sites: a->b twice, c->d,
 * a->c, d->b. W = [[2, 1], [1, 1]], total 5. */
static void build_two_parts(struct mfx *x, uint32_t *part)
{
	uint32_t a = mfx_fn(x, "a", 1, 5);
	(void)mfx_fn(x, "b", 6, 8);
	uint32_t c = mfx_fn(x, "c", 9, 12), d = mfx_fn(x, "d", 13, 15);
	mfx_call(x, a, "b", 2);
	mfx_call(x, a, "b", 3);
	mfx_call(x, a, "c", 4);
	mfx_call(x, c, "d", 10);
	mfx_call(x, d, "b", 14);
	mfx_run(x, NOPACK);
	part[mfx_id(x, "a")] = part[mfx_id(x, "b")] = 0;
	part[mfx_id(x, "c")] = part[mfx_id(x, "d")] = 1;
}

static void test_hand_computed(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t part[4];
	build_two_parts(&x, part);
	struct partition_metrics pm;
	partition_metrics_compute(&pm, &x.m, &x.a, part, 2, part, 4);
	assert_int_equal(pm.services, 2);
	/* Q = sum_i W_ii/W - out_i in_i / W^2 = (2/5 - 9/25) + (1/5 - 4/25) */
	assert_true(fabs(pm.modularity - 0.08) < 1e-9);
	/* MQ = 2*2/(2*2 + 2) + 2*1/(2*1 + 2) */
	assert_true(fabs(pm.turbomq - (4.0 / 6.0 + 0.5)) < 1e-9);
	/* ICP = (1 + 1) / 5 */
	assert_true(fabs(pm.icp - 0.4) < 1e-9);
	/* IFN: c (called from a) and b (called from d): 2 interfaces / 2 parts */
	assert_true(fabs(pm.ifn - 1.0) < 1e-9);
	/* SM = (2/2^2 + 1/2^2)/2 - (1 + 1)/(2*2*2) / 1 */
	assert_true(fabs(pm.sm - 0.125) < 1e-9);
	/* NED: no part has 5..20 units */
	assert_true(fabs(pm.ned - 1.0) < 1e-9);
	mfx_release(&x);
}

static void test_one_part_and_ned(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t part[4];
	build_two_parts(&x, part);
	uint32_t one[4] = { 0, 0, 0, 0 };
	struct partition_metrics pm;
	partition_metrics_compute(&pm, &x.m, &x.a, one, 1, one, 4);
	assert_int_equal(pm.services, 1);
	assert_true(fabs(pm.icp) < 1e-9);          /* no call crosses */
	assert_true(fabs(pm.modularity) < 1e-9);   /* 5/5 - 25/25 */
	assert_true(fabs(pm.turbomq - 1.0) < 1e-9); /* 2*5 / (2*5 + 0) */
	assert_true(fabs(pm.ifn) < 1e-9);
	assert_true(fabs(pm.sm - 5.0 / 16.0) < 1e-9); /* 5 / 4^2, no pairs */
	/* NED over 7 units: a part of 6 (fair) and a part of 1 (extreme) */
	uint32_t units[7] = { 0, 0, 0, 0, 0, 0, 1 };
	partition_metrics_compute(&pm, &x.m, &x.a, part, 2, units, 7);
	assert_true(fabs(pm.ned - (1.0 - 6.0 / 7.0)) < 1e-9);
	mfx_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_computed),
		cmocka_unit_test(test_one_part_and_ned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
