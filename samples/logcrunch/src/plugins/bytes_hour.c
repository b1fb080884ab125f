/*
 * bytes_hour.c - traffic volume per hour of day (in the logged zone).
 */
#include <limits.h>
#include <string.h>

#include "io/writer.h"
#include "parse/date.h"
#include "parse/record.h"
#include "plugins/plugins.h"

struct span {
    long long first;
    long long last;
};

static long long g_bytes[24];
static unsigned long g_requests[24];
static long long g_total_bytes;
static struct span g_span;

int bytes_hour_init(const struct options *opts)
{
    (void)opts;
    memset(g_bytes, 0, sizeof g_bytes);
    memset(g_requests, 0, sizeof g_requests);
    g_total_bytes = 0;
    g_span.first = LLONG_MAX;
    g_span.last = LLONG_MIN;
    return 0;
}

void bytes_hour_on_record(const struct record *rec)
{
    int h = date_hour_local(rec->epoch, rec->tz_offset_min);

    g_bytes[h] += rec->bytes;
    g_requests[h]++;
    g_total_bytes += rec->bytes;
    if (rec->epoch < g_span.first)
        g_span.first = rec->epoch;
    if (rec->epoch > g_span.last)
        g_span.last = rec->epoch;
}

void bytes_hour_finish(FILE *out)
{
    char key[32];
    char when[32];
    int h;
    int peak = -1;

    out_section(out, "bytes-per-hour");
    if (g_span.first > g_span.last) {
        OUT_COUNT(out, "bytes-per-hour", "requests", 0);
        return;
    }
    if (date_format_iso(g_span.first, when, sizeof when) == 0)
        out_row_text(out, "bytes-per-hour", "first request", when);
    if (date_format_iso(g_span.last, when, sizeof when) == 0)
        out_row_text(out, "bytes-per-hour", "last request", when);

    for (h = 0; h < 24; h++) {
        if (g_requests[h] == 0)
            continue;
        snprintf(key, sizeof key, "%02d:00 bytes", h);
        OUT_COUNT(out, "bytes-per-hour", key, g_bytes[h]);
        snprintf(key, sizeof key, "%02d:00 requests", h);
        OUT_COUNT(out, "bytes-per-hour", key, g_requests[h]);
        if (peak < 0 || g_bytes[h] > g_bytes[peak])
            peak = h;
    }
    OUT_COUNT(out, "bytes-per-hour", "total bytes", g_total_bytes);
    if (peak >= 0)
        OUT_COUNT(out, "bytes-per-hour", "peak hour", peak);
}
