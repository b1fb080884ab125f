/* test_analysis.c — unit tests for analyzer/analyses/analysis.h: classes and
 * effect sets, propagation over the call graph, evidence chains,
 * long-running loops, configuration globals, function-pointer resolution,
 * entry points and serverless candidates, on small hand-built models. */
#include "modelfx.h"

#define PACK                                                                                      \
	"{\"schema\": 1,\n"                                                                       \
	" \"functions\": {\"puts\": [\"io-console\"], \"strlen\": [], \"getenv\": [\"env\"],\n"  \
	"   \"strtok\": [\"non-reentrant\"], \"epoll_wait\": [\"blocking\"],\n"                  \
	"   \"usleep\": [\"blocking\"], \"accept\": [\"blocking\", \"io-net\"],\n"                 \
	"   \"pthread_create\": [\"thread\"], \"signal\": [\"process\"], \"atexit\": [\"process\"],\n" \
	"   \"qsort\": []},\n"                                                                    \
	" \"init_patterns\": [\"*_init\"],\n"                                                    \
	" \"event_waits\": [\"epoll_wait\", \"accept\"],\n"                                      \
	" \"sleeps\": [\"usleep\"]}"

/* ---- assertions by name ------------------------------------------------- */

static const struct fn_analysis *fa(const struct mfx *x, const char *name)
{
	return &x->a.fns[mfx_id(x, name)];
}

/* "a, b, c" -> effect set */
static effect_set set_of(const char *names)
{
	effect_set s = 0;
	const char *p = names;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, ",");
		while (n && p[n - 1] == ' ')
			n--;
		if (!n)
			break;
		struct strbuf one = STRBUF_INIT;
		strbuf_add(&one, p, n);
		int e = effect_from_name(strbuf_str(&one));
		if (e < 0)
			fail_msg("no effect '%s'", strbuf_str(&one));
		strbuf_release(&one);
		s |= 1u << e;
		p += n;
	}
	return s;
}

static void check_set(const char *fn, const char *what, effect_set got, const char *want)
{
	if (got == set_of(want))
		return;
	struct strbuf sb = STRBUF_INIT;
	for (int e = 0; e < EFFECT_COUNT; e++)
		if (got & (1u << e))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", effect_name((enum effect)e));
	print_error("%s: %s are {%s}, want {%s}\n", fn, what, strbuf_str(&sb), want);
	strbuf_release(&sb);
	fail();
}

static void assert_effects(const struct mfx *x, const char *fn, const char *want)
{
	check_set(fn, "effects", fa(x, fn)->effects, want);
}

static void assert_direct(const struct mfx *x, const char *fn, const char *want)
{
	check_set(fn, "direct effects", fa(x, fn)->direct, want);
}

static void assert_class(const struct mfx *x, const char *fn, const char *cls)
{
	const char *got = class_name((enum fn_class)fa(x, fn)->cls);
	if (strcmp(got, cls) != 0)
		fail_msg("%s: class %s, want %s", fn, got, cls);
}

static void assert_nsteps(const struct mfx *x, const char *fn, uint32_t n)
{
	if (fa(x, fn)->nsteps != n)
		fail_msg("%s: %u evidence steps, want %u", fn, fa(x, fn)->nsteps, n);
}

/* Step k of fn's evidence: in function `in`, at `line` of src/a.c, `what`. */
static void assert_step(const struct mfx *x, const char *fn, uint32_t k, const char *in, uint32_t line,
			const char *what)
{
	const struct fn_analysis *f = fa(x, fn);
	if (k >= f->nsteps)
		fail_msg("%s: no evidence step %u (has %u)", fn, k, f->nsteps);
	const struct evidence_step *s = &f->steps[k];
	assert_string_equal(x->m.functions.v[s->function].name, in);
	assert_string_equal(x->m.files.v[s->file].path, MFX_REL);
	assert_int_equal(s->line, line);
	assert_string_equal(s->what, what);
}

static void assert_entry(const struct mfx *x, const char *fn, const char *entry)
{
	const char *got = entry_kind_name((enum entry_kind)fa(x, fn)->entry);
	if (strcmp(got, entry) != 0)
		fail_msg("%s: entry %s, want %s", fn, got, entry);
}

static bool is_target(const struct mfx *x, uint32_t call, const char *fn)
{
	const struct call_targets *t = &x->a.calls[call];
	for (uint32_t k = 0; k < t->ntargets; k++)
		if (t->targets[k] == mfx_id(x, fn))
			return true;
	return false;
}

static void assert_counts_add_up(const struct mfx *x)
{
	uint32_t sum = 0;
	for (int c = 0; c < CLASS_COUNT; c++)
		sum += x->a.class_counts[c];
	assert_int_equal(sum, x->m.functions.n);
	uint32_t per[CLASS_COUNT] = { 0 };
	for (size_t f = 0; f < x->m.functions.n; f++)
		per[x->a.fns[f].cls]++;
	for (int c = 0; c < CLASS_COUNT; c++)
		assert_int_equal(per[c], x->a.class_counts[c]);
}

/* ---- classes ------------------------------------------------------------- */

static void test_empty_model(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	mfx_run(&x, PACK);
	assert_int_equal(x.a.indirect, 0);
	assert_int_equal(x.a.unresolved, 0);
	assert_int_equal(x.a.unknowns.n, 0);
	assert_int_equal(x.a.candidates.n, 0);
	for (int c = 0; c < CLASS_COUNT; c++)
		assert_int_equal(x.a.class_counts[c], 0);
	mfx_release(&x);
}

static void test_pure(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t table = mfx_global_full(&x, "TABLE", "const int[4]", 1, GLOBAL_EXTERN, MODEL_NONE, true);
	mfx_fn(&x, "add", 3, 5);
	uint32_t len = mfx_fn(&x, "len_of", 7, 10);
	mfx_call(&x, len, "strlen", 8);               /* known pure */
	mfx_access(&x, len, table, ACCESS_READ, 9);  /* a const table is not state */
	uint32_t top = mfx_fn(&x, "top", 12, 15);
	mfx_call(&x, top, "add", 13);
	mfx_call(&x, top, "len_of", 14);
	mfx_run(&x, PACK);
	const char *names[] = { "add", "len_of", "top" };
	for (size_t i = 0; i < 3; i++) {
		assert_class(&x, names[i], "pure");
		assert_effects(&x, names[i], "");
		assert_direct(&x, names[i], "");
		assert_nsteps(&x, names[i], 0);
	}
	assert_int_equal(x.a.class_counts[CLASS_PURE], 3);
	assert_int_equal(x.a.unknowns.n, 0);
	assert_false(x.a.config[mfx_gid(&x, "TABLE")]); /* const: not configuration either */
	assert_counts_add_up(&x);
	mfx_release(&x);
}

static void test_stateless_from_pack(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t greet = mfx_fn(&x, "greet", 1, 5);
	mfx_call(&x, greet, "strlen", 2);
	mfx_call(&x, greet, "puts", 3);
	uint32_t srv = mfx_fn(&x, "take", 7, 9);
	mfx_call(&x, srv, "accept", 8);
	mfx_run(&x, PACK);
	assert_class(&x, "greet", "stateless");
	assert_effects(&x, "greet", "io-console");
	assert_direct(&x, "greet", "io-console");
	assert_nsteps(&x, "greet", 1);
	assert_step(&x, "greet", 0, "greet", 3, "calls puts (io-console)");
	assert_class(&x, "take", "stateless");
	assert_effects(&x, "take", "blocking, io-net");
	assert_step(&x, "take", 0, "take", 8, "calls accept (io-net, blocking)");
	assert_int_equal(x.a.class_counts[CLASS_STATELESS], 2);
	mfx_release(&x);
}

static void test_stateful_globals(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t counter = mfx_global(&x, "counter", 1);
	uint32_t tls = mfx_global_full(&x, "tls_buf", "char[64]", 2, GLOBAL_THREAD_LOCAL, MODEL_NONE, false);
	uint32_t bump = mfx_fn(&x, "bump", 3, 5);
	mfx_access(&x, bump, counter, ACCESS_WRITE, 4);
	uint32_t peek = mfx_fn(&x, "peek", 7, 9);
	mfx_access(&x, peek, counter, ACCESS_READ, 8);
	uint32_t addr = mfx_fn(&x, "addr", 11, 13);
	mfx_access(&x, addr, counter, ACCESS_ADDRESS, 12);
	uint32_t tl = mfx_fn(&x, "tl", 15, 17);
	mfx_access(&x, tl, tls, ACCESS_READ, 16);
	mfx_run(&x, PACK);
	assert_false(x.a.config[mfx_gid(&x, "counter")]);
	assert_false(x.a.config[mfx_gid(&x, "tls_buf")]);
	assert_class(&x, "bump", "stateful");
	assert_effects(&x, "bump", "global-write");
	assert_step(&x, "bump", 0, "bump", 4, "writes counter");
	assert_class(&x, "peek", "stateful");
	assert_effects(&x, "peek", "global-read");
	assert_step(&x, "peek", 0, "peek", 8, "reads counter");
	assert_class(&x, "addr", "stateful");
	assert_effects(&x, "addr", "global-write");
	assert_step(&x, "addr", 0, "addr", 12, "takes the address of counter");
	assert_class(&x, "tl", "stateful");
	assert_effects(&x, "tl", "global-read");
	assert_step(&x, "tl", 0, "tl", 16, "reads thread-local tls_buf");
	mfx_release(&x);
}

static void test_static_local(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t next = mfx_fn(&x, "next_id", 1, 6);
	uint32_t id = mfx_global_full(&x, "id", "int", 2, GLOBAL_STATIC_LOCAL, next, false);
	mfx_access(&x, next, id, ACCESS_READ, 3);
	mfx_access(&x, next, id, ACCESS_WRITE, 4);
	uint32_t user = mfx_fn(&x, "user", 8, 10);
	mfx_call(&x, user, "next_id", 9);
	mfx_run(&x, PACK);
	assert_false(x.a.config[mfx_gid(&x, "id")]);
	assert_class(&x, "next_id", "stateful");
	assert_effects(&x, "next_id", "static-local");
	assert_nsteps(&x, "next_id", 1);
	assert_step(&x, "next_id", 0, "next_id", 3, "reads static local id"); /* the first statement */
	assert_class(&x, "user", "stateful");
	assert_effects(&x, "user", "static-local");
	assert_direct(&x, "user", "");
	assert_step(&x, "user", 0, "user", 9, "calls next_id");
	assert_step(&x, "user", 1, "next_id", 3, "reads static local id");
	mfx_release(&x);
}

static void test_config_by_init_pattern(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t port = mfx_global(&x, "g_port", 1);
	uint32_t name = mfx_global(&x, "g_name", 2); /* never written: configuration too */
	uint32_t load = mfx_static_fn(&x, "load_port", 8, 10); /* called only from start-up */
	mfx_access(&x, load, port, ACCESS_WRITE, 9);
	uint32_t init = mfx_fn(&x, "app_init", 3, 6);
	mfx_access(&x, init, port, ACCESS_WRITE, 4);
	mfx_call(&x, init, "load_port", 5);
	uint32_t get = mfx_fn(&x, "port_of", 12, 14);
	mfx_access(&x, get, port, ACCESS_READ, 13);
	uint32_t net = mfx_fn(&x, "net_init", 20, 22); /* &g_port during start-up */
	mfx_access(&x, net, port, ACCESS_ADDRESS, 21);
	uint32_t nm = mfx_fn(&x, "name_of", 16, 19);
	mfx_access(&x, nm, name, ACCESS_READ, 17);
	mfx_call(&x, nm, "getenv", 18);
	mfx_run(&x, PACK);
	assert_true(x.a.config[mfx_gid(&x, "g_port")]);
	assert_true(x.a.config[mfx_gid(&x, "g_name")]);
	assert_class(&x, "port_of", "config");
	assert_effects(&x, "port_of", "config-read");
	assert_step(&x, "port_of", 0, "port_of", 13, "reads configuration g_port");
	assert_class(&x, "name_of", "config");
	assert_effects(&x, "name_of", "config-read, env");
	assert_step(&x, "name_of", 0, "name_of", 17, "reads configuration g_name");
	/* an address of configuration is a read of it */
	assert_class(&x, "net_init", "config");
	assert_effects(&x, "net_init", "config-read");
	assert_step(&x, "net_init", 0, "net_init", 21, "reads configuration g_port");
	/* the start-up writes are still writes */
	assert_effects(&x, "app_init", "global-write");
	assert_effects(&x, "load_port", "global-write");
	mfx_release(&x);
}

static void test_config_broken_by_later_write(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t port = mfx_global(&x, "g_port", 1);
	uint32_t st = mfx_global_full(&x, "g_static", "int", 2, GLOBAL_FILE_STATIC, MODEL_NONE, false);
	uint32_t init = mfx_fn(&x, "app_init", 3, 6);
	mfx_access(&x, init, port, ACCESS_WRITE, 4);
	mfx_access(&x, init, st, ACCESS_WRITE, 5);
	uint32_t reset = mfx_fn(&x, "reset_port", 8, 10); /* not start-up */
	mfx_access(&x, reset, port, ACCESS_WRITE, 9);
	uint32_t get = mfx_fn(&x, "port_of", 12, 15);
	mfx_access(&x, get, port, ACCESS_READ, 13);
	mfx_access(&x, get, st, ACCESS_READ, 14);
	uint32_t leak = mfx_fn(&x, "leak_static", 17, 19); /* hands the address on: a write */
	uint32_t st2 = mfx_global_full(&x, "g_static2", "int", 20, GLOBAL_FILE_STATIC, MODEL_NONE, false);
	mfx_access(&x, leak, st2, ACCESS_ADDRESS, 18);
	mfx_run(&x, PACK);
	assert_false(x.a.config[mfx_gid(&x, "g_port")]);
	assert_true(x.a.config[mfx_gid(&x, "g_static")]); /* file-static globals can be configuration */
	assert_false(x.a.config[mfx_gid(&x, "g_static2")]);
	assert_class(&x, "port_of", "stateful");
	assert_effects(&x, "port_of", "global-read, config-read");
	assert_step(&x, "port_of", 0, "port_of", 13, "reads g_port");
	assert_effects(&x, "leak_static", "global-write");
	mfx_release(&x);
}

/* main: writes before its first loop are start-up, later ones are not. */
static void test_config_main_startup(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t level = mfx_global(&x, "g_level", 1);
	uint32_t mode = mfx_global(&x, "g_mode", 2);
	uint32_t stat = mfx_global(&x, "g_stat", 3);
	uint32_t seen = mfx_global(&x, "g_seen", 4);
	uint32_t setup = mfx_static_fn(&x, "configure_mode", 6, 8);
	mfx_access(&x, setup, mode, ACCESS_WRITE, 7);
	uint32_t work = mfx_static_fn(&x, "work", 9, 11);
	mfx_access(&x, work, seen, ACCESS_WRITE, 10);
	uint32_t main_ = mfx_fn(&x, "main", 12, 40);
	mfx_access(&x, main_, level, ACCESS_WRITE, 13);
	mfx_call(&x, main_, "configure_mode", 14);
	mfx_loop(&x, main_, 20, 30, false, true, false, 0);
	mfx_call(&x, main_, "work", 25);
	mfx_access(&x, main_, stat, ACCESS_WRITE, 35);
	uint32_t h = mfx_fn(&x, "handler", 50, 55);
	mfx_access(&x, h, level, ACCESS_READ, 51);
	mfx_access(&x, h, mode, ACCESS_READ, 52);
	mfx_run(&x, PACK);
	assert_true(x.a.config[mfx_gid(&x, "g_level")]);
	assert_true(x.a.config[mfx_gid(&x, "g_mode")]);
	assert_false(x.a.config[mfx_gid(&x, "g_stat")]);
	assert_false(x.a.config[mfx_gid(&x, "g_seen")]);
	assert_class(&x, "handler", "config");
	assert_effects(&x, "handler", "config-read");
	mfx_release(&x);
}

static void test_unknown(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	mfx_fn_full(&x, "decl_only", 2, 2, NULL, LINKAGE_EXTERN, false); /* declared, never defined */
	uint32_t my = mfx_fn(&x, "mystery", 3, 8);
	mfx_call(&x, my, "frobnicate", 4);
	mfx_call(&x, my, "frobnicate", 5);
	mfx_call(&x, my, "abc", 6);
	mfx_call(&x, my, "puts", 7);
	uint32_t other = mfx_fn(&x, "other", 10, 12);
	mfx_call(&x, other, "decl_only", 11);
	uint32_t worse = mfx_fn(&x, "worse", 14, 17);
	mfx_call(&x, worse, "frobnicate", 15);
	mfx_access(&x, worse, g, ACCESS_WRITE, 16);
	uint32_t cfg = mfx_fn(&x, "cfg", 19, 22);
	mfx_call(&x, cfg, "getenv", 20);
	mfx_call(&x, cfg, "zzz", 21);
	mfx_run(&x, PACK);
	assert_class(&x, "mystery", "unknown");
	assert_effects(&x, "mystery", "unknown, io-console");
	assert_step(&x, "mystery", 0, "mystery", 4, "calls frobnicate (in no effect pack)");
	assert_class(&x, "other", "unknown");
	assert_step(&x, "other", 0, "other", 11, "calls decl_only (in no effect pack)");
	assert_class(&x, "worse", "stateful");            /* stateful beats unknown */
	assert_step(&x, "worse", 0, "worse", 16, "writes g");
	assert_class(&x, "cfg", "unknown");               /* unknown beats config */
	assert_step(&x, "cfg", 0, "cfg", 21, "calls zzz (in no effect pack)");
	/* by number of calls, then by name */
	assert_int_equal(x.a.unknowns.n, 4);
	assert_string_equal(x.a.unknowns.v[0].name, "frobnicate");
	assert_int_equal(x.a.unknowns.v[0].calls, 3);
	assert_string_equal(x.a.unknowns.v[1].name, "abc");
	assert_int_equal(x.a.unknowns.v[1].calls, 1);
	assert_string_equal(x.a.unknowns.v[2].name, "decl_only");
	assert_string_equal(x.a.unknowns.v[3].name, "zzz");
	mfx_release(&x);
}

/* ---- propagation and evidence --------------------------------------------- */

static void test_propagation_chain(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	uint32_t a = mfx_fn(&x, "a", 2, 6);
	mfx_call(&x, a, "b", 3);
	mfx_call(&x, a, "puts", 4);
	mfx_call(&x, a, "leaf", 5);
	uint32_t b = mfx_fn(&x, "b", 10, 14);
	mfx_call(&x, b, "c", 11);
	uint32_t c = mfx_fn(&x, "c", 20, 24);
	mfx_access(&x, c, g, ACCESS_WRITE, 21);
	uint32_t d = mfx_fn(&x, "d", 30, 35);
	mfx_call(&x, d, "b", 31);
	mfx_call(&x, d, "c", 32);
	mfx_fn(&x, "leaf", 40, 41);
	mfx_run(&x, PACK);
	assert_int_equal(x.m.calls.n, 5);
	assert_int_equal(x.m.external_calls.n, 1);
	assert_class(&x, "c", "stateful");
	assert_class(&x, "b", "stateful");
	assert_class(&x, "a", "stateful");
	assert_class(&x, "leaf", "pure");
	assert_effects(&x, "a", "global-write, io-console");
	assert_direct(&x, "a", "io-console");
	assert_effects(&x, "b", "global-write");
	assert_direct(&x, "b", "");
	assert_nsteps(&x, "a", 3);
	assert_step(&x, "a", 0, "a", 3, "calls b");
	assert_step(&x, "a", 1, "b", 11, "calls c");
	assert_step(&x, "a", 2, "c", 21, "writes g");
	assert_nsteps(&x, "c", 1);
	assert_step(&x, "c", 0, "c", 21, "writes g");
	/* the shortest chain: d calls c directly */
	assert_nsteps(&x, "d", 2);
	assert_step(&x, "d", 0, "d", 32, "calls c");
	assert_step(&x, "d", 1, "c", 21, "writes g");
	assert_nsteps(&x, "leaf", 0);
	assert_counts_add_up(&x);
	mfx_release(&x);
}

static void test_propagation_cycle(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	uint32_t p = mfx_fn(&x, "p", 2, 6);
	uint32_t q = mfx_fn(&x, "q", 10, 15);
	uint32_t r = mfx_fn(&x, "r", 20, 22);
	uint32_t s = mfx_fn(&x, "s", 30, 33);
	uint32_t t = mfx_fn(&x, "t", 40, 42);
	uint32_t u = mfx_fn(&x, "u", 50, 52), v = mfx_fn(&x, "v", 54, 56), w = mfx_fn(&x, "w", 58, 61);
	mfx_call(&x, p, "q", 3); /* p <-> q */
	mfx_call(&x, p, "puts", 4);
	mfx_call(&x, q, "p", 11);
	mfx_access(&x, q, g, ACCESS_WRITE, 12);
	mfx_call(&x, r, "p", 21);
	mfx_call(&x, s, "s", 31); /* self-recursion */
	mfx_call(&x, s, "strlen", 32);
	mfx_call(&x, t, "s", 41);
	mfx_call(&x, u, "v", 51); /* u -> v -> w -> u */
	mfx_call(&x, v, "w", 55);
	mfx_call(&x, w, "u", 59);
	mfx_call(&x, w, "getenv", 60);
	mfx_run(&x, PACK);
	const char *pq[] = { "p", "q", "r" };
	for (size_t i = 0; i < 3; i++) {
		assert_class(&x, pq[i], "stateful");
		assert_effects(&x, pq[i], "global-write, io-console");
	}
	assert_direct(&x, "p", "io-console");
	assert_direct(&x, "q", "global-write");
	assert_direct(&x, "r", "");
	assert_nsteps(&x, "q", 1);
	assert_step(&x, "q", 0, "q", 12, "writes g");
	assert_nsteps(&x, "p", 2);
	assert_step(&x, "p", 0, "p", 3, "calls q");
	assert_step(&x, "p", 1, "q", 12, "writes g");
	assert_nsteps(&x, "r", 3);
	assert_step(&x, "r", 0, "r", 21, "calls p");
	assert_class(&x, "s", "pure");
	assert_class(&x, "t", "pure");
	const char *uvw[] = { "u", "v", "w" };
	for (size_t i = 0; i < 3; i++) {
		assert_class(&x, uvw[i], "config");
		assert_effects(&x, uvw[i], "env");
	}
	assert_nsteps(&x, "v", 2);
	assert_step(&x, "v", 0, "v", 55, "calls w");
	assert_step(&x, "v", 1, "w", 60, "calls getenv (env)");
	assert_nsteps(&x, "u", 3);
	assert_int_equal(x.a.class_counts[CLASS_STATEFUL], 3);
	assert_int_equal(x.a.class_counts[CLASS_CONFIG], 3);
	assert_int_equal(x.a.class_counts[CLASS_PURE], 2);
	assert_counts_add_up(&x);
	mfx_release(&x);
}

/* Evidence is per class: a stateful function's chain leads to state even
 * when an I/O call is closer. */
static void test_evidence_follows_the_class(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	uint32_t top = mfx_fn(&x, "top", 2, 6);
	mfx_call(&x, top, "puts", 3);
	mfx_call(&x, top, "mid", 4);
	uint32_t mid = mfx_fn(&x, "mid", 8, 10);
	mfx_access(&x, mid, g, ACCESS_READ, 9);
	uint32_t two = mfx_fn(&x, "two", 12, 16);
	mfx_access(&x, two, g, ACCESS_WRITE, 14);
	mfx_access(&x, two, g, ACCESS_READ, 14); /* same line: the worse effect... */
	mfx_access(&x, two, g, ACCESS_READ, 13); /* ...but the first line wins */
	mfx_run(&x, PACK);
	assert_class(&x, "top", "stateful");
	assert_nsteps(&x, "top", 2);
	assert_step(&x, "top", 0, "top", 4, "calls mid");
	assert_step(&x, "top", 1, "mid", 9, "reads g");
	assert_step(&x, "two", 0, "two", 13, "reads g");
	mfx_release(&x);
}

static void test_evidence_same_line_first_effect(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	uint32_t two = mfx_fn(&x, "two", 12, 16);
	mfx_access(&x, two, g, ACCESS_READ, 14);
	mfx_access(&x, two, g, ACCESS_WRITE, 14);
	uint32_t three = mfx_fn(&x, "three", 20, 22);
	mfx_access(&x, three, g, ACCESS_READ, 21);
	mfx_call(&x, three, "strtok", 21);
	mfx_run(&x, PACK);
	assert_effects(&x, "two", "global-write, global-read");
	/* same line: the effect listed first in effect_list.h (global-write) */
	assert_step(&x, "two", 0, "two", 14, "writes g");
	/* global-read comes before non-reentrant, whatever the order found */
	assert_effects(&x, "three", "global-read, non-reentrant");
	assert_step(&x, "three", 0, "three", 21, "reads g");
	mfx_release(&x);
}

/* A chain longer than the evidence cap still ends in a real statement. */
static void test_evidence_long_chain(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	enum { N = 70 };
	struct strbuf name = STRBUF_INIT, next = STRBUF_INIT;
	for (uint32_t i = 0; i < N; i++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "f%02u", i);
		uint32_t f = mfx_fn(&x, strbuf_str(&name), 10 * i + 10, 10 * i + 15);
		if (i + 1 < N) {
			strbuf_reset(&next);
			strbuf_addf(&next, "f%02u", i + 1);
			mfx_call(&x, f, strbuf_str(&next), 10 * i + 11);
		} else {
			mfx_access(&x, f, g, ACCESS_WRITE, 10 * i + 12);
		}
	}
	strbuf_release(&name);
	strbuf_release(&next);
	mfx_run(&x, PACK);
	assert_class(&x, "f00", "stateful");
	const struct fn_analysis *f0 = fa(&x, "f00");
	assert_true(f0->nsteps >= 1);
	for (uint32_t k = 0; k < f0->nsteps; k++) {
		assert_non_null(f0->steps[k].what);
		assert_true(f0->steps[k].line > 0);
	}
	assert_string_equal(f0->steps[f0->nsteps - 1].what, "writes g");
	mfx_release(&x);
}

/* docs/statelessness.md §5: "the chain is the shortest in number of calls
 * (ties broken by call order)". */
static void test_evidence_ties_by_call_order(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1), h = mfx_global(&x, "h", 2);
	uint32_t a = mfx_fn(&x, "a", 3, 6);
	uint32_t c = mfx_fn(&x, "c", 10, 12);
	uint32_t b = mfx_fn(&x, "b", 20, 22);
	mfx_call(&x, a, "b", 3);
	mfx_call(&x, a, "c", 4);
	mfx_access(&x, b, g, ACCESS_WRITE, 21);
	mfx_access(&x, c, h, ACCESS_WRITE, 11);
	mfx_run(&x, PACK);
	assert_step(&x, "a", 0, "a", 3, "calls b");
	assert_step(&x, "a", 1, "b", 21, "writes g");
	mfx_release(&x);
}

/* ---- long-running -------------------------------------------------------- */

static void test_long_running_infinite_loop(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	uint32_t main_ = mfx_fn(&x, "main", 2, 8);
	mfx_call(&x, main_, "serve", 5);
	uint32_t serve = mfx_fn(&x, "serve", 10, 30);
	mfx_loop(&x, serve, 12, 25, true, false, false, 0);
	mfx_access(&x, serve, g, ACCESS_WRITE, 11);
	uint32_t busy = mfx_fn(&x, "busy", 40, 50); /* for (;;) { ... break; } */
	mfx_loop(&x, busy, 41, 49, true, true, false, 0);
	uint32_t bounded = mfx_fn(&x, "bounded", 52, 56);
	mfx_loop(&x, bounded, 53, 55, false, false, false, 0);
	mfx_run(&x, PACK);
	assert_class(&x, "serve", "long-running");
	assert_direct(&x, "serve", "long-running, global-write");
	assert_nsteps(&x, "serve", 1);
	assert_step(&x, "serve", 0, "serve", 12, "infinite loop with no exit (lines 12-25)");
	assert_class(&x, "main", "long-running");
	assert_direct(&x, "main", "");
	assert_effects(&x, "main", "long-running, global-write");
	assert_nsteps(&x, "main", 2);
	assert_step(&x, "main", 0, "main", 5, "calls serve");
	assert_step(&x, "main", 1, "serve", 12, "infinite loop with no exit (lines 12-25)");
	assert_class(&x, "busy", "pure");
	assert_class(&x, "bounded", "pure");
	assert_int_equal(x.a.class_counts[CLASS_LONG_RUNNING], 2);
	mfx_release(&x);
}

static void test_long_running_event_loops(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	/* a controlled loop around an event wait */
	uint32_t ev = mfx_fn(&x, "ev", 60, 70);
	mfx_loop(&x, ev, 61, 69, false, true, true, 0);
	mfx_call_nest(&x, ev, "epoll_wait", 63, 1);
	/* an infinite loop around accept that can exit */
	uint32_t acc = mfx_fn(&x, "acceptor", 72, 78);
	mfx_loop(&x, acc, 73, 77, true, true, false, 0);
	mfx_call_nest(&x, acc, "accept", 74, 2);
	/* an EINTR retry loop: neither infinite nor controlled */
	uint32_t retry = mfx_fn(&x, "retry", 80, 90);
	mfx_loop(&x, retry, 81, 89, false, true, false, 0);
	mfx_call_nest(&x, retry, "accept", 82, 1);
	/* a wait outside the loop's lines */
	uint32_t after = mfx_fn(&x, "after", 92, 99);
	mfx_loop(&x, after, 93, 95, false, true, true, 0);
	mfx_call(&x, after, "epoll_wait", 97);
	/* a controlled loop calling a project function that waits within three calls */
	uint32_t api = mfx_fn(&x, "api_poll", 170, 175);
	mfx_call(&x, api, "epoll_wait", 171);
	uint32_t pe = mfx_fn(&x, "process_events", 160, 165);
	mfx_call(&x, pe, "api_poll", 161);
	uint32_t run = mfx_fn(&x, "run", 140, 150);
	mfx_loop(&x, run, 141, 149, false, true, true, 0);
	mfx_call_nest(&x, run, "process_events", 143, 1);
	/* the same, four calls away: not followed */
	uint32_t l4 = mfx_fn(&x, "lvl4", 230, 232);
	mfx_call(&x, l4, "epoll_wait", 231);
	uint32_t l3 = mfx_fn(&x, "lvl3", 220, 222);
	mfx_call(&x, l3, "lvl4", 221);
	uint32_t l2 = mfx_fn(&x, "lvl2", 210, 212);
	mfx_call(&x, l2, "lvl3", 211);
	uint32_t l1 = mfx_fn(&x, "lvl1", 200, 202);
	mfx_call(&x, l1, "lvl2", 201);
	uint32_t run2 = mfx_fn(&x, "run2", 180, 190);
	mfx_loop(&x, run2, 181, 189, false, true, true, 0);
	mfx_call_nest(&x, run2, "lvl1", 183, 1);
	/* three calls away: still an event loop */
	uint32_t run3 = mfx_fn(&x, "run3", 240, 250);
	mfx_loop(&x, run3, 241, 249, false, true, true, 0);
	mfx_call_nest(&x, run3, "lvl2", 243, 1);
	/* not controlled: a project wait is not followed */
	uint32_t run4 = mfx_fn(&x, "run4", 260, 270);
	mfx_loop(&x, run4, 261, 269, true, true, false, 0);
	mfx_call_nest(&x, run4, "process_events", 263, 1);
	mfx_run(&x, PACK);
	assert_class(&x, "ev", "long-running");
	assert_step(&x, "ev", 0, "ev", 61, "event loop around epoll_wait (lines 61-69)");
	assert_class(&x, "acceptor", "long-running");
	assert_step(&x, "acceptor", 0, "acceptor", 73, "event loop around accept (lines 73-77)");
	assert_class(&x, "retry", "stateless");
	assert_effects(&x, "retry", "blocking, io-net");
	assert_class(&x, "after", "stateless");
	assert_class(&x, "api_poll", "stateless");
	assert_class(&x, "process_events", "stateless");
	assert_class(&x, "run", "long-running");
	assert_step(&x, "run", 0, "run", 141, "event loop around process_events, which waits for events (lines 141-149)");
	assert_class(&x, "run2", "stateless");
	assert_class(&x, "run3", "long-running");
	assert_step(&x, "run3", 0, "run3", 241, "event loop around lvl2, which waits for events (lines 241-249)");
	assert_class(&x, "run4", "stateless");
	mfx_release(&x);
}

static void test_long_running_polling(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	/* for (;;) { if (g_stop) break; usleep(100); } */
	uint32_t poller = mfx_fn(&x, "poller", 100, 110);
	mfx_loop(&x, poller, 101, 109, true, true, true, 0);
	mfx_call_nest(&x, poller, "usleep", 103, 1);
	/* a sleep under an if: a throttle */
	uint32_t thr = mfx_fn(&x, "throttle", 120, 130);
	mfx_loop(&x, thr, 121, 129, true, true, true, 0);
	mfx_call_nest(&x, thr, "usleep", 123, 2);
	/* not infinite: a bounded retry with a sleep */
	uint32_t bounded = mfx_fn(&x, "bounded_retry", 132, 138);
	mfx_loop(&x, bounded, 133, 137, false, true, true, 0);
	mfx_call_nest(&x, bounded, "usleep", 134, 1);
	/* infinite but not controlled: ends on its own result */
	uint32_t own = mfx_fn(&x, "write_all", 140, 148);
	mfx_loop(&x, own, 141, 147, true, true, false, 0);
	mfx_call_nest(&x, own, "usleep", 142, 1);
	/* through a project function that sleeps itself */
	uint32_t sl = mfx_fn(&x, "sleep_ms", 150, 152);
	mfx_call(&x, sl, "usleep", 151);
	uint32_t p2 = mfx_fn(&x, "poll2", 160, 170);
	mfx_loop(&x, p2, 161, 169, true, true, true, 2);
	mfx_call_nest(&x, p2, "sleep_ms", 162, 3);
	mfx_run(&x, PACK);
	assert_class(&x, "poller", "long-running");
	assert_step(&x, "poller", 0, "poller", 101, "polling loop around usleep until a flag stops it (lines 101-109)");
	assert_class(&x, "throttle", "stateless");
	assert_class(&x, "bounded_retry", "stateless");
	assert_class(&x, "write_all", "stateless");
	assert_class(&x, "sleep_ms", "stateless");
	assert_class(&x, "poll2", "long-running");
	assert_step(&x, "poll2", 0, "poll2", 161,
		    "polling loop around sleep_ms, which sleeps, until a flag stops it (lines 161-169)");
	mfx_release(&x);
}

/* ---- function pointers ---------------------------------------------------- */

#define REQ_FN "int (struct req *)"

static void test_indirect_by_table(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t store = mfx_global(&x, "g_store", 1);
	uint32_t routes = mfx_global_full(&x, "routes", "const struct route[3]", 2, GLOBAL_EXTERN, MODEL_NONE, true);
	uint32_t routers = mfx_global_full(&x, "routers", "struct router[1]", 3, GLOBAL_EXTERN, MODEL_NONE, false);
	uint32_t cur = mfx_global_full(&x, "current", "handler_fn", 4, GLOBAL_FILE_STATIC, MODEL_NONE, false);
	uint32_t get = mfx_typed_fn(&x, "h_get", 10, 12, REQ_FN);
	uint32_t put = mfx_typed_fn(&x, "h_put", 14, 16, REQ_FN);
	uint32_t other = mfx_typed_fn(&x, "h_other", 18, 20, REQ_FN);
	uint32_t vd = mfx_typed_fn(&x, "h_void", 22, 24, "void (void)");
	mfx_access(&x, put, store, ACCESS_WRITE, 15);
	mfx_ref_global(&x, get, routes, 2);
	mfx_ref_global(&x, put, routes, 2);
	mfx_ref_global(&x, vd, routes, 2);      /* in the table, but another type */
	mfx_ref_global(&x, other, routers, 3);  /* "struct router" is not "struct route" */
	mfx_ref_global(&x, get, cur, 4);
	/* whole words only: none of these tables holds a struct route */
	const char *near[][2] = { { "rx", "struct route_ext[2]" }, { "mr", "struct myroute[2]" },
				  { "ur", "struct _route[2]" }, { "r2", "struct route2[2]" } };
	for (uint32_t i = 0; i < 4; i++) {
		uint32_t t = mfx_global_full(&x, near[i][0], near[i][1], 5 + i, GLOBAL_EXTERN, MODEL_NONE, false);
		mfx_ref_global(&x, other, t, 5 + i);
	}
	uint32_t disp = mfx_fn(&x, "dispatch", 30, 35);
	mfx_indirect(&x, disp, 32, VIA_FIELD, "fn", "route", REQ_FN);
	uint32_t disp2 = mfx_fn(&x, "dispatch2", 40, 45);
	mfx_indirect(&x, disp2, 42, VIA_VARIABLE, "current", NULL, REQ_FN);
	mfx_run(&x, PACK);
	uint32_t c1 = mfx_call_at(&x, "dispatch", 32), c2 = mfx_call_at(&x, "dispatch2", 42);
	assert_int_equal(x.a.calls[c1].how, RESOLVED_TABLE);
	assert_string_equal(resolution_name(RESOLVED_TABLE), "table");
	assert_int_equal(x.a.calls[c1].ntargets, 2);
	assert_true(is_target(&x, c1, "h_get"));
	assert_true(is_target(&x, c1, "h_put"));
	assert_int_equal(x.a.calls[c2].how, RESOLVED_TABLE);
	assert_int_equal(x.a.calls[c2].ntargets, 1);
	assert_true(is_target(&x, c2, "h_get"));
	assert_int_equal(x.a.indirect, 2);
	assert_int_equal(x.a.by_table, 2);
	assert_int_equal(x.a.by_type, 0);
	assert_int_equal(x.a.unresolved, 0);
	/* effects flow through the resolved targets */
	assert_class(&x, "dispatch", "stateful");
	assert_nsteps(&x, "dispatch", 2);
	assert_step(&x, "dispatch", 0, "dispatch", 32, "calls h_put (through a function pointer)");
	assert_step(&x, "dispatch", 1, "h_put", 15, "writes g_store");
	assert_class(&x, "dispatch2", "pure");
	mfx_release(&x);
}

static void test_indirect_by_type_and_unresolved(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t f1 = mfx_fn(&x, "f1", 1, 3);
	uint32_t f2 = mfx_fn(&x, "f2", 5, 7);
	mfx_fn(&x, "f3", 9, 11); /* right type, address never taken */
	uint32_t f4 = mfx_typed_fn(&x, "f4", 13, 15, "long (long)");
	uint32_t thr = mfx_fn(&x, "thr", 17, 19);
	uint32_t reg = mfx_fn(&x, "cb_taker", 21, 23);
	uint32_t regfn = mfx_fn(&x, "register_cb", 25, 27);
	uint32_t user = mfx_fn(&x, "user", 30, 40);
	mfx_call(&x, f2, "puts", 6);
	mfx_ref_fn(&x, f1, user, 31, NULL, NULL);
	mfx_ref_fn(&x, f2, user, 31, NULL, NULL);
	mfx_ref_fn(&x, f4, user, 31, NULL, NULL);
	mfx_ref_fn(&x, thr, user, 31, "pthread_create", NULL); /* only the library calls it */
	mfx_ref_fn(&x, reg, user, 31, "register_cb", NULL);    /* a project function keeps it */
	mfx_call(&x, user, "register_cb", 31);
	mfx_indirect(&x, user, 32, VIA_PARAMETER, "cb", NULL, MFX_TYPE);
	mfx_indirect(&x, user, 33, VIA_FIELD, "fn", "opts", MFX_TYPE); /* no table: by type */
	mfx_indirect(&x, user, 34, VIA_PARAMETER, "op", NULL, "double (double)");
	uint32_t user2 = mfx_fn(&x, "user2", 50, 52);
	mfx_indirect(&x, user2, 51, VIA_FIELD, "fn", "ops", "char (char)");
	uint32_t user3 = mfx_fn(&x, "user3", 54, 56);
	mfx_indirect(&x, user3, 55, VIA_EXPRESSION, NULL, NULL, "char (char)");
	(void)regfn;
	mfx_run(&x, PACK);
	for (uint32_t line = 32; line <= 33; line++) {
		uint32_t c = mfx_call_at(&x, "user", line);
		assert_int_equal(x.a.calls[c].how, RESOLVED_TYPE);
		assert_int_equal(x.a.calls[c].ntargets, 3);
		assert_true(is_target(&x, c, "f1"));
		assert_true(is_target(&x, c, "f2"));
		assert_true(is_target(&x, c, "cb_taker"));
		assert_false(is_target(&x, c, "f3"));
		assert_false(is_target(&x, c, "thr"));
	}
	uint32_t c34 = mfx_call_at(&x, "user", 34);
	assert_int_equal(x.a.calls[c34].how, RESOLVED_NONE);
	assert_int_equal(x.a.calls[c34].ntargets, 0);
	assert_int_equal(x.a.indirect, 5);
	assert_int_equal(x.a.by_table, 0);
	assert_int_equal(x.a.by_type, 2);
	assert_int_equal(x.a.unresolved, 3);
	assert_string_equal(resolution_name(RESOLVED_TYPE), "type");
	assert_string_equal(resolution_name(RESOLVED_NONE), "none");
	/* unresolved calls are unknown; resolved ones bring their targets' effects */
	assert_class(&x, "user", "unknown");
	assert_effects(&x, "user", "unknown, io-console");
	assert_step(&x, "user", 0, "user", 34, "calls through op (no address-taken function of type double (double))");
	assert_class(&x, "user2", "unknown");
	assert_step(&x, "user2", 0, "user2", 51, "calls through fn (field) (no address-taken function of type char (char))");
	assert_step(&x, "user3", 0, "user3", 55,
		    "calls through a function pointer (no address-taken function of type char (char))");
	/* unresolved pointers are not unknown *names* */
	assert_int_equal(x.a.unknowns.n, 0);
	mfx_release(&x);
}

/* ---- entry points -------------------------------------------------------- */

static void test_entries(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t cmds = mfx_global_full(&x, "commands", "const struct command[4]", 1, GLOBAL_EXTERN, MODEL_NONE, true);
	uint32_t ops = mfx_global_full(&x, "file_ops", "const struct ops", 2, GLOBAL_EXTERN, MODEL_NONE, true);
	uint32_t main_ = mfx_fn(&x, "main", 3, 11);
	uint32_t cmd = mfx_fn(&x, "h_cmd", 12, 14);
	uint32_t rd = mfx_fn(&x, "op_read", 16, 18);
	uint32_t worker = mfx_fn(&x, "worker", 20, 22);
	uint32_t on_sig = mfx_fn(&x, "on_sig", 24, 26);
	uint32_t on_int = mfx_fn(&x, "on_int", 28, 30);
	mfx_fn(&x, "api", 32, 34);
	mfx_static_fn(&x, "helper", 36, 38);
	mfx_fn(&x, "called", 40, 42);
	uint32_t cmp = mfx_fn(&x, "cmp", 44, 46);
	uint32_t bye = mfx_fn(&x, "bye", 48, 50);
	uint32_t both = mfx_fn(&x, "both", 52, 54);
	uint32_t on_ev = mfx_fn(&x, "on_event", 56, 58);
	mfx_fn(&x, "register_listener", 60, 62);
	uint32_t app = mfx_fn(&x, "apply_fn", 64, 66);
	mfx_fn(&x, "apply", 68, 70);
	uint32_t sm = mfx_static_fn(&x, "static_main_like", 72, 74);
	mfx_fn_full(&x, "ext_api", 76, 76, NULL, LINKAGE_EXTERN, false);
	mfx_ref_global(&x, cmd, cmds, 1);
	mfx_ref_global(&x, rd, ops, 2);
	mfx_ref_fn(&x, worker, main_, 4, "pthread_create", NULL);
	mfx_ref_fn(&x, on_sig, main_, 5, NULL, "sa_handler");
	mfx_ref_fn(&x, on_int, main_, 6, "signal", NULL);
	mfx_ref_fn(&x, cmp, main_, 7, "qsort", NULL);
	mfx_ref_fn(&x, bye, main_, 8, "atexit", NULL);
	mfx_ref_global(&x, both, cmds, 1);
	mfx_ref_fn(&x, both, main_, 8, NULL, "sa_sigaction");
	mfx_ref_fn(&x, on_ev, main_, 9, "register_listener", NULL);
	mfx_ref_fn(&x, app, main_, 10, "apply", NULL);
	mfx_ref_fn(&x, sm, main_, 10, NULL, NULL);
	mfx_call(&x, main_, "called", 4);
	mfx_call(&x, main_, "register_listener", 9);
	mfx_call(&x, main_, "apply", 10);
	mfx_run(&x, PACK);
	assert_entry(&x, "main", "main");
	assert_entry(&x, "h_cmd", "dispatch-table");
	assert_entry(&x, "op_read", "callback");
	assert_entry(&x, "worker", "thread-start");
	assert_entry(&x, "on_sig", "signal-handler");
	assert_entry(&x, "on_int", "signal-handler");
	assert_entry(&x, "api", "exported");
	assert_entry(&x, "helper", "none");
	assert_entry(&x, "called", "none");
	assert_entry(&x, "cmp", "none");
	assert_entry(&x, "bye", "callback");
	assert_entry(&x, "both", "signal-handler"); /* the stronger evidence */
	assert_entry(&x, "on_event", "callback");
	assert_entry(&x, "register_listener", "none");
	assert_entry(&x, "apply_fn", "none");
	assert_entry(&x, "static_main_like", "none");
	assert_entry(&x, "ext_api", "none");
	mfx_release(&x);
}

/* ---- candidates ---------------------------------------------------------- */

static const struct candidate *cand_of(const struct mfx *x, const char *name)
{
	uint32_t f = mfx_id(x, name);
	for (size_t i = 0; i < x->a.candidates.n; i++)
		if (x->a.candidates.v[i].function == f)
			return &x->a.candidates.v[i];
	return NULL;
}

static void test_candidates(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t routes = mfx_global_full(&x, "routes", "struct route[9]", 1, GLOBAL_EXTERN, MODEL_NONE, false);
	uint32_t cache = mfx_global(&x, "g_cache", 2);
	uint32_t conf = mfx_global(&x, "g_conf", 3);
	uint32_t g1 = mfx_global(&x, "g1", 4), g2 = mfx_global(&x, "g2", 5), g3 = mfx_global(&x, "g3", 6),
		 g4 = mfx_global(&x, "g4", 7);
	uint32_t pure = mfx_fn(&x, "h_pure", 10, 15);
	uint32_t st = mfx_fn(&x, "h_stateful", 20, 25);
	mfx_access(&x, st, cache, ACCESS_WRITE, 22);
	uint32_t io = mfx_fn(&x, "h_io", 30, 35);
	mfx_call(&x, io, "puts", 31);
	uint32_t cfg = mfx_fn(&x, "h_cfg", 40, 45);
	mfx_access(&x, cfg, conf, ACCESS_READ, 41);
	uint32_t ci = mfx_static_fn(&x, "conf_init", 50, 55);
	mfx_access(&x, ci, conf, ACCESS_WRITE, 51);
	uint32_t many = mfx_fn(&x, "h_many", 60, 70);
	mfx_access(&x, many, g1, ACCESS_WRITE, 61);
	mfx_access(&x, many, g2, ACCESS_WRITE, 62);
	mfx_access(&x, many, g3, ACCESS_WRITE, 63);
	mfx_access(&x, many, g4, ACCESS_WRITE, 64); /* read only, it would be configuration */
	uint32_t main_ = mfx_fn(&x, "main", 80, 90);
	uint32_t sig = mfx_fn(&x, "on_sig", 92, 94);
	mfx_fn(&x, "lib_fn", 100, 102);
	uint32_t thr = mfx_fn(&x, "h_thread", 110, 112);
	uint32_t unk = mfx_fn(&x, "h_unknown", 120, 122);
	mfx_call(&x, unk, "frobnicate", 121);
	uint32_t lr = mfx_fn(&x, "h_forever", 130, 140);
	mfx_loop(&x, lr, 131, 139, true, false, false, 0);
	uint32_t tok = mfx_fn(&x, "h_tok", 150, 155);
	mfx_call(&x, tok, "strtok", 152);
	uint32_t thr2 = mfx_fn(&x, "h_spawn", 160, 165); /* starts a thread: control, not state */
	mfx_call(&x, thr2, "pthread_create", 161);
	uint32_t mixed = mfx_fn(&x, "h_mixed", 170, 175); /* configuration is no blocker */
	mfx_access(&x, mixed, conf, ACCESS_READ, 171);
	mfx_access(&x, mixed, cache, ACCESS_WRITE, 172);
	uint32_t hs[] = { pure, st, io, cfg, many, unk, lr, tok, thr2, mixed };
	for (size_t i = 0; i < sizeof(hs) / sizeof(hs[0]); i++)
		mfx_ref_global(&x, hs[i], routes, 1);
	mfx_ref_fn(&x, sig, main_, 81, "signal", NULL);
	mfx_ref_fn(&x, thr, main_, 82, "pthread_create", NULL);
	mfx_run(&x, PACK);
	assert_true(x.a.config[mfx_gid(&x, "g_conf")]);

	/* fits first, then near misses; dispatch-table handlers first, by score */
	const char *order[] = { "h_pure", "h_io", "h_cfg", "h_thread", "lib_fn", "h_stateful", "h_tok", "h_spawn",
				"h_mixed" };
	size_t n = sizeof(order) / sizeof(order[0]);
	for (size_t i = 0; i < x.a.candidates.n && i < n; i++)
		if (x.a.candidates.v[i].function != mfx_id(&x, order[i]))
			fail_msg("candidate %zu is %s, want %s", i,
				 x.m.functions.v[x.a.candidates.v[i].function].name, order[i]);
	assert_int_equal(x.a.candidates.n, n);

	const struct candidate *c = cand_of(&x, "h_pure");
	assert_true(c->fits);
	assert_true(c->score >= 1 && c->score <= 100);
	assert_int_equal(c->score, 99); /* 100 - 6 * log2(1) - 6 lines / 100 */
	assert_int_equal(c->blockers.n, 0);
	assert_int_equal(c->reasons.n, 2);
	assert_string_equal(c->reasons.v[0], "closure: 1 functions, 6 lines (a cold-start proxy)");
	assert_string_equal(c->reasons.v[1], "no I/O, no allocation");
	assert_int_equal(fa(&x, "h_pure")->closure_functions, 1);
	assert_int_equal(fa(&x, "h_pure")->closure_lines, 6);

	c = cand_of(&x, "h_io");
	assert_true(c->fits);
	assert_int_equal(c->score, 95); /* one kind of external effect: -4 */
	assert_string_equal(c->reasons.v[1], "external effects: io-console");

	c = cand_of(&x, "h_cfg");
	assert_true(c->fits);
	assert_int_equal(c->score, 94); /* reads configuration: -5 */
	assert_int_equal(c->reasons.n, 3);
	assert_string_equal(c->reasons.v[2], "reads configuration set at start-up: g_conf (pass it in or read it "
					      "from the environment)");

	c = cand_of(&x, "lib_fn");
	assert_true(c->fits);
	assert_string_equal(c->reasons.v[c->reasons.n - 1],
			    "exported and never called in the project: an external API, or dead code");
	assert_true(cand_of(&x, "h_thread")->fits);

	c = cand_of(&x, "h_stateful");
	assert_false(c->fits);
	assert_int_equal(c->score, 0);
	assert_int_equal(c->blockers.n, 1);
	assert_string_equal(c->blockers.v[0], "g_cache written by h_stateful (src/a.c:22): move it to an external "
					       "store (cache, database) or pass it in as a parameter");

	c = cand_of(&x, "h_tok");
	assert_false(c->fits);
	assert_int_equal(c->blockers.n, 1);
	assert_string_equal(c->blockers.v[0], "h_tok calls strtok (non-reentrant) (src/a.c:152): use the reentrant "
					       "variant (_r)");
	c = cand_of(&x, "h_spawn");
	assert_int_equal(c->blockers.n, 1);
	assert_string_equal(c->blockers.v[0], "h_spawn calls pthread_create (thread) (src/a.c:161): process or "
					       "thread control does not fit a function");

	c = cand_of(&x, "h_mixed");
	assert_false(c->fits);
	assert_int_equal(c->blockers.n, 1);
	assert_string_equal(c->blockers.v[0], "g_cache written by h_mixed (src/a.c:172): move it to an external "
					       "store (cache, database) or pass it in as a parameter");
	assert_string_equal(c->reasons.v[c->reasons.n - 1], "reads configuration set at start-up: g_conf (pass it "
							     "in or read it from the environment)");

	/* not candidates: main, signal handlers, state all over, unknown,
	 * long-running, and stateful functions with only configuration writes */
	assert_null(cand_of(&x, "main"));
	assert_null(cand_of(&x, "on_sig"));
	assert_null(cand_of(&x, "h_many"));
	assert_null(cand_of(&x, "h_unknown"));
	assert_null(cand_of(&x, "h_forever"));
	assert_null(cand_of(&x, "conf_init"));
	mfx_release(&x);
}

static void test_candidate_closure_and_score(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t routes = mfx_global_full(&x, "routes", "struct route[2]", 1, GLOBAL_EXTERN, MODEL_NONE, false);
	uint32_t small = mfx_fn(&x, "h_small", 10, 15);
	uint32_t big = mfx_fn(&x, "h_big", 20, 29);
	mfx_call(&x, big, "helper1", 21);
	mfx_call(&x, big, "helper2", 22);
	mfx_fn(&x, "helper1", 30, 229); /* 200 lines */
	mfx_fn(&x, "helper2", 240, 249);
	mfx_ref_global(&x, small, routes, 1);
	mfx_ref_global(&x, big, routes, 1);
	mfx_run(&x, PACK);
	assert_int_equal(fa(&x, "h_big")->closure_functions, 3);
	assert_int_equal(fa(&x, "h_big")->closure_lines, 10 + 200 + 10);
	const struct candidate *b = cand_of(&x, "h_big"), *s = cand_of(&x, "h_small");
	assert_non_null(b);
	assert_non_null(s);
	assert_true(b->score >= 1 && b->score <= 100);
	assert_true(b->score < s->score);
	/* 100 - 6 * log2(3) - 220 / 100 = 88.29 */
	assert_int_equal(b->score, 88);
	assert_string_equal(b->reasons.v[0], "closure: 3 functions, 220 lines (a cold-start proxy)");
	assert_int_equal(x.a.candidates.v[0].function, mfx_id(&x, "h_small"));
	mfx_release(&x);
}

/* A near miss names every piece of state, whatever the statement order. */
static void test_candidate_blockers_independent_of_order(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t routes = mfx_global_full(&x, "routes", "struct route[2]", 1, GLOBAL_EXTERN, MODEL_NONE, false);
	uint32_t ga = mfx_global(&x, "g_a", 2), gb = mfx_global(&x, "g_b", 3);
	uint32_t a = mfx_fn(&x, "h_a", 10, 15);
	mfx_call(&x, a, "strtok", 11);
	mfx_access(&x, a, ga, ACCESS_WRITE, 12);
	uint32_t b = mfx_fn(&x, "h_b", 20, 25);
	mfx_access(&x, b, gb, ACCESS_WRITE, 21);
	mfx_call(&x, b, "strtok", 22);
	mfx_ref_global(&x, a, routes, 1);
	mfx_ref_global(&x, b, routes, 1);
	mfx_run(&x, PACK);
	assert_int_equal(cand_of(&x, "h_a")->blockers.n, 2);
	assert_int_equal(cand_of(&x, "h_b")->blockers.n, 2);
	mfx_release(&x);
}

/* The same model analysed twice gives the same answers. */
static void test_deterministic(void **state)
{
	(void)state;
	struct mfx x;
	mfx_init(&x);
	uint32_t g = mfx_global(&x, "g", 1);
	uint32_t a = mfx_fn(&x, "a", 2, 5), b = mfx_fn(&x, "b", 6, 9);
	mfx_call(&x, a, "b", 3);
	mfx_call(&x, b, "a", 7);
	mfx_call(&x, b, "nope", 8);
	mfx_access(&x, a, g, ACCESS_READ, 4);
	mfx_run(&x, PACK);
	struct analysis again;
	analysis_run(&again, &x.m, &x.cat);
	for (size_t f = 0; f < x.m.functions.n; f++) {
		assert_int_equal(again.fns[f].cls, x.a.fns[f].cls);
		assert_int_equal(again.fns[f].effects, x.a.fns[f].effects);
		assert_int_equal(again.fns[f].nsteps, x.a.fns[f].nsteps);
		for (uint32_t k = 0; k < again.fns[f].nsteps; k++)
			assert_string_equal(again.fns[f].steps[k].what, x.a.fns[f].steps[k].what);
	}
	assert_int_equal(again.candidates.n, x.a.candidates.n);
	analysis_release(&again);
	mfx_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_model),
		cmocka_unit_test(test_pure),
		cmocka_unit_test(test_stateless_from_pack),
		cmocka_unit_test(test_stateful_globals),
		cmocka_unit_test(test_static_local),
		cmocka_unit_test(test_config_by_init_pattern),
		cmocka_unit_test(test_config_broken_by_later_write),
		cmocka_unit_test(test_config_main_startup),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_propagation_chain),
		cmocka_unit_test(test_propagation_cycle),
		cmocka_unit_test(test_evidence_follows_the_class),
		cmocka_unit_test(test_evidence_same_line_first_effect),
		cmocka_unit_test(test_evidence_long_chain),
		cmocka_unit_test(test_evidence_ties_by_call_order),
		cmocka_unit_test(test_long_running_infinite_loop),
		cmocka_unit_test(test_long_running_event_loops),
		cmocka_unit_test(test_long_running_polling),
		cmocka_unit_test(test_indirect_by_table),
		cmocka_unit_test(test_indirect_by_type_and_unresolved),
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_candidates),
		cmocka_unit_test(test_candidate_closure_and_score),
		cmocka_unit_test(test_candidate_blockers_independent_of_order),
		cmocka_unit_test(test_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
