/* internal.h — shared between the analyses' files, not for other modules. */
#ifndef SEAM_ANALYSES_INTERNAL_H
#define SEAM_ANALYSES_INTERNAL_H
#include "analysis.h"
#include "graph.h"

typedef VEC(uint32_t) VEC_U32;
typedef VEC(const char *) VEC_STR;

static inline void vec_u32_add_unique(VEC_U32 *v, uint32_t x)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i] == x)
			return;
	VEC_PUSH(*v, x);
}

/* Why a function has an effect of a given class: its first such statement. */
struct cause {
	bool set;
	uint8_t effect;
	uint32_t file, line;
	const char *what;
};

struct analysis_work {
	struct analysis *a;
	const struct catalog *cat;
	struct callgraph g;
	struct cause (*causes)[CLASS_COUNT]; /* per function, per class */
	uint32_t *loop_start;                /* per function: mains' start-up end line */
	uint32_t *acc_start;                 /* accesses of f: acc_start[f] .. acc_start[f+1] */
	uint32_t *call_start, *ext_start;    /* likewise for calls and external calls (sorted by caller) */
	struct hashmap unknown_index;        /* name -> index in a->unknowns */
	struct hashmap defined_names;        /* names of defined functions -> id */
};

void resolve_indirect_calls(struct analysis *a);
void find_config_globals(struct analysis_work *w);
void find_entries(struct analysis_work *w);
void rank_candidates(struct analysis_work *w);
const char *analysis_strf(struct analysis *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
