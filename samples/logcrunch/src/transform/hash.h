/*
 * hash.h - checksums and hash functions over caller-provided bytes.
 */
#ifndef LC_HASH_H
#define LC_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

uint32_t fnv1a_32(const void *data, size_t len);
uint64_t fnv1a_64(const void *data, size_t len);
uint32_t crc32_compute(const void *data, size_t len);
int legacy_checksum(const char *buf, size_t len);

/* Hash a NUL-terminated string; expands to a call of fnv1a_32(). */
#define HASH_STR(s) fnv1a_32((s), strlen(s))

/*
 * Final avalanche step (MurmurHash3 fmix32).  Used by the hash map, the
 * memo cache and the visitors plugin to spread FNV output over buckets.
 */
static inline uint32_t hash_mix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

#endif /* LC_HASH_H */
