/* hmap.h - string-keyed chained hash map; keys are copied, values stay the caller's. */
#ifndef BOOKSTORE_UTIL_HMAP_H
#define BOOKSTORE_UTIL_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_entry {
    char *key;
    void *value;
    uint64_t hash;
    struct hmap_entry *next;
};

struct hmap {
    struct hmap_entry **buckets;
    size_t nbuckets;    /* always a power of two */
    size_t count;
};

/* Return non-zero to stop the iteration; hmap_foreach returns that value. */
typedef int (*hmap_iter_fn)(const char *key, void *value, void *ctx);
typedef void (*hmap_free_fn)(void *value);

int hmap_init(struct hmap *m, size_t nbuckets_hint);
/* Frees entries and keys; calls free_value on each value when non-NULL. */
void hmap_release(struct hmap *m, hmap_free_fn free_value);
/* Inserts or replaces; the replaced value is stored in *old_value if given. */
int hmap_put(struct hmap *m, const char *key, void *value, void **old_value);
void *hmap_get(const struct hmap *m, const char *key);
void *hmap_remove(struct hmap *m, const char *key);
int hmap_foreach(const struct hmap *m, hmap_iter_fn fn, void *ctx);

static inline size_t hmap_count(const struct hmap *m)
{
    return m->count;
}

#endif
