/* view_build.c — one builder per view: which functions, files and globals
 * a view draws, at which level, and which relations become its edges. */
#include "view_internal.h"
#include "fsutil.h"
#include <string.h>

static const char *const recommendation_colours[] = { "#b7e4c7", "#cfe2ff", "#ffd8a8" };

/* Every callee of call i: the direct one, or the resolved targets. */
static uint32_t call_targets(const struct view_builder *vb, size_t i, const uint32_t **targets)
{
	const struct model_call *c = &vb->m->calls.v[i];
	if (c->callee != MODEL_NONE) {
		*targets = &c->callee;
		return 1;
	}
	*targets = vb->a->calls[i].targets;
	return vb->a->calls[i].ntargets;
}

/* Nodes for the kept functions, then one edge per call between them. */
static uint32_t *function_nodes_and_calls(struct view_builder *vb)
{
	const struct model *m = vb->m;
	uint32_t *node_of = xmalloc((m->functions.n + 1) * sizeof(uint32_t));
	for (size_t f = 0; f < m->functions.n; f++)
		node_of[f] = vb->keep_fn[f] ? vb_function_node(vb, (uint32_t)f) : MODEL_NONE;
	for (size_t i = 0; i < m->calls.n; i++) {
		uint32_t from = node_of[m->calls.v[i].caller];
		const uint32_t *t;
		uint32_t n = call_targets(vb, i, &t);
		for (uint32_t k = 0; from != MODEL_NONE && k < n; k++)
			if (node_of[t[k]] != MODEL_NONE)
				vb_edge(vb, from, node_of[t[k]], EDGE_CALL);
	}
	return node_of;
}

/* The title's first words; view_build() adds the counts once edges are merged. */
static void set_title(struct view_builder *vb, const char *what)
{
	vb->v->title = what;
}

void view_build_services(struct view_builder *vb)
{
	static const enum view_level files_first[] = { LEVEL_FILE, LEVEL_DIR, LEVEL_SERVICE };
	static const enum view_level functions_first[] = { LEVEL_FUNCTION, LEVEL_FILE, LEVEL_DIR, LEVEL_SERVICE };
	bool by_function = vb->o->collapse == LEVEL_FUNCTION;
	for (size_t f = 0; f < vb->m->functions.n; f++)
		vb->keep_fn[f] = vb_function_selected(vb, (uint32_t)f) && vb->b->fn_service[f] != MODEL_NONE;
	vb_choose_level(vb, by_function ? functions_first : files_first, by_function ? 4 : 3, false, vb->limit);
	free(function_nodes_and_calls(vb));
	set_title(vb, "services");
}

/* ---- service-map -------------------------------------------------------- */

static void service_nodes(struct view_builder *vb, uint32_t *node_of_service)
{
	const struct boundaries *b = vb->b;
	uint32_t *kept = xcalloc(b->nservices + 1, sizeof(uint32_t));
	for (size_t f = 0; f < vb->m->functions.n; f++)
		if (vb->keep_fn[f])
			kept[b->fn_service[f]]++;
	for (size_t s = 0; s < b->nservices; s++) {
		node_of_service[s] = MODEL_NONE;
		if (!kept[s])
			continue;
		const struct service *sv = &b->services[s];
		const char *rec = recommendation_name((enum recommendation)sv->recommendation);
		uint32_t n = vb_node(vb, vb_strf(vb, "service %s", sv->name),
				     vb_strf(vb, "%s\n%zu files, %zu functions\n%s", sv->name, sv->files.n,
					     sv->functions.n, rec), NULL);
		struct view_node *node = &vb->v->nodes.v[n];
		node->members = (uint32_t)sv->functions.n;
		node->fill = recommendation_colours[sv->recommendation];
		node->tooltip = vb_strf(vb, "%s: %s; %zu owned globals, %zu API functions", sv->name, rec,
					sv->owned.n, sv->api.n);
		node_of_service[s] = n;
	}
	free(kept);
}

struct shared_pair {
	uint32_t from, to, weight;
	struct strbuf names;
};

static void name_global(struct strbuf *sb, const char *g)
{
	struct strbuf probe = STRBUF_INIT;
	strbuf_addf(&probe, ", %s,", g);
	struct strbuf have = STRBUF_INIT;
	strbuf_addf(&have, ", %s,", strbuf_str(sb));
	bool known = strstr(have.buf, probe.buf) != NULL;
	if (!known && sb->len < 40)
		strbuf_addf(sb, "%s%s", sb->len ? ", " : "", g);
	else if (!known && !path_has_suffix(strbuf_str(sb), "..."))
		strbuf_addstr(sb, ", ...");
	strbuf_release(&probe);
	strbuf_release(&have);
}

/* One edge per pair of services sharing state: the user's accesses to
 * globals the owner owns, labelled with the first few globals' names. */
static void shared_state_edges(struct view_builder *vb, const uint32_t *node_of_service)
{
	const struct boundaries *b = vb->b;
	struct hashmap index;
	hashmap_init(&index, false);
	VEC(struct shared_pair) pairs = { 0 };
	for (size_t i = 0; i < b->state_cuts.n; i++) {
		const struct state_cut *c = &b->state_cuts.v[i];
		const struct model_access *ac = &vb->m->accesses.v[c->access];
		uint32_t from = node_of_service[c->user], to = node_of_service[c->owner];
		if (from == MODEL_NONE || to == MODEL_NONE || !vb->keep_fn[ac->function])
			continue;
		const char *key = vb_strf(vb, "%u>%u", from, to);
		uint32_t k;
		if (!hashmap_get(&index, key, &k)) {
			struct shared_pair p = { from, to, 0, STRBUF_INIT };
			k = (uint32_t)pairs.n;
			VEC_PUSH(pairs, p);
			hashmap_put(&index, key, k);
		}
		pairs.v[k].weight++;
		name_global(&pairs.v[k].names, vb->m->globals.v[ac->global].name);
	}
	for (size_t i = 0; i < pairs.n; i++) {
		struct shared_pair *p = &pairs.v[i];
		struct view_edge e = { p->from, p->to, p->weight, EDGE_STATE,
				      vb_strf(vb, "%u state access%s\n%s", p->weight, p->weight == 1 ? "" : "es",
						     strbuf_str(&p->names)) };
		VEC_PUSH(vb->raw, e);
		strbuf_release(&p->names);
	}
	VEC_FREE(pairs);
	hashmap_release(&index);
}

void view_build_service_map(struct view_builder *vb)
{
	const struct boundaries *b = vb->b;
	vb->v->level = LEVEL_SERVICE;
	for (size_t f = 0; f < vb->m->functions.n; f++)
		vb->keep_fn[f] = vb_function_selected(vb, (uint32_t)f) && b->fn_service[f] != MODEL_NONE;
	uint32_t *node_of_service = xmalloc((b->nservices + 1) * sizeof(uint32_t));
	service_nodes(vb, node_of_service);
	for (size_t i = 0; i < b->call_cuts.n; i++) {
		const struct call_cut *c = &b->call_cuts.v[i];
		uint32_t from = node_of_service[c->from], to = node_of_service[c->to];
		if (from != MODEL_NONE && to != MODEL_NONE && vb->keep_fn[vb->m->calls.v[c->call].caller] &&
		    vb->keep_fn[c->callee])
			vb_edge(vb, from, to, EDGE_CALL);
	}
	shared_state_edges(vb, node_of_service);
	free(node_of_service);
	if (vb->v->nodes.n > vb->limit)
		VEC_PUSH(vb->v->notes, vb_strf(vb, "%zu services: above the node limit of %u; use --include-only",
					       vb->v->nodes.n, vb->limit));
	set_title(vb, "service map");
}

/* ---- callgraph ---------------------------------------------------------- */

static bool names_function(const struct model *m, uint32_t f, const char *symbol)
{
	const struct model_function *fn = &m->functions.v[f];
	const char *colon = strrchr(symbol, ':');
	if (!colon)
		return strcmp(fn->name, symbol) == 0;
	if (strcmp(fn->name, colon + 1) != 0)
		return false;
	size_t flen = (size_t)(colon - symbol), len = strlen(m->files.v[fn->file].path);
	const char *path = m->files.v[fn->file].path;
	if (flen > len || strncmp(path + len - flen, symbol, flen) != 0)
		return false;
	return flen == len || path[len - flen - 1] == '/';
}

/* One breadth-first step: everything one call away from the frontier. */
static void widen(const struct view_builder *vb, const bool *frontier, bool *next, enum view_direction dir)
{
	for (size_t i = 0; i < vb->m->calls.n; i++) {
		uint32_t caller = vb->m->calls.v[i].caller;
		const uint32_t *t;
		uint32_t n = call_targets(vb, i, &t);
		for (uint32_t k = 0; k < n; k++) {
			if (dir != DIRECTION_CALLERS && frontier[caller])
				next[t[k]] = true;
			if (dir != DIRECTION_CALLEES && frontier[t[k]])
				next[caller] = true;
		}
	}
}

/* Keeps only what lies within --depth calls of the focus; returns how
 * many functions the focus names. */
static size_t focus(struct view_builder *vb, bool *is_focus)
{
	size_t nf = vb->m->functions.n, found = 0;
	bool *reached = xcalloc(nf + 1, sizeof(bool)), *next = xcalloc(nf + 1, sizeof(bool));
	for (size_t f = 0; f < nf; f++)
		if (vb->m->functions.v[f].defined && names_function(vb->m, (uint32_t)f, vb->o->focus))
			reached[f] = is_focus[f] = true, found++;
	unsigned depth = vb->o->depth ? vb->o->depth : 2;
	for (unsigned d = 0; found && d < depth; d++) {
		memcpy(next, reached, nf * sizeof(bool));
		widen(vb, reached, next, vb->o->direction);
		memcpy(reached, next, nf * sizeof(bool));
	}
	for (size_t f = 0; f < nf; f++)
		vb->keep_fn[f] = vb->keep_fn[f] && (reached[f] || is_focus[f]);
	free(reached);
	free(next);
	return found;
}

int view_build_callgraph(struct view_builder *vb, struct strbuf *err)
{
	static const enum view_level ladder[] = { LEVEL_FUNCTION, LEVEL_FILE, LEVEL_DIR, LEVEL_SERVICE };
	size_t nf = vb->m->functions.n;
	for (size_t f = 0; f < nf; f++)
		vb->keep_fn[f] = vb_function_selected(vb, (uint32_t)f);
	bool *is_focus = xcalloc(nf + 1, sizeof(bool));
	if (vb->o->focus && focus(vb, is_focus) == 0) {
		strbuf_addf(err, "--focus: no function named '%s'", vb->o->focus);
		free(is_focus);
		return -1;
	}
	vb_choose_level(vb, ladder, 4, false, vb->limit);
	uint32_t *node_of = function_nodes_and_calls(vb);
	for (size_t f = 0; f < nf; f++)
		if (is_focus[f] && node_of[f] != MODEL_NONE)
			vb->v->nodes.v[node_of[f]].focus = true;
	free(node_of);
	free(is_focus);
	if (vb->o->focus)
		set_title(vb, vb_strf(vb, "call graph around %s (depth %u, %s)", vb->o->focus,
				      vb->o->depth ? vb->o->depth : 2,
				      vb->o->direction == DIRECTION_CALLERS ? "callers"
				      : vb->o->direction == DIRECTION_CALLEES ? "callees" : "callers and callees"));
	else
		set_title(vb, "call graph");
	return 0;
}

/* ---- state -------------------------------------------------------------- */

struct global_rank {
	uint32_t global, users;
};

static int more_users_first(const void *pa, const void *pb)
{
	const struct global_rank *a = pa, *b = pb;
	if (a->users != b->users)
		return a->users > b->users ? -1 : 1;
	return a->global < b->global ? -1 : a->global > b->global;
}

/* The mutable globals to draw, most shared first, at most `cap`; marks them
 * in keep_global and the functions that access them in keep_fn. */
static size_t pick_globals(struct view_builder *vb, bool *keep_global, size_t cap)
{
	const struct model *m = vb->m;
	struct global_rank *r = xcalloc(m->globals.n + 1, sizeof(*r));
	for (size_t g = 0; g < m->globals.n; g++)
		r[g].global = (uint32_t)g;
	uint32_t last_fn = MODEL_NONE, last_g = MODEL_NONE;
	for (size_t i = 0; i < m->accesses.n; i++) { /* sorted by function: count each user once */
		const struct model_access *ac = &m->accesses.v[i];
		const struct model_global *g = &m->globals.v[ac->global];
		if (g->is_const || !vb_function_selected(vb, ac->function) || !vb_selected(vb, g->name, m->files.v[g->file].path))
			continue;
		if (ac->function != last_fn || ac->global != last_g)
			r[ac->global].users++;
		last_fn = ac->function, last_g = ac->global;
	}
	if (m->globals.n)
		qsort(r, m->globals.n, sizeof(*r), more_users_first);
	size_t used = 0, kept = 0;
	for (size_t i = 0; i < m->globals.n && r[i].users; i++, used++)
		if (kept < cap)
			keep_global[r[i].global] = true, kept++;
	if (used > kept)
		VEC_PUSH(vb->v->notes, vb_strf(vb, "showing the %zu most shared of %zu mutable globals", kept, used));
	for (size_t i = 0; i < m->accesses.n; i++)
		if (keep_global[m->accesses.v[i].global] && vb_function_selected(vb, m->accesses.v[i].function))
			vb->keep_fn[m->accesses.v[i].function] = true;
	free(r);
	return kept;
}

static uint32_t global_node(struct view_builder *vb, uint32_t gi)
{
	const struct model_global *g = &vb->m->globals.v[gi];
	const char *path = vb->m->files.v[g->file].path;
	const char *label = g->function != MODEL_NONE
		? vb_strf(vb, "%s::%s", vb->m->functions.v[g->function].name, g->name) : g->name;
	uint32_t n = vb_node(vb, vb_strf(vb, "global %s:%s", path, label), label, NULL);
	struct view_node *node = &vb->v->nodes.v[n];
	uint32_t owner = vb->b->owner[gi];
	node->shape = "ellipse";
	node->members = 1;
	node->fill = "#ffe066";
	node->tooltip = vb_strf(vb, "%s (%s:%u), %s, owned by %s", label, path, g->line,
				model_global_kind_name((enum model_global_kind)g->kind), vb_service_name(vb, owner));
	return n;
}

void view_build_state(struct view_builder *vb)
{
	static const enum view_level ladder[] = { LEVEL_FUNCTION, LEVEL_FILE, LEVEL_DIR, LEVEL_SERVICE };
	const struct model *m = vb->m;
	bool *keep_global = xcalloc(m->globals.n + 1, sizeof(bool));
	size_t cap = vb->limit / 3 > 10 ? vb->limit / 3 : 10;
	size_t nglobals = pick_globals(vb, keep_global, cap);
	vb_choose_level(vb, ladder, 4, false, vb->limit > nglobals ? vb->limit - (unsigned)nglobals : 1);
	uint32_t *node_of_global = xmalloc((m->globals.n + 1) * sizeof(uint32_t));
	for (size_t g = 0; g < m->globals.n; g++)
		node_of_global[g] = keep_global[g] ? global_node(vb, (uint32_t)g) : MODEL_NONE;
	uint32_t *node_of_fn = xmalloc((m->functions.n + 1) * sizeof(uint32_t));
	for (size_t f = 0; f < m->functions.n; f++)
		node_of_fn[f] = vb->keep_fn[f] ? vb_function_node(vb, (uint32_t)f) : MODEL_NONE;
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *ac = &m->accesses.v[i];
		uint32_t g = node_of_global[ac->global], f = node_of_fn[ac->function];
		if (g == MODEL_NONE || f == MODEL_NONE)
			continue;
		if (ac->kind == ACCESS_READ)
			vb_edge(vb, g, f, EDGE_READ);
		else
			vb_edge(vb, f, g, EDGE_WRITE);
	}
	free(node_of_fn);
	free(node_of_global);
	free(keep_global);
	set_title(vb, "state: who writes (red) and reads (blue) which globals");
}

/* ---- files -------------------------------------------------------------- */

void view_build_files(struct view_builder *vb)
{
	static const enum view_level ladder[] = { LEVEL_FILE, LEVEL_DIR };
	const struct model *m = vb->m;
	for (size_t i = 0; i < m->files.n; i++)
		vb->keep_file[i] = vb_selected(vb, NULL, m->files.v[i].path);
	vb_choose_level(vb, ladder, 2, true, vb->limit);
	uint32_t *node_of = xmalloc((m->files.n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < m->files.n; i++)
		node_of[i] = vb->keep_file[i] ? vb_file_node(vb, (uint32_t)i) : MODEL_NONE;
	for (size_t f = 0; f < m->functions.n; f++)
		if (m->functions.v[f].defined && node_of[m->functions.v[f].file] != MODEL_NONE)
			vb_count_class(vb, node_of[m->functions.v[f].file], (enum fn_class)vb->a->fns[f].cls);
	for (size_t i = 0; i < m->includes.n; i++) {
		uint32_t from = node_of[m->includes.v[i].from], to = node_of[m->includes.v[i].to];
		if (from != MODEL_NONE && to != MODEL_NONE)
			vb_edge(vb, from, to, EDGE_INCLUDE);
	}
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		const uint32_t *t;
		uint32_t n = call_targets(vb, i, &t);
		for (uint32_t k = 0; k < n; k++) {
			uint32_t from = node_of[m->functions.v[c->caller].file], to = node_of[m->functions.v[t[k]].file];
			if (from != MODEL_NONE && to != MODEL_NONE && from != to)
				vb_edge(vb, from, to, EDGE_CALL);
		}
	}
	free(node_of);
	set_title(vb, "files: calls (solid) and includes (dashed)");
}
