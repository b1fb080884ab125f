/*
 * vec.h - growable array of fixed-size elements, owned by the caller.
 */
#ifndef LC_VEC_H
#define LC_VEC_H

#include <stddef.h>

struct vec {
    unsigned char *data;
    size_t elem_size;
    size_t len;
    size_t cap;
};

typedef int (*vec_cmp_fn)(const void *a, const void *b);

void vec_init(struct vec *v, size_t elem_size);
int vec_push(struct vec *v, const void *elem);
void *vec_at(const struct vec *v, size_t i);
size_t vec_len(const struct vec *v);
void vec_sort(struct vec *v, vec_cmp_fn cmp);
void vec_truncate(struct vec *v, size_t len);
void vec_free(struct vec *v);

#endif /* LC_VEC_H */
