/*
 * urldecode.h - percent-decoding of request paths.
 */
#ifndef LC_URLDECODE_H
#define LC_URLDECODE_H

#include <stddef.h>

int url_decode(const char *src, char *dst, size_t cap, int plus_is_space);
int url_needs_decoding(const char *s);
int url_hex_value(int c);

#endif /* LC_URLDECODE_H */
