/* test_catalog.c — unit tests for the effect catalogue of
 * analyzer/analyses/analysis.h: effect and class names, class precedence,
 * loading packs (exact names, prefixes, overrides, init patterns, loop
 * shapes), the built-in packs, and the exact error messages. */
#include "unit.h"
#include "analysis.h"

#define BIT(e) (1u << (e))

/* ---- effects and classes ------------------------------------------------- */

/* The effect ids and the class each gives, as docs/effects.md and
 * docs/statelessness.md list them (independent of effect_list.h). */
static const struct {
	const char *name, *cls;
	bool packable;
} documented[] = {
	{ "global-write", "stateful", false },   { "global-read", "stateful", false },
	{ "static-local", "stateful", false },   { "non-reentrant", "stateful", true },
	{ "thread", "stateful", true },          { "process", "stateful", true },
	{ "config-read", "config", false },      { "env", "config", true },
	{ "io-file", "stateless", true },        { "io-console", "stateless", true },
	{ "io-net", "stateless", true },         { "io-db", "stateless", true },
	{ "time", "stateless", true },           { "random", "stateless", true },
	{ "blocking", "stateless", true },       { "alloc", "stateless", true },
	{ "long-running", "long-running", false }, { "unknown", "unknown", false },
};
#define NDOC (sizeof(documented) / sizeof(documented[0]))

/* Classes from best to worst: the documented precedence. */
static const char *const class_order[] = { "pure", "stateless", "config", "unknown", "stateful",
					   "long-running" };

static int class_rank(const char *name)
{
	for (int i = 0; i < 6; i++)
		if (strcmp(class_order[i], name) == 0)
			return i;
	fail_msg("no class '%s'", name);
	return -1;
}

static int doc_effect(const char *name)
{
	int e = effect_from_name(name);
	assert_true(e >= 0);
	return e;
}

static void test_effect_names_round_trip(void **state)
{
	(void)state;
	assert_int_equal(EFFECT_COUNT, NDOC);
	for (int e = 0; e < EFFECT_COUNT; e++) {
		const char *name = effect_name((enum effect)e);
		assert_non_null(name);
		assert_int_equal(effect_from_name(name), e);
		for (int k = 0; k < e; k++)
			assert_string_not_equal(effect_name((enum effect)k), name);
	}
	for (size_t i = 0; i < NDOC; i++) {
		int e = doc_effect(documented[i].name);
		assert_string_equal(effect_name((enum effect)e), documented[i].name);
		assert_string_equal(class_name(effect_class((enum effect)e)), documented[i].cls);
		assert_int_equal(effect_packable((enum effect)e), documented[i].packable);
	}
	assert_int_equal(effect_from_name("io-flie"), -1);
	assert_int_equal(effect_from_name(""), -1);
	assert_int_equal(effect_from_name("IO-FILE"), -1);
	assert_int_equal(effect_from_name("io-file "), -1);
}

static void test_class_names(void **state)
{
	(void)state;
	assert_int_equal(CLASS_COUNT, 6);
	for (int c = 0; c < CLASS_COUNT; c++)
		assert_string_equal(class_name((enum fn_class)c), class_order[c]);
}

static void test_class_of_effects_precedence(void **state)
{
	(void)state;
	assert_int_equal(class_of_effects(0), CLASS_PURE);
	/* every single effect, every pair: the worse class wins */
	for (size_t i = 0; i < NDOC; i++) {
		effect_set a = BIT(doc_effect(documented[i].name));
		assert_string_equal(class_name(class_of_effects(a)), documented[i].cls);
		for (size_t j = 0; j < NDOC; j++) {
			effect_set b = BIT(doc_effect(documented[j].name));
			int ri = class_rank(documented[i].cls), rj = class_rank(documented[j].cls);
			assert_string_equal(class_name(class_of_effects(a | b)), class_order[ri > rj ? ri : rj]);
		}
	}
	/* the documented chain, spelled out */
	effect_set all = 0;
	for (int e = 0; e < EFFECT_COUNT; e++)
		all |= BIT(e);
	assert_int_equal(class_of_effects(all), CLASS_LONG_RUNNING);
	assert_int_equal(class_of_effects(all & ~BIT(EFFECT_LONG_RUNNING)), CLASS_STATEFUL);
	assert_int_equal(class_of_effects(BIT(EFFECT_UNKNOWN) | BIT(EFFECT_ENV) | BIT(EFFECT_IO_NET)),
			 CLASS_UNKNOWN);
	assert_int_equal(class_of_effects(BIT(EFFECT_CONFIG_READ) | BIT(EFFECT_ALLOC)), CLASS_CONFIG);
	assert_int_equal(class_of_effects(BIT(EFFECT_TIME) | BIT(EFFECT_RANDOM)), CLASS_STATELESS);
	assert_int_equal(class_of_effects(BIT(EFFECT_RANDOM) | BIT(EFFECT_NON_REENTRANT)), CLASS_STATEFUL);
}

/* ---- loading packs ------------------------------------------------------- */

struct cat {
	struct catalog c;
	struct strbuf err;
};

static void cat_open(struct cat *k)
{
	catalog_init(&k->c);
	strbuf_init(&k->err);
}

static void cat_close(struct cat *k)
{
	catalog_release(&k->c);
	strbuf_release(&k->err);
}

static void load_ok(struct cat *k, const char *name, const char *text)
{
	int rc = catalog_load_text(&k->c, name, text, &k->err);
	if (rc != 0)
		fail_msg("loading '%s' failed: %s", name, strbuf_str(&k->err));
	assert_int_equal(k->err.len, 0);
}

/* Loads text into a fresh catalogue, expects failure and exactly msg. */
static void load_fails(const char *name, const char *text, const char *msg)
{
	struct cat k;
	cat_open(&k);
	assert_int_equal(catalog_load_text(&k.c, name, text, &k.err), -1);
	assert_string_equal(strbuf_str(&k.err), msg);
	assert_int_equal(k.c.packs.n, 0); /* a failed pack is not listed */
	cat_close(&k);
}

/* Lookup that must succeed; returns the effects. */
static effect_set known(const struct catalog *c, const char *name)
{
	effect_set s = 0xdeadbeef;
	if (!catalog_lookup(c, name, &s))
		fail_msg("'%s' should be known", name);
	return s;
}

static void unknown(const struct catalog *c, const char *name)
{
	effect_set s = 0;
	if (catalog_lookup(c, name, &s))
		fail_msg("'%s' should be unknown", name);
}

static void test_exact_names(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "a.json",
		"{\"schema\": 1, \"pack\": \"a\", \"description\": \"x\", \"other\": [1, 2],\n"
		" \"functions\": {\n"
		"  \"fopen\": [\"io-file\"],\n"
		"  \"strlen\": [],\n"
		"  \"accept\": [\"blocking\", \"io-net\"],\n"
		"  \"rand\": [\"non-reentrant\", \"random\"],\n"
		"  \"dup\": [\"alloc\", \"alloc\"]\n"
		" }}");
	assert_int_equal(known(&k.c, "fopen"), BIT(EFFECT_IO_FILE));
	assert_int_equal(known(&k.c, "strlen"), 0);
	assert_int_equal(known(&k.c, "accept"), BIT(EFFECT_BLOCKING) | BIT(EFFECT_IO_NET));
	assert_int_equal(known(&k.c, "rand"), BIT(EFFECT_NON_REENTRANT) | BIT(EFFECT_RANDOM));
	assert_int_equal(known(&k.c, "dup"), BIT(EFFECT_ALLOC));
	unknown(&k.c, "fope");
	unknown(&k.c, "fopen2");
	unknown(&k.c, "FOPEN");
	unknown(&k.c, "");
	assert_int_equal(k.c.packs.n, 1);
	assert_string_equal(k.c.packs.v[0], "a.json");
	cat_close(&k);
}

static void test_empty_pack(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "empty.json", "{\"schema\": 1}");
	load_ok(&k, "empty2.json", "{\"schema\": 1, \"functions\": {}, \"prefixes\": {}, \"init_patterns\": []}");
	unknown(&k.c, "printf");
	assert_false(catalog_is_init(&k.c, "init"));
	assert_false(catalog_is_event_wait(&k.c, "poll"));
	assert_false(catalog_is_sleep(&k.c, "sleep"));
	assert_int_equal(k.c.packs.n, 2);
	assert_string_equal(k.c.packs.v[1], "empty2.json");
	cat_close(&k);
}

static void test_prefixes_longest_wins(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "p.json",
		"{\"schema\": 1,\n"
		" \"prefixes\": {\"a_\": [\"io-file\"], \"a_b_\": [\"time\"], \"a_b_c_\": [\"random\"], \"z\": []}}");
	assert_int_equal(known(&k.c, "a_x"), BIT(EFFECT_IO_FILE));
	assert_int_equal(known(&k.c, "a_"), BIT(EFFECT_IO_FILE));
	assert_int_equal(known(&k.c, "a_b_x"), BIT(EFFECT_TIME));
	assert_int_equal(known(&k.c, "a_b_"), BIT(EFFECT_TIME));
	assert_int_equal(known(&k.c, "a_b_c_d"), BIT(EFFECT_RANDOM));
	assert_int_equal(known(&k.c, "zebra"), 0);
	unknown(&k.c, "a");
	unknown(&k.c, "b_a_");
	unknown(&k.c, "A_x");
	/* a longer prefix loaded later still wins, and a shorter later one loses */
	load_ok(&k, "q.json", "{\"schema\": 1, \"prefixes\": {\"a_b_c_d_\": [\"alloc\"], \"a_b\": [\"env\"]}}");
	assert_int_equal(known(&k.c, "a_b_c_d_e"), BIT(EFFECT_ALLOC));
	assert_int_equal(known(&k.c, "a_b_c_x"), BIT(EFFECT_RANDOM));
	assert_int_equal(known(&k.c, "a_b_x"), BIT(EFFECT_TIME));
	assert_int_equal(known(&k.c, "a_bx"), BIT(EFFECT_ENV));
	cat_close(&k);
}

static void test_exact_beats_prefix(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "a.json",
		"{\"schema\": 1, \"functions\": {\"sqlite3_column_blob_alloc\": [\"alloc\"], \"x_pure\": []},"
		" \"prefixes\": {\"sqlite3_column_\": []}}");
	/* an exact entry in a later pack beats a longer prefix of an earlier one */
	load_ok(&k, "b.json", "{\"schema\": 1, \"prefixes\": {\"x_\": [\"process\"], \"x_pure\": [\"thread\"]}}");
	assert_int_equal(known(&k.c, "sqlite3_column_blob_alloc"), BIT(EFFECT_ALLOC));
	assert_int_equal(known(&k.c, "sqlite3_column_int"), 0);
	assert_int_equal(known(&k.c, "x_pure"), 0);            /* exact, earlier pack */
	assert_int_equal(known(&k.c, "x_pure2"), BIT(EFFECT_THREAD));
	assert_int_equal(known(&k.c, "x_other"), BIT(EFFECT_PROCESS));
	cat_close(&k);
}

static void test_later_packs_override(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "builtin.json",
		"{\"schema\": 1, \"functions\": {\"getenv\": [\"env\"], \"fopen\": [\"io-file\"], \"keep\": [\"time\"]},"
		" \"prefixes\": {\"p_\": [\"io-db\"]}}");
	load_ok(&k, "user.json",
		"{\"schema\": 1, \"functions\": {\"getenv\": [], \"fopen\": [\"alloc\", \"io-file\"]},"
		" \"prefixes\": {\"p_\": [\"io-net\"]}}");
	assert_int_equal(known(&k.c, "getenv"), 0);                      /* replaced, not merged */
	assert_int_equal(known(&k.c, "fopen"), BIT(EFFECT_ALLOC) | BIT(EFFECT_IO_FILE));
	assert_int_equal(known(&k.c, "keep"), BIT(EFFECT_TIME));
	assert_int_equal(known(&k.c, "p_x"), BIT(EFFECT_IO_NET));        /* equal prefixes: the later */
	load_ok(&k, "user2.json", "{\"schema\": 1, \"functions\": {\"getenv\": [\"env\", \"alloc\"]}}");
	assert_int_equal(known(&k.c, "getenv"), BIT(EFFECT_ENV) | BIT(EFFECT_ALLOC));
	assert_int_equal(k.c.packs.n, 3);
	assert_string_equal(k.c.packs.v[0], "builtin.json");
	assert_string_equal(k.c.packs.v[1], "user.json");
	assert_string_equal(k.c.packs.v[2], "user2.json");
	cat_close(&k);
}

static void test_init_patterns(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "a.json", "{\"schema\": 1, \"init_patterns\": [\"*_init\", \"setup\", \"load_config*\"]}");
	load_ok(&k, "b.json", "{\"schema\": 1, \"init_patterns\": [\"init_?\", \"[ab]boot\"]}");
	assert_true(catalog_is_init(&k.c, "db_init"));
	assert_true(catalog_is_init(&k.c, "_init"));
	assert_true(catalog_is_init(&k.c, "a_b_init"));
	assert_true(catalog_is_init(&k.c, "setup"));
	assert_true(catalog_is_init(&k.c, "load_config"));
	assert_true(catalog_is_init(&k.c, "load_config_file"));
	assert_true(catalog_is_init(&k.c, "init_x"));   /* patterns of all packs combine */
	assert_true(catalog_is_init(&k.c, "aboot"));
	assert_true(catalog_is_init(&k.c, "bboot"));
	assert_false(catalog_is_init(&k.c, "init"));
	assert_false(catalog_is_init(&k.c, "db_init2"));
	assert_false(catalog_is_init(&k.c, "DB_INIT"));
	assert_false(catalog_is_init(&k.c, "Db_Init"));  /* case-sensitive */
	assert_false(catalog_is_init(&k.c, "setup2"));
	assert_false(catalog_is_init(&k.c, "my_setup"));
	assert_false(catalog_is_init(&k.c, "init_xy"));
	assert_false(catalog_is_init(&k.c, "cboot"));
	assert_false(catalog_is_init(&k.c, ""));
	/* init patterns are globs, not effect names */
	unknown(&k.c, "db_init");
	cat_close(&k);
}

static void test_event_waits_and_sleeps(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "loops.json",
		"{\"schema\": 1, \"event_waits\": [\"epoll_wait\", \"poll\"], \"sleeps\": [\"usleep\"]}");
	load_ok(&k, "more.json", "{\"schema\": 1, \"event_waits\": [\"uv_run\"], \"sleeps\": [\"sleep\"]}");
	assert_true(catalog_is_event_wait(&k.c, "epoll_wait"));
	assert_true(catalog_is_event_wait(&k.c, "poll"));
	assert_true(catalog_is_event_wait(&k.c, "uv_run"));
	assert_false(catalog_is_event_wait(&k.c, "epoll"));       /* exact names, no prefixes */
	assert_false(catalog_is_event_wait(&k.c, "poll2"));
	assert_false(catalog_is_event_wait(&k.c, "usleep"));
	assert_true(catalog_is_sleep(&k.c, "usleep"));
	assert_true(catalog_is_sleep(&k.c, "sleep"));
	assert_false(catalog_is_sleep(&k.c, "nanosleep"));
	assert_false(catalog_is_sleep(&k.c, "poll"));
	/* loop shapes give no effects by themselves */
	unknown(&k.c, "poll");
	unknown(&k.c, "usleep");
	cat_close(&k);
}

/* ---- built-in packs ------------------------------------------------------ */

static void test_builtin_packs(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	int rc = catalog_load_builtin(&k.c, &k.err);
	if (rc != 0)
		fail_msg("built-in packs: %s", strbuf_str(&k.err));
	assert_int_equal(k.err.len, 0);
	assert_true(k.c.packs.n >= 12);
	bool libc = false, startup = false;
	for (size_t i = 0; i < k.c.packs.n; i++) {
		assert_int_equal(strncmp(k.c.packs.v[i], "rules/effects/", 14), 0);
		if (i)
			assert_true(strcmp(k.c.packs.v[i - 1], k.c.packs.v[i]) < 0); /* sorted by name */
		libc |= strcmp(k.c.packs.v[i], "rules/effects/libc.json") == 0;
		startup |= strcmp(k.c.packs.v[i], "rules/effects/startup.json") == 0;
	}
	assert_true(libc);
	assert_true(startup);
	assert_int_equal(known(&k.c, "printf"), BIT(EFFECT_IO_CONSOLE));
	assert_int_equal(known(&k.c, "strlen"), 0);
	assert_int_equal(known(&k.c, "__builtin_expect"), 0);               /* by prefix */
	assert_int_equal(known(&k.c, "__builtin_printf"), BIT(EFFECT_IO_CONSOLE)); /* exact beats prefix */
	assert_int_equal(known(&k.c, "pthread_create"), BIT(EFFECT_THREAD));
	assert_int_equal(known(&k.c, "fopen"), BIT(EFFECT_IO_FILE));
	assert_int_equal(known(&k.c, "malloc"), BIT(EFFECT_ALLOC));
	assert_int_equal(known(&k.c, "getenv"), BIT(EFFECT_ENV));
	assert_int_equal(known(&k.c, "strtok"), BIT(EFFECT_NON_REENTRANT));
	assert_int_equal(known(&k.c, "rand"), BIT(EFFECT_NON_REENTRANT) | BIT(EFFECT_RANDOM));
	assert_int_equal(known(&k.c, "abort"), 0);
	assert_int_equal(known(&k.c, "exit"), BIT(EFFECT_PROCESS));
	unknown(&k.c, "syscall");            /* deliberately in no pack */
	unknown(&k.c, "frobnicate_widget");
	assert_true(catalog_is_init(&k.c, "db_init"));
	assert_true(catalog_is_init(&k.c, "parse_args"));
	assert_false(catalog_is_init(&k.c, "handle_request"));
	assert_true(catalog_is_event_wait(&k.c, "epoll_wait"));
	assert_true(catalog_is_sleep(&k.c, "nanosleep"));
	assert_false(catalog_is_sleep(&k.c, "epoll_wait"));
	/* a user pack on top of the built-in ones wins */
	load_ok(&k, "user.json", "{\"schema\": 1, \"functions\": {\"printf\": []}}");
	assert_int_equal(known(&k.c, "printf"), 0);
	cat_close(&k);
}

static void test_load_file(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "my.json", "{\"schema\": 1, \"functions\": {\"bus_publish\": [\"io-net\"]}}");
	tmp_write(dir, "bad.json", "{\"schema\": 1,\n \"functions\": {\"x\": [\"global-write\"]}}");
	char *good = tmp_path(dir, "my.json"), *bad = tmp_path(dir, "bad.json"), *none = tmp_path(dir, "no.json");
	struct cat k;
	cat_open(&k);
	assert_int_equal(catalog_load_file(&k.c, good, &k.err), 0);
	assert_int_equal(known(&k.c, "bus_publish"), BIT(EFFECT_IO_NET));
	assert_string_equal(k.c.packs.v[0], good);

	struct strbuf want = STRBUF_INIT;
	assert_int_equal(catalog_load_file(&k.c, none, &k.err), -1);
	strbuf_addf(&want, "cannot open '%s': No such file or directory", none);
	assert_string_equal(strbuf_str(&k.err), strbuf_str(&want));

	strbuf_reset(&k.err);
	strbuf_reset(&want);
	assert_int_equal(catalog_load_file(&k.c, bad, &k.err), -1);
	strbuf_addf(&want, "'%s':2: unknown effect 'global-write' for 'x' (known: non-reentrant thread process "
			   "env io-file io-console io-net io-db time random blocking alloc)", bad);
	assert_string_equal(strbuf_str(&k.err), strbuf_str(&want));
	assert_int_equal(k.c.packs.n, 1);
	strbuf_release(&want);
	cat_close(&k);
	free(good);
	free(bad);
	free(none);
}

/* ---- errors -------------------------------------------------------------- */

#define KNOWN "(known: non-reentrant thread process env io-file io-console io-net io-db time random blocking alloc)"

static void test_error_malformed_json(void **state)
{
	(void)state;
	load_fails("x.json", "", "'x.json':1:1: malformed JSON");
	load_fails("x.json", "{\"schema\": 1} x", "'x.json':1:15: malformed JSON");
	load_fails("x.json", "{\"schema\": 1}\n\n   garbage", "'x.json':3:4: malformed JSON");
	/* a missing comma: parsing stops at the next key */
	load_fails("x.json",
		   "{\n"
		   "  \"schema\": 1,\n"
		   "  \"functions\": {\n"
		   "    \"fopen\": [\"io-file\"]\n"
		   "    \"fclose\": [\"io-file\"]\n"
		   "  }\n"
		   "}\n",
		   "'x.json':5:5: malformed JSON");
	/* an unterminated document */
	load_fails("my pack", "{\"schema\": 1,\n \"functions\": {", "'my pack':2:16: malformed JSON");
}

static void test_error_unknown_effect(void **state)
{
	(void)state;
	load_fails("x.json",
		   "{\n"
		   "  \"schema\": 1,\n"
		   "  \"functions\": {\n"
		   "    \"fclose\": [\"io-file\"],\n"
		   "    \"fopen\": [\"io-flie\"]\n"
		   "  }\n"
		   "}\n",
		   "'x.json':5: unknown effect 'io-flie' for 'fopen' " KNOWN);
	/* the line of the bad effect name, not of its entry */
	load_fails("x.json",
		   "{\n"
		   "  \"schema\": 1,\n"
		   "  \"functions\": {\n"
		   "    \"fopen\": [\n"
		   "      \"io-file\",\n"
		   "      \"io-flie\"\n"
		   "    ]\n"
		   "  }\n"
		   "}\n",
		   "'x.json':6: unknown effect 'io-flie' for 'fopen' " KNOWN);
	/* in prefixes too */
	load_fails("y.json",
		   "{\"schema\": 1,\n\"prefixes\": {\n\"sq_\": [\"io-db\", \"io_db\"]}}",
		   "'y.json':3: unknown effect 'io_db' for 'sq_' " KNOWN);
	/* not a string */
	load_fails("z.json", "{\"schema\": 1,\n \"functions\": {\n \"f\": [1]}}",
		   "'z.json':3: unknown effect '(not a string)' for 'f' " KNOWN);
}

static void test_error_derived_effects_rejected(void **state)
{
	(void)state;
	const char *derived[] = { "global-write", "global-read", "static-local", "config-read", "long-running",
				  "unknown" };
	for (size_t i = 0; i < sizeof(derived) / sizeof(derived[0]); i++) {
		struct strbuf text = STRBUF_INIT, msg = STRBUF_INIT;
		strbuf_addf(&text, "{\"schema\": 1,\n \"functions\": {\n  \"ok\": [],\n  \"f\": [\"alloc\", \"%s\"]}}",
			    derived[i]);
		strbuf_addf(&msg, "'d.json':4: unknown effect '%s' for 'f' " KNOWN, derived[i]);
		load_fails("d.json", strbuf_str(&text), strbuf_str(&msg));
		strbuf_release(&text);
		strbuf_release(&msg);
	}
}

static void test_error_schema(void **state)
{
	(void)state;
	const char *msg = "'s.json': not an effect pack (expected an object with \"schema\": 1)";
	load_fails("s.json", "{\"functions\": {}}", msg);
	load_fails("s.json", "{\"schema\": 2, \"functions\": {}}", msg);
	load_fails("s.json", "{\"schema\": 0}", msg);
	load_fails("s.json", "{\"schema\": \"1\"}", msg);
	load_fails("s.json", "{\"schema\": true}", msg);
	load_fails("s.json", "{\"schema\": null}", msg);
	load_fails("s.json", "{\"Schema\": 1}", msg);
	load_fails("s.json", "[{\"schema\": 1}]", msg);
	load_fails("s.json", "1", msg);
	load_fails("s.json", "\"schema\"", msg);
}

static void test_error_schema_fraction(void **state)
{
	(void)state;
	load_fails("s.json", "{\"schema\": 1.5}", "'s.json': not an effect pack (expected an object with \"schema\": 1)");
}

static void test_error_wrong_shapes(void **state)
{
	(void)state;
	const char *objects = "'w.json': \"functions\" and \"prefixes\" must be objects";
	load_fails("w.json", "{\"schema\": 1, \"functions\": [\"fopen\"]}", objects);
	load_fails("w.json", "{\"schema\": 1, \"functions\": \"fopen\"}", objects);
	load_fails("w.json", "{\"schema\": 1, \"prefixes\": [\"__builtin_\"]}", objects);
	load_fails("w.json", "{\"schema\": 1,\n\n \"functions\": {\n \"fopen\": \"io-file\"}}",
		   "'w.json':4: the effects of 'fopen' must be an array of effect names");
	load_fails("w.json", "{\"schema\": 1,\n \"functions\": {\"a\": [],\n \"fopen\": {\"io-file\": 1}}}",
		   "'w.json':3: the effects of 'fopen' must be an array of effect names");
	load_fails("w.json", "{\"schema\": 1,\n \"prefixes\": {\"p_\": null}}",
		   "'w.json':2: the effects of 'p_' must be an array of effect names");
}

static void test_error_string_lists(void **state)
{
	(void)state;
	load_fails("i.json", "{\"schema\": 1,\n \"functions\": {},\n \"init_patterns\": [\"*_init\", 3]}",
		   "'i.json':3: \"init_patterns\" must be an array of strings");
	load_fails("i.json", "{\"schema\": 1,\n\n\n \"init_patterns\": \"*_init\"}",
		   "'i.json':4: \"init_patterns\" must be an array of strings");
	load_fails("i.json", "{\"schema\": 1,\n \"event_waits\": [null]}",
		   "'i.json':2: \"event_waits\" must be an array of strings");
	load_fails("i.json", "{\"schema\": 1,\n \"sleeps\": {\"sleep\": 1}}",
		   "'i.json':2: \"sleeps\" must be an array of strings");
}

/* A failed pack leaves the packs loaded before it usable. */
static void test_error_keeps_earlier_packs(void **state)
{
	(void)state;
	struct cat k;
	cat_open(&k);
	load_ok(&k, "a.json", "{\"schema\": 1, \"functions\": {\"fopen\": [\"io-file\"]}}");
	assert_int_equal(catalog_load_text(&k.c, "b.json", "{\"schema\": 1, \"functions\": {\"g\": [\"io\"]}}", &k.err),
			 -1);
	assert_int_equal(k.c.packs.n, 1);
	assert_int_equal(known(&k.c, "fopen"), BIT(EFFECT_IO_FILE));
	cat_close(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_effect_names_round_trip),
		cmocka_unit_test(test_class_names),
		cmocka_unit_test(test_class_of_effects_precedence),
		cmocka_unit_test(test_exact_names),
		cmocka_unit_test(test_empty_pack),
		cmocka_unit_test(test_prefixes_longest_wins),
		cmocka_unit_test(test_exact_beats_prefix),
		cmocka_unit_test(test_later_packs_override),
		cmocka_unit_test(test_init_patterns),
		cmocka_unit_test(test_event_waits_and_sleeps),
		cmocka_unit_test(test_builtin_packs),
		cmocka_unit_test_setup_teardown(test_load_file, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_error_malformed_json),
		cmocka_unit_test(test_error_unknown_effect),
		cmocka_unit_test(test_error_derived_effects_rejected),
		cmocka_unit_test(test_error_schema),
		cmocka_unit_test(test_error_schema_fraction),
		cmocka_unit_test(test_error_wrong_shapes),
		cmocka_unit_test(test_error_string_lists),
		cmocka_unit_test(test_error_keeps_earlier_packs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
