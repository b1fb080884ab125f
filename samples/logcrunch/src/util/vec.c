/*
 * vec.c - growable array.
 */
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

void vec_init(struct vec *v, size_t elem_size)
{
    v->data = NULL;
    v->elem_size = elem_size;
    v->len = 0;
    v->cap = 0;
}

int vec_push(struct vec *v, const void *elem)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        unsigned char *p;

        if (cap > (size_t)-1 / v->elem_size)
            return -1;
        p = realloc(v->data, cap * v->elem_size);
        if (p == NULL)
            return -1;
        v->data = p;
        v->cap = cap;
    }
    memcpy(v->data + v->len * v->elem_size, elem, v->elem_size);
    v->len++;
    return 0;
}

void *vec_at(const struct vec *v, size_t i)
{
    if (i >= v->len)
        return NULL;
    return v->data + i * v->elem_size;
}

size_t vec_len(const struct vec *v)
{
    return v->len;
}

void vec_sort(struct vec *v, vec_cmp_fn cmp)
{
    if (v->len > 1)
        qsort(v->data, v->len, v->elem_size, cmp);
}

void vec_truncate(struct vec *v, size_t len)
{
    if (len < v->len)
        v->len = len;
}

void vec_free(struct vec *v)
{
    free(v->data);
    v->data = NULL;
    v->len = 0;
    v->cap = 0;
}
