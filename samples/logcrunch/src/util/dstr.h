/*
 * dstr.h - growable NUL-terminated string owned by the caller.
 */
#ifndef LC_DSTR_H
#define LC_DSTR_H

#include <stddef.h>

struct dstr {
    char *buf;
    size_t len;
    size_t cap;
};

void dstr_init(struct dstr *s);
int dstr_reserve(struct dstr *s, size_t extra);
int dstr_append_n(struct dstr *s, const char *text, size_t n);
int dstr_append(struct dstr *s, const char *text);
int dstr_append_char(struct dstr *s, char c);
int dstr_appendf(struct dstr *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void dstr_clear(struct dstr *s);
const char *dstr_cstr(const struct dstr *s);
void dstr_free(struct dstr *s);

#endif /* LC_DSTR_H */
