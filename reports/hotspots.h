/* hotspots.h — stateful hotspots: the mutable globals most functions and
 * services share, each with the evidence chain that shows how an entry
 * point reaches it. What report.html and summary.md list.
 * Ownership: hotspots_find() fills a caller's array; chains point into the
 * analysis, which must outlive them. */
#ifndef SEAM_HOTSPOTS_H
#define SEAM_HOTSPOTS_H
#include "boundaries.h"

struct hotspot {
	uint32_t global;
	uint32_t writers, readers;      /* distinct functions */
	uint32_t foreign;               /* accesses from outside the owning service */
	uint32_t score;                 /* 2 * writers + readers + 3 * foreign */
	uint32_t chain_function;        /* whose evidence ends at this global, or MODEL_NONE */
	uint32_t nsteps;
	const struct evidence_step *steps;
};

/* The top `max` hotspots, highest score first (ties: lower global id).
 * Returns how many were found. */
size_t hotspots_find(const struct model *m, const struct analysis *a, const struct boundaries *b,
		     struct hotspot *out, size_t max);

#endif
