/*
 * memo.h - process-wide memo cache for expensive lookups.
 *
 * Entries are (namespace, key) -> short string.  The table is a global,
 * two-way set-associative array; the least recently stored of the two
 * candidate slots is evicted.  Hit and miss counters are exported so the
 * report can show how well the cache works.
 */
#ifndef LC_MEMO_H
#define LC_MEMO_H

#include <stddef.h>

#define MEMO_NS_GEO 'g'
#define MEMO_NS_UA 'u'

struct memo_stats {
    unsigned long hits;
    unsigned long misses;
    unsigned long stores;
    unsigned long evictions;
    unsigned long resets;
};

extern struct memo_stats g_memo_stats;

int memo_get(char ns, const char *key, char *out, size_t cap);
void memo_put(char ns, const char *key, const char *value);
void memo_reset(void);
double memo_hit_ratio(void);
size_t memo_capacity(void);

#endif /* LC_MEMO_H */
