/* check.c — the architecture rules over a report */
#include "check.h"
#include "hashmap.h"
#include <fnmatch.h>
#include <igraph.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct ctx {
	struct check_result *res;
	const struct arch_config *c;
	const struct report_view *v;
	int *file_service;                 /* per report file: service index or -1 */
	struct hashmap pairs;              /* "rule a b" -> violation index, to aggregate */
};

static const char *fmt(struct ctx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(struct ctx *x, const char *f, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, f);
	strbuf_vaddf(&sb, f, ap);
	va_end(ap);
	const char *s = arena_strdup(&x->res->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

static int file_service(const struct ctx *x, uint32_t file_id)
{
	return file_id == RV_NO_FILE ? -1 : x->file_service[file_id];
}

static int fn_service(const struct ctx *x, uint32_t f)
{
	return file_service(x, x->v->functions.v[f].file_id);
}

static const char *svc_name(const struct ctx *x, int s)
{
	return x->c->services.v[s].name;
}

/* "file:name": how fingerprints name a function or a global. */
static const char *fn_key(struct ctx *x, uint32_t f)
{
	return fmt(x, "%s:%s", x->v->functions.v[f].file, x->v->functions.v[f].name);
}

static const char *global_key(struct ctx *x, uint32_t g)
{
	return fmt(x, "%s:%s", x->v->globals.v[g].file, x->v->globals.v[g].name);
}

/* Adds a violation, or returns the one with the same fingerprint. */
static struct violation *add(struct ctx *x, enum rule_id r, const char *fingerprint, bool *fresh)
{
	uint32_t i;
	const char *fp = fmt(x, "%s %s", rule_name(r), fingerprint);
	*fresh = !hashmap_get(&x->pairs, fp, &i);
	if (*fresh) {
		struct violation v = { .rule = r, .severity = x->c->severity[r], .fingerprint = fp };
		i = (uint32_t)x->res->violations.n;
		VEC_PUSH(x->res->violations, v);
		hashmap_put(&x->pairs, fp, i);
	}
	return &x->res->violations.v[i];
}

static void locate(struct violation *v, const struct rv_site *s)
{
	v->file = s->file;
	v->line = s->line;
	v->column = s->column;
}

/* ---- cross-service-state ------------------------------------------------- */

struct state_use {
	unsigned sites;
	bool kind[3];                     /* write, read, address */
};

static const char *kinds_text(struct ctx *x, const struct state_use *u)
{
	static const char *const words[3] = { "writes", "reads", "takes the address of" };
	struct strbuf sb = STRBUF_INIT;
	for (int k = 0; k < 3; k++)
		if (u->kind[k])
			strbuf_addf(&sb, "%s%s", sb.len ? " and " : "", words[k]);
	const char *s = arena_strdup(&x->res->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

static void state_message(struct ctx *x, struct violation *v, const struct rv_site *a, int fs, int gs,
			  const struct state_use *u)
{
	const struct rv_function *f = &x->v->functions.v[a->from];
	const struct rv_global *g = &x->v->globals.v[a->to];
	v->message = fmt(x, "'%s' (service %s) %s '%s', owned by service %s (%u site%s); call an API function "
			 "of %s instead, or move '%s' or '%s' so that one service holds both",
			 f->name, svc_name(x, fs), kinds_text(x, u), g->name, svc_name(x, gs), u->sites,
			 u->sites == 1 ? "" : "s", svc_name(x, gs), g->name, f->name);
}

static void rule_cross_service_state(struct ctx *x)
{
	const struct report_view *v = x->v;
	VEC(struct state_use) uses = { 0 };
	for (size_t i = 0; i < v->accesses.n; i++) {
		const struct rv_site *a = &v->accesses.v[i];
		const struct rv_global *g = &v->globals.v[a->to];
		int fs = fn_service(x, a->from), gs = file_service(x, g->file_id);
		if (fs < 0 || gs < 0 || fs == gs || g->is_const || !g->defined)
			continue;
		int kind = strcmp(a->kind, "write") == 0 ? 0 : strcmp(a->kind, "read") == 0 ? 1 : 2;
		if (kind == 1 && g->config && x->c->allow_config_reads)
			continue;
		bool fresh;
		struct violation *vi = add(x, RULE_CROSS_SERVICE_STATE,
					   fmt(x, "%s %s", fn_key(x, a->from), global_key(x, a->to)), &fresh);
		size_t idx = (size_t)(vi - x->res->violations.v);
		if (fresh)
			locate(vi, a);
		struct state_use none = { 0 };
		while (uses.n <= idx)
			VEC_PUSH(uses, none);
		uses.v[idx].sites++;
		uses.v[idx].kind[kind] = true;
		state_message(x, vi, a, fs, gs, &uses.v[idx]);
	}
	VEC_FREE(uses);
}

/* ---- undeclared-api-call --------------------------------------------------- */

static const char *api_list(struct ctx *x, const struct arch_service *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < s->api.n && i < 5; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", s->api.v[i]);
	if (s->api.n > 5)
		strbuf_addstr(&sb, ", ...");
	const char *r = arena_strdup(&x->res->arena, sb.len ? strbuf_str(&sb) : "none declared");
	strbuf_release(&sb);
	return r;
}

static void rule_undeclared_api_call(struct ctx *x)
{
	const struct report_view *v = x->v;
	VEC(unsigned) sites = { 0 };
	for (size_t i = 0; i < v->calls.n; i++) {
		const struct rv_site *c = &v->calls.v[i];
		int fs = fn_service(x, c->from), ts = fn_service(x, c->to);
		const char *callee = v->functions.v[c->to].name;
		if (fs < 0 || ts < 0 || fs == ts || arch_service_exports(&x->c->services.v[ts], callee))
			continue;
		bool fresh;
		struct violation *vi = add(x, RULE_UNDECLARED_API_CALL,
					   fmt(x, "%s %s", fn_key(x, c->from), fn_key(x, c->to)), &fresh);
		size_t idx = (size_t)(vi - x->res->violations.v);
		if (fresh)
			locate(vi, c);
		while (sites.n <= idx)
			VEC_PUSH(sites, 0u);
		sites.v[idx]++;
		vi->message = fmt(x, "'%s' (service %s) calls '%s' of service %s, which is not in its declared "
				  "API (%u site%s); call one of %s's API functions (%s), or add '%s' to its \"api\" "
				  "in seam.json", v->functions.v[c->from].name, svc_name(x, fs), callee,
				  svc_name(x, ts), sites.v[idx], sites.v[idx] == 1 ? "" : "s", svc_name(x, ts),
				  api_list(x, &x->c->services.v[ts]), callee);
	}
	VEC_FREE(sites);
}

/* ---- serverless-stateful ----------------------------------------------------- */

static bool fits_serverless(const char *cls)
{
	return strcmp(cls, "pure") == 0 || strcmp(cls, "stateless") == 0 || strcmp(cls, "config") == 0;
}

static void serverless_violation(struct ctx *x, uint32_t i)
{
	const struct rv_function *f = &x->v->functions.v[i];
	bool fresh;
	struct violation *vi = add(x, RULE_SERVERLESS_STATEFUL, fn_key(x, i), &fresh);
	vi->file = f->file;
	vi->line = f->line;
	vi->column = 1;
	struct strbuf chain = STRBUF_INIT;
	vi->nrelated = f->evidence.n;
	vi->related = arena_alloc(&x->res->arena, (f->evidence.n + 1) * sizeof(*vi->related));
	for (size_t k = 0; k < f->evidence.n; k++) {
		const struct rv_step *s = &f->evidence.v[k];
		const char *in = x->v->functions.v[s->function].name;
		vi->related[k] = (struct related_location){ s->file, s->line, fmt(x, "%s %s", in, s->what) };
		strbuf_addf(&chain, "%s%s %s (%s:%u)", k ? " -> " : "", in, s->what, s->file, s->line);
	}
	vi->message = fmt(x, "'%s' is designated serverless but is %s: %s; remove that state or I/O (pass it in "
			  "as a parameter, or move it behind a service call), or take '%s' off \"serverless\" "
			  "in seam.json", f->name, f->cls, chain.len ? strbuf_str(&chain) : "no evidence recorded",
			  f->name);
	strbuf_release(&chain);
}

static void rule_serverless_stateful(struct ctx *x)
{
	const struct report_view *v = x->v;
	for (size_t p = 0; p < x->c->serverless.n; p++) {
		bool any = false;
		for (size_t i = 0; i < v->functions.n && !any; i++)
			any = v->functions.v[i].defined &&
			      fnmatch(x->c->serverless.v[p], v->functions.v[i].name, 0) == 0;
		if (!any)
			VEC_PUSH(x->res->notes, fmt(x, "%s: \"serverless\" entry '%s' matches no function defined in "
						    "the project", x->c->path, x->c->serverless.v[p]));
	}
	for (size_t i = 0; i < v->functions.n; i++) {
		const struct rv_function *f = &v->functions.v[i];
		if (f->defined && arch_config_is_serverless(x->c, f->name) && !arch_config_excluded(x->c, f->file) &&
		    !fits_serverless(f->cls))
			serverless_violation(x, (uint32_t)i);
	}
}

/* ---- new-mutable-global ------------------------------------------------------- */

static void rule_new_mutable_global(struct ctx *x)
{
	const struct report_view *v = x->v;
	for (size_t i = 0; i < v->globals.n; i++) {
		const struct rv_global *g = &v->globals.v[i];
		if (g->is_const || !g->defined || !arch_globs_match(&x->c->state_free, g->file) ||
		    arch_config_excluded(x->c, g->file))
			continue;
		bool fresh;
		struct violation *vi = add(x, RULE_NEW_MUTABLE_GLOBAL, global_key(x, (uint32_t)i), &fresh);
		vi->file = g->file;
		vi->line = g->line;
		vi->column = 1;
		vi->message = fmt(x, "mutable %s '%s' in a file where seam.json allows no mutable globals; make it "
				  "const, pass the state in a context parameter, or move it to a service that owns "
				  "state", g->kind, g->name);
	}
}

/* ---- service-cycle and coupling-threshold: the service dependency graph ------ */

struct dep {
	bool any;
	struct rv_site site;              /* the first site that makes the dependency */
	const char *what;                 /* "calls 'f' -> 'g'" or "accesses 'g'" */
};

/* deps[a * n + b]: service a depends on service b (calls it or uses its state). */
static struct dep *service_deps(struct ctx *x, bool calls_only)
{
	size_t n = x->c->services.n;
	struct dep *deps = xcalloc(n * n + 1, sizeof(*deps));
	const struct report_view *v = x->v;
	for (size_t i = 0; i < v->calls.n; i++) {
		const struct rv_site *c = &v->calls.v[i];
		int a = fn_service(x, c->from), b = fn_service(x, c->to);
		if (a >= 0 && b >= 0 && a != b && !deps[a * n + b].any)
			deps[a * n + b] = (struct dep){ true, *c, fmt(x, "'%s' calls '%s'", v->functions.v[c->from].name,
								     v->functions.v[c->to].name) };
	}
	for (size_t i = 0; i < v->accesses.n && !calls_only; i++) {
		const struct rv_site *s = &v->accesses.v[i];
		const struct rv_global *g = &v->globals.v[s->to];
		int a = fn_service(x, s->from), b = file_service(x, g->file_id);
		if (a >= 0 && b >= 0 && a != b && !g->is_const && g->defined && !deps[a * n + b].any)
			deps[a * n + b] = (struct dep){ true, *s, fmt(x, "'%s' uses '%s'", v->functions.v[s->from].name,
								     g->name) };
	}
	return deps;
}

/* One cycle through `start` inside its component: start -> next -> ... -> start. */
static void cycle_path(const igraph_t *g, igraph_integer_t start, const igraph_vector_int_t *memb,
		       igraph_vector_int_t *path)
{
	igraph_vector_int_t nb;
	igraph_vector_int_init(&nb, 0);
	igraph_neighbors(g, &nb, start, IGRAPH_OUT);
	igraph_vector_int_sort(&nb);
	igraph_integer_t next = start;
	for (igraph_integer_t k = 0; k < igraph_vector_int_size(&nb) && next == start; k++)
		if (VECTOR(*memb)[VECTOR(nb)[k]] == VECTOR(*memb)[start])
			next = VECTOR(nb)[k];
	igraph_get_shortest_path(g, path, NULL, next, start, IGRAPH_OUT);
	igraph_vector_int_insert(path, 0, start);
	igraph_vector_int_destroy(&nb);
}

static void cycle_violation(struct ctx *x, const struct dep *deps, const igraph_vector_int_t *path,
			    const igraph_vector_int_t *memb, igraph_integer_t comp)
{
	size_t n = x->c->services.n;
	struct strbuf members = STRBUF_INIT, chain = STRBUF_INIT, why = STRBUF_INIT;
	igraph_integer_t size = 0;
	for (size_t s = 0; s < n; s++)
		if (VECTOR(*memb)[s] == comp) {
			strbuf_addf(&members, "%s%s", members.len ? "," : "", svc_name(x, (int)s));
			size++;
		}
	const struct dep *first = NULL;
	for (igraph_integer_t k = 0; k + 1 < igraph_vector_int_size(path); k++) {
		igraph_integer_t a = VECTOR(*path)[k], b = VECTOR(*path)[k + 1];
		const struct dep *d = &deps[a * (igraph_integer_t)n + b];
		first = first ? first : d;
		strbuf_addf(&chain, "%s -> ", svc_name(x, (int)a));
		strbuf_addf(&why, "%s%s (%s:%u)", why.len ? "; " : "", d->what, d->site.file, d->site.line);
	}
	strbuf_addstr(&chain, svc_name(x, (int)VECTOR(*path)[0]));
	bool fresh;
	struct violation *vi = add(x, RULE_SERVICE_CYCLE, strbuf_str(&members), &fresh);
	locate(vi, &first->site);
	if (size + 1 > igraph_vector_int_size(path))
		strbuf_addf(&why, "; %ld services depend on each other through such cycles: %s", (long)size,
			    strbuf_str(&members));
	vi->message = fmt(x, "services depend on each other in a cycle: %s (%s); break the cycle by moving what "
			  "one side needs to the other, or invert a dependency with a callback or an event",
			  strbuf_str(&chain), strbuf_str(&why));
	strbuf_release(&members);
	strbuf_release(&chain);
	strbuf_release(&why);
}

static void rule_service_cycle(struct ctx *x)
{
	size_t n = x->c->services.n;
	struct dep *deps = service_deps(x, false);
	igraph_vector_int_t edges, memb, path;
	igraph_vector_int_init(&edges, 0);
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++)
			if (deps[a * n + b].any) {
				igraph_vector_int_push_back(&edges, (igraph_integer_t)a);
				igraph_vector_int_push_back(&edges, (igraph_integer_t)b);
			}
	igraph_t g;
	igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
	igraph_vector_int_init(&memb, 0);
	igraph_vector_int_init(&path, 0);
	igraph_integer_t ncomp = 0;
	igraph_connected_components(&g, &memb, NULL, &ncomp, IGRAPH_STRONG);
	VEC(bool) done = { 0 };
	for (igraph_integer_t c = 0; c < ncomp; c++)
		VEC_PUSH(done, false);
	for (size_t s = 0; s < n; s++) { /* the lowest-numbered service of each component starts its cycle */
		igraph_integer_t c = VECTOR(memb)[s];
		if (done.v[c])
			continue;
		done.v[c] = true;
		cycle_path(&g, (igraph_integer_t)s, &memb, &path);
		if (igraph_vector_int_size(&path) > 2)
			cycle_violation(x, deps, &path, &memb, c);
	}
	VEC_FREE(done);
	igraph_vector_int_destroy(&path);
	igraph_vector_int_destroy(&memb);
	igraph_vector_int_destroy(&edges);
	igraph_destroy(&g);
	free(deps);
}

/* ICP over the declared services: crossing call sites / call sites between
 * functions of declared services (reported whether or not the rule is on). */
static void measure_icp(struct ctx *x, size_t *inside, size_t *crossing)
{
	report_view_coupling(x->v, x->file_service, x->c->services.n, inside, crossing, NULL);
	x->res->icp = *inside ? (double)*crossing / (double)*inside : 0;
}

static void rule_coupling_threshold(struct ctx *x)
{
	size_t n = x->c->services.n, inside, crossing;
	measure_icp(x, &inside, &crossing);
	bool fresh;
	if (x->c->max_icp >= 0 && x->res->icp > x->c->max_icp + 1e-9) {
		struct violation *vi = add(x, RULE_COUPLING_THRESHOLD, "icp", &fresh);
		*vi = (struct violation){ vi->rule, vi->severity, NULL, vi->fingerprint, x->c->path,
					  x->c->max_icp_pos.line, x->c->max_icp_pos.col, true, false, 0, NULL };
		vi->message = fmt(x, "%zu of %zu calls between the declared services cross a service boundary "
				  "(ICP %.3f, limit %.3f); move the functions that call across most into the service "
				  "they call, or raise max_icp if this coupling is intended",
				  crossing, inside, x->res->icp, x->c->max_icp);
	}
	if (x->c->max_fan_out < 0)
		return;
	struct dep *deps = service_deps(x, true);
	for (size_t a = 0; a < n; a++) {
		int fan = 0;
		struct strbuf callees = STRBUF_INIT;
		for (size_t b = 0; b < n; b++)
			if (deps[a * n + b].any) {
				fan++;
				strbuf_addf(&callees, "%s%s", callees.len ? ", " : "", svc_name(x, (int)b));
			}
		if (fan > x->c->max_fan_out) {
			struct violation *vi = add(x, RULE_COUPLING_THRESHOLD, fmt(x, "fan-out %s", svc_name(x, (int)a)),
						   &fresh);
			const struct arch_pos *p = &x->c->services.v[a].pos;
			*vi = (struct violation){ vi->rule, vi->severity, NULL, vi->fingerprint, x->c->path,
						  p->line, p->col, true, false, 0, NULL };
			vi->message = fmt(x, "service %s calls %d other services (%s), more than max_fan_out %d; "
					  "merge it with the services it depends on most, or split what calls out",
					  svc_name(x, (int)a), fan, strbuf_str(&callees), x->c->max_fan_out);
		}
		strbuf_release(&callees);
	}
	free(deps);
}

static void rule_unparsed_file(struct ctx *x)
{
	for (size_t i = 0; i < x->v->files.n; i++) {
		const struct rv_file *f = &x->v->files.v[i];
		if (!f->tu || f->parsed || arch_config_excluded(x->c, f->path))
			continue;
		bool fresh;
		struct violation *vi = add(x, RULE_UNPARSED_FILE, f->path, &fresh);
		vi->file = f->path;
		vi->line = 1;
		vi->column = 1;
		vi->message = fmt(x, "libclang could not parse all of '%s' (%u error%s%s%s), so the checks did not see "
				  "all of it; fix its compile command (include paths, defines) or the syntax error",
				  f->path, f->errors, f->errors == 1 ? "" : "s", f->first_message ? ", first: " : "",
				  f->first_message ? f->first_message : "");
	}
}

/* ---- the run ---------------------------------------------------------------- */

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_violation(const void *pa, const void *pb)
{
	const struct violation *a = pa, *b = pb;
	int c = (int)a->in_config - (int)b->in_config;
	if (!c)
		c = cmp_str(a->file, b->file);
	if (!c)
		c = (a->line > b->line) - (a->line < b->line);
	if (!c)
		c = (a->column > b->column) - (a->column < b->column);
	if (!c)
		c = (int)a->rule - (int)b->rule;
	return c ? c : strcmp(a->fingerprint, b->fingerprint);
}

static void map_files(struct ctx *x)
{
	x->file_service = xcalloc(x->v->files.n + 1, sizeof(int));
	for (size_t i = 0; i < x->v->files.n; i++) {
		const char *path = x->v->files.v[i].path;
		x->file_service[i] = arch_config_service_of(x->c, path);
		x->res->files_unassigned += x->file_service[i] < 0 && !arch_config_excluded(x->c, path);
	}
	for (size_t s = 0; s < x->c->services.n; s++) {
		bool any = false;
		for (size_t i = 0; i < x->v->files.n && !any; i++)
			any = x->file_service[i] == (int)s;
		if (!any)
			VEC_PUSH(x->res->notes, fmt(x, "%s:%u:%u: service %s matches no file of the report", x->c->path,
						    x->c->services.v[s].pos.line, x->c->services.v[s].pos.col,
						    x->c->services.v[s].name));
	}
}

void check_run(struct check_result *res, const struct arch_config *c, const struct report_view *v)
{
	memset(res, 0, sizeof(*res));
	arena_init(&res->arena);
	struct ctx x = { .res = res, .c = c, .v = v };
	hashmap_init(&x.pairs, false);
	res->config_path = arena_strdup(&res->arena, c->path ? c->path : "seam.json");
	res->root = arena_strdup(&res->arena, v->root ? v->root : "");
	memcpy(res->severity, c->severity, sizeof(res->severity));
	map_files(&x);
	size_t inside, crossing;
	measure_icp(&x, &inside, &crossing);
	static void (*const rules[RULE_COUNT])(struct ctx *) = {
		[RULE_CROSS_SERVICE_STATE] = rule_cross_service_state,
		[RULE_UNDECLARED_API_CALL] = rule_undeclared_api_call,
		[RULE_SERVERLESS_STATEFUL] = rule_serverless_stateful,
		[RULE_NEW_MUTABLE_GLOBAL] = rule_new_mutable_global,
		[RULE_SERVICE_CYCLE] = rule_service_cycle,
		[RULE_COUPLING_THRESHOLD] = rule_coupling_threshold,
		[RULE_UNPARSED_FILE] = rule_unparsed_file,
	};
	for (int r = 0; r < RULE_COUNT; r++)
		if (c->severity[r] != SEVERITY_OFF)
			rules[r](&x);
	/* strings the violations point to must outlive the report and config */
	for (size_t i = 0; i < res->violations.n; i++) {
		struct violation *vi = &res->violations.v[i];
		vi->file = vi->file ? arena_strdup(&res->arena, vi->file) : NULL;
		for (size_t k = 0; k < vi->nrelated; k++)
			vi->related[k].file = arena_strdup(&res->arena, vi->related[k].file);
	}
	if (res->violations.n > 1)
		qsort(res->violations.v, res->violations.n, sizeof(*res->violations.v), cmp_violation);
	hashmap_release(&x.pairs);
	free(x.file_service);
}

void check_result_release(struct check_result *res)
{
	VEC_FREE(res->violations);
	VEC_FREE(res->stale);
	VEC_FREE(res->notes);
	arena_release(&res->arena);
}

unsigned check_count(const struct check_result *res, enum severity s, bool known)
{
	unsigned n = 0;
	for (size_t i = 0; i < res->violations.n; i++)
		n += res->violations.v[i].severity == s && res->violations.v[i].known == known;
	return n;
}
