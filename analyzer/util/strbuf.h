/* strbuf.h — growable NUL-terminated byte buffers (instead of sprintf into arrays).
 * Ownership: a strbuf owns its bytes; strbuf_release() frees them, strbuf_detach() hands them over. */
#ifndef SEAM_STRBUF_H
#define SEAM_STRBUF_H
#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len, cap;
};
#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* The buffer's text, "" when nothing was added yet (never NULL). */
const char *strbuf_str(const struct strbuf *sb);

#endif
