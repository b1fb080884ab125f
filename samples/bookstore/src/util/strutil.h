/* strutil.h - small string helpers on caller-owned buffers. */
#ifndef BOOKSTORE_UTIL_STRUTIL_H
#define BOOKSTORE_UTIL_STRUTIL_H

#include <stddef.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* NULL-safe equality; both strings stay owned by the caller. */
static inline int str_eq(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static inline int str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Copies at most dstlen-1 bytes and always terminates; returns strlen(src). */
size_t str_copy(char *dst, const char *src, size_t dstlen);
int str_ci_eq(const char *a, const char *b);
int str_ci_contains(const char *haystack, const char *needle);
/* Trims in place; returns a pointer into s. */
char *str_trim(char *s);
/* Strict decimal parse with range check; 0 on success, -1 otherwise. */
int str_parse_long(const char *s, long min, long max, long *out);
size_t str_hex_encode(const unsigned char *in, size_t n, char *out, size_t outlen);
/*
 * Splits s in place on blanks and commas. Uses strtok(), so it is not
 * reentrant: do not call it from two threads or from inside another
 * strtok loop.
 */
size_t str_split_words(char *s, char **words, size_t max);

#endif
