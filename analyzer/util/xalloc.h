/* xalloc.h — allocation that never returns NULL: out of memory aborts with a message.
 * Ownership: the caller frees what these return with free(). */
#ifndef SEAM_XALLOC_H
#define SEAM_XALLOC_H
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Grow a dynamic array so that it can hold at least `need` elements. */
#define ALLOC_GROW(ptr, need, cap)                                           \
	do {                                                                 \
		if ((size_t)(need) > (cap)) {                                \
			size_t alloc_grow_n = (cap) ? (cap) * 2 : 16;        \
			while (alloc_grow_n < (size_t)(need))                \
				alloc_grow_n *= 2;                           \
			(ptr) = xrealloc((ptr), alloc_grow_n * sizeof(*(ptr))); \
			(cap) = alloc_grow_n;                                \
		}                                                            \
	} while (0)

/* A typed growable array: struct { T *v; size_t n, cap; }. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, item)                                  \
	do {                                                 \
		ALLOC_GROW((vec).v, (vec).n + 1, (vec).cap); \
		(vec).v[(vec).n++] = (item);                 \
	} while (0)
#define VEC_FREE(vec) do { free((vec).v); (vec).v = NULL; (vec).n = (vec).cap = 0; } while (0)

#endif
