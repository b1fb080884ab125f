/*
 * geo.c - requests per country.
 *
 * georange_lookup() scans a table, so answers are memoised per address in
 * the global memo cache; the report shows its hit/miss counters.
 */
#include <stdlib.h>
#include <string.h>

#include "cache/memo.h"
#include "io/writer.h"
#include "parse/ip.h"
#include "parse/record.h"
#include "plugins/plugins.h"
#include "transform/georange.h"

#define GEO_MAX_COUNTRIES 64

struct country_count {
    char code[4];
    unsigned long hits;
};

static struct country_count g_countries[GEO_MAX_COUNTRIES];
static size_t g_ncountries;
static unsigned long g_no_address;
static unsigned long g_overflow;

/* qsort comparator: most requests first, then by code. */
static int cmp_country(const void *a, const void *b)
{
    const struct country_count *x = a;
    const struct country_count *y = b;

    if (x->hits != y->hits)
        return x->hits < y->hits ? 1 : -1;
    return strcmp(x->code, y->code);
}

static void country_of(uint32_t ip, char *code, size_t cap)
{
    char key[16];

    if (ip_format_v4(ip, key, sizeof key) != 0) {
        snprintf(code, cap, "%s", GEO_UNKNOWN);
        return;
    }
    if (memo_get(MEMO_NS_GEO, key, code, cap))
        return;
    snprintf(code, cap, "%s", georange_lookup(ip));
    memo_put(MEMO_NS_GEO, key, code);
}

static void tally(const char *code)
{
    size_t i;

    for (i = 0; i < g_ncountries; i++) {
        if (strcmp(g_countries[i].code, code) == 0) {
            g_countries[i].hits++;
            return;
        }
    }
    if (g_ncountries == GEO_MAX_COUNTRIES) {
        g_overflow++;
        return;
    }
    snprintf(g_countries[g_ncountries].code, sizeof g_countries[0].code,
             "%s", code);
    g_countries[g_ncountries].hits = 1;
    g_ncountries++;
}

int geo_init(const struct options *opts)
{
    (void)opts;
    memset(g_countries, 0, sizeof g_countries);
    g_ncountries = 0;
    g_no_address = 0;
    g_overflow = 0;
    return 0;
}

void geo_on_record(const struct record *rec)
{
    char code[4];

    if (!rec->has_ip) {
        g_no_address++;
        return;
    }
    country_of(rec->ipv4, code, sizeof code);
    tally(code);
}

void geo_finish(FILE *out)
{
    size_t i;

    qsort(g_countries, g_ncountries, sizeof g_countries[0], cmp_country);
    out_section(out, "geo");
    for (i = 0; i < g_ncountries; i++)
        OUT_COUNT(out, "geo", g_countries[i].code, g_countries[i].hits);
    if (g_no_address > 0)
        OUT_COUNT(out, "geo", "(no address)", g_no_address);
    if (g_overflow > 0)
        OUT_COUNT(out, "geo", "(other)", g_overflow);
    OUT_COUNT(out, "geo", "memo hits", g_memo_stats.hits);
    OUT_COUNT(out, "geo", "memo misses", g_memo_stats.misses);
    OUT_COUNT(out, "geo", "memo evictions", g_memo_stats.evictions);
    out_row_ratio(out, "geo", "memo hit ratio", memo_hit_ratio());
}
