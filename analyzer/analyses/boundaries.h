/* boundaries.h — service boundaries: the coupling graph, clustering with
 * igraph's Leiden, data ownership, cut costs, per-service descriptions and
 * the quality metrics of the proposal and of the directory layout.
 * Ownership: struct boundaries owns everything it holds (an arena and
 * arrays), freed by boundaries_release(); it points into the model and the
 * analysis it was computed from, which must outlive it. */
#ifndef SEAM_BOUNDARIES_H
#define SEAM_BOUNDARIES_H
#include "analysis.h"

enum granularity { GRANULARITY_FILE, GRANULARITY_FUNCTION };

/* Weights of the coupling graph (docs/boundaries.md). */
struct coupling_weights {
	double calls;     /* per call site between two units */
	double state;     /* per function using a mutable global defined in another unit */
	double types;     /* per function using a struct defined in another unit */
	double includes;  /* per #include between two files */
	double dir;       /* same directory (files) or same file (functions), spread over the folder */
};
#define COUPLING_WEIGHTS_DEFAULT { 1.0, 3.0, 0.5, 0.5, 8.0 }

struct service_pin {
	const char *glob;     /* file path (relative) or function name pattern */
	const char *service;  /* the service's name */
};

struct boundary_options {
	enum granularity granularity;
	struct coupling_weights weights;
	unsigned services;    /* wanted number of services; 0: resolution 1 (modularity) */
	const struct service_pin *pins;
	size_t npins;
};

enum recommendation { RECOMMEND_SERVERLESS, RECOMMEND_MICROSERVICE, RECOMMEND_STATEFUL_CORE };
const char *recommendation_name(enum recommendation r);

struct id_list {
	uint32_t *v;
	size_t n, cap;
};

struct service {
	const char *name;
	struct id_list files, functions, owned, api;
	uint32_t calls_in, calls_out;
	uint32_t classes[CLASS_COUNT];
	uint8_t recommendation;
	VEC(const char *) reasons;
};

/* An access to a global from outside the service that owns it. */
struct state_cut {
	uint32_t access;      /* index in m->accesses */
	uint32_t owner, user; /* services */
};

/* A call from one service into another, and what its arguments carry. */
struct call_cut {
	uint32_t call;        /* index in m->calls */
	uint32_t callee;      /* the function called (resolved for indirect calls) */
	uint32_t from, to;    /* services */
	const char *carries;  /* "pointer to struct order, callback", or "" */
};

struct partition_metrics {
	uint32_t services;
	double modularity, turbomq, icp, ifn, sm, ned;
};

struct boundaries {
	struct arena arena;
	const struct model *m;
	const struct analysis *a;
	struct boundary_options o;
	double resolution;
	size_t nservices;
	struct service *services;
	uint32_t *file_service;  /* per file */
	uint32_t *fn_service;    /* per function (MODEL_NONE for declarations) */
	uint32_t *owner;         /* per global: owning service, MODEL_NONE when const */
	VEC(struct state_cut) state_cuts;
	VEC(struct call_cut) call_cuts;
	struct partition_metrics proposal, baseline;
};

void boundaries_run(struct boundaries *b, const struct model *m, const struct analysis *a,
		    const struct boundary_options *o);
void boundaries_release(struct boundaries *b);

/* Metrics of a partition of the functions (part[f], MODEL_NONE = not
 * placed) over the call graph weighted by call sites; `units` and
 * `unit_part` give the clustered units for NED. See docs/boundaries.md. */
void partition_metrics_compute(struct partition_metrics *pm, const struct model *m,
			       const struct analysis *a, const uint32_t *part, uint32_t nparts,
			       const uint32_t *unit_part, size_t nunits);

#endif
