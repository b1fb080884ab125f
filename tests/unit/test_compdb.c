/* test_compdb.c — unit tests for analyzer/extract/compdb.h */
#include "unit.h"
#include "compdb.h"

static void check_args(const struct compdb_entry *e, const char *const *want, size_t n)
{
	assert_int_equal(e->nargs, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(e->args[i], want[i]);
}

static char *joined(const char *dir, const char *rel)
{
	return path_join(dir, rel);
}

/* ---- compdb_split_command ---------------------------------------------------- */

static void check_split(const char *cmd, const char *const *want, size_t n)
{
	size_t got_n = 99;
	char **got = compdb_split_command(cmd, &got_n);
	assert_non_null(got);
	assert_int_equal(got_n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
	for (size_t i = 0; i < got_n; i++)
		free(got[i]);
	free(got);
}

static void test_split_plain(void **state)
{
	(void)state;
	const char *w[] = { "gcc", "-c", "-o", "a.o", "a.c" };
	check_split("gcc -c  -o\ta.o \n a.c", w, 5);
	check_split("", NULL, 0);
	check_split(" \t\r\n ", NULL, 0);
}

static void test_split_quotes(void **state)
{
	(void)state;
	const char *w1[] = { "cc", "a b.c", "-DX=1 2", "-DMSG=\"hi\"" };
	check_split("cc 'a b.c' -DX=\"1 2\" -DMSG=\\\"hi\\\"", w1, 4);
	/* quotes glue to their neighbours: one word */
	const char *w2[] = { "-DNAME=ab cd", "it's" };
	check_split("-DNAME=ab' 'cd 'it'\\''s'", w2, 2);
	/* empty quoted words are words */
	const char *w3[] = { "x", "", "" };
	check_split("x '' \"\"", w3, 3);
	/* single quotes keep backslashes and double quotes */
	const char *w4[] = { "a\\b\"c" };
	check_split("'a\\b\"c'", w4, 1);
	/* unterminated quote: to the end */
	const char *w5[] = { "cc", "open end" };
	check_split("cc \"open end", w5, 2);
}

static void test_split_backslashes(void **state)
{
	(void)state;
	/* outside quotes: escapes the next character */
	const char *w1[] = { "a b", "c\\d", "e" };
	check_split("a\\ b c\\\\d \\e", w1, 3);
	/* inside double quotes: only \" and \\ are escapes */
	const char *w2[] = { "q\"q", "s\\s", "k\\n" };
	check_split("\"q\\\"q\" \"s\\\\s\" \"k\\n\"", w2, 3);
	/* a trailing backslash stays */
	const char *w3[] = { "end\\" };
	check_split("end\\", w3, 1);
}

/* ---- compdb_load --------------------------------------------------------------- */

static void write_db(const char *dir, const char *rel, const char *json)
{
	tmp_write(dir, rel, json);
}

static void test_load_both_forms(void **state)
{
	const char *dir = *state;
	write_db(dir, "build/compile_commands.json",
		 "[\n"
		 "  {\"directory\": \"/abs/build\", \"file\": \"../src/a.c\",\n"
		 "   \"arguments\": [\"cc\", \"-Iinc\", \"-c\", \"../src/a.c\"], \"output\": \"a.o\"},\n"
		 "  {\"directory\": \"/abs/build\", \"file\": \"/abs/src/b.c\",\n"
		 "   \"command\": \"/usr/bin/gcc -DX=\\\"a b\\\" -c 'b c.c'\"}\n"
		 "]\n");
	char *db_path = joined(dir, "build/compile_commands.json");
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(compdb_load(&db, db_path, &err), 0);
	assert_int_equal(err.len, 0);
	assert_int_equal(db.entries.n, 2);
	const struct compdb_entry *e = &db.entries.v[0];
	assert_string_equal(e->directory, "/abs/build");
	assert_string_equal(e->file, "/abs/src/a.c");
	const char *a0[] = { "-Iinc", "-c", "../src/a.c" }; /* argv[0] dropped */
	check_args(e, a0, 3);
	e = &db.entries.v[1];
	assert_string_equal(e->file, "/abs/src/b.c");
	const char *a1[] = { "-DX=a b", "-c", "b c.c" };
	check_args(e, a1, 3);
	compdb_release(&db);
	assert_int_equal(db.entries.n, 0);
	strbuf_release(&err);
	free(db_path);
}

static void test_load_relative_directory(void **state)
{
	const char *dir = *state;
	write_db(dir, "build/compile_commands.json",
		 "[{\"directory\": \"rel/./x/..\", \"file\": \"b.c\", \"arguments\": [\"cc\", \"b.c\"]},\n"
		 " {\"directory\": \".\", \"file\": \"../src/c.c\", \"command\": \"cc -c ../src/c.c\"}]");
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	/* the database itself named relative to the working directory */
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	int rc = compdb_load(&db, "build/compile_commands.json", &err);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, 0);
	assert_int_equal(db.entries.n, 2);
	char *want_dir = joined(dir, "build/rel");
	char *want_file = joined(dir, "build/rel/b.c");
	assert_string_equal(db.entries.v[0].directory, want_dir);
	assert_string_equal(db.entries.v[0].file, want_file);
	free(want_dir);
	free(want_file);
	want_dir = joined(dir, "build");
	want_file = joined(dir, "src/c.c");
	assert_string_equal(db.entries.v[1].directory, want_dir);
	assert_string_equal(db.entries.v[1].file, want_file);
	free(want_dir);
	free(want_file);
	compdb_release(&db);
	strbuf_release(&err);
}

static void test_load_empty_array(void **state)
{
	const char *dir = *state;
	write_db(dir, "cc.json", " [ ] \n");
	char *p = joined(dir, "cc.json");
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(compdb_load(&db, p, &err), 0);
	assert_int_equal(db.entries.n, 0);
	compdb_release(&db);
	strbuf_release(&err);
	free(p);
}

/* Loads json and expects an error equal to "'<path>'" + suffix. */
static void expect_load_error(const char *dir, const char *json, const char *suffix)
{
	write_db(dir, "bad.json", json);
	char *p = joined(dir, "bad.json");
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;
	assert_int_equal(compdb_load(&db, p, &err), -1);
	strbuf_addf(&want, "'%s'%s", p, suffix);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	compdb_release(&db);
	strbuf_release(&err);
	strbuf_release(&want);
	free(p);
}

static void test_load_malformed_json_position(void **state)
{
	const char *dir = *state;
	expect_load_error(dir,
			  "[\n"
			  "  {\"directory\": \"/x\",\n"
			  "   \"file\": }\n"
			  "]\n",
			  ":3:12: malformed JSON");
	expect_load_error(dir, "", ":1:1: malformed JSON");
	expect_load_error(dir, "[1, 2", ":1:6: malformed JSON");
	expect_load_error(dir, "[]\n\n  x", ":3:3: malformed JSON"); /* trailing garbage */
}

static void test_load_not_an_array(void **state)
{
	const char *dir = *state;
	expect_load_error(dir, "{\"directory\": \"/x\"}", ": expected a JSON array of compile commands");
	expect_load_error(dir, "\"text\"", ": expected a JSON array of compile commands");
}

static void test_load_bad_entries(void **state)
{
	const char *dir = *state;
	const char *expected = ": entry 2: expected an object with string fields \"directory\", \"file\" "
			       "and an \"arguments\" array or a \"command\" string";
	expect_load_error(dir,
			  "[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"cc a.c\"},\n"
			  " {\"directory\": \"/x\", \"command\": \"cc b.c\"}]",
			  expected);
	expect_load_error(dir,
			  "[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"cc a.c\"},\n"
			  " {\"file\": \"b.c\", \"arguments\": [\"cc\"]}]",
			  expected);
	expect_load_error(dir,
			  "[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"cc a.c\"},\n"
			  " {\"directory\": \"/x\", \"file\": \"b.c\"}]",
			  expected);
	expect_load_error(dir,
			  "[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"cc a.c\"},\n"
			  " {\"directory\": \"/x\", \"file\": 3, \"command\": \"cc\"}]",
			  expected);
	expect_load_error(dir,
			  "[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"cc a.c\"},\n"
			  " {\"directory\": \"/x\", \"file\": \"b.c\", \"arguments\": \"cc b.c\"}]",
			  expected);
	expect_load_error(dir,
			  "[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"cc a.c\"}, \"cc b.c\"]",
			  expected);
	expect_load_error(dir, "[{\"directory\": \"/x\", \"file\": \"a.c\", \"arguments\": [\"cc\", 1]}]",
			  ": entry 1: \"arguments\" must hold only strings");
}

static void test_load_missing_file(void **state)
{
	const char *dir = *state;
	char *p = joined(dir, "nope/compile_commands.json");
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;
	assert_int_equal(compdb_load(&db, p, &err), -1);
	strbuf_addf(&want, "cannot open '%s': No such file or directory", p);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	assert_int_equal(db.entries.n, 0);
	compdb_release(&db);
	strbuf_release(&err);
	strbuf_release(&want);
	free(p);
}

/* ---- compdb_add / compdb_exclude / compdb_glob_match ---------------------------- */

static char **args_of(const char *a, const char *b)
{
	char **v = xcalloc(3, sizeof(char *));
	v[0] = xstrdup(a);
	v[1] = xstrdup(b);
	return v;
}

static void test_add_normalises(void **state)
{
	(void)state;
	struct compdb db;
	compdb_init(&db);
	compdb_add(&db, "/p/build//", "../src/./x.c", args_of("-c", "x.c"), 2);
	assert_string_equal(db.entries.v[0].directory, "/p/build");
	assert_string_equal(db.entries.v[0].file, "/p/src/x.c");
	assert_int_equal(db.entries.v[0].nargs, 2);
	compdb_release(&db);
}

/* Files outside the working directory: the glob is matched against the
 * absolute path; '*' crosses '/'. */
static void test_glob_match_absolute(void **state)
{
	(void)state;
	assert_true(compdb_glob_match("*.c", "/nowhere/src/a.c"));
	assert_true(compdb_glob_match("/nowhere/gen/*", "/nowhere/gen/x/y.c"));
	assert_true(compdb_glob_match("*/third_party/*", "/nowhere/third_party/z/y.c"));
	assert_true(compdb_glob_match("*/src/*_test.c", "/nowhere/src/net/x_test.c"));
	assert_true(compdb_glob_match("/nowhere/src/?.c", "/nowhere/src/a.c"));
	assert_false(compdb_glob_match("third_party/*", "/nowhere/third_party/z/y.c"));
	assert_false(compdb_glob_match("b.c", "/nowhere/a/b.c"));
	assert_false(compdb_glob_match("*/gen", "/nowhere/gen/x.c"));
	assert_false(compdb_glob_match("*.h", "/nowhere/a.c"));
}

/* Files under the working directory: matched as typed from there. */
static void test_glob_match_relative_to_cwd(void **state)
{
	const char *dir = *state;
	char *m = joined(dir, "src/m.c");
	char *t = joined(dir, "third_party/z/y.c");
	char *nested = joined(dir, "src/third_party/y.c");
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	bool r[] = {
		compdb_glob_match("src/m.c", m),
		compdb_glob_match("src/*", m),
		compdb_glob_match("*/m.c", m),
		compdb_glob_match("third_party/*", t),
		compdb_glob_match("m.c", m),
		compdb_glob_match("third_party/*", nested), /* only the top-level folder */
		compdb_glob_match("*.c", nested),
	};
	assert_int_equal(chdir(cwd), 0);
	assert_true(r[0]);
	assert_true(r[1]);
	assert_true(r[2]);
	assert_true(r[3]);
	assert_false(r[4]);
	assert_false(r[5]);
	assert_true(r[6]);
	free(nested);
	free(t);
	free(m);
}

static void test_exclude(void **state)
{
	(void)state;
	struct compdb db;
	compdb_init(&db);
	compdb_add(&db, "/nowhere", "src/a.c", args_of("-c", "a.c"), 2);
	compdb_add(&db, "/nowhere", "third_party/z/b.c", args_of("-c", "b.c"), 2);
	compdb_add(&db, "/nowhere", "src/c_test.c", args_of("-c", "c.c"), 2);
	compdb_add(&db, "/nowhere", "src/d.c", args_of("-c", "d.c"), 2);
	char *ex[] = { "*/third_party/*", "*_test.c" };
	compdb_exclude(&db, ex, 2);
	assert_int_equal(db.entries.n, 2);
	assert_string_equal(db.entries.v[0].file, "/nowhere/src/a.c");
	assert_string_equal(db.entries.v[1].file, "/nowhere/src/d.c");
	assert_int_equal(db.entries.v[1].nargs, 2);
	assert_string_equal(db.entries.v[1].args[1], "d.c");
	compdb_exclude(&db, NULL, 0); /* no globs: nothing removed */
	assert_int_equal(db.entries.n, 2);
	compdb_release(&db);
}

/* ---- compdb_scan ------------------------------------------------------------------ */

static void make_tree(const char *dir)
{
	tmp_write(dir, "src/b.c", "int b;\n");
	tmp_write(dir, "src/a.c", "int a;\n");
	tmp_write(dir, "src/h.h", "int h;\n");
	tmp_write(dir, "src/readme.txt", "x\n");
	tmp_write(dir, "src/sub/c.c", "int c;\n");
	tmp_write(dir, "src/sub/deeper/d.c", "int d;\n");
	tmp_write(dir, "src/.git/objects/x.c", "int x;\n");
	tmp_write(dir, "src/.hidden.c", "int y;\n");
	tmp_write(dir, "src/third_party/t.c", "int t;\n");
	tmp_write(dir, "src/notc.cc", "int cc;\n");
	char *loop = joined(dir, "src/sub/loop");
	char *src = joined(dir, "src");
	assert_int_equal(symlink(src, loop), 0); /* src/sub/loop -> src */
	char *self = joined(dir, "src/sub/deeper/self");
	assert_int_equal(symlink(".", self), 0); /* a link to its own folder */
	char *dangling = joined(dir, "src/gone.c");
	assert_int_equal(symlink("/nonexistent/seam/gone.c", dangling), 0);
	free(dangling);
	free(self);
	free(src);
	free(loop);
}

static void expect_files(const struct compdb *db, const char *dir, const char *const *rel, size_t n)
{
	assert_int_equal(db->entries.n, n);
	for (size_t i = 0; i < n; i++) {
		char *want = joined(dir, rel[i]);
		assert_string_equal(db->entries.v[i].file, want);
		free(want);
	}
}

static void test_scan_tree(void **state)
{
	const char *dir = *state;
	make_tree(dir);
	char *src = joined(dir, "src");
	char *paths[] = { src };
	char *flags[] = { "-DSCAN=1", "-Iinclude" };
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(compdb_scan(&db, paths, 1, flags, 2, NULL, 0, &err), 0);
	assert_int_equal(err.len, 0);
	const char *want[] = { "src/a.c", "src/b.c", "src/sub/c.c", "src/sub/deeper/d.c",
			       "src/third_party/t.c" };
	expect_files(&db, dir, want, 5);
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	char *cwd_abs = path_absolute(cwd, NULL);
	for (size_t i = 0; i < db.entries.n; i++) {
		const char *a[] = { "-DSCAN=1", "-Iinclude" };
		check_args(&db.entries.v[i], a, 2);
		assert_string_equal(db.entries.v[i].directory, cwd_abs);
	}
	free(cwd_abs);
	compdb_release(&db);
	strbuf_release(&err);
	free(src);
}

static void test_scan_excludes(void **state)
{
	const char *dir = *state;
	make_tree(dir);
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	char *paths[] = { "src" };
	char *ex[] = { "src/third_party/*", "*/deeper" }; /* a file glob and a folder glob */
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	int rc = compdb_scan(&db, paths, 1, NULL, 0, ex, 2, &err);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, 0);
	const char *want[] = { "src/a.c", "src/b.c", "src/sub/c.c" };
	expect_files(&db, dir, want, 3);
	assert_int_equal(db.entries.v[0].nargs, 0);
	compdb_release(&db);
	strbuf_release(&err);
}

static void test_scan_files_and_duplicates(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "dup/b.c", "int b;\n");
	tmp_write(dir, "dup/x/c.c", "int c;\n");
	tmp_write(dir, "dup/x/e.c", "int e;\n");
	char *c = joined(dir, "dup/x/c.c");
	char *x = joined(dir, "dup/x");
	char *b = joined(dir, "dup/b.c");
	char *c_again = joined(dir, "dup/x/./c.c");
	char *paths[] = { c, x, b, c_again, x };
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(compdb_scan(&db, paths, 5, NULL, 0, NULL, 0, &err), 0);
	const char *want[] = { "dup/b.c", "dup/x/c.c", "dup/x/e.c" };
	expect_files(&db, dir, want, 3); /* sorted, each file once */
	compdb_release(&db);
	strbuf_release(&err);
	free(c_again);
	free(b);
	free(x);
	free(c);
}

/* Scanning below the loop's target: the link is followed once, never again. */
static void test_scan_symlink_loop_terminates(void **state)
{
	const char *dir = *state;
	make_tree(dir);
	char *sub = joined(dir, "src/sub");
	char *paths[] = { sub };
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(compdb_scan(&db, paths, 1, NULL, 0, NULL, 0, &err), 0);
	const char *want[] = { "src/sub/c.c", "src/sub/deeper/d.c", "src/sub/loop/a.c", "src/sub/loop/b.c",
			       "src/sub/loop/third_party/t.c" };
	expect_files(&db, dir, want, 5);
	compdb_release(&db);
	strbuf_release(&err);
	free(sub);
}

static void test_scan_empty_folder(void **state)
{
	const char *dir = *state;
	char *empty = joined(dir, "empty");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_mkdirs(empty, &err), 0);
	char *paths[] = { empty };
	struct compdb db;
	compdb_init(&db);
	assert_int_equal(compdb_scan(&db, paths, 1, NULL, 0, NULL, 0, &err), 0);
	assert_int_equal(db.entries.n, 0);
	assert_int_equal(err.len, 0);
	compdb_release(&db);
	strbuf_release(&err);
	free(empty);
}

static void test_scan_relative_path(void **state)
{
	const char *dir = *state;
	make_tree(dir);
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	char *paths[] = { "src/sub/deeper" };
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT;
	int rc = compdb_scan(&db, paths, 1, NULL, 0, NULL, 0, &err);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, 0);
	const char *want[] = { "src/sub/deeper/d.c" };
	expect_files(&db, dir, want, 1);
	compdb_release(&db);
	strbuf_release(&err);
}

static void test_scan_errors(void **state)
{
	const char *dir = *state;
	make_tree(dir);
	char *header = joined(dir, "src/h.h");
	char *missing = joined(dir, "src/missing.c");
	char *a = joined(dir, "src/a.c");
	struct compdb db;
	compdb_init(&db);
	struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;

	char *p1[] = { a, header };
	assert_int_equal(compdb_scan(&db, p1, 2, NULL, 0, NULL, 0, &err), -1);
	strbuf_addf(&want, "'%s' is not a C source file (expected a .c file or a folder)", header);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	assert_int_equal(db.entries.n, 0); /* nothing added on error */

	strbuf_reset(&err);
	strbuf_reset(&want);
	char *p2[] = { missing, a };
	assert_int_equal(compdb_scan(&db, p2, 2, NULL, 0, NULL, 0, &err), -1);
	strbuf_addf(&want, "cannot open '%s': No such file or directory", missing);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	assert_int_equal(db.entries.n, 0);

	compdb_release(&db);
	strbuf_release(&err);
	strbuf_release(&want);
	free(a);
	free(missing);
	free(header);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_plain),
		cmocka_unit_test(test_split_quotes),
		cmocka_unit_test(test_split_backslashes),
		T(test_load_both_forms),
		T(test_load_relative_directory),
		T(test_load_empty_array),
		T(test_load_malformed_json_position),
		T(test_load_not_an_array),
		T(test_load_bad_entries),
		T(test_load_missing_file),
		cmocka_unit_test(test_add_normalises),
		cmocka_unit_test(test_glob_match_absolute),
		T(test_glob_match_relative_to_cwd),
		cmocka_unit_test(test_exclude),
		T(test_scan_tree),
		T(test_scan_excludes),
		T(test_scan_files_and_duplicates),
		T(test_scan_symlink_loop_terminates),
		T(test_scan_empty_folder),
		T(test_scan_relative_path),
		T(test_scan_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
