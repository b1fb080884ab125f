/* boundaries.c — services from the communities clustering.c finds: files,
 * names, data ownership, cut costs, recommendations and metrics. How each
 * step decides is in docs/boundaries.md. */
#include "boundaries.h"
#include "clustering.h"
#include "fsutil.h"
#include "internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const recommendation_names[] = { "serverless", "microservice", "stateful-core" };
const char *recommendation_name(enum recommendation r) { return recommendation_names[r]; }

static const char *bstrf(struct boundaries *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *bstrf(struct boundaries *b, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	const char *r = arena_strdup(&b->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

/* ---- services ------------------------------------------------------------ */

static void assign_files(struct boundaries *b, const struct coupling *c, const uint32_t *part, uint32_t k)
{
	const struct model *m = b->m;
	for (size_t f = 0; f < m->functions.n; f++)
		b->fn_service[f] = c->unit_of_fn[f] == MODEL_NONE ? MODEL_NONE : part[c->unit_of_fn[f]];
	if (b->o.granularity == GRANULARITY_FILE) {
		for (size_t i = 0; i < m->files.n; i++)
			b->file_service[i] = part[i];
		return;
	}
	/* functions: a file goes where most of its functions went; a file with
	 * none (a header) where most of the files including it went */
	uint32_t *votes = xcalloc((size_t)k + 1, sizeof(uint32_t));
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->files.n; i++) {
			if (pass == 1 && b->file_service[i] != MODEL_NONE)
				continue;
			memset(votes, 0, ((size_t)k + 1) * sizeof(uint32_t));
			if (pass == 0) {
				for (size_t f = 0; f < m->functions.n; f++)
					if (m->functions.v[f].file == i && b->fn_service[f] != MODEL_NONE)
						votes[b->fn_service[f]]++;
			} else {
				for (size_t e = 0; e < m->includes.n; e++)
					if (m->includes.v[e].to == i && b->file_service[m->includes.v[e].from] != MODEL_NONE)
						votes[b->file_service[m->includes.v[e].from]]++;
			}
			uint32_t best = MODEL_NONE;
			for (uint32_t s = 0; s < k; s++)
				if (votes[s] && (best == MODEL_NONE || votes[s] > votes[best]))
					best = s;
			b->file_service[i] = best != MODEL_NONE ? best : (pass == 1 ? 0 : MODEL_NONE);
		}
	free(votes);
}

/* The folder holding most of a service's files, and how many it holds. */
static const char *dominant_dir(struct boundaries *b, const struct service *s, uint32_t *count)
{
	const char *best = NULL;
	*count = 0;
	for (size_t i = 0; i < s->files.n; i++) {
		char *d = path_dirname(b->m->files.v[s->files.v[i]].path);
		uint32_t n = 0;
		for (size_t j = 0; j < s->files.n; j++) {
			char *e = path_dirname(b->m->files.v[s->files.v[j]].path);
			n += strcmp(d, e) == 0;
			free(e);
		}
		if (n > *count || (n == *count && best && strcmp(d, best) < 0)) {
			*count = n;
			best = arena_strdup(&b->arena, d);
		}
		free(d);
	}
	return best ? best : ".";
}

static const char *stem_of(struct boundaries *b, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return arena_strndup(&b->arena, base, dot ? (size_t)(dot - base) : strlen(base));
}

static bool name_taken(const struct boundaries *b, size_t upto, const char *name)
{
	for (size_t i = 0; i < upto; i++)
		if (b->services[i].name && strcmp(b->services[i].name, name) == 0)
			return true;
	return false;
}

/* Named after the dominant folder (its last component), or the first
 * file's stem when that folder is the root or already names a service. */
static void name_services(struct boundaries *b, const char **pinned)
{
	for (size_t s = 0; s < b->nservices; s++) {
		struct service *sv = &b->services[s];
		if (pinned && pinned[s]) {
			sv->name = pinned[s];
			continue;
		}
		uint32_t n;
		const char *dir = dominant_dir(b, sv, &n);
		const char *last = strrchr(dir, '/');
		const char *name = strcmp(dir, ".") == 0 || !*dir ? NULL : (last ? last + 1 : dir);
		const char *first = sv->files.n ? b->m->files.v[sv->files.v[0]].path : "service";
		if (!name || name_taken(b, s, name))
			name = name ? bstrf(b, "%s-%s", name, stem_of(b, first))
				    : stem_of(b, first);
		for (int k = 2; name_taken(b, s, name); k++)
			name = bstrf(b, "%s-%d", name, k);
		sv->name = arena_strdup(&b->arena, name);
	}
}

static void add_unique(struct id_list *v, uint32_t x)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i] == x)
			return;
	VEC_PUSH(*v, x);
}

/* Every mutable global has one owner: the service whose functions use it
 * most (ties: the first service); a static local, its function's. Every
 * use from elsewhere is a cut. */
static void find_owners(struct boundaries *b)
{
	const struct model *m = b->m;
	size_t k = b->nservices;
	uint32_t *uses = xcalloc(m->globals.n * k + 1, sizeof(uint32_t));
	for (size_t i = 0; i < m->accesses.n; i++) {
		uint32_t s = b->fn_service[m->accesses.v[i].function];
		if (s != MODEL_NONE)
			uses[(size_t)m->accesses.v[i].global * k + s]++;
	}
	for (size_t g = 0; g < m->globals.n; g++) {
		const struct model_global *gl = &m->globals.v[g];
		b->owner[g] = MODEL_NONE;
		if (gl->is_const)
			continue;
		uint32_t best = b->file_service[gl->file];
		for (size_t s = 0; s < k; s++)
			if (uses[g * k + s] > (best == MODEL_NONE ? 0 : uses[g * k + best]))
				best = (uint32_t)s;
		if (gl->kind == GLOBAL_STATIC_LOCAL && gl->function != MODEL_NONE)
			best = b->fn_service[gl->function];
		b->owner[g] = best;
		if (best != MODEL_NONE)
			VEC_PUSH(b->services[best].owned, (uint32_t)g);
	}
	free(uses);
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *ac = &m->accesses.v[i];
		uint32_t user = b->fn_service[ac->function], own = b->owner[ac->global];
		if (own != MODEL_NONE && user != MODEL_NONE && user != own) {
			struct state_cut cut = { (uint32_t)i, own, user };
			VEC_PUSH(b->state_cuts, cut);
		}
	}
}

/* What the arguments of a call would carry over a network: pointers to
 * structs (marshalling), callbacks (impossible), variadic lists. */
static const char *carries(struct boundaries *b, const char *type)
{
	const char *open = type ? strchr(type, '(') : NULL;
	if (!open)
		return "";
	struct strbuf sb = STRBUF_INIT;
	const char *p = open + 1;
	while (*p && *p != ')') {
		const char *start = p;
		int depth = 0;
		while (*p && (depth > 0 || (*p != ',' && *p != ')'))) {
			depth += *p == '(';
			depth -= *p == ')';
			p++;
		}
		char *param = strndup(start, (size_t)(p - start));
		const char *what = NULL;
		if (strstr(param, "(*)"))
			what = "callback";
		else if (strstr(param, "..."))
			what = "variadic arguments";
		else if (strstr(param, "struct ") && strchr(param, '*'))
			what = param;
		if (what) {
			const char *t = what == param ? param + strspn(param, " ") : what;
			if (what == param && strncmp(t, "const ", 6) == 0)
				t += 6;
			strbuf_addf(&sb, "%s%s%s", sb.len ? ", " : "", what == param ? "pointer to " : "", t);
			if (what == param && sb.len && sb.buf[sb.len - 1] == '*') {
				sb.len--;
				while (sb.len && sb.buf[sb.len - 1] == ' ')
					sb.len--;
				sb.buf[sb.len] = '\0';
			}
		}
		free(param);
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	const char *r = arena_strdup(&b->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

static void cross_call(struct boundaries *b, uint32_t call, uint32_t callee)
{
	uint32_t from = b->fn_service[b->m->calls.v[call].caller], to = b->fn_service[callee];
	if (from == MODEL_NONE || to == MODEL_NONE || from == to)
		return;
	b->services[from].calls_out++;
	b->services[to].calls_in++;
	add_unique(&b->services[to].api, callee);
	struct call_cut cut = { call, callee, from, to, carries(b, b->m->functions.v[callee].type) };
	VEC_PUSH(b->call_cuts, cut);
}

static void find_crossings(struct boundaries *b)
{
	const struct model *m = b->m;
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		if (!c->indirect) {
			cross_call(b, (uint32_t)i, c->callee);
			continue;
		}
		const struct call_targets *t = &b->a->calls[i];
		for (uint32_t k = 0; t->how == RESOLVED_TABLE && k < t->ntargets; k++)
			cross_call(b, (uint32_t)i, t->targets[k]);
	}
}

/* ---- recommendations ------------------------------------------------------ */

/* How far cross-service calls go from a service: the largest number of
 * service hops on a shortest path (breadth-first over the service graph). */
static uint32_t chain_depth(const struct boundaries *b, uint32_t s, uint32_t *far)
{
	size_t k = b->nservices;
	bool *adj = xcalloc(k * k + 1, sizeof(bool));
	for (size_t i = 0; i < b->call_cuts.n; i++)
		adj[b->call_cuts.v[i].from * k + b->call_cuts.v[i].to] = true;
	uint32_t *dist = xcalloc(k + 1, sizeof(uint32_t)), *queue = xcalloc(k + 1, sizeof(uint32_t));
	for (size_t i = 0; i < k; i++)
		dist[i] = MODEL_NONE;
	size_t head = 0, tail = 0;
	dist[s] = 0;
	queue[tail++] = s;
	uint32_t depth = 0;
	*far = s;
	while (head < tail) {
		uint32_t u = queue[head++];
		for (uint32_t v = 0; v < k; v++)
			if (adj[u * k + v] && dist[v] == MODEL_NONE) {
				dist[v] = dist[u] + 1;
				queue[tail++] = v;
				if (dist[v] > depth) {
					depth = dist[v];
					*far = v;
				}
			}
	}
	free(adj);
	free(dist);
	free(queue);
	return depth;
}

static void recommend(struct boundaries *b, uint32_t s)
{
	struct service *sv = &b->services[s];
	const struct model *m = b->m;
	uint32_t shared = 0, state = 0;
	const char *shared_name = NULL;
	for (size_t i = 0; i < sv->owned.n; i++) {
		uint32_t g = sv->owned.v[i];
		if (b->a->config[g])
			continue;
		state++;
		for (size_t c = 0; c < b->state_cuts.n; c++)
			if (m->accesses.v[b->state_cuts.v[c].access].global == g) {
				shared++;
				shared_name = m->globals.v[g].name;
				break;
			}
	}
	bool long_running = sv->classes[CLASS_LONG_RUNNING] > 0;
	bool stateful = sv->classes[CLASS_STATEFUL] > 0 || state > 0;
	if (shared)
		sv->recommendation = RECOMMEND_STATEFUL_CORE;
	else if (long_running || stateful || sv->classes[CLASS_UNKNOWN])
		sv->recommendation = RECOMMEND_MICROSERVICE;
	else
		sv->recommendation = RECOMMEND_SERVERLESS;

	uint32_t targets = 0;
	for (size_t t = 0; t < b->nservices; t++) {
		bool calls = false;
		for (size_t c = 0; c < b->call_cuts.n && !calls; c++)
			calls = b->call_cuts.v[c].from == s && b->call_cuts.v[c].to == t;
		targets += calls;
	}
	VEC_PUSH(sv->reasons, bstrf(b, "build and deploy: %zu files, %zu functions; calls %u other services "
				       "(%u call sites), called %u times, its API has %zu functions",
				       sv->files.n, sv->functions.n, targets, sv->calls_out, sv->calls_in, sv->api.n));
	uint32_t far, depth = chain_depth(b, s, &far);
	VEC_PUSH(sv->reasons, depth ? bstrf(b, "observability: cross-service call chains from here reach %u "
					     "services deep (to %s): trace across them", depth,
					     b->services[far].name)
				  : bstrf(b, "observability: no calls into other services"));
	VEC_PUSH(sv->reasons,
		 bstrf(b, "scaling and cost: %u pure, %u stateless, %u config, %u unknown, %u stateful, %u long-running "
			  "functions; owns %u pieces of mutable state%s%s%s", sv->classes[CLASS_PURE],
		       sv->classes[CLASS_STATELESS], sv->classes[CLASS_CONFIG], sv->classes[CLASS_UNKNOWN],
		       sv->classes[CLASS_STATEFUL], sv->classes[CLASS_LONG_RUNNING], state,
		       shared ? ", used by other services too (" : "", shared ? shared_name : "", shared ? ", ...)" : ""));
	uint32_t n;
	const char *dir = dominant_dir(b, sv, &n);
	VEC_PUSH(sv->reasons, bstrf(b, "ownership: folder %s holds %u of its %zu files", dir, n, sv->files.n));
}

/* ---- metrics and the run -------------------------------------------------- */

static void compute_metrics(struct boundaries *b, const struct coupling *c, const uint32_t *part)
{
	const struct model *m = b->m;
	partition_metrics_compute(&b->proposal, m, b->a, b->fn_service, (uint32_t)b->nservices, part, c->nunits);
	uint32_t *file_dir = xcalloc(m->files.n + 1, sizeof(uint32_t));
	uint32_t ndirs = folder_index(m, file_dir);
	uint32_t *fn_dir = xcalloc(m->functions.n + 1, sizeof(uint32_t));
	uint32_t *unit_dir = xcalloc(c->nunits + 1, sizeof(uint32_t));
	for (size_t f = 0; f < m->functions.n; f++) {
		fn_dir[f] = c->unit_of_fn[f] == MODEL_NONE ? MODEL_NONE : file_dir[m->functions.v[f].file];
		if (c->unit_of_fn[f] != MODEL_NONE)
			unit_dir[c->unit_of_fn[f]] = fn_dir[f];
	}
	partition_metrics_compute(&b->baseline, m, b->a, fn_dir, ndirs,
				  b->o.granularity == GRANULARITY_FILE ? file_dir : unit_dir, c->nunits);
	free(file_dir);
	free(fn_dir);
	free(unit_dir);
}

static void build_services(struct boundaries *b, const uint32_t *part, uint32_t k, const char **pinned,
			   const struct coupling *c)
{
	const struct model *m = b->m;
	b->nservices = k;
	b->services = arena_alloc(&b->arena, ((size_t)k + 1) * sizeof(*b->services));
	assign_files(b, c, part, k);
	for (size_t i = 0; i < m->files.n; i++)
		if (b->file_service[i] != MODEL_NONE)
			VEC_PUSH(b->services[b->file_service[i]].files, (uint32_t)i);
	for (size_t f = 0; f < m->functions.n; f++)
		if (b->fn_service[f] != MODEL_NONE) {
			VEC_PUSH(b->services[b->fn_service[f]].functions, (uint32_t)f);
			b->services[b->fn_service[f]].classes[b->a->fns[f].cls]++;
		}
	name_services(b, pinned);
	find_owners(b);
	find_crossings(b);
	for (uint32_t s = 0; s < k; s++)
		recommend(b, s);
}

void boundaries_run(struct boundaries *b, const struct model *m, const struct analysis *a,
		    const struct boundary_options *o)
{
	memset(b, 0, sizeof(*b));
	arena_init(&b->arena);
	b->m = m;
	b->a = a;
	b->o = *o;
	b->file_service = arena_alloc(&b->arena, (m->files.n + 1) * sizeof(uint32_t));
	b->fn_service = arena_alloc(&b->arena, (m->functions.n + 1) * sizeof(uint32_t));
	b->owner = arena_alloc(&b->arena, (m->globals.n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < m->files.n; i++)
		b->file_service[i] = MODEL_NONE;
	struct coupling c = { 0 };
	build_coupling(&c, b);
	uint32_t *part = xcalloc(c.nunits + 1, sizeof(uint32_t));
	const char **pinned = NULL;
	uint32_t k = cluster_units(b, &c, part, &pinned);
	build_services(b, part, k, pinned, &c);
	compute_metrics(b, &c, part);
	free(pinned);
	free(part);
	coupling_release(&c);
}

void boundaries_release(struct boundaries *b)
{
	for (size_t s = 0; s < b->nservices; s++) {
		struct service *sv = &b->services[s];
		VEC_FREE(sv->files);
		VEC_FREE(sv->functions);
		VEC_FREE(sv->owned);
		VEC_FREE(sv->api);
		VEC_FREE(sv->reasons);
	}
	VEC_FREE(b->state_cuts);
	VEC_FREE(b->call_cuts);
	arena_release(&b->arena);
}