/*
 * reader.c - fopen/getline wrapper.  "-" reads standard input.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "io/reader.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int reader_open(struct reader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    if (strcmp(path, "-") == 0) {
        r->fp = stdin;
        r->owns_fp = 0;
        return 0;
    }
    if (!reader_is_regular(path)) {
        fprintf(stderr, "logcrunch: %s: not a regular file\n", path);
        return -1;
    }
    r->fp = fopen(path, "r");
    if (r->fp == NULL) {
        perror(path);                   /* "<path>: <reason>" */
        return -1;
    }
    r->owns_fp = 1;
    return 0;
}

ssize_t reader_next(struct reader *r, const char **line)
{
    ssize_t n = getline(&r->line, &r->cap, r->fp);

    if (n < 0) {
        if (ferror(r->fp))
            fprintf(stderr, "logcrunch: %s: read error\n", r->path);
        return -1;
    }
    r->lineno++;
    *line = r->line;
    return n;
}

void reader_close(struct reader *r)
{
    if (r->owns_fp && r->fp != NULL)
        fclose(r->fp);
    free(r->line);
    r->line = NULL;
    r->cap = 0;
    r->fp = NULL;
}

int reader_is_regular(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return 0;
    return S_ISREG(st.st_mode);
}

long long reader_file_size(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return -1;
    return (long long)st.st_size;
}
