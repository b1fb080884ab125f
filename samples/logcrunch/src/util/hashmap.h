/*
 * hashmap.h - string -> long long map with open addressing.
 *
 * The map itself is a plain struct owned by the caller (usually a plugin's
 * file-static state); keys are copied into the map.
 */
#ifndef LC_HASHMAP_H
#define LC_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

struct hm_slot {
    char *key;          /* NULL marks an empty slot */
    uint32_t hash;
    long long value;
};

struct hashmap {
    struct hm_slot *slots;
    size_t cap;         /* always a power of two */
    size_t len;
};

typedef void (*hm_visit_fn)(const char *key, long long value, void *ctx);

int hm_init(struct hashmap *m, size_t initial);
long long *hm_lookup(const struct hashmap *m, const char *key);
int hm_contains(const struct hashmap *m, const char *key);
int hm_add(struct hashmap *m, const char *key, long long delta);
size_t hm_size(const struct hashmap *m);
void hm_foreach(const struct hashmap *m, hm_visit_fn fn, void *ctx);
void hm_free(struct hashmap *m);

#endif /* LC_HASHMAP_H */
