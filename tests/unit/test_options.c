/* test_options.c — unit tests for analyzer/cli/options.h
 *
 * options.c is compiled into the seam executable, not into a library the
 * tests link with, so it is included here; the tests still use only what
 * options.h declares. */
#include "unit.h"
#include "../../analyzer/cli/options.c"

struct vals {
	const char *build_dir, *out, *root;
	unsigned jobs;
	struct option_list excludes;
	bool quiet, verbose;
};

/* A table like seam analyze's: short and long names, every type. */
#define TABLE(v)                                                                              \
	{                                                                                     \
		{ 'p', "build-dir", OPT_STRING, &(v).build_dir, "BUILD_DIR", "read the database" }, \
		{ 'o', "output", OPT_STRING, &(v).out, "OUT_DIR", "where reports go" },              \
		{ 'j', "jobs", OPT_UINT, &(v).jobs, "N", "parallel workers" },                       \
		{ 0, "exclude", OPT_LIST, &(v).excludes, "GLOB", "skip matching files" },            \
		{ 0, "root", OPT_STRING, &(v).root, "DIR", "project root" },                         \
		{ 'q', "quiet", OPT_FLAG, &(v).quiet, NULL, "no progress" },                         \
		{ 'v', "verbose", OPT_FLAG, &(v).verbose, NULL, "more output" },                     \
		{ 0 },                                                                        \
	}

struct parsed {
	struct vals v;
	struct parsed_args pa;
	struct strbuf err;
	int rc;
};

static void parse(struct parsed *p, int argc, char **argv)
{
	memset(&p->v, 0, sizeof(p->v));
	strbuf_init(&p->err);
	const struct option opts[] = TABLE(p->v);
	p->rc = options_parse(opts, argc, argv, &p->pa, &p->err);
}

static void done(struct parsed *p)
{
	const struct option opts[] = TABLE(p->v);
	options_release(opts, &p->pa);
	assert_null(p->v.excludes.v);
	assert_int_equal(p->v.excludes.n, 0);
	assert_null(p->pa.positional.v);
	strbuf_release(&p->err);
}

#define ARGV(...) (char *[]){ __VA_ARGS__ }
#define ARGC(...) ((int)(sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(p, ...) parse(p, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

static void test_long_options(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "--build-dir", "build", "--output=out dir", "--jobs", "8", "--quiet", "--root=");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.err.len, 0);
	assert_string_equal(p.v.build_dir, "build");
	assert_string_equal(p.v.out, "out dir");
	assert_int_equal(p.v.jobs, 8);
	assert_true(p.v.quiet);
	assert_false(p.v.verbose);
	assert_string_equal(p.v.root, ""); /* an inline empty value is a value */
	assert_int_equal(p.pa.positional.n, 0);
	assert_false(p.pa.help);
	done(&p);
}

static void test_short_options(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "-p", "build", "-oout", "-j4", "-q", "-j", "2");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.v.build_dir, "build");
	assert_string_equal(p.v.out, "out");
	assert_int_equal(p.v.jobs, 2); /* the last one wins */
	assert_true(p.v.quiet);
	done(&p);
}

static void test_value_may_look_like_an_option(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "--output", "--quiet", "-p", "-");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.v.out, "--quiet");
	assert_false(p.v.quiet);
	assert_string_equal(p.v.build_dir, "-");
	done(&p);
}

static void test_lists_and_positionals(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "src", "--exclude", "third_party/*", "lib", "--exclude=*_test.c", "-", "--exclude", "");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.v.excludes.n, 3);
	assert_string_equal(p.v.excludes.v[0], "third_party/*");
	assert_string_equal(p.v.excludes.v[1], "*_test.c");
	assert_string_equal(p.v.excludes.v[2], "");
	assert_int_equal(p.pa.positional.n, 3);
	assert_string_equal(p.pa.positional.v[0], "src");
	assert_string_equal(p.pa.positional.v[1], "lib");
	assert_string_equal(p.pa.positional.v[2], "-"); /* a lone dash is a positional */
	done(&p);
}

static void test_many_list_values(void **state)
{
	(void)state;
	enum { N = 100 };
	char *argv[2 * N];
	char names[N][16];
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "g%d", i);
		argv[2 * i] = "--exclude";
		argv[2 * i + 1] = names[i];
	}
	struct parsed p;
	parse(&p, 2 * N, argv);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.v.excludes.n, N);
	assert_string_equal(p.v.excludes.v[N - 1], "g99");
	assert_ptr_equal(p.v.excludes.v[7], names[7]); /* values point into argv */
	done(&p);
}

static void test_passthrough(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "src", "-q", "--", "-DX=1", "--output", "-Iinc", "--");
	assert_int_equal(p.rc, 0);
	assert_true(p.v.quiet);
	assert_null(p.v.out); /* after "--": not an option */
	assert_int_equal(p.pa.positional.n, 1);
	assert_int_equal(p.pa.passthrough.n, 4);
	assert_string_equal(p.pa.passthrough.v[0], "-DX=1");
	assert_string_equal(p.pa.passthrough.v[1], "--output");
	assert_string_equal(p.pa.passthrough.v[2], "-Iinc");
	assert_string_equal(p.pa.passthrough.v[3], "--");
	done(&p);

	PARSE(&p, "--");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.pa.passthrough.n, 0);
	done(&p);
}

static void test_help(void **state)
{
	(void)state;
	struct parsed p;
	PARSE(&p, "src", "--help");
	assert_int_equal(p.rc, 0);
	assert_true(p.pa.help);
	done(&p);
	PARSE(&p, "-h", "-q");
	assert_int_equal(p.rc, 0);
	assert_true(p.pa.help);
	assert_true(p.v.quiet);
	done(&p);
	PARSE(&p, "--", "--help");
	assert_false(p.pa.help);
	done(&p);
}

static void test_no_arguments(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, 0, NULL);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.pa.positional.n, 0);
	assert_false(p.pa.help);
	done(&p);
}

static void expect_error(int argc, char **argv, const char *msg)
{
	struct parsed p;
	parse(&p, argc, argv);
	assert_int_equal(p.rc, -1);
	assert_string_equal(strbuf_str(&p.err), msg);
	done(&p);
}

#define EXPECT_ERROR(msg, ...) expect_error(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), msg)

static void test_unknown_option(void **state)
{
	(void)state;
	EXPECT_ERROR("unknown option '--frobnicate'", "src", "--frobnicate");
	EXPECT_ERROR("unknown option '--frob=1'", "--frob=1");
	EXPECT_ERROR("unknown option '-z'", "-z");
	EXPECT_ERROR("unknown option '--buil'", "--buil", "x"); /* no prefix matching */
	EXPECT_ERROR("unknown option '--quiet2'", "--quiet2");
}

static void test_missing_value(void **state)
{
	(void)state;
	EXPECT_ERROR("option '--output' needs a value (OUT_DIR)", "--output");
	EXPECT_ERROR("option '--build-dir' needs a value (BUILD_DIR)", "src", "-p");
	EXPECT_ERROR("option '--exclude' needs a value (GLOB)", "--exclude");
	EXPECT_ERROR("option '--jobs' needs a value (N)", "-j");
}

static void test_bad_number(void **state)
{
	(void)state;
	EXPECT_ERROR("option '--jobs' expects a whole number, got 'four'", "--jobs", "four");
	EXPECT_ERROR("option '--jobs' expects a whole number, got '4x'", "-j4x");
	EXPECT_ERROR("option '--jobs' expects a whole number, got '-1'", "--jobs=-1");
	EXPECT_ERROR("option '--jobs' expects a whole number, got ''", "--jobs=");
	EXPECT_ERROR("option '--jobs' expects a whole number, got '99999999999999999999'", "-j",
		     "99999999999999999999");
	EXPECT_ERROR("option '--jobs' expects a whole number, got '100001'", "-j", "100001");
	struct parsed p;
	PARSE(&p, "--jobs=0");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.v.jobs, 0);
	done(&p);
	PARSE(&p, "--jobs=100000");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.v.jobs, 100000);
	done(&p);
}

static void test_flag_takes_no_value(void **state)
{
	(void)state;
	EXPECT_ERROR("option '--quiet' takes no value", "--quiet=yes");
	EXPECT_ERROR("option '--quiet' takes no value", "-qv"); /* no bundling */
}

static void test_usage_lists_every_option(void **state)
{
	(void)state;
	struct vals v;
	const struct option opts[] = TABLE(v);
	struct strbuf out = STRBUF_INIT;
	options_usage(opts, "seam analyze [options] [PATH...]", "Extract the program model.", &out);
	const char *text = strbuf_str(&out);
	assert_true(strncmp(text, "usage: seam analyze [options] [PATH...]\n\nExtract the program model.\n\noptions:\n",
			    strlen("usage: seam analyze [options] [PATH...]\n\nExtract the program model.\n\noptions:\n")) == 0);
	size_t n = 0;
	for (const struct option *o = opts; o->long_name || o->short_name; o++, n++) {
		struct strbuf line = STRBUF_INIT;
		if (o->short_name)
			strbuf_addf(&line, "-%c, ", o->short_name);
		strbuf_addf(&line, "--%s", o->long_name);
		if (o->type != OPT_FLAG)
			strbuf_addf(&line, " %s", o->metavar);
		const char *at = strstr(text, strbuf_str(&line));
		assert_non_null(at);
		const char *eol = strchr(at, '\n');
		const char *help = strstr(at, o->help);
		assert_non_null(help);
		assert_true(help < eol); /* the help text is on the option's line */
		strbuf_release(&line);
	}
	assert_int_equal(n, 7);
	assert_non_null(strstr(text, "  -h, --help"));
	assert_non_null(strstr(text, "      --exclude GLOB")); /* aligned with the short ones */
	/* one line per option, plus --help, plus the five header lines */
	size_t lines = 0;
	for (const char *s = text; *s; s++)
		lines += *s == '\n';
	assert_int_equal(lines, 5 + n + 1);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_options),
		cmocka_unit_test(test_short_options),
		cmocka_unit_test(test_value_may_look_like_an_option),
		cmocka_unit_test(test_lists_and_positionals),
		cmocka_unit_test(test_many_list_values),
		cmocka_unit_test(test_passthrough),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_no_arguments),
		cmocka_unit_test(test_unknown_option),
		cmocka_unit_test(test_missing_value),
		cmocka_unit_test(test_bad_number),
		cmocka_unit_test(test_flag_takes_no_value),
		cmocka_unit_test(test_usage_lists_every_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
