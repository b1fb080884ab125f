/*
 * ip.h - IPv4 address helpers (host byte order).
 */
#ifndef LC_IP_H
#define LC_IP_H

#include <stddef.h>
#include <stdint.h>

#define IPV4(a, b, c, d) \
    (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | \
     ((uint32_t)(c) << 8) | (uint32_t)(d))

int ip_parse_v4(const char *s, uint32_t *out);
int ip_parse_cidr(const char *s, uint32_t *net, unsigned *prefix);
int ip_format_v4(uint32_t ip, char *buf, size_t cap);
uint32_t ip_mask(unsigned prefix);
int ip_in_cidr(uint32_t ip, uint32_t net, unsigned prefix);
int ip_is_private(uint32_t ip);

#endif /* LC_IP_H */
