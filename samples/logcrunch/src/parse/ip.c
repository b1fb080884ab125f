/*
 * ip.c - strict dotted-quad parsing and formatting.
 */
#include "parse/ip.h"

#include <stdio.h>
#include <string.h>

struct cidr {
    uint32_t net;
    unsigned prefix;
};

/* RFC 1918 and friends: never sent to the geo table. */
static const struct cidr private_ranges[] = {
    { IPV4(10, 0, 0, 0), 8 },
    { IPV4(172, 16, 0, 0), 12 },
    { IPV4(192, 168, 0, 0), 16 },
    { IPV4(127, 0, 0, 0), 8 },
    { IPV4(169, 254, 0, 0), 16 },
};

/* One octet: 1-3 digits, no leading zeros, value <= 255. */
static const char *parse_octet(const char *s, unsigned *out)
{
    unsigned v = 0;
    int n = 0;

    while (s[n] >= '0' && s[n] <= '9') {
        if (n == 3)
            return NULL;
        v = v * 10 + (unsigned)(s[n] - '0');
        n++;
    }
    if (n == 0 || v > 255 || (n > 1 && s[0] == '0'))
        return NULL;
    *out = v;
    return s + n;
}

int ip_parse_v4(const char *s, uint32_t *out)
{
    uint32_t ip = 0;
    unsigned octet;
    int i;

    for (i = 0; i < 4; i++) {
        s = parse_octet(s, &octet);
        if (s == NULL)
            return -1;
        ip = (ip << 8) | octet;
        if (i < 3) {
            if (*s != '.')
                return -1;
            s++;
        }
    }
    if (*s != '\0')
        return -1;
    *out = ip;
    return 0;
}

int ip_parse_cidr(const char *s, uint32_t *net, unsigned *prefix)
{
    char addr[16];
    const char *slash = strchr(s, '/');
    size_t n;
    unsigned bits = 0;

    if (slash == NULL)
        return -1;
    n = (size_t)(slash - s);
    if (n == 0 || n >= sizeof addr)
        return -1;
    memcpy(addr, s, n);
    addr[n] = '\0';
    if (ip_parse_v4(addr, net) != 0)
        return -1;
    for (s = slash + 1; *s >= '0' && *s <= '9'; s++)
        bits = bits * 10 + (unsigned)(*s - '0');
    if (*s != '\0' || s == slash + 1 || bits > 32)
        return -1;
    *prefix = bits;
    *net &= ip_mask(bits);
    return 0;
}

int ip_format_v4(uint32_t ip, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%u.%u.%u.%u",
                     (unsigned)(ip >> 24) & 0xffu, (unsigned)(ip >> 16) & 0xffu,
                     (unsigned)(ip >> 8) & 0xffu, (unsigned)ip & 0xffu);

    return (n < 0 || (size_t)n >= cap) ? -1 : 0;
}

uint32_t ip_mask(unsigned prefix)
{
    if (prefix == 0)
        return 0;
    if (prefix >= 32)
        return 0xffffffffu;
    return 0xffffffffu << (32 - prefix);
}

int ip_in_cidr(uint32_t ip, uint32_t net, unsigned prefix)
{
    uint32_t mask = ip_mask(prefix);

    return (ip & mask) == (net & mask);
}

int ip_is_private(uint32_t ip)
{
    size_t i;

    for (i = 0; i < sizeof private_ranges / sizeof private_ranges[0]; i++)
        if (ip_in_cidr(ip, private_ranges[i].net, private_ranges[i].prefix))
            return 1;
    return 0;
}
