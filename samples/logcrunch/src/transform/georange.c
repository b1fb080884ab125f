/*
 * georange.c - a tiny built-in geo table.
 *
 * The ranges are fabricated for the sample (documentation and test
 * networks); a real deployment would load a vendor database.  The lookup
 * is a linear scan and deliberately slow, which is why the geo plugin
 * puts a memo cache in front of it.
 */
#include "transform/georange.h"

#include "parse/ip.h"

struct geo_range {
    uint32_t net;
    unsigned prefix;
    const char *country;
};

static const struct geo_range geo_ranges[] = {
    { IPV4(192, 0, 2, 0), 24, "NL" },       /* TEST-NET-1 */
    { IPV4(198, 51, 100, 0), 24, "DE" },    /* TEST-NET-2 */
    { IPV4(203, 0, 113, 0), 25, "JP" },     /* TEST-NET-3, lower half */
    { IPV4(203, 0, 113, 128), 25, "AU" },   /* TEST-NET-3, upper half */
    { IPV4(198, 18, 0, 0), 15, "US" },      /* benchmarking */
    { IPV4(100, 64, 0, 0), 10, "BR" },      /* shared address space */
    { IPV4(233, 252, 0, 0), 24, "FR" },     /* MCAST-TEST-NET */
    { IPV4(45, 0, 0, 0), 8, "US" },
    { IPV4(81, 0, 0, 0), 8, "GB" },
    { IPV4(91, 0, 0, 0), 8, "RU" },
    { IPV4(101, 0, 0, 0), 8, "CN" },
    { IPV4(177, 0, 0, 0), 8, "BR" },
    { IPV4(185, 0, 0, 0), 8, "EU" },
};

const char *georange_lookup(uint32_t ip)
{
    size_t i;
    const char *best = GEO_UNKNOWN;
    unsigned best_prefix = 0;

    if (ip_is_private(ip))
        return GEO_PRIVATE;
    /* Longest prefix wins; the table is small and unsorted. */
    for (i = 0; i < sizeof geo_ranges / sizeof geo_ranges[0]; i++) {
        const struct geo_range *r = &geo_ranges[i];
        if (r->prefix > best_prefix && ip_in_cidr(ip, r->net, r->prefix)) {
            best = r->country;
            best_prefix = r->prefix;
        }
    }
    return best;
}

size_t georange_count(void)
{
    return sizeof geo_ranges / sizeof geo_ranges[0];
}
