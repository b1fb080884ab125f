/* graph.h — the call graph the analyses walk: direct calls to defined
 * functions plus resolved function-pointer calls, as adjacency arrays.
 * Ownership: struct callgraph owns its arrays; callgraph_release() frees them. */
#ifndef SEAM_GRAPH_H
#define SEAM_GRAPH_H
#include "analysis.h"

struct cg_edge {
	uint32_t to;     /* callee (out-edges) or caller (in-edges) */
	uint32_t call;   /* index in m->calls */
};

struct callgraph {
	size_t n;
	uint32_t *out_start, *in_start; /* n + 1 offsets */
	struct cg_edge *out, *in;
};

void callgraph_build(struct callgraph *g, const struct model *m, const struct call_targets *targets);
void callgraph_release(struct callgraph *g);

/* Strongly connected components in reverse topological order (callees
 * before callers), with igraph: comp[f] is f's component, order lists
 * component ids so that every component comes after those it calls. */
void callgraph_components(const struct callgraph *g, uint32_t *comp, uint32_t *ncomp, uint32_t **order);

#endif
