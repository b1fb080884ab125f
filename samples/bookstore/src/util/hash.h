/* hash.h - FNV-1a hashing shared by the hash map, auth signatures and carts. */
#ifndef BOOKSTORE_UTIL_HASH_H
#define BOOKSTORE_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define HASH_FNV1A_OFFSET UINT64_C(14695981039346656037)
#define HASH_FNV1A_PRIME UINT64_C(1099511628211)

static inline uint64_t hash_fnv1a(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed;

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= HASH_FNV1A_PRIME;
    }
    return h;
}

static inline uint64_t hash_str(const char *s)
{
    return hash_fnv1a(s, strlen(s), HASH_FNV1A_OFFSET);
}

/* splitmix64 finaliser: spreads FNV output across all bits. */
static inline uint64_t hash_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

#endif
