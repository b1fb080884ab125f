/* entries.c — entry points (main, dispatch-table handlers, signal handlers,
 * thread start routines, registered callbacks, exported roots) and the
 * ranking of serverless candidates among them. */
#include "internal.h"
#include <math.h>
#include <string.h>

static const char *const entry_names[] = {
	"none", "main", "signal-handler", "thread-start", "dispatch-table", "callback", "exported",
};
static const char *const resolution_names[] = { "none", "table", "type" };

const char *entry_kind_name(enum entry_kind k) { return entry_names[k]; }
const char *resolution_name(enum resolution r) { return resolution_names[r]; }

static bool in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Library calls that take a function but are not registrations. */
static const char *const not_registration[] = {
	"qsort", "bsearch", "lfind", "lsearch", "tsearch", "tfind", "tdelete", "twalk", "qsort_r", NULL
};
static const char *const signal_calls[] = { "signal", "sigset", "bsd_signal", "sysv_signal", NULL };
static const char *const signal_fields[] = { "sa_handler", "sa_sigaction", NULL };
static const char *const thread_calls[] = { "pthread_create", "thrd_create", NULL };

static bool registration_name(const char *call)
{
	static const char *const words[] = { "register", "subscribe", "atexit", "on_exit", "callback",
					     "hook", "handler", "listen", NULL };
	for (const char *const *w = words; *w; w++)
		if (strstr(call, *w))
			return true;
	return false;
}

static enum entry_kind ref_kind(const struct analysis_work *w, const struct model_ref *r)
{
	const struct model *m = w->a->m;
	if (in_list(r->call, signal_calls) || in_list(r->field, signal_fields))
		return ENTRY_SIGNAL_HANDLER;
	if (in_list(r->call, thread_calls))
		return ENTRY_THREAD_START;
	if (r->from_kind == REF_GLOBAL)  /* an array of handlers, or one ops struct (a vtable) */
		return strchr(m->globals.v[r->from].type, '[') ? ENTRY_DISPATCH_TABLE : ENTRY_CALLBACK;
	if (r->call && !in_list(r->call, not_registration)) {
		uint32_t id;
		bool project = hashmap_get(&w->defined_names, r->call, &id);
		if (!project || registration_name(r->call))
			return ENTRY_CALLBACK;
	}
	return ENTRY_NONE;
}

/* Ranks: the lower, the stronger the evidence that this is an entry. */
static int rank(enum entry_kind k)
{
	static const int r[] = { 99, 0, 1, 2, 3, 4, 5 };
	return r[k];
}

void find_entries(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	for (size_t i = 0; i < m->refs.n; i++) {
		const struct model_ref *r = &m->refs.v[i];
		enum entry_kind k = ref_kind(w, r);
		struct fn_analysis *fa = &w->a->fns[r->function];
		if (k != ENTRY_NONE && rank(k) < rank((enum entry_kind)fa->entry))
			fa->entry = (uint8_t)k;
	}
	for (size_t f = 0; f < m->functions.n; f++) {
		const struct model_function *fn = &m->functions.v[f];
		struct fn_analysis *fa = &w->a->fns[f];
		if (!fn->defined)
			continue;
		if (fn->linkage == LINKAGE_EXTERN && strcmp(fn->name, "main") == 0)
			fa->entry = ENTRY_MAIN;
		else if (fa->entry == ENTRY_NONE && fn->linkage != LINKAGE_STATIC && !fn->address_taken &&
			 w->g.in_start[f] == w->g.in_start[f + 1])
			fa->entry = ENTRY_EXPORTED;
	}
}

/* ---- candidates ---------------------------------------------------------- */

/* A breadth-first walk of the calls from one function. fns[0..head) are
 * done (their lines counted, their callees discovered); fns[head..n) are
 * found but not yet expanded. */
struct closure {
	VEC_U32 fns;
	size_t head;
	uint32_t lines;
};

static void closure_start(uint32_t f, bool *seen, struct closure *c)
{
	c->fns.n = 0;
	c->head = 0;
	c->lines = 0;
	VEC_PUSH(c->fns, f);
	seen[f] = true;
}

/* Expands the next function; false when the closure is complete. */
static bool closure_step(const struct analysis_work *w, bool *seen, struct closure *c)
{
	if (c->head == c->fns.n)
		return false;
	uint32_t g = c->fns.v[c->head++];
	const struct model_function *fn = &w->a->m->functions.v[g];
	c->lines += fn->defined ? fn->end_line - fn->line + 1 : 0;
	for (uint32_t e = w->g.out_start[g]; e < w->g.out_start[g + 1]; e++)
		if (!seen[w->g.out[e].to]) {
			seen[w->g.out[e].to] = true;
			VEC_PUSH(c->fns, w->g.out[e].to);
		}
	return true;
}

static void closure_finish(const struct analysis_work *w, bool *seen, struct closure *c)
{
	while (closure_step(w, seen, c))
		;
}

/* Clears what the walk marked, complete or not. */
static void closure_end(bool *seen, struct closure *c)
{
	for (size_t i = 0; i < c->fns.n; i++)
		seen[c->fns.v[i]] = false;
}

static void add_unique_str(VEC_STR *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return;
	VEC_PUSH(*v, s);
}

/* More blockers than this and a stateful entry is no near miss. */
enum { MAX_BLOCKERS = 3 };

/* State that keeps a closure from being serverless, one line per global,
 * in the order the walk reaches the functions that touch it. The walk goes
 * only as far as it takes to find MAX_BLOCKERS + 1 globals: the candidate is
 * dropped then, and walking on is quadratic in the closure on large
 * programs. Otherwise the closure is complete when this returns. */
static void find_blockers(struct analysis_work *w, struct closure *c, bool *seen, struct candidate *cand)
{
	struct analysis *a = w->a;
	const struct model *m = a->m;
	VEC(uint32_t) globals = { 0 };
	while (globals.n <= MAX_BLOCKERS && closure_step(w, seen, c)) {
		uint32_t f = c->fns.v[c->head - 1];
		for (uint32_t k = w->acc_start[f]; k < w->acc_start[f + 1]; k++) {
			const struct model_access *ac = &m->accesses.v[k];
			const struct model_global *g = &m->globals.v[ac->global];
			if (g->is_const || a->config[ac->global])
				continue;
			bool dup = false;
			for (size_t j = 0; j < globals.n && !dup; j++)
				dup = globals.v[j] == ac->global;
			if (dup)
				continue;
			VEC_PUSH(globals, ac->global);
			const char *fix = g->kind == GLOBAL_STATIC_LOCAL
				? "hidden state in a static local: pass it in or move it to an external store"
				: "move it to an external store (cache, database) or pass it in as a parameter";
			VEC_PUSH(cand->blockers,
				 analysis_strf(a, "%s %s by %s (%s:%u): %s", g->name,
					       ac->kind == ACCESS_READ ? "read" : ac->kind == ACCESS_WRITE ? "written" : "passed by address", m->functions.v[f].name,
					       m->files.v[ac->file].path, ac->line, fix));
		}
	}
	bool too_many = globals.n > MAX_BLOCKERS;
	VEC_FREE(globals);
	if (too_many)
		return;
	effect_set control = (1u << EFFECT_NON_REENTRANT) | (1u << EFFECT_THREAD) | (1u << EFFECT_PROCESS);
	for (size_t i = 0; i < c->fns.n; i++) {
		uint32_t f = c->fns.v[i];
		if (!(a->fns[f].direct & control))
			continue;
		for (uint32_t k = w->ext_start[f]; k < w->ext_start[f + 1]; k++) {
			const struct model_external_call *x = &m->external_calls.v[k];
			effect_set s;
			if (!catalog_lookup(w->cat, x->name, &s) || !(s & control))
				continue;
			struct strbuf list = STRBUF_INIT;
			for (int e = 0; e < EFFECT_COUNT; e++)
				if (s & (1u << e))
					strbuf_addf(&list, "%s%s", list.len ? ", " : "", effect_name((enum effect)e));
			VEC_PUSH(cand->blockers, analysis_strf(a, "%s calls %s (%s) (%s:%u): %s", m->functions.v[f].name,
							       x->name, list.buf, m->files.v[x->file].path, x->line,
							       s & (1u << EFFECT_NON_REENTRANT)
								       ? "use the reentrant variant (_r)"
								       : "process or thread control does not fit a function"));
			strbuf_release(&list);
		}
	}
}

static void describe_fit(struct analysis_work *w, const struct closure *c, struct candidate *cand,
			 effect_set effects)
{
	struct analysis *a = w->a;
	const struct model *m = a->m;
	cand->reasons.n = 0;
	VEC_PUSH(cand->reasons, analysis_strf(a, "closure: %zu functions, %u lines (a cold-start proxy)",
					       c->fns.n, c->lines));
	struct strbuf io = STRBUF_INIT;
	for (int e = EFFECT_IO_FILE; e <= EFFECT_ALLOC; e++)
		if (effects & (1u << e))
			strbuf_addf(&io, "%s%s", io.len ? ", " : "", effect_name((enum effect)e));
	VEC_PUSH(cand->reasons, io.len ? analysis_strf(a, "external effects: %s", io.buf)
				       : analysis_strf(a, "no I/O, no allocation"));
	strbuf_release(&io);
	VEC_STR cfg = { 0 };
	for (size_t i = 0; i < c->fns.n; i++)
		for (uint32_t k = w->acc_start[c->fns.v[i]]; k < w->acc_start[c->fns.v[i] + 1]; k++)
			if (a->config[m->accesses.v[k].global])
				add_unique_str(&cfg, m->globals.v[m->accesses.v[k].global].name);
	if (cfg.n) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < cfg.n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", cfg.v[i]);
		VEC_PUSH(cand->reasons, analysis_strf(a, "reads configuration set at start-up: %s (pass it in "
							"or read it from the environment)", sb.buf));
		strbuf_release(&sb);
	}
	VEC_FREE(cfg);
}

static int score_of(const struct closure *c, effect_set effects, bool config)
{
	int io = 0;
	for (int e = EFFECT_IO_FILE; e <= EFFECT_BLOCKING; e++)
		io += (effects >> e) & 1;
	double s = 100.0 - fmin(40.0, 6.0 * log2((double)c->fns.n)) - fmin(20.0, c->lines / 100.0) - 4.0 * io -
		   (config ? 5.0 : 0.0);
	return s < 1.0 ? 1 : (int)s;
}

/* Order: candidates that fit before near misses; then request handlers and
 * callbacks (the code a service is cut along) before exported roots (in a
 * monolith, mostly utilities or dead code); then by score. */
static int entry_order(enum entry_kind k)
{
	switch (k) {
	case ENTRY_DISPATCH_TABLE: return 0;
	case ENTRY_CALLBACK: return 1;
	case ENTRY_THREAD_START: return 2;
	default: return 3;
	}
}

static int cmp_candidate(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;
	if (a->fits != b->fits)
		return a->fits ? -1 : 1;
	if (a->entry_order != b->entry_order)
		return a->entry_order < b->entry_order ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->function < b->function ? -1 : a->function > b->function;
}

void rank_candidates(struct analysis_work *w)
{
	struct analysis *a = w->a;
	size_t n = a->m->functions.n;
	bool *seen = xcalloc(n + 1, sizeof(bool));
	struct closure c = { 0 };
	for (size_t f = 0; f < n; f++) {
		struct fn_analysis *fa = &a->fns[f];
		if (fa->entry == ENTRY_NONE || fa->entry == ENTRY_MAIN || fa->entry == ENTRY_SIGNAL_HANDLER)
			continue;
		struct candidate cand = { .function = (uint32_t)f,
					  .entry_order = entry_order((enum entry_kind)fa->entry) };
		cand.fits = fa->cls <= CLASS_CONFIG;
		if (!cand.fits && fa->cls != CLASS_STATEFUL)
			continue;
		closure_start((uint32_t)f, seen, &c);
		if (cand.fits)
			closure_finish(w, seen, &c);
		else
			find_blockers(w, &c, seen, &cand);
		bool near_miss = !cand.fits && cand.blockers.n > 0 && cand.blockers.n <= MAX_BLOCKERS;
		if (cand.fits || near_miss) {
			fa->closure_functions = (uint32_t)c.fns.n;
			fa->closure_lines = c.lines;
			describe_fit(w, &c, &cand, fa->effects);
		}
		if (cand.fits) {
			if (fa->entry == ENTRY_EXPORTED)
				VEC_PUSH(cand.reasons, analysis_strf(a, "exported and never called in the project: "
									"an external API, or dead code"));
			cand.score = score_of(&c, fa->effects, fa->cls == CLASS_CONFIG);
		}
		closure_end(seen, &c);
		if (cand.fits || near_miss)
			VEC_PUSH(a->candidates, cand);
		else /* not a near miss: state all over, or process/thread control */
			VEC_FREE(cand.blockers);
	}
	VEC_FREE(c.fns);
	free(seen);
	if (a->candidates.n > 1)
		qsort(a->candidates.v, a->candidates.n, sizeof(*a->candidates.v), cmp_candidate);
}
