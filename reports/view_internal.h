/* view_internal.h — what view.c (grouping, collapsing, edges) shares with
 * view_build.c (one builder per view kind). Not for other modules. */
#ifndef SEAM_VIEW_INTERNAL_H
#define SEAM_VIEW_INTERNAL_H
#include "view.h"

/* The state of one view_build() call. */
struct view_builder {
	struct view *v;
	const struct model *m;
	const struct analysis *a;
	const struct boundaries *b;
	const struct view_options *o;
	unsigned limit;
	struct hashmap index;            /* node key -> node index */
	const char **fold_into;          /* per file: the node it folds into (LEVEL_DIR), or NULL */
	unsigned folds;                  /* folders folded */
	bool all_folders;                /* --collapse dir: every file into its folder */
	VEC(uint32_t *) classes;         /* per node: CLASS_COUNT counters */
	VEC(struct view_edge) raw;       /* one per relation, merged by vb_finish() */
	bool *keep_fn;                   /* per function: drawn (before grouping) */
	bool *keep_file;                 /* per file */
};

const char *vb_strf(struct view_builder *vb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether a name or path passes --include-only and --exclude. */
bool vb_selected(const struct view_builder *vb, const char *name, const char *path);
bool vb_function_selected(const struct view_builder *vb, uint32_t f);
const char *vb_service_name(const struct view_builder *vb, uint32_t service);

/* The node for a function or a file at the view's level (created on first
 * use); returns its index. */
uint32_t vb_function_node(struct view_builder *vb, uint32_t f);
uint32_t vb_file_node(struct view_builder *vb, uint32_t file);
/* A node with an explicit key and label (globals, services). */
uint32_t vb_node(struct view_builder *vb, const char *key, const char *label, const char *cluster);
void vb_count_class(struct view_builder *vb, uint32_t node, enum fn_class c);
/* Adds one unit of weight to the edge from -> to of that kind (self-loops
 * are dropped unless at function level). */
void vb_edge(struct view_builder *vb, uint32_t from, uint32_t to, enum view_edge_kind kind);

/* Picks v->level (and the folders to fold) for the kept functions (or files, when
 * by_file) among `ladder`, the levels this view may use, finest first. */
void vb_choose_level(struct view_builder *vb, const enum view_level *ladder, size_t n, bool by_file,
		     unsigned budget);

/* Merges raw edges, caps their number, colours nodes by class. */
void vb_finish(struct view_builder *vb);

/* The builders (view_build.c). */
void view_build_services(struct view_builder *vb);
void view_build_service_map(struct view_builder *vb);
int view_build_callgraph(struct view_builder *vb, struct strbuf *err);
void view_build_state(struct view_builder *vb);
void view_build_files(struct view_builder *vb);

#endif
