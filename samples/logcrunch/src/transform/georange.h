/*
 * georange.h - offline IPv4 range to country table.
 */
#ifndef LC_GEORANGE_H
#define LC_GEORANGE_H

#include <stddef.h>
#include <stdint.h>

#define GEO_UNKNOWN "--"
#define GEO_PRIVATE "LAN"

const char *georange_lookup(uint32_t ip);
size_t georange_count(void);

#endif /* LC_GEORANGE_H */
