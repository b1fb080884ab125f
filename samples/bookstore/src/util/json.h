/* json.h - JSON string escaping into caller-provided buffers. */
#ifndef BOOKSTORE_UTIL_JSON_H
#define BOOKSTORE_UTIL_JSON_H

#include <stddef.h>

/*
 * Escapes s for use inside a JSON string literal (without the quotes).
 * Output is always terminated; returns the length it needed, so a result
 * >= outlen means the value was truncated.
 */
size_t json_escape(const char *s, char *out, size_t outlen);

#endif
