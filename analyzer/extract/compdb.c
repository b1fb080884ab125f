/* compdb.c — compile databases and source scanning */
#include "compdb.h"
#include "fsutil.h"
#include "jsonpos.h"
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void compdb_init(struct compdb *db)
{
	memset(db, 0, sizeof(*db));
}

void compdb_release(struct compdb *db)
{
	for (size_t i = 0; i < db->entries.n; i++) {
		struct compdb_entry *e = &db->entries.v[i];
		free(e->directory);
		free(e->file);
		for (size_t k = 0; k < e->nargs; k++)
			free(e->args[k]);
		free(e->args);
	}
	VEC_FREE(db->entries);
}

void compdb_add(struct compdb *db, const char *directory, const char *file, char **args, size_t nargs)
{
	struct compdb_entry e;
	e.directory = path_absolute(directory, NULL);
	e.file = path_absolute(file, e.directory);
	e.args = args;
	e.nargs = nargs;
	VEC_PUSH(db->entries, e);
}

char **compdb_split_command(const char *cmd, size_t *n)
{
	VEC(char *) out = { 0 };
	struct strbuf cur = STRBUF_INIT;
	const char *s = cmd;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		strbuf_reset(&cur);
		strbuf_grow(&cur, 0);
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
			if (*s == '\'') {
				for (s++; *s && *s != '\''; s++)
					strbuf_addch(&cur, *s);
				if (*s)
					s++;
			} else if (*s == '"') {
				for (s++; *s && *s != '"'; s++) {
					if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
						s++;
					strbuf_addch(&cur, *s);
				}
				if (*s)
					s++;
			} else if (*s == '\\' && s[1]) {
				strbuf_addch(&cur, s[1]);
				s += 2;
			} else {
				strbuf_addch(&cur, *s++);
			}
		}
		VEC_PUSH(out, xstrdup(strbuf_str(&cur)));
	}
	strbuf_release(&cur);
	*n = out.n;
	if (!out.v)
		out.v = xcalloc(1, sizeof(char *));
	return out.v;
}

static const char *json_string(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int load_entry(struct compdb *db, const cJSON *item, size_t idx, const char *path,
		      const char *dbdir, struct strbuf *err)
{
	const char *dir = json_string(item, "directory");
	const char *file = json_string(item, "file");
	const cJSON *arguments = cJSON_GetObjectItemCaseSensitive(item, "arguments");
	const char *command = json_string(item, "command");
	if (!cJSON_IsObject(item) || !dir || !file || (!cJSON_IsArray(arguments) && !command)) {
		strbuf_addf(err, "'%s': entry %zu: expected an object with string fields \"directory\", "
			    "\"file\" and an \"arguments\" array or a \"command\" string", path, idx + 1);
		return -1;
	}
	char **args;
	size_t nargs;
	if (cJSON_IsArray(arguments)) {
		nargs = (size_t)cJSON_GetArraySize(arguments);
		args = xcalloc(nargs + 1, sizeof(char *));
		size_t k = 0;
		const cJSON *a;
		cJSON_ArrayForEach(a, arguments) {
			if (!cJSON_IsString(a)) {
				strbuf_addf(err, "'%s': entry %zu: \"arguments\" must hold only strings", path, idx + 1);
				for (size_t j = 0; j < k; j++)
					free(args[j]);
				free(args);
				return -1;
			}
			args[k++] = xstrdup(a->valuestring);
		}
	} else {
		args = compdb_split_command(command, &nargs);
	}
	/* argv[0] is the compiler */
	if (nargs > 0) {
		free(args[0]);
		memmove(args, args + 1, (nargs - 1) * sizeof(char *));
		nargs--;
	}
	char *absdir = path_absolute(dir, dbdir); /* relative "directory": from the database's folder */
	compdb_add(db, absdir, file, args, nargs);
	free(absdir);
	return 0;
}

int compdb_load(struct compdb *db, const char *path, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	if (fs_read_file(path, &text, err) != 0)
		return -1;
	int rc = compdb_load_text(db, path, strbuf_str(&text), err);
	strbuf_release(&text);
	return rc;
}

int compdb_load_text(struct compdb *db, const char *path, const char *text, struct strbuf *err)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
	if (!root) {
		unsigned line, col;
		jsonpos_locate(text, end ? end : cJSON_GetErrorPtr(), &line, &col);
		strbuf_addf(err, "'%s':%u:%u: malformed JSON", path, line, col);
		return -1;
	}
	int rc = 0;
	if (!cJSON_IsArray(root)) {
		strbuf_addf(err, "'%s': expected a JSON array of compile commands", path);
		rc = -1;
	}
	char *abspath = path_absolute(path, NULL);
	char *dbdir = path_dirname(abspath);
	size_t idx = 0;
	const cJSON *item;
	if (rc == 0) {
		cJSON_ArrayForEach(item, root) {
			if (load_entry(db, item, idx++, path, dbdir, err) != 0) {
				rc = -1;
				break;
			}
		}
	}
	free(abspath);
	free(dbdir);
	cJSON_Delete(root);
	return rc;
}

bool compdb_glob_match(const char *glob, const char *abs_path)
{
	/* as the user would type it from where seam runs: relative to the
	 * working directory when the file is under it, else absolute */
	char *cwd = path_absolute(".", NULL);
	char *rel = path_relative(abs_path, cwd);
	bool ok = fnmatch(glob, rel, 0) == 0;
	free(rel);
	free(cwd);
	return ok;
}

static bool excluded(const char *abs, char *const *ex, size_t nex)
{
	for (size_t i = 0; i < nex; i++)
		if (compdb_glob_match(ex[i], abs))
			return true;
	return false;
}

void compdb_exclude(struct compdb *db, char *const *excludes, size_t nexcludes)
{
	size_t out = 0;
	for (size_t i = 0; i < db->entries.n; i++) {
		struct compdb_entry *e = &db->entries.v[i];
		if (excluded(e->file, excludes, nexcludes)) {
			free(e->directory);
			free(e->file);
			for (size_t k = 0; k < e->nargs; k++)
				free(e->args[k]);
			free(e->args);
			continue;
		}
		db->entries.v[out++] = *e;
	}
	db->entries.n = out;
}

/* ---- scanning ------------------------------------------------------------ */

struct scan {
	VEC(char *) found;
	VEC(struct { dev_t dev; ino_t ino; }) seen;
	char *const *excludes;
	size_t nexcludes;
};

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool seen_dir(struct scan *sc, const struct stat *st)
{
	for (size_t i = 0; i < sc->seen.n; i++)
		if (sc->seen.v[i].dev == st->st_dev && sc->seen.v[i].ino == st->st_ino)
			return true;
	ALLOC_GROW(sc->seen.v, sc->seen.n + 1, sc->seen.cap);
	sc->seen.v[sc->seen.n].dev = st->st_dev;
	sc->seen.v[sc->seen.n].ino = st->st_ino;
	sc->seen.n++;
	return false;
}

/* Iterative walk (no recursion: directory depth is input-controlled). */
static void scan_dir(struct scan *sc, const char *root)
{
	VEC(char *) stack = { 0 };
	VEC_PUSH(stack, xstrdup(root));
	while (stack.n) {
		char *dir = stack.v[--stack.n];
		struct stat st;
		DIR *d = NULL;
		if (stat(dir, &st) == 0 && !seen_dir(sc, &st))
			d = opendir(dir);
		VEC(char *) names = { 0 };
		struct dirent *de;
		while (d && (de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue; /* ., .., hidden folders such as .git */
			VEC_PUSH(names, path_join(dir, de->d_name));
		}
		if (d)
			closedir(d);
		if (names.n > 1) /* qsort(NULL, 0, ...) is undefined */
			qsort(names.v, names.n, sizeof(char *), cmp_strp);
		/* push directories in reverse so they pop in sorted order */
		for (size_t i = names.n; i-- > 0;) {
			char *p = names.v[i];
			if (excluded(p, sc->excludes, sc->nexcludes)) {
				free(p);
				continue;
			}
			if (fs_is_dir(p)) {
				VEC_PUSH(stack, p);
			} else if (path_has_suffix(p, ".c") && fs_is_file(p)) {
				VEC_PUSH(sc->found, p);
			} else {
				free(p);
			}
		}
		VEC_FREE(names);
		free(dir);
	}
	VEC_FREE(stack);
}

int compdb_scan(struct compdb *db, char *const *paths, size_t npaths, char *const *flags,
		size_t nflags, char *const *excludes, size_t nexcludes, struct strbuf *err)
{
	struct scan sc = { .excludes = excludes, .nexcludes = nexcludes };
	int rc = 0;
	for (size_t i = 0; i < npaths && rc == 0; i++) {
		char *abs = path_absolute(paths[i], NULL);
		if (fs_is_dir(abs)) {
			scan_dir(&sc, abs);
			free(abs);
		} else if (!fs_is_file(abs)) {
			strbuf_addf(err, "cannot open '%s': %s", paths[i], strerror(ENOENT));
			free(abs);
			rc = -1;
		} else if (!path_has_suffix(abs, ".c")) {
			strbuf_addf(err, "'%s' is not a C source file (expected a .c file or a folder)", paths[i]);
			free(abs);
			rc = -1;
		} else {
			VEC_PUSH(sc.found, abs);
		}
	}
	/* files found under several named paths are analysed once */
	if (sc.found.n > 1)
		qsort(sc.found.v, sc.found.n, sizeof(char *), cmp_strp);
	char *cwd = path_absolute(".", NULL);
	for (size_t i = 0; i < sc.found.n; i++) {
		if (rc == 0 && (i == 0 || strcmp(sc.found.v[i], sc.found.v[i - 1]) != 0)) {
			char **args = xcalloc(nflags + 1, sizeof(char *));
			for (size_t k = 0; k < nflags; k++)
				args[k] = xstrdup(flags[k]);
			compdb_add(db, cwd, sc.found.v[i], args, nflags);
		}
	}
	for (size_t i = 0; i < sc.found.n; i++)
		free(sc.found.v[i]);
	free(cwd);
	VEC_FREE(sc.found);
	VEC_FREE(sc.seen);
	return rc;
}
