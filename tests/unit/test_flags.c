/* test_flags.c — unit tests for analyzer/extract/flags.h */
#include "unit.h"
#include "flags.h"

#define NARGS(a) (sizeof(a) / sizeof((a)[0]))

/* Every argv ends with these two, added by flags_from_entry. */
static const char *const tail[] = { "-Wno-unused-command-line-argument", "-Wno-unknown-warning-option" };

static void run(struct flags *f, const char *dir, const char *file, char **args, size_t n,
		const char *resource_dir)
{
	struct compdb_entry e = { (char *)dir, (char *)file, args, n };
	flags_init(f);
	flags_from_entry(f, &e, resource_dir);
}

static void expect_argv(const struct flags *f, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n && i < f->argv.n; i++)
		assert_string_equal(f->argv.v[i], want[i]);
	assert_int_equal(f->argv.n, n + 2);
	assert_string_equal(f->argv.v[n], tail[0]);
	assert_string_equal(f->argv.v[n + 1], tail[1]);
}

static void expect_dropped(const struct flags *f, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n && i < f->dropped.n; i++)
		assert_string_equal(f->dropped.v[i], want[i]);
	assert_int_equal(f->dropped.n, n);
}

static void test_empty_command(void **state)
{
	(void)state;
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", NULL, 0, NULL);
	expect_argv(&f, NULL, 0);
	expect_dropped(&f, NULL, 0);
	flags_release(&f);
}

static void test_drops_compile_and_output_options(void **state)
{
	(void)state;
	char *args[] = { "-c", "-o", "a.o", "-MD", "-MF", "a.d", "-MT", "a.o", "-MQ", "q", "-MMD", "-MP",
			 "-Wall", "-oout.o", "-Werror", "-Werror=format", "-DX=1", "-S", "-E", "-M", "-MM",
			 "-pipe", "-fsyntax-only", "-pedantic-errors", "-Wp,-MD,deps.d",
			 "--serialize-diagnostics", "diag.dia", "-MJ", "cdb.json", "-MJcdb2.json",
			 "-MFjoined.d", "-MTtarget", "-MQq2", "--write-dependencies",
			 "--write-user-dependencies", "-O2" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = { "-Wall", "-DX=1", "-O2" };
	expect_argv(&f, want, NARGS(want));
	expect_dropped(&f, NULL, 0); /* harmless: not reported */
	flags_release(&f);
}

/* cc1 options that make a parse write files, passed with -Xclang pairs. */
static void test_drops_file_writing_xclang_options(void **state)
{
	(void)state;
	char *args[] = { "-Xclang", "-dependency-file", "-Xclang", "deps.d", "-DA", "-Xclang",
			 "-header-include-file", "-Xclang", "inc.txt", "-Xclang", "-fno-validate-pch", "-DB" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = { "-DA", "-Xclang", "-fno-validate-pch", "-DB" };
	expect_argv(&f, want, NARGS(want));
	expect_dropped(&f, NULL, 0);
	flags_release(&f);
}

static void test_drops_main_file(void **state)
{
	(void)state;
	char *args[] = { "../src/a.c", "-DA", "/proj/src/a.c", "./../src/./a.c", "other.c", "-x", "c" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = { "-DA", "other.c", "-x", "c" };
	expect_argv(&f, want, NARGS(want));
	flags_release(&f);
}

static void test_include_paths_made_absolute(void **state)
{
	(void)state;
	char *args[] = { "-Iinc", "-I", "../inc", "-I/abs/inc", "-isystem", "sys", "-isystemsys2",
			 "-iquote", "q", "-idirafter", "after", "-include", "cfg.h", "-includecfg2.h",
			 "-imacros", "m.h", "--sysroot=sr", "--sysroot", "sr2", "-isysroot", "isr",
			 "-Fframeworks", "-I=eq" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = {
		"-I", "/proj/build/inc", "-I", "/proj/inc", "-I", "/abs/inc",
		"-isystem", "/proj/build/sys", "-isystem", "/proj/build/sys2",
		"-iquote", "/proj/build/q", "-idirafter", "/proj/build/after",
		"-include", "/proj/build/cfg.h", "-include", "/proj/build/cfg2.h",
		"-imacros", "/proj/build/m.h", "--sysroot", "/proj/build/sr", "--sysroot", "/proj/build/sr2",
		"-isysroot", "/proj/build/isr", "-F", "/proj/build/frameworks", "-I", "/proj/build/eq",
	};
	expect_argv(&f, want, NARGS(want));
	flags_release(&f);
}

static void test_include_pch_not_mistaken(void **state)
{
	(void)state;
	char *args[] = { "-include-pch", "pre.pch", "-DAFTER" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	/* not "-include" "/proj/build/-pch" */
	const char *want[] = { "-include-pch", "pre.pch", "-DAFTER" };
	expect_argv(&f, want, NARGS(want));
	flags_release(&f);
}

static void test_path_option_without_value(void **state)
{
	(void)state;
	char *args[] = { "-DX", "-I" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = { "-DX" };
	expect_argv(&f, want, NARGS(want));
	flags_release(&f);
}

static void test_drops_code_loading_options(void **state)
{
	(void)state;
	char *args[] = {
		"-fplugin=/x/p.so", "-DKEEP1", "-fpass-plugin=/x/q.so", "-fplugin-arg-p-x",
		"-Xclang", "-load", "-Xclang", "x.so",
		"-Xclang", "-plugin", "-Xclang", "myplug",
		"-Xclang", "-add-plugin", "-Xclang", "other",
		"-Xclang", "-fplugin=y.so",
		"--config", "evil.cfg", "--config=e2.cfg", "--config-user-dir=/evil", "--config-system-dir=/evil",
		"-B", "/evil/bin", "-B/evil2",
		"-Wp,-load,z.so", "-Wp,-DOK=1",
		"-Xpreprocessor", "-load", "-Xpreprocessor", "w.so",
		"-Xpreprocessor", "-fpass-plugin=v.so",
		"-mllvm", "-whatever",
		"-Xclang", "-fno-color-diagnostics", "-DKEEP2",
	};
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = { "-DKEEP1", "-Wp,-DOK=1", "-Xclang", "-fno-color-diagnostics", "-DKEEP2" };
	expect_argv(&f, want, NARGS(want));
	const char *dropped[] = {
		"-fplugin=/x/p.so", "-fpass-plugin=/x/q.so", "-fplugin-arg-p-x",
		"-Xclang -load -Xclang x.so", "-Xclang -plugin -Xclang myplug",
		"-Xclang -add-plugin -Xclang other", "-Xclang -fplugin=y.so",
		"--config evil.cfg", "--config=e2.cfg", "--config-user-dir=/evil", "--config-system-dir=/evil",
		"-B /evil/bin", "-B/evil2", "-Wp,-load,z.so",
		"-Xpreprocessor -load -Xpreprocessor w.so", "-Xpreprocessor -fpass-plugin=v.so",
		"-mllvm -whatever",
	};
	expect_dropped(&f, dropped, NARGS(dropped));
	for (size_t i = 0; i < f.argv.n; i++) {
		assert_null(strstr(f.argv.v[i], ".so"));
		assert_null(strstr(f.argv.v[i], "evil"));
		assert_null(strstr(f.argv.v[i], "plug"));
	}
	flags_release(&f);
}

static void test_dangerous_option_at_the_end(void **state)
{
	(void)state;
	char *args[] = { "-DX", "--config" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = { "-DX" };
	expect_argv(&f, want, NARGS(want));
	const char *dropped[] = { "--config" };
	expect_dropped(&f, dropped, 1);
	flags_release(&f);
}

/* Clang modules would be built into a module cache outside the output
 * folder; a module map alone is read, never written. */
static void test_drops_module_flags(void **state)
{
	(void)state;
	char *args[] = { "-fmodules", "-DX", "-fmodules-cache-path=/tmp/mc", "-fcxx-modules",
			 "-Xclang", "-fmodules", "-Wp,-fmodules-ts", "-fmodule-map-file=m.modulemap" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want[] = { "-DX", "-fmodule-map-file=m.modulemap" };
	expect_argv(&f, want, NARGS(want));
	const char *dropped[] = { "-fmodules", "-fmodules-cache-path=/tmp/mc", "-fcxx-modules",
				  "-Xclang -fmodules", "-Wp,-fmodules-ts" };
	expect_dropped(&f, dropped, NARGS(dropped));
	flags_release(&f);
}

static void test_resource_dir_replaced(void **state)
{
	const char *dir = *state;
	char *args[] = { "-resource-dir", "/old/clang/lib", "-DX", "-resource-dir=/old2" };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), dir);
	const char *want[] = { "-DX", "-resource-dir", dir };
	expect_argv(&f, want, NARGS(want));
	flags_release(&f);

	/* none given, or one that does not exist: the database's is still dropped */
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), NULL);
	const char *want2[] = { "-DX" };
	expect_argv(&f, want2, NARGS(want2));
	flags_release(&f);
	char *missing = tmp_path(dir, "missing");
	run(&f, "/proj/build", "/proj/src/a.c", args, NARGS(args), missing);
	expect_argv(&f, want2, NARGS(want2));
	flags_release(&f);
	free(missing);
}

static void test_response_file(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "rsp/args.rsp", "-DFROM_RSP=1 -Iinc\n'-DQ=a b' -fplugin=evil.so\n-c main.c\n");
	char *main_c = tmp_path(dir, "main.c");
	char *args[] = { "-DBEFORE", "@rsp/args.rsp", "-DAFTER", "@missing.rsp", "@" };
	struct flags f;
	run(&f, dir, main_c, args, NARGS(args), NULL);
	char *inc = tmp_path(dir, "inc"); /* relative to the entry's directory */
	const char *want[] = { "-DBEFORE", "-DFROM_RSP=1", "-I", inc, "-DQ=a b", "-DAFTER", "@" };
	expect_argv(&f, want, NARGS(want));
	const char *dropped[] = { "-fplugin=evil.so" };
	expect_dropped(&f, dropped, 1);
	flags_release(&f);
	free(inc);
	free(main_c);
}

static void test_entry_left_unchanged(void **state)
{
	(void)state;
	char a0[] = "-Iinc", a1[] = "-c";
	char *args[] = { a0, a1 };
	struct flags f;
	run(&f, "/proj/build", "/proj/src/a.c", args, 2, NULL);
	assert_ptr_equal(args[0], a0);
	assert_string_equal(args[0], "-Iinc");
	assert_string_equal(args[1], "-c");
	flags_release(&f);
	assert_int_equal(f.argv.n, 0);
	assert_null(f.argv.v);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_command),
		cmocka_unit_test(test_drops_compile_and_output_options),
		cmocka_unit_test(test_drops_file_writing_xclang_options),
		cmocka_unit_test(test_drops_main_file),
		cmocka_unit_test(test_include_paths_made_absolute),
		cmocka_unit_test(test_include_pch_not_mistaken),
		cmocka_unit_test(test_path_option_without_value),
		cmocka_unit_test(test_drops_code_loading_options),
		cmocka_unit_test(test_dangerous_option_at_the_end),
		cmocka_unit_test(test_drops_module_flags),
		T(test_resource_dir_replaced),
		T(test_response_file),
		cmocka_unit_test(test_entry_left_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
