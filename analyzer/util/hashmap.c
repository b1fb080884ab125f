/* hashmap.c — open-addressing hash maps (linear probing, power-of-two tables) */
#include "hashmap.h"
#include "hash.h"
#include "xalloc.h"
#include <string.h>

uint64_t hashmap_hash_string(const char *s)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a (64-bit offset basis) */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t hash_key(const struct hashmap *m, const void *key)
{
	if (!m->by_pointer)
		return hash_bytes(key, strlen(key), 0); /* eight bytes a step; FNV-1a went byte by byte */
	uint64_t x = (uint64_t)(uintptr_t)key;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static bool key_eq(const struct hashmap *m, const void *a, const void *b)
{
	return m->by_pointer ? a == b : strcmp(a, b) == 0;
}

void hashmap_init(struct hashmap *m, bool by_pointer)
{
	m->slots = NULL;
	m->cap = m->count = 0;
	m->by_pointer = by_pointer;
}

void hashmap_release(struct hashmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

static struct hashmap_slot *find_slot(const struct hashmap *m, const void *key, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct hashmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && key_eq(m, s->key, key)))
			return s;
	}
}

static void grow(struct hashmap *m)
{
	struct hashmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find_slot(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

bool hashmap_get(const struct hashmap *m, const void *key, uint32_t *value)
{
	if (!m->cap)
		return false;
	struct hashmap_slot *s = find_slot(m, key, hash_key(m, key));
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

const void *hashmap_find_key(const struct hashmap *m, const void *key)
{
	if (!m->cap)
		return NULL;
	return find_slot(m, key, hash_key(m, key))->key;
}

/* key's slot, with room made first for it to be filled; *h is key's hash */
static struct hashmap_slot *slot_to_fill(struct hashmap *m, const void *key, uint64_t *h)
{
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	*h = hash_key(m, key);
	return find_slot(m, key, *h);
}

static void fill(struct hashmap *m, struct hashmap_slot *s, const void *key, uint64_t h, uint32_t value)
{
	s->key = key;
	s->hash = h;
	s->value = value;
	m->count++;
}

void hashmap_put(struct hashmap *m, const void *key, uint32_t value)
{
	uint64_t h;
	struct hashmap_slot *s = slot_to_fill(m, key, &h);
	if (s->key)
		s->value = value;
	else
		fill(m, s, key, h, value);
}

bool hashmap_put_new(struct hashmap *m, const void *key, uint32_t value)
{
	uint64_t h;
	struct hashmap_slot *s = slot_to_fill(m, key, &h);
	if (s->key)
		return false;
	fill(m, s, key, h, value);
	return true;
}

const void *hashmap_intern(struct hashmap *m, const void *key, hashmap_copy_fn copy, void *ctx)
{
	uint64_t h;
	struct hashmap_slot *s = slot_to_fill(m, key, &h);
	if (!s->key)
		fill(m, s, copy(key, ctx), h, 0);
	return s->key;
}
