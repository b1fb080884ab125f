/*
 * slow.c - requests slower than the -s threshold, and the slowest few.
 *
 * Only lines that carry a %D duration field take part.
 */
#include <string.h>

#include "cli/options.h"
#include "io/writer.h"
#include "parse/date.h"
#include "parse/record.h"
#include "plugins/plugins.h"

#define SLOW_KEEP 10

struct slow_entry {
    long long duration_us;
    long long epoch;
    uint32_t ip;
    int has_ip;
    int status;
    char path[160];
};

static struct slow_entry g_slowest[SLOW_KEEP];   /* sorted, slowest first */
static size_t g_kept;
static long g_threshold_us;
static unsigned long g_over;
static unsigned long g_timed;
static unsigned long g_untimed;

int slow_init(const struct options *opts)
{
    memset(g_slowest, 0, sizeof g_slowest);
    g_kept = 0;
    g_threshold_us = opts->slow_us;
    g_over = 0;
    g_timed = 0;
    g_untimed = 0;
    return 0;
}

/* Insertion into the fixed-size, descending g_slowest array. */
static void keep_if_slowest(const struct record *rec)
{
    size_t pos = g_kept;
    size_t n;
    struct slow_entry e;

    while (pos > 0 && g_slowest[pos - 1].duration_us < rec->duration_us)
        pos--;
    if (pos >= SLOW_KEEP)
        return;

    memset(&e, 0, sizeof e);
    e.duration_us = rec->duration_us;
    e.epoch = rec->epoch;
    e.ip = rec->ipv4;
    e.has_ip = rec->has_ip;
    e.status = rec->status;
    n = strlen(rec->path);
    if (n >= sizeof e.path)
        n = sizeof e.path - 1;          /* e was zeroed: stays terminated */
    memcpy(e.path, rec->path, n);

    if (g_kept < SLOW_KEEP)
        g_kept++;
    memmove(&g_slowest[pos + 1], &g_slowest[pos],
            (g_kept - 1 - pos) * sizeof g_slowest[0]);
    g_slowest[pos] = e;
}

void slow_on_record(const struct record *rec)
{
    if (rec->duration_us < 0) {
        g_untimed++;
        return;
    }
    g_timed++;
    if (rec->duration_us >= g_threshold_us)
        g_over++;
    keep_if_slowest(rec);
}

void slow_finish(FILE *out)
{
    char key[256];
    char when[32];
    size_t i;

    out_section(out, "slow");
    OUT_COUNT(out, "slow", "threshold (us)", g_threshold_us);
    OUT_COUNT(out, "slow", "timed requests", g_timed);
    OUT_COUNT(out, "slow", "untimed requests", g_untimed);
    OUT_COUNT(out, "slow", "over threshold", g_over);
    for (i = 0; i < g_kept; i++) {
        const struct slow_entry *e = &g_slowest[i];
        if (date_format_iso(e->epoch, when, sizeof when) != 0)
            strcpy(when, "?");
        snprintf(key, sizeof key, "#%zu %s %s %s %d", i + 1, when,
                 e->has_ip ? fmt_ip(e->ip) : "-", e->path, e->status);
        OUT_COUNT(out, "slow", key, e->duration_us);
    }
}
