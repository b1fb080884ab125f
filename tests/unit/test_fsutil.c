/* test_fsutil.c — unit tests for analyzer/util/fsutil.h */
#include "unit.h"
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>

static void check_abs(const char *path, const char *base, const char *want)
{
	char *got = path_absolute(path, base);
	assert_string_equal(got, want);
	free(got);
}

static void test_path_absolute_normalises(void **state)
{
	(void)state;
	check_abs("/a/b/c", NULL, "/a/b/c");
	check_abs("/a/./b/.", NULL, "/a/b");
	check_abs("/a//b///c/", NULL, "/a/b/c");
	check_abs("//a", NULL, "/a");
	check_abs("/a/b/../c", NULL, "/a/c");
	check_abs("/a/b/c/../../d", NULL, "/a/d");
	check_abs("/a/..", NULL, "/");
	check_abs("/", NULL, "/");
	check_abs("/.", NULL, "/");
	check_abs("/./..//.", NULL, "/");
	/* above the root stays at the root */
	check_abs("/../../x", NULL, "/x");
	check_abs("/a/../../../b/./c/..", NULL, "/b");
	/* names that merely start with dots are names */
	check_abs("/a/.hidden/..x/...", NULL, "/a/.hidden/..x/...");
}

static void test_path_absolute_with_base(void **state)
{
	(void)state;
	check_abs("src/a.c", "/proj", "/proj/src/a.c");
	check_abs("./src/../inc", "/proj/build/", "/proj/build/inc");
	check_abs("../inc", "/proj/build", "/proj/inc");
	check_abs("../../../../x", "/proj/build", "/x");
	check_abs("", "/proj", "/proj");
	check_abs(".", "/proj//sub/./", "/proj/sub");
	check_abs("/abs/wins", "/proj", "/abs/wins"); /* base ignored for absolute paths */
}

static void test_path_absolute_from_cwd(void **state)
{
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	char *want = path_join(cwd, "x/y.c");
	check_abs("x/./y.c", NULL, want);
	free(want);
	char *dot = path_absolute(".", NULL);
	char *canon = path_absolute(cwd, NULL);
	assert_string_equal(dot, canon);
	free(dot);
	free(canon);

	/* a relative base is itself taken from the working directory */
	const char *dir = *state;
	char *prev = xstrdup(cwd);
	assert_int_equal(chdir(dir), 0);
	char *rel = path_absolute("f.c", "sub");
	char *expect = path_join(dir, "sub/f.c");
	assert_int_equal(chdir(prev), 0);
	assert_string_equal(rel, expect);
	free(rel);
	free(expect);
	free(prev);
}

static void check_rel(const char *path, const char *dir, const char *want)
{
	char *got = path_relative(path, dir);
	assert_string_equal(got, want);
	free(got);
}

static void test_path_relative(void **state)
{
	(void)state;
	check_rel("/a/b/c.c", "/a/b", "c.c");
	check_rel("/a/b/c/d.c", "/a", "b/c/d.c");
	check_rel("/a/b", "/a/b", ".");
	check_rel("/a/bc/d.c", "/a/b", "/a/bc/d.c"); /* not under: a copy */
	check_rel("/x/y.c", "/a", "/x/y.c");
	check_rel("/a/b.c", "/", "a/b.c");
	check_rel("/", "/", ".");
}

static void test_path_is_under(void **state)
{
	(void)state;
	assert_true(path_is_under("/a/b", "/a/b"));
	assert_true(path_is_under("/a/b/c", "/a/b"));
	assert_true(path_is_under("/a/b/c/d", "/a"));
	assert_false(path_is_under("/a/bc", "/a/b"));
	assert_false(path_is_under("/a/bc/d", "/a/b"));
	assert_false(path_is_under("/a", "/a/b"));
	assert_false(path_is_under("/x/a/b", "/a/b"));
	assert_true(path_is_under("/anything", "/"));
	assert_true(path_is_under("/", "/"));
}

static void check_common(const char *a, const char *b, const char *want)
{
	char *got = path_common_dir(a, b);
	assert_string_equal(got, want);
	free(got);
	got = path_common_dir(b, a); /* symmetric */
	assert_string_equal(got, want);
	free(got);
}

static void test_path_common_dir(void **state)
{
	(void)state;
	check_common("/a/b/c", "/a/b/d", "/a/b");
	check_common("/a/b", "/a/b", "/a/b");
	check_common("/a/b", "/a/b/c/d", "/a/b");
	check_common("/a/b", "/a/bc", "/a");        /* not "/a/b" */
	check_common("/a/bc/x", "/a/bd/y", "/a");
	check_common("/a", "/b", "/");
	check_common("/", "/a/b", "/");
	check_common("/", "/", "/");
	check_common("/src/net/http", "/src/net", "/src/net");
}

static void test_path_dirname(void **state)
{
	(void)state;
	char *d = path_dirname("/a/b/c.c");
	assert_string_equal(d, "/a/b");
	free(d);
	d = path_dirname("/c.c");
	assert_string_equal(d, "/");
	free(d);
	d = path_dirname("c.c");
	assert_string_equal(d, ".");
	free(d);
	d = path_dirname("rel/c.c");
	assert_string_equal(d, "rel");
	free(d);
}

static void test_path_join(void **state)
{
	(void)state;
	char *j = path_join("/a/b", "c.c");
	assert_string_equal(j, "/a/b/c.c");
	free(j);
	j = path_join("/a/b/", "c.c");
	assert_string_equal(j, "/a/b/c.c");
	free(j);
	j = path_join("/a/b", "/abs");
	assert_string_equal(j, "/abs");
	free(j);
	j = path_join("", "rel");
	assert_string_equal(j, "rel");
	free(j);
	j = path_join("/", "x");
	assert_string_equal(j, "/x");
	free(j);
}

static void test_path_has_suffix(void **state)
{
	(void)state;
	assert_true(path_has_suffix("a/b.c", ".c"));
	assert_true(path_has_suffix(".c", ".c"));
	assert_false(path_has_suffix("a/b.cc", ".c"));
	assert_false(path_has_suffix("c", ".c"));
	assert_true(path_has_suffix("x", ""));
}

static void test_read_file(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "in.txt", "line one\nline two\n");
	char *p = tmp_path(dir, "in.txt");
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addstr(&out, "kept:");
	assert_int_equal(fs_read_file(p, &out, &err), 0);
	assert_string_equal(strbuf_str(&out), "kept:line one\nline two\n"); /* appends */
	assert_int_equal(err.len, 0);
	strbuf_release(&out);
	free(p);

	/* empty file: success, an empty (non-NULL) buffer */
	tmp_write(dir, "empty", "");
	p = tmp_path(dir, "empty");
	assert_int_equal(fs_read_file(p, &out, &err), 0);
	assert_non_null(out.buf);
	assert_int_equal(out.len, 0);
	strbuf_release(&out);
	strbuf_release(&err);
	free(p);
}

static void test_read_file_large(void **state)
{
	const char *dir = *state;
	size_t n = 300000; /* several read() chunks */
	char *data = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		data[i] = (char)('A' + i % 23);
	data[n] = '\0';
	tmp_write(dir, "big", data);
	char *p = tmp_path(dir, "big");
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(fs_read_file(p, &out, &err), 0);
	assert_int_equal(out.len, n);
	assert_memory_equal(out.buf, data, n);
	strbuf_release(&out);
	strbuf_release(&err);
	free(p);
	free(data);
}

/* A cap for files the input names (which may never end: /dev/zero). */
static void test_read_file_max(void **state)
{
	const char *dir = *state;
	char data[100001];
	memset(data, 'x', sizeof(data) - 1);
	data[sizeof(data) - 1] = '\0';
	tmp_write(dir, "f", data);
	char *p = tmp_path(dir, "f");
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(fs_read_file_max(p, 100000, &out, &err), 0);
	assert_int_equal(out.len, 100000);
	strbuf_reset(&out);
	assert_int_equal(fs_read_file_max(p, 99999, &out, &err), -1);
	assert_non_null(strstr(strbuf_str(&err), "larger than 99999 bytes"));
	strbuf_reset(&out);
	strbuf_reset(&err);
	assert_int_equal(fs_read_file_max("/dev/zero", 70000, &out, &err), -1);
	assert_non_null(strstr(strbuf_str(&err), "cannot read '/dev/zero': larger than 70000 bytes"));
	strbuf_release(&out);
	strbuf_release(&err);
	free(p);
}

static void test_read_file_errors_name_the_file(void **state)
{
	const char *dir = *state;
	char *p = tmp_path(dir, "missing.json");
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(fs_read_file(p, &out, &err), -1);
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "cannot open '%s': No such file or directory", p);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	strbuf_reset(&err);
	strbuf_reset(&want);

	assert_int_equal(fs_read_file(dir, &out, &err), -1);
	strbuf_addf(&want, "cannot read '%s': Is a directory", dir);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	assert_int_equal(out.len, 0);
	strbuf_release(&want);
	strbuf_release(&out);
	strbuf_release(&err);
	free(p);
}

static void test_write_atomic_creates_and_replaces(void **state)
{
	const char *dir = *state;
	char *p = tmp_path(dir, "report.json");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_write_atomic(p, "first", 5, &err), 0);
	char *text = tmp_read(dir, "report.json");
	assert_string_equal(text, "first");
	free(text);
	assert_int_equal(fs_write_atomic(p, "second\0tail", 6, &err), 0);
	text = tmp_read(dir, "report.json");
	assert_string_equal(text, "second");
	free(text);
	assert_int_equal(err.len, 0);
	assert_int_equal(tmp_count_entries(dir), 1); /* no temporary left */
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	strbuf_release(&err);
	free(p);
}

static void test_write_atomic_relative_name(void **state)
{
	const char *dir = *state;
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	struct strbuf err = STRBUF_INIT;
	int rc = fs_write_atomic("plain.txt", "x", 1, &err);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, 0);
	char *text = tmp_read(dir, "plain.txt");
	assert_string_equal(text, "x");
	free(text);
	assert_int_equal(tmp_count_entries(dir), 1);
	strbuf_release(&err);
}

static void test_write_atomic_missing_directory(void **state)
{
	const char *dir = *state;
	char *p = tmp_path(dir, "no/such/dir/out.json");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_write_atomic(p, "x", 1, &err), -1);
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "cannot write '%s': No such file or directory", p);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	assert_int_equal(tmp_count_entries(dir), 0);
	strbuf_release(&want);
	strbuf_release(&err);
	free(p);
}

static void test_write_atomic_parent_is_a_file(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "file", "keep");
	char *p = tmp_path(dir, "file/out.json");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_write_atomic(p, "x", 1, &err), -1);
	assert_non_null(strstr(strbuf_str(&err), p));
	char *text = tmp_read(dir, "file");
	assert_string_equal(text, "keep");
	free(text);
	assert_int_equal(tmp_count_entries(dir), 1);
	strbuf_release(&err);
	free(p);
}

/* The rename fails (the target is a non-empty folder): the target stays,
 * the temporary file is removed. */
static void test_write_atomic_rename_fails(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "out/inner.txt", "inner");
	char *p = tmp_path(dir, "out");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_write_atomic(p, "data", 4, &err), -1);
	assert_non_null(strstr(strbuf_str(&err), p));
	assert_true(strncmp(strbuf_str(&err), "cannot write '", 14) == 0);
	assert_true(fs_is_dir(p));
	char *text = tmp_read(dir, "out/inner.txt");
	assert_string_equal(text, "inner");
	free(text);
	assert_int_equal(tmp_count_entries(dir), 1);
	strbuf_release(&err);
	free(p);
}

/* The write itself fails half-way (file size limit): the previous file is
 * left as it was and no temporary remains. Works as root too. */
static void test_write_atomic_write_fails_keeps_previous(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "report.json", "previous content");
	char *p = tmp_path(dir, "report.json");
	size_t n = 1 << 20;
	char *data = xmalloc(n);
	memset(data, 'n', n);

	struct rlimit old;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	struct rlimit lim = old;
	lim.rlim_cur = 4096;
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	struct strbuf err = STRBUF_INIT;
	int rc = fs_write_atomic(p, data, n, &err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);

	assert_int_equal(rc, -1);
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "cannot write '%s': %s", p, strerror(EFBIG));
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	char *text = tmp_read(dir, "report.json");
	assert_string_equal(text, "previous content");
	free(text);
	assert_int_equal(tmp_count_entries(dir), 1);
	strbuf_release(&want);
	strbuf_release(&err);
	free(data);
	free(p);
}

static void test_write_atomic_read_only_dir(void **state)
{
	if (geteuid() == 0)
		skip(); /* root writes anywhere; the other failure tests cover root */
	const char *dir = *state;
	tmp_write(dir, "ro/report.json", "previous");
	char *ro = tmp_path(dir, "ro");
	char *p = tmp_path(dir, "ro/report.json");
	assert_int_equal(chmod(ro, 0555), 0);
	struct strbuf err = STRBUF_INIT;
	int rc = fs_write_atomic(p, "new", 3, &err);
	chmod(ro, 0755);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(strbuf_str(&err), p));
	char *text = tmp_read(dir, "ro/report.json");
	assert_string_equal(text, "previous");
	free(text);
	assert_int_equal(tmp_count_entries(ro), 1);
	strbuf_release(&err);
	free(p);
	free(ro);
}

static void test_mkdirs(void **state)
{
	const char *dir = *state;
	char *deep = tmp_path(dir, "a/b/c/d");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_mkdirs(deep, &err), 0);
	assert_true(fs_is_dir(deep));
	assert_int_equal(fs_mkdirs(deep, &err), 0); /* already there: fine */
	char *slashy = tmp_path(dir, "x//y/");
	assert_int_equal(fs_mkdirs(slashy, &err), 0);
	char *y = tmp_path(dir, "x/y");
	assert_true(fs_is_dir(y));
	assert_int_equal(err.len, 0);
	assert_int_equal(fs_mkdirs("/", &err), 0);
	strbuf_release(&err);
	free(y);
	free(slashy);
	free(deep);
}

static void test_mkdirs_relative(void **state)
{
	const char *dir = *state;
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	struct strbuf err = STRBUF_INIT;
	int rc = fs_mkdirs("r/s", &err);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, 0);
	char *p = tmp_path(dir, "r/s");
	assert_true(fs_is_dir(p));
	free(p);
	strbuf_release(&err);
}

static void test_mkdirs_errors(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "plain", "x");
	char *under_file = tmp_path(dir, "plain/sub");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_mkdirs(under_file, &err), -1);
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "cannot create directory '%s': Not a directory", under_file);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	strbuf_reset(&err);
	strbuf_reset(&want);

	char *file = tmp_path(dir, "plain");
	assert_int_equal(fs_mkdirs(file, &err), -1);
	strbuf_addf(&want, "cannot create directory '%s': Not a directory", file);
	assert_string_equal(strbuf_str(&err), strbuf_str(&want));
	strbuf_reset(&err);

	assert_int_equal(fs_mkdirs("", &err), -1);
	assert_non_null(strstr(strbuf_str(&err), "cannot create directory ''"));
	strbuf_release(&want);
	strbuf_release(&err);
	free(file);
	free(under_file);
}

static void test_is_dir_is_file(void **state)
{
	const char *dir = *state;
	tmp_write(dir, "f.c", "int x;\n");
	char *f = tmp_path(dir, "f.c");
	char *missing = tmp_path(dir, "nope");
	assert_true(fs_is_dir(dir));
	assert_false(fs_is_file(dir));
	assert_true(fs_is_file(f));
	assert_false(fs_is_dir(f));
	assert_false(fs_is_file(missing));
	assert_false(fs_is_dir(missing));
	free(missing);
	free(f);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_absolute_normalises),
		cmocka_unit_test(test_path_absolute_with_base),
		T(test_path_absolute_from_cwd),
		cmocka_unit_test(test_path_relative),
		cmocka_unit_test(test_path_is_under),
		cmocka_unit_test(test_path_common_dir),
		cmocka_unit_test(test_path_dirname),
		cmocka_unit_test(test_path_join),
		cmocka_unit_test(test_path_has_suffix),
		T(test_read_file),
		T(test_read_file_large),
		T(test_read_file_max),
		T(test_read_file_errors_name_the_file),
		T(test_write_atomic_creates_and_replaces),
		T(test_write_atomic_relative_name),
		T(test_write_atomic_missing_directory),
		T(test_write_atomic_parent_is_a_file),
		T(test_write_atomic_rename_fails),
		T(test_write_atomic_write_fails_keeps_previous),
		T(test_write_atomic_read_only_dir),
		T(test_mkdirs),
		T(test_mkdirs_relative),
		T(test_mkdirs_errors),
		T(test_is_dir_is_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
