/* graph.c — the analysed call graph and its strongly connected components */
#include "graph.h"
#include <igraph.h>
#include <string.h>

struct edge_list {
	struct cg_edge *v;
	size_t n, cap;
	uint32_t *from;   /* parallel to v */
	size_t from_cap;
	uint32_t *count;  /* edges per function */
};

static void add_edge(struct edge_list *l, uint32_t from, uint32_t to, uint32_t call)
{
	struct cg_edge e = { to, call };
	ALLOC_GROW(l->from, l->n + 1, l->from_cap);
	l->from[l->n] = from;
	VEC_PUSH(*l, e);
	l->count[from]++;
}

/* Compressed rows: start[f]..start[f+1] index f's edges, in call order. */
static void to_csr(size_t n, struct edge_list *l, uint32_t **start, struct cg_edge **edges)
{
	*start = xcalloc(n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		(*start)[i + 1] = (*start)[i] + l->count[i];
	uint32_t *fill = xcalloc(n + 1, sizeof(uint32_t));
	*edges = xcalloc(l->n + 1, sizeof(struct cg_edge));
	for (size_t k = 0; k < l->n; k++) {
		uint32_t f = l->from[k];
		(*edges)[(*start)[f] + fill[f]++] = l->v[k];
	}
	free(fill);
	free(l->v);
	free(l->from);
	free(l->count);
}

void callgraph_build(struct callgraph *g, const struct model *m, const struct call_targets *targets)
{
	size_t n = m->functions.n;
	struct edge_list out = { 0 }, in = { 0 };
	out.count = xcalloc(n + 1, sizeof(uint32_t));
	in.count = xcalloc(n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		if (!c->indirect) {
			add_edge(&out, c->caller, c->callee, (uint32_t)i);
			add_edge(&in, c->callee, c->caller, (uint32_t)i);
			continue;
		}
		for (uint32_t k = 0; k < targets[i].ntargets; k++) {
			add_edge(&out, c->caller, targets[i].targets[k], (uint32_t)i);
			add_edge(&in, targets[i].targets[k], c->caller, (uint32_t)i);
		}
	}
	g->n = n;
	to_csr(n, &out, &g->out_start, &g->out);
	to_csr(n, &in, &g->in_start, &g->in);
}

void callgraph_release(struct callgraph *g)
{
	free(g->out_start);
	free(g->in_start);
	free(g->out);
	free(g->in);
	memset(g, 0, sizeof(*g));
}

void callgraph_components(const struct callgraph *g, uint32_t *comp, uint32_t *ncomp, uint32_t **order)
{
	igraph_vector_int_t edges, membership, csize, topo;
	igraph_vector_int_init(&edges, 0);
	for (size_t f = 0; f < g->n; f++)
		for (uint32_t k = g->out_start[f]; k < g->out_start[f + 1]; k++) {
			igraph_vector_int_push_back(&edges, (igraph_integer_t)f);
			igraph_vector_int_push_back(&edges, (igraph_integer_t)g->out[k].to);
		}
	igraph_t ig;
	igraph_create(&ig, &edges, (igraph_integer_t)g->n, IGRAPH_DIRECTED);
	igraph_vector_int_init(&membership, 0);
	igraph_vector_int_init(&csize, 0);
	igraph_integer_t no = 0;
	igraph_connected_components(&ig, &membership, &csize, &no, IGRAPH_STRONG);
	for (size_t f = 0; f < g->n; f++)
		comp[f] = (uint32_t)VECTOR(membership)[f];
	/* the condensation: one vertex per component, no loops or multi-edges */
	igraph_contract_vertices(&ig, &membership, NULL);
	igraph_simplify(&ig, true, true, NULL);
	igraph_vector_int_init(&topo, 0);
	/* IGRAPH_IN: a vertex comes after every vertex it points to (its callees) */
	igraph_topological_sorting(&ig, &topo, IGRAPH_IN);
	*ncomp = (uint32_t)no;
	*order = xcalloc((size_t)no + 1, sizeof(uint32_t));
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(&topo); i++)
		(*order)[i] = (uint32_t)VECTOR(topo)[i];
	igraph_vector_int_destroy(&topo);
	igraph_vector_int_destroy(&membership);
	igraph_vector_int_destroy(&csize);
	igraph_vector_int_destroy(&edges);
	igraph_destroy(&ig);
}
