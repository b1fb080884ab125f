/* urlenc.h - percent-decoding and application/x-www-form-urlencoded lookup. */
#ifndef BOOKSTORE_UTIL_URLENC_H
#define BOOKSTORE_UTIL_URLENC_H

#include <stddef.h>

/* Decodes %XX and '+' into out (always terminated); returns bytes written or -1. */
long url_decode(const char *in, size_t inlen, char *out, size_t outlen);
/* Finds name in "a=1&b=2" (not NUL-terminated, len bytes) and decodes its value. */
int form_param(const char *form, size_t len, const char *name, char *out, size_t outlen);

#endif
