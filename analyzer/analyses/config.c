/* config.c — configuration globals: mutable globals written only during
 * start-up. Start-up is (1) functions whose names match the packs'
 * init_patterns, (2) what main calls before its main loop (its first loop,
 * or its first call that can run forever), and (3) functions called only
 * from start-up. Reading such a global makes a function `config`, not
 * `stateful`. An address handed on as a pointer to non-const counts as a
 * write. docs/statelessness.md says where this is wrong. */
#include "internal.h"
#include <string.h>

static bool is_main(const struct model_function *f)
{
	return f->defined && f->linkage == LINKAGE_EXTERN && strcmp(f->name, "main") == 0;
}

/* Functions that can run forever: those reaching a long-running statement. */
static bool *reaches_long_running(struct analysis_work *w)
{
	size_t n = w->a->m->functions.n, head = 0, tail = 0;
	bool *lr = xcalloc(n + 1, sizeof(bool));
	uint32_t *queue = xcalloc(n + 1, sizeof(uint32_t));
	for (size_t f = 0; f < n; f++)
		if (w->a->fns[f].direct & (1u << EFFECT_LONG_RUNNING)) {
			lr[f] = true;
			queue[tail++] = (uint32_t)f;
		}
	while (head < tail) {
		uint32_t f = queue[head++];
		for (uint32_t e = w->g.in_start[f]; e < w->g.in_start[f + 1]; e++)
			if (!lr[w->g.in[e].to]) {
				lr[w->g.in[e].to] = true;
				queue[tail++] = w->g.in[e].to;
			}
	}
	free(queue);
	return lr;
}

/* The first line of main's main loop; 0 when there is none (then main has
 * no start-up region of its own). */
static uint32_t main_loop_start(struct analysis_work *w, uint32_t f, const bool *lr)
{
	const struct model *m = w->a->m;
	uint32_t start = UINT32_MAX;
	for (size_t i = 0; i < m->loops.n; i++)
		if (m->loops.v[i].function == f && m->loops.v[i].line < start)
			start = m->loops.v[i].line;
	for (uint32_t e = w->g.out_start[f]; e < w->g.out_start[f + 1]; e++) {
		const struct model_call *c = &m->calls.v[w->g.out[e].call];
		if (lr[w->g.out[e].to] && c->line < start)
			start = c->line;
	}
	return start == UINT32_MAX ? 0 : start;
}

static bool startup_edge(const struct analysis_work *w, const bool *init, uint32_t caller, uint32_t call)
{
	if (init[caller])
		return true;
	return w->loop_start[caller] && w->a->m->calls.v[call].line < w->loop_start[caller];
}

static bool *startup_functions(struct analysis_work *w, const bool *lr)
{
	const struct model *m = w->a->m;
	size_t n = m->functions.n;
	bool *init = xcalloc(n + 1, sizeof(bool));
	for (size_t f = 0; f < n; f++) {
		const struct model_function *fn = &m->functions.v[f];
		if (is_main(fn))
			w->loop_start[f] = main_loop_start(w, (uint32_t)f, lr);
		else if (fn->defined && catalog_is_init(w->cat, fn->name))
			init[f] = true;
	}
	/* grow: a function whose every call comes from start-up is start-up */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t f = 0; f < n; f++) {
			if (init[f] || w->loop_start[f] || w->g.in_start[f] == w->g.in_start[f + 1])
				continue;
			bool all = true;
			for (uint32_t e = w->g.in_start[f]; e < w->g.in_start[f + 1] && all; e++)
				all = startup_edge(w, init, w->g.in[e].to, w->g.in[e].call);
			if (all)
				init[f] = changed = true;
		}
	}
	return init;
}

void find_config_globals(struct analysis_work *w)
{
	const struct model *m = w->a->m;
	bool *lr = reaches_long_running(w);
	bool *init = startup_functions(w, lr);
	for (size_t g = 0; g < m->globals.n; g++) {
		const struct model_global *gl = &m->globals.v[g];
		w->a->config[g] = !gl->is_const && (gl->kind == GLOBAL_EXTERN || gl->kind == GLOBAL_FILE_STATIC);
	}
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *ac = &m->accesses.v[i];
		if (ac->kind == ACCESS_READ)
			continue; /* writes, and addresses handed on writable, must be start-up */
		uint32_t f = ac->function;
		bool startup = init[f] || (w->loop_start[f] && ac->line < w->loop_start[f]);
		if (!startup)
			w->a->config[ac->global] = false;
	}
	free(init);
	free(lr);
}
