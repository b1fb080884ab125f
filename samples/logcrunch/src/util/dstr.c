/*
 * dstr.c - dynamic strings.
 */
#include "util/dstr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DSTR_MIN_CAP 64

void dstr_init(struct dstr *s)
{
    s->buf = NULL;
    s->len = 0;
    s->cap = 0;
}

int dstr_reserve(struct dstr *s, size_t extra)
{
    size_t need = s->len + extra + 1;
    size_t cap = s->cap ? s->cap : DSTR_MIN_CAP;
    char *p;

    if (need <= s->cap)
        return 0;
    while (cap < need) {
        if (cap > (size_t)-1 / 2)
            return -1;
        cap *= 2;
    }
    p = realloc(s->buf, cap);
    if (p == NULL)
        return -1;
    if (s->buf == NULL)
        p[0] = '\0';
    s->buf = p;
    s->cap = cap;
    return 0;
}

int dstr_append_n(struct dstr *s, const char *text, size_t n)
{
    if (dstr_reserve(s, n) != 0)
        return -1;
    memcpy(s->buf + s->len, text, n);
    s->len += n;
    s->buf[s->len] = '\0';
    return 0;
}

int dstr_append(struct dstr *s, const char *text)
{
    return dstr_append_n(s, text, strlen(text));
}

int dstr_append_char(struct dstr *s, char c)
{
    return dstr_append_n(s, &c, 1);
}

int dstr_appendf(struct dstr *s, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || dstr_reserve(s, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
    return 0;
}

void dstr_clear(struct dstr *s)
{
    s->len = 0;
    if (s->buf != NULL)
        s->buf[0] = '\0';
}

const char *dstr_cstr(const struct dstr *s)
{
    return s->buf != NULL ? s->buf : "";
}

void dstr_free(struct dstr *s)
{
    free(s->buf);
    dstr_init(s);
}
