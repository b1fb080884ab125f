/* hash.h — a fast non-cryptographic 64-bit hash of bytes, for cache keys
 * and checksums (good spread, not collision-resistant against an adversary).
 * Ownership: nothing is allocated. */
#ifndef SEAM_HASH_H
#define SEAM_HASH_H
#include <stddef.h>
#include <stdint.h>

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed);
/* Folds v into h (order matters): hash_mix(hash_mix(s, a), b). */
uint64_t hash_mix(uint64_t h, uint64_t v);
/* hash_bytes of a NUL-terminated string, with NULL distinct from "". */
uint64_t hash_str(const char *s, uint64_t seed);

#endif
