/*
 * reader.h - line reader over a plain (uncompressed) log file.
 */
#ifndef LC_READER_H
#define LC_READER_H

#include <stdio.h>
#include <sys/types.h>

struct reader {
    FILE *fp;
    const char *path;
    char *line;
    size_t cap;
    unsigned long lineno;
    int owns_fp;            /* 0 for stdin */
};

int reader_open(struct reader *r, const char *path);
ssize_t reader_next(struct reader *r, const char **line);
void reader_close(struct reader *r);
int reader_is_regular(const char *path);
long long reader_file_size(const char *path);

#endif /* LC_READER_H */
