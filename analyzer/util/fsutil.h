/* fsutil.h — files and paths: whole-file reads, atomic writes, path arithmetic.
 * Ownership: returned char* strings are malloc'd and freed by the caller.
 * Errors: functions returning int give 0 on success and -1 on failure with a
 * message (naming the file) appended to *err. */
#ifndef SEAM_FSUTIL_H
#define SEAM_FSUTIL_H
#include "strbuf.h"
#include <stdbool.h>
#include <stddef.h>

int fs_read_file(const char *path, struct strbuf *out, struct strbuf *err);
/* The same, failing ("larger than N bytes") once more than max bytes were
 * read: for files the input names, which may never end (/proc/kcore). */
int fs_read_file_max(const char *path, size_t max, struct strbuf *out, struct strbuf *err);
/* Writes data to path atomically: a temporary file in the same directory,
 * fsync, rename. On failure the previous file (if any) is left untouched.
 * SIGINT, SIGTERM and SIGHUP are held back while the temporary exists. */
int fs_write_atomic(const char *path, const char *data, size_t len, struct strbuf *err);
/* The same without fsync: for entries a checksum guards (the facts cache),
 * where a torn file after a crash is detected and rebuilt. */
int fs_write_atomic_nosync(const char *path, const char *data, size_t len, struct strbuf *err);
/* fs_write_atomic, unless path already holds exactly these bytes: then
 * nothing is written (no fsync; the file keeps its modification time). */
int fs_write_atomic_if_changed(const char *path, const char *data, size_t len, struct strbuf *err);
/* mkdir -p */
int fs_mkdirs(const char *path, struct strbuf *err);
bool fs_is_dir(const char *path);
bool fs_is_file(const char *path);

/* Lexically normalised absolute path: joins with base (or the working
 * directory when base is NULL) and removes ".", ".." and repeated '/'. */
char *path_absolute(const char *path, const char *base);
/* path relative to dir when path lies under dir, else a copy of path. */
char *path_relative(const char *path, const char *dir);
/* Whether path is dir or lies below it (both absolute and normalised). */
bool path_is_under(const char *path, const char *dir);
/* Longest common directory of two absolute normalised paths. */
char *path_common_dir(const char *a, const char *b);
char *path_dirname(const char *path);
char *path_join(const char *a, const char *b);
bool path_has_suffix(const char *path, const char *suffix);

#endif
