/* unit.h — shared helpers for the cmocka unit tests: cmocka itself and a
 * private temporary folder under /tmp (mkdtemp) that is removed afterwards.
 * Ownership: tmp_make() and tmp_path() return malloc'd strings the caller
 * frees; tmp_remove() deletes a whole tree (symlinks are not followed). */
#ifndef SEAM_UNIT_H
#define SEAM_UNIT_H
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fsutil.h"
#include "strbuf.h"
#include "xalloc.h"

/* A fresh folder /tmp/seam-unit-XXXXXX. */
static inline char *tmp_make(void)
{
	char tmpl[] = "/tmp/seam-unit-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return xstrdup(d);
}

/* rm -rf path: symlinks are removed, never followed. */
static inline void tmp_remove(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700); /* a test may have made it read-only */
	DIR *d = opendir(path);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *child = path_join(path, de->d_name);
		tmp_remove(child);
		free(child);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* dir/rel, malloc'd. */
static inline char *tmp_path(const char *dir, const char *rel)
{
	return path_join(dir, rel);
}

/* Writes text to dir/rel, creating the folders on the way. */
static inline void tmp_write(const char *dir, const char *rel, const char *text)
{
	char *p = tmp_path(dir, rel);
	char *parent = path_dirname(p);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(fs_mkdirs(parent, &err), 0);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	strbuf_release(&err);
	free(parent);
	free(p);
}

/* The whole content of dir/rel (malloc'd), or NULL when it cannot be read. */
static inline char *tmp_read(const char *dir, const char *rel)
{
	char *p = tmp_path(dir, rel);
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	int rc = fs_read_file(p, &sb, &err);
	free(p);
	strbuf_release(&err);
	if (rc != 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* Number of entries in dir, "." and ".." not counted. */
static inline size_t tmp_count_entries(const char *dir)
{
	size_t n = 0;
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	if (d)
		closedir(d);
	return n;
}

/* cmocka fixtures that give each test its own folder in *state. */
static inline int tmp_setup(void **state)
{
	*state = tmp_make();
	return 0;
}

static inline int tmp_teardown(void **state)
{
	tmp_remove(*state);
	free(*state);
	return 0;
}

#endif
