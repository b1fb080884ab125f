/*
 * memo.c - the global memo table.
 */
#include "cache/memo.h"

#include <string.h>

#include "transform/hash.h"

#define MEMO_SLOTS 512          /* must be even: slots are used in pairs */
#define MEMO_KEY_MAX 48
#define MEMO_VALUE_MAX 16

struct memo_entry {
    int used;
    char ns;
    uint32_t hash;
    unsigned long stamp;        /* store order, for eviction */
    char key[MEMO_KEY_MAX];
    char value[MEMO_VALUE_MAX];
};

static struct memo_entry g_memo[MEMO_SLOTS];

struct memo_stats g_memo_stats;

/* First slot of the key's pair; depends only on the arguments. */
static size_t memo_set_index(char ns, const char *key, uint32_t *hash_out)
{
    uint32_t h = hash_mix32(HASH_STR(key) ^ (uint32_t)(unsigned char)ns);

    *hash_out = h;
    return (size_t)(h % (MEMO_SLOTS / 2)) * 2;
}

static int entry_matches(const struct memo_entry *e, char ns, const char *key,
                         uint32_t h)
{
    return e->used && e->ns == ns && e->hash == h && strcmp(e->key, key) == 0;
}

int memo_get(char ns, const char *key, char *out, size_t cap)
{
    uint32_t h;
    size_t base = memo_set_index(ns, key, &h);
    size_t i;

    for (i = base; i < base + 2; i++) {
        if (entry_matches(&g_memo[i], ns, key, h)) {
            g_memo_stats.hits++;
            if (cap > 0) {
                strncpy(out, g_memo[i].value, cap - 1);
                out[cap - 1] = '\0';
            }
            return 1;
        }
    }
    g_memo_stats.misses++;
    return 0;
}

void memo_put(char ns, const char *key, const char *value)
{
    static unsigned long s_clock;   /* monotonically increasing store stamp */
    uint32_t h;
    size_t base = memo_set_index(ns, key, &h);
    size_t victim = base;

    if (strlen(key) >= MEMO_KEY_MAX || strlen(value) >= MEMO_VALUE_MAX)
        return;                     /* not worth caching */

    if (entry_matches(&g_memo[base], ns, key, h))
        victim = base;              /* refresh in place */
    else if (entry_matches(&g_memo[base + 1], ns, key, h))
        victim = base + 1;
    else if (!g_memo[base].used)
        victim = base;
    else if (!g_memo[base + 1].used)
        victim = base + 1;
    else {
        victim = g_memo[base].stamp <= g_memo[base + 1].stamp ? base : base + 1;
        g_memo_stats.evictions++;
    }

    g_memo[victim].used = 1;
    g_memo[victim].ns = ns;
    g_memo[victim].hash = h;
    g_memo[victim].stamp = ++s_clock;
    strcpy(g_memo[victim].key, key);
    strcpy(g_memo[victim].value, value);
    g_memo_stats.stores += 1;
}

/* Drop every entry (SIGHUP: the geo data may have been replaced). */
void memo_reset(void)
{
    memset(g_memo, 0, sizeof g_memo);
    g_memo_stats.hits = 0;
    g_memo_stats.misses = 0;
    g_memo_stats.stores = 0;
    g_memo_stats.evictions = 0;
    g_memo_stats.resets++;
}

double memo_hit_ratio(void)
{
    unsigned long total = g_memo_stats.hits + g_memo_stats.misses;

    return total ? (double)g_memo_stats.hits / (double)total : 0.0;
}

size_t memo_capacity(void)
{
    return MEMO_SLOTS;
}
