/* strbuf.h - growable byte buffer; the caller owns the struct, strbuf owns buf. */
#ifndef BOOKSTORE_UTIL_STRBUF_H
#define BOOKSTORE_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *buf;      /* NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb);
/* Frees buf and resets to the empty state; the struct itself stays the caller's. */
void strbuf_release(struct strbuf *sb);
int strbuf_reserve(struct strbuf *sb, size_t extra);
int strbuf_append(struct strbuf *sb, const void *data, size_t n);
int strbuf_puts(struct strbuf *sb, const char *s);
int strbuf_putc(struct strbuf *sb, char c);
int strbuf_vappendf(struct strbuf *sb, const char *fmt, va_list ap);
int strbuf_appendf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Drops the first n bytes (they have been written or parsed). */
void strbuf_consume(struct strbuf *sb, size_t n);
void strbuf_reset(struct strbuf *sb);
/* Hands buf to the caller, who must free() it. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
