/* effects.c — direct effects of every function, their propagation over the
 * call graph (strongly connected components, callees first), classes, and
 * the shortest evidence chain behind each class. */
#include "internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *analysis_strf(struct analysis *a, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	const char *r = arena_strdup(&a->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

static void add_effect(struct analysis_work *w, uint32_t f, enum effect e, uint32_t file, uint32_t line,
		       const char *what)
{
	w->a->fns[f].direct |= 1u << e;
	struct cause *c = &w->causes[f][effect_class(e)];
	if (c->set && (c->line < line || (c->line == line && c->effect <= e)))
		return; /* keep the first statement (then the worst effect) */
	c->set = true;
	c->effect = (uint8_t)e;
	c->file = file;
	c->line = line;
	c->what = what;
}

static const char *effect_list(struct analysis *a, effect_set s)
{
	struct strbuf sb = STRBUF_INIT;
	for (int e = 0; e < EFFECT_COUNT; e++)
		if (s & (1u << e))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", effect_name((enum effect)e));
	const char *r = arena_strdup(&a->arena, strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

static void access_effects(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *ac = &m->accesses.v[i];
		const struct model_global *g = &m->globals.v[ac->global];
		if (g->is_const)
			continue;
		const char *verb = ac->kind == ACCESS_WRITE ? "writes" : ac->kind == ACCESS_READ ? "reads"
										     : "takes the address of";
		if (g->kind == GLOBAL_STATIC_LOCAL) {
			add_effect(w, ac->function, EFFECT_STATIC_LOCAL, ac->file, ac->line,
				   analysis_strf(w->a, "%s static local %s", verb, g->name));
		} else if (w->a->config[ac->global] && ac->kind != ACCESS_WRITE) {
			add_effect(w, ac->function, EFFECT_CONFIG_READ, ac->file, ac->line,
				   analysis_strf(w->a, "reads configuration %s", g->name));
		} else {
			enum effect e = ac->kind == ACCESS_READ ? EFFECT_GLOBAL_READ : EFFECT_GLOBAL_WRITE;
			add_effect(w, ac->function, e, ac->file, ac->line,
				   analysis_strf(w->a, "%s %s%s", verb, g->kind == GLOBAL_THREAD_LOCAL ? "thread-local " : "",
						 g->name));
		}
	}
}

static void note_unknown(struct analysis_work *w, const char *name)
{
	uint32_t idx;
	if (hashmap_get(&w->unknown_index, name, &idx)) {
		w->a->unknowns.v[idx].calls++;
		return;
	}
	struct unknown_name u = { name, 1 };
	hashmap_put(&w->unknown_index, name, (uint32_t)w->a->unknowns.n);
	VEC_PUSH(w->a->unknowns, u);
}

static void external_effects(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	for (size_t i = 0; i < m->external_calls.n; i++) {
		const struct model_external_call *x = &m->external_calls.v[i];
		effect_set s;
		if (!catalog_lookup(w->cat, x->name, &s)) {
			note_unknown(w, x->name);
			add_effect(w, x->caller, EFFECT_UNKNOWN, x->file, x->line,
				   analysis_strf(w->a, "calls %s (in no effect pack)", x->name));
			continue;
		}
		for (int e = 0; e < EFFECT_COUNT; e++)
			if (s & (1u << e))
				add_effect(w, x->caller, (enum effect)e, x->file, x->line,
					   analysis_strf(w->a, "calls %s (%s)", x->name, effect_list(w->a, s)));
	}
}

static void unresolved_effects(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		if (!c->indirect || w->a->calls[i].how != RESOLVED_NONE)
			continue;
		add_effect(w, c->caller, EFFECT_UNKNOWN, c->file, c->line,
			   analysis_strf(w->a, "calls through %s%s (no address-taken function of type %s)",
					 c->via_name ? c->via_name : "a function pointer",
					 c->via == VIA_FIELD ? " (field)" : "", c->fptr_type ? c->fptr_type : "?"));
	}
}

/* Functions that call a sleep themselves (sleep_ms() around nanosleep()).
 * Not transitively: through resolved function pointers nearly everything
 * in a large program reaches some sleep. */
static bool *find_sleepers(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	bool *sl = xcalloc(m->functions.n + 1, sizeof(bool));
	for (size_t i = 0; i < m->external_calls.n; i++)
		if (catalog_is_sleep(w->cat, m->external_calls.v[i].name))
			sl[m->external_calls.v[i].caller] = true;
	return sl;
}

enum { WAIT_DEPTH = 3 };

/* Functions that wait for events within WAIT_DEPTH direct calls
 * (aeProcessEvents -> aeApiPoll -> epoll_wait); 0 = no, else depth + 1. */
static uint8_t *find_waiters(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	size_t n = m->functions.n;
	uint8_t *wt = xcalloc(n + 1, 1);
	for (size_t i = 0; i < m->external_calls.n; i++)
		if (catalog_is_event_wait(w->cat, m->external_calls.v[i].name))
			wt[m->external_calls.v[i].caller] = 1;
	for (int d = 1; d < WAIT_DEPTH; d++)
		for (size_t i = 0; i < m->calls.n; i++) {
			const struct model_call *c = &m->calls.v[i];
			if (!c->indirect && wt[c->callee] == d && !wt[c->caller])
				wt[c->caller] = (uint8_t)(d + 1);
		}
	return wt;
}

static bool in_loop(const struct model_loop *l, uint32_t caller, uint32_t file, uint32_t line)
{
	return caller == l->function && file == l->file && line >= l->line && line <= l->end_line;
}

/* What makes a loop that can exit long-running ("controlled": its
 * condition, or an if guarding one of its exits, reads a global or a field
 * or calls the project: something outside the loop decides when it ends):
 * - a direct call to an event wait (accept, poll, ...) in an infinite or
 *   controlled loop (not an EINTR retry loop);
 * - in a controlled loop, a call to a function that waits within
 *   WAIT_DEPTH direct calls (aeMain -> aeProcessEvents -> ... -> epoll_wait);
 * - in an infinite controlled loop, a sleep on every iteration (not under
 *   an if: a debug throttle is not polling), directly or by a function
 *   that sleeps itself.
 * NULL when none applies. */
static const char *serving_loop(struct analysis_work *w, const struct model_loop *l, const bool *sleepers,
				const uint8_t *waiters)
{
	const struct model *m = w->a->m;
	for (uint32_t k = w->ext_start[l->function]; k < w->ext_start[l->function + 1]; k++) {
		const struct model_external_call *x = &m->external_calls.v[k];
		if (!in_loop(l, x->caller, x->file, x->line))
			continue;
		if ((l->infinite || l->controlled) && catalog_is_event_wait(w->cat, x->name))
			return analysis_strf(w->a, "event loop around %s (lines %u-%u)", x->name, l->line, l->end_line);
		if (l->infinite && l->controlled && x->nest == l->nest + 1 && catalog_is_sleep(w->cat, x->name))
			return analysis_strf(w->a, "polling loop around %s until a flag stops it (lines %u-%u)",
					     x->name, l->line, l->end_line);
	}
	for (uint32_t k = w->call_start[l->function]; l->controlled && k < w->call_start[l->function + 1]; k++) {
		const struct model_call *c = &m->calls.v[k];
		if (c->indirect || !in_loop(l, c->caller, c->file, c->line))
			continue;
		if (waiters[c->callee])
			return analysis_strf(w->a, "event loop around %s, which waits for events (lines %u-%u)",
					     m->functions.v[c->callee].name, l->line, l->end_line);
		if (l->infinite && c->nest == l->nest + 1 && sleepers[c->callee])
			return analysis_strf(w->a, "polling loop around %s, which sleeps, until a flag stops it "
					     "(lines %u-%u)", m->functions.v[c->callee].name, l->line, l->end_line);
	}
	return NULL;
}

/* Long-running loops: infinite ones with no way out, loops that wait for
 * events, and infinite loops that sleep (polling until a flag stops them). */
static void loop_effects(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	bool *sleepers = find_sleepers(w);
	uint8_t *waiters = find_waiters(w);
	for (size_t i = 0; i < m->loops.n; i++) {
		const struct model_loop *l = &m->loops.v[i];
		const char *what = NULL;
		if (l->infinite && !l->exits)
			what = analysis_strf(w->a, "infinite loop with no exit (lines %u-%u)", l->line, l->end_line);
		else
			what = serving_loop(w, l, sleepers, waiters);
		if (what)
			add_effect(w, l->function, EFFECT_LONG_RUNNING, l->file, l->line, what);
	}
	free(sleepers);
	free(waiters);
}

/* Effect sets: the union over everything a function can reach, computed
 * once per strongly connected component, callees before callers. */
static void propagate(struct analysis_work *w)
{
	struct analysis *a = w->a;
	size_t n = a->m->functions.n;
	uint32_t *comp = xcalloc(n + 1, sizeof(uint32_t)), ncomp = 0, *order = NULL;
	callgraph_components(&w->g, comp, &ncomp, &order);
	effect_set *cset = xcalloc((size_t)ncomp + 1, sizeof(effect_set));
	VEC(uint32_t) *members = xcalloc((size_t)ncomp + 1, sizeof(*members));
	for (size_t f = 0; f < n; f++) {
		cset[comp[f]] |= a->fns[f].direct;
		VEC_PUSH(members[comp[f]], (uint32_t)f);
	}
	for (uint32_t k = 0; k < ncomp; k++) {
		uint32_t c = order[k];
		for (size_t i = 0; i < members[c].n; i++) {
			uint32_t f = members[c].v[i];
			for (uint32_t e = w->g.out_start[f]; e < w->g.out_start[f + 1]; e++)
				cset[c] |= cset[comp[w->g.out[e].to]];
		}
	}
	for (size_t f = 0; f < n; f++) {
		a->fns[f].effects = cset[comp[f]];
		a->fns[f].cls = (uint8_t)class_of_effects(a->fns[f].effects);
		a->class_counts[a->fns[f].cls]++;
	}
	for (uint32_t c = 0; c < ncomp; c++)
		VEC_FREE(members[c]);
	free(members);
	free(cset);
	free(order);
	free(comp);
}

/* Evidence: for each class, a breadth-first search backwards from the
 * functions that cause it directly gives every function its shortest
 * chain of calls to such a statement. */
static void evidence_for_class(struct analysis_work *w, enum fn_class cls, uint32_t *next, uint32_t *via,
			       uint32_t *queue, uint32_t *dist)
{
	struct analysis *a = w->a;
	const struct model *m = a->m;
	size_t n = m->functions.n, head = 0, tail = 0;
	for (size_t f = 0; f < n; f++) {
		next[f] = MODEL_NONE - 1; /* unvisited */
		dist[f] = MODEL_NONE;
		if (w->causes[f][cls].set) {
			next[f] = MODEL_NONE; /* a source */
			dist[f] = 0;
			queue[tail++] = (uint32_t)f;
		}
	}
	while (head < tail) {
		uint32_t f = queue[head++];
		for (uint32_t e = w->g.in_start[f]; e < w->g.in_start[f + 1]; e++) {
			uint32_t caller = w->g.in[e].to, call = w->g.in[e].call;
			if (dist[caller] == dist[f] + 1 && call < via[caller]) {
				next[caller] = f; /* as short, through an earlier call: ties follow call order */
				via[caller] = call;
			}
			if (dist[caller] != MODEL_NONE)
				continue;
			dist[caller] = dist[f] + 1;
			next[caller] = f;
			via[caller] = call;
			queue[tail++] = caller;
		}
	}
	for (size_t f = 0; f < n; f++) {
		if (a->fns[f].cls != cls || next[f] == MODEL_NONE - 1)
			continue;
		VEC(struct evidence_step) steps = { 0 };
		uint32_t cur = (uint32_t)f;
		while (next[cur] != MODEL_NONE) { /* shortest paths have no cycles */
			const struct model_call *c = &m->calls.v[via[cur]];
			struct evidence_step s = { cur, c->file, c->line,
				analysis_strf(a, "calls %s%s", m->functions.v[next[cur]].name,
					      c->indirect ? " (through a function pointer)" : "") };
			VEC_PUSH(steps, s);
			cur = next[cur];
		}
		const struct cause *cz = &w->causes[cur][cls];
		struct evidence_step last = { cur, cz->file, cz->line, cz->what };
		VEC_PUSH(steps, last);
		a->fns[f].nsteps = (uint32_t)steps.n;
		a->fns[f].steps = arena_alloc(&a->arena, steps.n * sizeof(*steps.v));
		memcpy(a->fns[f].steps, steps.v, steps.n * sizeof(*steps.v));
		VEC_FREE(steps);
	}
}

static void find_evidence(struct analysis_work *w)
{
	size_t n = w->a->m->functions.n;
	uint32_t *next = xcalloc(n + 1, sizeof(uint32_t)), *via = xcalloc(n + 1, sizeof(uint32_t));
	uint32_t *queue = xcalloc(n + 1, sizeof(uint32_t)), *dist = xcalloc(n + 1, sizeof(uint32_t));
	for (int cls = CLASS_STATELESS; cls < CLASS_COUNT; cls++)
		evidence_for_class(w, (enum fn_class)cls, next, via, queue, dist);
	free(next);
	free(via);
	free(queue);
	free(dist);
}

static int cmp_unknown(const void *pa, const void *pb)
{
	const struct unknown_name *a = pa, *b = pb;
	if (a->calls != b->calls)
		return a->calls < b->calls ? 1 : -1;
	return strcmp(a->name, b->name);
}

void analysis_run(struct analysis *a, const struct model *m, const struct catalog *cat)
{
	memset(a, 0, sizeof(*a));
	arena_init(&a->arena);
	a->m = m;
	size_t n = m->functions.n;
	a->fns = arena_alloc(&a->arena, (n + 1) * sizeof(*a->fns));
	a->calls = arena_alloc(&a->arena, (m->calls.n + 1) * sizeof(*a->calls));
	a->config = arena_alloc(&a->arena, (m->globals.n + 1) * sizeof(bool));
	struct analysis_work w = { .a = a, .cat = cat };
	w.causes = xcalloc(n + 1, sizeof(*w.causes));
	w.loop_start = xcalloc(n + 1, sizeof(uint32_t));
	hashmap_init(&w.unknown_index, false);
	hashmap_init(&w.defined_names, false);
	for (size_t f = 0; f < n; f++)
		if (m->functions.v[f].defined)
			hashmap_put(&w.defined_names, m->functions.v[f].name, (uint32_t)f);
	w.acc_start = xcalloc(n + 2, sizeof(uint32_t));
	w.call_start = xcalloc(n + 2, sizeof(uint32_t));
	w.ext_start = xcalloc(n + 2, sizeof(uint32_t));
	/* finalize sorted accesses and calls by function: index them */
	for (size_t i = 0; i < m->accesses.n; i++)
		w.acc_start[m->accesses.v[i].function + 1]++;
	for (size_t i = 0; i < m->calls.n; i++)
		w.call_start[m->calls.v[i].caller + 1]++;
	for (size_t i = 0; i < m->external_calls.n; i++)
		w.ext_start[m->external_calls.v[i].caller + 1]++;
	for (size_t f = 0; f < n; f++) {
		w.acc_start[f + 1] += w.acc_start[f];
		w.call_start[f + 1] += w.call_start[f];
		w.ext_start[f + 1] += w.ext_start[f];
	}

	resolve_indirect_calls(a);
	callgraph_build(&w.g, m, a->calls);
	loop_effects(&w);          /* long-running first: start-up ends where main's loop begins */
	find_config_globals(&w);
	access_effects(&w);
	external_effects(&w);
	unresolved_effects(&w);
	propagate(&w);
	find_evidence(&w);
	if (a->unknowns.n > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(a->unknowns.v, a->unknowns.n, sizeof(*a->unknowns.v), cmp_unknown);
	find_entries(&w);
	rank_candidates(&w);

	callgraph_release(&w.g);
	free(w.causes);
	free(w.loop_start);
	hashmap_release(&w.unknown_index);
	hashmap_release(&w.defined_names);
	free(w.acc_start);
	free(w.call_start);
	free(w.ext_start);
}

void analysis_release(struct analysis *a)
{
	for (size_t i = 0; i < a->candidates.n; i++) {
		VEC_FREE(a->candidates.v[i].reasons);
		VEC_FREE(a->candidates.v[i].blockers);
	}
	VEC_FREE(a->candidates);
	VEC_FREE(a->unknowns);
	arena_release(&a->arena);
}
