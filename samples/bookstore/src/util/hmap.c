/* hmap.c - string-keyed chained hash map. */
#include "util/hmap.h"
#include "util/hash.h"

#include <stdlib.h>
#include <string.h>

#define HMAP_MIN_BUCKETS 16
/* grow when count exceeds 3/4 of the bucket count */
#define HMAP_LOAD_NUM 3
#define HMAP_LOAD_DEN 4

static size_t round_up_pow2(size_t n)
{
    size_t p = HMAP_MIN_BUCKETS;

    while (p < n)
        p <<= 1;
    return p;
}

static size_t bucket_of(const struct hmap *m, uint64_t h)
{
    return (size_t)(h & (uint64_t)(m->nbuckets - 1));
}

static uint64_t key_hash(const char *key)
{
    return hash_mix64(hash_str(key));
}

int hmap_init(struct hmap *m, size_t nbuckets_hint)
{
    m->nbuckets = round_up_pow2(nbuckets_hint);
    m->count = 0;
    m->buckets = calloc(m->nbuckets, sizeof *m->buckets);
    return m->buckets != NULL ? 0 : -1;
}

/* Chains are short; recursion depth is bounded by the load factor. */
static void free_chain(struct hmap_entry *e, hmap_free_fn free_value)
{
    if (e == NULL)
        return;
    free_chain(e->next, free_value);
    if (free_value != NULL)
        free_value(e->value);
    free(e->key);
    free(e);
}

void hmap_release(struct hmap *m, hmap_free_fn free_value)
{
    if (m->buckets == NULL)
        return;
    for (size_t i = 0; i < m->nbuckets; i++)
        free_chain(m->buckets[i], free_value);
    free(m->buckets);
    m->buckets = NULL;
    m->nbuckets = 0;
    m->count = 0;
}

static struct hmap_entry *find_entry(const struct hmap *m, const char *key, uint64_t h)
{
    struct hmap_entry *e;

    for (e = m->buckets[bucket_of(m, h)]; e != NULL; e = e->next)
        if (e->hash == h && strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

static int hmap_grow(struct hmap *m)
{
    size_t n = m->nbuckets * 2;
    struct hmap_entry **nb = calloc(n, sizeof *nb);

    if (nb == NULL)
        return -1;
    for (size_t i = 0; i < m->nbuckets; i++) {
        struct hmap_entry *e = m->buckets[i];
        while (e != NULL) {
            struct hmap_entry *next = e->next;
            size_t b = (size_t)(e->hash & (uint64_t)(n - 1));
            e->next = nb[b];
            nb[b] = e;
            e = next;
        }
    }
    free(m->buckets);
    m->buckets = nb;
    m->nbuckets = n;
    return 0;
}

int hmap_put(struct hmap *m, const char *key, void *value, void **old_value)
{
    uint64_t h = key_hash(key);
    struct hmap_entry *e = find_entry(m, key, h);
    size_t b;

    if (e != NULL) {
        if (old_value != NULL)
            *old_value = e->value;
        e->value = value;
        return 0;
    }
    if (old_value != NULL)
        *old_value = NULL;
    if ((m->count + 1) * HMAP_LOAD_DEN > m->nbuckets * HMAP_LOAD_NUM && hmap_grow(m) != 0)
        return -1;
    e = malloc(sizeof *e);
    if (e == NULL)
        return -1;
    e->key = malloc(strlen(key) + 1);
    if (e->key == NULL) {
        free(e);
        return -1;
    }
    strcpy(e->key, key);
    e->value = value;
    e->hash = h;
    b = bucket_of(m, h);
    e->next = m->buckets[b];
    m->buckets[b] = e;
    m->count++;
    return 0;
}

void *hmap_get(const struct hmap *m, const char *key)
{
    struct hmap_entry *e;

    if (m->buckets == NULL)
        return NULL;
    e = find_entry(m, key, key_hash(key));
    return e != NULL ? e->value : NULL;
}

void *hmap_remove(struct hmap *m, const char *key)
{
    uint64_t h = key_hash(key);
    struct hmap_entry **pp = &m->buckets[bucket_of(m, h)];

    for (; *pp != NULL; pp = &(*pp)->next) {
        struct hmap_entry *e = *pp;
        if (e->hash == h && strcmp(e->key, key) == 0) {
            void *value = e->value;
            *pp = e->next;
            free(e->key);
            free(e);
            m->count--;
            return value;
        }
    }
    return NULL;
}

int hmap_foreach(const struct hmap *m, hmap_iter_fn fn, void *ctx)
{
    for (size_t i = 0; i < m->nbuckets; i++) {
        for (struct hmap_entry *e = m->buckets[i]; e != NULL; e = e->next) {
            int rc = fn(e->key, e->value, ctx);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}
