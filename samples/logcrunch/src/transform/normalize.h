/*
 * normalize.h - request path normalisation for grouping URLs.
 */
#ifndef LC_NORMALIZE_H
#define LC_NORMALIZE_H

#include <stddef.h>

size_t path_normalize(const char *in, char *out, size_t cap);
const char *path_extension(const char *path);
int path_is_static_asset(const char *path);

#endif /* LC_NORMALIZE_H */
