/* metrics.c — quality of a decomposition over the call graph weighted by
 * call sites: modularity Q (directed, Leicht & Newman), TurboMQ (Mitchell &
 * Mancoridis), and Mono2Micro's ICP, IFN, SM and NED. The formulas are in
 * docs/boundaries.md; each function here implements one of them. */
#include "boundaries.h"
#include <stdlib.h>
#include <string.h>

struct pm_work {
	uint32_t k;
	double *w;          /* k*k: weight of calls from partition i to j */
	double total;
	uint32_t *size;     /* functions per partition */
};

static double *cell(struct pm_work *x, uint32_t i, uint32_t j)
{
	return &x->w[(size_t)i * x->k + j];
}

/* Call edges between placed functions: direct calls, and function-pointer
 * calls resolved through a dispatch table (type matches are too loose to
 * weigh a decomposition with). */
static void add_calls(struct pm_work *x, const struct model *m, const struct analysis *a, const uint32_t *part)
{
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		uint32_t from = part[c->caller];
		if (from == MODEL_NONE)
			continue;
		if (!c->indirect) {
			if (part[c->callee] != MODEL_NONE) {
				*cell(x, from, part[c->callee]) += 1.0;
				x->total += 1.0;
			}
			continue;
		}
		const struct call_targets *t = &a->calls[i];
		for (uint32_t k = 0; t->how == RESOLVED_TABLE && k < t->ntargets; k++)
			if (part[t->targets[k]] != MODEL_NONE) {
				*cell(x, from, part[t->targets[k]]) += 1.0 / t->ntargets;
				x->total += 1.0 / t->ntargets;
			}
	}
}

static double modularity(struct pm_work *x)
{
	if (x->total <= 0)
		return 0;
	double q = 0;
	for (uint32_t i = 0; i < x->k; i++) {
		double out = 0, in = 0;
		for (uint32_t j = 0; j < x->k; j++) {
			out += *cell(x, i, j);
			in += *cell(x, j, i);
		}
		q += *cell(x, i, i) / x->total - out * in / (x->total * x->total);
	}
	return q;
}

static double turbomq(struct pm_work *x)
{
	double mq = 0;
	for (uint32_t i = 0; i < x->k; i++) {
		double mu = *cell(x, i, i), eps = 0;
		for (uint32_t j = 0; j < x->k; j++)
			if (j != i)
				eps += *cell(x, i, j) + *cell(x, j, i);
		if (mu > 0)
			mq += 2 * mu / (2 * mu + eps);
	}
	return mq;
}

static double icp(struct pm_work *x)
{
	double inter = 0;
	for (uint32_t i = 0; i < x->k; i++)
		for (uint32_t j = 0; j < x->k; j++)
			if (i != j)
				inter += *cell(x, i, j);
	return x->total > 0 ? inter / x->total : 0;
}

static double sm(struct pm_work *x, uint32_t used)
{
	if (!used)
		return 0;
	double coh = 0, cop = 0;
	for (uint32_t i = 0; i < x->k; i++)
		if (x->size[i])
			coh += *cell(x, i, i) / ((double)x->size[i] * x->size[i]);
	for (uint32_t i = 0; i < x->k; i++)
		for (uint32_t j = i + 1; j < x->k; j++)
			if (x->size[i] && x->size[j])
				cop += (*cell(x, i, j) + *cell(x, j, i)) / (2.0 * x->size[i] * x->size[j]);
	double s = coh / used;
	if (used > 1)
		s -= cop / (used * (used - 1) / 2.0);
	return s;
}

/* Functions of each partition called from another one, averaged. */
static double ifn(const struct model *m, const struct analysis *a, const uint32_t *part, uint32_t used)
{
	if (!used)
		return 0;
	bool *iface = xcalloc(m->functions.n + 1, sizeof(bool));
	size_t count = 0;
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		uint32_t one = c->callee;
		const uint32_t *targets = c->indirect ? a->calls[i].targets : &one;
		uint32_t n = c->indirect ? (a->calls[i].how == RESOLVED_TABLE ? a->calls[i].ntargets : 0) : 1;
		for (uint32_t k = 0; k < n; k++) {
			uint32_t t = targets[k];
			if (part[c->caller] != MODEL_NONE && part[t] != MODEL_NONE && part[t] != part[c->caller] &&
			    !iface[t]) {
				iface[t] = true;
				count++;
			}
		}
	}
	free(iface);
	return (double)count / used;
}

static double ned(const uint32_t *unit_part, size_t nunits, uint32_t k)
{
	if (!nunits)
		return 0;
	uint32_t *n = xcalloc((size_t)k + 1, sizeof(uint32_t));
	for (size_t u = 0; u < nunits; u++)
		if (unit_part[u] != MODEL_NONE)
			n[unit_part[u]]++;
	size_t placed = 0, fair = 0;
	for (uint32_t i = 0; i < k; i++) {
		placed += n[i];
		if (n[i] >= 5 && n[i] <= 20)
			fair += n[i];
	}
	free(n);
	return placed ? 1.0 - (double)fair / placed : 0;
}

void partition_metrics_compute(struct partition_metrics *pm, const struct model *m,
			       const struct analysis *a, const uint32_t *part, uint32_t nparts,
			       const uint32_t *unit_part, size_t nunits)
{
	struct pm_work x = { .k = nparts };
	x.w = xcalloc((size_t)nparts * nparts + 1, sizeof(double));
	x.size = xcalloc((size_t)nparts + 1, sizeof(uint32_t));
	for (size_t f = 0; f < m->functions.n; f++)
		if (part[f] != MODEL_NONE)
			x.size[part[f]]++;
	uint32_t used = 0;
	for (uint32_t i = 0; i < nparts; i++)
		used += x.size[i] > 0;
	add_calls(&x, m, a, part);
	memset(pm, 0, sizeof(*pm));
	bool *seen = xcalloc((size_t)nparts + 1, sizeof(bool));
	for (size_t u = 0; u < nunits; u++)
		if (unit_part[u] != MODEL_NONE && !seen[unit_part[u]]) {
			seen[unit_part[u]] = true;
			pm->services++;
		}
	free(seen);
	pm->modularity = modularity(&x);
	pm->turbomq = turbomq(&x);
	pm->icp = icp(&x);
	pm->ifn = ifn(m, a, part, used);
	pm->sm = sm(&x, used);
	pm->ned = ned(unit_part, nunits, nparts);
	free(x.w);
	free(x.size);
}
