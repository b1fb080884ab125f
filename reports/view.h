/* view.h — the graphs seam draws (services, service-map, callgraph, state,
 * files) as plain nodes and edges, filtered, focused and collapsed to stay
 * readable; dot.c turns a view into a Graphviz graph.
 * Ownership: a view owns its nodes, edges and strings (an arena and
 * arrays), freed by view_release(); it copies what it needs from the model. */
#ifndef SEAM_VIEW_H
#define SEAM_VIEW_H
#include "boundaries.h"

enum view_kind { VIEW_SERVICES, VIEW_SERVICE_MAP, VIEW_CALLGRAPH, VIEW_STATE, VIEW_FILES, VIEW_KIND_COUNT };

/* What one node stands for, finest first; LEVEL_AUTO picks the finest
 * level at which the view fits under the node limit. */
enum view_level { LEVEL_AUTO, LEVEL_FUNCTION, LEVEL_FILE, LEVEL_DIR, LEVEL_SERVICE };
enum view_direction { DIRECTION_BOTH, DIRECTION_CALLERS, DIRECTION_CALLEES };
enum view_edge_kind { EDGE_CALL, EDGE_INCLUDE, EDGE_WRITE, EDGE_READ, EDGE_STATE };

#define VIEW_NODE_LIMIT_DEFAULT 150

struct view_options {
	enum view_kind kind;
	enum view_level collapse;
	unsigned node_limit;          /* 0: VIEW_NODE_LIMIT_DEFAULT */
	const char *focus;            /* callgraph: NAME or FILE:NAME */
	unsigned depth;               /* with focus; 0: 2 */
	enum view_direction direction;
	char *const *include_only;    /* globs on paths and names: keep only matches */
	size_t ninclude_only;
	char *const *exclude;         /* globs on paths and names: drop matches */
	size_t nexclude;
};

struct view_node {
	const char *key;       /* unique: the DOT node name */
	const char *label;
	const char *tooltip;
	const char *cluster;   /* service name for clustered views, else NULL */
	const char *fill;      /* colour */
	const char *shape;
	uint32_t members;      /* functions, files or globals folded into it */
	bool focus;
};

struct view_edge {
	uint32_t from, to;     /* node indexes */
	uint32_t weight;       /* calls, includes or accesses folded into it */
	uint8_t kind;          /* enum view_edge_kind */
	const char *label;     /* NULL: the weight when above 1 */
};

struct view {
	struct arena arena;
	enum view_kind kind;
	const char *name, *title;
	enum view_level level;  /* what a node stands for after collapsing; LEVEL_DIR
				 * mixes files and the folders folded to fit */
	bool clustered;         /* nodes sit in per-service clusters */
	VEC(struct view_node) nodes;
	VEC(struct view_edge) edges;
	VEC(const char *) notes; /* what was collapsed, filtered or left out */
};

const char *view_kind_name(enum view_kind k);
int view_kind_from_name(const char *name);   /* -1 when unknown */
const char *view_level_name(enum view_level l);
int view_level_from_name(const char *name);  /* -1 when unknown */
const char *view_class_colour(enum fn_class c);

/* Builds view o->kind. Returns 0, or -1 with a message in err (a focus
 * symbol that names no function). */
int view_build(struct view *v, const struct model *m, const struct analysis *a,
	       const struct boundaries *b, const struct view_options *o, struct strbuf *err);
void view_release(struct view *v);

/* The default views seam analyze writes, in order. */
extern const enum view_kind view_defaults[];
extern const size_t view_ndefaults;

#endif
