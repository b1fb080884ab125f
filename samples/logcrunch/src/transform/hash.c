/*
 * hash.c - FNV-1a, CRC-32 and the old tool's line checksum.
 */
#include "transform/hash.h"

#define FNV32_OFFSET 0x811c9dc5u
#define FNV32_PRIME 0x01000193u
#define FNV64_OFFSET 0xcbf29ce484222325ull
#define FNV64_PRIME 0x00000100000001b3ull
#define CRC32_POLY 0xedb88320u

uint32_t fnv1a_32(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint32_t h = FNV32_OFFSET;

    while (len-- > 0) {
        h ^= *p++;
        h *= FNV32_PRIME;
    }
    return h;
}

uint64_t fnv1a_64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = FNV64_OFFSET;

    while (len-- > 0) {
        h ^= *p++;
        h *= FNV64_PRIME;
    }
    return h;
}

/* Bitwise CRC-32 (IEEE 802.3); slow but table-free. */
uint32_t crc32_compute(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint32_t crc = 0xffffffffu;
    int k;

    while (len-- > 0) {
        crc ^= *p++;
        for (k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (CRC32_POLY & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

/*
 * The rolling checksum the original Perl log tool stored in its state
 * files to recognise a rotated log by its first line.  Kept bit-for-bit
 * compatible, and in its original old-style definition.
 */
int legacy_checksum(buf, len)
    const char *buf;
    size_t len;
{
    unsigned int sum = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        sum = (sum << 3) | (sum >> 29);
        sum += (unsigned char)buf[i];
    }
    return (int)(sum & 0x7fffffffu);
}
