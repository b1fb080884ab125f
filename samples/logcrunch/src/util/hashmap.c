/*
 * hashmap.c - linear-probing hash map; load factor kept under 0.7.
 */
#include "util/hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "transform/hash.h"

static uint32_t key_hash(const char *key)
{
    return hash_mix32(HASH_STR(key));
}

static size_t round_pow2(size_t n)
{
    size_t p = 16;

    while (p < n && p < ((size_t)-1 >> 1))
        p <<= 1;
    return p;
}

int hm_init(struct hashmap *m, size_t initial)
{
    m->cap = round_pow2(initial);
    m->len = 0;
    m->slots = calloc(m->cap, sizeof *m->slots);
    return m->slots != NULL ? 0 : -1;
}

/* Index of key's slot, or of the empty slot where it would go. */
static size_t probe(const struct hm_slot *slots, size_t cap, const char *key,
                    uint32_t h)
{
    size_t mask = cap - 1;
    size_t i = h & mask;

    while (slots[i].key != NULL) {
        if (slots[i].hash == h && strcmp(slots[i].key, key) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

static int grow(struct hashmap *m)
{
    size_t ncap = m->cap * 2;
    struct hm_slot *ns = calloc(ncap, sizeof *ns);
    size_t i;

    if (ns == NULL)
        return -1;
    for (i = 0; i < m->cap; i++) {
        if (m->slots[i].key != NULL) {
            size_t j = probe(ns, ncap, m->slots[i].key, m->slots[i].hash);
            ns[j] = m->slots[i];
        }
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return 0;
}

long long *hm_lookup(const struct hashmap *m, const char *key)
{
    size_t i;

    if (m->slots == NULL)
        return NULL;
    i = probe(m->slots, m->cap, key, key_hash(key));
    return m->slots[i].key != NULL ? &m->slots[i].value : NULL;
}

int hm_contains(const struct hashmap *m, const char *key)
{
    return hm_lookup(m, key) != NULL;
}

int hm_add(struct hashmap *m, const char *key, long long delta)
{
    uint32_t h = key_hash(key);
    size_t i;

    if (m->slots == NULL && hm_init(m, 16) != 0)
        return -1;
    if ((m->len + 1) * 10 > m->cap * 7 && grow(m) != 0)
        return -1;
    i = probe(m->slots, m->cap, key, h);
    if (m->slots[i].key == NULL) {
        char *copy = malloc(strlen(key) + 1);
        if (copy == NULL)
            return -1;
        strcpy(copy, key);
        m->slots[i].key = copy;
        m->slots[i].hash = h;
        m->slots[i].value = 0;
        m->len++;
    }
    m->slots[i].value += delta;
    return 0;
}

size_t hm_size(const struct hashmap *m)
{
    return m->len;
}

void hm_foreach(const struct hashmap *m, hm_visit_fn fn, void *ctx)
{
    size_t i;

    for (i = 0; i < m->cap; i++)
        if (m->slots[i].key != NULL)
            fn(m->slots[i].key, m->slots[i].value, ctx);
}

void hm_free(struct hashmap *m)
{
    size_t i;

    for (i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    m->slots = NULL;
    m->cap = 0;
    m->len = 0;
}
