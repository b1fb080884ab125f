/* compdb.h — translation units to analyse: read from compile_commands.json
 * (both the "command" and the "arguments" forms) or found by scanning paths.
 * Ownership: a compdb owns its entries and their strings; compdb_release()
 * frees them. */
#ifndef SEAM_COMPDB_H
#define SEAM_COMPDB_H
#include "strbuf.h"
#include "xalloc.h"
#include <stdbool.h>

struct compdb_entry {
	char *directory;  /* absolute */
	char *file;       /* absolute, normalised */
	char **args;      /* compiler arguments as written, without argv[0] */
	size_t nargs;
};

struct compdb {
	VEC(struct compdb_entry) entries;
};

void compdb_init(struct compdb *db);
void compdb_release(struct compdb *db);
/* Takes ownership of args (an array of malloc'd strings). */
void compdb_add(struct compdb *db, const char *directory, const char *file, char **args, size_t nargs);
/* Loads path (a compile_commands.json). Errors name the file, and the line
 * and column for malformed JSON. */
int compdb_load(struct compdb *db, const char *path, struct strbuf *err);
/* The same from the file's text; path names it in messages and relative
 * "directory" fields are taken from its folder. */
int compdb_load_text(struct compdb *db, const char *path, const char *text, struct strbuf *err);
/* Scans files and directories for .c files (sorted, symlink loops
 * skipped); every entry gets `flags` as its arguments. A named file that
 * is not C is an error. */
int compdb_scan(struct compdb *db, char *const *paths, size_t npaths, char *const *flags,
		size_t nflags, char *const *excludes, size_t nexcludes, struct strbuf *err);
/* Removes entries whose file matches one of the globs. */
void compdb_exclude(struct compdb *db, char *const *excludes, size_t nexcludes);
/* Whether an absolute path matches a glob, matched against the path
 * relative to the working directory when the file lies under it, else
 * against the absolute path. '*' also matches '/'. */
bool compdb_glob_match(const char *glob, const char *abs_path);
/* Splits a shell-style command line (quotes and backslashes). */
char **compdb_split_command(const char *cmd, size_t *n);

#endif
