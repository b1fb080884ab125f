/* hash.c — a fast non-cryptographic 64-bit hash (8 bytes a step, splitmix finaliser) */
#include "hash.h"
#include <string.h>

static uint64_t fmix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

uint64_t hash_mix(uint64_t h, uint64_t v)
{
	return fmix(h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)));
}

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = fmix(seed ^ ((uint64_t)len * 0x9e3779b97f4a7c15ull));
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t k;
		memcpy(&k, p, 8);
		h = (h ^ fmix(k)) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t tail = 0;
	for (size_t i = 0; i < len; i++)
		tail |= (uint64_t)p[i] << (8 * i);
	return fmix(h ^ fmix(tail ^ len));
}

uint64_t hash_str(const char *s, uint64_t seed)
{
	return s ? hash_bytes(s, strlen(s), seed) : fmix(seed ^ 0x5eed0f0f0f0full);
}
