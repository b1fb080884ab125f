/* view.c — views as nodes and edges: grouping functions and files into
 * nodes at a level (function, file, folder, service), choosing the finest
 * level under the node limit, merging and capping edges, colours. */
#include "view_internal.h"
#include <fnmatch.h>
#include <stdarg.h>
#include <string.h>

static const char *const kind_names[] = { "services", "service-map", "callgraph", "state", "files" };
static const char *const level_names[] = { "auto", "function", "file", "dir", "service" };
/* Fill colours by class, from best to worst fit for a short-lived function. */
static const char *const class_colours[] = { "#b7e4c7", "#d8f3dc", "#cfe2ff", "#e9ecef", "#ffd8a8", "#ffa8a8" };

const enum view_kind view_defaults[] = { VIEW_SERVICES, VIEW_SERVICE_MAP, VIEW_CALLGRAPH, VIEW_STATE, VIEW_FILES };
const size_t view_ndefaults = sizeof(view_defaults) / sizeof(view_defaults[0]);

const char *view_kind_name(enum view_kind k) { return kind_names[k]; }
const char *view_level_name(enum view_level l) { return level_names[l]; }
const char *view_class_colour(enum fn_class c) { return class_colours[c]; }

static int name_index(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

int view_kind_from_name(const char *name) { return name_index(kind_names, VIEW_KIND_COUNT, name); }
int view_level_from_name(const char *name) { return name_index(level_names, 5, name); }

const char *vb_strf(struct view_builder *vb, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	const char *s = arena_strdup(&vb->v->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

static bool any_match(char *const *globs, size_t n, const char *name, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if ((name && fnmatch(globs[i], name, 0) == 0) || (path && fnmatch(globs[i], path, 0) == 0))
			return true;
	return false;
}

bool vb_selected(const struct view_builder *vb, const char *name, const char *path)
{
	const struct view_options *o = vb->o;
	if (o->ninclude_only && !any_match(o->include_only, o->ninclude_only, name, path))
		return false;
	return !any_match(o->exclude, o->nexclude, name, path);
}

bool vb_function_selected(const struct view_builder *vb, uint32_t f)
{
	const struct model_function *fn = &vb->m->functions.v[f];
	return fn->defined && vb_selected(vb, fn->name, vb->m->files.v[fn->file].path);
}

const char *vb_service_name(const struct view_builder *vb, uint32_t service)
{
	return service < vb->b->nservices ? vb->b->services[service].name : "(no service)";
}

/* The node a file folds into at LEVEL_DIR ("src/util/", "src/ (97 files)"),
 * or NULL when the file stays a node of its own. With --collapse dir every
 * file folds into its folder. */
static const char *folder_of(struct view_builder *vb, struct arena *ar, uint32_t file)
{
	const char *path = vb->m->files.v[file].path, *end = strrchr(path, '/');
	if (!vb->all_folders)
		return vb->fold_into[file];
	if (!end)
		return "./";
	char *dir = arena_strndup(ar, path, (size_t)(end - path) + 1);
	return dir;
}

struct group {
	const char *key, *label, *cluster;
};

/* The group of a file (fn == MODEL_NONE) or of a function at a level;
 * strings go to arena ar. */
static struct group group_of(struct view_builder *vb, struct arena *ar, uint32_t file, uint32_t fn,
			     enum view_level level)
{
	const struct model *m = vb->m;
	uint32_t svc = fn != MODEL_NONE ? vb->b->fn_service[fn] : vb->b->file_service[file];
	const char *path = m->files.v[file].path, *dir;
	struct strbuf sb = STRBUF_INIT;
	struct group g = { NULL, NULL, vb->v->clustered ? vb_service_name(vb, svc) : NULL };
	if (g.cluster && level != LEVEL_SERVICE)
		strbuf_addf(&sb, "%s::", g.cluster);
	size_t prefix = sb.len;
	if (level == LEVEL_FUNCTION && fn != MODEL_NONE)
		strbuf_addf(&sb, "%s:%s", path, m->functions.v[fn].name);
	else if (level == LEVEL_DIR && (dir = folder_of(vb, ar, file)))
		strbuf_addstr(&sb, dir);
	else if (level == LEVEL_SERVICE)
		strbuf_addf(&sb, "service %s", vb_service_name(vb, svc));
	else
		strbuf_addstr(&sb, path);
	g.key = arena_strdup(ar, sb.buf);
	g.label = level == LEVEL_FUNCTION && fn != MODEL_NONE ? m->functions.v[fn].name
		: level == LEVEL_SERVICE ? vb_service_name(vb, svc) : g.key + prefix;
	strbuf_release(&sb);
	return g;
}

uint32_t vb_node(struct view_builder *vb, const char *key, const char *label, const char *cluster)
{
	uint32_t idx;
	if (hashmap_get(&vb->index, key, &idx))
		return idx;
	struct view_node n = { .key = key, .label = label, .cluster = cluster, .shape = "box" };
	idx = (uint32_t)vb->v->nodes.n;
	VEC_PUSH(vb->v->nodes, n);
	VEC_PUSH(vb->classes, xcalloc(CLASS_COUNT, sizeof(uint32_t)));
	hashmap_put(&vb->index, key, idx);
	return idx;
}

static uint32_t group_node(struct view_builder *vb, struct group g)
{
	uint32_t idx = vb_node(vb, g.key, g.label, g.cluster);
	vb->v->nodes.v[idx].members++;
	return idx;
}

uint32_t vb_function_node(struct view_builder *vb, uint32_t f)
{
	const struct model_function *fn = &vb->m->functions.v[f];
	uint32_t idx = group_node(vb, group_of(vb, &vb->v->arena, fn->file, f, vb->v->level));
	vb_count_class(vb, idx, (enum fn_class)vb->a->fns[f].cls);
	if (vb->v->level == LEVEL_FUNCTION)
		vb->v->nodes.v[idx].tooltip = vb_strf(vb, "%s (%s:%u): %s", fn->name, vb->m->files.v[fn->file].path,
						      fn->line, class_name((enum fn_class)vb->a->fns[f].cls));
	return idx;
}

uint32_t vb_file_node(struct view_builder *vb, uint32_t file)
{
	return group_node(vb, group_of(vb, &vb->v->arena, file, MODEL_NONE, vb->v->level));
}

void vb_count_class(struct view_builder *vb, uint32_t node, enum fn_class c)
{
	vb->classes.v[node][c]++;
}

void vb_edge(struct view_builder *vb, uint32_t from, uint32_t to, enum view_edge_kind kind)
{
	if (from == to && vb->v->level != LEVEL_FUNCTION)
		return;
	struct view_edge e = { from, to, 1, (uint8_t)kind, NULL };
	VEC_PUSH(vb->raw, e);
}

/* ---- choosing the level ------------------------------------------------- */

/* How many nodes the kept functions (or files) make at a level. */
static size_t count_groups(struct view_builder *vb, bool by_file, enum view_level level)
{
	struct hashmap seen;
	struct arena ar;
	hashmap_init(&seen, false);
	arena_init(&ar);
	size_t n = by_file ? vb->m->files.n : vb->m->functions.n;
	for (size_t i = 0; i < n; i++) {
		if (by_file ? !vb->keep_file[i] : !vb->keep_fn[i])
			continue;
		uint32_t file = by_file ? (uint32_t)i : vb->m->functions.v[i].file;
		hashmap_put(&seen, group_of(vb, &ar, file, by_file ? MODEL_NONE : (uint32_t)i, level).key, 0);
	}
	size_t count = seen.count;
	hashmap_release(&seen);
	arena_release(&ar);
	return count;
}

struct folder {
	const char *path;       /* with a trailing '/' */
	uint32_t files, depth;
};

struct folder_list {
	struct folder *v;
	size_t n, cap;
};

static int smaller_deeper_first(const void *pa, const void *pb)
{
	const struct folder *a = pa, *b = pb;
	if (a->files != b->files)
		return a->files < b->files ? -1 : 1;
	if (a->depth != b->depth)
		return a->depth > b->depth ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* Every folder above a kept file, with how many kept files lie below it. */
static void list_folders(struct view_builder *vb, const bool *file_kept, struct folder_list *out)
{
	struct hashmap index;
	hashmap_init(&index, false);
	for (size_t i = 0; i < vb->m->files.n; i++) {
		const char *path = vb->m->files.v[i].path;
		uint32_t depth = 0, k;
		for (const char *p = strchr(path, '/'); file_kept[i] && p; p = strchr(p + 1, '/')) {
			const char *dir = arena_strndup(&vb->v->arena, path, (size_t)(p - path) + 1);
			depth++;
			if (!hashmap_get(&index, dir, &k)) {
				k = (uint32_t)out->n;
				struct folder fo = { dir, 0, depth };
				VEC_PUSH(*out, fo);
				hashmap_put(&index, dir, k);
			}
			out->v[k].files++;
		}
	}
	hashmap_release(&index);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), smaller_deeper_first);
}

/* How connected each file is: calls to and from other files, includes. */
static uint32_t *file_degrees(const struct view_builder *vb)
{
	const struct model *m = vb->m;
	uint32_t *deg = xcalloc(m->files.n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < m->calls.n; i++) {
		uint32_t callee = m->calls.v[i].callee, from = m->functions.v[m->calls.v[i].caller].file;
		if (callee != MODEL_NONE && m->functions.v[callee].file != from)
			deg[from]++, deg[m->functions.v[callee].file]++;
	}
	for (size_t i = 0; i < m->includes.n; i++)
		deg[m->includes.v[i].from]++, deg[m->includes.v[i].to]++;
	return deg;
}

struct file_rank {
	uint32_t file, degree;
};

static int less_connected_first(const void *pa, const void *pb)
{
	const struct file_rank *a = pa, *b = pb;
	if (a->degree != b->degree)
		return a->degree < b->degree ? -1 : 1;
	return a->file < b->file ? -1 : a->file > b->file;
}

/* Folds the `n` least connected of a folder's own files into one node,
 * so that a big flat folder keeps its busiest files visible. */
static void fold_part(struct view_builder *vb, const struct folder *fo, const bool *file_kept, size_t n)
{
	uint32_t *deg = file_degrees(vb);
	VEC(struct file_rank) in = { 0 };
	size_t len = strlen(fo->path);
	for (size_t i = 0; i < vb->m->files.n; i++) {
		struct file_rank r = { (uint32_t)i, deg[i] };
		if (file_kept[i] && !vb->fold_into[i] && strncmp(vb->m->files.v[i].path, fo->path, len) == 0)
			VEC_PUSH(in, r);
	}
	if (in.n)
		qsort(in.v, in.n, sizeof(*in.v), less_connected_first);
	n = n < in.n ? n : in.n;
	const char *node = vb_strf(vb, "%s (%zu less connected files)", fo->path, n);
	for (size_t i = 0; i < n; i++)
		vb->fold_into[in.v[i].file] = node;
	VEC_FREE(in);
	free(deg);
}

static void fold_all(struct view_builder *vb, const struct folder *fo, const bool *file_kept)
{
	size_t len = strlen(fo->path);
	for (size_t i = 0; i < vb->m->files.n; i++)
		if (file_kept[i] && strncmp(vb->m->files.v[i].path, fo->path, len) == 0)
			vb->fold_into[i] = fo->path;
}

/* What the folder level's node count depends on: each kept function's (or
 * file's) file and service cluster, each pair once. Counting the nodes
 * after a fold then takes a sort of these instead of a name per function. */
struct dir_item {
	uint32_t file;
	const char *cluster, *key;
};

static int cmp_str_or_null(const char *a, const char *b)
{
	return a == b ? 0 : !a ? -1 : !b ? 1 : strcmp(a, b);
}

static int dir_item_order(const void *pa, const void *pb)
{
	const struct dir_item *a = pa, *b = pb;
	int c = cmp_str_or_null(a->cluster, b->cluster);
	if (c)
		return c;
	if (a->key || b->key)
		return cmp_str_or_null(a->key, b->key);
	return a->file < b->file ? -1 : a->file > b->file;
}

static void dir_items(struct view_builder *vb, bool by_file, struct dir_item **out, size_t *n)
{
	size_t total = by_file ? vb->m->files.n : vb->m->functions.n, k = 0;
	struct dir_item *v = xmalloc((total + 1) * sizeof(*v));
	for (size_t i = 0; i < total; i++) {
		if (by_file ? !vb->keep_file[i] : !vb->keep_fn[i])
			continue;
		uint32_t file = by_file ? (uint32_t)i : vb->m->functions.v[i].file;
		uint32_t svc = by_file ? vb->b->file_service[file] : vb->b->fn_service[i];
		v[k++] = (struct dir_item){ file, vb->v->clustered ? vb_service_name(vb, svc) : NULL, NULL };
	}
	if (k)
		qsort(v, k, sizeof(*v), dir_item_order);
	size_t u = 0;
	for (size_t i = 0; i < k; i++)
		if (u == 0 || dir_item_order(&v[u - 1], &v[i]) != 0)
			v[u++] = v[i];
	*out = v;
	*n = u;
}

/* count_groups(vb, by_file, LEVEL_DIR) while folders are folded by hand
 * (fold_into), from the items above: the distinct (cluster, node) pairs. */
static size_t count_dir_items(struct view_builder *vb, struct dir_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i].key = vb->fold_into[v[i].file] ? vb->fold_into[v[i].file] : vb->m->files.v[v[i].file].path;
	if (n)
		qsort(v, n, sizeof(*v), dir_item_order);
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += i == 0 || dir_item_order(&v[i - 1], &v[i]) != 0;
	for (size_t i = 0; i < n; i++)
		v[i].key = NULL;
	return count;
}

/* Folds folders, smallest first, until the view fits. A folder whose
 * folding would overshoot by far (a big flat src/) is folded in part: its
 * least connected files become one node. Returns the node count. */
static size_t fold_folders(struct view_builder *vb, bool by_file, unsigned budget)
{
	bool *file_kept = by_file ? vb->keep_file : xcalloc(vb->m->files.n + 1, sizeof(bool));
	for (size_t f = 0; !by_file && f < vb->m->functions.n; f++)
		file_kept[vb->m->functions.v[f].file] |= vb->keep_fn[f];
	struct folder_list folders = { 0 };
	list_folders(vb, file_kept, &folders);
	struct dir_item *items;
	size_t nitems;
	dir_items(vb, by_file, &items, &nitems);
	size_t count = count_dir_items(vb, items, nitems);
	for (size_t i = 0; i < folders.n && count > budget; i++) {
		const char **saved = xmalloc((vb->m->files.n + 1) * sizeof(*saved));
		memcpy(saved, vb->fold_into, (vb->m->files.n + 1) * sizeof(*saved));
		fold_all(vb, &folders.v[i], file_kept);
		size_t after = count_dir_items(vb, items, nitems);
		if (after < budget / 2 && folders.v[i].files > 2 * (count - budget)) {
			memcpy(vb->fold_into, saved, (vb->m->files.n + 1) * sizeof(*saved));
			fold_part(vb, &folders.v[i], file_kept, count - budget + 1);
			after = count_dir_items(vb, items, nitems);
		}
		count = after;
		vb->folds++;
		free(saved);
	}
	free(items);
	VEC_FREE(folders);
	if (!by_file)
		free(file_kept);
	return count;
}

static const char *level_noun(enum view_level l)
{
	return l == LEVEL_FUNCTION ? "functions" : l == LEVEL_FILE ? "files" : l == LEVEL_DIR ? "files and folders"
	       : "services";
}

/* Says how many folders were folded into one node each. */
static const char *folded_note(struct view_builder *vb)
{
	if (vb->all_folders)
		return " (every file into its folder)";
	return vb->folds ? vb_strf(vb, " (%u folder%s folded, wholly or in part)", vb->folds, vb->folds == 1 ? "" : "s")
			 : "";
}

void vb_choose_level(struct view_builder *vb, const enum view_level *ladder, size_t n, bool by_file,
		     unsigned budget)
{
	struct view *v = vb->v;
	enum view_level want = vb->o->collapse;
	size_t finest = count_groups(vb, by_file, ladder[0]), count = finest;
	bool found = want == LEVEL_AUTO;
	v->level = ladder[0];
	vb->all_folders = want == LEVEL_DIR;
	for (size_t i = 0; i < n; i++) {
		enum view_level l = ladder[i];
		if (want != LEVEL_AUTO && l != want)
			continue;
		found = true;
		v->level = l;
		count = l == LEVEL_DIR && want == LEVEL_AUTO ? fold_folders(vb, by_file, budget)
							       : count_groups(vb, by_file, l);
		if (want != LEVEL_AUTO || count <= budget)
			break;
	}
	if (!found)
		VEC_PUSH(v->notes, vb_strf(vb, "--collapse %s does not apply to this view", level_names[want]));
	if (v->level != ladder[0])
		VEC_PUSH(v->notes, vb_strf(vb, "%zu %s collapsed into %zu %s%s (%s)", finest, level_noun(ladder[0]),
					   count, level_noun(v->level), v->level == LEVEL_DIR ? folded_note(vb) : "",
					   want != LEVEL_AUTO ? "--collapse" : vb_strf(vb, "node limit %u", vb->limit)));
	if (count > budget && want == LEVEL_AUTO)
		VEC_PUSH(v->notes, vb_strf(vb, "%zu nodes: still above the limit of %u; use --include-only or --focus",
					   count, budget));
}

/* ---- finishing: edges and colours --------------------------------------- */

static int edge_order(const void *pa, const void *pb)
{
	const struct view_edge *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	return (int)a->kind - (int)b->kind;
}

static int heavier_first(const void *pa, const void *pb)
{
	const struct view_edge *a = pa, *b = pb;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return edge_order(pa, pb);
}

/* Past twice as many edges as nodes (at least 40, at most three times the
 * node limit) a view is a tangle, and dot's layout time grows with every
 * edge: keep each node's heaviest edge, so that no node is cut off from the
 * rest, then the heaviest others up to the cap. */
static void cap_edges(struct view_builder *vb)
{
	struct view *v = vb->v;
	size_t cap = 2 * v->nodes.n, most = (size_t)vb->limit * 3;
	cap = cap < 40 ? 40 : cap > most ? most : cap;
	if (v->edges.n <= cap)
		return;
	VEC_PUSH(v->notes, vb_strf(vb, "showing %zu of %zu edges: each node's heaviest, then the heaviest others", cap,
				   v->edges.n));
	qsort(v->edges.v, v->edges.n, sizeof(*v->edges.v), heavier_first);
	bool *kept = xcalloc(v->edges.n, sizeof(*kept)), *linked = xcalloc(v->nodes.n + 1, sizeof(*linked));
	size_t n = 0;
	for (size_t i = 0; i < v->edges.n; i++) {
		const struct view_edge *e = &v->edges.v[i];
		if (!linked[e->from] || !linked[e->to]) {
			kept[i] = linked[e->from] = linked[e->to] = true;
			n++;
		}
	}
	for (size_t i = 0; i < v->edges.n && n < cap; i++)
		if (!kept[i])
			kept[i] = true, n++;
	size_t o = 0;
	for (size_t i = 0; i < v->edges.n; i++)
		if (kept[i])
			v->edges.v[o++] = v->edges.v[i];
	v->edges.n = o;
	free(kept);
	free(linked);
	qsort(v->edges.v, v->edges.n, sizeof(*v->edges.v), edge_order);
}

static void merge_edges(struct view_builder *vb)
{
	struct view *v = vb->v;
	if (vb->raw.n)
		qsort(vb->raw.v, vb->raw.n, sizeof(*vb->raw.v), edge_order);
	for (size_t i = 0; i < vb->raw.n; i++) {
		const struct view_edge *r = &vb->raw.v[i];
		struct view_edge *last = v->edges.n ? &v->edges.v[v->edges.n - 1] : NULL;
		if (last && last->from == r->from && last->to == r->to && last->kind == r->kind) {
			last->weight += r->weight;
			if (r->label)
				last->label = r->label;
			continue;
		}
		VEC_PUSH(v->edges, *r);
	}
	cap_edges(vb);
}

/* A node's colour: its most common class (the worse one on a tie). */
static void colour_nodes(struct view_builder *vb)
{
	for (size_t i = 0; i < vb->v->nodes.n; i++) {
		struct view_node *n = &vb->v->nodes.v[i];
		const uint32_t *c = vb->classes.v[i];
		int best = -1;
		for (int k = 0; k < CLASS_COUNT; k++)
			if (c[k] && (best < 0 || c[k] >= c[best]))
				best = k;
		if (!n->fill)
			n->fill = best >= 0 ? class_colours[best] : "#ffffff";
		if (!n->tooltip && best >= 0 && n->members > 1)
			n->tooltip = vb_strf(vb, "%s: %u members, mostly %s", n->label, n->members,
					     class_name((enum fn_class)best));
	}
}

void vb_finish(struct view_builder *vb)
{
	merge_edges(vb);
	colour_nodes(vb);
}

/* ---- the entry point ---------------------------------------------------- */

static void builder_release(struct view_builder *vb)
{
	for (size_t i = 0; i < vb->classes.n; i++)
		free(vb->classes.v[i]);
	VEC_FREE(vb->classes);
	VEC_FREE(vb->raw);
	hashmap_release(&vb->index);
	free(vb->fold_into);
	free(vb->keep_fn);
	free(vb->keep_file);
}

int view_build(struct view *v, const struct model *m, const struct analysis *a, const struct boundaries *b,
	       const struct view_options *o, struct strbuf *err)
{
	memset(v, 0, sizeof(*v));
	arena_init(&v->arena);
	v->kind = o->kind;
	v->name = kind_names[o->kind];
	v->clustered = o->kind == VIEW_SERVICES;
	struct view_builder vb = { .v = v, .m = m, .a = a, .b = b, .o = o,
				   .limit = o->node_limit ? o->node_limit : VIEW_NODE_LIMIT_DEFAULT };
	hashmap_init(&vb.index, false);
	vb.fold_into = xcalloc(m->files.n + 1, sizeof(*vb.fold_into));
	vb.keep_fn = xcalloc(m->functions.n + 1, sizeof(bool));
	vb.keep_file = xcalloc(m->files.n + 1, sizeof(bool));
	int rc = 0;
	switch (o->kind) {
	case VIEW_SERVICES: view_build_services(&vb); break;
	case VIEW_SERVICE_MAP: view_build_service_map(&vb); break;
	case VIEW_CALLGRAPH: rc = view_build_callgraph(&vb, err); break;
	case VIEW_STATE: view_build_state(&vb); break;
	default: view_build_files(&vb); break;
	}
	if (rc == 0) {
		vb_finish(&vb);
		static const char *const per[] = { "", "one per function", "one per file",
						   "files and folded folders", "one per service" };
		v->title = vb_strf(&vb, "%s\n%zu nodes (%s), %zu edges", v->title, v->nodes.n, per[v->level],
				   v->edges.n);
	}
	builder_release(&vb);
	return rc;
}

void view_release(struct view *v)
{
	VEC_FREE(v->nodes);
	VEC_FREE(v->edges);
	VEC_FREE(v->notes);
	arena_release(&v->arena);
}
