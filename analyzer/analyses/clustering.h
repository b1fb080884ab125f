/* clustering.h — the coupling graph and its communities, for boundaries.c
 * only. Ownership: struct coupling owns its arrays (coupling_release);
 * cluster_units' *names is a new array the caller frees. */
#ifndef SEAM_CLUSTERING_H
#define SEAM_CLUSTERING_H
#include "boundaries.h"
#include "xalloc.h"

struct cedge {
	uint32_t u, v;
	double w;
};

struct coupling {
	size_t nunits;
	uint32_t *unit_of_fn;    /* MODEL_NONE for declarations */
	VEC(struct cedge) edges;
};

uint32_t folder_index(const struct model *m, uint32_t *file_dir);
void build_coupling(struct coupling *c, const struct boundaries *b);
void coupling_release(struct coupling *c);
uint32_t cluster_units(struct boundaries *b, struct coupling *c, uint32_t *part, const char ***names);

#endif
