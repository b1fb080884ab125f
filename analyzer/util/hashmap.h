/* hashmap.h — open-addressing maps from strings or pointers to 32-bit values.
 * Ownership: a map stores the key pointers it is given (it copies nothing);
 * keys must outlive the map. hashmap_release() frees the table only. */
#ifndef SEAM_HASHMAP_H
#define SEAM_HASHMAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hashmap_slot {
	const void *key; /* NULL = empty */
	uint64_t hash;
	uint32_t value;
};

struct hashmap {
	struct hashmap_slot *slots;
	size_t cap, count;
	bool by_pointer; /* keys compared as pointers, not as strings */
};

void hashmap_init(struct hashmap *m, bool by_pointer);
void hashmap_release(struct hashmap *m);
/* Returns true and sets *value when the key is present. */
bool hashmap_get(const struct hashmap *m, const void *key, uint32_t *value);
/* The stored key equal to key, or NULL (for interning). */
const void *hashmap_find_key(const struct hashmap *m, const void *key);
/* Inserts or overwrites. */
void hashmap_put(struct hashmap *m, const void *key, uint32_t value);
/* Inserts unless an equal key is stored: true when it inserted, false (and
 * the map unchanged) when the key was there. One hash for both. */
bool hashmap_put_new(struct hashmap *m, const void *key, uint32_t value);
/* Makes a key to store from one equal to key (for interning, a copy that outlives the map). */
typedef const void *(*hashmap_copy_fn)(const void *key, void *ctx);
/* The stored key equal to key; when there is none, stores copy(key, ctx)
 * with value 0 and returns that. One hash for both (for interning). */
const void *hashmap_intern(struct hashmap *m, const void *key, hashmap_copy_fn copy, void *ctx);
/* 64-bit FNV-1a of s: a stable value for fingerprints (the tables hash differently). */
uint64_t hashmap_hash_string(const char *s);

#endif
