/* flags.c — safe libclang arguments from a compile command */
#include "flags.h"
#include "fsutil.h"
#include <stdbool.h>
#include <string.h>

void flags_init(struct flags *f)
{
	memset(f, 0, sizeof(*f));
}

void flags_release(struct flags *f)
{
	for (size_t i = 0; i < f->argv.n; i++)
		free(f->argv.v[i]);
	for (size_t i = 0; i < f->dropped.n; i++)
		free(f->dropped.v[i]);
	VEC_FREE(f->argv);
	VEC_FREE(f->dropped);
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Options whose value (same or next argument) is a path. */
static const char *const path_opts[] = {
	"-I", "-isystem", "-iquote", "-idirafter", "-include", "-imacros", "-iprefix",
	"-iwithprefix", "-isysroot", "-F", "--sysroot", NULL
};

/* Options dropped together with their value, because they write files or
 * mean nothing to a parse. */
static const char *const drop_with_value[] = {
	"-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics", "-resource-dir", NULL
};
static const char *const drop_alone[] = {
	"-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-save-temps", "-pipe",
	"-pedantic-errors", "-fsyntax-only", "--write-dependencies", "--write-user-dependencies", NULL
};

/* -MF, -MT, -MQ and -MJ also come joined to their value (-MJcdb.json
 * makes even a parse write that file) */
static bool joined_dep_option(const char *s)
{
	return (starts(s, "-MF") || starts(s, "-MT") || starts(s, "-MQ") || starts(s, "-MJ")) && s[3];
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* Clang modules are built on first use and written to a module cache
 * (-fmodules-cache-path=, else a per-user folder): outside the output
 * folder. Without them a C header is simply included. */
static bool writes_module_cache(const char *s)
{
	return starts(s, "-fmodules") || strcmp(s, "-fcxx-modules") == 0;
}

/* cc1 options that load code: values of -Xclang, -Xpreprocessor and -Wp, */
static bool loads_code(const char *v)
{
	return starts(v, "-load") || starts(v, "-plugin") || starts(v, "-add-plugin") ||
	       starts(v, "-fplugin") || starts(v, "-fpass-plugin") || writes_module_cache(v);
}

/* -Wp,a,b hands a and b to cc1 as they are */
static bool wp_loads_code(const char *s)
{
	for (const char *p = strchr(s, ','); p; p = strchr(p + 1, ','))
		if (loads_code(p + 1))
			return true;
	return false;
}

/* Arguments that make the compiler load code or read further arguments
 * from elsewhere. Returns how many arguments (1, 2 or 4) to drop, or 0. */
static int dangerous(char **a, size_t n, size_t i)
{
	const char *s = a[i];
	if (starts(s, "-Wp,") && wp_loads_code(s))
		return 1;
	/* --config-user-dir=/--config-system-dir= choose where default config
	 * files (which may hold -fplugin=) are read from */
	if (starts(s, "-fplugin") || starts(s, "-fpass-plugin") || starts(s, "--config=") ||
	    starts(s, "--config-") ||
	    starts(s, "-fplugin-arg-") || starts(s, "--load=") || starts(s, "-load=") ||
	    (starts(s, "-B") && s[2]) || starts(s, "--prefix=") || starts(s, "-ftime-trace") ||
	    starts(s, "-save-temps") || writes_module_cache(s))
		return 1;
	if (strcmp(s, "-load") == 0 || strcmp(s, "--config") == 0 || strcmp(s, "-B") == 0 ||
	    strcmp(s, "--prefix") == 0 || strcmp(s, "--load") == 0)
		return i + 1 < n ? 2 : 1;
	bool to_cc1 = strcmp(s, "-Xclang") == 0 || strcmp(s, "-Xpreprocessor") == 0;
	if ((to_cc1 || strcmp(s, "-Xanalyzer") == 0 || strcmp(s, "-mllvm") == 0) && i + 1 < n) {
		const char *v = a[i + 1];
		if (to_cc1 && i + 3 < n && strcmp(a[i + 2], s) == 0 &&
		    (strcmp(v, "-load") == 0 || strcmp(v, "-plugin") == 0 || strcmp(v, "-add-plugin") == 0 ||
		     starts(v, "-plugin-arg-")))
			return 4; /* -Xclang -load -Xclang lib.so */
		if (strcmp(s, "-mllvm") == 0 || loads_code(v))
			return 2;
	}
	return 0;
}

/* cc1 options passed with -Xclang that make even a parse write a file. */
static bool writes_through_xclang(char **a, size_t n, size_t i)
{
	static const char *const writers[] = { "-dependency-file", "-header-include-file",
					       "-module-dependency-dir", "-stats-file", NULL };
	return strcmp(a[i], "-Xclang") == 0 && i + 3 < n && in_list(writers, a[i + 1]) &&
	       strcmp(a[i + 2], "-Xclang") == 0;
}

static void push(struct flags *f, const char *s)
{
	VEC_PUSH(f->argv, xstrdup(s));
}

static void push_path_opt(struct flags *f, const char *opt, const char *val, const char *dir)
{
	char *abs = path_absolute(val, dir);
	push(f, opt);
	push(f, abs);
	free(abs);
}

/* Returns how many arguments were consumed when a[i] is a path option
 * (joined "-Ifoo", "--sysroot=x" or separate "-I foo"); 0 otherwise. */
static int handle_path_opt(struct flags *f, char **a, size_t n, size_t i, const char *dir)
{
	for (const char *const *p = path_opts; *p; p++) {
		if (strcmp(a[i], *p) == 0) {
			if (i + 1 >= n)
				return 1;
			push_path_opt(f, *p, a[i + 1], dir);
			return 2;
		}
		if (!starts(a[i], *p))
			continue;
		const char *val = a[i] + strlen(*p);
		if (*val == '=')
			val++;
		if (!*val || *val == '-')
			continue; /* another option, such as -include-pch */
		push_path_opt(f, *p, val, dir);
		return 1;
	}
	return 0;
}

static bool is_main_file(const char *arg, const struct compdb_entry *e)
{
	if (arg[0] == '-')
		return false;
	char *abs = path_absolute(arg, e->directory);
	bool same = strcmp(abs, e->file) == 0;
	free(abs);
	return same;
}

static void expand_response(char ***argsp, size_t *np, const char *dir)
{
	/* one level of @file expansion; nested @ files are left for clang to
	 * refuse (they would be relative to its working directory) */
	char **a = *argsp;
	size_t n = *np;
	VEC(char *) out = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (a[i][0] != '@' || !a[i][1]) {
			VEC_PUSH(out, xstrdup(a[i]));
			continue;
		}
		char *path = path_absolute(a[i] + 1, dir);
		struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
		/* only a regular file of sane size: @/dev/stdin or a FIFO would
		 * block, @/dev/zero or @/proc/kcore never end */
		if (fs_is_file(path) && fs_read_file_max(path, FLAGS_RESPONSE_FILE_MAX, &text, &err) == 0) {
			size_t k;
			char **parts = compdb_split_command(strbuf_str(&text), &k);
			for (size_t j = 0; j < k; j++)
				VEC_PUSH(out, parts[j]);
			free(parts);
		}
		strbuf_release(&text);
		strbuf_release(&err);
		free(path);
	}
	*argsp = out.v;
	*np = out.n;
}

void flags_from_entry(struct flags *f, const struct compdb_entry *e, const char *resource_dir)
{
	char **a = e->args;
	size_t n = e->nargs;
	expand_response(&a, &n, e->directory);
	for (size_t i = 0; i < n;) {
		int d = dangerous(a, n, i);
		if (d) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addstr(&sb, a[i]);
			for (int k = 1; k < d && i + (size_t)k < n; k++)
				strbuf_addf(&sb, " %s", a[i + (size_t)k]);
			VEC_PUSH(f->dropped, strbuf_detach(&sb));
			i += (size_t)d;
			continue;
		}
		if (in_list(drop_with_value, a[i])) {
			i += 2;
			continue;
		}
		if (writes_through_xclang(a, n, i)) {
			i += 4; /* -Xclang -dependency-file -Xclang deps.d: a parse would write it */
			continue;
		}
		if (in_list(drop_alone, a[i]) || starts(a[i], "-Werror") || starts(a[i], "-resource-dir=") ||
		    starts(a[i], "-Wp,-M") || /* -Wp,-MD,deps.d writes a file */
		    joined_dep_option(a[i]) ||
		    (starts(a[i], "-o") && a[i][2]) || is_main_file(a[i], e)) {
			i++;
			continue;
		}
		int used = handle_path_opt(f, a, n, i, e->directory);
		if (used) {
			i += (size_t)used;
			continue;
		}
		push(f, a[i]);
		i++;
	}
	/* the compile database may name another compiler's builtin headers;
	 * libclang must use its own */
	if (resource_dir && fs_is_dir(resource_dir)) {
		push(f, "-resource-dir");
		push(f, resource_dir);
	}
	push(f, "-Wno-unused-command-line-argument");
	push(f, "-Wno-unknown-warning-option");
	for (size_t i = 0; i < n; i++)
		free(a[i]);
	free(a);
}
